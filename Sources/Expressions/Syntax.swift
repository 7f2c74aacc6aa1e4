/// The parsed form of an expression, before type checking.
struct Syntax: Sendable {
    enum UnaryOperator: String, Sendable { case negate = "-", not }

    enum BinaryOperator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case and, or, `in`, notIn = "not in"
    }

    indirect enum Kind: Sendable {
        case number(String)
        case string(String)
        case boolean(Bool)
        case identifier(String)
        case list([Syntax])
        case call(String, [Syntax])
        case unary(UnaryOperator, Syntax)
        case binary(BinaryOperator, Syntax, Syntax, operatorPosition: SourcePosition)
    }

    var kind: Kind
    var position: SourcePosition

    /// The names of the fields this expression reads.
    var fieldNames: Set<String> {
        switch kind {
        case .number, .string, .boolean: []
        case .identifier(let name): [name]
        case .list(let items), .call(_, let items): items.reduce(into: []) { $0.formUnion($1.fieldNames) }
        case .unary(_, let operand): operand.fieldNames
        case .binary(_, let left, let right, _): left.fieldNames.union(right.fieldNames)
        }
    }
}
