import Expressions
import Money
import Synchronization

/// A usage record that passed every record-level check, reduced to what rating needs.
struct DecodedRecord {
    /// The summary it belongs to: asset, resource, period and attribute values packed
    /// (``SummaryKey``).
    var key: SummaryKey
    /// The quantity at ``ExactDecimal/scale``.
    var quantity: Int128
    /// Nanoseconds since 1970 UTC.
    var timestamp: Int64
    /// A hash of the record id, for finding duplicates.
    var idHash: UInt64
}

/// Asset, resource, period and attribute values of a summary, packed in 64 bits:
/// 24 bits of asset, 10 of resource, 18 of period, 12 of attribute values.
struct SummaryKey: Hashable, Comparable, Sendable {
    let raw: UInt64

    static let maxAssets = 1 << 24, maxResources = 1 << 10, maxPeriods = 1 << 18, maxAttributeValues = 1 << 12

    init(raw: UInt64) { self.raw = raw }

    init(asset: Int, resource: Int, period: Int, attributes: Int) {
        raw = UInt64(asset) << 40 | UInt64(resource) << 30 | UInt64(period) << 12 | UInt64(attributes)
    }

    var asset: Int { Int(raw >> 40) }
    var resource: Int { Int(raw >> 30) & (Self.maxResources - 1) }
    var period: Int { Int(raw >> 12) & (Self.maxPeriods - 1) }
    var attributes: Int { Int(raw) & (Self.maxAttributeValues - 1) }

    static func < (lhs: SummaryKey, rhs: SummaryKey) -> Bool { lhs.raw < rhs.raw }
}

/// What the record-level checks need, shared by every worker: the asset and resource ids, the
/// attributes each resource reads, and the attribute value combinations seen so far.
final class RecordVocabulary: Sendable {
    let layout: RecordLayout
    let assets: ByteTable
    let assetIds: [String]
    let resources: ByteTable
    let resourceIds: [String]
    /// Per resource: the roles and types of the attributes it declares.
    let resourceAttributes: [[(role: Int, name: String, type: ExpressionType)]]
    let periodLength: BillingPeriod.Length
    /// Attribute value combinations, encoded (see ``RecordDecoder``), by id; 0 is "none".
    let attributeValues = Mutex(ByteTable())

    init(definitions: RatingDefinitions, period: BillingPeriod.Length) throws(RatingInputError) {
        let layout = RecordLayout(attributeNames: definitions.schema.attributeNames.sorted())
        self.layout = layout
        assetIds = definitions.assets.keys.sorted()
        resourceIds = definitions.resources.keys.sorted()
        guard assetIds.count < SummaryKey.maxAssets else {
            throw RatingInputError("\(assetIds.count) assets are more than one run rates (\(SummaryKey.maxAssets - 1))")
        }
        guard resourceIds.count < SummaryKey.maxResources else {
            throw RatingInputError("\(resourceIds.count) usage resources are more than one run rates (\(SummaryKey.maxResources - 1))")
        }
        var assets = ByteTable(capacity: assetIds.count)
        for id in assetIds { _ = assets.intern(id) }
        var resources = ByteTable(capacity: resourceIds.count)
        for id in resourceIds { _ = resources.intern(id) }
        self.assets = assets
        self.resources = resources
        resourceAttributes = resourceIds.map { id in
            // Every version's attributes: a record is read before its period picks a version.
            var declared: [String: ExpressionType] = [:]
            for version in definitions.resources[id] ?? [] { declared.merge(version.attributes) { first, _ in first } }
            return declared.keys.sorted().compactMap { name in
                guard let role = layout.role(of: name), let type = declared[name] else { return nil }
                return (role, name, type)
            }
        }
        periodLength = period
        attributeValues.withLock { table in _ = table.intern(UnsafeRawBufferPointer(start: nil, count: 0)) }
    }

    /// The attribute values of a summary, decoded for the rater.
    func attributes(resource: Int, values id: Int) -> [String: ExpressionValue] {
        // Most resources declare no attributes: no lock to take.
        guard !resourceAttributes[resource].isEmpty, id != 0 else { return [:] }
        let encoded = attributeValues.withLock { Array($0.key(id)) }
        var result: [String: ExpressionValue] = [:]
        var index = 0
        for (_, name, type) in resourceAttributes[resource] {
            guard index < encoded.count else { break }
            let present = encoded[index] == 1
            let length = Int(encoded[index + 1]) | Int(encoded[index + 2]) << 8 | Int(encoded[index + 3]) << 16
                | Int(encoded[index + 4]) << 24
            index += 5
            guard present else { continue }
            let text = String(decoding: encoded[index..<index + length], as: UTF8.self)
            index += length
            switch type {
            case .number: result[name] = (try? ExactDecimal(text)).map { .number($0) }
            case .boolean: result[name] = .boolean(text == "true")
            case .date: result[name] = (try? CivilDate(text)).map { .date($0) }
            default: result[name] = .string(text)
            }
        }
        return result
    }

