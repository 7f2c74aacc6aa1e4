import Definitions
import Money

/// Term arithmetic for term-based pricing (DOMAIN.md §1.8).
enum TermMultiplier {
    /// `numerator / denominator`, exact when it terminates within 12 digits, else to 10 digits
    /// half-even (DOMAIN.md §0).
    static func ratio(_ numerator: ExactDecimal, _ denominator: ExactDecimal) throws(MoneyError) -> ExactDecimal {
        let precise = try numerator.divided(by: denominator, scale: ExactDecimal.scale, rounding: .down)
        if try precise.multiplied(by: denominator) == numerator { return precise }
        return try numerator.divided(by: denominator, scale: 10, rounding: .halfEven)
    }

    /// The length of `[start, end)` in months, as an exact fraction `numerator / denominator`.
    ///
    /// - anniversary: whole months from the start day, then the leftover days over the days of
    ///   the month-long period they fall in.
    /// - calendar: a partial first month (days to the 1st of the next month over the days of
    ///   that month), whole calendar months, and a partial last month the same way.
    static func months(from start: CivilDate, to end: CivilDate, alignment: PricingElement.TermPricing.Alignment)
        -> (numerator: Int, denominator: Int)
    {
        switch alignment {
        case .anniversary:
            var whole = 0
            while start.addingMonths(whole + 1) <= end { whole += 1 }
            let periodStart = start.addingMonths(whole)
            let leftover = periodStart.days(until: end)
            guard leftover > 0 else { return (whole, 1) }
            let periodDays = periodStart.days(until: start.addingMonths(whole + 1))
            return (whole * periodDays + leftover, periodDays)
        case .calendar:
            let (year, month, day) = start.components
            let startDays = CivilDate.daysIn(year: year, month: month)
            let firstOfNext = start.addingDays(startDays - day + 1)
            if end <= firstOfNext {
                return (start.days(until: end), startDays)
            }
            // First partial month.
            let firstPart = day == 1 ? (1, 1) : (start.days(until: firstOfNext), startDays)
            var whole = 0
            var cursor = firstOfNext
            while cursor.addingMonths(1) <= end {
                cursor = cursor.addingMonths(1)
                whole += 1
            }
            let (endYear, endMonth, _) = cursor.components
            let lastDays = CivilDate.daysIn(year: endYear, month: endMonth)
            let lastPart = (cursor.days(until: end), lastDays)
            // firstPart + whole + lastPart as one fraction.
            let denominator = firstPart.1 * lastPart.1
            let numerator = firstPart.0 * lastPart.1 + whole * denominator + lastPart.0 * firstPart.1
            return (numerator, denominator)
        }
    }
}
