/// An exact amount in one currency. Combining two currencies is an error, never a conversion.
///
/// ```swift
/// let price = try Money("99.99", .usd)
/// let total = try price.multiplied(by: 3).rounded()   // 299.97 USD
/// let mixed = try price.adding(Money("1", .eur))       // throws CurrencyMismatch
/// ```
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The exact amount, possibly with more decimals than the currency's minor units.
    public var amount: ExactDecimal
    /// The currency of the amount.
    public var currency: Currency

    /// Creates money from an exact amount.
    public init(_ amount: ExactDecimal, _ currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    /// Parses an amount exactly.
    ///
    /// - Throws: ``MoneyError`` when the text is not a decimal number.
    public init(_ amount: some StringProtocol, _ currency: Currency) throws(MoneyError) {
        self.init(try ExactDecimal(amount), currency)
    }

    /// Whether the amount has no more decimals than the currency's minor units.
    public var fitsCurrencyPrecision: Bool { amount.fractionalDigitCount <= currency.minorUnits }

    /// The sum of two amounts in the same currency.
    ///
    /// - Throws: ``MoneyError/Code/currencyMismatch`` or ``MoneyError/Code/overflow``.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        try checkSameCurrency(other, "+")
        return Money(try amount.adding(other.amount), currency)
    }

    /// The difference of two amounts in the same currency.
    ///
    /// - Throws: ``MoneyError/Code/currencyMismatch`` or ``MoneyError/Code/overflow``.
    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        try checkSameCurrency(other, "-")
        return Money(try amount.subtracting(other.amount), currency)
    }

    /// The amount times a quantity, rate or ratio, at full precision (twelve digits, half-even).
    ///
    /// - Throws: ``MoneyError/Code/overflow``.
    public func multiplied(by factor: ExactDecimal) throws(MoneyError) -> Money {
        Money(try amount.multiplied(by: factor), currency)
    }

    /// The amount rounded to the currency's minor units.
    ///
    /// - Parameter mode: the rounding mode, `.halfUp` by default.
    /// - Throws: ``MoneyError/Code/overflow`` only at the edge of the range.
    public func rounded(_ mode: RoundingMode = .halfUp) throws(MoneyError) -> Money {
        Money(try amount.rounded(scale: currency.minorUnits, mode: mode), currency)
    }

    /// `"12.50 USD"`: the amount with at least the currency's minor units, then the code.
    public var description: String {
        "\(amount.formatted(minimumFractionDigits: currency.minorUnits)) \(currency.code)"
    }

    private func checkSameCurrency(_ other: Money, _ operation: String) throws(MoneyError) {
        guard currency == other.currency else {
            throw MoneyError(.currencyMismatch, "cannot combine \(self) \(operation) \(other): currencies differ")
        }
    }
}

extension Money: Codable {
    private enum CodingKeys: String, CodingKey { case amount, currency }

    /// Decodes `{"amount": "12.50", "currency": "USD"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(ExactDecimal.self, forKey: .amount),
                  try container.decode(Currency.self, forKey: .currency))
    }

    /// Encodes `{"amount": "12.50", "currency": "USD"}` with the amount as a string that keeps at
    /// least the currency's minor units.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amount.formatted(minimumFractionDigits: currency.minorUnits), forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }
}
