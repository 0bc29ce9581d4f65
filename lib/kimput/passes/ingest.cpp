#include "kimput/passes/ingest.h"

#include <fmt/format.h>

#include "kimput/json/writer.h"
#include "kimput/text/encoding.h"

namespace kimput {

namespace {

// Built by append (the keys are new): json::obj copies each value in and searches the keys.
// A field the page does not give is a null made in place; one it gives is moved in.
json::Value meta_object(PageMeta&& m) {
  json::Value v = json::Value::object();
  v.reserve(6);
  auto field = [&v](std::string_view key, std::optional<std::string>& s) {
    json::Value& slot = v.append_null(key);
    if (s) slot = json::Value(std::move(*s));
  };
  field("title", m.title);
  field("subtitle", m.subtitle);
  field("date", m.date);
  field("retrieved", m.retrieved);
  field("byline", m.byline);
  field("publisher", m.publisher);
  return v;
}

// Room for the members a document gets through ingest and the passes after it (schema, id,
// source, meta, text, removed, kimput, sentences, tokens, entities, dates, quotes...), so
// that the root's member vectors are not moved as it grows.
constexpr size_t kRootMembers = 16;

// Each line's strings are moved in, and its object built by append (json::obj copies each
// value in and searches the keys).
json::Value removed_array(std::vector<RemovedLine>&& removed) {
  json::Value arr = json::Value::array();
  arr.reserve(removed.size());
  for (RemovedLine& r : removed) {
    json::Value line = json::Value::object();
    line.reserve(2);
    line.append("text", json::Value(std::move(r.text)));
    line.append("reason", json::Value(std::move(r.reason)));
    arr.push_back(std::move(line));
  }
  return arr;
}

void check_not_empty(const Cleaned& c) {
  if (c.text.find_first_not_of(" \t\n") != std::string::npos) return;
  if (c.removed.empty()) throw Rejection("empty document: no text");
  throw Rejection(fmt::format("no article text left: all {} non-blank lines were boilerplate", c.removed.size()));
}

}  // namespace

std::string id_from_path(const std::string& path) {
  if (path == "-" || path.empty()) return "stdin";
  std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  for (const char* ext : {".gz", ".zst", ".txt", ".text", ".jsonl", ".ndjson", ".json"}) {
    size_t n = std::string_view(ext).size();
    if (name.size() > n && name.compare(name.size() - n, n, ext) == 0) name.resize(name.size() - n);
  }
  return name;
}

Ingest::Ingest(const Config& config) : rules_(config.boilerplate_files), clean_(config.clean) {}

Document Ingest::from_text(std::string bytes, const io::Record& origin, std::vector<std::string>& warnings) const {
  Decoded dec = decode_text(std::move(bytes));
  if (!dec.error.empty()) throw Rejection(dec.error);
  for (auto& w : dec.warnings) warnings.push_back(std::move(w));
  Cleaned c = rules_.clean(dec.text, clean_);
  check_not_empty(c);
  Document doc;
  json::Value& r = doc.root();
  r.reserve(kRootMembers);
  // A new document: each member is appended (no search of the keys).
  r.append("schema", json::Value(kSchema));
  r.append("id", json::Value(id_from_path(origin.path)));
  // Written as JSON text (json::Writer): no pass reads it, and a tree of it was three
  // allocations per document (its keys, its values and the path).
  json::Writer source;
  source.begin_object().key("path").value(origin.path).key("format").value("text").end_object();
  r.append("source", source.take());
  r.append("meta", meta_object(std::move(c.meta)));
  doc.set_text(std::move(c.text));
  r.append("removed", removed_array(std::move(c.removed)));
  doc.record_pass("ingest");
  return doc;
}

Document Ingest::from_json(json::Value in, const io::Record& origin, std::vector<std::string>& warnings) const {
  (void)warnings;
  const json::Value* text = in.find("text");
  if (!text) throw Rejection("no \"text\" field");
  if (!text->is_string()) throw Rejection("\"text\" is not a string");
  const std::string* schema = in.get_string("schema");
  if (schema && *schema == kSchema) {
    Document doc(std::move(in));
    if (doc.has_pass("ingest")) return doc;
    in = std::move(doc.root());
  }
  // Cleaned as it is when it has no CR (most texts): normalize_newlines() would copy it.
  const std::string& raw = text->as_string();
  Cleaned c = raw.find('\r') == std::string::npos ? rules_.clean(raw, clean_) : rules_.clean(normalize_newlines(raw), clean_);
  check_not_empty(c);

  Document doc;
  json::Value& r = doc.root();
  r.reserve(kRootMembers);
  // Until the input's other fields, each member is new: appended (no search of the keys).
  r.append("schema", json::Value(kSchema));
  // The input's values are moved into the document, not copied: `in` is ours, and each member
  // moved is one the loop at the end skips (its key stays, for the look-ups).
  // id: the line's own (a string, or a number written as one), else FILE-STEM-LINE.
  json::Value* id = in.find("id");
  if (id && id->is_string()) r.append("id", std::move(*id));
  else if (id && id->is_number()) r.append("id", json::Value(json::to_string(*id)));
  else r.append("id", json::Value(fmt::format("{}-{}", id_from_path(origin.path), origin.line)));
  if (json::Value* src = in.find("source")) {
    r.append("source", std::move(*src));
  } else {
    // Written as JSON text, as in from_text().
    json::Writer source;
    source.begin_object().key("path").value(origin.path).key("line").value(static_cast<int64_t>(origin.line));
    source.key("format").value("jsonl").end_object();
    r.append("source", source.take());
  }
  // meta: every key the input gives wins; ingest fills in the rest.
  json::Value meta = meta_object(std::move(c.meta));
  json::Value* given = in.find("meta");
  if (given && given->is_object())
    for (size_t i = 0; i < given->keys().size(); ++i) meta.set(given->keys()[i], std::move(given->items()[i]));
  // Crawlers often put these at the top level: like the input's meta, they win over what
  // ingest guessed from the text, unless the input's meta says otherwise.
  // (Copied: the field stays at the top level too.)
  for (const char* k : {"title", "date", "byline", "publisher"}) {
    const json::Value* top = in.find(k);
    if (top && top->is_string() && !(given && given->find(k))) meta.set(k, *top);
  }
  r.append("meta", std::move(meta));
  doc.set_text(std::move(c.text));
  r.append("removed", removed_array(std::move(c.removed)));
  for (size_t i = 0; i < in.keys().size(); ++i) {
    const std::string& k = in.keys()[i];
    if (k == "schema" || k == "id" || k == "source" || k == "meta" || k == "text" || k == "removed") continue;
    r.set(k, std::move(in.items()[i]));
  }
  doc.record_pass("ingest");
  return doc;
}

}  // namespace kimput
