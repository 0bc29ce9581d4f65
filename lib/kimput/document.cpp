#include "kimput/document.h"

#include <algorithm>

namespace kimput {

namespace {

const std::string kEmpty;

// The record is as finish() makes it: an object, the current version first and no other.
bool is_written_form(const json::Value& record) {
  if (!record.is_object() || record.keys().empty() || record.keys()[0] != "version") return false;
  const json::Value& v = record.items()[0];
  if (!v.is_string() || v.as_string() != KIMPUT_VERSION) return false;
  for (size_t i = 1; i < record.keys().size(); ++i)
    if (record.keys()[i] == "version") return false;
  return true;
}

}  // namespace

Document::Document(json::Value root) : root_(std::move(root)) {
  if (!root_.is_object()) root_ = json::Value::object();
}

const std::string& Document::text() const {
  constexpr std::string_view kKey = "text";
  const std::vector<std::string>& keys = root_.keys();
  if (text_at_ >= keys.size() || keys[text_at_] != kKey) {
    const json::Value* t = root_.find(kKey);
    if (!t) return kEmpty;
    text_at_ = static_cast<uint32_t>(t - root_.items().data());
  }
  const json::Value& t = root_.items()[text_at_];
  return t.is_string() ? t.as_string() : kEmpty;
}

void Document::set_text(std::string text) {
  root_.set("text", json::Value(std::move(text)));
  offsets_.reset();
  segmentation_.reset();
  mentions_.reset();
}

void Document::set_entity_mentions(std::vector<EntityMention> mentions) {
  mentions_.emplace(std::move(mentions));
}

const utf8::OffsetIndex& Document::offsets() const {
  if (!offsets_) offsets_.emplace(text());
  return *offsets_;
}

json::Value Document::span(size_t b, size_t e, bool with_text) const {
  json::Value v = json::Value::object();
  v.reserve(with_text ? 3 : 2);  // one allocation per list, not a growing one per member
  add_span(v, b, e, with_text);
  return v;
}

void Document::add_span(json::Value& obj, size_t b, size_t e, bool with_text) const {
  const auto& idx = offsets();
  obj.set("start", json::Value(idx.to_cp(b)));
  obj.set("end", json::Value(idx.to_cp(e)));
  if (with_text) obj.set("text", json::Value(std::string_view(text()).substr(b, e - b)));
}

void write_span(json::Writer& w, const utf8::OffsetIndex& idx, std::string_view text, size_t b, size_t e, bool with_text) {
  // Written unsigned: a code-point offset is never negative, and the number has no sign to test.
  w.key("start").value(static_cast<uint64_t>(idx.to_cp(b))).key("end").value(static_cast<uint64_t>(idx.to_cp(e)));
  if (with_text) w.key("text").value(text.substr(b, e - b));
}

const Segmentation& Document::segmentation() const {
  if (!segmentation_) segmentation_.emplace(segment(text()));
  return *segmentation_;
}

bool Document::has_pass(std::string_view name) const {
  if (aside_size_ > 0) {
    const auto aside_end = aside_.begin() + aside_size_;
    return std::find(aside_.begin(), aside_end, name) != aside_end;
  }
  const json::Value* k = root_.find("kimput");
  const json::Value* passes = k ? k->find("passes") : nullptr;
  if (!passes || !passes->is_array()) return false;
  for (const auto& p : passes->items())
    if (p.is_string() && p.as_string() == name) return true;
  return false;
}

void Document::record_pass(std::string_view name) {
  if (aside_size_ == 0 && root_.find("kimput")) {
    record_in_root(name);
    return;
  }
  const auto aside_end = aside_.begin() + aside_size_;
  if (std::find(aside_.begin(), aside_end, name) != aside_end) return;
  if (aside_size_ == aside_.size()) {
    for (std::string_view n : aside_) record_in_root(n);
    aside_size_ = 0;
    record_in_root(name);
    return;
  }
  aside_[aside_size_++] = name;
}

void Document::record_in_root(std::string_view name) {
  // has_pass()'s look-ups, once: the record and its list are found (or made) first.
  // A member that is missing is appended, one that is malformed replaced in place: set()
  // would look for it again.
  json::Value* k = root_.find("kimput");
  if (!k) {
    // Made as finish() writes it, the version first, with room for the passes: finish()
    // then leaves it as it is, where it rebuilt it.
    k = &root_.append("kimput", json::Value::object());
    k->reserve(2);
    k->append("version", json::Value(KIMPUT_VERSION));
  } else if (!k->is_object()) {
    *k = json::Value::object();
  }
  json::Value* passes = k->find("passes");
  if (!passes || !passes->is_array()) {
    passes = passes ? &(*passes = json::Value::array()) : &k->append("passes", json::Value::array());
    // Room for ingest and the extract passes at once: the list grew 1, 2, 4, 8, moving
    // its values each time.
    passes->reserve(8);
  }
  for (const json::Value& p : passes->items())
    if (p.is_string() && p.as_string() == name) return;
  passes->push_back(json::Value(name));
}

void Document::finish() {
  if (!root_.find("schema")) {
    // schema goes first: move it to the front by rebuilding the object.
    json::Value fresh = json::Value::object();
    fresh.set("schema", json::Value(kSchema));
    fresh.reserve(root_.keys().size() + 1);
    for (size_t i = 0; i < root_.keys().size(); ++i) fresh.set(root_.keys()[i], std::move(root_.items()[i]));
    root_ = std::move(fresh);
  }
  // The passes kept aside make the record, appended last, as JSON text (json::Writer): no
  // one reads it but the line's writer, and a tree of it was three allocations. The passes
  // stay aside, for has_pass().
  json::Value* k = root_.find("kimput");
  if (aside_size_ > 0 && !k) {
    json::Writer w;
    w.begin_object().key("version").value(KIMPUT_VERSION).key("passes").begin_array();
    for (size_t i = 0; i < aside_size_; ++i) w.value(aside_[i]);
    w.end_array().end_object();
    root_.append("kimput", w.take());
    return;
  }
  // A "kimput" member set through root() since the passes were kept aside, or the one
  // finish() wrote before: the passes go into it (as a tree, the written one replaced).
  if (aside_size_ > 0) {
    for (size_t i = 0; i < aside_size_; ++i) record_in_root(aside_[i]);
    aside_size_ = 0;
    k = root_.find("kimput");
  }
  // A record as it is written (record_in_root() makes it so) is moved to the end as it is.
  // Else it is rebuilt: "version" first, then whatever the record already holds ("passes"),
  // each appended (the record's keys are distinct, and "version" is left out) into room
  // made for all at once.
  json::Value record;
  if (k && is_written_form(*k)) {
    if (k == &root_.items().back()) return;
    record = std::move(*k);  // erased below
  } else {
    const bool had = k && k->is_object();
    record = json::Value::object();
    record.reserve(1 + (had ? k->keys().size() : 0));
    record.append("version", json::Value(KIMPUT_VERSION));
    if (had)
      for (size_t i = 0; i < k->keys().size(); ++i)
        if (k->keys()[i] != "version") record.append(k->keys()[i], std::move(k->items()[i]));  // erased below
  }
  root_.erase("kimput");
  root_.append("kimput", std::move(record));
}

}  // namespace kimput
