import Foundation
import Money
import Testing

@Suite("ExactDecimal")
struct ExactDecimalTests {
    @Test("parses exact text", arguments: [
        ("1234.5678", Int128(1_234_567_800_000_000)), ("-0.01", Int128(-10_000_000_000)), ("+3", Int128(3_000_000_000_000)),
        (".5", Int128(500_000_000_000)), ("1.5e3", Int128(1_500_000_000_000_000)), ("0.000001234", Int128(1_234_000)),
        ("1.0000000000000", Int128(1_000_000_000_000)), ("12E-2", Int128(120_000_000_000)), ("-0", Int128(0)),
    ])
    func parses(text: String, raw: Int128) throws {
        #expect(try ExactDecimal(text).rawValue == raw)
    }

    @Test("rejects text that is not a number", arguments: ["", "-", ".", "1.2.3", "1e", "abc", "1,5", " 1", "1 ", "0x10", "1e+"])
    func rejectsInvalid(text: String) {
        #expect(throws: MoneyError(.invalidNumber, "\"\(text)\" is not a decimal number")) { try ExactDecimal(text) }
    }

    @Test("rejects more than twelve fractional digits instead of rounding")
    func rejectsTooPrecise() {
        #expect(throws: MoneyError(.precisionExceeded, "0.0000000000001 has more than 12 fractional digits")) {
            try ExactDecimal("0.0000000000001")
        }
    }

    @Test("reports overflow instead of wrapping")
    func overflow() throws {
        let big = try ExactDecimal("100000000000000000000000000")  // 10^26
        #expect(throws: MoneyError.self) { try big * big }
        #expect(throws: MoneyError.self) { try ExactDecimal.greatestFiniteMagnitude + .one }
        #expect(throws: MoneyError.self) { try ExactDecimal("1e40") }
        #expect(throws: MoneyError(.divisionByZero, "1 ÷ 0")) { try ExactDecimal.one / .zero }
    }

    @Test("amounts up to ±10^15 multiply by rates and percentages without overflow")
    func largeAmounts() throws {
        let amount = try ExactDecimal("999999999999999.99")
        let rate = try ExactDecimal("0.000001234")
        #expect(try amount.multiplied(by: rate).description == "1233999999.99999998766")
        #expect(try amount.multiplied(by: 1000, scale: 2).description == "999999999999999990")
    }

    @Test("rounds ties by each mode", arguments: [
        ("2.345", RoundingMode.halfUp, "2.35"), ("2.345", .halfEven, "2.34"), ("2.355", .halfEven, "2.36"),
        ("-2.345", .halfUp, "-2.35"), ("-2.345", .halfEven, "-2.34"), ("2.341", .up, "2.35"), ("-2.341", .up, "-2.35"),
        ("2.349", .down, "2.34"), ("-2.349", .down, "-2.34"), ("-2.349", .ceiling, "-2.34"), ("2.341", .ceiling, "2.35"),
        ("-2.341", .floor, "-2.35"), ("2.349", .floor, "2.34"),
    ])
    func roundsTies(value: String, mode: RoundingMode, expected: String) throws {
        #expect(try ExactDecimal(value).rounded(scale: 2, mode: mode).description == expected)
    }

    @Test("the domain's worked figures are exact")
    func workedFigures() throws {
        // P5: 7/12 at ten digits, half-even, then × 1,200.
        let ratio = try ExactDecimal(7).divided(by: 12, scale: 10)
        #expect(ratio.description == "0.5833333333")
        #expect(try (ExactDecimal(1200) * ratio).description == "699.99999996")
        // P7: 99.99 USD at 0.923456 to EUR, rounded half-up.
        let eur = try ExactDecimal("99.99").multiplied(by: ExactDecimal("0.923456"), scale: 2, rounding: .halfUp)
        #expect(eur.description == "92.34")
        let jpy = try ExactDecimal("99.99").multiplied(by: ExactDecimal("151.2345"), scale: 0, rounding: .halfUp)
        #expect(jpy.description == "15122")
    }

    @Test("formats with a minimum of fractional digits")
    func formats() throws {
        #expect(try ExactDecimal("12.5").formatted(minimumFractionDigits: 2) == "12.50")
        #expect(try ExactDecimal("0.125").formatted(minimumFractionDigits: 2) == "0.125")
        #expect(try ExactDecimal("-7").formatted(minimumFractionDigits: 0) == "-7")
        #expect(try ExactDecimal("0.000000000001").description == "0.000000000001")
        #expect(try ExactDecimal("1.250").fractionalDigitCount == 2)
        // Digits written in pairs, zeros stripped four then one at a time, leading fraction zeros kept.
        for text in ["0", "5", "10", "99", "100", "1001", "-0.05", "0.0001", "1234567890.5", "17999999.999999999999",
                     "18446744.073709551616", "123456789012345678901234.5", "-0.000000000001", "1000000.000001"] {
            #expect(try ExactDecimal(text).description == text)
        }
        #expect(try ExactDecimal("1").formatted(minimumFractionDigits: 14) == "1.00000000000000")
        #expect(try ExactDecimal("0.0001").formatted(minimumFractionDigits: 2) == "0.0001")
        #expect(try ExactDecimal("-3.1").formatted(minimumFractionDigits: 6) == "-3.100000")
        var bytes: [UInt8] = Array("x=".utf8)
        try ExactDecimal("12.5").write(to: &bytes, minimumFractionDigits: 2)
        #expect(String(decoding: bytes, as: UTF8.self) == "x=12.50")
    }

    @Test("encodes to JSON as a string, never a number")
    func json() throws {
        let money = try Money("12.5", .usd)
        let data = try JSONEncoder().encode(money)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"amount\":\"12.50\""))
        #expect(try JSONDecoder().decode(Money.self, from: data) == money)
        #expect(String(decoding: try JSONEncoder().encode([ExactDecimal(3)]), as: UTF8.self) == "[\"3\"]")
    }
}

