public import Catalog
import Definitions
public import Expressions
public import Money

/// Everything the rater reads: the catalog, usage resources, assets, rate cards, negotiated rates
/// and rating procedures, compiled and immutable.
///
/// ```swift
/// let definitions = try RatingCompiler.compile(directory: "revenue-demo").get()
/// let rated = try Rater(definitions).rate(summary)
/// ```
public struct RatingDefinitions: Sendable {
    /// The catalog (products, units of measure, accounts).
    public let catalog: CatalogSnapshot
    /// Resource versions by id, oldest first.
    public let resources: [String: [UsageResource]]
    /// Asset versions by id, oldest first.
    public let assets: [String: [Asset]]
    /// Card versions by id, oldest first.
    public let rateCards: [String: [RateCard]]
    /// Negotiated rates by resource.
    public let negotiatedRates: [String: [NegotiatedRate]]
    /// Procedure versions by id, oldest first.
    public let procedures: [String: [RatingProcedure]]
    /// What attribute conditions read: `assetId`, `accountId`, `productId`, `resourceId` and
    /// the usage attributes every resource declares, by name.
    public let schema: ExpressionSchema

    /// Entries of active cards by (product, resource, currency), each with the window it is in
    /// force (its own window within its card's): one lookup finds every type's.
    let cards: [CardKey: CardEntries]

    struct CardKey: Hashable {
        var product: String
        var resource: String
        var currency: Currency
    }

    /// Creates definitions from compiled parts.
    public init(catalog: CatalogSnapshot, resources: [String: [UsageResource]], assets: [String: [Asset]],
                rateCards: [String: [RateCard]], negotiatedRates: [NegotiatedRate],
                procedures: [String: [RatingProcedure]], schema: ExpressionSchema)
    {
        self.catalog = catalog
        self.resources = resources
        self.assets = assets
        self.rateCards = rateCards
        self.negotiatedRates = Dictionary(grouping: negotiatedRates, by: \.resourceId)
        self.procedures = procedures
        self.schema = schema
        var cards: [CardKey: CardEntries] = [:]
        for card in rateCards.values.joined() where card.status == .active {
            for entry in card.entries {
                guard let window = entry.window.intersection(card.window) else { continue }
                let key = CardKey(product: entry.productId, resource: entry.resourceId, currency: card.currency)
                cards[key, default: CardEntries()][card.type].append(entry.within(window))
            }
        }
        self.cards = cards.mapValues { cards in
            var sorted = cards
            for type in RateCard.CardType.allCases {
                sorted[type] = cards[type].sorted { $0.window.from < $1.window.from }
            }
            return sorted
        }
    }

    /// The schema's fixed fields, in slot order.
    public static let fieldNames = ["assetId", "accountId", "productId", "resourceId"]

    /// The resource version in force on `date`.
    public func resource(_ id: String, on date: CivilDate) -> UsageResource? { resources[id]?.inForce(on: date) }

    /// The asset version in force on `date`.
    public func asset(_ id: String, on date: CivilDate) -> Asset? { assets[id]?.inForce(on: date) }

    /// The procedure version in force on `date`.
    public func procedure(_ id: String, on date: CivilDate) -> RatingProcedure? { procedures[id]?.inForce(on: date) }

    /// The entries of active cards of a type for a product and resource in a currency, in force on `date`.
    public func entries(_ type: RateCard.CardType, product: String, resource: String, currency: Currency,
                        on date: CivilDate) -> [RateCardEntry]
    {
        cards(product: product, resource: resource, currency: currency).entries(type, on: date)
    }

    /// The entry of an active card of a type in force on `date` (the latest starting one).
    public func entry(_ type: RateCard.CardType, product: String, resource: String, currency: Currency,
                      on date: CivilDate) -> RateCardEntry? {
        cards(product: product, resource: resource, currency: currency).entry(type, on: date)
    }

    /// The entries of every active card for a product and resource in a currency.
    func cards(product: String, resource: String, currency: Currency) -> CardEntries {
        cards[CardKey(product: product, resource: resource, currency: currency)] ?? CardEntries()
    }

    /// The negotiated rate for an asset and resource on `date`: the asset's own, else its contract's.
    public func negotiatedRate(for asset: Asset, resource: String, on date: CivilDate) -> NegotiatedRate? {
        guard let rates = negotiatedRates[resource] else { return nil }
        func inForce(_ owner: NegotiatedRate.Owner) -> NegotiatedRate? {
            rates.last { $0.owner == owner && $0.currency == asset.currency && $0.window.contains(date) }
        }
        if let own = inForce(.asset(asset.id)) { return own }
        return asset.contractId.flatMap { inForce(.contract($0)) }
    }
}

/// The entries of active cards for one product, resource and currency, by card type, each type's
/// by the start of its window.
struct CardEntries {
    private var base: [RateCardEntry] = []
    private var tier: [RateCardEntry] = []
    private var attribute: [RateCardEntry] = []

    subscript(type: RateCard.CardType) -> [RateCardEntry] {
        get {
            switch type {
            case .base: base
            case .tier: tier
            case .attribute: attribute
            }
        }
        set {
            switch type {
            case .base: base = newValue
            case .tier: tier = newValue
            case .attribute: attribute = newValue
            }
        }
    }

    /// The entries of a type in force on `date`.
    func entries(_ type: RateCard.CardType, on date: CivilDate) -> [RateCardEntry] {
        self[type].filter { $0.window.contains(date) }
    }

    /// The entry of a type in force on `date` (the latest starting one).
    func entry(_ type: RateCard.CardType, on date: CivilDate) -> RateCardEntry? {
        self[type].last { $0.window.contains(date) }
    }
}

extension RateCardEntry {
    /// The same entry with another window.
    func within(_ window: EffectiveWindow) -> RateCardEntry {
        RateCardEntry(productId: productId, resourceId: resourceId, unitOfMeasure: unitOfMeasure, negotiable: negotiable,
                      rate: rate, window: window, cardId: cardId, cardVersion: cardVersion)
    }
}
