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
  std::string_view section;  // a view of the embedded bytes, which live as long as the program
  for_each_data_line(bytes, [&](std::string_view line, size_t) {
    std::string_view t = trim(line);
    if (t.size() > 2 && t.front() == '[' && t.back() == ']') {
      section = t.substr(1, t.size() - 2);
      return;
    }
    fn(section, t);
  });
}

// The first tab-separated field of a line, and the second ("" when there is none), trimmed.
std::pair<std::string_view, std::string_view> two_fields(std::string_view t) {
  size_t tab = t.find('\t');
  if (tab == std::string_view::npos) return {trim(t), {}};
  std::string_view rest = t.substr(tab + 1);
  return {trim(t.substr(0, tab)), trim(rest.substr(0, rest.find('\t')))};
}

size_t words_in(std::string_view s) {
  size_t n = 1;
  for (char c : s) n += c == ' ';
  return n;
}

// ASCII without capitals: utf8::lower() would return it unchanged.
bool is_lower_ascii(std::string_view s) {
  return utf8::is_ascii(s) && std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

bool NameLists::is_common_word(std::string_view w) const { return (flags(utf8::lower(w)) & kCommonWord) != 0; }

const NameLists& name_lists() {
  static const NameLists lists = [] {
    NameLists l;
    // The lists hold about 10,300 words, and the titles' prefixes 700 strings: tables
    // sized once, not grown and rehashed as they fill. The word table at twice the slots
    // it would grow to (32,768, 512 KB; its filter 16 KB): the matchers ask it of every
    // token, mostly words it does not hold, and a filter half as full sends fewer of them
    // on to a probe of the slots (3 M instructions of the modern bench set).
    l.flag_ids.reserve(16000);
    l.flag_bits.reserve(11000);
    l.title_ids.reserve(1000);
    l.title_bits.reserve(1000);
    // A list that no caller consults as a set goes straight into the word table: a bit per
    // list, set for each of its words (a word listed twice gets its bit twice).
    auto mark = [&](std::string_view w, uint32_t flag) {
      uint32_t id = l.flag_ids.intern(w);
      if (id == l.flag_bits.size()) l.flag_bits.push_back(0);  // ids are dense: a new one is the next
      l.flag_bits[id] |= flag;
    };
    for_each_data_line(embedded("names/given_names.txt"), [&](std::string_view line, size_t) {
      auto [name, note] = two_fields(trim(line));
      mark(name, note == "ambiguous" ? NameLists::kAmbiguousGivenName : NameLists::kGivenName);
    });
    for_each_data_line(embedded("names/surname_particles.txt"),
                       [&](std::string_view line, size_t) { mark(trim(line), NameLists::kParticle); });
    for_each_data_line(embedded("names/common_words.txt"), [&](std::string_view line, size_t) {
      std::string_view w = trim(line);
      if (is_lower_ascii(w)) mark(w, NameLists::kCommonWord);
      else mark(utf8::lower(w), NameLists::kCommonWord);
    });
    sections(embedded("names/person_roles.txt"), [&](std::string_view sec, std::string_view t) {
      if (sec == "title") {
        l.titles.emplace(t);
        l.max_title_words = std::max(l.max_title_words, words_in(t));
      } else if (sec == "noun") {
        l.role_nouns.emplace(t);
        mark(t, NameLists::kRoleNoun);
      } else if (sec == "apposition") {
        l.apposition_nouns.emplace(t);
        mark(t, NameLists::kAppositionNoun);
      } else if (sec == "led_noun") {
        mark(t, NameLists::kLedNoun);
      } else if (sec == "female_title") {
        mark(t, NameLists::kFemaleTitle);
      } else if (sec == "male_title") {
        mark(t, NameLists::kMaleTitle);
      } else if (sec == "relation") {
        mark(t, NameLists::kRelation);
      }
    });
    // A place tail's type: the last line that gives the word decides.
    std::unordered_map<std::string_view, std::string_view> place_tails;  // "Sea" -> "LOC", "Tower" -> "FAC"
    sections(embedded("names/org_words.txt"), [&](std::string_view sec, std::string_view t) {
      auto [w, type] = two_fields(t);
      if (sec == "tail") mark(w, NameLists::kOrgTail);
      else if (sec == "head") mark(w.substr(0, w.find(' ')), NameLists::kOrgHead);
      else if (sec == "event_tail") mark(w, NameLists::kEventTail);
      else if (sec == "loc_tail" && t.find('\t') != std::string_view::npos) place_tails[w] = type;
      else if (sec == "place_of") mark(w, NameLists::kPlaceOf);
      else if (sec == "org_noun") mark(w, NameLists::kOrgNoun);
      else if (sec == "work_noun") mark(w, NameLists::kWorkNoun);
      else if (sec == "not_first") mark(w, NameLists::kNotFirst);
      else if (sec == "legal_suffix") mark(w, NameLists::kLegalSuffix);
      else if (sec == "partner") mark(w, NameLists::kPartner);
    });
    for (const auto& [w, type] : place_tails) mark(w, NameLists::kPlaceTail | (type == "FAC" ? uint32_t{NameLists::kPlaceTailFac} : 0u));
    sections(embedded("names/context_words.txt"), [&](std::string_view sec, std::string_view t) {
      static const std::pair<std::string_view, uint32_t> kSections[] = {
          {"locative", NameLists::kLocative},       {"at_building", NameLists::kAtBuilding},
          {"at_venue", NameLists::kAtVenue},        {"run_breaker", NameLists::kRunBreaker},
          {"time_word", NameLists::kTimeWord},      {"weekday", NameLists::kWeekday}};
      for (const auto& [name, flag] : kSections)
        if (sec == name) mark(t, flag);
    });
    for_each_data_line(embedded("names/present_markers.txt"),
                       [&](std::string_view line, size_t) { mark(trim(line), NameLists::kPresentMarker); });
    sections(embedded("names/sports_words.txt"), [&](std::string_view sec, std::string_view t) {
      l.sports_words.emplace(std::string(t), std::string(sec));
      mark(t, NameLists::kSportsWord);
    });
    for_each_data_line(embedded("names/not_acronym_orgs.txt"),
                       [&](std::string_view line, size_t) { mark(trim(line), NameLists::kNotAcronymOrg); });
    auto mark_title = [&](std::string_view w, uint8_t bit) {
      uint32_t id = l.title_ids.intern(w);
      if (id == l.title_bits.size()) l.title_bits.push_back(0);
      l.title_bits[id] |= bit;
    };
    // The prefixes a run of tokens can be and still grow into the title (see title_phrase()):
    // some 700 strings, where every prefix was 3,900 (0.9 M instructions of start-up).
    for (const std::string& t : l.titles) {
      for (size_t k = 1; k < t.size(); ++k)
        if (t[k] == ' ' || t[k] == '-' || t[k - 1] == '-') mark_title(std::string_view(t).substr(0, k), NameLists::kTitlePrefix);
      mark_title(t, NameLists::kTitlePrefix | NameLists::kTitlePhrase);
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
