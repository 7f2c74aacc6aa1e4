import Definitions
import Expressions
import Money
import Pricing
import Testing

@Suite("Pricing: bad input gets a clear error per line, and the other lines still price")
struct BadInputTests {
    typealias F = PricingFixtures

    @Test("each bad line fails with its own code while the good line prices")
    func perLineErrors() {
        let priced = F.price("volume", [
            F.line("WIDGET", 5, id: "good"),
            F.line("NOPE", 1, id: "unknown"),
            F.line("WIDGET", 0, id: "zero"),
            F.line("WIDGET", -3, id: "negative"),
            F.line("WIDGET", 1, id: "discount") { $0.manualDiscount = .percent(120) },
            F.line("WIDGET", 1, id: "a") { $0.parentLineId = "b" },
            F.line("WIDGET", 1, id: "b") { $0.parentLineId = "a" },
            F.line("WIDGET", 1, id: "orphan") { $0.parentLineId = "missing" },
        ])
        let codes = Dictionary(uniqueKeysWithValues: priced.lines.map { ($0.lineId, $0.error?.code.description ?? "ok") })
        #expect(codes == ["good": "ok", "unknown": "UnknownProduct", "zero": "InvalidQuantity",
                          "negative": "InvalidQuantity", "discount": "InvalidDiscount", "a": "ParentLineCycle",
                          "b": "ParentLineCycle", "orphan": "UnknownParentLine"])
        #expect(priced.total == decimal("500.00"))
        #expect(priced.hasErrors)
        #expect(priced.lines[1].error?.message == "product 'NOPE' is not in the catalog")
    }

    @Test("a currency with no price and no exchange rate is ExchangeRateNotFound")
    func noRate() {
        let line = F.price("volume", currency: .gbp, [F.line("WIDGET", 1)]).lines[0]
        #expect(line.error?.code == .exchangeRateNotFound)
        #expect(line.error?.message == "no exchange rate from USD to GBP in force on 2026-03-01 to convert the price of 'WIDGET'")
    }

    @Test("a margin floor without a cost is MissingCost")
    func missingCost() {
        let quote = Quote(id: "Q", currency: .usd, pricingDate: F.date, priceBookId: "std", procedureId: "guardrail",
                          lines: [F.line("WIDGET", 1)])
        let error = F.engine.price(quote).lines[0].error
        #expect(error?.code == .missingCost)
        #expect(error?.elementId == "floor")
    }

    @Test("an unknown procedure fails the whole quote with NoProcedureResolved")
    func unknownProcedure() {
        let priced = F.price("nope", [F.line("WIDGET", 1)])
        #expect(priced.error?.code == .noProcedureResolved)
        #expect(priced.lines.isEmpty)
    }

    @Test("a malformed quote file reports file, line and column")
    func malformedQuote() {
        let text = "header:\n  id: Q-1\n  currency: USD\n  pricingDate: 2026-03-01\nlines:\n  - { id: \"1\", product: WIDGET, quantity: ten }\n"
        guard case .failure(let failure) = QuoteReader.read(Array(text.utf8), path: "q.yaml") else {
            Issue.record("accepted")
            return
        }
        #expect(failure.diagnostics.map(\.description) == ["q.yaml:6:43: error: lines[0].quantity: \"ten\" is not a decimal number"])
    }

    @Test("a JSON syntax error in a quote is located")
    func jsonSyntax() {
        guard case .failure(let failure) = QuoteReader.read(Array("{\"header\": {\"id\": }".utf8), path: "q.json") else {
            Issue.record("accepted")
            return
        }
        #expect(failure.diagnostics.first?.code == "SyntaxError")
        #expect(failure.diagnostics.first?.location.line == 1)
    }
}

@Suite("Pricing: properties")
struct PricingPropertyTests {
    typealias F = PricingFixtures

