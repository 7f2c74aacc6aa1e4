import Money
import PostgresNIO
public import Storage

extension PostgresStore: UsageStore {
    public func ingest(_ records: [UsageRecord]) async throws(StoreError) -> IngestResult {
        for record in records { try StoredText.check(record) }
        guard !records.isEmpty else { return IngestResult(inserted: 0, duplicates: 0, conflicts: []) }
        // Each statement below commits by itself: all of the batch or none of it.
        let rows = Self.copyRows(records)
        return try await connection("storing \(records.count) usage records", inTransaction: false) { connection in
            // The usual batch holds only new ids: COPY stores it as one statement, and costs the
            // server less than an INSERT that checks every row for a conflict. A batch with an id
            // stored already (or twice in it) fails as a whole with a unique violation.
            do {
                try await connection.copyFrom(table: "usage_records", columns: Self.copyColumns, logger: self.logger) { writer in
                    try await writer.write(rows)
                }
                return IngestResult(inserted: records.count, duplicates: 0, conflicts: [])
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                // Some id is taken: the INSERT below skips the stored ids, and a second query
                // tells duplicates from conflicts.
            }
            let ids = records.map(\.id)
            let assets = records.map(\.asset)
            let resources = records.map(\.resource)
            let quantities = records.map(\.quantity)
            let timestamps = records.map(\.timestamp)
            let attributes = records.map(\.attributes)
            let occurred = records.map(\.occurredAt)
            // The arrays keep the batch's order (WITH ORDINALITY).
            // The count comes back as one row, not a row per stored record.
            let counted = try await connection.query("""
                WITH inserted AS (
                    INSERT INTO usage_records (id, asset, resource, quantity, timestamp, attributes, occurred_at)
                    SELECT id, asset, resource, quantity, timestamp, attributes, occurred_at
                    FROM UNNEST(\(ids)::text[], \(assets)::text[], \(resources)::text[], \(quantities)::text[],
                                \(timestamps)::text[], \(attributes)::text[], \(occurred)::bigint[])
                         WITH ORDINALITY AS i(id, asset, resource, quantity, timestamp, attributes, occurred_at, position)
                    ORDER BY position
                    ON CONFLICT (id) DO NOTHING RETURNING 1
                )
                SELECT count(*) FROM inserted
                """, logger: self.logger).collect()
            guard let inserted = try counted.first?.decode(Int.self) else {
                throw StoreError(.failed, "storing \(records.count) usage records: the count of stored rows is missing")
            }
            guard inserted < records.count else { return IngestResult(inserted: inserted, duplicates: 0, conflicts: []) }
            // Some ids were stored already (or twice in the batch): a different payload is a conflict.
            let differing = try await connection.query("""
                SELECT i.id
                FROM UNNEST(\(ids)::text[], \(assets)::text[], \(resources)::text[], \(quantities)::text[],
                            \(timestamps)::text[], \(attributes)::text[])
                     WITH ORDINALITY AS i(id, asset, resource, quantity, timestamp, attributes, position)
                JOIN usage_records r ON r.id = i.id COLLATE "C"
                WHERE (r.asset, r.resource, r.quantity, r.timestamp, r.attributes)
                      IS DISTINCT FROM (i.asset, i.resource, i.quantity, i.timestamp, i.attributes)
                ORDER BY i.position
                """, logger: self.logger)
            var conflicts: [String] = []
            for try await id in differing.decode(String.self) { conflicts.append(id) }
            return IngestResult(inserted: inserted, duplicates: records.count - inserted - conflicts.count, conflicts: conflicts)
        }
    }

    static let copyColumns = ["id", "asset", "resource", "quantity", "timestamp", "attributes", "occurred_at"]

    /// The records as the rows of a text-format COPY: fields separated by tabs, rows ended by line
    /// feeds, and in each field a backslash, tab, line feed or carriage return escaped, so that
    /// no value can end a field or a row, or read as the NULL marker `\N`. NUL cannot occur
    /// (``StoredText`` refuses it).
    static func copyRows(_ records: [UsageRecord]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(records.count * 96)
        for record in records {
            // At most two bytes per byte of text (every byte escaped), six tabs, the time's text
            // and the line feed.
            let text = record.id.utf8.count + record.asset.utf8.count + record.resource.utf8.count
                + record.quantity.utf8.count + record.timestamp.utf8.count + record.attributes.utf8.count
            let bound = 2 * text + 6 + ExactDecimal.textCapacity(minimumFractionDigits: 0) + 1
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { raw in
                let out = raw.bindMemory(to: UInt8.self)
                var at = 0
                Self.writeField(record.id, into: out, at: &at)
                Self.writeField(record.asset, into: out, at: &at)
                Self.writeField(record.resource, into: out, at: &at)
                Self.writeField(record.quantity, into: out, at: &at)
                Self.writeField(record.timestamp, into: out, at: &at)
                Self.writeField(record.attributes, into: out, at: &at)
                at += ExactDecimal(Int(record.occurredAt)).write(into: out.baseAddress! + at)
                out[at] = UInt8(ascii: "\n")
                return at + 1
            }
        }
        return buffer
    }

