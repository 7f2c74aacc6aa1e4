#ifndef REVENUE_CPLATFORM_H
#define REVENUE_CPLATFORM_H

/// Sets glibc's trim and mmap thresholds (see HeapPolicy in the Pricing module); does nothing
/// where the allocator is not glibc.
void revenue_heap_keep_freed_memory(int trimThreshold, int mmapThreshold);

/// Returns the heap's free memory to the kernel, from every arena (glibc's malloc_trim); does
/// nothing where the allocator is not glibc.
void revenue_heap_release_free_memory(void);

/// The open(2) flag for writes that bypass the page cache (Linux's O_DIRECT), or 0 where there
/// is none. The Swift Glibc module does not export it.
int revenue_open_direct_flag(void);

#include <stddef.h>

/// Maps `size` bytes of zeroed memory that starts on a 2 MiB boundary and, on Linux, asks for it
/// to be backed by transparent huge pages where the system allows them (`madvise` mode); NULL
/// when the memory cannot be mapped. Tables read at random over many megabytes then miss the TLB
/// far less. Release it with `revenue_unmap_large` and the same size.
void *revenue_map_large(size_t size);

/// Unmaps memory from `revenue_map_large`.
void revenue_unmap_large(void *start, size_t size);

/// Asks the processor to bring the cache line at `address` in for reading, ahead of a load whose
/// address is known early; a hint only.
static inline void revenue_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Asks the processor to bring the cache line at `address` in for writing, ahead of an update
/// whose address is known early; a hint only.
static inline void revenue_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
