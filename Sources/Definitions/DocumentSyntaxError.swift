/// A file that is not well-formed YAML or JSON, with the position of the first problem.
public struct DocumentSyntaxError: Error, Sendable, Equatable {
    /// What is wrong.
    public var message: String
    /// Where, 1-based.
    public var position: DocumentNode.Position

    /// Creates an error.
    public init(_ message: String, at position: DocumentNode.Position) {
        self.message = message
        self.position = position
    }
}
