import Benchmark
import BenchmarkFixtures
import Foundation
import GRDB
import GRDBSQLite
import Logging
import NIOCore
import PostgresNIO
import Storage
import StoragePostgres
import StorageSQLite

/// Usage ingest in batches of 1,000 through the store, and the raw rate of the same database in
/// the same run: a tight loop of plain inserts (SQLite) or COPY (PostgreSQL) into a table without
/// conflict handling.
enum IngestBenchmarks {
    static let batch = 1_000
    static let batches = 100

    static func records(_ batch: Int, round: Int) -> [UsageRecord] {
        (0..<Self.batch).map { index in
            let n = batch * Self.batch + index
            return UsageRecord(id: "rec-\(round)-\(n)", asset: "A-\(n % 10_000)", resource: "cpu-hours", quantity: "\(n % 97).25",
                               timestamp: "2026-10-\(10 + n % 20)T12:00:00Z",
                               occurredAt: 1_791_633_600 + Int64(n % 20) * 86_400, attributes: "region=eu")
        }
    }

    static func register() {
        let config = Benchmark.Configuration(metrics: [.wallClock, .throughput], maxDuration: .seconds(60), maxIterations: 5)
        // Each iteration stores 100,000 new records (ids differ by round) into the same store.
        let rounds = (0..<5).map { round in (0..<batches).map { records($0, round: round) } }

        Benchmark("Ingest (SQLite): 100,000 usage records in batches of 1,000 through the store", configuration: config) { benchmark in
            let file = ScratchDatabase("ingest")
            let store = try await SQLiteStore.open(path: file.path)
            benchmark.startMeasurement()
            for iteration in benchmark.scaledIterations {
                for batch in rounds[iteration % rounds.count] { _ = try await store.ingest(batch) }
            }
            benchmark.stopMeasurement()
            store.close()
            file.remove()
        }

        Benchmark("Ingest (SQLite): 100,000 usage records in batches of 1,000, four in flight as revenue usage ingest stores them", configuration: config) { benchmark in
            let file = ScratchDatabase("ingest-in-flight")
            let store = try await SQLiteStore.open(path: file.path)
            benchmark.startMeasurement()
            for iteration in benchmark.scaledIterations {
                try await inFlight(rounds[iteration % rounds.count], store)
            }
            benchmark.stopMeasurement()
            store.close()
            file.remove()
        }

        Benchmark("Ingest (SQLite): raw baseline, the same rows as plain inserts, 1,000 per transaction (WAL, synchronous=NORMAL)", configuration: config) { benchmark in
            var configuration = Configuration()
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            let file = ScratchDatabase("raw")
            let pool = try DatabasePool(path: file.path, configuration: configuration)
            try await pool.write { db in
                try db.execute(sql: "CREATE TABLE raw (id TEXT PRIMARY KEY NOT NULL, asset TEXT, resource TEXT, quantity TEXT, timestamp TEXT, attributes TEXT) WITHOUT ROWID")
            }
            benchmark.startMeasurement()
            for iteration in benchmark.scaledIterations {
                for batch in rounds[iteration % rounds.count] {
                    try await pool.write { db in
                        // Bound through SQLite's C API, as the store binds them.
                        let insert = try db.cachedStatement(sql: "INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?)").sqliteStatement
                        let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
                        func bind(_ text: String, _ index: Int32) {
                            var text = text
                            _ = text.withUTF8 { sqlite3_bind_text(insert, index, $0.baseAddress, Int32($0.count), transient) }
                        }
                        for r in batch {
                            bind(r.id, 1)
                            bind(r.asset, 2)
                            bind(r.resource, 3)
                            bind(r.quantity, 4)
                            bind(r.timestamp, 5)
                            bind(r.attributes, 6)
                            guard sqlite3_step(insert) == SQLITE_DONE else { throw DatabaseError(message: "raw insert failed") }
                            sqlite3_reset(insert)
                        }
                    }
                }
            }
            benchmark.stopMeasurement()
            try pool.close()
            file.remove()
        }

        guard let url = ProcessInfo.processInfo.environment["POSTGRES_URL"] else { return }

        Benchmark("Ingest (PostgreSQL): 100,000 usage records in batches of 1,000 through the store", configuration: config) { benchmark in
            let store = try await PostgresStore.open(url: url + "?schema=ingest_\(UInt32.random(in: 0...UInt32.max))")
            benchmark.startMeasurement()
            for iteration in benchmark.scaledIterations {
                for batch in rounds[iteration % rounds.count] { _ = try await store.ingest(batch) }
            }
            benchmark.stopMeasurement()
            store.close()
        }

        Benchmark("Ingest (PostgreSQL): 100,000 usage records in batches of 1,000, four in flight as revenue usage ingest stores them", configuration: config) { benchmark in
            let store = try await PostgresStore.open(url: url + "?schema=ingest_\(UInt32.random(in: 0...UInt32.max))")
            benchmark.startMeasurement()
            for iteration in benchmark.scaledIterations {
                try await inFlight(rounds[iteration % rounds.count], store)
            }
            benchmark.stopMeasurement()
            store.close()
        }

        Benchmark("Ingest (PostgreSQL): raw baseline, the same rows by COPY, 1,000 per transaction", configuration: config) { benchmark in
            let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
            guard let components = URLComponents(string: url), let host = components.host else { return }
            let configuration = PostgresConnection.Configuration(
                host: host, port: components.port ?? 5432, username: components.user ?? "", password: components.password,
                database: String(components.path.dropFirst()), tls: .disable)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            let table = "raw_\(UInt32.random(in: 0...UInt32.max))"
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(table) (id TEXT PRIMARY KEY, asset TEXT, resource TEXT, quantity TEXT, timestamp TEXT, attributes TEXT)"), logger: logger)
            let buffers = rounds.map { batches in
                batches.map { batch in
                    var buffer = ByteBuffer()
                    for r in batch { buffer.writeString("\(r.id)\t\(r.asset)\t\(r.resource)\t\(r.quantity)\t\(r.timestamp)\t\(r.attributes)\n") }
                    return buffer
                }
            }
            benchmark.startMeasurement()
            for iteration in benchmark.scaledIterations {
                for buffer in buffers[iteration % buffers.count] {
                    // One COPY is one transaction: no BEGIN and COMMIT round trips around it.
                    try await connection.copyFrom(table: table, logger: logger) { writer in try await writer.write(buffer) }
                }
            }
            benchmark.stopMeasurement()
            try await connection.close()
        }
    }

    /// Stores batches with up to four being stored at once, as `UsageBook.ingest` does.
    static func inFlight(_ batches: [[UsageRecord]], _ store: any UsageStore) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, batch) in batches.enumerated() {
                if index >= 4 { try await group.next() }
                group.addTask { _ = try await store.ingest(batch) }
            }
            try await group.waitForAll()
        }
    }
}
