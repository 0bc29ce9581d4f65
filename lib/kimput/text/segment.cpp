#include "kimput/text/segment.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/ucharstrie.h>
#include <unicode/ucharstriebuilder.h>
#include <unicode/udata.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/utf16.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "kimput/resources.h"
#include "kimput/text/utf8.h"
#include "kimput/text/fast_words.h"
#include "kimput/text/swar.h"
#include "kimput/words/word_ids.h"

namespace kimput {

bool is_space(char32_t cp) {
  switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    case 0x85: case 0xA0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
    case 0x2028: case 0x2029:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200B;
  }
}

namespace {

// Looked up by string_view: no std::string made per look-up.
using WordSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;

struct Abbreviations {
  WordSet title, other;
  // Words that start a new sentence after "U.S." or an initial ("... to the U.S. The rest").
  WordSet starters;
  size_t longest = 0;  // of title and other: a longer word is neither, and is not looked up
  // Per first byte, bit L set when a word of the set has L (< 64) bytes and starts with it:
  // most words before a period ("said.") are then ruled out without being hashed, and a word
  // that may be in one set is not hashed for the other.
  std::array<uint64_t, 256> title_lengths{}, other_lengths{};

  // False when w is certainly not in the set whose lengths are given.
  bool may_be(std::string_view w, const std::array<uint64_t, 256>& lengths_by_first) const {
    if (w.size() > longest) return false;
    if (w.empty() || w.size() >= 64) return true;
    return lengths_by_first[static_cast<unsigned char>(w[0])] >> w.size() & 1;
  }
  bool is_title(std::string_view w) const { return may_be(w, title_lengths) && title.count(w); }
  bool is_other(std::string_view w) const { return may_be(w, other_lengths) && other.count(w); }
};

const Abbreviations& abbreviations() {
  static const Abbreviations a = [] {
    Abbreviations out;
    WordSet* group = &out.title;
    for_each_data_line(embedded("abbreviations.txt"), [&](std::string_view line, size_t) {
      std::string_view t = trim(line);
      if (t == "[title]") group = &out.title;
      else if (t == "[other]") group = &out.other;
      else if (t == "[starters]") group = &out.starters;
      else group->emplace(t);
    });
    for (auto [g, lengths] : {std::pair{&out.title, &out.title_lengths}, std::pair{&out.other, &out.other_lengths}})
      for (const std::string& w : *g) {
        out.longest = std::max(out.longest, w.size());
        if (!w.empty() && w.size() < 64) (*lengths)[static_cast<unsigned char>(w[0])] |= uint64_t{1} << w.size();
      }
    return out;
  }();
  return a;
}

// ICU's sentence-break suppressions for "en" ("Mr.", "U.S.", "Ph.D.": ICU 72 has 151, at
// most 8 characters, all ending in '.'), applied as ICU's filter
// (SimpleFilteredSentenceBreakIterator, which the locale's "ss=standard" puts over the rule
// iterator) applies them. That filter copies its text for every boundary it checks (some
// 700 instructions a boundary); this reads the UTF-16 text in place. The tries are built
// as ICU builds its own: from the list in code-unit order, an entry with a period before
// its end ("Ph.D.") puts its part up to the first period ("Ph.") in the backward trie as a
// partial match (once for each such part) and goes whole into the forward trie, as does
// any other entry starting with that part ("U." beside "U.S."); every other entry goes,
// reversed, into the backward trie as a match. segment_diff_test compares the sentences
// with those of ICU's filter.
class SentenceSuppressions {
 public:
  SentenceSuppressions() {
    UErrorCode st = U_ZERO_ERROR;
    icu::LocalUResourceBundlePointer brkitr(ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "en", &st));
    icu::LocalUResourceBundlePointer exceptions(ures_getByKey(brkitr.getAlias(), "exceptions", nullptr, &st));
    icu::LocalUResourceBundlePointer list(ures_getByKey(exceptions.getAlias(), "SentenceBreak", nullptr, &st));
    if (U_FAILURE(st)) throw std::runtime_error(std::string("ICU sentence break suppressions: ") + u_errorName(st));
    std::vector<icu::UnicodeString> words;
    for (int32_t i = 0, n = ures_getSize(list.getAlias()); i < n; ++i) {
      int32_t len = 0;
      const UChar* w = ures_getStringByIndex(list.getAlias(), i, &len, &st);
      if (U_FAILURE(st)) throw std::runtime_error(std::string("ICU sentence break suppressions: ") + u_errorName(st));
      words.emplace_back(w, len);
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    const size_t n = words.size();
    // Goes whole into the forward trie (its part up to the first period is in the backward one).
    std::vector<bool> to_forward(n, false);
    icu::UCharsTrieBuilder backward(st), forward(st);
    for (size_t i = 0; i < n; ++i) {
      int32_t stop = words[i].indexOf(u'.');
      if (stop < 0 || stop + 1 == words[i].length()) continue;
      bool added = false;  // by an entry before it with the same part
      for (size_t j = 0; j < n; ++j) {
        if (j == i || words[i].compare(0, stop + 1, words[j], 0, stop + 1) != 0) continue;
        if (!to_forward[j]) to_forward[j] = true;
        else added = true;
      }
      if (!added && !to_forward[i]) {
        icu::UnicodeString part(words[i], 0, stop + 1);
        add_backward(backward, part.reverse(), kPartial, st);
        to_forward[i] = true;
      }
    }
    bool any_forward = false;
    for (size_t i = 0; i < n; ++i) {
      if (!to_forward[i]) {
        icu::UnicodeString w(words[i]);
        add_backward(backward, w.reverse(), kMatch, st);
      } else {
        forward.add(words[i], kMatch, st);
        any_forward = true;
      }
    }
    backward_.reset(backward.build(USTRINGTRIE_BUILD_FAST, st));
    if (any_forward) forward_.reset(forward.build(USTRINGTRIE_BUILD_FAST, st));
    if (U_FAILURE(st)) throw std::runtime_error(std::string("ICU sentence break suppressions: ") + u_errorName(st));
  }

