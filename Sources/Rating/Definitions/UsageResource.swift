public import Definitions
public import Expressions

/// A metered thing, such as API calls or gigabytes stored, with its unit of measure
/// (DOMAIN.md §2.1).
public struct UsageResource: Sendable, Hashable, Windowed {
    /// The resource id that usage records name.
    public let id: String
    /// A display name.
    public let name: String
    /// The catalog unit of measure its quantities are counted in.
    public let unitOfMeasure: String
    /// The rating procedure that rates it; `nil` rates it with ``RatingProcedure/standard``.
    public let ratingProcedureId: String?
    /// The attributes its usage records carry, by name, which attribute rate cards read.
    public let attributes: [String: ExpressionType]
    /// When the resource is defined.
    public let window: EffectiveWindow

    /// Creates a resource.
    public init(id: String, name: String, unitOfMeasure: String, ratingProcedureId: String?,
                attributes: [String: ExpressionType], window: EffectiveWindow)
    {
        self.id = id
        self.name = name
        self.unitOfMeasure = unitOfMeasure
        self.ratingProcedureId = ratingProcedureId
        self.attributes = attributes
        self.window = window
    }
}
