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
    /// Field names in slot order: the shared fields first, then the others.
    public let fieldNames: [String]
    /// Field types in slot order.
    public let fieldTypes: [ExpressionType]
    /// How many of the first slots are shared fields (see ``ExpressionContext/shared``).
    public let sharedFieldCount: Int
    /// Attribute names in slot order.
    public let attributeNames: [String]
    /// Attribute types in slot order.
    public let attributeTypes: [ExpressionType]
    private let fieldSlots: [String: Int]
    private let attributeSlots: [String: Int]

    /// Declares fields and attributes; slots follow the sorted order of names.
    ///
    /// `shared` fields hold the same values across many contexts (a transaction's header, read by
    /// each of its lines), so contexts keep them in one array they all share. A name declared in
    /// both is shared.
    public init(fields: [String: ExpressionType], shared: [String: ExpressionType] = [:],
                attributes: [String: ExpressionType] = [:])
    {
        let sortedShared = shared.sorted { $0.key < $1.key }
        let sortedFields = fields.filter { shared[$0.key] == nil }.sorted { $0.key < $1.key }
        let sortedAttributes = attributes.sorted { $0.key < $1.key }
        fieldNames = (sortedShared + sortedFields).map(\.key)
        fieldTypes = (sortedShared + sortedFields).map(\.value)
        sharedFieldCount = sortedShared.count
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
        return ExpressionContext(shared: Array(complete[..<sharedFieldCount]), fields: Array(complete[sharedFieldCount...]),
                                 attributes: attributeValues)
    }
}

/// The values an expression reads, in the slots of its ``ExpressionSchema``.
///
/// Slots below the schema's ``ExpressionSchema/sharedFieldCount`` live in ``shared``, the rest in
/// ``fields``; ``subscript(field:)`` reads and writes either by slot.
public struct ExpressionContext: Sendable {
    /// Values of the shared fields, by slot.
    public var shared: [ExpressionValue]
    /// Values of the other fields: slot `shared.count + i` is `fields[i]`.
    public var fields: [ExpressionValue]
    /// Attribute values by slot; `nil` where the attribute is not set.
    public var attributes: [ExpressionValue?]

    /// Creates a context from slot-ordered values (see ``ExpressionSchema/makeContext(fields:attributes:)``).
    public init(shared: [ExpressionValue] = [], fields: [ExpressionValue], attributes: [ExpressionValue?] = []) {
        self.shared = shared
        self.fields = fields
        self.attributes = attributes
    }

    /// The value of a field by its schema slot.
    public subscript(field slot: Int) -> ExpressionValue {
        get { slot < shared.count ? shared[slot] : fields[slot - shared.count] }
        set {
            if slot < shared.count { shared[slot] = newValue } else { fields[slot - shared.count] = newValue }
        }
    }
}
