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

    /// Every field (standard and custom) and every catalog attribute; the header fields come
    /// first and are shared, with the same slots as in ``header``.
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
        // Header fields are shared: every line of a quote reads the one array of header values.
        header = ExpressionSchema(fields: [:], shared: headers)
        line = ExpressionSchema(fields: Self.lineFields.merging(customLineFields) { a, _ in a }, shared: headers,
                                attributes: attributes)
    }
}
