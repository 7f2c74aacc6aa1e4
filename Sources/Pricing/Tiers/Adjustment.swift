public import Definitions
public import Money

/// A change to the running unit price P (DOMAIN.md §1.4): a percentage off, an amount off, or an
/// override.
///
/// ```swift
/// let tenPercent = Adjustment.percent(10)
/// try tenPercent.apply(to: 100, currency: .usd)   // 90
/// ```
public enum Adjustment: Sendable, Hashable {
    /// `P − P × v / 100`, with `v` in [0, 100].
    case percent(ExactDecimal)
    /// `P − v`, with `v` given per currency.
    case amount([Currency: ExactDecimal])
    /// `P = v`, with `v` given per currency.
    case override([Currency: ExactDecimal])

    /// The adjusted price.
    ///
    /// - Parameters:
    ///   - price: the running price P.
    ///   - base: what a percentage is taken of (P, or the list price for `base: listPrice`).
    ///   - currency: the transaction currency, which picks an amount.
    /// - Throws: ``PricingError`` `MissingCurrencyValue` when an amount has no value in `currency`,
    ///   `Overflow` on overflow.
    public func apply(to price: ExactDecimal, base: ExactDecimal? = nil, currency: Currency)
        throws(PricingError) -> ExactDecimal
    {
        switch self {
        case .percent(let value):
            return try money("\(self) on \(price)") { () throws(MoneyError) in
                try price - (base ?? price).multiplied(by: value).divided(by: ExactDecimal.hundred)
            }
        case .amount(let values):
            let amount = try values.value(in: currency, of: "the adjustment")
            return try money("\(self) on \(price)") { () throws(MoneyError) in try price - amount }
        case .override(let values):
            return try values.value(in: currency, of: "the adjustment")
        }
    }
}

extension Adjustment: TextWritable {
    /// `5 %`, `−10 EUR / 12 USD` (an amount off, per currency) or `= 99 USD` (an override).
    public func write<Out: TextOutput>(to out: inout Out) {
        switch self {
        case .percent(let value):
            out.append(value)
            out.append(" %")
        case .amount(let values):
            out.append("−")
            Self.write(values, to: &out)
        case .override(let values):
            out.append("= ")
            Self.write(values, to: &out)
        }
    }

    private static func write<Out: TextOutput>(_ values: [Currency: ExactDecimal], to out: inout Out) {
        for (index, entry) in values.sorted(by: { $0.key.code < $1.key.code }).enumerated() {
            if index > 0 { out.append(" / ") }
            out.append(entry.value)
            out.append(" ")
            out.append(entry.key.code)
        }
    }
}
