import Catalog
import Definitions
import Testing

/// Compiles in-memory files and returns every diagnostic as `file:line:col: error: path: message`.
func problems(_ files: [String: String]) -> [String] {
    let loaded = DefinitionLoader.load(files: files.sorted { $0.key < $1.key }.map { ($0.key, Array($0.value.utf8)) })
    switch CatalogCompiler.compile(loaded) {
    case .success: return []
    case .failure(let failure): return failure.diagnostics.map(\.description)
    }
}

let catalogHeader = """
    kind: Catalog
    id: core
    version: 1
    effectiveFrom: 2026-01-01
    unitsOfMeasure:
      - { id: each }

    """

let goodProducts = catalogHeader + """
    products:
      - id: A
        name: Alpha
        unitOfMeasure: each
      - id: B
        name: Beta
        unitOfMeasure: each

    """

func priceBook(_ entries: String, id: String = "std") -> String {
    """
    kind: PriceBook
    id: \(id)
    version: 1
    effectiveFrom: 2026-01-01
    entries:
    \(entries)
    """
}

@Suite("Definitions: every mistake is reported with its location")
struct DefinitionMistakeTests {
    @Test("a valid set compiles")
    func valid() {
        #expect(problems(["catalog.yaml": goodProducts,
                          "book.json": #"{"kind": "PriceBook", "id": "std", "version": 1, "effectiveFrom": "2026-01-01", "entries": [{"product": "A", "currency": "USD", "unitPrice": 10.50}]}"#]) == [])
    }

    @Test("YAML syntax error")
    func yamlSyntax() {
        #expect(problems(["c.yaml": "kind: Catalog\nid: [unclosed\n"]).first?.hasPrefix("c.yaml:3:1: error: ") == true)
    }

    @Test("JSON syntax error")
    func jsonSyntax() {
        #expect(problems(["b.json": "{\"kind\": \"PriceBook\",\n  \"id\" \"std\"}"])
                == [#"b.json:2:8: error: expected ':' after the key "id", found '"'"#])
    }

    @Test("wrong type")
    func wrongType() {
        #expect(problems(["c.yaml": goodProducts, "b.yaml": priceBook("  - { product: A, currency: USD, unitPrice: [1] }")])
                == ["b.yaml:6:45: error: entries[0].unitPrice: expected a decimal number, found a list"])
    }

