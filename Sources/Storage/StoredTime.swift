public import Foundation

/// Times are stored as whole milliseconds since 1970 (UTC), the same in every store.
public enum StoredTime {
    /// `date` in whole milliseconds, rounded down.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The date of a stored value.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
