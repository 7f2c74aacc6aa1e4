public import Expressions

/// The fields pricing expressions may read: the standard header and line fields plus the custom
/// fields that procedures declare (DOMAIN.md §1.2). See `docs/pricing.md`.
public struct PricingSchema: Sendable {
    /// Standard header fields.
    public static let headerFields: [String: ExpressionType] = [
        "transactionId": .string, "accountId": .string, "channel": .string, "currency": .string,
        "pricingDate": .date, "priceBookId": .string, "segment": .string,
    ]
    /// Standard line fields.
    public static let lineFields: [String: ExpressionType] = [
        "lineId": .string, "productId": .string, "family": .string, "productType": .string, "quantity": .number,
        "sellingModel": .string, "termMonths": .number, "listPrice": .number, "price": .number, "cost": .number,
        "parentProductId": .string, "isComponent": .boolean,
    ]

    /// Every field (standard and custom) and every catalog attribute.
    public let line: ExpressionSchema
    /// Header fields only, for plan criteria.
    public let header: ExpressionSchema
    /// Custom header fields.
    public let customHeaderFields: [String: ExpressionType]
    /// Custom line fields.
    public let customLineFields: [String: ExpressionType]

    /// Builds the schema from custom declarations and the catalog's attribute types.
    public init(customHeaderFields: [String: ExpressionType], customLineFields: [String: ExpressionType],
                attributes: [String: ExpressionType])
    {
        self.customHeaderFields = customHeaderFields
        self.customLineFields = customLineFields
        let headers = Self.headerFields.merging(customHeaderFields) { standard, _ in standard }
        header = ExpressionSchema(fields: headers, attributes: [:])
        line = ExpressionSchema(fields: headers.merging(Self.lineFields) { a, _ in a }
            .merging(customLineFields) { a, _ in a }, attributes: attributes)
    }
}
