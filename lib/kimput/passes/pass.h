// The pass interface. A pass is a function over one document plus read-only resources it
// compiled once at construction (a lexicon automaton, RE2 sets, rule tables).
//
// Contract: run() adds or replaces only the fields the pass owns, keeps no state across
// documents, and is const and thread-safe, so one Pass object serves every thread. It may
// throw Rejection for a document it cannot process.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kimput/document.h"

namespace kimput {

class Pass {
 public:
  virtual ~Pass() = default;
  virtual std::string_view name() const = 0;
  // Passes whose fields this one reads; the pipeline runs them first when a document
  // has not been through them.
  virtual std::vector<std::string_view> requires_passes() const { return {}; }
  virtual void run(Document& doc) const = 0;
};

}  // namespace kimput
