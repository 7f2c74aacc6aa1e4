import Definitions
import Catalog
import Expressions
import Money

/// Everything the engine looks up by a line's product id: the product's versions with the
/// context slots of their attributes, its price book entries and its costs. Built once per
/// engine, so that a line costs one hash of its product id; the rest is a scan of a few entries.
final class ProductPrices: Sendable {
    /// The product's versions, oldest first.
    let versions: [Product]
    /// Per version, the expression-context slot of each of its attributes, in attribute order.
    let attributeSlots: [[Int?]]
    /// Price book entries per (book, currency, selling model), sorted by book, currency and model.
    let entries: [Entries]
    /// Cost book entries per currency.
    let costs: [(currency: Currency, versions: [CostBookEntry])]

    /// The versions of one (book, currency, selling model), oldest first.
    struct Entries: Sendable {
        let priceBookId: String
        let currency: Currency
        let sellingModel: SellingModel
        let versions: [PriceBookEntry]
    }

    private init(versions: [Product], attributeSlots: [[Int?]], entries: [Entries],
                 costs: [(currency: Currency, versions: [CostBookEntry])])
    {
        self.versions = versions
        self.attributeSlots = attributeSlots
        self.entries = entries
        self.costs = costs
    }

    /// The index of every product of a catalog, by product id.
    static func index(_ catalog: CatalogSnapshot, schema: ExpressionSchema) -> [String: ProductPrices] {
        var entries: [String: [Entries]] = [:]
        for (key, versions) in catalog.priceBookEntries {
            entries[key.productId, default: []].append(Entries(priceBookId: key.priceBookId, currency: key.currency,
                                                                sellingModel: key.sellingModel, versions: versions))
        }
        var costs: [String: [(currency: Currency, versions: [CostBookEntry])]] = [:]
        for (key, versions) in catalog.costs { costs[key.productId, default: []].append((key.currency, versions)) }
        return catalog.products.mapValues { versions in
            let id = versions.first?.id ?? ""
            return ProductPrices(
                versions: versions,
                attributeSlots: versions.map { version in version.attributes.map { schema.attributeSlot($0.name) } },
                entries: (entries[id] ?? []).sorted {
                    ($0.priceBookId, $0.currency, $0.sellingModel.rawValue) < ($1.priceBookId, $1.currency, $1.sellingModel.rawValue)
                },
                costs: (costs[id] ?? []).sorted { $0.currency < $1.currency })
        }
    }

    /// The position in ``versions`` of the version in force on `date`.
    func version(on date: CivilDate) -> Int? {
        versions.lastIndex { $0.window.contains(date) }
    }

    /// The list price entry in force on `date`, or `nil`.
    func entry(book: String, currency: Currency, sellingModel: SellingModel, on date: CivilDate) -> PriceBookEntry? {
        for candidate in entries
        where candidate.currency == currency && candidate.sellingModel == sellingModel && candidate.priceBookId == book {
            return candidate.versions.inForce(on: date)
        }
        return nil
    }

    /// The entries in force on `date` in currencies other than `currency`, in currency order.
    func entries(book: String, except currency: Currency, sellingModel: SellingModel, on date: CivilDate) -> [PriceBookEntry] {
        entries.compactMap { candidate in
            candidate.priceBookId == book && candidate.sellingModel == sellingModel && candidate.currency != currency
                ? candidate.versions.inForce(on: date) : nil
        }
    }

    /// The unit cost from the cost books in `currency` on `date`, or `nil`.
    func cost(currency: Currency, on date: CivilDate) -> ExactDecimal? {
        costs.first { $0.currency == currency }?.versions.inForce(on: date)?.cost
    }
}
