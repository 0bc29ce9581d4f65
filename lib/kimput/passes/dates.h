#pragma once
#include "kimput/config.h"
#include "kimput/passes/pass.h"
namespace kimput {
class DatesPass : public Pass {
 public:
  explicit DatesPass(const Config&) {}
  std::string_view name() const override { return "dates"; }
  void run(Document&) const override {}
};
}  // namespace kimput
