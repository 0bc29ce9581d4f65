// kimput::Document — one article as it moves through the passes.
//
// The document is its JSON object (../shared/design/document-schema.md): every field,
// known or not, lives in `root` in order and is written back unchanged unless a pass owns
// it. Passes work in UTF-8 byte offsets internally and convert to code points only when
// they write a span (`span()`), so every span satisfies text[start:end] == span.text in
// code points. The segmentation cache (sentences and tokens) is computed at most once per
// document and shared by the passes of one process; it never outlives the document.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kimput/json/value.h"
#include "kimput/json/writer.h"
#include "kimput/text/segment.h"
#include "kimput/text/utf8.h"

namespace kimput {

inline constexpr std::string_view kSchema = "kimput/1";

// Thrown by a pass when a document cannot be processed; the pipeline reports it as a
// rejection with the document's file and line, and goes on with the next document.
struct Rejection : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One mention of the "entities" field as the entities pass wrote it, in bytes of text().
struct EntityMention {
  uint32_t begin = 0, end = 0;
  std::string_view type;  // a static name ("PERSON")
  std::string id, name;
  bool nested = false;
};

// "start" and "end" of the byte range [b, e) of `text`, in code points by `idx`, and its
// "text" with with_text: a span's members, written into the object a Writer is in. A pass
// holds the text and its index (Document::text(), offsets()) and passes them in: looking
// the text up among the document's keys for every span cost more than the span.
void write_span(json::Writer& w, const utf8::OffsetIndex& idx, std::string_view text, size_t b, size_t e,
                bool with_text = true);

class Document {
 public:
  Document() : root_(json::Value::object()) {}
  explicit Document(json::Value root);

  json::Value& root() { return root_; }
  const json::Value& root() const { return root_; }

  // The "text" field ("" when absent). set_text() replaces it and drops the caches.
  const std::string& text() const;
  void set_text(std::string text);

  // Byte <-> code-point offsets of text().
  const utf8::OffsetIndex& offsets() const;
  // {"start", "end", "text"} for the byte range [b, e) of text(), in code points.
  json::Value span(size_t b, size_t e, bool with_text = true) const;
  // Adds "start"/"end" (and "text") of [b, e) to an existing object.
  void add_span(json::Value& obj, size_t b, size_t e, bool with_text = true) const;

  // Sentences and tokens of text(), computed on first use (see text/segment.h).
  const Segmentation& segmentation() const;

  // The mentions the entities pass wrote into "entities" in this process, for the passes
  // after it (quotes), so they need not read back the JSON text it wrote (a Raw value);
  // null when "entities" came with the input. Set by the entities pass only, with the
  // field; set_text() drops them.
  const std::vector<EntityMention>* entity_mentions() const { return mentions_ ? &*mentions_ : nullptr; }
  void set_entity_mentions(std::vector<EntityMention> mentions);

  // The "kimput": {"version", "passes"} record. A document that has none of its own in
  // root() (a new one) gets it from finish(); until then its passes are kept aside, in order.
  bool has_pass(std::string_view name) const;
  // `name` is static (a pass's name()): kept aside, it is kept as a view.
  void record_pass(std::string_view name);

  // Fills in "schema" and keeps "kimput" last, so documents look alike whatever wrote them.
  void finish();

 private:
  json::Value root_;
  // Where text() finds "text" among root_'s members, checked at each call (root() may have
  // changed them): the passes ask for the text a few times each, and a search compared it
  // with each key before it.
  mutable uint32_t text_at_ = 0;
  // In place, not behind pointers: three allocations less per document.
  mutable std::optional<utf8::OffsetIndex> offsets_;
  mutable std::optional<Segmentation> segmentation_;
  std::optional<std::vector<EntityMention>> mentions_;
  // The passes recorded while root_ has no "kimput" member, for finish() to append the
  // record once, last: made at ingest, it was searched for among the members at every
  // pass, and moved to the end by finish(). More passes than this go into root_.
  // (Kept after finish() too, which wrote them as JSON text.)
  std::array<std::string_view, 8> aside_;
  uint8_t aside_size_ = 0;  // 0: the passes are in root_ (when it has a record)

  // record_pass() on the record in root_, made when missing.
  void record_in_root(std::string_view name);
};

}  // namespace kimput
