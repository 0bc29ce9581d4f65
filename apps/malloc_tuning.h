#pragma once

namespace kimput::app {

// Re-executes kimput once with glibc's malloc tunables for huge pages and a larger heap
// step (see malloc_tuning.cpp for why and when not); returns only when it does not.
void tune_malloc(char** argv);

}  // namespace kimput::app