  // True when the filter drops the rule iterator's boundary n (0 < n < len) of the text u
  // (UTF-16 units, or the bytes of an ASCII text):
  // the longest entry of the backward trie that ends there (or one space before) is a
  // match, or a partial match that the forward trie takes on to a whole entry.
  template <class Unit>
  bool drops(const Unit* u, int32_t len, int32_t n) const {
    int32_t p = n;
    UChar32 c;
    U16_PREV(u, 0, p, c);
    if (c != u' ') p = n;
    if (p == 0 || !(u[p - 1] < 0x80 ? first_ascii_[u[p - 1]] : first_other_)) return false;  // no entry ends so
    if (u[p - 1] == u'.' && period_filter_) {  // no key the walk back from the period could reach
      if (p < 2 || u[p - 2] >= 0x80) return false;
      const char16_t c1 = static_cast<char16_t>(u[p - 2]);
      if (!period_pair_[c1]) {
        if (p < 3 || u[p - 3] >= 0x80) return false;
        const char16_t c2 = static_cast<char16_t>(u[p - 3]);
        if (!(period_triples_[c1][c2 >> 6] >> (c2 & 63) & 1)) return false;
      }
    }
    return walk_drops(u, len, p);
  }

 private:
  static constexpr int32_t kPartial = 1, kMatch = 2;

  // drops() past its filters, the entries ending before p read from the tries. Not inlined:
  // the filters answer most boundaries, and the sentence loop stays small.
  template <class Unit>
  [[gnu::noinline]] bool walk_drops(const Unit* u, int32_t len, int32_t p) const {
    UChar32 c;
    icu::UCharsTrie back(*backward_);
    int32_t best_at = -1, best = 0;
    while (p > 0) {
      U16_PREV(u, 0, p, c);
      UStringTrieResult r = back.nextForCodePoint(c);
      if (USTRINGTRIE_HAS_VALUE(r)) {
        best_at = p;
        best = back.getValue();
      }
      if (!USTRINGTRIE_HAS_NEXT(r)) break;
    }
    if (best_at < 0) return false;
    if (best == kMatch) return true;
    if (!forward_) return false;
    icu::UCharsTrie fwd(*forward_);
    UStringTrieResult r = USTRINGTRIE_INTERMEDIATE_VALUE;
    for (int32_t i = best_at; i < len;) {
      U16_NEXT(u, i, len, c);
      r = fwd.nextForCodePoint(c);
      if (!USTRINGTRIE_HAS_NEXT(r)) break;
    }
    return USTRINGTRIE_MATCHES(r);
  }

  // Adds a key to the backward trie, noting its first units for the filters of drops().
  void add_backward(icu::UCharsTrieBuilder& backward, const icu::UnicodeString& key, int32_t value, UErrorCode& st) {
    char16_t first = key.charAt(0);
    if (first < 0x80) first_ascii_[first] = true;
    else first_other_ = true;
    if (first == u'.') {
      // The units in locals, tested before they index: GCC could not see through charAt()
      // (0xFFFF past the end) that the tests bound them, and warned (-Warray-bounds).
      const int32_t len = key.length();
      const char16_t c1 = len > 1 ? key.charAt(1) : u'\0', c2 = len > 2 ? key.charAt(2) : u'\0';
      if (len == 1 || c1 >= 0x80 || c2 >= 0x80) period_filter_ = false;
      else if (len == 2) period_pair_[c1] = true;
      else period_triples_[c1][c2 >> 6] |= uint64_t{1} << (c2 & 63);
    }
    backward.add(key, value, st);
  }

