public import Foundation

/// One priced revision of a stored quote: the quote as given, the definitions version it was
/// priced with, and the priced result with every line's waterfall (the JSON of `revenue price`).
public struct StoredQuote: Sendable, Hashable {
    /// The quote id (from the quote document).
    public var id: String
    /// 1 when created, one more for every reprice.
    public var revision: Int
    /// The published definitions version it was priced with.
    public var definitionsVersion: Int
    /// The quote document as given.
    public var input: [UInt8]
    /// `json` or `yaml`: how to read ``input``.
    public var inputFormat: String
    /// The priced quote as JSON, waterfalls included.
    public var priced: [UInt8]
    /// ISO 4217 code.
    public var currency: String
    /// The header total, as exact decimal text.
    public var total: String
    /// How many lines it has.
    public var lineCount: Int
    /// Whether any line (or the quote) failed to price.
    public var hasErrors: Bool
    /// When it was priced.
    public var pricedAt: Date

    /// Creates a revision.
    public init(id: String, revision: Int, definitionsVersion: Int, input: [UInt8], inputFormat: String, priced: [UInt8],
                currency: String, total: String, lineCount: Int, hasErrors: Bool, pricedAt: Date)
    {
        self.id = id
        self.revision = revision
        self.definitionsVersion = definitionsVersion
        self.input = input
        self.inputFormat = inputFormat
        self.priced = priced
        self.currency = currency
        self.total = total
        self.lineCount = lineCount
        self.hasErrors = hasErrors
        self.pricedAt = pricedAt
    }

    /// The revision without its documents, for lists.
    public var summary: QuoteSummary {
        QuoteSummary(id: id, revision: revision, definitionsVersion: definitionsVersion, currency: currency, total: total,
                     lineCount: lineCount, hasErrors: hasErrors, pricedAt: pricedAt)
    }
}

/// A stored quote's latest revision, without its documents.
public struct QuoteSummary: Sendable, Hashable {
    public var id: String
    public var revision: Int
    public var definitionsVersion: Int
    public var currency: String
    public var total: String
    public var lineCount: Int
    public var hasErrors: Bool
    public var pricedAt: Date

    /// Creates a summary.
    public init(id: String, revision: Int, definitionsVersion: Int, currency: String, total: String, lineCount: Int,
                hasErrors: Bool, pricedAt: Date)
    {
        self.id = id
        self.revision = revision
        self.definitionsVersion = definitionsVersion
        self.currency = currency
        self.total = total
        self.lineCount = lineCount
        self.hasErrors = hasErrors
        self.pricedAt = pricedAt
    }
}

/// Where priced quotes live. Revisions are immutable; a reprice adds one.
public protocol QuoteStore: Sendable {
    /// Stores revision 1 of a new quote; `Conflict` when a quote with that id exists.
    func createQuote(_ quote: StoredQuote) async throws(StoreError)
    /// Stores the next revision of a quote; `Conflict` when `quote.revision` is not the latest
    /// plus one (another reprice came first), `NotFound` for an unknown quote.
    func addRevision(_ quote: StoredQuote) async throws(StoreError)
    /// A revision (the latest when `revision` is nil), or nil for an unknown quote or revision.
    func quote(_ id: String, revision: Int?) async throws(StoreError) -> StoredQuote?
    /// Latest revisions in id order, after the id `after` (a cursor), at most `limit`.
    func quotes(after: String?, limit: Int) async throws(StoreError) -> [QuoteSummary]
}

extension StoredText {
    /// Checks what a quote revision records.
    public static func check(_ quote: StoredQuote) throws(StoreError) {
        guard !quote.id.isEmpty else { throw StoreError(.invalidInput, "a quote id is empty") }
        try check(quote.id, "the quote id '\(quote.id.replacingNULs)'")
        guard quote.revision >= 1 else { throw StoreError(.invalidInput, "a quote revision is at least 1") }
    }
}
