// Short forms resolved to the entity they name (see matcher.h).
#include "kimput/entities/matcher.h"

#include <memory>
#include <memory_resource>

namespace kimput::entities_detail {

void DocumentMatcher::resolve_aliases() {
  const size_t n = toks_.size();
  // The maps below (people named in full, short forms, initials, acronyms), their lists,
  // keys and names take their memory from a per-thread scratch buffer, not from malloc per
  // entry: they were most of this function's allocations. Each call starts the buffer
  // afresh; a larger document spills over into ordinary allocations, freed on return.
  constexpr size_t kScratch = 64 * 1024;
  thread_local const std::unique_ptr<std::byte[]> scratch(new std::byte[kScratch]);
  std::pmr::monotonic_buffer_resource pool(scratch.get(), kScratch);
  // A copy of s in the pool.
  auto pooled = [&pool](std::string_view s) {
    char* p = static_cast<char*>(pool.allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return std::string_view(p, s.size());
  };
  struct Seen {
    std::string_view id, name;  // in the pool
    int32_t entry;
    int count = 0;
    size_t last = 0;
  };
  using People = std::pmr::vector<Seen>;
  // The list of `key` in map, made (the key copied into the pool) when new.
  auto list_of = [&pooled]<class Map>(Map& map, std::string_view key) -> typename Map::mapped_type& {
    const HashedKey k{key, hash_bytes(key)};
    if (auto it = map.find(k); it != map.end()) return it->second;
    return map.try_emplace(pooled(key)).first->second;
  };
  // A family key's people: those mentioned in full so far (before), and those named in
  // full anywhere in the document (anywhere; see below). One map for both: a capitalised
  // word is looked up once, not in each, and a person noted finds the key there already.
  struct Family {
    using allocator_type = std::pmr::polymorphic_allocator<>;  // the map's: the lists in the pool too
    explicit Family(const allocator_type& a) : before(a), anywhere(a) {}
    People before, anywhere;
  };
  using FamilyByKey = std::pmr::unordered_map<std::string_view, Family, ViewHash, std::equal_to<>>;  // keys in the pool
  FamilyByKey by_family(&pool);
  // Keys in the pool or views of the tokens.
  using IndexByKey = std::pmr::unordered_map<std::string_view, int, ViewHash, std::equal_to<>>;
  std::pmr::unordered_map<std::string_view, Mention, ViewHash, std::equal_to<>> acronyms(&pool);
  // "USI" for "University of Southern Indiana", wherever in the document it is named: the
  // initials of the capitalised words of an organisation's name (not "of", "and", "the").
  // Initials that two of the document's organisations share name neither.
  // A company's name without its legal suffix ("Dayton Hudson" of "Dayton Hudson Corp"), and
  // the family name of a company named after a person ("Fairfax" of "John Fairfax Ltd"):
  // short forms of the company, wherever the document uses them.
  IndexByKey company_short(&pool);  // token keys joined by spaces -> index into mentions_, or -1 when shared
  // The words of tokens [b, e) joined by spaces (the last less a possessive): "Dayton Hudson".
  auto run_key = [&](size_t b, size_t e) {
    std::string key;
    for (size_t q = b; q < e; ++q) {
      if (q > b) key += ' ';
      key += q + 1 == e ? toks_[q].word() : toks_[q].key;
    }
    return key;
  };
  for (size_t k = 0; k < mentions_.size(); ++k) {
    const Mention& m = mentions_[k];
    if (m.type != EntityType::ORG || m.how != How::Pattern || m.nested || m.e - m.b < 2 || !(toks_[m.e - 1].key_flags & NameLists::kLegalSuffix))
      continue;
    size_t core = m.e - 1;  // "Samuel Montagu and Co Ltd": the core is "Samuel Montagu"
    while (core > m.b && ((toks_[core - 1].key_flags & NameLists::kLegalSuffix) || equals(toks_[core - 1].key, "and") ||
                          equals(toks_[core - 1].key, "&") || equals(toks_[core - 1].key, ",")))
      --core;
    if (core == m.b) continue;
    std::string key = run_key(m.b, core);
    auto put = [&](std::string_view short_form) {
      if (auto it = company_short.find(short_form); it == company_short.end())
        company_short.emplace(pooled(short_form), static_cast<int>(k));
      else if (it->second >= 0 && mentions_[static_cast<size_t>(it->second)].id != m.id)
        it->second = -1;
    };
    put(key);
    if (core - m.b == 2 && (toks_[m.b].key_flags & NameLists::kGivenName) && toks_[core - 1].kind == TokenKind::Word)
      put(toks_[core - 1].key);
  }
  IndexByKey by_initials(&pool);  // initials -> index into mentions_, or -1 when shared
  for (size_t k = 0; k < mentions_.size(); ++k) {
    const Mention& m = mentions_[k];
    if (m.type != EntityType::ORG || m.nested || m.e - m.b < 2) continue;
    std::string ini;
    for (size_t q = m.b; q < m.e; ++q) {
      const Tok& t = toks_[q];
      // No initials for a lower-case word inside, nor for a name with an acronym in it
      // ("EC Commission").
      if (t.kind == TokenKind::Word && t.cap && !t.allcaps) ini += t.key[0];
      else if (t.kind == TokenKind::Word && (t.allcaps || !t.common())) ini.clear(), q = m.e;
    }
    if (ini.size() < 2) continue;
    if (auto it = by_initials.find(ini); it == by_initials.end())
      by_initials.emplace(pooled(ini), static_cast<int>(k));
    else if (it->second >= 0 && mentions_[static_cast<size_t>(it->second)].id != m.id)
      it->second = -1;
  }
  // The document's year (doc_year()), read when a family name's options first need it: most
  // documents have none to weigh. -1 until then.
  int year_of_doc = -1;
  // A title that tells the gender, right before token i: -1 a woman's, +1 a man's, else 0.
  auto gender_of_title = [&](size_t i) {
    if (i == 0 || toks_[i - 1].sentence != toks_[i].sentence) return 0;
    const uint32_t f = toks_[i - 1].key_flags;
    return (f & NameLists::kFemaleTitle) ? -1 : (f & NameLists::kMaleTitle) ? 1 : 0;
  };
  // Whether a person of the document can be the one a gendered title names (unknown: yes).
  auto fits_title = [&](int32_t entry, int gendered) {
    if (gendered == 0 || entry < 0) return true;
    return lex_.entry(static_cast<uint32_t>(entry)).female == (gendered < 0);
  };
  std::vector<Mention>& out = resolved_;  // becomes mentions_ at the end (their memory swapped)
  out.clear();
  out.reserve(mentions_.size() + nested_.size());  // and room to merge nested_ in (see the end)
  // Mention k of mentions_, which company_short and by_initials point at: once the loop has
  // passed it, it is in `out` (at moved_to[k]), moved there like every other. (Those were
  // copied there, names and all, to be read in mentions_.)
  std::vector<int32_t>& moved_to = container_;  // select_nested()'s, done with
  moved_to.resize(mentions_.size());
  size_t next_mention = 0;
  auto mention = [&](int k) -> const Mention& {
    const size_t at = static_cast<size_t>(k);
    return at < next_mention ? out[static_cast<size_t>(moved_to[at])] : mentions_[at];
  };

  // The family key of person m: a view of the lexicon's or the tokens' text, or of `built`
  // when it has to be made (a folded apostrophe or hyphen, a hyphenated unit).
  auto family_of = [&](const Mention& m, std::string& built) -> std::string_view {
    if (m.entry >= 0) {
      std::string_view family = lex_.entry(static_cast<uint32_t>(m.entry)).family;
      // token_key() folds only curly apostrophes and Unicode hyphens (lead bytes E2, CA).
      // Most family names are ASCII, told eight bytes at a time; the others are read byte by
      // byte (find_first_of() calls memchr on the two-byte set for each byte).
      uint64_t high = 0;
      size_t k = 0;
      for (; k + 8 <= family.size(); k += 8) high |= swar::load8(family.data() + k);
      high = (high | load_up_to_8(family.data() + k, family.size() - k)) & swar::kHigh;
      bool foldable = false;
      if (high)
        for (char c : family) foldable = foldable || c == '\xE2' || c == '\xCA';
      if (!foldable) return family;
      return built = token_key(family);
    }
    // The last unit of a pattern name ("Easley" of "Leif-Eric Easley").
    size_t b = m.e - 1;
    while (b > m.b && equals(toks_[b - 1].key, "-")) b -= 2;
    if (b + 1 == m.e) return toks_[b].word();
    built.clear();
    for (size_t i = b; i < m.e; ++i) built += toks_[i].stripped.empty() || i + 1 < m.e ? toks_[i].key : toks_[i].stripped;
    return built;
  };
  std::string family_built;  // family_of()'s, for note()
  auto note = [&](const Mention& m, size_t at) {
    if (m.type != EntityType::PERSON) return;
    const std::string_view fam = family_of(m, family_built);
    if (fam.empty()) return;
    People& list = list_of(by_family, fam).before;
    for (Seen& s : list)
      if (s.id == m.id) {
        ++s.count;
        s.last = at;
        return;
      }
    list.push_back({pooled(m.id), pooled(m.name), m.entry, 1, at});
  };
  // Every person named in full anywhere in the document, by family name (by_family's
  // `anywhere`) and by given name:
  // a headline or a caption often names a person ("Okafor (left)") before the story
  // does in full ("Home Secretary Ada Okafor"), and a story may call a private
  // person by the given name ("Tomasz said") after naming them in full.
  std::pmr::unordered_map<std::string_view, People, ViewHash, std::equal_to<>> by_given(&pool);  // keys in the pool
  auto add_person = [&](People& list, const Mention& m) {
    for (Seen& s : list)
      if (s.id == m.id) return;
    list.push_back({pooled(m.id), pooled(m.name), m.entry, 1, m.b});
  };
  for (const std::vector<Mention>* list : {&mentions_, &nested_})
    for (const Mention& m : *list) {
      if (m.type != EntityType::PERSON || m.e - m.b < 2) continue;
      if (const std::string_view fam = family_of(m, family_built); !fam.empty()) add_person(list_of(by_family, fam).anywhere, m);
      const Tok& first = toks_[m.b];
      if (first.kind == TokenKind::Word && first.stripped.empty() && unit_end(m.b) == m.b + 1 && !(first.key_flags & NameLists::kTitle))
        add_person(list_of(by_given, first.key), m);
    }
  // "his grandfather Kim", "Kim Jong Un's father, Kim": the id of a relative (kin= of the
  // lexicon) of the person the possessive names, or of the person named last for "his" /
  // "her", by the relation written right before the name at i ("" when none).
  auto kin_named_at = [&](size_t i) -> std::string_view {
    std::string_view kin_target;
    for (size_t r = i; r > 1 && r + 3 > i && toks_[r - 2].sentence == toks_[i].sentence;) {
      --r;
      if (equals(toks_[r].key, ",")) continue;
      if (toks_[r].kind != TokenKind::Word || toks_[r].cap) break;
      const size_t p = r - 1;
      const Mention* anchor = nullptr;
      if (equals(toks_[p].lower, "his") || equals(toks_[p].lower, "her")) {
        // The last person of the lexicon among the last 32 mentions (a bounded look back).
        size_t looked = 0;
        for (auto it = out.rbegin(); it != out.rend() && !anchor && looked < 32; ++it, ++looked)
          if (it->type == EntityType::PERSON && it->entry >= 0) anchor = &*it;
      } else if (!toks_[p].stripped.empty() && !out.empty() && out.back().e == p + 1 && out.back().type == EntityType::PERSON &&
                 out.back().entry >= 0) {
        anchor = &out.back();
      }
      if (!anchor) break;
      const LexEntry& a = lex_.entry(static_cast<uint32_t>(anchor->entry));
      if (a.facts)
        for (const auto& [rel, id] : a.facts->kin)
          if (rel == toks_[r].lower) kin_target = id;
      break;
    }
    return kin_target;
  };
  // This family's people named in full: before this point (`*before` true), else anywhere in
  // the document when `anywhere`; null when none.
  auto family_people = [&](const auto& family, bool anywhere, bool* before = nullptr) -> const People* {
    const auto f = by_family.find(family);
    if (f == by_family.end()) return nullptr;
    if (!f->second.before.empty()) {
      if (before) *before = true;
      return &f->second.before;
    }
    if (anywhere && !f->second.anywhere.empty()) return &f->second.anywhere;
    return nullptr;
  };
  // Mention m as a short form of the entity (type, id, name, lexicon entry) named elsewhere.
  auto refer = [](Mention& m, EntityType type, std::string_view id, std::string_view name, int32_t entry) {
    m.type = type;
    m.id = id;
    m.name = name;
    m.how = How::Alias;
    m.entry = entry;
  };
  // Tokens [b, e) as a short form of a person the document names in full.
  auto person_alias = [&](size_t b, size_t e, const Seen& p) {
    return Mention{static_cast<uint32_t>(b), static_cast<uint32_t>(e), toks_[e - 1].stripped_end, EntityType::PERSON, std::string(p.id),
                   std::string(p.name), How::Alias, p.entry};
  };
  size_t next_nested = 0;
  size_t next_cap = 0;  // into caps_at_
  for (size_t i = 0; i < n; ++i) {
    // Only a mention's start and a capitalised word do anything below: the walk goes from
    // one to the next (a mention that starts behind i is never reached, as before).
    while (next_cap < caps_at_.size() && caps_at_[next_cap] < i) ++next_cap;
    const size_t mention_at = next_mention < mentions_.size() && mentions_[next_mention].b >= i ? mentions_[next_mention].b : n;
    i = std::min<size_t>(mention_at, next_cap < caps_at_.size() ? caps_at_[next_cap] : n);
    if (i >= n) break;
    if (next_mention < mentions_.size() && mentions_[next_mention].b == i) {
      moved_to[next_mention] = static_cast<int32_t>(out.size());
      Mention& m = mentions_[next_mention++];
      // A person named inside this name ("Anna Kovac" of "Anna Kovac Foundation") is a
      // full mention for the family names that follow.
      while (next_nested < nested_.size() && nested_[next_nested].b < m.e) {
        if (nested_[next_nested].b >= m.b) note(nested_[next_nested], nested_[next_nested].b);
        ++next_nested;
      }
      // A company's short form ("Dayton Hudson said", "Fairfax said" after "John Fairfax Ltd"):
      // the company, whatever else the words could name.
      if (!company_short.empty() && !m.nested && m.type != EntityType::ORG && m.e - m.b <= 3) {
        if (auto c = company_short.find(run_key(m.b, m.e)); c != company_short.end() && c->second >= 0) {
          const Mention& org = mention(c->second);  // not m, which is no organisation
          refer(m, EntityType::ORG, org.id, org.name, org.entry);
        }
      }
      // A one-word place that is the family name of a person the document names in full:
      // "Easley" after "Leif-Eric Easley" is not the town, and "Paris said" after "Marie
      // Paris" not the city; after a place preposition it is the place ("flew to Paris").
      // A well-known place (the curated lexicon's) only after the full name.
      const LexEntry* place = m.e == m.b + 1 && m.entry >= 0 && m.type != EntityType::PERSON && !m.nested
                                  ? &lex_.entry(static_cast<uint32_t>(m.entry)) : nullptr;
      if (place && !(i > 0 && ((toks_[i - 1].key_flags & NameLists::kLocative) || equals(toks_[i - 1].key, "of") ||
                               equals(toks_[i - 1].key, "In") || equals(toks_[i - 1].key, "on")))) {
        const Tok& t = toks_[i];
        const People* people = family_people(t.word(), place->rank > 0);
        if (people && !people->empty()) {
          const Seen* best = &(*people)[0];
          for (const Seen& s : *people)
            if (s.count > best->count) best = &s;
          refer(m, EntityType::PERSON, best->id, best->name, best->entry);
        }
      }
      // An acronym the document itself defined ("the European Commission (EC)") is what the
      // document says it is, whatever the lexicon knows by those letters.
      if (m.how == How::Lexicon && m.e == m.b + 1 && toks_[m.b].allcaps && !m.nested)
        if (auto a = acronyms.find(toks_[m.b].word()); a != acronyms.end() && a->second.id != m.id) {
          Mention d = a->second;
          d.b = m.b;
          d.e = m.e;
          d.end_byte = m.end_byte;
          d.how = How::Alias;
          m = std::move(d);
        }
      // A family name alone found by its context ("Trump, who leads", "replied Sanders") is
      // the person of that family the document names in full.
      if (m.type == EntityType::PERSON && m.how == How::Pattern && !m.nested && m.entry < 0 && m.e == m.b + 1) {
        const People* people = family_people(toks_[i].word(), true);
        const Seen* best = nullptr;
        const int gendered = gender_of_title(i);
        if (people)
          for (const Seen& s : *people)
            if (s.id != m.id && fits_title(s.entry, gendered) &&
                (!best || s.count > best->count || (s.count == best->count && s.last > best->last)))
              best = &s;
        // Unless a relation written before it names a relative of the family: "his father,
        // Kim, who ...".
        const std::string_view kin_id = kin_named_at(i);
        const uint32_t kin = kin_id.empty() ? Lexicon::kNone : lex_.find_id(kin_id);
        if (kin != Lexicon::kNone && token_key(lex_.entry(kin).family) == toks_[i].word()) {
          refer(m, EntityType::PERSON, lex_.entry(kin).id, lex_.entry(kin).name, static_cast<int32_t>(kin));
        } else if (best) {
          refer(m, EntityType::PERSON, best->id, best->name, best->entry);
        }
      }
      note(m, i);
      out.push_back(std::move(m));  // below, only its positions and type are read (and out.back())
      // "Korean Central News Agency (KCNA)": the acronym names the same entity.
      // (Also where the lexicon knows the letters as something else: the mention there is
      // then taken as this one's when the loop reaches it.)
      // That takes letters that abbreviate the name: not "WASHINGTON (AP)".
      const bool lexicon_next = next_mention < mentions_.size() && mentions_[next_mention].b == m.e + 1 &&
                                mentions_[next_mention].e == m.e + 2 && mentions_[next_mention].how == How::Lexicon &&
                                m.e - m.b >= 2 && !toks_[m.b].key.empty() && !toks_[m.e + 1].key.empty() &&
                                toks_[m.b].key[0] == toks_[m.e + 1].key[0];
      if (m.e + 2 < n && equals(toks_[m.e].key, "(") && toks_[m.e + 1].allcaps && equals(toks_[m.e + 2].key, ")") &&
          (owner_[m.e + 1] == -1 || lexicon_next) && m.type != EntityType::PERSON) {
        Mention a = out.back();  // m, which may have been moved there
        a.b = m.e + 1;
        a.e = m.e + 2;
        a.end_byte = toks_[a.b].end;
        a.how = How::Alias;
        if (!lexicon_next) {
          owner_[a.b] = -2;
          out.push_back(a);
        }
        acronyms[toks_[a.b].key] = std::move(a);
      }
      i = m.e - 1;
      continue;
    }
    if (owner_[i] != -1) continue;
    const Tok& t = toks_[i];
    // ("pro-" or "anti-" is written against the word: no call for a word after a space.)
    if (t.kind != TokenKind::Word || !t.cap || (i > 0 && toks_[i - 1].end == t.begin && stance_prefixed(i))) continue;
    std::string_view key = t.word();
    // Its hash for the maps' look-ups below, once: the word table's when the word is the key.
    const HashedKey hkey{key, t.stripped.empty() ? types_[t.type].hash : hash_bytes(key)};
    if (auto a = acronyms.find(hkey); a != acronyms.end()) {
      Mention m = a->second;
      m.b = static_cast<uint32_t>(i);
      m.e = static_cast<uint32_t>(i + 1);
      m.end_byte = t.stripped_end;
      out.push_back(std::move(m));
      continue;
    }
    if (t.allcaps) {
      if (auto a = by_initials.find(hkey); a != by_initials.end() && a->second >= 0 && t.key.size() >= 2) {
        Mention m = mention(a->second);
        m.b = static_cast<uint32_t>(i);
        m.e = static_cast<uint32_t>(i + 1);
        m.end_byte = t.stripped_end;
        m.how = How::Alias;
        acronyms[key] = m;
        out.push_back(std::move(m));
        continue;
      }
      // (Of two to six letters and no common word, as acronym_org() asks first: most words in
      // capitals, in datelines and headlines, are answered without the call.)
      if (key.size() >= 2 && key.size() <= 6 && !t.common() && acronym_org(i)) {
        Mention m{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), t.stripped_end,
                  EntityType::ORG, slug_id(key), std::string(key), How::Pattern, -1};
        acronyms[key] = m;
        out.push_back(std::move(m));
      }
      continue;
    }
    // A company's one-word short form that nothing else found ("Labatt said").
    if (auto c = company_short.find(hkey); c != company_short.end() && c->second >= 0 && t.stripped.empty() &&
        !(i + 1 < n && unit_end(i + 1) > i + 1 && toks_[i + 1].sentence == t.sentence)) {
      Mention m = mention(c->second);
      m.b = static_cast<uint32_t>(i);
      m.e = static_cast<uint32_t>(i + 1);
      m.end_byte = t.end;
      m.how = How::Alias;
      m.nested = false;
      out.push_back(std::move(m));
      continue;
    }
    // "the Clinton-Sanders race", "a Trump-Cruz ticket": two family names joined by a hyphen,
    // each of one person the document names in full, are those two people ("Holden-Brown"
    // stays one name unless the story has a Holden and a Brown).
    if (i + 2 < n && t.stripped.empty() && equals(toks_[i + 1].key, "-") && toks_[i + 1].begin == t.end &&
        !(i > 0 && equals(toks_[i - 1].key, "-") && toks_[i - 1].end == t.begin) &&
        toks_[i + 2].begin == toks_[i + 1].end && toks_[i + 2].kind == TokenKind::Word && toks_[i + 2].cap &&
        unit_end(i) == i + 3 && !title_before_[i] &&
        !(i + 3 < n && toks_[i + 3].sentence == t.sentence && unit_end(i + 3) > i + 3)) {  // not "Karl-Lorimar Home Video"
      const People* first = family_people(hkey, true);
      const People* second = family_people(toks_[i + 2].word(), true);
      if (first && second && first->size() == 1 && second->size() == 1 && first->front().id != second->front().id) {
        out.push_back(person_alias(i, i + 1, first->front()));
        out.push_back(person_alias(i + 2, i + 3, second->front()));
        i += 2;
        continue;
      }
    }
    // A family name alone, not the start of a longer unknown name, nor the second part of a
    // hyphenated one ("Brown" of "Holden-Brown").
    if (i >= 2 && equals(toks_[i - 1].key, "-") && toks_[i - 1].begin == toks_[i - 2].end && t.begin == toks_[i - 1].end &&
        toks_[i - 2].kind == TokenKind::Word)
      continue;
    size_t ue = unit_end(i);
    if (ue != i + 1 && ue > i) {  // hyphenated forms are not family names alone, unless titled: "Mr. Holtz-Eakin"
      // or the family name of one person the document names in full ("Anna Holden-Brown ...
      // Holden-Brown said").
      std::string unit;
      for (size_t k = i; k < ue; ++k) unit += k + 1 == ue ? toks_[k].word() : toks_[k].key;
      const bool longer = ue < n && toks_[ue].sentence == t.sentence && unit_end(ue) > ue;  // "Co-operative Bancorp"
      if (const People* people = family_people(unit, true); people && people->size() == 1 && !longer) {
        out.push_back(person_alias(i, ue, people->front()));
        i = ue - 1;
        continue;
      }
      if (title_before_[i] && (ue >= n || unit_end(ue) == ue)) {
        const Tok& last = toks_[ue - 1];
        uint32_t eb = last.stripped_end;
        std::string name(text_.data() + t.begin, eb - t.begin);
        Mention m{static_cast<uint32_t>(i), static_cast<uint32_t>(ue), eb, EntityType::PERSON, slug_id(name), name, How::Pattern, -1};
        for (size_t k = i; k < ue; ++k) owner_[k] = -2;
        note(m, i);
        out.push_back(std::move(m));
        i = ue - 1;
      }
      continue;
    }
    // (A unit starts at a capitalised word only: that test, and the sentence's, before the call.)
    if (t.stripped.empty() && i + 1 < n && toks_[i + 1].cap && toks_[i + 1].sentence == t.sentence && unit_end(i + 1) > i + 1) {
      // Unless the document has named this family's person in full and a weekday or "I"
      // follows: "asked Trump Wednesday", "get to know Greenspan I'm sure". (Other capitalised words make a longer
      // name more often than not: "Polk County", "Baker Lift", "Trump Village".)
      bool modifier = family_people(hkey, false) && owner_[i + 1] == -1 && unit_end(i + 1) == i + 2 &&
                      ((toks_[i + 1].lower_flags & NameLists::kWeekday) || equals(toks_[i + 1].key, "I")) &&
                      !(i + 2 < n && toks_[i + 2].sentence == t.sentence && unit_end(i + 2) > i + 2) &&
                      !title_case_around(i, i + 2);
      if (!modifier) continue;
    }
    bool seen_before = false;  // named before this point (else only later)
    const People* people = family_people(hkey, true, &seen_before);
    const std::vector<uint32_t>* lex_people = lex_.persons_of_family(lex_.family_id(key, hkey.hash));
    if (!people && !lex_people) {
      // The given name of exactly one person of the document, where it cannot be a word.
      auto g = by_given.find(hkey);
      if (g != by_given.end() && g->second.size() == 1 && !t.common() && !(t.initial && (t.key_flags & NameLists::kAmbiguousGivenName)) &&
          !(t.lower_flags & NameLists::kTimeWord) && !title_case_around(i, i + 1)) {
        out.push_back(person_alias(i, i + 1, g->second[0]));
        continue;
      }
      // "Mr. Lukin" with nothing to resolve to: a person all the same; not a word or an
      // organisation's word after a title-like one ("General Agreement", "General … Co").
      if (title_before_[i] && !t.common() &&
          !(t.word_flags & (NameLists::kOrgTail | NameLists::kOrgHead | NameLists::kPlaceTail | NameLists::kEventTail))) {
        Mention m{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), t.stripped_end,
                  EntityType::PERSON, slug_id(key), std::string(key), How::Pattern, -1};
        note(m, i);
        out.push_back(std::move(m));
      }
      continue;
    }
    bool in_doc = people != nullptr;
    // "in May", "on Friday": a month or a day, whoever shares its name.
    if ((t.lower_flags & NameLists::kTimeWord)) {
      if (!in_doc) continue;
      if (i > 0 && ((toks_[i - 1].key_flags & NameLists::kLocative) || equals(toks_[i - 1].key, "on") || equals(toks_[i - 1].key, "by") ||
                    equals(toks_[i - 1].key, "since") || equals(toks_[i - 1].key, "until") || equals(toks_[i - 1].key, "of")))
        continue;
      if (i + 1 < n && toks_[i + 1].kind == TokenKind::Number) continue;
    }
    // Without a full mention, a family name that is also a word or a given name needs a
    // capital letter where a word would not have one.
    if (!in_doc) {
      // After "the" only as the leader of a government or a time: "the Monti government".
      bool led = i + 1 < n && toks_[i + 1].sentence == t.sentence && (toks_[i + 1].key_flags & NameLists::kLedNoun);
      if (t.initial || (i > 0 && (equals(toks_[i - 1].key, "the") || equals(toks_[i - 1].key, "The")) && !led)) continue;
      if (title_case_around(i, i + 1)) continue;  // a headline: Towns Without Ferries
      if ((t.word_flags & NameLists::kGivenName) && !title_before_[i] && !led) continue;
      // A family name that is also an English word ("He", "Long") needs a title or a full
      // mention in the document: the word is the likelier reading.
      if (t.common() && !title_before_[i]) continue;
      // Nor, from the lexicon alone, a name of one or two letters ("O", "Li"), the end of a
      // longer capitalised name ("SeaCo Business Park", "Taiwan Power"; a title before is
      // fine: "President Reagan"), or the start of an organisation's ("Johnson and Johnson",
      // "Power Co").
      if (t.word().size() <= 2) continue;
      if (i >= 2 && equals(toks_[i - 1].key, ",") && toks_[i - 2].allcaps) continue;  // "WICHITA, Kan, March 12": a state
      if (i > 0 && toks_[i - 1].sentence == t.sentence && toks_[i - 1].kind == TokenKind::Word && toks_[i - 1].cap &&
          !toks_[i - 1].initial && !title_before_[i] && !(toks_[i - 1].key_flags & (NameLists::kTitle | NameLists::kTitleStart)))
        continue;
      if (i + 1 < n && toks_[i + 1].sentence == t.sentence &&
          ((toks_[i + 1].word_flags & NameLists::kOrgTail) ||
           (i + 2 < n && equals(toks_[i + 1].key, "and") && toks_[i + 2].key == t.key)))
        continue;
    } else if (t.initial && t.common() && people->empty()) {
      continue;
    }
    // Candidates: the people of the document with this family name, then the lexicon's.
    // Views of the Seen lists' and the lexicon's strings, which outlive the choice; the
    // vector is the thread's, emptied per name, so that a name allocates nothing here.
    struct Option {
      std::string_view id, name;
      int32_t entry;
      int score;
      int led = 0;  // of the score, what "the X administration" gave: tells apart, is no evidence
    };
    thread_local std::vector<Option> options;
    options.clear();
    constexpr int kRuledOut = 100;  // a score penalty no evidence outweighs
    if (in_doc) {
      size_t latest = 0;
      for (const Seen& o : *people) latest = std::max(latest, o.last);
      // The person named first is the story's protagonist more often than not; the one named
      // last before this point the likelier referent (not so before any full mention: a
      // headline's "Clinton" is not whoever the story names last).
      for (const Seen& s : *people)
        options.push_back({s.id, s.name, s.entry,
                           10 + 2 * std::min(s.count, 5) + (seen_before && s.last == latest ? 4 : 0) +
                               (&s == &(*people)[0] ? 3 : 0)});
    }
    if (lex_people)
      for (uint32_t ei : *lex_people) {
        const LexEntry& e = lex_.entry(ei);
        bool dup = false;
        for (const Option& o : options) dup = dup || o.id == e.id;
        if (dup) continue;
        options.push_back({e.id, e.name, static_cast<int32_t>(ei), e.offices().empty() ? 0 : 1});
      }
    // Evidence from the sentence: the year written nearest to the name (the one before it
    // when two are as near), the tense, epithets.
    int year = 0;
    const auto year_after = std::lower_bound(years_at_.begin(), years_at_.end(), i, [](const YearAt& y, size_t k) { return y.token < k; });
    size_t year_dist = SIZE_MAX;
    if (year_after != years_at_.begin() && toks_[std::prev(year_after)->token].sentence == t.sentence) {
      year = std::prev(year_after)->year;
      year_dist = i - std::prev(year_after)->token;
    }
    if (year_after != years_at_.end() && toks_[year_after->token].sentence == t.sentence && year_after->token - i < year_dist)
      year = year_after->year;
    const bool present = shape_[t.sentence].present;
    const int gendered_title = gender_of_title(i);
    // The words before the name, in lower case: made for the first option from the lexicon
    // (the people found by pattern have no epithets or roles to match). The thread's.
    thread_local std::string before;
    bool before_made = false;
    const std::string_view kin_target = kin_named_at(i);
    const bool led_by_name = i + 1 < n && toks_[i + 1].sentence == t.sentence && (toks_[i + 1].key_flags & NameLists::kLedNoun);
    // The lower case of epithets, roles and titles, in the thread's buffers: no allocation
    // per string.
    thread_local std::string family_low, phrase_low;
    if (year_of_doc < 0) year_of_doc = doc_year();
    for (Option& o : options) {
      if (o.entry < 0) continue;
      if (!before_made) {
        before.clear();
        for (size_t k = i >= 3 ? i - 3 : 0; k < i; ++k)
          if (toks_[k].sentence == t.sentence) {
            if (!before.empty()) before += ' ';
            append_lower_key(before, k);
          }
        before_made = true;
      }
      const LexEntry& e = lex_.entry(static_cast<uint32_t>(o.entry));
      if (!kin_target.empty() && e.id == kin_target) o.score += 40;
      // "the Reagan administration": the one of the family who led one (held an office).
      if (led_by_name && !e.offices().empty()) {
        o.score += 20;
        o.led = 20;
      }
      if (year) {
        bool office = false;
        for (const Office& of : e.offices()) office = office || (year >= of.from && year <= of.to);
        if (office) o.score += 12;
        else if (e.born && year < e.born) o.score -= 15;
        else if (e.died && year > e.died + 1) o.score -= 15;
      } else if (year_of_doc) {
        for (const Office& of : e.offices())
          if (year_of_doc >= of.from && year_of_doc <= of.to) {
            o.score += 6;
            break;
          }
        // A story from before the person grew up is about someone else.
        if (e.born && year_of_doc < e.born + 20) o.score -= kRuledOut;
      }
      // A family name alone, undated, is mostly the living one (living when the story was written).
      if (!year && e.died && !(year_of_doc && year_of_doc <= e.died)) o.score -= present ? 8 : 5;
      if (const std::vector<std::string_view>& epithets = e.epithets(); !epithets.empty()) {
        const std::string_view family = utf8::lower_into(e.family, family_low);
        for (std::string_view ep : epithets) {
          // "the elder Kim": the epithet's words before " " and the family name match the
          // words before.
          const std::string_view low = utf8::lower_into(ep, phrase_low);
          if (low.size() > family.size() + 1 && low.ends_with(family) && low[low.size() - family.size() - 1] == ' ' &&
              before.ends_with(low.substr(0, low.size() - family.size() - 1)))
            o.score += 25;
        }
      }
      if (before.size() >= 8 && before.compare(before.size() - 8, 8, "the late") == 0) o.score += e.died ? 6 : -6;
      // "President Obama", "Foreign Minister Wang": a role of theirs right before the name.
      // A title's first word stands for the whole, with less weight: "Secretary Clinton"
      // (secretary of state), "Senator Clinton" (an office: United States Senator).
      if (e.facts) {
        bool role_before = false;
        // The last byte first: most roles end in another, and memcmp is then not called.
        for (std::string_view role : e.facts->roles)
          role_before = role_before || (before.size() >= role.size() && (role.empty() || before.back() == role.back()) &&
                                        std::memcmp(before.data() + before.size() - role.size(), role.data(), role.size()) == 0 &&
                                        (before.size() == role.size() || before[before.size() - role.size() - 1] == ' '));
        const size_t sp = before.rfind(' ');
        const std::string_view last_word = std::string_view(before).substr(sp == std::string::npos ? 0 : sp + 1);
        const bool title_word = i > 0 && toks_[i - 1].sentence == t.sentence &&
                                ((toks_[i - 1].key_flags & NameLists::kTitle) || (toks_[i - 1].lower_flags & NameLists::kRoleNoun));
        int weight = role_before ? 20 : 0;
        if (!role_before && title_word && last_word.size() > 3) {
          auto has_word = [&](std::string_view phrase, bool first_only) {
            const std::string_view low = utf8::lower_into(phrase, phrase_low);
            auto ends_at = [&](size_t at) { return at + last_word.size() == low.size() || low[at + last_word.size()] == ' '; };
            if (first_only) return low.compare(0, last_word.size(), last_word) == 0 && ends_at(0);
            for (size_t at = low.find(last_word); at != std::string_view::npos; at = low.find(last_word, at + 1))
              if ((at == 0 || low[at - 1] == ' ') && ends_at(at)) return true;
            return false;
          };
          for (std::string_view role : e.facts->roles) role_before = role_before || has_word(role, true);
          for (const Office& of : e.offices()) role_before = role_before || has_word(of.title, false);
          if (role_before) weight = 12;  // less than the role itself: "Governor Bush" in 2016 is Jeb (roles=governor)
        }
        o.score += weight;
      }
      // "Mrs. Clinton", "Ms. Kim": a woman of the family; "Mr. Clinton" a man.
      if (gendered_title < 0) o.score += e.female ? 30 : -30;
      else if (gendered_title > 0 && e.female) o.score -= 30;
    }
    if (options.empty()) continue;
    const Option* best = &options[0];
    for (const Option& o : options)
      if (o.score > best->score) best = &o;
    // From the lexicon alone with nothing in the sentence or the date to go by, two of its
    // people equally likely: no one ("Wang said" in an undated story).
    bool evidence = best->score - best->led >= 6;  // a year, the story's date or an epithet raised it
    if (!in_doc && best->score <= -kRuledOut / 2) continue;  // the lexicon's only candidates are ruled out by the dates
    if (!in_doc && !evidence) {
      bool tie = false;
      for (const Option& o : options) tie = tie || (&o != best && o.score == best->score);
      if (tie) continue;
    }
    Mention m{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), t.stripped_end,
              EntityType::PERSON, std::string(best->id), std::string(best->name), How::Alias, best->entry};
    note(m, i);
    out.push_back(std::move(m));
  }
  // The nested names after the name that contains them.
  if (!nested_.empty()) {
    auto before = [](const Mention& a, const Mention& b) {
      if (a.b != b.b) return a.b < b.b;
      return a.nested < b.nested;
    };
    // The stable sort of the two one after the other, as a stable merge of each stably
    // sorted (both are in order already, as a rule).
    if (!std::is_sorted(out.begin(), out.end(), before)) std::stable_sort(out.begin(), out.end(), before);
    if (!std::is_sorted(nested_.begin(), nested_.end(), before)) std::stable_sort(nested_.begin(), nested_.end(), before);
    merge_into(out, nested_, before);
  }
  mentions_.swap(out);
  out.clear();
}

}  // namespace kimput::entities_detail
