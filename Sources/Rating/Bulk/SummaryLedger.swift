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
    /// Σ of the shares of every record, the record that takes the remainder (the last by
    /// timestamp, then id) and its share.
    var shares: Int128 = 0
    var last: (timestamp: Int64, location: UInt64, share: Int128)?

    init(key: SummaryKey) { self.key = key }

    /// The amount the last record gets: the rounded amount less every other record's share.
    var remainder: Int128 {
        guard case .success(let rating) = rating, let last else { return 0 }
        return rating.amountMinor - (shares - last.share)
    }
}

/// A rated summary, ready to write.
struct SummaryRating {
    let rated: RatedUsage
    /// The amount in minor units of the currency.
    let amountMinor: Int128
    /// The CSV columns after the amount: `,currency,rate,tiers`.
    let csvSuffix: [UInt8]
    /// The JSON members after the amount.
    let jsonSuffix: [UInt8]

    init(_ rated: RatedUsage) {
        self.rated = rated
        let scale = rated.currency.minorUnits
        amountMinor = rated.amount.rawValue / Int128(powerOfTen: ExactDecimal.scale - scale)
        let tiers = rated.tiers.map { slice in
            "\(slice.range.lower)-\(slice.range.upper.map { "\($0)" } ?? ""):\(slice.quantity)@\(slice.rate)"
        }
        let tierText = rated.tierMode.map { "\($0.rawValue) " + tiers.joined(separator: "; ") } ?? ""
        csvSuffix = Array(",\(rated.currency.code),\(rated.netUnitRate),\(tierText)\n".utf8)
        let tierJSON = rated.tiers.map { slice in
            "{\"from\":\"\(slice.range.lower)\",\"to\":\(slice.range.upper.map { "\"\($0)\"" } ?? "null"),\"quantity\":\"\(slice.quantity)\",\"rate\":\"\(slice.rate)\"}"
        }
        jsonSuffix = Array(",\"currency\":\"\(rated.currency.code)\",\"rate\":\"\(rated.netUnitRate)\",\"tierMode\":\(rated.tierMode.map { "\"\($0.rawValue)\"" } ?? "null"),\"tiers\":[\(tierJSON.joined(separator: ","))]}\n".utf8)
    }

    /// A record's share of the amount: `round(amount × q / Q)` half-up in minor units.
    func share(of quantity: Int128, in total: Int128) -> Int128 {
        guard total > 0, quantity > 0 else { return 0 }
        let product = UInt128(amountMinor).multipliedFullWidth(by: UInt128(quantity))
        let (quotient, remainder) = UInt128(total).dividingFullWidth(product)
        return Int128(quotient) + (remainder >= UInt128(total) - remainder ? 1 : 0)
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
    /// Appends `minor` / 10^scale with exactly `scale` decimals.
    static func append(minor: Int128, scale: Int, to output: inout [UInt8]) {
        var magnitude = minor < 0 ? UInt128(-minor) : UInt128(minor)
        if minor < 0 { output.append(0x2D) }
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(magnitude % 10) + 0x30)
            magnitude /= 10
        } while magnitude > 0
        while digits.count <= scale { digits.append(0x30) }
        for index in stride(from: digits.count - 1, through: 0, by: -1) {
            output.append(digits[index])
            if index == scale, scale > 0 { output.append(0x2E) }
        }
    }
}