    /// The period ordinal as packed in ``SummaryKey`` back to a period.
    func period(_ ordinal: Int) -> BillingPeriod {
        switch periodLength {
        case .day:
            let date = (try? CivilDate(daysSinceEpoch: ordinal)) ?? .earliest
            return BillingPeriod(.day, containing: date)
        case .month:
            let date = (try? CivilDate(year: 1970 + ordinal / 12, month: ordinal % 12 + 1, day: 1)) ?? .earliest
            return BillingPeriod(.month, containing: date)
        }
    }
}

/// Checks one scanned record and reduces it to a ``DecodedRecord``; one per worker (it keeps
/// scratch buffers and a cache of attribute value combinations).
struct RecordDecoder {
    let vocabulary: RecordVocabulary
    private var scratch: [UInt8] = []
    private var idScratch: [UInt8] = []
    private var localValues = ByteTable()
    private var localToShared: [Int] = []
    /// The attribute values of the record being decoded, encoded; reused from record to record.
    private var encoded: [UInt8] = []
    /// Period ordinals of recent UTC days, direct-mapped by the day's low bits: a file's records
    /// spread over a few weeks hit it nearly every time.
    private var periodCache = [(day: Int, ordinal: Int)](repeating: (Int.min, 0), count: 64)

    /// The vocabulary's tables, held by the decoder: read through the shared class, each lookup
    /// would retain and release the tables' storage.
    private let assets: ByteTable
    private let resources: ByteTable
    private let resourceAttributes: [[(role: Int, name: String, type: ExpressionType)]]

    init(_ vocabulary: RecordVocabulary) {
        self.vocabulary = vocabulary
        assets = vocabulary.assets
        resources = vocabulary.resources
        resourceAttributes = vocabulary.resourceAttributes
    }

    /// Checks the record and reduces it to what rating needs, or says which field is wrong and why.
    mutating func decode(_ fields: RecordFields, in bytes: UnsafeRawBufferPointer) -> Result<DecodedRecord, RejectionBox> {
        if let problem = fields.syntaxError { return .failure(RejectionBox(problem)) }
        let spans = fields.spans
        for role in 0..<RecordLayout.recordFields.count {
            let span = spans[role]
            if span.kind == .absent || span.kind == .null || span.isEmpty {
                let name = vocabulary.layout.name(of: role)
                return .failure(RejectionBox((name, RatingError(.missingField, "\(name) is missing or empty"))))
            }
            if role != RecordLayout.quantity, span.kind != .text {
                let name = vocabulary.layout.name(of: role)
                return .failure(RejectionBox((name, RatingError(.invalidRecord, "\(name) must be a string"))))
            }
        }
        // The id: no control characters.
        let idHash = withText(spans[RecordLayout.recordId], bytes, into: &idScratch) { id -> UInt64? in
            var ascii = true
            for byte in id {
                if byte < 0x20 || byte == 0x7F { return nil }
                if byte >= 0x80 { ascii = false }
            }
            if !ascii, String(validating: id, as: UTF8.self) == nil { return nil }
            return ByteTable.hash(id)
        }
        guard let idHash, let idHash else {
            return .failure(RejectionBox(("recordId", RatingError(.invalidRecord, "recordId must be UTF-8 text without control characters or malformed escapes"))))
        }
        let asset = withText(spans[RecordLayout.assetId], bytes, into: &scratch) { assets.id(of: $0) }
        guard let asset, let asset else {
            return .failure(RejectionBox(("assetId", RatingError(.unknownAsset, "asset '\(text(spans[RecordLayout.assetId], bytes))' is not defined"))))
        }
        let resource = withText(spans[RecordLayout.resourceId], bytes, into: &scratch) { resources.id(of: $0) }
        guard let resource, let resource else {
            return .failure(RejectionBox(("resourceId", RatingError(.unknownResource, "usage resource '\(text(spans[RecordLayout.resourceId], bytes))' is not defined"))))
        }
        let timestampSpan = spans[RecordLayout.timestamp]
        let timestamp: UsageTimestamp
        switch UsageTimestamp.parse(UnsafeRawBufferPointer(rebasing: bytes[timestampSpan.start..<timestampSpan.end])) {
        case .success(let value): timestamp = value
        case .failure(let error): return .failure(RejectionBox(("timestamp", error)))
        }
        let quantitySpan = spans[RecordLayout.quantity]
        let quantity: ExactDecimal
        do {
            quantity = try ExactDecimal.parse(UnsafeBufferPointer(rebasing: bytes.assumingMemoryBound(to: UInt8.self)[quantitySpan.start..<quantitySpan.end]))
        } catch {
            return .failure(RejectionBox(("quantity", RatingError(.invalidQuantity, "'\(text(quantitySpan, bytes))' is not a number: \(error.message)"))))
        }
        guard !quantity.isNegative else {
            return .failure(RejectionBox(("quantity", RatingError(.invalidQuantity, "quantity must not be negative, found \(quantity)"))))
        }
        let values: Int
        switch attributeValues(spans, resource: resource, bytes: bytes) {
        case .success(let id): values = id
        case .failure(let rejection): return .failure(rejection)
        }
        let period = periodOrdinal(timestamp.utcDay)
        let key = SummaryKey(asset: asset, resource: resource, period: period, attributes: values)
        return .success(DecodedRecord(key: key, quantity: quantity.rawValue, timestamp: timestamp.nanoseconds,
                                      idHash: idHash))
    }

