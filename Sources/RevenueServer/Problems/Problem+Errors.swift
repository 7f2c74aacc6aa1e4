import HTTPTypes
import Catalog
import Definitions
import Metering
import Pricing
import Publishing
import Quoting
import Rating
import Storage

extension Problem {
    /// The problem for an error thrown by the library: its code kept, its status chosen by kind.
    /// Anything unexpected is a 500 whose detail names no internals (the log has them).
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem: return problem
        case let error as StoreError: return store(error)
        case let error as PublishError: return publish(error)
        case let error as QuoteError: return quote(error)
        case let error as UsageError: return usage(error)
        default:
            return Problem(.internalServerError, "InternalError",
                           "the server failed unexpectedly; the request id names the failure in its log")
        }
    }

    static func store(_ error: StoreError) -> Problem {
        switch error.code {
        case .conflict: return Problem(.conflict, error.code.rawValue, error.message)
        case .notFound: return Problem(.notFound, error.code.rawValue, error.message)
        case .invalidInput: return Problem(.unprocessableContent, error.code.rawValue, error.message)
        case .unavailable:
            var problem = Problem(.serviceUnavailable, error.code.rawValue,
                                  "the database cannot be reached; retry shortly (\(error.message))")
            problem.headers[.retryAfter] = "1"
            return problem
        case .invalidDatabaseURL, .failed:
            return Problem(.internalServerError, error.code.rawValue, error.message)
        }
    }

    static func publish(_ error: PublishError) -> Problem {
        switch error {
        case .invalid(let failure): definitions(failure.diagnostics)
        case .store(let error): store(error)
        }
    }

    /// 422 for definitions that do not compile: every problem with its file, line and column.
    static func definitions(_ diagnostics: [Diagnostic]) -> Problem {
        let errors = diagnostics.filter { $0.severity == .error }
        let items = errors.map { Item(code: $0.code, detail: $0.message, pointer: nil, location: $0.location) }
        if errors.isEmpty, diagnostics.isEmpty {
            return Problem(.unprocessableContent, "NoDefinitions", "there are no definitions to use")
        }
        let first = errors.first ?? diagnostics[0]
        return Problem(.unprocessableContent, "InvalidDefinitions",
                       "\(errors.count) error\(errors.count == 1 ? "" : "s") in the definitions; the first: \(first)",
                       errors: items)
    }

    static func quote(_ error: QuoteError) -> Problem {
        switch error {
        case .unreadable(let failure): invalidBody(failure.diagnostics)
        case .definitions(let error): publish(error)
        case .store(let error): store(error)
        case .notPriced(let priced, let quote): notPriced(priced, quote)
        }
    }

    static func usage(_ error: UsageError) -> Problem {
        switch error {
        case .unreadable(let error): Problem(.badRequest, "InvalidUsage", error.message)
        case .definitions(let error): publish(error)
        case .store(let error): store(error)
        }
    }

    /// 422 for a quote some of whose lines (or the whole of which) could not be priced: one item
    /// per failure, pointing at the field at fault where the error names one.
    static func notPriced(_ priced: PricedQuote, _ quote: Quote) -> Problem {
        var items: [Item] = []
        if let error = priced.error {
            items.append(Item(code: error.code.description, detail: error.message, pointer: headerPointer(error.code)))
        }
        let index = Dictionary(quote.lines.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for line in priced.lines {
            guard let error = line.error else { continue }
            let base = index[line.lineId].map { "/lines/\($0)" } ?? "/lines"
            items.append(Item(code: error.code.description, detail: "line \(line.lineId): \(error.message)",
                              pointer: base + (lineField(error.code).map { "/\($0)" } ?? "")))
        }
        let first = items[0]
        return Problem(.unprocessableContent, first.code,
                       items.count == 1 ? first.detail : "\(items.count) lines could not be priced; the first: \(first.detail)",
                       pointer: first.pointer, errors: items)
    }

    /// The line field an error is about, when it is about one.
    private static func lineField(_ code: PricingError.Code) -> String? {
        switch code {
        case .unknownProduct: "product"
        case .invalidQuantity, .quantityOutOfRange: "quantity"
        case .invalidTerm: "termMonths"
        case .invalidDiscount, .guardrailViolation: "manualDiscount"
        case .unknownParentLine, .parentLineCycle: "parent"
        case .unsupportedSellingModel: "sellingModel"
        default: nil
        }
    }

    /// The header field a quote-level error is about.
    private static func headerPointer(_ code: PricingError.Code) -> String {
        switch code {
        case .unknownAccount: "/header/account"
        case .unknownCurrency: "/header/currency"
        case .unknownPriceBook: "/header/priceBook"
        case .unknownContextField, .missingContextField: "/header/fields"
        case .noProcedureResolved, .ambiguousProcedureResolution: "/header/plan"
        default: "/header"
        }
    }
}
