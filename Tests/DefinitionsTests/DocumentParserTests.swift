import Money
import Definitions
import Testing

@Suite("Document parsers")
struct DocumentParserTests {
    @Test("JSON keeps exact numbers and positions")
    func json() throws {
        let root = try JSONDocumentParser.parse(Array("{\n  \"price\": 12.50,\n  \"name\": \"Caf\\u00e9\"\n}".utf8))
        guard case .mapping(let entries) = root.content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(entries.map(\.key) == ["price", "name"])
        guard case .scalar("12.50", .number, _) = entries[0].value.content else {
            Issue.record("number text not kept exactly")
            return
        }
        #expect(entries[0].value.position == .init(line: 2, column: 12))
        guard case .scalar("Café", .string, _) = entries[1].value.content else {
            Issue.record("escape not decoded")
            return
        }
    }

    @Test("JSON rejects duplicate keys, trailing commas, deep nesting")
    func jsonErrors() {
        #expect(throws: DocumentSyntaxError("duplicate key \"a\"", at: .init(line: 1, column: 10))) {
            try JSONDocumentParser.parse(Array(#"{"a": 1, "a": 2}"#.utf8))
        }
        // Objects of more than 16 members find repeats with a set: a repeat of an early and of a
        // late member, and forty distinct members that parse.
        let members = (0..<40).map { "\"k\($0)\": \($0)" }
        for repeated in ["k3", "k30"] {
            let text = "{" + (members + ["\"\(repeated)\": 0"]).joined(separator: ", ") + "}"
            #expect(throws: DocumentSyntaxError("duplicate key \"\(repeated)\"", at: .init(line: 1, column: text.count - 5 - repeated.count))) {
                try JSONDocumentParser.parse(Array(text.utf8))
            }
        }
        let distinct = try? JSONDocumentParser.parse(Array(("{" + members.joined(separator: ", ") + "}").utf8))
        if case .mapping(let entries)? = distinct?.content { #expect(entries.count == 40) } else { Issue.record("expected a mapping") }
        #expect(throws: DocumentSyntaxError.self) { try JSONDocumentParser.parse(Array("[1, 2,]".utf8)) }
        #expect(throws: DocumentSyntaxError.self) {
            try JSONDocumentParser.parse(Array((String(repeating: "[", count: 10_000)).utf8))
        }
    }

    @Test("YAML resolves plain scalars with the core schema")
    func yamlScalars() throws {
        let documents = try YAMLDocumentParser.parse("a: 2026-01-01\nb: 12.5\nc: yes\nd: true\ne: ~\nf: '12'\n")
        guard case .mapping(let entries) = documents[0].content else {
            Issue.record("expected a mapping")
            return
        }
        let kinds = entries.map { entry -> DocumentNode.ScalarKind? in
            if case .scalar(_, let kind, _) = entry.value.content { return kind }
            return nil
        }
        #expect(kinds == [.string, .number, .string, .boolean, .null, .string])
    }

    @Test("YAML duplicate keys are syntax errors")
    func yamlDuplicates() {
        #expect(throws: DocumentSyntaxError.self) { try YAMLDocumentParser.parse("a: 1\na: 2\n") }
    }

    @Test("random and mutated bytes never crash the loader", arguments: [UInt64(1), 2, 3])
    func fuzz(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let seedText = Array("kind: PriceBook\nid: std\nversion: 1\neffectiveFrom: 2026-01-01\nentries:\n  - { product: A, currency: USD, unitPrice: \"1.50\" }\n".utf8)
        let seedJSON = Array(#"{"kind": "Catalog", "id": "c", "version": 1, "effectiveFrom": "2026-01-01", "products": [{"id": "A", "name": "A", "unitOfMeasure": "each"}]}"#.utf8)
        for round in 0..<600 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                bytes = round % 3 == 1 ? seedText : seedJSON
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    let index = Int.random(in: 0..<bytes.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &rng)
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(Array("{}[]:,\"'-\n #&*!|>".utf8)[Int.random(in: 0..<17, using: &rng)], at: index)
                    }
                }
            }
            let name = round % 3 == 2 ? "f.json" : "f.yaml"
            let loaded = DefinitionLoader.load(files: [(name, bytes)])
            for diagnostic in loaded.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
                #expect(!diagnostic.message.isEmpty)
            }
        }
    }
}
