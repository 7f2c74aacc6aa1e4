public import Money

/// Reads a usage file one record at a time and checks each record as the bulk rater does, for
/// callers that store usage instead of rating it (`revenue usage ingest`).
///
/// ```swift
/// let reader = try UsageFileReader(definitions)
/// try reader.read("usage.csv") { entry in
///     switch entry {
///     case .record(let line, let record): print(line, record.recordId, record.quantity)
///     case .rejected(let line, let field, let error): print("usage.csv:\(line): \(field): \(error.message)")
///     }
/// }
/// ```
public struct UsageFileReader: Sendable {
    private let vocabulary: RecordVocabulary

    /// A reader for files rated with `definitions` (their assets, resources and usage attributes).
    public init(_ definitions: RatingDefinitions) throws(RatingInputError) {
        vocabulary = try RecordVocabulary(definitions: definitions, period: .month)
    }

    /// One record of a file, checked.
    public enum Entry: Sendable {
        /// A valid record, starting on `line`.
        case record(line: Int, UsageFileRecord)
        /// A record that cannot be rated: the field at fault and why.
        case rejected(line: Int, field: String, error: RatingError)
    }

    /// Calls `body` for each record of the file at `path`, in file order.
    ///
    /// - Throws: ``RatingInputError`` when the file cannot be read or its CSV header is wrong.
    public func read(_ path: String, _ body: (Entry) -> Void) throws(RatingInputError) {
        let source = try UsageSource(path: path, index: 0, layout: vocabulary.layout)
        var decoder = RecordDecoder(vocabulary)
        var fields = RecordFields(roles: vocabulary.layout.roleCount)
        let bytes = source.bytes
        let names = vocabulary.layout.attributeNames
        var position = source.firstRecord
        var line = source.firstLine
        while position < bytes.count {
            let (end, newlines, blank) = source.scan(at: position, into: &fields)
            defer {
                line += newlines
                position = end
            }
            if blank { continue }
            switch decoder.decode(fields, in: bytes) {
            case .failure(let rejection):
                body(.rejected(line: line, field: rejection.field, error: rejection.error))
            case .success(let decoded):
                let spans = fields.spans
                var attributes: [(name: String, value: String)] = []
                for (offset, name) in names.enumerated() {
                    let span = spans[RecordLayout.recordFields.count + offset]
                    guard span.kind != .absent, span.kind != .null, !span.isEmpty,
                          let value = decoder.string(span, in: bytes) else { continue }
                    attributes.append((name, value))
                }
                body(.record(line: line, UsageFileRecord(
                    recordId: decoder.string(spans[RecordLayout.recordId], in: bytes) ?? "",
                    assetId: decoder.string(spans[RecordLayout.assetId], in: bytes) ?? "",
                    resourceId: decoder.string(spans[RecordLayout.resourceId], in: bytes) ?? "",
                    timestamp: decoder.string(spans[RecordLayout.timestamp], in: bytes) ?? "",
                    quantity: ExactDecimal(rawValue: decoded.quantity), attributes: attributes)))
            }
        }
    }
}

/// A usage record as a file gives it, after the checks of ``UsageFileReader``.
public struct UsageFileRecord: Sendable {
    /// The record id.
    public var recordId: String
    /// The asset.
    public var assetId: String
    /// The usage resource.
    public var resourceId: String
    /// The timestamp as written (ISO 8601 with a zone, already checked).
    public var timestamp: String
    /// The quantity, exact.
    public var quantity: ExactDecimal
    /// The usage attributes the record has, in name order.
    public var attributes: [(name: String, value: String)]
}
