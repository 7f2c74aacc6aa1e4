public import Money

/// Half-open quantity ranges `[lower, upper)` with a value each: the one tier implementation
/// shared by pricing schedules, block prices, term schedules and rate cards (DOMAIN.md §1.6).
///
/// ```swift
/// let table = TierTable(tiers: [.init(lower: 1, upper: 10, value: Adjustment.percent(0)),
///                               .init(lower: 10, upper: nil, value: .percent(10))])
/// table.tierIndex(containing: 10)   // 1: at a boundary the higher tier wins
/// ```
public struct TierTable<Value: Sendable & Hashable>: Sendable, Hashable {
    /// One tier.
    public struct Tier: Sendable, Hashable {
        /// Inclusive lower bound.
        public var lower: ExactDecimal
        /// Exclusive upper bound; `nil` is unbounded (only the last tier).
        public var upper: ExactDecimal?
        /// What the tier gives.
        public var value: Value

        /// Creates a tier.
        public init(lower: ExactDecimal, upper: ExactDecimal?, value: Value) {
            self.lower = lower
            self.upper = upper
            self.value = value
        }

        /// The tier's bounds, printed as `[lower, upper)`.
        public var range: TierRange { TierRange(lower: lower, upper: upper) }
    }

    /// How quantities are counted.
    public enum Basis: String, Sendable, Hashable, CaseIterable {
        /// Whole units 1…Q; the first lower bound is at least 1.
        case units
        /// A continuous quantity; the first lower bound is at least 0.
        case continuous
    }

    /// A save-time problem with a table.
    public struct Problem: Sendable, Hashable {
        /// `TierGap`, `TierOverlap` or `InvalidTier`.
        public var code: String
        /// The index of the offending tier.
        public var index: Int
        /// What is wrong.
        public var message: String
    }

    /// The tiers, sorted by lower bound.
    public var tiers: [Tier]

    /// Creates a table; call ``problems(basis:)`` to check it.
    public init(tiers: [Tier]) { self.tiers = tiers }

    /// The save-time checks: sorted and contiguous, `lower < upper`, only the last tier open, and
    /// a first lower bound of at least 1 (units) or 0 (continuous).
    public func problems(basis: Basis) -> [Problem] {
        var problems: [Problem] = []
        guard let first = tiers.first else {
            return [Problem(code: "InvalidTier", index: 0, message: "a schedule needs at least one tier")]
        }
        let minimum: ExactDecimal = basis == .units ? .one : .zero
        if first.lower < minimum {
            problems.append(Problem(code: "InvalidTier", index: 0,
                                    message: "the first tier starts at \(first.lower); with basis \(basis.rawValue) it must start at \(minimum) or above"))
        }
        for (index, tier) in tiers.enumerated() {
            if basis == .units, tier.lower.exactInt == nil {
                problems.append(Problem(code: "InvalidTier", index: index,
                                        message: "tier bounds must be whole numbers with basis units, found \(tier.lower)"))
            }
            if let upper = tier.upper, upper <= tier.lower {
                problems.append(Problem(code: "InvalidTier", index: index,
                                        message: "tier \(tier.range) is empty: its lower bound must be below its upper bound"))
            }
            guard index + 1 < tiers.count else { continue }
            let next = tiers[index + 1]
            guard let upper = tier.upper else {
                problems.append(Problem(code: "TierOverlap", index: index,
                                        message: "only the last tier may be open, but tier \(tier.range) is followed by \(next.range)"))
                continue
            }
            if next.lower > upper {
                problems.append(Problem(code: "TierGap", index: index + 1,
                                        message: "gap between tier \(tier.range) and tier \(next.range): quantities in [\(upper), \(next.lower)) have no tier"))
            } else if next.lower < upper {
                problems.append(Problem(code: "TierOverlap", index: index + 1,
                                        message: "tier \(next.range) overlaps tier \(tier.range)"))
            }
        }
        return problems
    }

    /// The index of the tier with `lower ≤ quantity < upper`, or `nil`.
    public func tierIndex(containing quantity: ExactDecimal) -> Int? {
        for index in tiers.indices.reversed() where tiers[index].lower <= quantity {
            if let upper = tiers[index].upper, quantity >= upper { return nil }
            return index
        }
        return nil
    }

    /// How much of `quantity` falls in each tier, for graduated (slab) pricing.
    ///
    /// Units basis: unit k (1…Q) belongs to the tier containing k, so tier i holds
    /// `max(0, min(Q+1, upper) − lower)` units. Continuous basis: `max(0, min(Q, upper) − lower)`.
    /// Tiers with nothing in them are left out.
    public func slices(of quantity: ExactDecimal, basis: Basis) throws(MoneyError)
        -> [(index: Int, quantity: ExactDecimal)]
    {
        let end = basis == .units ? try quantity + .one : quantity
        var slices: [(index: Int, quantity: ExactDecimal)] = []
        for (index, tier) in tiers.enumerated() {
            let top = tier.upper.map { Swift.min($0, end) } ?? end
            let count = try top - tier.lower
            if count > .zero { slices.append((index, count)) }
        }
        return slices
    }

    /// The part of `quantity` covered by some tier.
    public func covered(_ slices: [(index: Int, quantity: ExactDecimal)]) throws(MoneyError) -> ExactDecimal {
        var total = ExactDecimal.zero
        for slice in slices { total = try total + slice.quantity }
        return total
    }
}
