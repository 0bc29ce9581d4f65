#include "kimput/passes/entities.h"

#include <fmt/format.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "kimput/resources.h"
#include "kimput/text/utf8.h"
#include "kimput/words/name_lists.h"
#include "kimput/words/reporting_verbs.h"

namespace kimput {

namespace {

// Hash maps keyed by std::string that are looked up with string_views, without a copy.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return hash_bytes(s); }
};
template <typename V>
using ViewMap = std::unordered_map<std::string, V, ViewHash, std::equal_to<>>;

enum class How : uint8_t { Lexicon, Pattern, Alias };

// One token as the matcher sees it. The strings are views into the document's text or
// into the matcher's per-document store: a token costs no allocation of its own.
struct Tok {
  uint32_t begin = 0, end = 0;  // bytes
  uint32_t sentence = 0;
  TokenKind kind = TokenKind::Word;
  std::string_view key;       // token_key()
  std::string_view stripped;  // key less a possessive "'s" / "'" ("" when none)
  uint32_t stripped_end = 0;  // byte end of the token less its possessive
  bool cap = false;      // starts with an upper-case letter
  bool allcaps = false;  // two or more letters, all upper case
  bool initial = false;  // sentence-initial (or first word after an opening quote)
  bool common = false;   // lower-cased, a common English word
  std::string_view lower;  // word() in lower case
  // NameLists flags of key, of word() and of lower: each list looked up once per token.
  uint32_t key_flags = 0, word_flags = 0, lower_flags = 0;
  uint32_t type = 0;  // the token's entry in the matcher's table of distinct tokens

  std::string_view word() const { return stripped.empty() ? key : stripped; }
};

struct Cand {
  uint32_t b = 0, e = 0;  // tokens [b, e)
  uint32_t end_byte = 0;  // byte end (less a possessive)
  EntityType type = EntityType::PERSON;
  int32_t entry = -1;  // lexicon entry, or -1
  std::string name;    // canonical name when not from the lexicon
  How how = How::Lexicon;
  int prio = 0;  // lower wins a tie in length
  bool inner_only = false;  // may only stand inside a longer name ("Moscow" of "Moscow Aviation Institute")
};

struct Mention {
  uint32_t b, e;
  uint32_t end_byte;
  EntityType type;
  std::string id, name;
  How how;
  int32_t entry;
  bool nested = false;  // inside another mention ("Moscow" in "Moscow Aviation Institute")
};

bool is_upper_start(std::string_view s) {
  size_t i = 0;
  if (s.empty()) return false;
  return u_isupper(static_cast<UChar32>(utf8::next(s, i)));
}

// "TOKYO" -> "Tokyo", for datelines and headlines in capitals.
std::string title_case(std::string_view s) {
  std::string out;
  bool first = true;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = utf8::next(s, i);
    utf8::append(out, static_cast<char32_t>(first ? cp : u_tolower(static_cast<UChar32>(cp))));
    first = !u_isalpha(static_cast<UChar32>(cp));
  }
  return out;
}

bool opening_mark(std::string_view t) {
  return t == "\"" || t == "\xE2\x80\x9C" || t == "\xE2\x80\x98" || t == "'" || t == "(" || t == "\xC2\xAB" ||
         t == "\xE2\x80\x9E" || t == "[" || t == "\xE2\x80\x94" || t == "--" || t == "-" || t == ":";
}

class DocumentMatcher {
 public:
  DocumentMatcher(const Document& doc, const Lexicon& lex, const ReportingVerbs& verbs)
      : doc_(doc), text_(doc.text()), lex_(lex), verbs_(verbs), words_(name_lists()) {}

  std::vector<Mention> run();

 private:
  void prepare_tokens();
  size_t unit_end(size_t i) const;
  // Name units from i: returns the end token; `units` counts them. Stops at a possessive
  // (which ends the name) and at the sentence's end.
  size_t name_seq(size_t i, int max_units, int* units, bool* possessive) const;
  // A name ends before a capitalised common word ("student Omar Haddad Photo: ..."),
  // unless the sentence goes on in lower case after it.
  size_t drop_common_tail(size_t b, size_t e, int* units) const;
  bool is_verb_at(size_t i, bool speech_only, size_t* end = nullptr) const;
  void lexicon_candidates();
  // The best lexicon entry for tokens [i, end) that the context allows, as a candidate.
  void choose_entry(size_t i, size_t end, uint32_t node, bool possessive, bool nested_only);
  void pattern_candidates();
  void org_candidates();
  void select();
  Mention mention_of(const Cand& c) const;
  // Candidates that lost to a longer name containing them, when they name something else.
  void select_nested(const std::vector<const Cand*>& chosen);
  void repeat_pattern_names();
  // Organisations named around the people of the document and by their generic word.
  void organisations_in_context();
  void national_teams();
  // An organisation named after its building, after a place preposition, is the building.
  void buildings_as_places();
  void country_bound_names();
  void resolve_aliases();
  int doc_year() const;
  uint32_t byte_end(const Cand& c) const;
  void add_pattern(uint32_t b, uint32_t e, EntityType type, int prio);
  bool bare_name(size_t b, size_t e) const;
  bool acronym_org(size_t i) const;
  // Token i is written in capitals ("US", "WHO") in a sentence that is not.
  bool caps_amid_lower(size_t i) const;
  // A view of `s` that lives as long as the matcher.
  std::string_view keep(std::string_view s);
  // The lower case of token k's key (not less its possessive) equals w.
  bool lower_key_is(size_t k, std::string_view w) const;
  // Token i follows "pro-" or "anti-": "pro-Beijing camp", "anti-Washington mood" are
  // adjectives, not mentions of the place (nor of a person of the same name).
  bool stance_prefixed(size_t i) const;

  const Document& doc_;
  const std::string& text_;
  const Lexicon& lex_;
  const ReportingVerbs& verbs_;
  const NameLists& words_;
  std::vector<Tok> toks_;
  // The distinct words of the document: a word is looked up in the word lists and the
  // lexicon once, however often it occurs (most tokens are repeats).
  struct WordType {
    static constexpr uint32_t kUnset = WordIds::kNone - 1;
    std::string_view key, lower;
    bool looked_up = false;  // the flags below are set (word tokens only)
    uint32_t key_flags = 0, word_flags = 0, lower_flags = 0;
    // Lexicon word ids of the key and of the key less its possessive, looked up when the
    // trie walk first reaches the token (kUnset before): most tokens never start or
    // continue a lexicon name, and the lexicon's word table is too large for the cache.
    uint32_t lex_key = kUnset, lex_stripped = kUnset;
    // The same for the key in title case, for a word in capitals ("TOKYO" as "Tokyo").
    uint32_t lex_title = kUnset;
  };
  std::vector<WordType> types_;
  std::vector<uint32_t> type_slots_;  // open addressing over types_: index + 1, 0 = empty
  uint32_t word_type(std::string_view key);
  // Lexicon word id of token j's key, or of its key less the possessive.
  uint32_t lex_word(size_t j, bool stripped);
  // Lexicon word id of token j's key in title case.
  uint32_t lex_title_word(size_t j);
  std::string store_;              // token keys and lower-case forms that differ from the text
  std::deque<std::string> spill_;  // what did not fit in store_ (which must not reallocate)
  std::vector<Cand> cands_;
  std::vector<Mention> mentions_;
  std::vector<Mention> nested_;  // names inside chosen names, sorted by start
  std::vector<int32_t> owner_;              // token -> mention index or -1
  std::vector<int8_t> title_before_;        // token starts a name right after a title
  std::vector<int8_t> lex_place_;           // token starts a one-word lexicon match that is not a person
  struct SentenceShape {
    uint32_t words = 0, caps = 0, allcaps = 0;
  };
  std::vector<SentenceShape> shape_;        // by sentence index
  // The sentence of token b is in title case (a headline) once the words [b, e) are left out.
  bool title_case_around(size_t b, size_t e) const;
};

std::string_view DocumentMatcher::keep(std::string_view s) {
  if (store_.size() + s.size() > store_.capacity()) return spill_.emplace_back(s);
  size_t at = store_.size();
  store_.append(s);
  return {store_.data() + at, s.size()};
}

bool DocumentMatcher::stance_prefixed(size_t i) const {
  return i >= 2 && toks_[i - 1].key == "-" && toks_[i - 1].begin == toks_[i - 2].end && toks_[i].begin == toks_[i - 1].end &&
         (lower_key_is(i - 2, "pro") || lower_key_is(i - 2, "anti"));
}

bool DocumentMatcher::lower_key_is(size_t k, std::string_view w) const {
  const Tok& t = toks_[k];
  if (t.stripped.empty()) return t.lower == w;
  return utf8::lower(t.key) == w;
}

uint32_t DocumentMatcher::word_type(std::string_view key) {
  size_t mask = type_slots_.size() - 1;
  size_t i = hash_bytes(key) & mask;
  for (; type_slots_[i] != 0; i = (i + 1) & mask)
    if (types_[type_slots_[i] - 1].key == key) return type_slots_[i] - 1;
  types_.push_back(WordType{key, {}});
  type_slots_[i] = static_cast<uint32_t>(types_.size());
  return static_cast<uint32_t>(types_.size() - 1);
}

uint32_t DocumentMatcher::lex_word(size_t j, bool stripped) {
  WordType& wt = types_[toks_[j].type];
  uint32_t& id = stripped ? wt.lex_stripped : wt.lex_key;
  if (id == WordType::kUnset) id = lex_.word_id(stripped ? toks_[j].stripped : toks_[j].key);
  return id;
}

uint32_t DocumentMatcher::lex_title_word(size_t j) {
  uint32_t& id = types_[toks_[j].type].lex_title;
  if (id == WordType::kUnset) id = lex_.word_id(title_case(toks_[j].key));
  return id;
}

