public import Foundation
import Money

/// Times are stored as whole milliseconds since 1970 (UTC), the same in every store.
public enum StoredTime {
    /// `date` in whole milliseconds, rounded down.
    ///
    /// It goes through the nearest whole microsecond: a date made from milliseconds
    /// (``date(milliseconds:)``) then gives them back exactly, although neither conversion of
    /// `Date`'s seconds is exact (straight down, 1 ms before 1970 would read back as 2). This is
    /// a time, not money: `Date` keeps its seconds in binary floating point.
    public static func milliseconds(_ date: Date) -> Int64 {
        let microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        return microseconds >= 0 ? microseconds / 1000 : (microseconds - 999) / 1000
    }

    /// The date of a stored value.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}

extension StoredTime {
    /// `date` as ISO 8601 in UTC with milliseconds, `2026-11-23T09:30:00.125Z`: how every JSON
    /// reply and report writes a time.
    ///
    /// Written by hand rather than with a format style: every access log line has one.
    public static func iso8601(_ date: Date) -> String {
        let milliseconds = milliseconds(date)
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let ms = Int(milliseconds - days * 86_400_000)
        // Years beyond 1 ... 9999 are written as the nearest end of that range.
        let day = (try? CivilDate(daysSinceEpoch: Int(days))) ?? (days < 0 ? .earliest : .latest)
        var text = day.description
        text.reserveCapacity(24)
        func append(_ value: Int, width: Int, after separator: Character) {
            text.append(separator)
            var digits = width
            var divisor = 1
            while digits > 1 { divisor *= 10; digits -= 1 }
            var rest = value
            while divisor > 0 {
                text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8(rest / divisor))))
                rest %= divisor
                divisor /= 10
            }
        }
        append(ms / 3_600_000, width: 2, after: "T")
        append(ms / 60_000 % 60, width: 2, after: ":")
        append(ms / 1000 % 60, width: 2, after: ":")
        append(ms % 1000, width: 3, after: ".")
        text.append("Z")
        return text
    }
}
