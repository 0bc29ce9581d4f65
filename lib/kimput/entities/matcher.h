// The entity matcher's working parts, shared by the files that implement it (see
// passes/entities.h for what the pass finds and guarantees):
//   entities/matcher_tokens.cpp   the document's tokens as the matcher sees them, name units,
//                                 verbs next to a name, the candidates' common helpers;
//   entities/candidates.cpp       lexicon matches, names by shape and context, organisation
//                                 and place names by their head and tail words, the choice
//                                 among overlapping candidates and the names inside names;
//   entities/in_context.cpp       what the chosen names tell about other words: repeated
//                                 names, organisations around people, national teams,
//                                 buildings, names many countries' bodies share;
//   entities/resolve_aliases.cpp  short forms: family names, acronyms, company short forms.
// One DocumentMatcher per document; it keeps nothing across documents.
#pragma once

#include <fmt/format.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <forward_list>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kimput/document.h"
#include "kimput/entities/lexicon.h"
#include "kimput/resources.h"
#include "kimput/text/swar.h"
#include "kimput/text/utf8.h"
#include "kimput/words/name_lists.h"
#include "kimput/words/reporting_verbs.h"

namespace kimput::entities_detail {

// A word with its hash_bytes() computed once, for several look-ups of it in maps hashed by
// ViewHash.
struct HashedKey {
  std::string_view s;
  uint64_t hash;
  friend bool operator==(const HashedKey& a, std::string_view b) { return a.s == b; }
};

// The hash of maps keyed by strings or string views, looked up with a string view or a
// HashedKey (whose hash is not computed again).
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return hash_bytes(s); }
  size_t operator()(const HashedKey& k) const { return k.hash; }
};

enum class How : uint8_t { Lexicon, Pattern, Alias };

// One token as the matcher sees it. The strings are views into the document's text or
// into the matcher's per-document store: a token costs no allocation of its own.
// No default values: prepare_tokens() sets every field of every token, on storage it does
// not fill first (see NoInitAllocator).
struct Tok {
  uint32_t begin, end;  // bytes
  uint32_t sentence;
  TokenKind kind;
  std::string_view key;       // token_key()
  std::string_view stripped;  // key less a possessive "'s" / "'" ("" when none)
  uint32_t stripped_end;      // byte end of the token less its possessive (its end when it has none)
  bool cap;      // starts with an upper-case letter
  bool allcaps;  // two or more letters, all upper case
  bool initial;  // the sentence's first word (after an opening quote or bracket, if any)
  std::string_view lower;  // word() in lower case ("" for punctuation and numbers)
  // NameLists flags of key, of word() and of lower: each list looked up once per token (0
  // for punctuation and numbers).
  uint32_t key_flags, word_flags, lower_flags;
  uint32_t type;  // the token's entry in the matcher's table of distinct tokens

  std::string_view word() const { return stripped.empty() ? key : stripped; }
  // Lower-cased, a common English word (read from the flags: a field of its own was one more
  // store at every token).
  bool common() const { return (lower_flags & NameLists::kCommonWord) != 0; }
};

