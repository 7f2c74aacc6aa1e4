import GRDB
import GRDBSQLite

/// Runs one prepared INSERT many times, binding each row's values through SQLite's C API.
///
/// GRDB's `StatementArguments` box every value in an existential and convert it to a
/// `DatabaseValue` before binding; for a batch of 1,000 usage records that cost twice what SQLite
/// itself spends inserting them. The statement stays GRDB's (cached, finalized by GRDB) and runs
/// inside GRDB's transaction; only the binding and stepping go straight to SQLite.
struct RowInserter {
    private let statement: Statement
    private let db: Database

    /// An inserter for `sql`, prepared once per connection (GRDB's statement cache).
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        sqlite3_reset(statement.sqliteStatement)
    }

    /// Binds `text` to the placeholder at `index` (1-based), or NULL for nil; SQLite copies the
    /// bytes.
    func bind(_ text: String?, at index: Int32) throws {
        let handle = statement.sqliteStatement
        guard var text else {
            let code = sqlite3_bind_null(handle, index)
            guard code == SQLITE_OK else { throw error(code) }
            return
        }
        // An empty buffer may have no address, which SQLite would bind as NULL: "" comes from a
        // literal.
        let code = text.withUTF8 { bytes in
            bytes.isEmpty
                ? sqlite3_bind_text(handle, index, "", 0, Self.transient)
                : sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// Binds `number` to the placeholder at `index` (1-based).
    func bind(_ number: Int64, at index: Int32) throws {
        let code = sqlite3_bind_int64(statement.sqliteStatement, index, number)
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// Runs the statement with the values bound, makes it ready for the next row, and returns the
    /// number of rows it changed (0 when `ON CONFLICT DO NOTHING` skipped the row).
    func run() throws -> Int {
        let code = sqlite3_step(statement.sqliteStatement)
        guard code == SQLITE_DONE else { throw error(code) }
        sqlite3_reset(statement.sqliteStatement)
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// SQLite's SQLITE_TRANSIENT, which Swift does not import.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// SQLite's error, as GRDB reports it, so that the store maps it like any other.
    private func error(_ code: Int32) -> DatabaseError {
        let message = sqlite3_errmsg(db.sqliteConnection).map { String(cString: $0) }
        sqlite3_reset(statement.sqliteStatement)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
