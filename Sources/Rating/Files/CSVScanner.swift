#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV records (RFC 4180: a header row, `"` quoting with `""` for a quote, fields that
/// span lines inside quotes, CRLF or LF, an optional UTF-8 BOM) straight from a file's bytes.
struct CSVScanner {
    private static let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    /// The role of each column (`nil` for none).
    let columns: [Int?]

    /// Where records start: after the BOM and the header row.
    let firstRecord: Int
    /// The line the first record starts on.
    let firstLine: Int

    /// Reads the header row and maps its columns to roles; a column that is neither a record field
    /// nor a declared attribute, a repeated column or a missing record field is an error.
    init(_ bytes: UnsafeRawBufferPointer, layout: RecordLayout, file: String) throws(RatingInputError) {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        guard start < bytes.count else { throw RatingInputError("\(file): the file is empty; a CSV usage file starts with a header row") }
        var names: [String] = []
        var fields = RecordFields(roles: 0)
        let (end, newlines) = Self.scan(bytes, from: start, columns: nil, into: &fields, names: &names)
        if let problem = fields.syntaxError {
            throw RatingInputError("\(file):1: the header row: \(problem.error.message)")
        }
        var columns: [Int?] = []
        var seen: Set<Int> = []
        for (index, name) in names.enumerated() {
            let trimmed = name.trimmingSpaces
            guard let role = layout.role(of: trimmed) else {
                let known = RecordLayout.recordFields + layout.attributeNames
                throw RatingInputError("\(file):1: column \(index + 1) '\(trimmed)' is neither a record field (\(RecordLayout.recordFields.joined(separator: ", "))) nor a usage attribute a resource declares" + (known.count > 5 ? " (\(layout.attributeNames.joined(separator: ", ")))" : ""))
            }
            guard seen.insert(role).inserted else { throw RatingInputError("\(file):1: column '\(trimmed)' appears twice") }
            columns.append(role)
        }
        for (role, name) in RecordLayout.recordFields.enumerated() where !seen.contains(role) {
            throw RatingInputError("\(file):1: the header has no '\(name)' column; it needs \(RecordLayout.recordFields.joined(separator: ", "))")
        }
        self.columns = columns
        firstRecord = end
        firstLine = 1 + newlines
    }

    /// Scans the record at `start` into `fields` by role and returns where the next record starts
    /// and how many line breaks it spans. A record always ends: at its line break outside quotes,
    /// or at the end of the file (an open quote there is `UnterminatedQuote`).
    func scan(_ bytes: UnsafeRawBufferPointer, from start: Int, into fields: inout RecordFields) -> (end: Int, newlines: Int) {
        var names: [String] = []
        return Self.scan(bytes, from: start, columns: columns, into: &fields, names: &names)
    }

    private static func scan(_ bytes: UnsafeRawBufferPointer, from start: Int, columns: [Int?]?,
                             into fields: inout RecordFields, names: inout [String]) -> (end: Int, newlines: Int)
    {
        let count = bytes.count
        var position = start
        var column = 0
        var newlines = 0
        while true {
            var span: FieldSpan
            if position < count, bytes[position] == quote {
                // A quoted field: up to the next quote that is not doubled.
                let opened = position
                var escaped = false
                var cursor = position + 1
                var closed = -1
                while cursor < count {
                    guard let found = memchr(bytes.baseAddress! + cursor, Int32(quote), count - cursor) else { break }
                    let at = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
                    if at + 1 < count, bytes[at + 1] == quote {
                        escaped = true
                        cursor = at + 2
                        continue
                    }
                    closed = at
                    break
                }
                let contentEnd = closed < 0 ? count : closed
                newlines += countNewlines(bytes, opened + 1, contentEnd)
                span = FieldSpan(start: opened + 1, end: contentEnd, kind: .text, escape: escaped ? .doubledQuotes : .none)
                if closed < 0 {
                    if fields.syntaxError == nil {
                        fields.syntaxError = ("", RatingError(.unterminatedQuote, "a quoted field opens here and never closes; the rest of the file (\(newlines) line breaks) is inside it"))
                    }
                    position = count
                } else {
                    position = closed + 1
                    if position < count, bytes[position] != comma, bytes[position] != newline,
                       !(bytes[position] == carriageReturn && position + 1 < count && bytes[position + 1] == newline) {
                        if fields.syntaxError == nil {
                            fields.syntaxError = ("", RatingError(.invalidRecord, "text after the closing quote of field \(column + 1); quote the whole field and double any quote inside it"))
                        }
                        while position < count, bytes[position] != comma, bytes[position] != newline { position += 1 }
                    }
                }
            } else {
                let fieldStart = position
                position = Self.commaOrNewline(bytes, from: position)
                var fieldEnd = position
                if fieldEnd > fieldStart, bytes[fieldEnd - 1] == carriageReturn, position == count || bytes[position] == newline {
                    fieldEnd -= 1
                }
                span = FieldSpan(start: fieldStart, end: fieldEnd, kind: .text, escape: .none)
            }
            if let columns {
                if column < columns.count, let role = columns[column] { fields.spans[role] = span }
            } else {
                names.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[span.start..<span.end]), as: UTF8.self)
                    .replacingDoubledQuotes(span.escaped))
            }
            column += 1
            // After the field: a comma continues the record; a line break or the end closes it.
            if position < count, bytes[position] == comma {
                position += 1
                continue
            }
            if position < count, bytes[position] == carriageReturn { position += 1 }
            if position < count, bytes[position] == newline {
                position += 1
                newlines += 1
            }
            break
        }
        if let columns, column != columns.count, fields.syntaxError == nil {
            fields.syntaxError = ("", RatingError(.wrongColumnCount, "\(column) field\(column == 1 ? "" : "s"), but the header has \(columns.count)"))
        }
        return (position, newlines)
    }

    /// The position of the first comma or line feed at or after `start`, or `bytes.count`.
    /// Eight bytes at a time: a byte equal to the one sought is a zero byte of the word XOR'd with
    /// it repeated, and the lowest such byte is found from the zero-byte mask's trailing zeros.
    @inline(__always)
    static func commaOrNewline(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let count = bytes.count
        var position = start
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while position + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let commas = word ^ (ones &* UInt64(comma)), newlines = word ^ (ones &* UInt64(newline))
            // Exact for the lowest match: borrows only run upward from a zero byte.
            let found = ((commas &- ones) & ~commas | (newlines &- ones) & ~newlines) & highs
            if found != 0 { return position + found.trailingZeroBitCount / 8 }
            position += 8
        }
        while position < count, bytes[position] != comma, bytes[position] != newline { position += 1 }
        return position
    }

    /// Line breaks in `bytes[start..<end]`.
    static func countNewlines(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
        var total = 0
        var cursor = start
        while cursor < end, let found = memchr(bytes.baseAddress! + cursor, Int32(newline), end - cursor) {
            total += 1
            cursor = bytes.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
        }
        return total
    }

    /// Whether the record at `start` is a blank line (which is not a record); returns its end.
    static func blankLine(_ bytes: UnsafeRawBufferPointer, at start: Int) -> Int? {
        if start < bytes.count, bytes[start] == newline { return start + 1 }
        if start + 1 < bytes.count, bytes[start] == carriageReturn, bytes[start + 1] == newline { return start + 2 }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    func replacingDoubledQuotes(_ escaped: Bool) -> String {
        escaped ? replacing("\"\"", with: "\"") : self
    }
}
