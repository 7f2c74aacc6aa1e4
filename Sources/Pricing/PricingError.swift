import Money
/// A pricing failure: a line that cannot be priced, or a quote that cannot be priced at all.
///
/// Codes are the stable names of DOMAIN.md §1 (`PriceNotFound`, `GuardrailViolation`, …).
///
/// ```swift
/// if case .failed(let error) = line.outcome { print(error.code, error.message) }
/// ```
public struct PricingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as written in messages and JSON, for example `PriceNotFound`.
        public let description: String
        private init(_ name: String) { description = name }

        /// No price book entry for (book, product, currency, model, date).
        public static let priceNotFound = Code("PriceNotFound")
        /// An adjustment before any element set a price.
        public static let noBasePrice = Code("NoBasePrice")
        /// The running price went below zero.
        public static let negativePrice = Code("NegativePrice")
        /// Several rules of one element matched with the same priority.
        public static let ambiguousRuleMatch = Code("AmbiguousRuleMatch")
        /// An amount adjustment has no value in the transaction currency.
        public static let missingCurrencyValue = Code("MissingCurrencyValue")
        /// Several plan options matched with the same priority.
        public static let ambiguousProcedureResolution = Code("AmbiguousProcedureResolution")
        /// No plan option matched and the section has no default.
        public static let noProcedureResolved = Code("NoProcedureResolved")
        /// The quantity is outside every tier and there is no overage price.
        public static let quantityOutOfRange = Code("QuantityOutOfRange")
        /// Several contract prices tie on every precedence rule.
        public static let ambiguousContractPrice = Code("AmbiguousContractPrice")
        /// A term of zero or fewer months, or a recurring line without a term.
        public static let invalidTerm = Code("InvalidTerm")
        /// No exchange rate in force for a needed conversion.
        public static let exchangeRateNotFound = Code("ExchangeRateNotFound")
        /// A price outside a guardrail and no approval override.
        public static let guardrailViolation = Code("GuardrailViolation")
        /// A margin check without a cost.
        public static let missingCost = Code("MissingCost")
        /// A quantity that is zero, negative, or fractional where units are whole.
        public static let invalidQuantity = Code("InvalidQuantity")
        /// A currency code that is not an active ISO 4217 code.
        public static let unknownCurrency = Code("UnknownCurrency")
        /// A product that does not exist on the pricing date.
        public static let unknownProduct = Code("UnknownProduct")
        /// A price book that does not exist or is inactive on the pricing date.
        public static let unknownPriceBook = Code("UnknownPriceBook")
        /// An account that is not defined.
        public static let unknownAccount = Code("UnknownAccount")
        /// A selling model that the product does not support.
        public static let unsupportedSellingModel = Code("UnsupportedSellingModel")
        /// A parent line id that is not in the quote.
        public static let unknownParentLine = Code("UnknownParentLine")
        /// Parent lines that form a cycle.
        public static let parentLineCycle = Code("ParentLineCycle")
        /// A manual discount outside [0, 100] % or otherwise invalid.
        public static let invalidDiscount = Code("InvalidDiscount")
        /// A context field that no procedure declares.
        public static let unknownContextField = Code("UnknownContextField")
        /// A declared context field that an expression reads but the quote does not give.
        public static let missingContextField = Code("MissingContextField")
        /// The source line of a derived price is missing or not unique.
        public static let derivedSourceNotFound = Code("DerivedSourceNotFound")
        /// An expression failed while evaluating (overflow, division by zero, unset attribute).
        public static let expressionFailed = Code("ExpressionFailed")
        /// Arithmetic overflow while pricing.
        public static let overflow = Code("Overflow")
        /// The quote document is malformed.
        public static let invalidQuote = Code("InvalidQuote")
    }

    /// The fields live in one shared box, so a `PricingError` is a single word: functions that
    /// `throws(PricingError)` pay nothing for it on the path that does not throw.
    private final class Storage: Sendable {
        let code: Code
        let message: String
        let elementId: String?
        let violation: GuardrailViolation?

        init(code: Code, message: String, elementId: String?, violation: GuardrailViolation?) {
            self.code = code
            self.message = message
            self.elementId = elementId
            self.violation = violation
        }
    }

    private var storage: Storage

    /// What kind of failure.
    public var code: Code {
        get { storage.code }
        set { storage = Storage(code: newValue, message: message, elementId: elementId, violation: violation) }
    }
    /// What went wrong, naming the ids involved.
    public var message: String {
        get { storage.message }
        set { storage = Storage(code: code, message: newValue, elementId: elementId, violation: violation) }
    }
    /// The element that failed, if any.
    public var elementId: String? {
        get { storage.elementId }
        set { storage = Storage(code: code, message: message, elementId: newValue, violation: violation) }
    }
    /// Structured facts for a guardrail violation.
    public var violation: GuardrailViolation? {
        get { storage.violation }
        set { storage = Storage(code: code, message: message, elementId: elementId, violation: newValue) }
    }

    /// Creates an error.
    public init(_ code: Code, _ message: String, elementId: String? = nil, violation: GuardrailViolation? = nil) {
        storage = Storage(code: code, message: message, elementId: elementId, violation: violation)
    }

    public static func == (lhs: PricingError, rhs: PricingError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.elementId == rhs.elementId
            && lhs.violation == rhs.violation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(elementId)
        hasher.combine(violation)
    }

    public var description: String { "\(code): \(message)" }
}

/// Runs arithmetic that throws ``MoneyError`` and reports overflow as a ``PricingError``.
@inline(__always)
func money<T>(_ what: @autoclosure () -> String, _ body: () throws(MoneyError) -> T) throws(PricingError) -> T {
    do {
        return try body()
    } catch {
        throw PricingError(.overflow, "\(what()): \(error.message)")
    }
}
