/// The format of a usage file, from its extension.
public enum UsageFileFormat: String, Sendable, CaseIterable {
    case csv, jsonl

    /// `.csv` is CSV; `.jsonl`, `.ndjson` and `.json` are JSON Lines.
    public init(path: String) throws(RatingInputError) {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") {
            self = .csv
        } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
            self = .jsonl
        } else {
            throw RatingInputError("\(path): unknown usage file type; name it .csv or .jsonl")
        }
    }
}

/// One usage file, mapped, with the scanner for its format.
final class UsageSource: @unchecked Sendable {
    let file: MappedFile
    let index: Int
    let format: UsageFileFormat
    /// Where records start, and the line the first starts on.
    let firstRecord: Int
    let firstLine: Int
    private let scanner: Scanner

    private enum Scanner {
        case csv(CSVScanner)
        case jsonl(JSONLinesScanner)
    }

    init(path: String, index: Int, layout: RecordLayout) throws(RatingInputError) {
        file = try MappedFile(path: path)
        self.index = index
        format = try UsageFileFormat(path: path)
        switch format {
        case .csv:
            let csv = try CSVScanner(file.bytes, layout: layout, file: path)
            scanner = .csv(csv)
            firstRecord = csv.firstRecord
            firstLine = csv.firstLine
        case .jsonl:
            scanner = .jsonl(JSONLinesScanner(layout: layout))
            var start = 0
            let bytes = file.bytes
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            firstRecord = start
            firstLine = 1
        }
    }

    /// JSON Lines held in memory, named `name` in messages.
    init(jsonLines bytes: [UInt8], name: String, layout: RecordLayout) {
        file = MappedFile(copying: bytes, name: name)
        index = 0
        format = .jsonl
        scanner = .jsonl(JSONLinesScanner(layout: layout))
        firstRecord = 0
        firstLine = 1
    }

    var path: String { file.path }
    var bytes: UnsafeRawBufferPointer { file.bytes }

    /// Scans the record at `start` (a record boundary before the end) into `fields`: where the
    /// next record starts, the line breaks it spans, and whether it was a blank line (no record).
    func scan(at start: Int, into fields: inout RecordFields) -> (end: Int, newlines: Int, blank: Bool) {
        let bytes = file.bytes
        if let end = CSVScanner.blankLine(bytes, at: start) { return (end, 1, true) }
        fields.reset()
        switch scanner {
        case .csv(let csv):
            let (end, newlines) = csv.scan(bytes, from: start, into: &fields)
            return (end, newlines, false)
        case .jsonl(let json):
            let end = json.scan(bytes, from: start, into: &fields)
            return (end, end > start && bytes[end - 1] == 0x0A ? 1 : 0, false)
        }
    }
}
