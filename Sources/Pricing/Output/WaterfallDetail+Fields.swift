import Definitions
import Expressions
import Money

extension WaterfallDetail {
    /// The detail as ordered key/value text, for tables.
    public var fields: [(String, String)] {
        var pairs = DetailFieldPairs()
        write(to: &pairs)
        return pairs.fields
    }

    /// Writes the detail's fields in order: the one description behind ``fields`` and the
    /// `detail` object of a waterfall step in JSON.
    func write<Out: DetailFieldOutput>(to out: inout Out) {
        switch self {
        case .none:
            return
        case .listPrice(let book, let version, let price, let currency, let term, let conversion):
            out.field("priceBook") { $0.append(book); $0.append("@v"); $0.append(version) }
            out.field("entryPrice") { $0.append(price); $0.append(" "); $0.append(currency.code) }
            if let term { out.field("pricingTermMonths", term) }
            if let conversion { conversion.write(to: &out) }
        case .contractPrice(let record, let owner, let terms, let list):
            out.field("contractPrice", record)
            out.field("owner") { out in
                switch owner {
                case .contract(let id): out.append("contract "); out.append(id)
                case .account(let id): out.append("account "); out.append(id)
                }
            }
            out.field("terms") { out in
                switch terms {
                case .price(let money): out.append("price "); out.append(money.amount); out.append(" "); out.append(money.currency.code)
                case .discountPercent(let percent): out.append(percent); out.append(" % off list")
                }
            }
            out.field("listPrice", list)
        case .block(let tier, let price, let units, let overage):
            out.field("tier", tier)
            out.field("blockPrice", price)
            if let overage {
                out.field("overageUnits", units)
                out.field("overageUnitPrice", overage)
            }
        case .term(let months, let pricingTerm, let multiplier, let multiplied, let tier, let adjustment):
            out.field("termMonths", months)
            out.field("pricingTermMonths", pricingTerm)
            out.field("multiplier", multiplier)
            out.field("multiplied", multiplied)
            if let tier, let adjustment {
                out.field("scheduleTier", tier)
                out.field("scheduleAdjustment", adjustment)
            }
        case .conversion(let conversion):
            conversion.write(to: &out)
        case .rule(let index, let condition, let adjustment, let priority):
            out.field("rule") { $0.append("#"); $0.append(index + 1) }
            out.field("when", condition)
            out.field("adjustment", adjustment)
            out.field("priority", priority)
        case .bundleRule(let index, let parent, let component, let adjustment):
            out.field("rule") { $0.append("#"); $0.append(index + 1) }
            out.field("parent", parent)
            out.field("component", component ?? "*")
            out.field("adjustment", adjustment)
        case .schedule(let quantity, let slices):
            out.field("quantity", quantity)
            for (index, slice) in slices.enumerated() {
                out.field("slice\(index + 1)") { out in
                    slice.range.write(to: &out)
                    out.append(" × ")
                    out.append(slice.quantity)
                    out.append(" at ")
                    slice.adjustment.write(to: &out)
                    out.append(" → ")
                    out.append(slice.price)
                }
            }
        case .manual(let adjustment):
            out.field("adjustment", adjustment)
        case .derived(let source, let price, let percent):
            out.field("source", source)
            out.field("sourcePrice", price)
            out.field("percent", percent)
        case .formula(let expression, let value):
            out.field("expression", expression)
            out.field("value", value)
        case .assignment(let field, let value):
            out.field("field", field)
            out.field("value", value.description)
        case .aggregate(let field, let value, let lines):
            out.field("field", field)
            out.field("value", value)
            out.field("lines", lines)
        case .propagation(let propagated, let value):
            out.field("propagation") { out in
                switch propagated {
                case .parentDiscount(let parent): out.append("parent line "); out.append(parent); out.append(" discount")
                case .rollUp(let field): out.append("components rolled up into "); out.append(field)
                }
            }
            out.field("value", value)
        case .guardrail(let checks, let approval):
            for check in checks {
                out.field(check.rule) { out in
                    out.append(check.passed ? "passed" : "violated")
                    out.append(": limit ")
                    out.append(check.limit)
                    out.append(", actual ")
                    out.append(check.actual)
                }
            }
            if let approval { out.field("approvalOverride", approval) }
        case .rounding(let scale, let mode, let unrounded):
            out.field("scale", scale)
            out.field("mode", mode.rawValue)
            out.field("unrounded", unrounded)
        }
    }
}

extension WaterfallDetail.Conversion {
    func write<Out: DetailFieldOutput>(to out: inout Out) {
        out.field("convertedFrom", from.code)
        out.field("rate", rate)
        out.field("rateEffectiveFrom", rateDate.description)
        out.field("sourcePrice", sourcePrice)
        out.field("unconverted", unrounded)
    }
}

/// Where a waterfall detail's fields go: key/value strings for tables, or the members of a JSON
/// object in a reply.
protocol DetailFieldOutput: TextOutput {
    /// Writes one field: its key, then the text that `value` appends.
    mutating func field(_ key: String, _ value: (inout Self) -> Void)
}

extension DetailFieldOutput {
    mutating func field(_ key: String, _ text: String) { field(key) { $0.append(text) } }
    mutating func field(_ key: String, _ value: ExactDecimal) { field(key) { $0.append(value) } }
    mutating func field(_ key: String, _ value: Int) { field(key) { $0.append(value) } }
    mutating func field(_ key: String, _ value: some TextWritable) { field(key) { value.write(to: &$0) } }
}

/// A detail's fields as key/value strings: ``WaterfallDetail/fields``.
private struct DetailFieldPairs: DetailFieldOutput {
    var fields: [(String, String)] = []
    private var text = PlainText()

    mutating func field(_ key: String, _ value: (inout Self) -> Void) {
        text = PlainText()
        value(&self)
        fields.append((key, text.string))
    }

    mutating func append(_ text: String) { self.text.append(text) }
    mutating func append(_ value: ExactDecimal) { text.append(value) }
    mutating func append(_ value: Int) { text.append(value) }
}
