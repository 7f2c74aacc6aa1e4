/// A loaded definitions file: its path relative to the root, and its text for error snippets.
public struct SourceFile: Sendable {
    /// Path relative to the loaded directory.
    public let path: String
    /// The file's text.
    public let text: String

    /// Creates a source file.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The text of a 1-based line, without its line break, or `nil` past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? text.endIndex
        return text[start..<end]
    }

    /// The diagnostic followed by the offending line and a caret under its column.
    public func render(_ diagnostic: Diagnostic) -> String {
        guard let line = line(diagnostic.location.line) else { return diagnostic.description }
        let caretColumn = max(0, min(diagnostic.location.column - 1, line.count))
        let indent = line.prefix(caretColumn).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(diagnostic)\n\(line)\n\(indent)^"
    }
}
