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
    public let id: String
    /// Version.
    public let version: Int
    /// When it is in force.
    public let window: EffectiveWindow
    /// Rounding.
    public let roundingPolicy: RoundingPolicy
    /// The elements, by ascending sequence.
    public let elements: [PricingElement]
    /// Custom header fields it declares.
    public let headerFields: [String: ExpressionType]
    /// Custom line fields it declares (inputs and assignment targets).
    public let lineFields: [String: ExpressionType]
    /// Where it is defined.
    public let location: DefinitionLocation
    /// Per field slot: whether its elements read it (slots past the end are not read).
    let slotsRead: [Bool]
    /// Whether it has a `contractPrice` element.
    let readsContractPrices: Bool

    init(id: String, version: Int, window: EffectiveWindow, roundingPolicy: RoundingPolicy, elements: [PricingElement],
         headerFields: [String: ExpressionType], lineFields: [String: ExpressionType], location: DefinitionLocation)
    {
        self.id = id
        self.version = version
        self.window = window
        self.roundingPolicy = roundingPolicy
        self.elements = elements
        self.headerFields = headerFields
        self.lineFields = lineFields
        self.location = location
        slotsRead = Self.mask(elements.flatMap(\.slotsRead))
        readsContractPrices = elements.contains { if case .contractPrice = $0.kind { true } else { false } }
    }

    /// A mask with `true` at each of `slots`.
    static func mask(_ slots: some Sequence<Int>) -> [Bool] {
        var mask: [Bool] = []
        for slot in slots {
            if slot >= mask.count { mask += repeatElement(false, count: slot + 1 - mask.count) }
            mask[slot] = true
        }
        return mask
    }
}
