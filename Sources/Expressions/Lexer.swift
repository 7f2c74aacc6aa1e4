/// Splits expression text into tokens, tracking line and column.
struct Lexer {
    private let bytes: [UInt8]
    private let source: String
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ source: String) {
        self.source = source
        bytes = Array(source.utf8)
    }

    /// All tokens, ending with `.end`.
    static func tokenize(_ source: String) throws(ExpressionError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var position: SourcePosition { SourcePosition(offset: index, line: line, column: column) }

    private func error(_ message: String, at position: SourcePosition) -> ExpressionError {
        ExpressionError(.syntax, message, line: position.line, column: position.column, source: source)
    }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    mutating func next() throws(ExpressionError) -> Token {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
        let start = position
        guard let byte = peek() else { return Token(kind: .end, position: start) }

        if Self.isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) {
            let begin = index
            var sawPoint = false
            while let next = peek(), Self.isDigit(next) || (next == UInt8(ascii: ".") && !sawPoint) {
                if next == UInt8(ascii: ".") {
                    guard peek(1).map(Self.isDigit) == true else { break }
                    sawPoint = true
                }
                advance()
            }
            if let next = peek(), Self.isIdentifierStart(next) {
                throw error("a number cannot run into a name; put a space or an operator between them", at: position)
            }
            return Token(kind: .number(String(decoding: bytes[begin..<index], as: UTF8.self)), position: start)
        }

        if Self.isIdentifierStart(byte) {
            let begin = index
            while let next = peek(), Self.isIdentifierStart(next) || Self.isDigit(next)
                || (next == UInt8(ascii: ".") && peek(1).map(Self.isIdentifierStart) == true)
            {
                advance()
            }
            let word = String(decoding: bytes[begin..<index], as: UTF8.self)
            if let keyword = Token.Keyword(rawValue: word) { return Token(kind: .keyword(keyword), position: start) }
            return Token(kind: .identifier(word), position: start)
        }

        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            return Token(kind: .string(try string(quote: byte, start: start)), position: start)
        }

        let two = peek(1).map { String(decoding: [byte, $0], as: UTF8.self) } ?? ""
        for symbol in [Token.Symbol.equal, .notEqual, .lessEqual, .greaterEqual] where symbol.rawValue == two {
            advance()
            advance()
            return Token(kind: .symbol(symbol), position: start)
        }
        switch two {
        case "&&": throw error("use 'and' instead of '&&'", at: start)
        case "||": throw error("use 'or' instead of '||'", at: start)
        default: break
        }
        let one = String(decoding: [byte], as: UTF8.self)
        if let symbol = Token.Symbol(rawValue: one), symbol != .equal {
            advance()
            return Token(kind: .symbol(symbol), position: start)
        }
        switch one {
        case "=": throw error("use '==' to compare; '=' is not an operator", at: start)
        case "!": throw error("use 'not' instead of '!'", at: start)
        default: break
        }
        let following = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self)
        let shown = following.unicodeScalars.first.map(String.init) ?? "?"
        throw error("unexpected character '\(shown)'", at: start)
    }

    private mutating func string(quote: UInt8, start: SourcePosition) throws(ExpressionError) -> String {
        advance()
        var scalars: [UInt8] = []
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                throw error("unterminated string; add the closing \(quote == UInt8(ascii: "'") ? "'" : "\"")", at: start)
            }
            if byte == quote {
                advance()
                return String(decoding: scalars, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                let escapePosition = position
                advance()
                guard let escaped = peek() else { throw error("unterminated string", at: start) }
                switch escaped {
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): scalars.append(escaped)
                default: throw error("unknown escape; use \\n, \\t, \\\\, \\\" or \\'", at: escapePosition)
                }
                advance()
            } else {
                scalars.append(byte)
                advance()
            }
        }
    }
}
