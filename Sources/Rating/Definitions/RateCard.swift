public import Definitions
public import Expressions
public import Money
public import Pricing

/// A set of rates in one currency, of one type, with a status and an effective window
/// (DOMAIN.md §2.1). Only `active` cards rate.
public struct RateCard: Sendable, Windowed {
    /// What the card's entries give.
    public enum CardType: String, Sendable, Hashable, CaseIterable {
        /// A base rate per unit.
        case base
        /// Tiers of adjustments on the rate, by quantity.
        case tier
        /// Adjustments on the rate where usage attributes match a condition.
        case attribute
    }

    /// The card's lifecycle status: draft → active | inactive, active ↔ inactive.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case draft, active, inactive
    }

    /// The card id.
    public let id: String
    /// The document version.
    public let version: Int
    /// Base, tier or attribute.
    public let type: CardType
    /// The currency of every rate on the card.
    public let currency: Currency
    /// Only active cards rate.
    public let status: Status
    /// When the card is in force.
    public let window: EffectiveWindow
    /// The entries.
    public let entries: [RateCardEntry]

    /// Creates a card.
    public init(id: String, version: Int, type: CardType, currency: Currency, status: Status, window: EffectiveWindow,
                entries: [RateCardEntry])
    {
        self.id = id
        self.version = version
        self.type = type
        self.currency = currency
        self.status = status
        self.window = window
        self.entries = entries
    }
}

/// One rate for a (product, usage resource) on a card.
public struct RateCardEntry: Sendable, Windowed {
    /// What the entry gives, by card type.
    public enum Rate: Sendable {
        /// A base rate per unit, at most 6 decimals.
        case base(ExactDecimal)
        /// Volume or graduated tiers of adjustments, continuous basis, starting at 0 (§1.6).
        case tier(AdjustmentSchedule)
        /// An adjustment where the condition on the usage attributes holds; the lowest priority
        /// wins among matching entries.
        case attribute(condition: Expression, adjustment: Adjustment, priority: Int)
    }

    /// The product.
    public let productId: String
    /// The usage resource.
    public let resourceId: String
    /// The unit of measure, which is the resource's.
    public let unitOfMeasure: String
    /// Whether a negotiated rate may replace this base rate.
    public let negotiable: Bool
    /// The rate.
    public let rate: Rate
    /// When the entry is in force, within its card's window.
    public let window: EffectiveWindow
    /// The card it is on and its version, for the rating detail.
    public let cardId: String
    /// The card version.
    public let cardVersion: Int

    /// Creates an entry.
    public init(productId: String, resourceId: String, unitOfMeasure: String, negotiable: Bool, rate: Rate,
                window: EffectiveWindow, cardId: String, cardVersion: Int)
    {
        self.productId = productId
        self.resourceId = resourceId
        self.unitOfMeasure = unitOfMeasure
        self.negotiable = negotiable
        self.rate = rate
        self.window = window
        self.cardId = cardId
        self.cardVersion = cardVersion
    }
}
