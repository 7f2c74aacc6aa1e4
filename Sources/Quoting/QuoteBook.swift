public import Foundation
import Money
public import Pricing
public import Publishing
public import Storage

/// Quotes in a store: price a quote document with a published definitions version and keep it
/// with its waterfall and the version used; show, list, and reprice it with newer definitions,
/// seeing what changed against the stored price.
///
/// ```swift
/// let book = QuoteBook(store: store)
/// let created = try await book.create(document: bytes, path: "quote.yaml", at: Date())
/// let report = try await book.reprice(created.stored.id, at: Date())
/// ```
public struct QuoteBook: Sendable {
    /// The store.
    public let store: any Store
    /// Where compiled definitions come from.
    public let definitions: any DefinitionsSource

    /// Creates a book over a store; `definitions` defaults to compiling each version afresh
    /// from the store (a long-running process passes a ``DefinitionsCache``).
    public init(store: any Store, definitions: (any DefinitionsSource)? = nil) {
        self.store = store
        self.definitions = definitions ?? DefinitionsLifecycle(store: store)
    }

    /// A stored revision and the priced quote it holds.
    public struct Priced: Sendable {
        public var stored: StoredQuote
        public var priced: PricedQuote
    }

    /// Prices a quote document with `version` (default: the latest published) and stores it as
    /// revision 1 of a new quote. With `requirePriced`, a quote with a line (or a header) that
    /// could not be priced is not stored and is ``QuoteError/notPriced(_:_:)``.
    public func create(document: [UInt8], path: String, version: Int? = nil, at date: Date, requirePriced: Bool = false)
        async throws(QuoteError) -> Priced
    {
        let quote: Quote
        switch QuoteReader.read(document, path: path) {
        case .success(let read): quote = read
        case .failure(let failure): throw .unreadable(failure)
        }
        let (number, definitions) = try await compiled(version)
        let priced = definitions.engine.price(quote)
        if requirePriced, priced.hasErrors { throw .notPriced(priced, quote) }
        let stored = Self.stored(quote.id, revision: 1, version: number, input: document, path: path, priced: priced, at: date)
        do {
            try await store.createQuote(stored)
        } catch {
            throw .store(error)
        }
        return Priced(stored: stored, priced: priced)
    }

    /// Prices the latest revision's quote document again with `version` (default: the latest
    /// published). Stores a new revision when the price or the version differs.
    public func reprice(_ id: String, version: Int? = nil, at date: Date) async throws(QuoteError) -> RepriceReport {
        let latest = try await revision(id, nil)
        let quote: Quote
        switch QuoteReader.read(latest.input, path: "\(latest.id).\(latest.inputFormat)") {
        case .success(let read): quote = read
        case .failure(let failure): throw .unreadable(failure)
        }
        let (number, definitions) = try await compiled(version)
        let priced = definitions.engine.price(quote)
        let next = Self.stored(id, revision: latest.revision + 1, version: number, input: latest.input,
                               path: "\(latest.id).\(latest.inputFormat)", priced: priced, at: date)
        guard let old = PricedQuoteView(json: latest.priced), let new = PricedQuoteView(json: next.priced) else {
            throw .store(StoreError(.failed, "quote '\(id)' revision \(latest.revision) holds no readable priced quote"))
        }
        let (oldTotal, newTotal, lines) = RepriceReport.compare(old, new)
        var report = RepriceReport(quoteId: id, fromRevision: latest.revision, fromVersion: latest.definitionsVersion,
                                   toRevision: nil, toVersion: number, oldTotal: oldTotal, newTotal: newTotal, lines: lines)
        guard next.priced != latest.priced || number != latest.definitionsVersion else { return report }
        do {
            try await store.addRevision(next)
        } catch {
            throw .store(error)
        }
        report.toRevision = next.revision
        return report
    }

    /// A stored revision (the latest when `revision` is nil); `NotFound` when there is none.
    public func revision(_ id: String, _ revision: Int?) async throws(QuoteError) -> StoredQuote {
        let found: StoredQuote?
        do {
            found = try await store.quote(id, revision: revision)
        } catch {
            throw .store(error)
        }
        guard let found else {
            throw .store(StoreError(.notFound, revision.map { "quote '\(id)' has no revision \($0)" } ?? "there is no quote '\(id)'"))
        }
        return found
    }

    private func compiled(_ version: Int?) async throws(QuoteError) -> (Int, CompiledDefinitions) {
        do {
            return try await definitions.published(version)
        } catch {
            throw .definitions(error)
        }
    }

    static func stored(_ id: String, revision: Int, version: Int, input: [UInt8], path: String, priced: PricedQuote,
                       at date: Date) -> StoredQuote
    {
        StoredQuote(id: id, revision: revision, definitionsVersion: version, input: input,
                    inputFormat: path.lowercased().hasSuffix(".json") ? "json" : "yaml", priced: priced.jsonBytes(),
                    currency: priced.currency.code, total: priced.total.formatted(minimumFractionDigits: priced.currency.minorUnits),
                    lineCount: priced.lines.count, hasErrors: priced.hasErrors, pricedAt: date)
    }
}

/// Why a quote operation failed.
public enum QuoteError: Error, Sendable {
    /// The quote document has problems; every one is listed.
    case unreadable(QuoteReader.Failure)
    /// The definitions version cannot be used.
    case definitions(PublishError)
    /// The store refused or failed.
    case store(StoreError)
    /// The quote, or some of its lines, could not be priced (asked for with `requirePriced`).
    case notPriced(PricedQuote, Quote)
}
