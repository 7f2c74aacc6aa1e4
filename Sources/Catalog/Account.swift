public import Definitions
public import Expressions
public import Money

/// A customer account, optionally under a parent account.
public struct Account: Sendable, Hashable {
    /// Id.
    public var id: String
    /// Display name.
    public var name: String
    /// Parent account id.
    public var parentId: String?
    /// Customer segment, such as `enterprise`.
    public var segment: String?
}

/// A negotiated price for an account or contract that beats the price book (DOMAIN.md §1.7).
public struct ContractPrice: Sendable {
    /// What the record applies to: a single product, or products matching a filter.
    public enum Target: Sendable {
        /// One product.
        case product(String)
        /// Products for which the expression (over `productId`, `family`, `productType`) is true.
        case filter(Expression)
    }

    /// What the record sets: an override price or a discount off the list price.
    public enum Terms: Sendable {
        /// The unit price, in a currency.
        case price(Money)
        /// A percentage off the list price, in [0, 100].
        case discountPercent(ExactDecimal)
    }

    /// Id of the record.
    public var id: String
    /// The account it belongs to (if account-based).
    public var accountId: String?
    /// The contract it belongs to (if contract-based).
    public var contractId: String?
    /// What it applies to.
    public var target: Target
    /// The price or discount.
    public var terms: Terms
    /// When it is in force.
    public var window: EffectiveWindow
    /// Whether child accounts inherit it (default true).
    public var appliesToChildAccounts: Bool
    /// Whether later automatic discounts are skipped (default true).
    public var suppressAutomaticDiscounts: Bool
    /// Where it is defined.
    public var location: DefinitionLocation

    /// The schema of a contract price filter expression.
    public static let filterSchema = ExpressionSchema(fields: ["productId": .string, "family": .string,
                                                               "productType": .string])

    /// The values a filter reads for `product`, in the slots of ``filterSchema``.
    public static func filterContext(for product: Product) -> ExpressionContext {
        // The schema's slots follow the sorted names: family, productId, productType.
        ExpressionContext(fields: [.string(product.familyId ?? ""), .string(product.id), .string(product.type.rawValue)])
    }
}
