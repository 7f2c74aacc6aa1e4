import Catalog
import Definitions
import Expressions
import Money

extension PricingCompiler {
    /// An expression checked against the procedure's own scope (so undeclared fields fail with
    /// `UnknownContextField`), then compiled against the shared schema for evaluation.
    func expression(_ reader: ObjectReader, _ key: String, scope: Scope, expecting: ExpressionType,
                    required: Bool = true) -> ContextExpression?
    {
        guard reader.expression(key, schema: scope.schema, expecting: expecting, required: required) != nil,
              let text = reader.string(key) else { return nil }
        do {
            return ContextExpression(try Expression.compile(text, schema: schema.line, expecting: expecting), schema: schema)
        } catch {
            reader.error("InvalidExpression", key, error.message)
            return nil
        }
    }

    /// An adjustment: `{type: percent, value: 10}`, or `{type: amount|override, value: {USD: 3000}}`.
    func adjustment(_ parent: ObjectReader, _ key: String) -> Adjustment? {
        guard let reader = parent.object(key) else { return nil }
        defer { reader.finish() }
        guard let type = reader.string("type") else { return nil }
        switch type {
        case "percent":
            return percentValue(reader, "value", maximum: .hundred).map { .percent($0) }
        case "amount":
            return amounts(reader, "value").map { .amount($0) }
        case "override":
            return amounts(reader, "value").map { .override($0) }
        default:
            reader.error("InvalidValue", "type", "\"\(type)\" is not one of \"percent\", \"amount\", \"override\"")
            return nil
        }
    }

    /// A percentage in [0, maximum].
    func percentValue(_ reader: ObjectReader, _ key: String, required: Bool = true, maximum: ExactDecimal?) -> ExactDecimal? {
        guard let value = reader.decimal(key, required: required) else { return nil }
        if value.isNegative || maximum.map({ value > $0 }) == true {
            reader.error("InvalidValue", key, "a percentage must be between 0 and \(maximum ?? .hundred), found \(value)")
            return nil
        }
        return value
    }

    /// Amounts per currency: `{USD: 100, EUR: 92.50}`; each within its currency's decimals.
    func amounts(_ reader: ObjectReader, _ key: String) -> [Currency: ExactDecimal]? {
        let entries = reader.entries(key)
        guard reader.has(key) else { return nil }
        var values: [Currency: ExactDecimal] = [:]
        var valid = true
        for entry in entries {
            let currency: Currency
            do {
                currency = try Currency(entry.key)
            } catch {
                reader.context.diagnostics.error("UnknownCurrency", at: reader.context.location(entry.keyPosition),
                                                 path: entry.path, error.message)
                valid = false
                continue
            }
            guard case .scalar(let text, let kind, _) = entry.node.content, kind == .number || kind == .string,
                  let amount = try? ExactDecimal(text) else {
                reader.context.error("InvalidValue", at: entry.node, path: entry.path, "expected an amount in \(currency.code)")
                valid = false
                continue
            }
            if amount.fractionalDigitCount > currency.minorUnits {
                reader.context.error("PrecisionExceedsCurrency", at: entry.node, path: entry.path,
                                     "\(amount) has more decimals than \(currency.code) allows (\(currency.minorUnits))")
                valid = false
            }
            values[currency] = amount
        }
        if entries.isEmpty {
            reader.error("InvalidValue", key, "give at least one amount, for example {USD: 10}")
            return nil
        }
        return valid ? values : nil
    }

    /// A product id that must exist in the catalog.
    func product(_ reader: ObjectReader, _ key: String) -> String? {
        guard let id = reader.string(key) else { return nil }
        guard catalog.products[id] != nil else {
            let hint = NameSuggestion.closest(to: id, among: catalog.products.keys.sorted()).map { "; did you mean '\($0)'?" } ?? ""
            reader.error("DanglingReference", key, "unknown product '\(id)'\(hint)")
            return nil
        }
        return id
    }
}
