import Catalog
import Definitions
import Expressions
import Money
import Pricing
import Testing

/// Resolved headers are shared by quotes with the same header values; line ids are indexed by
/// scanning small quotes and hashing large ones. Neither may change a price.
@Suite("Pricing: shared quote headers and the line index")
struct QuoteHeaderTests {
    typealias F = PricingFixtures

    static let definitions = F.compile([F.catalog] + F.procedures + [
        F.procedure("by-quote", """
              - { id: list, sequence: 10, kind: listPrice }
              - id: first
                sequence: 20
                kind: volumeDiscount
                condition: 'transactionId == "FIRST"'
                tiers: [{ lower: 1, adjustment: { type: percent, value: 50 } }]
            """),
        F.procedure("bundle", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: bundle, sequence: 20, kind: bundleAdjustment, rules: [{ parent: RACK, adjustment: { type: percent, value: 5 } }] }
            """),
    ])

    static func quote(_ id: String, account: String?, procedure: String, _ lines: [Quote.Line]) -> Quote {
        Quote(id: id, accountId: account, currency: .usd, pricingDate: F.date, priceBookId: "std", procedureId: procedure,
              lines: lines)
    }

    @Test("a procedure that reads transactionId sees each quote's own id, though the rest of the header is shared")
    func transactionIdIsPerQuote() {
        let engine = PricingEngine(Self.definitions)
        let lines = [F.line("WIDGET", 1)]
        let totals = ["FIRST", "SECOND", "FIRST", "THIRD"].map {
            engine.price(Self.quote($0, account: "ACME", procedure: "by-quote", lines)).total
        }
        #expect(totals == [50, 100, 50, 100])
    }

    @Test("one engine pricing quotes of many headers in turn gives what a fresh engine gives each", arguments: [1, 2, 3])
    func sharedEngineMatchesFreshOnes(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let shared = PricingEngine(Self.definitions)
        let accounts: [String?] = ["ACME", "ACME-GROUP", "OTHER", nil]
        let procedures = ["contract", "volume", "guardrail", "by-quote"]
        let products = ["CONTRACTED", "WIDGET", "TOOL", "GADGET"]
        for round in 0..<40 {
            let lines = (0..<Int(random.next() % 4 + 1)).map { position in
                F.line(products[Int(random.next() % 4)], ExactDecimal(Int(random.next() % 30) + 1), id: "L\(position)")
            }
            let quote = Self.quote(round % 3 == 0 ? "FIRST" : "Q\(round)", account: accounts[Int(random.next() % 4)],
                                   procedure: procedures[Int(random.next() % 4)], lines)
            #expect(shared.price(quote).json() == PricingEngine(Self.definitions).price(quote).json(), "round \(round)")
        }
    }

    @Test("a repeated line id fails the later line, and children link to the first, in small and large quotes",
          arguments: [0, 12])
    func repeatedIdLinksToTheFirstLine(padding: Int) {
        var lines = [
            F.line("RACK", 1, id: "rack"),
            F.line("WIDGET", 1, id: "rack"),
            F.line("SERVER", 1, id: "server") { $0.parentLineId = "rack" },
        ]
        lines += (0..<padding).map { F.line("WIDGET", 1, id: "pad\($0)") }
        let priced = PricingEngine(Self.definitions).price(Self.quote("Q", account: nil, procedure: "bundle", lines))
        #expect(priced.lines[0].error == nil)
        #expect(priced.lines[1].error?.message == "line id 'rack' is used twice")
        #expect(priced.lines[2].error == nil)
        // 15,000 less the 5 % bundle discount, which applies only under the rack.
        #expect(priced.lines[2].total == 14_250)
    }
}
