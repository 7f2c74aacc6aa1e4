import Foundation
import Logging
import PostgresNIO
public import Storage

/// The store on PostgreSQL, through postgres-nio: for several processes sharing one database.
///
/// Every call is one transaction. Publishes are serialised by a transaction-scoped advisory lock,
/// so a publish prepared from an older version gets `Conflict`, never a half-written version.
/// Call ``close()`` when done.
public final class PostgresStore: Store, Sendable {
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger = Logger(label: "revenue.storage.postgres")
    /// The URL without its password.
    public let display: String

    public var name: String { display }
    /// The migrations that opening the database applied (empty when it was up to date).
    public let migratedAtOpen: [String]
    /// How long a call waits for the server (for a connection, a lock or an answer) before
    /// failing with `DatabaseUnavailable`; its transaction is then rolled back.
    public let timeout: Duration

    private init(client: PostgresClient, runner: Task<Void, Never>, display: String, migratedAtOpen: [String],
                 timeout: Duration)
    {
        self.client = client
        self.runner = runner
        self.display = display
        self.migratedAtOpen = migratedAtOpen
        self.timeout = timeout
    }

    /// Connects to `url` and brings the schema up to date.
    ///
    /// - Throws: `InvalidDatabaseURL` for a malformed URL, `DatabaseUnavailable` when the server
    ///   cannot be reached, `DatabaseError` when the schema is newer than this program's.
    public static func open(url: String, timeout: Duration = .seconds(15)) async throws(StoreError) -> PostgresStore {
        let location = try PostgresLocation(url)
        // One direct connection first: the pool would keep retrying for a minute before giving up.
        let quiet = Logger(label: "revenue.storage.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            let connection = try await PostgresConnection.connect(configuration: location.probe, id: 0, logger: quiet)
            try await connection.close()
        } catch {
            throw storeError(error, while: "connecting", display: location.display)
        }
        let client = PostgresClient(configuration: location.configuration,
                                    backgroundLogger: Logger(label: "revenue.storage.postgres", factory: { _ in SwiftLogNoOpLogHandler() }))
        let runner = Task { await client.run() }
        do {
            let migrated = try await migrate(client, schema: location.schema, display: location.display)
            return PostgresStore(client: client, runner: runner, display: location.display, migratedAtOpen: migrated,
                                 timeout: location.timeout ?? timeout)
        } catch {
            runner.cancel()
            throw error
        }
    }

    /// Closes the connections.
    public func close() {
        runner.cancel()
    }

    deinit {
        runner.cancel()
    }

    /// The migrations applied to the database, in order.
    public func appliedMigrations() async throws(StoreError) -> [String] {
        try await transaction("reading the schema version") { connection in
            try await connection.query("SELECT name FROM revenue_migrations ORDER BY position", logger: self.logger)
                .collect().map { try $0.decode(String.self) }
        }
    }

    /// Applies the migrations the database lacks, in order, under an advisory lock on the schema
    /// so that two processes starting at once do not both migrate it; returns their names.
    private static func migrate(_ client: PostgresClient, schema: String?, display: String) async throws(StoreError) -> [String] {
        let logger = Logger(label: "revenue.storage.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            return try await client.withTransaction(logger: logger) { connection in
                if let schema {
                    // `schema` is letters, digits and _ only (checked in PostgresLocation).
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: logger)
                }
                // One lock per schema: stores in other schemas of the same database migrate
                // without waiting for this one.
                try await connection.query("SELECT pg_advisory_xact_lock(7413001, hashtext(\(schema ?? "public")))", logger: logger)
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS revenue_migrations (
                        position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at_ms BIGINT NOT NULL)
                    """, logger: logger)
                let applied = try await connection.query("SELECT name FROM revenue_migrations ORDER BY position", logger: logger)
                    .collect().map { try $0.decode(String.self) }
                let known = PostgresSchema.migrations.map(\.name)
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw StoreError(.failed, "\(display) has schema migration '\(unknown)', which this version of revenue does not know; use a newer revenue")
                }
                var pending: [String] = []
                for (position, migration) in PostgresSchema.migrations.enumerated() where !applied.contains(migration.name) {
                    for statement in migration.sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
                        try await connection.query(PostgresQuery(unsafeSQL: String(statement)), logger: logger)
                    }
                    let now = StoredTime.milliseconds(Date())
                    try await connection.query(
                        "INSERT INTO revenue_migrations (position, name, applied_at_ms) VALUES (\(position + 1), \(migration.name), \(now))",
                        logger: logger)
                    pending.append(migration.name)
                }
                return pending
            }
        } catch {
            throw storeError(error, while: "migrating", display: display)
        }
    }

    // MARK: Running statements

    /// Runs `body` in one transaction, turning database errors into ``StoreError``. A call that
    /// outlasts ``timeout`` is cancelled, and its transaction rolled back.
    func transaction<T: Sendable>(_ what: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T)
        async throws(StoreError) -> T
    {
        try await connection(what, inTransaction: true, body)
    }

    /// Runs `body` on one connection; inside a transaction unless `inTransaction` is false (each
    /// statement then commits by itself). Calls outlasting ``timeout`` are cancelled.
    func connection<T: Sendable>(_ what: String, inTransaction: Bool,
                                 _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(StoreError) -> T
    {
        let client = client
        let logger = logger
        let timeout = timeout
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    inTransaction
                        ? try await client.withTransaction(logger: logger) { connection in try await body(connection) }
                        : try await client.withConnection { connection in try await body(connection) }
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let result = first else {
                    throw StoreError(.unavailable, "\(what): \(self.display) did not answer within \(timeout)")
                }
                return result
            }
        } catch {
            throw Self.storeError(error, while: what, display: display)
        }
    }

    static func storeError(_ error: any Error, while what: String, display: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError {
            // The first failure tells what happened; a failed rollback after it adds nothing.
            if let cause = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError {
                return storeError(cause, while: what, display: display)
            }
        }
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? "\(error.code)"
                switch state {
                case "23505": return StoreError(.conflict, "\(what): \(message)")
                case "40001", "40P01": return StoreError(.conflict, "\(what): \(message); try again")
                case let state where state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300":
                    return StoreError(.unavailable, "\(what): \(display): \(message)")
                default: return StoreError(.failed, "\(what): \(display): \(message) (SQLSTATE \(state))")
                }
            }
            return StoreError(.unavailable, "\(what): cannot reach \(display): \(describe(error))")
        }
        if error is CancellationError { return StoreError(.unavailable, "\(what): \(display): cancelled") }
        return StoreError(.unavailable, "\(what): cannot reach \(display): \(error)")
    }

    private static func describe(_ error: PSQLError) -> String {
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
