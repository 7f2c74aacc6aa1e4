import Money
import Rating
import Testing

/// DOMAIN.md §2.4, verbatim: base rate 0.10; tier overrides [0,1000) 0.10, [1000,5000) 0.08,
/// [5000,∞) 0.05.
@Suite struct WorkedExampleTests {
    let rater: Rater

    init() throws { rater = Rater(try RatingFixtures.definitions()) }

    private func amount(_ asset: String, _ quantity: ExactDecimal) throws -> ExactDecimal {
        try rater.rate(RatingFixtures.summary(asset, quantity: quantity)).amount
    }

    @Test func graduated7500() throws {
        let rated = try rater.rate(RatingFixtures.summary("A-GRAD", quantity: 7_500))
        #expect(rated.amount == (try ExactDecimal("545.00")))
        #expect(rated.tiers.map(\.amount) == [100, 320, 125])
        #expect(rated.currency == .usd)
        #expect(rated.netUnitRate == (try ExactDecimal("0.072667")))
    }

    @Test func volume7500() throws {
        #expect(try amount("A-VOL", 7_500) == 375)
    }

    @Test func boundary5000() throws {
        #expect(try amount("A-VOL", 5_000) == 250)
        #expect(try amount("A-GRAD", 5_000) == 420)
    }

    @Test func fractionalGraduated() throws {
        #expect(try amount("A-GRAD", try ExactDecimal("1234.5")) == (try ExactDecimal("118.76")))
    }

    @Test func zeroQuantityIsZero() throws {
        let rated = try rater.rate(RatingFixtures.summary("A-GRAD", quantity: 0))
        #expect(rated.amount == 0)
        #expect(rated.netUnitRate == 0)
    }

    @Test func tierBoundaries() throws {
        // [0,1000) 0.10: 999.999 stays in the first tier; 1000 opens the second (volume).
        #expect(try amount("A-VOL", try ExactDecimal("999.999")) == (try ExactDecimal("100.00")))
        #expect(try amount("A-VOL", 1_000) == 80)
        #expect(try amount("A-GRAD", 1_000) == 100)
        #expect(try amount("A-GRAD", 1_001) == (try ExactDecimal("100.08")))
    }

    @Test func quantityBeyondTheLastTier() throws {
        // Storage tiers end at 1000 GB: graduated rates up to 1000 exactly, then refuses.
        let at = try rater.rate(RatingFixtures.summary("A-FLAT", "storage", quantity: 1_000))
        #expect(at.amount == (try ExactDecimal("184.50")))   // 100 × 0.25 + 900 × 0.20 = 205, less 10 %
        #expect(throws: RatingError(.quantityOutOfRange, "quantity 1000.5 is beyond the last tier [100, 1000)")) {
            try rater.rate(RatingFixtures.summary("A-FLAT", "storage", quantity: try ExactDecimal("1000.5")))
        }
    }
}
