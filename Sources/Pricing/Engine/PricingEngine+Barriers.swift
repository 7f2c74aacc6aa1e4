import Definitions
import Expressions
import Money

extension PricingEngine {
    /// Runs a transaction-wide element: every line has run up to it; it reads across lines, then
    /// each line gets its entry (DOMAIN.md §1.3 rule 1).
    func runBarrier(_ element: PricingElement, index: Int, header: Header, lines: inout [LineState]) {
        // Which live lines the element applies to.
        var applies = [Bool](repeating: false, count: lines.count)
        for position in lines.indices where lines[position].isLive {
            do {
                applies[position] = try element.condition.map { condition throws(PricingError) in
                    try evaluateBoolean(condition, &lines[position])
                } ?? true
            } catch {
                fail(&lines[position], error, element)
            }
        }
        switch element.kind {
        case .derivedPrice(let derived):
            derivedPrice(derived, element: element, index: index, header: header, applies: applies, lines: &lines)
        case .aggregate(let aggregate):
            self.aggregate(aggregate, element: element, index: index, header: header, applies: applies, lines: &lines)
        case .propagation(let propagation):
            propagate(propagation, element: element, index: index, header: header, applies: applies, lines: &lines)
        default:
            preconditionFailure("not a barrier element")
        }
    }

    private func fail(_ state: inout LineState, _ error: PricingError, _ element: PricingElement) {
        var failure = error
        failure.elementId = element.id
        state.error = failure
    }

    /// Records `result` for a line, or the condition skip for lines it does not apply to.
    private func finish(_ position: Int, element: PricingElement, index: Int, header: Header, applies: [Bool],
                        lines: inout [LineState], _ result: (inout LineState) throws(PricingError) -> StepResult)
    {
        guard lines[position].isLive else { return }
        do {
            let outcome = applies[position] ? try result(&lines[position]) : .skipped(.conditionFalse)
            try record(outcome, element: element, index: index, policy: header.policies[index],
                       currency: header.currency, on: &lines[position])
        } catch {
            fail(&lines[position], error, element)
        }
    }

    // MARK: derivedPrice

    private func derivedPrice(_ derived: PricingElement.DerivedPrice, element: PricingElement, index: Int,
                              header: Header, applies: [Bool], lines: inout [LineState])
    {
        // The quote total is read once, from the lines the element does not price.
        var quoteTotal = ExactDecimal.zero
        var totalError: PricingError?
        if case .quoteTotal(let filter) = derived.source {
            for position in lines.indices where lines[position].isLive && !applies[position] {
                do {
                    if let filter, try !evaluateBoolean(filter, &lines[position]) { continue }
                    let amount = try money("quote total") { () throws(MoneyError) in try lines[position].extendedAmount() }
                    quoteTotal = try money("quote total") { () throws(MoneyError) in try quoteTotal + (amount ?? .zero) }
                } catch {
                    totalError = error
                }
            }
        }
        let snapshot = lines.map { ($0.isLive, $0.price, $0.line.productId) }
        let ids = lines.map(\.line.id)
        // The lines of the source product, found once rather than per line.
        var sourceLines: [Int] = []
        if case .product(let productId) = derived.source {
            sourceLines = snapshot.indices.filter { snapshot[$0].2 == productId }
        }
        for position in lines.indices {
            finish(position, element: element, index: index, header: header, applies: applies, lines: &lines) { (state: inout LineState) throws(PricingError) -> StepResult in
                let source: ExactDecimal
                let name: String
                switch derived.source {
                case .parent:
                    guard let parent = state.parent, snapshot[parent].0, let price = snapshot[parent].1 else {
                        throw PricingError(.derivedSourceNotFound, "'\(element.id)' derives from the bundle parent, but line \(state.line.id) has no priced parent")
                    }
                    source = price
                    name = "parent line \(ids[parent])"
                case .product(let productId):
                    let others = sourceLines.count - (snapshot[position].2 == productId ? 1 : 0)
                    guard others == 1, let match = sourceLines.first(where: { $0 != position }), snapshot[match].0,
                          let price = snapshot[match].1 else {
                        throw PricingError(.derivedSourceNotFound, others > 1
                            ? "'\(element.id)' derives from product '\(productId)', which is on \(others) lines"
                            : "'\(element.id)' derives from product '\(productId)', which is not priced on this quote")
                    }
                    source = price
                    name = "line \(ids[match]) (\(productId))"
                case .quoteTotal:
                    if let totalError { throw totalError }
                    source = quoteTotal
                    name = "quote total"
                }
                let price = try money("derived price") { () throws(MoneyError) in
                    try source.multiplied(by: derived.percent).divided(by: .hundred)
                }
                state.listPrice = price
                return .priced(price, .derived(source: name, sourcePrice: source, percent: derived.percent))
            }
        }
    }

