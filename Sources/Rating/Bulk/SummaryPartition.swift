/// One of the 256 shares of a run's summaries, split by key hash, while the first pass sums them.
///
/// Summing record by record into one table of every summary misses the cache on almost every
/// record once summaries number in the hundreds of thousands. Each chunk's records are therefore
/// sorted by partition first (``PartitionedRecords``), and each partition then sums its records of
/// every chunk, in input order, in tables small enough to stay in cache. Partitions run on every
/// core; the numbering does not depend on how many.
final class SummaryPartition {
    /// A summary's running totals and its latest record so far (the one that takes the remainder).
    struct Sum {
        var quantity: Int128
        var records: Int
        var lastTimestamp: Int64
        var lastLocation: UInt64
    }

    let number: Int
    private(set) var keys = KeyTable(capacity: 256)
    private(set) var sums: [Sum] = []

    init(number: Int) { self.number = number }

    /// Adds records of this partition, in input order, and writes their packed summary numbers
    /// (``SummaryIndex/index(packed:)``) to `packed`. `isLater` breaks timestamp ties by record id.
    func add(_ records: UnsafeBufferPointer<PartitionedRecords.Entry>, packed: UnsafeMutableBufferPointer<UInt32>,
             isLater: (_ a: (Int64, UInt64), _ b: (Int64, UInt64)) -> Bool)
    {
        // The tables go in as inout parameters: one exclusive access each for the whole chunk,
        // rather than one per record.
        Self.add(records, packed: packed, partition: number, keys: &keys, sums: &sums, isLater: isLater)
    }

    private static func add(_ records: UnsafeBufferPointer<PartitionedRecords.Entry>,
                            packed: UnsafeMutableBufferPointer<UInt32>, partition: Int, keys: inout KeyTable,
                            sums: inout [Sum], isLater: (_ a: (Int64, UInt64), _ b: (Int64, UInt64)) -> Bool)
    {
        // Two loops: the first finds every record's summary, the second adds the records up. Each
        // does little per record and its records do not wait for one another, so the processor
        // has many of the tables' cache misses outstanding at once; one loop doing both waited
        // for each in turn.
        for position in records.indices {
            let local = keys.insert(records[position].key)
            if local == sums.count { sums.append(Sum(quantity: 0, records: 0, lastTimestamp: 0, lastLocation: 0)) }
            packed[position] = SummaryIndex.pack(partition: partition, local: local)
        }
        sums.withUnsafeMutableBufferPointer { sums in
            for position in records.indices {
                let record = records[position]
                let local = SummaryIndex.local(packed[position])
                sums[local].quantity += record.quantity
                sums[local].records += 1
                let latest = sums[local].lastTimestamp
                if sums[local].records == 1 || record.timestamp > latest
                    || record.timestamp == latest
                    && isLater((record.timestamp, record.location), (latest, sums[local].lastLocation))
                {
                    sums[local].lastTimestamp = record.timestamp
                    sums[local].lastLocation = record.location
                }
            }
        }
    }
}

/// A chunk's valid records sorted by summary partition (a counting sort), each partition's in
/// input order: what the partitions sum.
struct PartitionedRecords {
    /// What summing needs of a record.
    struct Entry {
        var key: UInt64
        var timestamp: Int64
        var location: UInt64
        var quantityLow: UInt64
        var quantityHigh: Int64

        var quantity: Int128 { Int128(quantityHigh) << 64 | Int128(quantityLow) }
    }

    /// Partition `p`'s records are `entries[offsets[p]..<offsets[p + 1]]`.
    let offsets: [Int]
    let entries: [Entry]
    /// Each record's partition, in input order.
    let partitions: [UInt8]

    /// Sorts the records, in arrays taken from `pools` (see ``recycle(into:)``).
    init(keys: [UInt64], timestamps: [Int64], records: [CheckedRecord], pools: FirstPassPools) {
        var counts = [Int](repeating: 0, count: SummaryIndex.partitions + 1)
        var partitions = pools.partitions.take(reserving: keys.count)
        for key in keys { partitions.append(UInt8(truncatingIfNeeded: SummaryIndex.partition(of: key))) }
        for partition in partitions { counts[Int(partition) + 1] += 1 }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        offsets = counts
        var next = counts
        var entries = pools.entries.take(count: keys.count, filler: Entry(key: 0, timestamp: 0, location: 0, quantityLow: 0,
                                                                         quantityHigh: 0))
        entries.withUnsafeMutableBufferPointer { buffer in
            for position in keys.indices {
                let partition = Int(partitions[position])
                let record = records[position]
                buffer[next[partition]] = Entry(key: keys[position], timestamp: timestamps[position],
                                                location: record.location, quantityLow: record.quantityLow,
                                                quantityHigh: record.quantityHigh)
                next[partition] += 1
            }
        }
        self.entries = entries
        self.partitions = partitions
    }

    /// Gives the arrays back to the pools they came from.
    consuming func recycle(into pools: FirstPassPools) {
        pools.entries.recycle(entries)
        pools.partitions.recycle(partitions)
    }

    init() {
        offsets = Array(repeating: 0, count: SummaryIndex.partitions + 1)
        entries = []
        partitions = []
    }
}

/// The run's summaries by key and by the packed number the checked records carry: partition by
/// partition, each partition's summaries in the order they first appeared.
struct SummaryIndex {
    /// The number of partitions: the high 8 bits of a packed number.
    static let partitions = 256
    /// Summaries a partition holds at most: the low 24 bits of a packed number.
    static let localLimit = 1 << 24

    private let tables: [KeyTable]
    /// Where each partition's summaries start in the run's order.
    private let offsets: [Int]

    init(_ partitions: [SummaryPartition]) {
        tables = partitions.map(\.keys)
        var offsets: [Int] = []
        var total = 0
        for partition in partitions {
            offsets.append(total)
            total += partition.keys.count
        }
        self.offsets = offsets
    }

    init() {
        tables = []
        offsets = []
    }

    @inline(__always)
    static func partition(of key: UInt64) -> Int {
        // The high bits of the mix; a key table picks slots with its low bits.
        Int(truncatingIfNeeded: UInt64(bitPattern: Int64(KeyTable.mix(key))) >> 56)
    }

    @inline(__always)
    static func pack(partition: Int, local: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: partition << 24 | local)
    }

    /// The run's index of a summary by key, or `nil`.
    func index(of key: UInt64) -> Int? {
        let partition = Self.partition(of: key)
        return tables[partition].index(of: key).map { offsets[partition] + $0 }
    }

    /// The number of a summary within its partition, from its packed number.
    @inline(__always)
    static func local(_ packed: UInt32) -> Int { Int(packed & 0xFF_FFFF) }

    /// The run's index of a packed summary number.
    @inline(__always)
    func index(packed: UInt32) -> Int {
        offsets[Int(packed >> 24)] + Self.local(packed)
    }
}
