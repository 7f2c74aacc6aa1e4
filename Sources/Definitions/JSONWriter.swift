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
        output = ByteOutput(capacity: capacity)
    }

    /// Where the JSON goes.
    ///
    /// A writer belongs to one task and never escapes it (it is not `Sendable`), so the dynamic
    /// exclusivity checks on its properties, paid on every member written, are turned off.
    public let output: ByteOutput
    @exclusivity(unchecked) private var needsComma = false

    /// The JSON written so far, as UTF-8.
    public var bytes: [UInt8] { output.bytes }

    /// The JSON written so far.
    public var text: String { output.withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Writes an object whose members `body` writes.
    public func object(_ body: () -> Void) {
        separate()
        output.append(UInt8(ascii: "{"))
        needsComma = false
        body()
        output.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes an array of `items`, each written by `body`.
    public func array<T>(_ items: [T], _ body: (T) -> Void) {
        separate()
        output.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { body(item) }
        output.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name; the value follows.
    public func key(_ name: String) {
        separate()
        appendQuoted(name)
        output.append(UInt8(ascii: ":"))
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
        if let value { appendQuoted(value) } else { output.append("null" as StaticString) }
        needsComma = true
    }

    /// Ends a line: the next value starts a new JSON text (JSON Lines).
    public func newline() {
        output.append(UInt8(ascii: "\n"))
        needsComma = false
    }

    /// Writes a member whose value is JSON text, as given: the caller vouches that it is JSON.
    public func field(_ name: String, json: String) {
        key(name)
        output.append(json)
        needsComma = true
    }

    /// Writes a member whose value is JSON already written, as UTF-8 bytes.
    public func field(_ name: String, jsonBytes: [UInt8]) {
        key(name)
        output.append(jsonBytes)
        needsComma = true
    }

    /// Writes one value by appending its JSON text to the output directly: for hot paths that
    /// put together precomputed pieces. The caller vouches that `write` appends one JSON value.
    public func value(_ write: (ByteOutput) -> Void) {
        separate()
        write(output)
        needsComma = true
    }

    /// Writes a member with an exact decimal as a string (`"12.50"`), or null; at least
    /// `minimumFractionDigits` fractional digits (a currency's minor units).
    public func field(_ name: String, _ value: ExactDecimal?, minimumFractionDigits: Int = 0) {
        key(name)
        if let value {
            output.append(UInt8(ascii: "\""))
            output.append(decimal: value, minimumFractionDigits: minimumFractionDigits)
            output.append(UInt8(ascii: "\""))
        } else {
            output.append("null" as StaticString)
        }
        needsComma = true
    }

    /// Writes a member with a whole-number value, or null.
    public func field(_ name: String, _ value: Int?) {
        key(name)
        if let value { output.append(number: value) } else { output.append("null" as StaticString) }
        needsComma = true
    }

    /// Writes a member with a boolean value.
    public func field(_ name: String, _ value: Bool) {
        key(name)
        output.append(value ? "true" : "false" as StaticString)
        needsComma = true
    }

    private func separate() {
        if needsComma { output.append(UInt8(ascii: ",")) }
    }

    private func appendQuoted(_ value: String) {
        var output = output
        JSONString.appendQuoted(value, to: &output)
    }
}
