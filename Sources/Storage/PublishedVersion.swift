public import Foundation

/// One published, immutable version of the whole definitions set.
public struct PublishedVersion: Sendable, Hashable {
    /// 1, 2, 3, … in publishing order.
    public var number: Int
    /// Who published it.
    public var author: String
    /// Why.
    public var comment: String
    /// When (from the caller's clock).
    public var publishedAt: Date
    /// SHA-256 of the files (paths and bytes, in path order), in hex.
    public var checksum: String
    /// How many files it holds.
    public var fileCount: Int
    /// The earlier version it restores, for a rollback.
    public var restores: Int?

    /// Creates a version record.
    public init(number: Int, author: String, comment: String, publishedAt: Date, checksum: String, fileCount: Int,
                restores: Int?)
    {
        self.number = number
        self.author = author
        self.comment = comment
        self.publishedAt = publishedAt
        self.checksum = checksum
        self.fileCount = fileCount
        self.restores = restores
    }
}

/// What a publish asks the store to record.
public struct Publication: Sendable {
    /// The files of the new version.
    public var files: [DefinitionFile]
    /// Who publishes.
    public var author: String
    /// Why.
    public var comment: String
    /// When.
    public var at: Date
    /// The version the files were prepared from (`nil`: from nothing). The store refuses the
    /// publish with ``StoreError/Code/conflict`` when another version was published since.
    public var basedOn: Int?
    /// The earlier version it restores, for a rollback.
    public var restores: Int?

    /// Creates a publication.
    public init(files: [DefinitionFile], author: String, comment: String, at: Date, basedOn: Int?, restores: Int? = nil) {
        self.files = files
        self.author = author
        self.comment = comment
        self.at = at
        self.basedOn = basedOn
        self.restores = restores
    }
}
