/// A loaded definitions file: its path relative to the root, and its text for error snippets.
public struct SourceFile: Sendable {
    /// Path relative to the loaded directory.
    public let path: String
    /// The file's text.
    public let text: String

    /// Where each line starts, so that rendering many diagnostics does not rescan the text.
    private let lineStarts: [String.Index]

    /// Creates a source file.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
        var starts = [text.startIndex]
        var index = text.utf8.startIndex
        while let newline = text.utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = text.utf8.index(after: newline)
            starts.append(index)
        }
        lineStarts = starts
    }

    /// The text of a 1-based line, without its line break, or `nil` past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
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
