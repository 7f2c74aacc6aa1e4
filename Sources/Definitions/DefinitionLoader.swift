import Foundation
import Money

/// Everything read from a definitions tree: the documents, their files, and every problem found.
public struct LoadedDefinitions: Sendable {
    /// Documents whose header could be read, in path order.
    public var documents: [DefinitionDocument]
    /// The files by relative path, for error snippets.
    public var files: [String: SourceFile]
    /// Syntax and header problems (kind-specific problems come from the kind's compiler).
    public var diagnostics: [Diagnostic]

    /// Creates a result.
    public init(documents: [DefinitionDocument], files: [String: SourceFile], diagnostics: [Diagnostic]) {
        self.documents = documents
        self.files = files
        self.diagnostics = diagnostics
    }
}

/// Loads definitions documents (YAML and JSON, one schema) from a directory tree or from memory.
///
/// ```swift
/// let loaded = try DefinitionLoader.load(directory: "definitions")
/// for problem in loaded.diagnostics { print(problem) }
/// ```
public enum DefinitionLoader {
    /// File endings that are read; everything else (and hidden files) is ignored.
    public static let fileExtensions: Set<String> = ["yaml", "yml", "json"]

    /// An error that stops loading altogether (the directory itself is missing or unreadable).
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        public var description: String { message }
    }

    /// Reads every `.yaml`, `.yml` and `.json` file below `directory`, in path order.
    ///
    /// - Throws: ``LoadError`` when `directory` does not exist or is not a directory. Problems in
    ///   files are diagnostics, never thrown.
    public static func load(directory: String) throws(LoadError) -> LoadedDefinitions {
        let files = try files(in: directory)
        var result = load(files: files)
        if files.isEmpty {
            result.diagnostics.append(Diagnostic(code: "NoDefinitions",
                                                 at: DefinitionLocation(file: directory, line: 1, column: 1), path: "",
                                                 "no .yaml, .yml or .json files found"))
        }
        return result
    }

    /// The `.yaml`, `.yml` and `.json` files below `directory` (hidden ones skipped), as paths
    /// relative to it in path order with their bytes (`nil` for a file that cannot be read).
    ///
    /// - Throws: ``LoadError`` when `directory` does not exist or is not a directory.
    public static func files(in directory: String) throws(LoadError) -> [(path: String, bytes: [UInt8]?)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw LoadError(message: "\(directory): no such directory")
        }
        guard isDirectory.boolValue else { throw LoadError(message: "\(directory): not a directory") }
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw LoadError(message: "\(directory): cannot be read") }
        var paths: [(relative: String, url: URL)] = []
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        for case let url as URL in enumerator where fileExtensions.contains(url.pathExtension.lowercased()) {
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : url.lastPathComponent
            paths.append((relative, url))
        }
        paths.sort { $0.relative < $1.relative }
        return paths.map { relative, url in (relative, (try? Data(contentsOf: url)).map { Array($0) }) }
    }

    /// Reads files given as (relative path, bytes); `nil` bytes means the file could not be read.
    public static func load(files: [(path: String, bytes: [UInt8]?)]) -> LoadedDefinitions {
        let diagnostics = DiagnosticCollector()
        var documents: [DefinitionDocument] = []
        var sources: [String: SourceFile] = [:]
        for (path, bytes) in files {
            let start = DefinitionLocation(file: path, line: 1, column: 1)
            guard let bytes else {
                diagnostics.error("UnreadableFile", at: start, path: "", "the file cannot be read")
                continue
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.error("SyntaxError", at: start, path: "", "the file is not UTF-8 text")
                continue
            }
            if text.utf8.contains(0) {
                diagnostics.error("SyntaxError", at: start, path: "", "the file contains a NUL byte")
                continue
            }
            let source = SourceFile(path: path, text: text)
            sources[path] = source
            let roots: [DocumentNode]
            do {
                roots = path.lowercased().hasSuffix(".json")
                    ? [try JSONDocumentParser.parse(bytes)]
                    : try YAMLDocumentParser.parse(text)
            } catch {
                diagnostics.error("SyntaxError", at: DefinitionLocation(file: path, line: error.position.line,
                                                                         column: error.position.column),
                                  path: "", error.message)
                continue
            }
            let context = ObjectReader.Context(file: path, source: source, diagnostics: diagnostics)
            for (index, root) in roots.enumerated() {
                if let document = header(root, file: path, index: index, context: context) { documents.append(document) }
            }
        }
        checkVersions(documents, diagnostics)
        return LoadedDefinitions(documents: documents, files: sources, diagnostics: diagnostics.sorted)
    }

    /// Reads the common header. Returns `nil` only when kind or id is unreadable; other header
    /// problems are reported and the body is still read, so that one run shows every problem.
    static func header(_ root: DocumentNode, file: String, index: Int, context: ObjectReader.Context)
        -> DefinitionDocument?
    {
        guard let reader = ObjectReader(root, path: "", in: context) else { return nil }
        let kind = reader.string("kind")
        let id = reader.string("id")
        let version = reader.integer("version", in: 1...Int.max)
        let from = reader.date("effectiveFrom")
        let to = reader.date("effectiveTo", required: false)
        _ = reader.string("description", required: false)
        if let from, let to, to <= from {
            reader.error("InvalidValue", "effectiveTo", "effectiveTo \(to) must be after effectiveFrom \(from)")
        }
        guard let kind, let id else { return nil }
        return DefinitionDocument(kind: kind, id: id, version: version ?? 1,
                                  window: EffectiveWindow(from: from ?? .earliest, to: to.flatMap { $0 > (from ?? .earliest) ? $0 : nil }),
                                  root: root, file: file, indexInFile: index)
    }

    /// One `(kind, id, version)` per document; versions of one `(kind, id)` never overlap in time.
    static func checkVersions(_ documents: [DefinitionDocument], _ diagnostics: DiagnosticCollector) {
        var byKey: [String: [DefinitionDocument]] = [:]
        for document in documents { byKey["\(document.kind)\u{0}\(document.id)", default: []].append(document) }
        for key in byKey.keys.sorted() {
            guard let group = byKey[key] else { continue }
            for (i, a) in group.enumerated() {
                for b in group[..<i] {
                    if a.version == b.version {
                        diagnostics.error("DuplicateId", at: a.location, path: "id",
                                          "\(a.title) is already defined at \(b.location)")
                    } else if a.window.overlaps(b.window) {
                        let code = a.kind == "PricingProcedure" ? "OverlappingProcedureVersions" : "OverlappingWindow"
                        diagnostics.error(code, at: a.location, path: "effectiveFrom",
                                          "\(a.title) \(a.window) overlaps v\(b.version) \(b.window) at \(b.location)")
                    }
                }
            }
        }
    }
}
