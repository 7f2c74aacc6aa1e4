import Catalog
import Definitions
import Pricing
import Rating

/// Prints diagnostics compiler-style, each followed by its source line and a caret.
enum DiagnosticPrinter {
    static func render(_ failure: CatalogCompiler.Failure) -> String {
        var lines: [String] = []
        for diagnostic in failure.diagnostics {
            lines.append(failure.files[diagnostic.location.file]?.render(diagnostic) ?? diagnostic.description)
        }
        let errors = failure.diagnostics.filter { $0.severity == .error }.count
        lines.append("\(errors) error\(errors == 1 ? "" : "s") found.")
        return lines.joined(separator: "\n")
    }

    static func summary(_ definitions: PricingDefinitions, rating: RatingDefinitions, directory: String) -> String {
        var text = "\(directory): definitions are valid.\n"
        let rows = definitions.catalog.summary + [
            ("pricing procedures", definitions.procedures.values.reduce(0) { $0 + $1.count }),
            ("procedure plans", definitions.plans.values.reduce(0) { $0 + $1.count }),
            ("usage resources", rating.resources.count),
            ("assets", rating.assets.count),
            ("rate cards", rating.rateCards.values.reduce(0) { $0 + $1.count }),
            ("rate card entries", rating.rateCards.values.joined().reduce(0) { $0 + $1.entries.count }),
            ("negotiated rates", rating.negotiatedRates.values.reduce(0) { $0 + $1.count }),
        ]
        let width = rows.map(\.label.count).max() ?? 0
        for (label, count) in rows {
            text += "  " + label + String(repeating: " ", count: width - label.count) + "  \(count)\n"
        }
        return text
    }
}
