import Foundation
import Storage
import StoragePostgres
import Testing

/// A PostgreSQL server that goes away during a run: calls fail with `DatabaseUnavailable`, and the
/// next call after the server is back succeeds. The test starts a cluster of its own, so that
/// stopping it does not disturb the other tests.
@Suite("Storage: PostgreSQL outages", .serialized)
struct PostgresOutageTests {
    typealias F = StoreFixtures

    /// `scripts/postgres.sh`, found from this file.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres.sh").path

    static func script(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ScriptFailed(arguments: arguments) }
        return text
    }

    struct ScriptFailed: Error { var arguments: [String] }

    @Test("the server stops: calls fail clearly within the timeout; it comes back: the next call succeeds")
    func serverStopsAndReturns() async throws {
        let started = try Self.script(["start"])
        let values = Dictionary(uniqueKeysWithValues: started.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.replacingOccurrences(of: "export ", with: "").split(separator: "=", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        })
        let url = try #require(values["POSTGRES_URL"])
        let data = try #require(values["REVENUE_PG_DATA"])
        defer { _ = try? Self.script(["stop", data]) }

        let store = try await PostgresStore.open(url: url, timeout: .seconds(3))
        defer { store.close() }
        _ = try await store.publish(Publication(files: F.definitions(), author: "ana", comment: "", at: F.date, basedOn: nil))

        _ = try Self.script(["pause", data])
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: StoreError.self) { try await store.versions() }
        #expect(error?.code == .unavailable)
        #expect(error?.message.hasPrefix("listing versions: ") == true, "\(String(describing: error))")
        #expect(clock.now - start < .seconds(5))
        let opening = await #expect(throws: StoreError.self) { try await PostgresStore.open(url: url) }
        #expect(opening?.code == .unavailable)

        _ = try Self.script(["resume", data])
        let versions = try await store.versions()
        #expect(versions.map(\.number) == [1])
        // Nothing was lost or half-written while the server was away.
        #expect(try await store.files(of: 1) == F.definitions().sorted { $0.path < $1.path })
    }
}
