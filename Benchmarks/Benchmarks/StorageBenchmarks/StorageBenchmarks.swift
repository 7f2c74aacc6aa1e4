import Benchmark
import BenchmarkFixtures
import Foundation
import Money
import Pricing
import Storage
import StoragePostgres
import StorageSQLite

/// Storing priced quotes (release build):
/// `cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target StorageBenchmarks`.
/// PostgreSQL runs when `POSTGRES_URL` names a server (`eval "$(scripts/postgres.sh start)"`).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .peakMemoryResident],
                                           maxDuration: .seconds(5), maxIterations: 200)
    guard let engine = try? PricingBenchmarkFixture.engine(), let date = try? CivilDate("2026-03-01") else {
        preconditionFailure("benchmark definitions do not compile")
    }
    let priced = engine.price(PricingBenchmarkFixture.quote(lines: 1_000, date: date))
    let input = Array("header: { id: BIG }".utf8)

    // Each opens a fresh store and returns it with what removes it afterwards.
    var stores: [(String, @Sendable () async throws -> (any Store, @Sendable () -> Void))] = [
        ("SQLite", {
            let file = ScratchDatabase("bench")
            return (try await SQLiteStore.open(path: file.path), file.remove)
        }),
    ]
    if let url = ProcessInfo.processInfo.environment["POSTGRES_URL"] {
        stores.append(("PostgreSQL", {
            let schema = "bench_\(UInt32.random(in: 0...UInt32.max))"
            return (try await PostgresStore.open(url: url + (url.contains("?") ? "&" : "?") + "schema=" + schema), {})
        }))
    }

    IngestBenchmarks.register()

    for (name, open) in stores {
        Benchmark("Storage (\(name)): store a priced 1,000-line quote with its waterfall (JSON encoding included)") { benchmark in
            let (store, remove) = try await open()
            _ = try await store.publish(Publication(files: [DefinitionFile(path: "a.yaml", bytes: [0x23])], author: "bench",
                                                    comment: "", at: Date(), basedOn: nil))
            benchmark.startMeasurement()
            for iteration in benchmark.scaledIterations {
                let json = priced.jsonBytes()
                try await store.createQuote(StoredQuote(
                    id: "Q\(iteration)", revision: 1, definitionsVersion: 1, input: input, inputFormat: "yaml", priced: json,
                    currency: "USD", total: priced.total.description, lineCount: priced.lines.count, hasErrors: false,
                    pricedAt: Date()))
            }
            benchmark.stopMeasurement()
            store.close()
            remove()
        }

        Benchmark("Storage (\(name)): raw baseline, one blob row of the same size (a draft upsert)") { benchmark in
            let (store, remove) = try await open()
            let json = priced.jsonBytes()
            benchmark.startMeasurement()
            for iteration in benchmark.scaledIterations {
                try await store.putDraft(DefinitionFile(path: "d\(iteration)", bytes: json))
            }
            benchmark.stopMeasurement()
            store.close()
            remove()
        }
    }
}
