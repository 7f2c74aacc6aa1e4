import Crypto
public import Foundation

/// A usage file whose records were all stored: ingesting the same bytes again does nothing.
public struct UsageFile: Sendable, Hashable {
    /// SHA-256 of the file's bytes, in hex (``DefinitionChecksum``); the file's identity.
    public var checksum: String
    /// The path it was ingested from.
    public var path: String
    /// Records read from it: `inserted + duplicates + conflicts + rejected`.
    public var records: Int
    /// Records stored by this ingest.
    public var inserted: Int
    /// Records stored already with the same payload.
    public var duplicates: Int
    /// Records whose id was stored already with a different payload (not stored).
    public var conflicts: Int
    /// Records that failed the checks of the rater (not stored).
    public var rejected: Int
    /// Who ingested it.
    public var author: String
    /// When its last batch was stored.
    public var ingestedAt: Date

    /// Creates a file record.
    public init(checksum: String, path: String, records: Int, inserted: Int, duplicates: Int, conflicts: Int,
                rejected: Int, author: String, ingestedAt: Date)
    {
        self.checksum = checksum
        self.path = path
        self.records = records
        self.inserted = inserted
        self.duplicates = duplicates
        self.conflicts = conflicts
        self.rejected = rejected
        self.author = author
        self.ingestedAt = ingestedAt
    }
}

extension UsageFile {
    /// SHA-256 of the bytes of the file at `path`, read a megabyte at a time, in lowercase hex.
    public static func checksum(ofFileAt path: String) throws(StoreError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.invalidInput, "\(path): cannot open the file")
        }
        defer { try? handle.close() }
        var hash = SHA256()
        do {
            while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty { hash.update(data: piece) }
        } catch {
            throw StoreError(.invalidInput, "\(path): cannot read the file: \(error.localizedDescription)")
        }
        return DefinitionChecksum.hex(hash.finalize())
    }
}
