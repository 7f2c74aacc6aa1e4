import Definitions
import Expressions
public import Money
public import Pricing

/// The pricing benchmarks' definitions and quotes, shared by every benchmark that needs a priced quote.
public enum PricingBenchmarkFixture {
    public static let products = (0..<200).map { "P\($0)" }

    public static func engine() throws -> PricingEngine {
        var catalog = """
            kind: Catalog
            id: core
            version: 1
            effectiveFrom: 2026-01-01
            unitsOfMeasure: [{ id: each }]
            families: [{ id: hardware }, { id: software }]
            products:
              - { id: SERVER, name: Server, unitOfMeasure: each, attributes: { Region: { type: picklist, values: [EU, US] } } }
              - { id: RACK, name: Rack, unitOfMeasure: each, bundle: { components: [{ product: SERVER }, { product: P1 }, { product: P2 }] } }

            """
        var book = "kind: PriceBook\nid: std\nversion: 1\neffectiveFrom: 2026-01-01\nentries:\n"
        book += "  - { product: SERVER, currency: USD, unitPrice: 15000, cost: 9000 }\n  - { product: RACK, currency: USD, unitPrice: 1000, cost: 500 }\n"
        for (index, id) in products.enumerated() {
            catalog += "  - { id: \(id), name: Product \(index), family: \(index % 2 == 0 ? "hardware" : "software"), unitOfMeasure: each }\n"
            book += "  - { product: \(id), currency: USD, unitPrice: \(100 + index).\(index % 100), cost: \(50 + index) }\n"
        }
        let accounts = """
            kind: Accounts
            id: accounts
            version: 1
            effectiveFrom: 2026-01-01
            accounts: [{ id: GROUP }, { id: ACME, parent: GROUP }]
            ---
            kind: ContractPrices
            id: contracts
            version: 1
            effectiveFrom: 2026-01-01
            prices:
              - { id: C1, account: ACME, product: P10, price: 90, currency: USD }
              - { id: C2, account: GROUP, appliesTo: 'family == "software" and productId != "P11"', discountPercent: 7 }

            """
        let procedures = """
            kind: PricingProcedure
            id: p1
            version: 1
            effectiveFrom: 2026-01-01
            elements:
              - { id: list, sequence: 10, kind: listPrice }
              - id: region
                sequence: 20
                kind: attributeAdjustment
                rules: [{ when: 'has("Region") and attr("Region") == "EU"', adjustment: { type: amount, value: { USD: 3000 } } }]
              - { id: bundle, sequence: 30, kind: bundleAdjustment, rules: [{ parent: RACK, adjustment: { type: percent, value: 5 } }] }
              - { id: volume, sequence: 40, kind: volumeDiscount, tiers: [{ lower: 1, adjustment: { type: percent, value: 10 } }] }
            ---
            kind: PricingProcedure
            id: eight
            version: 1
            effectiveFrom: 2026-01-01
            elements:
              - { id: list, sequence: 10, kind: listPrice }
              - { id: contract, sequence: 20, kind: contractPrice }
              - id: region
                sequence: 30
                kind: attributeAdjustment
                rules: [{ when: 'has("Region") and attr("Region") == "EU"', adjustment: { type: percent, value: 3 } }]
              - { id: bundle, sequence: 40, kind: bundleAdjustment, rules: [{ parent: RACK, adjustment: { type: percent, value: 5 } }] }
              - id: volume
                sequence: 50
                kind: volumeDiscount
                tiers:
                  - { lower: 1, upper: 10, adjustment: { type: percent, value: 0 } }
                  - { lower: 10, upper: 50, adjustment: { type: percent, value: 5 } }
                  - { lower: 50, adjustment: { type: percent, value: 10 } }
              - id: slab
                sequence: 60
                kind: tierDiscount
                condition: 'family == "software"'
                tiers:
                  - { lower: 1, upper: 20, adjustment: { type: percent, value: 0 } }
                  - { lower: 20, adjustment: { type: percent, value: 4 } }
              - { id: manual, sequence: 70, kind: manualDiscount }
              - { id: guardrail, sequence: 80, kind: guardrail, maxDiscountPercent: 60, marginFloorPercent: 5 }

            """
        let files = [("catalog.yaml", catalog), ("book.yaml", book), ("accounts.yaml", accounts), ("procedures.yaml", procedures)]
        switch PricingCompiler.compile(DefinitionLoader.load(files: files.map { ($0.0, Array($0.1.utf8)) })) {
        case .success(let definitions): return PricingEngine(definitions)
        case .failure(let failure): throw failure
        }
    }

    /// A quote of `lines` lines: every 20th line is a rack bundle with two children; others mixed products.
    public static func quote(lines count: Int, date: CivilDate) -> Quote {
        var lines: [Quote.Line] = []
        var index = 0
        while lines.count < count {
            if index % 20 == 0, lines.count + 3 <= count {
                let parent = "B\(index)"
                lines.append(Quote.Line(id: parent, productId: "RACK", quantity: 2))
                lines.append(Quote.Line(id: "\(parent).1", productId: "SERVER", quantity: 2,
                                        attributes: ["Region": .string(index % 40 == 0 ? "EU" : "US")], parentLineId: parent))
                lines.append(Quote.Line(id: "\(parent).2", productId: "P1", quantity: 4, parentLineId: parent))
            } else {
                let product = products[(index * 7) % products.count]
                lines.append(Quote.Line(id: "L\(index)", productId: product, quantity: ExactDecimal((index % 60) + 1),
                                        manualDiscount: index % 5 == 0 ? .percent(5) : nil))
            }
            index += 1
        }
        return Quote(id: "BIG", accountId: "ACME", currency: .usd, pricingDate: date, priceBookId: "std",
                     procedureId: "eight", lines: lines)
    }

    /// ``quote(lines:date:)`` as the JSON quote document a client sends to `POST /v1/price`.
    public static func quoteDocument(lines count: Int, date: CivilDate) -> [UInt8] {
        let quote = quote(lines: count, date: date)
        let out = JSONWriter()
        out.object {
            out.key("header")
            out.object {
                out.field("id", quote.id)
                out.field("account", quote.accountId)
                out.field("currency", quote.currency.code)
                out.field("pricingDate", quote.pricingDate.description)
                out.field("priceBook", quote.priceBookId)
                out.field("procedure", quote.procedureId)
            }
            out.key("lines")
            out.array(quote.lines) { line in
                out.object {
                    out.field("id", line.id)
                    out.field("product", line.productId)
                    out.key("quantity")
                    out.value { $0.append(decimal: line.quantity) }
                    if let parent = line.parentLineId { out.field("parent", parent) }
                    if !line.attributes.isEmpty {
                        out.key("attributes")
                        out.object {
                            for (name, value) in line.attributes.sorted(by: { $0.key < $1.key }) {
                                if case .string(let text) = value { out.field(name, text) }
                            }
                        }
                    }
                    if case .percent(let percent) = line.manualDiscount {
                        out.key("manualDiscount")
                        out.object {
                            out.field("type", "percent")
                            out.key("value")
                            out.value { $0.append(decimal: percent) }
                        }
                    }
                }
            }
        }
        return out.bytes
    }
}
