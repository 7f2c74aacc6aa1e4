import Money

extension PricedQuote {
    /// A human-readable waterfall per line, like the reference text: step, description,
    /// calculation, result. `lineId` limits it to one line.
    public func table(lineId: String? = nil) -> String {
        var out = "Quote \(quoteId) · \(currency.code) · \(pricingDate)"
        if let priceBookId { out += " · price book \(priceBookId)" }
        out += "\n"
        let names = procedures.map { "\($0.id)@v\($0.version)" }.joined(separator: ", ")
        if let plan { out += "Plan \(plan.id)@v\(plan.version) → \(names)\n" } else if !names.isEmpty { out += "Procedure \(names)\n" }
        if let error {
            return out + "error \(error.code): \(error.message)\n"
        }
        for line in lines where lineId == nil || line.lineId == lineId {
            out += "\nLine \(line.lineId) · \(line.productId) × \(line.quantity)"
            if let parent = line.parentLineId { out += " · in bundle line \(parent)" }
            out += "\n"
            var rows: [[String]] = [["#", "Step", "Calculation", "Result"]]
            for (number, entry) in line.waterfall.enumerated() {
                let element = elements[entry.element]
                let calculation: String
                switch entry.status {
                case .skipped(let reason): calculation = "skipped: \(reason.rawValue)"
                case .applied:
                    let detail = entry.detail.fields.map { "\($0.0) \($0.1)" }.joined(separator: "; ")
                    if let before = entry.before, !entry.delta.isZero {
                        let sign = entry.delta.isNegative ? "−" : "+"
                        calculation = "\(before) \(sign) \(entry.delta.magnitude)" + (detail.isEmpty ? "" : "  (\(detail))")
                    } else {
                        calculation = detail
                    }
                }
                rows.append(["\(number + 1)", "\(element.label) [\(element.kind.name)]", calculation,
                             entry.after.map { display($0) } ?? "—"])
            }
            out += render(rows)
            if let error = line.error {
                out += "  error \(error.code): \(error.message)\n"
            } else if let total = line.total, let net = line.netUnitPrice {
                out += "  net unit price \(display(net)) · line total \(display(total)) \(currency.code)\n"
            }
        }
        if lineId == nil {
            let failed = lines.filter { $0.error != nil }.count
            out += "\nTotal \(display(total)) \(currency.code) · \(lines.count - failed) lines priced"
            out += failed > 0 ? " · \(failed) failed\n" : "\n"
        }
        return out
    }

    private func display(_ value: ExactDecimal) -> String {
        value.formatted(minimumFractionDigits: currency.minorUnits)
    }

    private func render(_ rows: [[String]]) -> String {
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.enumerated().map { index, row in
            let cells = row.enumerated().map { column, text in
                let pad = String(repeating: " ", count: widths[column] - text.count)
                return column == 3 ? pad + text : text + pad
            }
            let line = "  " + cells.joined(separator: "  ")
            return index == 0 ? line + "\n  " + String(repeating: "─", count: line.count - 2) : line
        }.joined(separator: "\n") + "\n"
    }
}