void DocumentMatcher::prepare_tokens() {
  const Segmentation& seg = doc_.segmentation();
  toks_.assign(seg.tokens.size(), Tok{});  // copies of one value: resize() zeroed each token with a slow "rep stos"
  size_t slots = 64;
  while (slots < 2 * seg.tokens.size()) slots *= 2;
  type_slots_.assign(slots, 0);
  types_.reserve(seg.tokens.size() / 2 + 16);
  // Lower-casing grows a word by at most half; keys only shrink. Reserved once, so views
  // into store_ stay valid.
  store_.reserve(text_.size() * 2 + 64);
  uint32_t last_sentence = UINT32_MAX;
  bool seen_word = false;
  // The distinct words to look up in the word lists (and in the lexicon: see below), with
  // their hashes. The look-ups wait until the loop has found them all and prefetched the
  // tables' slots for every one: one cache miss after another was most of this function's
  // time.
  struct LookUp {
    uint32_t type;
    bool lexicon;                // also the lexicon id of the key
    std::string_view stripped;   // the key less its possessive, "" when none
    uint64_t key_hash, stripped_hash, lower_hash;  // of key, stripped, and lower when it differs
  };
  std::vector<LookUp> look_ups;
  look_ups.reserve(seg.tokens.size() / 2 + 16);
  for (size_t i = 0; i < seg.tokens.size(); ++i) {
    const Token& st = seg.tokens[i];
    Tok& t = toks_[i];
    t.begin = st.begin;
    t.end = st.end;
    t.sentence = st.sentence;
    t.kind = st.kind;
    std::string_view raw(text_.data() + st.begin, st.end - st.begin);
    // token_key() folds only curly apostrophes and Unicode hyphens (lead bytes E2, CA).
    // A plain loop: find_first_of() calls memchr on the two-byte set for each byte.
    bool foldable = false;
    for (char c : raw) foldable = foldable || c == '\xE2' || c == '\xCA';
    t.key = foldable ? keep(token_key(raw)) : raw;
    t.stripped_end = st.end;
    t.type = word_type(t.key);
    if (st.sentence != last_sentence) {
      last_sentence = st.sentence;
      seen_word = false;
    }
    if (st.kind == TokenKind::Word) {
      size_t letters = 0, upper = 0;
      bool ascii_raw = true;
      for (char c : raw) {
        unsigned char u = static_cast<unsigned char>(c);
        ascii_raw = ascii_raw && u < 0x80;
        letters += ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') ? 1 : 0;
        upper += (u >= 'A' && u <= 'Z') ? 1 : 0;
      }
      if (ascii_raw) {
        t.cap = raw[0] >= 'A' && raw[0] <= 'Z';
      } else {  // any script: ICU's letter and case properties
        t.cap = is_upper_start(raw);
        letters = upper = 0;
        for (size_t k = 0; k < raw.size();) {
          char32_t cp = utf8::next(raw, k);
          if (u_isalpha(static_cast<UChar32>(cp))) {
            ++letters;
            upper += u_isupper(static_cast<UChar32>(cp)) ? 1 : 0;
          }
        }
      }
      // "UNHCR's" is written in capitals: the possessive's "s" does not count.
      if (letters > upper && raw.size() > 2 && raw.back() == 's' && (raw[raw.size() - 2] == '\'' || raw.ends_with("\xE2\x80\x99s")))
        --letters;
      t.allcaps = letters >= 2 && upper == letters;
      bool after_opening = i > 0 && toks_[i - 1].sentence == st.sentence && toks_[i - 1].kind == TokenKind::Punct &&
                           opening_mark(toks_[i - 1].key);
      t.initial = !seen_word || (after_opening && i >= 2 && toks_[i - 2].sentence != st.sentence);
      seen_word = true;
      if (t.key.size() > 2 && t.key.compare(t.key.size() - 2, 2, "'s") == 0) {
        t.stripped = t.key.substr(0, t.key.size() - 2);
        // The possessive in the raw text may be ’ (3 bytes) or ' (1 byte).
        size_t s_pos = raw.size() - 1;                       // the final 's'
        size_t apos = s_pos;                                 // start of the apostrophe
        while (apos > 0 && (static_cast<unsigned char>(raw[apos - 1]) & 0xC0) == 0x80) --apos;
        if (apos > 0) --apos;
        t.stripped_end = st.begin + static_cast<uint32_t>(apos);
      } else if (t.key.size() > 1 && t.key.back() == '\'' ) {
        t.stripped = t.key.substr(0, t.key.size() - 1);
        t.stripped_end = st.end - (raw.back() == '\'' ? 1 : 3);
      }
      WordType& wt = types_[t.type];
      if (!wt.looked_up) {  // first occurrence: look the word up
        wt.looked_up = true;
        std::string_view w = t.word();
        bool ascii = true, has_upper = false;
        for (char c : w) {
          ascii = ascii && static_cast<unsigned char>(c) < 0x80;
          has_upper = has_upper || (c >= 'A' && c <= 'Z');
        }
        if (ascii && !has_upper) wt.lower = w;
        else wt.lower = keep(utf8::lower(w));
        LookUp u{t.type, false, t.stripped, hash_bytes(t.key), 0, 0};
        words_.flag_ids.prefetch(u.key_hash);
        if (!t.stripped.empty()) words_.flag_ids.prefetch(u.stripped_hash = hash_bytes(t.stripped));
        if (wt.lower != w) words_.flag_ids.prefetch(u.lower_hash = hash_bytes(wt.lower));
        // A capitalised word starts a lexicon match in lexicon_candidates(), which looks its
        // key up first thing (the same hash: the tables share hash_bytes).
        if (t.cap && wt.lex_key == WordType::kUnset) {
          u.lexicon = true;
          lex_.prefetch_word(u.key_hash);
        }
        look_ups.push_back(u);
      }
      t.lower = wt.lower;
      if (shape_.size() <= st.sentence) shape_.resize(st.sentence + 1);
      SentenceShape& sh = shape_[st.sentence];
      ++sh.words;
      sh.caps += t.cap ? 1 : 0;
      sh.allcaps += t.allcaps ? 1 : 0;
    }
  }
  for (const LookUp& u : look_ups) {
    WordType& wt = types_[u.type];
    std::string_view key = wt.key;
    std::string_view stripped = u.stripped;
    std::string_view w = stripped.empty() ? key : stripped;
    wt.key_flags = words_.flags(key, u.key_hash);
    wt.word_flags = stripped.empty() ? wt.key_flags : words_.flags(stripped, u.stripped_hash);
    wt.lower_flags = wt.lower == w ? wt.word_flags : words_.flags(wt.lower, u.lower_hash);
    if (u.lexicon) wt.lex_key = lex_.word_id(key, u.key_hash);
  }
  for (Tok& t : toks_) {
    if (t.kind != TokenKind::Word) continue;
    const WordType& wt = types_[t.type];
    t.key_flags = wt.key_flags;
    t.word_flags = wt.word_flags;
    t.lower_flags = wt.lower_flags;
    t.common = (t.lower_flags & NameLists::kCommonWord) != 0;
  }
}

bool DocumentMatcher::title_case_around(size_t b, size_t e) const {
  uint32_t words = 0, caps = 0;
  if (toks_[b].sentence < shape_.size()) {
    words = shape_[toks_[b].sentence].words;
    caps = shape_[toks_[b].sentence].caps;
  }
  for (size_t k = b; k < e && k < toks_.size(); ++k)
    if (toks_[k].kind == TokenKind::Word) {
      --words;
      caps -= toks_[k].cap ? 1 : 0;
    }
  return words >= 3 && caps * 10 >= words * 6;
}

size_t DocumentMatcher::unit_end(size_t i) const {
  if (i >= toks_.size()) return i;
  const Tok& t = toks_[i];
  if (t.kind != TokenKind::Word || !t.cap) return i;
  if (t.allcaps && t.key.size() > 1 && !(t.key.size() == 2 && t.key[1] == '.')) return i;
  size_t e = i + 1;
  if (!t.stripped.empty()) return e;
  // Hyphenated parts: "Jong-un", "Leif-Eric".
  while (e + 1 < toks_.size() && toks_[e].key == "-" && toks_[e].begin == toks_[e - 1].end &&
         toks_[e + 1].kind == TokenKind::Word && toks_[e + 1].begin == toks_[e].end && toks_[e + 1].sentence == t.sentence) {
    e += 2;
    if (!toks_[e - 1].stripped.empty()) break;
  }
  return e;
}

size_t DocumentMatcher::name_seq(size_t i, int max_units, int* units, bool* possessive) const {
  *units = 0;
  if (possessive) *possessive = false;
  size_t e = i;
  while (*units < max_units && e < toks_.size()) {
    if (*units > 0 && toks_[e].sentence != toks_[i].sentence) break;
    size_t u = unit_end(e);
    if (u == e) {
      // A particle inside a name ("Ludwig van Beethoven") when a unit follows it.
      if (*units > 0 && toks_[e].kind == TokenKind::Word && (toks_[e].key_flags & NameLists::kParticle) && unit_end(e + 1) > e + 1) {
        ++e;
        continue;
      }
      // A particle joined to the family name by a hyphen ("Mohammed al-Faisal", "el-Sisi"):
      // the three tokens are one unit.
      if (*units > 0 && e + 2 < toks_.size() && toks_[e].kind == TokenKind::Word && (toks_[e].key_flags & NameLists::kParticle) &&
          toks_[e + 1].key == "-" && toks_[e + 1].begin == toks_[e].end && toks_[e + 2].begin == toks_[e + 1].end &&
          toks_[e + 2].sentence == toks_[i].sentence && unit_end(e + 2) > e + 2) {
        ++*units;
        e = unit_end(e + 2);
        if (!toks_[e - 1].stripped.empty()) {
          if (possessive) *possessive = true;
          break;
        }
        continue;
      }
      break;
    }
    ++*units;
    e = u;
    if (!toks_[u - 1].stripped.empty()) {
      if (possessive) *possessive = true;
      break;
    }
  }
  return e;
}

size_t DocumentMatcher::drop_common_tail(size_t b, size_t e, int* units) const {
  // Kept when the sentence goes on in lower case after it: "Prime Minister Ann Law said",
  // "Tom Key of the council".
  if (e < toks_.size() && toks_[e].kind == TokenKind::Word && !toks_[e].cap && toks_[e].sentence == toks_[e - 1].sentence) return e;
  while (*units > 1 && e > b + 1 && toks_[e - 1].common && toks_[e - 1].stripped.empty() && unit_end(e - 1) == e) {
    --e;
    --*units;
  }
  return e;
}

bool DocumentMatcher::is_verb_at(size_t i, bool speech_only, size_t* end) const {
  if (i >= toks_.size() || toks_[i].kind != TokenKind::Word) return false;
  const auto* forms = toks_[i].stripped.empty() ? verbs_.starting_with(toks_[i].lower)
                                                : verbs_.starting_with(utf8::lower(toks_[i].key));
  if (!forms) return false;
  for (const VerbForm& f : *forms) {
    if (speech_only && f.kind != VerbKind::Speech && f.kind != VerbKind::Tell) continue;
    if (f.participle) continue;
    size_t k = i;
    bool ok = true;
    for (const std::string& w : f.words) {
      if (k >= toks_.size() || !lower_key_is(k, w)) {
        ok = false;
        break;
      }
      ++k;
    }
    if (ok) {
      if (end) *end = k;
      return true;
    }
  }
  return false;
}

uint32_t DocumentMatcher::byte_end(const Cand& c) const {
  const Tok& last = toks_[c.e - 1];
  return last.stripped.empty() ? last.end : last.stripped_end;
}

void DocumentMatcher::add_pattern(uint32_t b, uint32_t e, EntityType type, int prio) {
  if (b >= e) return;
  // A person's name does not end in an organisation's, place's or event's word ("Chalmers
  // Corp" of "Allis-Chalmers Corp"); the tail lists leave out words that are family names.
  if (type == EntityType::PERSON &&
      (toks_[e - 1].word_flags & (NameLists::kOrgTail | NameLists::kPlaceTail | NameLists::kEventTail)))
    return;
  Cand c;
  c.b = b;
  c.e = e;
  c.type = type;
  c.how = How::Pattern;
  c.prio = prio;
  c.end_byte = byte_end(c);
  c.name = std::string(text_.data() + toks_[b].begin, c.end_byte - toks_[b].begin);
  // One space for any run of white space in the canonical name.
  std::string norm;
  bool sp = false;
  for (size_t k = 0; k < c.name.size();) {
    size_t st = k;
    char32_t cp = utf8::next(c.name, k);
    if (is_space(cp)) {
      sp = true;
      continue;
    }
    if (sp && !norm.empty()) norm += ' ';
    sp = false;
    norm.append(c.name, st, k - st);
  }
  c.name = norm;
  cands_.push_back(std::move(c));
}

