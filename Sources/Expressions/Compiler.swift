import Money

/// Type-checks ``Syntax`` against a schema and compiles it into typed closures, folding
/// constant sub-expressions at compile time.
struct Compiler {
    let schema: ExpressionSchema
    let source: String

    func error(_ code: ExpressionError.Code, _ message: String, at position: SourcePosition) -> ExpressionError {
        ExpressionError(code, message, line: position.line, column: position.column, source: source)
    }

    func compile(_ syntax: Syntax) throws(ExpressionError) -> Compiled {
        switch syntax.kind {
        case .number(let text):
            do {
                return constant(.number(try ExactDecimal(text)), .number, at: syntax.position)
            } catch {
                throw self.error(.invalidArgument, error.message, at: syntax.position)
            }
        case .string(let text):
            return constant(.string(text), .string, at: syntax.position)
        case .boolean(let value):
            return constant(.boolean(value), .boolean, at: syntax.position)
        case .identifier(let name):
            return try field(name, at: syntax.position)
        case .list(let elements):
            return try list(elements, at: syntax.position)
        case .call(let name, let arguments):
            return try call(name, arguments.map { (argument) throws(ExpressionError) in try compile(argument) },
                            at: syntax.position)
        case .unary(let op, let operand):
            return try unary(op, try compile(operand), at: syntax.position)
        case .binary(let op, let left, let right, let operatorPosition):
            return try binary(op, try compile(left), try compile(right), at: operatorPosition)
        }
    }

    func constant(_ value: ExpressionValue, _ type: ExpressionType, at position: SourcePosition) -> Compiled {
        Compiled(code: .constant(value, type: type), constant: value, position: position)
    }

    /// Evaluates a node whose inputs are all constants once, at compile time.
    func folded(_ code: Code, inputs: [Compiled], at position: SourcePosition) throws(ExpressionError) -> Compiled {
        guard !inputs.isEmpty, inputs.allSatisfy({ $0.constant != nil }) else {
            return Compiled(code: code, constant: nil, position: position)
        }
        let value = try code.value(ExpressionContext(fields: [], attributes: []))
        return constant(value, code.type, at: position)
    }

    // MARK: Names

    private func field(_ name: String, at position: SourcePosition) throws(ExpressionError) -> Compiled {
        guard let slot = schema.fieldSlot(name) else {
            throw error(.unknownField, "unknown field '\(name)'" + Self.suggestion(for: name, among: schema.fieldNames),
                        at: position)
        }
        let type = schema.fieldTypes[slot]
        let mismatch = error(.contextMismatch, "the context has no \(type) value for field '\(name)'", at: position)
        // The array and index are fixed at compile time: a read is one bounds check and a load.
        let shared = slot < schema.sharedFieldCount
        let index = shared ? slot : slot - schema.sharedFieldCount
        @Sendable func read(_ context: ExpressionContext) throws(ExpressionError) -> ExpressionValue {
            let values = shared ? context.shared : context.fields
            guard index < values.count else { throw mismatch }
            return values[index]
        }
        return Compiled(code: .reading(type, mismatch: mismatch, read), constant: nil, position: position)
    }

