/// A value in a definitions document, from YAML or JSON, with its position in the file.
///
/// Both formats produce the same tree, so one reader and one schema serve both.
public struct DocumentNode: Sendable {
    /// What kind of scalar text this is, as the format resolved it.
    public enum ScalarKind: Sendable, Hashable {
        /// Text: a JSON string, a quoted or block YAML scalar, or a plain one that is not another kind.
        case string
        /// A number literal, kept as its exact text.
        case number
        /// `true` or `false`.
        case boolean
        /// `null` (or an empty YAML value).
        case null
    }

    /// How a scalar was written, so positions inside it (of an expression) can be mapped to the file.
    public enum ScalarStyle: Sendable, Hashable {
        /// Unquoted on one line.
        case plain
        /// In quotes: the text starts one column after the position.
        case quoted
        /// A YAML block (`|` or `>`): the text starts on the next line.
        case block
    }

    /// One key and its value in a mapping, in file order.
    public struct Entry: Sendable {
        /// The key text.
        public var key: String
        /// Where the key is.
        public var keyPosition: Position
        /// The value.
        public var value: DocumentNode
    }

    /// The content of a node.
    public enum Content: Sendable {
        /// A scalar with its exact text.
        case scalar(String, ScalarKind, ScalarStyle)
        /// A mapping with entries in file order.
        case mapping([Entry])
        /// A sequence.
        case sequence([DocumentNode])
    }

    /// A 1-based line and column.
    public struct Position: Sendable, Hashable {
        /// 1-based line.
        public var line: Int
        /// 1-based column, in characters.
        public var column: Int

        /// Creates a position.
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// The value.
    public var content: Content
    /// Where the value starts.
    public var position: Position

    /// Creates a node.
    public init(_ content: Content, at position: Position) {
        self.content = content
        self.position = position
    }

    /// A short name of the node's type for messages: "a string", "a mapping", ….
    public var typeDescription: String {
        switch content {
        case .scalar(_, .string, _): "a string"
        case .scalar(_, .number, _): "a number"
        case .scalar(_, .boolean, _): "a boolean"
        case .scalar(_, .null, _): "null"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}