bool DocumentMatcher::bare_name(size_t b, size_t e) const {
  if (b > 0 && toks_[b - 1].sentence == toks_[b].sentence) {
    std::string_view p = toks_[b - 1].key;
    if (p == "the" || p == "The" || p == "of" || p == "Of") return false;  // "the Sea Lions", "Museum of Modern Art"
    if (toks_[b - 1].kind == TokenKind::Word && toks_[b - 1].cap && toks_[b - 1].stripped.empty()) return false;
  }
  // Not in a run of title case: a headline ("Harbour Fish Festival Opens In ...") caps every word.
  if (title_case_around(b, e)) return false;
  for (size_t k = b; k < e; ++k) {
    const Tok& t = toks_[k];
    if (t.kind != TokenKind::Word) continue;
    if (t.key == "-") continue;
    if (!t.cap && k > b && toks_[k - 1].key == "-") continue;  // "Chung-tai"
    if (t.allcaps || t.key.size() < 2) return false;
    if (t.word_flags & (NameLists::kOrgTail | NameLists::kPlaceTail | NameLists::kOrgHead)) return false;
    if (t.lower_flags & (NameLists::kRoleNoun | NameLists::kAppositionNoun)) return false;
    // A known given name inside starts the name itself ("Independent Paul Ferris").
    if (k > b && (t.word_flags & NameLists::kGivenName)) return false;
  }
  return true;
}

// An upper-case token of two to six letters that is no common abbreviation, in a sentence
// that is not written in capitals: "NASA", "DAB's".
bool DocumentMatcher::acronym_org(size_t i) const {
  const Tok& t = toks_[i];
  if (t.kind != TokenKind::Word || !t.allcaps) return false;
  std::string_view w = t.word();
  size_t letters = 0;
  for (char c : w) {
    if (c < 'A' || c > 'Z') return false;
    ++letters;
  }
  if (letters < 2 || letters > 6 || (t.word_flags & NameLists::kNotAcronymOrg) || t.common) return false;
  // Letters the lexicon knows as a name ("LA" of "the LA County office"): that name or none.
  if (uint32_t node = lex_.child(Lexicon::kRoot, w); node != Lexicon::kNone && !lex_.entries_at(node).empty()) return false;
  if (w.find_first_not_of("IVXLCDM") == std::string_view::npos) return false;  // Roman numerals: "XVII"
  // "IE6", "NZ$ 26": a model number or a currency follows.
  if (i + 1 < toks_.size() && toks_[i + 1].begin == t.end && toks_[i + 1].kind != TokenKind::Punct) return false;
  if (i + 1 < toks_.size() && (toks_[i + 1].key == "$" || toks_[i + 1].kind == TokenKind::Number) && t.stripped.empty()) return false;
  // Hyphenated parts ("US-based") and dotted forms are something else.
  if (i + 1 < toks_.size() && toks_[i + 1].key == "-" && toks_[i + 1].begin == t.end) return false;
  if (i > 0 && toks_[i - 1].key == "-" && toks_[i - 1].end == t.begin) return false;
  // A word of a run in capitals ("RIO DE JANEIRO, Feb 26 -", "DEARBORN, MICH., Feb 26 -"):
  // a dateline or headline, not an acronym.
  auto caps_word = [&](size_t k) {
    return toks_[k].kind == TokenKind::Word && toks_[k].allcaps && toks_[k].sentence == t.sentence && toks_[k].key.size() >= 2;
  };
  for (size_t k = i, steps = 0; k > 0 && steps < 2; ++steps) {  // the previous word, past one comma or period
    --k;
    if (caps_word(k)) return false;
    if (toks_[k].key != "," && toks_[k].key != ".") break;
  }
  if (i + 1 < toks_.size() && caps_word(i + 1)) return false;
  const SentenceShape& sh = shape_[t.sentence];
  uint32_t words = sh.words - 1, caps = sh.allcaps - 1;
  return words == 0 || caps * 2 < words;
}

bool DocumentMatcher::caps_amid_lower(size_t i) const {
  const Tok& t = toks_[i];
  if (t.kind != TokenKind::Word || !t.allcaps || t.sentence >= shape_.size()) return false;
  const SentenceShape& sh = shape_[t.sentence];
  return sh.words > 1 && (sh.allcaps - 1) * 2 < sh.words - 1;
}

