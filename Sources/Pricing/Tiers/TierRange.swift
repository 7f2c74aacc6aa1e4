public import Money

/// The bounds of one tier, `[lower, upper)`; printed with `∞` for an open end.
public struct TierRange: Sendable, Hashable, CustomStringConvertible {
    /// Inclusive lower bound.
    public var lower: ExactDecimal
    /// Exclusive upper bound; `nil` is unbounded.
    public var upper: ExactDecimal?

    /// Creates bounds.
    public init(lower: ExactDecimal, upper: ExactDecimal?) {
        self.lower = lower
        self.upper = upper
    }

    public var description: String { "[\(lower), \(upper.map { "\($0)" } ?? "∞"))" }
}
