// Tokenize pass: writes "sentences" ([{"start","end"}], code points, in order) and, with
// --tokens, "tokens" ([{"start","end"}]) from text/segment.h.
// Reads: text. Keeps no state across documents; thread-safe.
#pragma once

#include "kimput/config.h"
#include "kimput/passes/pass.h"

namespace kimput {

class TokenizePass : public Pass {
 public:
  explicit TokenizePass(const Config& config) : write_tokens_(config.write_tokens) {}
  std::string_view name() const override { return "tokenize"; }
  void run(Document& doc) const override;

 private:
  bool write_tokens_;
};

}  // namespace kimput
