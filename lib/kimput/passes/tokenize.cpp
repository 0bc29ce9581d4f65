#include "kimput/passes/tokenize.h"

namespace kimput {

void TokenizePass::run(Document& doc) const {
  const Segmentation& seg = doc.segmentation();
  // The index once, not looked up through the document at every span.
  const utf8::OffsetIndex& cps = doc.offsets();
  // Written as JSON text (json::Writer): no other pass reads these fields as JSON.
  auto spans = [&](const auto& list) {
    json::Writer w;
    w.reserve(32 * list.size() + 2);
    w.begin_array();
    for (const auto& s : list) {
      w.begin_object();
      write_span(w, cps, {}, s.begin, s.end, false);
      w.end_object();
    }
    w.end_array();
    return w.take();
  };
  doc.root().set("sentences", spans(seg.sentences));
  if (write_tokens_) doc.root().set("tokens", spans(seg.tokens));
}

}  // namespace kimput
