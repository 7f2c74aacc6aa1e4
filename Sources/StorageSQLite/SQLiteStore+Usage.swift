import GRDB
public import Storage

extension SQLiteStore: UsageStore {
    public func ingest(_ records: [UsageRecord]) async throws(StoreError) -> IngestResult {
        for record in records { try StoredText.check(record) }
        return try await write("storing \(records.count) usage records") { db in
            let insert = try RowInserter(db, sql: """
                INSERT INTO usage_records (id, asset, resource, quantity, timestamp, attributes, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING
                """)
            var inserted = 0
            var duplicates = 0
            var conflicts: [String] = []
            for record in records {
                try insert.bind(record.id, at: 1)
                try insert.bind(record.asset, at: 2)
                try insert.bind(record.resource, at: 3)
                try insert.bind(record.quantity, at: 4)
                try insert.bind(record.timestamp, at: 5)
                try insert.bind(record.attributes, at: 6)
                try insert.bind(record.occurredAt, at: 7)
                if try insert.run() == 1 {
                    inserted += 1
                } else if try Self.stored(record.id, db) == record {
                    duplicates += 1
                } else {
                    conflicts.append(record.id)
                }
            }
            return IngestResult(inserted: inserted, duplicates: duplicates, conflicts: conflicts)
        }
    }

    public func usageRecords(after: String?, limit: Int) async throws(StoreError) -> [UsageRecord] {
        try await read("reading usage records") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM usage_records WHERE id > ? ORDER BY id LIMIT ?",
                             arguments: [after ?? "", max(0, limit)]).map(Self.record)
        }
    }

    public func usageCount() async throws(StoreError) -> Int {
        try await read("counting usage records") { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM usage_records") ?? 0 }
    }

    public func recordUsageFile(_ file: UsageFile) async throws(StoreError) {
        try StoredText.check(file)
        try await write("recording usage file \(file.path)") { db in
            try db.execute(sql: """
                INSERT INTO usage_files (checksum, path, records, inserted, duplicates, conflicts, rejected, author, ingested_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (checksum) DO NOTHING
                """, arguments: [file.checksum, file.path, file.records, file.inserted, file.duplicates, file.conflicts,
                                 file.rejected, file.author, StoredTime.milliseconds(file.ingestedAt)])
            guard db.changesCount == 1 else { throw StoreError.usageFileRecorded(file) }
        }
    }

    public func usageFile(checksum: String) async throws(StoreError) -> UsageFile? {
        try await read("reading usage file \(checksum)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM usage_files WHERE checksum = ?", arguments: [checksum]).map(Self.file)
        }
    }

    public func usageFiles() async throws(StoreError) -> [UsageFile] {
        try await read("reading usage files") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM usage_files ORDER BY ingested_at_ms DESC, checksum").map(Self.file)
        }
    }

    private static func file(_ row: Row) -> UsageFile {
        UsageFile(checksum: row["checksum"], path: row["path"], records: row["records"], inserted: row["inserted"],
                  duplicates: row["duplicates"], conflicts: row["conflicts"], rejected: row["rejected"], author: row["author"],
                  ingestedAt: StoredTime.date(milliseconds: row["ingested_at_ms"]))
    }

    private static func stored(_ id: String, _ db: Database) throws -> UsageRecord? {
        // Cached: a batch of repeats looks up every record, and preparing the statement each time
        // costs more than the lookup.
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM usage_records WHERE id = ?"), arguments: [id]).map(record)
    }

    static func record(_ row: Row) -> UsageRecord {
        UsageRecord(id: row["id"], asset: row["asset"], resource: row["resource"], quantity: row["quantity"],
                    timestamp: row["timestamp"], occurredAt: row["occurred_at"], attributes: row["attributes"])
    }
}
