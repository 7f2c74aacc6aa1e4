import Money
import Rating
import Testing

/// Rates, attribute adjustments, negotiated rates, discounts and every error of the rater.
@Suite struct RaterTests {
    let rater: Rater

    init() throws { rater = Rater(try RatingFixtures.definitions()) }

    @Test func attributeAdjustmentChangesTheRate() throws {
        let eu = try rater.rate(RatingFixtures.summary("A-FLAT", quantity: 1_000, month: "2026-03-01", attributes: ["region": "EU"]))
        // r = 0.002, EU 25 % off → 0.0015 × 1000 = 1.50, less the asset's 10 % → 1.35.
        #expect(eu.rate == (try ExactDecimal("0.002")))
        #expect(eu.adjustedRate == (try ExactDecimal("0.0015")))
        #expect(eu.amount == (try ExactDecimal("1.35")))
        let us = try rater.rate(RatingFixtures.summary("A-FLAT", quantity: 1_000, month: "2026-03-01", attributes: ["region": "US"]))
        #expect(us.adjustedRate == us.rate)
        #expect(us.amount == (try ExactDecimal("1.80")))
    }

    @Test func ambiguousAttributeEntries() throws {
        let summary = try RatingFixtures.summary("A-FLAT", quantity: 10, attributes: ["region": "APAC"])
        do {
            _ = try rater.rate(summary)
            Issue.record("two entries with priority 1 match")
        } catch {
            #expect(error.code == .ambiguousRuleMatch)
            #expect(error.message.contains("same priority 1"))
        }
    }

    @Test func negotiatedRatesReplaceNegotiableBaseRates() throws {
        // The asset's own rate.
        let own = try rater.rate(RatingFixtures.summary("A-NEG", quantity: 1_000, attributes: ["region": "US"]))
        #expect(own.rate == (try ExactDecimal("0.0015")))
        #expect(own.rateSource == .negotiated(id: "NR-ASSET"))
        // The contract's rate, only from June.
        let march = try rater.rate(RatingFixtures.summary("A-FLAT", quantity: 1_000, month: "2026-03-01", attributes: ["region": "US"]))
        #expect(march.rateSource == .card(id: "base", version: 1))
        let july = try rater.rate(RatingFixtures.summary("A-FLAT", quantity: 1_000, month: "2026-07-01", attributes: ["region": "US"]))
        #expect(july.rateSource == .negotiated(id: "NR-CONTRACT"))
        #expect(july.amount == (try ExactDecimal("1.62")))   // 0.0018 × 1000 less 10 %
    }

    @Test func baseRateProcedureIgnoresNegotiatedRates() throws {
        let definitions = try RatingFixtures.definitions("""
            kind: RatingProcedure
            id: list-only
            version: 1
            effectiveFrom: 2026-01-01
            elements: [ratingSetting, baseRate, tierRate, rounding, total]
            roundingMode: down
            ---
            kind: UsageResources
            id: more
            version: 1
            effectiveFrom: 2026-01-01
            resources: [{ id: list-calls, unitOfMeasure: call, ratingProcedure: list-only }]
            ---
            kind: RateCard
            id: list
            version: 1
            effectiveFrom: 2026-01-01
            type: base
            currency: USD
            status: active
            entries: [{ product: FLAT, resource: list-calls, rate: 0.003333, negotiable: true }]
            """)
        let rated = try Rater(definitions).rate(RatingFixtures.summary("A-FLAT", "list-calls", quantity: 1_000, month: "2026-07-01"))
        #expect(rated.procedure == ("list-only", 1) as (String, Int))
        #expect(rated.amount == (try ExactDecimal("3.33")))   // 3.333 rounded down, no discount step
        #expect(rated.steps.map(\.element) == [.ratingSetting, .baseRate, .tierRate, .rounding, .total])
    }

    @Test func aConditionOnAnAbsentAttributeFails() throws {
        let summary = try RatingFixtures.summary("A-FLAT", quantity: 10)
        #expect(throws: RatingError(.expressionFailed, "attribute condition 'attr(\"region\") == \"EU\"' of rate card 'regions': attribute 'region' is not set; guard the read with has(\"region\")")) {
            try rater.rate(summary)
        }
    }

    @Test func errors() throws {
        func code(_ summary: UsageSummary) -> RatingError.Code? {
            do {
                _ = try rater.rate(summary)
                return nil
            } catch {
                return error.code
            }
        }
        #expect(code(try RatingFixtures.summary("NOPE", quantity: 1)) == .unknownAsset)
        #expect(code(try RatingFixtures.summary("A-GRAD", "nope", quantity: 1)) == .unknownResource)
        #expect(code(try RatingFixtures.summary("A-GRAD", "storage", quantity: 1)) == .rateNotFound)   // only on a draft card
        #expect(code(try RatingFixtures.summary("A-GRAD", quantity: -1)) == .invalidQuantity)
        #expect(code(try RatingFixtures.summary("A-GRAD", quantity: 1, month: "2025-12-01")) == .unknownAsset)
    }

    @Test func aRateTakenBelowZeroIsRefused() throws {
        let definitions = try RatingFixtures.definitions("""
            kind: RateCard
            id: too-much
            version: 1
            effectiveFrom: 2026-01-01
            type: attribute
            currency: USD
            status: active
            entries:
              - { product: FLAT, resource: api-calls, condition: 'attr("region") == "XX"', adjustment: { type: amount, value: 0.5 } }
            """)
        let summary = try RatingFixtures.summary("A-FLAT", quantity: 10, attributes: ["region": "XX"])
        #expect(throws: RatingError(.negativeAmount, "the attribute adjustment takes the rate 0.0018 below zero (-0.4982)")) {
            try Rater(definitions).rate(summary)
        }
    }

    @Test func stepsExplainTheAmount() throws {
        let rated = try rater.rate(RatingFixtures.summary("A-GRAD", quantity: 7_500))
        #expect(rated.steps.map(\.element) == RatingProcedure.standard.elements)
        #expect(rated.steps.last?.value == rated.amount)
        #expect(rated.steps[3].detail.contains("graduated tiers of rate card 'tiers' v1"))
    }
}
