public import Expressions

/// A compiled pricing expression and the line state it needs before it can run: a price, a list
/// price, a cost, or custom fields that a quote may leave out. A reference, so that rules and
/// elements holding one are copied with a single retain.
public final class ContextExpression: Sendable {
    /// The compiled expression (slots of ``PricingSchema/line``).
    public let expression: Expression
    /// Reads `price`: P must be set (`NoBasePrice`).
    public let readsPrice: Bool
    /// Reads `listPrice`: a list price must be set (`NoBasePrice`).
    public let readsListPrice: Bool
    /// Reads `cost`: a cost must be known (`MissingCost`).
    public let readsCost: Bool
    /// Slots of custom fields it reads, which must hold a value (`MissingContextField`).
    public let customSlots: [Int]
    /// Slots of every field it reads, in ascending order.
    public let slotsRead: [Int]

    /// Wraps an expression compiled against `schema.line`.
    public init(_ expression: Expression, schema: PricingSchema) {
        self.expression = expression
        let read = expression.fieldsRead
        readsPrice = read.contains("price")
        readsListPrice = read.contains("listPrice")
        readsCost = read.contains("cost")
        let custom = Set(schema.customHeaderFields.keys).union(schema.customLineFields.keys)
        customSlots = read.filter(custom.contains).compactMap(schema.line.fieldSlot).sorted()
        slotsRead = read.compactMap(schema.line.fieldSlot).sorted()
    }

    /// The source text.
    public var source: String { expression.source }
}
