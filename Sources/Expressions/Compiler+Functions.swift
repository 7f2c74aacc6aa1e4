import Money

/// The fixed set of built-in functions.
extension Compiler {
    /// Every function name, for suggestions and documentation.
    static let functionNames = [
        "abs", "addDays", "addMonths", "attr", "ceil", "contains", "date", "day", "daysBetween", "endsWith",
        "floor", "has", "if", "lower", "max", "min", "month", "round", "startsWith", "upper", "year",
    ]

    func call(_ name: String, _ arguments: [Compiled], at position: SourcePosition) throws(ExpressionError) -> Compiled {
        switch name {
        case "if": return try conditional(arguments, at: position)
        case "attr", "has": return try attribute(name, arguments, at: position)
        default: break
        }
        let code: Code
        switch name {
        case "min", "max":
            guard !arguments.isEmpty else { throw arity(name, "at least 1 argument", arguments.count, at: position) }
            let values = try arguments.enumerated().map { (index, argument) throws(ExpressionError) in
                try number(argument, name, index)
            }
            let isMin = name == "min"
            code = .number { context throws(ExpressionError) in
                var best = try values[0](context)
                for f in values.dropFirst() {
                    let value = try f(context)
                    if isMin ? value < best : value > best { best = value }
                }
                return best
            }
        case "abs":
            let x = try number(try single(name, arguments, at: position), name, 0)
            code = .number { context throws(ExpressionError) in try x(context).magnitude }
        case "floor", "ceil":
            let x = try number(try single(name, arguments, at: position), name, 0)
            let mode: RoundingMode = name == "floor" ? .floor : .ceiling
            code = try rounding(x, places: { _ in 0 }, mode: mode, at: position)
        case "round":
            guard (2...3).contains(arguments.count) else {
                throw arity(name, "2 or 3 arguments (value, places, mode)", arguments.count, at: position)
            }
            let x = try number(arguments[0], name, 0)
            let places = try wholeNumber(arguments[1], name, 1, range: 0...ExactDecimal.scale)
            var mode = RoundingMode.halfUp
            if arguments.count == 3 {
                guard case .string(let text)? = arguments[2].constant else {
                    throw error(.invalidArgument, "round's mode must be a string literal such as \"halfEven\"",
                                at: arguments[2].position)
                }
                guard let parsed = RoundingMode(rawValue: text) else {
                    let modes = RoundingMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw error(.invalidArgument, "unknown rounding mode \"\(text)\"; use one of \(modes)",
                                at: arguments[2].position)
                }
                mode = parsed
            }
            code = try rounding(x, places: places, mode: mode, at: position)
        case "date":
            let text = try string(try single(name, arguments, at: position), name, 0)
            let site = error(.invalidArgument, "", at: arguments[0].position)
            code = .date { context throws(ExpressionError) in
                let value = try text(context)
                do throws(MoneyError) { return try CivilDate(value) } catch {
                    var failure = site
                    failure.message = error.message
                    throw failure
                }
            }
        case "year", "month", "day":
            let d = try date(try single(name, arguments, at: position), name, 0)
            code = .number { context throws(ExpressionError) in
                let parts = try d(context).components
                return ExactDecimal(name == "year" ? parts.year : (name == "month" ? parts.month : parts.day))
            }
        case "addDays", "addMonths":
            try expectCount(name, arguments, 2, "(date, count)", at: position)
            let d = try date(arguments[0], name, 0)
            let count = try wholeNumber(arguments[1], name, 1, range: -3_650_000...3_650_000)
            let months = name == "addMonths"
            code = .date { context throws(ExpressionError) in
                let base = try d(context)
                let n = try count(context)
                return months ? base.addingMonths(n) : base.addingDays(n)
            }
        case "daysBetween":
            try expectCount(name, arguments, 2, "(from, to)", at: position)
            let from = try date(arguments[0], name, 0)
            let to = try date(arguments[1], name, 1)
            code = .number { context throws(ExpressionError) in ExactDecimal(try from(context).days(until: try to(context))) }
        case "lower", "upper":
            let s = try string(try single(name, arguments, at: position), name, 0)
            let upper = name == "upper"
            code = .string { context throws(ExpressionError) in upper ? try s(context).uppercased() : try s(context).lowercased() }
        case "contains", "startsWith", "endsWith":
            try expectCount(name, arguments, 2, "(text, part)", at: position)
            let s = try string(arguments[0], name, 0)
            let part = try string(arguments[1], name, 1)
            switch name {
            case "contains": code = .boolean { context throws(ExpressionError) in try s(context).contains(try part(context)) }
            case "startsWith": code = .boolean { context throws(ExpressionError) in try s(context).hasPrefix(try part(context)) }
            default: code = .boolean { context throws(ExpressionError) in try s(context).hasSuffix(try part(context)) }
            }
        default:
            throw error(.unknownFunction, "unknown function '\(name)'" + Self.suggestion(for: name, among: Self.functionNames),
                        at: position)
        }
        return try folded(code, inputs: arguments, at: position)
    }

    // MARK: Special forms

