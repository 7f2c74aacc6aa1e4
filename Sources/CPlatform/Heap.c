#include "CPlatform.h"

#include <stdlib.h> // defines __GLIBC__ where the C library is glibc

#if defined(__GLIBC__)
#include <malloc.h>

void revenue_heap_keep_freed_memory(int trimThreshold, int mmapThreshold) {
    mallopt(M_TRIM_THRESHOLD, trimThreshold);
    mallopt(M_MMAP_THRESHOLD, mmapThreshold);
}

void revenue_heap_release_free_memory(void) {
    malloc_trim(0);
}
#else
void revenue_heap_release_free_memory(void) {}

void revenue_heap_keep_freed_memory(int trimThreshold, int mmapThreshold) {
    (void)trimThreshold;
    (void)mmapThreshold;
}
#endif
