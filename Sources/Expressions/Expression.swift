public import Money

/// A parsed, type-checked and compiled expression, ready to evaluate many times.
///
/// The language is small, safe and deterministic: exact decimals, strings, booleans, dates and
/// lists; `+ - * /`, comparisons, `and`/`or`/`not`, `in`/`not in`; and a fixed set of functions
/// (`min max abs round floor ceil if attr has date year month day addDays addMonths daysBetween
/// lower upper contains startsWith endsWith`). There are no loops and no I/O, nesting is limited,
/// and evaluation cannot hang. See `docs/expressions.md`.
///
/// ```swift
/// let schema = ExpressionSchema(fields: ["quantity": .number], attributes: ["Region": .string])
/// let rule = try Expression.compile(#"quantity >= 10 and attr("Region") == "EU""#, schema: schema)
/// let context = try schema.makeContext(fields: ["quantity": .number(12)], attributes: ["Region": .string("EU")])
/// try rule.evaluateBoolean(context)   // true
/// ```
public struct Expression: Sendable, CustomStringConvertible {
    /// The text it was compiled from.
    public let source: String
    /// The static type of its result.
    public var type: ExpressionType { code.type }
    /// The value when it does not depend on the context (a constant expression), else `nil`.
    public let constantValue: ExpressionValue?
    /// The names of the fields it reads (attributes read with `attr` are not fields).
    public let fieldsRead: Set<String>
    let code: Code

    /// Parses, type-checks and compiles `source` against the fields and attributes of `schema`.
    ///
    /// - Parameters:
    ///   - source: the expression text.
    ///   - schema: the declared fields and attributes, with their types.
    ///   - expecting: the result type the caller needs; `nil` accepts any.
    /// - Throws: ``ExpressionError`` with line and column for syntax errors, unknown names,
    ///   type errors, wrong arity, invalid constant arguments and too deep nesting.
    public static func compile(
        _ source: String, schema: ExpressionSchema, expecting: ExpressionType? = nil
    ) throws(ExpressionError) -> Expression {
        let syntax = try Parser.parse(source)
        let compiled = try Compiler(schema: schema, source: source).compile(syntax)
        if let expecting, compiled.type != expecting {
            throw ExpressionError(.typeMismatch, "expected a \(expecting) expression, but this one gives a \(compiled.type)",
                                  line: syntax.position.line, column: syntax.position.column, source: source)
        }
        return Expression(source: source, constantValue: compiled.constant, fieldsRead: syntax.fieldNames,
                          code: compiled.code)
    }

    /// Checks only the syntax, without a schema (for tools and fuzzing).
    ///
    /// - Throws: ``ExpressionError`` for text that does not parse.
    public static func checkSyntax(_ source: String) throws(ExpressionError) {
        _ = try Parser.parse(source)
    }

    /// Evaluates to a value of ``type``.
    ///
    /// - Throws: ``ExpressionError`` for arithmetic overflow, division by zero, an unset attribute
    ///   read with `attr`, or a context that does not match the schema.
    public func evaluate(_ context: ExpressionContext) throws(ExpressionError) -> ExpressionValue {
        try code.value(context)
    }

    /// Evaluates a boolean expression (a condition) without boxing the result.
    ///
    /// - Throws: ``ExpressionError``; `typeMismatch` if the expression is not boolean.
    @inlinable
    public func evaluateBoolean(_ context: ExpressionContext) throws(ExpressionError) -> Bool {
        try booleanEvaluator()(context)
    }

    /// Evaluates a number expression (a formula) without boxing the result.
    ///
    /// - Throws: ``ExpressionError``; `typeMismatch` if the expression is not a number.
    @inlinable
    public func evaluateNumber(_ context: ExpressionContext) throws(ExpressionError) -> ExactDecimal {
        try numberEvaluator()(context)
    }

    @usableFromInline
    func booleanEvaluator() -> @Sendable (ExpressionContext) throws(ExpressionError) -> Bool {
        if case .boolean(let f) = code { return f }
        let message = "'\(source)' gives a \(type), not a boolean"
        return { _ throws(ExpressionError) in throw ExpressionError(.typeMismatch, message, source: source) }
    }

    @usableFromInline
    func numberEvaluator() -> @Sendable (ExpressionContext) throws(ExpressionError) -> ExactDecimal {
        if case .number(let f) = code { return f }
        let message = "'\(source)' gives a \(type), not a number"
        return { _ throws(ExpressionError) in throw ExpressionError(.typeMismatch, message, source: source) }
    }

    public var description: String { source }
}
