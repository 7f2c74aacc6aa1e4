import Definitions
@testable import RevenueServer
import Testing

@Suite("The OpenAPI document")
struct OpenAPIDocumentTests {
    @Test("is JSON that declares OpenAPI 3.1")
    func declaresVersion() throws {
        let root = try JSONDocumentParser.parse(OpenAPIDocument.json)
        guard case .mapping(let entries) = root.content else {
            Issue.record("the document is not an object")
            return
        }
        #expect(entries.map(\.key).prefix(2) == ["openapi", "info"])
        guard case .scalar(let version, _, _)? = entries.first(where: { $0.key == "openapi" })?.value.content else {
            Issue.record("no openapi member")
            return
        }
        #expect(version == "3.1.0")
    }

    @Test("names exactly the routes the server registers")
    func matchesRoutes() {
        let documented = OpenAPIDocument.operations()
        let served = Set(RevenueServer.operations)
        #expect(served.count == RevenueServer.operations.count, "a route is registered twice")
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
        #expect(served.contains("GET /v1/quotes/{id}"))
    }

    @Test("every reference resolves")
    func referencesResolve() throws {
        let text = String(decoding: OpenAPIDocument.json, as: UTF8.self)
        let references = Set(text.matches(of: /"\$ref":"#\/components\/([a-zA-Z]+)\/([A-Za-z]+)"/).map { "\($0.1)/\($0.2)" })
        let root = try JSONDocumentParser.parse(OpenAPIDocument.json)
        guard case .mapping(let top) = root.content,
              case .mapping(let components)? = top.first(where: { $0.key == "components" })?.value.content
        else {
            Issue.record("no components")
            return
        }
        var defined = Set<String>()
        for section in components {
            guard case .mapping(let items) = section.value.content else { continue }
            for item in items { defined.insert("\(section.key)/\(item.key)") }
        }
        #expect(!references.isEmpty)
        #expect(references.subtracting(defined).sorted() == [], "references with no definition")
    }
}
