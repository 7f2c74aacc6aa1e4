/// Where bytes are written: an `[UInt8]` or a ``ByteOutput``.
public protocol ByteSink {
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Appends `bytes`.
    mutating func append(_ bytes: UnsafeRawBufferPointer)
}

extension Array: ByteSink where Element == UInt8 {
    @inlinable public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(contentsOf: bytes)
    }
}

extension ByteOutput: ByteSink {}

/// JSON strings: text quoted and escaped, as every writer of JSON in the project writes it.
///
/// `"`, `\` and control characters are escaped (`\n`, `\r`, `\t`, otherwise `\u00XX`); all other
/// UTF-8 is copied as it is.
public enum JSONString {
    /// Appends `text` quoted and escaped.
    @inlinable public static func appendQuoted<Sink: ByteSink>(_ text: String, to out: inout Sink) {
        var text = text
        text.withUTF8 { appendQuoted(UnsafeRawBufferPointer($0), to: &out) }
    }

    /// Appends the UTF-8 `text` quoted and escaped.
    @inlinable public static func appendQuoted<Sink: ByteSink>(_ text: UnsafeRawBufferPointer, to out: inout Sink) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(text, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `text` escaped, without quotes: a piece of a string whose quotes are written apart.
    @inlinable public static func appendEscaped<Sink: ByteSink>(_ text: String, to out: inout Sink) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), to: &out) }
    }

    /// Appends the UTF-8 `text` escaped, without quotes.
    @inlinable public static func appendEscaped<Sink: ByteSink>(_ text: UnsafeRawBufferPointer, to out: inout Sink) {
        // Runs without anything to escape are copied whole.
        var runStart = 0
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out.append(UnsafeRawBufferPointer(rebasing: text[runStart..<index]))
            appendEscape(of: byte, to: &out)
            runStart = index + 1
        }
        out.append(UnsafeRawBufferPointer(rebasing: text[runStart...]))
    }

    @inlinable static func appendEscape<Sink: ByteSink>(of byte: UInt8, to out: inout Sink) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(UInt8(ascii: "u"))
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "0"))
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }
}
