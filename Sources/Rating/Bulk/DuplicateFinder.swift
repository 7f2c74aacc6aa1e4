#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds repeated record ids among every record of a run with memory that does not grow with
/// the run: (id hash, location) pairs are spread over partitions by hash and spilled to files,
/// then each partition is sorted on its own. Equal hashes are only candidates; the caller
/// compares the real ids.
final class DuplicateFinder {
    private static let partitionBits = 8
    private static let bufferEntries = 4096
    private let directory: String
    private var buffers: [[UInt64]]
    private var descriptors: [Int32]
    private(set) var entries = 0

    /// Creates the partitions as files in `directory`, which must exist.
    init(directory: String) throws(RatingInputError) {
        self.directory = directory
        let count = 1 << Self.partitionBits
        buffers = Array(repeating: [], count: count)
        descriptors = []
        for index in 0..<count {
            let path = "\(directory)/ids-\(index)"
            let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
            guard descriptor >= 0 else {
                descriptors.forEach { close($0) }
                throw RatingInputError("\(path): cannot create a scratch file: \(String(cString: strerror(errno)))")
            }
            descriptors.append(descriptor)
            buffers[index].reserveCapacity(2 * Self.bufferEntries)
        }
    }

    deinit {
        descriptors.forEach { close($0) }
        for index in descriptors.indices { unlink("\(directory)/ids-\(index)") }
    }

    /// Adds one record's id hash and location.
    func add(hash: UInt64, location: UInt64) throws(RatingInputError) {
        let partition = Int(hash >> UInt64(64 - Self.partitionBits))
        buffers[partition].append(hash)
        buffers[partition].append(location)
        entries += 1
        if buffers[partition].count >= 2 * Self.bufferEntries { try flush(partition) }
    }

    private func flush(_ partition: Int) throws(RatingInputError) {
        let ok = buffers[partition].withUnsafeBytes { bytes in Self.writeAll(descriptors[partition], bytes) }
        guard ok else { throw RatingInputError("\(directory): cannot write a scratch file: \(String(cString: strerror(errno)))") }
        buffers[partition].removeAll(keepingCapacity: true)
    }

    /// The groups of locations whose ids hash alike, each in location order; partitions are
    /// sorted on every core. The partitions are empty afterwards.
    func candidates(workers: Int) throws(RatingInputError) -> [[UInt64]] {
        for partition in descriptors.indices { try flush(partition) }
        let descriptors = self.descriptors
        let groups = Parallel.map(descriptors.count, workers: workers) { partition -> [[UInt64]]? in
            let descriptor = descriptors[partition]
            let size = Int(lseek(descriptor, 0, SEEK_END))
            guard size > 0 else { return [] }
            var pairs = [UInt64](repeating: 0, count: size / 8)
            guard pairs.withUnsafeMutableBytes({ Self.readAll(descriptor, $0) }) else { return nil }
            var items = (0..<pairs.count / 2).map { (hash: pairs[2 * $0], location: pairs[2 * $0 + 1]) }
            pairs = []
            items.sort { ($0.hash, $0.location) < ($1.hash, $1.location) }
            var groups: [[UInt64]] = []
            var start = 0
            while start < items.count {
                var end = start + 1
                while end < items.count, items[end].hash == items[start].hash { end += 1 }
                if end - start > 1 { groups.append(items[start..<end].map(\.location)) }
                start = end
            }
            _ = ftruncate(descriptor, 0)
            return groups
        }
        var all: [[UInt64]] = []
        for partition in groups {
            guard let partition else {
                throw RatingInputError("\(directory): cannot read a scratch file: \(String(cString: strerror(errno)))")
            }
            all += partition
        }
        return all
    }

    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private static func readAll(_ descriptor: Int32, _ bytes: UnsafeMutableRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let read = pread(descriptor, bytes.baseAddress! + offset, bytes.count - offset, off_t(offset))
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { return false }
            offset += read
        }
        return true
    }
}
