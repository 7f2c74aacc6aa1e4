public import Expressions
public import Money

/// Reads the fields of one mapping, checking types, required fields and unknown fields, and
/// reporting every problem to a ``DiagnosticCollector`` instead of stopping at the first.
///
/// ```swift
/// guard let product = ObjectReader(node, path: "products[0]", in: context) else { return }
/// let id = product.string("id")
/// let price = product.decimal("unitPrice")
/// product.finish()   // reports fields nobody asked for, with a "did you mean" hint
/// ```
public final class ObjectReader {
    /// Where reads report their problems.
    public struct Context {
        /// The file being read.
        public let file: String
        /// The file's text, for mapping expression positions in block scalars.
        public let source: SourceFile?
        /// The collector.
        public let diagnostics: DiagnosticCollector

        /// Creates a context.
        public init(file: String, source: SourceFile?, diagnostics: DiagnosticCollector) {
            self.file = file
            self.source = source
            self.diagnostics = diagnostics
        }

        /// The location of a position in this file.
        public func location(_ position: DocumentNode.Position) -> DefinitionLocation {
            DefinitionLocation(file: file, line: position.line, column: position.column)
        }

        /// Reports an error at a node.
        public func error(_ code: String, at node: DocumentNode, path: String, _ message: String) {
            diagnostics.error(code, at: location(node.position), path: path, message)
        }
    }

    /// The mapping node.
    public let node: DocumentNode
    /// The path of the mapping in its document.
    public let path: String
    /// Where problems go.
    public let context: Context
    private let entries: [DocumentNode.Entry]
    // A reader belongs to the one task that reads its document (it is not `Sendable`), so the
    // dynamic exclusivity checks on these, paid on every field read, are turned off.
    /// The names reads asked for, present or not, for "did you mean" hints.
    @exclusivity(unchecked) private var asked: [String] = []
    /// Which entries reads asked for: bit `i` of word `i / 64`. The first word is inline, so a
    /// mapping of up to 64 fields costs no allocation.
    @exclusivity(unchecked) private var knownEntries: UInt64 = 0
    @exclusivity(unchecked) private var moreKnownEntries: [UInt64] = []

    /// Starts reading `node`; reports an error and returns `nil` if it is not a mapping.
    public init?(_ node: DocumentNode, path: String, in context: Context) {
        guard case .mapping(let entries) = node.content else {
            context.error("WrongType", at: node, path: path, "expected a mapping, found \(node.typeDescription)")
            return nil
        }
        self.node = node
        self.path = path
        self.context = context
        self.entries = entries
    }

