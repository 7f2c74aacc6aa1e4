/// The parts of JSON's grammar (RFC 8259) that more than one reader scans byte by byte:
/// whitespace, with line counting, and numbers.
public enum JSONScan {
    /// Moves `index` past JSON whitespace; each line feed adds one to `line` and moves
    /// `lineStart` to the byte after it.
    @inlinable
    public static func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, line: inout Int, lineStart: inout Int) {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    /// A number's extent: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    public struct Number: Sendable {
        /// The index after its last byte.
        public var end: Int
        /// Whether it has an exponent.
        public var hasExponent: Bool
    }

    /// What is wrong with a number, and the index where it goes wrong.
    public struct MalformedNumber: Error, Sendable {
        public var message: String
        public var index: Int
    }

    /// Scans the number that starts at `start`.
    public static func number(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Result<Number, MalformedNumber> {
        func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") }
        var index = start
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digit(index) else { return .failure(MalformedNumber(message: "a number needs digits after '-'", index: index)) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if digit(index) { return .failure(MalformedNumber(message: "numbers may not have leading zeros", index: index)) }
        } else {
            while digit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(index) else { return .failure(MalformedNumber(message: "a number needs digits after '.'", index: index)) }
            while digit(index) { index += 1 }
        }
        var hasExponent = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            hasExponent = true
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digit(index) else { return .failure(MalformedNumber(message: "a number needs digits in its exponent", index: index)) }
            while digit(index) { index += 1 }
        }
        return .success(Number(end: index, hasExponent: hasExponent))
    }
}
