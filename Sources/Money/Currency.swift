/// An active ISO 4217 currency with its minor units (the number of decimals an amount may carry).
///
/// ```swift
/// let yen = try Currency("JPY")   // minorUnits == 0
/// let dinar = try Currency("KWD") // minorUnits == 3
/// ```
public struct Currency: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Position in ``all`` (and in ``iso4217``), so equality, hashing and order are integer work.
    private let index: UInt16
    private let digits: UInt8

    /// The three-letter code, for example `USD`.
    public var code: String { Self.iso4217[Int(index)].0 }
    /// Decimals in the currency's smallest unit: USD 2, JPY 0, KWD 3, CLF 4.
    public var minorUnits: Int { Int(digits) }
    /// The English name from ISO 4217.
    public var name: String { Self.iso4217[Int(index)].2 }

    private init(index: Int) {
        self.index = UInt16(index)
        digits = UInt8(Self.iso4217[index].1)
    }

    /// Looks up an active ISO 4217 code (upper case, exactly as the standard writes it).
    ///
    /// - Throws: ``MoneyError/Code/unknownCurrency`` for any other code.
    public init(_ code: some StringProtocol) throws(MoneyError) {
        guard let index = Self.indexByCode[String(code)] else {
            throw MoneyError(.unknownCurrency, "\"\(code)\" is not an active ISO 4217 currency code")
        }
        self.init(index: index)
    }

    /// Every active ISO 4217 currency with minor units, sorted by code.
    public static let all: [Currency] = iso4217.indices.map { Currency(index: $0) }

    private static let indexByCode: [String: Int] = Dictionary(uniqueKeysWithValues: iso4217.enumerated().map { ($1.0, $0) })

    /// A code known to be in the table.
    private init(known code: String) {
        guard let index = Self.indexByCode[code] else { preconditionFailure("\(code) is not in the ISO 4217 table") }
        self.init(index: index)
    }

    /// US dollar.
    public static let usd = Currency(known: "USD")
    /// Euro.
    public static let eur = Currency(known: "EUR")
    /// Pound sterling.
    public static let gbp = Currency(known: "GBP")
    /// Yen.
    public static let jpy = Currency(known: "JPY")

    public var description: String { code }

    /// Code order: the table is sorted by code.
    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.index < rhs.index }
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
