import CPlatform

/// A fixed number of plain values in memory mapped on large pages where the system allows it
/// (`revenue_map_large`): for the tables the record passes read at random, millions of times
/// over many megabytes. On 4 KiB pages nearly every such read also misses the TLB, and on a
/// virtual machine each miss walks two page tables; on 2 MiB pages a few hundred entries cover
/// the tables.
final class LargeBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    /// The values; the buffer's own, for its lifetime.
    let values: UnsafeMutableBufferPointer<Element>
    private let mapped: Bool

    /// `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        let bytes = count * MemoryLayout<Element>.stride
        if count > 0, let start = revenue_map_large(bytes) {
            values = UnsafeMutableBufferPointer(start: start.bindMemory(to: Element.self, capacity: count), count: count)
            mapped = true
        } else {
            values = .allocate(capacity: count)
            mapped = false
        }
        values.initialize(repeating: value)
    }

    deinit {
        if mapped {
            revenue_unmap_large(values.baseAddress, values.count * MemoryLayout<Element>.stride)
        } else {
            values.deallocate()
        }
    }

    var count: Int { values.count }

    subscript(index: Int) -> Element {
        get { values[index] }
        set { values[index] = newValue }
    }
}
