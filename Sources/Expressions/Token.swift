/// A position in expression text.
struct SourcePosition: Sendable, Equatable {
    var offset: Int
    var line: Int
    var column: Int
}

/// One lexical token.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case number(String)
        case string(String)
        case identifier(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case end
    }

    enum Keyword: String, Sendable {
        case and, or, not, `in`, `true`, `false`
    }

    enum Symbol: String, Sendable, CaseIterable {
        case plus = "+", minus = "-", star = "*", slash = "/"
        case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]", comma = ","
    }

    var kind: Kind
    var position: SourcePosition

    var text: String {
        switch kind {
        case .number(let text), .identifier(let text): text
        case .string(let text): "\"\(text)\""
        case .keyword(let keyword): keyword.rawValue
        case .symbol(let symbol): symbol.rawValue
        case .end: "end of expression"
        }
    }
}
