#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What the first pass learned about a valid record, so that the later passes need not parse it
/// again: its place, its quantity, its summary and where its id lies. 32 bytes.
struct CheckedRecord {
    /// Where the record starts (``RecordLocation``).
    var location: UInt64
    var quantityLow: UInt64
    var quantityHigh: Int64
    /// Its summary, packed (``SummaryIndex/index(packed:)``); set once the first pass has summed
    /// the record's chunk.
    var summary: UInt32 = 0
    /// The id's bytes, from the record's start; ``idUnknown`` when the id is escaped or too far or
    /// too long to say in 16 bits, and the record must be scanned again to find it.
    var idStart: UInt16
    var idLength: UInt16

    static let idUnknown = UInt16.max

    init(_ record: DecodedRecord, location: UInt64, offset: Int, id: FieldSpan) {
        self.location = location
        quantityLow = UInt64(truncatingIfNeeded: record.quantity)
        quantityHigh = Int64(truncatingIfNeeded: record.quantity >> 64)
        let start = id.start - offset
        if id.escaped || start < 0 || start >= Int(Self.idUnknown) || id.end - id.start >= Int(Self.idUnknown) {
            idStart = Self.idUnknown
            idLength = Self.idUnknown
        } else {
            idStart = UInt16(start)
            idLength = UInt16(id.end - id.start)
        }
    }

    var quantity: Int128 { Int128(quantityHigh) << 64 | Int128(quantityLow) }

    /// Whether the id's bytes are known without scanning the record again.
    var idKnown: Bool { idLength != Self.idUnknown }
}

/// Checked records of a run, in input order, in a scratch file: written once by the first pass,
/// read by range by the later ones, so that memory does not grow with the input.
final class RecordStream: @unchecked Sendable {
    private let file: DirectFile
    /// Read buffers, reused by whichever thread reads next.
    private let buffers = Mutex<[AlignedBuffer]>([])
    /// How many records it holds.
    private(set) var count = 0

    init(directory: String) throws(RatingInputError) {
        file = try DirectFile(path: "\(directory)/records", capacity: 4 << 20, readable: true, purpose: "a scratch file")
    }

    deinit {
        unlink(file.path)
    }

    /// Appends records at the end.
    func append(_ records: [CheckedRecord]) throws(RatingInputError) {
        var failure: RatingInputError?
        records.withUnsafeBytes { bytes in
            do throws(RatingInputError) { try file.append(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
        count += records.count
    }

    /// Writes the last records; call once, after the last append and before the first read.
    func finish() throws(RatingInputError) {
        try file.finish(truncate: false)
    }

    /// Frees the read buffers kept for reuse: a pass with fewer readers than the last would
    /// otherwise keep the others' buffers to the end of the run.
    func releaseReadBuffers() {
        buffers.withLock { $0.removeAll() }
    }

    /// Passes records `range` to `body`; safe to call from several threads at once.
    func withRecords<T>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<CheckedRecord>) -> T) -> T {
        let stride = MemoryLayout<CheckedRecord>.stride
        let buffer = buffers.withLock { $0.popLast() } ?? AlignedBuffer()
        defer { buffers.withLock { $0.append(buffer) } }
        // The file was written by this run; a short read means the disk failed under it.
        guard let bytes = file.read(at: range.lowerBound * stride, count: range.count * stride, using: buffer) else {
            preconditionFailure("\(file.path): scratch file shorter than written")
        }
        return body(bytes.bindMemory(to: CheckedRecord.self))
    }
}