// An allocator whose resize() leaves new elements uninitialised, for a vector whose elements
// are all written right after (value-initialising them wrote each twice). It constructs
// nothing: the elements are aggregates of trivially copyable fields (implicit-lifetime
// types, which the allocation itself creates), and default-initialising a Tok still zeroed
// its string views, at every token of every document.
template <typename T>
struct NoInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = NoInitAllocator<U>;
  };
  NoInitAllocator() = default;
  template <typename U>
  NoInitAllocator(const NoInitAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U*) noexcept {
    static_assert(std::is_aggregate_v<U> && std::is_trivially_copyable_v<U>);
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// Bytes that views point into: filled from the front, never moved or cleared of their
// memory while in use, and not initialised (a std::string's append() was a call around the
// copy, and its size() the only bytes it may write).
struct ByteStore {
  std::unique_ptr<char[]> bytes;
  size_t size = 0, capacity = 0;
  void clear() { size = 0; }
  void swap(ByteStore& o) noexcept {
    std::swap(bytes, o.bytes);
    std::swap(size, o.size);
    std::swap(capacity, o.capacity);
  }
  // Room for n bytes in all, when empty (views into it would not survive new memory).
  void reserve(size_t n) {
    if (n <= capacity) return;
    bytes = std::make_unique_for_overwrite<char[]>(n);
    capacity = n;
  }
};

struct Cand {
  uint32_t b = 0, e = 0;  // tokens [b, e)
  uint32_t end_byte = 0;  // byte end (less a possessive)
  EntityType type = EntityType::PERSON;
  int32_t entry = -1;  // lexicon entry, or -1
  // The canonical name of a pattern's candidate when it is not its text's, else empty: the
  // text's (pattern_name()) is made for a chosen candidate only, and most are not chosen.
  std::string name;
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

inline bool is_upper_start(std::string_view s) {
  size_t i = 0;
  if (s.empty()) return false;
  return u_isupper(static_cast<UChar32>(utf8::next(s, i)));
}

// "TOKYO" -> "Tokyo", for datelines and headlines in capitals.
inline std::string title_case(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool first = true;
  for (size_t i = 0; i < s.size();) {
    // ASCII: ICU's letters and lower case agree with these tests.
    if (const unsigned char c = static_cast<unsigned char>(s[i]); c < 0x80) {
      ++i;
      const bool upper = c >= 'A' && c <= 'Z';
      out += static_cast<char>(!first && upper ? c + ('a' - 'A') : c);
      first = !(upper || (c >= 'a' && c <= 'z'));
      continue;
    }
    char32_t cp = utf8::next(s, i);
    utf8::append(out, static_cast<char32_t>(first ? cp : u_tolower(static_cast<UChar32>(cp))));
    first = !u_isalpha(static_cast<UChar32>(cp));
  }
  return out;
}

class DocumentMatcher {
 public:
  DocumentMatcher(const Document& doc, const Lexicon& lex, const ReportingVerbs& verbs);
  ~DocumentMatcher();
  DocumentMatcher(const DocumentMatcher&) = delete;
  DocumentMatcher& operator=(const DocumentMatcher&) = delete;

  // The document's mentions, in order; the caller may move their strings out (the vector
  // lives as long as the matcher).
  std::vector<Mention>& run();

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
  // The mention of candidate c, whose name moves into it.
  Mention mention_of(Cand& c) const;
  // Candidates that lost to a longer name containing them, when they name something else.
  void select_nested(const std::vector<Cand*>& chosen);
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
  // The text from token b to byte end_byte with one space for each run of white space: the
  // canonical name of a name found by pattern.
  std::string pattern_name(uint32_t b, uint32_t end_byte) const;
  bool bare_name(size_t b, size_t e) const;
  bool acronym_org(size_t i) const;
  // Token i is written in capitals ("US", "WHO") in a sentence that is not.
  bool caps_amid_lower(size_t i) const;
  // A view of `s` that lives as long as the matcher.
  std::string_view keep(std::string_view s);
  // keep() of ASCII w with A-Z lowered (utf8::lower(w)), whose first 8 bytes the caller
  // has lowered: `lower_head` (swar::ascii_lower_7bit() of w's load_up_to_8()).
  std::string_view keep_ascii_lower(std::string_view w, uint64_t lower_head);
  // The lower case of token k's key (not less its possessive) equals w.
  bool lower_key_is(size_t k, std::string_view w) const;
  // Appends the lower case of token k's key (utf8::lower(key)) to out.
  void append_lower_key(std::string& out, size_t k) const;
  // Token i follows "pro-" or "anti-": "pro-Beijing camp", "anti-Washington mood" are
  // adjectives, not mentions of the place (nor of a person of the same name).
  bool stance_prefixed(size_t i) const;

  const Document& doc_;
  const std::string& text_;
  const Lexicon& lex_;
  const ReportingVerbs& verbs_;
  const NameLists& words_;
  std::vector<Tok, NoInitAllocator<Tok>> toks_;
  // The capitalised words' indices, in order: the scans for names, which start at a
  // capitalised word, skip the other tokens (most of a story's) without reading them.
  std::vector<uint32_t> caps_at_;
  // The tokens a lexicon name may start at, in order: capitalised words and numbers ("G20",
  // "38 North").
  std::vector<uint32_t> lex_starts_at_;
  // The distinct words of the document: a word is looked up in the word lists and the
  // lexicon once, however often it occurs (most tokens are repeats).
  // A new entry sets only the fields read before they are written (not lower, hash, nor the
  // shape): zeroing all of them, at every distinct token of every document, cost more.
  struct WordType {
    static constexpr uint32_t kUnset = WordIds::kNone - 1;
    WordType(std::string_view key, uint64_t head) : key(key), head(head) {}
    std::string_view key;
    std::string_view lower;  // set at a word's first look-up
    // hash_bytes(key) (set at a word's first look-up: not needed before); its first 8 bytes,
    // zero-padded.
    uint64_t hash, head;
    bool looked_up = false;  // the flags below are set (word tokens only)
    bool not_word = false;   // a token of punctuation or a number has this text
    // A word token's shape, the same wherever its text is the key (no apostrophe or hyphen
    // folded): set at such a token, and then copied to the next ones (read once shape_known).
    bool shape_known = false, cap, allcaps;
    uint32_t stripped_size;  // of the key less its possessive; its size when none
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
  unsigned type_shift_ = 0;           // 64 - log2(type_slots_.size()): a hash's top bits pick the slot
  // The slot of `key` in type_slots_, whose first 8 bytes (load_up_to_8) are `head`: its
  // entry's index + 1, or 0 where it would go.
  // (`slots` and `types`: type_slots_.data() and types_.data(), which the caller may hold.)
  uint32_t& type_slot(std::string_view key, uint64_t head, uint32_t* slots, const WordType* types);
  // The entry of `key` for its slot (see type_slot), added when new; a new entry that fills
  // half the slots doubles them (`slot` is then stale).
  uint32_t word_type(uint32_t& slot, std::string_view key, uint64_t head);
  // The slot of an entry's key (see type_slot): from its head and, when it is longer, its
  // last 8 bytes and size, not hash_bytes(), which only a word's first look-up needs (a
  // word of more than 8 bytes paid it at every occurrence).
  size_t home_slot(std::string_view key, uint64_t head) const {
    uint64_t mixed = head;
    if (key.size() > 8) mixed ^= (swar::load8(key.data() + key.size() - 8) + key.size()) * 0xFF51AFD7ED558CCDULL;
    return (mixed * 0x9E3779B97F4A7C15ULL) >> type_shift_;
  }
  // Twice the slots, the entries put in them again.
  void grow_type_slots();
  // Lexicon word id of token j's key, or of its key less the possessive.
  uint32_t lex_word(size_t j, bool stripped);
  // Lexicon word id of token j's key in title case.
  uint32_t lex_title_word(size_t j);
  ByteStore store_;                // token keys and lower-case forms that differ from the text
  // What did not fit in store_ (which must not reallocate); nodes, so that views stay valid,
  // and no allocation when empty (a std::deque allocates when made).
  std::forward_list<std::string> spill_;
  std::vector<Cand> cands_;
  std::vector<Mention> mentions_;
  std::vector<Mention> nested_;  // names inside chosen names, sorted by start
  std::vector<int8_t> owner_;               // token -> -2 when a chosen name covers it, else -1
  std::vector<int8_t> title_before_;        // token starts a name right after a title
  std::vector<int8_t> lex_place_;           // token starts a one-word lexicon match that is not a person
  struct SentenceShape {
    uint32_t words = 0, caps = 0, allcaps = 0;
    bool present = false;  // a word marks the present tense
  };
  std::vector<SentenceShape> shape_;        // by sentence index
  // The numbers that write a year (four digits, 1800 to 2100), in order.
  struct YearAt {
    uint32_t token;
    int year;
  };
  std::vector<YearAt> years_at_;
  // Working vectors of single steps, members only to keep their memory (see Buffers).
  // (The key and its hash are read from the entry, not copied: 32 bytes a look-up, not 56.)
  struct LookUp {
    uint32_t type;
    uint32_t stripped_size;  // of the key less its possessive (a prefix of it), 0 when none
    uint64_t stripped_hash, lower_hash;  // of that prefix, and of lower when it differs
    bool lexicon;     // also the lexicon id of the key
    bool lower_same;  // the lower case is the word itself
  };
  std::vector<LookUp, NoInitAllocator<LookUp>> look_ups_;  // prepare_tokens()
  // The document's sports words (kSportsWord in lower case), each once (by types_ index),
  // listed by prepare_tokens() as it looks them up: national_teams() reads these, where it
  // read every distinct word's flags.
  std::vector<uint32_t> sports_types_;
  std::vector<uint32_t> family_end_;             // pattern_candidates()
  std::vector<int8_t> lex_long_;                 // org_candidates()
  std::vector<int32_t> lex_person_, container_;  // select(), select_nested() (then resolve_aliases())
  std::vector<Cand*> chosen_;                    // select()
  std::vector<std::pair<uint64_t, uint64_t>> order_;  // select(), select_nested()
  std::vector<int8_t> taken_, starts_;           // select_nested(); repeat_pattern_names()
  std::vector<std::pair<uint32_t, uint32_t>> not_person_;  // select_nested()
  std::vector<std::pair<uint32_t, size_t>> by_first_;  // repeat_pattern_names()
  std::vector<Mention> extra_;  // repeat_pattern_names(), organisations_in_context()
  std::vector<Mention> resolved_;                // resolve_aliases()
  // The sentence of token b is in title case (a headline) once the words [b, e) are left out.
  bool title_case_around(size_t b, size_t e) const;
  // The per-document buffers above (tokens, word table, store, candidates, mentions and the
  // working vectors), empty, with the memory of the thread's last document: taken by the
  // constructor, cleared and given back by the destructor, so that a document does not
  // allocate them anew. (A second matcher alive on the same thread gets new ones.)
  struct Buffers;
  static Buffers& thread_buffers();
  // Swaps each buffer with b's; with `clear`, empties ours first (keeping its memory).
  void exchange_buffers(Buffers& b, bool clear);
};

// Inline: lexicon_candidates() asks it for every token of every name it tries.
inline uint32_t DocumentMatcher::lex_word(size_t j, bool stripped) {
  WordType& wt = types_[toks_[j].type];
  uint32_t& id = stripped ? wt.lex_stripped : wt.lex_key;
  if (id != WordType::kUnset) return id;
  // A word's key was hashed at its first look-up (punctuation and numbers are not).
  if (stripped) id = lex_.word_id(toks_[j].stripped);
  else if (wt.looked_up) id = lex_.word_id(wt.key, wt.hash, wt.head);
  else id = lex_.word_id(wt.key);
  return id;
}

// Moves the mentions of `from` into `into`, both in the order `before`, keeping `into` in
// it: a merge from the back in into's own memory, where the mentions before from's first
// do not move (a merge into a third vector, or a sort, moved them all). Of two equal, the
// one of `from` comes second, as after a stable sort of the two one after the other.
template <class Before>
void merge_into(std::vector<Mention>& into, std::vector<Mention>& from, Before before) {
  size_t from_into = into.size(), from_from = from.size();
  into.resize(into.size() + from.size());
  for (size_t to = into.size(); from_from > 0;) {
    if (from_into > 0 && before(from[from_from - 1], into[from_into - 1])) into[--to] = std::move(into[--from_into]);
    else into[--to] = std::move(from[--from_from]);
  }
}

// "lexicon", "pattern", "alias": the schema's names for How.
std::string_view how_name(How h);

}  // namespace kimput::entities_detail
