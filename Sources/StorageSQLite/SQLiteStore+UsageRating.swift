import GRDB
public import Storage

extension SQLiteStore: UsageRatingStore {
    public func usageRecords(from start: Int64, to end: Int64, after last: UsageRecord?, limit: Int) async throws(StoreError)
        -> [UsageRecord]
    {
        try await read("reading usage records") { db in
            // The row value walks the (occurred_at, id) index from the cursor on.
            try Row.fetchAll(db, sql: """
                SELECT * FROM usage_records
                WHERE occurred_at >= ? AND occurred_at < ? AND (occurred_at, id) > (?, ?)
                ORDER BY occurred_at, id LIMIT ?
                """, arguments: [start, end, last?.occurredAt ?? start, last?.id ?? "", max(0, limit)])
                .map(Self.record)
        }
    }

    public func latestRatingRun(period: String) async throws(StoreError) -> UsageRatingRun? {
        try StoredText.check(period, "the period")
        return try await read("reading the rating runs of \(period)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM usage_rating_runs WHERE period = ? ORDER BY number DESC LIMIT 1",
                             arguments: [period]).map(Self.run)
        }
    }

    public func storeRatingRun(_ run: UsageRatingRun, results: any RatedUsageSource) async throws(StoreError) -> UsageRatingRun {
        try StoredText.check(run)
        return try await write("storing the rating of \(run.period)") { db in
            try db.execute(sql: """
                INSERT INTO usage_rating_runs (period, definitions_version, fingerprint, records, rated, rejected, summaries,
                                               totals, author, rated_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.period, run.definitionsVersion, run.fingerprint, run.records, run.rated, run.rejected,
                                 run.summaries, run.totals, run.author, StoredTime.milliseconds(run.ratedAt)])
            var stored = run
            stored.number = Int(db.lastInsertedRowID)
            try db.execute(sql: "DELETE FROM rated_usage WHERE period = ?", arguments: [run.period])
            let insert = try RowInserter(db, sql: """
                INSERT INTO rated_usage (record_id, period, run, amount, currency, rate, tiers, field, code, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (record_id) DO UPDATE SET period = excluded.period, run = excluded.run, amount = excluded.amount,
                    currency = excluded.currency, rate = excluded.rate, tiers = excluded.tiers, field = excluded.field,
                    code = excluded.code, reason = excluded.reason
                """)
            while case let batch = try results.next(10_000), !batch.isEmpty {
                for record in batch {
                    try StoredText.check(record)
                    try insert.bind(record.recordId, at: 1)
                    try insert.bind(record.period, at: 2)
                    try insert.bind(Int64(stored.number), at: 3)
                    let values: [String?]
                    switch record.outcome {
                    case .rated(let amount, let currency, let rate, let tiers):
                        values = [amount, currency, rate, tiers, nil, nil, nil]
                    case .rejected(let field, let code, let reason):
                        values = [nil, nil, nil, nil, field, code, reason]
                    }
                    for (offset, value) in values.enumerated() { try insert.bind(value, at: Int32(4 + offset)) }
                    _ = try insert.run()
                }
            }
            return stored
        }
    }

    public func ratingRuns() async throws(StoreError) -> [UsageRatingRun] {
        try await read("reading the rating runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM usage_rating_runs ORDER BY number DESC").map(Self.run)
        }
    }

    public func ratedUsage(period: String, after: String?, limit: Int) async throws(StoreError) -> [RatedUsageRecord] {
        try StoredText.check(period, "the period")
        return try await read("reading the rated usage of \(period)") { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM rated_usage WHERE period = ? AND record_id > ? ORDER BY record_id LIMIT ?
                """, arguments: [period, after ?? "", max(0, limit)]).map { row in
                let outcome: RatedUsageRecord.Outcome
                if let amount: String = row["amount"] {
                    outcome = .rated(amount: amount, currency: row["currency"], rate: row["rate"], tiers: row["tiers"])
                } else {
                    outcome = .rejected(field: row["field"], code: row["code"], reason: row["reason"])
                }
                return RatedUsageRecord(recordId: row["record_id"], period: row["period"], outcome: outcome)
            }
        }
    }

    private static func run(_ row: Row) -> UsageRatingRun {
        UsageRatingRun(number: row["number"], period: row["period"], definitionsVersion: row["definitions_version"],
                       fingerprint: row["fingerprint"], records: row["records"], rated: row["rated"], rejected: row["rejected"],
                       summaries: row["summaries"], totals: row["totals"], author: row["author"],
                       ratedAt: StoredTime.date(milliseconds: row["rated_at_ms"]))
    }
}
