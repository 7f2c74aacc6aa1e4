/// A place in a definitions file: path relative to the definitions root, 1-based line and column.
public struct DefinitionLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file, relative to the directory that was loaded.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: DefinitionLocation, b: DefinitionLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
