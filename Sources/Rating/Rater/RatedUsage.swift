public import Money
public import Pricing

/// A rated usage summary: the amount, the rates that made it, and one step per element of the
/// rating procedure, so that every amount can be explained.
public struct RatedUsage: Sendable, Hashable {
    /// Where the rate came from.
    public enum RateSource: Sendable, Hashable, CustomStringConvertible {
        /// A base rate card entry.
        case card(id: String, version: Int)
        /// A negotiated rate.
        case negotiated(id: String)

        public var description: String {
            switch self {
            case .card(let id, let version): "rate card '\(id)' v\(version)"
            case .negotiated(let id): "negotiated rate '\(id)'"
            }
        }
    }

    /// One tier's share of the quantity (for volume: the whole quantity in one tier).
    public struct TierSlice: Sendable, Hashable {
        /// The tier's bounds.
        public var range: TierRange
        /// The quantity in it.
        public var quantity: ExactDecimal
        /// The rate it gives.
        public var rate: ExactDecimal
        /// `quantity × rate`, exact.
        public var amount: ExactDecimal
    }

    /// What one element did.
    public struct Step: Sendable, Hashable {
        /// The element.
        public var element: RatingProcedure.Element
        /// What it did, in words.
        public var detail: String
        /// The rate or amount after it, when it sets one.
        public var value: ExactDecimal?
    }

    /// The summary rated.
    public var summary: UsageSummary
    /// The account that owns the asset.
    public var accountId: String
    /// The currency of every amount.
    public var currency: Currency
    /// The rating procedure used, and its version.
    public var procedure: (id: String, version: Int)
    /// The base rate r.
    public var rate: ExactDecimal
    /// Where r came from.
    public var rateSource: RateSource
    /// r′: r after the attribute adjustment.
    public var adjustedRate: ExactDecimal
    /// The tiers used; empty without a tier entry.
    public var tiers: [TierSlice]
    /// Whether the tiers were volume (one tier for all of Q) or graduated.
    public var tierMode: AdjustmentSchedule.Mode?
    /// The amount before rounding, after any manual discount.
    public var exactAmount: ExactDecimal
    /// The amount, rounded once to the currency's scale.
    public var amount: ExactDecimal
    /// amount / Q to 6 decimals (half-up), for display; 0 when Q is 0.
    public var netUnitRate: ExactDecimal
    /// One step per element of the procedure.
    public var steps: [Step]

    public static func == (lhs: RatedUsage, rhs: RatedUsage) -> Bool {
        lhs.summary == rhs.summary && lhs.amount == rhs.amount && lhs.exactAmount == rhs.exactAmount
            && lhs.steps == rhs.steps && lhs.procedure == rhs.procedure
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(summary)
        hasher.combine(amount)
    }
}
