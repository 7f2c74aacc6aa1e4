public import Definitions
public import Money

/// A product an account owns and consumes usage on; usage records name it (DOMAIN.md §2.2).
public struct Asset: Sendable, Hashable, Windowed {
    /// The asset id that usage records name.
    public let id: String
    /// The owning account.
    public let accountId: String
    /// The product the asset is an instance of; rate card entries are per product.
    public let productId: String
    /// The contract the asset was sold under, whose negotiated rates apply.
    public let contractId: String?
    /// The currency its usage is rated in.
    public let currency: Currency
    /// A manual discount on its rated usage, in percent [0, 100], for `manualRateDiscount`.
    public let discountPercent: ExactDecimal?
    /// When the asset exists.
    public let window: EffectiveWindow

    /// Creates an asset.
    public init(id: String, accountId: String, productId: String, contractId: String?, currency: Currency,
                discountPercent: ExactDecimal?, window: EffectiveWindow)
    {
        self.id = id
        self.accountId = accountId
        self.productId = productId
        self.contractId = contractId
        self.currency = currency
        self.discountPercent = discountPercent
        self.window = window
    }
}
