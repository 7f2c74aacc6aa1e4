/// A precedence-climbing parser from tokens to ``Syntax``, with a nesting limit.
///
/// Precedence, lowest first: `or`, `and`, `not`, comparisons and `in`, `+ -`, `* /`, unary `-`.
struct Parser {
    /// How deeply expressions may nest (parentheses, calls, lists, operators).
    static let maximumDepth = 64

    private let tokens: [Token]
    private let source: String
    private var index = 0
    private var depth = 0

    static func parse(_ source: String) throws(ExpressionError) -> Syntax {
        var parser = Parser(tokens: try Lexer.tokenize(source), source: source)
        let syntax = try parser.expression()
        guard case .end = parser.current.kind else {
            throw parser.error("unexpected \(parser.current.text) after a complete expression", at: parser.current)
        }
        return syntax
    }

    private init(tokens: [Token], source: String) {
        self.tokens = tokens
        self.source = source
    }

    private var current: Token { tokens[index] }

    private func error(_ message: String, at token: Token) -> ExpressionError {
        ExpressionError(.syntax, message, line: token.position.line, column: token.position.column, source: source)
    }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func accept(_ symbol: Token.Symbol) -> Bool {
        if case .symbol(symbol) = current.kind {
            index += 1
            return true
        }
        return false
    }

    private mutating func accept(_ keyword: Token.Keyword) -> Bool {
        if case .keyword(keyword) = current.kind {
            index += 1
            return true
        }
        return false
    }

    private mutating func expect(_ symbol: Token.Symbol, _ what: String) throws(ExpressionError) {
        guard accept(symbol) else { throw error("expected '\(symbol.rawValue)' \(what), found \(current.text)", at: current) }
    }

    private mutating func nested<T>(_ body: (inout Parser) throws(ExpressionError) -> T) throws(ExpressionError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw ExpressionError(.nestingTooDeep, "expression nests more than \(Self.maximumDepth) levels deep",
                                  line: current.position.line, column: current.position.column, source: source)
        }
        return try body(&self)
    }

    mutating func expression() throws(ExpressionError) -> Syntax {
        try nested { (parser: inout Parser) throws(ExpressionError) in try parser.or() }
    }

    private mutating func or() throws(ExpressionError) -> Syntax {
        var left = try and()
        while case .keyword(.or) = current.kind {
            let op = advance()
            let right = try and()
            left = Syntax(kind: .binary(.or, left, right, operatorPosition: op.position), position: left.position)
        }
        return left
    }

    private mutating func and() throws(ExpressionError) -> Syntax {
        var left = try not()
        while case .keyword(.and) = current.kind {
            let op = advance()
            let right = try not()
            left = Syntax(kind: .binary(.and, left, right, operatorPosition: op.position), position: left.position)
        }
        return left
    }

    private mutating func not() throws(ExpressionError) -> Syntax {
        if case .keyword(.not) = current.kind {
            let op = advance()
            let operand = try nested { (parser: inout Parser) throws(ExpressionError) in try parser.not() }
            return Syntax(kind: .unary(.not, operand), position: op.position)
        }
        return try comparison()
    }

    private mutating func comparison() throws(ExpressionError) -> Syntax {
        let left = try additive()
        let op = current
        let binary: Syntax.BinaryOperator
        switch op.kind {
        case .symbol(.equal): binary = .equal
        case .symbol(.notEqual): binary = .notEqual
        case .symbol(.less): binary = .less
        case .symbol(.lessEqual): binary = .lessEqual
        case .symbol(.greater): binary = .greater
        case .symbol(.greaterEqual): binary = .greaterEqual
        case .keyword(.in): binary = .in
        case .keyword(.not):
            guard case .keyword(.in) = tokens[min(index + 1, tokens.count - 1)].kind else { return left }
            index += 1
            binary = .notIn
        default: return left
        }
        index += 1
        let right = try additive()
        switch current.kind {
        case .symbol(.equal), .symbol(.notEqual), .symbol(.less), .symbol(.lessEqual), .symbol(.greater),
             .symbol(.greaterEqual), .keyword(.in):
            throw error("comparisons do not chain; combine them with 'and'", at: current)
        default: break
        }
        return Syntax(kind: .binary(binary, left, right, operatorPosition: op.position), position: left.position)
    }

    private mutating func additive() throws(ExpressionError) -> Syntax {
        var left = try multiplicative()
        while true {
            let op = current
            let binary: Syntax.BinaryOperator
            switch op.kind {
            case .symbol(.plus): binary = .add
            case .symbol(.minus): binary = .subtract
            default: return left
            }
            index += 1
            let right = try multiplicative()
            left = Syntax(kind: .binary(binary, left, right, operatorPosition: op.position), position: left.position)
        }
    }

    private mutating func multiplicative() throws(ExpressionError) -> Syntax {
        var left = try unary()
        while true {
            let op = current
            let binary: Syntax.BinaryOperator
            switch op.kind {
            case .symbol(.star): binary = .multiply
            case .symbol(.slash): binary = .divide
            default: return left
            }
            index += 1
            let right = try unary()
            left = Syntax(kind: .binary(binary, left, right, operatorPosition: op.position), position: left.position)
        }
    }

    private mutating func unary() throws(ExpressionError) -> Syntax {
        if case .symbol(.minus) = current.kind {
            let op = advance()
            let operand = try nested { (parser: inout Parser) throws(ExpressionError) in try parser.unary() }
            return Syntax(kind: .unary(.negate, operand), position: op.position)
        }
        return try primary()
    }

    private mutating func primary() throws(ExpressionError) -> Syntax {
        let token = advance()
        switch token.kind {
        case .number(let text):
            return Syntax(kind: .number(text), position: token.position)
        case .string(let text):
            return Syntax(kind: .string(text), position: token.position)
        case .keyword(.true):
            return Syntax(kind: .boolean(true), position: token.position)
        case .keyword(.false):
            return Syntax(kind: .boolean(false), position: token.position)
        case .identifier(let name):
            guard accept(.leftParen) else { return Syntax(kind: .identifier(name), position: token.position) }
            let arguments = try nested { (parser: inout Parser) throws(ExpressionError) in
                try parser.sequence(closing: .rightParen, what: "to close the call of \(name)")
            }
            return Syntax(kind: .call(name, arguments), position: token.position)
        case .symbol(.leftParen):
            let inner = try expression()
            try expect(.rightParen, "to close the parenthesis")
            return inner
        case .symbol(.leftBracket):
            let elements = try nested { (parser: inout Parser) throws(ExpressionError) in
                try parser.sequence(closing: .rightBracket, what: "to close the list")
            }
            return Syntax(kind: .list(elements), position: token.position)
        case .end:
            throw error("the expression ends where a value was expected", at: token)
        default:
            throw error("expected a value, found \(token.text)", at: token)
        }
    }

    private mutating func sequence(closing: Token.Symbol, what: String) throws(ExpressionError) -> [Syntax] {
        var items: [Syntax] = []
        if accept(closing) { return items }
        repeat {
            items.append(try expression())
        } while accept(.comma)
        try expect(closing, what)
        return items
    }
}
