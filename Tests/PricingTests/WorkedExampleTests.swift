import Expressions
import Money
import Pricing
import Testing

/// DOMAIN.md §1.12, verbatim.
@Suite("Pricing: the worked examples P1–P8")
struct WorkedExampleTests {
    typealias F = PricingFixtures

    @Test("P1: a four-step waterfall compounds every discount on the running price")
    func p1() throws {
        let priced = F.price("p1", [
            F.line("RACK", 1, id: "rack"),
            F.line("SERVER", 1, id: "server") { $0.parentLineId = "rack"; $0.attributes = ["Region": .string("EU")] },
        ])
        let server = try #require(priced.lines.last)
        #expect(server.error == nil)
        #expect(server.waterfall.map { $0.after } == [decimal("15000"), decimal("12000"), decimal("11400"), decimal("10260")])
        #expect(server.waterfall.map(\.delta) == [decimal("15000"), decimal("-3000"), decimal("-600"), decimal("-1140")])
        #expect(server.waterfall.map { priced.elements[$0.element].label } ==
                ["List price", "EU region allowance", "Rack bundle discount", "Volume discount"])
        #expect(server.total == decimal("10260.00"))
    }

    @Test("P2: volume tiers apply to every unit; at a boundary the higher tier wins",
          arguments: [("30", "2400.00", "80"), ("20", "1600.00", "80"), ("19", "1710.00", "90")])
    func p2(quantity: String, total: String, unit: String) {
        let line = F.price("volume", [F.line("WIDGET", decimal(quantity))]).lines[0]
        #expect(line.total == decimal(total))
        #expect(line.netUnitPrice == decimal(unit))
    }

    @Test("P3: graduated tiers price each slab; the total is exact, not 89.33 × 30")
    func p3() throws {
        let line = F.price("graduated", [F.line("WIDGET", 30)]).lines[0]
        #expect(line.total == decimal("2680.00"))
        let unit = try #require(line.unitPrice)
        #expect(try unit.rounded(scale: 6, mode: .halfUp) == decimal("89.333333"))
        guard case .schedule(_, let slices) = line.waterfall[1].detail else {
            Issue.record("no schedule detail")
            return
        }
        #expect(slices.map(\.quantity) == [9, 10, 11])
        #expect(slices.map(\.price) == [100, 90, 80])
    }

    @Test("P4: block prices set the line total, with overage above the last tier",
          arguments: [("7", "100.00"), ("10", "100.00"), ("11", "180.00"), ("60", "210.00")])
    func p4(quantity: String, total: String) {
        #expect(F.price("block", [F.line("BLOCKS", decimal(quantity))]).lines[0].total == decimal(total))
    }

    @Test("P4: without an overage price, a quantity above the last tier is QuantityOutOfRange")
    func p4OutOfRange() {
        let line = F.price("block-no-overage", [F.line("BLOCKS", 60)]).lines[0]
        #expect(line.error?.code == .quantityOutOfRange)
        #expect(line.total == nil)
    }

    @Test("P5: term multiplier and term schedule",
          arguments: [("12", "1200.00"), ("36", "3240.00"), ("7", "700.00")])
    func p5(months: String, total: String) {
        let line = F.price("term", [F.line("SUB", 1) { $0.termMonths = decimal(months) }]).lines[0]
        #expect(line.error == nil)
        #expect(line.total == decimal(total))
    }

    @Test("P5: a 7-month term multiplies by 0.5833333333, giving 699.99999996 before final rounding")
    func p5Unrounded() {
        let line = F.price("term", [F.line("SUB", 1) { $0.termMonths = 7 }]).lines[0]
        guard case .term(_, _, let multiplier, let multiplied, _, _) = line.waterfall[1].detail else {
            Issue.record("no term detail")
            return
        }
        #expect(multiplier == decimal("0.5833333333"))
        #expect(multiplied == decimal("699.99999996"))
    }

    @Test("P6: without a contract the volume discount applies")
    func p6NoContract() {
        let line = F.price("contract", account: "OTHER", [F.line("CONTRACTED", 10)]).lines[0]
        #expect(line.netUnitPrice == decimal("112.50"))
        #expect(line.total == decimal("1125.00"))
    }

    @Test("P6: the account's own contract price beats its parent's and suppresses the volume discount")
    func p6Contract() {
        let line = F.price("contract", account: "ACME", [F.line("CONTRACTED", 10)]).lines[0]
        #expect(line.netUnitPrice == decimal("100.00"))
        #expect(line.total == decimal("1000.00"))
        #expect(line.waterfall[2].status == .skipped(.contractPrice))
        guard case .contractPrice(let record, _, _, _) = line.waterfall[1].detail else {
            Issue.record("no contract detail")
            return
        }
        #expect(record == "ACME-OWN")
    }

    @Test("P7: conversion happens once, at list price, then discounts run in the transaction currency",
          arguments: [("EUR", "92.34", "83.11"), ("JPY", "15122", "13610")])
    func p7(code: String, list: String, total: String) throws {
        let line = F.price("fx", currency: try Currency(code), [F.line("GADGET", 1)]).lines[0]
        #expect(line.error == nil)
        #expect(line.listPrice == decimal(list))
        #expect(line.total == decimal(total))
    }

    @Test("P7: the conversion detail keeps the unrounded product")
    func p7Detail() {
        let line = F.price("fx", currency: .eur, [F.line("GADGET", 1)]).lines[0]
        guard case .listPrice(_, _, _, _, _, let conversion?) = line.waterfall[0].detail else {
            Issue.record("no conversion detail")
            return
        }
        #expect(conversion.unrounded == decimal("92.33636544"))
        #expect(conversion.rate == decimal("0.923456"))
    }

    @Test("P8: a 15 % manual discount breaks the 20 % margin floor")
    func p8Violation() throws {
        let line = F.price("guardrail", [F.line("TOOL", 1) { $0.manualDiscount = .percent(15) }]).lines[0]
        let error = try #require(line.error)
        #expect(error.code == .guardrailViolation)
        #expect(error.violation == GuardrailViolation(rule: "marginFloor", limit: 20, actual: decimal("17.6471"),
                                                      minimumAllowedPrice: decimal("875.00")))
        #expect(line.total == nil)
    }

    @Test("P8: 12.5 % lands exactly on the floor and is allowed")
    func p8Boundary() {
        let line = F.price("guardrail", [F.line("TOOL", 1) { $0.manualDiscount = .percent(decimal("12.5")) }]).lines[0]
        #expect(line.error == nil)
        #expect(line.total == decimal("875.00"))
    }

    @Test("P8: an approval override waives the violation and is recorded in the waterfall")
    func p8Override() {
        let line = F.price("guardrail", [F.line("TOOL", 1) {
            $0.manualDiscount = .percent(15)
            $0.approvalOverride = "APPROVAL-42"
        }]).lines[0]
        #expect(line.total == decimal("850.00"))
        guard case .guardrail(let checks, let approval) = line.waterfall[2].detail else {
            Issue.record("no guardrail detail")
            return
        }
        #expect(approval == "APPROVAL-42")
        #expect(checks.first?.passed == false)
    }
}
