import Foundation
import Storage
import Testing

/// Rating runs and rated usage, by period and record id, over every store.
@Suite("Storage: usage rating runs")
struct UsageRatingStoreTests {
    private typealias F = StoreFixtures

    /// 2026-10-01T00:00:00Z and 2026-11-01T00:00:00Z.
    static let october: (start: Int64, end: Int64) = (1_790_812_800, 1_793_491_200)

    static func record(_ id: String, at seconds: Int64) -> UsageRecord {
        UsageRecord(id: id, asset: "A-1", resource: "cpu-hours", quantity: "1", timestamp: "t\(seconds)", occurredAt: seconds)
    }

    static func run(_ period: String, fingerprint: String = "f", rated: Int = 0, rejected: Int = 0, author: String = "ops")
        -> UsageRatingRun
    {
        UsageRatingRun(period: period, definitionsVersion: 1, fingerprint: fingerprint, records: rated + rejected, rated: rated,
                       rejected: rejected, summaries: 1, totals: "USD 1.00", author: author, ratedAt: F.date)
    }

    static func rated(_ id: String, _ period: String = "2026-10", amount: String = "0.50") -> RatedUsageRecord {
        RatedUsageRecord(recordId: id, period: period,
                         outcome: .rated(amount: amount, currency: "USD", rate: "0.5", tiers: "graduated 0-:1@0.5"))
    }

    /// A store with version 1 published, which runs refer to.
    static func store(_ kind: StoreKind) async throws -> any Store {
        let store = try await kind.open(try kind.newLocation())
        _ = try await store.publish(Publication(files: F.definitions(), author: "a", comment: "", at: F.date, basedOn: nil))
        return store
    }

    /// Gives results in batches, and can fail after some of them.
    final class Results: RatedUsageSource, @unchecked Sendable {
        private var remaining: [RatedUsageRecord]
        private let failAfter: Int?
        private var given = 0

        init(_ records: [RatedUsageRecord], failAfter: Int? = nil) {
            remaining = records
            self.failAfter = failAfter
        }

        func next(_ limit: Int) throws(StoreError) -> [RatedUsageRecord] {
            if let failAfter, given >= failAfter { throw StoreError(.failed, "the source broke") }
            let batch = Array(remaining.prefix(min(limit, 3)))
            remaining.removeFirst(batch.count)
            given += batch.count
            return batch
        }
    }

    @Test("a period's records are found by time, start included and end excluded, page by page", arguments: StoreKind.allCases)
    func recordsByPeriod(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        let (start, end) = Self.october
        let inside = [Self.record("b", at: start), Self.record("a", at: start), Self.record("c", at: start + 5),
                      Self.record("0", at: end - 1)]
        _ = try await store.ingest(inside + [Self.record("before", at: start - 1), Self.record("after", at: end)])
        var pages: [[String]] = []
        var last: UsageRecord?
        while case let page = try await store.usageRecords(from: start, to: end, after: last, limit: 2), !page.isEmpty {
            pages.append(page.map(\.id))
            last = page.last
        }
        // Ordered by time, then id: the cursor carries both.
        #expect(pages == [["a", "b"], ["c", "0"]])
        #expect(try await store.usageRecords(from: end, to: end + 1, after: nil, limit: 10).map(\.id) == ["after"])
    }

    @Test("a run replaces its period's results and nothing else, and runs are listed newest first",
          arguments: StoreKind.allCases)
    func runsReplaceResults(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        #expect(try await store.latestRatingRun(period: "2026-10") == nil)
        let first = try await store.storeRatingRun(Self.run("2026-10", rated: 2),
                                                   results: Results([Self.rated("r1"), Self.rated("r2")]))
        #expect(first.number >= 1)
        let november = try await store.storeRatingRun(Self.run("2026-11", rated: 1),
                                                      results: Results([Self.rated("n1", "2026-11")]))
        let rejected = RatedUsageRecord(recordId: "r3", period: "2026-10",
                                        outcome: .rejected(field: "assetId", code: "UnknownAsset", reason: "no asset 'A-9'"))
        let second = try await store.storeRatingRun(
            Self.run("2026-10", fingerprint: "g", rated: 3, rejected: 1),
            results: Results([Self.rated("r1", amount: "0.40"), Self.rated("r2", amount: "0.60"), rejected, Self.rated("r4")]))
        #expect(second.number > november.number)
        #expect(try await store.latestRatingRun(period: "2026-10") == second)
        #expect(try await store.ratingRuns().map(\.number) == [second.number, november.number, first.number])
        #expect(try await store.ratedUsage(period: "2026-10", after: nil, limit: 10)
            == [Self.rated("r1", amount: "0.40"), Self.rated("r2", amount: "0.60"), rejected, Self.rated("r4")])
        #expect(try await store.ratedUsage(period: "2026-10", after: "r2", limit: 1) == [rejected])
        #expect(try await store.ratedUsage(period: "2026-11", after: nil, limit: 10) == [Self.rated("n1", "2026-11")])
    }

    @Test("a run whose results fail midway leaves the period as it was", arguments: StoreKind.allCases)
    func failedRunChangesNothing(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        let kept = try await store.storeRatingRun(Self.run("2026-10", rated: 1), results: Results([Self.rated("r1")]))
        let broken = Results((0..<10).map { Self.rated("x\($0)") }, failAfter: 6)
        let error = await #expect(throws: StoreError.self) {
            try await store.storeRatingRun(Self.run("2026-10", fingerprint: "g", rated: 10), results: broken)
        }
        #expect(error?.message.contains("the source broke") == true)
        #expect(try await store.latestRatingRun(period: "2026-10") == kept)
        #expect(try await store.ratingRuns().count == 1)
        #expect(try await store.ratedUsage(period: "2026-10", after: nil, limit: 10) == [Self.rated("r1")])
    }

    @Test("quotes, semicolons, SQL and Unicode in every field round-trip; NUL is refused", arguments: StoreKind.allCases)
    func hostileText(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        let nasty = "a\tb\nc\\d\r'e\";DROP TABLE rated_usage;-- \\N ünï 💶"
        let results = [
            RatedUsageRecord(recordId: nasty, period: nasty, outcome: .rated(amount: nasty, currency: nasty, rate: nasty, tiers: nasty)),
            RatedUsageRecord(recordId: nasty + "2", period: nasty, outcome: .rejected(field: nasty, code: nasty, reason: nasty)),
        ]
        var run = Self.run(nasty, fingerprint: nasty, author: nasty)
        run.totals = nasty
        let stored = try await store.storeRatingRun(run, results: Results(results))
        #expect(try await store.latestRatingRun(period: nasty) == stored)
        #expect(try await store.ratedUsage(period: nasty, after: nil, limit: 10) == results)
        let nul = await #expect(throws: StoreError.self) {
            try await store.storeRatingRun(Self.run("2026-12"), results: Results([Self.rated("x\u{0}", "2026-12")]))
        }
        #expect(nul?.code == .invalidInput)
        #expect(try await store.latestRatingRun(period: "2026-12") == nil)
    }
}

