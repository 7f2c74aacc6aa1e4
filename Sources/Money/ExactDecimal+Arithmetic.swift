// MARK: - Arithmetic

extension ExactDecimal {
    /// The sum, or ``MoneyError/Code/overflow``.
    ///
    /// ```swift
    /// let total = try ExactDecimal("0.1") + ExactDecimal("0.2")   // exactly 0.3
    /// ```
    @inlinable
    public func adding(_ other: ExactDecimal) throws(MoneyError) -> ExactDecimal {
        let (sum, overflow) = rawValue.addingReportingOverflow(other.rawValue)
        guard !overflow, sum != .min else { throw .overflowing("\(self) + \(other)") }
        return ExactDecimal(rawValue: sum)
    }

    /// The difference, or ``MoneyError/Code/overflow``.
    @inlinable
    public func subtracting(_ other: ExactDecimal) throws(MoneyError) -> ExactDecimal {
        let (difference, overflow) = rawValue.subtractingReportingOverflow(other.rawValue)
        guard !overflow, difference != .min else { throw .overflowing("\(self) - \(other)") }
        return ExactDecimal(rawValue: difference)
    }

    /// The product rounded once to `scale` fractional digits.
    ///
    /// Multiplying and rounding in one step avoids double rounding: a price times a percentage,
    /// rounded half-even to cents, is exactly one rounding of the exact product.
    ///
    /// ```swift
    /// let net = try price.multiplied(by: ExactDecimal("0.9"), scale: 2, rounding: .halfEven)
    /// ```
    /// - Parameters:
    ///   - other: the multiplier.
    ///   - scale: fractional digits to keep, `0...12` (default 12: full precision).
    ///   - rounding: how the discarded digits are rounded (default `.halfEven`).
    /// - Throws: ``MoneyError/Code/overflow`` when the result does not fit,
    ///   ``MoneyError/Code/invalidScale`` for a scale outside `0...12`.
    public func multiplied(
        by other: ExactDecimal, scale: Int = ExactDecimal.scale, rounding: RoundingMode = .halfEven
    ) throws(MoneyError) -> ExactDecimal {
        // A whole factor (a quantity, one hundred) makes the product exact without dividing.
        if scale == Self.scale {
            let otherWhole = other.smallWholeValue
            if let whole = otherWhole ?? smallWholeValue {
                let factor = otherWhole != nil ? self : other
                let (product, overflow) = factor.rawValue.multipliedReportingOverflow(by: Int128(whole))
                guard !overflow, product != .min else { throw .overflowing("\(self) × \(other)") }
                return ExactDecimal(rawValue: product)
            }
        }
        try Self.checkScale(scale)
        let negative = (rawValue < 0) != (other.rawValue < 0)
        let product = rawValue.magnitude.multipliedFullWidth(by: other.rawValue.magnitude)
        // The exact product carries 24 fractional digits; keep `scale` of them.
        let divisor = PowersOfTen.of(2 * Self.scale - scale)
        guard let quotient = Self.divide(high: product.high, low: product.low, by: divisor,
                                         negative: negative, rounding: rounding)
        else { throw .overflowing("\(self) × \(other)") }
        return try Self.make(magnitude: quotient, negative: negative, rescaledFrom: scale) {
            "\(self) × \(other)"
        }
    }

    /// The quotient rounded once to `scale` fractional digits.
    ///
    /// ```swift
    /// let ratio = try ExactDecimal(7).divided(by: 12, scale: 10)   // 0.5833333333
    /// ```
    /// - Parameters:
    ///   - divisor: the denominator; zero throws ``MoneyError/Code/divisionByZero``.
    ///   - scale: fractional digits to keep, `0...12` (default 12).
    ///   - rounding: how the discarded digits are rounded (default `.halfEven`).
    /// - Throws: ``MoneyError`` for a zero divisor, an invalid scale or overflow.
    public func divided(
        by divisor: ExactDecimal, scale: Int = ExactDecimal.scale, rounding: RoundingMode = .halfEven
    ) throws(MoneyError) -> ExactDecimal {
        try Self.checkScale(scale)
        guard divisor.rawValue != 0 else { throw MoneyError(.divisionByZero, "\(self) ÷ 0") }
        let negative = (rawValue < 0) != (divisor.rawValue < 0)
        // raw(a)/raw(b) is the plain ratio; scale it up by 10^scale before dividing.
        let numerator = rawValue.magnitude.multipliedFullWidth(by: PowersOfTen.of(scale))
        guard let quotient = Self.divide(high: numerator.high, low: numerator.low,
                                         by: divisor.rawValue.magnitude,
                                         negative: negative, rounding: rounding)
        else { throw .overflowing("\(self) ÷ \(divisor)") }
        return try Self.make(magnitude: quotient, negative: negative, rescaledFrom: scale) {
            "\(self) ÷ \(divisor)"
        }
    }

