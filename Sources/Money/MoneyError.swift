/// An error from exact arithmetic, parsing or currency handling.
///
/// ```swift
/// do { _ = try ExactDecimal("12.3.4") } catch { print(error.message) }
/// ```
public struct MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case overflow = "Overflow"
            case divisionByZero = "DivisionByZero"
            case invalidNumber = "InvalidNumber"
            case precisionExceeded = "PrecisionExceeded"
            case unknownCurrency = "UnknownCurrency"
            case currencyMismatch = "CurrencyMismatch"
            case invalidScale = "InvalidScale"
            case invalidDate = "InvalidDate"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The result does not fit the representable range.
        public static let overflow = Code(.overflow)
        /// A division by zero.
        public static let divisionByZero = Code(.divisionByZero)
        /// Text that is not a decimal number.
        public static let invalidNumber = Code(.invalidNumber)
        /// More fractional digits than the target allows.
        public static let precisionExceeded = Code(.precisionExceeded)
        /// A currency code that is not an active ISO 4217 code.
        public static let unknownCurrency = Code(.unknownCurrency)
        /// Two amounts in different currencies were combined.
        public static let currencyMismatch = Code(.currencyMismatch)
        /// A rounding scale outside the supported range.
        public static let invalidScale = Code(.invalidScale)
        /// Text that is not a valid calendar date.
        public static let invalidDate = Code(.invalidDate)

        /// The code as written in messages and JSON, for example `CurrencyMismatch`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A human-readable explanation naming the offending value.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
