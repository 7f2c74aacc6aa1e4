public import Expressions
public import Money

/// The usage of one asset on one resource in one billing period: what the rater rates
/// (DOMAIN.md §2.2).
public struct UsageSummary: Sendable, Hashable {
    /// The asset that consumed.
    public var assetId: String
    /// The resource consumed.
    public var resourceId: String
    /// The billing period; the cards in force on its first day rate it.
    public var period: BillingPeriod
    /// The quantity, ≥ 0, in the resource's unit of measure.
    public var quantity: ExactDecimal
    /// Usage attributes by name, which attribute rate card entries read.
    public var attributes: [String: ExpressionValue]

    /// Creates a summary.
    public init(assetId: String, resourceId: String, period: BillingPeriod, quantity: ExactDecimal,
                attributes: [String: ExpressionValue] = [:])
    {
        self.assetId = assetId
        self.resourceId = resourceId
        self.period = period
        self.quantity = quantity
        self.attributes = attributes
    }
}
