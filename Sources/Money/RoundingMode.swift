/// How a value that cannot be represented exactly at a target scale is rounded.
///
/// ```swift
/// let p = try ExactDecimal("2.345")
/// p.rounded(scale: 2, mode: .halfEven)   // 2.34
/// p.rounded(scale: 2, mode: .halfUp)     // 2.35
/// ```
public enum RoundingMode: String, Sendable, CaseIterable, Codable {
    /// Ties away from zero: 2.345 → 2.35, −2.345 → −2.35. The default for currency rounding.
    case halfUp
    /// Ties to the even neighbour (banker's rounding): 2.345 → 2.34, 2.355 → 2.36.
    case halfEven
    /// Away from zero: 2.341 → 2.35, −2.341 → −2.35.
    case up
    /// Toward zero (truncation): 2.349 → 2.34, −2.349 → −2.34.
    case down
    /// Toward positive infinity: 2.341 → 2.35, −2.349 → −2.34.
    case ceiling
    /// Toward negative infinity: 2.349 → 2.34, −2.341 → −2.35.
    case floor
}

extension RoundingMode {
    /// Whether a truncated magnitude must be incremented by one unit.
    ///
    /// - Parameters:
    ///   - remainder: the discarded part, `0 ≤ remainder < divisor`.
    ///   - divisor: the unit being rounded to.
    ///   - quotientIsOdd: whether the truncated quotient is odd (for `halfEven`).
    ///   - isNegative: the sign of the exact result.
    @inline(__always)
    package func roundsAwayFromZero(
        remainder: UInt128, divisor: UInt128, quotientIsOdd: Bool, isNegative: Bool
    ) -> Bool {
        if remainder == 0 { return false }
        switch self {
        case .down: return false
        case .up: return true
        case .ceiling: return !isNegative
        case .floor: return isNegative
        case .halfUp: return remainder >= divisor - remainder
        case .halfEven:
            let rest = divisor - remainder
            return remainder > rest || (remainder == rest && quotientIsOdd)
        }
    }
}