@Suite("Currency and Money")
struct CurrencyTests {
    @Test("knows ISO 4217 minor units", arguments: [("USD", 2), ("JPY", 0), ("KWD", 3), ("CLF", 4), ("EUR", 2), ("BHD", 3), ("UYW", 4)])
    func minorUnits(code: String, units: Int) throws {
        #expect(try Currency(code).minorUnits == units)
    }

    @Test("rejects unknown and lower-case codes", arguments: ["usd", "XYZ", "", "USDD", "XAU"])
    func unknown(code: String) {
        #expect(throws: MoneyError(.unknownCurrency, "\"\(code)\" is not an active ISO 4217 currency code")) {
            try Currency(code)
        }
    }

    @Test("lists every active code once")
    func allCodes() {
        #expect(Currency.all.count > 150)
        #expect(Set(Currency.all.map(\.code)).count == Currency.all.count)
        #expect(Currency.all.map(\.code) == Currency.all.map(\.code).sorted())
        #expect(Currency.all.sorted() == Currency.all, "code order and Currency order agree")
    }

    @Test("never mixes currencies")
    func mismatch() throws {
        let dollars = try Money("10", .usd)
        #expect(throws: MoneyError.self) { try dollars.adding(Money("1", .eur)) }
        #expect(try dollars.adding(Money("0.015", .usd)).rounded().description == "10.02 USD")
        #expect(try Money("10.015", .usd).fitsCurrencyPrecision == false)
    }
}

@Suite("CivilDate")
struct CivilDateTests {
    @Test("parses and prints ISO dates")
    func parse() throws {
        #expect(try CivilDate("2026-02-28").description == "2026-02-28")
        #expect(try CivilDate("1970-01-01").daysSinceEpoch == 0)
        #expect(try CivilDate("2000-03-01").daysSinceEpoch == 11_017)
        for bad in ["2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00:00Z", ""] {
            #expect(throws: MoneyError.self) { try CivilDate(bad) }
        }
    }

    @Test("adds months clamping to the month end")
    func addMonths() throws {
        #expect(try CivilDate("2026-01-31").addingMonths(1).description == "2026-02-28")
        #expect(try CivilDate("2024-01-31").addingMonths(1).description == "2024-02-29")
        #expect(try CivilDate("2026-03-15").addingMonths(-3).description == "2025-12-15")
        #expect(try CivilDate("2026-03-15").addingDays(-15).description == "2026-02-28")
    }

    @Test("round-trips every day over four centuries")
    func roundTrip() throws {
        var date = try CivilDate("1900-01-01")
        let end = try CivilDate("2300-01-01")
        while date < end {
            let (y, m, d) = date.components
            #expect(try CivilDate(year: y, month: m, day: d) == date)
            date = date.addingDays(1)
        }
    }
}
