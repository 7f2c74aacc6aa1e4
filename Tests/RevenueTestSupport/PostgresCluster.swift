import Foundation

/// A PostgreSQL cluster of a test's own, through `scripts/postgres.sh`, that the test may stop and
/// start again without disturbing the other tests' server.
public struct PostgresCluster: Sendable {
    public struct ScriptFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// `postgres://…` of the cluster.
    public let url: String
    /// The cluster's data directory, which names it to the script.
    public let data: String

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/postgres.sh").path

    /// Starts a new cluster on loopback.
    public static func start() async throws -> PostgresCluster {
        let values = try await run(["start"])
        guard let url = values["POSTGRES_URL"], let data = values["REVENUE_PG_DATA"] else {
            throw ScriptFailed(description: "scripts/postgres.sh start printed no POSTGRES_URL and REVENUE_PG_DATA")
        }
        return PostgresCluster(url: url, data: data)
    }

    /// Stops the server, as an outage (`pause`).
    public func pause() async throws { _ = try await Self.run(["pause", data]) }

    /// Starts the server again (`resume`).
    public func resume() async throws { _ = try await Self.run(["resume", data]) }

    /// Stops the server and removes the cluster; callable from a `defer`.
    public func remove() { _ = try? Self.runBlocking(["stop", data]) }

    /// Runs the script on a thread of its own, off the cooperative pool: on two cores the pool
    /// has two threads, and a test blocking them stalls every other test's database work.
    static func run(_ arguments: [String]) async throws -> [String: String] {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(arguments) }) }.start()
        }
    }

    /// Runs the script; the `export NAME=VALUE` lines it prints.
    static func runBlocking(_ arguments: [String]) throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ScriptFailed(description: "scripts/postgres.sh \(arguments) failed") }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.replacingOccurrences(of: "export ", with: "").split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        return values
    }
}
