public import Money

/// A runtime value: what a field holds and what an expression produces.
public enum ExpressionValue: Sendable, Hashable, CustomStringConvertible {
    case number(ExactDecimal)
    case string(String)
    case boolean(Bool)
    case date(CivilDate)
    case list([ExpressionValue])

    /// Whether the value has the given static type (list elements are checked too).
    public func conforms(to type: ExpressionType) -> Bool {
        switch (self, type) {
        case (.number, .number), (.string, .string), (.boolean, .boolean), (.date, .date): true
        case (.list(let values), .list(let element)): values.allSatisfy { $0.conforms(to: element) }
        default: false
        }
    }

    public var description: String {
        switch self {
        case .number(let value): value.description
        case .string(let value): "\"\(value)\""
        case .boolean(let value): value ? "true" : "false"
        case .date(let value): "date(\"\(value)\")"
        case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
