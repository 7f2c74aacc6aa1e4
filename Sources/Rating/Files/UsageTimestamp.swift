import Money

/// An ISO 8601 timestamp with a zone, read from bytes: `2026-10-01T12:34:56Z`,
/// `2026-10-01T14:34:56.123+02:00` (a space may stand for the `T`). Kept as nanoseconds since
/// 1970 UTC, and the UTC day.
struct UsageTimestamp: Sendable, Hashable, Comparable {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    let nanoseconds: Int64

    /// Days since 1970-01-01 of the UTC day.
    var utcDay: Int { Int(nanoseconds.dividingFloor(by: 86_400_000_000_000)) }

    static func < (lhs: UsageTimestamp, rhs: UsageTimestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Parses the bytes; the error says what is wrong.
    static func parse(_ text: UnsafeRawBufferPointer) -> Result<UsageTimestamp, RatingError> {
        let count = text.count
        func digits(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= count else { return nil }
            var value = 0
            for index in start..<start + length {
                let digit = Int(text[index]) - 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        func fail(_ why: String) -> Result<UsageTimestamp, RatingError> {
            .failure(RatingError(.invalidTimestamp, "'\(String(decoding: text.prefix(64), as: UTF8.self))' is not an ISO 8601 timestamp with a zone (\(why)), for example 2026-10-01T12:34:56Z"))
        }
        let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        if count >= 19, let fixed = Self.fixedFields(text) {
            (year, month, day, hour, minute, second) = fixed
        } else {
            guard let y = digits(0, 4), count > 4, text[4] == 0x2D, let m = digits(5, 2), count > 7, text[7] == 0x2D,
                  let d = digits(8, 2) else { return fail("expected YYYY-MM-DD") }
            guard count > 10, text[10] == 0x54 || text[10] == 0x20 || text[10] == 0x74 else { return fail("expected T and a time") }
            guard let h = digits(11, 2), count > 13, text[13] == 0x3A, let min = digits(14, 2), count > 16,
                  text[16] == 0x3A, let s = digits(17, 2) else { return fail("expected hh:mm:ss") }
            (year, month, day, hour, minute, second) = (y, m, d, h, min, s)
        }
        guard hour < 24, minute < 60, second < 61 else { return fail("time out of range") }
        guard year >= 1970, year < 2262 else { return fail("only years 1970 to 2261 are accepted") }
        guard let date = try? CivilDate(year: year, month: month, day: day) else { return fail("no such date") }
        var index = 19
        var fraction: Int64 = 0
        if index < count, text[index] == 0x2E || text[index] == 0x2C {
            index += 1
            var scale: Int64 = 100_000_000
            let start = index
            while index < count, text[index] >= 48, text[index] <= 57 {
                if scale > 0 { fraction += Int64(text[index] - 48) * scale }
                scale /= 10
                index += 1
            }
            guard index > start else { return fail("expected digits after the decimal point") }
        }
        guard index < count else { return fail("the zone is missing; add Z or an offset such as +02:00") }
        var offsetSeconds = 0
        switch text[index] {
        case 0x5A, 0x7A:
            index += 1
        case 0x2B, 0x2D:
            let sign = text[index] == 0x2D ? -1 : 1
            guard let hours = digits(index + 1, 2) else { return fail("expected an offset ±hh:mm") }
            var next = index + 3
            if next < count, text[next] == 0x3A { next += 1 }
            guard let minutes = digits(next, 2), hours < 24, minutes < 60 else { return fail("expected an offset ±hh:mm") }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
            index = next + 2
        default:
            return fail("the zone is missing; add Z or an offset such as +02:00")
        }
        guard index == count else { return fail("unexpected text after the zone") }
        let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        guard seconds >= 0 else { return fail("before 1970 in UTC") }
        return .success(UsageTimestamp(nanoseconds: seconds * 1_000_000_000 + fraction))
    }

    /// `YYYY-MM-DDThh:mm:ss` at the start of at least 19 bytes, read at fixed places without a
    /// check per digit; `nil` when any byte is not what that form has there (the caller then
    /// reads it again, slowly, to say what is wrong).
    @inline(__always)
    private static func fixedFields(_ text: UnsafeRawBufferPointer)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)?
    {
        var bad: UInt8 = 0
        @inline(__always) func digit(_ index: Int) -> Int {
            let value = text[index] &- 48
            bad |= value > 9 ? 1 : 0
            return Int(value)
        }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6)
        let day = digit(8) * 10 + digit(9)
        let hour = digit(11) * 10 + digit(12)
        let minute = digit(14) * 10 + digit(15)
        let second = digit(17) * 10 + digit(18)
        let separators = text[4] == 0x2D && text[7] == 0x2D && text[13] == 0x3A && text[16] == 0x3A
            && (text[10] == 0x54 || text[10] == 0x20 || text[10] == 0x74)
        guard bad == 0, separators else { return nil }
        return (year, month, day, hour, minute, second)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func dividingFloor(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
