import BigInt
import Money
import Testing

/// Differential tests: every operation and rounding mode against exact big-integer arithmetic.
@Suite("ExactDecimal against a big-integer oracle")
struct ExactDecimalOracleTests {
    static let iterations = 4_000
    static let limit = BigInt(String(Int128.max))!

    /// A random raw value: magnitudes spread over 1 to 38 digits, ties and zeros made likely.
    static func randomRaw(_ rng: inout SplitMix64) -> Int128 {
        let digits = Int.random(in: 1...38, using: &rng)
        var magnitude: UInt128 = 0
        for _ in 0..<digits {
            magnitude = magnitude &* 10 &+ UInt128(UInt64.random(in: 0...9, using: &rng))
        }
        magnitude %= UInt128(Int128.max)
        // Make exact halves and exact values common: truncate and add 5 at a random position.
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            let position = UInt128(10).power(Int.random(in: 1...24, using: &rng))
            magnitude = magnitude / position * position + position / 2
            magnitude %= UInt128(Int128.max)
        case 1:
            let position = UInt128(10).power(Int.random(in: 0...20, using: &rng))
            magnitude = magnitude / position * position
        default:
            break
        }
        let value = Int128(magnitude)
        return Bool.random(using: &rng) ? -value : value
    }

    static func big(_ value: Int128) -> BigInt { BigInt(String(value))! }

    /// n / d rounded by `mode`, computed on big integers.
    static func roundedQuotient(_ numerator: BigInt, _ denominator: BigInt, _ mode: RoundingMode) -> BigInt {
        let (n, d) = denominator.signum() < 0 ? (-numerator, -denominator) : (numerator, denominator)
        let q = n / d
        let r = n - q * d
        if r == 0 { return q }
        let away = n.signum() < 0 ? q - 1 : q + 1
        let twiceRemainder = 2 * r.magnitude
        switch mode {
        case .down: return q
        case .up: return away
        case .ceiling: return n.signum() > 0 ? q + 1 : q
        case .floor: return n.signum() < 0 ? q - 1 : q
        case .halfUp: return twiceRemainder >= d.magnitude ? away : q
        case .halfEven:
            if twiceRemainder > d.magnitude { return away }
            if twiceRemainder < d.magnitude { return q }
            return q % 2 == 0 ? q : away
        }
    }

    static func expect(_ result: ExactDecimal?, equals oracle: BigInt, _ context: @autoclosure () -> String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        if oracle.magnitude > limit.magnitude {
            #expect(result == nil, "expected overflow for \(context())", sourceLocation: sourceLocation)
        } else {
            #expect(result.map { big($0.rawValue) } == oracle, "\(context())", sourceLocation: sourceLocation)
        }
    }

    @Test("multiplication rounds once to every scale in every mode", arguments: RoundingMode.allCases)
    func multiplication(mode: RoundingMode) {
        var rng = SplitMix64(seed: 0x4D55_4C54 &+ UInt64(mode.hashValue & 0xFFFF))
        for _ in 0..<Self.iterations {
            let a = Self.randomRaw(&rng) / Int128(UInt128(10).power(Int.random(in: 0...20, using: &rng)))
            let b = Self.randomRaw(&rng) / Int128(UInt128(10).power(Int.random(in: 0...20, using: &rng)))
            let scale = Int.random(in: 0...12, using: &rng)
            let result = try? ExactDecimal(rawValue: a).multiplied(by: ExactDecimal(rawValue: b), scale: scale,
                                                                    rounding: mode)
            let unit = BigInt(10).power(12 - scale)
            let oracle = Self.roundedQuotient(Self.big(a) * Self.big(b), BigInt(10).power(24 - scale), mode) * unit
            Self.expect(result, equals: oracle, "\(a) × \(b) scale \(scale) \(mode)")
        }
    }

    @Test("multiplying by a whole number at full scale is exact, overflow included")
    func wholeFactor() {
        var rng = SplitMix64(seed: 0x5748_4F4C)
        for index in 0..<Self.iterations {
            let a = Self.randomRaw(&rng) / Int128(UInt128(10).power(Int.random(in: 0...20, using: &rng)))
            // Small wholes (quantities, 100) and wholes near the 64-bit raw limit.
            let whole = index % 2 == 0 ? Int128(Int.random(in: -1_000_000...1_000_000, using: &rng))
                : Int128(Int.random(in: 1...9_223_372, using: &rng))
            let b = whole * 1_000_000_000_000
            for (x, y) in [(a, b), (b, a)] {
                let result = try? ExactDecimal(rawValue: x).multiplied(by: ExactDecimal(rawValue: y))
                let oracle = Self.roundedQuotient(Self.big(x) * Self.big(y), BigInt(10).power(12), .halfEven)
                Self.expect(result, equals: oracle, "\(x) × \(y)")
            }
        }
    }

    @Test("division rounds once to every scale in every mode", arguments: RoundingMode.allCases)
    func division(mode: RoundingMode) {
        var rng = SplitMix64(seed: 0x4449_5600 &+ UInt64(mode.hashValue & 0xFFFF))
        for _ in 0..<Self.iterations {
            let a = Self.randomRaw(&rng) / Int128(UInt128(10).power(Int.random(in: 0...24, using: &rng)))
            var b = Self.randomRaw(&rng) / Int128(UInt128(10).power(Int.random(in: 0...30, using: &rng)))
            if b == 0 { b = 7 }
            let scale = Int.random(in: 0...12, using: &rng)
            let result = try? ExactDecimal(rawValue: a).divided(by: ExactDecimal(rawValue: b), scale: scale,
                                                                 rounding: mode)
            let oracle = Self.roundedQuotient(Self.big(a) * BigInt(10).power(scale), Self.big(b), mode)
                * BigInt(10).power(12 - scale)
            Self.expect(result, equals: oracle, "\(a) ÷ \(b) scale \(scale) \(mode)")
        }
    }

    @Test("rounding to a scale matches the oracle, ties and negatives included", arguments: RoundingMode.allCases)
    func rounding(mode: RoundingMode) throws {
        var rng = SplitMix64(seed: 0x524F_554E &+ UInt64(mode.hashValue & 0xFFFF))
        for _ in 0..<Self.iterations {
            let a = Self.randomRaw(&rng)
            let scale = Int.random(in: 0...12, using: &rng)
            let result = try? ExactDecimal(rawValue: a).rounded(scale: scale, mode: mode)
            let unit = BigInt(10).power(12 - scale)
            Self.expect(result, equals: Self.roundedQuotient(Self.big(a), unit, mode) * unit, "round(\(a), \(scale))")
        }
    }

    @Test("addition and subtraction are exact and report overflow")
    func additionAndSubtraction() {
        var rng = SplitMix64(seed: 0xADD)
        for _ in 0..<Self.iterations {
            let a = Self.randomRaw(&rng)
            let b = Self.randomRaw(&rng)
            let x = ExactDecimal(rawValue: a)
            let y = ExactDecimal(rawValue: b)
            Self.expect(try? x + y, equals: Self.big(a) + Self.big(b), "\(a) + \(b)")
            Self.expect(try? x - y, equals: Self.big(a) - Self.big(b), "\(a) - \(b)")
        }
    }

    @Test("short plain numbers read the same on the fast path as through the general reader")
    func plainNumbers() throws {
        var rng = SplitMix64(seed: 0x5107)
        for _ in 0..<Self.iterations {
            let length = Int(rng.next() % 19) + 1
            var text = String((0..<length).map { _ in Character(String(rng.next() % 10)) })
            if rng.next() % 2 == 0 { text.insert(".", at: text.index(text.startIndex, offsetBy: Int(rng.next() % UInt64(length + 1)))) }
            // An exponent sends the same number through the general reader.
            let general = (try? ExactDecimal(text + "e0"))?.rawValue
            #expect((try? ExactDecimal(text))?.rawValue == general, "\(text)")
        }
    }

    @Test("formatting then parsing gives the same value")
    func roundTrip() throws {
        var rng = SplitMix64(seed: 0x7E47)
        for _ in 0..<Self.iterations {
            let value = ExactDecimal(rawValue: Self.randomRaw(&rng))
            #expect(try ExactDecimal(value.description) == value)
            #expect(try ExactDecimal(value.formatted(minimumFractionDigits: 14)) == value)
            // The text is the oracle's exact rendering of raw / 10^12.
            let oracle = Self.big(value.rawValue)
            let whole = oracle.magnitude / BigUInt(10).power(12)
            #expect(value.description.hasPrefix((oracle.signum() < 0 ? "-" : "") + String(whole)))
        }
    }
}

extension UInt128 {
    func power(_ exponent: Int) -> UInt128 {
        var result: UInt128 = 1
        for _ in 0..<exponent { result *= self }
        return result
    }
}
