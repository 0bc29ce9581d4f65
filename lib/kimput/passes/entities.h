#pragma once
#include "kimput/config.h"
#include "kimput/passes/pass.h"
namespace kimput {
class EntitiesPass : public Pass {
 public:
  explicit EntitiesPass(const Config&) {}
  std::string_view name() const override { return "entities"; }
  void run(Document&) const override {}
};
}  // namespace kimput