  std::unique_ptr<icu::UCharsTrie> backward_, forward_;
  // The units the backward trie's keys start with (the last characters of the entries):
  // a boundary after any other character is no suppression's, without reading the trie.
  std::array<bool, 0x80> first_ascii_{};
  bool first_other_ = false;
  // The keys starting with '.' (all of ICU's), by their next units when those are ASCII: a
  // walk back from a period over a pair (".d" of "said.") or triple (".di") that no key
  // starts with, and no key equals, finds no entry (checked without the trie; ICU's trie
  // costs some 80 instructions a unit). period_pair_: a key of those two units; period_filter_:
  // false when a key is "." or has another unit among its first three.
  std::array<bool, 0x80> period_pair_{};
  std::array<std::array<uint64_t, 2>, 0x80> period_triples_{};
  bool period_filter_ = true;
};

const SentenceSuppressions& sentence_suppressions() {
  static const SentenceSuppressions s;
  return s;
}

// Compiled once per process; each thread clones its own (ICU iterators are not thread-safe).
// The sentence iterator has ICU's rules alone (the suppressions are sentence_suppressions()).
struct Prototypes {
  std::unique_ptr<icu::BreakIterator> sentence, word;
};

const Prototypes& prototypes() {
  static const Prototypes p = [] {
    Prototypes out;
    UErrorCode st = U_ZERO_ERROR;
    out.sentence.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en"), st));
    if (U_FAILURE(st)) throw std::runtime_error(std::string("ICU sentence break: ") + u_errorName(st));
    st = U_ZERO_ERROR;
    out.word.reset(icu::BreakIterator::createWordInstance(icu::Locale("en"), st));
    if (U_FAILURE(st)) throw std::runtime_error(std::string("ICU word break: ") + u_errorName(st));
    return out;
  }();
  return p;
}

struct ThreadIterators {
  std::unique_ptr<icu::BreakIterator> sentence, word;
  std::unique_ptr<icu::BreakIterator> icu_sentence;  // icu_sentence_prototype()'s, on first use
  std::vector<char16_t> u16;       // the text being segmented, in UTF-16
  std::vector<uint32_t> u16_byte;  // UTF-16 index -> byte offset (unused for ASCII text; see segment)
  std::vector<ByteSpan> raw;       // ICU's sentences, before the abbreviation joins
  std::vector<char16_t> s16;       // the text the sentence iterator reads (see sentence_cuts)
  std::vector<uint32_t> s16_byte;  // its UTF-16 index -> byte offset
  std::vector<std::pair<uint32_t, uint32_t>> cuts;     // what sentence_cuts() leaves out of s16
  std::vector<std::pair<uint32_t, uint32_t>> neutral;  // scratch of sentence_cuts()
  ThreadIterators()
      : sentence(prototypes().sentence->clone()), word(prototypes().word->clone()) {}
};

// ICU's sentence iterator with its own suppressions: the reference of
// SegmentOptions::force_icu, compiled on first use.
const icu::BreakIterator& icu_sentence_prototype() {
  static const std::unique_ptr<icu::BreakIterator> p = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> out(icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), st));
    if (U_FAILURE(st)) throw std::runtime_error(std::string("ICU sentence break: ") + u_errorName(st));
    return out;
  }();
  return *p;
}

ThreadIterators& iterators() {
  thread_local ThreadIterators it;
  return it;
}

// A UText on the stack: utext_openUChars fills it in instead of allocating one (a malloc
// and a free per text, twice per document). Closing one never opened does nothing.
struct StackUText {
  UText t = UTEXT_INITIALIZER;
  StackUText() = default;
  StackUText(const StackUText&) = delete;
  StackUText& operator=(const StackUText&) = delete;
  ~StackUText() { utext_close(&t); }
  void open(const std::vector<char16_t>& units, size_t n) {
    UErrorCode st = U_ZERO_ERROR;
    utext_openUChars(&t, reinterpret_cast<const UChar*>(units.data()), static_cast<int64_t>(n), &st);
    if (U_FAILURE(st)) throw std::runtime_error(std::string("ICU utext: ") + u_errorName(st));
  }
};

inline bool ascii_letter(unsigned char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// u_isalpha, u_islower, u_isupper and u_isdigit, with ASCII answered inline (most
// characters here).
inline bool is_letter(char32_t cp) { return cp < 0x80 ? ascii_letter(static_cast<unsigned char>(cp)) : u_isalpha(static_cast<UChar32>(cp)); }
inline bool is_lower(char32_t cp) { return cp < 0x80 ? cp - 'a' < 26 : u_islower(static_cast<UChar32>(cp)); }
inline bool is_upper(char32_t cp) { return cp < 0x80 ? cp - 'A' < 26 : u_isupper(static_cast<UChar32>(cp)); }
inline bool is_digit(char32_t cp) { return cp < 0x80 ? cp - '0' < 10 : u_isdigit(static_cast<UChar32>(cp)); }

// True when s holds a non-ASCII Unicode space (NBSP, U+202F...).
bool has_inner_space(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    if (is_space(utf8::next(s, i))) return true;
  }
  return false;
}

bool all_space(std::string_view s) {
  for (size_t i = 0; i < s.size();)
    if (!is_space(utf8::next(s, i))) return false;
  return true;
}

// Trims white space from both ends of [b, e).
void trim_span(std::string_view text, uint32_t& b, uint32_t& e) {
  while (b < e) {
    size_t i = b;
    if (!is_space(utf8::next(text, i))) break;
    b = static_cast<uint32_t>(i);
  }
  while (e > b) {
    size_t i = e;
    if (!is_space(utf8::prev(text, i))) break;
    e = static_cast<uint32_t>(i);
  }
}

// The word (letters and inner periods) that ends just before the period at byte p.
std::string_view word_before_period(std::string_view text, size_t p) {
  size_t b = p;
  while (b > 0) {
    size_t i = b;
    char32_t cp = utf8::prev(text, i);
    if (!(is_letter(cp) || cp == '.')) break;
    b = i;
  }
  return text.substr(b, p + 1 - b);
}

bool is_initial(std::string_view w) {  // "J." or "J.R."
  if (w.size() < 2 || w.back() != '.') return false;
  for (size_t i = 0; i < w.size(); i += 2) {
    if (!(w[i] >= 'A' && w[i] <= 'Z')) return false;
    if (i + 1 >= w.size() || w[i + 1] != '.') return false;
  }
  return true;
}

// The word that starts at byte i (letters only).
std::string_view word_at(std::string_view text, size_t i) {
  size_t e = i;
  while (e < text.size()) {
    size_t k = e;
    if (!is_letter(utf8::next(text, k))) break;
    e = k;
  }
  return text.substr(i, e - i);
}

// True when [b, e) ends with ? or ! (then optionally closing quotes or brackets).
bool ends_with_question_or_exclamation(std::string_view text, uint32_t b, uint32_t e) {
  size_t i = e;
  while (i > b) {
    char32_t cp = utf8::prev(text, i);
    if (cp == '?' || cp == '!') return true;
    bool closing = cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 || cp == 0xBB;
    if (!closing) return false;
  }
  return false;
}

