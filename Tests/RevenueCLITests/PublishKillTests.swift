import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import Testing

/// The stores the command tests run against: a new SQLite file, or a new schema in the
/// PostgreSQL server that `scripts/test.sh` starts (`POSTGRES_URL`; without it these cases fail).
enum CommandStore: String, CaseIterable, Sendable {
    case sqlite, postgres

    struct MissingServer: Error, CustomStringConvertible {
        var description: String { "POSTGRES_URL is not set: run the suite with scripts/test.sh, which starts PostgreSQL" }
    }

    /// A `--database` value for a fresh store.
    func database(in directory: URL) throws -> String {
        switch self {
        case .sqlite: return "sqlite:" + directory.appendingPathComponent("store.sqlite").path
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["POSTGRES_URL"], !url.isEmpty else { throw MissingServer() }
            let schema = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            return url + (url.contains("?") ? "&" : "?") + "schema=" + schema
        }
    }

    /// Opens the store the way the command does.
    func open(_ database: String) async throws -> any Store {
        switch self {
        case .sqlite: try await SQLiteStore.open(path: String(database.dropFirst("sqlite:".count)))
        case .postgres: try await PostgresStore.open(url: database)
        }
    }
}

/// `revenue definitions publish` killed with SIGKILL at random points: after every kill the store
/// opens cleanly, every publish that was acknowledged is there, and no version is half-written.
@Suite("revenue definitions publish under SIGKILL", .serialized)
struct PublishKillTests {
    typealias C = PriceCommandTests

    /// A catalog of `entries / 4` products and a price book of `entries` entries, with every
    /// price shifted by `shift` cents so that each set differs.
    static func writeDefinitions(to directory: URL, entries: Int, shift: Int) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var catalog = "kind: Catalog\nid: big\nversion: 1\neffectiveFrom: 2026-01-01\nunitsOfMeasure: [{ id: each }]\nproducts:\n"
        for product in 0..<(entries / 4) { catalog += "  - { id: P\(product), name: Product \(product), unitOfMeasure: each }\n" }
        var book = "kind: PriceBook\nid: big\nversion: 1\neffectiveFrom: 2026-01-01\nentries:\n"
        for (index, currency) in zip(0..<entries, (0..<entries).map { ["USD", "EUR", "GBP", "CHF"][$0 % 4] }) {
            let cents = 1_000 + index + shift
            book += "  - { product: P\(index / 4), currency: \(currency), unitPrice: \"\(cents / 100).\(String(format: "%02d", cents % 100))\" }\n"
        }
        try catalog.write(to: directory.appendingPathComponent("catalog.yaml"), atomically: true, encoding: .utf8)
        try book.write(to: directory.appendingPathComponent("book.yaml"), atomically: true, encoding: .utf8)
    }

    /// Starts `revenue definitions publish` as a child process.
    static func startPublish(_ directory: URL, _ options: [String], database: String, output: Any, errors: Any) throws -> Process {
        let process = Process()
        process.executableURL = C.executable
        process.arguments = ["definitions", "publish", directory.path] + options + ["--database", database]
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return process
    }

    @Test("kill a publish at random points, many times", arguments: CommandStore.allCases)
    func killedPublishes(kind: CommandStore) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("revenue-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let database = try kind.database(in: root)
        var random = SystemRandomNumberGenerator()
        // One publish run to the end tells how long a publish takes here; kills then land
        // anywhere from the start to a little after the end.
        let calibration = root.appendingPathComponent("calibration")
        try Self.writeDefinitions(to: calibration, entries: 4_000, shift: 99)
        let started = ContinuousClock.now
        let full = try C.run(["definitions", "publish", calibration.path, "--author", "kill-test",
                              "--database", try kind.database(in: root.appendingPathComponent("calibration"))])
        #expect(full.status == 0, "\(full.errors)")
        let duration = ContinuousClock.now - started
        var acknowledged: Set<Int> = []
        var killed = 0
        for round in 0..<12 {
            let definitions = root.appendingPathComponent("set-\(round)")
            try Self.writeDefinitions(to: definitions, entries: 4_000, shift: round)
            let output = Pipe()
            let process = try Self.startPublish(definitions, ["--author", "kill-test", "--comment", "round \(round)"],
                                                database: database, output: output, errors: FileHandle.nullDevice)
            // Most rounds die somewhere in the middle; some finish.
            // Every fourth round runs to the end, so that some publishes are acknowledged however
            // loaded the machine is; the others are killed anywhere in a publish's duration.
            if round % 4 != 3 {
                try await Task.sleep(for: duration * Double.random(in: 0...1.2, using: &random))
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if let number = printed.firstMatch(of: /Published version (\d+)/).flatMap({ Int($0.1) }) {
                acknowledged.insert(number)
            }

            let store = try await kind.open(database)
            defer { store.close() }
            let versions = try await store.versions()
            #expect(acknowledged.isSubset(of: Set(versions.map(\.number))), "round \(round): acknowledged \(acknowledged), stored \(versions.map(\.number))")
            #expect(versions.map(\.number) == Array((0..<versions.count).reversed()).map { $0 + 1 }, "numbers have gaps")
            for version in versions {
                let files = try await store.files(of: version.number)
                #expect(files.count == version.fileCount, "round \(round): version \(version.number) is half-written")
                #expect(DefinitionChecksum.of(files) == version.checksum, "round \(round): version \(version.number) differs")
            }
        }
        // The rounds covered both outcomes: killed before the end, and acknowledged.
        #expect(killed > 0)
        #expect(!acknowledged.isEmpty)
    }

    @Test("two processes publishing into one store at once: one wins, the other gets a conflict",
          arguments: CommandStore.allCases)
    func twoProcesses(kind: CommandStore) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("revenue-two-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let database = try kind.database(in: root)
        try Self.writeDefinitions(to: root.appendingPathComponent("base"), entries: 400, shift: 0)
        #expect(try C.run(["definitions", "publish", root.appendingPathComponent("base").path, "--author", "a",
                           "--database", database]).status == 0)
        let processes = try (1...2).map { side in
            let directory = root.appendingPathComponent("side-\(side)")
            try Self.writeDefinitions(to: directory, entries: 400, shift: side)
            let errors = Pipe()
            let process = try Self.startPublish(directory, ["--author", "side \(side)", "--based-on", "1"], database: database,
                                                output: FileHandle.nullDevice, errors: errors)
            return (process, errors)
        }
        var messages: [String] = []
        for (process, errors) in processes {
            messages.append(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            process.waitUntilExit()
        }
        #expect(processes.map(\.0.terminationStatus).sorted() == [0, 1])
        #expect(messages.filter { $0.hasPrefix("error: Conflict: this publish was prepared from version 1, but version 2 is the latest") }.count == 1,
                "\(messages)")
    }
}
