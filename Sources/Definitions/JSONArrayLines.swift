/// The items of one array member of a JSON object, cut out of the document's bytes as JSON Lines
/// (each item compact, on a line of its own) without building a document tree.
///
/// It checks the whole document as strictly as ``JSONDocumentParser`` does (grammar, UTF-8,
/// nesting depth) except for duplicate keys inside the items, which the reader of the lines
/// must refuse. It answers `nil` for anything but the one expected shape, well-formed; the caller
/// then reads the document with ``JSONDocumentParser``, which names the problem and its place.
///
/// ```swift
/// let cut = JSONArrayLines.cut(Array(#"{"records": [{"id": 1}, {"id": 2}]}"#.utf8), member: "records")
/// // cut?.lines == Array("{\"id\":1}\n{\"id\":2}\n".utf8), cut?.count == 2
/// ```
public enum JSONArrayLines {
    /// The items of `member` in a document that is an object with that member alone, holding an
    /// array; `nil` for any other document.
    public static func cut(_ document: [UInt8], member: String) -> (lines: [UInt8], count: Int)? {
        document.withUnsafeBufferPointer { buffer in
            var cutter = Cutter(bytes: buffer)
            return cutter.document(member: Array(member.utf8))
        }
    }

    private struct Cutter {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var depth = 0
        var lines: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            lines.reserveCapacity(bytes.count)
        }

        mutating func document(member: [UInt8]) -> (lines: [UInt8], count: Int)? {
            skipWhitespace()
            guard take(UInt8(ascii: "{")) else { return nil }
            skipWhitespace()
            guard let key = string(), bytes[key.dropFirst().dropLast()].elementsEqual(member) else { return nil }
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return nil }
            skipWhitespace()
            guard take(UInt8(ascii: "[")) else { return nil }
            depth = 2
            var count = 0
            skipWhitespace()
            if !take(UInt8(ascii: "]")) {
                repeat {
                    skipWhitespace()
                    guard value() else { return nil }
                    lines.append(0x0A)
                    count += 1
                    skipWhitespace()
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "]")) else { return nil }
            }
            skipWhitespace()
            guard take(UInt8(ascii: "}")) else { return nil }
            skipWhitespace()
            return index == bytes.count ? (lines, count) : nil
        }

        /// Copies one well-formed value into `lines` without its whitespace.
        mutating func value() -> Bool {
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                return container(close: UInt8(ascii: "}")) { cutter in
                    guard let key = cutter.string() else { return false }
                    cutter.copy(key)
                    cutter.skipWhitespace()
                    guard cutter.take(UInt8(ascii: ":")) else { return false }
                    cutter.lines.append(UInt8(ascii: ":"))
                    cutter.skipWhitespace()
                    return cutter.value()
                }
            case UInt8(ascii: "["):
                return container(close: UInt8(ascii: "]")) { $0.value() }
            case UInt8(ascii: "\""):
                guard let text = string() else { return false }
                copy(text)
                return true
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        /// An object or array: its opening byte at `index`, members or items read by `item`.
        mutating func container(close: UInt8, item: (inout Cutter) -> Bool) -> Bool {
            depth += 1
            guard depth <= JSONDocumentParser.maximumDepth else { return false }
            defer { depth -= 1 }
            lines.append(bytes[index])
            index += 1
            skipWhitespace()
            if !take(close) {
                while true {
                    skipWhitespace()
                    guard item(&self) else { return false }
                    skipWhitespace()
                    if take(UInt8(ascii: ",")) {
                        lines.append(UInt8(ascii: ","))
                        continue
                    }
                    guard take(close) else { return false }
                    break
                }
            }
            lines.append(close)
            return true
        }

        /// A string at `index`, quotes included, with well-formed escapes and UTF-8.
        mutating func string() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index - 1
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return start..<index
                case UInt8(ascii: "\\"):
                    guard escape() else { return nil }
                case 0..<0x20:
                    return nil
                case 0x80...:
                    let length = UTF8Check.sequenceLength(bytes, at: index)
                    guard length > 0 else { return nil }
                    index += length
                default:
                    index += 1
                }
            }
            return nil
        }

        /// One escape at `index`: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, or `\u` with
        /// four hex digits, a high surrogate followed by a low one.
        mutating func escape() -> Bool {
            guard index + 1 < bytes.count else { return false }
            switch bytes[index + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 2
                return true
            case UInt8(ascii: "u"):
                guard let code = JSONHex.value(bytes, at: index + 2) else { return false }
                index += 6
                switch code {
                case 0xD800..<0xDC00:
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                          let low = JSONHex.value(bytes, at: index + 2), (0xDC00..<0xE000).contains(low) else { return false }
                    index += 6
                    return true
                case 0xDC00..<0xE000: return false
                default: return true
                }
            default:
                return false
            }
        }

        /// A number in RFC 8259's grammar: `-`, digits without a leading zero, a fraction, an exponent.
        mutating func number() -> Bool {
            let start = index
            func digits(_ cutter: inout Cutter) -> Int {
                let first = cutter.index
                while cutter.index < cutter.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(cutter.bytes[cutter.index]) {
                    cutter.index += 1
                }
                return cutter.index - first
            }
            _ = take(UInt8(ascii: "-"))
            let whole = index
            let wholeDigits = digits(&self)
            guard wholeDigits > 0, wholeDigits == 1 || bytes[whole] != UInt8(ascii: "0") else { return false }
            if take(UInt8(ascii: ".")) {
                guard digits(&self) > 0 else { return false }
            }
            if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
                if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
                guard digits(&self) > 0 else { return false }
            }
            copy(start..<index)
            return true
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard index + length <= bytes.count,
                  bytes[index..<index + length].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: length))
            else { return false }
            copy(index..<index + length)
            index += length
            return true
        }

        mutating func copy(_ range: Range<Int>) {
            lines.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }
    }
}
