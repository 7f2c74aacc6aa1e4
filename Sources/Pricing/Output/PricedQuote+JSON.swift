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
        let steps = StepText(elements: elements)
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
            out.value { output in
                output.append(UInt8(ascii: "["))
                line.waterfall.withUnsafeBufferPointer { entries in
                    for index in entries.indices {
                        if index > 0 { output.append(UInt8(ascii: ",")) }
                        steps.write(entries[index], to: output)
                    }
                }
                output.append(UInt8(ascii: "]"))
            }
        }
    }
}

/// The waterfall steps' JSON, put together from pieces: what an element writes the same for
/// every line (its id, kind and label) is written once, when the element is compiled.
///
/// `{"elementId":…,"kind":…,"label":…,"status":"applied"|"skipped","reason":…,"before":…,"delta":…,"after":…,"detail":{…}}`
private struct StepText {
    /// The procedure's elements, whose ``PricingElement/jsonStepPrefix`` starts each step.
    let elements: [PricingElement]

    func write(_ entry: WaterfallEntry, to output: ByteOutput) {
        var output = output
        output.append(elements[entry.element].jsonStepPrefix)
        switch entry.status {
        case .applied:
            output.append(#"applied""# as StaticString)
        case .skipped(let reason):
            output.append(#"skipped","reason":"# as StaticString)
            JSONString.appendQuoted(reason.rawValue, to: &output)
        }
        output.append(#","before":"# as StaticString)
        Self.append(entry.before, to: output)
        output.append(#","delta":"# as StaticString)
        Self.append(entry.delta, to: output)
        output.append(#","after":"# as StaticString)
        Self.append(entry.after, to: output)
        output.append(#","detail":{"# as StaticString)
        var members = DetailMembers(content: JSONStringContent(output))
        entry.detail.write(to: &members)
        output.append("}}" as StaticString)
    }

    /// A decimal as a JSON string, or null.
    private static func append(_ value: ExactDecimal?, to output: ByteOutput) {
        guard let value else { return output.append("null" as StaticString) }
        output.append(UInt8(ascii: "\""))
        output.append(decimal: value)
        output.append(UInt8(ascii: "\""))
    }
}

/// A waterfall detail's fields as the members of a JSON object, every value a string.
private struct DetailMembers: DetailFieldOutput {
    var content: JSONStringContent
    private var first = true

    init(content: JSONStringContent) {
        self.content = content
    }

    mutating func field(_ key: String, _ value: (inout Self) -> Void) {
        if !first { content.output.append(UInt8(ascii: ",")) }
        first = false
        JSONString.appendQuoted(key, to: &content.output)
        content.output.append(#":""# as StaticString)
        value(&self)
        content.output.append(UInt8(ascii: "\""))
    }

    mutating func append(_ text: String) { content.append(text) }
    mutating func append(_ value: ExactDecimal) { content.append(value) }
    mutating func append(_ value: Int) { content.append(value) }
}
