#include "kimput/passes/entities.h"

#include "kimput/entities/matcher.h"
#include "kimput/huge_pages.h"
#include "kimput/resources.h"

namespace kimput {

namespace entities_detail {

std::vector<Mention>& DocumentMatcher::run() {
  prepare_tokens();
  lexicon_candidates();
  pattern_candidates();
  org_candidates();
  select();
  organisations_in_context();
  repeat_pattern_names();
  national_teams();
  buildings_as_places();
  resolve_aliases();
  country_bound_names();  // after: "Reagan" alone counts for his country
  return mentions_;
}

std::string_view how_name(How h) {
  switch (h) {
    case How::Lexicon: return "lexicon";
    case How::Pattern: return "pattern";
    case How::Alias: return "alias";
  }
  return "";
}

}  // namespace entities_detail

namespace {

// The compiled lexicon is a process-wide, read-only resource: built once per set of user
// files and kept until the process ends (freeing ~37,000 entries at exit would only cost
// time).
std::shared_ptr<const Lexicon> shared_lexicon(const std::vector<std::string>& files) {
  return built_once_per_files<Lexicon>(files);
}

}  // namespace

EntitiesPass::EntitiesPass(const Config& config, bool eager) : verbs_(shared_reporting_verbs(config.verb_files)) {
  if (config.lexicon_files.empty()) {
    // Deferred: the first get() compiles it, once, while other threads asking wait.
    lexicon_ = std::async(eager ? std::launch::async : std::launch::deferred, [] {
                 huge_pages::prepare_thread();
                 return shared_lexicon({});
               }).share();
  } else {
    std::promise<std::shared_ptr<const Lexicon>> ready;
    ready.set_value(shared_lexicon(config.lexicon_files));
    lexicon_ = ready.get_future().share();
  }
}

EntitiesPass::~EntitiesPass() = default;

void EntitiesPass::run(Document& doc) const {
  using namespace entities_detail;
  DocumentMatcher matcher(doc, lexicon(), *verbs_);
  std::vector<Mention>& mentions = matcher.run();
  const Segmentation& seg = doc.segmentation();
  // Written as JSON text (json::Writer), and handed to the quotes pass as a list.
  json::Writer w;
  w.reserve(128 * mentions.size() + 2);
  std::vector<EntityMention> list;
  list.reserve(mentions.size());
  const utf8::OffsetIndex& cps = doc.offsets();
  std::string_view text = doc.text();
  // In a text with other than ASCII, a mention's end is its start plus the code points of
  // its few bytes, where the index would count from its sample before the end.
  const bool ascii = cps.cp_size() == static_cast<int64_t>(text.size());
  w.begin_array();
  for (Mention& m : mentions) {  // its strings move into the list
    uint32_t b = seg.tokens[m.b].begin;
    std::string_view type = type_name(m.type);
    std::string_view mention_text = text.substr(b, m.end_byte - b);
    const int64_t start = cps.to_cp(b);
    const int64_t end = ascii ? m.end_byte : start + static_cast<int64_t>(utf8::count(mention_text));
    w.begin_object();
    w.key("start").value(start).key("end").value(end);
    w.key("text").value(mention_text).key("type").value(type);
    w.key("id").value(m.id).key("name").value(m.name).key("how").value(how_name(m.how));
    if (m.nested) w.key("nested").value(true);
    w.end_object();
    list.push_back({b, m.end_byte, type, std::move(m.id), std::move(m.name), m.nested});
  }
  w.end_array();
  doc.root().set("entities", w.take());
  doc.set_entity_mentions(std::move(list));
}

}  // namespace kimput
