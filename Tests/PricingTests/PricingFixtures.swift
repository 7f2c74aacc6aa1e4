import Catalog
import Definitions
import Expressions
import Money
import Pricing
import Testing

/// Definitions for the worked examples of DOMAIN.md §1.12, one procedure per example.
enum PricingFixtures {
    static let catalog = """
        kind: Catalog
        id: core
        version: 1
        effectiveFrom: 2026-01-01
        unitsOfMeasure: [{ id: each }]
        products:
          - { id: SERVER, name: Server, unitOfMeasure: each, attributes: { Region: { type: picklist, values: [EU, US] } } }
          - { id: RACK, name: Rack, unitOfMeasure: each, bundle: { components: [{ product: SERVER }] } }
          - { id: WIDGET, name: Widget, unitOfMeasure: each }
          - { id: BLOCKS, name: Blocks, unitOfMeasure: each }
          - { id: SUB, name: Subscription, unitOfMeasure: each, sellingModels: [termDefined] }
          - { id: GADGET, name: Gadget, unitOfMeasure: each }
          - { id: TOOL, name: Tool, unitOfMeasure: each }
          - { id: CONTRACTED, name: Contracted, unitOfMeasure: each }
          - { id: TIED, name: Tied, unitOfMeasure: each }
        ---
        kind: PriceBook
        id: std
        version: 1
        effectiveFrom: 2026-01-01
        allowCurrencyConversion: true
        entries:
          - { product: SERVER, currency: USD, unitPrice: 15000 }
          - { product: RACK, currency: USD, unitPrice: 1000 }
          - { product: WIDGET, currency: USD, unitPrice: 100 }
          - { product: SUB, currency: USD, sellingModel: termDefined, pricingTermMonths: 12, unitPrice: 1200 }
          - { product: GADGET, currency: USD, unitPrice: 99.99 }
          - { product: TOOL, currency: USD, unitPrice: 1000, cost: 700 }
          - { product: CONTRACTED, currency: USD, unitPrice: 125 }
          - { product: TIED, currency: USD, unitPrice: 50 }
        ---
        kind: ExchangeRates
        id: rates
        version: 1
        effectiveFrom: 2026-01-01
        rates:
          - { from: USD, to: EUR, rate: 0.923456, effectiveFrom: 2026-01-01 }
          - { from: USD, to: JPY, rate: 151.2345, effectiveFrom: 2026-01-01 }
        ---
        kind: Accounts
        id: accounts
        version: 1
        effectiveFrom: 2026-01-01
        accounts: [{ id: ACME-GROUP }, { id: ACME, parent: ACME-GROUP }, { id: OTHER }]
        ---
        kind: ContractPrices
        id: contracts
        version: 1
        effectiveFrom: 2026-01-01
        prices:
          - { id: ACME-OWN, account: ACME, product: CONTRACTED, price: 100, currency: USD }
          - { id: ACME-GROUP-ALL, account: ACME-GROUP, product: CONTRACTED, price: 105, currency: USD }
          - { id: TIE-1, account: ACME, product: TIED, price: 40, currency: USD }
          - { id: TIE-2, account: ACME, product: TIED, discountPercent: 10 }

        """

    static let tiers = """
              - { lower: 1, upper: 10, adjustment: { type: percent, value: 0 } }
              - { lower: 10, upper: 20, adjustment: { type: percent, value: 10 } }
              - { lower: 20, adjustment: { type: percent, value: 20 } }
        """

    static func procedure(_ id: String, policy: String = "final", context: String = "{}", _ elements: String) -> String {
        """
        kind: PricingProcedure
        id: \(id)
        version: 1
        effectiveFrom: 2026-01-01
        roundingPolicy: \(policy)
        context: \(context)
        elements:
        \(elements)
        """
    }

