public import Foundation
import Definitions
import Money
public import Publishing
public import Rating
public import Storage

/// Usage records kept in a store: files ingested in batches, checked against published
/// definitions, each record stored once by id, and each file recorded so that ingesting it again
/// does nothing.
///
/// ```swift
/// let book = UsageBook(store: store)
/// let report = try await book.ingest(file: "usage.csv", author: "ops", at: Date())
/// print(report.file.inserted, report.rejects.count)
/// ```
public struct UsageBook: Sendable {
    /// The store.
    public let store: any Store
    /// Where compiled definitions come from.
    public let definitionsSource: any DefinitionsSource

    /// Records per batch: each batch is one transaction.
    public static let batchSize = 1_000
    /// Batches being stored at once.
    public static let batchesInFlight = 4
    /// At most this many problems are kept in a report (the file's counts have them all).
    public static let problemLimit = 1_000

    /// Creates a book over a store; `definitions` defaults to compiling each version afresh
    /// from the store (a long-running process passes a ``DefinitionsCache``).
    public init(store: any Store, definitions: (any DefinitionsSource)? = nil) {
        self.store = store
        definitionsSource = definitions ?? DefinitionsLifecycle(store: store)
    }

    /// What ingesting one file did.
    public struct Report: Sendable {
        /// The file as recorded, with its counts.
        public var file: UsageFile
        /// Whether the file had been ingested before (then nothing was read or stored).
        public var ingestedBefore: Bool
        /// The definitions version the records were checked against (`nil` when ingested before).
        public var definitionsVersion: Int?
        /// The rejected records and the conflicting ones, in file order: the first
        /// ``UsageBook/problemLimit`` found.
        public var problems: [Problem]
    }

    /// A record that was not stored: rejected by the checks, or a conflict with a stored record.
    public struct Problem: Sendable, Hashable {
        /// The line the record starts on.
        public var line: Int
        /// The field at fault (`recordId` for a conflict).
        public var field: String
        /// A stable code (`RatingError` codes, or `DuplicateRecordConflict`).
        public var code: String
        /// What is wrong.
        public var message: String

        /// A record whose id is stored already with another payload.
        static func conflict(_ id: String, line: Int) -> Problem {
            Problem(line: line, field: "recordId", code: "DuplicateRecordConflict",
                    message: "record '\(id)' is stored already with a different payload")
        }
    }

    /// A batch that was stored: its first and last line, and what became of its records.
    public struct Batch: Sendable {
        public var number: Int
        public var lines: ClosedRange<Int>
        public var result: IngestResult
    }

