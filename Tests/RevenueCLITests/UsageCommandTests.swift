import Foundation
import Storage
import Testing

/// `revenue usage ingest` and `revenue usage show` over both stores, and ingests killed with
/// SIGKILL at random points.
@Suite("revenue usage", .serialized)
struct UsageCommandTests {
    typealias C = PriceCommandTests

    /// A demo directory whose definitions are published into a fresh store.
    static func publishedDemo(_ kind: CommandStore) throws -> (demo: URL, database: String) {
        let demo = try C.demo()
        let database = try kind.database(in: demo)
        let published = try C.run(["definitions", "publish", demo.appendingPathComponent("definitions").path,
                                   "--author", "ana", "--database", database])
        #expect(published.status == 0, "\(published.errors)")
        return (demo, database)
    }

    @Test("ingest checks records, stores the good ones, reports the rest by line, and does nothing the second time",
          arguments: CommandStore.allCases)
    func ingest(kind: CommandStore) async throws {
        let (demo, database) = try Self.publishedDemo(kind)
        defer { try? FileManager.default.removeItem(at: demo) }
        let usage = demo.appendingPathComponent("usage/october.csv").path
        let first = try C.run(["usage", "ingest", usage, "--author", "ana", "--database", database])
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("5000 records checked against definitions version 1: 5000 stored, 0 duplicates, 0 conflicts, 0 rejected."))
        let again = try C.run(["usage", "ingest", usage, "--author", "bob", "--database", database])
        #expect(again.status == 0)
        #expect(again.output.contains("the same bytes were ingested on") && again.output.contains("by ana"), "\(again.output)")

