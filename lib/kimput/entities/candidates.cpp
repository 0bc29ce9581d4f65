// The entity matcher's candidates and the choice among them (see matcher.h).
#include "kimput/entities/matcher.h"

namespace kimput::entities_detail {

void DocumentMatcher::lexicon_candidates() {
  const size_t n = toks_.size();
  lex_place_.assign(n, 0);
  // Read once, the longest alias and the tokens' array: the walk's stores (lex_word()'s)
  // would have them loaded again at every token.
  const size_t max_tokens = lex_.max_alias_tokens();
  const Tok* const toks = toks_.data();
  for (const size_t i : lex_starts_at_) {
    const Tok& t = toks[i];
    // Not the second part of a hyphenated name ("Mbeki-Lund"); "pro-Beijing" is fine.
    if (i >= 2 && equals(toks[i - 1].key, "-") && toks[i - 1].begin == toks[i - 2].end && toks[i].begin == toks[i - 1].end &&
        toks[i - 2].kind == TokenKind::Word && toks[i - 2].cap)
      continue;
    uint32_t node = Lexicon::kRoot;
    size_t best_end = 0;
    uint32_t best_node = Lexicon::kNone;
    bool best_poss = false;
    size_t shorter_end = 0;  // the longest match that ends before the best one
    uint32_t shorter_node = Lexicon::kNone;
    for (size_t j = i, end = std::min(n, i + max_tokens); j < end; ++j) {
      if (toks[j].sentence != t.sentence) break;
      if (j > i && toks[j].begin > toks[j - 1].end && equals(toks[j].key, ".")) break;
      uint32_t next = lex_.child(node, lex_word(j, false));
      // A word in capitals as the name in title case ("TOKYO --"): a long one anywhere, a short
      // one only opening a sentence or a run of capitals (a dateline: "ROME, Feb 27 -"), not an
      // acronym amid the text ("the ICO said" is no town "Icó").
      if (next == Lexicon::kNone && toks[j].allcaps &&
          (toks[j].key.size() >= 5 || toks[j].initial || (j > i && toks[j - 1].allcaps) ||
           (j > 0 && toks[j - 1].allcaps && toks[j - 1].sentence == t.sentence))) {
        next = lex_.child(node, lex_title_word(j));
        // A particle inside a name in capitals: "RIO DE JANEIRO" is "Rio de Janeiro".
        if (next == Lexicon::kNone && j > i && toks[j].key.size() <= 3) next = lex_.child(node, toks[j].lower);
      }
      // A possessive ends a name ("Japan's economy"), even where the lexicon also has a
      // longer name that goes on after it ("Japan's Foreign Ministry"): the longer one, if
      // the text has it, wins below.
      if (!toks[j].stripped.empty()) {
        uint32_t s = lex_.child(node, lex_word(j, true));
        if (s != Lexicon::kNone && !lex_.entries_at(s).empty()) {
          best_end = j + 1;
          best_node = s;
          best_poss = true;
        }
        if (next == Lexicon::kNone) break;
      }
      if (next == Lexicon::kNone) break;
      node = next;
      if (!lex_.entries_at(node).empty()) {
        if (best_node != Lexicon::kNone && !best_poss) {
          shorter_end = best_end;
          shorter_node = best_node;
        }
        best_end = j + 1;
        best_node = node;
        best_poss = false;
      }
    }
    if (best_node == Lexicon::kNone) continue;
    choose_entry(i, best_end, best_node, best_poss, false);
    // A shorter name at the same start, for names inside names ("Ohio" of
    // "Ohio State University"): only ever nested.
    if (shorter_node != Lexicon::kNone && best_end - i >= 2) choose_entry(i, shorter_end, shorter_node, false, true);
  }
}

void DocumentMatcher::choose_entry(size_t i, size_t best_end, uint32_t best_node, bool best_poss, bool nested_only) {
  const size_t n = toks_.size();
  const Tok& t = toks_[i];
  {
    // The best entry that the context allows.
    for (uint32_t ei : lex_.entries_at(best_node)) {
      const LexEntry& e = lex_.entry(ei);
      size_t len = best_end - i;
      if (len == 1 && t.initial && t.common() && !caps_amid_lower(i)) continue;  // "Reading the report ...", "Mobile phones ..."
      // A city's two capitals ("LA") in mixed-case text only: not in a run of capitals ("LA
      // JOLLA", "LA PAZ"), not a state after a city ("NEW ORLEANS, LA."), not a table's row.
      if (len == 1 && e.rank == 2 && t.allcaps && t.key.size() == 2 &&
          ((best_end < n && (toks_[best_end].allcaps || toks_[best_end].kind == TokenKind::Number ||
                             (equals(toks_[best_end].key, ".") && toks_[best_end].begin == t.end))) ||
           (i > 0 && (equals(toks_[i - 1].key, ",") || toks_[i - 1].allcaps))))
        continue;
      if (len == 1 && (t.lower_flags & NameLists::kTimeWord) && e.type != EntityType::EVENT) continue;  // "in March", "May"
      // After a title a one-word name is a person's, not the place: "Captain America", "Mr.
      // Jordan" (an abbreviation stays the country: "Deputy U.S. Trade Representative").
      if (len == 1 && e.type == EntityType::GPE && i > 0 && toks_[i - 1].cap && toks_[i - 1].sentence == t.sentence &&
          (toks_[i - 1].key_flags & NameLists::kTitle) && !t.allcaps && t.key.find('.') == std::string_view::npos)
        continue;
      // "US$ 20,000", "HK$5": a currency, not the place.
      if (best_end < n && equals(toks_[best_end].key, "$") && toks_[best_end].begin == toks_[best_end - 1].end) continue;
      // Not the first part of a hyphenated name ("Lund-Mbeki").
      if (best_end + 1 < n && equals(toks_[best_end].key, "-") && toks_[best_end].begin == toks_[best_end - 1].end &&
          toks_[best_end + 1].begin == toks_[best_end].end && toks_[best_end + 1].cap)
        continue;
      if (i > 0 && toks_[i - 1].end == t.begin && stance_prefixed(i)) continue;  // (no call for a word after a space)
      if (e.ambiguous) {
        bool ok = false;
        // "in Georgia": a place preposition supports a place, not a person ("starred in Hamlet").
        if (i > 0 && (toks_[i - 1].key_flags & NameLists::kLocative) && e.type != EntityType::PERSON) ok = true;
        if (best_end + 1 < n && equals(toks_[best_end].key, ",") && toks_[best_end + 1].cap) ok = ok || e.type != EntityType::PERSON;
        // The full name of an entity with an ambiguous short form ("The Guardian").
        if (len >= 2) ok = true;
        // "US President", "the WHO said": capitals where the word would be lower case.
        if (len == 1 && caps_amid_lower(i)) ok = true;
        if (!ok) continue;
      }
      // A generated place name (city, province) of one word right before another capitalised
      // word is most likely part of a longer name ("Sydney Smith", "Victoria Falls").
      bool inner_only = e.rank > 0 && len == 1 && best_end < n && unit_end(best_end) > best_end &&
                        toks_[best_end].sentence == t.sentence && !best_poss;
      Cand c;
      c.inner_only = inner_only;
      c.b = static_cast<uint32_t>(i);
      c.e = static_cast<uint32_t>(best_end);
      c.type = e.type;
      c.entry = static_cast<int32_t>(ei);
      c.how = How::Lexicon;
      c.prio = e.rank;  // curated 0, subdivisions 1, cities 2
      c.end_byte = byte_end(c);
      if (nested_only) {
        if (e.type == EntityType::NORP || e.type == EntityType::EVENT) break;
        c.inner_only = true;
      }
      if (!c.inner_only && len == 1 && e.type != EntityType::PERSON) lex_place_[i] = 1;
      cands_.push_back(c);
      break;
    }
  }
}

void DocumentMatcher::pattern_candidates() {
  const size_t n = toks_.size();
  // Read once: the stores (candidates added, titles marked) would have the vector's start
  // loaded again at every read of a token.
  const Tok* const toks = toks_.data();
  title_before_.assign(n, 0);
  std::string phrase;       // a run of tokens spelled as a title
  // Word type -> the earliest end of a person candidate whose last word it is (family names
  // of people named so far), kept up to date as candidates are added.
  std::vector<uint32_t>& family_end = family_end_;
  family_end.assign(types_.size(), UINT32_MAX);
  size_t family_scanned = 0;
  size_t title_run_end = 0;  // the end of the last title run found
  // East Asian family names the lexicon knows (the first word of "Kim Jong Un").
  // Each step starts at a capitalised word, or at the lower-case role noun right before one.
  for (const size_t i : caps_at_) {
    const Tok& t = toks[i];
    int units = 0;
    bool poss = false;
    // 3. A role noun before a name: "spokesman Dmitry Peskov", "analyst Jane Doe" (before the
    // word's own steps, as when the scan went through every word).
    if (i > 0 && toks[i - 1].kind == TokenKind::Word && !toks[i - 1].cap && (toks[i - 1].key_flags & NameLists::kRoleNoun)) {
      // A title after the role noun is the title's to handle ("director General Ann Roe",
      // "candidate Florida Senator Marco Rubio").
      size_t e = name_seq(i, 4, &units, &poss);
      bool titled = false;
      for (size_t k = i; k < e && !titled; ++k) titled = toks[k].cap && (toks[k].key_flags & NameLists::kTitle);
      if (!titled) {
        e = drop_common_tail(i, e, &units);
        if (units >= 2) add_pattern(static_cast<uint32_t>(i), static_cast<uint32_t>(e), EntityType::PERSON, 3);
        if (units >= 1) title_before_[i] = 1;
      }
    }
    // After "the novel", "the film": a work's title, no person ("the graphic novel Angel Catbird").
    const bool after_work = i > 0 && toks[i - 1].kind == TokenKind::Word && !toks[i - 1].cap &&
                            (toks[i - 1].lower_flags & NameLists::kWorkNoun) && toks[i - 1].sentence == t.sentence;
    // 1. A given name followed by a family name: "Artyom Lukin", "Leif-Eric Easley".
    if (!after_work &&
        ((t.key_flags & NameLists::kGivenName) || ((t.key_flags & NameLists::kAmbiguousGivenName) && !t.initial))) {
      size_t e = name_seq(i, 4, &units, &poss);
      // A title inside ends the name: "South Carolina Sen. Lindsey Graham" ("Carolina" is a
      // given name too), "Alberta Premier Don Getty"; a title word that is no abbreviation and
      // is not followed by a given name may be a family name ("Martin Luther King Jr.").
      for (size_t k = i + 1; k < e; ++k)
        if ((toks[k].key_flags & NameLists::kTitle) && toks[k].cap &&
            (toks[k].key.back() == '.' ||
             (k + 1 < e && (toks[k + 1].key_flags & (NameLists::kGivenName | NameLists::kAmbiguousGivenName))))) {
          for (int max_units = units - 1; e > k && max_units > 0; --max_units) e = name_seq(i, max_units, &units, &poss);
          break;
        }
      // "Anna Kovac Foundation": the person ends before an organisation's or a place's
      // tail word (the organisation itself is found by org_candidates).
      while (units > 2 && (toks[e - 1].word_flags & (NameLists::kOrgTail | NameLists::kEventTail | NameLists::kPlaceTail)) &&
             unit_end(e - 1) == e) {
        --e;
        --units;
        poss = false;
      }
      // In a list between commas ("Ansel Adams, Chuck Close, Walker Evans") a given name and
      // a family name that is also a word are a person, as before lower case.
      bool listed = units == 2 && i > 0 && equals(toks[i - 1].key, ",") && e < n && (equals(toks[e].key, ",") || equals(toks[e].key, "and")) &&
                    (t.key_flags & NameLists::kGivenName) && !t.common() && toks[e - 1].key.size() >= 3 &&
                    toks[e - 1].stripped.empty() && !(toks[e - 1].word_flags & (NameLists::kOrgTail | NameLists::kPlaceTail));
      if (!listed) e = drop_common_tail(i, e, &units);
      // A family name that is also a word ("Ann Law", "Tom Key") when the sentence goes
      // on in lower case after it and the given name is not itself a word.
      bool word_family = listed || (toks[e - 1].common() && e < n && toks[e].kind == TokenKind::Word && !toks[e].cap &&
                                    toks[e].sentence == t.sentence && (t.key_flags & NameLists::kGivenName) && units == 2 &&
                                    toks[e - 1].key.size() >= 3);
      // No common word between the given name and the last: "May Have Won Cruz" is a headline.
      bool common_inside = false;
      for (size_t k = i + 1; k + 1 < e && !common_inside; ++k)
        common_inside = toks[k].kind == TokenKind::Word && toks[k].common() && !(toks[k].key_flags & NameLists::kGivenName);
      if (units >= 2 && (!toks[e - 1].common() || word_family) && !common_inside)
        add_pattern(static_cast<uint32_t>(i), static_cast<uint32_t>(e), EntityType::PERSON, 3);
      // A nickname in quotation marks between given and family name: Earvin “Magic”
      // Johnson, Marcia "Cia" Price (one quoted word, then a family name that is no word).
      auto quote_mark = [](std::string_view k) {
        return equals(k, "\"") || equals(k, "'") || equals(k, "\xE2\x80\x9C") || equals(k, "\xE2\x80\x9D") || equals(k, "\xE2\x80\x98") ||
               equals(k, "\xE2\x80\x99");
      };
      if (i + 4 < n && quote_mark(toks[i + 1].key) && toks[i + 2].kind == TokenKind::Word && toks[i + 2].cap &&
          quote_mark(toks[i + 3].key) && toks[i + 4].kind == TokenKind::Word && toks[i + 4].cap &&
          !toks[i + 4].common() && toks[i + 4].sentence == t.sentence) {
        size_t fe = unit_end(i + 4);
        if (fe > i + 4) {
          size_t before = cands_.size();
          add_pattern(static_cast<uint32_t>(i), static_cast<uint32_t>(fe), EntityType::PERSON, 2);
          if (cands_.size() > before) {  // the canonical name leaves the nickname out: "Marcia Price"
            Cand& c = cands_.back();
            c.name = std::string(t.key) + " " + std::string(text_, toks[i + 4].begin, c.end_byte - toks[i + 4].begin);
          }
        }
      }
    }
    // 2. A title before a name: "Deputy Foreign Minister Igor Morgulov", "Dr. Smith".
    if (t.key_flags & NameLists::kTitleStart) {
      // The longest run of tokens from i that is a title, grown while it is a title's prefix.
      size_t len = 0;
      phrase.clear();
      for (size_t k = 0; k < std::min(words_.max_title_words, n - i); ++k) {
        // "Secretary-General": a hyphen joins its neighbours without spaces.
        bool glue = k == 0 || equals(toks[i + k].key, "-") || equals(toks[i + k - 1].key, "-");
        if (!glue) phrase += ' ';
        phrase += toks[i + k].key;
        uint8_t kind = words_.title_phrase(phrase);
        if (kind & NameLists::kTitlePhrase) len = k + 1;
        if (!(kind & NameLists::kTitlePrefix)) break;
      }
      if (len > 0) {
        size_t s = i + len;
        title_run_end = std::max(title_run_end, s);
        size_t e = name_seq(s, 4, &units, &poss);
        // "Deputy Interior Minister Jane Doe" where only "Deputy" is listed: the name starts
        // after the last title word of the run.
        for (size_t k = e; k > s + 1; --k)
          if ((toks[k - 2].key_flags & NameLists::kTitle) || toks[k - 2].common()) {
            s = k - 1;
            e = name_seq(s, 4, &units, &poss);
            break;
          }
        e = drop_common_tail(s, e, &units);
        if (units >= 2) add_pattern(static_cast<uint32_t>(s), static_cast<uint32_t>(e), EntityType::PERSON, 3);
        if (units >= 1 && s < n) title_before_[s] = 1;
      }
    }
    // 4-6. A capitalised sequence of two to four units with a person's context after or before it
    // (not from inside a title: "Exchequer" of "Chancellor of the Exchequer Nigel Lawson").
    // No title, common word or known place inside: "Russian President Vladimir Putin" is
    // not one name. A known place as the family name ("Marie Paris") only with a
    // person's context after or before it.
    auto plain_word = [&](size_t k) {
      return !(toks[k].common() || (toks[k].key_flags & NameLists::kTitle) || lex_place_[k] ||
               // a day's name, unless also a given name ("Christmas Eve", not "April Ryan")
               ((toks[k].lower_flags & NameLists::kTimeWord) &&
                !(toks[k].key_flags & (NameLists::kGivenName | NameLists::kAmbiguousGivenName))));
    };
    // (A first word that is not plain ends the step before name_seq() is called.)
    if (!(t.initial && t.common()) && i >= title_run_end && !after_work && !(t.kind == TokenKind::Word && !plain_word(i))) {
      size_t e = name_seq(i, 4, &units, &poss);
      size_t last_unit = e;
      while (last_unit > i + 1 && toks[last_unit - 1].begin == toks[last_unit - 2].end && equals(toks[last_unit - 2].key, "-")) last_unit -= 2;
      if (last_unit > i) --last_unit;
      bool plain = true, place_last = false;
      for (size_t k = i; k < e && plain; ++k) {
        if (toks[k].kind != TokenKind::Word) continue;
        if (lex_place_[k] && k >= last_unit && k > i) place_last = true;
        else plain = plain_word(k);
      }
      if (plain && units >= 1 && units <= 4 && !toks[e - 1].common()) {
        bool person = false;
        bool thing = false;  // ", its main rival": what "its" describes is no person
        // Appositive: ", a professor at ...", ", the former ...", ", who ..."
        if (!poss && e + 1 < n && equals(toks[e].key, ",")) {
          size_t k = e + 1;
          if (equals(toks[k].key, "who")) person = true;
          // "Firefox, its main rival": a thing; "Jane Doe, its chief executive": a person (a job).
          bool its = equals(toks[k].key, "its");
          thing = its;
          if (its || equals(toks[k].key, "a") || equals(toks[k].key, "an") || equals(toks[k].key, "the")) ++k;
          else if (k + 1 < n && !toks[k].stripped.empty()) ++k;  // ", Russia's ambassador"
          // (A relation is no job: "its main rival", "its successor" are things.)
          for (size_t m = 0; m < 4 && k < n && !person; ++m, ++k) {
            if (toks[k].kind != TokenKind::Word) break;
            if ((toks[k].key_flags & (its ? NameLists::kRoleNoun : NameLists::kAppositionNoun | NameLists::kRoleNoun)) &&
                !(its && (toks[k].lower_flags & NameLists::kRelation)))
              person = true;
            if (toks[k].cap && !lex_place_[k]) break;  // ", an Australian woman" goes on past "Australian"
          }
        }
        // Subject of a speech verb: "Jane Doe said"; inverted: "said Jane Doe".
        const bool verb_after = is_verb_at(e, true);  // read again below
        if (!poss && verb_after) person = true;
        if (i > 0 && toks[i - 1].kind == TokenKind::Word) {
          const auto* forms = toks[i - 1].stripped.empty() ? verbs_.starting_with(toks[i - 1].lower)
                                                            : verbs_.starting_with(utf8::lower(toks[i - 1].key));
          if (forms)
            for (const auto& f : *forms)
              if (f.words.size() == 1 && (f.kind == VerbKind::Speech) && !f.participle) person = true;
        }
        // "according to Jane Doe"
        if (i >= 2 && equals(toks[i - 1].key, "to") && lower_key_is(i - 2, "according")) person = true;
        // "Chan Tai-man", "Lee Mi-rae": a family name and a hyphenated given name whose
        // second syllable is lower case (Chinese and Korean romanisation), not "Hong Kong-based".
        bool hyphen_given = false;
        if (units == 2 && e - i == 4 && equals(toks[i + 2].key, "-") && !toks[i + 3].cap && toks[i + 3].stripped.empty() &&
            toks[i + 3].key.size() <= 6 && !(toks[i + 3].common() && toks[i + 3].key.size() > 3) && !t.allcaps)
          hyphen_given = true;
        if (units == 1) {
          // "..., said Ferris." : one capitalised word after an inverted speech verb.
          bool inverted = i > 0 && person && !verb_after && !(i >= 2 && equals(toks[i - 1].key, "to"));
          if (inverted && !lex_place_[i] && !t.allcaps && e == i + 1 && e < n && (equals(toks[e].key, ",") || equals(toks[e].key, ".")) &&
              !(t.key_flags & (NameLists::kTitle | NameLists::kRoleNoun | NameLists::kOrgTail)))
            add_pattern(static_cast<uint32_t>(i), static_cast<uint32_t>(e), EntityType::PERSON, 4);
        } else if (person || (hyphen_given && !place_last)) {
          add_pattern(static_cast<uint32_t>(i), static_cast<uint32_t>(e), EntityType::PERSON, 4);
        } else if (!place_last && !thing && units <= 3 && bare_name(i, e)) {
          // A bare run of two or three capitalised units that are neither words, titles nor
          // known places, not after "the": most such runs in news are people ("Tomas
          // Brandt", "Ho Wai-lun"). The weakest candidate: any other reading wins. Not when
          // it starts with the family name of a person named so far ("Warhol Polaroid
          // exhibits" after "Andy Warhol"): that is the person's, not another person.
          for (; family_scanned < cands_.size(); ++family_scanned) {  // the candidates added since last time
            const Cand& c = cands_[family_scanned];
            if (c.type != EntityType::PERSON || c.e - c.b < 2) continue;
            uint32_t& end = family_end[toks[c.e - 1].type];
            end = std::min(end, c.e);
          }
          if (family_end[t.type] > i) add_pattern(static_cast<uint32_t>(i), static_cast<uint32_t>(e), EntityType::PERSON, 6);
        }
      }
    }
  }
}

void DocumentMatcher::org_candidates() {
  const size_t n = toks_.size();
  auto connector = [&](size_t k) {
    std::string_view w = toks_[k].key;
    return equals(w, "of") || equals(w, "for") || equals(w, "and") || equals(w, "&") || equals(w, "the") || equals(w, "on") || equals(w, "de");
  };
  // A sentence in title case (most of its words capitalised): a headline.
  auto headline = [&](uint32_t sentence) {
    if (sentence >= shape_.size()) return false;
    const SentenceShape& sh = shape_[sentence];
    return sh.words >= 4 && sh.caps * 10 >= sh.words * 7;
  };
  // Left edge: capitalised words (not a possessive, not a sentence-initial common word).
  auto extend_left = [&](size_t j) {
    size_t b = j;
    while (b > 0) {
      const Tok& p = toks_[b - 1];
      if (p.sentence != toks_[j].sentence || p.kind != TokenKind::Word || !p.cap || !p.stripped.empty()) break;
      // A sentence's first word: part of the name unless it is one that opens sentences
      // ("But Boeing Co said") or a title or role ("Chairman", "Analyst").
      if (p.initial && p.common()) {
        constexpr uint32_t kRole = NameLists::kRoleNoun | NameLists::kAppositionNoun;
        std::string_view low = p.lower;
        // A plural noun opens a sentence, not a name: "Analysts Merrill Lynch ...", "Republicans Jolly of ...".
        bool plural_noun = low.size() > 3 && low.back() == 's' &&
                           (words_.flags(low.substr(0, low.size() - 1)) & (kRole | NameLists::kCommonWord));
        if ((p.lower_flags & (NameLists::kNotFirst | kRole)) || (p.key_flags & (NameLists::kTitle | NameLists::kTitleStart)) ||
            plural_noun || verbs_.starting_with(p.lower) != nullptr ||  // "Replied State Department deputy ..."
            headline(toks_[j].sentence))  // "Exit Polls In West Virginia Spell Bad News"
          break;
      }
      if (equals(p.lower, "the") || equals(p.lower, "a") || equals(p.lower, "an")) break;  // "- The Bank of England said"
      if ((p.key_flags & NameLists::kTitle) && p.key.back() == '.') break;  // "Mr. Band wrote"
      if (p.allcaps && p.key.size() > 5) break;
      // "the pro-Beijing New People Party": the name starts after the adjective; a capitalised
      // prefix is the name's own ("Anti-Defamation League", "Pro-Life Action League").
      if (stance_prefixed(b - 1) && !toks_[b - 3].cap) break;
      --b;
      // "Al-Noor Mosque", "Make-A-Wish Foundation": hyphens join capitalised parts of the name.
      while (b >= 2 && equals(toks_[b - 1].key, "-") && toks_[b - 1].end == toks_[b].begin && toks_[b - 2].end == toks_[b - 1].begin &&
             toks_[b - 2].kind == TokenKind::Word && toks_[b - 2].cap && toks_[b - 2].sentence == toks_[j].sentence)
        b -= 2;
    }
    return b;
  };
  // Right edge: "of/for/on (the) Capitalised ..." after a head or tail word.
  auto extend_right = [&](size_t e) {
    while (e + 1 < n && toks_[e].sentence == toks_[e - 1].sentence && connector(e) && !equals(toks_[e].key, "and")) {
      size_t k = e + 1;
      if (equals(toks_[k].key, "the") && k + 1 < n) ++k;
      // Not "… Station on Monday"; capitalised words inside a name may be common ones
      // ("University of Southern Indiana").
      if (toks_[k].kind != TokenKind::Word || !toks_[k].cap || (toks_[k].common() && (toks_[k].lower_flags & NameLists::kTimeWord))) break;
      size_t f = k;
      while (f < n && toks_[f].kind == TokenKind::Word && toks_[f].cap && toks_[f].sentence == toks_[k].sentence) {
        ++f;
        if (!toks_[f - 1].stripped.empty()) break;
      }
      e = f;
      if (!toks_[e - 1].stripped.empty()) break;
    }
    return e;
  };
  // The tokens where a lexicon name of two or more tokens starts.
  std::vector<int8_t>& lex_long = lex_long_;
  lex_long.assign(n, 0);
  for (const Cand& c : cands_)
    if (c.how == How::Lexicon && c.e - c.b >= 2) lex_long[c.b] = 1;
  for (const size_t j : caps_at_) {
    const Tok& t = toks_[j];
    const uint32_t f = t.word_flags;
    // A tail word that begins a longer name the lexicon knows does not end this one: "the
    // Allied Nations and United States" ("United" of "Manchester United").
    bool tail = (f & NameLists::kOrgTail) && !lex_long[j];
    bool event = f & NameLists::kEventTail;
    bool place = f & NameLists::kPlaceTail;
    bool head = (f & NameLists::kOrgHead) && j + 1 < n &&
                (equals(toks_[j + 1].key, "of") || equals(toks_[j + 1].key, "for") || equals(toks_[j + 1].key, "on"));
    if (!tail && !head && !event && !place) continue;
    // Connectors inside a name on the left: "State Science and Technology Commission".
    size_t b = extend_left(j);
    // Not when one word stands on each side of "and" and the tail word is alone: "the House
    // and Senate" are two ("Trade and Industry" of a longer name, and a company's "and Co" or
    // "& Sons", join).
    std::string_view tail_word = t.key;
    if (!tail_word.empty() && tail_word.back() == '.') tail_word.remove_suffix(1);
    const bool lone_tail = b == j && tail_word.size() > 4 && !(words_.flags(tail_word) & NameLists::kPartner);
    while (b >= 2 && (equals(toks_[b - 1].key, "and") || equals(toks_[b - 1].key, "&") || equals(toks_[b - 1].key, "of")) &&
           toks_[b - 2].cap && toks_[b - 2].stripped.empty() && toks_[b - 2].kind == TokenKind::Word &&
           !(!equals(toks_[b - 1].key, "of") && (toks_[b - 2].key_flags & (NameLists::kOrgTail | NameLists::kEventTail))) &&
           toks_[b - 2].sentence == t.sentence) {
      size_t nb = extend_left(b - 1);
      if (nb == b - 1) break;
      if (lone_tail && b == j && !equals(toks_[b - 1].key, "of") && nb == b - 2 &&
          !(nb >= 1 && (equals(toks_[nb - 1].key, "of") || equals(toks_[nb - 1].key, "for"))))
        break;
      // "Ann Lee of Harbour Party": a person of the organisation, not part of its name.
      if (equals(toks_[b - 1].key, "of") && (toks_[nb].key_flags & (NameLists::kGivenName | NameLists::kAmbiguousGivenName))) break;
      b = nb;
    }
    size_t e = j + 1;
    if (t.stripped.empty()) e = extend_right(e);
    if (e - b < 2) continue;  // "University" alone is not a name
    // After "Sen." or "Mr." the words are a person's: "Sen. John Tower", "Mr. Band".
    if (b > 0 && (toks_[b - 1].key_flags & NameLists::kTitle) && toks_[b - 1].key.back() == '.') continue;
    EntityType type = EntityType::ORG;
    if (event) type = EntityType::EVENT;
    else if (!tail && !head) type = (f & NameLists::kPlaceTailFac) ? EntityType::FAC : EntityType::LOC;
    add_pattern(static_cast<uint32_t>(b), static_cast<uint32_t>(e), type, 2);
  }
  // "the town of Yeoncheon", "the Municipality of Bogliasco": after a kind of place and "of",
  // a capitalised name of up to three words is a place (one the lexicon may lack). The kind
  // in capitals only after "the" ("Province of Ontario Act" is not one). Walked from the
  // capitalised words, where such a name starts.
  for (const size_t b : caps_at_) {
    if (b < 2) continue;
    const size_t j = b - 2;
    const Tok& t = toks_[j];
    if (t.kind != TokenKind::Word || !(t.lower_flags & NameLists::kPlaceOf) || !equals(toks_[j + 1].key, "of")) continue;
    if (t.cap && !(j > 0 && lower_key_is(j - 1, "the") && toks_[j - 1].sentence == t.sentence)) continue;
    size_t e = b;
    while (e < n && e < b + 3 && toks_[e].kind == TokenKind::Word && toks_[e].cap && toks_[e].sentence == t.sentence) {
      ++e;
      if (!toks_[e - 1].stripped.empty()) break;  // "the town of Ardmore's mayor"
    }
    if (e == b || toks_[e - 1].common()) continue;  // "the Province of Ontario Act", "the City of Brotherly Love"
    bool named_kind = false;                                  // "the city of Ulsan Metropolitan Council"
    for (size_t k = b; k < e; ++k)
      named_kind = named_kind || (toks_[k].word_flags & (NameLists::kOrgTail | NameLists::kEventTail | NameLists::kPlaceTail));
    if (named_kind || (e < n && toks_[e].kind == TokenKind::Word && toks_[e].cap && toks_[e].sentence == t.sentence)) continue;
    add_pattern(static_cast<uint32_t>(b), static_cast<uint32_t>(e), EntityType::GPE, 2);
  }
}

void DocumentMatcher::select() {
  // A person the lexicon names in full ends the name there: in "Bernie Sanders Burns Hillary
  // Clinton" (a headline) no pattern runs on past "Bernie Sanders".
  // (Nor one that starts inside it: "Elizabeth Warren Hammers Wells Fargo".)
  {
    std::vector<int32_t>& lex_person = lex_person_;  // token -> start of the lexicon person covering it
    bool any = false;
    for (const Cand& c : cands_)
      if (c.how == How::Lexicon && c.type == EntityType::PERSON && c.e - c.b >= 2 && !c.inner_only) {
        if (!any) lex_person.assign(toks_.size(), -1);  // filled for a document that has one
        for (uint32_t k = c.b; k < c.e; ++k) lex_person[k] = static_cast<int32_t>(c.b);
        any = true;
      }
    if (any)
      std::erase_if(cands_, [&](const Cand& c) {
        if (c.how != How::Pattern || c.type != EntityType::PERSON) return false;
        bool overlaps = false;
        for (uint32_t k = c.b; k < c.e && !overlaps; ++k) overlaps = lex_person[k] >= 0;
        bool inside = lex_person[c.b] >= 0 && lex_person[c.e - 1] == lex_person[c.b];
        return overlaps && !inside;
      });
  }
  // Longest first, then by priority, then by start; equals in the order they came (a
  // stable sort). Sorted as keys that hold the index, the index breaking ties, and read in
  // that order through the keys, where they are: std::stable_sort moved every candidate,
  // name and all, in each of its merge passes, and a sorted copy moved each once. A key is
  // two numbers compared in order (no candidate read per comparison): the length's
  // complement and the priority (its sign bit flipped, so that unsigned order is signed
  // order), then the start and the index.
  std::vector<std::pair<uint64_t, uint64_t>>& order = order_;
  order.resize(cands_.size());
  for (uint32_t k = 0; k < order.size(); ++k) {
    const Cand& c = cands_[k];
    order[k] = {uint64_t{~(c.e - c.b)} << 32 | (static_cast<uint32_t>(c.prio) ^ 0x80000000u), uint64_t{c.b} << 32 | k};
  }
  std::sort(order.begin(), order.end());
  owner_.assign(toks_.size(), -1);
  std::vector<Cand*>& chosen = chosen_;
  chosen.clear();
  for (const auto& key : order) {
    Cand& c = cands_[static_cast<uint32_t>(key.second)];
    if (c.inner_only) continue;
    bool free = true;
    for (uint32_t k = c.b; k < c.e && free; ++k) free = owner_[k] == -1;
    if (!free) continue;
    for (uint32_t k = c.b; k < c.e; ++k) owner_[k] = -2;
    chosen.push_back(&c);
  }
  std::sort(chosen.begin(), chosen.end(), [](const Cand* a, const Cand* b) { return a->b < b->b; });
  // Their names move into the mentions: select_nested() reads a chosen name's span, not its name.
  for (Cand* c : chosen) mentions_.push_back(mention_of(*c));
  select_nested(chosen);
}

Mention DocumentMatcher::mention_of(Cand& c) const {
  Mention m{c.b, c.e, c.end_byte, c.type, "", "", c.how, c.entry};
  if (c.entry >= 0) {
    const LexEntry& e = lex_.entry(static_cast<uint32_t>(c.entry));
    m.id = e.id;
    m.name = e.name;
  } else {
    m.name = c.name.empty() ? pattern_name(c.b, c.end_byte) : std::move(c.name);
    m.id = slug_id(m.name);
  }
  return m;
}

void DocumentMatcher::select_nested(const std::vector<Cand*>& chosen) {
  std::vector<int32_t>& container = container_;  // token -> chosen name of two or more tokens
  container.assign(toks_.size(), -1);
  for (size_t k = 0; k < chosen.size(); ++k) {
    const Cand& c = *chosen[k];
    // Organisations, facilities and events contain names; so do places found by their tail
    // word ("Sun Yat Memorial"), but not the lexicon's places ("Korea" in "North Korea").
    bool org = c.type == EntityType::ORG || c.type == EntityType::FAC || c.type == EntityType::EVENT;
    bool place = (c.type == EntityType::GPE || c.type == EntityType::LOC) && c.how == How::Pattern;
    if (c.e - c.b < 2 || !(org || place)) continue;
    for (uint32_t t = c.b; t < c.e; ++t) container[t] = static_cast<int32_t>(k);
  }
  std::vector<int8_t>& taken = taken_;
  taken.assign(toks_.size(), 0);
  // Spans the lexicon names as something other than a person ("Morgan Stanley" in "Morgan
  // Stanley and Co Inc."): no person is nested there. Listed (sorted) when a person found by
  // pattern inside a name first asks: most documents have none.
  std::vector<std::pair<uint32_t, uint32_t>>& not_person = not_person_;
  not_person.clear();
  bool not_person_listed = false;
  for (const auto& key : order_) {  // longest first, as in select()
    const Cand& c = cands_[static_cast<uint32_t>(key.second)];
    // A person found by pattern inside a name starts with a known given name ("Anna Kovac"
    // of "Anna Kovac Foundation"); "Dayton Hudson" of "Dayton Hudson Corp" is no person.
    if (c.type == EntityType::PERSON && c.how == How::Pattern &&
        !(toks_[c.b].word_flags & (NameLists::kGivenName | NameLists::kAmbiguousGivenName)))
      continue;
    int32_t k = container[c.b];
    if (k < 0) continue;
    if (c.type == EntityType::PERSON && c.how == How::Pattern) {
      if (!not_person_listed) {
        for (const Cand& l : cands_)
          if (l.how == How::Lexicon && l.type != EntityType::PERSON) not_person.emplace_back(l.b, l.e);
        std::sort(not_person.begin(), not_person.end());
        not_person_listed = true;
      }
      if (std::binary_search(not_person.begin(), not_person.end(), std::make_pair(c.b, c.e))) continue;
    }
    const Cand& outer = *chosen[static_cast<size_t>(k)];
    if (&outer == &c || (c.b == outer.b && c.e == outer.e) || container[c.e - 1] != k) continue;
    // People and places by name; an organisation inside an event or a facility ("the FIFA World Cup", "the U.N. headquarters").
    // A place inside a place only when the lexicon's own list has it, not a generated city.
    bool outer_org = outer.type == EntityType::ORG || outer.type == EntityType::FAC || outer.type == EntityType::EVENT;
    bool wanted = c.type == EntityType::PERSON ? (c.how == How::Lexicon || c.prio <= 4)
                  : c.type == EntityType::GPE || c.type == EntityType::LOC || c.type == EntityType::FAC
                      ? (c.how == How::Lexicon && (outer_org || (c.prio == 0 && !c.inner_only))) ||
                            (c.type == EntityType::GPE && c.how == How::Pattern && outer_org)  // "the Municipality of Bogliasco"
                      : c.type == EntityType::ORG && c.how == How::Lexicon &&
                            (outer.type == EntityType::EVENT ||  // "the FIFA World Cup"
                             // "the U.N. headquarters", not "Times" of "Times Square" or "Hill" of "Capitol Hill"
                             (outer.type == EntityType::FAC && (c.e - c.b >= 2 || toks_[c.b].allcaps)));
    if (!wanted || (c.entry >= 0 && c.entry == outer.entry)) continue;
    // No person at the start of a company's name with a legal suffix ("Sara Lee Corp",
    // "Dayton Hudson Corp", "Eli Lilly Co"): the company is named after the person, and the
    // name is the company's.
    if (c.type == EntityType::PERSON && outer.type == EntityType::ORG && outer.how == How::Pattern && c.b == outer.b &&
        (toks_[outer.e - 1].key_flags & NameLists::kLegalSuffix))
      continue;
    // No place inside a company's name ("Burlington Industries Inc", "Air Midwest Inc"): a
    // name ending in a short company word (Inc, Corp, Co, Ltd, Bank, AG) is a brand.
    if (c.type != EntityType::PERSON && outer.type == EntityType::ORG && outer.how == How::Pattern) {
      std::string_view last = toks_[outer.e - 1].key;
      if (!last.empty() && last.back() == '.') last.remove_suffix(1);
      if ((toks_[outer.e - 1].word_flags & NameLists::kOrgTail) && last.size() <= 4) continue;
    }
    // A person found by pattern ends before the organisation's common words ("Andy Warhol"
    // of "Andy Warhol Photographic Legacy Program").
    Cand inner = c;
    if (c.type == EntityType::PERSON && c.how == How::Pattern) {
      // Where the document names the same person alone, the name ends as it does there.
      for (const Mention& m : mentions_) {
        uint32_t len = m.e - m.b;
        if (m.type != EntityType::PERSON || len < 2 || len >= inner.e - inner.b) continue;
        bool same = true;
        for (uint32_t k = 0; k < len && same; ++k) same = toks_[m.b + k].type == toks_[inner.b + k].type;
        if (same) {
          inner.e = inner.b + len;
          break;
        }
      }
      while (inner.e > inner.b + 2 && toks_[inner.e - 1].common()) --inner.e;
      if (toks_[inner.e - 1].common()) continue;
      if (inner.e != c.e) {
        inner.end_byte = byte_end(inner);
        inner.name.assign(text_, toks_[inner.b].begin, inner.end_byte - toks_[inner.b].begin);
      }
    }
    bool free = true;
    for (uint32_t t = inner.b; t < inner.e && free; ++t) free = !taken[t];
    if (!free) continue;
    for (uint32_t t = inner.b; t < inner.e; ++t) taken[t] = 1;
    Mention m = mention_of(inner);
    m.nested = true;
    nested_.push_back(std::move(m));
  }
  std::sort(nested_.begin(), nested_.end(), [](const Mention& a, const Mention& b) { return a.b < b.b; });
}

}  // namespace kimput::entities_detail
