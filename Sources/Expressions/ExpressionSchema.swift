/// The fields and attributes an expression may read, with their types, declared by the caller.
///
/// Compiling against a schema resolves every name to a slot, so evaluation is an array read.
///
/// ```swift
/// let schema = ExpressionSchema(fields: ["quantity": .number, "channel": .string],
///                               attributes: ["Region": .string])
/// let rule = try Expression.compile("quantity >= 10 and attr(\"Region\") == \"EU\"", schema: schema)
/// ```
public struct ExpressionSchema: Sendable {
    /// Field names in slot order.
    public let fieldNames: [String]
    /// Field types in slot order.
    public let fieldTypes: [ExpressionType]
    /// Attribute names in slot order.
    public let attributeNames: [String]
    /// Attribute types in slot order.
    public let attributeTypes: [ExpressionType]
    private let fieldSlots: [String: Int]
    private let attributeSlots: [String: Int]

    /// Declares fields and attributes; slots follow the sorted order of names.
    public init(fields: [String: ExpressionType], attributes: [String: ExpressionType] = [:]) {
        let sortedFields = fields.sorted { $0.key < $1.key }
        let sortedAttributes = attributes.sorted { $0.key < $1.key }
        fieldNames = sortedFields.map(\.key)
        fieldTypes = sortedFields.map(\.value)
        attributeNames = sortedAttributes.map(\.key)
        attributeTypes = sortedAttributes.map(\.value)
        fieldSlots = Dictionary(uniqueKeysWithValues: fieldNames.enumerated().map { ($1, $0) })
        attributeSlots = Dictionary(uniqueKeysWithValues: attributeNames.enumerated().map { ($1, $0) })
    }

    /// The slot of a declared field.
    public func fieldSlot(_ name: String) -> Int? { fieldSlots[name] }

    /// The slot of a declared attribute.
    public func attributeSlot(_ name: String) -> Int? { attributeSlots[name] }

    /// Builds a context from named values, checking every name and type.
    ///
    /// ```swift
    /// let context = try schema.makeContext(fields: ["quantity": .number(12)], attributes: ["Region": .string("EU")])
    /// ```
    /// - Throws: ``ExpressionError`` with code `contextMismatch` for an undeclared name, a value of
    ///   the wrong type, or a missing field. Attributes may be absent (see `has`).
    public func makeContext(
        fields: [String: ExpressionValue], attributes: [String: ExpressionValue] = [:]
    ) throws(ExpressionError) -> ExpressionContext {
        var fieldValues = [ExpressionValue?](repeating: nil, count: fieldNames.count)
        for (name, value) in fields {
            guard let slot = fieldSlots[name] else { throw .context("undeclared field '\(name)'") }
            guard value.conforms(to: fieldTypes[slot]) else {
                throw .context("field '\(name)' is declared \(fieldTypes[slot]) but holds \(value)")
            }
            fieldValues[slot] = value
        }
        var attributeValues = [ExpressionValue?](repeating: nil, count: attributeNames.count)
        for (name, value) in attributes {
            guard let slot = attributeSlots[name] else { throw .context("undeclared attribute '\(name)'") }
            guard value.conforms(to: attributeTypes[slot]) else {
                throw .context("attribute '\(name)' is declared \(attributeTypes[slot]) but holds \(value)")
            }
            attributeValues[slot] = value
        }
        var complete: [ExpressionValue] = []
        complete.reserveCapacity(fieldValues.count)
        for (slot, value) in fieldValues.enumerated() {
            guard let value else { throw .context("field '\(fieldNames[slot])' has no value") }
            complete.append(value)
        }
        return ExpressionContext(fields: complete, attributes: attributeValues)
    }
}

/// The values an expression reads, in the slots of its ``ExpressionSchema``.
public struct ExpressionContext: Sendable {
    /// Field values by slot.
    public var fields: [ExpressionValue]
    /// Attribute values by slot; `nil` where the attribute is not set.
    public var attributes: [ExpressionValue?]

    /// Creates a context from slot-ordered values (see ``ExpressionSchema/makeContext(fields:attributes:)``).
    public init(fields: [ExpressionValue], attributes: [ExpressionValue?] = []) {
        self.fields = fields
        self.attributes = attributes
    }
}
