import PostgresNIO
public import Storage

extension PostgresStore: UsageRatingStore {
    public func usageRecords(from start: Int64, to end: Int64, after last: UsageRecord?, limit: Int) async throws(StoreError)
        -> [UsageRecord]
    {
        let cursorTime = last?.occurredAt ?? start
        let cursorId = last?.id ?? ""
        return try await transaction("reading usage records") { connection in
            // The row value walks the (occurred_at, id) index from the cursor on.
            let rows = try await connection.query("""
                SELECT id, asset, resource, quantity, timestamp, occurred_at, attributes FROM usage_records
                WHERE occurred_at >= \(start) AND occurred_at < \(end) AND (occurred_at, id) > (\(cursorTime), \(cursorId))
                ORDER BY occurred_at, id LIMIT \(max(0, limit))
                """, logger: self.logger)
            return try await Self.records(rows)
        }
    }

    public func latestRatingRun(period: String) async throws(StoreError) -> UsageRatingRun? {
        try StoredText.check(period, "the period")
        return try await runs("reading the rating runs of \(period)", """
            SELECT \(unescaped: Self.runColumns) FROM usage_rating_runs WHERE period = \(period) ORDER BY number DESC LIMIT 1
            """).first
    }

    public func storeRatingRun(_ run: UsageRatingRun, results: any RatedUsageSource) async throws(StoreError) -> UsageRatingRun {
        try StoredText.check(run)
        return try await transaction("storing the rating of \(run.period)") { connection in
            let numbers = try await connection.query("""
                INSERT INTO usage_rating_runs (period, definitions_version, fingerprint, records, rated, rejected, summaries,
                                               totals, author, rated_at_ms)
                VALUES (\(run.period), \(run.definitionsVersion), \(run.fingerprint), \(run.records), \(run.rated),
                        \(run.rejected), \(run.summaries), \(run.totals), \(run.author), \(StoredTime.milliseconds(run.ratedAt)))
                RETURNING number
                """, logger: self.logger)
            var stored = run
            for try await number in numbers.decode(Int.self) { stored.number = number }
            try await connection.query("DELETE FROM rated_usage WHERE period = \(run.period)", logger: self.logger)
            // A batch is one statement over arrays: one round trip per 10,000 results.
            while case let batch = try results.next(10_000), !batch.isEmpty {
                // postgres-nio binds no arrays of optionals: a flag says which half of each row holds.
                var ids: [String] = [], periods: [String] = [], rated: [Bool] = []
                var amounts: [String] = [], currencies: [String] = [], rates: [String] = [], tiers: [String] = []
                var fields: [String] = [], codes: [String] = [], reasons: [String] = []
                for record in batch {
                    try StoredText.check(record)
                    ids.append(record.recordId)
                    periods.append(record.period)
                    switch record.outcome {
                    case .rated(let amount, let currency, let rate, let tierText):
                        rated.append(true)
                        amounts.append(amount); currencies.append(currency); rates.append(rate); tiers.append(tierText)
                        fields.append(""); codes.append(""); reasons.append("")
                    case .rejected(let field, let code, let reason):
                        rated.append(false)
                        amounts.append(""); currencies.append(""); rates.append(""); tiers.append("")
                        fields.append(field); codes.append(code); reasons.append(reason)
                    }
                }
                try await connection.query("""
                    INSERT INTO rated_usage (record_id, period, run, amount, currency, rate, tiers, field, code, reason)
                    SELECT record_id, period, \(stored.number),
                           CASE WHEN ok THEN amount END, CASE WHEN ok THEN currency END, CASE WHEN ok THEN rate END,
                           CASE WHEN ok THEN tiers END, CASE WHEN ok THEN NULL ELSE field END,
                           CASE WHEN ok THEN NULL ELSE code END, CASE WHEN ok THEN NULL ELSE reason END
                    FROM UNNEST(\(ids)::text[], \(periods)::text[], \(rated)::bool[], \(amounts)::text[], \(currencies)::text[],
                                \(rates)::text[], \(tiers)::text[], \(fields)::text[], \(codes)::text[], \(reasons)::text[])
                         AS i(record_id, period, ok, amount, currency, rate, tiers, field, code, reason)
                    ON CONFLICT (record_id) DO UPDATE SET period = excluded.period, run = excluded.run,
                        amount = excluded.amount, currency = excluded.currency, rate = excluded.rate, tiers = excluded.tiers,
                        field = excluded.field, code = excluded.code, reason = excluded.reason
                    """, logger: self.logger)
            }
            return stored
        }
    }

    public func ratingRuns() async throws(StoreError) -> [UsageRatingRun] {
        try await runs("reading the rating runs", """
            SELECT \(unescaped: Self.runColumns) FROM usage_rating_runs ORDER BY number DESC
            """)
    }

    public func ratedUsage(period: String, after: String?, limit: Int) async throws(StoreError) -> [RatedUsageRecord] {
        try StoredText.check(period, "the period")
        return try await transaction("reading the rated usage of \(period)") { connection in
            let rows = try await connection.query("""
                SELECT record_id, period, amount, currency, rate, tiers, field, code, reason FROM rated_usage
                WHERE period = \(period) AND record_id > \(after ?? "") ORDER BY record_id LIMIT \(max(0, limit))
                """, logger: self.logger)
            var records: [RatedUsageRecord] = []
            for try await (id, period, amount, currency, rate, tiers, field, code, reason)
                in rows.decode((String, String, String?, String?, String?, String?, String?, String?, String?).self)
            {
                let outcome: RatedUsageRecord.Outcome = if let amount {
                    .rated(amount: amount, currency: currency ?? "", rate: rate ?? "", tiers: tiers ?? "")
                } else {
                    .rejected(field: field ?? "", code: code ?? "", reason: reason ?? "")
                }
                records.append(RatedUsageRecord(recordId: id, period: period, outcome: outcome))
            }
            return records
        }
    }

    private static let runColumns = """
        number, period, definitions_version, fingerprint, records, rated, rejected, summaries, totals, author, rated_at_ms
        """

    private func runs(_ what: String, _ query: PostgresQuery) async throws(StoreError) -> [UsageRatingRun] {
        try await transaction(what) { connection in
            var runs: [UsageRatingRun] = []
            let rows = try await connection.query(query, logger: self.logger)
            for try await (number, period, version, fingerprint, records, rated, rejected, summaries, totals, author, at)
                in rows.decode((Int, String, Int, String, Int, Int, Int, Int, String, String, Int64).self)
            {
                runs.append(UsageRatingRun(number: number, period: period, definitionsVersion: version, fingerprint: fingerprint,
                                           records: records, rated: rated, rejected: rejected, summaries: summaries,
                                           totals: totals, author: author, ratedAt: StoredTime.date(milliseconds: at)))
            }
            return runs
        }
    }
}
