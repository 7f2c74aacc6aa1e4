import Definitions
import HTTPTypes

/// An RFC 9457 problem: what went wrong, with a stable code, and the field at fault as a JSON
/// pointer into the request (`/lines/2/quantity`), or a query parameter (`?version`).
///
/// Every error the server returns is one of these, as `application/problem+json`:
///
/// ```json
/// {"type":"urn:revenue:problem:UnknownProduct","title":"Unknown product","status":422,
///  "code":"UnknownProduct","detail":"line 1: unknown product 'LAPTOP-99'","pointer":"/lines/0/product"}
/// ```
struct Problem: Error, Sendable {
    /// One problem among several (`errors`), each with its own code and pointer.
    struct Item: Sendable {
        var code: String
        var detail: String
        var pointer: String?
        /// Where in a definitions file, for problems found in uploaded documents.
        var location: DefinitionLocation?
        /// The index of the item in a batch, for usage records.
        var index: Int?
        /// The field of a usage record.
        var field: String?

        init(code: String, detail: String, pointer: String? = nil, location: DefinitionLocation? = nil, index: Int? = nil,
             field: String? = nil)
        {
            self.code = code
            self.detail = detail
            self.pointer = pointer
            self.location = location
            self.index = index
            self.field = field
        }
    }

    var status: HTTPResponse.Status
    /// Stable, CamelCase: `MalformedJSON`, `UnknownField`, `Forbidden`.
    var code: String
    /// What happened, naming the values at fault.
    var detail: String
    /// The field at fault.
    var pointer: String?
    /// Every problem, when there are several.
    var errors: [Item] = []
    /// Extra members of the body, as JSON written by `write`.
    var extensions: (@Sendable (JSONWriter) -> Void)?
    /// Headers to send with it (`WWW-Authenticate`, `Retry-After`).
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ code: String, _ detail: String, pointer: String? = nil, errors: [Item] = [],
         extensions: (@Sendable (JSONWriter) -> Void)? = nil)
    {
        self.status = status
        self.code = code
        self.detail = detail
        self.pointer = pointer
        self.errors = errors
        self.extensions = extensions
    }

    /// The body, with the request id that the logs carry.
    func body(requestId: String?) -> [UInt8] {
        let out = JSONWriter()
        out.object {
            out.field("type", "urn:revenue:problem:\(code)")
            out.field("title", Self.title(status))
            out.field("status", Int(status.code))
            out.field("code", code)
            out.field("detail", detail)
            if let pointer { out.field("pointer", pointer) }
            if !errors.isEmpty {
                out.key("errors")
                out.array(errors) { item in
                    out.object {
                        out.field("code", item.code)
                        out.field("detail", item.detail)
                        if let pointer = item.pointer { out.field("pointer", pointer) }
                        if let index = item.index { out.field("index", index) }
                        if let field = item.field { out.field("field", field) }
                        if let location = item.location {
                            out.field("file", location.file)
                            out.field("line", location.line)
                            out.field("column", location.column)
                        }
                    }
                }
            }
            if let requestId { out.field("requestId", requestId) }
            extensions?(out)
        }
        return out.bytes
    }

    /// The reason phrase of the status, as the title.
    static func title(_ status: HTTPResponse.Status) -> String {
        status.reasonPhrase.isEmpty ? "Error \(status.code)" : status.reasonPhrase
    }
}

extension Problem {
    /// Problems about the request as a whole.
    static func malformedJSON(_ detail: String) -> Problem { Problem(.badRequest, "MalformedJSON", detail, pointer: "") }

    static func notFound(_ detail: String, pointer: String? = nil) -> Problem {
        Problem(.notFound, "NotFound", detail, pointer: pointer)
    }

    static func invalidParameter(_ name: String, _ detail: String) -> Problem {
        Problem(.badRequest, "InvalidParameter", detail, pointer: "?\(name)")
    }

    /// Codes of problems that a body valid under the OpenAPI document can still have: a currency
    /// code outside ISO 4217, the same file path twice.
    static let schemaValidCodes: Set<String> = ["UnknownCurrency", "DuplicatePath"]

    /// The diagnostics of a body read with `ObjectReader`, one item per problem: a 400 when the
    /// body breaks the documented schema, a 422 when it reads but cannot be done (every problem
    /// is one a schema-valid body can have).
    static func invalidBody(_ diagnostics: [Diagnostic]) -> Problem {
        let items = diagnostics.map { diagnostic in
            let code = diagnostic.code == "SyntaxError" ? "MalformedJSON" : diagnostic.code
            let detail = diagnostic.path.isEmpty ? diagnostic.message : "\(diagnostic.path): \(diagnostic.message)"
            return Item(code: code, detail: detail, pointer: JSONPointer.make(diagnostic.path))
        }
        let first = items.first
        let status: HTTPResponse.Status = items.allSatisfy { schemaValidCodes.contains($0.code) } ? .unprocessableContent : .badRequest
        return Problem(status, first?.code ?? "InvalidRequest",
                       items.count == 1 ? first?.detail ?? "" : "\(items.count) problems in the request body; see errors",
                       pointer: first?.pointer, errors: items)
    }
}

/// JSON pointers (RFC 6901) from the paths that readers report (`lines[2].quantity`).
enum JSONPointer {
    /// `lines[2].quantity` → `/lines/2/quantity`; the empty path, the whole document, is ``.
    static func make(_ path: String) -> String {
        var pointer = ""
        var token = ""
        func flush() {
            guard !token.isEmpty else { return }
            pointer += "/"
            for character in token {
                switch character {
                case "~": pointer += "~0"
                case "/": pointer += "~1"
                default: pointer.append(character)
                }
            }
            token = ""
        }
        for character in path {
            switch character {
            case ".", "[", "]": flush()
            default: token.append(character)
            }
        }
        flush()
        return pointer
    }
}