    /// A field's text, unescaped, or `nil` for malformed escapes.
    mutating func string(_ span: FieldSpan, in bytes: UnsafeRawBufferPointer) -> String? {
        withText(span, bytes, into: &scratch) { String(decoding: $0, as: UTF8.self) }
    }

    /// The record id of a record's id span, decoded, passed to `body`.
    mutating func withID<T>(_ span: FieldSpan, in bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> T) -> T? {
        withText(span, bytes, into: &idScratch, body)
    }

    private mutating func periodOrdinal(_ day: Int) -> Int {
        let slot = day & (periodCache.count - 1)
        if periodCache[slot].day == day { return periodCache[slot].ordinal }
        let ordinal: Int
        switch vocabulary.periodLength {
        case .day:
            ordinal = day
        case .month:
            let parts = ((try? CivilDate(daysSinceEpoch: day)) ?? .earliest).components
            ordinal = (parts.year - 1970) * 12 + parts.month - 1
        }
        periodCache[slot] = (day, ordinal)
        return ordinal
    }

    /// The id of the record's values of the attributes its resource declares.
    private mutating func attributeValues(_ spans: [FieldSpan], resource: Int, bytes: UnsafeRawBufferPointer)
        -> Result<Int, RejectionBox>
    {
        let declared = resourceAttributes[resource]
        guard !declared.isEmpty else { return .success(0) }
        // Taken out of self while the values are appended, and put back for the next record.
        var encoded = self.encoded
        self.encoded = []
        defer { self.encoded = encoded }
        encoded.removeAll(keepingCapacity: true)
        for (role, name, type) in declared {
            let span = spans[role]
            guard span.kind != .absent, span.kind != .null, !span.isEmpty else {
                for _ in 0..<5 { encoded.append(0) }
                continue
            }
            // Appends a valid value; else returns it for the message. A malformed escape reads as "".
            func add(_ value: UnsafeRawBufferPointer) -> String? {
                let valid: Bool
                switch type {
                case .number:
                    valid = span.kind != .boolean && (try? ExactDecimal.parse(value.assumingMemoryBound(to: UInt8.self))) != nil
                case .boolean:
                    valid = value.elementsEqual("true".utf8) || value.elementsEqual("false".utf8)
                case .date:
                    valid = (try? CivilDate(String(decoding: value, as: UTF8.self))) != nil
                default:
                    valid = true
                }
                guard valid else { return String(decoding: value.prefix(64), as: UTF8.self) }
                encoded.append(1)
                for shift in stride(from: 0, to: 32, by: 8) { encoded.append(UInt8(truncatingIfNeeded: value.count >> shift)) }
                encoded.append(contentsOf: value)
                return nil
            }
            let problem = withText(span, bytes, into: &scratch, add) ?? add(UnsafeRawBufferPointer(start: nil, count: 0))
            if let problem {
                return .failure(RejectionBox(("attributes.\(name)", RatingError(.invalidAttribute, "attribute '\(name)' is declared \(type), not '\(problem)'"))))
            }
        }
        let local = encoded.withUnsafeBytes { localValues.intern($0) }
        if local < localToShared.count { return .success(localToShared[local]) }
        let shared = encoded.withUnsafeBytes { key in vocabulary.attributeValues.withLock { $0.intern(key) } }
        guard shared < SummaryKey.maxAttributeValues else {
            return .failure(RejectionBox(("attributes", RatingError(.invalidAttribute, "more than \(SummaryKey.maxAttributeValues - 1) different attribute value combinations in one run"))))
        }
        localToShared.append(shared)
        return .success(shared)
    }

    /// The span's text, decoded when escaped, passed to `body`; `nil` for a malformed escape.
    private func withText<T>(_ span: FieldSpan, _ bytes: UnsafeRawBufferPointer, into scratch: inout [UInt8],
                             _ body: (UnsafeRawBufferPointer) -> T) -> T?
    {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[span.start..<span.end])
        guard span.escaped else { return body(raw) }
        guard let decoded = span.escape == .json ? JSONText.unescape(raw) : Self.undoubleQuotes(raw) else { return nil }
        scratch = decoded
        return scratch.withUnsafeBytes(body)
    }

    static func undoubleQuotes(_ raw: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            output.append(raw[index])
            index += raw[index] == 0x22 && index + 1 < raw.count && raw[index + 1] == 0x22 ? 2 : 1
        }
        return output
    }

    private func text(_ span: FieldSpan, _ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes[span.start..<min(span.end, span.start + 64)], as: UTF8.self)
    }
}

/// A rejection carried through `Result`.
struct RejectionBox: Error {
    let field: String
    let error: RatingError
    init(_ rejection: (field: String, error: RatingError)) {
        field = rejection.field
        error = rejection.error
    }
}
