import Definitions
import Catalog
import Expressions
import Money

/// What one element did to one line.
enum StepResult {
    /// The element did not apply.
    case skipped(WaterfallEntry.SkipReason, WaterfallDetail = .none)
    /// P changed (`extended` is an exact `P × Q` from a graduated schedule).
    case priced(ExactDecimal, WaterfallDetail, extended: ExactDecimal? = nil)
    /// P did not change, but the element did something worth recording.
    case recorded(WaterfallDetail)
}

extension PricingEngine {
    /// Runs one non-barrier element on one line and appends its waterfall entry; a failure marks
    /// the line failed.
    func run(_ element: PricingElement, index: Int, header: Header, on state: inout LineState) {
        do {
            let result: StepResult
            if let condition = element.condition, try !evaluateBoolean(condition, &state) {
                result = .skipped(.conditionFalse)
            } else if element.category == .automaticDiscount, state.suppressesAutomaticDiscounts {
                result = .skipped(.contractPrice)
            } else {
                result = try step(element, index: index, header: header, state: &state)
            }
            try record(result, element: element, index: index, policy: header.policies[index],
                       currency: header.currency, on: &state)
        } catch {
            var failure = error
            failure.elementId = element.id
            state.error = failure
        }
    }

    /// Appends the entry for a result, committing a new price: negative prices fail, and the
    /// `perElement` policy rounds P to the currency.
    func record(_ result: consuming StepResult, element: PricingElement, index: Int, policy: PricingProcedure.RoundingPolicy,
                currency: Currency, on state: inout LineState) throws(PricingError)
    {
        let before = state.price
        switch consume result {
        case .skipped(let reason, let detail):
            state.waterfall.append(WaterfallEntry(element: index, status: .skipped(reason), before: before,
                                                  delta: .zero, after: before, detail: detail))
        case .recorded(let detail):
            state.waterfall.append(WaterfallEntry(element: index, status: .applied, before: before,
                                                  delta: .zero, after: before, detail: detail))
        case .priced(var price, let detail, let extended):
            guard !price.isNegative else {
                throw PricingError(.negativePrice, "\(element.kind.name) '\(element.id)' takes the price below zero (\(price))")
            }
            state.extended = extended
            if policy == .perElement, price.fractionalDigitCount > currency.minorUnits {
                price = try money("rounding") { () throws(MoneyError) in try price.rounded(scale: currency.minorUnits, mode: .halfUp) }
                state.extended = nil
            }
            state.price = price
            if state.initialListPrice == nil { state.initialListPrice = price }
            let delta = try money("delta") { () throws(MoneyError) in try price - (before ?? .zero) }
            state.waterfall.append(WaterfallEntry(element: index, status: .applied, before: before, delta: delta,
                                                  after: price, detail: detail))
        }
    }

