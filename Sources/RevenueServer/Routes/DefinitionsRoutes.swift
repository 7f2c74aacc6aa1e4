import Catalog
import HTTPTypes
import Definitions
import Foundation
import Publishing
import Storage

/// `/v1/definitions`: the workspace of drafts, validation, publishing, versions, export, the
/// semantic diff and rollback.
enum DefinitionsRoutes {
    static var endpoints: [Endpoint] {
        [
            Endpoint(.get, "/v1/definitions/drafts", .read) { call in
                let files = try await call.backend.store.drafts()
                return .json { out in out.object { writeFiles(files, out) } }
            },
            Endpoint(.put, "/v1/definitions/drafts", .editDefinitions) { call in
                let files = try call.object(readFiles)
                try await call.backend.store.replaceDrafts(files)
                return .json { out in out.object { out.field("files", files.count) } }
            },
            Endpoint(.post, "/v1/definitions/validate", .editDefinitions) { call in
                let files: [DefinitionFile]
                if call.body.isEmpty {
                    files = try await call.backend.store.drafts()
                } else {
                    files = try call.object(readFiles)
                }
                if case .failure(let failure) = CompiledDefinitions.compile(files) {
                    throw Problem.definitions(failure.diagnostics)
                }
                return .json { out in out.object {
                    out.field("valid", true)
                    out.field("files", files.count)
                } }
            },
            Endpoint(.post, "/v1/definitions/publish", .editDefinitions, creates: true) { call in
                let (comment, basedOn) = try call.object { reader -> (String, Int?)? in
                    (reader.string("comment", required: false) ?? "", reader.integer("basedOn", required: false, in: 1...Int(Int32.max)))
                }
                let outcome = try await DefinitionsLifecycle(store: call.backend.store)
                    .publishWorkspace(author: call.author, comment: comment, at: call.backend.now(), basedOn: basedOn)
                _ = try? await call.backend.definitions.refresh()
                return reply(outcome)
            },
            Endpoint(.post, "/v1/definitions/rollback", .editDefinitions, creates: true) { call in
                let (number, comment) = try call.object { reader -> (Int, String)? in
                    guard let number = reader.integer("version", in: 1...Int(Int32.max)) else { return nil }
                    return (number, reader.string("comment", required: false) ?? "rollback to version \(number)")
                }
                let outcome = try await DefinitionsLifecycle(store: call.backend.store)
                    .rollback(to: number, author: call.author, comment: comment, at: call.backend.now())
                _ = try? await call.backend.definitions.refresh()
                return reply(outcome)
            },
            Endpoint(.get, "/v1/definitions/versions", .read) { call in
                let limit = try call.pageLimit()
                let before = try call.integer("cursor", in: 1...Int(Int32.max))
                // Newest first: the page is the versions below the cursor.
                let below = try await call.backend.store.versions().filter { version in before.map { version.number < $0 } ?? true }
                let page = Array(below.prefix(limit))
                let next = below.count > limit ? page.last.map { "\($0.number)" } : nil
                return .json { out in out.object {
                    out.key("items")
                    out.array(page) { write($0, out) }
                    out.field("nextCursor", next)
                } }
            },
            Endpoint(.get, "/v1/definitions/versions/:number", .read) { call in
                let number = try versionNumber(call)
                guard let version = try await call.backend.store.version(number) else {
                    throw Problem.notFound("there is no definitions version \(number)", pointer: "/number")
                }
                return .json { out in write(version, out) }
            },
            Endpoint(.get, "/v1/definitions/versions/:number/files", .read) { call in
                let number = try versionNumber(call)
                let files = try await call.backend.store.files(of: number)
                return .json { out in out.object {
                    out.field("version", number)
                    writeFiles(files, out)
                } }
            },
            Endpoint(.get, "/v1/definitions/diff", .read) { call in
                let from = try selection(call, "from", default: nil)
                let to = try selection(call, "to", default: .latest)
                let changes = try await DefinitionsLifecycle(store: call.backend.store).diff(from: from, to: to)
                return .json { out in out.object {
                    out.field("from", from.description)
                    out.field("to", to.description)
                    out.key("changes")
                    out.array(changes) { $0.write(to: out) }
                } }
            },
        ]
    }

    private static func reply(_ outcome: DefinitionsLifecycle.Outcome) -> Reply {
        switch outcome {
        case .published(let version):
            var reply = Reply.json(.created) { out in write(version, out, published: true) }
            reply.headers[.location] = "/v1/definitions/versions/\(version.number)"
            return reply
        case .unchanged(let version):
            return .json { out in write(version, out, published: false) }
        }
    }

    private static func versionNumber(_ call: Call) throws(Problem) -> Int {
        let text = try call.parameter("number")
        guard let number = Int(text), (1...Int(Int32.max)).contains(number) else {
            throw Problem(.badRequest, "InvalidParameter", "a version number is a whole number from 1, not '\(text)'",
                          pointer: "/number")
        }
        return number
    }

    private static func selection(_ call: Call, _ name: String, default fallback: DefinitionsLifecycle.Selection?)
        throws(Problem) -> DefinitionsLifecycle.Selection
    {
        guard let text = call.query(name) else {
            guard let fallback else {
                throw Problem.invalidParameter(name, "name what to compare with ?\(name)=N (a version), latest or workspace")
            }
            return fallback
        }
        guard let selection = DefinitionsLifecycle.Selection(text) else {
            throw Problem.invalidParameter(name, "?\(name) is a version number, latest or workspace, not '\(text)'")
        }
        return selection
    }

    /// `{"files": [{"path": "catalog/products.yaml", "content": "…"}]}`.
    private static func readFiles(_ reader: ObjectReader) -> [DefinitionFile]? {
        var files: [DefinitionFile] = []
        var paths = Set<String>()
        for file in reader.objects("files") {
            defer { file.finish() }
            guard let path = file.string("path"), let content = file.string("content") else { continue }
            guard paths.insert(path).inserted else {
                file.error("DuplicatePath", "path", "the path '\(path)' is given twice")
                continue
            }
            let lower = path.lowercased()
            guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") else {
                file.error("InvalidValue", "path", "a definitions file path ends in .yaml, .yml or .json, not '\(path)'")
                continue
            }
            files.append(DefinitionFile(path: path, bytes: Array(content.utf8)))
        }
        return files
    }

    private static func writeFiles(_ files: [DefinitionFile], _ out: JSONWriter) {
        out.key("files")
        out.array(files) { file in
            out.object {
                out.field("path", file.path)
                out.field("content", String(decoding: file.bytes, as: UTF8.self))
            }
        }
    }

    static func write(_ version: PublishedVersion, _ out: JSONWriter, published: Bool? = nil) {
        version.write(to: out) { out in
            if let published { out.field("published", published) }
        }
    }
}
