#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/// Fixes glibc's mmap threshold at `bytes`: a block that large or larger is mapped on its own
/// and given back to the system when freed. glibc starts at 128 KiB but raises the threshold
/// to the size of each mapped block freed (up to 32 MiB), after which such blocks come from
/// the heap, and the holes they leave stay resident. Returns 0 where it is not glibc.
static inline int h20q_malloc_fix_mmap_threshold(int bytes) {
#if defined(M_MMAP_THRESHOLD)
    return mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}
