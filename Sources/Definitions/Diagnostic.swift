/// One problem found while loading definitions, printed compiler-style:
///
/// ```
/// catalog/products.yaml:14:7: error: products[3].attributes.Region: unknown attribute type "colour"
/// ```
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The definitions cannot be used.
        case error
        /// Worth a look; the definitions still load.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// A stable code such as `UnknownField` or `OverlappingPriceBookEntry`.
    public var code: String
    /// Where the problem is.
    public var location: DefinitionLocation
    /// The path of the offending value inside the document, for example `products[3].attributes.Region`.
    public var path: String
    /// What is wrong, naming the offending value.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity = .error, code: String, at location: DefinitionLocation, path: String,
                _ message: String)
    {
        self.severity = severity
        self.code = code
        self.location = location
        self.path = path
        self.message = message
    }

    /// `file:line:column: error: path: message`.
    public var description: String {
        "\(location): \(severity.rawValue): " + (path.isEmpty ? "" : "\(path): ") + message
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.path, a.message) < (b.location, b.path, b.message)
    }
}

/// Collects diagnostics while documents are read; reading never stops at the first problem.
public final class DiagnosticCollector {
    /// Everything reported so far.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates an empty collector.
    public init() {}

    /// Records a problem.
    public func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Records an error.
    public func error(_ code: String, at location: DefinitionLocation, path: String, _ message: String) {
        diagnostics.append(Diagnostic(.error, code: code, at: location, path: path, message))
    }

    /// Whether any error (not warning) was recorded.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The diagnostics in file, line and column order, without exact repeats.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.sorted().filter { seen.insert($0).inserted }
    }
}