// Turns the word segments [a, b) with their ICU rule status into tokens: white space is
// dropped, a piece joined across U+202F is split there, and a word directly followed by a
// period that makes an abbreviation ("Mr", "U.S" + ".") takes the period.
struct TokenSink {
  std::string_view text;
  const Abbreviations& abbr;
  std::vector<Token>& tokens;

  void operator()(uint32_t a, uint32_t b, int32_t status) {
    std::string_view piece = text.substr(a, b - a);
    TokenKind kind;
    if (status >= UBRK_WORD_LETTER) kind = TokenKind::Word;
    else if (status >= UBRK_WORD_NUMBER) kind = TokenKind::Number;
    else if (all_space(piece)) return;
    else kind = TokenKind::Punct;
    if (kind != TokenKind::Punct && has_inner_space(piece)) {
      // ICU joins across U+202F (narrow no-break space, a word joiner to it): split there.
      for (size_t i = 0; i < piece.size();) {
        size_t start = i;
        size_t k = i;
        if (is_space(utf8::next(piece, k))) {
          i = k;
          continue;
        }
        while (i < piece.size()) {
          k = i;
          if (is_space(utf8::next(piece, k))) break;
          i = k;
        }
        tokens.push_back({a + static_cast<uint32_t>(start), a + static_cast<uint32_t>(i), kind, 0});
      }
      return;
    }
    if (kind == TokenKind::Punct && piece == "." && takes_period(a)) return;
    tokens.push_back({a, b, kind, 0});
  }

  // The same for a segment of the fast path, where less can happen: runs of spaces are not
  // emitted, a segment of status 0 is CR LF or one character (white space or not; the only
  // non-ASCII white space is NBSP, the only handled character starting with byte C2), and
  // no other segment holds white space.
  void fast(uint32_t a, uint32_t b, int32_t status) {
    if (status == 0) {
      char c = text[a];
      if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '\xC2') return;
      if (c == '.' && takes_period(a)) return;
      tokens.push_back({a, b, TokenKind::Punct, 0});
      return;
    }
    tokens.push_back({a, b, status >= UBRK_WORD_LETTER ? TokenKind::Word : TokenKind::Number, 0});
  }

  // True when the previous token is a word ending at a that makes an abbreviation with the
  // period at a, which it then takes. Not inlined: the fast path calls it for a period only,
  // and inlined (with its set look-ups) it took registers from the word loop.
  [[gnu::noinline]] bool takes_period(uint32_t a) {
    if (tokens.empty()) return false;
    Token& prev = tokens.back();
    if (prev.end != a || prev.kind != TokenKind::Word) return false;
    std::string_view w = text.substr(prev.begin, prev.end - prev.begin + 1);
    if (!(abbr.is_title(w) || abbr.is_other(w) || is_initial(w))) return false;
    prev.end = a + 1;
    return true;
  }
};

// True when no word-break rule joins code point cp to a following ASCII white space, so
// that ICU certainly breaks between them: cp is not white space (WB3d), not CR (WB3), not
// Extend/Format/ZWJ (WB4), not a regional indicator, not a character ICU splits by
// dictionary (Thai, CJK...). Kept to the characters of Latin, Greek, Cyrillic... text and
// common punctuation, where this is plain.
bool ends_before_space(char32_t cp) {  // cp >= 0x80 (ASCII: see is_cut)
  if (cp < 0x80 || cp >= 0x2E80 || is_space(cp)) return false;
  switch (u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_WORD_BREAK)) {
    case U_WB_OTHER: case U_WB_ALETTER: case U_WB_MIDLETTER: case U_WB_MIDNUM: case U_WB_NUMERIC:
    case U_WB_EXTENDNUMLET: case U_WB_MIDNUMLET: case U_WB_SINGLE_QUOTE: case U_WB_DOUBLE_QUOTE:
      return u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_LINE_BREAK) != U_LB_COMPLEX_CONTEXT;
    default:
      return false;
  }
}

// A cut: byte p holds ASCII white space and the character before it ends_before_space, so a
// word boundary falls at p whatever the rest of the text (UAX #29 decides a boundary from
// the characters around it). Word segments before p then depend only on the text before p,
// and those after p only on the text from p.
bool is_cut(std::string_view text, size_t p) {
  if (p == 0 || p >= text.size()) return false;
  char c = text[p];
  if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')) return false;
  unsigned char l = static_cast<unsigned char>(text[p - 1]);
  if (l < 0x80) return l != ' ' && !(l == '\r' && c == '\n');
  size_t i = p;
  return ends_before_space(utf8::prev(text, i));
}

// The UTF-16 index of byte `byte` of a text (std::lower_bound in u16_byte, the byte offset of
// each unit) for bytes asked in increasing order. A character's index is its byte less the
// extra bytes of the characters before it (of two bytes or more): from the byte less those
// before the last answer, the index only moves back over the characters since, a few in a
// text, where a binary search over the text cost some 60 instructions.
class UnitOfByte {
 public:
  explicit UnitOfByte(std::span<const uint32_t> u16_byte) : u16_byte_(u16_byte) {}

  size_t operator()(uint32_t byte) {
    const size_t last = u16_byte_.size() - 1;
    size_t u = std::min<size_t>(byte - extra_, last);
    while (u > 0 && u16_byte_[u - 1] >= byte) --u;
    while (u < last && u16_byte_[u] < byte) ++u;  // a byte inside a character (not asked in practice)
    extra_ = u16_byte_[u] - static_cast<uint32_t>(u);
    return u;
  }

