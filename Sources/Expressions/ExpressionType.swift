/// The static type of an expression or a declared field.
public indirect enum ExpressionType: Sendable, Hashable, CustomStringConvertible {
    /// An exact decimal (``Money/ExactDecimal``).
    case number
    /// Text.
    case string
    /// `true` or `false`.
    case boolean
    /// A calendar date (``Money/CivilDate``).
    case date
    /// A list whose elements all have one type.
    case list(ExpressionType)

    public var description: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .boolean: "boolean"
        case .date: "date"
        case .list(let element): "list of \(element)"
        }
    }
}
