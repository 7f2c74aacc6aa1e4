import GRDB
public import Storage

extension SQLiteStore: UsageStore {
    public func ingest(_ records: [UsageRecord]) async throws(StoreError) -> IngestResult {
        for record in records { try StoredText.check(record) }
        return try await write("storing \(records.count) usage records") { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO usage_records (id, asset, resource, quantity, timestamp, attributes) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING
                """)
            var inserted = 0
            var duplicates = 0
            var conflicts: [String] = []
            for record in records {
                // Six arguments for six placeholders: GRDB need not check them again for every row.
                insert.setUncheckedArguments([record.id, record.asset, record.resource, record.quantity, record.timestamp,
                                              record.attributes])
                try insert.execute()
                if db.changesCount == 1 {
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

    private static func stored(_ id: String, _ db: Database) throws -> UsageRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM usage_records WHERE id = ?", arguments: [id]).map(record)
    }

    private static func record(_ row: Row) -> UsageRecord {
        UsageRecord(id: row["id"], asset: row["asset"], resource: row["resource"], quantity: row["quantity"],
                    timestamp: row["timestamp"], attributes: row["attributes"])
    }
}
