import Definitions
import Money

extension PricedQuote {
    /// The priced quote as JSON: amounts as strings, keys in a fixed order, so the same input
    /// always gives byte-identical output. The schema is in `docs/pricing.md`.
    public func json() -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// ``json()`` as UTF-8 bytes, for storing without converting.
    public func jsonBytes() -> [UInt8] {
        let out = JSONWriter()
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
            out.array(lines) { line in write(line, out) }
        }
        return out.bytes + [UInt8(ascii: "\n")]
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

    private func write(_ line: PricedLine, _ out: JSONWriter) {
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
            out.array(line.waterfall) { entry in
                let element = elements[entry.element]
                out.object {
                    out.field("elementId", element.id)
                    out.field("kind", element.kind.name)
                    out.field("label", element.label)
                    switch entry.status {
                    case .applied: out.field("status", "applied")
                    case .skipped(let reason):
                        out.field("status", "skipped")
                        out.field("reason", reason.rawValue)
                    }
                    out.field("before", entry.before)
                    out.field("delta", entry.delta)
                    out.field("after", entry.after)
                    out.key("detail")
                    out.object {
                        for (key, value) in entry.detail.fields { out.field(key, value) }
                    }
                }
            }
        }
    }
}
