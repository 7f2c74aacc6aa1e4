import Definitions
import Money
import Pricing

/// One summary of a run: its quantity and records, its rating, and how its amount is shared out
/// among its records (DOMAIN.md §2.3).
struct SummaryLedger {
    let key: SummaryKey
    /// Σ quantity at ``ExactDecimal/scale``, over records that are neither rejected nor repeated.
    var quantity: Int128 = 0
    var records = 0
    /// The rating, or why the summary's records are rejected.
    var rating: Result<SummaryRating, RatingError>?
    /// Σ of the shares of every record.
    var shares: Int128 = 0
    /// The record that takes the remainder: the last by timestamp, then id.
    var last: (timestamp: Int64, location: UInt64)?
    /// Whether `last` turned out to be a repeated id, so that the share pass must find the last
    /// record again among the others.
    var lastIsStale = false

    init(key: SummaryKey) { self.key = key }

    /// What the record that takes the remainder gets on top of its own share: the rounded amount
    /// less the sum of every record's share, so that it gets the amount less every other share.
    var remainderAdjustment: Int128 {
        guard case .success(let rating) = rating else { return 0 }
        return rating.amountMinor - shares
    }
}

/// What the record passes read of a summary, in 40 bytes, so that the random lookups of millions
/// of records touch one cache line: the amount and Q when both fit in 64 bits, the record that
/// takes the remainder, and where its line suffix lies in the run's suffix arena.
struct HotSummary {
    /// The amount in minor units, and Q at ``ExactDecimal/scale``; valid when `isFast`.
    var amount: UInt64 = 0
    var total: UInt64 = 0
    /// The record that takes the remainder.
    var lastLocation: UInt64 = .max
    /// The summary's line suffix in the arena (see ``SummaryRating/suffix(_:format:)``).
    var suffixStart: UInt32 = 0
    var suffixLength: UInt32 = 0
    /// The currency's minor units.
    var scale: UInt8 = 0
    /// Rated, with amount and Q in 64 bits.
    var isFast = false
    /// The share pass must find the record that takes the remainder (``SummaryLedger/lastIsStale``).
    var findsLast = false

    /// A summary that is not rated.
    init() {}

    init(_ ledger: SummaryLedger) {
        lastLocation = ledger.last?.location ?? .max
        findsLast = ledger.lastIsStale
        guard case .success(let rating) = ledger.rating else { return }
        scale = UInt8(rating.currency.minorUnits)
        guard rating.amountMinor >= 0, rating.amountMinor <= Int128(UInt64.max),
              ledger.quantity >= 0, ledger.quantity <= Int128(UInt64.max) else { return }
        amount = UInt64(rating.amountMinor)
        total = UInt64(ledger.quantity)
        isFast = true
    }

    /// `round(amount × quantity / Q)` half-up with one hardware division.
    @inline(__always)
    func share(of quantity: UInt64) -> Int128 {
        guard total > 0, quantity > 0 else { return 0 }
        let (quotient, remainder) = total.dividingFullWidth(amount.multipliedFullWidth(by: quantity))
        return Int128(quotient) + (remainder >= total - remainder ? 1 : 0)
    }
}

/// A rated summary, ready to write; shared by reference with every record of the summary.
final class SummaryRating: Sendable {
    /// The account, resource, period and currency, for the summary file.
    let accountId: String
    let resourceId: String
    let period: String
    let currency: Currency
    /// The amount in minor units of the currency.
    let amountMinor: Int128

    /// The rating of a summary, with its period's name (`rated.summary.period.description`).
    init(_ rated: RatedUsage, period: String) {
        accountId = rated.accountId
        resourceId = rated.summary.resourceId
        self.period = period
        currency = rated.currency
        amountMinor = rated.amount.rawValue / Int128(powerOfTen: ExactDecimal.scale - rated.currency.minorUnits)
    }

    /// What follows the amount on a rated record's line: `,currency,rate,tiers` and the line
    /// break in CSV; the remaining members and the closing brace in JSON.
    static func suffix(_ rated: RatedUsage, format: BulkRatingOptions.OutputFormat) -> [UInt8] {
        format == .csv ? csvSuffix(rated) : jsonSuffix(rated)
    }

