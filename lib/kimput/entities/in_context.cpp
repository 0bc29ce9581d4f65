// What the chosen names tell about the words around them (see matcher.h).
#include "kimput/entities/matcher.h"

namespace kimput::entities_detail {

// A name found by pattern once is the same name wherever else it appears in the document.
void DocumentMatcher::repeat_pattern_names() {
  // First token's distinct-word id (equal keys, equal ids) -> mention indices, in order.
  std::vector<std::pair<uint32_t, size_t>>& by_first = by_first_;
  by_first.clear();
  for (size_t m = 0; m < mentions_.size(); ++m)
    if (mentions_[m].how == How::Pattern && mentions_[m].e - mentions_[m].b >= 2)
      by_first.emplace_back(toks_[mentions_[m].b].type, m);
  if (by_first.empty()) return;
  // By word, then mention index (distinct, in order): stable_sort's order, without its buffer.
  std::sort(by_first.begin(), by_first.end());
  std::vector<int8_t>& starts = starts_;
  starts.assign(types_.size(), 0);
  for (const auto& [type, m] : by_first) starts[type] = 1;
  // Such names start at a capitalised word, and a token of the same text is one too (its
  // first letter is the same), unless punctuation or a number has that text: then (never
  // seen) every token is tried, else only the capitalised words.
  bool all_tokens = false;
  for (const auto& [type, m] : by_first)
    all_tokens = all_tokens || types_[type].not_word || toks_[mentions_[m].b].kind != TokenKind::Word || !toks_[mentions_[m].b].cap;
  std::vector<Mention>& extra = extra_;
  extra.clear();
  auto repeat_at = [&](size_t i) {
    if (owner_[i] != -1 || !starts[toks_[i].type]) return;
    auto lo = std::lower_bound(by_first.begin(), by_first.end(), toks_[i].type,
                               [](const std::pair<uint32_t, size_t>& a, uint32_t t) { return a.first < t; });
    for (auto it = lo; it != by_first.end() && it->first == toks_[i].type; ++it) {
      size_t m = it->second;
      const Mention& src = mentions_[m];
      size_t len = src.e - src.b;
      if (i + len > toks_.size()) continue;
      bool same = true;
      for (size_t k = 0; k < len && same; ++k) {
        const Tok& a = toks_[i + k];
        const Tok& b = toks_[src.b + k];
        bool last = k + 1 == len;
        same = owner_[i + k] == -1 && (a.key == b.key || (last && !a.stripped.empty() && a.stripped == (b.stripped.empty() ? b.key : b.stripped)));
      }
      if (!same) continue;
      Mention copy = src;
      copy.b = static_cast<uint32_t>(i);
      copy.e = static_cast<uint32_t>(i + len);
      const Tok& last = toks_[i + len - 1];
      copy.end_byte = last.stripped_end;
      for (size_t k = i; k < i + len; ++k) owner_[k] = -2;
      extra.push_back(std::move(copy));
      break;
    }
  };
  if (all_tokens) {
    for (size_t i = 0; i < toks_.size(); ++i) repeat_at(i);
  } else {
    for (const size_t i : caps_at_) repeat_at(i);
  }
  // mentions_ is sorted by start, and starts are distinct (select() chose names that do not
  // overlap, and a repeat takes tokens no name has): with nothing added, sorting moved every
  // mention twice to keep the same order. The repeats are in order too (found from the
  // first token on): merged in, they are where a sort puts them.
  if (extra.empty()) return;
  merge_into(mentions_, extra, [](const Mention& a, const Mention& b) { return a.b < b.b; });
}

// Organisations found by their context, once the names are chosen:
//  - "Nathan Lee of Harbour Voice", "Ann Park of the Tidewater Review": capitalised words
//    after a person and "of" that are no known name are the person's organisation;
//  - "Harbour Voice's Nathan Lee": likewise before a person, with a possessive;
//  - "the magazine Harbour Voice": a name right after a kind of organisation;
//  - "the Church", "the Agency" after "the Church of the Seven Lamps" or "the Coastal
//    Protection Agency": the generic word of an organisation the document named earlier
//    (a head or tail word of lib/data/names/org_words.txt) is that organisation.
void DocumentMatcher::organisations_in_context() {
  const size_t n = toks_.size();
  std::vector<Mention>& extra = extra_;
  extra.clear();
  // A capitalised preposition or article is where a run-on line goes on ("Ann Lee of DAB In
  // the …"), not a word of the name ([run_breaker] of context_words.txt).
  auto free_cap = [&](size_t k, uint32_t sentence) {
    return k < n && owner_[k] == -1 && toks_[k].kind == TokenKind::Word && toks_[k].cap && !(toks_[k].initial && toks_[k].common()) &&
           toks_[k].sentence == sentence && !(toks_[k].lower_flags & NameLists::kTimeWord) && !(toks_[k].word_flags & NameLists::kTitleStart) &&
           !(toks_[k].lower_flags & NameLists::kRunBreaker) && !stance_prefixed(k);  // not "Beijing" of "pro-Beijing DAB's"
  };
  auto add = [&](size_t b, size_t e) {
    const Tok& last = toks_[e - 1];
    uint32_t eb = last.stripped_end;
    std::string name(text_.data() + toks_[b].begin, eb - toks_[b].begin);
    extra.push_back(Mention{static_cast<uint32_t>(b), static_cast<uint32_t>(e), eb, EntityType::ORG, slug_id(name), name,
                            How::Pattern, -1});
    for (size_t k = b; k < e; ++k) owner_[k] = -2;
  };
  for (const Mention& m : mentions_) {
    if (m.type != EntityType::PERSON || m.nested || m.e - m.b < 2) continue;
    uint32_t sentence = toks_[m.b].sentence;
    // After: "of" [the] Capitalised words, up to four, ending the name.
    size_t k = m.e;
    if (k < n && equals(toks_[k].key, "of") && toks_[m.e - 1].stripped.empty()) {
      size_t b = k + 1;
      if (b < n && equals(toks_[b].key, "the")) ++b;
      size_t e = b;
      while (e < b + 4 && free_cap(e, sentence)) {
        ++e;
        if (!toks_[e - 1].stripped.empty()) break;
      }
      bool ends = e > b && (e >= n || !toks_[e].cap || toks_[e].sentence != sentence || !toks_[e - 1].stripped.empty());
      // Not a place: "of Burke County", "of Ardmore, Ohio".
      bool place = false;
      if (e + 1 < n && equals(toks_[e].key, ",")) {
        auto at = std::lower_bound(mentions_.begin(), mentions_.end(), e + 1, [](const Mention& x, size_t k) { return x.b < k; });
        place = at != mentions_.end() && at->b == e + 1 && at->type == EntityType::GPE;
      }
      for (size_t q = b; q < e; ++q) place = place || (toks_[q].lower_flags & NameLists::kPlaceOf);
      if (e > b) place = place || (toks_[e - 1].word_flags & NameLists::kPlaceTail);
      if (ends && !place && !(e == b + 1 && toks_[b].common())) add(b, e);
    }
    // Before: one or two capitalised words with a possessive right before the person.
    if (m.b >= 1 && !toks_[m.b - 1].stripped.empty()) {
      size_t e = m.b, b = e - 1;
      if (free_cap(b, sentence)) {
        if (b >= 1 && free_cap(b - 1, sentence) && toks_[b - 1].stripped.empty()) --b;
        bool starts = b == 0 || !toks_[b - 1].cap || toks_[b - 1].sentence != sentence;
        if (starts && !(toks_[b].common() && toks_[e - 1].common())) add(b, e);  // not "Police's"
      }
    }
  }
  // "the airline Skyward", "localist group Harbour Voice": a name right after a kind of
  // organisation (lib/data/names/org_words.txt [org_noun]); not a person's ("the group Jane
  // Doe founded"). Walked from the capitalised words, where such a name starts.
  for (const size_t b : caps_at_) {
    if (b == 0) continue;
    const Tok& t = toks_[b - 1];
    if (t.kind != TokenKind::Word || t.cap || !(t.lower_flags & NameLists::kOrgNoun) || !t.stripped.empty()) continue;
    size_t e = b;  // not after "the party's": what follows is the party's, not its name
    while (e < b + 3 && free_cap(e, t.sentence)) {
      ++e;
      if (!toks_[e - 1].stripped.empty()) break;  // "the company Hitwise UK's"
    }
    if (e == b || (e == b + 1 && toks_[b].common()) || (toks_[b].word_flags & NameLists::kGivenName)) continue;
    bool ends = e >= n || toks_[e].sentence != t.sentence || !toks_[e].cap || !toks_[e - 1].stripped.empty();
    if (ends) add(b, e);
  }
  // "the Church": the generic word of an organisation named before.
  std::unordered_map<std::string_view, size_t> by_word;  // generic word -> index into mentions_ (latest)
  size_t next = 0;
  for (const size_t i : caps_at_) {
    // The tokens' own tests first: lower_key_is() is a call, made only for a word of three
    // bytes (the size of "the" in any case).
    if (owner_[i] != -1 || i == 0) continue;
    if (i + 1 < n && toks_[i + 1].cap && toks_[i + 1].sentence == toks_[i].sentence) continue;  // a longer name
    if (i + 1 < n && (equals(toks_[i + 1].key, "of") || equals(toks_[i + 1].key, "for"))) continue;          // "the Ministry of ..."
    if (toks_[i - 1].key.size() != 3 || !lower_key_is(i - 1, "the")) continue;
    // The organisations named before token i, taken in when a token needs them.
    for (; next < mentions_.size() && mentions_[next].b < i; ++next) {
      const Mention& m = mentions_[next];
      if (m.type != EntityType::ORG || m.nested || m.e - m.b < 2) continue;
      for (size_t k = m.b; k < m.e; ++k)
        if (toks_[k].word_flags & (NameLists::kOrgTail | NameLists::kOrgHead)) by_word[toks_[k].word()] = next;
    }
    auto it = by_word.find(toks_[i].word());
    if (it == by_word.end()) continue;
    Mention a = mentions_[it->second];
    a.b = static_cast<uint32_t>(i);
    a.e = static_cast<uint32_t>(i + 1);
    a.end_byte = toks_[i].stripped_end;
    a.how = How::Alias;
    owner_[i] = -2;
    extra.push_back(std::move(a));
  }
  if (extra.empty()) return;
  // Starts are distinct (each name takes tokens no name has): the few found here sorted, then
  // merged in, where a sort of all the mentions moved every one of them.
  auto before = [](const Mention& a, const Mention& b) { return a.b < b.b; };
  std::sort(extra.begin(), extra.end(), before);
  merge_into(mentions_, extra, before);
}

// In a match report (three or more different words of lib/data/names/sports_words.txt), a
// country named as a side ("Norway beat Chile 2-1", "a goal for Peru",
// "Ghana's goalkeeper") is its national team, an organisation named as Wikipedia names
// it ("Norway national football team"); after a place preposition ("the World Cup in
// Russia") it stays the country.
void DocumentMatcher::national_teams() {
  // "Team Estonia", "Team USA": a country's team by name, in any story.
  for (Mention& m : mentions_) {
    if (m.type != EntityType::GPE || m.entry < 0 || !lex_.entry(static_cast<uint32_t>(m.entry)).nation || m.b == 0) continue;
    const Tok& p = toks_[m.b - 1];
    if (!equals(p.key, "Team") || p.sentence != toks_[m.b].sentence || owner_[m.b - 1] != -1) continue;
    m.b -= 1;
    m.type = EntityType::ORG;
    m.name = fmt::format("Team {}", std::string_view(text_).substr(toks_[m.b + 1].begin, m.end_byte - toks_[m.b + 1].begin));
    m.id = slug_id(m.name);
    m.entry = -1;
    m.how = How::Pattern;
    owner_[m.b] = -2;
  }
  // The document's sports words, each once (the sport found does not depend on their order:
  // cricket before rugby union before football).
  std::vector<std::string_view> cues;
  std::string_view sport = "football";
  for (const uint32_t type : sports_types_) {
    const WordType& wt = types_[type];
    if (std::find(cues.begin(), cues.end(), wt.lower) != cues.end()) continue;
    cues.push_back(wt.lower);
    auto it = words_.sports_words.find(std::string(wt.lower));
    if (it == words_.sports_words.end() || equals(it->second, "any") || equals(sport, "cricket")) continue;
    if (equals(it->second, "cricket") || equals(it->second, "rugby union")) sport = it->second;
  }
  if (cues.size() < 3) return;
  for (Mention& m : mentions_) {
    if (m.type != EntityType::GPE || m.entry < 0 || !lex_.entry(static_cast<uint32_t>(m.entry)).nation) continue;
    if (m.b > 0 && toks_[m.b - 1].sentence == toks_[m.b].sentence && (toks_[m.b - 1].key_flags & NameLists::kAtVenue)) continue;
    m.type = EntityType::ORG;
    m.name = fmt::format("{} national {} team", lex_.entry(static_cast<uint32_t>(m.entry)).name, sport);
    m.id = slug_id(m.name);
  }
}

// "talks at the White House", "a meeting in the Kremlin": the organisations that
// lib/data/lexicon marks building=1 are the place (FAC) after a place preposition; elsewhere
// ("the White House said", "a statement from the Kremlin") the organisation.
// "the Supreme Court" in a story about Italy is not the United States' (lexicon local=):
// a name that bodies of many countries share links to the lexicon's entry when a place
// right before says so ("Cuba's National Assembly" does not, "Seoul's" does), else when
// the document speaks of that entry's country at least half as often as of the country it
// names most (counted over the people, places, nationalities and organisations of the
// lexicon it mentions; a story that names no country keeps the link). Elsewhere the
// mention stays an organisation of that name, unlinked.
void DocumentMatcher::country_bound_names() {
  std::vector<size_t> local;
  for (size_t k = 0; k < mentions_.size(); ++k) {
    const Mention& m = mentions_[k];
    if (m.entry < 0) continue;
    const LexEntry& en = lex_.entry(static_cast<uint32_t>(m.entry));
    if (en.local.empty()) continue;
    // Which of its names the text used: the local ones only. A local name written as in the
    // text needs no keys; another's keys are compared with the text's (made once).
    const std::string_view text = std::string_view(text_).substr(toks_[m.b].begin, m.end_byte - toks_[m.b].begin);
    std::vector<std::string> surface;
    bool surface_made = false, is_local = false;
    for (std::string_view l : split(en.local, ',')) {
      l = trim(l);
      if (l == text) {
        is_local = true;
        break;
      }
      if (!surface_made) {
        surface = name_keys(text);
        surface_made = true;
      }
      if (name_keys(l) == surface) {
        is_local = true;
        break;
      }
    }
    if (is_local) local.push_back(k);
  }
  if (local.empty()) return;
  // The other lexicon mentions by country, counted when a local name first needs them: a few
  // countries, looked for in a list of the thread's (a hash map made a node for each).
  thread_local std::vector<std::pair<std::string_view, int>> by_country;
  by_country.clear();
  int most = -1;  // -1: not counted yet
  auto count_countries = [&] {
    most = 0;
    size_t next_local = 0;
    for (size_t k = 0; k < mentions_.size(); ++k) {
      if (next_local < local.size() && local[next_local] == k) {
        ++next_local;
        continue;
      }
      if (mentions_[k].entry < 0) continue;
      std::string_view c = lex_.entry(static_cast<uint32_t>(mentions_[k].entry)).country;
      if (c.empty()) continue;
      auto it = std::find_if(by_country.begin(), by_country.end(), [c](const auto& p) { return p.first == c; });
      if (it == by_country.end()) it = by_country.insert(by_country.end(), {c, 0});
      most = std::max(most, ++it->second);
    }
  };
  // The mention that ends right before token b, when it is a possessive place ("Cuba's").
  std::vector<int32_t> ends_at(toks_.size() + 1, -1);
  for (size_t k = 0; k < mentions_.size(); ++k) ends_at[mentions_[k].e] = static_cast<int32_t>(k);
  for (size_t k : local) {
    Mention& m = mentions_[k];
    const LexEntry& en = lex_.entry(static_cast<uint32_t>(m.entry));
    // A place's possessive or a nationality before it, maybe with a word or two between:
    // "Japan's ruling Liberal Democratic Party", "the Canadian House of Commons".
    size_t at = m.b;
    while (at > m.b - std::min<size_t>(m.b, 2) && toks_[at - 1].kind == TokenKind::Word && !toks_[at - 1].cap &&
           toks_[at - 1].sentence == toks_[m.b].sentence && !equals(toks_[at - 1].lower, "the"))
      --at;
    const int32_t before = ends_at[at];
    const bool qualified = before >= 0 && mentions_[before].entry >= 0 && toks_[at - 1].sentence == toks_[m.b].sentence &&
                           ((mentions_[before].type == EntityType::GPE && !toks_[at - 1].stripped.empty()) ||
                            (mentions_[before].type == EntityType::NORP && toks_[at - 1].stripped.empty()));
    if (qualified) {
      if (lex_.entry(static_cast<uint32_t>(mentions_[before].entry)).country == en.country) continue;
    } else {
      // Its country named just before in the same phrase: "the US administration, Congress
      // and ..." (not across a preposition: "for New York tomorrow with Treasury Secretary").
      bool near = false;
      for (size_t k = m.b; k > 0 && k + 5 > m.b && !near && toks_[k - 1].sentence == toks_[m.b].sentence; --k) {
        if (k < m.b && (toks_[k].lower_flags & (NameLists::kRunBreaker | NameLists::kLocative))) break;
        const int32_t j = ends_at[k];
        near = j >= 0 && mentions_[j].entry >= 0 &&
               (mentions_[j].type == EntityType::GPE || mentions_[j].type == EntityType::NORP) &&
               lex_.entry(static_cast<uint32_t>(mentions_[j].entry)).country == en.country;
      }
      if (near) continue;
      if (most < 0) count_countries();
      auto it = std::find_if(by_country.begin(), by_country.end(), [&en](const auto& p) { return p.first == en.country; });
      if (most == 0 || (it != by_country.end() && it->second * 2 >= most)) continue;
    }
    m.entry = -1;
    m.how = How::Pattern;
    m.name = std::string(text_, toks_[m.b].begin, m.end_byte - toks_[m.b].begin);
    m.id = slug_id(m.name);
  }
}

void DocumentMatcher::buildings_as_places() {
  // The words before are [at_building] of context_words.txt.
  for (Mention& m : mentions_) {
    if (m.type != EntityType::ORG || m.entry < 0 || !lex_.entry(static_cast<uint32_t>(m.entry)).building) continue;
    // By the building's own name: "in the Defense Department" stays the organisation.
    std::string_view name = lex_.entry(static_cast<uint32_t>(m.entry)).name;
    if (std::string_view(text_).substr(toks_[m.b].begin, m.end_byte - toks_[m.b].begin) != name) continue;
    // Not before a role: "to White House officials", "to Kremlin spokesman Dmitry Peskov".
    if (m.e < toks_.size() && toks_[m.e].kind == TokenKind::Word && !toks_[m.e].cap &&
        (toks_[m.e].lower_flags & (NameLists::kRoleNoun | NameLists::kAppositionNoun)))
      continue;
    // With the article: "in White House coverage" is the organisation's.
    size_t k = m.b;
    if (k > 0 && lower_key_is(k - 1, "the")) --k;
    if (k == m.b || k == 0 || toks_[k - 1].sentence != toks_[m.b].sentence || !(toks_[k - 1].lower_flags & NameLists::kAtBuilding)) continue;
    m.type = EntityType::FAC;
  }
}

int DocumentMatcher::doc_year() const {
  const json::Value* meta = doc_.root().find("meta");
  const std::string* d = meta ? meta->get_string("date") : nullptr;
  if (!d || d->size() < 4) return 0;
  int y = 0;
  for (size_t i = 0; i < 4; ++i) {
    if ((*d)[i] < '0' || (*d)[i] > '9') return 0;
    y = y * 10 + ((*d)[i] - '0');
  }
  return y;
}

}  // namespace kimput::entities_detail