    /// `if(condition, then, else)`: evaluates only the branch it takes.
    private func conditional(_ arguments: [Compiled], at position: SourcePosition) throws(ExpressionError) -> Compiled {
        try expectCount("if", arguments, 3, "(condition, then, else)", at: position)
        guard case .boolean(let condition) = arguments[0].code else {
            throw error(.typeMismatch, "if's condition must be a boolean, got a \(arguments[0].type)",
                        at: arguments[0].position)
        }
        let (then, otherwise) = (arguments[1], arguments[2])
        guard then.type == otherwise.type else {
            throw error(.typeMismatch, "if's branches must have one type: \(then.type) and \(otherwise.type)",
                        at: otherwise.position)
        }
        if case .boolean(let known)? = arguments[0].constant { return known ? then : otherwise }
        let code: Code
        switch (then.code, otherwise.code) {
        case (.number(let a), .number(let b)):
            code = .number { context throws(ExpressionError) in try condition(context) ? a(context) : b(context) }
        case (.string(let a), .string(let b)):
            code = .string { context throws(ExpressionError) in try condition(context) ? a(context) : b(context) }
        case (.boolean(let a), .boolean(let b)):
            code = .boolean { context throws(ExpressionError) in try condition(context) ? a(context) : b(context) }
        case (.date(let a), .date(let b)):
            code = .date { context throws(ExpressionError) in try condition(context) ? a(context) : b(context) }
        case (.list(let element, let a), .list(_, let b)):
            code = .list(element) { context throws(ExpressionError) in try condition(context) ? a(context) : b(context) }
        default:
            throw error(.typeMismatch, "if's branches must have one type", at: position)
        }
        return Compiled(code: code, constant: nil, position: position)
    }

    /// `attr("Name")` reads a line attribute; `has("Name")` tells whether it is set.
    private func attribute(_ name: String, _ arguments: [Compiled], at position: SourcePosition)
        throws(ExpressionError) -> Compiled
    {
        let argument = try single(name, arguments, at: position)
        guard case .string(let attributeName)? = argument.constant else {
            throw error(.invalidArgument, "\(name) takes the attribute name as a string literal, such as \(name)(\"Region\")",
                        at: argument.position)
        }
        guard let slot = schema.attributeSlot(attributeName) else {
            throw error(.unknownAttribute,
                        "unknown attribute '\(attributeName)'" + Self.suggestion(for: attributeName, among: schema.attributeNames),
                        at: argument.position)
        }
        if name == "has" {
            return Compiled(code: .boolean { context throws(ExpressionError) in
                slot < context.attributes.count && context.attributes[slot] != nil
            }, constant: nil, position: position)
        }
        let type = schema.attributeTypes[slot]
        let unset = error(.attributeNotSet,
                          "attribute '\(attributeName)' is not set; guard the read with has(\"\(attributeName)\")",
                          at: position)
        let mismatch = error(.contextMismatch, "the context has no \(type) value for attribute '\(attributeName)'",
                             at: position)
        @Sendable func read(_ context: ExpressionContext) throws(ExpressionError) -> ExpressionValue {
            guard slot < context.attributes.count, let value = context.attributes[slot] else { throw unset }
            return value
        }
        return Compiled(code: .reading(type, mismatch: mismatch, read), constant: nil, position: position)
    }

    // MARK: Argument helpers

    private func rounding(_ x: @escaping Evaluate<ExactDecimal>, places: @escaping Evaluate<Int>, mode: RoundingMode,
                          at position: SourcePosition) throws(ExpressionError) -> Code
    {
        let site = error(.arithmetic, "", at: position)
        return .number { context throws(ExpressionError) in
            let value = try x(context)
            let scale = try places(context)
            do throws(MoneyError) { return try value.rounded(scale: scale, mode: mode) } catch {
                var failure = site
                failure.message = error.message
                throw failure
            }
        }
    }

    private func arity(_ name: String, _ expected: String, _ got: Int, at position: SourcePosition) -> ExpressionError {
        error(.wrongArity, "\(name) takes \(expected), but \(got) \(got == 1 ? "was" : "were") given", at: position)
    }

    private func expectCount(_ name: String, _ arguments: [Compiled], _ count: Int, _ shape: String,
                             at position: SourcePosition) throws(ExpressionError)
    {
        guard arguments.count == count else {
            throw arity(name, "\(count) argument\(count == 1 ? "" : "s") \(shape)", arguments.count, at: position)
        }
    }

    private func single(_ name: String, _ arguments: [Compiled], at position: SourcePosition)
        throws(ExpressionError) -> Compiled
    {
        guard arguments.count == 1 else { throw arity(name, "1 argument", arguments.count, at: position) }
        return arguments[0]
    }

    private func mismatch(_ name: String, _ index: Int, _ expected: String, _ argument: Compiled) -> ExpressionError {
        error(.typeMismatch, "\(name) expects \(expected) as argument \(index + 1), got a \(argument.type)",
              at: argument.position)
    }

    private func number(_ argument: Compiled, _ name: String, _ index: Int) throws(ExpressionError)
        -> Evaluate<ExactDecimal>
    {
        guard case .number(let f) = argument.code else { throw mismatch(name, index, "a number", argument) }
        return f
    }

    private func string(_ argument: Compiled, _ name: String, _ index: Int) throws(ExpressionError) -> Evaluate<String> {
        guard case .string(let f) = argument.code else { throw mismatch(name, index, "a string", argument) }
        return f
    }

    private func date(_ argument: Compiled, _ name: String, _ index: Int) throws(ExpressionError) -> Evaluate<CivilDate> {
        guard case .date(let f) = argument.code else { throw mismatch(name, index, "a date", argument) }
        return f
    }

    /// A number argument that must be a whole number within `range` when evaluated.
    private func wholeNumber(_ argument: Compiled, _ name: String, _ index: Int, range: ClosedRange<Int>)
        throws(ExpressionError) -> Evaluate<Int>
    {
        let f = try number(argument, name, index)
        let invalid = error(.invalidArgument, "\(name)'s argument \(index + 1) must be a whole number in \(range)",
                            at: argument.position)
        if case .number(let value)? = argument.constant, value.exactInt.map(range.contains) != true { throw invalid }
        return { context throws(ExpressionError) in
            guard let value = try f(context).exactInt, range.contains(value) else { throw invalid }
            return value
        }
    }
}
