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

extension StoredTime {
    /// `date` as ISO 8601 in UTC with milliseconds, `2026-11-23T09:30:00.125Z`: how every JSON
    /// reply and report writes a time.
    public static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
