import Synchronization

/// Arrays of one element type whose storage is used again instead of freed.
///
/// The first pass makes the same large arrays for every chunk it reads, tens of megabytes each.
/// Freed, they go back to the kernel, and the next chunk's arrays come back as fresh pages that
/// fault one by one and are cleared first: a tenth of the pass's time. A pool keeps at most as
/// many arrays as were in use at once, and frees them when it goes.
final class ArrayPool<Element: BitwiseCopyable & Sendable>: Sendable {
    private let free = Mutex<[[Element]]>([])

    /// An empty array with room for at least `capacity` elements.
    func take(reserving capacity: Int) -> [Element] {
        var array = free.withLock { $0.popLast() } ?? []
        array.removeAll(keepingCapacity: true)
        array.reserveCapacity(capacity)
        return array
    }

    /// An array of exactly `count` elements whose values are left over from earlier use, or
    /// `filler` where there were none: for an array whose every element is written before it is
    /// read.
    func take(count: Int, filler: Element) -> [Element] {
        var array = free.withLock { $0.popLast() } ?? []
        if array.count > count {
            array.removeLast(array.count - count)
        } else if array.count < count {
            array.reserveCapacity(count)
            array.append(contentsOf: repeatElement(filler, count: count - array.count))
        }
        return array
    }

    /// Takes back an array for later use. Its storage is used again if no one else holds the array
    /// by the time it is taken; otherwise taking it makes fresh storage, as without a pool.
    func recycle(_ array: consuming [Element]) {
        let array = array
        free.withLock { $0.append(array) }
    }
}

/// The first pass's per-chunk arrays, used again from chunk to chunk.
struct FirstPassPools: Sendable {
    let keys = ArrayPool<UInt64>()
    let timestamps = ArrayPool<Int64>()
    let ids = ArrayPool<UInt64>()
    let checked = ArrayPool<CheckedRecord>()
    let entries = ArrayPool<PartitionedRecords.Entry>()
    let partitions = ArrayPool<UInt8>()
}