 private:
  std::span<const uint32_t> u16_byte_;
  uint32_t extra_ = 0;  // at the last answer (a character's first unit): its byte less its index
};

// Word segments of a text with some non-ASCII characters: the text is cut (is_cut) into
// stretches; a stretch of characters the fast path handles (ASCII and the common news
// punctuation of fast_words.h) goes to the fast path, the others to ICU, which iterates
// over the whole text and is only moved to the start of each stretch. False
// when ICU does not have a boundary where a cut was assumed (then nothing is to be trusted).
template <class Sink, class Fast>
bool mixed_words(std::string_view text, std::span<const uint32_t> u16_byte, icu::BreakIterator& word,
                 UText* ut, Sink& sink, Fast& fast, SegmentStats* stats) {
  UErrorCode st = U_ZERO_ERROR;
  word.setText(ut, st);
  if (U_FAILURE(st)) return false;
  UnitOfByte unit_of(u16_byte);
  auto u16_of = [&](size_t byte) { return static_cast<int32_t>(unit_of(static_cast<uint32_t>(byte))); };
  const size_t n = text.size();
  int32_t icu_at = -1;  // where the ICU iterator stands, in UTF-16 units
  size_t pos = 0;
  while (pos < n) {
    size_t j = pos;  // the next character the fast path does not handle
    for (;;) {
#if defined(__SSE2__)
      while (j + 16 <= n && !_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + j)))) j += 16;
#endif
      while (j + 8 <= n && !(swar::load8(text.data() + j) & swar::kHigh)) j += 8;
      while (j < n && static_cast<unsigned char>(text[j]) < 0x80) ++j;
      if (j == n) break;
      uint32_t len = fast_words::handled_length(text, j);
      if (len == 0) break;
      j += len;
    }
    if (j == n) {
      fast(static_cast<uint32_t>(pos), static_cast<uint32_t>(n));
      break;
    }
    size_t s = j;  // the last cut before that character (or pos)
    while (s > pos && !is_cut(text, s)) --s;
    if (s > pos) fast(static_cast<uint32_t>(pos), static_cast<uint32_t>(s));
    size_t e = j + 1;  // the first cut after it (or the end)
    while (e < n && !is_cut(text, e)) ++e;
    int32_t s16 = u16_of(s), e16 = u16_of(e);
    if (icu_at != s16) {
      int32_t at = s16 == 0 ? word.first() : word.following(s16 - 1);
      if (at != s16) return false;
    }
    for (int32_t a = s16; a < e16;) {
      int32_t b = word.next();
      if (b == icu::BreakIterator::DONE || b > e16) return false;
      sink(u16_byte[static_cast<size_t>(a)], u16_byte[static_cast<size_t>(b)], word.getRuleStatus());
      a = b;
    }
    icu_at = e16;
    if (stats) stats->icu_bytes += e - s;
    pos = e;
  }
  return true;
}

// The UTF-16 text the sentence iterator reads (s16): the text less the inside of long
// stretches that no sentence rule looks into, so that ICU (about 60 instructions a
// character) reads a small part of it. By UAX #29 (ICU's sentence rules) a boundary only
// follows a terminator (. ! ?) or a paragraph separator, through closing punctuation and
// spaces; the rules look back from there one character (SB7) and ahead to the first letter
// (SB8). The "en" suppressions (SentenceSuppressions) do not read s16: segment() maps each
// boundary back to the whole text for them. So a stretch of printable ASCII other than
// . ! ? between two anchors (a terminator, a line break, a control or a non-ASCII character,
// bar the common NBSP, curly quotes and dashes, which end a stretch but are not anchors),
// is cut down to its first and last letters (what comes before the first or after the last
// is kept, so the characters beside an anchor are): no rule reads its inside, and a rule
// that runs into it from either end meets the same letter. Boundaries never fall inside
// it, and map back to the same byte offsets (s16_byte). sentence_cuts() finds the parts to
// leave out. segment_diff_test checks the sentences against ICU over the whole text.

// The bytes the scan for anchors stops at: controls (tab included), DEL, . ! ? and every
// byte from 0x80 (the NBSP, curly quotes and dashes are then told apart).
inline bool sentence_special(unsigned char c) { return c < 0x20 || c >= 0x7F || c == '.' || c == '!' || c == '?'; }

// Byte length of the neutral character (NBSP, ‘ ’ “ ” – —) at text[i], or 0.
inline uint32_t sentence_neutral_length(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == 0xC2) return i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0 ? 2 : 0;
  if (c != 0xE2 || i + 2 >= text.size() || static_cast<unsigned char>(text[i + 1]) != 0x80) return 0;
  switch (static_cast<unsigned char>(text[i + 2])) {
    case 0x93: case 0x94: case 0x98: case 0x99: case 0x9C: case 0x9D:
      return 3;
    default:
      return 0;
  }
}

