import Catalog
import Definitions
import Expressions
import Money

/// Reads a JSON quote of the usual shape straight from its bytes, without building a document
/// tree: how `POST /v1/price` reads most quotes.
///
/// It takes only what it can read exactly as ``QuoteReader`` would: ASCII strings without
/// escapes, numbers without exponents, the header and line fields other than `fields`, no
/// `null`, no repeated or unknown key, every value valid. For anything else it returns `nil`,
/// and ``QuoteReader`` reads the document in full, with its diagnostics. A test checks that
/// both readers give the same quote wherever this one gives one.
struct DirectJSONQuoteReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let path: String
    private var index = 0
    private var line = 1
    private var lineStart = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>, path: String) {
        self.bytes = bytes
        self.path = path
    }

    /// The quote in `data`, or `nil` when the full reader must read it.
    static func read(_ data: [UInt8], path: String) -> Quote? {
        data.withUnsafeBufferPointer { buffer in
            var reader = DirectJSONQuoteReader(buffer, path: path)
            guard let quote = reader.quote() else { return nil }
            reader.skipWhitespace()
            return reader.index == buffer.count ? quote : nil
        }
    }

    // MARK: The quote

    private struct Header {
        var id: String?, account: String?, contract: String?, channel: String?
        var currency: Currency?, pricingDate: CivilDate?
        var priceBook: String?, plan: String?, procedure: String?
    }

    private mutating func quote() -> Quote? {
        var header: Header?
        var lines: [Quote.Line]?
        let read = members { reader, key in
            if key.matches("header"), header == nil {
                header = reader.header()
                return header != nil
            }
            if key.matches("lines"), lines == nil {
                lines = reader.lines()
                return lines != nil
            }
            return false
        }
        guard read, let header, let lines, let id = header.id, let currency = header.currency,
              let date = header.pricingDate
        else { return nil }
        return Quote(id: id, accountId: header.account, contractId: header.contract, channel: header.channel,
                     currency: currency, pricingDate: date, priceBookId: header.priceBook, planId: header.plan,
                     procedureId: header.procedure, lines: lines)
    }

    private mutating func header() -> Header? {
        var header = Header()
        var seen = KeySet()
        let read = members { reader, key in
            switch true {
            case key.matches("id"): seen.first(0) && reader.text(into: &header.id)
            case key.matches("account"): seen.first(1) && reader.text(into: &header.account)
            case key.matches("contract"): seen.first(2) && reader.text(into: &header.contract)
            case key.matches("channel"): seen.first(3) && reader.text(into: &header.channel)
            case key.matches("currency"):
                seen.first(4) && reader.value(into: &header.currency) { try? Currency($0) }
            case key.matches("pricingDate"):
                seen.first(5) && reader.value(into: &header.pricingDate) { try? CivilDate($0) }
            case key.matches("priceBook"): seen.first(6) && reader.text(into: &header.priceBook)
            case key.matches("plan"): seen.first(7) && reader.text(into: &header.plan)
            case key.matches("procedure"): seen.first(8) && reader.text(into: &header.procedure)
            default: false
            }
        }
        return read ? header : nil
    }

    private mutating func lines() -> [Quote.Line]? {
        var lines: [Quote.Line] = []
        let read = elements { reader in
            guard let line = reader.quoteLine() else { return false }
            lines.append(line)
            return true
        }
        return read && !lines.isEmpty ? lines : nil
    }

    private mutating func quoteLine() -> Quote.Line? {
        var id: String?, product: String?, quantity: ExactDecimal?, model: SellingModel?, term: ExactDecimal?
        var start: CivilDate?, end: CivilDate?, parent: String?, approval: String?
        var attributes: [String: ExpressionValue] = [:]
        var discount: Adjustment?
        var idLocation: DefinitionLocation?
        var seen = KeySet()
        let read = members { reader, key in
            switch true {
            case key.matches("id"):
                idLocation = reader.location
                return seen.first(0) && reader.text(into: &id)
            case key.matches("product"): return seen.first(1) && reader.text(into: &product)
            case key.matches("quantity"): return seen.first(2) && reader.decimal(into: &quantity)
            case key.matches("sellingModel"):
                return seen.first(3) && reader.value(into: &model) { SellingModel(rawValue: $0) }
            case key.matches("termMonths"): return seen.first(4) && reader.decimal(into: &term)
            case key.matches("startDate"): return seen.first(5) && reader.value(into: &start) { try? CivilDate($0) }
            case key.matches("endDate"): return seen.first(6) && reader.value(into: &end) { try? CivilDate($0) }
            case key.matches("attributes"): return seen.first(7) && reader.attributes(into: &attributes)
            case key.matches("parent"): return seen.first(8) && reader.text(into: &parent)
            case key.matches("approvalOverride"): return seen.first(9) && reader.text(into: &approval)
            case key.matches("manualDiscount"): return seen.first(10) && reader.discount(into: &discount)
            default: return false
            }
        }
        guard read, let id, let product, let quantity else { return nil }
        return Quote.Line(id: id, productId: product, quantity: quantity, sellingModel: model, termMonths: term,
                          startDate: start, endDate: end, attributes: attributes, parentLineId: parent,
                          manualDiscount: discount, approvalOverride: approval, location: idLocation)
    }

    /// Attribute values: text, exact numbers and booleans.
    private mutating func attributes(into attributes: inout [String: ExpressionValue]) -> Bool {
        members { reader, key in
            let name = String(decoding: key, as: UTF8.self)
            guard attributes[name] == nil else { return false }
            switch reader.peek {
            case UInt8(ascii: "\""):
                guard let text = reader.string(allowEmpty: true) else { return false }
                attributes[name] = .string(String(decoding: text, as: UTF8.self))
            case UInt8(ascii: "t"), UInt8(ascii: "f"):
                guard let value = reader.boolean() else { return false }
                attributes[name] = .boolean(value)
            default:
                guard let text = reader.number(), let number = try? ExactDecimal(text) else { return false }
                attributes[name] = .number(number)
            }
            return true
        }
    }

    /// `{"type": "percent", "value": N}`. An amount or override is in the quote's currency,
    /// which the header may give only after the lines: those are left to the full reader.
    private mutating func discount(into discount: inout Adjustment?) -> Bool {
        var type: String?
        var value: ExactDecimal?
        var seen = KeySet()
        let read = members { reader, key in
            switch true {
            case key.matches("type"): seen.first(0) && reader.text(into: &type)
            case key.matches("value"): seen.first(1) && reader.decimal(into: &value)
            default: false
            }
        }
        guard read, let value, type == "percent" else { return false }
        discount = .percent(value)
        return true
    }

    // MARK: Values

    /// A non-empty string into `field`.
    private mutating func text(into field: inout String?) -> Bool {
        guard let text = string(allowEmpty: false) else { return false }
        field = String(decoding: text, as: UTF8.self)
        return true
    }

    /// A decimal, written as a number or a string, into `field`.
    private mutating func decimal(into field: inout ExactDecimal?) -> Bool {
        let text: Substring?
        if peek == UInt8(ascii: "\"") {
            text = string(allowEmpty: false).map { Substring(String(decoding: $0, as: UTF8.self)) }
        } else {
            text = number()
        }
        guard let text, let value = try? ExactDecimal(text) else { return false }
        field = value
        return true
    }

    /// A non-empty string made into a value by `make` (which gives `nil` for an invalid one).
    private mutating func value<T>(into field: inout T?, _ make: (String) -> T?) -> Bool {
        guard let text = string(allowEmpty: false) else { return false }
        guard let value = make(String(decoding: text, as: UTF8.self)) else { return false }
        field = value
        return true
    }

    /// A string's bytes: printable ASCII without escapes, or `nil`.
    private mutating func string(allowEmpty: Bool) -> UnsafeBufferPointer<UInt8>? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        let begin = index + 1
        var end = begin
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        guard end < bytes.count, allowEmpty || end > begin else { return nil }
        index = end + 1
        return UnsafeBufferPointer(rebasing: bytes[begin..<end])
    }

    /// A JSON number without an exponent.
    private mutating func number() -> Substring? {
        guard case .success(let number) = JSONScan.number(bytes, at: index), !number.hasExponent else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<number.end]), as: UTF8.self)
        index = number.end
        return Substring(text)
    }

    private mutating func boolean() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              UnsafeBufferPointer(rebasing: bytes[index..<index + count]).matches(word) else { return false }
        index += count
        return true
    }

    // MARK: Structure

    /// Reads an object, calling `member` with each key once the reader is at its value; `member`
    /// reads the value and says whether it could.
    private mutating func members(_ member: (inout Self, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        items(between: UInt8(ascii: "{"), and: UInt8(ascii: "}")) { reader in
            guard let key = reader.string(allowEmpty: false) else { return false }
            reader.skipWhitespace()
            guard reader.take(UInt8(ascii: ":")) else { return false }
            reader.skipWhitespace()
            return member(&reader, key)
        }
    }

    /// Reads an array, calling `element` at each element.
    private mutating func elements(_ element: (inout Self) -> Bool) -> Bool {
        items(between: UInt8(ascii: "["), and: UInt8(ascii: "]"), element)
    }

    /// Reads `open`, items separated by commas, and `close`; `item` reads one item.
    private mutating func items(between open: UInt8, and close: UInt8, _ item: (inout Self) -> Bool) -> Bool {
        skipWhitespace()
        guard take(open) else { return false }
        skipWhitespace()
        if take(close) { return true }
        while true {
            skipWhitespace()
            guard item(&self) else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            return take(close)
        }
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// Where the next value starts; every byte read so far is ASCII, so columns are bytes.
    private var location: DefinitionLocation {
        DefinitionLocation(file: path, line: line, column: index - lineStart + 1)
    }

    private mutating func skipWhitespace() {
        JSONScan.skipWhitespace(bytes, &index, line: &line, lineStart: &lineStart)
    }
}

/// Which of an object's known keys have been read, to decline a repeated one.
private struct KeySet {
    private var bits: UInt32 = 0

    /// Marks key `number` as read; `false` if it already was.
    mutating func first(_ number: Int) -> Bool {
        let bit: UInt32 = 1 << UInt32(number)
        defer { bits |= bit }
        return bits & bit == 0
    }
}

private extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes are `word`.
    func matches(_ word: StaticString) -> Bool {
        guard count == word.utf8CodeUnitCount else { return false }
        for offset in 0..<count where self[offset] != word.utf8Start[offset] { return false }
        return true
    }
}