    /// Ingests the usage file at `path`: checks every record against the latest published
    /// definitions (or `version`), stores the valid ones in batches of ``batchSize`` (each batch
    /// all or nothing, up to ``batchesInFlight`` at once), then records the file. A file whose
    /// bytes were ingested before is not read again. A run stopped midway stores the batches it
    /// acknowledged through `onBatch` (called as each commits, not necessarily in order);
    /// running it again stores the rest (the stored ones come back as duplicates).
    public func ingest(file path: String, author: String, at date: Date, version: Int? = nil,
                       onBatch: (Batch) -> Void = { _ in }) async throws(UsageError) -> Report
    {
        let checksum: String
        do {
            checksum = try UsageFile.checksum(ofFileAt: path)
            if let known = try await store.usageFile(checksum: checksum) {
                return Report(file: known, ingestedBefore: true, definitionsVersion: nil, problems: [])
            }
        } catch {
            throw .store(error)
        }
        let (number, definitions) = try await self.definitions(version)
        var records: UsageFileReader.Records
        do {
            records = try UsageFileReader(definitions.rating).open(path)
        } catch {
            throw .unreadable(error)
        }
        var file = UsageFile(checksum: checksum, path: path, records: 0, inserted: 0, duplicates: 0, conflicts: 0,
                             rejected: 0, author: author, ingestedAt: date)
        var problems: [Problem] = []
        var batches = 0
        // Several batches are stored at once, so that one batch's commit overlaps the next one's
        // round trips (PostgreSQL commits of concurrent connections share a disk flush). A batch
        // repeating an id of one still in flight waits for it, so that which copy of an id is
        // stored, and which is the conflict, is the same as one batch at a time.
        var inFlight: [Int: Set<String>] = [:]
        do {
            try await withThrowingTaskGroup(of: StoredBatch.self) { group in
                func finish(_ stored: StoredBatch) {
                    inFlight[stored.number] = nil
                    file.inserted += stored.result.inserted
                    file.duplicates += stored.result.duplicates
                    file.conflicts += stored.result.conflicts.count
                    if !stored.result.conflicts.isEmpty {
                        // Rare: only then are the batch's ids indexed, each by the line it first appears on.
                        let lineOf = Dictionary(zip(stored.ids, stored.lines), uniquingKeysWith: { first, _ in first })
                        for id in stored.result.conflicts where problems.count < Self.problemLimit {
                            problems.append(.conflict(id, line: lineOf[id] ?? 0))
                        }
                    }
                    onBatch(Batch(number: stored.number, lines: stored.span, result: stored.result))
                }
                while case let entries = records.next(Self.batchSize), !entries.isEmpty {
                    let (batch, lines, rejects) = Self.sort(entries)
                    problems += rejects.prefix(max(0, Self.problemLimit - problems.count))
                    file.rejected += rejects.count
                    file.records += entries.count
                    guard !batch.isEmpty else { continue }
                    let ids = batch.map(\.id)
                    let idSet = Set(ids)
                    while inFlight.count >= Self.batchesInFlight || inFlight.values.contains(where: { !$0.isDisjoint(with: idSet) }),
                          let stored = try await group.next()
                    {
                        finish(stored)
                    }
                    batches += 1
                    inFlight[batches] = idSet
                    let (number, span, store) = (batches, Self.lines(entries), store)
                    group.addTask {
                        StoredBatch(number: number, span: span, ids: ids, lines: lines,
                                    result: try await store.ingest(batch))
                    }
                }
                while let stored = try await group.next() { finish(stored) }
            }
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(StoreError(.failed, "storing \(path): \(error)"))
        }
        problems.sort { $0.line < $1.line }
        do {
            try await store.recordUsageFile(file)
        } catch {
            throw .store(error)
        }
        return Report(file: file, ingestedBefore: false, definitionsVersion: number, problems: problems)
    }

    /// A checked record as the store keeps it: the quantity in canonical form, the attributes as
    /// a JSON object with its keys in order.
    /// The records of `entries` as stored, with the line of each, and the rejected ones as problems.
    static func sort(_ entries: [UsageFileReader.Entry]) -> (records: [UsageRecord], lines: [Int], rejects: [Problem]) {
        var records: [UsageRecord] = []
        var lines: [Int] = []
        var rejects: [Problem] = []
        for entry in entries {
            switch entry {
            case .record(let line, let record):
                records.append(stored(record))
                lines.append(line)
            case .rejected(let line, let field, let error):
                rejects.append(Problem(line: line, field: field, code: error.code.rawValue, message: error.message))
            }
        }
        return (records, lines, rejects)
    }

    static func stored(_ record: UsageFileRecord) -> UsageRecord {
        var attributes = ""
        if !record.attributes.isEmpty {
            let out = JSONWriter()
            out.object {
                for (name, value) in record.attributes.sorted(by: { $0.name < $1.name }) { out.field(name, value) }
            }
            attributes = out.text
        }
        return UsageRecord(id: record.recordId, asset: record.assetId, resource: record.resourceId,
                           quantity: record.quantity.description, timestamp: record.timestamp,
                           occurredAt: record.occurredAt, attributes: attributes)
    }

    /// A batch once stored: what the ingest needs to count it and report its conflicts.
    private struct StoredBatch: Sendable {
        var number: Int
        var span: ClosedRange<Int>
        var ids: [String]
        var lines: [Int]
        var result: IngestResult
    }

    private static func lines(_ entries: [UsageFileReader.Entry]) -> ClosedRange<Int> {
        func line(_ entry: UsageFileReader.Entry) -> Int {
            switch entry {
            case .record(let line, _), .rejected(let line, _, _): line
            }
        }
        return line(entries[0])...line(entries[entries.count - 1])
    }

    func definitions(_ version: Int?) async throws(UsageError) -> (Int, CompiledDefinitions) {
        do {
            return try await definitionsSource.published(version)
        } catch {
            throw .definitions(error)
        }
    }
}

/// Why a usage operation failed.
public enum UsageError: Error, Sendable {
    /// The usage file cannot be read, or its header is wrong.
    case unreadable(RatingInputError)
    /// The definitions version cannot be used.
    case definitions(PublishError)
    /// The store refused or failed.
    case store(StoreError)
}
