public import Expressions
public import Money

/// One step of a line's price waterfall: `{elementId, kind, label, before, delta, after, detail}`.
///
/// The element's id, kind and label live in ``PricedQuote/elements``; ``element`` indexes it, so
/// that a large quote does not copy them per line.
public struct WaterfallEntry: Sendable, Hashable {
    /// Why an element did nothing.
    public enum SkipReason: String, Sendable, Hashable {
        case conditionFalse, contractPrice, noTier, noRuleMatched, notComponent, noManualDiscount, oneTime,
             noContractPrice, noConversion, notApplicable
    }

    /// Applied, or skipped with a reason.
    public enum Status: Sendable, Hashable {
        case applied
        case skipped(SkipReason)
    }

    // Stored in an order that packs the entry tightly; a large quote holds millions of them.

    /// `after − before` (0 when skipped).
    public let delta: ExactDecimal
    /// P after the element.
    public let after: ExactDecimal?
    /// Applied or skipped.
    public let status: Status
    /// Whether a price was set before the element (`before` is derived, not stored).
    private let hadPrice: Bool
    /// Index into ``PricedQuote/elements``.
    public let element: Int
    /// What matched, and unrounded intermediates.
    public let detail: WaterfallDetail

    /// P before the element (`nil` before a price is set): `after − delta`.
    public var before: ExactDecimal? {
        guard hadPrice, let after else { return nil }
        // `delta` was computed as `after − before`, so this is exact and cannot overflow.
        return try? after - delta
    }

    /// Creates an entry; `delta` must be `after − before` (0 when both are `nil`).
    init(element: Int, status: Status, before: ExactDecimal?, delta: ExactDecimal, after: ExactDecimal?,
         detail: WaterfallDetail)
    {
        self.delta = delta
        self.after = after
        self.status = status
        hadPrice = before != nil
        self.element = element
        self.detail = detail
    }
}

/// What an element matched and computed, for "why is this price what it is?".
///
/// Details hold values, not text, so pricing a line allocates no strings; ``fields`` formats them.
/// The larger cases are `indirect`, which keeps every ``WaterfallEntry`` small.
public enum WaterfallDetail: Sendable, Hashable {
    /// Nothing to add.
    case none
    /// The price book entry used, and a currency conversion if one was needed.
    indirect case listPrice(priceBookId: String, bookVersion: Int, unitPrice: ExactDecimal, currency: Currency,
                   pricingTermMonths: Int?, conversion: Conversion?)
    /// The contract price record used.
    indirect case contractPrice(recordId: String, owner: ContractOwner, terms: ContractTerms, listPrice: ExactDecimal)
    /// The block tier used.
    indirect case block(tier: TierRange, blockPrice: ExactDecimal, overageUnits: ExactDecimal, overageUnitPrice: ExactDecimal?)
    /// The term multiplier and the schedule tier.
    indirect case term(termMonths: ExactDecimal, pricingTermMonths: Int, multiplier: ExactDecimal,
              multiplied: ExactDecimal, scheduleTier: TierRange?, scheduleAdjustment: Adjustment?)
    /// A currency conversion as its own step.
    indirect case conversion(Conversion)
    /// The attribute rule that matched.
    indirect case rule(index: Int, condition: String, adjustment: Adjustment, priority: Int)
    /// The bundle rule that matched.
    indirect case bundleRule(index: Int, parentProductId: String, componentProductId: String?, adjustment: Adjustment)
    /// The tiers used by a volume or graduated schedule.
    case schedule(quantity: ExactDecimal, slices: [Slice])
    /// The manual discount.
    case manual(adjustment: Adjustment)
    /// The derived source.
    indirect case derived(source: String, sourcePrice: ExactDecimal, percent: ExactDecimal)
    /// A formula's value.
    indirect case formula(expression: String, value: ExactDecimal)
    /// An assigned field.
    indirect case assignment(field: String, value: ExpressionValue)
    /// An aggregated header field.
    indirect case aggregate(field: String, value: ExactDecimal, lines: Int)
    /// A propagated discount or roll-up.
    indirect case propagation(Propagated, value: ExactDecimal)
    /// The guardrail checks, and the override that waived a violation.
    case guardrail(checks: [GuardrailCheck], approvalOverride: String?)
    /// A rounding step.
    indirect case rounding(scale: Int, mode: RoundingMode, unrounded: ExactDecimal)

    /// Whose contract price applied.
    public enum ContractOwner: Sendable, Hashable {
        case contract(String), account(String)
    }

    /// What a contract price set.
    public enum ContractTerms: Sendable, Hashable {
        case price(Money), discountPercent(ExactDecimal)
    }

    /// What a propagation moved.
    public enum Propagated: Sendable, Hashable {
        /// The parent line's discount percentage, pushed down.
        case parentDiscount(parentLineId: String)
        /// The components' extended amounts, rolled up into a field.
        case rollUp(field: String)
    }

    /// A conversion at list price (§1.9).
    public struct Conversion: Sendable, Hashable {
        /// The rate in force.
        public var rate: ExactDecimal
        /// The source price.
        public var sourcePrice: ExactDecimal
        /// `sourcePrice × rate` before rounding.
        public var unrounded: ExactDecimal
        /// The rate's effective date.
        public var rateDate: CivilDate
        /// Source currency.
        public var from: Currency
    }

    /// One tier's share.
    public typealias Slice = AdjustmentSchedule.Slice

    /// One guardrail check.
    public struct GuardrailCheck: Sendable, Hashable {
        /// `maxDiscount`, `marginFloor` or `minUnitPrice`.
        public var rule: String
        /// The limit.
        public var limit: ExactDecimal
        /// The actual value.
        public var actual: ExactDecimal
        /// Whether it passed.
        public var passed: Bool
    }
}
