#ifndef REVENUE_CHEAP_H
#define REVENUE_CHEAP_H

/// Sets glibc's trim and mmap thresholds (see HeapPolicy in the Pricing module); does nothing
/// where the allocator is not glibc.
void revenue_heap_keep_freed_memory(int trimThreshold, int mmapThreshold);

#endif