    /// "; did you mean 'x'?" for the closest declared name, else "".
    static func suggestion(for name: String, among candidates: [String]) -> String {
        NameSuggestion.closest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    // MARK: Lists

    private func list(_ elements: [Syntax], at position: SourcePosition) throws(ExpressionError) -> Compiled {
        guard let first = elements.first else {
            throw error(.typeMismatch, "an empty list has no element type; write at least one element", at: position)
        }
        let compiled = try elements.map { (element) throws(ExpressionError) in try compile(element) }
        let elementType = try compile(first).type
        for item in compiled where item.type != elementType {
            throw error(.typeMismatch, "list elements must all have one type: \(elementType) then \(item.type)",
                        at: item.position)
        }
        let evaluators = compiled.map(\.code.value)
        let code = Code.list(elementType) { context throws(ExpressionError) in
            var values: [ExpressionValue] = []
            values.reserveCapacity(evaluators.count)
            for evaluate in evaluators { values.append(try evaluate(context)) }
            return values
        }
        return try folded(code, inputs: compiled, at: position)
    }

    // MARK: Operators

    private func unary(_ op: Syntax.UnaryOperator, _ operand: Compiled, at position: SourcePosition)
        throws(ExpressionError) -> Compiled
    {
        switch (op, operand.code) {
        case (.negate, .number(let f)):
            return try folded(.number { context throws(ExpressionError) in -(try f(context)) }, inputs: [operand],
                              at: position)
        case (.not, .boolean(let f)):
            return try folded(.boolean { context throws(ExpressionError) in !(try f(context)) }, inputs: [operand],
                              at: position)
        case (.negate, _):
            throw error(.typeMismatch, "'-' needs a number, got a \(operand.type)", at: position)
        case (.not, _):
            throw error(.typeMismatch, "'not' needs a boolean, got a \(operand.type)", at: position)
        }
    }

    private func binary(_ op: Syntax.BinaryOperator, _ left: Compiled, _ right: Compiled, at position: SourcePosition)
        throws(ExpressionError) -> Compiled
    {
        let code: Code
        switch op {
        case .add, .subtract, .multiply, .divide:
            code = try arithmetic(op, left, right, at: position)
        case .and, .or:
            guard case .boolean(let l) = left.code, case .boolean(let r) = right.code else {
                throw error(.typeMismatch, "'\(op.rawValue)' needs booleans, got \(left.type) and \(right.type)",
                            at: position)
            }
            code = op == .and
                ? .boolean { context throws(ExpressionError) in
                    guard try l(context) else { return false }
                    return try r(context)
                }
                : .boolean { context throws(ExpressionError) in
                    if try l(context) { return true }
                    return try r(context)
                }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            code = try comparison(op, left, right, at: position)
        case .in, .notIn:
            code = try membership(negated: op == .notIn, left, right, at: position)
        }
        return try folded(code, inputs: [left, right], at: position)
    }

    private func arithmetic(_ op: Syntax.BinaryOperator, _ left: Compiled, _ right: Compiled,
                            at position: SourcePosition) throws(ExpressionError) -> Code
    {
        if op == .add, case .string(let l) = left.code, case .string(let r) = right.code {
            return .string { context throws(ExpressionError) in try l(context) + r(context) }
        }
        guard case .number(let l) = left.code, case .number(let r) = right.code else {
            throw error(.typeMismatch, "'\(op.rawValue)' needs numbers, got \(left.type) and \(right.type)", at: position)
        }
        let site = error(.arithmetic, "", at: position)
        let operation: @Sendable (ExactDecimal, ExactDecimal) throws(MoneyError) -> ExactDecimal
        switch op {
        case .add: operation = { (a, b) throws(MoneyError) in try a.adding(b) }
        case .subtract: operation = { (a, b) throws(MoneyError) in try a.subtracting(b) }
        case .multiply: operation = { (a, b) throws(MoneyError) in try a.multiplied(by: b) }
        default: operation = { (a, b) throws(MoneyError) in try a.divided(by: b) }
        }
        return .number { context throws(ExpressionError) in
            let a = try l(context)
            let b = try r(context)
            do throws(MoneyError) {
                return try operation(a, b)
            } catch {
                var failure = site
                failure.message = error.message
                throw failure
            }
        }
    }

    private func comparison(_ op: Syntax.BinaryOperator, _ left: Compiled, _ right: Compiled,
                            at position: SourcePosition) throws(ExpressionError) -> Code
    {
        switch (left.code, right.code) {
        case (.number(let l), .number(let r)):
            if let constant = right.constant, case .number(let c) = constant { return Self.compare(op, l, c) }
            return Self.compare(op, l, r)
        case (.string(let l), .string(let r)):
            if let constant = right.constant, case .string(let c) = constant { return Self.compare(op, l, c) }
            return Self.compare(op, l, r)
        case (.date(let l), .date(let r)):
            return Self.compare(op, l, r)
        case (.boolean(let l), .boolean(let r)) where op == .equal || op == .notEqual:
            return op == .equal
                ? .boolean { context throws(ExpressionError) in try l(context) == r(context) }
                : .boolean { context throws(ExpressionError) in try l(context) != r(context) }
        default:
            if left.type == right.type {
                throw error(.typeMismatch, "'\(op.rawValue)' cannot compare \(left.type) values", at: position)
            }
            throw error(.typeMismatch, "'\(op.rawValue)' cannot compare a \(left.type) with a \(right.type)",
                        at: position)
        }
    }

    /// A comparison of two evaluated operands.
    static func compare<T: Comparable & Sendable>(
        _ op: Syntax.BinaryOperator, _ l: @escaping Evaluate<T>, _ r: @escaping Evaluate<T>
    ) -> Code {
        switch op {
        case .equal: .boolean { context throws(ExpressionError) in try l(context) == r(context) }
        case .notEqual: .boolean { context throws(ExpressionError) in try l(context) != r(context) }
        case .less: .boolean { context throws(ExpressionError) in try l(context) < r(context) }
        case .lessEqual: .boolean { context throws(ExpressionError) in try l(context) <= r(context) }
        case .greater: .boolean { context throws(ExpressionError) in try l(context) > r(context) }
        default: .boolean { context throws(ExpressionError) in try l(context) >= r(context) }
        }
    }

    /// A comparison against a constant right-hand side, the common shape of conditions.
    static func compare<T: Comparable & Sendable>(_ op: Syntax.BinaryOperator, _ l: @escaping Evaluate<T>, _ c: T)
        -> Code
    {
        switch op {
        case .equal: .boolean { context throws(ExpressionError) in try l(context) == c }
        case .notEqual: .boolean { context throws(ExpressionError) in try l(context) != c }
        case .less: .boolean { context throws(ExpressionError) in try l(context) < c }
        case .lessEqual: .boolean { context throws(ExpressionError) in try l(context) <= c }
        case .greater: .boolean { context throws(ExpressionError) in try l(context) > c }
        default: .boolean { context throws(ExpressionError) in try l(context) >= c }
        }
    }

    private func membership(negated: Bool, _ left: Compiled, _ right: Compiled, at position: SourcePosition)
        throws(ExpressionError) -> Code
    {
        guard case .list(let element, let list) = right.code else {
            throw error(.typeMismatch, "'in' needs a list on its right, got a \(right.type)", at: position)
        }
        guard element == left.type else {
            throw error(.typeMismatch, "'in' looks for a \(left.type) in a list of \(element)", at: position)
        }
        let needle = left.code.value
        if case .string(let l) = left.code, case .list(let values)? = right.constant {
            let strings = values.compactMap { value -> String? in
                if case .string(let s) = value { return s }
                return nil
            }
            return .boolean { context throws(ExpressionError) in try strings.contains(l(context)) != negated }
        }
        return .boolean { context throws(ExpressionError) in try list(context).contains(needle(context)) != negated }
    }
}