        let bad = demo.appendingPathComponent("bad.csv")
        try """
            recordId,assetId,resourceId,timestamp,quantity,region
            u2026-0,AS-ACME-EU-1,api-writes,2026-10-31T08:53:06Z,42,
            u2026-1,AS-ACME-EU-1,api-writes,2026-10-31T08:53:06Z,43,
            new-1,AS-NOPE,api-writes,2026-10-31T08:53:06Z,1,
            new-2,AS-ACME-EU-1,api-writes,2026-10-31,1,
            "new-3, quoted",AS-ACME-EU-1,egress-gb,2026-10-31T08:53:06Z,2.50,EU
            new-4,AS-ACME-EU-1,api-writes,2026-10-31T08:53:06Z,5
            "open

            """.write(to: bad, atomically: true, encoding: .utf8)
        let mixed = try C.run(["usage", "ingest", bad.path, "--author", "ana", "--database", database])
        #expect(mixed.status == 1)
        #expect(mixed.output.contains("7 records checked against definitions version 1: 1 stored, 1 duplicates, 1 conflicts, 4 rejected."), "\(mixed.output)")
        let lines = mixed.errors.split(separator: "\n").map(String.init)
        #expect(lines == [
            "\(bad.path):3: recordId: DuplicateRecordConflict: record 'u2026-1' is stored already with a different payload",
            "\(bad.path):4: assetId: UnknownAsset: asset 'AS-NOPE' is not defined",
            "\(bad.path):5: timestamp: InvalidTimestamp: '2026-10-31' is not an ISO 8601 timestamp with a zone (expected T and a time), for example 2026-10-01T12:34:56Z",
            "\(bad.path):7: WrongColumnCount: 5 fields, but the header has 6",
            "\(bad.path):8: UnterminatedQuote: a quoted field opens here and never closes; the rest of the file (1 line breaks) is inside it",
        ], "\(mixed.errors)")

        let store = try await kind.open(database)
        defer { store.close() }
        #expect(try await store.usageCount() == 5_001)
        let stored = try await store.usageRecords(after: "new-2", limit: 1)
        #expect(stored == [UsageRecord(id: "new-3, quoted", asset: "AS-ACME-EU-1", resource: "egress-gb", quantity: "2.5",
                                       timestamp: "2026-10-31T08:53:06Z", occurredAt: 1_793_436_786,
                                       attributes: #"{"region":"EU"}"#)])
        #expect(try await store.usageFiles().map(\.rejected) == [4, 0])

        let shown = try C.run(["usage", "show", "--database", database])
        #expect(shown.output.hasPrefix("5001 usage records stored; 2 files ingested; 0 rating runs."), "\(shown.output)")
        let page = try C.run(["usage", "show", "--records", "--after", "new-2", "--limit", "1", "--database", database])
        #expect(page.output.contains("new-3, quoted") && page.output.contains("--after 'new-3, quoted'"), "\(page.output)")
    }

    @Test("batches stored at once keep the first copy of an id and report the later one, as one batch at a time would",
          arguments: CommandStore.allCases)
    func repeatsAcrossBatches(kind: CommandStore) async throws {
        let (demo, database) = try Self.publishedDemo(kind)
        defer { try? FileManager.default.removeItem(at: demo) }
        // 4,500 records, so 5 batches; line 4,002 repeats the id of line 2 with another quantity,
        // and line 3,002 repeats line 3 exactly.
        var lines = ["recordId,assetId,resourceId,timestamp,quantity,region"]
        for index in 0..<4_500 {
            switch index {
            case 3_000: lines.append("r-1,AS-ACME-EU-1,api-writes,2026-10-02T00:00:00Z,2,")
            case 4_000: lines.append("r-0,AS-ACME-EU-1,api-writes,2026-10-01T00:00:00Z,999,")
            default: lines.append("r-\(index),AS-ACME-EU-1,api-writes,2026-10-0\(1 + index % 9)T00:00:00Z,\(1 + index % 7),")
            }
        }
        let usage = demo.appendingPathComponent("repeats.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: usage, atomically: true, encoding: .utf8)
        let run = try C.run(["usage", "ingest", usage.path, "--author", "ana", "--database", database])
        #expect(run.status == 1)
        #expect(run.output.contains("4500 records checked against definitions version 1: 4498 stored, 1 duplicates, 1 conflicts, 0 rejected."),
                "\(run.output)")
        #expect(run.errors == "\(usage.path):4002: recordId: DuplicateRecordConflict: record 'r-0' is stored already with a different payload\n",
                "\(run.errors)")
        let store = try await kind.open(database)
        defer { store.close() }
        #expect(try await store.usageRecords(after: "q", limit: 1).map(\.quantity) == ["1"])
    }

    @Test("usage rate rates a stored period as revenue rate rates the file, does nothing the second time, and rates again when records or the version change",
          arguments: CommandStore.allCases)
    func ratePeriod(kind: CommandStore) async throws {
        let (demo, database) = try Self.publishedDemo(kind)
        defer { try? FileManager.default.removeItem(at: demo) }
        let definitions = demo.appendingPathComponent("definitions").path
        let usage = demo.appendingPathComponent("usage/october.csv").path
        #expect(try C.run(["usage", "ingest", usage, "--author", "ana", "--database", database]).status == 0)

        let rated = try C.run(["usage", "rate", "--period", "2026-10", "--author", "ana", "--database", database])
        #expect(rated.status == 0, "\(rated.errors)")
        #expect(rated.output.hasPrefix("2026-10: 5000 records rated with definitions version 1 (run 1): 5000 rated, 0 rejected, 120 summaries; USD "),
                "\(rated.output)")
        // The stored results are what revenue rate writes for the same records.
        let direct = demo.appendingPathComponent("direct")
        #expect(try C.run(["rate", "--definitions", definitions, usage, "--out", direct.path]).status == 0)
        let expected = try String(contentsOf: direct.appendingPathComponent("rated.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { line -> [String] in line.split(separator: ",").map(String.init) }
            .sorted { $0[0] < $1[0] }
        let store = try await kind.open(database)
        defer { store.close() }
        let stored = try await store.ratedUsage(period: "2026-10", after: nil, limit: 10_000).map { record -> [String] in
            guard case .rated(let amount, let currency, let rate, let tiers) = record.outcome else { return [record.recordId] }
            return [record.recordId, amount, currency, rate, tiers]
        }
        #expect(stored.count == 5_000)
        #expect(stored == expected)

        let again = try C.run(["usage", "rate", "--period", "2026-10", "--author", "bob", "--database", database])
        #expect(again.status == 0)
        #expect(again.output.contains("was rated on") && again.output.contains("by ana (run 1)") && again.output.contains("nothing to do"),
                "\(again.output)")

        // New assets in version 2 and records for them: rated with version 1 they are rejected.
        let generated = demo.appendingPathComponent("generated.csv").path
        #expect(try C.run(["generate-usage", "--records", "300", "--accounts", "3", "--seed", "5", "--output", generated,
                           "--definitions", definitions]).status == 0)
        #expect(try C.run(["definitions", "publish", definitions, "--author", "ana", "--database", database]).status == 0)
        #expect(try C.run(["usage", "ingest", generated, "--author", "ana", "--database", database]).status == 0)
        let old = try C.run(["usage", "rate", "--period", "2026-10", "--definitions-version", "1", "--author", "ana",
                             "--database", database])
        #expect(old.status == 1)
        #expect(old.output.hasPrefix("2026-10: 5300 records rated with definitions version 1 (run 2): 5000 rated, 300 rejected"),
                "\(old.output)")
        #expect(old.errors.contains("300 records were rejected: revenue usage show --rated --period 2026-10"), "\(old.errors)")
        let rejected = try await store.ratedUsage(period: "2026-10", after: nil, limit: 10_000).filter {
            if case .rejected(let field, let code, _) = $0.outcome { return field == "assetId" && code == "UnknownAsset" }
            return false
        }
        #expect(rejected.count == 300)
        let latest = try C.run(["usage", "rate", "--period", "2026-10", "--author", "ana", "--database", database])
        #expect(latest.status == 0, "\(latest.errors)")
        #expect(latest.output.hasPrefix("2026-10: 5300 records rated with definitions version 2 (run 3): 5300 rated, 0 rejected"),
                "\(latest.output)")
        #expect(try await store.ratingRuns().map(\.number) == [3, 2, 1])

        let shown = try C.run(["usage", "show", "--rated", "--period", "2026-10", "--limit", "2", "--database", database])
        #expect(shown.status == 0)
        #expect(shown.output.contains("More after") && shown.output.contains("--rated --period 2026-10 --after"), "\(shown.output)")
        let empty = try C.run(["usage", "rate", "--period", "2026-09", "--author", "ana", "--database", database])
        #expect(empty.status == 0)
        #expect(empty.output == "No usage records are stored for 2026-09; nothing to rate.\n")
        let bad = try C.run(["usage", "rate", "--period", "2026-13", "--author", "ana", "--database", database])
        #expect(bad.status == 64)
        #expect(bad.errors.contains("--period '2026-13' is not a billing period"), "\(bad.errors)")
    }

    @Test("an ingest before anything is published, or of a file with a wrong header, fails clearly and stores nothing")
    func refusals() async throws {
        let demo = try C.demo()
        defer { try? FileManager.default.removeItem(at: demo) }
        let database = try CommandStore.sqlite.database(in: demo)
        let usage = demo.appendingPathComponent("usage/october.csv").path
        let unpublished = try C.run(["usage", "ingest", usage, "--author", "ana", "--database", database])
        #expect(unpublished.status == 1)
        #expect(unpublished.errors.hasPrefix("error: NotFound: nothing is published yet"), "\(unpublished.errors)")
        _ = try C.run(["definitions", "publish", demo.appendingPathComponent("definitions").path, "--author", "ana",
                       "--database", database])
        let header = demo.appendingPathComponent("header.csv")
        try "recordId,foo\n".write(to: header, atomically: true, encoding: .utf8)
        let wrong = try C.run(["usage", "ingest", header.path, "--author", "ana", "--database", database])
        #expect(wrong.status == 1)
        #expect(wrong.errors.contains("header.csv:1: column 2 'foo' is neither a record field"), "\(wrong.errors)")
        let store = try await CommandStore.sqlite.open(database)
        defer { store.close() }
        #expect(try await store.usageCount() == 0)
        #expect(try await store.usageFiles().isEmpty)
    }

    @Test("kill an ingest at random points, many times: acknowledged batches stay, none is partial, and running it again finishes it",
          arguments: CommandStore.allCases)
    func killedIngests(kind: CommandStore) async throws {
        let (demo, database) = try Self.publishedDemo(kind)
        defer { try? FileManager.default.removeItem(at: demo) }
        let usage = demo.appendingPathComponent("big.csv").path
        let generated = try C.run(["generate-usage", "--records", "30000", "--accounts", "20", "--seed", "7",
                                   "--output", usage, "--definitions", demo.appendingPathComponent("definitions").path])
        #expect(generated.status == 0, "\(generated.errors)")
        // The generated accounts and assets are definitions too: publish them.
        _ = try C.run(["definitions", "publish", demo.appendingPathComponent("definitions").path, "--author", "ana",
                       "--database", database])
        let arguments = ["usage", "ingest", usage, "--author", "kill-test", "--log-batches", "--database", database]
        var random = SystemRandomNumberGenerator()
        var acknowledged = 0
        var killed = 0
        var midway = false
        for round in 0..<8 {
            let output = Pipe()
            let process = Process()
            process.executableURL = C.executable
            process.arguments = arguments
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The kill follows the child's own progress, not the clock, so that it lands mid-ingest
            // however fast or loaded the machine is: after a random number of the 30 batches, and
            // a random moment more, often inside the next batch's transaction.
            let target = Int.random(in: 1...25, using: &random)
            var seen = Data()
            while true {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                seen += data
                if String(decoding: seen, as: UTF8.self).matches(of: /committed/).count >= target { break }
            }
            try await Task.sleep(for: .microseconds(Int.random(in: 0...5_000, using: &random)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            let printed = String(decoding: seen + output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // Each round sees the earlier rounds' batches as duplicates: count what is stored.
            let batches = printed.matches(of: /batch (\d+) \(lines \d+–(\d+)\) committed/)
            let lastLine = batches.last.flatMap { Int($0.2) } ?? 1
            acknowledged = max(acknowledged, lastLine - 1)

            let store = try await kind.open(database)
            defer { store.close() }
            let count = try await store.usageCount()
            #expect(count >= acknowledged, "round \(round): \(acknowledged) records acknowledged, \(count) stored")
            #expect(count % 1_000 == 0, "round \(round): \(count) records stored, not whole batches")
            midway = midway || (count > 0 && count < 30_000)
        }
        #expect(killed > 0)
        #expect(midway, "no kill landed in the middle of an ingest")
        let finished = try C.run(arguments)
        #expect(finished.status == 0, "\(finished.errors)")
        let store = try await kind.open(database)
        defer { store.close() }
        #expect(try await store.usageCount() == 30_000)
        #expect(try await store.usageFiles().count == 1)
    }
}
