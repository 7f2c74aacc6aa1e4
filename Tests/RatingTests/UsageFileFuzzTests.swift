import Foundation
import Money
import Rating
import Testing

/// The usage file readers never crash and never drop a record silently, whatever the bytes:
/// every record read is rated, rejected or a duplicate.
@Suite struct UsageFileFuzzTests {
    private static let valid = BulkFixture.header + """
        r1,A-GRAD,api-calls,2026-10-03T10:00:00Z,10,
        "r,2",A-VOL,api-calls,2026-10-03T10:00:00Z,"2.5",US
        r3,A-FLAT,api-calls,2026-10-03T10:00:00Z,7,"E""U"
        r4,A-FLAT,storage,2026-10-04T10:00:00-05:00,0.125,

        """

    private func check(_ fixture: BulkFixture, _ name: String, _ bytes: [UInt8], chunkSize: Int = 1024) throws {
        let path = try fixture.write(name, bytes: bytes)
        do {
            let report = try fixture.rate([path], out: "out-\(name)", options: BulkRatingOptions(chunkSize: chunkSize))
            #expect(report.records == report.rated + report.rejected + report.duplicates)
            let written = try fixture.lines("rejects.csv", out: "out-\(name)").count - 1
            #expect(written == report.rejected, "every rejected record is in rejects.csv")
        } catch let error as RatingInputError {
            // Only the header can stop a run, and it says so.
            #expect(error.message.contains(":1:") || error.message.contains("empty"), "\(error.message)")
        }
    }

    @Test func randomBytes() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        var random = SplitMix64(seed: 99)
        let alphabet = Array(",\"\n\r\0 abc1.-:TZ{}[]\\".utf8)
        for round in 0..<60 {
            var bytes = Array(BulkFixture.header.utf8)
            for _ in 0..<Int.random(in: 0...3_000, using: &random) {
                bytes.append(Bool.random(using: &random) ? alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
                                                         : UInt8.random(in: 0...255, using: &random))
            }
            try check(fixture, "random-\(round).csv", bytes, chunkSize: 1024 + round)
            try check(fixture, "random-\(round).jsonl", Array(bytes.dropFirst(BulkFixture.header.utf8.count)))
        }
    }

    @Test func everyTruncationOfAValidFile() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        let bytes = Array(Self.valid.utf8)
        for length in stride(from: 0, through: bytes.count, by: 3) {
            try check(fixture, "cut-\(length).csv", Array(bytes[..<length]))
        }
        // Cut right after the header: no records at all.
        let header = Array(BulkFixture.header.utf8)
        let path = try fixture.write("header.csv", bytes: header)
        let report = try fixture.rate([path], out: "out-header")
        #expect(report.records == 0)
    }

    @Test func embeddedNULsAndQuotedSeparators() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        let text = BulkFixture.header + "r\u{0}1,A-GRAD,api-calls,2026-10-03T10:00:00Z,10,\n"
            + "\"r2\",\"A-GRAD\",\"api-calls\",\"2026-10-03T10:00:00Z\",\"1\",\"a,b\nc\"\n"
            + "r3,A-GRAD,api-calls,2026-10-03T10:00:00Z,1\u{0},\n"
        let path = try fixture.write("nul.csv", text)
        let report = try fixture.rate([path], out: "out-nul")
        #expect((report.records, report.rated, report.rejected) == (3, 1, 2))
        let rejects = try fixture.lines("rejects.csv", out: "out-nul").dropFirst().map(BulkFixture.fields)
        #expect(rejects.map { $0[3] } == ["recordId", "quantity"])
        #expect(try fixture.amounts(out: "out-nul").keys.sorted() == ["r2"])
    }

    /// The scanner looks for commas and line breaks eight bytes at a time: ids of every length,
    /// with bytes beside the comma's value and bytes above 0x7F, put field ends at every offset.
    @Test func fieldEndsAtEveryOffsetOfAWord() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        let ids = (1...40).map { length in String((0..<length).map { ["+", "-", "é", "x", "."][$0 % 5] }) + "\(length)" }
        let text = BulkFixture.header + ids.map { "\($0),A-GRAD,api-calls,2026-10-03T10:00:00Z,1,EU" }.joined(separator: "\n") + "\n"
        let path = try fixture.write("offsets.csv", text)
        let report = try fixture.rate([path], out: "out-offsets")
        #expect((report.records, report.rated, report.rejected) == (40, 40, 0))
        #expect(try fixture.amounts(out: "out-offsets").keys.sorted() == ids.sorted())
    }

    @Test func oneLineOf100MB() throws {
        let fixture = try BulkFixture()
        defer { fixture.remove() }
        var bytes = Array(BulkFixture.header.utf8)
        bytes += Array("big,A-GRAD,api-calls,2026-10-03T10:00:00Z,1,".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 100 << 20)
        bytes += Array("\nr2,A-GRAD,api-calls,2026-10-03T10:00:00Z,1,\n".utf8)
        let path = try fixture.write("big.csv", bytes: bytes)
        let report = try fixture.rate([path], out: "out-big")
        #expect((report.records, report.rated, report.rejected) == (2, 2, 0))
        // The 100 MB region makes its own summary; both records are rated.
        #expect(report.summaries == 2)
    }
}
