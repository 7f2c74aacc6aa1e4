public import Money

/// The facts of a guardrail violation (DOMAIN.md §1.10).
public struct GuardrailViolation: Sendable, Hashable {
    /// Which limit: `maxDiscount`, `marginFloor` or `minUnitPrice`.
    public var rule: String
    /// The limit (a percent, or a price for `minUnitPrice`).
    public var limit: ExactDecimal
    /// The actual value (percent to 4 places, or the price).
    public var actual: ExactDecimal
    /// The lowest unit price the limit allows, rounded up to the currency.
    public var minimumAllowedPrice: ExactDecimal

    /// Creates a violation.
    public init(rule: String, limit: ExactDecimal, actual: ExactDecimal, minimumAllowedPrice: ExactDecimal) {
        self.rule = rule
        self.limit = limit
        self.actual = actual
        self.minimumAllowedPrice = minimumAllowedPrice
    }
}
