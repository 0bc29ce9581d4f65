#include "kimput/passes/tokenize.h"

namespace kimput {

void TokenizePass::run(Document& doc) const {
  const Segmentation& seg = doc.segmentation();
  json::Value sentences = json::Value::array();
  sentences.items().reserve(seg.sentences.size());
  for (const ByteSpan& s : seg.sentences) sentences.push_back(doc.span(s.begin, s.end, false));
  doc.root().set("sentences", std::move(sentences));
  if (write_tokens_) {
    json::Value tokens = json::Value::array();
    tokens.items().reserve(seg.tokens.size());
    for (const Token& t : seg.tokens) tokens.push_back(doc.span(t.begin, t.end, false));
    doc.root().set("tokens", std::move(tokens));
  }
}

}  // namespace kimput
