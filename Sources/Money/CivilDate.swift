/// A calendar date in UTC with no time of day, for effective windows and pricing dates.
///
/// Stored as days since 1970-01-01, so comparisons and day arithmetic are integer operations.
///
/// ```swift
/// let from = try CivilDate("2026-01-31")
/// from.addingMonths(1)   // 2026-02-28
/// ```
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let daysSinceEpoch: Int

    /// The first supported date, 0001-01-01.
    public static let earliest = CivilDate(unchecked: daysFromCivil(year: 1, month: 1, day: 1))
    /// The last supported date, 9999-12-31.
    public static let latest = CivilDate(unchecked: daysFromCivil(year: 9999, month: 12, day: 31))

    private init(unchecked days: Int) { daysSinceEpoch = days }

    /// Creates a date from days since 1970-01-01.
    ///
    /// - Throws: ``MoneyError/Code/invalidDate`` outside 0001-01-01 ... 9999-12-31.
    public init(daysSinceEpoch days: Int) throws(MoneyError) {
        guard days >= Self.earliest.daysSinceEpoch, days <= Self.latest.daysSinceEpoch else {
            throw MoneyError(.invalidDate, "day \(days) is outside 0001-01-01 ... 9999-12-31")
        }
        daysSinceEpoch = days
    }

    /// Creates a date from its parts.
    ///
    /// - Throws: ``MoneyError/Code/invalidDate`` for a month or day that does not exist.
    public init(year: Int, month: Int, day: Int) throws(MoneyError) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Self.daysIn(year: year, month: month)
        else {
            throw MoneyError(.invalidDate, "\(year)-\(month)-\(day) is not a calendar date")
        }
        daysSinceEpoch = Self.daysFromCivil(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` strictly (ISO 8601 calendar date, four-digit year).
    ///
    /// - Throws: ``MoneyError/Code/invalidDate`` for anything else.
    public init(_ text: some StringProtocol) throws(MoneyError) {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10)
        else {
            throw MoneyError(.invalidDate, "\"\(text)\" is not a date in the form YYYY-MM-DD")
        }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw MoneyError(.invalidDate, "\"\(text)\" is not a calendar date")
        }
    }

    /// The year, month and day.
    public var components: (year: Int, month: Int, day: Int) { Self.civil(fromDays: daysSinceEpoch) }

    /// The date `days` later (earlier if negative), clamped to the supported range.
    public func addingDays(_ days: Int) -> CivilDate {
        let target = daysSinceEpoch.addingReportingOverflow(days)
        let clamped = target.overflow ? (days < 0 ? Self.earliest.daysSinceEpoch : Self.latest.daysSinceEpoch)
            : min(max(target.partialValue, Self.earliest.daysSinceEpoch), Self.latest.daysSinceEpoch)
        return CivilDate(unchecked: clamped)
    }

    /// The same day `months` later; a day past the end of the target month becomes its last day
    /// (2026-01-31 + 1 month = 2026-02-28). Clamped to the supported range.
    public func addingMonths(_ months: Int) -> CivilDate {
        let (year, month, day) = components
        let (total, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        guard !overflow else { return months < 0 ? .earliest : .latest }
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        if newYear < 1 { return .earliest }
        if newYear > 9999 { return .latest }
        let newDay = min(day, Self.daysIn(year: newYear, month: newMonth))
        return CivilDate(unchecked: Self.daysFromCivil(year: newYear, month: newMonth, day: newDay))
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = components
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// Days in a month of the proleptic Gregorian calendar.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    // Civil-from-days and days-from-civil on the proleptic Gregorian calendar (era arithmetic).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension CivilDate: Codable {
    /// Decodes from `"YYYY-MM-DD"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CivilDate(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as `"YYYY-MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
