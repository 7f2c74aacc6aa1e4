import Definitions
import Rating
import Testing

/// Mistakes in rating definitions are reported with their code, place and path.
@Suite struct RatingDefinitionTests {
    private func codes(_ extra: String) -> [String] { RatingFixtures.problems(extra).map(\.code) }

    @Test func tierGapsAndStartAboveZero() {
        let problems = RatingFixtures.problems("""
            kind: RateCard
            id: gaps
            version: 1
            effectiveFrom: 2026-01-01
            type: tier
            currency: EUR
            status: active
            entries:
              - product: API
                resource: storage
                mode: volume
                tiers:
                  - { lower: 0, upper: 10, adjustment: { type: percent, value: 0 } }
                  - { lower: 20, adjustment: { type: percent, value: 5 } }
              - product: API-VOL
                resource: storage
                mode: graduated
                tiers: [{ lower: 1, adjustment: { type: percent, value: 0 } }]
            """)
        #expect(problems.map(\.code) == ["TierGap", "InvalidTier"])
        #expect(problems[0].path == "entries[0].tiers[1]")
        // The tier `{ lower: 20 … }` is line 14 of the added document, after the base and its `---`.
        let baseLines = RatingFixtures.base.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(problems[0].location.line == baseLines + 1 + 14)
    }

    @Test func ratesHaveAtMostSixDecimalsAndAreNotNegative() {
        #expect(codes("""
            kind: RateCard
            id: precise
            version: 1
            effectiveFrom: 2026-01-01
            type: base
            currency: EUR
            status: active
            entries:
              - { product: API, resource: api-calls, rate: 0.0000001 }
              - { product: API-VOL, resource: api-calls, rate: -1 }
            """) == ["PrecisionExceedsRate", "InvalidValue"])
    }

    @Test func overlappingActiveEntries() {
        let problems = RatingFixtures.problems("""
            kind: RateCard
            id: again
            version: 1
            effectiveFrom: 2026-06-01
            type: base
            currency: USD
            status: active
            entries: [{ product: API, resource: api-calls, rate: 0.2 }]
            """)
        #expect(problems.map(\.code) == ["OverlappingRateCardEntry"])
        #expect(problems.first?.message.contains("already in force") == true)
    }

    @Test func procedureOrderAndRequiredElements() {
        #expect(codes("""
            kind: RatingProcedure
            id: backwards
            version: 1
            effectiveFrom: 2026-01-01
            elements: [ratingSetting, tierRate, baseRate, rounding, total]
            """) == ["InvalidElementOrder"])
        #expect(codes("""
            kind: RatingProcedure
            id: unrounded
            version: 1
            effectiveFrom: 2026-01-01
            elements: [ratingSetting, baseRate, total]
            """) == ["MissingElement"])
        #expect(codes("""
            kind: RatingProcedure
            id: typo
            version: 1
            effectiveFrom: 2026-01-01
            elements: [ratingSetting, baseRates, rounding, total]
            """) == ["UnknownElement"])
    }

    @Test func referencesAndUnits() {
        let problems = RatingFixtures.problems("""
            kind: Assets
            id: more-assets
            version: 1
            effectiveFrom: 2026-01-01
            assets:
              - { id: A-X, account: acme, product: APII, currency: USD }
              - { id: A-GRAD, account: acme, product: API, currency: USD }
            ---
            kind: RateCard
            id: units
            version: 1
            effectiveFrom: 2026-01-01
            type: base
            currency: USD
            status: draft
            entries: [{ product: API, resource: api-calls, unitOfMeasure: gb, rate: 1 }]
            ---
            kind: UsageResources
            id: more-resources
            version: 1
            effectiveFrom: 2026-01-01
            resources: [{ id: events, unitOfMeasure: call, ratingProcedure: nowhere, attributes: { region: number } }]
            """)
        #expect(problems.map(\.code).sorted() == ["AttributeTypeConflict", "DanglingReference", "DanglingReference",
                                                   "DuplicateId", "UnitMismatch"])
        #expect(problems.contains { $0.message == "unknown product 'APII'; did you mean 'API'?" })
    }

    @Test func attributeConditionsAreTypeChecked() {
        #expect(codes("""
            kind: RateCard
            id: typed
            version: 1
            effectiveFrom: 2026-01-01
            type: attribute
            currency: USD
            status: active
            entries: [{ product: API, resource: api-calls, condition: 'attr("region") > 3', adjustment: { type: percent, value: 5 } }]
            """) == ["InvalidExpression"])
    }
}