void DocumentMatcher::lexicon_candidates() {
  const size_t n = toks_.size();
  lex_place_.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const Tok& t = toks_[i];
    if (t.kind == TokenKind::Punct) continue;
    if (t.kind == TokenKind::Word && !t.cap) continue;  // names start upper case (or with a digit: "G20", "38 North")
    // Not the second part of a hyphenated name ("Mbeki-Lund"); "pro-Beijing" is fine.
    if (i >= 2 && toks_[i - 1].key == "-" && toks_[i - 1].begin == toks_[i - 2].end && toks_[i].begin == toks_[i - 1].end &&
        toks_[i - 2].kind == TokenKind::Word && toks_[i - 2].cap)
      continue;
    uint32_t node = Lexicon::kRoot;
    size_t best_end = 0;
    uint32_t best_node = Lexicon::kNone;
    bool best_poss = false;
    size_t shorter_end = 0;  // the longest match that ends before the best one
    uint32_t shorter_node = Lexicon::kNone;
    for (size_t j = i; j < n && j < i + lex_.max_alias_tokens(); ++j) {
      if (toks_[j].sentence != t.sentence) break;
      if (j > i && toks_[j].begin > toks_[j - 1].end && toks_[j].key == ".") break;
      uint32_t next = lex_.child(node, lex_word(j, false));
      // A word in capitals as the name in title case ("TOKYO --"): a long one anywhere, a short
      // one only opening a sentence or a run of capitals (a dateline: "ROME, Feb 27 -"), not an
      // acronym amid the text ("the ICO said" is no town "Icó").
      if (next == Lexicon::kNone && toks_[j].allcaps &&
          (toks_[j].key.size() >= 5 || toks_[j].initial || (j > i && toks_[j - 1].allcaps) ||
           (j > 0 && toks_[j - 1].allcaps && toks_[j - 1].sentence == t.sentence))) {
        next = lex_.child(node, lex_title_word(j));
        // A particle inside a name in capitals: "RIO DE JANEIRO" is "Rio de Janeiro".
        if (next == Lexicon::kNone && j > i && toks_[j].key.size() <= 3) next = lex_.child(node, toks_[j].lower);
      }
      // A possessive ends a name ("Japan's economy"), even where the lexicon also has a
      // longer name that goes on after it ("Japan's Foreign Ministry"): the longer one, if
      // the text has it, wins below.
      if (!toks_[j].stripped.empty()) {
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
      if (len == 1 && t.initial && t.common && !caps_amid_lower(i)) continue;  // "Reading the report ...", "Mobile phones ..."
      // A city's two capitals ("LA") in mixed-case text only: not in a run of capitals ("LA
      // JOLLA", "LA PAZ"), not a state after a city ("NEW ORLEANS, LA."), not a table's row.
      if (len == 1 && e.rank == 2 && t.allcaps && t.key.size() == 2 &&
          ((best_end < n && (toks_[best_end].allcaps || toks_[best_end].kind == TokenKind::Number ||
                             (toks_[best_end].key == "." && toks_[best_end].begin == t.end))) ||
           (i > 0 && (toks_[i - 1].key == "," || toks_[i - 1].allcaps))))
        continue;
      if (len == 1 && (t.lower_flags & NameLists::kTimeWord) && e.type != EntityType::EVENT) continue;  // "in March", "May"
      // After a title a one-word name is a person's, not the place: "Captain America", "Mr.
      // Jordan" (an abbreviation stays the country: "Deputy U.S. Trade Representative").
      if (len == 1 && e.type == EntityType::GPE && i > 0 && toks_[i - 1].cap && toks_[i - 1].sentence == t.sentence &&
          (toks_[i - 1].key_flags & NameLists::kTitle) && !t.allcaps && t.key.find('.') == std::string_view::npos)
        continue;
      // "US$ 20,000", "HK$5": a currency, not the place.
      if (best_end < n && toks_[best_end].key == "$" && toks_[best_end].begin == toks_[best_end - 1].end) continue;
      // Not the first part of a hyphenated name ("Lund-Mbeki").
      if (best_end + 1 < n && toks_[best_end].key == "-" && toks_[best_end].begin == toks_[best_end - 1].end &&
          toks_[best_end + 1].begin == toks_[best_end].end && toks_[best_end + 1].cap)
        continue;
      if (stance_prefixed(i)) continue;
      if (e.ambiguous) {
        bool ok = false;
        // "in Georgia": a place preposition supports a place, not a person ("starred in Hamlet").
        if (i > 0 && (toks_[i - 1].key_flags & NameLists::kLocative) && e.type != EntityType::PERSON) ok = true;
        if (best_end + 1 < n && toks_[best_end].key == "," && toks_[best_end + 1].cap) ok = ok || e.type != EntityType::PERSON;
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
  title_before_.assign(n, 0);
  std::string phrase;       // a run of tokens spelled as a title
  // Word type -> the earliest end of a person candidate whose last word it is (family names
  // of people named so far), kept up to date as candidates are added.
  std::vector<uint32_t> family_end(types_.size(), UINT32_MAX);
  size_t family_scanned = 0;
  size_t title_run_end = 0;  // the end of the last title run found
  // East Asian family names the lexicon knows (the first word of "Kim Jong Un").
  for (size_t i = 0; i < n; ++i) {
    const Tok& t = toks_[i];
    if (t.kind != TokenKind::Word) continue;
    int units = 0;
    bool poss = false;
    // After "the novel", "the film": a work's title, no person ("the graphic novel Angel Catbird").
    const bool after_work = i > 0 && toks_[i - 1].kind == TokenKind::Word && !toks_[i - 1].cap &&
                            (toks_[i - 1].lower_flags & NameLists::kWorkNoun) && toks_[i - 1].sentence == t.sentence;
    // 1. A given name followed by a family name: "Artyom Lukin", "Leif-Eric Easley".
    if (t.cap && !after_work &&
        ((t.key_flags & NameLists::kGivenName) || ((t.key_flags & NameLists::kAmbiguousGivenName) && !t.initial))) {
      size_t e = name_seq(i, 4, &units, &poss);
      // A title inside ends the name: "South Carolina Sen. Lindsey Graham" ("Carolina" is a
      // given name too), "Alberta Premier Don Getty"; a title word that is no abbreviation and
      // is not followed by a given name may be a family name ("Martin Luther King Jr.").
      for (size_t k = i + 1; k < e; ++k)
        if ((toks_[k].key_flags & NameLists::kTitle) && toks_[k].cap &&
            (toks_[k].key.back() == '.' ||
             (k + 1 < e && (toks_[k + 1].key_flags & (NameLists::kGivenName | NameLists::kAmbiguousGivenName))))) {
          for (int max_units = units - 1; e > k && max_units > 0; --max_units) e = name_seq(i, max_units, &units, &poss);
          break;
        }
      // "Anna Kovac Foundation": the person ends before an organisation's or a place's
      // tail word (the organisation itself is found by org_candidates).
      while (units > 2 && (toks_[e - 1].word_flags & (NameLists::kOrgTail | NameLists::kEventTail | NameLists::kPlaceTail)) &&
             unit_end(e - 1) == e) {
        --e;
        --units;
        poss = false;
      }
      // In a list between commas ("Ansel Adams, Chuck Close, Walker Evans") a given name and
      // a family name that is also a word are a person, as before lower case.
      bool listed = units == 2 && i > 0 && toks_[i - 1].key == "," && e < n && (toks_[e].key == "," || toks_[e].key == "and") &&
                    (t.key_flags & NameLists::kGivenName) && !t.common && toks_[e - 1].key.size() >= 3 &&
                    toks_[e - 1].stripped.empty() && !(toks_[e - 1].word_flags & (NameLists::kOrgTail | NameLists::kPlaceTail));
      if (!listed) e = drop_common_tail(i, e, &units);
      // A family name that is also a word ("Ann Law", "Tom Key") when the sentence goes
      // on in lower case after it and the given name is not itself a word.
      bool word_family = listed || (toks_[e - 1].common && e < n && toks_[e].kind == TokenKind::Word && !toks_[e].cap &&
                                    toks_[e].sentence == t.sentence && (t.key_flags & NameLists::kGivenName) && units == 2 &&
                                    toks_[e - 1].key.size() >= 3);
      // No common word between the given name and the last: "May Have Won Cruz" is a headline.
      bool common_inside = false;
      for (size_t k = i + 1; k + 1 < e && !common_inside; ++k)
        common_inside = toks_[k].kind == TokenKind::Word && toks_[k].common && !(toks_[k].key_flags & NameLists::kGivenName);
      if (units >= 2 && (!toks_[e - 1].common || word_family) && !common_inside)
        add_pattern(static_cast<uint32_t>(i), static_cast<uint32_t>(e), EntityType::PERSON, 3);
      // A nickname in quotation marks between given and family name: Earvin “Magic”
      // Johnson, Marcia "Cia" Price (one quoted word, then a family name that is no word).
      auto quote_mark = [](std::string_view k) {
        return k == "\"" || k == "'" || k == "\xE2\x80\x9C" || k == "\xE2\x80\x9D" || k == "\xE2\x80\x98" || k == "\xE2\x80\x99";
      };
      if (i + 4 < n && quote_mark(toks_[i + 1].key) && toks_[i + 2].kind == TokenKind::Word && toks_[i + 2].cap &&
          quote_mark(toks_[i + 3].key) && toks_[i + 4].kind == TokenKind::Word && toks_[i + 4].cap &&
          !toks_[i + 4].common && toks_[i + 4].sentence == t.sentence) {
        size_t fe = unit_end(i + 4);
        if (fe > i + 4) {
          size_t before = cands_.size();
          add_pattern(static_cast<uint32_t>(i), static_cast<uint32_t>(fe), EntityType::PERSON, 2);
          if (cands_.size() > before) {  // the canonical name leaves the nickname out: "Marcia Price"
            Cand& c = cands_.back();
            c.name = std::string(t.key) + " " + std::string(text_, toks_[i + 4].begin, c.end_byte - toks_[i + 4].begin);
          }
        }
      }
    }
    // 2. A title before a name: "Deputy Foreign Minister Igor Morgulov", "Dr. Smith".
    if (t.cap && (t.key_flags & NameLists::kTitleStart)) {
      // The longest run of tokens from i that is a title, grown while it is a title's prefix.
      size_t len = 0;
      phrase.clear();
      for (size_t k = 0; k < std::min(words_.max_title_words, n - i); ++k) {
        // "Secretary-General": a hyphen joins its neighbours without spaces.
        bool glue = k == 0 || toks_[i + k].key == "-" || toks_[i + k - 1].key == "-";
        if (!glue) phrase += ' ';
        phrase += toks_[i + k].key;
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
          if ((toks_[k - 2].key_flags & NameLists::kTitle) || toks_[k - 2].common) {
            s = k - 1;
            e = name_seq(s, 4, &units, &poss);
            break;
          }
        e = drop_common_tail(s, e, &units);
        if (units >= 2) add_pattern(static_cast<uint32_t>(s), static_cast<uint32_t>(e), EntityType::PERSON, 3);
        if (units >= 1 && s < n) title_before_[s] = 1;
      }
    }
    // 3. A role noun before a name: "spokesman Dmitry Peskov", "analyst Jane Doe".
    if (!t.cap && (t.key_flags & NameLists::kRoleNoun)) {
      // A title after the role noun is the title's to handle ("director General Ann Roe",
      // "candidate Florida Senator Marco Rubio").
      size_t e = name_seq(i + 1, 4, &units, &poss);
      bool titled = false;
      for (size_t k = i + 1; k < e && !titled; ++k) titled = toks_[k].cap && (toks_[k].key_flags & NameLists::kTitle);
      if (titled) e = i + 1;
      else e = drop_common_tail(i + 1, e, &units);
      if (!titled && units >= 2) add_pattern(static_cast<uint32_t>(i + 1), static_cast<uint32_t>(e), EntityType::PERSON, 3);
      if (!titled && units >= 1 && i + 1 < n) title_before_[i + 1] = 1;
    }
    // 4-6. A capitalised sequence of two to four units with a person's context after or before it
    // (not from inside a title: "Exchequer" of "Chancellor of the Exchequer Nigel Lawson").
    if (t.cap && !(t.initial && t.common) && i >= title_run_end && !after_work) {
      size_t e = name_seq(i, 4, &units, &poss);
      // No title, common word or known place inside: "Russian President Vladimir Putin" is
      // not one name. A known place as the family name ("Marie Paris") only with a
      // person's context after or before it.
      size_t last_unit = e;
      while (last_unit > i + 1 && toks_[last_unit - 1].begin == toks_[last_unit - 2].end && toks_[last_unit - 2].key == "-") last_unit -= 2;
      if (last_unit > i) --last_unit;
      bool plain = true, place_last = false;
      for (size_t k = i; k < e && plain; ++k) {
        if (toks_[k].kind != TokenKind::Word) continue;
        if (lex_place_[k] && k >= last_unit && k > i) place_last = true;
        else
          plain = !(toks_[k].common || (toks_[k].key_flags & NameLists::kTitle) || lex_place_[k] ||
                    // a day's name, unless also a given name ("Christmas Eve", not "April Ryan")
                    ((toks_[k].lower_flags & NameLists::kTimeWord) &&
                     !(toks_[k].key_flags & (NameLists::kGivenName | NameLists::kAmbiguousGivenName))));
      }
      if (plain && units >= 1 && units <= 4 && !toks_[e - 1].common) {
        bool person = false;
        bool thing = false;  // ", its main rival": what "its" describes is no person
        // Appositive: ", a professor at ...", ", the former ...", ", who ..."
        if (!poss && e + 1 < n && toks_[e].key == ",") {
          size_t k = e + 1;
          if (toks_[k].key == "who") person = true;
          // "Firefox, its main rival": a thing; "Jane Doe, its chief executive": a person (a job).
          bool its = toks_[k].key == "its";
          thing = its;
          if (its || toks_[k].key == "a" || toks_[k].key == "an" || toks_[k].key == "the") ++k;
          else if (k + 1 < n && !toks_[k].stripped.empty()) ++k;  // ", Russia's ambassador"
          // (A relation is no job: "its main rival", "its successor" are things.)
          for (size_t m = 0; m < 4 && k < n && !person; ++m, ++k) {
            if (toks_[k].kind != TokenKind::Word) break;
            if ((toks_[k].key_flags & (its ? NameLists::kRoleNoun : NameLists::kAppositionNoun | NameLists::kRoleNoun)) &&
                !(its && (toks_[k].lower_flags & NameLists::kRelation)))
              person = true;
            if (toks_[k].cap && !lex_place_[k]) break;  // ", an Australian woman" goes on past "Australian"
          }
        }
        // Subject of a speech verb: "Jane Doe said"; inverted: "said Jane Doe".
        if (!poss && is_verb_at(e, true)) person = true;
        if (i > 0 && toks_[i - 1].kind == TokenKind::Word) {
          const auto* forms = toks_[i - 1].stripped.empty() ? verbs_.starting_with(toks_[i - 1].lower)
                                                            : verbs_.starting_with(utf8::lower(toks_[i - 1].key));
          if (forms)
            for (const auto& f : *forms)
              if (f.words.size() == 1 && (f.kind == VerbKind::Speech) && !f.participle) person = true;
        }
        // "according to Jane Doe"
        if (i >= 2 && toks_[i - 1].key == "to" && lower_key_is(i - 2, "according")) person = true;
        // "Chan Tai-man", "Lee Mi-rae": a family name and a hyphenated given name whose
        // second syllable is lower case (Chinese and Korean romanisation), not "Hong Kong-based".
        bool hyphen_given = false;
        if (units == 2 && e - i == 4 && toks_[i + 2].key == "-" && !toks_[i + 3].cap && toks_[i + 3].stripped.empty() &&
            toks_[i + 3].key.size() <= 6 && !(toks_[i + 3].common && toks_[i + 3].key.size() > 3) && !t.allcaps)
          hyphen_given = true;
        if (units == 1) {
          // "..., said Ferris." : one capitalised word after an inverted speech verb.
          bool inverted = i > 0 && person && !is_verb_at(e, true) && !(i >= 2 && toks_[i - 1].key == "to");
          if (inverted && !lex_place_[i] && !t.allcaps && e == i + 1 && e < n && (toks_[e].key == "," || toks_[e].key == ".") &&
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
            uint32_t& end = family_end[toks_[c.e - 1].type];
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
    return w == "of" || w == "for" || w == "and" || w == "&" || w == "the" || w == "on" || w == "de";
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
      if (p.initial && p.common) {
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
      if (p.lower == "the" || p.lower == "a" || p.lower == "an") break;  // "- The Bank of England said"
      if ((p.key_flags & NameLists::kTitle) && p.key.back() == '.') break;  // "Mr. Band wrote"
      if (p.allcaps && p.key.size() > 5) break;
      // "the pro-Beijing New People Party": the name starts after the adjective; a capitalised
      // prefix is the name's own ("Anti-Defamation League", "Pro-Life Action League").
      if (stance_prefixed(b - 1) && !toks_[b - 3].cap) break;
      --b;
      // "Al-Noor Mosque", "Make-A-Wish Foundation": hyphens join capitalised parts of the name.
      while (b >= 2 && toks_[b - 1].key == "-" && toks_[b - 1].end == toks_[b].begin && toks_[b - 2].end == toks_[b - 1].begin &&
             toks_[b - 2].kind == TokenKind::Word && toks_[b - 2].cap && toks_[b - 2].sentence == toks_[j].sentence)
        b -= 2;
    }
    return b;
  };
  // Right edge: "of/for/on (the) Capitalised ..." after a head or tail word.
  auto extend_right = [&](size_t e) {
    while (e + 1 < n && toks_[e].sentence == toks_[e - 1].sentence && connector(e) && toks_[e].key != "and") {
      size_t k = e + 1;
      if (toks_[k].key == "the" && k + 1 < n) ++k;
      // Not "… Station on Monday"; capitalised words inside a name may be common ones
      // ("University of Southern Indiana").
      if (toks_[k].kind != TokenKind::Word || !toks_[k].cap || (toks_[k].common && (toks_[k].lower_flags & NameLists::kTimeWord))) break;
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
  // Where the longest lexicon name starting at each token ends.
  std::vector<uint32_t> lex_end(n, 0);
  for (const Cand& c : cands_)
    if (c.how == How::Lexicon) lex_end[c.b] = std::max(lex_end[c.b], c.e);
  for (size_t j = 0; j < n; ++j) {
    const Tok& t = toks_[j];
    if (t.kind != TokenKind::Word || !t.cap) continue;
    const uint32_t f = t.word_flags;
    // A tail word that begins a longer name the lexicon knows does not end this one: "the
    // Allied Nations and United States" ("United" of "Manchester United").
    bool tail = (f & NameLists::kOrgTail) && lex_end[j] <= j + 1;
    bool event = f & NameLists::kEventTail;
    bool place = f & NameLists::kPlaceTail;
    bool head = (f & NameLists::kOrgHead) && j + 1 < n && (toks_[j + 1].key == "of" || toks_[j + 1].key == "for" || toks_[j + 1].key == "on");
    if (!tail && !head && !event && !place) continue;
    // Connectors inside a name on the left: "State Science and Technology Commission".
    size_t b = extend_left(j);
    // Not when one word stands on each side of "and" and the tail word is alone: "the House
    // and Senate" are two ("Trade and Industry" of a longer name, and a company's "and Co" or
    // "& Sons", join).
    std::string_view tail_word = t.key;
    if (!tail_word.empty() && tail_word.back() == '.') tail_word.remove_suffix(1);
    const bool lone_tail = b == j && tail_word.size() > 4 && !(words_.flags(tail_word) & NameLists::kPartner);
    while (b >= 2 && (toks_[b - 1].key == "and" || toks_[b - 1].key == "&" || toks_[b - 1].key == "of") &&
           toks_[b - 2].cap && toks_[b - 2].stripped.empty() && toks_[b - 2].kind == TokenKind::Word &&
           !(toks_[b - 1].key != "of" && (toks_[b - 2].key_flags & (NameLists::kOrgTail | NameLists::kEventTail))) &&
           toks_[b - 2].sentence == t.sentence) {
      size_t nb = extend_left(b - 1);
      if (nb == b - 1) break;
      if (lone_tail && b == j && toks_[b - 1].key != "of" && nb == b - 2 &&
          !(nb >= 1 && (toks_[nb - 1].key == "of" || toks_[nb - 1].key == "for")))
        break;
      // "Ann Lee of Harbour Party": a person of the organisation, not part of its name.
      if (toks_[b - 1].key == "of" && (toks_[nb].key_flags & (NameLists::kGivenName | NameLists::kAmbiguousGivenName))) break;
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
  // in capitals only after "the" ("Province of Ontario Act" is not one).
  for (size_t j = 0; j + 2 < n; ++j) {
    const Tok& t = toks_[j];
    if (t.kind != TokenKind::Word || !(t.lower_flags & NameLists::kPlaceOf) || toks_[j + 1].key != "of") continue;
    if (t.cap && !(j > 0 && lower_key_is(j - 1, "the") && toks_[j - 1].sentence == t.sentence)) continue;
    size_t b = j + 2, e = b;
    while (e < n && e < b + 3 && toks_[e].kind == TokenKind::Word && toks_[e].cap && toks_[e].sentence == t.sentence) {
      ++e;
      if (!toks_[e - 1].stripped.empty()) break;  // "the town of Ardmore's mayor"
    }
    if (e == b || toks_[e - 1].common) continue;  // "the Province of Ontario Act", "the City of Brotherly Love"
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
    std::vector<int32_t> lex_person(toks_.size(), -1);  // token -> start of the lexicon person covering it
    bool any = false;
    for (const Cand& c : cands_)
      if (c.how == How::Lexicon && c.type == EntityType::PERSON && c.e - c.b >= 2 && !c.inner_only) {
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
  std::stable_sort(cands_.begin(), cands_.end(), [](const Cand& a, const Cand& b) {
    if (a.e - a.b != b.e - b.b) return a.e - a.b > b.e - b.b;
    if (a.prio != b.prio) return a.prio < b.prio;
    return a.b < b.b;
  });
  owner_.assign(toks_.size(), -1);
  std::vector<const Cand*> chosen;
  for (const Cand& c : cands_) {
    if (c.inner_only) continue;
    bool free = true;
    for (uint32_t k = c.b; k < c.e && free; ++k) free = owner_[k] == -1;
    if (!free) continue;
    for (uint32_t k = c.b; k < c.e; ++k) owner_[k] = -2;
    chosen.push_back(&c);
  }
  std::sort(chosen.begin(), chosen.end(), [](const Cand* a, const Cand* b) { return a->b < b->b; });
  for (const Cand* c : chosen) mentions_.push_back(mention_of(*c));
  select_nested(chosen);
}

Mention DocumentMatcher::mention_of(const Cand& c) const {
  Mention m{c.b, c.e, c.end_byte, c.type, "", "", c.how, c.entry};
  if (c.entry >= 0) {
    const LexEntry& e = lex_.entry(static_cast<uint32_t>(c.entry));
    m.id = e.id;
    m.name = e.name;
  } else {
    m.name = c.name;
    m.id = slug_id(c.name);
  }
  return m;
}

void DocumentMatcher::select_nested(const std::vector<const Cand*>& chosen) {
  std::vector<int32_t> container(toks_.size(), -1);  // token -> chosen name of two or more tokens
  for (size_t k = 0; k < chosen.size(); ++k) {
    const Cand& c = *chosen[k];
    // Organisations, facilities and events contain names; so do places found by their tail
    // word ("Sun Yat Memorial"), but not the lexicon's places ("Korea" in "North Korea").
    bool org = c.type == EntityType::ORG || c.type == EntityType::FAC || c.type == EntityType::EVENT;
    bool place = (c.type == EntityType::GPE || c.type == EntityType::LOC) && c.how == How::Pattern;
    if (c.e - c.b < 2 || !(org || place)) continue;
    for (uint32_t t = c.b; t < c.e; ++t) container[t] = static_cast<int32_t>(k);
  }
  std::vector<int8_t> taken(toks_.size(), 0);
  // Spans the lexicon names as something other than a person ("Morgan Stanley" in "Morgan
  // Stanley and Co Inc."): no person is nested there.
  std::vector<std::pair<uint32_t, uint32_t>> not_person;
  for (const Cand& c : cands_)
    if (c.how == How::Lexicon && c.type != EntityType::PERSON) not_person.emplace_back(c.b, c.e);
  std::sort(not_person.begin(), not_person.end());
  for (const Cand& c : cands_) {  // longest first, as in select()
    if (c.type == EntityType::PERSON && c.how == How::Pattern &&
        std::binary_search(not_person.begin(), not_person.end(), std::make_pair(c.b, c.e)))
      continue;
    // A person found by pattern inside a name starts with a known given name ("Anna Kovac"
    // of "Anna Kovac Foundation"); "Dayton Hudson" of "Dayton Hudson Corp" is no person.
    if (c.type == EntityType::PERSON && c.how == How::Pattern &&
        !(toks_[c.b].word_flags & (NameLists::kGivenName | NameLists::kAmbiguousGivenName)))
      continue;
    int32_t k = container[c.b];
    if (k < 0) continue;
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
      while (inner.e > inner.b + 2 && toks_[inner.e - 1].common) --inner.e;
      if (toks_[inner.e - 1].common) continue;
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

// A name found by pattern once is the same name wherever else it appears in the document.
void DocumentMatcher::repeat_pattern_names() {
  // First token's distinct-word id (equal keys, equal ids) -> mention indices, in order.
  std::vector<std::pair<uint32_t, size_t>> by_first;
  for (size_t m = 0; m < mentions_.size(); ++m)
    if (mentions_[m].how == How::Pattern && mentions_[m].e - mentions_[m].b >= 2)
      by_first.emplace_back(toks_[mentions_[m].b].type, m);
  if (by_first.empty()) return;
  std::stable_sort(by_first.begin(), by_first.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<int8_t> starts(types_.size(), 0);
  for (const auto& [type, m] : by_first) starts[type] = 1;
  std::vector<Mention> extra;
  for (size_t i = 0; i < toks_.size(); ++i) {
    if (owner_[i] != -1 || !starts[toks_[i].type]) continue;
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
      copy.end_byte = last.stripped.empty() ? last.end : last.stripped_end;
      for (size_t k = i; k < i + len; ++k) owner_[k] = -2;
      extra.push_back(std::move(copy));
      break;
    }
  }
  mentions_.insert(mentions_.end(), extra.begin(), extra.end());
  std::sort(mentions_.begin(), mentions_.end(), [](const Mention& a, const Mention& b) { return a.b < b.b; });
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
  std::vector<Mention> extra;
  // A capitalised preposition or article is where a run-on line goes on ("Ann Lee of DAB In
  // the …"), not a word of the name ([run_breaker] of context_words.txt).
  auto free_cap = [&](size_t k, uint32_t sentence) {
    return k < n && owner_[k] == -1 && toks_[k].kind == TokenKind::Word && toks_[k].cap && !(toks_[k].initial && toks_[k].common) &&
           toks_[k].sentence == sentence && !(toks_[k].lower_flags & NameLists::kTimeWord) && !(toks_[k].word_flags & NameLists::kTitleStart) &&
           !(toks_[k].lower_flags & NameLists::kRunBreaker) && !stance_prefixed(k);  // not "Beijing" of "pro-Beijing DAB's"
  };
  auto add = [&](size_t b, size_t e) {
    const Tok& last = toks_[e - 1];
    uint32_t eb = last.stripped.empty() ? last.end : last.stripped_end;
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
    if (k < n && toks_[k].key == "of" && toks_[m.e - 1].stripped.empty()) {
      size_t b = k + 1;
      if (b < n && toks_[b].key == "the") ++b;
      size_t e = b;
      while (e < b + 4 && free_cap(e, sentence)) {
        ++e;
        if (!toks_[e - 1].stripped.empty()) break;
      }
      bool ends = e > b && (e >= n || !toks_[e].cap || toks_[e].sentence != sentence || !toks_[e - 1].stripped.empty());
      // Not a place: "of Burke County", "of Ardmore, Ohio".
      bool place = false;
      if (e + 1 < n && toks_[e].key == ",") {
        auto at = std::lower_bound(mentions_.begin(), mentions_.end(), e + 1, [](const Mention& x, size_t k) { return x.b < k; });
        place = at != mentions_.end() && at->b == e + 1 && at->type == EntityType::GPE;
      }
      for (size_t q = b; q < e; ++q) place = place || (toks_[q].lower_flags & NameLists::kPlaceOf);
      if (e > b) place = place || (toks_[e - 1].word_flags & NameLists::kPlaceTail);
      if (ends && !place && !(e == b + 1 && toks_[b].common)) add(b, e);
    }
    // Before: one or two capitalised words with a possessive right before the person.
    if (m.b >= 1 && !toks_[m.b - 1].stripped.empty()) {
      size_t e = m.b, b = e - 1;
      if (free_cap(b, sentence)) {
        if (b >= 1 && free_cap(b - 1, sentence) && toks_[b - 1].stripped.empty()) --b;
        bool starts = b == 0 || !toks_[b - 1].cap || toks_[b - 1].sentence != sentence;
        if (starts && !(toks_[b].common && toks_[e - 1].common)) add(b, e);  // not "Police's"
      }
    }
  }
  // "the airline Skyward", "localist group Harbour Voice": a name right after a kind of
  // organisation (lib/data/names/org_words.txt [org_noun]); not a person's ("the group Jane
  // Doe founded").
  for (size_t i = 0; i + 1 < n; ++i) {
    const Tok& t = toks_[i];
    if (t.kind != TokenKind::Word || t.cap || !(t.lower_flags & NameLists::kOrgNoun) || !t.stripped.empty()) continue;
    size_t b = i + 1, e = b;  // not after "the party's": what follows is the party's, not its name
    while (e < b + 3 && free_cap(e, t.sentence)) {
      ++e;
      if (!toks_[e - 1].stripped.empty()) break;  // "the company Hitwise UK's"
    }
    if (e == b || (e == b + 1 && toks_[b].common) || (toks_[b].word_flags & NameLists::kGivenName)) continue;
    bool ends = e >= n || toks_[e].sentence != t.sentence || !toks_[e].cap || !toks_[e - 1].stripped.empty();
    if (ends) add(b, e);
  }
  // "the Church": the generic word of an organisation named before.
  std::unordered_map<std::string_view, size_t> by_word;  // generic word -> index into mentions_ (latest)
  size_t next = 0;
  for (size_t i = 0; i < n; ++i) {
    for (; next < mentions_.size() && mentions_[next].b < i; ++next) {
      const Mention& m = mentions_[next];
      if (m.type != EntityType::ORG || m.nested || m.e - m.b < 2) continue;
      for (size_t k = m.b; k < m.e; ++k)
        if (toks_[k].word_flags & (NameLists::kOrgTail | NameLists::kOrgHead)) by_word[toks_[k].word()] = next;
    }
    if (owner_[i] != -1 || i == 0 || !lower_key_is(i - 1, "the") || toks_[i].kind != TokenKind::Word || !toks_[i].cap) continue;
    if (i + 1 < n && toks_[i + 1].cap && toks_[i + 1].sentence == toks_[i].sentence) continue;  // a longer name
    if (i + 1 < n && (toks_[i + 1].key == "of" || toks_[i + 1].key == "for")) continue;          // "the Ministry of ..."
    auto it = by_word.find(toks_[i].word());
    if (it == by_word.end()) continue;
    Mention a = mentions_[it->second];
    a.b = static_cast<uint32_t>(i);
    a.e = static_cast<uint32_t>(i + 1);
    a.end_byte = toks_[i].stripped.empty() ? toks_[i].end : toks_[i].stripped_end;
    a.how = How::Alias;
    owner_[i] = -2;
    extra.push_back(std::move(a));
  }
  if (extra.empty()) return;
  mentions_.insert(mentions_.end(), extra.begin(), extra.end());
  std::sort(mentions_.begin(), mentions_.end(), [](const Mention& a, const Mention& b) { return a.b < b.b; });
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
    if (p.key != "Team" || p.sentence != toks_[m.b].sentence || owner_[m.b - 1] != -1) continue;
    m.b -= 1;
    m.type = EntityType::ORG;
    m.name = fmt::format("Team {}", std::string_view(text_).substr(toks_[m.b + 1].begin, m.end_byte - toks_[m.b + 1].begin));
    m.id = slug_id(m.name);
    m.entry = -1;
    m.how = How::Pattern;
    owner_[m.b] = -2;
  }
  std::vector<std::string_view> cues;
  std::string_view sport = "football";
  for (const Tok& t : toks_) {
    if (!(t.lower_flags & NameLists::kSportsWord) || std::find(cues.begin(), cues.end(), t.lower) != cues.end()) continue;
    cues.push_back(t.lower);
    auto it = words_.sports_words.find(std::string(t.lower));
    if (it == words_.sports_words.end() || it->second == "any" || sport == "cricket") continue;
    if (it->second == "cricket" || it->second == "rugby union") sport = it->second;
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
    // Which of its names the text used: the local ones only.
    std::string_view surface(text_.data() + toks_[m.b].begin, m.end_byte - toks_[m.b].begin);
    bool is_local = false;
    for (std::string_view l : split(en.local, ',')) is_local = is_local || name_keys(trim(l)) == name_keys(surface);
    if (is_local) local.push_back(k);
  }
  if (local.empty()) return;
  std::unordered_map<std::string_view, int> by_country;
  int most = 0;
  size_t next_local = 0;
  for (size_t k = 0; k < mentions_.size(); ++k) {
    if (next_local < local.size() && local[next_local] == k) {
      ++next_local;
      continue;
    }
    if (mentions_[k].entry < 0) continue;
    std::string_view c = lex_.entry(static_cast<uint32_t>(mentions_[k].entry)).country;
    if (!c.empty()) most = std::max(most, ++by_country[c]);
  }
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
           toks_[at - 1].sentence == toks_[m.b].sentence && toks_[at - 1].lower != "the")
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
      auto it = by_country.find(en.country);
      if (most == 0 || (it != by_country.end() && it->second * 2 >= most)) continue;
    }
    std::string_view surface(text_.data() + toks_[m.b].begin, m.end_byte - toks_[m.b].begin);
    m.entry = -1;
    m.how = How::Pattern;
    m.name = std::string(surface);
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

void DocumentMatcher::resolve_aliases() {
  const size_t n = toks_.size();
  // Every person mentioned in full so far, by family key.
  struct Seen {
    std::string id, name;
    int32_t entry;
    int count = 0;
    size_t last = 0;
  };
  ViewMap<std::vector<Seen>> by_family;
  ViewMap<Mention> acronyms;
  // "USI" for "University of Southern Indiana", wherever in the document it is named: the
  // initials of the capitalised words of an organisation's name (not "of", "and", "the").
  // Initials that two of the document's organisations share name neither.
  // A company's name without its legal suffix ("Dayton Hudson" of "Dayton Hudson Corp"), and
  // the family name of a company named after a person ("Fairfax" of "John Fairfax Ltd"):
  // short forms of the company, wherever the document uses them.
  ViewMap<int> company_short;  // token keys joined by spaces -> index into mentions_, or -1 when shared
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
    while (core > m.b && ((toks_[core - 1].key_flags & NameLists::kLegalSuffix) || toks_[core - 1].key == "and" || toks_[core - 1].key == "&" ||
                          toks_[core - 1].key == ","))
      --core;
    if (core == m.b) continue;
    std::string key = run_key(m.b, core);
    auto put = [&](const std::string& short_form) {
      auto [it, added] = company_short.emplace(short_form, static_cast<int>(k));
      if (!added && it->second >= 0 && mentions_[static_cast<size_t>(it->second)].id != m.id) it->second = -1;
    };
    put(key);
    if (core - m.b == 2 && (toks_[m.b].key_flags & NameLists::kGivenName) && toks_[core - 1].kind == TokenKind::Word)
      put(std::string(toks_[core - 1].key));
  }
  ViewMap<int> by_initials;  // initials -> index into mentions_, or -1 when shared
  for (size_t k = 0; k < mentions_.size(); ++k) {
    const Mention& m = mentions_[k];
    if (m.type != EntityType::ORG || m.nested || m.e - m.b < 2) continue;
    std::string ini;
    for (size_t q = m.b; q < m.e; ++q) {
      const Tok& t = toks_[q];
      // No initials for a lower-case word inside, nor for a name with an acronym in it
      // ("EC Commission").
      if (t.kind == TokenKind::Word && t.cap && !t.allcaps) ini += t.key[0];
      else if (t.kind == TokenKind::Word && (t.allcaps || !t.common)) ini.clear(), q = m.e;
    }
    if (ini.size() < 2) continue;
    auto [it, added] = by_initials.emplace(ini, static_cast<int>(k));
    if (!added && it->second >= 0 && mentions_[static_cast<size_t>(it->second)].id != m.id) it->second = -1;
  }
  const int year_of_doc = doc_year();
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
  std::vector<Mention> out;
  out.reserve(mentions_.size());

  auto family_of = [&](const Mention& m) -> std::string {
    if (m.entry >= 0) return token_key(lex_.entry(static_cast<uint32_t>(m.entry)).family);
    // The last unit of a pattern name ("Easley" of "Leif-Eric Easley").
    size_t b = m.e - 1;
    while (b > m.b && toks_[b - 1].key == "-") b -= 2;
    if (b + 1 == m.e) return std::string(toks_[b].word());
    std::string k;
    for (size_t i = b; i < m.e; ++i) k += toks_[i].stripped.empty() || i + 1 < m.e ? toks_[i].key : toks_[i].stripped;
    return k;
  };
  auto note = [&](const Mention& m, size_t at) {
    if (m.type != EntityType::PERSON) return;
    std::string fam = family_of(m);
    if (fam.empty()) return;
    auto& list = by_family[fam];
    for (Seen& s : list)
      if (s.id == m.id) {
        ++s.count;
        s.last = at;
        return;
      }
    list.push_back({m.id, m.name, m.entry, 1, at});
  };
  // Every person named in full anywhere in the document, by family name and by given name:
  // a headline or a caption often names a person ("Okafor (left)") before the story
  // does in full ("Home Secretary Ada Okafor"), and a story may call a private
  // person by the given name ("Tomasz said") after naming them in full.
  ViewMap<std::vector<Seen>> anywhere_by_family, by_given;
  auto add_person = [&](ViewMap<std::vector<Seen>>& map, std::string key, const Mention& m) {
    auto& list = map[std::move(key)];
    for (Seen& s : list)
      if (s.id == m.id) return;
    list.push_back({m.id, m.name, m.entry, 1, m.b});
  };
  for (const std::vector<Mention>* list : {&mentions_, &nested_})
    for (const Mention& m : *list) {
      if (m.type != EntityType::PERSON || m.e - m.b < 2) continue;
      if (std::string fam = family_of(m); !fam.empty()) add_person(anywhere_by_family, std::move(fam), m);
      const Tok& first = toks_[m.b];
      if (first.kind == TokenKind::Word && first.stripped.empty() && unit_end(m.b) == m.b + 1 && !(first.key_flags & NameLists::kTitle))
        add_person(by_given, std::string(first.key), m);
    }
  // This family's people named in full: before this point (`*before` true), else anywhere in
  // the document when `anywhere`; null when none.
  // "his grandfather Kim", "Kim Jong Un's father, Kim": the id of a relative (kin= of the
  // lexicon) of the person the possessive names, or of the person named last for "his" /
  // "her", by the relation written right before the name at i ("" when none).
  auto kin_named_at = [&](size_t i) -> std::string_view {
    std::string_view kin_target;
    for (size_t r = i; r > 1 && r + 3 > i && toks_[r - 2].sentence == toks_[i].sentence;) {
      --r;
      if (toks_[r].key == ",") continue;
      if (toks_[r].kind != TokenKind::Word || toks_[r].cap) break;
      const size_t p = r - 1;
      const Mention* anchor = nullptr;
      if (toks_[p].lower == "his" || toks_[p].lower == "her") {
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
  auto family_people = [&](std::string_view family, bool anywhere, bool* before = nullptr) -> const std::vector<Seen>* {
    if (auto f = by_family.find(family); f != by_family.end()) {
      if (before) *before = true;
      return &f->second;
    }
    if (auto a = anywhere_by_family.find(family); anywhere && a != anywhere_by_family.end()) return &a->second;
    return nullptr;
  };
  size_t next_mention = 0, next_nested = 0;
  for (size_t i = 0; i < n; ++i) {
    if (next_mention < mentions_.size() && mentions_[next_mention].b == i) {
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
          const Mention& org = mentions_[static_cast<size_t>(c->second)];
          m.type = EntityType::ORG;
          m.id = org.id;
          m.name = org.name;
          m.how = How::Alias;
          m.entry = org.entry;
        }
      }
      // A one-word place that is the family name of a person the document names in full:
      // "Easley" after "Leif-Eric Easley" is not the town, and "Paris said" after "Marie
      // Paris" not the city; after a place preposition it is the place ("flew to Paris").
      // A well-known place (the curated lexicon's) only after the full name.
      const LexEntry* place = m.e == m.b + 1 && m.entry >= 0 && m.type != EntityType::PERSON && !m.nested
                                  ? &lex_.entry(static_cast<uint32_t>(m.entry)) : nullptr;
      if (place && !(i > 0 && ((toks_[i - 1].key_flags & NameLists::kLocative) || toks_[i - 1].key == "of" ||
                               toks_[i - 1].key == "In" || toks_[i - 1].key == "on"))) {
        const Tok& t = toks_[i];
        const std::vector<Seen>* people = family_people(t.word(), place->rank > 0);
        if (people && !people->empty()) {
          const Seen* best = &(*people)[0];
          for (const Seen& s : *people)
            if (s.count > best->count) best = &s;
          m.type = EntityType::PERSON;
          m.id = best->id;
          m.name = best->name;
          m.how = How::Alias;
          m.entry = best->entry;
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
          m = d;
        }
      // A family name alone found by its context ("Trump, who leads", "replied Sanders") is
      // the person of that family the document names in full.
      if (m.type == EntityType::PERSON && m.how == How::Pattern && !m.nested && m.entry < 0 && m.e == m.b + 1) {
        const std::vector<Seen>* people = family_people(toks_[i].word(), true);
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
          m.id = std::string(lex_.entry(kin).id);
          m.name = std::string(lex_.entry(kin).name);
          m.how = How::Alias;
          m.entry = static_cast<int32_t>(kin);
        } else if (best) {
          m.id = best->id;
          m.name = best->name;
          m.how = How::Alias;
          m.entry = best->entry;
        }
      }
      note(m, i);
      out.push_back(m);
      // "Korean Central News Agency (KCNA)": the acronym names the same entity.
      // (Also where the lexicon knows the letters as something else: the mention there is
      // then taken as this one's when the loop reaches it.)
      // That takes letters that abbreviate the name: not "WASHINGTON (AP)".
      const bool lexicon_next = next_mention < mentions_.size() && mentions_[next_mention].b == m.e + 1 &&
                                mentions_[next_mention].e == m.e + 2 && mentions_[next_mention].how == How::Lexicon &&
                                m.e - m.b >= 2 && !toks_[m.b].key.empty() && !toks_[m.e + 1].key.empty() &&
                                toks_[m.b].key[0] == toks_[m.e + 1].key[0];
      if (m.e + 2 < n && toks_[m.e].key == "(" && toks_[m.e + 1].allcaps && toks_[m.e + 2].key == ")" &&
          (owner_[m.e + 1] == -1 || lexicon_next) && m.type != EntityType::PERSON) {
        Mention a = m;
        a.b = m.e + 1;
        a.e = m.e + 2;
        a.end_byte = toks_[a.b].end;
        a.how = How::Alias;
        acronyms[std::string(toks_[a.b].key)] = a;
        if (!lexicon_next) {
          owner_[a.b] = -2;
          out.push_back(a);
        }
      }
      i = m.e - 1;
      continue;
    }
    if (owner_[i] != -1) continue;
    const Tok& t = toks_[i];
    if (t.kind != TokenKind::Word || !t.cap || stance_prefixed(i)) continue;
    std::string_view key = t.word();
    if (auto a = acronyms.find(key); a != acronyms.end()) {
      Mention m = a->second;
      m.b = static_cast<uint32_t>(i);
      m.e = static_cast<uint32_t>(i + 1);
      m.end_byte = t.stripped.empty() ? t.end : t.stripped_end;
      out.push_back(m);
      continue;
    }
    if (t.allcaps) {
      if (auto a = by_initials.find(key); a != by_initials.end() && a->second >= 0 && t.key.size() >= 2) {
        Mention m = mentions_[static_cast<size_t>(a->second)];
        m.b = static_cast<uint32_t>(i);
        m.e = static_cast<uint32_t>(i + 1);
        m.end_byte = t.stripped.empty() ? t.end : t.stripped_end;
        m.how = How::Alias;
        acronyms[std::string(key)] = m;
        out.push_back(m);
        continue;
      }
      if (acronym_org(i)) {
        Mention m{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), t.stripped.empty() ? t.end : t.stripped_end,
                  EntityType::ORG, slug_id(key), std::string(key), How::Pattern, -1};
        acronyms[std::string(key)] = m;
        out.push_back(m);
      }
      continue;
    }
    // A company's one-word short form that nothing else found ("Labatt said").
    if (auto c = company_short.find(key); c != company_short.end() && c->second >= 0 && t.stripped.empty() &&
        !(i + 1 < n && unit_end(i + 1) > i + 1 && toks_[i + 1].sentence == t.sentence)) {
      Mention m = mentions_[static_cast<size_t>(c->second)];
      m.b = static_cast<uint32_t>(i);
      m.e = static_cast<uint32_t>(i + 1);
      m.end_byte = t.end;
      m.how = How::Alias;
      m.nested = false;
      out.push_back(m);
      continue;
    }
    // "the Clinton-Sanders race", "a Trump-Cruz ticket": two family names joined by a hyphen,
    // each of one person the document names in full, are those two people ("Holden-Brown"
    // stays one name unless the story has a Holden and a Brown).
    if (i + 2 < n && t.stripped.empty() && toks_[i + 1].key == "-" && toks_[i + 1].begin == t.end &&
        !(i > 0 && toks_[i - 1].key == "-" && toks_[i - 1].end == t.begin) &&
        toks_[i + 2].begin == toks_[i + 1].end && toks_[i + 2].kind == TokenKind::Word && toks_[i + 2].cap &&
        unit_end(i) == i + 3 && !title_before_[i] &&
        !(i + 3 < n && toks_[i + 3].sentence == t.sentence && unit_end(i + 3) > i + 3)) {  // not "Karl-Lorimar Home Video"

      const std::vector<Seen>* first = family_people(key, true);
      const std::vector<Seen>* second = family_people(toks_[i + 2].word(), true);
      if (first && second && first->size() == 1 && second->size() == 1 && first->front().id != second->front().id) {
        auto person_at = [&](size_t k, const Seen& p) {
          const Tok& u = toks_[k];
          out.push_back(Mention{static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1), u.stripped.empty() ? u.end : u.stripped_end,
                                EntityType::PERSON, p.id, p.name, How::Alias, p.entry});
        };
        person_at(i, first->front());
        person_at(i + 2, second->front());
        i += 2;
        continue;
      }
    }
    // A family name alone, not the start of a longer unknown name, nor the second part of a
    // hyphenated one ("Brown" of "Holden-Brown").
    if (i >= 2 && toks_[i - 1].key == "-" && toks_[i - 1].begin == toks_[i - 2].end && t.begin == toks_[i - 1].end &&
        toks_[i - 2].kind == TokenKind::Word)
      continue;
    size_t ue = unit_end(i);
    if (ue != i + 1 && ue > i) {  // hyphenated forms are not family names alone, unless titled: "Mr. Holtz-Eakin"
      // or the family name of one person the document names in full ("Anna Holden-Brown ...
      // Holden-Brown said").
      std::string unit;
      for (size_t k = i; k < ue; ++k) unit += k + 1 == ue ? toks_[k].word() : toks_[k].key;
      const bool longer = ue < n && toks_[ue].sentence == t.sentence && unit_end(ue) > ue;  // "Co-operative Bancorp"
      if (const std::vector<Seen>* people = family_people(unit, true); people && people->size() == 1 && !longer) {
        const Tok& last = toks_[ue - 1];
        const Seen& p = people->front();
        out.push_back(Mention{static_cast<uint32_t>(i), static_cast<uint32_t>(ue), last.stripped.empty() ? last.end : last.stripped_end,
                              EntityType::PERSON, p.id, p.name, How::Alias, p.entry});
        i = ue - 1;
        continue;
      }
      if (title_before_[i] && (ue >= n || unit_end(ue) == ue)) {
        const Tok& last = toks_[ue - 1];
        uint32_t eb = last.stripped.empty() ? last.end : last.stripped_end;
        std::string name(text_.data() + t.begin, eb - t.begin);
        Mention m{static_cast<uint32_t>(i), static_cast<uint32_t>(ue), eb, EntityType::PERSON, slug_id(name), name, How::Pattern, -1};
        for (size_t k = i; k < ue; ++k) owner_[k] = -2;
        note(m, i);
        out.push_back(m);
        i = ue - 1;
      }
      continue;
    }
    if (t.stripped.empty() && i + 1 < n && unit_end(i + 1) > i + 1 && toks_[i + 1].sentence == t.sentence) {
      // Unless the document has named this family's person in full and a weekday or "I"
      // follows: "asked Trump Wednesday", "get to know Greenspan I'm sure". (Other capitalised words make a longer
      // name more often than not: "Polk County", "Baker Lift", "Trump Village".)
      bool modifier = by_family.count(key) && owner_[i + 1] == -1 && unit_end(i + 1) == i + 2 &&
                      ((toks_[i + 1].lower_flags & NameLists::kWeekday) || toks_[i + 1].key == "I") &&
                      !(i + 2 < n && toks_[i + 2].sentence == t.sentence && unit_end(i + 2) > i + 2) &&
                      !title_case_around(i, i + 2);
      if (!modifier) continue;
    }
    bool seen_before = false;  // named before this point (else only later)
    const std::vector<Seen>* people = family_people(key, true, &seen_before);
    const std::vector<uint32_t>* lex_people = lex_.persons_with_family(key);
    if (!people && !lex_people) {
      // The given name of exactly one person of the document, where it cannot be a word.
      auto g = by_given.find(key);
      if (g != by_given.end() && g->second.size() == 1 && !t.common && !(t.initial && (t.key_flags & NameLists::kAmbiguousGivenName)) &&
          !(t.lower_flags & NameLists::kTimeWord) && !title_case_around(i, i + 1)) {
        const Seen& p = g->second[0];
        out.push_back(Mention{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), t.stripped.empty() ? t.end : t.stripped_end,
                              EntityType::PERSON, p.id, p.name, How::Alias, p.entry});
        continue;
      }
      // "Mr. Lukin" with nothing to resolve to: a person all the same; not a word or an
      // organisation's word after a title-like one ("General Agreement", "General … Co").
      if (title_before_[i] && !t.common &&
          !(t.word_flags & (NameLists::kOrgTail | NameLists::kOrgHead | NameLists::kPlaceTail | NameLists::kEventTail))) {
        Mention m{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), t.stripped.empty() ? t.end : t.stripped_end,
                  EntityType::PERSON, slug_id(key), std::string(key), How::Pattern, -1};
        note(m, i);
        out.push_back(m);
      }
      continue;
    }
    bool in_doc = people != nullptr;
    // "in May", "on Friday": a month or a day, whoever shares its name.
    if ((t.lower_flags & NameLists::kTimeWord)) {
      if (!in_doc) continue;
      if (i > 0 && ((toks_[i - 1].key_flags & NameLists::kLocative) || toks_[i - 1].key == "on" || toks_[i - 1].key == "by" ||
                    toks_[i - 1].key == "since" || toks_[i - 1].key == "until" || toks_[i - 1].key == "of"))
        continue;
      if (i + 1 < n && toks_[i + 1].kind == TokenKind::Number) continue;
    }
    // Without a full mention, a family name that is also a word or a given name needs a
    // capital letter where a word would not have one.
    if (!in_doc) {
      // After "the" only as the leader of a government or a time: "the Monti government".
      bool led = i + 1 < n && toks_[i + 1].sentence == t.sentence && (toks_[i + 1].key_flags & NameLists::kLedNoun);
      if (t.initial || (i > 0 && (toks_[i - 1].key == "the" || toks_[i - 1].key == "The") && !led)) continue;
      if (title_case_around(i, i + 1)) continue;  // a headline: Towns Without Ferries
      if ((t.word_flags & NameLists::kGivenName) && !title_before_[i] && !led) continue;
      // A family name that is also an English word ("He", "Long") needs a title or a full
      // mention in the document: the word is the likelier reading.
      if (t.common && !title_before_[i]) continue;
      // Nor, from the lexicon alone, a name of one or two letters ("O", "Li"), the end of a
      // longer capitalised name ("SeaCo Business Park", "Taiwan Power"; a title before is
      // fine: "President Reagan"), or the start of an organisation's ("Johnson and Johnson",
      // "Power Co").
      if (t.word().size() <= 2) continue;
      if (i >= 2 && toks_[i - 1].key == "," && toks_[i - 2].allcaps) continue;  // "WICHITA, Kan, March 12": a state
      if (i > 0 && toks_[i - 1].sentence == t.sentence && toks_[i - 1].kind == TokenKind::Word && toks_[i - 1].cap &&
          !toks_[i - 1].initial && !title_before_[i] && !(toks_[i - 1].key_flags & (NameLists::kTitle | NameLists::kTitleStart)))
        continue;
      if (i + 1 < n && toks_[i + 1].sentence == t.sentence &&
          ((toks_[i + 1].word_flags & NameLists::kOrgTail) ||
           (i + 2 < n && toks_[i + 1].key == "and" && toks_[i + 2].key == t.key)))
        continue;
    } else if (t.initial && t.common && people->empty()) {
      continue;
    }
    // Candidates: the people of the document with this family name, then the lexicon's.
    struct Option {
      std::string id, name;
      int32_t entry;
      int score;
      int led = 0;  // of the score, what "the X administration" gave: tells apart, is no evidence
    };
    std::vector<Option> options;
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
        options.push_back({std::string(e.id), std::string(e.name), static_cast<int32_t>(ei), e.offices().empty() ? 0 : 1});
      }
    // Evidence from the sentence: the year written nearest to the name, the tense, epithets.
    int year = 0;
    size_t year_dist = SIZE_MAX;
    bool present = false;
    size_t sentence_start = i;
    while (sentence_start > 0 && toks_[sentence_start - 1].sentence == t.sentence) --sentence_start;
    for (size_t k = sentence_start; k < n; ++k) {
      if (toks_[k].sentence != t.sentence) break;
      const Tok& y = toks_[k];
      if (y.kind == TokenKind::Number && y.key.size() == 4) {
        int v = 0;
        for (char c : y.key) v = c >= '0' && c <= '9' && v >= 0 ? v * 10 + (c - '0') : -1;
        size_t d = k > i ? k - i : i - k;
        if (v >= 1800 && v <= 2100 && d < year_dist) {
          year = v;
          year_dist = d;
        }
      }
      if (y.kind == TokenKind::Word && (y.lower_flags & NameLists::kPresentMarker)) present = true;
    }
    const int gendered_title = gender_of_title(i);
    std::string before;
    for (size_t k = i >= 3 ? i - 3 : 0; k < i; ++k)
      if (toks_[k].sentence == t.sentence) {
        if (!before.empty()) before += ' ';
        before += utf8::lower(toks_[k].key);
      }
    const std::string_view kin_target = kin_named_at(i);
    const bool led_by_name = i + 1 < n && toks_[i + 1].sentence == t.sentence && (toks_[i + 1].key_flags & NameLists::kLedNoun);
    for (Option& o : options) {
      if (o.entry < 0) continue;
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
      for (std::string_view ep : e.epithets()) {
        // "the elder Kim": the epithet's words before the family name match the words before.
        std::string low = utf8::lower(ep);
        std::string fam(1, ' ');
        fam += utf8::lower(e.family);
        if (low.size() > fam.size() && low.compare(low.size() - fam.size(), fam.size(), fam) == 0) {
          std::string lead = low.substr(0, low.size() - fam.size());
          if (before.size() >= lead.size() && before.compare(before.size() - lead.size(), lead.size(), lead) == 0) o.score += 25;
        }
      }
      if (before.size() >= 8 && before.compare(before.size() - 8, 8, "the late") == 0) o.score += e.died ? 6 : -6;
      // "President Obama", "Foreign Minister Wang": a role of theirs right before the name.
      // A title's first word stands for the whole, with less weight: "Secretary Clinton"
      // (secretary of state), "Senator Clinton" (an office: United States Senator).
      if (e.facts) {
        bool role_before = false;
        for (std::string_view role : e.facts->roles)
          role_before = role_before || (before.size() >= role.size() &&
                                        before.compare(before.size() - role.size(), role.size(), role) == 0 &&
                                        (before.size() == role.size() || before[before.size() - role.size() - 1] == ' '));
        const size_t sp = before.rfind(' ');
        const std::string_view last_word = std::string_view(before).substr(sp == std::string::npos ? 0 : sp + 1);
        const bool title_word = i > 0 && toks_[i - 1].sentence == t.sentence &&
                                ((toks_[i - 1].key_flags & NameLists::kTitle) || (toks_[i - 1].lower_flags & NameLists::kRoleNoun));
        int weight = role_before ? 20 : 0;
        if (!role_before && title_word && last_word.size() > 3) {
          auto has_word = [&](std::string_view phrase, bool first_only) {
            std::string low = utf8::lower(phrase);
            auto ends_at = [&](size_t at) { return at + last_word.size() == low.size() || low[at + last_word.size()] == ' '; };
            if (first_only) return low.compare(0, last_word.size(), last_word) == 0 && ends_at(0);
            for (size_t at = low.find(last_word); at != std::string::npos; at = low.find(last_word, at + 1))
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
    Mention m{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), t.stripped.empty() ? t.end : t.stripped_end,
              EntityType::PERSON, best->id, best->name, How::Alias, best->entry};
    note(m, i);
    out.push_back(m);
  }
  // The nested names after the name that contains them.
  if (!nested_.empty()) {
    out.insert(out.end(), std::make_move_iterator(nested_.begin()), std::make_move_iterator(nested_.end()));
    std::stable_sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) {
      if (a.b != b.b) return a.b < b.b;
      return a.nested < b.nested;
    });
  }
  mentions_ = std::move(out);
}

std::vector<Mention> DocumentMatcher::run() {
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
  return std::move(mentions_);
}

std::string_view how_name(How h) {
  switch (h) {
    case How::Lexicon: return "lexicon";
    case How::Pattern: return "pattern";
    case How::Alias: return "alias";
  }
  return "";
}

}  // namespace

namespace {

// The compiled lexicon is a process-wide, read-only resource: built once per set of user
// files and kept until the process ends (freeing ~37,000 entries at exit would only cost
// time).
std::shared_ptr<const Lexicon> shared_lexicon(const std::vector<std::string>& files) {
  static std::mutex mu;
  static auto* cache = new std::map<std::vector<std::string>, std::shared_ptr<const Lexicon>>();
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = (*cache)[files];
  if (!slot) slot = std::make_shared<const Lexicon>(files);
  return slot;
}

}  // namespace

EntitiesPass::EntitiesPass(const Config& config, bool eager) : verbs_(std::make_unique<ReportingVerbs>(config.verb_files)) {
  if (config.lexicon_files.empty()) {
    // Deferred: the first get() compiles it, once, while other threads asking wait.
    lexicon_ = std::async(eager ? std::launch::async : std::launch::deferred, [] { return shared_lexicon({}); }).share();
  } else {
    std::promise<std::shared_ptr<const Lexicon>> ready;
    ready.set_value(shared_lexicon(config.lexicon_files));
    lexicon_ = ready.get_future().share();
  }
}

EntitiesPass::~EntitiesPass() = default;

void EntitiesPass::run(Document& doc) const {
  DocumentMatcher matcher(doc, lexicon(), *verbs_);
  std::vector<Mention> mentions = matcher.run();
  const Segmentation& seg = doc.segmentation();
  // Written as JSON text (json::Writer), and handed to the quotes pass as a list.
  json::Writer w;
  w.reserve(128 * mentions.size() + 2);
  std::vector<EntityMention> list;
  list.reserve(mentions.size());
  const utf8::OffsetIndex& cps = doc.offsets();
  std::string_view text = doc.text();
  w.begin_array();
  for (Mention& m : mentions) {  // its strings move into the list
    uint32_t b = seg.tokens[m.b].begin;
    std::string_view type = type_name(m.type);
    w.begin_object();
    w.key("start").value(cps.to_cp(b)).key("end").value(cps.to_cp(m.end_byte));
    w.key("text").value(text.substr(b, m.end_byte - b)).key("type").value(type);
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
