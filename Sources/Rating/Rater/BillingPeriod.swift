public import Money

/// The stretch of time whose usage is rated together: a UTC calendar month (the default) or day.
///
/// ```swift
/// let october = BillingPeriod(.month, containing: try CivilDate("2026-10-17"))
/// october.description   // "2026-10"
/// ```
public struct BillingPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How long a period is.
    public enum Length: String, Sendable, Hashable, CaseIterable {
        case month, day
    }

    /// Month or day.
    public let length: Length
    /// The first day; the cards in force on it rate the period.
    public let start: CivilDate

    /// The period containing `date`.
    public init(_ length: Length, containing date: CivilDate) {
        self.length = length
        switch length {
        case .day:
            start = date
        case .month:
            let parts = date.components
            // The first of a valid date's month is valid.
            start = (try? CivilDate(year: parts.year, month: parts.month, day: 1)) ?? date
        }
    }

    /// The period a text names: `YYYY-MM` is a month, `YYYY-MM-DD` a day; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts[1].count == 2, let first = try? CivilDate(text + "-01") {
            self.init(.month, containing: first)
        } else if parts.count == 3, let day = try? CivilDate(text) {
            self.init(.day, containing: day)
        } else {
            return nil
        }
    }

    /// A number that orders periods of one length: months or days since 1970.
    public var ordinal: Int {
        switch length {
        case .day: return start.daysSinceEpoch
        case .month:
            let parts = start.components
            return parts.year * 12 + parts.month - 1
        }
    }

    /// The first day of the next period.
    public var end: CivilDate { length == .day ? start.addingDays(1) : start.addingMonths(1) }

    public static func < (lhs: BillingPeriod, rhs: BillingPeriod) -> Bool { lhs.start < rhs.start }

    /// `2026-10` for a month, `2026-10-17` for a day.
    public var description: String {
        length == .day ? start.description : String(start.description.prefix(7))
    }
}
