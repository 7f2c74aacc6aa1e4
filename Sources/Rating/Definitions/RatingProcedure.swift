public import Definitions
public import Money

/// The ordered steps that rate a usage summary (DOMAIN.md §2.1). The order is fixed; a procedure
/// chooses which steps it has and how it rounds.
public struct RatingProcedure: Sendable, Hashable, Windowed {
    /// One step.
    public enum Element: String, Sendable, Hashable, CaseIterable {
        /// Resolves the asset, its currency and the cards in force on the first day of the period.
        case ratingSetting
        /// r = the base card's rate.
        case baseRate
        /// r = the negotiated rate of a negotiable entry, else the base card's rate.
        case negotiatedBaseRate
        /// r′ = r adjusted by the attribute card entry whose condition matches.
        case attributeRateAdjustment
        /// The amount: volume or graduated tiers on r′, or r′ × Q without a tier entry.
        case tierRate
        /// The amount less the asset's manual discount percentage.
        case manualRateDiscount
        /// The amount rounded once to the currency's scale.
        case rounding
        /// The amount and the net unit rate are recorded.
        case total
    }

    /// The procedure id.
    public let id: String
    /// The document version.
    public let version: Int
    /// The steps, in the canonical order.
    public let elements: [Element]
    /// How `rounding` rounds.
    public let roundingMode: RoundingMode
    /// When it is in force.
    public let window: EffectiveWindow

    /// Creates a procedure; the compiler checks the order.
    public init(id: String, version: Int, elements: [Element], roundingMode: RoundingMode, window: EffectiveWindow) {
        self.id = id
        self.version = version
        self.elements = elements
        self.roundingMode = roundingMode
        self.window = window
    }

    /// The default procedure: every step, the negotiated base rate, rounding half-up.
    public static let standard = RatingProcedure(
        id: "standard", version: 1,
        elements: [.ratingSetting, .negotiatedBaseRate, .attributeRateAdjustment, .tierRate, .manualRateDiscount,
                   .rounding, .total],
        roundingMode: .halfUp, window: .always)

    /// Whether the procedure has a step.
    public func has(_ element: Element) -> Bool { elements.contains(element) }
}
