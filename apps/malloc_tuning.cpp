// Start-up memory: glibc's malloc tunables, set by re-executing kimput once.
//
// Why: kimput's start-up builds about 20 MB of read-only resources (the lexicon, the date
// rules' compiled forms). glibc's malloc grows its heaps a little at a time, and the kernel
// backs them with 4 KiB pages, one page fault each: about 4,500 faults, half of the 75 ms
// that `kimput extract` took on one article (on a 2-core VM, where a fault is dear). With
// transparent huge pages on the heaps (glibc.malloc.hugetlb=1, which only madvises: THP in
// "madvise" or "always" mode) and heaps grown 16 MB at a time (glibc.malloc.top_pad), the
// same start-up takes about 700 faults. glibc reads GLIBC_TUNABLES once, when a process
// starts, and has no call to set these later; so main() re-executes the program once with
// them added. Nothing else changes: same arguments, same environment otherwise.
//
// Not done when: the user's GLIBC_TUNABLES already sets either tunable (theirs win);
// KIMPUT_MALLOC_TUNING=0 (e.g. under valgrind, which would not follow the exec);
// transparent huge pages are off ("[never]"); a sanitizer replaces malloc; the C library is
// not glibc; or the program's own file cannot be found or executed (then kimput runs on
// as it is).
#include "malloc_tuning.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

namespace kimput::app {

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kOwnMalloc = false;
#else
constexpr bool kOwnMalloc = true;
#endif

constexpr std::string_view kTunables = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=16777216";

bool huge_pages_possible() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  if (!std::getline(f, mode)) return false;
  return mode.find("[never]") == std::string::npos;
}

}  // namespace

void tune_malloc(char** argv) {
#ifdef __GLIBC__
  if (!kOwnMalloc) return;
  const char* user_switch = std::getenv("KIMPUT_MALLOC_TUNING");
  const std::string switch_value = user_switch ? user_switch : "";
  if (user_switch && switch_value == "0") return;
  if (user_switch && switch_value.starts_with("exec")) {
    // The image the exec below started: the variable back as the user had it.
    if (switch_value.size() > 5) ::setenv("KIMPUT_MALLOC_TUNING", switch_value.c_str() + 5, 1);
    else ::unsetenv("KIMPUT_MALLOC_TUNING");
    return;
  }
  const char* old_tunables = std::getenv("GLIBC_TUNABLES");
  const bool had_tunables = old_tunables != nullptr;
  const std::string old = had_tunables ? old_tunables : "";
  if (old.find("glibc.malloc.hugetlb") != std::string::npos || old.find("glibc.malloc.top_pad") != std::string::npos)
    return;  // the user's own
  if (!huge_pages_possible()) return;
  const std::string value = old.empty() ? std::string(kTunables) : old + ":" + std::string(kTunables);
  // Marks the new image ("exec", or "exec:" and the user's value), so that kimput never
  // executes itself twice, whatever a C library does with GLIBC_TUNABLES once it has read
  // it (glibc 2.36 cuts it at its first ':').
  const std::string mark = user_switch ? "exec:" + switch_value : "exec";
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) == 0 && ::setenv("KIMPUT_MALLOC_TUNING", mark.c_str(), 1) == 0) {
    // By its real path, not /proc/self/exe: the name ps, top and pkill show is the file's.
    char self[4096];
    ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
      self[n] = '\0';
      ::execv(self, argv);
    }
  }
  // No exec (no /proc, say): run on without the tunables, environment as it was.
  if (had_tunables) ::setenv("GLIBC_TUNABLES", old.c_str(), 1);
  else ::unsetenv("GLIBC_TUNABLES");
  if (user_switch) ::setenv("KIMPUT_MALLOC_TUNING", switch_value.c_str(), 1);
  else ::unsetenv("KIMPUT_MALLOC_TUNING");
#else
  (void)argv;
#endif
}

}  // namespace kimput::app
