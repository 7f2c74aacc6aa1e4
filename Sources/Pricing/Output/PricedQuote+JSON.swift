public import Definitions
import Money

extension PricedQuote {
    /// The priced quote as JSON: amounts as strings, keys in a fixed order, so the same input
    /// always gives byte-identical output. The schema is in `docs/pricing.md`.
    public func json() -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// ``json()`` as UTF-8 bytes, for storing without converting.
    public func jsonBytes() -> [UInt8] {
        let out = JSONWriter(capacity: estimatedJSONSize)
        write(to: out)
        out.newline()
        return out.bytes
    }

    /// About how many bytes the JSON takes, to reserve them at once.
    public var estimatedJSONSize: Int {
        512 + lines.reduce(0) { $0 + 256 + $1.waterfall.count * 200 }
    }

    /// Writes ``json()``, without its final newline, as one value into `out`: how a reply
    /// embeds a priced quote.
    public func write(to out: JSONWriter) {
        let steps = StepText(elements)
        out.object {
            out.field("quoteId", quoteId)
            out.field("currency", currency.code)
            out.field("pricingDate", pricingDate.description)
            out.field("priceBook", priceBookId)
            out.field("plan", plan.map { "\($0.id)@v\($0.version)" })
            out.key("procedures")
            out.array(procedures) { out.string("\($0.id)@v\($0.version)") }
            out.field("total", total, minimumFractionDigits: currency.minorUnits)
            out.field("hasErrors", hasErrors)
            if let error {
                out.key("error")
                write(error, out)
            }
            out.key("lines")
            out.array(lines) { line in write(line, steps, out) }
        }
    }

    private func write(_ error: PricingError, _ out: JSONWriter) {
        out.object {
            out.field("code", error.code.description)
            out.field("message", error.message)
            out.field("elementId", error.elementId)
            if let violation = error.violation {
                out.key("violation")
                out.object {
                    out.field("rule", violation.rule)
                    out.field("limit", violation.limit.description)
                    out.field("actual", violation.actual.description)
                    out.field("minimumAllowedPrice", violation.minimumAllowedPrice, minimumFractionDigits: currency.minorUnits)
                }
            }
        }
    }

    private func write(_ line: PricedLine, _ steps: StepText, _ out: JSONWriter) {
        out.object {
            out.field("lineId", line.lineId)
            out.field("productId", line.productId)
            out.field("quantity", line.quantity)
            out.field("parentLineId", line.parentLineId)
            out.field("status", line.error == nil ? "priced" : "failed")
            out.field("listPrice", line.listPrice, minimumFractionDigits: currency.minorUnits)
            out.field("netUnitPrice", line.netUnitPrice, minimumFractionDigits: currency.minorUnits)
            out.field("unitPrice", line.unitPrice)
            out.field("total", line.total, minimumFractionDigits: currency.minorUnits)
            if let error = line.error {
                out.key("error")
                write(error, out)
            }
            out.key("waterfall")
            out.value { bytes in
                bytes.append(UInt8(ascii: "["))
                for (index, entry) in line.waterfall.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    steps.write(entry, to: &bytes)
                }
                bytes.append(UInt8(ascii: "]"))
            }
        }
    }
}

/// The waterfall steps' JSON, put together from pieces: what an element writes the same for
/// every line (its id, kind and label) is written once per quote.
///
/// `{"elementId":…,"kind":…,"label":…,"status":"applied"|"skipped","reason":…,"before":…,"delta":…,"after":…,"detail":{…}}`
private struct StepText {
    /// Per element, everything up to the status's value: `{"elementId":"…","kind":"…","label":"…","status":"`.
    private let prefixes: [[UInt8]]

    init(_ elements: [PricingElement]) {
        prefixes = elements.map { element in
            var prefix: [UInt8] = []
            Self.append(#"{"elementId":"#, to: &prefix)
            JSONWriter.appendQuoted(element.id, to: &prefix)
            Self.append(#","kind":"#, to: &prefix)
            JSONWriter.appendQuoted(element.kind.name, to: &prefix)
            Self.append(#","label":"#, to: &prefix)
            JSONWriter.appendQuoted(element.label, to: &prefix)
            Self.append(#","status":""#, to: &prefix)
            return prefix
        }
    }

    func write(_ entry: WaterfallEntry, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: prefixes[entry.element])
        switch entry.status {
        case .applied:
            Self.append(#"applied""#, to: &bytes)
        case .skipped(let reason):
            Self.append(#"skipped","reason":"#, to: &bytes)
            JSONWriter.appendQuoted(reason.rawValue, to: &bytes)
        }
        Self.append(#","before":"#, to: &bytes)
        Self.append(entry.before, to: &bytes)
        Self.append(#","delta":"#, to: &bytes)
        Self.append(entry.delta, to: &bytes)
        Self.append(#","after":"#, to: &bytes)
        Self.append(entry.after, to: &bytes)
        Self.append(#","detail":{"#, to: &bytes)
        if case .none = entry.detail {} else {
            for (index, (key, value)) in entry.detail.fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONWriter.appendQuoted(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                JSONWriter.appendQuoted(value, to: &bytes)
            }
        }
        Self.append("}}", to: &bytes)
    }

    /// A decimal as a JSON string, or null.
    private static func append(_ value: ExactDecimal?, to bytes: inout [UInt8]) {
        guard let value else { return append("null", to: &bytes) }
        bytes.append(UInt8(ascii: "\""))
        value.write(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    private static func append(_ text: StaticString, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
