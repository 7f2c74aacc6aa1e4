/// One share of a run's summaries while the first pass sums them. Summaries are split among
/// partitions by key hash, one partition per worker, so that workers sum in parallel, each into
/// tables of its own, and each partition still sees its records in input order.
final class SummaryPartition {
    /// A summary's running totals and its latest record so far (the one that takes the remainder).
    struct Sum {
        var quantity: Int128
        var records: Int
        var lastTimestamp: Int64
        var lastLocation: UInt64
    }

    let number: Int
    let count: Int
    private(set) var keys = KeyTable(capacity: 1 << 14)
    private(set) var sums: [Sum] = []

    init(number: Int, of count: Int) {
        self.number = number
        self.count = count
    }

    /// Adds the records of one chunk whose keys fall in this partition and returns their packed
    /// summaries (``SummaryIndex/pack(partition:local:)``), in record order. `isLater` breaks
    /// timestamp ties by record id.
    func add(keys recordKeys: [UInt64], timestamps: [Int64], records: [CheckedRecord],
             isLater: (_ a: (Int64, UInt64), _ b: (Int64, UInt64)) -> Bool) -> [UInt32]
    {
        var packed: [UInt32] = []
        packed.reserveCapacity(recordKeys.count / count + 64)
        for position in recordKeys.indices {
            let key = recordKeys[position]
            guard SummaryIndex.partition(of: key, count: count) == number else { continue }
            let record = records[position]
            let timestamp = timestamps[position]
            let local = keys.insert(key)
            if local == sums.count {
                sums.append(Sum(quantity: record.quantity, records: 1, lastTimestamp: timestamp,
                                lastLocation: record.location))
            } else {
                sums[local].quantity += record.quantity
                sums[local].records += 1
                let latest = sums[local].lastTimestamp
                if timestamp > latest
                    || timestamp == latest && isLater((timestamp, record.location), (latest, sums[local].lastLocation))
                {
                    sums[local].lastTimestamp = timestamp
                    sums[local].lastLocation = record.location
                }
            }
            packed.append(SummaryIndex.pack(partition: number, local: local))
        }
        return packed
    }
}

/// The run's summaries by key and by the packed number the checked records carry: partition by
/// partition, each partition's summaries in the order they first appeared.
struct SummaryIndex {
    /// Summaries a partition holds at most: its share of a packed 32-bit number.
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
    static func partition(of key: UInt64, count: Int) -> Int {
        // The high bits of the mix; a key table picks slots with its low bits.
        Int(truncatingIfNeeded: UInt64(bitPattern: Int64(KeyTable.mix(key))) >> 40) % count
    }

    @inline(__always)
    static func pack(partition: Int, local: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: partition << 24 | local)
    }

    /// The run's index of a summary by key, or `nil`.
    func index(of key: UInt64) -> Int? {
        let partition = Self.partition(of: key, count: tables.count)
        return tables[partition].index(of: key).map { offsets[partition] + $0 }
    }

    /// The run's index of a packed summary number.
    @inline(__always)
    func index(packed: UInt32) -> Int {
        offsets[Int(packed >> 24)] + Int(packed & 0xFF_FFFF)
    }
}