    /// The path of a field of this mapping.
    public func path(of key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw value of a field, marking it as known; `nil` if absent.
    public func value(_ key: String) -> DocumentNode? {
        if asked.isEmpty { asked.reserveCapacity(16) }
        asked.append(key)
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
        if index < 64 {
            knownEntries |= 1 << UInt64(index)
        } else {
            let word = index / 64 - 1
            if moreKnownEntries.count <= word { moreKnownEntries += Array(repeating: 0, count: word + 1 - moreKnownEntries.count) }
            moreKnownEntries[word] |= 1 << UInt64(index % 64)
        }
        return entries[index].value
    }

    private func isKnown(_ index: Int) -> Bool {
        if index < 64 { return knownEntries & 1 << UInt64(index) != 0 }
        let word = index / 64 - 1
        return word < moreKnownEntries.count && moreKnownEntries[word] & 1 << UInt64(index % 64) != 0
    }

    /// Whether the field is present (and not null).
    public func has(_ key: String) -> Bool {
        guard let value = value(key) else { return false }
        if case .scalar(_, .null, _) = value.content { return false }
        return true
    }

    /// Marks fields as known without reading them (for example the document header).
    public func accept(_ keys: [String]) {
        for key in keys { _ = value(key) }
    }

    /// The location of a field's value, or of this mapping when the field is absent.
    public func location(of key: String) -> DefinitionLocation {
        context.location(entries.first { $0.key == key }?.value.position ?? node.position)
    }

    /// Reports an error at a field's value (or at this mapping when absent).
    public func error(_ code: String, _ key: String, _ message: String) {
        context.diagnostics.error(code, at: location(of: key), path: path(of: key), message)
    }

    private func present(_ key: String, required: Bool) -> DocumentNode? {
        guard let value = value(key), !{ if case .scalar(_, .null, _) = value.content { true } else { false } }() else {
            if required {
                context.diagnostics.error("MissingField", at: context.location(node.position), path: path(of: key),
                                          "a required field is missing")
            }
            return nil
        }
        return value
    }

    private func wrongType(_ key: String, _ value: DocumentNode, expected: String) {
        context.error("WrongType", at: value, path: path(of: key), "expected \(expected), found \(value.typeDescription)")
    }

    // MARK: Scalars

    /// A string field (a non-empty one).
    public func string(_ key: String, required: Bool = true) -> String? {
        guard let value = present(key, required: required) else { return nil }
        guard case .scalar(let text, .string, _) = value.content else {
            wrongType(key, value, expected: "a string")
            return nil
        }
        guard !text.isEmpty else {
            context.error("InvalidValue", at: value, path: path(of: key), "must not be empty")
            return nil
        }
        return text
    }

    /// An exact decimal field, written as a number or as a string of digits.
    public func decimal(_ key: String, required: Bool = true) -> ExactDecimal? {
        guard let value = present(key, required: required) else { return nil }
        guard case .scalar(let text, let kind, _) = value.content, kind == .number || kind == .string else {
            wrongType(key, value, expected: "a decimal number")
            return nil
        }
        do {
            return try ExactDecimal(text)
        } catch {
            context.error("InvalidValue", at: value, path: path(of: key), error.message)
            return nil
        }
    }

    /// A whole-number field within `range`. Any JSON spelling of a whole number is one: `3`,
    /// `3.0` and `3e0` are all 3.
    public func integer(_ key: String, required: Bool = true, in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard let value = present(key, required: required) else { return nil }
        guard case .scalar(let text, .number, _) = value.content else {
            wrongType(key, value, expected: "a whole number")
            return nil
        }
        guard let number = Int(text) ?? (try? ExactDecimal(text))?.exactInt, range.contains(number) else {
            let bounds = range.upperBound == Int.max ? "≥ \(range.lowerBound)" : "in \(range.lowerBound)...\(range.upperBound)"
            context.error("InvalidValue", at: value, path: path(of: key), "\(text) is not a whole number \(bounds)")
            return nil
        }
        return number
    }

    /// A boolean field; absent means `defaultValue` (every default is documented with its field).
    public func boolean(_ key: String, default defaultValue: Bool) -> Bool {
        guard let value = present(key, required: false) else { return defaultValue }
        guard case .scalar(let text, .boolean, _) = value.content else {
            wrongType(key, value, expected: "true or false")
            return defaultValue
        }
        return text.lowercased() == "true"
    }

    /// A date field written `YYYY-MM-DD`.
    public func date(_ key: String, required: Bool = true) -> CivilDate? {
        guard let value = present(key, required: required) else { return nil }
        guard case .scalar(let text, .string, _) = value.content else {
            wrongType(key, value, expected: "a date (YYYY-MM-DD)")
            return nil
        }
        do {
            return try CivilDate(text)
        } catch {
            context.error("InvalidValue", at: value, path: path(of: key), error.message)
            return nil
        }
    }

    /// A field whose value is one of a fixed set of words.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, required: Bool = true) -> T?
    where T.RawValue == String {
        guard let text = string(key, required: required) else { return nil }
        guard let choice = T(rawValue: text) else {
            let allowed = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            error("InvalidValue", key, "\"\(text)\" is not one of \(allowed)")
            return nil
        }
        return choice
    }

    /// A currency code field.
    public func currency(_ key: String, required: Bool = true) -> Currency? {
        guard let code = string(key, required: required) else { return nil }
        do {
            return try Currency(code)
        } catch {
            self.error("UnknownCurrency", key, error.message)
            return nil
        }
    }

    /// An expression field, compiled against `schema`; errors point into the file.
    public func expression(_ key: String, schema: ExpressionSchema, expecting: ExpressionType? = nil,
                           required: Bool = true) -> Expression?
    {
        guard let value = present(key, required: required) else { return nil }
        guard case .scalar(let text, .string, let style) = value.content else {
            wrongType(key, value, expected: "an expression in a string")
            return nil
        }
        do {
            return try Expression.compile(text, schema: schema, expecting: expecting)
        } catch {
            let code = error.code == .unknownField ? "UnknownContextField" : "InvalidExpression"
            context.diagnostics.error(code, at: expressionLocation(error, in: value, style: style),
                                      path: path(of: key), error.message)
            return nil
        }
    }

    /// Maps a position inside an expression to the file.
    private func expressionLocation(_ error: ExpressionError, in value: DocumentNode,
                                    style: DocumentNode.ScalarStyle) -> DefinitionLocation
    {
        let start = value.position
        switch style {
        case .plain, .quoted:
            let shift = style == .quoted ? 1 : 0
            if error.line == 1 {
                return context.location(.init(line: start.line, column: start.column + shift + error.column - 1))
            }
            return context.location(.init(line: start.line + error.line - 1, column: error.column))
        case .block:
            let line = start.line + error.line
            let indent = context.source?.line(line)?.prefix { $0 == " " }.count ?? 0
            return context.location(.init(line: line, column: indent + error.column))
        }
    }

    // MARK: Collections

    /// A nested mapping field.
    public func object(_ key: String, required: Bool = true) -> ObjectReader? {
        guard let value = present(key, required: required) else { return nil }
        return ObjectReader(value, path: path(of: key), in: context)
    }

    /// A list field's items with their paths; absent and not required gives `[]`.
    public func list(_ key: String, required: Bool = true) -> [(node: DocumentNode, path: String)] {
        guard let value = present(key, required: required) else { return [] }
        guard case .sequence(let items) = value.content else {
            wrongType(key, value, expected: "a list")
            return []
        }
        return items.enumerated().map { ($1, "\(path(of: key))[\($0)]") }
    }

    /// A list of mappings, each read with a fresh reader (items that are not mappings are reported).
    public func objects(_ key: String, required: Bool = true) -> [ObjectReader] {
        list(key, required: required).compactMap { ObjectReader($0.node, path: $0.path, in: context) }
    }

    /// A list of strings.
    public func strings(_ key: String, required: Bool = true) -> [(value: String, node: DocumentNode, path: String)] {
        list(key, required: required).compactMap { item in
            guard case .scalar(let text, .string, _) = item.node.content, !text.isEmpty else {
                context.error("WrongType", at: item.node, path: item.path,
                              "expected a non-empty string, found \(item.node.typeDescription)")
                return nil
            }
            return (text, item.node, item.path)
        }
    }

    /// A mapping field used as a dictionary (name → value), in file order.
    public func entries(_ key: String, required: Bool = true)
        -> [(key: String, keyPosition: DocumentNode.Position, node: DocumentNode, path: String)]
    {
        guard let value = present(key, required: required) else { return [] }
        guard case .mapping(let entries) = value.content else {
            wrongType(key, value, expected: "a mapping")
            return []
        }
        return entries.map { ($0.key, $0.keyPosition, $0.value, "\(path(of: key)).\($0.key)") }
    }

    /// A mapping of names to field types, `{name: number|string|boolean|date}`, in file order;
    /// anything else is reported.
    public func typeDeclarations(_ key: String)
        -> [(name: String, type: ExpressionType, location: DefinitionLocation)]
    {
        entries(key, required: false).compactMap { entry in
            let location = context.location(entry.keyPosition)
            guard case .scalar(let text, _, _) = entry.node.content else {
                context.error("WrongType", at: entry.node, path: entry.path, "expected a type name: number, string, boolean or date")
                return nil
            }
            let types: [String: ExpressionType] = ["number": .number, "string": .string, "boolean": .boolean, "date": .date]
            guard let type = types[text] else {
                context.error("InvalidValue", at: entry.node, path: entry.path,
                              "\"\(text)\" is not a field type; expected number, string, boolean or date")
                return nil
            }
            return (entry.key, type, location)
        }
    }

    /// Reports every field that no read asked for: a typo must never pass silently.
    public func finish() {
        for (index, entry) in entries.enumerated() where !isKnown(index) {
            let hint = NameSuggestion.closest(to: entry.key, among: Set(asked).sorted())
                .map { "; did you mean '\($0)'?" } ?? ""
            context.diagnostics.error("UnknownField", at: context.location(entry.keyPosition), path: path(of: entry.key),
                                      "unknown field '\(entry.key)'\(hint)")
        }
    }
}
