/// A strict byte-level JSON parser (RFC 8259) that keeps every value's line and column and
/// keeps numbers as their exact text.
///
/// ```swift
/// let root = try JSONDocumentParser.parse(Array(#"{"price": 12.50}"#.utf8))
/// ```
public struct JSONDocumentParser {
    /// How deeply arrays and objects may nest.
    public static let maximumDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// UTF-8 continuation bytes since `lineStart`, so columns count characters.
    private var continuationBytes = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses one JSON value that fills the whole input.
    ///
    /// - Throws: ``DocumentSyntaxError`` at the first malformed spot, duplicate key, or nesting
    ///   beyond ``maximumDepth``.
    public static func parse(_ data: [UInt8]) throws(DocumentSyntaxError) -> DocumentNode {
        let result = data.withUnsafeBufferPointer { buffer in
            Result { () throws(DocumentSyntaxError) -> DocumentNode in
                var parser = JSONDocumentParser(buffer)
                if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { parser.index = 3 }
                parser.skipWhitespace()
                let value = try parser.value()
                parser.skipWhitespace()
                guard parser.index == buffer.count else { throw parser.error("unexpected text after the JSON value") }
                return value
            }
        }
        return try result.get()
    }

    private var position: DocumentNode.Position {
        DocumentNode.Position(line: line, column: index - lineStart - continuationBytes + 1)
    }

    private func error(_ message: String) -> DocumentSyntaxError { DocumentSyntaxError(message, at: position) }

    private mutating func skipWhitespace() {
        let before = line
        JSONScan.skipWhitespace(bytes, &index, line: &line, lineStart: &lineStart)
        if line != before { continuationBytes = 0 }
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "the end of the file" }
        let byte = bytes[index]
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func value() throws(DocumentSyntaxError) -> DocumentNode {
        guard index < bytes.count else { throw error("expected a value, found the end of the file") }
        let start = position
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(start)
        case UInt8(ascii: "["): return try array(start)
        case UInt8(ascii: "\""): return DocumentNode(.scalar(try string(), .string, .quoted), at: start)
        case UInt8(ascii: "t"): return try literal("true", .boolean, start)
        case UInt8(ascii: "f"): return try literal("false", .boolean, start)
        case UInt8(ascii: "n"): return try literal("null", .null, start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number(start)
        default: throw error("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func literal(_ word: StaticString, _ kind: DocumentNode.ScalarKind,
                                  _ start: DocumentNode.Position) throws(DocumentSyntaxError) -> DocumentNode
    {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              (0..<count).allSatisfy({ bytes[index + $0] == word.utf8Start[$0] })
        else { throw error("expected a value, found \(describeCurrent())") }
        index += count
        return DocumentNode(.scalar("\(word)", kind, .plain), at: start)
    }

    private mutating func number(_ start: DocumentNode.Position) throws(DocumentSyntaxError) -> DocumentNode {
        let begin = index
        switch JSONScan.number(bytes, at: index) {
        case .success(let number): index = number.end
        case .failure(let malformed):
            index = malformed.index
            throw error(malformed.message)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<index]), as: UTF8.self)
        return DocumentNode(.scalar(text, .number, .plain), at: start)
    }

    private mutating func string() throws(DocumentSyntaxError) -> String {
        let open = position
        index += 1
        let begin = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            index += byte < 0x80 ? 1 : try utf8Sequence()
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[begin..<index]))
        while true {
            guard index < bytes.count else {
                throw DocumentSyntaxError("unterminated string; add the closing '\"'", at: open)
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw DocumentSyntaxError("unterminated string", at: open) }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else { throw error("a high surrogate \\u escape must be followed by a low one") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(code) {
                        throw error("a lone low surrogate is not a character")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    index -= 1
                    throw error("unknown escape '\\\(Character(Unicode.Scalar(escaped)))'")
                }
            default:
                guard byte >= 0x20 else {
                    throw error(byte == 0x0A ? "unterminated string; add the closing '\"'"
                                : "control characters must be escaped in strings")
                }
                let length = byte < 0x80 ? 1 : try utf8Sequence()
                scalars.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                index += length
            }
        }
    }

    /// The length of the UTF-8 sequence at `index`, counted for columns; an error where the bytes
    /// are not UTF-8.
    private mutating func utf8Sequence() throws(DocumentSyntaxError) -> Int {
        let length = UTF8Check.sequenceLength(bytes, at: index)
        guard length > 0 else { throw error("byte 0x\(String(bytes[index], radix: 16, uppercase: true)) is not valid UTF-8") }
        continuationBytes += length - 1
        return length
    }

    private mutating func hex4() throws(DocumentSyntaxError) -> UInt32 {
        guard let value = JSONHex.value(bytes, at: index) else {
            while index < bytes.count, JSONHex.digit(bytes[index]) != nil { index += 1 }
            throw error("a \\u escape needs four hex digits")
        }
        index += 4
        return value
    }

    private mutating func enter() throws(DocumentSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func object(_ start: DocumentNode.Position) throws(DocumentSyntaxError) -> DocumentNode {
        try enter()
        defer { depth -= 1 }
        index += 1
        var entries: [DocumentNode.Entry] = []
        // Small objects look for a repeated key among their entries; a set is built only for large ones.
        var keys: Set<String>?
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return DocumentNode(.mapping(entries), at: start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a key in double quotes, found \(describeCurrent())")
            }
            let keyPosition = position
            let key = try string()
            let repeated: Bool
            if entries.count < 16 {
                repeated = entries.contains { $0.key == key }
            } else {
                var set = keys.take() ?? Set(entries.map(\.key))
                repeated = !set.insert(key).inserted
                keys = set
            }
            guard !repeated else {
                throw DocumentSyntaxError("duplicate key \"\(key)\"", at: keyPosition)
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key \"\(key)\", found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            entries.append(DocumentNode.Entry(key: key, keyPosition: keyPosition, value: try value()))
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or '}', found the end of the file") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return DocumentNode(.mapping(entries), at: start)
            }
            throw error("expected ',' or '}', found \(describeCurrent())")
        }
    }

    private mutating func array(_ start: DocumentNode.Position) throws(DocumentSyntaxError) -> DocumentNode {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [DocumentNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return DocumentNode(.sequence(items), at: start)
        }
        while true {
            skipWhitespace()
            items.append(try value())
            skipWhitespace()
            guard index < bytes.count else { throw error("expected ',' or ']', found the end of the file") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return DocumentNode(.sequence(items), at: start)
            }
            throw error("expected ',' or ']', found \(describeCurrent())")
        }
    }
}
