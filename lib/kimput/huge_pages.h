// Transparent huge pages for kimput's heaps, advised by kimput itself.
//
// Start-up builds its tables (the lexicon's entries, the date rules' compiled forms, the
// boilerplate rules) on three threads, each with a heap of its own (a glibc arena). Backed by
// 4 KiB pages they took ~4,200 page faults for one article, a third of its time on a 2-core
// VM, and the workers of -j2 as many again. glibc's tunable glibc.malloc.hugetlb=1 advises
// its heaps for transparent huge pages, but glibc reads tunables only from the environment as
// a process starts, and setting them took re-executing kimput: a second process start,
// ~2.3 ms of a ~15 ms run on one article. So kimput advises the heaps itself: the main heap
// once, grown ahead, when main() starts; and the heap of each thread it starts, as the
// thread starts (prepare_thread()). Advice only: where the kernel has no huge page to give,
// or transparent huge pages are off, nothing changes but speed.
#pragma once

namespace kimput::huge_pages {

// Turns the advice on: advises the main heap, grown `grow_main_heap` bytes ahead first (0:
// as it is), and from then on every heap that prepare_thread() meets. Call it before any
// thread starts. Does nothing without glibc's malloc.
void enable(unsigned long grow_main_heap);

// Whether enable() ran (and found glibc's malloc).
bool enabled();

// Called first by each thread kimput starts (the threads that build resources, the workers
// of -j): advises the heap glibc gives the thread. Does nothing unless enable() ran, after
// its first call in a thread, or for a thread on the main heap.
void prepare_thread();

}  // namespace kimput::huge_pages
