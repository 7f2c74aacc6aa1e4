import Foundation
import RevenueTestSupport
import Storage
import StoragePostgres
import Testing

/// A PostgreSQL server that goes away during a run: calls fail with `DatabaseUnavailable`, and the
/// next call after the server is back succeeds. The test starts a cluster of its own, so that
/// stopping it does not disturb the other tests.
@Suite("Storage: PostgreSQL outages", .serialized)
struct PostgresOutageTests {
    typealias F = StoreFixtures

    @Test("the server stops: calls fail clearly within the timeout; it comes back: the next call succeeds")
    func serverStopsAndReturns() async throws {
        let cluster = try await PostgresCluster.start()
        defer { cluster.remove() }
        let url = cluster.url

        let store = try await PostgresStore.open(url: url, timeout: .seconds(3))
        defer { store.close() }
        _ = try await store.publish(Publication(files: F.definitions(), author: "ana", comment: "", at: F.date, basedOn: nil))

        try await cluster.pause()
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: StoreError.self) { try await store.versions() }
        #expect(error?.code == .unavailable)
        #expect(error?.message.hasPrefix("listing versions: ") == true, "\(String(describing: error))")
        #expect(clock.now - start < .seconds(5))
        let opening = await #expect(throws: StoreError.self) { try await PostgresStore.open(url: url) }
        #expect(opening?.code == .unavailable)

        try await cluster.resume()
        let versions = try await store.versions()
        #expect(versions.map(\.number) == [1])
        // Nothing was lost or half-written while the server was away.
        #expect(try await store.files(of: 1) == F.definitions().sorted { $0.path < $1.path })
    }
}