    /// The work of one element kind.
    private func step(_ element: PricingElement, index: Int, header: Header, state: inout LineState) throws(PricingError)
        -> StepResult
    {
        let currency = header.currency
        switch element.kind {
        case .listPrice:
            return try listPrice(header: header, deferConversion: header.defersConversion(at: index), state: &state)
        case .currencyConversion:
            guard let conversion = state.pendingConversion?.conversion else { return .skipped(.noConversion) }
            state.pendingConversion = nil
            let converted = try convert(conversion, currency: currency, state: &state)
            return .priced(converted, .conversion(conversion))
        case .contractPrice:
            return try contractPrice(header: header, state: &state)
        case .blockPrice(let schedule):
            let quantity = state.line.quantity
            let block = try schedule.total(quantity: quantity, currency: currency)
            state.effectiveQuantity = .one
            state.listPrice = block.total
            let tier = schedule.table.tiers[block.tier]
            return .priced(block.total, .block(tier: tier.range, blockPrice: tier.value[currency] ?? .zero,
                                               overageUnits: block.overageUnits,
                                               overageUnitPrice: block.overageUnits > .zero ? schedule.overageUnitPrice?[currency] : nil))
        case .termPricing(let term):
            return try termPricing(term, currency: currency, state: &state)
        case .attributeAdjustment(let rules):
            let price = try requirePrice(element, state)
            var best = LowestPriority()
            for index in rules.indices where try evaluateBoolean(rules[index].condition, &state) {
                best.offer(index, priority: rules[index].priority)
            }
            guard let chosen = try onlyWinner(best, of: "rules", in: element) else { return .skipped(.noRuleMatched) }
            let rule = rules[chosen]
            let adjusted = try rule.adjustment.apply(to: price, base: base(element, state), currency: currency)
            return .priced(adjusted, .rule(index: chosen, condition: rule.condition.source,
                                           adjustment: rule.adjustment, priority: rule.priority))
        case .bundleAdjustment(let rules):
            let price = try requirePrice(element, state)
            guard let parentProduct = state.parentProductId, let productId = state.product?.id else {
                return .skipped(.notComponent)
            }
            var best = LowestPriority()
            for index in rules.indices where rules[index].parentProductId == parentProduct
                && (rules[index].componentProductId ?? productId) == productId
            {
                best.offer(index, priority: rules[index].priority)
            }
            guard let chosen = try onlyWinner(best, of: "bundle rules", in: element) else {
                return .skipped(.noRuleMatched)
            }
            let rule = rules[chosen]
            let adjusted = try rule.adjustment.apply(to: price, base: base(element, state), currency: currency)
            return .priced(adjusted, .bundleRule(index: chosen, parentProductId: parentProduct,
                                                 componentProductId: rule.componentProductId,
                                                 adjustment: rule.adjustment))
        case .volumeDiscount(let step), .tierDiscount(let step):
            let price = try requirePrice(element, state)
            let quantity = try step.quantity.map { expression throws(PricingError) in try evaluateNumber(expression, &state) }
                ?? state.effectiveQuantity
            if step.schedule.basis == .units, !quantity.isInteger {
                throw PricingError(.invalidQuantity, "'\(element.id)' counts whole units, but the quantity is \(quantity)")
            }
            guard let applied = try step.schedule.apply(to: price, quantity: quantity, currency: currency) else {
                return .skipped(.noTier)
            }
            let exact = step.schedule.mode == .graduated && quantity == state.effectiveQuantity ? applied.extended : nil
            return .priced(applied.price, .schedule(quantity: quantity, slices: applied.slices), extended: exact)
        case .manualDiscount:
            guard let discount = state.line.manualDiscount else { return .skipped(.noManualDiscount) }
            let price = try requirePrice(element, state)
            let adjusted = try discount.apply(to: price, base: base(element, state), currency: currency)
            return .priced(adjusted, .manual(adjustment: discount))
        case .formula(let expression):
            let value = try evaluateNumber(expression, &state)
            return .priced(value, .formula(expression: expression.source, value: value))
        case .assignment(let field, let expression):
            let value = try evaluate(expression, &state)
            if let slot = definitions.schema.line.fieldSlot(field) {
                set(slot, to: value, in: &state)
                state.missingSlots.remove(slot)
            }
            return .recorded(.assignment(field: field, value: value))
        case .guardrail(let guardrail):
            return try check(guardrail, element: element, currency: currency, state: &state)
        case .rounding(let scale, let mode):
            let price = try requirePrice(element, state)
            let digits = scale ?? currency.minorUnits
            let rounded = try money("rounding") { () throws(MoneyError) in try price.rounded(scale: digits, mode: mode) }
            return .priced(rounded, .rounding(scale: digits, mode: mode, unrounded: price))
        case .derivedPrice, .aggregate, .propagation:
            preconditionFailure("barrier elements run in runBarrier")
        }
    }

    /// The position of the rule that matched with the lowest priority, `nil` when none matched,
    /// or `AmbiguousRuleMatch` when several share it.
    @inline(__always)
    private func onlyWinner(_ best: borrowing LowestPriority, of rules: String, in element: PricingElement) throws(PricingError)
        -> Int?
    {
        if best.isAmbiguous {
            throw PricingError(.ambiguousRuleMatch, "\(rules) \(best.all.map { "#\($0 + 1)" }.joined(separator: " and ")) of '\(element.id)' match with the same priority \(best.priority)")
        }
        return best.winner
    }

    /// P, or `NoBasePrice` when no price element has run.
    func requirePrice(_ element: PricingElement, _ state: LineState) throws(PricingError) -> ExactDecimal {
        guard let price = state.price else {
            throw PricingError(.noBasePrice, "\(element.kind.name) '\(element.id)' adjusts the price, but no price element set one before it")
        }
        return price
    }

    /// The base of a percentage: the list price with `base: listPrice`, else P.
    private func base(_ element: PricingElement, _ state: LineState) -> ExactDecimal? {
        element.usesListPriceBase ? state.listPrice : nil
    }
}
