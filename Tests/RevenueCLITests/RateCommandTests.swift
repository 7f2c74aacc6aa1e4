import Foundation
import Testing

/// Runs the built `revenue` binary: `generate-usage`, then `revenue rate` as a user does.
@Suite("revenue rate", .serialized)
struct RateCommandTests {
    private typealias Command = PriceCommandTests

    @Test("generated usage rates with exit code 0 and the counts add up; the same seed gives the same file")
    func generatedUsage() throws {
        let demo = try Command.demo()
        defer { try? FileManager.default.removeItem(at: demo) }
        let definitions = demo.appendingPathComponent("definitions").path
        let usage = demo.appendingPathComponent("usage.jsonl").path
        let generate = ["generate-usage", "--records", "20000", "--accounts", "50", "--seed", "3", "-o", usage,
                        "--definitions", definitions]
        #expect(try Command.run(generate).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: usage))
        #expect(try Command.run(generate).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: usage)) == first)

        let out = demo.appendingPathComponent("rated").path
        let rate = try Command.run(["rate", "--definitions", definitions, usage, "--out", out, "--format", "jsonl"])
        #expect(rate.status == 0, "\(rate.errors)")
        #expect(rate.output.hasPrefix("20000 records in = 20000 rated + 0 rejected + 0 duplicates"))
        let rated = try String(contentsOfFile: "\(out)/rated.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(rated.count == 20_000)
        #expect(FileManager.default.fileExists(atPath: "\(out)/summary.jsonl"))
    }

    @Test("a bad header exits 1 naming the file and column; --max-errors exits 1 naming the first reject")
    func failures() throws {
        let demo = try Command.demo()
        defer { try? FileManager.default.removeItem(at: demo) }
        let definitions = demo.appendingPathComponent("definitions").path
        let badHeader = demo.appendingPathComponent("bad-header.csv").path
        try Data("recordId,assetId,resource,timestamp,quantity\n".utf8).write(to: URL(fileURLWithPath: badHeader))
        let header = try Command.run(["rate", "--definitions", definitions, badHeader])
        #expect(header.status == 1)
        #expect(header.errors.contains("\(badHeader):1: column 3 'resource' is neither a record field"))

        let badRecords = demo.appendingPathComponent("bad-records.csv").path
        try Data("""
            recordId,assetId,resourceId,timestamp,quantity,region
            a,AS-GLOBEX-1,api-calls,2026-10-01T00:00:00Z,-3,US
            b,AS-GLOBEX-1,api-calls,2026-10-01T00:00:00Z,5,US

            """.utf8).write(to: URL(fileURLWithPath: badRecords))
        let out = demo.appendingPathComponent("rated").path
        let stopped = try Command.run(["rate", "--definitions", definitions, badRecords, "--out", out, "--max-errors", "0"])
        #expect(stopped.status == 1)
        #expect(stopped.errors.contains("stopped: 1 record rejected, more than --max-errors 0 allows; the first: \(badRecords):2: quantity: quantity must not be negative, found -3"))
        let kept = try Command.run(["rate", "--definitions", definitions, badRecords, "--out", out])
        #expect(kept.status == 0)
        #expect(kept.output.hasPrefix("2 records in = 1 rated + 1 rejected + 0 duplicates"))
    }
}
