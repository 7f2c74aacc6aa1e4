public import Money

/// Tiers of adjustments applied by quantity: volume (range) or graduated (slab), DOMAIN.md §1.6.
///
/// ```swift
/// let schedule = AdjustmentSchedule(mode: .volume, basis: .units, table: TierTable(tiers: [
///     .init(lower: 1, upper: 10, value: .percent(0)), .init(lower: 10, upper: 20, value: .percent(10)),
///     .init(lower: 20, upper: nil, value: .percent(20))]))
/// try schedule.apply(to: 100, quantity: 30, currency: .usd)?.price   // 80
/// ```
public struct AdjustmentSchedule: Sendable, Hashable {
    /// How tiers combine.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// The tier containing Q applies to all units.
        case volume
        /// Each slice of Q gets its own tier's price.
        case graduated
    }

    /// What one application did: the resulting unit price and the tiers used.
    public struct Result: Sendable, Hashable {
        /// The new unit price (for graduated: `Σ(count_i × P_i) / Q`, unrounded).
        public var price: ExactDecimal
        /// The exact extended amount `Σ(count_i × P_i)` for graduated schedules, else `nil`.
        public var extended: ExactDecimal?
        /// The tiers used, with the quantity in each and the unit price each gave.
        public var slices: [Slice]
    }

    /// One tier's share of a graduated quantity (for volume: the whole quantity). The waterfall
    /// reports it as is.
    public struct Slice: Sendable, Hashable {
        /// Index of the tier.
        public var tier: Int
        /// The tier's range, `[lower, upper)`.
        public var range: TierRange
        /// The tier's adjustment.
        public var adjustment: Adjustment
        /// How much of the quantity it holds.
        public var quantity: ExactDecimal
        /// The unit price in that tier.
        public var price: ExactDecimal
    }

    /// Volume or graduated.
    public var mode: Mode
    /// Units or continuous.
    public var basis: TierTable<Adjustment>.Basis
    /// The tiers.
    public var table: TierTable<Adjustment>

    /// Creates a schedule.
    public init(mode: Mode, basis: TierTable<Adjustment>.Basis, table: TierTable<Adjustment>) {
        self.mode = mode
        self.basis = basis
        self.table = table
    }

    /// Applies the schedule to a unit price for a quantity; `nil` when no tier contains Q
    /// (volume) or no unit falls in any tier (graduated).
    ///
    /// - Throws: ``PricingError`` for a missing currency value or overflow.
    public func apply(to price: ExactDecimal, quantity: ExactDecimal, currency: Currency)
        throws(PricingError) -> Result?
    {
        switch mode {
        case .volume:
            guard let index = table.tierIndex(containing: quantity) else { return nil }
            let tier = table.tiers[index]
            let adjusted = try tier.value.apply(to: price, currency: currency)
            return Result(price: adjusted, extended: nil, slices: [
                Slice(tier: index, range: tier.range, adjustment: tier.value, quantity: quantity, price: adjusted),
            ])
        case .graduated:
            do {
                let parts = try table.slices(of: quantity, basis: basis)
                guard !parts.isEmpty else { return nil }
                var slices: [Slice] = []
                var extended = ExactDecimal.zero
                for part in parts {
                    let tier = table.tiers[part.index]
                    let tierPrice = try tier.value.apply(to: price, currency: currency)
                    slices.append(Slice(tier: part.index, range: tier.range, adjustment: tier.value, quantity: part.quantity,
                                        price: tierPrice))
                    extended = try extended + tierPrice.multiplied(by: part.quantity)
                }
                // Units that no tier covers keep P.
                let uncovered = try quantity - table.covered(parts)
                if uncovered > .zero { extended = try extended + price.multiplied(by: uncovered) }
                let unit = try extended.divided(by: quantity)
                return Result(price: unit, extended: extended, slices: slices)
            } catch let error as PricingError {
                throw error
            } catch {
                throw PricingError(.overflow, "graduated schedule on \(price) × \(quantity): \(error)")
            }
        }
    }
}
