public import Money

/// A minimal JSON writer with a fixed key order, so the same values always give the same bytes.
///
/// ```swift
/// let out = JSONWriter()
/// out.object { out.field("id", "std"); out.field("version", 2) }
/// out.text   // {"id":"std","version":2}
/// ```
public final class JSONWriter {
    /// Creates an empty writer; `capacity` reserves room for a reply of about that many bytes.
    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The JSON written so far, as UTF-8.
    ///
    /// A writer belongs to one task and never escapes it (it is not `Sendable`), so the dynamic
    /// exclusivity checks on its two properties, paid on every member written, are turned off.
    @exclusivity(unchecked) public private(set) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var needsComma = false

    /// The JSON written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes an object whose members `body` writes.
    public func object(_ body: () -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body()
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes an array of `items`, each written by `body`.
    public func array<T>(_ items: [T], _ body: (T) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { body(item) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name; the value follows.
    public func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
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
        if let value { appendQuoted(value) } else { bytes.append(contentsOf: "null".utf8) }
        needsComma = true
    }

    /// Ends a line: the next value starts a new JSON text (JSON Lines).
    public func newline() {
        bytes.append(0x0A)
        needsComma = false
    }

    /// Writes a member whose value is JSON text, as given: the caller vouches that it is JSON.
    public func field(_ name: String, json: String) {
        field(name, jsonBytes: Array(json.utf8))
    }

    /// Writes a member whose value is JSON already written, as UTF-8 bytes.
    public func field(_ name: String, jsonBytes: [UInt8]) {
        key(name)
        bytes.append(contentsOf: jsonBytes)
        needsComma = true
    }

    /// Writes one value by appending its JSON text to the output directly: for hot paths that
    /// put together precomputed pieces. The caller vouches that `write` appends one JSON value.
    public func value(_ write: (inout [UInt8]) -> Void) {
        separate()
        write(&bytes)
        needsComma = true
    }

    /// Writes a member with an exact decimal as a string (`"12.50"`), or null; at least
    /// `minimumFractionDigits` fractional digits (a currency's minor units).
    public func field(_ name: String, _ value: ExactDecimal?, minimumFractionDigits: Int = 0) {
        key(name)
        if let value {
            bytes.append(UInt8(ascii: "\""))
            value.write(to: &bytes, minimumFractionDigits: minimumFractionDigits)
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    /// Writes a member with a whole-number value, or null.
    public func field(_ name: String, _ value: Int?) {
        key(name)
        bytes.append(contentsOf: (value.map(String.init) ?? "null").utf8)
        needsComma = true
    }

    /// Writes a member with a boolean value.
    public func field(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    private func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private func appendQuoted(_ value: String) {
        Self.appendQuoted(value, to: &bytes)
    }

    /// Appends `value` as a JSON string, quoted and escaped, to `output`.
    public static func appendQuoted(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Runs without anything to escape are copied whole.
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: "\\u00".utf8)
                    output.append(hex[Int(byte >> 4)])
                    output.append(hex[Int(byte & 0x0f)])
                }
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
