import Foundation
import NIOCore
import PostgresNIO
public import Storage

extension PostgresStore: QuoteStore {
    public func createQuote(_ quote: StoredQuote) async throws(StoreError) {
        try StoredText.check(quote)
        guard quote.revision == 1 else { throw StoreError(.invalidInput, "a new quote starts at revision 1") }
        try await transaction("storing quote \(quote.id)") { connection in
            let inserted = try await connection.query("""
                INSERT INTO quotes (id, latest_revision) VALUES (\(quote.id), 1) ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: self.logger).collect()
            guard !inserted.isEmpty else {
                throw StoreError(.conflict, "quote '\(quote.id)' exists; reprice it, or give the new quote another id")
            }
            try await Self.insert(quote, connection, self)
        }
    }

    public func addRevision(_ quote: StoredQuote) async throws(StoreError) {
        try StoredText.check(quote)
        try await transaction("storing quote \(quote.id) revision \(quote.revision)") { connection in
            let rows = try await connection.query("SELECT latest_revision FROM quotes WHERE id = \(quote.id) FOR UPDATE",
                                                  logger: self.logger).collect()
            guard let latest = try rows.first?.decode(Int.self) else {
                throw StoreError(.notFound, "there is no quote '\(quote.id)'")
            }
            guard quote.revision == latest + 1 else {
                throw StoreError.revisionConflict(quote: quote.id, latest: latest, adding: quote.revision)
            }
            try await connection.query("UPDATE quotes SET latest_revision = \(quote.revision) WHERE id = \(quote.id)",
                                       logger: self.logger)
            try await Self.insert(quote, connection, self)
        }
    }

    public func quote(_ id: String, revision: Int?) async throws(StoreError) -> StoredQuote? {
        try await transaction("reading quote \(id)") { connection in
            let rows: PostgresRowSequence
            if let revision {
                rows = try await connection.query("""
                    SELECT \(unescaped: Self.columns) FROM quote_revisions r WHERE r.quote_id = \(id) AND r.revision = \(revision)
                    """, logger: self.logger)
            } else {
                rows = try await connection.query("""
                    SELECT \(unescaped: Self.columns) FROM quote_revisions r
                    JOIN quotes q ON q.id = r.quote_id AND q.latest_revision = r.revision WHERE q.id = \(id)
                    """, logger: self.logger)
            }
            return try await Self.quotes(rows).first
        }
    }

    public func quotes(after: String?, limit: Int) async throws(StoreError) -> [QuoteSummary] {
        try await transaction("listing quotes") { connection in
            try await Self.quotes(connection.query("""
                SELECT \(unescaped: Self.columns) FROM quote_revisions r
                JOIN quotes q ON q.id = r.quote_id AND q.latest_revision = r.revision
                WHERE q.id COLLATE "C" > \(after ?? "") ORDER BY q.id COLLATE "C" LIMIT \(max(0, limit))
                """, logger: self.logger)).map(\.summary)
        }
    }

    private static let columns = """
        r.quote_id, r.revision, r.definitions_version, r.input, r.input_format, r.priced, r.currency, r.total, r.line_count,
        r.has_errors, r.priced_at_ms
        """

    private static func insert(_ quote: StoredQuote, _ connection: PostgresConnection, _ store: PostgresStore) async throws {
        try await connection.query("""
            INSERT INTO quote_revisions (quote_id, revision, definitions_version, input, input_format, priced, currency, total,
                                         line_count, has_errors, priced_at_ms)
            VALUES (\(quote.id), \(quote.revision), \(quote.definitionsVersion), \(ByteBuffer(bytes: quote.input)),
                    \(quote.inputFormat), \(ByteBuffer(bytes: quote.priced)), \(quote.currency), \(quote.total),
                    \(quote.lineCount), \(quote.hasErrors), \(StoredTime.milliseconds(quote.pricedAt)))
            """, logger: store.logger)
    }

    private static func quotes(_ rows: PostgresRowSequence) async throws -> [StoredQuote] {
        var quotes: [StoredQuote] = []
        for try await row in rows {
            let (id, revision, version, input, format, priced, currency, total, lines, errors, at) = try row.decode(
                (String, Int, Int, ByteBuffer, String, ByteBuffer, String, String, Int, Bool, Int64).self)
            quotes.append(StoredQuote(id: id, revision: revision, definitionsVersion: version, input: Array(input.readableBytesView),
                                      inputFormat: format, priced: Array(priced.readableBytesView), currency: currency,
                                      total: total, lineCount: lines, hasErrors: errors,
                                      pricedAt: StoredTime.date(milliseconds: at)))
        }
        return quotes
    }
}
