#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds repeated record ids among every record of a run with memory that does not grow with
/// the run: (id hash, location) pairs are spread over partitions by hash and spilled to a file,
/// then each partition is searched on its own. Equal hashes are only candidates; the caller
/// compares the real ids.
///
/// The partitions share one scratch file: each fills a buffer of its own, and a full buffer is
/// appended to the file as a block the partition remembers. Creating a file per partition cost
/// more than the pairs themselves on a file system that had recently deleted many files.
final class DuplicateFinder {
    private static let partitionBits = 8
    private static let bufferSize = 64 << 10
    private let directory: String
    private var file: DirectFile?
    /// Per partition, the pairs not yet written.
    private var buffers: [[UInt8]]
    /// Per partition, where its blocks lie in the file: (offset, length).
    private var blocks: [[(offset: Int, count: Int)]]
    private(set) var entries = 0

    /// Creates the scratch file in `directory`, which must exist.
    init(directory: String) throws(RatingInputError) {
        self.directory = directory
        file = try DirectFile(path: "\(directory)/ids", capacity: 1 << 20, readable: true, purpose: "a scratch file")
        buffers = Array(repeating: [], count: 1 << Self.partitionBits)
        blocks = Array(repeating: [], count: 1 << Self.partitionBits)
    }

    deinit {
        if let file { unlink(file.path) }
    }

    /// Adds (id hash, location) pairs, `pairs[2i]` and `pairs[2i + 1]`.
    func add(pairs: [UInt64]) throws(RatingInputError) {
        guard let file else { throw RatingInputError("\(directory): ids were added after the search") }
        // Sorted by partition first (a counting sort), so that each partition takes one copy.
        let count = pairs.count / 2
        var offsets = [Int](repeating: 0, count: buffers.count + 1)
        for pair in 0..<count { offsets[Self.partition(pairs[2 * pair]) + 1] += 1 }
        for index in 1..<offsets.count { offsets[index] += offsets[index - 1] }
        var next = offsets
        let sorted = [UInt64](unsafeUninitializedCapacity: pairs.count) { buffer, initialized in
            for pair in 0..<count {
                let partition = Self.partition(pairs[2 * pair])
                buffer[2 * next[partition]] = pairs[2 * pair]
                buffer[2 * next[partition] + 1] = pairs[2 * pair + 1]
                next[partition] += 1
            }
            initialized = pairs.count
        }
        var failure: RatingInputError?
        sorted.withUnsafeBytes { bytes in
            for partition in buffers.indices where offsets[partition + 1] > offsets[partition] {
                var start = offsets[partition] * 16
                let end = offsets[partition + 1] * 16
                if buffers[partition].isEmpty { buffers[partition].reserveCapacity(Self.bufferSize) }
                while start < end {
                    let piece = min(end - start, Self.bufferSize - buffers[partition].count)
                    buffers[partition].append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<start + piece]))
                    start += piece
                    if buffers[partition].count == Self.bufferSize {
                        do throws(RatingInputError) { try spill(partition, to: file) } catch {
                            failure = error
                            return
                        }
                    }
                }
            }
        }
        if let failure { throw failure }
        entries += count
    }

    /// Appends a partition's buffered pairs to the file as one of its blocks.
    private func spill(_ partition: Int, to file: DirectFile) throws(RatingInputError) {
        blocks[partition].append((file.size, buffers[partition].count))
        try file.append(buffers[partition])
        buffers[partition].removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private static func partition(_ hash: UInt64) -> Int { Int(hash >> UInt64(64 - partitionBits)) }

    /// The groups of locations whose ids hash alike, each in location order; partitions are
    /// searched on every core. The scratch file is gone afterwards.
    func candidates(workers: Int) throws(RatingInputError) -> [[UInt64]] {
        guard let file else { return [] }
        for partition in buffers.indices where !buffers[partition].isEmpty { try spill(partition, to: file) }
        buffers = []
        try file.finish(truncate: false)
        let blocks = self.blocks
        let groups = Parallel.map(blocks.count, workers: workers) { partition -> [[UInt64]]? in
            let total = blocks[partition].reduce(0) { $0 + $1.count }
            guard total > 0 else { return [] }
            var pairs = [UInt64](repeating: 0, count: total / 8)
            let complete = pairs.withUnsafeMutableBytes { bytes in
                var filled = 0
                for block in blocks[partition] {
                    guard file.read(at: block.offset, into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled..<filled + block.count]))
                    else { return false }
                    filled += block.count
                }
                return true
            }
            return complete ? Self.groups(pairs) : nil
        }
        unlink(file.path)
        self.file = nil
        var all: [[UInt64]] = []
        for partition in groups {
            guard let partition else {
                throw RatingInputError("\(directory): cannot read a scratch file: \(String(cString: strerror(errno)))")
            }
            all += partition
        }
        return all
    }

    /// The locations of the hashes that occur more than once among (hash, location) pairs,
    /// grouped by hash, each group in location order. A table of the hashes seen finds them in
    /// one pass; only the repeated ones are sorted.
    static func groups(_ pairs: [UInt64]) -> [[UInt64]] {
        let count = pairs.count / 2
        var size = 64
        while size < count * 2 { size *= 2 }
        let mask = size - 1
        // 0 marks an empty slot, so a hash of 0 is looked up as 1: at worst a false candidate,
        // which the caller's comparison of the real ids rules out.
        var seen = [UInt64](repeating: 0, count: size)
        var repeated = [Bool](repeating: false, count: size)
        var anyRepeated = false
        @inline(__always) func slot(of hash: UInt64) -> Int {
            var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while seen[slot] != 0, seen[slot] != hash { slot = (slot + 1) & mask }
            return slot
        }
        for pair in 0..<count {
            let hash = max(pairs[2 * pair], 1)
            let place = slot(of: hash)
            if seen[place] == hash {
                repeated[place] = true
                anyRepeated = true
            } else {
                seen[place] = hash
            }
        }
        guard anyRepeated else { return [] }
        var items: [(hash: UInt64, location: UInt64)] = []
        for pair in 0..<count {
            let hash = max(pairs[2 * pair], 1)
            if repeated[slot(of: hash)] { items.append((hash, pairs[2 * pair + 1])) }
        }
        items.sort { ($0.hash, $0.location) < ($1.hash, $1.location) }
        var groups: [[UInt64]] = []
        var start = 0
        while start < items.count {
            var end = start + 1
            while end < items.count, items[end].hash == items[start].hash { end += 1 }
            groups.append(items[start..<end].map(\.location))
            start = end
        }
        return groups
    }
}