    static let procedures = [
        procedure("p1", """
              - { id: list, sequence: 10, kind: listPrice, label: List price }
              - id: region
                sequence: 20
                kind: attributeAdjustment
                label: EU region allowance
                rules: [{ when: 'attr("Region") == "EU"', adjustment: { type: amount, value: { USD: 3000 } } }]
              - id: bundle
                sequence: 30
                kind: bundleAdjustment
                label: Rack bundle discount
                rules: [{ parent: RACK, component: SERVER, adjustment: { type: percent, value: 5 } }]
              - id: volume
                sequence: 40
                kind: volumeDiscount
                label: Volume discount
                tiers: [{ lower: 1, adjustment: { type: percent, value: 10 } }]
            """),
        procedure("volume", """
              - { id: list, sequence: 10, kind: listPrice }
              - id: volume
                sequence: 20
                kind: volumeDiscount
                tiers:
            \(tiers)
            """),
        procedure("graduated", """
              - { id: list, sequence: 10, kind: listPrice }
              - id: slab
                sequence: 20
                kind: tierDiscount
                tiers:
            \(tiers)
            """),
        procedure("block", """
              - id: blocks
                sequence: 10
                kind: blockPrice
                tiers:
                  - { lower: 1, upper: 11, price: { USD: 100.00 } }
                  - { lower: 11, upper: 51, price: { USD: 180.00 } }
                overageUnitPrice: { USD: 3.00 }
            """),
        procedure("block-no-overage", """
              - id: blocks
                sequence: 10
                kind: blockPrice
                tiers:
                  - { lower: 1, upper: 11, price: { USD: 100.00 } }
                  - { lower: 11, upper: 51, price: { USD: 180.00 } }
            """),
        procedure("term", """
              - { id: list, sequence: 10, kind: listPrice }
              - id: term
                sequence: 20
                kind: termPricing
                schedule:
                  - { lower: 12, upper: 24, adjustment: { type: percent, value: 0 } }
                  - { lower: 24, upper: 36, adjustment: { type: percent, value: 5 } }
                  - { lower: 36, adjustment: { type: percent, value: 10 } }
            """),
        procedure("contract", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: contract, sequence: 20, kind: contractPrice }
              - id: volume
                sequence: 30
                kind: volumeDiscount
                tiers:
                  - { lower: 1, upper: 10, adjustment: { type: percent, value: 0 } }
                  - { lower: 10, adjustment: { type: percent, value: 10 } }
            """),
        procedure("fx", """
              - { id: list, sequence: 10, kind: listPrice }
              - id: volume
                sequence: 20
                kind: volumeDiscount
                tiers: [{ lower: 1, adjustment: { type: percent, value: 10 } }]
            """),
        procedure("guardrail", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: manual, sequence: 20, kind: manualDiscount }
              - { id: floor, sequence: 30, kind: guardrail, marginFloorPercent: 20 }
            """),
    ]

    /// Compiles YAML documents (named by position) into definitions; a mistake stops the test run.
    static func compile(_ documents: [String]) -> PricingDefinitions {
        let files = documents.enumerated().map { ("document-\($0.offset).yaml", Array($0.element.utf8)) }
        switch PricingCompiler.compile(DefinitionLoader.load(files: files)) {
        case .success(let definitions): return definitions
        case .failure(let failure): preconditionFailure(failure.diagnostics.map(\.description).joined(separator: "\n"))
        }
    }

    /// The compiled definitions (compiled once).
    static let definitions = compile([catalog] + procedures)

    static let engine = PricingEngine(definitions)

    static let date: CivilDate = {
        guard let date = try? CivilDate("2026-03-01") else { preconditionFailure("date") }
        return date
    }()

    /// Prices lines with one procedure.
    static func price(_ procedure: String, currency: Currency = .usd, account: String? = nil,
                      _ lines: [Quote.Line]) -> PricedQuote
    {
        engine.price(Quote(id: "Q", accountId: account, currency: currency, pricingDate: date, priceBookId: "std",
                           procedureId: procedure, lines: lines))
    }

    static func line(_ product: String, _ quantity: ExactDecimal, id: String = "1",
                     _ configure: (inout Quote.Line) -> Void = { _ in })
        -> Quote.Line
    {
        var line = Quote.Line(id: id, productId: product, quantity: quantity)
        configure(&line)
        return line
    }
}

func decimal(_ text: String) -> ExactDecimal {
    guard let value = try? ExactDecimal(text) else { preconditionFailure("bad decimal \(text)") }
    return value
}
