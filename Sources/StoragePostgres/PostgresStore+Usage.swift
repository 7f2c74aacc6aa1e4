import NIOCore
import PostgresNIO
public import Storage

extension PostgresStore: UsageStore {
    public func ingest(_ records: [UsageRecord]) async throws(StoreError) -> IngestResult {
        for record in records { try StoredText.check(record) }
        guard !records.isEmpty else { return IngestResult(inserted: 0, duplicates: 0, conflicts: []) }
        var data = ByteBuffer()
        for record in records {
            for (index, field) in [record.id, record.asset, record.resource, record.quantity, record.timestamp,
                                   record.attributes].enumerated()
            {
                if index > 0 { data.writeInteger(UInt8(ascii: "\t")) }
                Self.writeCopyText(field, to: &data)
            }
            data.writeInteger(UInt8(ascii: "\n"))
        }
        let batch = data
        return try await transaction("storing \(records.count) usage records") { connection in
            try await connection.query("""
                CREATE TEMPORARY TABLE usage_incoming (
                    position BIGSERIAL, id TEXT COLLATE "C", asset TEXT, resource TEXT, quantity TEXT, timestamp TEXT,
                    attributes TEXT) ON COMMIT DROP
                """, logger: self.logger)
            try await connection.copyFrom(table: "usage_incoming",
                                          columns: ["id", "asset", "resource", "quantity", "timestamp", "attributes"],
                                          logger: self.logger) { writer in try await writer.write(batch) }
            let inserted = try await connection.query("""
                INSERT INTO usage_records (id, asset, resource, quantity, timestamp, attributes)
                SELECT id, asset, resource, quantity, timestamp, attributes FROM usage_incoming ORDER BY position
                ON CONFLICT (id) DO NOTHING RETURNING 1
                """, logger: self.logger).collect().count
            // A record whose stored payload differs (stored before, or earlier in this batch) is a conflict.
            let differing = try await connection.query("""
                SELECT i.id FROM usage_incoming i JOIN usage_records r ON r.id = i.id
                WHERE (r.asset, r.resource, r.quantity, r.timestamp, r.attributes)
                      IS DISTINCT FROM (i.asset, i.resource, i.quantity, i.timestamp, i.attributes)
                ORDER BY i.position
                """, logger: self.logger)
            var conflicts: [String] = []
            for try await id in differing.decode(String.self) { conflicts.append(id) }
            return IngestResult(inserted: inserted, duplicates: records.count - inserted - conflicts.count, conflicts: conflicts)
        }
    }

    public func usageRecords(after: String?, limit: Int) async throws(StoreError) -> [UsageRecord] {
        try await transaction("reading usage records") { connection in
            var records: [UsageRecord] = []
            let rows = try await connection.query("""
                SELECT id, asset, resource, quantity, timestamp, attributes FROM usage_records
                WHERE id > \(after ?? "") ORDER BY id LIMIT \(max(0, limit))
                """, logger: self.logger)
            for try await (id, asset, resource, quantity, timestamp, attributes)
                in rows.decode((String, String, String, String, String, String).self)
            {
                records.append(UsageRecord(id: id, asset: asset, resource: resource, quantity: quantity, timestamp: timestamp,
                                           attributes: attributes))
            }
            return records
        }
    }

    public func usageCount() async throws(StoreError) -> Int {
        try await transaction("counting usage records") { connection in
            try await connection.query("SELECT COUNT(*) FROM usage_records", logger: self.logger).collect().first?.decode(Int.self) ?? 0
        }
    }

    /// Writes a field in COPY's text format: backslash, tab, newline and carriage return escaped.
    private static func writeCopyText(_ text: String, to buffer: inout ByteBuffer) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeString("\\t")
            case UInt8(ascii: "\n"): buffer.writeString("\\n")
            case UInt8(ascii: "\r"): buffer.writeString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
