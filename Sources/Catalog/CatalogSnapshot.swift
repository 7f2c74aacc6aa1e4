import Definitions
public import Expressions
public import Money

/// The compiled, immutable catalog that engines read: products, price books, costs, exchange
/// rates, accounts, contract prices and channels, indexed for lookups by date. It is shared by
/// reference: engines and requests hold the one snapshot without copying its tables.
///
/// ```swift
/// let snapshot = try CatalogCompiler.compile(directory: "definitions").get()
/// let entry = snapshot.priceBookEntry(book: "standard", product: "LAPTOP-PRO", currency: .usd,
///                                     sellingModel: .oneTime, on: try CivilDate("2026-06-01"))
/// ```
public final class CatalogSnapshot: Sendable {
    /// Products by id; a product defined in several catalog versions has one element per window.
    public let products: [String: [Product]]
    /// Units of measure by id.
    public let unitsOfMeasure: [String: UnitOfMeasure]
    /// Families by id.
    public let families: [String: ProductFamily]
    /// Price book versions by book id, oldest first.
    public let priceBooks: [String: [PriceBook]]
    /// Price book entries by (book, product, currency, selling model), oldest first.
    public let priceBookEntries: [PriceKey: [PriceBookEntry]]
    /// Cost book entries by product and currency, oldest first.
    public let costs: [CostKey: [CostBookEntry]]
    /// Exchange rates by pair, oldest first.
    public let exchangeRates: [CurrencyPair: [ExchangeRate]]
    /// Accounts by id.
    public let accounts: [String: Account]
    /// Contract prices, in file order.
    public let contractPrices: [ContractPrice]
    /// Channels by id.
    public let channels: [String: Channel]
    /// The type of every product attribute name, for compiling `attr("Name")` in expressions.
    public let attributeTypes: [String: ExpressionType]
    /// The documents the snapshot was compiled from, as `(kind, id, version)`.
    public let documents: [DocumentKey]

    /// Identifies a run of price book entries.
    public struct PriceKey: Sendable, Hashable {
        public var priceBookId: String
        public var productId: String
        public var currency: Currency
        public var sellingModel: SellingModel

        /// Creates a key.
        public init(priceBookId: String, productId: String, currency: Currency, sellingModel: SellingModel) {
            self.priceBookId = priceBookId
            self.productId = productId
            self.currency = currency
            self.sellingModel = sellingModel
        }

        /// Hashes all but the book: a catalog has few books, and hashing one string less makes
        /// the per-line lookup of a list price cheaper. Equality still compares every field.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(productId)
            hasher.combine(currency)
            hasher.combine(sellingModel)
        }
    }

    /// Identifies the costs of a product in a currency.
    public struct CostKey: Sendable, Hashable {
        public var productId: String
        public var currency: Currency

        /// Creates a key.
        public init(productId: String, currency: Currency) {
            self.productId = productId
            self.currency = currency
        }
    }

    /// A currency pair.
    public struct CurrencyPair: Sendable, Hashable {
        public var from: Currency
        public var to: Currency

        /// Creates a pair.
        public init(from: Currency, to: Currency) {
            self.from = from
            self.to = to
        }
    }

    /// A compiled document's identity.
    public struct DocumentKey: Sendable, Hashable {
        public var kind: String
        public var id: String
        public var version: Int
    }

    package init(products: [String: [Product]], unitsOfMeasure: [String: UnitOfMeasure],
                 families: [String: ProductFamily], priceBooks: [String: [PriceBook]],
                 priceBookEntries: [PriceKey: [PriceBookEntry]], costs: [CostKey: [CostBookEntry]],
                 exchangeRates: [CurrencyPair: [ExchangeRate]], accounts: [String: Account],
                 contractPrices: [ContractPrice], channels: [String: Channel],
                 attributeTypes: [String: ExpressionType], documents: [DocumentKey])
    {
        self.products = products
        self.unitsOfMeasure = unitsOfMeasure
        self.families = families
        self.priceBooks = priceBooks
        self.priceBookEntries = priceBookEntries
        self.costs = costs
        self.exchangeRates = exchangeRates
        self.accounts = accounts
        self.contractPrices = contractPrices
        self.channels = channels
        self.attributeTypes = attributeTypes
        self.documents = documents
    }

    // MARK: Lookups

    /// The product in force on `date`.
    public func product(_ id: String, on date: CivilDate) -> Product? {
        products[id]?.inForce(on: date)
    }

    /// The price book version in force on `date`.
    public func priceBook(_ id: String, on date: CivilDate) -> PriceBook? {
        priceBooks[id]?.inForce(on: date)
    }

    /// The list price entry in force on `date`, or `nil`.
    public func priceBookEntry(book: String, product: String, currency: Currency, sellingModel: SellingModel,
                               on date: CivilDate) -> PriceBookEntry?
    {
        priceBookEntries[PriceKey(priceBookId: book, productId: product, currency: currency, sellingModel: sellingModel)]?
            .inForce(on: date)
    }

    /// The unit cost of a product in a currency on `date` from the cost books, or `nil`.
    public func cost(of product: String, currency: Currency, on date: CivilDate) -> ExactDecimal? {
        costs[CostKey(productId: product, currency: currency)]?.inForce(on: date)?.cost
    }

    /// The exchange rate in force on `date`: the latest with `effectiveFrom ≤ date`.
    public func exchangeRate(from: Currency, to: Currency, on date: CivilDate) -> ExchangeRate? {
        exchangeRates[CurrencyPair(from: from, to: to)]?.last { $0.effectiveFrom <= date }
    }

    /// The parents of an account, nearest first.
    public func ancestors(of accountId: String) -> [String] {
        var result: [String] = []
        var current = accounts[accountId]?.parentId
        while let id = current, !result.contains(id), id != accountId {
            result.append(id)
            current = accounts[id]?.parentId
        }
        return result
    }

    /// A one-screen summary of what was loaded.
    public var summary: [(label: String, count: Int)] {
        let allProducts = products.values.flatMap { $0 }
        return [
            ("documents", documents.count),
            ("products", products.count),
            ("bundles", Set(allProducts.filter(\.isBundle).map(\.id)).count),
            ("attributes", attributeTypes.count),
            ("families", families.count),
            ("units of measure", unitsOfMeasure.count),
            ("price books", priceBooks.count),
            ("price book entries", priceBookEntries.values.reduce(0) { $0 + $1.count }),
            ("currencies", Set(priceBookEntries.keys.map(\.currency)).count),
            ("cost book entries", costs.values.reduce(0) { $0 + $1.count }),
            ("exchange rates", exchangeRates.values.reduce(0) { $0 + $1.count }),
            ("accounts", accounts.count),
            ("contract prices", contractPrices.count),
            ("channels", channels.count),
        ]
    }
}
