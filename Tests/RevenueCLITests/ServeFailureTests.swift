import Foundation
import RevenueTestSupport
import Storage
import StorageSQLite
import Synchronization
import Testing

/// `revenue serve` when things go wrong underneath it: killed with SIGKILL in the middle of usage
/// batches, and its PostgreSQL server going away and coming back.
@Suite("revenue serve under failure", .serialized)
struct ServeFailureTests {
    /// Batches sent, and the ones the server acknowledged with a 200.
    final class Ledger: Sendable {
        private let acknowledged = Mutex<Set<String>>([])
        func acknowledge(_ batch: String) { acknowledged.withLock { _ = $0.insert(batch) } }
        var batches: Set<String> { acknowledged.withLock { $0 } }
    }

    static let batchSize = 200

    static func batch(_ name: String) -> String {
        let records = (0..<batchSize).map { index in
            #"{"recordId":"\#(name)-\#(index)","assetId":"AS-ACME-1","resourceId":"api-writes","timestamp":"2026-10-02T10:00:00Z","quantity":"\#(index).5"}"#
        }
        return #"{"records":["# + records.joined(separator: ",") + "]}"
    }

    @Test("SIGKILL in the middle of usage batches loses no acknowledged batch and half-writes none", arguments: CommandStore.allCases)
    func killDuringIngest(store kind: CommandStore) async throws {
        let directory = try ServeCommandTests.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try kind.database(in: directory)
        let server = try await ServerProcess.start(["--database", database])
        let key = try #require(server.adminKey)
        let ledger = Ledger()
        let senders = 3
        try await withThrowingTaskGroup(of: Void.self) { group in
            for sender in 0..<senders {
                group.addTask {
                    for number in 0... {
                        let name = "s\(sender)-b\(number)"
                        // After the kill a request fails to connect: that sender is done.
                        guard let answer = try? await server.send("POST", "/v1/usage/records", key: key, body: Self.batch(name)) else { return }
                        if answer.status == 200 { ledger.acknowledge(name) }
                    }
                }
            }
            // Kill once a few batches are in, while others are in flight.
            while ledger.batches.count < 6 { try await Task.sleep(for: .milliseconds(20)) }
            kill(server.process.processIdentifier, SIGKILL)
            try await group.waitForAll()
        }
        _ = await server.stop()

        let store = try await kind.open(database)
        defer { store.close() }
        var counts: [String: Int] = [:]
        var cursor: String?
        while true {
            let page = try await store.usageRecords(after: cursor, limit: 1_000)
            for record in page { counts[record.id.split(separator: "-").prefix(2).joined(separator: "-"), default: 0] += 1 }
            guard page.count == 1_000 else { break }
            cursor = page.last?.id
        }
        let acknowledged = ledger.batches
        #expect(acknowledged.count >= 6)
        for batch in acknowledged {
            #expect(counts[batch] == Self.batchSize, "acknowledged batch \(batch) has \(counts[batch] ?? 0) of \(Self.batchSize) records")
        }
        for (batch, count) in counts {
            #expect(count == Self.batchSize, "batch \(batch) is half-written: \(count) of \(Self.batchSize) records")
        }

        // The same store serves again, with the same key.
        let again = try await ServerProcess.start(["--database", database])
        let answer = try await again.send("GET", "/v1/usage/records?limit=1", key: key)
        #expect(answer.status == 200, "\(answer.text)")
        #expect(await again.stop() == 0)
    }

    @Test("the database goes away: 503 problems with Retry-After, pricing from memory goes on; it comes back: the next request succeeds")
    func databaseOutage() async throws {
        let cluster = try await PostgresCluster.start()
        defer { cluster.remove() }
        let url = cluster.url
        let server = try await ServerProcess.start(["--database", url + (url.contains("?") ? "&" : "?") + "timeout=3"])
        let key = try #require(server.adminKey)
        #expect(try await server.send("GET", "/v1/quotes", key: key).status == 200)

        try await cluster.pause()
        let quotes = try await server.send("GET", "/v1/quotes", key: key)
        #expect(quotes.status == 503, "\(quotes.text)")
        #expect(quotes.headers["content-type"] == "application/problem+json")
        #expect(quotes.json?["code"] as? String == "DatabaseUnavailable")
        #expect(quotes.headers["retry-after"] == "1")
        let ready = try await server.send("GET", "/readyz", key: nil)
        #expect(ready.status == 503)
        let priced = try await server.send("POST", "/v1/price", key: key, body: ServeCommandTests.quote("Q-OUTAGE"))
        #expect(priced.status == 200, "\(priced.text)")

        try await cluster.resume()
        var status = 0
        for _ in 0..<50 where status != 200 {
            status = try await server.send("GET", "/v1/quotes", key: key).status
            if status != 200 { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(status == 200)
        #expect(try await server.send("GET", "/readyz", key: nil).status == 200)
        #expect(await server.stop() == 0)
    }
}
