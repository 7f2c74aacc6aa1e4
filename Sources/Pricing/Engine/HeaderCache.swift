import Synchronization
import Expressions
import Money

/// Resolved quote headers, by the header values they depend on. Quotes from one account on one
/// day through one channel share their price book, procedures, plan choice and usable contract
/// prices, so the engine resolves that once. A header whose expressions read the quote id
/// (`transactionId`) serves only its own quote.
///
/// The cache holds at most ``capacity`` headers and starts again empty when full. It belongs to
/// one engine, whose definitions never change, so an entry never goes stale.
final class HeaderCache: Sendable {
    /// Everything of a quote that a resolved header depends on, apart from its id.
    struct Key: Hashable, Sendable {
        let accountId, contractId, channel, priceBookId, planId, procedureId: String?
        let currency: Currency
        let pricingDate: CivilDate
        let fields: [String: ExpressionValue]

        init(_ quote: Quote) {
            accountId = quote.accountId
            contractId = quote.contractId
            channel = quote.channel
            priceBookId = quote.priceBookId
            planId = quote.planId
            procedureId = quote.procedureId
            currency = quote.currency
            pricingDate = quote.pricingDate
            fields = quote.fields
        }

        /// Whether `quote` has this key (without building the quote's key).
        func matches(_ quote: Quote) -> Bool {
            accountId == quote.accountId && contractId == quote.contractId && channel == quote.channel
                && priceBookId == quote.priceBookId && planId == quote.planId && procedureId == quote.procedureId
                && currency == quote.currency && pricingDate == quote.pricingDate && fields == quote.fields
        }
    }

    private struct Entries {
        var byKey: [Key: PricingEngine.Header] = [:]
        /// The header used last, checked first: consecutive quotes usually share their header.
        var last: (key: Key, header: PricingEngine.Header)?
    }

    /// The most headers kept.
    static let capacity = 1_024

    private let entries = Mutex(Entries())

    /// The header resolved for an earlier quote with the same header values, if it serves this
    /// quote too.
    func header(for quote: Quote) -> PricingEngine.Header? {
        let header = entries.withLock { entries -> PricingEngine.Header? in
            if let last = entries.last, last.key.matches(quote) { return last.header }
            let key = Key(quote)
            guard let header = entries.byKey[key] else { return nil }
            entries.last = (key, header)
            return header
        }
        guard let header, !header.readsTransactionId || header.transactionId == quote.id else { return nil }
        return header
    }

    /// Keeps a header for later quotes with the same header values.
    func store(_ header: PricingEngine.Header, for quote: Quote) {
        let key = Key(quote)
        entries.withLock { entries in
            if entries.byKey.count >= Self.capacity { entries.byKey.removeAll(keepingCapacity: true) }
            entries.byKey[key] = header
            entries.last = (key, header)
        }
    }
}
