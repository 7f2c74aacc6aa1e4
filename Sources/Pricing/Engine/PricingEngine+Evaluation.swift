import Definitions
import Expressions
import Money

extension PricingEngine {
    /// Writes a field of a line's context. A line's context starts with only the line fields up
    /// to the last one its expressions read (see ``Header/lineFields``); writing a later one
    /// first extends it with placeholders.
    func set(_ slot: Int, to value: ExpressionValue, in state: inout LineState) {
        let index = slot - state.context.shared.count
        if index >= state.context.fields.count {
            state.context.fields += lineFieldTemplate[state.context.fields.count...index]
        }
        state.context[field: slot] = value
    }

    /// Makes the line's context current for what `expression` reads, failing when it reads state
    /// the line does not have yet.
    private func prepare(_ expression: ContextExpression, _ state: inout LineState) throws(PricingError) {
        if expression.readsPrice {
            guard let price = state.price else {
                throw PricingError(.noBasePrice, "'\(expression.source)' reads price before any element set one")
            }
            set(slots.price, to: .number(price), in: &state)
        }
        if expression.readsListPrice {
            guard let list = state.listPrice else {
                throw PricingError(.noBasePrice, "'\(expression.source)' reads listPrice before any element set one")
            }
            set(slots.listPrice, to: .number(list), in: &state)
        }
        if expression.readsCost {
            guard let cost = state.cost else {
                throw PricingError(.missingCost, "'\(expression.source)' reads cost, but product '\(state.line.productId)' has none")
            }
            set(slots.cost, to: .number(cost), in: &state)
        }
        if !state.missingSlots.isEmpty {
            for slot in expression.customSlots where state.missingSlots.contains(slot) {
                throw PricingError(.missingContextField,
                                   "'\(expression.source)' reads '\(definitions.schema.line.fieldNames[slot])', which the quote does not give")
            }
        }
    }

    /// Runs `expression` on the line's context with `body` (which picks the result type),
    /// after checking what it reads; evaluation failures become `ExpressionFailed`.
    private func run<T>(_ expression: ContextExpression, _ state: inout LineState,
                        _ body: (Expression, ExpressionContext) throws(ExpressionError) -> T) throws(PricingError) -> T
    {
        try prepare(expression, &state)
        do {
            return try body(expression.expression, state.context)
        } catch {
            throw PricingError(.expressionFailed, "'\(expression.source)': \(error.message)")
        }
    }

    func evaluateBoolean(_ expression: ContextExpression, _ state: inout LineState) throws(PricingError) -> Bool {
        try run(expression, &state) { (code, context) throws(ExpressionError) in try code.evaluateBoolean(context) }
    }

    func evaluateNumber(_ expression: ContextExpression, _ state: inout LineState) throws(PricingError) -> ExactDecimal {
        try run(expression, &state) { (code, context) throws(ExpressionError) in try code.evaluateNumber(context) }
    }

    func evaluate(_ expression: ContextExpression, _ state: inout LineState) throws(PricingError) -> ExpressionValue {
        try run(expression, &state) { (code, context) throws(ExpressionError) in try code.evaluate(context) }
    }
}
