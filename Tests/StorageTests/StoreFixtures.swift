import Foundation
import Storage
import StoragePostgres
import StorageSQLite
import Testing

/// The stores every conformance test runs against.
///
/// PostgreSQL runs against the server named by `POSTGRES_URL`, which `scripts/test.sh` starts.
/// Without it the PostgreSQL cases fail, saying so: they never pass silently.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store: a new file in a new temporary directory, or a new schema.
    func makeStore() async throws -> any DefinitionStore {
        try await open(try newLocation())
    }

    /// Where a fresh store goes: a file path, or a PostgreSQL URL with a schema of its own.
    func newLocation() throws -> String {
        switch self {
        case .sqlite: StoreFixtures.temporaryDirectory().appendingPathComponent("revenue.sqlite").path
        case .postgres: try StoreFixtures.postgresURL()
        }
    }

    /// Opens the store at `location`.
    func open(_ location: String) async throws -> any Store {
        switch self {
        case .sqlite: try await SQLiteStore.open(path: location)
        case .postgres: try await PostgresStore.open(url: location)
        }
    }

    /// Runs SQL on the store at `location` with the database's own command-line client, as an
    /// operator would (`sqlite3` or `psql`).
    func runSQL(_ sql: String, at location: String) throws {
        let process = Process()
        switch self {
        case .sqlite:
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [location, sql]
        case .postgres:
            let (url, schema) = (location.split(separator: "?").first.map(String.init) ?? location,
                                 location.components(separatedBy: "schema=").last ?? "public")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            process.arguments = [url, "-v", "ON_ERROR_STOP=1", "-qc", "SET search_path = \(schema); \(sql)"]
        }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw StoreError(.failed, "\(sql) failed") }
    }
}

enum StoreFixtures {
    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "POSTGRES_URL is not set: run the suite with scripts/test.sh, which starts a PostgreSQL server"
        }
    }

    /// `POSTGRES_URL` with a schema of its own, so that every test starts empty.
    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["POSTGRES_URL"], !url.isEmpty else { throw MissingServer() }
        let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return url + (url.contains("?") ? "&" : "?") + "schema=" + schema
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("revenue-storage-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func file(_ path: String, _ text: String) -> DefinitionFile {
        DefinitionFile(path: path, bytes: Array(text.utf8))
    }

    /// A small valid definitions set: a catalog, a price book and a procedure.
    static func definitions(serverPrice: String = "15000", extraProduct: Bool = false, volumePercent: String = "10")
        -> [DefinitionFile]
    {
        let extra = extraProduct ? "\n  - { id: GADGET, name: Gadget, unitOfMeasure: each }" : ""
        let extraPrice = extraProduct ? "\n  - { product: GADGET, currency: USD, unitPrice: 99.99 }" : ""
        return [
            file("catalog.yaml", """
                kind: Catalog
                id: core
                version: 1
                effectiveFrom: 2026-01-01
                unitsOfMeasure: [{ id: each }]
                products:
                  - { id: SERVER, name: Server, unitOfMeasure: each }
                  - { id: RACK, name: Rack, unitOfMeasure: each }\(extra)
                """),
            file("prices/standard.yaml", """
                kind: PriceBook
                id: std
                version: 1
                effectiveFrom: 2026-01-01
                entries:
                  - { product: SERVER, currency: USD, unitPrice: \(serverPrice) }
                  - { product: RACK, currency: USD, unitPrice: 1000 }\(extraPrice)
                """),
            file("procedures.yaml", """
                kind: PricingProcedure
                id: standard
                version: 1
                effectiveFrom: 2026-01-01
                elements:
                  - { id: list, sequence: 10, kind: listPrice }
                  - id: volume
                    sequence: 20
                    kind: volumeDiscount
                    tiers: [{ lower: 1, adjustment: { type: percent, value: \(volumePercent) } }]
                """),
        ]
    }

    static let date = Date(timeIntervalSince1970: 1_790_000_000)
}
