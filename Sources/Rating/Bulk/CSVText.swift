import Definitions

/// CSV quoting for output fields.
enum CSVText {
    /// The text with control characters written as escapes (`\n`, `\u{0}`), so that one reject
    /// is one line however odd its input.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text, quoted when it holds a comma, quote or line break.
    static func escape(_ text: String) -> String {
        // The characters that need quotes are ASCII: their bytes are found without grapheme breaking.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// Appends text as one CSV field.
    static func append<Sink: ByteSink>(_ text: String, to output: inout Sink) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0), to: &output) }
    }

    /// Appends bytes as one CSV field.
    static func append<Sink: ByteSink>(_ bytes: UnsafeRawBufferPointer, to output: inout Sink) {
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            output.append(bytes)
            return
        }
        output.append(0x22)
        for byte in bytes {
            output.append(byte)
            if byte == 0x22 { output.append(0x22) }
        }
        output.append(0x22)
    }
}
