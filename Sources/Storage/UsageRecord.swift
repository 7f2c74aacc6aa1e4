/// One usage record as stored: kept as given, so that re-rating reads what was ingested.
public struct UsageRecord: Sendable, Hashable {
    /// The record id, unique across all usage.
    public var id: String
    /// The asset that used the resource.
    public var asset: String
    /// The usage resource.
    public var resource: String
    /// The quantity, as exact decimal text.
    public var quantity: String
    /// When, as ISO 8601 text with a zone.
    public var timestamp: String
    /// The same instant in Unix seconds (UTC), the fraction of a second dropped: what billing
    /// periods are found by.
    public var occurredAt: Int64
    /// The record's usage attributes as a JSON object with its keys in order, as
    /// `revenue usage ingest` writes them (empty when none). Stored as given.
    public var attributes: String

    /// Creates a record.
    public init(id: String, asset: String, resource: String, quantity: String, timestamp: String, occurredAt: Int64,
                attributes: String = "")
    {
        self.id = id
        self.asset = asset
        self.resource = resource
        self.quantity = quantity
        self.timestamp = timestamp
        self.occurredAt = occurredAt
        self.attributes = attributes
    }
}

/// What storing a batch of usage records did: every record ends in exactly one of the three.
public struct IngestResult: Sendable, Hashable {
    /// Records stored now.
    public var inserted: Int
    /// Records whose id was stored already with the same payload (nothing changed).
    public var duplicates: Int
    /// Ids stored already with a different payload (`DuplicateRecordConflict`), in batch order;
    /// the stored record is kept.
    public var conflicts: [String]

    /// Creates a result.
    public init(inserted: Int, duplicates: Int, conflicts: [String]) {
        self.inserted = inserted
        self.duplicates = duplicates
        self.conflicts = conflicts
    }
}

/// Where usage records live, idempotent by record id.
public protocol UsageStore: Sendable {
    /// Stores a batch in one transaction: all of it, or (on a failure) none of it.
    func ingest(_ records: [UsageRecord]) async throws(StoreError) -> IngestResult
    /// Records in id order after the id `after` (a cursor), at most `limit`.
    func usageRecords(after: String?, limit: Int) async throws(StoreError) -> [UsageRecord]
    /// How many records are stored.
    func usageCount() async throws(StoreError) -> Int
    /// Records a file once all its records are stored. A file with the same checksum recorded
    /// already is a `Conflict`.
    func recordUsageFile(_ file: UsageFile) async throws(StoreError)
    /// The file with this checksum, if it was ingested.
    func usageFile(checksum: String) async throws(StoreError) -> UsageFile?
    /// The ingested files, newest first.
    func usageFiles() async throws(StoreError) -> [UsageFile]
}

extension StoredText {
    /// Checks a usage record's text fields.
    public static func check(_ record: UsageRecord) throws(StoreError) {
        guard !record.id.isEmpty else { throw StoreError(.invalidInput, "a usage record id is empty") }
        // Checked without capturing the record: this runs for every record of every batch.
        let field = containsNUL(record.id) ? "id" : containsNUL(record.asset) ? "asset"
            : containsNUL(record.resource) ? "resource" : containsNUL(record.quantity) ? "quantity"
            : containsNUL(record.timestamp) ? "timestamp" : containsNUL(record.attributes) ? "attributes" : nil
        if let field {
            throw StoreError(.invalidInput, "usage record '\(record.id.replacingNULs)' field \(field) contains a NUL character")
        }
    }

    /// Checks a usage file record's text fields.
    public static func check(_ file: UsageFile) throws(StoreError) {
        try StoredText.check(file.checksum, "usage file checksum")
        try StoredText.check(file.path, "usage file path")
        try StoredText.check(file.author, "usage file author")
    }
}
