import Catalog
import Definitions
import Expressions
import Money
import Rating
import Testing

/// Definitions for the worked examples of DOMAIN.md §2.4 and the rater's boundaries.
enum RatingFixtures {
    static let base = """
        kind: Catalog
        id: core
        version: 1
        effectiveFrom: 2026-01-01
        unitsOfMeasure: [{ id: call }, { id: gb, decimals: 3 }]
        products:
          - { id: API, name: API plan, unitOfMeasure: call }
          - { id: API-VOL, name: API volume plan, unitOfMeasure: call }
          - { id: FLAT, name: Flat plan, unitOfMeasure: call }
        ---
        kind: Accounts
        id: accounts
        version: 1
        effectiveFrom: 2026-01-01
        accounts: [{ id: acme }, { id: globex }]
        ---
        kind: UsageResources
        id: resources
        version: 1
        effectiveFrom: 2026-01-01
        resources:
          - { id: api-calls, unitOfMeasure: call, attributes: { region: string } }
          - { id: storage, unitOfMeasure: gb, attributes: { tier: number } }
        ---
        kind: Assets
        id: assets
        version: 1
        effectiveFrom: 2026-01-01
        assets:
          - { id: A-GRAD, account: acme, product: API, currency: USD }
          - { id: A-VOL, account: acme, product: API-VOL, currency: USD }
          - { id: A-FLAT, account: globex, product: FLAT, currency: USD, contract: C-9, discountPercent: 10 }
          - { id: A-NEG, account: globex, product: FLAT, currency: USD }
        ---
        kind: RateCard
        id: base
        version: 1
        effectiveFrom: 2026-01-01
        type: base
        currency: USD
        status: active
        entries:
          - { product: API, resource: api-calls, rate: 0.10 }
          - { product: API-VOL, resource: api-calls, rate: 0.10 }
          - { product: FLAT, resource: api-calls, rate: 0.002, negotiable: true }
          - { product: FLAT, resource: storage, rate: 0.25 }
        ---
        kind: RateCard
        id: tiers
        version: 1
        effectiveFrom: 2026-01-01
        type: tier
        currency: USD
        status: active
        entries:
          - product: API
            resource: api-calls
            mode: graduated
            tiers:
              - { lower: 0, upper: 1000, adjustment: { type: override, value: 0.10 } }
              - { lower: 1000, upper: 5000, adjustment: { type: override, value: 0.08 } }
              - { lower: 5000, adjustment: { type: override, value: 0.05 } }
          - product: API-VOL
            resource: api-calls
            mode: volume
            tiers:
              - { lower: 0, upper: 1000, adjustment: { type: override, value: 0.10 } }
              - { lower: 1000, upper: 5000, adjustment: { type: override, value: 0.08 } }
              - { lower: 5000, adjustment: { type: override, value: 0.05 } }
          - product: FLAT
            resource: storage
            mode: graduated
            tiers:
              - { lower: 0, upper: 100, adjustment: { type: percent, value: 0 } }
              - { lower: 100, upper: 1000, adjustment: { type: percent, value: 20 } }
        ---
        kind: RateCard
        id: regions
        version: 1
        effectiveFrom: 2026-01-01
        type: attribute
        currency: USD
        status: active
        entries:
          - { product: FLAT, resource: api-calls, condition: 'attr("region") == "EU"', adjustment: { type: percent, value: 25 } }
          - { product: FLAT, resource: api-calls, condition: 'attr("region") == "APAC"', adjustment: { type: amount, value: 0.0005 }, priority: 1 }
          - { product: FLAT, resource: api-calls, condition: 'attr("region") == "APAC"', adjustment: { type: amount, value: 0.001 }, priority: 1 }
        ---
        kind: RateCard
        id: draft-card
        version: 1
        effectiveFrom: 2026-01-01
        type: base
        currency: USD
        status: draft
        entries:
          - { product: API, resource: storage, rate: 9 }
        ---
        kind: NegotiatedRates
        id: negotiated
        version: 1
        effectiveFrom: 2026-01-01
        rates:
          - { id: NR-ASSET, asset: A-NEG, resource: api-calls, currency: USD, rate: 0.0015 }
          - { id: NR-CONTRACT, contract: C-9, resource: api-calls, currency: USD, rate: 0.0018, effectiveFrom: 2026-06-01 }
        """

    static func definitions(_ extra: String = "") throws -> RatingDefinitions {
        let text = extra.isEmpty ? base : base + "\n---\n" + extra
        let loaded = DefinitionLoader.load(files: [(path: "rating.yaml", bytes: Array(text.utf8))])
        switch RatingCompiler.compile(loaded) {
        case .success(let definitions): return definitions
        case .failure(let failure):
            Issue.record("definitions do not compile: \(failure.diagnostics.map(\.description))")
            throw failure
        }
    }

    /// The diagnostics of definitions that must not compile.
    static func problems(_ extra: String) -> [Diagnostic] {
        let loaded = DefinitionLoader.load(files: [(path: "rating.yaml", bytes: Array((base + "\n---\n" + extra).utf8))])
        if case .failure(let failure) = RatingCompiler.compile(loaded) { return failure.diagnostics }
        return []
    }

    static func summary(_ asset: String, _ resource: String = "api-calls", quantity: ExactDecimal,
                        month: String = "2026-10-01", attributes: [String: String] = [:]) throws -> UsageSummary {
        UsageSummary(assetId: asset, resourceId: resource, period: BillingPeriod(.month, containing: try CivilDate(month)),
                     quantity: quantity, attributes: attributes.mapValues { .string($0) })
    }
}
