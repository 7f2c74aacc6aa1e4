public import Foundation
import GRDB
public import Storage

/// The embedded store: one SQLite file in WAL mode, through GRDB.
///
/// Several processes may open the same file: SQLite serialises their writes (each waits up to
/// ``busyTimeout`` for the others), and readers never block. Every call is one transaction.
public final class SQLiteStore: Store, Sendable {
    /// How long a write waits for another connection's write before `DatabaseUnavailable`.
    public static let busyTimeout: TimeInterval = 10

    let pool: DatabasePool
    /// The file, for messages.
    public let path: String
    /// The migrations that opening the file applied (empty when it was up to date).
    public let migratedAtOpen: [String]

    private init(pool: DatabasePool, path: String, migratedAtOpen: [String]) {
        self.pool = pool
        self.path = path
        self.migratedAtOpen = migratedAtOpen
    }

    /// Opens (creating if needed) the file at `path` and brings its schema up to date.
    ///
    /// - Throws: `DatabaseUnavailable` when the file cannot be opened or is not a database;
    ///   `DatabaseError` when its schema is newer than this program's.
    public static func open(path: String) async throws(StoreError) -> SQLiteStore {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "revenue"
        // WAL with synchronous=NORMAL: a commit is in the WAL file before the call returns, so it
        // survives the process being killed; only a power cut can lose the last commits, and it
        // never corrupts the file. FULL would sync the disk on every commit.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -65536")
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.unavailable, "cannot open sqlite:\(path): \(Self.describe(error))")
        }
        return SQLiteStore(pool: pool, path: path, migratedAtOpen: try await migrate(pool, path: path))
    }

    /// Applies the migrations the file lacks, in order; returns their names. A file holding a
    /// migration this program does not know (written by a newer version) is `DatabaseError`.
    private static func migrate(_ pool: DatabasePool, path: String) async throws(StoreError) -> [String] {
        let pending: [String]
        do {
            pending = try await pool.read { db in
                let migrator = SQLiteSchema.migrator
                let applied = try migrator.appliedIdentifiers(db)
                if let unknown = applied.subtracting(migrator.migrations).sorted().first {
                    throw StoreError(.failed, "sqlite:\(path) has schema migration '\(unknown)', which this version of revenue does not know; use a newer revenue")
                }
                return migrator.migrations.filter { !applied.contains($0) }
            }
            if !pending.isEmpty { try SQLiteSchema.migrator.migrate(pool) }
        } catch {
            throw storeError(error, while: "migrating", path: path)
        }
        return pending
    }

    public var name: String { "sqlite:\(path)" }

    /// Nothing to release before the store is dropped: GRDB closes the file then.
    public func close() {}

    /// The migrations applied to the file, in order.
    public func appliedMigrations() async throws(StoreError) -> [String] {
        try await read("reading the schema version") { db in try SQLiteSchema.migrator.appliedMigrations(db) }
    }

    // MARK: Running statements

    /// Runs `body` in a read transaction, turning database errors into ``StoreError``.
    func read<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.storeError(error, while: what, path: path)
        }
    }

    /// Runs `body` in a write transaction (all or nothing).
    func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.storeError(error, while: what, path: path)
        }
    }

    static func storeError(_ error: any Error, while what: String, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.unavailable, "\(what): sqlite:\(path) stayed locked by another process for \(Int(busyTimeout)) s")
            case .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_READONLY:
                return StoreError(.unavailable, "\(what): sqlite:\(path): \(describe(error))")
            default:
                return StoreError(.failed, "\(what): sqlite:\(path): \(describe(error))")
            }
        }
        return StoreError(.failed, "\(what): sqlite:\(path): \(error)")
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
