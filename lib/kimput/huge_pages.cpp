#include "kimput/huge_pages.h"

#include <atomic>
#include <cstdint>
#include <cstdlib>  // first: it tells __GLIBC__

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace kimput::huge_pages {

#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && UINTPTR_MAX > 0xFFFFFFFFu

namespace {

std::atomic<bool> advising{false};
uintptr_t main_heap_low = 0;  // an address of the main heap (the brk one) near its start

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
// glibc gives a thread's arena a heap inside one reservation of HEAP_MAX_SIZE bytes (64 MiB on
// 64-bit), aligned to that size, which it makes writable as the heap grows: advising the
// whole reservation covers the heap as it is and as it will be.
constexpr uintptr_t kArenaHeap = uintptr_t{64} << 20;
// MADV_COLLAPSE (Linux 6.1; not in Debian 12's headers): the first block of a thread's heap,
// whose first page glibc wrote before the advice, would stay in 4 KiB pages without it. An
// older kernel refuses it, and those pages stay small. (The main heap's first block is not
// aligned to a huge page, and stays small.)
constexpr int kMadvCollapse = 25;

void advise(uintptr_t begin, uintptr_t end) {
  begin &= ~uintptr_t{4095};
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace

void enable(unsigned long grow_main_heap) {
  // Large blocks come from the heaps, which are advised, not from mappings of their own;
  // and the main heap keeps what it grew (trimmed, its advice would go with it).
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 128 << 20);
  if (grow_main_heap) ::mallopt(M_TOP_PAD, static_cast<int>(grow_main_heap));
  // A block larger than the heap's free top makes glibc grow the heap, by the pad too.
  void* probe = std::malloc(::mallinfo2().keepcost + 4096);
  if (!probe) return;
  main_heap_low = reinterpret_cast<uintptr_t>(probe);
  advise(main_heap_low, reinterpret_cast<uintptr_t>(::sbrk(0)));
  std::free(probe);
  advising.store(true, std::memory_order_release);
}

bool enabled() { return advising.load(std::memory_order_acquire); }

void prepare_thread() {
  if (!enabled()) return;
  thread_local bool prepared = false;
  if (prepared) return;
  prepared = true;
  void* probe = std::malloc(1);  // gives the thread its heap, if it has none yet
  const auto at = reinterpret_cast<uintptr_t>(probe);
  const auto brk = reinterpret_cast<uintptr_t>(::sbrk(0));
  if (probe && !(at >= main_heap_low && at < brk)) {
    const uintptr_t reservation = at & ~(kArenaHeap - 1);
    advise(reservation, reservation + kArenaHeap);
    ::madvise(reinterpret_cast<void*>(reservation), kHugePage, kMadvCollapse);
  }
  std::free(probe);
}

#else

void enable(unsigned long) {}
bool enabled() { return false; }
void prepare_thread() {}

#endif

}  // namespace kimput::huge_pages
