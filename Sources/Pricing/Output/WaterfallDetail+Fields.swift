import Expressions
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
            let ownerText = switch owner {
            case .contract(let id): "contract \(id)"
            case .account(let id): "account \(id)"
            }
            let termsText = switch terms {
            case .price(let money): "price \(money.amount) \(money.currency.code)"
            case .discountPercent(let percent): "\(percent) % off list"
            }
            return [("contractPrice", record), ("owner", ownerText), ("terms", termsText), ("listPrice", list.description)]
        case .block(let tier, let price, let units, let overage):
            var fields = [("tier", tier.description), ("blockPrice", price.description)]
            if let overage { fields += [("overageUnits", units.description), ("overageUnitPrice", overage.description)] }
            return fields
        case .term(let months, let pricingTerm, let multiplier, let multiplied, let tier, let adjustment):
            var fields = [("termMonths", months.description), ("pricingTermMonths", "\(pricingTerm)"),
                          ("multiplier", multiplier.description), ("multiplied", multiplied.description)]
            if let tier, let adjustment {
                fields += [("scheduleTier", tier.description), ("scheduleAdjustment", adjustment.description)]
            }
            return fields
        case .conversion(let conversion):
            return conversion.fields
        case .rule(let index, let condition, let adjustment, let priority):
            return [("rule", "#\(index + 1)"), ("when", condition), ("adjustment", adjustment.description),
                    ("priority", "\(priority)")]
        case .bundleRule(let index, let parent, let component, let adjustment):
            return [("rule", "#\(index + 1)"), ("parent", parent), ("component", component ?? "*"),
                    ("adjustment", adjustment.description)]
        case .schedule(let quantity, let slices):
            return [("quantity", quantity.description)] + slices.enumerated().map { index, slice in
                ("slice\(index + 1)", "\(slice.range) × \(slice.quantity) at \(slice.adjustment) → \(slice.price)")
            }
        case .manual(let adjustment):
            return [("adjustment", adjustment.description)]
        case .derived(let source, let price, let percent):
            return [("source", source), ("sourcePrice", price.description), ("percent", percent.description)]
        case .formula(let expression, let value):
            return [("expression", expression), ("value", value.description)]
        case .assignment(let field, let value):
            return [("field", field), ("value", value.description)]
        case .aggregate(let field, let value, let lines):
            return [("field", field), ("value", value.description), ("lines", "\(lines)")]
        case .propagation(let propagated, let value):
            let description = switch propagated {
            case .parentDiscount(let parent): "parent line \(parent) discount"
            case .rollUp(let field): "components rolled up into \(field)"
            }
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