    // MARK: aggregate

    private func aggregate(_ aggregate: PricingElement.Aggregate, element: PricingElement, index: Int, header: Header,
                           applies: [Bool], lines: inout [LineState])
    {
        var sum = ExactDecimal.zero
        var count = 0
        var failure: PricingError?
        for position in lines.indices where lines[position].isLive && applies[position] {
            do {
                if let filter = aggregate.filter, try !evaluateBoolean(filter, &lines[position]) { continue }
                let value = try evaluateNumber(aggregate.value, &lines[position])
                sum = try money("aggregate") { () throws(MoneyError) in try sum + value }
                count += 1
            } catch {
                failure = error
            }
        }
        // The field is a header field: every live line shares one updated array of header values.
        if let slot = definitions.schema.line.fieldSlot(aggregate.field), let live = lines.first(where: \.isLive) {
            var shared = live.context.shared
            shared[slot] = .number(sum)
            for position in lines.indices where lines[position].isLive {
                lines[position].context.shared = shared
                lines[position].missingSlots.remove(slot)
            }
        }
        let everyLine = [Bool](repeating: true, count: lines.count)
        for position in lines.indices {
            finish(position, element: element, index: index, header: header, applies: everyLine, lines: &lines) { (state: inout LineState) throws(PricingError) -> StepResult in
                if let failure { throw failure }
                return .recorded(.aggregate(field: aggregate.field, value: sum, lines: count))
            }
        }
    }

    // MARK: propagation

    private func propagate(_ propagation: PricingElement.Propagation, element: PricingElement, index: Int,
                           header: Header, applies: [Bool], lines: inout [LineState])
    {
        let snapshot = lines.map { (live: $0.isLive, price: $0.price, list: $0.listPrice, extended: try? $0.extendedAmount()) }
        let ids = lines.map(\.line.id)
        switch propagation {
        case .down:
            for position in lines.indices {
                finish(position, element: element, index: index, header: header, applies: applies, lines: &lines) { (state: inout LineState) throws(PricingError) -> StepResult in
                    guard let parent = state.parent else { return .skipped(.notComponent) }
                    let price = try requirePrice(element, state)
                    guard snapshot[parent].live, let parentPrice = snapshot[parent].price, let parentList = snapshot[parent].list,
                          parentList > .zero else {
                        throw PricingError(.derivedSourceNotFound, "'\(element.id)' pushes down the discount of line \(ids[parent]), which has no price")
                    }
                    let percent = try money("propagation") { () throws(MoneyError) in
                        try (parentList - parentPrice).multiplied(by: .hundred).divided(by: parentList)
                    }
                    let adjusted = try Adjustment.percent(percent).apply(to: price, currency: header.currency)
                    return .priced(adjusted, .propagation(.parentDiscount(parentLineId: ids[parent]), value: percent))
                }
            }
        case .up(let field):
            var totals = [ExactDecimal](repeating: .zero, count: lines.count)
            var hasChildren = [Bool](repeating: false, count: lines.count)
            var overflow: PricingError?
            for position in lines.indices where lines[position].isLive {
                guard let parent = lines[position].parent, let amount = snapshot[position].extended ?? nil else { continue }
                hasChildren[parent] = true
                do {
                    totals[parent] = try money("roll-up") { () throws(MoneyError) in try totals[parent] + amount }
                } catch {
                    overflow = error
                }
            }
            let slot = definitions.schema.line.fieldSlot(field)
            for position in lines.indices {
                finish(position, element: element, index: index, header: header, applies: applies, lines: &lines) { (state: inout LineState) throws(PricingError) -> StepResult in
                    guard hasChildren[position] else { return .skipped(.notApplicable) }
                    if let overflow { throw overflow }
                    if let slot {
                        set(slot, to: .number(totals[position]), in: &state)
                        state.missingSlots.remove(slot)
                    }
                    return .recorded(.propagation(.rollUp(field: field), value: totals[position]))
                }
            }
        }
    }
}
