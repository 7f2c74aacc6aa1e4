/// An exact decimal number with twelve fractional digits: a fixed-point `Int128` value.
///
/// Every amount, quantity, rate and percentage in Revenue is an `ExactDecimal`. The value is
/// `rawValue / 10^12`, so `0.000001234` (a unit rate) is exact, and the range is about
/// ±1.7 × 10^26, far beyond the ±10^15 that any amount needs. Arithmetic never wraps and never
/// traps: overflow and division by zero are thrown as ``MoneyError``. Results that cannot be
/// exact at twelve digits are rounded explicitly with a ``RoundingMode``.
///
/// ```swift
/// let price = try ExactDecimal("1499.99")
/// let net = try price.multiplied(by: ExactDecimal("0.9"), scale: 2, rounding: .halfEven)
/// print(net)  // 1349.99
/// ```
///
/// The representable range is symmetric: `Int128.min` is never produced, so negation and
/// `magnitude` can never overflow.
public struct ExactDecimal: Sendable, Hashable, Comparable {
    /// The number of fractional digits every value carries.
    public static let scale = 12

    /// `10^scale`, the raw value of one.
    public static let rawOne: Int128 = 1_000_000_000_000

    // The raw value is kept as two 64-bit words rather than an `Int128`, so that the type is
    // 8-byte aligned: structs and arrays holding amounts (waterfall entries above all) are then
    // packed without 16-byte padding, which makes large quotes a third smaller.
    @usableFromInline var low: UInt64
    @usableFromInline var high: Int64

    /// The value multiplied by `10^12`.
    @inlinable public var rawValue: Int128 {
        @inline(__always) get { Int128(high) << 64 | Int128(low) }
    }

    /// Creates a value from its raw fixed-point representation (`value × 10^12`).
    ///
    /// - Parameter rawValue: the scaled integer; `Int128.min` is clamped to the symmetric range
    ///   by rejecting it, see ``init(exactly:)``.
    @inlinable @inline(__always)
    public init(rawValue: Int128) {
        precondition(rawValue != .min, "ExactDecimal raw value out of the symmetric range")
        low = UInt64(truncatingIfNeeded: rawValue)
        high = Int64(truncatingIfNeeded: rawValue >> 64)
    }

    /// Creates a value from a whole number. Every `Int` fits.
    @inline(__always)
    public init(_ value: Int) {
        self.init(rawValue: Int128(value) * Self.rawOne)
    }

    // The constants are computed and inlinable, so using one costs no lazy-initialisation check.

    /// Zero.
    @inlinable public static var zero: ExactDecimal { ExactDecimal(rawValue: 0) }
    /// One.
    @inlinable public static var one: ExactDecimal { ExactDecimal(rawValue: 1_000_000_000_000) }
    /// One hundred, the denominator of percentages.
    @inlinable public static var hundred: ExactDecimal { ExactDecimal(rawValue: 100_000_000_000_000) }
    /// The largest representable value.
    @inlinable public static var greatestFiniteMagnitude: ExactDecimal { ExactDecimal(rawValue: .max) }
    /// The smallest (most negative) representable value.
    @inlinable public static var leastFiniteValue: ExactDecimal { ExactDecimal(rawValue: -.max) }

    /// Whether the value is zero.
    @inlinable public var isZero: Bool { rawValue == 0 }
    /// Whether the value is below zero.
    @inlinable public var isNegative: Bool { rawValue < 0 }
    /// `-1`, `0` or `1`.
    @inlinable public var signum: Int { rawValue < 0 ? -1 : (rawValue > 0 ? 1 : 0) }
    /// The absolute value; it cannot overflow because the range is symmetric.
    @inlinable public var magnitude: ExactDecimal { ExactDecimal(rawValue: rawValue < 0 ? -rawValue : rawValue) }
    /// The value with its sign flipped.
    @inlinable public static prefix func - (value: ExactDecimal) -> ExactDecimal {
        ExactDecimal(rawValue: -value.rawValue)
    }

    /// Whether the value has no fractional part.
    public var isInteger: Bool { rawValue % Self.rawOne == 0 }

    /// The number of significant fractional digits, `0...12` (`1.250` has 2).
    public var fractionalDigitCount: Int {
        var fraction = (rawValue % Self.rawOne).magnitude
        if fraction == 0 { return 0 }
        var digits = Self.scale
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        return digits
    }

    /// The value as an `Int` if it is a whole number that fits, otherwise `nil`.
    public var exactInt: Int? {
        guard isInteger else { return nil }
        return Int(exactly: rawValue / Self.rawOne)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    /// Creates a whole-number value from a literal: `let ten: ExactDecimal = 10`.
    public init(integerLiteral value: Int) { self.init(value) }
}
