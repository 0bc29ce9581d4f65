// Start-up memory: a larger heap step, and transparent huge pages for the heaps.
//
// Why: kimput's start-up builds about 20 MB of read-only resources (the lexicon's entries,
// the date rules' compiled forms) on threads of their own. glibc's malloc grows its heaps a
// little at a time, and the kernel backs them with 4 KiB pages, one page fault each: about
// 4,200 faults for one article, a third of its time on a 2-core VM, where a fault is dear.
// With the heaps grown 16 MB at a time and advised for transparent huge pages (huge_pages.h),
// the same run takes 500-700. These are what glibc's tunables glibc.malloc.top_pad and
// glibc.malloc.hugetlb=1 do; glibc reads those only from the environment as a process
// starts, and kimput used to re-execute itself to set them, a second process start of
// ~2.3 ms. The same is now done in the process: mallopt() for the step, madvise() for the
// pages.
//
// Not done when: the user's GLIBC_TUNABLES sets the same tunables (theirs win: top_pad for
// the step; hugetlb, mmap_threshold or trim_threshold for the pages); KIMPUT_MALLOC_TUNING=0;
// transparent huge pages are off ("[never]": the pages only); a sanitizer replaces malloc;
// or the C library is not glibc.
#include "malloc_tuning.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "kimput/huge_pages.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace kimput::app {

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kOwnMalloc = false;
#else
constexpr bool kOwnMalloc = true;
#endif

constexpr int kHeapStep = 16 << 20;        // glibc.malloc.top_pad
constexpr unsigned long kMainHeapAhead = 32ul << 20;  // grown and advised at once

bool huge_pages_possible() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  if (!std::getline(f, mode)) return false;
  return mode.find("[never]") == std::string::npos;
}

}  // namespace

void tune_malloc() {
#ifdef __GLIBC__
  if (!kOwnMalloc) return;
  const char* user_switch = std::getenv("KIMPUT_MALLOC_TUNING");
  if (user_switch && std::string_view(user_switch) == "0") return;
  const char* tunables_env = std::getenv("GLIBC_TUNABLES");
  const std::string_view tunables = tunables_env ? tunables_env : "";
  auto user_sets = [&](std::string_view name) { return tunables.find(name) != std::string_view::npos; };
  const bool own_step = !user_sets("glibc.malloc.top_pad");
  if (!user_sets("glibc.malloc.hugetlb") && !user_sets("glibc.malloc.mmap_threshold") &&
      !user_sets("glibc.malloc.trim_threshold") && huge_pages_possible())
    huge_pages::enable(own_step ? kMainHeapAhead : 0);
  if (own_step) ::mallopt(M_TOP_PAD, kHeapStep);
#endif
}

}  // namespace kimput::app
