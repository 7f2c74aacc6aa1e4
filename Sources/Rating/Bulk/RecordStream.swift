#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    private let path: String
    private let descriptor: Int32
    /// How many records it holds.
    private(set) var count = 0

    init(directory: String) throws(RatingInputError) {
        path = "\(directory)/records"
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw RatingInputError("\(path): cannot create a scratch file: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Appends records at the end.
    func append(_ records: [CheckedRecord]) throws(RatingInputError) {
        let ok = records.withUnsafeBytes { DuplicateFinder.writeAll(descriptor, $0) }
        guard ok else { throw RatingInputError("\(path): cannot write a scratch file: \(String(cString: strerror(errno)))") }
        count += records.count
    }

    /// Records `start..<start + count`; safe to call from several threads at once.
    func read(_ start: Int, _ count: Int) -> [CheckedRecord] {
        guard count > 0 else { return [] }
        let stride = MemoryLayout<CheckedRecord>.stride
        return [CheckedRecord](unsafeUninitializedCapacity: count) { buffer, initialized in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            var offset = 0
            while offset < count * stride {
                let read = pread(descriptor, bytes.baseAddress! + offset, count * stride - offset,
                                 off_t(start * stride + offset))
                if read < 0, errno == EINTR { continue }
                // The file was written by this run; a short read means the disk failed under it.
                precondition(read > 0, "\(path): scratch file shorter than written")
                offset += read
            }
            initialized = count
        }
    }
}
