import Money
@testable import Pricing
import Testing

/// The direct JSON quote reader must read exactly what the document reader reads, and leave
/// everything else (and every mistake) to it.
@Suite("Pricing: JSON quotes read straight from bytes equal the document reader's")
struct DirectQuoteReaderTests {
    static let documents: [String] = [
        #"{"header":{"id":"Q-1","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"WIDGET","quantity":5}]}"#,
        """
        {
          "lines": [
            {"product": "LAPTOP-16", "id": "2", "quantity": 12.50, "attributes": {"Region": "EU", "Memory": "64GB", "Seats": 3, "Rush": true, "Gift": false, "Note": ""}},
            {"id": "3", "product": "SUPPORT", "quantity": "1", "sellingModel": "termDefined", "termMonths": 12, "startDate": "2026-03-01", "endDate": "2027-03-01"},
            {"id": "4", "product": "KEYBOARD", "quantity": -0.125, "parent": "2", "approvalOverride": "VP-7", "manualDiscount": {"value": 5, "type": "percent"}},
            {"id": "5", "product": "MOUSE", "quantity": 0, "attributes": {}}
          ],
          "header": {"id": "Q-2", "account": "ACME", "contract": "C-9", "channel": "web", "currency": "EUR",
                     "pricingDate": "2026-12-31", "priceBook": "standard", "plan": "default", "procedure": "p1"}
        }
        """,
        "\r\n\t {\"header\" : {\"id\":\"Q 3\",\"currency\":\"GBP\",\"pricingDate\":\"2026-02-28\"} ,\r\n\"lines\" :[ {\"id\":\"a\",\"product\":\"P\",\"quantity\":100} ] } \n",
    ]

    @Test("the usual shapes are read directly, to the same quote, ids located alike")
    func sameQuote() throws {
        for document in Self.documents {
            let bytes = Array(document.utf8)
            let direct = try #require(DirectJSONQuoteReader.read(bytes, path: "q.json"), "\(document)")
            guard case .success(let full) = QuoteReader.readDocument(bytes, path: "q.json") else {
                Issue.record("the document reader refused \(document)")
                continue
            }
            #expect(direct == full)
            #expect(direct.lines.allSatisfy { $0.location != nil })
        }
    }

    @Test("what it does not read is left to the document reader", arguments: [
        #"{"header":{"id":"Q","currency":"USD","pricingDate":"2026-03-01","fields":{"x":1}},"lines":[{"id":"1","product":"W","quantity":1}]}"#,
        #"{"header":{"id":"Q","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"W","quantity":1e2}]}"#,
        #"{"header":{"id":"Q\u0041","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"W","quantity":1}]}"#,
        #"{"header":{"id":"Qé","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"W","quantity":1}]}"#,
        #"{"header":{"id":"Q","account":null,"currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"W","quantity":1}]}"#,
        #"{"header":{"id":"Q","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"W","quantity":1,"manualDiscount":{"type":"amount","value":5}}]}"#,
        #"{"header":{"id":"Q","currency":"USD","pricingDate":"2026-03-01"},"lines":[]}"#,
        #"{"header":{"id":"Q","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"W","quantity":1}],"extra":1}"#,
        #"{"header":{"id":"Q","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","id":"2","product":"W","quantity":1}]}"#,
        #"{"header":{"id":"Q","currency":"usd","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"W","quantity":1}]}"#,
        #"{"header":{"id":"Q","currency":"USD","pricingDate":"2026-02-30"},"lines":[{"id":"1","product":"W","quantity":1}]}"#,
        "\u{FEFF}" + #"{"header":{"id":"Q","currency":"USD","pricingDate":"2026-03-01"},"lines":[{"id":"1","product":"W","quantity":1}]}"#,
    ])
    func declines(document: String) {
        #expect(DirectJSONQuoteReader.read(Array(document.utf8), path: "q.json") == nil)
    }

    @Test("seeded mutations: wherever the direct reader gives a quote, the document reader gives the same one")
    func mutations() {
        var random = SplitMix64(seed: 0x5EED_0001)
        let pieces: [[UInt8]] = ["\"", "\\", ",", ":", "{", "}", "[", "]", " ", "\n", "e", "-", "0", "1", ".", "null", "true",
                                 "é", "\u{0}", "\"id\":\"x\",", "\"quantity\":2,", "\"extra\":1,"].map { Array($0.utf8) }
        var directlyRead = 0
        for round in 0..<3_000 {
            var bytes = Array(Self.documents[round % Self.documents.count].utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(contentsOf: pieces.randomElement(using: &random)!, at: at)
                default: bytes[at] = pieces.randomElement(using: &random)!.first!
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "{")] }
            }
            let full = QuoteReader.readDocument(bytes, path: "q.json")
            guard let direct = DirectJSONQuoteReader.read(bytes, path: "q.json") else { continue }
            directlyRead += 1
            guard case .success(let quote) = full else {
                Issue.record("read directly but refused by the document reader: \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
            #expect(direct == quote, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Some mutations (spaces, reordered digits) leave a readable quote: the comparison ran.
        #expect(directlyRead > 100)
    }
}