// Appends to `cuts` the inner parts [b, e) of the stretches that are cut (see above), in
// bytes, in order; true when the text has a byte from 0x80 (the scan stops at each).
// `neutral` is scratch.
bool sentence_cuts(std::string_view text, std::vector<std::pair<uint32_t, uint32_t>>& cuts,
                   std::vector<std::pair<uint32_t, uint32_t>>& neutral) {
  const char* p = text.data();
  const uint32_t n = static_cast<uint32_t>(text.size());
  // The stretches of the gap [gb, ge) between two anchors (or the text's ends), split at
  // its neutral characters (neutral).
  auto gap = [&](uint32_t gb, uint32_t ge) {
    if (ge - gb < 3) return;
    size_t ni = 0;
    const size_t ne = neutral.size();
    for (uint32_t sb = gb; sb < ge;) {
      uint32_t se = ni < ne ? neutral[ni].first : ge;
      uint32_t f = sb, l = se;
      while (f < l && !ascii_letter(static_cast<unsigned char>(p[f]))) ++f;
      while (l > f && !ascii_letter(static_cast<unsigned char>(p[l - 1]))) --l;
      if (l > f + 2) cuts.emplace_back(f + 1, l - 1);
      if (ni < ne) sb = neutral[ni++].second;
      else break;
    }
  };
  neutral.clear();
  bool high = false;
  uint32_t gap_b = 0;
  uint32_t i = 0;
  for (;;) {
    // The next special byte: 16 at a time (SSE2) where none is, then 8, then one. Signed,
    // plus one, a byte below 0x20 or from 0x7F is less than 0x21 (0x7F and 0xFF wrap). One
    // found by SSE2 is where i stands (the 8-byte test, some 25 instructions, would only
    // find it again).
    bool found = false;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      __m128i m = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(1)), _mm_set1_epi8(0x21)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
                                            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('!')), _mm_cmpeq_epi8(v, _mm_set1_epi8('?')))));
      if (uint32_t bits = static_cast<uint32_t>(_mm_movemask_epi8(m))) {
        i += static_cast<uint32_t>(__builtin_ctz(bits));
        found = true;
        break;
      }
    }
#endif
    if (!found) {
      for (; i + 8 <= n; i += 8) {
        uint64_t w = swar::load8(p + i);
        if (swar::below(w, 0x20) | swar::at_least(w, 0x7F) | swar::equal_to(w, '.') | swar::equal_to(w, '!') | swar::equal_to(w, '?'))
          break;
      }
      while (i < n && !sentence_special(static_cast<unsigned char>(p[i]))) ++i;
    }
    if (i >= n) break;
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == '\t') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      high = true;
      if (uint32_t len = sentence_neutral_length(text, i)) {
        neutral.emplace_back(i, i + len);
        i += len;
        continue;
      }
    }
    // An anchor: a character from byte i (its continuation bytes are anchors too).
    gap(gap_b, i);
    neutral.clear();
    ++i;
    while (i < n && (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80) {
      ++i;
      high = true;
    }
    gap_b = i;
  }
  gap(gap_b, n);
  return high;
}

// Copies n ASCII bytes from src as UTF-16 units to u16, and their byte offsets (from `at`)
// to byte: sixteen at a time with SSE2 (widened by unpacking with zero), then eight, the last
// eight ending at n (the parts the sentence copy keeps are mostly short); under eight, one
// by one.
// Always inlined: the UTF-16 copy of a non-ASCII text calls it for 16 or 8 bytes at a time,
// where the call cost more than the copy.
[[gnu::always_inline]] inline void widen_ascii(const char* src, size_t n, char16_t* u16, uint32_t* byte, uint32_t at) {
  size_t k = 0;
#if defined(__SSE2__)
  for (; k + 16 <= n; k += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + k));
    const __m128i zero = _mm_setzero_si128();
    _mm_storeu_si128(reinterpret_cast<__m128i*>(u16 + k), _mm_unpacklo_epi8(v, zero));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(u16 + k + 8), _mm_unpackhi_epi8(v, zero));
    __m128i offsets = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(at + k)), _mm_setr_epi32(0, 1, 2, 3));
    for (size_t q = 0; q < 16; q += 4, offsets = _mm_add_epi32(offsets, _mm_set1_epi32(4)))
      _mm_storeu_si128(reinterpret_cast<__m128i*>(byte + k + q), offsets);
  }
  // The rest (under sixteen) in at most two blocks of eight, the second ending at n: over
  // the block before, whose units it writes again (the same), where they went one by one.
  for (int block = 0; block < 2 && n >= 8 && k < n; ++block, k += 8) {
    if (k + 8 > n) k = n - 8;
    const __m128i v = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src + k));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(u16 + k), _mm_unpacklo_epi8(v, _mm_setzero_si128()));
    const __m128i offsets = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(at + k)), _mm_setr_epi32(0, 1, 2, 3));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(byte + k), offsets);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(byte + k + 4), _mm_add_epi32(offsets, _mm_set1_epi32(4)));
  }
#endif
  for (; k < n; ++k) {
    u16[k] = static_cast<unsigned char>(src[k]);
    byte[k] = at + static_cast<uint32_t>(k);
  }
}

}  // namespace

bool keeps_period(std::string_view word) {
  const auto& abbr = abbreviations();
  return abbr.is_title(word) || abbr.is_other(word) || is_initial(word);
}

