public import Definitions
public import Money

/// An asset- or contract-specific rate that replaces the base rate of a negotiable entry
/// (DOMAIN.md §2.1). An asset's own rate wins over its contract's.
public struct NegotiatedRate: Sendable, Hashable, Windowed {
    /// Whose rate it is.
    public enum Owner: Sendable, Hashable {
        case asset(String), contract(String)
    }

    /// The record id.
    public let id: String
    /// The asset or contract it belongs to.
    public let owner: Owner
    /// The usage resource.
    public let resourceId: String
    /// The currency of the rate.
    public let currency: Currency
    /// The rate per unit, at most 6 decimals.
    public let rate: ExactDecimal
    /// When it is in force.
    public let window: EffectiveWindow

    /// Creates a negotiated rate.
    public init(id: String, owner: Owner, resourceId: String, currency: Currency, rate: ExactDecimal,
                window: EffectiveWindow)
    {
        self.id = id
        self.owner = owner
        self.resourceId = resourceId
        self.currency = currency
        self.rate = rate
        self.window = window
    }
}
