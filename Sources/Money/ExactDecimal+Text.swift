// MARK: - Parsing and formatting

extension ExactDecimal: CustomStringConvertible, CustomDebugStringConvertible {
    /// Parses decimal text exactly, never through floating point.
    ///
    /// Accepts an optional sign, digits with an optional fraction, and an optional exponent:
    /// `"1234.5678"`, `"-0.01"`, `"+3"`, `".5"`, `"1.5e3"`. More than twelve significant
    /// fractional digits is an error, never a silent rounding.
    ///
    /// ```swift
    /// let rate = try ExactDecimal("0.000001234")
    /// ```
    /// - Throws: ``MoneyError/Code/invalidNumber`` for text that is not a number,
    ///   ``MoneyError/Code/precisionExceeded`` for too many fractional digits,
    ///   ``MoneyError/Code/overflow`` for a value beyond the range.
    public init(_ text: some StringProtocol) throws(MoneyError) {
        var string = String(text)
        let result = string.withUTF8 { bytes in
            Result { () throws(MoneyError) in try ExactDecimal.parse(bytes) }
        }
        self = try result.get()
    }

    /// Parses UTF-8 bytes; the workhorse behind ``init(_:)``, usable on a file's bytes directly.
    ///
    /// - Throws: ``MoneyError`` as ``init(_:)`` does.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(MoneyError) -> ExactDecimal {
        if bytes.count <= 18, let plain = plainNumber(bytes) { return plain }
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: UInt128 = 0
        var digitCount = 0
        var fractionDigits = 0
        // Zeros after the last non-zero digit are counted, not accumulated, so that
        // "1.50000000000000000000" does not overflow the accumulator.
        var pendingZeros = 0
        var sawPoint = false
        var overflowed = false
        while index < count {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digitCount += 1
                if sawPoint { fractionDigits += 1 }
                if byte == UInt8(ascii: "0") {
                    pendingZeros += 1
                } else if !overflowed {
                    var next = digits
                    for _ in 0...pendingZeros where !overflowed {
                        let (times10, overflow) = next.multipliedReportingOverflow(by: 10)
                        overflowed = overflow
                        next = times10
                    }
                    let (sum, overflow) = next.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
                    overflowed = overflowed || overflow
                    digits = sum
                    pendingZeros = 0
                }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard digitCount > 0 else { throw invalid(bytes) }
        var exponent = 0
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponentDigits = 0
            while index < count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                if exponent < 10_000 { exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { throw invalid(bytes) }
            if exponentNegative { exponent = -exponent }
        }
        guard index == count else { throw invalid(bytes) }
        guard !overflowed else { throw .overflowing(text(bytes)) }
        // value = digits × 10^(pendingZeros + exponent − fractionDigits); store at scale 12.
        let shift = pendingZeros + exponent - fractionDigits + scale
        var raw = digits
        if shift < 0 {
            guard -shift <= 38 else {
                if raw == 0 { return .zero }
                throw tooPrecise(bytes)
            }
            let divisor = PowersOfTen.of(-shift)
            guard raw % divisor == 0 else { throw tooPrecise(bytes) }
            raw /= divisor
        } else if shift > 0, raw != 0 {
            guard shift <= 38 else { throw .overflowing(text(bytes)) }
            let (scaled, overflow) = raw.multipliedReportingOverflow(by: PowersOfTen.of(shift))
            guard !overflow else { throw .overflowing(text(bytes)) }
            raw = scaled
        }
        guard raw <= UInt128(Int128.max) else { throw .overflowing(text(bytes)) }
        let signed = Int128(raw)
        return ExactDecimal(rawValue: negative ? -signed : signed)
    }

