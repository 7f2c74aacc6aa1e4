#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads JSON Lines usage records: one object per line, with the record fields as keys and the
/// usage attributes in an `attributes` object, straight from a file's bytes.
///
/// ```json
/// {"recordId":"r-1","assetId":"A-1","resourceId":"api-calls","timestamp":"2026-10-01T12:00:00Z","quantity":120,"attributes":{"region":"EU"}}
/// ```
struct JSONLinesScanner {
    private let fieldKeys: ByteTable
    private let fieldRoles: [Int]
    private let attributeKeys: ByteTable
    private let layout: RecordLayout
    private static let attributesRole = -1

    init(layout: RecordLayout) {
        self.layout = layout
        var keys = ByteTable()
        var roles: [Int] = []
        for (name, role) in [("recordId", 0), ("assetId", 1), ("resourceId", 2), ("timestamp", 3), ("quantity", 4),
                             ("record_id", 0), ("asset_id", 1), ("resource_id", 2), ("attributes", Self.attributesRole)] {
            _ = keys.intern(name)
            roles.append(role)
        }
        fieldKeys = keys
        fieldRoles = roles
        var attributes = ByteTable()
        for name in layout.attributeNames { _ = attributes.intern(name) }
        attributeKeys = attributes
    }

    /// Scans the line at `start` into `fields` and returns where the next line starts.
    func scan(_ bytes: UnsafeRawBufferPointer, from start: Int, into fields: inout RecordFields) -> Int {
        let count = bytes.count
        var lineEnd = count
        if let found = memchr(bytes.baseAddress! + start, 0x0A, count - start) {
            lineEnd = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
        let next = lineEnd < count ? lineEnd + 1 : count
        var end = lineEnd
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        var reader = Reader(bytes: bytes, position: start, end: end)
        if let problem = parseObject(&reader, into: &fields) {
            fields.syntaxError = problem
        }
        return next
    }

    private func parseObject(_ reader: inout Reader, into fields: inout RecordFields) -> (field: String, error: RatingError)? {
        reader.skipSpaces()
        guard reader.take(0x7B) else { return ("", reader.error("expected a JSON object starting with {")) }
        reader.skipSpaces()
        if reader.take(0x7D) { return reader.finish() }
        var sawAttributes = false
        while true {
            reader.skipSpaces()
            guard let key = reader.string() else { return ("", reader.error("expected a field name in quotes")) }
            reader.skipSpaces()
            guard reader.take(0x3A) else { return ("", reader.error("expected : after a field name")) }
            reader.skipSpaces()
            guard let index = lookup(fieldKeys, key, reader.bytes) else {
                return (reader.text(key), RatingError(.invalidRecord, "unknown field '\(reader.text(key))'; a record has \(RecordLayout.recordFields.joined(separator: ", ")) and attributes"))
            }
            let role = fieldRoles[index]
            if role == Self.attributesRole {
                guard !sawAttributes else { return ("attributes", Self.twice("attributes")) }
                sawAttributes = true
                if let problem = parseAttributes(&reader, into: &fields) { return problem }
            } else {
                guard let value = reader.scalar() else { return (layout.name(of: role), reader.error("expected a string, number, true, false or null")) }
                guard fields.spans[role].kind == .absent else { return (layout.name(of: role), Self.twice(layout.name(of: role))) }
                fields.spans[role] = value
            }
            reader.skipSpaces()
            if reader.take(0x2C) { continue }
            if reader.take(0x7D) { return reader.finish() }
            return ("", reader.error("expected , or } after a field"))
        }
    }

    private func parseAttributes(_ reader: inout Reader, into fields: inout RecordFields) -> (field: String, error: RatingError)? {
        if reader.takeWord("null") { return nil }
        guard reader.take(0x7B) else { return ("attributes", reader.error("attributes must be an object")) }
        reader.skipSpaces()
        if reader.take(0x7D) { return nil }
        while true {
            reader.skipSpaces()
            guard let key = reader.string() else { return ("attributes", reader.error("expected an attribute name in quotes")) }
            reader.skipSpaces()
            guard reader.take(0x3A) else { return ("attributes", reader.error("expected : after an attribute name")) }
            reader.skipSpaces()
            guard let index = lookup(attributeKeys, key, reader.bytes) else {
                return ("attributes.\(reader.text(key))", RatingError(.invalidRecord, "attribute '\(reader.text(key))' is not declared by any usage resource"))
            }
            guard let value = reader.scalar() else {
                return ("attributes.\(reader.text(key))", reader.error("expected a string, number, true, false or null"))
            }
            let role = RecordLayout.recordFields.count + index
            guard fields.spans[role].kind == .absent else {
                return ("attributes.\(reader.text(key))", Self.twice("attribute '\(reader.text(key))'"))
            }
            fields.spans[role] = value
            reader.skipSpaces()
            if reader.take(0x2C) { continue }
            if reader.take(0x7D) { return nil }
            return ("attributes", reader.error("expected , or } in attributes"))
        }
    }

    /// A field written twice in one record: which value counts would be a guess.
    private static func twice(_ name: String) -> RatingError {
        RatingError(.invalidRecord, "\(name) appears twice in the record; write it once")
    }

    /// The id of a key, decoding escapes first when it has any.
    private func lookup(_ table: ByteTable, _ key: FieldSpan, _ bytes: UnsafeRawBufferPointer) -> Int? {
        if !key.escaped { return table.id(of: UnsafeRawBufferPointer(rebasing: bytes[key.start..<key.end])) }
        guard var decoded = JSONText.unescape(UnsafeRawBufferPointer(rebasing: bytes[key.start..<key.end])) else { return nil }
        return decoded.withUnsafeMutableBytes { table.id(of: UnsafeRawBufferPointer($0)) }
    }

    /// A cursor over one line.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        let end: Int

        mutating func skipSpaces() {
            while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < end, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func takeWord(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard position + length <= end,
                  memcmp(bytes.baseAddress! + position, word.utf8Start, length) == 0 else { return false }
            position += length
            return true
        }

        /// A string's contents, or `nil` when there is no well-formed string here.
        mutating func string() -> FieldSpan? {
            guard take(0x22) else { return nil }
            let start = position
            var escaped = false
            while position < end {
                let byte = bytes[position]
                if byte == 0x22 {
                    position += 1
                    return FieldSpan(start: start, end: position - 1, kind: .text, escape: escaped ? .json : .none)
                }
                if byte == 0x5C {
                    escaped = true
                    position += 2
                    continue
                }
                if byte < 0x20 { return nil }
                position += 1
            }
            return nil
        }

        /// A string, number, boolean or null.
        mutating func scalar() -> FieldSpan? {
            guard position < end else { return nil }
            let byte = bytes[position]
            if byte == 0x22 { return string() }
            if takeWord("true") { return FieldSpan(start: position - 4, end: position, kind: .boolean, escape: .none) }
            if takeWord("false") { return FieldSpan(start: position - 5, end: position, kind: .boolean, escape: .none) }
            if takeWord("null") { return FieldSpan(start: position - 4, end: position, kind: .null, escape: .none) }
            let start = position
            while position < end {
                let byte = bytes[position]
                let isNumberByte = (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2B || byte == 0x2E
                    || byte == 0x65 || byte == 0x45
                guard isNumberByte else { break }
                position += 1
            }
            return position > start ? FieldSpan(start: start, end: position, kind: .number, escape: .none) : nil
        }

        func finish() -> (field: String, error: RatingError)? {
            var cursor = position
            while cursor < end, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
            return cursor == end ? nil : ("", RatingError(.invalidRecord, "text after the closing } of the record"))
        }

        func error(_ expected: String) -> RatingError {
            if position >= end { return RatingError(.invalidRecord, "the line ends early: \(expected)") }
            return RatingError(.invalidRecord, "\(expected), found '\(String(decoding: bytes[position..<min(end, position + 16)], as: UTF8.self))'")
        }

        func text(_ span: FieldSpan) -> String {
            let raw = UnsafeRawBufferPointer(rebasing: bytes[span.start..<span.end])
            if span.escaped, let decoded = JSONText.unescape(raw) { return String(decoding: decoded, as: UTF8.self) }
            return String(decoding: raw, as: UTF8.self)
        }
    }
}

/// JSON string escapes, both ways.
enum JSONText {
    /// Decodes `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` and `\u` with four hex digits (surrogate pairs too);
    /// `nil` for a malformed escape.
    static func unescape(_ text: UnsafeRawBufferPointer) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= text.count else { return nil }
            var value: UInt32 = 0
            for byte in text[at..<at + 4] {
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }
        while index < text.count {
            let byte = text[index]
            guard byte == 0x5C else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < text.count else { return nil }
            let escape = text[index + 1]
            index += 2
            switch escape {
            case 0x22, 0x5C, 0x2F: output.append(escape)
            case 0x62: output.append(0x08)
            case 0x66: output.append(0x0C)
            case 0x6E: output.append(0x0A)
            case 0x72: output.append(0x0D)
            case 0x74: output.append(0x09)
            case 0x75:
                guard var scalar = hex4(index) else { return nil }
                index += 4
                if scalar >= 0xD800, scalar < 0xDC00 {
                    guard index + 1 < text.count, text[index] == 0x5C, text[index + 1] == 0x75,
                          let low = hex4(index + 2), low >= 0xDC00, low < 0xE000 else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                output.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                return nil
            }
        }
        return output
    }
}
