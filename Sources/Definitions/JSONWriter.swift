/// A minimal JSON writer with a fixed key order, so the same values always give the same bytes.
///
/// ```swift
/// let out = JSONWriter()
/// out.object { out.field("id", "std"); out.field("version", 2) }
/// out.text   // {"id":"std","version":2}
/// ```
public final class JSONWriter {
    /// Creates an empty writer.
    public init() {}

    /// The JSON written so far.
    public private(set) var text = ""
    private var needsComma = false

    /// Writes an object whose members `body` writes.
    public func object(_ body: () -> Void) {
        separate()
        text += "{"
        needsComma = false
        body()
        text += "}"
        needsComma = true
    }

    /// Writes an array of `items`, each written by `body`.
    public func array<T>(_ items: [T], _ body: (T) -> Void) {
        separate()
        text += "["
        needsComma = false
        for item in items { body(item) }
        text += "]"
        needsComma = true
    }

    /// Writes a member name; the value follows.
    public func key(_ name: String) {
        separate()
        appendQuoted(name)
        text += ":"
        needsComma = false
    }

    /// Writes a string value.
    public func string(_ value: String) {
        separate()
        appendQuoted(value)
        needsComma = true
    }

    /// Writes a member with a string value, or null.
    public func field(_ name: String, _ value: String?) {
        key(name)
        if let value { appendQuoted(value) } else { text += "null" }
        needsComma = true
    }

    /// Writes a member with a whole-number value, or null.
    public func field(_ name: String, _ value: Int?) {
        key(name)
        text += value.map(String.init) ?? "null"
        needsComma = true
    }

    /// Writes a member with a boolean value.
    public func field(_ name: String, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
        needsComma = true
    }

    private func separate() {
        if needsComma { text += "," }
    }

    private func appendQuoted(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
