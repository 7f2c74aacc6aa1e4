#include "CPlatform.h"

#include <stdlib.h> // defines __GLIBC__ where the C library is glibc

#if defined(__GLIBC__)
#include <malloc.h>

void revenue_heap_keep_freed_memory(int trimThreshold, int mmapThreshold) {
    mallopt(M_TRIM_THRESHOLD, trimThreshold);
    mallopt(M_MMAP_THRESHOLD, mmapThreshold);
}
#else
void revenue_heap_keep_freed_memory(int trimThreshold, int mmapThreshold) {
    (void)trimThreshold;
    (void)mmapThreshold;
}
#endif
