/// An active ISO 4217 currency with its minor units (the number of decimals an amount may carry).
///
/// ```swift
/// let yen = try Currency("JPY")   // minorUnits == 0
/// let dinar = try Currency("KWD") // minorUnits == 3
/// ```
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The three-letter code, for example `USD`.
    public let code: String
    /// Decimals in the currency's smallest unit: USD 2, JPY 0, KWD 3, CLF 4.
    public let minorUnits: Int
    /// The English name from ISO 4217.
    public let name: String

    init(code: String, minorUnits: Int, name: String) {
        self.code = code
        self.minorUnits = minorUnits
        self.name = name
    }

    /// Looks up an active ISO 4217 code (upper case, exactly as the standard writes it).
    ///
    /// - Throws: ``MoneyError/Code/unknownCurrency`` for any other code.
    public init(_ code: some StringProtocol) throws(MoneyError) {
        guard let currency = Self.byCode[String(code)] else {
            throw MoneyError(.unknownCurrency, "\"\(code)\" is not an active ISO 4217 currency code")
        }
        self = currency
    }

    /// Every active ISO 4217 currency with minor units, sorted by code.
    public static let all: [Currency] = iso4217.map { Currency(code: $0.0, minorUnits: $0.1, name: $0.2) }

    private static let byCode: [String: Currency] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// US dollar.
    public static let usd = Currency(code: "USD", minorUnits: 2, name: "US Dollar")
    /// Euro.
    public static let eur = Currency(code: "EUR", minorUnits: 2, name: "Euro")
    /// Pound sterling.
    public static let gbp = Currency(code: "GBP", minorUnits: 2, name: "Pound Sterling")
    /// Yen.
    public static let jpy = Currency(code: "JPY", minorUnits: 0, name: "Yen")

    public var description: String { code }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    public static func == (lhs: Currency, rhs: Currency) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

extension Currency: Codable {
    /// Decodes from the three-letter code; an unknown code is a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        do {
            self = try Currency(code)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes as the three-letter code.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
