import Expressions
import Foundation
import Money
import Rating
import Testing

/// Bulk rating (DOMAIN.md §2.3): summing before tiering, the remainder rule, duplicates, rejects
/// and deterministic output.
@Suite struct BulkRatingTests {
    @Test func theWorkedExampleInThreeRecords() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        // 1,000 + 4,000 + 2,500 = 7,500 units on the graduated card: 545.00 shared pro rata.
        let usage = try fixture.write("usage.csv", BulkFixture.header + """
            r1,A-GRAD,api-calls,2026-10-03T10:00:00Z,1000,
            r2,A-GRAD,api-calls,2026-10-04T10:00:00+02:00,4000,
            r3,A-GRAD,api-calls,2026-10-01T00:00:00Z,2500,

            """)
        let report = try fixture.rate([usage])
        #expect(report.records == 3)
        #expect(report.rated == 3)
        #expect(report.summaries == 1)
        let amounts = try fixture.amounts()
        // 545 × 1000/7500 = 72.666… → 72.67; 545 × 2500/7500 = 181.666… → 181.67; r2 is last by time.
        #expect(amounts == ["r1": try ExactDecimal("72.67"), "r3": try ExactDecimal("181.67"), "r2": try ExactDecimal("290.66")])
        #expect(try fixture.lines("summary.csv") == ["account,resource,period,currency,records,quantity,amount",
                                                      "acme,api-calls,2026-10,USD,3,7500,545.00"])
    }

    @Test func aRepeatedCopyOfTheLastRecordLeavesTheRemainderWithTheOriginal() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        // The copy of r2 ties with r2 on (timestamp, id) and comes later in the file, so the first
        // pass takes it for the last record; once it is known to be a duplicate, r2 is again.
        let usage = try fixture.write("usage.csv", BulkFixture.header + """
            r1,A-GRAD,api-calls,2026-10-03T10:00:00Z,1000,
            r2,A-GRAD,api-calls,2026-10-04T10:00:00+02:00,4000,
            r3,A-GRAD,api-calls,2026-10-01T00:00:00Z,2500,
            r2,A-GRAD,api-calls,2026-10-04T10:00:00+02:00,4000,

            """)
        for workers in [1, 2] {
            let report = try fixture.rate([usage], out: "out-\(workers)", options: BulkRatingOptions(workers: workers, chunkSize: 1024))
            #expect((report.records, report.rated, report.duplicates) == (4, 3, 1))
            #expect(try fixture.amounts(out: "out-\(workers)")
                == ["r1": try ExactDecimal("72.67"), "r3": try ExactDecimal("181.67"), "r2": try ExactDecimal("290.66")])
        }
    }

    @Test func onEqualTimestampsTheRemainderGoesToTheGreatestRecordId() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        // r3 and r1 share the latest timestamp; r3 is the greater id, though it comes first.
        var text = BulkFixture.header + """
            r3,A-GRAD,api-calls,2026-10-05T00:00:00Z,2500,
            r2,A-GRAD,api-calls,2026-10-02T00:00:00Z,4000,

            """
        // Other summaries' records between them put r1 in a later chunk.
        for index in 0..<200 { text += "pad-\(index),A-VOL,api-calls,2026-10-03T00:00:00Z,1,\n" }
        text += "r1,A-GRAD,api-calls,2026-10-05T00:00:00Z,1000,\n"
        let usage = try fixture.write("usage.csv", text)
        for workers in [1, 2] {
            _ = try fixture.rate([usage], out: "out-\(workers)", options: BulkRatingOptions(workers: workers, chunkSize: 1024))
            let amounts = try fixture.amounts(out: "out-\(workers)")
            // 545 × 1000/7500 = 72.67 and 545 × 4000/7500 = 290.67; r3 takes 545 − 363.34.
            #expect(amounts["r1"] == (try ExactDecimal("72.67")))
            #expect(amounts["r2"] == (try ExactDecimal("290.67")))
            #expect(amounts["r3"] == (try ExactDecimal("181.66")))
        }
    }

    @Test func outputsAreTheSameBytesWithAndWithoutDirectWrites() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        // Output and scratch files on a regular file system are written around the page cache;
        // tmpfs refuses that, and the same files are written plainly. Several megabytes of output
        // take the writer through many full buffers and a padded last block.
        var text = BulkFixture.header
        var random = SplitMix64(seed: 11)
        for index in 0..<80_000 {
            let asset = ["A-GRAD", "A-VOL", "A-FLAT"][Int.random(in: 0...2, using: &random)]
            text += "record-\(index),\(asset),api-calls,2026-10-\(10 + index % 9)T01:02:03Z,\(Int.random(in: 1...90, using: &random)),US\n"
        }
        text += "bad,A-NOPE,api-calls,2026-10-10T00:00:00Z,1,US\nrecord-7,A-GRAD,api-calls,2026-10-10T00:00:00Z,1,US\n"
        let usage = try fixture.write("usage.csv", text)
        let memory = "/dev/shm/revenue-bulk-\(UUID().uuidString)"
        try #require(FileManager.default.fileExists(atPath: "/dev/shm"), "a tmpfs at /dev/shm to write plainly")
        defer { try? FileManager.default.removeItem(atPath: memory) }
        let disk = try fixture.rate([usage], out: "disk", options: BulkRatingOptions(workers: 2, chunkSize: 64 << 10))
        let plain = try BulkRater(RatingFixtures.definitions(), options: BulkRatingOptions(workers: 2, chunkSize: 64 << 10))
            .run(files: [usage], outputDirectory: memory)
        #expect((disk.records, disk.rated, disk.rejected) == (80_002, 80_000, 2))
        #expect((plain.records, plain.rated, plain.rejected) == (disk.records, disk.rated, disk.rejected))
        for name in ["rated.csv", "summary.csv", "rejects.csv", "duplicates.csv"] {
            let written = Array(try Data(contentsOf: URL(fileURLWithPath: "\(memory)/\(name)")))
            #expect(try fixture.bytes(name, out: "disk") == written, "\(name)")
        }
        #expect(try fixture.bytes("rated.csv", out: "disk").count > 4 << 20)
        // No scratch files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: memory).sorted()
            == ["duplicates.csv", "rated.csv", "rejects.csv", "summary.csv"])
    }

    @Test func recordAmountsAddUpToTheirSummary() throws {
        var random = SplitMix64(seed: 2026)
        for round in 0..<20 {
            let fixture = try BulkFixture()
            defer { fixture.remove() }
            var text = BulkFixture.header
            let assets = ["A-GRAD", "A-VOL", "A-FLAT", "A-NEG"]
            var expected: [String: [(String, ExactDecimal)]] = [:]
            for index in 0..<Int.random(in: 1...300, using: &random) {
                let asset = assets[Int.random(in: 0..<assets.count, using: &random)]
                let storage = asset == "A-FLAT" && Bool.random(using: &random)
                let resource = storage ? "storage" : "api-calls"
                let quantity = storage ? ExactDecimal(rawValue: Int128(Int.random(in: 0...5_000, using: &random)) * 1_000_000_000)
                    : ExactDecimal(Int.random(in: 0...900, using: &random))
                let region = resource == "api-calls" ? ["EU", "US"][Int.random(in: 0...1, using: &random)] : ""
                let day = Int.random(in: 1...28, using: &random)
                let month = Int.random(in: 9...10, using: &random)
                text += "id-\(index),\(asset),\(resource),2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T12:00:00Z,\(quantity),\(region)\n"
                expected["\(asset) \(resource) \(month) \(region)", default: []].append(("id-\(index)", quantity))
            }
            let usage = try fixture.write("usage.csv", text)
            let report = try fixture.rate([usage], options: BulkRatingOptions(workers: 1 + round % 2, chunkSize: 1024))
            #expect(report.records == report.rated + report.rejected + report.duplicates)
            #expect(report.rejected == 0)
            let amounts = try fixture.amounts()
            // Every summary's records add up to the summary's rated amount.
            let rater = Rater(try RatingFixtures.definitions())
            for (key, records) in expected {
                let parts = key.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                let quantity = try records.reduce(ExactDecimal.zero) { try $0 + $1.1 }
                let summary = UsageSummary(assetId: parts[0], resourceId: parts[1],
                                           period: BillingPeriod(.month, containing: try CivilDate("2026-\(parts[2].count == 1 ? "0" : "")\(parts[2])-01")),
                                           quantity: quantity, attributes: parts[3].isEmpty ? [:] : ["region": .string(parts[3])])
                let total = try records.reduce(ExactDecimal.zero) { try $0 + (amounts[$1.0] ?? 999_999) }
                #expect(total == (try rater.rate(summary).amount), "summary \(key)")
            }
        }
    }

    @Test func duplicatesAndConflicts() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        let first = try fixture.write("a.csv", BulkFixture.header + """
            r1,A-GRAD,api-calls,2026-10-03T10:00:00Z,10,
            r2,A-GRAD,api-calls,2026-10-03T11:00:00Z,20,

            """)
        let second = try fixture.write("b.csv", BulkFixture.header + """
            r1,A-GRAD,api-calls,2026-10-03T10:00:00Z,10.000,
            r2,A-VOL,api-calls,2026-10-03T11:00:00Z,21,
            r3,A-GRAD,api-calls,2026-10-03T12:00:00Z,30,

            """)
        let report = try fixture.rate([first, second])
        #expect(report.records == 5)
        #expect((report.rated, report.rejected, report.duplicates) == (3, 1, 1))
        #expect(try fixture.lines("duplicates.csv").dropFirst() == ["\(second),2,r1,\(first),2"])
        let rejects = try fixture.lines("rejects.csv").dropFirst()
        #expect(rejects == ["\(second),3,r2,recordId,DuplicateRecordConflict,the record id was first used at \(first):3 with a different payload"])
        // The summary counts r1 once and r2's first payload only: 10 + 20 + 30 = 60 calls at 0.10.
        // The conflicting r2 was the only record of its own summary (A-VOL), which is not rated.
        #expect(try fixture.lines("summary.csv").dropFirst() == ["acme,api-calls,2026-10,USD,3,60,6.00"])
        #expect(report.summaries == 1)
    }

    @Test func everyRejectReasonWithItsPlaceAndMessage() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        let usage = try fixture.write("usage.csv", BulkFixture.header + """
            ok,A-GRAD,api-calls,2026-10-03T10:00:00Z,10,
            neg,A-GRAD,api-calls,2026-10-03T10:00:00Z,-1,
            nan,A-GRAD,api-calls,2026-10-03T10:00:00Z,ten,
            who,A-NOPE,api-calls,2026-10-03T10:00:00Z,1,
            what,A-GRAD,api-cals,2026-10-03T10:00:00Z,1,
            when,A-GRAD,api-calls,2026-10-03 10:00:00,1,
            ,A-GRAD,api-calls,2026-10-03T10:00:00Z,1,
            short,A-GRAD,api-calls
            far,A-GRAD,storage,2026-10-03T10:00:00Z,1,
            open,A-GRAD,api-calls,2026-10-03T10:00:00Z,"1,
            last,A-GRAD,api-calls,2026-10-03T10:00:00Z,1,

            """)
        let report = try fixture.rate([usage])
        #expect(report.records == 10)
        #expect(report.rated == 1)
        #expect(report.rejected == 9)
        let rejects = try fixture.lines("rejects.csv").dropFirst().map(BulkFixture.fields)
        let summary = rejects.map { "\($0[1]) \($0[2]) \($0[3]) \($0[4])" }
        #expect(summary == [
            "3 neg quantity InvalidQuantity",
            "4 nan quantity InvalidQuantity",
            "5 who assetId UnknownAsset",
            "6 what resourceId UnknownResource",
            "7 when timestamp InvalidTimestamp",
            "8  recordId MissingField",
            "9 short  WrongColumnCount",
            "10 far resourceId RateNotFound",
            "11 open  UnterminatedQuote",
        ])
        #expect(rejects[0][5] == "quantity must not be negative, found -1")
        #expect(rejects[4][5].contains("the zone is missing"))
        #expect(rejects[6][5] == "3 fields, but the header has 6")
        #expect(rejects[8][5].contains("never closes"))
    }

    @Test func attributesAreTypedAsDeclared() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        let usage = try fixture.write("usage.csv", """
            recordId,assetId,resourceId,timestamp,quantity,tier
            good,A-FLAT,storage,2026-10-03T10:00:00Z,1,2
            bad,A-FLAT,storage,2026-10-03T10:00:00Z,1,gold

            """)
        let report = try fixture.rate([usage])
        #expect((report.rated, report.rejected) == (1, 1))
        let reject = try fixture.lines("rejects.csv").dropFirst().map(BulkFixture.fields).first
        #expect(reject?[3] == "attributes.tier")
        #expect(reject?[4] == "InvalidAttribute")
        #expect(reject?[5] == "attribute 'tier' is declared number, not 'gold'")
    }

    @Test func maxErrorsStopsBeforeWritingAnything() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        let usage = try fixture.write("usage.csv", BulkFixture.header + """
            a,A-GRAD,api-calls,2026-10-03T10:00:00Z,x,
            b,A-GRAD,api-calls,2026-10-03T10:00:00Z,y,

            """)
        #expect(throws: RatingInputError.self) {
            try fixture.rate([usage], options: BulkRatingOptions(maxErrors: 1))
        }
        do {
            _ = try fixture.rate([usage], options: BulkRatingOptions(maxErrors: 1))
        } catch let error as RatingInputError {
            #expect(error.message.hasPrefix("stopped: 2 records rejected, more than --max-errors 1 allows; the first: \(usage):2: quantity: 'x' is not a number"))
        }
        let written = (try? FileManager.default.contentsOfDirectory(atPath: "\(fixture.directory)/out")) ?? []
        #expect(written.isEmpty)
        // Within the limit the run completes.
        #expect(try fixture.rate([usage], options: BulkRatingOptions(maxErrors: 2)).rejected == 2)
    }

    @Test func badHeadersStopTheRun() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        let unknown = try fixture.write("unknown.csv", "recordId,assetId,resourceId,timestamp,quantity,colour\n")
        let missing = try fixture.write("missing.csv", "recordId,assetId,timestamp,quantity\n")
        let empty = try fixture.write("empty.csv", "")
        func message(_ path: String) -> String {
            do {
                _ = try fixture.rate([path])
                return ""
            } catch let error as RatingInputError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(message(unknown).hasPrefix("\(unknown):1: column 6 'colour' is neither a record field"))
        #expect(message(missing) == "\(missing):1: the header has no 'resourceId' column; it needs recordId, assetId, resourceId, timestamp, quantity")
        #expect(message(empty) == "\(empty): the file is empty; a CSV usage file starts with a header row")
        #expect(message("\(fixture.directory)/absent.csv").contains("cannot open"))
    }

    @Test func reratingIsByteIdenticalAndChunkingDoesNotMatter() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        var text = BulkFixture.header
        var random = SplitMix64(seed: 7)
        for index in 0..<2_000 {
            // Quoted ids with commas and quotes, and quoted values with line breaks, cross chunk boundaries.
            let id = index % 7 == 0 ? "\"id \(index), with \"\"quotes\"\"\"" : "id-\(index)"
            let region = index % 5 == 0 ? "\"U\nS\"" : "US"
            let asset = ["A-GRAD", "A-VOL", "A-NEG"][Int.random(in: 0...2, using: &random)]
            text += "\(id),\(asset),api-calls,2026-10-\(10 + index % 9)T01:02:03.5Z,\(Int.random(in: 1...50, using: &random)),\(region)\r\n"
        }
        let usage = try fixture.write("usage.csv", text)
        let one = try fixture.rate([usage], out: "one", options: BulkRatingOptions(workers: 1))
        let many = try fixture.rate([usage], out: "many", options: BulkRatingOptions(workers: 2, chunkSize: 1024))
        let again = try fixture.rate([usage], out: "again", options: BulkRatingOptions(workers: 2, chunkSize: 1500))
        #expect((one.records, one.rated, one.rejected, one.duplicates, one.summaries) == (2_000, 2_000, 0, 0, 6))
        for name in ["rated.csv", "summary.csv", "rejects.csv", "duplicates.csv"] {
            #expect(try fixture.bytes(name, out: "one") == fixture.bytes(name, out: "many"), "\(name)")
            #expect(try fixture.bytes(name, out: "one") == fixture.bytes(name, out: "again"), "\(name)")
        }
        #expect(many.rated == 2_000 && again.rated == 2_000)
        #expect(try fixture.lines("rated.csv", out: "one")[1].hasPrefix("\"id 0, with \"\"quotes\"\"\","))
    }

    @Test func jsonLinesRateLikeCSV() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        let csv = try fixture.write("usage.csv", BulkFixture.header + """
            r1,A-FLAT,api-calls,2026-10-03T10:00:00Z,1000,EU
            r2,A-FLAT,storage,2026-10-03T11:00:00Z,150.5,

            """)
        let jsonl = try fixture.write("usage.jsonl", """
            {"recordId":"r1","assetId":"A-FLAT","resourceId":"api-calls","timestamp":"2026-10-03T10:00:00Z","quantity":1000,"attributes":{"region":"EU"}}
            {"recordId": "r\\u0032", "assetId": "A-FLAT", "resourceId": "storage", "timestamp": "2026-10-03T11:00:00Z", "quantity": "150.5"}
            {"recordId":"r3","assetId":"A-FLAT","resourceId":"storage","timestamp":"2026-10-03T11:00:00Z","quantity":1,"colour":"red"}
            not json
            {"recordId":"r5","assetId":"A-FLAT","resourceId":"storage","timestamp":"2026-10-03T11:00:00Z","quantity":1,"quantity":2}
            {"recordId":"r6","assetId":"A-FLAT","resourceId":"api-calls","timestamp":"2026-10-03T11:00:00Z","quantity":1,"attributes":{"region":"EU","region":"US"}}

            """)
        _ = try fixture.rate([csv], out: "csv")
        let report = try fixture.rate([jsonl], out: "json", options: BulkRatingOptions(format: .jsonl))
        #expect((report.records, report.rated, report.rejected) == (6, 2, 4))
        let rated = try fixture.lines("rated.jsonl", out: "json")
        // C-9's negotiated 0.0018 from June, 25 % off in the EU, 1,000 calls, less the asset's 10 %: 1.215 → 1.22.
        #expect(rated.first == #"{"recordId":"r1","amount":"1.22","currency":"USD","rate":"0.00122","tierMode":null,"tiers":[]}"#)
        // 100 GB at 0.25 and 50.5 GB at 0.20 = 35.10, less 10 %: 31.59.
        #expect(rated.last?.hasPrefix(#"{"recordId":"r2","amount":"31.59","currency":"USD""#) == true)
        #expect(try fixture.amounts(out: "csv") == ["r1": try ExactDecimal("1.22"), "r2": try ExactDecimal("31.59")])
        let rejects = try fixture.lines("rejects.csv", out: "json").dropFirst().map(BulkFixture.fields)
        #expect(rejects.map { $0[4] } == ["InvalidRecord", "InvalidRecord", "InvalidRecord", "InvalidRecord"])
        #expect(rejects.first?[5].hasPrefix("unknown field 'colour'") == true)
        #expect(rejects.suffix(2).map { [$0[3], $0[5]] } == [["quantity", "quantity appears twice in the record; write it once"],
                                                             ["attributes.region", "attribute 'region' appears twice in the record; write it once"]])
    }
}