    /// `,USD,0.072667,graduated 0-1000:1000@0.1; 1000-5000:4000@0.08; 5000-:2500@0.05`.
    private static func csvSuffix(_ rated: RatedUsage) -> [UInt8] {
        var csv = Array(",\(rated.currency.code),".utf8)
        rated.netUnitRate.write(to: &csv)
        csv.append(0x2C)
        if let mode = rated.tierMode { csv += Array(mode.rawValue.utf8) }
        for (index, slice) in rated.tiers.enumerated() {
            csv += Array((index == 0 ? " " : "; ").utf8)
            slice.range.lower.write(to: &csv)
            csv.append(0x2D)
            if let upper = slice.range.upper { upper.write(to: &csv) }
            csv.append(0x3A)
            slice.quantity.write(to: &csv)
            csv.append(0x40)
            slice.rate.write(to: &csv)
        }
        csv.append(0x0A)
        return csv
    }

    /// `,"currency":"USD","rate":"0.072667","tierMode":"graduated","tiers":[{…}]}`.
    private static func jsonSuffix(_ rated: RatedUsage) -> [UInt8] {
        var json = Array(",\"currency\":\"\(rated.currency.code)\",\"rate\":\"".utf8)
        rated.netUnitRate.write(to: &json)
        json += Array("\",\"tierMode\":".utf8)
        json += Array((rated.tierMode.map { "\"\($0.rawValue)\"" } ?? "null").utf8)
        json += Array(",\"tiers\":[".utf8)
        for (index, slice) in rated.tiers.enumerated() {
            json += Array((index == 0 ? "{\"from\":\"" : ",{\"from\":\"").utf8)
            slice.range.lower.write(to: &json)
            json += Array("\",\"to\":".utf8)
            if let upper = slice.range.upper {
                json.append(0x22)
                upper.write(to: &json)
                json.append(0x22)
            } else {
                json += Array("null".utf8)
            }
            json += Array(",\"quantity\":\"".utf8)
            slice.quantity.write(to: &json)
            json += Array("\",\"rate\":\"".utf8)
            slice.rate.write(to: &json)
            json += Array("\"}".utf8)
        }
        json += Array("]}\n".utf8)
        return json
    }

    /// A record's share of the amount: `round(amount × q / Q)` half-up (ties away from zero) in
    /// minor units, exact for any amount and quantity; ``HotSummary/share(of:)`` is the 64-bit
    /// fast path.
    func share(of quantity: Int128, in total: Int128) -> Int128 {
        guard total > 0, quantity > 0 else { return 0 }
        let magnitude = UInt128(amountMinor.magnitude)
        let product = magnitude.multipliedFullWidth(by: UInt128(quantity))
        let (quotient, remainder) = UInt128(total).dividingFullWidth(product)
        let rounded = Int128(quotient) + (remainder >= UInt128(total) - remainder ? 1 : 0)
        return amountMinor < 0 ? -rounded : rounded
    }
}

extension Int128 {
    init(powerOfTen exponent: Int) {
        var value: Int128 = 1
        for _ in 0..<exponent { value *= 10 }
        self = value
    }
}

/// Formats amounts and quantities into output bytes.
enum DecimalText {
    /// Writes `value`'s decimal digits to `digits`, least significant first; returns how many.
    @inline(__always)
    private static func writeDigits<T: UnsignedInteger & FixedWidthInteger>(_ value: T,
                                                                            to digits: UnsafeMutableBufferPointer<UInt8>) -> Int
    {
        var value = value
        var count = 0
        repeat {
            let (quotient, digit) = value.quotientAndRemainder(dividingBy: 10)
            digits[count] = UInt8(digit) + 0x30
            count += 1
            value = quotient
        } while value > 0
        return count
    }

    /// Appends `minor` / 10^scale with exactly `scale` decimals.
    static func append<Sink: ByteSink>(minor: Int128, scale: Int, to output: inout Sink) {
        let magnitude = minor.magnitude
        // 39 digits hold any UInt128; the scale may ask for leading zeros beyond them. The text is
        // made in a second buffer, sign and point included, and appended at once.
        let capacity = max(40, scale + 2)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * capacity + 2) { buffer in
            let digits = UnsafeMutableBufferPointer(rebasing: buffer[..<capacity])
            let text = UnsafeMutableBufferPointer(rebasing: buffer[capacity...])
            // The common case without 128-bit division.
            var count = magnitude <= UInt128(UInt64.max) ? writeDigits(UInt64(magnitude), to: digits)
                : writeDigits(magnitude, to: digits)
            while count <= scale {
                digits[count] = 0x30
                count += 1
            }
            var length = 0
            if minor < 0 {
                text[0] = 0x2D
                length = 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                text[length] = digits[index]
                length += 1
                if index == scale, scale > 0 {
                    text[length] = 0x2E
                    length += 1
                }
            }
            output.append(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(text)[..<length]))
        }
    }
}
