import Foundation
import Testing

/// `revenue quotes` run as a user runs it, on both stores.
@Suite("revenue quotes", .serialized)
struct QuotesCommandTests {
    typealias C = PriceCommandTests

    @Test("create, show, list, and reprice after a price change", arguments: CommandStore.allCases)
    func quotes(kind: CommandStore) throws {
        let demo = try C.demo()
        let database = try kind.database(in: demo)
        let definitions = demo.appendingPathComponent("definitions").path
        let quote = demo.appendingPathComponent("quotes/sample-quote.yaml").path

        let early = try C.run(["quotes", "create", quote, "--database", database])
        #expect(early.status == 1)
        #expect(early.errors == "error: NotFound: nothing is published yet; publish definitions with revenue definitions publish DIR\n")

        #expect(try C.run(["definitions", "publish", definitions, "--author", "ana", "--database", database]).status == 0)
        let created = try C.run(["quotes", "create", quote, "--database", database])
        #expect(created.output == "Stored quote Q-2026-0042 revision 1, priced with definitions version 1: 6 lines, total 206657.21 USD.\n",
                "\(created)")
        let again = try C.run(["quotes", "create", quote, "--database", database])
        #expect(again.status == 1)
        #expect(again.errors.hasPrefix("error: Conflict: quote 'Q-2026-0042' exists"))

        let show = try C.run(["quotes", "show", "Q-2026-0042", "--database", database])
        #expect(show.output.contains("3     LAPTOP-14           5         1136.63         5683.13"), "\(show.output)")
        let json = try C.run(["quotes", "show", "Q-2026-0042", "--format", "json", "--database", database])
        let priced = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(priced["total"] as? String == "206657.21")
        #expect(((priced["lines"] as? [[String: Any]])?.first?["waterfall"] as? [Any])?.isEmpty == false)

        let book = definitions + "/pricing/standard-price-book.yaml"
        let text = try String(contentsOfFile: book, encoding: .utf8)
        try text.replacingOccurrences(of: "unitPrice: \"1299.00\"", with: "unitPrice: \"1349.00\"")
            .write(toFile: book, atomically: true, encoding: .utf8)
        #expect(try C.run(["definitions", "publish", definitions, "--author", "bo", "--database", database]).status == 0)
        let reprice = try C.run(["quotes", "reprice", "Q-2026-0042", "--database", database])
        #expect(reprice.output == """
            Quote Q-2026-0042: revision 1 (definitions version 1) → revision 2 (definitions version 2)

            Total: 206657.21 → 206875.96

            Line 3 (LAPTOP-14): total 5683.13 → 5901.88, net unit price 1136.63 → 1180.38
              list: 1299 → 1349
              volume: 1299 → 1349
              manual: 1136.625 → 1180.375
              guardrail: 1136.625 → 1180.375

            """, "\(reprice)")
        let list = try C.run(["quotes", "list", "--database", database])
        #expect(list.output.contains("Q-2026-0042  2         2"), "\(list.output)")
        let missing = try C.run(["quotes", "show", "NOPE", "--database", database])
        #expect(missing.errors == "error: NotFound: there is no quote 'NOPE'\n")
    }
}
