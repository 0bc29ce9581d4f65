#pragma once
#include "kimput/config.h"
#include "kimput/passes/pass.h"
namespace kimput {
class QuotesPass : public Pass {
 public:
  explicit QuotesPass(const Config&) {}
  std::string_view name() const override { return "quotes"; }
  void run(Document&) const override {}
};
}  // namespace kimput
