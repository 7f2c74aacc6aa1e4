import CPlatform

/// How a process's allocator treats the memory that large quotes free.
///
/// A 100,000-line quote allocates about 110 MB of results and frees it when the caller drops them.
/// By default glibc hands freed memory at the top of the heap back to the kernel, so the next large
/// quote faults every page in again and the kernel zeroes it: on a 2-core machine that is a fifth
/// of the quote's time. Processes that price large quotes repeatedly (the pricing benchmarks, a
/// long-running server) call ``keepFreedMemory()`` once at start; a library caller decides for its
/// own process. `revenue serve` does; the other `revenue` commands do not: each run prices one
/// quote set, and bulk rating must give memory back to stay small. See docs/PERFORMANCE.md.
public enum HeapPolicy {
    /// Keeps up to `bytes` of freed heap for reuse instead of returning it to the kernel, and
    /// serves allocations below 32 MB from the heap. No effect where the allocator is not glibc.
    public static func keepFreedMemory(upTo bytes: Int32 = 512 << 20) {
        revenue_heap_keep_freed_memory(bytes, 32 << 20)
    }
}
