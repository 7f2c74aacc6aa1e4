import Catalog
import Definitions

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

    static func summary(_ snapshot: CatalogSnapshot, directory: String) -> String {
        var text = "\(directory): definitions are valid.\n"
        let width = snapshot.summary.map(\.label.count).max() ?? 0
        for (label, count) in snapshot.summary {
            text += "  " + label + String(repeating: " ", count: width - label.count) + "  \(count)\n"
        }
        return text
    }
}
