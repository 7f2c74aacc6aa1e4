/// Where one field of a usage record lies in the file's bytes.
struct FieldSpan: Sendable {
    /// The value's kind as written: CSV gives text; JSON tells strings, numbers, booleans and null.
    enum Kind: UInt8, Sendable {
        case absent, text, number, boolean, null
    }

    var start: Int
    var end: Int
    var kind: Kind
    /// The escapes the bytes hold, which must be decoded before use.
    var escape: Escape

    /// How a field's bytes are escaped.
    enum Escape: UInt8, Sendable {
        /// Not at all: the bytes are the value.
        case none
        /// CSV: `""` stands for a quote.
        case doubledQuotes
        /// JSON: backslash escapes.
        case json
    }

    static let absent = FieldSpan(start: 0, end: 0, kind: .absent, escape: .none)

    var escaped: Bool { escape != .none }

    var isEmpty: Bool { end == start }
}

/// The fields of a usage record by role: the five record fields, then one per declared usage
/// attribute (``RecordLayout``).
struct RecordFields {
    var spans: [FieldSpan]
    /// A problem the scanner found in the record's syntax.
    var syntaxError: (field: String, error: RatingError)?

    init(roles: Int) {
        spans = Array(repeating: .absent, count: roles)
    }

    mutating func reset() {
        for index in spans.indices { spans[index] = .absent }
        syntaxError = nil
    }
}

/// The roles of a record's fields: `recordId`, `assetId`, `resourceId`, `timestamp`, `quantity`,
/// then the usage attributes that resources declare, in name order.
struct RecordLayout: Sendable {
    static let recordFields = ["recordId", "assetId", "resourceId", "timestamp", "quantity"]
    static let recordId = 0, assetId = 1, resourceId = 2, timestamp = 3, quantity = 4

    /// The declared usage attributes, in name order; attribute `i` has role `5 + i`.
    let attributeNames: [String]

    var roleCount: Int { Self.recordFields.count + attributeNames.count }

    /// The role of a CSV column or JSON key: a record field (camelCase or snake_case) or a
    /// declared attribute.
    func role(of name: String) -> Int? {
        let aliases = ["record_id": 0, "asset_id": 1, "resource_id": 2]
        if let index = Self.recordFields.firstIndex(of: name) ?? aliases[name] { return index }
        return attributeNames.firstIndex(of: name).map { Self.recordFields.count + $0 }
    }

    /// The name of a role, for messages.
    func name(of role: Int) -> String {
        role < Self.recordFields.count ? Self.recordFields[role] : attributeNames[role - Self.recordFields.count]
    }
}
