/// One definitions document: the common header, and its body for the kind's compiler to read.
///
/// Every document has a `kind`, an `id`, a `version` (a whole number ≥ 1) and an effective window
/// (`effectiveFrom`, optional `effectiveTo`, exclusive). Two versions of one `(kind, id)` may not
/// have overlapping windows.
public struct DefinitionDocument: Sendable {
    /// The document kind, for example `Catalog` or `PriceBook`.
    public var kind: String
    /// The document id, unique per kind and version.
    public var id: String
    /// The version, ≥ 1.
    public var version: Int
    /// When the document is in force.
    public var window: EffectiveWindow
    /// The whole document as read from the file, header included.
    public var root: DocumentNode
    /// The file, relative to the definitions root.
    public var file: String
    /// Index of the document in a multi-document YAML file (0 for the first or only one).
    public var indexInFile: Int

    /// Creates a document.
    public init(kind: String, id: String, version: Int, window: EffectiveWindow, root: DocumentNode, file: String,
                indexInFile: Int = 0)
    {
        self.kind = kind
        self.id = id
        self.version = version
        self.window = window
        self.root = root
        self.file = file
        self.indexInFile = indexInFile
    }

    /// The header keys every document has; a kind's reader marks them as known.
    public static let headerKeys = ["kind", "id", "version", "effectiveFrom", "effectiveTo", "description"]

    /// The location of the document's start.
    public var location: DefinitionLocation {
        DefinitionLocation(file: file, line: root.position.line, column: root.position.column)
    }

    /// `PriceBook standard v2` for messages.
    public var title: String { "\(kind) '\(id)' v\(version)" }
}