    static func randomLines(_ random: inout SplitMix64, count: Int) -> [Quote.Line] {
        let products = ["WIDGET", "TOOL", "GADGET", "CONTRACTED", "SERVER"]
        return (0..<count).map { index in
            F.line(products[Int(random.next() % UInt64(products.count))], ExactDecimal(Int(random.next() % 60) + 1),
                   id: "L\(index)") { line in
                if line.productId == "SERVER" { line.attributes = ["Region": .string(random.next() % 2 == 0 ? "EU" : "US")] }
                if random.next() % 3 == 0 { line.manualDiscount = .percent(ExactDecimal(Int(random.next() % 30))) }
            }
        }
    }

    @Test("the same input gives byte-identical JSON, and line order changes no line's price", arguments: [1, 2, 3, 4])
    func determinismAndOrder(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let lines = Self.randomLines(&random, count: 40)
        let first = F.price("contract", account: "ACME", lines)
        #expect(first.json() == F.price("contract", account: "ACME", lines).json(), "seed \(seed)")
        let reversed = F.price("contract", account: "ACME", lines.reversed())
        let byId = Dictionary(uniqueKeysWithValues: reversed.lines.map { ($0.lineId, $0.total) })
        for line in first.lines { #expect(byId[line.lineId] == line.total, "seed \(seed), line \(line.lineId)") }
        #expect(first.total == reversed.total)
    }

    @Test("a quote of several blocks prices each line as it would with its parents listed after it",
          arguments: [8, 9])
    func blocksAndParents(seed: UInt64) throws {
        // Racks first, then servers whose racks lie blocks behind them: the engine prepares and
        // prices this quote a block at a time. Listing the servers first makes it keep every line.
        var random = SplitMix64(seed: seed)
        let racks = 300 // more than one block of lines
        let rackLines = (0..<racks).map { F.line("RACK", 1, id: "R\($0)") }
        let serverLines = (0..<600).map { index in
            F.line("SERVER", ExactDecimal(Int(random.next() % 5) + 1), id: "S\(index)") { line in
                line.attributes = ["Region": .string(index % 2 == 0 ? "EU" : "US")]
                line.parentLineId = random.next() % 7 == 0 ? "R-missing" : "R\(Int(random.next() % UInt64(racks)))"
            }
        }
        let inOrder = F.price("p1", rackLines + serverLines)
        let parentsLast = F.price("p1", serverLines + rackLines)
        let byId = Dictionary(uniqueKeysWithValues: parentsLast.lines.map { ($0.lineId, $0) })
        var discounted = 0
        for line in inOrder.lines {
            let other = try #require(byId[line.lineId])
            #expect(line.total == other.total && line.error == other.error && line.waterfall == other.waterfall,
                    "seed \(seed), line \(line.lineId)")
            if line.parentLineId != "R-missing", line.productId == "SERVER" {
                #expect(line.waterfall[2].status == .applied, "line \(line.lineId) gets its rack's bundle discount")
                discounted += 1
            } else if line.productId == "SERVER" {
                #expect(line.error?.code == .unknownParentLine)
            }
        }
        #expect(discounted > 400)
        #expect(inOrder.total == parentsLast.total)
    }

    @Test("the header total is exactly the sum of the rounded line totals", arguments: [5, 6, 7])
    func totalIsSum(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let priced = F.price("graduated", Self.randomLines(&random, count: 60))
        var sum = ExactDecimal.zero
        for line in priced.lines { if let total = line.total { sum = try sum + total } }
        #expect(priced.total == sum)
    }

    @Test("a price that passes the guardrail is never below its floor", arguments: Array(0...40))
    func guardrailFloor(discount: Int) throws {
        let line = F.price("guardrail", [F.line("TOOL", 1) { $0.manualDiscount = .percent(ExactDecimal(discount)) }]).lines[0]
        if let price = line.unitPrice { #expect(price >= 875) } else { #expect(line.error?.code == .guardrailViolation) }
    }

    @Test("with non-increasing tier prices, volume never totals more than graduated", arguments: Array(1...80))
    func volumeBelowGraduated(quantity: Int) {
        let volume = F.price("volume", [F.line("WIDGET", ExactDecimal(quantity))]).lines[0].total
        let graduated = F.price("graduated", [F.line("WIDGET", ExactDecimal(quantity))]).lines[0].total
        #expect(volume != nil && graduated != nil && volume! <= graduated!)
    }
}
