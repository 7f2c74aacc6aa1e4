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
    private let directory: String
    private var files: [DirectFile] = []
    private(set) var entries = 0

    /// Creates the partitions as files in `directory`, which must exist.
    init(directory: String) throws(RatingInputError) {
        self.directory = directory
        for index in 0..<1 << Self.partitionBits {
            files.append(try DirectFile(path: "\(directory)/ids-\(index)", capacity: 64 << 10, readable: true,
                                        purpose: "a scratch file"))
        }
    }

    deinit {
        for file in files { unlink(file.path) }
    }

    /// Adds (id hash, location) pairs, `pairs[2i]` and `pairs[2i + 1]`.
    func add(pairs: [UInt64]) throws(RatingInputError) {
        // Sorted by partition first (a counting sort), so that each partition takes one copy.
        let count = pairs.count / 2
        var offsets = [Int](repeating: 0, count: files.count + 1)
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
            for partition in files.indices where offsets[partition + 1] > offsets[partition] {
                let range = offsets[partition] * 16..<offsets[partition + 1] * 16
                do throws(RatingInputError) {
                    try files[partition].append(UnsafeRawBufferPointer(rebasing: bytes[range]))
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        entries += count
    }

    @inline(__always)
    private static func partition(_ hash: UInt64) -> Int { Int(hash >> UInt64(64 - partitionBits)) }

    /// The groups of locations whose ids hash alike, each in location order; partitions are
    /// sorted on every core. The partitions are empty afterwards.
    func candidates(workers: Int) throws(RatingInputError) -> [[UInt64]] {
        for file in files { try file.finish(truncate: false) }
        let files = self.files
        let groups = Parallel.map(files.count, workers: workers) { partition -> [[UInt64]]? in
            let file = files[partition]
            defer { file.clear() }
            guard file.size > 0 else { return [] }
            var pairs = [UInt64](repeating: 0, count: file.size / 8)
            guard pairs.withUnsafeMutableBytes({ file.read(at: 0, into: $0) }) else { return nil }
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
}
