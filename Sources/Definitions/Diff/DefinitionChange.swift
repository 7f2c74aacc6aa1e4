/// One difference between two sets of definitions, named by what changed rather than by file
/// line: a document, then a path of keys inside it where list items are named by their natural
/// key (`entries[SERVER, USD] › unitPrice`).
public struct DefinitionChange: Sendable, Hashable {
    /// Added, removed or changed.
    public enum Kind: String, Sendable, Hashable {
        case added, removed, changed
    }

    /// What happened.
    public var kind: Kind
    /// The document, as `PriceBook 'std' v1`.
    public var document: String
    /// Where inside the document; empty when the whole document was added or removed.
    public var path: [String]
    /// The value before, as text (`nil` when added).
    public var old: String?
    /// The value after, as text (`nil` when removed).
    public var new: String?

    /// Creates a change.
    public init(kind: Kind, document: String, path: [String], old: String?, new: String?) {
        self.kind = kind
        self.document = document
        self.path = path
        self.old = old
        self.new = new
    }

    /// The path joined for display: `entries[SERVER, USD] › unitPrice`.
    public var pathText: String { path.joined(separator: " › ") }
}
