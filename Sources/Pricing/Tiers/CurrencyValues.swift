import Money

/// Values given per currency: amount and override adjustments, block and overage prices.
extension Dictionary where Key == Currency, Value == ExactDecimal {
    /// The value in `currency`; without one, `MissingCurrencyValue` names `what` and the
    /// currencies that are given.
    func value(in currency: Currency, of what: String) throws(PricingError) -> ExactDecimal {
        guard let value = self[currency] else {
            let given = keys.map(\.code).sorted().joined(separator: ", ")
            throw PricingError(.missingCurrencyValue, "\(what) has no \(currency.code) value (given: \(given))")
        }
        return value
    }
}