    /// The usual short number, digits with at most one point and at most `scale` of them after it
    /// ("275", "0.125"), summed in 64 bits and scaled once; `nil` for anything else, which the
    /// general reader takes (and rejects, when it must).
    @inline(__always)
    private static func plainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        var value: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                value = value &* 10 &+ UInt64(digit)
                digits += 1
                if sawPoint { fractionDigits += 1 }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                return nil
            }
        }
        // At most 18 digits: below 10^18, and times 10^12 far below Int128.max.
        guard digits > 0, fractionDigits <= scale else { return nil }
        return ExactDecimal(rawValue: Int128(value) * Int128(PowersOfTen.of(scale - fractionDigits)))
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes.prefix(64), as: UTF8.self) + (bytes.count > 64 ? "…" : "")
    }

    private static func invalid(_ bytes: UnsafeBufferPointer<UInt8>) -> MoneyError {
        MoneyError(.invalidNumber, "\"\(text(bytes))\" is not a decimal number")
    }

    private static func tooPrecise(_ bytes: UnsafeBufferPointer<UInt8>) -> MoneyError {
        MoneyError(.precisionExceeded, "\(text(bytes)) has more than \(scale) fractional digits")
    }

    /// The shortest exact text: `"12.5"`, `"-0.01"`, `"0"`.
    public var description: String { formatted(minimumFractionDigits: 0) }

    public var debugDescription: String { "ExactDecimal(\(description))" }

    /// Exact text with at least `minimumFractionDigits` fractional digits, never fewer than the
    /// value needs: `formatted(minimumFractionDigits: 2)` gives `"12.50"` and `"0.125"`.
    public func formatted(minimumFractionDigits: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.textCapacity(minimumFractionDigits: minimumFractionDigits)) { buffer in
            let count = write(into: buffer.baseAddress!, minimumFractionDigits: minimumFractionDigits)
            return String(decoding: UnsafeBufferPointer(start: buffer.baseAddress, count: count), as: UTF8.self)
        }
    }

    /// Appends ``formatted(minimumFractionDigits:)`` as UTF-8 to `out`, without making a string:
    /// how JSON and CSV writers put amounts into their output.
    public func write(to out: inout [UInt8], minimumFractionDigits: Int = 0) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.textCapacity(minimumFractionDigits: minimumFractionDigits)) { buffer in
            let count = write(into: buffer.baseAddress!, minimumFractionDigits: minimumFractionDigits)
            out.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: count))
        }
    }

    /// Room enough for what ``write(into:minimumFractionDigits:)`` writes: a sign, the integer
    /// digits (fewer than 40), a point and the fraction.
    @inlinable public static func textCapacity(minimumFractionDigits: Int) -> Int {
        41 + Swift.max(scale, minimumFractionDigits)
    }

    /// Writes ``formatted(minimumFractionDigits:)`` as UTF-8 at `start`, which has room for
    /// ``textCapacity(minimumFractionDigits:)`` bytes, and returns how many bytes it wrote.
    public func write(into start: UnsafeMutablePointer<UInt8>, minimumFractionDigits: Int = 0) -> Int {
        let magnitude = rawValue.magnitude
        let integerPart: UInt128
        var fraction: UInt64
        if let small = UInt64(exactly: magnitude) {
            // The common case, |value| < 18 million: 64-bit division only.
            integerPart = UInt128(small / UInt64(Self.rawOne))
            fraction = small % UInt64(Self.rawOne)
        } else {
            integerPart = magnitude / UInt128(Self.rawOne)
            fraction = UInt64(magnitude % UInt128(Self.rawOne))
        }
        let minimumFractionDigits = Swift.max(0, minimumFractionDigits)
        var fractionDigits = Self.scale
        if fraction == 0 {
            // Whole numbers, most amounts in a waterfall: no digits to strip one by one.
            fractionDigits = Swift.min(minimumFractionDigits, Self.scale)
        } else {
            // Trailing zeros go four at a time, then one at a time.
            while fractionDigits >= minimumFractionDigits + 4, fraction % 10_000 == 0 {
                fraction /= 10_000
                fractionDigits -= 4
            }
            while fractionDigits > minimumFractionDigits, fraction % 10 == 0 {
                fraction /= 10
                fractionDigits -= 1
            }
        }
        var count = 0
        if rawValue < 0 {
            start[0] = UInt8(ascii: "-")
            count = 1
        }
        if let small = UInt64(exactly: integerPart) {
            count += Self.writeDigits(small, into: start + count)
        } else {
            for digit in String(integerPart).utf8 {
                start[count] = digit
                count += 1
            }
        }
        guard fractionDigits > 0 else { return count }
        // The point, then the fraction's digits from the last one back, leading zeros included.
        let point = count
        start[point] = UInt8(ascii: ".")
        var index = point + fractionDigits
        while index > point {
            start[index] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
            index -= 1
        }
        count = point + fractionDigits + 1
        if minimumFractionDigits > Self.scale {
            (start + count).initialize(repeating: UInt8(ascii: "0"), count: minimumFractionDigits - Self.scale)
            count += minimumFractionDigits - Self.scale
        }
        return count
    }

    /// Writes the decimal digits of `value` at `start` and returns how many there are (1 to 20).
    private static func writeDigits(_ value: UInt64, into start: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = 1
        var bound: UInt64 = 10
        while digits < 20, value >= bound {
            digits += 1
            bound &*= 10
        }
        // Two digits per division, from the end.
        let pairs = digitPairs.utf8Start
        var rest = value
        var index = digits
        while rest >= 10 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            start[index - 1] = pairs[pair + 1]
            start[index - 2] = pairs[pair]
            index -= 2
        }
        if index > 0 { start[index - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest) }
        return digits
    }

    /// "00", "01", … "99", one after the other.
    private static let digitPairs: StaticString = """
        0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
        5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899
        """
}

extension ExactDecimal: Codable {
    /// Decodes from a JSON string (`"12.50"`); a JSON number is accepted only if its text is exact.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            do {
                self = try ExactDecimal(text)
            } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
            }
        } else {
            let whole = try container.decode(Int.self)
            self = ExactDecimal(whole)
        }
    }

    /// Encodes as a JSON string, never a JSON number, so no reader loses precision.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