Segmentation segment(std::string_view text, const SegmentOptions& options) {
  Segmentation seg;
  if (text.empty()) return seg;
  if (text.size() > UINT32_MAX) throw std::length_error("text over 4 GiB");
  if (text.size() >= INT32_MAX) throw std::length_error("text over 2 GiB");
  // ICU's break iterators run about twice as fast over UTF-16 as over a UTF-8 UText, so the
  // text is converted once and the boundaries mapped back to bytes (identity for ASCII).
  auto& its = iterators();
  std::vector<char16_t>& u16 = its.u16;
  // u16_byte's first n16 + 1 entries are this text's (the vector only grows: resizing it to
  // each text's size zero-filled it for every document).
  std::vector<uint32_t>& u16_byte = its.u16_byte;
  // What the sentence iterator need not read (sentence_cuts), in bytes.
  its.cuts.clear();
  bool ascii;
  if (!options.force_icu) {
    ascii = !sentence_cuts(text, its.cuts, its.neutral);
  } else {
    unsigned char high = 0;  // OR of all bytes (a loop the compiler vectorises)
    for (char c : text) high |= static_cast<unsigned char>(c);
    ascii = high < 0x80;
  }
  bool short_text = !its.cuts.empty();
  // The whole text in UTF-16 (u16[0, n16)): for the word iterator when the text is not
  // ASCII, and for the sentence iterator when nothing is cut. The buffers only grow.
  size_t n16 = 0;
  if (ascii) {
    if (!short_text || options.force_icu) {
      if (u16.size() < text.size()) u16.resize(text.size());
      for (size_t i = 0; i < text.size(); ++i) u16[i] = static_cast<unsigned char>(text[i]);
      n16 = text.size();
    }
  } else {
    // At most one UTF-16 unit per byte; ASCII bytes copied straight.
    if (u16.size() < text.size()) u16.resize(text.size());
    if (u16_byte.size() < text.size() + 1) u16_byte.resize(text.size() + 1);
    for (size_t i = 0; i < text.size();) {
#if defined(__SSE2__)
      if (i + 16 <= text.size()) {  // sixteen ASCII bytes (SSE2): widened, and their offsets
        if (!_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i)))) {
          widen_ascii(text.data() + i, 16, u16.data() + n16, u16_byte.data() + n16, static_cast<uint32_t>(i));
          n16 += 16;
          i += 16;
          continue;
        }
      }
