#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Storage

/// Lines of a CSV file the rater wrote, one record per line (the rater writes no line breaks
/// inside fields: ids have no control characters, and reasons are made printable), split into
/// fields with RFC 4180 quoting.
final class CSVLines {
    private let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    /// The number of the line `next()` returned last.
    private(set) var line = 0

    init(path: String) throws(StoreError) {
        guard let file = fopen(path, "r") else {
            throw StoreError(.failed, "\(path): cannot read the rater's output: \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.file = file
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The fields of the next line; `nil` at the end of the file.
    func next() -> [String]? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else { return nil }
        line += 1
        let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
        return Self.fields(bytes.last == 0x0A ? UnsafeRawBufferPointer(rebasing: bytes.dropLast()) : bytes)
    }

    /// The fields of one CSV line: commas separate, and a quoted field writes a quote as `""`.
    static func fields(_ line: UnsafeRawBufferPointer) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        while index < line.count {
            let byte = line[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < line.count, line[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == 0x22 {
                quoted = true
            } else if byte == 0x2C {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(byte)
            }
            index += 1
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}

/// The results of a bulk rating run read back from its output files, rated records first, then
/// rejected ones, for a store to save (``RatedUsageSource``). The store reads it from one task at
/// a time, inside its transaction.
final class RatedOutputReader: RatedUsageSource, @unchecked Sendable {
    private let rated: CSVLines
    private let ratedPath: String
    private let rejects: CSVLines
    private let rejectsPath: String
    private let period: String

    init(rated ratedPath: String, rejects rejectsPath: String, period: String) throws(StoreError) {
        rated = try CSVLines(path: ratedPath)
        rejects = try CSVLines(path: rejectsPath)
        self.ratedPath = ratedPath
        self.rejectsPath = rejectsPath
        self.period = period
        // Past the headers.
        _ = rated.next()
        _ = rejects.next()
    }

    func next(_ limit: Int) throws(StoreError) -> [RatedUsageRecord] {
        var batch: [RatedUsageRecord] = []
        batch.reserveCapacity(limit)
        while batch.count < limit, let fields = rated.next() {
            // recordId,amount,currency,rate,tiers
            guard fields.count == 5, !fields[0].isEmpty else { throw unexpected(ratedPath, rated.line) }
            batch.append(RatedUsageRecord(recordId: fields[0], period: period,
                                          outcome: .rated(amount: fields[1], currency: fields[2], rate: fields[3],
                                                          tiers: fields[4])))
        }
        while batch.count < limit, let fields = rejects.next() {
            // file,line,recordId,field,code,reason
            guard fields.count == 6, !fields[2].isEmpty else { throw unexpected(rejectsPath, rejects.line) }
            batch.append(RatedUsageRecord(recordId: fields[2], period: period,
                                          outcome: .rejected(field: fields[3], code: fields[4], reason: fields[5])))
        }
        return batch
    }

    private func unexpected(_ path: String, _ line: Int) -> StoreError {
        StoreError(.failed, "\(path):\(line): not a line the rater writes")
    }
}
