public import Definitions
public import Money

/// The bounds of one tier, `[lower, upper)`; printed with `∞` for an open end.
public struct TierRange: Sendable, Hashable, TextWritable {
    /// Inclusive lower bound.
    public var lower: ExactDecimal
    /// Exclusive upper bound; `nil` is unbounded.
    public var upper: ExactDecimal?

    /// Creates bounds.
    public init(lower: ExactDecimal, upper: ExactDecimal?) {
        self.lower = lower
        self.upper = upper
    }

    /// `[10, 50)`, or `[50, ∞)` for an open end.
    public func write<Out: TextOutput>(to out: inout Out) {
        out.append("[")
        out.append(lower)
        out.append(", ")
        if let upper { out.append(upper) } else { out.append("∞") }
        out.append(")")
    }
}
