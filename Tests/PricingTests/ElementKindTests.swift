import Catalog
import Definitions
import Expressions
import Money
import Pricing
import Testing

/// The element kinds beyond the worked examples, at and around their boundaries.
@Suite("Pricing: every element kind at its boundaries")
struct ElementKindTests {
    typealias F = PricingFixtures

    static let procedures = [
        F.procedure("derived-parent", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: support, sequence: 20, kind: derivedPrice, condition: 'productId == "GADGET"', source: parent, percent: 10 }
            """),
        F.procedure("derived-product", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: care, sequence: 20, kind: derivedPrice, condition: 'productId == "GADGET"', source: { product: TOOL }, percent: 15 }
            """),
        F.procedure("derived-total", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: warranty, sequence: 20, kind: derivedPrice, condition: 'productId == "GADGET"', source: quoteTotal, percent: 5 }
            """),
        F.procedure("formula", context: "{ line: { markup: number } }", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: markup, sequence: 20, kind: assignment, field: markup, expression: 'quantity * 2' }
              - { id: price, sequence: 30, kind: formula, expression: 'price + markup' }
              - { id: cents, sequence: 40, kind: rounding, scale: 0, mode: down }
            """),
        F.procedure("aggregate", context: "{ header: { totalUnits: number } }", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: units, sequence: 20, kind: aggregate, field: totalUnits, sum: quantity }
              - id: volume
                sequence: 30
                kind: volumeDiscount
                quantity: totalUnits
                tiers:
            \(F.tiers)
            """),
        F.procedure("propagation", context: "{ line: { componentTotal: number } }", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: manual, sequence: 20, kind: manualDiscount }
              - { id: down, sequence: 30, kind: propagation, direction: down }
              - { id: up, sequence: 40, kind: propagation, direction: up, field: componentTotal }
            """),
        F.procedure("per-element", policy: "perElement", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: a, sequence: 20, kind: volumeDiscount, tiers: [{ lower: 1, adjustment: { type: percent, value: 33.3 } }] }
              - { id: b, sequence: 30, kind: volumeDiscount, tiers: [{ lower: 1, adjustment: { type: percent, value: 33.3 } }] }
            """),
        F.procedure("conversion-step", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: fx, sequence: 20, kind: currencyConversion }
            """),
        F.procedure("days", """
              - { id: list, sequence: 10, kind: listPrice }
              - { id: term, sequence: 20, kind: termPricing, basis: days, alignment: calendar }
            """),
        F.procedure("ambiguous-rules", """
              - { id: list, sequence: 10, kind: listPrice }
              - id: rules
                sequence: 20
                kind: attributeAdjustment
                rules:
                  - { when: 'quantity > 1', adjustment: { type: percent, value: 5 } }
                  - { when: 'quantity > 2', adjustment: { type: percent, value: 7 } }
            """),
        F.procedure("eur-only-amount", """
              - { id: list, sequence: 10, kind: listPrice }
              - id: rules
                sequence: 20
                kind: attributeAdjustment
                rules: [{ when: 'true', adjustment: { type: amount, value: { EUR: 5 } } }]
            """),
        F.procedure("surcharge-below-zero", """
              - { id: list, sequence: 10, kind: listPrice }
              - id: rules
                sequence: 20
                kind: attributeAdjustment
                rules: [{ when: 'true', adjustment: { type: amount, value: { USD: 150 } } }]
            """),
        F.procedure("no-list", """
              - { id: volume, sequence: 10, kind: volumeDiscount, tiers: [{ lower: 1, adjustment: { type: percent, value: 10 } }] }
            """),
    ]

    static let engine = PricingEngine(F.compile([F.catalog] + procedures))

    static func price(_ procedure: String, currency: Currency = .usd, _ lines: [Quote.Line]) -> PricedQuote {
        engine.price(Quote(id: "Q", currency: currency, pricingDate: F.date, priceBookId: "std", procedureId: procedure,
                           lines: lines))
    }

    // MARK: derivedPrice

    @Test("derivedPrice from the bundle parent takes a percentage of the parent's running price")
    func derivedFromParent() {
        let priced = Self.price("derived-parent", [F.line("TOOL", 2, id: "tool"), F.line("GADGET", 1, id: "care") { $0.parentLineId = "tool" }])
        #expect(priced.lines[1].total == decimal("100.00"))
        guard case .derived(let source, let sourcePrice, let percent) = priced.lines[1].waterfall[1].detail else {
            Issue.record("no derived detail")
            return
        }
        #expect(source == "parent line tool")
        #expect(sourcePrice == 1000)
        #expect(percent == 10)
        #expect(priced.lines[0].waterfall[1].status == .skipped(.conditionFalse))
    }

    @Test("derivedPrice from the bundle parent fails a line without one")
    func derivedWithoutParent() {
        let line = Self.price("derived-parent", [F.line("GADGET", 1)]).lines[0]
        #expect(line.error?.code == .derivedSourceNotFound)
        #expect(line.error?.elementId == "support")
    }

    @Test("derivedPrice from a product needs exactly one line of it",
          arguments: [(1, "150.00"), (0, nil), (2, nil)] as [(Int, String?)])
    func derivedFromProduct(tools: Int, total: String?) {
        let lines = (0..<tools).map { F.line("TOOL", 1, id: "tool\($0)") } + [F.line("GADGET", 1, id: "care")]
        let care = Self.price("derived-product", lines).lines.last
        #expect(care?.total == total.map(decimal))
        if total == nil {
            #expect(care?.error?.code == .derivedSourceNotFound)
            #expect(care?.error?.message.contains(tools == 0 ? "not priced on this quote" : "on 2 lines") == true)
        }
    }

    @Test("derivedPrice from the quote total sums the lines it does not price")
    func derivedFromQuoteTotal() {
        let priced = Self.price("derived-total", [F.line("TOOL", 3, id: "a"), F.line("WIDGET", 2, id: "b"), F.line("GADGET", 1, id: "w")])
        // 5 % of (3 × 1000 + 2 × 100)
        #expect(priced.lines[2].total == decimal("160.00"))
        #expect(priced.total == decimal("3360.00"))
    }

    // MARK: formula, assignment, rounding

    @Test("assignment feeds a formula; rounding with scale 0 and mode down truncates",
          arguments: [("1", "101"), ("3", "105"), ("0.5", "100")])
    func formulaAndRounding(quantity: String, unit: String) {
        let line = Self.price("formula", [F.line("GADGET", decimal(quantity))]).lines[0]
        // 99.99 + 2 × quantity, then rounded down to whole units.
        #expect(line.unitPrice == decimal(unit))
        #expect(line.waterfall.map(\.status) == [.applied, .applied, .applied, .applied])
        guard case .rounding(let scale, let mode, let unrounded) = line.waterfall[3].detail else {
            Issue.record("no rounding detail")
            return
        }
        #expect(scale == 0)
        #expect(mode == .down)
        #expect(unrounded == (try? decimal("99.99") + decimal(quantity) * 2))
    }

    // MARK: aggregate

    @Test("aggregate sums over the quote, and a volume schedule can read the sum",
          arguments: [(["5", "4"], "100"), (["5", "5"], "90"), (["15", "5"], "80")])
    func aggregateDrivesVolume(quantities: [String], unit: String) {
        let lines = quantities.enumerated().map { F.line("WIDGET", decimal($0.element), id: "\($0.offset)") }
        let priced = Self.price("aggregate", lines)
        #expect(priced.lines.allSatisfy { $0.netUnitPrice == decimal(unit) })
        guard case .aggregate(let field, let value, let count) = priced.lines[0].waterfall[1].detail else {
            Issue.record("no aggregate detail")
            return
        }
        #expect(field == "totalUnits")
        #expect(value == quantities.reduce(ExactDecimal.zero) { (try? $0 + decimal($1)) ?? .zero })
        #expect(count == quantities.count)
    }

    // MARK: propagation

    @Test("propagation down pushes the parent's discount to its components; up rolls their totals into the parent")
    func propagation() {
        let priced = Self.price("propagation", [
            F.line("TOOL", 1, id: "tool") { $0.manualDiscount = .percent(20) },
            F.line("WIDGET", 2, id: "w") { $0.parentLineId = "tool" },
            F.line("GADGET", 1, id: "g") { $0.parentLineId = "tool" },
        ])
        #expect(priced.lines.map(\.total) == [decimal("800.00"), decimal("160.00"), decimal("79.99")])
        #expect(priced.lines[0].waterfall[2].status == .skipped(.notComponent))
        guard case .propagation(.rollUp(let field), let value) = priced.lines[0].waterfall[3].detail else {
            Issue.record("no roll-up detail")
            return
        }
        #expect(field == "componentTotal")
        #expect(value == decimal("239.992"))
        #expect(priced.lines[1].waterfall[3].status == .skipped(.notApplicable))
    }

    // MARK: rounding policy

    @Test("the perElement policy rounds P after every element; final keeps 12 digits until the total")
    func perElementRounding() throws {
        let line = Self.price("per-element", [F.line("GADGET", 3)]).lines[0]
        // 99.99 × 0.667 = 66.69333 → 66.69; × 0.667 = 44.48223 → 44.48
        #expect(line.waterfall.map(\.after) == [decimal("99.99"), decimal("66.69"), decimal("44.48")])
        #expect(line.total == decimal("133.44"))
    }

    // MARK: currencyConversion

    @Test("currencyConversion right after listPrice is its own step; P is in the source currency until then")
    func conversionStep() {
        let line = Self.price("conversion-step", currency: .eur, [F.line("GADGET", 1)]).lines[0]
        #expect(line.waterfall.map(\.after) == [decimal("99.99"), decimal("92.34")])
        guard case .conversion(let conversion) = line.waterfall[1].detail else {
            Issue.record("no conversion detail")
            return
        }
        #expect(conversion.from == .usd)
        #expect(conversion.unrounded == decimal("92.33636544"))
        #expect(line.total == decimal("92.34"))
    }

    @Test("currencyConversion with nothing to convert is skipped")
    func conversionNotNeeded() {
        let line = Self.price("conversion-step", [F.line("GADGET", 1)]).lines[0]
        #expect(line.waterfall[1].status == .skipped(.noConversion))
        #expect(line.total == decimal("99.99"))
    }

    // MARK: term pricing by days

    @Test("term pricing by days counts whole calendar months and the days of a partial month",
          arguments: [("2026-01-01", "2027-01-01", "1200.00"), ("2026-01-01", "2026-07-01", "600.00"),
                      ("2026-01-01", "2026-01-16", "48.39")])
    func daysBasis(start: String, end: String, total: String) throws {
        let line = Self.price("days", [F.line("SUB", 1) {
            $0.sellingModel = .termDefined
            $0.startDate = try? CivilDate(start)
            $0.endDate = try? CivilDate(end)
        }]).lines[0]
        #expect(line.error == nil)
        #expect(line.total == decimal(total))
    }

    @Test("term pricing by days needs both dates, in order")
    func daysBasisBadDates() {
        let missing = Self.price("days", [F.line("SUB", 1) { $0.sellingModel = .termDefined }]).lines[0]
        #expect(missing.error?.code == .invalidTerm)
        #expect(missing.error?.message == "term pricing by days needs startDate and endDate on the line")
        let reversed = Self.price("days", [F.line("SUB", 1) {
            $0.sellingModel = .termDefined
            $0.startDate = try? CivilDate("2026-05-01")
            $0.endDate = try? CivilDate("2026-04-01")
        }]).lines[0]
        #expect(reversed.error?.code == .invalidTerm)
        #expect(reversed.error?.message == "the term ends (2026-04-01) before it starts (2026-05-01)")
    }

    // MARK: error codes

    @Test("two rules matching with the same priority are AmbiguousRuleMatch; one match is fine")
    func ambiguousRules() {
        let priced = Self.price("ambiguous-rules", [F.line("WIDGET", 2, id: "two"), F.line("WIDGET", 3, id: "three")])
        #expect(priced.lines[0].total == decimal("190.00"))
        #expect(priced.lines[1].error?.code == .ambiguousRuleMatch)
        #expect(priced.lines[1].error?.message == "rules #1 and #2 of 'rules' match with the same priority 0")
    }

    @Test("an amount adjustment without a value in the quote currency is MissingCurrencyValue")
    func missingCurrencyValue() {
        let line = Self.price("eur-only-amount", [F.line("WIDGET", 1)]).lines[0]
        #expect(line.error?.code == .missingCurrencyValue)
        #expect(line.error?.elementId == "rules")
    }

    @Test("an adjustment that takes P below zero is NegativePrice")
    func negativePrice() {
        let line = Self.price("surcharge-below-zero", [F.line("WIDGET", 1)]).lines[0]
        #expect(line.error?.code == .negativePrice)
        #expect(line.error?.message == "attributeAdjustment 'rules' takes the price below zero (-50)")
    }

    @Test("an adjustment before any price element is NoBasePrice")
    func noBasePrice() {
        let line = Self.price("no-list", [F.line("WIDGET", 1)]).lines[0]
        #expect(line.error?.code == .noBasePrice)
        #expect(line.error?.message == "volumeDiscount 'volume' adjusts the price, but no price element set one before it")
    }

    @Test("a termDefined line without termMonths is InvalidTerm; a one-time line skips term pricing")
    func invalidTerm() {
        let sub = F.price("term", [F.line("SUB", 1) { $0.sellingModel = .termDefined }]).lines[0]
        #expect(sub.error?.code == .invalidTerm)
        #expect(sub.error?.message == "a termDefined line needs termMonths")
        let widget = F.price("term", [F.line("WIDGET", 1)]).lines[0]
        #expect(widget.waterfall[1].status == .skipped(.oneTime))
    }

    @Test("two contract prices of one owner in force from the same date are AmbiguousContractPrice")
    func ambiguousContractPrice() {
        let priced = F.price("contract", account: "ACME", [F.line("TIED", 1, id: "t"), F.line("CONTRACTED", 1, id: "c")])
        #expect(priced.lines[0].error?.code == .ambiguousContractPrice)
        #expect(priced.lines[0].error?.message == "contract prices 'TIE-1' and 'TIE-2' of account 'ACME' tie for 'TIED' (both in force from 2026-01-01)")
        #expect(priced.lines[1].total == decimal("100.00"))
    }

    @Test("a selling model the product does not offer is UnsupportedSellingModel")
    func unsupportedSellingModel() {
        let line = F.price("volume", [F.line("WIDGET", 1) { $0.sellingModel = .evergreen }]).lines[0]
        #expect(line.error?.code == .unsupportedSellingModel)
        #expect(line.error?.message == "product 'WIDGET' is sold oneTime, not evergreen")
    }

    @Test("quote-level failures: unknown account and unknown price book")
    func quoteLevelFailures() {
        let account = F.engine.price(Quote(id: "Q", accountId: "NOBODY", currency: .usd, pricingDate: F.date,
                                           priceBookId: "std", procedureId: "volume", lines: [F.line("WIDGET", 1)]))
        #expect(account.error?.code == .unknownAccount)
        #expect(account.lines.isEmpty)
        let book = F.engine.price(Quote(id: "Q", currency: .usd, pricingDate: F.date, priceBookId: "nope",
                                        procedureId: "volume", lines: [F.line("WIDGET", 1)]))
        #expect(book.error?.code == .unknownPriceBook)
        #expect(book.error?.message.hasPrefix("price book 'nope' has no version in force on 2026-03-01") == true)
    }

    @Test("a line id used twice is InvalidQuote for the second line")
    func duplicateLineId() {
        let priced = F.price("volume", [F.line("WIDGET", 1, id: "x"), F.line("WIDGET", 2, id: "x")])
        #expect(priced.lines[0].error == nil)
        #expect(priced.lines[1].error?.code == .invalidQuote)
        #expect(priced.lines[1].error?.message == "line id 'x' is used twice")
    }

    @Test("a line hanging under a cycle of parents fails too, naming the cycle")
    func lineUnderCycle() {
        let priced = F.price("volume", [
            F.line("WIDGET", 1, id: "a") { $0.parentLineId = "b" },
            F.line("WIDGET", 1, id: "b") { $0.parentLineId = "a" },
            F.line("WIDGET", 1, id: "c") { $0.parentLineId = "a" },
            F.line("WIDGET", 1, id: "d"),
        ])
        #expect(priced.lines.map { $0.error?.code } == [.parentLineCycle, .parentLineCycle, .parentLineCycle, nil])
        #expect(priced.lines[0].error?.message == "parent lines form a cycle through a, b")
        #expect(priced.lines[2].error?.message == "its parent lines lead into a cycle through a, b")
    }
}
