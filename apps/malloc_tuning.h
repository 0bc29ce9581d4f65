#pragma once

namespace kimput::app {

// glibc's malloc set for kimput's start-up: a larger heap step, and transparent huge pages for
// the heaps (see malloc_tuning.cpp for why and when not). Call it first in main().
void tune_malloc();

}  // namespace kimput::app
