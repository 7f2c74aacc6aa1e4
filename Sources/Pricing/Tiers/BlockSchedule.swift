public import Money

/// Block pricing (DOMAIN.md §1.6): the line total is the block price of the tier containing Q,
/// with an optional per-unit overage above the last closed tier.
///
/// ```swift
/// let blocks = BlockSchedule(table: TierTable(tiers: [.init(lower: 1, upper: 11, value: [.usd: 100]),
///                                                     .init(lower: 11, upper: 51, value: [.usd: 180])]),
///                            overageUnitPrice: [.usd: 3])
/// try blocks.total(quantity: 60, currency: .usd).total   // 210
/// ```
public struct BlockSchedule: Sendable, Hashable {
    /// Tiers whose value is the block price per currency.
    public var table: TierTable<[Currency: ExactDecimal]>
    /// Per-unit price above the last closed tier, per currency.
    public var overageUnitPrice: [Currency: ExactDecimal]?

    /// Creates a block schedule.
    public init(table: TierTable<[Currency: ExactDecimal]>, overageUnitPrice: [Currency: ExactDecimal]?) {
        self.table = table
        self.overageUnitPrice = overageUnitPrice
    }

    /// The block total for a quantity: the tier used and any overage units.
    ///
    /// - Throws: ``PricingError`` `QuantityOutOfRange` outside every tier without an overage
    ///   price, `MissingCurrencyValue` for a currency the schedule does not price.
    public func total(quantity: ExactDecimal, currency: Currency) throws(PricingError)
        -> (total: ExactDecimal, tier: Int, overageUnits: ExactDecimal)
    {
        if let index = table.tierIndex(containing: quantity) {
            return (try table.tiers[index].value.value(in: currency, of: "the block price"), index, .zero)
        }
        guard let last = table.tiers.last, let lastUpper = last.upper, quantity >= lastUpper else {
            throw PricingError(.quantityOutOfRange,
                               "quantity \(quantity) is below the first block tier \(table.tiers.first.map { "\($0.range)" } ?? "")")
        }
        guard let overage = overageUnitPrice else {
            throw PricingError(.quantityOutOfRange,
                               "quantity \(quantity) is above the last block tier \(last.range) and there is no overage price")
        }
        let blockPrice = try last.value.value(in: currency, of: "the block price")
        let unitPrice = try overage.value(in: currency, of: "the overage price")
        return try money("block overage for \(quantity)") { () throws(MoneyError) in
            let units = try quantity - (lastUpper - .one)
            return (try blockPrice + unitPrice.multiplied(by: units), table.tiers.count - 1, units)
        }
    }
}
