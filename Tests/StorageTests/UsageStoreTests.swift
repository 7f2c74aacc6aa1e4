import Foundation
import Storage
import Testing

/// Usage records stored idempotently by record id, over every store.
@Suite("Storage: usage records")
struct UsageStoreTests {
    static func record(_ id: String, quantity: String = "1", attributes: String = "") -> UsageRecord {
        UsageRecord(id: id, asset: "A-1", resource: "cpu-hours", quantity: quantity, timestamp: "2026-10-01T00:00:00Z",
                    occurredAt: 1_790_812_800, attributes: attributes)
    }

    static func store(_ kind: StoreKind) async throws -> any Store {
        try await kind.open(try kind.newLocation())
    }

    @Test("every record ends inserted, duplicate or conflict, and a batch can be stored again", arguments: StoreKind.allCases)
    func idempotent(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        let batch = (0..<1_000).map { Self.record("r\($0)", quantity: "\($0).5") }
        #expect(try await store.ingest(batch) == IngestResult(inserted: 1_000, duplicates: 0, conflicts: []))
        #expect(try await store.ingest(batch) == IngestResult(inserted: 0, duplicates: 1_000, conflicts: []))
        let mixed = [Self.record("r1", quantity: "1.5"), Self.record("r2", quantity: "9"), Self.record("new"),
                     Self.record("new"), Self.record("new", quantity: "2")]
        #expect(try await store.ingest(mixed) == IngestResult(inserted: 1, duplicates: 2, conflicts: ["r2", "new"]))
        #expect(try await store.usageCount() == 1_001)
        // The stored records are the first ones seen.
        #expect(try await store.usageRecords(after: "r199", limit: 1) == [Self.record("r2", quantity: "2.5")])
        #expect(try await store.usageRecords(after: "q", limit: 2).map(\.id) == ["r0", "r1"])
        #expect(try await store.ingest([]) == IngestResult(inserted: 0, duplicates: 0, conflicts: []))
    }

    @Test("tabs, newlines, backslashes, quotes, SQL and Unicode in every field round-trip", arguments: StoreKind.allCases)
    func hostileText(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        let nasty = "a\tb\nc\\d\r'e\";DROP TABLE usage_records;-- \\N ünï 💶"
        let record = UsageRecord(id: nasty, asset: nasty, resource: nasty, quantity: nasty, timestamp: nasty, occurredAt: 7,
                                 attributes: nasty)
        #expect(try await store.ingest([record, Self.record("plain")]) == IngestResult(inserted: 2, duplicates: 0, conflicts: []))
        #expect(try await store.ingest([record]) == IngestResult(inserted: 0, duplicates: 1, conflicts: []))
        #expect(try await store.usageRecords(after: nil, limit: 10).sorted { $0.id < $1.id } == [record, Self.record("plain")].sorted { $0.id < $1.id })
        let nul = await #expect(throws: StoreError.self) { try await store.ingest([Self.record("x\u{0}")]) }
        #expect(nul?.code == .invalidInput)
        let late = await #expect(throws: StoreError.self) { try await store.ingest([Self.record("y", attributes: "k=v\u{0}")]) }
        #expect(late?.message == "usage record 'y' field attributes contains a NUL character")
        #expect(try await store.usageCount() == 2)
    }

    @Test("times at the ends of the 64-bit range, negative and zero round-trip", arguments: StoreKind.allCases)
    func extremeTimes(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        let times: [Int64] = [.min, -86_400, -1, 0, 9, 10, 1_790_812_800, .max]
        let records = times.enumerated().map { index, time in
            UsageRecord(id: "t\(index)", asset: "", resource: "r", quantity: "1", timestamp: "\(time)", occurredAt: time, attributes: "")
        }
        #expect(try await store.ingest(records) == IngestResult(inserted: times.count, duplicates: 0, conflicts: []))
        #expect(try await store.usageRecords(after: nil, limit: 100) == records)
    }

    @Test("a usage file is recorded once, found by checksum, and listed newest first", arguments: StoreKind.allCases)
    func usageFiles(kind: StoreKind) async throws {
        let store = try await Self.store(kind)
        let nasty = "usage/'; DROP TABLE usage_files;-- ünï 💶.csv"
        let first = UsageFile(checksum: String(repeating: "a", count: 64), path: nasty, records: 10, inserted: 7,
                              duplicates: 1, conflicts: 1, rejected: 1, author: "Zoë", ingestedAt: Date(timeIntervalSince1970: 1_000))
        var second = first
        second.checksum = String(repeating: "b", count: 64)
        second.path = "later.csv"
        second.ingestedAt = Date(timeIntervalSince1970: 2_000)
        #expect(try await store.usageFile(checksum: first.checksum) == nil)
        try await store.recordUsageFile(first)
        try await store.recordUsageFile(second)
        #expect(try await store.usageFile(checksum: first.checksum) == first)
        #expect(try await store.usageFiles() == [second, first])
        let again = await #expect(throws: StoreError.self) { try await store.recordUsageFile(first) }
        #expect(again?.code == .conflict)
        #expect(again?.message.contains("was recorded already") == true)
        var nul = first
        nul.checksum = "c\u{0}"
        let invalid = await #expect(throws: StoreError.self) { try await store.recordUsageFile(nul) }
        #expect(invalid?.code == .invalidInput)
        #expect(try await store.usageFiles().count == 2)
    }
}