    @Test("missing required field")
    func missingField() {
        #expect(problems(["c.yaml": goodProducts, "b.yaml": priceBook("  - { product: A, unitPrice: 1 }")])
                == ["b.yaml:6:5: error: entries[0].currency: a required field is missing"])
    }

    @Test("unknown field, with a suggestion")
    func unknownField() {
        #expect(problems(["c.yaml": goodProducts, "b.yaml": priceBook("  - { product: A, currency: USD, unitPrize: 1 }")])
                == ["b.yaml:6:5: error: entries[0].unitPrice: a required field is missing",
                    "b.yaml:6:34: error: entries[0].unitPrize: unknown field 'unitPrize'; did you mean 'unitPrice'?"])
    }

    @Test("duplicate ids")
    func duplicateIds() {
        let text = goodProducts + "  - id: A\n    name: Again\n    unitOfMeasure: each\n"
        #expect(problems(["c.yaml": text]) == ["c.yaml:14:9: error: products[2].id: product 'A' is already defined at c.yaml:8:9"])
        #expect(problems(["c.yaml": goodProducts, "d.yaml": goodProducts])
                == ["d.yaml:1:1: error: id: Catalog 'core' v1 is already defined at c.yaml:1:1",
                    "d.yaml:6:11: error: unitsOfMeasure[0].id: unit of measure 'each' is already defined at c.yaml:6:11",
                    "d.yaml:8:9: error: products[0].id: product 'A' is already defined at c.yaml:8:9",
                    "d.yaml:11:9: error: products[1].id: product 'B' is already defined at c.yaml:11:9"])
    }

    @Test("dangling reference")
    func dangling() {
        #expect(problems(["c.yaml": goodProducts, "b.yaml": priceBook("  - { product: C, currency: USD, unitPrice: 1 }")])
                == ["b.yaml:6:16: error: entries[0].product: unknown product 'C'; did you mean 'A'?"])
    }

    @Test("overlapping effective windows")
    func overlapping() {
        let entries = """
              - { product: A, currency: USD, unitPrice: 1, effectiveTo: 2026-07-01 }
              - { product: A, currency: USD, unitPrice: 2, effectiveFrom: 2026-06-01 }
              - { product: A, currency: USD, unitPrice: 3, effectiveFrom: 2026-07-01 }
            """
        #expect(problems(["c.yaml": goodProducts, "b.yaml": priceBook(entries)])
                == ["b.yaml:7:16: error: entries[1]: A USD oneTime in 'std' is in force [2026-06-01, …), overlapping the entry at b.yaml:6:16 [2026-01-01, 2026-07-01)"])
    }

    @Test("amount with more decimals than its currency allows")
    func precision() {
        #expect(problems(["c.yaml": goodProducts, "b.yaml": priceBook("  - { product: A, currency: JPY, unitPrice: 100.5 }")])
                == ["b.yaml:6:45: error: entries[0].unitPrice: 100.5 has 1 decimals but JPY allows 0"])
    }

    @Test("bundle cycle")
    func bundleCycle() {
        let text = catalogHeader + """
            products:
              - { id: A, name: A, unitOfMeasure: each, bundle: { components: [{ product: B }] } }
              - { id: B, name: B, unitOfMeasure: each, bundle: { components: [{ product: A }] } }

            """
        #expect(problems(["c.yaml": text]) == ["c.yaml:8:11: error: A: bundle cycle: A → B → A"])
    }

    @Test("invalid expression, located inside the file")
    func invalidExpression() {
        let contracts = """
            kind: ContractPrices
            id: negotiated
            version: 1
            effectiveFrom: 2026-01-01
            prices:
              - id: X
                account: ACME
                appliesTo: 'family == "software" and'
                discountPercent: 5
            """
        let accounts = "kind: Accounts\nid: a\nversion: 1\neffectiveFrom: 2026-01-01\naccounts:\n  - { id: ACME }\n"
        #expect(problems(["c.yaml": goodProducts, "p.yaml": contracts, "a.yaml": accounts])
                == ["p.yaml:8:41: error: prices[0].appliesTo: the expression ends where a value was expected"])
    }

    @Test("unknown attribute type, unknown currency, unknown kind")
    func unknownWords() {
        let text = catalogHeader + """
            products:
              - id: A
                name: A
                unitOfMeasure: each
                attributes:
                  Region: { type: colour }

            """
        #expect(problems(["c.yaml": text])
                == [#"c.yaml:12:23: error: products[0].attributes.Region: unknown attribute type "colour"; expected one of text, number, boolean, picklist"#])
        #expect(problems(["c.yaml": goodProducts, "b.yaml": priceBook("  - { product: A, currency: usd, unitPrice: 1 }")])
                == [#"b.yaml:6:29: error: entries[0].currency: "usd" is not an active ISO 4217 currency code"#])
        #expect(problems(["x.yaml": "kind: Catalogue\nid: x\nversion: 1\neffectiveFrom: 2026-01-01\n"])
                == ["x.yaml:1:7: error: kind: unknown document kind 'Catalogue'; did you mean 'Catalog'?"])
    }

    @Test("a contract price needs exactly one of price or discountPercent")
    func contractPrice() {
        let contracts = """
            kind: ContractPrices
            id: negotiated
            version: 1
            effectiveFrom: 2026-01-01
            prices:
              - { id: X, account: ACME, product: A, price: 5, currency: USD, discountPercent: 5 }
            """
        let accounts = "kind: Accounts\nid: a\nversion: 1\neffectiveFrom: 2026-01-01\naccounts:\n  - { id: ACME }\n"
        #expect(problems(["c.yaml": goodProducts, "p.yaml": contracts, "a.yaml": accounts])
                == ["p.yaml:6:48: error: prices[0].price: set exactly one of 'price' or 'discountPercent'"])
    }

    @Test("five different mistakes give five errors")
    func fiveMistakes() {
        let text = catalogHeader + """
            products:
              - { id: A, name: A, unitOfMeasure: each, colour: red }
              - { id: B, name: B, unitOfMeasure: each }
              - { id: B, name: B2, unitOfMeasure: each }

            """
        let entries = """
              - { product: A, currency: USD, unitPrice: 1.001 }
              - { product: Z, currency: USD, unitPrice: 1 }
              - { product: A, currency: XYZ, unitPrice: 1 }
            """
        #expect(problems(["c.yaml": text, "b.yaml": priceBook(entries)]).count == 5)
    }
}