/// Migration `5-usage-rating` on a store that holds usage from before it.
@Suite("Storage: the usage rating migration")
struct UsageRatingMigrationTests {
    @Test("records stored before 5-usage-rating get their time from their timestamps, in every accepted form",
          arguments: StoreKind.allCases)
    func backfill(kind: StoreKind) async throws {
        let location = try kind.newLocation()
        let store = try await kind.open(location)
        store.close()
        // Back to the schema of migration 4, with records in it.
        let undo = """
            DROP TABLE rated_usage; DROP TABLE usage_rating_runs; DROP INDEX usage_records_occurred_at;
            ALTER TABLE usage_records DROP COLUMN occurred_at;
            """
        let timestamps = ["2026-10-01T12:00:00Z": Int64(1_790_856_000), "2026-10-01 12:00:00.123456789+02:00": 1_790_848_800,
                          "2026-10-01t12:00:00z": 1_790_856_000, "2026-10-01T12:00:00-0130": 1_790_861_400,
                          "2026-10-01T12:00:00,5Z": 1_790_856_000,
                          // Fractions are dropped, not rounded into the next second (or period).
                          "2026-10-31T23:59:59.99999999Z": 1_793_491_199]
        let rows = timestamps.keys.sorted().enumerated().map { index, timestamp in
            "('r\(index)', 'A-1', 'cpu-hours', '1', '\(timestamp)', '')"
        }.joined(separator: ", ")
        let insert = "INSERT INTO usage_records (id, asset, resource, quantity, timestamp, attributes) VALUES \(rows);"
        switch kind {
        case .sqlite: try kind.runSQL(undo + "DELETE FROM grdb_migrations WHERE identifier = '5-usage-rating';" + insert, at: location)
        case .postgres: try kind.runSQL(undo + "DELETE FROM revenue_migrations WHERE name = '5-usage-rating';" + insert, at: location)
        }
        let migrated = try await kind.open(location)
        defer { migrated.close() }
        #expect(migrated.migratedAtOpen == ["5-usage-rating"])
        let records = try await migrated.usageRecords(from: 0, to: .max, after: nil, limit: 10)
        #expect(Dictionary(uniqueKeysWithValues: records.map { ($0.timestamp, $0.occurredAt) }) == timestamps)
    }

    @Test("a timestamp SQLite cannot read stops the migration, naming the record, and changes nothing")
    func unreadable() async throws {
        let kind = StoreKind.sqlite
        let location = try kind.newLocation()
        try await kind.open(location).close()
        try kind.runSQL("""
            DROP TABLE rated_usage; DROP TABLE usage_rating_runs; DROP INDEX usage_records_occurred_at;
            ALTER TABLE usage_records DROP COLUMN occurred_at; DELETE FROM grdb_migrations WHERE identifier = '5-usage-rating';
            INSERT INTO usage_records (id, asset, resource, quantity, timestamp, attributes)
            VALUES ('leap', 'A-1', 'cpu-hours', '1', '2016-12-31T23:59:60Z', '');
            """, at: location)
        let error = await #expect(throws: StoreError.self) { try await kind.open(location) }
        #expect(error?.message.contains("the timestamp '2016-12-31T23:59:60Z' of usage record 'leap' cannot be converted") == true,
                "\(String(describing: error))")
        // The file is as it was: opening fails the same way again.
        await #expect(throws: StoreError.self) { try await kind.open(location) }
    }
}
