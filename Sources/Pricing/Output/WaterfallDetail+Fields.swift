import Money

extension WaterfallDetail {
    /// The detail as ordered key/value text, for JSON and tables.
    public var fields: [(String, String)] {
        switch self {
        case .none:
            return []
        case .listPrice(let book, let version, let price, let currency, let term, let conversion):
            var fields = [("priceBook", "\(book)@v\(version)"), ("entryPrice", "\(price) \(currency.code)")]
            if let term { fields.append(("pricingTermMonths", "\(term)")) }
            if let conversion { fields += conversion.fields }
            return fields
        case .contractPrice(let record, let owner, let terms, let list):
            return [("contractPrice", record), ("owner", owner), ("terms", terms), ("listPrice", list.description)]
        case .block(let tier, let price, let units, let overage):
            var fields = [("tier", tier), ("blockPrice", price.description)]
            if let overage { fields += [("overageUnits", units.description), ("overageUnitPrice", overage.description)] }
            return fields
        case .term(let months, let pricingTerm, let multiplier, let multiplied, let tier, let adjustment):
            var fields = [("termMonths", months.description), ("pricingTermMonths", "\(pricingTerm)"),
                          ("multiplier", multiplier.description), ("multiplied", multiplied.description)]
            if let tier, let adjustment { fields += [("scheduleTier", tier), ("scheduleAdjustment", adjustment)] }
            return fields
        case .conversion(let conversion):
            return conversion.fields
        case .rule(let index, let condition, let adjustment, let priority):
            return [("rule", "#\(index + 1)"), ("when", condition), ("adjustment", adjustment), ("priority", "\(priority)")]
        case .bundleRule(let index, let parent, let component, let adjustment):
            return [("rule", "#\(index + 1)"), ("parent", parent), ("component", component ?? "*"), ("adjustment", adjustment)]
        case .schedule(let quantity, let slices):
            return [("quantity", quantity.description)] + slices.enumerated().map { index, slice in
                ("slice\(index + 1)", "\(slice.tier) × \(slice.quantity) at \(slice.adjustment) → \(slice.price)")
            }
        case .manual(let adjustment):
            return [("adjustment", adjustment)]
        case .derived(let source, let price, let percent):
            return [("source", source), ("sourcePrice", price.description), ("percent", percent.description)]
        case .formula(let expression, let value):
            return [("expression", expression), ("value", value.description)]
        case .assignment(let field, let value):
            return [("field", field), ("value", value)]
        case .aggregate(let field, let value, let lines):
            return [("field", field), ("value", value.description), ("lines", "\(lines)")]
        case .propagation(let description, let value):
            return [("propagation", description), ("value", value.description)]
        case .guardrail(let checks, let approval):
            var fields = checks.map { check in
                (check.rule, "\(check.passed ? "passed" : "violated"): limit \(check.limit), actual \(check.actual)")
            }
            if let approval { fields.append(("approvalOverride", approval)) }
            return fields
        case .rounding(let scale, let mode, let unrounded):
            return [("scale", "\(scale)"), ("mode", mode.rawValue), ("unrounded", unrounded.description)]
        }
    }
}

extension WaterfallDetail.Conversion {
    var fields: [(String, String)] {
        [("convertedFrom", from.code), ("rate", rate.description), ("rateEffectiveFrom", rateDate.description),
         ("sourcePrice", sourcePrice.description), ("unconverted", unrounded.description)]
    }
}
