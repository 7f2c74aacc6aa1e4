public import Storage
import Publishing
import Rating

extension UsageBook {
    /// What storing one batch of records sent together did. Every record ends in exactly one
    /// place: inserted, duplicate, conflict or rejected.
    public struct BatchReport: Sendable {
        /// Records received.
        public var received: Int
        /// The definitions version the records were checked against.
        public var definitionsVersion: Int
        /// Stored now, and stored before with the same payload.
        public var result: IngestResult
        /// Records not stored, with the record's position (its line, 1 for the first record): the
        /// rejected ones and the conflicts, in record order.
        public var problems: [Problem]
    }

    /// Checks records sent together (JSON Lines, one record per line, as in a usage file) against
    /// the latest published definitions (or `version`), and stores the valid ones in one
    /// transaction (send batches of about ``batchSize``); rejected records are reported by line and field, and stored ones are not
    /// affected by them.
    public func ingest(jsonLines: [UInt8], version: Int? = nil) async throws(UsageError) -> BatchReport {
        let (number, definitions) = try await self.definitions(version)
        let reader: UsageFileReader
        do {
            reader = try UsageFileReader(definitions.rating)
        } catch {
            throw .unreadable(error)
        }
        var records = reader.read(jsonLines: jsonLines, name: "records")
        var batch: [UsageRecord] = []
        var lines: [Int] = []
        var problems: [Problem] = []
        var received = 0
        while case let entries = records.next(Self.batchSize), !entries.isEmpty {
            received += entries.count
            let sorted = Self.sort(entries)
            batch += sorted.records
            lines += sorted.lines
            problems += sorted.rejects
        }
        var result = IngestResult(inserted: 0, duplicates: 0, conflicts: [])
        if !batch.isEmpty {
            do {
                result = try await store.ingest(batch)
            } catch {
                throw .store(error)
            }
        }
        if !result.conflicts.isEmpty {
            let conflicting = Set(result.conflicts)
            var reported = Set<String>()
            for (record, line) in zip(batch, lines) where conflicting.contains(record.id) && reported.insert(record.id).inserted {
                problems.append(.conflict(record.id, line: line))
            }
            problems.sort { $0.line < $1.line }
        }
        return BatchReport(received: received, definitionsVersion: number, result: result, problems: problems)
    }
}
