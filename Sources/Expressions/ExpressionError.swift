/// An error in an expression: at parse or compile time, or while evaluating.
///
/// Every error knows where it is. ``rendered(file:lineOffset:columnOffset:)`` prints it the way a
/// compiler does, with the source line and a caret under the spot:
///
/// ```
/// 1:1: error: unknown field 'quantiti'; did you mean 'quantity'?
/// quantiti >= 10
/// ^
/// ```
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case syntax = "ExpressionSyntax"
            case unknownField = "UnknownField"
            case unknownAttribute = "UnknownAttribute"
            case unknownFunction = "UnknownFunction"
            case typeMismatch = "TypeMismatch"
            case wrongArity = "WrongArity"
            case invalidArgument = "InvalidArgument"
            case nestingTooDeep = "NestingTooDeep"
            case arithmetic = "Arithmetic"
            case attributeNotSet = "AttributeNotSet"
            case contextMismatch = "ContextMismatch"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Text that does not parse.
        public static let syntax = Code(.syntax)
        /// A name that the schema does not declare.
        public static let unknownField = Code(.unknownField)
        /// An `attr`/`has` name that the schema does not declare.
        public static let unknownAttribute = Code(.unknownAttribute)
        /// A call to a function that does not exist.
        public static let unknownFunction = Code(.unknownFunction)
        /// An operand or argument of the wrong type.
        public static let typeMismatch = Code(.typeMismatch)
        /// A call with the wrong number of arguments.
        public static let wrongArity = Code(.wrongArity)
        /// An argument with an impossible value (a rounding mode, a date, a scale).
        public static let invalidArgument = Code(.invalidArgument)
        /// Nesting beyond the limit.
        public static let nestingTooDeep = Code(.nestingTooDeep)
        /// Overflow or division by zero.
        public static let arithmetic = Code(.arithmetic)
        /// `attr(name)` on a line where the attribute is not set.
        public static let attributeNotSet = Code(.attributeNotSet)
        /// A context whose values do not match the schema.
        public static let contextMismatch = Code(.contextMismatch)

        public var description: String { base.rawValue }
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// A human-readable message.
    public var message: String
    /// 1-based line of the offending spot in the expression.
    public var line: Int
    /// 1-based column (in characters) of the offending spot.
    public var column: Int
    /// The expression text, for rendering the caret line.
    public var source: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, line: Int = 1, column: Int = 1, source: String = "") {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.source = source
    }

    public var description: String { rendered() }

    /// The error as a compiler would print it: position, message, source line, caret.
    ///
    /// - Parameters:
    ///   - file: a file name to put before the position.
    ///   - lineOffset: lines to add when the expression starts inside a larger file.
    ///   - columnOffset: columns to add on the expression's first line.
    public func rendered(file: String? = nil, lineOffset: Int = 0, columnOffset: Int = 0) -> String {
        let shownLine = line + lineOffset
        let shownColumn = column + (line == 1 ? columnOffset : 0)
        var text = (file.map { "\($0):" } ?? "") + "\(shownLine):\(shownColumn): error: \(message)"
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        if line >= 1, line <= lines.count {
            let sourceLine = lines[line - 1]
            text += "\n" + sourceLine + "\n"
            text += String(repeating: " ", count: max(0, min(column - 1, sourceLine.count))) + "^"
        }
        return text
    }

    static func context(_ message: String) -> ExpressionError { ExpressionError(.contextMismatch, message) }
}
