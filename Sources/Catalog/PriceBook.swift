public import Definitions
public import Money

/// A named catalogue of list prices (DOMAIN.md §1.1).
public struct PriceBook: Sendable, Windowed {
    /// Id.
    public var id: String
    /// Display name.
    public var name: String
    /// Whether it may be used for pricing.
    public var isActive: Bool
    /// Whether a missing currency may be converted with exchange rates (§1.9).
    public var allowCurrencyConversion: Bool
    /// Document version.
    public var version: Int
    /// When this version is in force.
    public var window: EffectiveWindow
}

/// One list price: a product in a currency and selling model, for a window of time.
///
/// Entries are immutable and shared: pricing a line takes a reference, not a copy.
public final class PriceBookEntry: Sendable, Windowed {
    /// The book.
    public let priceBookId: String
    /// The product.
    public let productId: String
    /// The currency of `unitPrice` and `cost`.
    public let currency: Currency
    /// The selling model priced.
    public let sellingModel: SellingModel
    /// Price per unit (per pricing term if recurring), ≥ 0.
    public let unitPrice: ExactDecimal
    /// Months in one pricing term; set exactly when the model is recurring.
    public let pricingTermMonths: Int?
    /// Unit cost for margin checks.
    public let cost: ExactDecimal?
    /// When the entry is in force (within its book version's window).
    public let window: EffectiveWindow
    /// Where it is defined.
    public let location: DefinitionLocation

    /// Creates an entry.
    public init(priceBookId: String, productId: String, currency: Currency, sellingModel: SellingModel,
                unitPrice: ExactDecimal, pricingTermMonths: Int?, cost: ExactDecimal?, window: EffectiveWindow,
                location: DefinitionLocation)
    {
        self.priceBookId = priceBookId
        self.productId = productId
        self.currency = currency
        self.sellingModel = sellingModel
        self.unitPrice = unitPrice
        self.pricingTermMonths = pricingTermMonths
        self.cost = cost
        self.window = window
        self.location = location
    }
}

/// A unit cost from a cost book, used when a price book entry has none.
public struct CostBookEntry: Sendable, Windowed {
    /// The cost book.
    public var costBookId: String
    /// The product.
    public var productId: String
    /// The currency of `cost`.
    public var currency: Currency
    /// Unit cost, ≥ 0.
    public var cost: ExactDecimal
    /// When it is in force.
    public var window: EffectiveWindow
}

/// A rate converting one currency into another from a date on (DOMAIN.md §1.9).
public struct ExchangeRate: Sendable, Hashable {
    /// Source currency.
    public var from: Currency
    /// Target currency.
    public var to: Currency
    /// Units of `to` per unit of `from`, > 0.
    public var rate: ExactDecimal
    /// First day in force; it stays in force until the next rate for the pair.
    public var effectiveFrom: CivilDate
}

/// A sales channel such as `direct` or `partner`.
public struct Channel: Sendable, Hashable {
    /// Id.
    public var id: String
    /// Display name.
    public var name: String
    /// The price book quotes in this channel use unless they name one.
    public var defaultPriceBookId: String?
}