#endif
      if (i + 8 <= text.size() && !(swar::load8(text.data() + i) & swar::kHigh)) {
        widen_ascii(text.data() + i, 8, u16.data() + n16, u16_byte.data() + n16, static_cast<uint32_t>(i));  // eight ASCII bytes
        n16 += 8;
        i += 8;
        continue;
      }
      uint32_t at = static_cast<uint32_t>(i);
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c < 0x80) {
        u16[n16] = c;
        u16_byte[n16++] = at;
        ++i;
        continue;
      }
      char32_t cp = utf8::next(text, i);
      if (cp < 0x10000) {
        u16[n16] = static_cast<char16_t>(cp);
        u16_byte[n16++] = at;
      } else {  // a surrogate pair; no boundary falls between its halves
        u16[n16] = static_cast<char16_t>(0xD7C0 + (cp >> 10));
        u16_byte[n16++] = at;
        u16[n16] = static_cast<char16_t>(0xDC00 | (cp & 0x3FF));
        u16_byte[n16++] = at;
      }
    }
    u16_byte[n16] = static_cast<uint32_t>(text.size());
  }
  const std::span<const uint32_t> u16_bytes(u16_byte.data(), ascii ? 0 : n16 + 1);
  auto byte_at = [&](int32_t u) { return ascii ? static_cast<uint32_t>(u) : u16_byte[static_cast<size_t>(u)]; };
  UErrorCode st = U_ZERO_ERROR;
  // The whole text for ICU; not read when an ASCII text's sentences come from s16 (its
  // words are the fast path's).
  StackUText whole;
  if (!(ascii && short_text)) whole.open(u16, n16);
  UText* ut = &whole.t;
  const auto& abbr = abbreviations();

  // Sentences: ICU's boundaries (over the text less what no rule reads, s16), then joined
  // again where an abbreviation ended one.
  size_t s16_len = 0;
  if (short_text) {
    std::vector<char16_t>& s16 = its.s16;
    std::vector<uint32_t>& s16_byte = its.s16_byte;
    size_t cap = (ascii ? text.size() : n16) + 1;
    if (s16.size() < cap) s16.resize(cap);
    if (s16_byte.size() < cap) s16_byte.resize(cap);
    size_t from = 0;  // bytes (ASCII) or units of u16
    auto keep = [&](size_t to) {  // [from, to)
      if (ascii) {
        widen_ascii(text.data() + from, to - from, s16.data() + s16_len, s16_byte.data() + s16_len, static_cast<uint32_t>(from));
      } else {
        std::memcpy(s16.data() + s16_len, u16.data() + from, (to - from) * sizeof(char16_t));
        std::memcpy(s16_byte.data() + s16_len, u16_byte.data() + from, (to - from) * sizeof(uint32_t));
      }
      s16_len += to - from;
    };
    UnitOfByte unit_of(u16_bytes);
    auto unit = [&](uint32_t byte) -> size_t {  // the UTF-16 index of a character's first byte
      return ascii ? byte : unit_of(byte);
    };
    for (const auto& [cb, ce] : its.cuts) {
      keep(unit(cb));
      from = unit(ce);
    }
    keep(ascii ? text.size() : n16);
    s16_byte[s16_len] = static_cast<uint32_t>(text.size());
  }
  StackUText sut;
  if (short_text) sut.open(its.s16, s16_len);
  if (options.force_icu && !its.icu_sentence) its.icu_sentence.reset(icu_sentence_prototype().clone());
  icu::BreakIterator& sentences = options.force_icu ? *its.icu_sentence : *its.sentence;
  sentences.setText(short_text ? &sut.t : ut, st);
  const int32_t n_sentence_units = static_cast<int32_t>(short_text ? s16_len : n16);
  const SentenceSuppressions& suppressions = sentence_suppressions();
  // The suppressions read the whole text (UTF-16, or an ASCII text's bytes) at boundary b
  // mapped to it: s16 keeps only what the rules read (sentence_cuts).
  UnitOfByte boundary_unit(u16_bytes);  // the boundaries come in increasing order
  auto dropped = [&](int32_t b) {
    if (!short_text) return suppressions.drops(u16.data(), static_cast<int32_t>(n16), b);
    const uint32_t byte = its.s16_byte[static_cast<size_t>(b)];
    if (ascii)
      return suppressions.drops(reinterpret_cast<const unsigned char*>(text.data()), static_cast<int32_t>(text.size()), static_cast<int32_t>(byte));
    return suppressions.drops(u16.data(), static_cast<int32_t>(n16), static_cast<int32_t>(boundary_unit(byte)));
  };
  auto next_sentence = [&] {  // the next boundary, with ICU's suppressions
    int32_t b = sentences.next();
    if (!options.force_icu)
      while (b != icu::BreakIterator::DONE && b != n_sentence_units && dropped(b))
        b = sentences.next();
    return b;
  };
  auto sentence_byte_at = [&](int32_t u) { return short_text ? its.s16_byte[static_cast<size_t>(u)] : byte_at(u); };
  std::vector<ByteSpan>& raw = its.raw;
  raw.clear();
  for (int32_t a = sentences.first(), b = next_sentence(); b != icu::BreakIterator::DONE; a = b, b = next_sentence()) {
    uint32_t s = sentence_byte_at(a), e = sentence_byte_at(b);
    trim_span(text, s, e);
    if (s < e) raw.push_back({s, e});
  }
  seg.sentences.reserve(raw.size());
  for (const ByteSpan& s : raw) {
    if (!seg.sentences.empty()) {
      ByteSpan& last = seg.sentences.back();
      std::string_view gap = text.substr(last.end, s.begin - last.end);
      bool paragraph_break = gap.find('\n') != std::string_view::npos;
      size_t i = s.begin;
      char32_t next = utf8::next(text, i);
      if (!paragraph_break && text[last.end - 1] == '.') {
        std::string_view w = word_before_period(text, last.end - 1);
        bool lower_next = is_lower(next) || is_digit(next);
        // "J.R.R. Tolkien", "the U.S. Senate": initials (and U.S.-style abbreviations)
        // before a capitalised word that is not a usual sentence opener. Asked for after
        // initials only (a set look-up).
        auto name_next = [&] { return is_upper(next) && !abbr.starters.count(word_at(text, s.begin)); };
        if (abbr.is_title(w) || (w.size() == 2 && is_initial(w)) ||
            ((abbr.is_other(w) || is_initial(w)) && lower_next) || (is_initial(w) && name_next())) {
          last.end = s.end;
          continue;
        }
      }
      // "“Who pays?” the farmer asked.": ICU ends a sentence after ? or ! whatever follows.
      if (!paragraph_break && is_lower(next) && ends_with_question_or_exclamation(text, last.begin, last.end)) {
        last.end = s.end;
        continue;
      }
    }
    seg.sentences.push_back(s);
  }

  // Tokens: word boundaries (ICU's, or the same from the fast path); white-space runs
  // dropped; abbreviations keep their period.
  // News text has a token per 5-6 bytes, Reuters' one per 4.9: a fourth of the size is room
  // for nearly every text, where with a sixth many had their tokens moved to a larger
  // vector near the end (21.6 M instructions on 16,284 Reuters files, 4.5 M on modern).
  seg.tokens.reserve(text.size() / 4 + 8);
  TokenSink sink{text, abbr, seg.tokens};
  auto icu_all = [&] {
    its.word->setText(ut, st);
    for (int32_t ua = its.word->first(), ub = its.word->next(); ub != icu::BreakIterator::DONE;
         ua = ub, ub = its.word->next())
      sink(byte_at(ua), byte_at(ub), its.word->getRuleStatus());
  };
  auto fast = [&](uint32_t b, uint32_t e) {
    fast_words::for_each_segment<false>(text, b, e, [&](uint32_t x, uint32_t y, int32_t status) { sink.fast(x, y, status); });
    if (options.stats) options.stats->fast_bytes += e - b;
  };
  if (options.force_icu) {
    icu_all();
  } else if (ascii) {
    fast(0, static_cast<uint32_t>(text.size()));
  } else if (!mixed_words(text, u16_bytes, *its.word, ut, sink, fast, options.stats)) {
    // A boundary the fast path relies on was not one of ICU's (never seen): ICU alone.
    seg.tokens.clear();
    if (options.stats) ++options.stats->fallbacks;
    icu_all();
  }

  // Sentence index of each token (the first sentence that ends after the token's start, or
  // the last), and each sentence's first token (the first of its tokens that starts in it).
  // Sentence by sentence, so that a token costs one comparison and one store: while the
  // last token starts at or after a sentence's end (all sentences but the last few), some
  // token stops the sentence's run before the end of the tokens, which need not be tested.
  const size_t n_tokens = seg.tokens.size(), n_sentences = seg.sentences.size();
  seg.first_token.assign(n_sentences, static_cast<uint32_t>(n_tokens));
  Token* const tokens = seg.tokens.data();
  for (size_t si = 0, t = 0; si < n_sentences; ++si) {
    const uint32_t end = si + 1 < n_sentences ? seg.sentences[si].end : UINT32_MAX;
    const size_t first = t;
    if (t < n_tokens && tokens[n_tokens - 1].begin >= end)
      for (; tokens[t].begin < end; ++t) tokens[t].sentence = static_cast<uint32_t>(si);
    else
      for (; t < n_tokens && tokens[t].begin < end; ++t) tokens[t].sentence = static_cast<uint32_t>(si);
    size_t f = first;
    while (f < t && seg.tokens[f].begin < seg.sentences[si].begin) ++f;
    if (f < t) seg.first_token[si] = static_cast<uint32_t>(f);
  }
  return seg;
}

}  // namespace kimput
