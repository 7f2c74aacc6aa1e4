import Foundation
import GRDB
public import Storage

extension SQLiteStore: QuoteStore {
    public func createQuote(_ quote: StoredQuote) async throws(StoreError) {
        try StoredText.check(quote)
        guard quote.revision == 1 else { throw StoreError(.invalidInput, "a new quote starts at revision 1") }
        try await write("storing quote \(quote.id)") { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM quotes WHERE id = ?", arguments: [quote.id]) != nil {
                throw StoreError(.conflict, "quote '\(quote.id)' exists; reprice it, or give the new quote another id")
            }
            try db.execute(sql: "INSERT INTO quotes (id, latest_revision) VALUES (?, 1)", arguments: [quote.id])
            try Self.insert(quote, db)
        }
    }

    public func addRevision(_ quote: StoredQuote) async throws(StoreError) {
        try StoredText.check(quote)
        try await write("storing quote \(quote.id) revision \(quote.revision)") { db in
            guard let latest = try Int.fetchOne(db, sql: "SELECT latest_revision FROM quotes WHERE id = ?", arguments: [quote.id])
            else { throw StoreError(.notFound, "there is no quote '\(quote.id)'") }
            guard quote.revision == latest + 1 else { throw StoreError.revisionConflict(quote: quote.id, latest: latest, adding: quote.revision) }
            try db.execute(sql: "UPDATE quotes SET latest_revision = ? WHERE id = ?", arguments: [quote.revision, quote.id])
            try Self.insert(quote, db)
        }
    }

    public func quote(_ id: String, revision: Int?) async throws(StoreError) -> StoredQuote? {
        try await read("reading quote \(id)") { db in
            let row: Row?
            if let revision {
                row = try Row.fetchOne(db, sql: "SELECT * FROM quote_revisions WHERE quote_id = ? AND revision = ?",
                                       arguments: [id, revision])
            } else {
                row = try Row.fetchOne(db, sql: """
                    SELECT r.* FROM quote_revisions r JOIN quotes q ON q.id = r.quote_id AND q.latest_revision = r.revision
                    WHERE q.id = ?
                    """, arguments: [id])
            }
            return row.map(Self.quote)
        }
    }

    public func quotes(after: String?, limit: Int) async throws(StoreError) -> [QuoteSummary] {
        try await read("listing quotes") { db in
            try Row.fetchAll(db, sql: """
                SELECT r.* FROM quote_revisions r JOIN quotes q ON q.id = r.quote_id AND q.latest_revision = r.revision
                WHERE q.id > ? ORDER BY q.id LIMIT ?
                """, arguments: [after ?? "", max(0, limit)]).map { Self.quote($0).summary }
        }
    }

    private static func insert(_ quote: StoredQuote, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO quote_revisions (quote_id, revision, definitions_version, input, input_format, priced, currency, total,
                                         line_count, has_errors, priced_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [quote.id, quote.revision, quote.definitionsVersion, Data(quote.input), quote.inputFormat,
                             Data(quote.priced), quote.currency, quote.total, quote.lineCount, quote.hasErrors,
                             StoredTime.milliseconds(quote.pricedAt)])
    }

    private static func quote(_ row: Row) -> StoredQuote {
        StoredQuote(id: row["quote_id"], revision: row["revision"], definitionsVersion: row["definitions_version"],
                    input: Array(row["input"] as Data), inputFormat: row["input_format"], priced: Array(row["priced"] as Data),
                    currency: row["currency"], total: row["total"], lineCount: row["line_count"], hasErrors: row["has_errors"],
                    pricedAt: StoredTime.date(milliseconds: row["priced_at_ms"]))
    }
}
