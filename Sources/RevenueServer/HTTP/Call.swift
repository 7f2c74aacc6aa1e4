import HTTPTypes
import Definitions
import Foundation
import Hummingbird

/// One request as a route sees it: the body (read in full, within the limit), the caller, and
/// readers of path and query parameters that answer a bad value with a problem naming it.
struct Call: Sendable {
    let request: Request
    let context: APIContext
    let body: [UInt8]
    let caller: Caller
    let backend: Backend

    /// Who acts, as stored with what the call creates: the key's public id.
    var author: String { "api-key:\(caller.keyId)" }

    /// A path parameter (`:id`).
    func parameter(_ name: String) throws(Problem) -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else {
            throw Problem(.badRequest, "InvalidParameter", "the path has no \(name)")
        }
        return value.removingPercentEncoding ?? value
    }

    /// A query parameter, percent-decoded; nil when absent.
    func query(_ name: String) -> String? {
        request.uri.queryParameters[name[...]].map { String($0) }
    }

    /// An integer query parameter within `range`; nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let text = query(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.invalidParameter(name, "\(name) is a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// `?limit=` for a page: 1 to 1,000, 100 when absent.
    func pageLimit() throws(Problem) -> Int {
        try integer("limit", in: 1...1_000) ?? 100
    }

    /// The body as a JSON document; a syntax error is a 400 with its line and column.
    func json() throws(Problem) -> DocumentNode {
        guard !body.isEmpty else { throw Problem(.badRequest, "MissingBody", "this route needs a JSON body", pointer: "") }
        do {
            return try JSONDocumentParser.parse(body)
        } catch {
            throw Problem.malformedJSON("the body is not valid JSON at line \(error.position.line), column \(error.position.column): \(error.message)")
        }
    }

    /// Reads the body's top-level object with `read`, which reports problems to the reader; any
    /// problem (wrong type, missing or unknown field) is a 400 naming every field at fault.
    func object<T>(_ read: (ObjectReader) -> T?) throws(Problem) -> T {
        let root = try json()
        let diagnostics = DiagnosticCollector()
        let context = ObjectReader.Context(file: "body", source: nil, diagnostics: diagnostics)
        var value: T?
        if let reader = ObjectReader(root, path: "", in: context) {
            value = read(reader)
            reader.finish()
        }
        guard !diagnostics.hasErrors, let value else { throw Problem.invalidBody(diagnostics.sorted) }
        return value
    }
}
