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
    }

    /// The most headers kept.
    static let capacity = 1_024

    private let headers = Mutex<[Key: PricingEngine.Header]>([:])

    /// The header resolved for an earlier quote with the same key, if it serves `quoteId` too.
    func header(for key: Key, quoteId: String) -> PricingEngine.Header? {
        guard let header = headers.withLock({ $0[key] }) else { return nil }
        return header.readsTransactionId && header.transactionId != quoteId ? nil : header
    }

    /// Keeps a header for later quotes with the same key.
    func store(_ header: PricingEngine.Header, for key: Key) {
        headers.withLock { headers in
            if headers.count >= Self.capacity { headers.removeAll(keepingCapacity: true) }
            headers[key] = header
        }
    }
}
