public import Definitions
public import Expressions
import Money

/// Whether a product is sold to customers or only used in fulfilment.
public enum ProductType: String, Sendable, CaseIterable, Codable {
    /// Sold and priced.
    case commercial
    /// A fulfilment-side product customers do not see.
    case technical
}

/// How a product is sold: once, for a fixed term, or until cancelled (DOMAIN.md §1.1).
public enum SellingModel: String, Sendable, CaseIterable, Codable {
    /// A single charge.
    case oneTime
    /// A recurring charge for a fixed term.
    case termDefined
    /// A recurring charge with no end date.
    case evergreen

    /// Whether prices are per pricing term.
    public var isRecurring: Bool { self != .oneTime }
}

/// The type of a configurable product attribute.
public enum AttributeType: String, Sendable, CaseIterable, Codable {
    /// Free text.
    case text
    /// An exact decimal.
    case number
    /// `true` or `false`.
    case boolean
    /// One of a fixed list of text values.
    case picklist

    /// The type an expression sees for `attr(name)`.
    public var expressionType: ExpressionType {
        switch self {
        case .text, .picklist: .string
        case .number: .number
        case .boolean: .boolean
        }
    }
}

/// A configurable attribute of a product, such as `Region` or `Memory`.
public struct AttributeDefinition: Sendable, Hashable {
    /// The attribute name.
    public var name: String
    /// Its type.
    public var type: AttributeType
    /// The allowed values of a picklist (empty otherwise).
    public var values: [String]
    /// Whether every line of the product must set it.
    public var isRequired: Bool
    /// The value a line gets when it does not set one.
    public var defaultValue: ExpressionValue?
}

/// A child product in a bundle, with its allowed quantities.
public struct BundleComponent: Sendable, Hashable {
    /// The component product.
    public var productId: String
    /// Fewest allowed per parent (0 makes it optional).
    public var minQuantity: Int
    /// Most allowed per parent.
    public var maxQuantity: Int
    /// Quantity added by default.
    public var defaultQuantity: Int
}

/// A product of the catalog: commercial or technical, optionally a bundle of components.
///
/// Products are immutable and shared by reference, so a quote line holding its product costs
/// one pointer.
public final class Product: Sendable, Windowed {
    /// Unique id (within overlapping effective windows).
    public let id: String
    /// Display name.
    public let name: String
    /// Commercial or technical.
    public let type: ProductType
    /// Family (category) id.
    public let familyId: String?
    /// Unit of measure id.
    public let unitOfMeasureId: String
    /// Selling models the product supports; the first is its default.
    public let sellingModels: [SellingModel]
    /// Configurable attributes, in file order.
    public let attributes: [AttributeDefinition]
    /// Bundle components; empty for a simple product.
    public let components: [BundleComponent]
    /// When the product is available (its catalog document's window).
    public let window: EffectiveWindow
    /// Where it is defined.
    public let location: DefinitionLocation

    /// Creates a product.
    public init(id: String, name: String, type: ProductType, familyId: String?, unitOfMeasureId: String,
                sellingModels: [SellingModel], attributes: [AttributeDefinition], components: [BundleComponent],
                window: EffectiveWindow, location: DefinitionLocation)
    {
        self.id = id
        self.name = name
        self.type = type
        self.familyId = familyId
        self.unitOfMeasureId = unitOfMeasureId
        self.sellingModels = sellingModels
        self.attributes = attributes
        self.components = components
        self.window = window
        self.location = location
    }

    /// Whether the product is a bundle.
    public var isBundle: Bool { !components.isEmpty }

    /// The default selling model.
    public var defaultSellingModel: SellingModel { sellingModels.first ?? .oneTime }
}

/// A unit of measure, with how many decimals a quantity in it may have.
public struct UnitOfMeasure: Sendable, Hashable {
    /// Id, such as `each` or `GB`.
    public var id: String
    /// Display name.
    public var name: String
    /// Decimals a quantity may have (0 for whole units).
    public var decimals: Int
}

/// A product family (category), optionally nested under a parent.
public struct ProductFamily: Sendable, Hashable {
    /// Id.
    public var id: String
    /// Display name.
    public var name: String
    /// Parent family id.
    public var parentId: String?
}
