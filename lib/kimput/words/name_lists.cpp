#include "kimput/words/name_lists.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "kimput/resources.h"
#include "kimput/text/utf8.h"

namespace kimput {

namespace {

// Calls fn(section, line) for each entry of a sectioned list ("[title]" lines open sections).
template <typename Fn>
void sections(std::string_view bytes, Fn fn) {
  std::string section;
  for_each_data_line(bytes, [&](std::string_view line, size_t) {
    std::string_view t = trim(line);
    if (t.size() > 2 && t.front() == '[' && t.back() == ']') {
      section = std::string(t.substr(1, t.size() - 2));
      return;
    }
    fn(section, t);
  });
}

size_t words_in(std::string_view s) {
  size_t n = 1;
  for (char c : s) n += c == ' ';
  return n;
}

}  // namespace

bool NameLists::is_common_word(std::string_view w) const { return common_words.count(utf8::lower(w)) > 0; }

const NameLists& name_lists() {
  static const NameLists lists = [] {
    NameLists l;
    // Words that only matter as a bit of the word table (no set of their own).
    std::vector<std::pair<std::string, uint32_t>> by_flag;
    for_each_data_line(embedded("names/given_names.txt"), [&](std::string_view line, size_t) {
      auto cols = split(trim(line), '\t');
      std::string name(trim(cols[0]));
      if (cols.size() > 1 && trim(cols[1]) == "ambiguous") l.ambiguous_given_names.insert(name);
      else l.given_names.insert(name);
    });
    for_each_data_line(embedded("names/surname_particles.txt"),
                       [&](std::string_view line, size_t) { l.particles.emplace(trim(line)); });
    for_each_data_line(embedded("names/common_words.txt"),
                       [&](std::string_view line, size_t) { l.common_words.insert(utf8::lower(trim(line))); });
    sections(embedded("names/person_roles.txt"), [&](const std::string& sec, std::string_view t) {
      if (sec == "title") {
        l.titles.emplace(t);
        l.max_title_words = std::max(l.max_title_words, words_in(t));
      } else if (sec == "noun") {
        l.role_nouns.emplace(t);
      } else if (sec == "apposition") {
        l.apposition_nouns.emplace(t);
      } else if (sec == "led_noun") {
        l.led_nouns.emplace(t);
      } else if (sec == "female_title") {
        by_flag.emplace_back(t, NameLists::kFemaleTitle);
      } else if (sec == "male_title") {
        by_flag.emplace_back(t, NameLists::kMaleTitle);
      } else if (sec == "relation") {
        by_flag.emplace_back(t, NameLists::kRelation);
      }
    });
    sections(embedded("names/org_words.txt"), [&](const std::string& sec, std::string_view t) {
      auto cols = split(t, '\t');
      std::string w(trim(cols[0]));
      if (sec == "tail") l.org_tails.insert(w);
      else if (sec == "head") l.org_heads.insert(w.substr(0, w.find(' ')));
      else if (sec == "event_tail") l.event_tails.insert(w);
      else if (sec == "loc_tail" && cols.size() > 1) l.place_tails[w] = std::string(trim(cols[1]));
      else if (sec == "place_of") l.place_of.insert(w);
      else if (sec == "org_noun") l.org_nouns.insert(w);
      else if (sec == "work_noun") l.work_nouns.insert(w);
      else if (sec == "not_first") l.not_first.insert(w);
      else if (sec == "legal_suffix") by_flag.emplace_back(w, NameLists::kLegalSuffix);
      else if (sec == "partner") by_flag.emplace_back(w, NameLists::kPartner);
    });
    sections(embedded("names/context_words.txt"), [&](const std::string& sec, std::string_view t) {
      static const std::pair<std::string_view, uint32_t> kSections[] = {
          {"locative", NameLists::kLocative},       {"at_building", NameLists::kAtBuilding},
          {"at_venue", NameLists::kAtVenue},        {"run_breaker", NameLists::kRunBreaker},
          {"time_word", NameLists::kTimeWord},      {"weekday", NameLists::kWeekday}};
      for (const auto& [name, flag] : kSections)
        if (sec == name) by_flag.emplace_back(t, flag);
    });
    for_each_data_line(embedded("names/present_markers.txt"),
                       [&](std::string_view line, size_t) { l.present_markers.emplace(trim(line)); });
    sections(embedded("names/sports_words.txt"),
             [&](const std::string& sec, std::string_view t) { l.sports_words.emplace(std::string(t), sec); });
    auto mark = [&](std::string_view w, uint32_t flag) {
      uint32_t id = l.flag_ids.intern(w);
      if (id >= l.flag_bits.size()) l.flag_bits.resize(id + 1, 0);
      l.flag_bits[id] |= flag;
    };
    auto mark_all = [&](const std::unordered_set<std::string>& set, uint32_t flag) {
      for (const std::string& w : set) mark(w, flag);
    };
    mark_all(l.given_names, NameLists::kGivenName);
    mark_all(l.ambiguous_given_names, NameLists::kAmbiguousGivenName);
    mark_all(l.particles, NameLists::kParticle);
    mark_all(l.common_words, NameLists::kCommonWord);
    mark_all(l.role_nouns, NameLists::kRoleNoun);
    mark_all(l.apposition_nouns, NameLists::kAppositionNoun);
    mark_all(l.org_tails, NameLists::kOrgTail);
    mark_all(l.org_heads, NameLists::kOrgHead);
    mark_all(l.event_tails, NameLists::kEventTail);
    mark_all(l.present_markers, NameLists::kPresentMarker);
    mark_all(l.place_of, NameLists::kPlaceOf);
    mark_all(l.org_nouns, NameLists::kOrgNoun);
    mark_all(l.led_nouns, NameLists::kLedNoun);
    mark_all(l.work_nouns, NameLists::kWorkNoun);
    mark_all(l.not_first, NameLists::kNotFirst);
    for (const auto& [w, sport] : l.sports_words) mark(w, NameLists::kSportsWord);
    for (const auto& [w, flag] : by_flag) mark(w, flag);
    for_each_data_line(embedded("names/not_acronym_orgs.txt"),
                       [&](std::string_view line, size_t) { mark(trim(line), NameLists::kNotAcronymOrg); });
    for (const auto& [w, type] : l.place_tails) mark(w, NameLists::kPlaceTail | (type == "FAC" ? uint32_t{NameLists::kPlaceTailFac} : 0u));
    auto mark_title = [&](std::string_view w, uint8_t bit) {
      uint32_t id = l.title_ids.intern(w);
      if (id >= l.title_bits.size()) l.title_bits.resize(id + 1, 0);
      l.title_bits[id] |= bit;
    };
    for (const std::string& t : l.titles) {
      for (size_t k = 1; k <= t.size(); ++k) mark_title(std::string_view(t).substr(0, k), NameLists::kTitlePrefix);
      mark_title(t, NameLists::kTitlePhrase);
    }
    for (const std::string& t : l.titles) {
      if (t.find(' ') == std::string::npos) mark(t, NameLists::kTitle);  // can equal one token
      // Its first token however the tokenizer splits it: up to a space or a hyphen, with
      // or without a final period.
      std::string_view first(t);
      first = first.substr(0, std::min(first.find(' '), first.find('-')));
      mark(first, NameLists::kTitleStart);
      if (first.size() > 1 && first.back() == '.') mark(first.substr(0, first.size() - 1), NameLists::kTitleStart);
    }
    return l;
  }();
  return lists;
}

}  // namespace kimput
