// The process's heap, as libtorch's CPU allocator uses it (posix_memalign, i.e. glibc's malloc).
//
// glibc hands blocks above its mmap threshold back to the kernel on free and trims the heap's top beyond its trim
// threshold. A training step frees and reallocates the same activations every step, so with those defaults every
// step maps them again and the kernel zero-fills each page on first touch: on an iCaRL cell of fmnist-quick that
// was 1.5 to 2.2 million minor page faults and up to a quarter of the process's CPU time in the kernel (README,
// Performance). Fixed thresholds keep the pages in the process (the same cell: 0.12 million faults, identical
// results). Allocation never changes a number.
#include "common.h"

#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// Returns whether the thresholds were set: not when CILBENCH_MALLOC=glibc asks for glibc's defaults, nor when
// GLIBC_TUNABLES already tunes malloc (the user's settings win), nor outside glibc.
CB_EXPORT bool cb_keep_freed_memory() {
#if defined(__GLIBC__)
  const char* choice = std::getenv("CILBENCH_MALLOC");
  if (choice && std::strcmp(choice, "glibc") == 0) return false;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.")) return false;
  // 32 MiB is glibc's largest mmap threshold on 64-bit: blocks up to it come from the heap, which is trimmed only
  // when 256 MiB at its top are free.
  return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1;
#else
  return false;
#endif
}
