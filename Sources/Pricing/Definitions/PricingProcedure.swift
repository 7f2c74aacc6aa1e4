public import Definitions
public import Expressions

/// A named, versioned, ordered list of pricing elements (DOMAIN.md §1.3).
public struct PricingProcedure: Sendable, Windowed {
    /// How rounding is applied.
    public enum RoundingPolicy: String, Sendable, CaseIterable {
        /// Only `rounding` elements round P; the line total is rounded at the end.
        case final
        /// P is rounded to the currency after every element that changes it (legacy replay).
        case perElement
    }

    /// Id.
    public var id: String
    /// Version.
    public var version: Int
    /// When it is in force.
    public var window: EffectiveWindow
    /// Rounding.
    public var roundingPolicy: RoundingPolicy
    /// The elements, by ascending sequence.
    public var elements: [PricingElement]
    /// Custom header fields it declares.
    public var headerFields: [String: ExpressionType]
    /// Custom line fields it declares (inputs and assignment targets).
    public var lineFields: [String: ExpressionType]
    /// Where it is defined.
    public var location: DefinitionLocation
}
