public import Money

/// A priced quote: per line a total and a waterfall, or the line's own error (DOMAIN.md §1.3).
///
/// ```swift
/// let priced = engine.price(quote)
/// for line in priced.lines { print(line.lineId, line.total ?? "-", line.error?.code ?? "") }
/// print(priced.total)
/// ```
public struct PricedQuote: Sendable {
    /// The quote id.
    public var quoteId: String
    /// The transaction currency.
    public var currency: Currency
    /// The pricing date.
    public var pricingDate: CivilDate
    /// The price book used.
    public var priceBookId: String?
    /// The plan used, with its version.
    public var plan: (id: String, version: Int)?
    /// The procedures run, in order, with their versions.
    public var procedures: [(id: String, version: Int)]
    /// Every element run, in order; waterfall entries point into this.
    public var elements: [PricingElement]
    /// The lines, in quote order.
    public var lines: [PricedLine]
    /// A failure of the whole quote (no procedure resolved, unknown account …); no line is priced.
    public var error: PricingError?

    /// The sum of the rounded totals of the priced lines.
    public var total: ExactDecimal

    /// Whether the quote or any line failed.
    public var hasErrors: Bool { error != nil || lines.contains { $0.error != nil } }
}

/// One priced (or failed) line.
public struct PricedLine: Sendable {
    /// The line id.
    public var lineId: String
    /// The product.
    public var productId: String
    /// The quantity.
    public var quantity: ExactDecimal
    /// The bundle parent line.
    public var parentLineId: String?
    /// The list price set by the first price element.
    public var listPrice: ExactDecimal?
    /// The final unit price P, unrounded.
    public var unitPrice: ExactDecimal?
    /// P rounded to the currency, for display.
    public var netUnitPrice: ExactDecimal?
    /// `round(P × Q)` to the currency (for block prices: the block total).
    public var total: ExactDecimal?
    /// The steps, one per element.
    public var waterfall: [WaterfallEntry]
    /// Why the line could not be priced.
    public var error: PricingError?
}
