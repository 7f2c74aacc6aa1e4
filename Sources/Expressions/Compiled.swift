import Money

/// A compiled evaluator for one static type.
typealias Evaluate<T> = @Sendable (ExpressionContext) throws(ExpressionError) -> T

/// Typed, closure-compiled code: evaluation never inspects syntax or looks names up.
enum Code: Sendable {
    case number(Evaluate<ExactDecimal>)
    case string(Evaluate<String>)
    case boolean(Evaluate<Bool>)
    case date(Evaluate<CivilDate>)
    case list(ExpressionType, Evaluate<[ExpressionValue]>)

    var type: ExpressionType {
        switch self {
        case .number: .number
        case .string: .string
        case .boolean: .boolean
        case .date: .date
        case .list(let element, _): .list(element)
        }
    }

    /// The code as an evaluator of untyped values.
    var value: Evaluate<ExpressionValue> {
        switch self {
        case .number(let f): { context throws(ExpressionError) in .number(try f(context)) }
        case .string(let f): { context throws(ExpressionError) in .string(try f(context)) }
        case .boolean(let f): { context throws(ExpressionError) in .boolean(try f(context)) }
        case .date(let f): { context throws(ExpressionError) in .date(try f(context)) }
        case .list(_, let f): { context throws(ExpressionError) in .list(try f(context)) }
        }
    }

    /// Code that reads a context value with `read` and unwraps it as `type`, throwing `mismatch`
    /// when the value has another type.
    @inline(__always)
    static func reading(_ type: ExpressionType, mismatch: ExpressionError,
                        _ read: @escaping Evaluate<ExpressionValue>) -> Code
    {
        switch type {
        case .number:
            .number { context throws(ExpressionError) in
                guard case .number(let value) = try read(context) else { throw mismatch }
                return value
            }
        case .string:
            .string { context throws(ExpressionError) in
                guard case .string(let value) = try read(context) else { throw mismatch }
                return value
            }
        case .boolean:
            .boolean { context throws(ExpressionError) in
                guard case .boolean(let value) = try read(context) else { throw mismatch }
                return value
            }
        case .date:
            .date { context throws(ExpressionError) in
                guard case .date(let value) = try read(context) else { throw mismatch }
                return value
            }
        case .list(let element):
            .list(element) { context throws(ExpressionError) in
                guard case .list(let value) = try read(context) else { throw mismatch }
                return value
            }
        }
    }

    /// Code that always produces `value` (which has static type `type`).
    static func constant(_ value: ExpressionValue, type: ExpressionType) -> Code {
        switch value {
        case .number(let n): .number { _ in n }
        case .string(let s): .string { _ in s }
        case .boolean(let b): .boolean { _ in b }
        case .date(let d): .date { _ in d }
        case .list(let values):
            if case .list(let element) = type { .list(element) { _ in values } } else { .list(.number) { _ in values } }
        }
    }
}

/// A compiled node: its code, and its value when it is known at compile time.
struct Compiled: Sendable {
    var code: Code
    var constant: ExpressionValue?
    var position: SourcePosition

    var type: ExpressionType { code.type }
}
