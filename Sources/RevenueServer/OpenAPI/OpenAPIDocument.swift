import Definitions

/// The OpenAPI 3.1 document of the API, served at `/openapi.json`.
///
/// It is written as YAML in `openapi.yaml` next to this file, compiled into the binary, and
/// converted to JSON once. A test checks that its operations are exactly the routes the
/// server registers, and schemathesis checks the replies against it.
enum OpenAPIDocument {
    /// The document as JSON.
    static let json: [UInt8] = {
        let text = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)
        do throws(DocumentSyntaxError) {
            let documents = try YAMLDocumentParser.parse(text)
            guard documents.count == 1 else { preconditionFailure("openapi.yaml holds \(documents.count) documents, not one") }
            var out: [UInt8] = []
            CompactJSON.append(documents[0], to: &out)
            return out
        } catch {
            // The file is part of the build, and a test parses it: this cannot happen at run time.
            preconditionFailure("openapi.yaml is not valid YAML: line \(error.position.line): \(error.message)")
        }
    }()

    /// Every operation of the document: `GET /v1/quotes/{id}`.
    static func operations() -> Set<String> {
        guard let root = try? JSONDocumentParser.parse(json), case .mapping(let top) = root.content,
              case .mapping(let paths)? = top.first(where: { $0.key == "paths" })?.value.content
        else { return [] }
        var operations = Set<String>()
        for path in paths {
            guard case .mapping(let methods) = path.value.content else { continue }
            for method in methods.map(\.key) where Self.methods.contains(method) {
                operations.insert("\(method.uppercased()) \(path.key)")
            }
        }
        return operations
    }

    private static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
}
