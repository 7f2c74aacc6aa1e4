import Definitions
import Expressions
import Money

extension PricingEngine {
    /// Makes the line's context current for what `expression` reads, failing when it reads state
    /// the line does not have yet.
    private func prepare(_ expression: ContextExpression, _ state: inout LineState) throws(PricingError) {
        if expression.readsPrice {
            guard let price = state.price else {
                throw PricingError(.noBasePrice, "'\(expression.source)' reads price before any element set one")
            }
            state.context.fields[slots.price] = .number(price)
        }
        if expression.readsListPrice {
            guard let list = state.listPrice else {
                throw PricingError(.noBasePrice, "'\(expression.source)' reads listPrice before any element set one")
            }
            state.context.fields[slots.listPrice] = .number(list)
        }
        if expression.readsCost {
            guard let cost = state.cost else {
                throw PricingError(.missingCost, "'\(expression.source)' reads cost, but product '\(state.line.productId)' has none")
            }
            state.context.fields[slots.cost] = .number(cost)
        }
        if !state.missingSlots.isEmpty {
            for slot in expression.customSlots where state.missingSlots.contains(slot) {
                throw PricingError(.missingContextField,
                                   "'\(expression.source)' reads '\(definitions.schema.line.fieldNames[slot])', which the quote does not give")
            }
        }
    }

    func evaluateBoolean(_ expression: ContextExpression, _ state: inout LineState) throws(PricingError) -> Bool {
        try prepare(expression, &state)
        do {
            return try expression.expression.evaluateBoolean(state.context)
        } catch {
            throw PricingError(.expressionFailed, "'\(expression.source)': \(error.message)")
        }
    }

    func evaluateNumber(_ expression: ContextExpression, _ state: inout LineState) throws(PricingError) -> ExactDecimal {
        try prepare(expression, &state)
        do {
            return try expression.expression.evaluateNumber(state.context)
        } catch {
            throw PricingError(.expressionFailed, "'\(expression.source)': \(error.message)")
        }
    }

    func evaluate(_ expression: ContextExpression, _ state: inout LineState) throws(PricingError) -> ExpressionValue {
        try prepare(expression, &state)
        do {
            return try expression.expression.evaluate(state.context)
        } catch {
            throw PricingError(.expressionFailed, "'\(expression.source)': \(error.message)")
        }
    }
}