    /// Writes `text` escaped for a text-format COPY, then a tab.
    private static func writeField(_ text: String, into out: UnsafeMutableBufferPointer<UInt8>, at: inout Int) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case 0x5C: out[at] = 0x5C; out[at + 1] = 0x5C; at += 2
                case 0x09: out[at] = 0x5C; out[at + 1] = UInt8(ascii: "t"); at += 2
                case 0x0A: out[at] = 0x5C; out[at + 1] = UInt8(ascii: "n"); at += 2
                case 0x0D: out[at] = 0x5C; out[at + 1] = UInt8(ascii: "r"); at += 2
                default: out[at] = byte; at += 1
                }
            }
        }
        out[at] = UInt8(ascii: "\t")
        at += 1
    }

    public func usageRecords(after: String?, limit: Int) async throws(StoreError) -> [UsageRecord] {
        try await transaction("reading usage records") { connection in
            let rows = try await connection.query("""
                SELECT id, asset, resource, quantity, timestamp, occurred_at, attributes FROM usage_records
                WHERE id > \(after ?? "") ORDER BY id LIMIT \(max(0, limit))
                """, logger: self.logger)
            return try await Self.records(rows)
        }
    }

    public func recordUsageFile(_ file: UsageFile) async throws(StoreError) {
        try StoredText.check(file)
        try await transaction("recording usage file \(file.path)") { connection in
            let rows = try await connection.query("""
                INSERT INTO usage_files (checksum, path, records, inserted, duplicates, conflicts, rejected, author, ingested_at_ms)
                VALUES (\(file.checksum), \(file.path), \(file.records), \(file.inserted), \(file.duplicates), \(file.conflicts),
                        \(file.rejected), \(file.author), \(StoredTime.milliseconds(file.ingestedAt)))
                ON CONFLICT (checksum) DO NOTHING RETURNING 1
                """, logger: self.logger).collect()
            guard rows.count == 1 else { throw StoreError.usageFileRecorded(file) }
        }
    }

    public func usageFile(checksum: String) async throws(StoreError) -> UsageFile? {
        try await files("reading usage file \(checksum)", """
            SELECT checksum, path, records, inserted, duplicates, conflicts, rejected, author, ingested_at_ms
            FROM usage_files WHERE checksum = \(checksum)
            """).first
    }

    public func usageFiles() async throws(StoreError) -> [UsageFile] {
        try await files("reading usage files", """
            SELECT checksum, path, records, inserted, duplicates, conflicts, rejected, author, ingested_at_ms
            FROM usage_files ORDER BY ingested_at_ms DESC, checksum
            """)
    }

    private func files(_ what: String, _ query: PostgresQuery) async throws(StoreError) -> [UsageFile] {
        try await transaction(what) { connection in
            var files: [UsageFile] = []
            let rows = try await connection.query(query, logger: self.logger)
            for try await (checksum, path, records, inserted, duplicates, conflicts, rejected, author, at)
                in rows.decode((String, String, Int, Int, Int, Int, Int, String, Int64).self)
            {
                files.append(UsageFile(checksum: checksum, path: path, records: records, inserted: inserted,
                                       duplicates: duplicates, conflicts: conflicts, rejected: rejected, author: author,
                                       ingestedAt: StoredTime.date(milliseconds: at)))
            }
            return files
        }
    }

    public func usageCount() async throws(StoreError) -> Int {
        try await transaction("counting usage records") { connection in
            try await connection.query("SELECT COUNT(*) FROM usage_records", logger: self.logger).collect().first?.decode(Int.self) ?? 0
        }
    }

    /// Usage records from rows of (id, asset, resource, quantity, timestamp, occurred_at, attributes).
    static func records(_ rows: PostgresRowSequence) async throws -> [UsageRecord] {
        var records: [UsageRecord] = []
        for try await (id, asset, resource, quantity, timestamp, occurredAt, attributes)
            in rows.decode((String, String, String, String, String, Int64, String).self)
        {
            records.append(UsageRecord(id: id, asset: asset, resource: resource, quantity: quantity, timestamp: timestamp,
                                       occurredAt: occurredAt, attributes: attributes))
        }
        return records
    }
}
