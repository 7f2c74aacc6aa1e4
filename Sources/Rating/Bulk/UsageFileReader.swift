public import Money

/// Reads usage files a batch of records at a time and checks each record as the bulk rater
/// does, for callers that store usage instead of rating it (`revenue usage ingest`).
///
/// ```swift
/// var records = try UsageFileReader(definitions).open("usage.csv")
/// while case let batch = records.next(1_000), !batch.isEmpty {
///     for entry in batch {
///         switch entry {
///         case .record(let line, let record): print(line, record.recordId, record.quantity)
///         case .rejected(let line, let field, let error): print("usage.csv:\(line): \(field): \(error.message)")
///         }
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

    /// Opens the file at `path` (mapped, not read into memory).
    ///
    /// - Throws: ``RatingInputError`` when the file cannot be read or its CSV header is wrong.
    public func open(_ path: String) throws(RatingInputError) -> Records {
        try Records(source: UsageSource(path: path, index: 0, layout: vocabulary.layout), vocabulary: vocabulary)
    }

    /// Reads JSON Lines held in memory (records sent in a request): line N is the Nth record.
    public func read(jsonLines bytes: [UInt8], name: String) -> Records {
        Records(source: UsageSource(jsonLines: bytes, name: name, layout: vocabulary.layout), vocabulary: vocabulary)
    }

    /// The records of one file, read in order.
    public struct Records {
        private let source: UsageSource
        private let names: [String]
        private var decoder: RecordDecoder
        private var fields: RecordFields
        private var position: Int
        private var line: Int

        init(source: UsageSource, vocabulary: RecordVocabulary) {
            self.source = source
            names = vocabulary.layout.attributeNames
            decoder = RecordDecoder(vocabulary)
            fields = RecordFields(roles: vocabulary.layout.roleCount)
            position = source.firstRecord
            line = source.firstLine
        }

        /// The next `count` records or fewer; none at the end of the file.
        public mutating func next(_ count: Int) -> [Entry] {
            var entries: [Entry] = []
            let bytes = source.bytes
            while entries.count < count, position < bytes.count {
                let (end, newlines, blank) = source.scan(at: position, into: &fields)
                defer {
                    line += newlines
                    position = end
                }
                if !blank { entries.append(entry(bytes)) }
            }
            return entries
        }

        private mutating func entry(_ bytes: UnsafeRawBufferPointer) -> Entry {
            let decoded: DecodedRecord
            switch decoder.decode(fields, in: bytes) {
            case .failure(let rejection): return .rejected(line: line, field: rejection.field, error: rejection.error)
            case .success(let record): decoded = record
            }
            let spans = fields.spans
            var attributes: [(name: String, value: String)] = []
            for (offset, name) in names.enumerated() {
                let span = spans[RecordLayout.recordFields.count + offset]
                guard span.kind != .absent, span.kind != .null, !span.isEmpty,
                      let value = decoder.string(span, in: bytes) else { continue }
                attributes.append((name, value))
            }
            return .record(line: line, UsageFileRecord(
                recordId: decoder.string(spans[RecordLayout.recordId], in: bytes) ?? "",
                assetId: decoder.string(spans[RecordLayout.assetId], in: bytes) ?? "",
                resourceId: decoder.string(spans[RecordLayout.resourceId], in: bytes) ?? "",
                timestamp: decoder.string(spans[RecordLayout.timestamp], in: bytes) ?? "",
                occurredAt: decoded.timestamp / 1_000_000_000,
                quantity: ExactDecimal(rawValue: decoded.quantity), attributes: attributes))
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
    /// When, in Unix seconds (UTC), the fraction of a second dropped.
    public var occurredAt: Int64
    /// The quantity, exact.
    public var quantity: ExactDecimal
    /// The usage attributes the record has, in name order.
    public var attributes: [(name: String, value: String)]
}