    /// The value rounded to `scale` fractional digits.
    ///
    /// ```swift
    /// try ExactDecimal("2.345").rounded(scale: 2, mode: .halfEven)   // 2.34
    /// ```
    /// - Throws: ``MoneyError/Code/invalidScale`` for a scale outside `0...12`;
    ///   ``MoneyError/Code/overflow`` only when rounding away from zero passes the largest value.
    public func rounded(scale: Int, mode: RoundingMode = .halfUp) throws(MoneyError) -> ExactDecimal {
        try Self.checkScale(scale)
        if scale == Self.scale { return self }
        let negative = rawValue < 0
        guard let quotient = Self.divide(high: 0, low: rawValue.magnitude, by: PowersOfTen.of(Self.scale - scale),
                                         negative: negative, rounding: mode)
        else { throw .overflowing("round(\(self), \(scale))") }
        return try Self.make(magnitude: quotient, negative: negative, rescaledFrom: scale) {
            "round(\(self), \(scale))"
        }
    }

    /// The value times `10^exponent`, exact, for moving between units (for example percent and ratio).
    ///
    /// - Throws: ``MoneyError/Code/overflow`` or ``MoneyError/Code/precisionExceeded`` when the
    ///   result is not exact at twelve fractional digits.
    public func shifted(byPowerOfTen exponent: Int) throws(MoneyError) -> ExactDecimal {
        if exponent == 0 { return self }
        if exponent > 0 {
            guard exponent <= 38 else { throw .overflowing("\(self) × 10^\(exponent)") }
            let (value, overflow) = rawValue.multipliedReportingOverflow(by: Int128(PowersOfTen.of(exponent)))
            guard !overflow, value != .min else { throw .overflowing("\(self) × 10^\(exponent)") }
            return ExactDecimal(rawValue: value)
        }
        guard -exponent <= 38 else { throw MoneyError(.precisionExceeded, "\(self) × 10^\(exponent) is not exact") }
        let divisor = Int128(PowersOfTen.of(-exponent))
        guard rawValue % divisor == 0 else {
            throw MoneyError(.precisionExceeded, "\(self) × 10^\(exponent) needs more than 12 fractional digits")
        }
        return ExactDecimal(rawValue: rawValue / divisor)
    }

    // MARK: Operators

    /// `a + b`; throws ``MoneyError/Code/overflow``.
    @inlinable
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) throws(MoneyError) -> ExactDecimal {
        try lhs.adding(rhs)
    }

    /// `a - b`; throws ``MoneyError/Code/overflow``.
    @inlinable
    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) throws(MoneyError) -> ExactDecimal {
        try lhs.subtracting(rhs)
    }

    /// `a × b` at full precision (twelve digits, half-even).
    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) throws(MoneyError) -> ExactDecimal {
        try lhs.multiplied(by: rhs)
    }

    /// `a ÷ b` at full precision (twelve digits, half-even).
    public static func / (lhs: ExactDecimal, rhs: ExactDecimal) throws(MoneyError) -> ExactDecimal {
        try lhs.divided(by: rhs)
    }

    // MARK: Helpers

    @inline(__always)
    static func checkScale(_ scale: Int) throws(MoneyError) {
        guard scale >= 0, scale <= Self.scale else {
            throw MoneyError(.invalidScale, "scale \(scale) is outside 0...\(Self.scale)")
        }
    }

    /// Divides the 256-bit magnitude `high:low` by `divisor` and rounds; `nil` when the quotient
    /// does not fit 128 bits.
    @inline(__always)
    static func divide(
        high: UInt128, low: UInt128, by divisor: UInt128, negative: Bool, rounding: RoundingMode
    ) -> UInt128? {
        let quotient: UInt128
        let remainder: UInt128
        if high == 0 {
            (quotient, remainder) = low.quotientAndRemainder(dividingBy: divisor)
        } else {
            guard high < divisor else { return nil }
            (quotient, remainder) = divisor.dividingFullWidth((high, low))
        }
        if rounding.roundsAwayFromZero(remainder: remainder, divisor: divisor,
                                       quotientIsOdd: quotient & 1 == 1, isNegative: negative) {
            let (next, overflow) = quotient.addingReportingOverflow(1)
            return overflow ? nil : next
        }
        return quotient
    }

    /// Builds a value from a magnitude at `scale` fractional digits, rescaled to twelve.
    @inline(__always)
    static func make(
        magnitude: UInt128, negative: Bool, rescaledFrom scale: Int, _ what: () -> String
    ) throws(MoneyError) -> ExactDecimal {
        var raw = magnitude
        if scale < Self.scale {
            let (scaled, overflow) = raw.multipliedReportingOverflow(by: PowersOfTen.of(Self.scale - scale))
            guard !overflow else { throw .overflowing(what()) }
            raw = scaled
        }
        guard raw <= UInt128(Int128.max) else { throw .overflowing(what()) }
        let signed = Int128(raw)
        return ExactDecimal(rawValue: negative ? -signed : signed)
    }
}

extension ExactDecimal {
    /// The value as a whole number when it is one and its raw value fits in 64 bits, else `nil`.
    var smallWholeValue: Int64? {
        let raw = rawValue
        guard raw >= Int128(Int64.min), raw <= Int128(Int64.max) else { return nil }
        let (quotient, remainder) = Int64(raw).quotientAndRemainder(dividingBy: 1_000_000_000_000)
        return remainder == 0 ? quotient : nil
    }

}

extension MoneyError {
    @usableFromInline
    static func overflowing(_ operation: String) -> MoneyError {
        MoneyError(.overflow, "\(operation) is outside the representable range (about ±1.7e26)")
    }
}
