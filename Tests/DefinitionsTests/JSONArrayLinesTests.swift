import Definitions
import Money
import Testing

@Suite("JSON array lines")
struct JSONArrayLinesTests {
    private func cut(_ text: String) -> (lines: String, count: Int)? {
        JSONArrayLines.cut(Array(text.utf8), member: "records").map { (String(decoding: $0.lines, as: UTF8.self), $0.count) }
    }

    @Test("items become compact lines, strings and numbers exactly as written")
    func lines() throws {
        let body = """
            \r\n{ "records" : [
              { "id" : "r\\"1\\u00e9", "quantity": -12.50e+2, "attributes": {"a": [true, false, null]} },
              "text", 0, {}
            ]
            }\n
            """
        let result = try #require(cut(body))
        #expect(result.count == 4)
        #expect(result.lines == """
            {"id":"r\\"1\\u00e9","quantity":-12.50e+2,"attributes":{"a":[true,false,null]}}
            "text"
            0
            {}

            """)
        #expect(cut(#"{"records":[]}"#).map { $0.count } == 0)
        #expect(cut(#"{"records":[]}"#).map { $0.lines } == "")
        #expect(cut("{\"records\":[\"caf\u{e9} \u{20ac} \u{1F600}\"]}").map { $0.lines } == "\"caf\u{e9} \u{20ac} \u{1F600}\"\n")
    }

    @Test("any other shape, or anything not well-formed, is left to the document parser",
          arguments: [
              "", "[]", "{}", #"{"other":[]}"#, #"{"records":{}}"#, #"{"records":[],"x":1}"#, #"{"records":[]} x"#,
              #"{"records":[1,]}"#, #"{"records":[01]}"#, #"{"records":[1.]}"#, #"{"records":[-]}"#, #"{"records":[1e]}"#,
              #"{"records":[tru]}"#, #"{"records":["a\x"]}"#, #"{"records":["\u12"]}"#, #"{"records":["\udc00"]}"#,
              #"{"records":["\ud800x"]}"#, "{\"records\":[\"a\u{1}\"]}", #"{"records":[{"a" 1}]}"#, #"{"records":[{1:2}]}"#,
              #"{"records":["unterminated]}"#, #"{"records":[1]"#, #"{"rec\u006frds":[]}"#,
          ])
    func refused(_ body: String) {
        #expect(cut(body) == nil)
    }

    @Test("bytes that are not UTF-8 are refused by both readers", arguments: [
        [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80],
    ] as [[UInt8]])
    func notUTF8(_ bad: [UInt8]) {
        let body = Array(#"{"records":["a"#.utf8) + bad + Array(#"b"]}"#.utf8)
        #expect(JSONArrayLines.cut(body, member: "records") == nil)
        #expect(throws: DocumentSyntaxError("byte 0x\(String(bad[0], radix: 16, uppercase: true)) is not valid UTF-8",
                                            at: .init(line: 1, column: 15))) {
            try JSONDocumentParser.parse(body)
        }
    }

    @Test("nesting as deep as the document parser allows, and no deeper")
    func depth() {
        func nested(_ levels: Int) -> String {
            #"{"records":["# + String(repeating: "[", count: levels) + String(repeating: "]", count: levels) + "]}"
        }
        let limit = JSONDocumentParser.maximumDepth - 2
        #expect(cut(nested(limit)) != nil)
        #expect(cut(nested(limit + 1)) == nil)
        #expect((try? JSONDocumentParser.parse(Array(nested(limit).utf8))) != nil)
        #expect((try? JSONDocumentParser.parse(Array(nested(limit + 1).utf8))) == nil)
    }

    /// Mutated batches: the cut succeeds exactly when the document parser reads the document
    /// (duplicate keys inside an item aside, which the lines' reader refuses), with as many items.
    @Test("agrees with the document parser on mutated batches", arguments: [UInt64(7), 8, 9])
    func agreesWithParser(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let seedBody = Array("""
            {"records": [{"recordId": "r-1", "quantity": 12.5, "attributes": {"region": "EU\\u00e9"}},
             {"recordId": "r-2", "quantity": -1e3, "ok": [true, false, null]}, "x", 0]}
            """.utf8)
        let alphabet = Array(#"{}[]":,\ -+.eE0123456789tfnu"#.utf8) + [0x0A, 0x09, 0x01, 0xC3, 0xA9, 0xFF]
        for _ in 0..<3_000 {
            var body = seedBody
            for _ in 0..<Int(rng.next() % 3) + 1 {
                let at = Int(rng.next() % UInt64(body.count))
                switch rng.next() % 3 {
                case 0: body[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: body.remove(at: at)
                default: body.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                }
            }
            let cut = JSONArrayLines.cut(body, member: "records")
            var items: Int?
            do {
                let root = try JSONDocumentParser.parse(body)
                if case .mapping(let entries) = root.content, entries.count == 1, entries[0].key == "records",
                   case .sequence(let list) = entries[0].value.content {
                    items = list.count
                }
            } catch where error.message.hasPrefix("duplicate key") {
                continue
            } catch {}
            #expect(cut?.count == items, "\(String(decoding: body, as: UTF8.self))")
            if let cut {
                for line in cut.lines.split(separator: 0x0A) {
                    do {
                        _ = try JSONDocumentParser.parse(Array(line))
                    } catch {
                        Issue.record("a cut line does not parse: \(error.message)")
                    }
                }
            }
        }
    }
}
