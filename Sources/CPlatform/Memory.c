#define _GNU_SOURCE
#include "CPlatform.h"

#include <stdint.h>
#include <sys/mman.h>

/// The size of a large page on x86-64 and most arm64 Linux systems.
static const size_t largePage = (size_t)2 << 20;

static size_t rounded(size_t size) {
    return (size + largePage - 1) / largePage * largePage;
}

void *revenue_map_large(size_t size) {
    if (size == 0) size = 1;
    size_t length = rounded(size);
    // One large page more than needed, so that a start on a large page boundary lies within.
    uint8_t *raw = mmap(NULL, length + largePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return NULL;
    uintptr_t start = ((uintptr_t)raw + largePage - 1) & ~(uintptr_t)(largePage - 1);
    uintptr_t end = start + length;
    if (start > (uintptr_t)raw) munmap(raw, start - (uintptr_t)raw);
    if ((uintptr_t)raw + length + largePage > end) munmap((void *)end, (uintptr_t)raw + length + largePage - end);
#if defined(MADV_HUGEPAGE)
    madvise((void *)start, length, MADV_HUGEPAGE);
#endif
    return (void *)start;
}

void revenue_unmap_large(void *start, size_t size) {
    if (start != NULL) munmap(start, rounded(size == 0 ? 1 : size));
}
