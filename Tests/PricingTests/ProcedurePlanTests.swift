import Catalog
import Definitions
import Expressions
import Money
import Pricing
import Testing

/// Procedure plans (DOMAIN.md §1.5): sections, prioritised options, defaults, and their errors.
@Suite("Pricing: procedure plans")
struct ProcedurePlanTests {
    typealias F = PricingFixtures

    static let plans = """
        kind: ProcedurePlan
        id: channels
        version: 1
        effectiveFrom: 2026-01-01
        sections:
          - id: base
            defaultProcedure: volume
            options:
              - { procedure: graduated, priority: 1, criteria: ['channel == "partner"'] }
              - { procedure: fx, priority: 2, criteria: ['channel == "partner"', 'segment == "smb"'], logic: ANY }
              - procedure: block
                priority: 1
                criteria: ['channel == "web"', 'segment == "smb"', 'currency == "EUR"']
                logic: 1 AND (2 OR 3)
        ---
        kind: ProcedurePlan
        id: tied
        version: 1
        effectiveFrom: 2026-01-01
        sections:
          - id: tie
            options:
              - { procedure: p1, priority: 5, criteria: ['channel == "tie"'] }
              - { procedure: term, priority: 5, criteria: ['channel == "tie"'] }
        ---
        kind: ProcedurePlan
        id: strict
        version: 1
        effectiveFrom: 2026-01-01
        sections:
          - id: only
            options: [{ procedure: volume, priority: 1, criteria: ['channel == "direct"'] }]
        ---
        kind: ProcedurePlan
        id: reads-promo
        version: 1
        effectiveFrom: 2026-01-01
        sections:
          - id: only
            defaultProcedure: volume
            options: [{ procedure: graduated, priority: 1, criteria: ['promo == "SPRING"'] }]
        ---
        kind: PricingProcedure
        id: promo-fields
        version: 1
        effectiveFrom: 2026-01-01
        context: { header: { promo: string } }
        elements: [{ id: list, sequence: 10, kind: listPrice }]

        """

    static let engine = PricingEngine(F.compile([F.catalog, plans] + F.procedures))

    static func price(plan: String, channel: String?, fields: [String: ExpressionValue] = [:]) -> PricedQuote {
        var quote = Quote(id: "Q", channel: channel, currency: .usd, pricingDate: F.date, priceBookId: "std", planId: plan,
                          lines: [F.line("WIDGET", 30)])
        quote.fields = fields
        return engine.price(quote)
    }

    @Test("the matching option with the lowest priority number wins; no match takes the default",
          arguments: [("partner", "graduated"), ("direct", "volume"), (nil, "volume")] as [(String?, String)])
    func optionPriority(channel: String?, procedure: String) {
        let priced = Self.price(plan: "channels", channel: channel)
        #expect(priced.procedures.first?.id == procedure)
    }

    @Test("logic '1 AND (2 OR 3)' combines numbered criteria",
          arguments: [(Currency.eur, "block"), (Currency.usd, "volume")])
    func logicExpression(currency: Currency, procedure: String) {
        let quote = Quote(id: "Q", channel: "web", currency: currency, pricingDate: F.date, priceBookId: "std",
                          planId: "channels", lines: [F.line("WIDGET", 30)])
        #expect(Self.engine.price(quote).procedures.first?.id == procedure)
    }

    @Test("two options matching with the same priority are AmbiguousProcedureResolution")
    func ambiguous() {
        let priced = Self.price(plan: "tied", channel: "tie")
        #expect(priced.error?.code == .ambiguousProcedureResolution)
        #expect(priced.error?.message == "plan 'tied' section 'tie': options 'p1' and 'term' match with the same priority 5")
        #expect(priced.lines.isEmpty)
    }

    @Test("a section with no match and no default is NoProcedureResolved")
    func noMatch() {
        let priced = Self.price(plan: "strict", channel: "web")
        #expect(priced.error?.code == .noProcedureResolved)
        #expect(priced.error?.message == "plan 'strict' section 'only': no option matches channel 'web' and the section has no default procedure")
    }

    @Test("a plan criterion reading a declared header field the quote leaves out is MissingContextField")
    func missingField() {
        let priced = Self.price(plan: "reads-promo", channel: nil)
        #expect(priced.error?.code == .missingContextField)
        #expect(priced.error?.message == "plan 'reads-promo' section 'only' reads header field 'promo', which the quote does not give")
        #expect(Self.price(plan: "reads-promo", channel: nil, fields: ["promo": .string("SPRING")]).procedures.first?.id == "graduated")
    }

    @Test("a header field no procedure declares is UnknownContextField")
    func undeclaredField() {
        let priced = Self.price(plan: "channels", channel: nil, fields: ["promoo": .string("X")])
        #expect(priced.error?.code == .unknownContextField)
        #expect(priced.error?.message == "header field 'promoo' is not declared by any procedure; did you mean 'promo'?")
    }

    @Test("an unknown plan is NoProcedureResolved with a suggestion")
    func unknownPlan() {
        let priced = Self.price(plan: "chanels", channel: nil)
        #expect(priced.error?.code == .noProcedureResolved)
        #expect(priced.error?.message == "plan 'chanels' has no version in force on 2026-03-01; did you mean 'channels'?")
    }
}
