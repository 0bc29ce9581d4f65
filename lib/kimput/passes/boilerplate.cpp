#include "kimput/passes/boilerplate.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstring>
#include <stdexcept>
#include <memory_resource>
#include <mutex>
#include <unordered_map>
#include <iterator>
#include <utility>
#include <unordered_set>

#include "kimput/resources.h"
#include "kimput/text/segment.h"
#include "kimput/text/utf8.h"
#include "kimput/words/word_ids.h"

namespace kimput {

namespace {

enum class Scope { Short, Any, Trailer };

struct Rule {
  std::string reason;
  Scope scope;
};

int month_number(std::string_view m) {
  static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string low;
  for (char c : m.substr(0, 3)) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i)
    if (low == names[i]) return i + 1;
  return 0;
}

// The number of words (runs of bytes other than space and tab) of s, counted up to `enough`
// (a line of the story has hundreds of bytes; looks_like_prose() needs to know whether it
// has 8 words): enough when s has that many or more. Sixteen bytes at a time (SSE2): the
// words starting in a block are its non-space bytes that follow a space byte.
size_t word_count(std::string_view s, size_t enough = SIZE_MAX) {
  size_t n = 0;
  bool in = false;  // the byte before is part of a word
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
  for (; i + 16 <= s.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    uint32_t sp = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, tab))));
    uint32_t starts = ~sp & ((sp << 1) | (in ? 0u : 1u)) & 0xFFFFu;
    // Bits set in 16 (no POPCNT in the plain x86-64 build).
    starts = starts - ((starts >> 1) & 0x5555u);
    starts = (starts & 0x3333u) + ((starts >> 2) & 0x3333u);
    starts = (starts + (starts >> 4)) & 0x0F0Fu;
    n += (starts + (starts >> 8)) & 0x1Fu;
    if (n >= enough) return enough;
    in = !(sp & 0x8000u);
  }
#endif
  for (; i < s.size(); ++i) {
    bool sp = s[i] == ' ' || s[i] == '\t';
    if (!sp && !in && ++n >= enough) return n;
    in = !sp;
  }
  return n;
}

// True for an ASCII byte that is not white space: a line that starts and ends with one
// (most lines) has nothing to trim, and needs no decoding.
bool ascii_nonspace(char c) {
  return static_cast<unsigned char>(c) < 0x80 && !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f');
}

// Trims ASCII and Unicode white space.
std::string_view trim_all(std::string_view s) {
  if (!s.empty() && ascii_nonspace(s.front()) && ascii_nonspace(s.back())) return s;
  while (!s.empty()) {
    size_t i = 0;
    if (!is_space(utf8::next(s, i))) break;
    s.remove_prefix(i);
  }
  while (!s.empty()) {
    size_t i = s.size();
    if (!is_space(utf8::prev(s, i))) break;
    s.remove_suffix(s.size() - i);
  }
  return s;
}

// The part after "By" reads as names ("Maria Okafor, staff writer", "DailyNK(North Korean
// Media)"), not as a short sentence of the story ("By Friday, the boats were back.").
bool byline_names(std::string_view who) {
  who = trim_all(who);
  if (who.empty()) return false;
  char last = who.back();
  if (last == '!' || last == '?') return false;
  if (last == '.') {
    // Only an initial or a suffix may end a byline with a period: "J.", "Jr.", "Sr.".
    size_t sp = who.find_last_of(' ');
    std::string_view w = who.substr(sp == std::string_view::npos ? 0 : sp + 1);
    if (w.size() > 4 || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
  }
  static const std::vector<std::string_view> connector_list = embedded_words("byline_connectors.txt");
  static const std::unordered_set<std::string_view> connectors(connector_list.begin(), connector_list.end());
  size_t lower = 0;
  for (size_t i = 0; i < who.size();) {
    while (i < who.size() && (who[i] == ' ' || who[i] == ',' || who[i] == '|')) ++i;
    size_t e = i;
    while (e < who.size() && who[e] != ' ' && who[e] != ',' && who[e] != '|') ++e;
    std::string_view w = who.substr(i, e - i);
    if (!w.empty() && w[0] >= 'a' && w[0] <= 'z' && !connectors.count(w)) ++lower;
    i = e;
  }
  return lower < 2;
}

}  // namespace

namespace {

// looks_like_prose() of a line already trimmed (clean() trims each line once). The words are
// counted last: most lines that are not prose (blank lines, headlines) are too short for
// eight words (eight bytes and seven spaces), or end otherwise.
bool trimmed_looks_like_prose(std::string_view line) {
  if (line.size() < 15) return false;
  if (equals(line.substr(line.size() - 3), "...")) return false;
  if (equals(line.substr(line.size() - 3), "\xE2\x80\xA6")) return false;  // …
  size_t i = line.size();
  char32_t last = static_cast<unsigned char>(line.back()) < 0x80 ? static_cast<char32_t>(line.back()) : utf8::prev(line, i);
  // A question is prose only when long: a short one is a headline or a prompt.
  if (last == '?') return word_count(line, 20) >= 20;
  return (last == '.' || last == '!' || last == '"' || last == 0x201D || last == 0x2019 || last == ')' || last == 0xBB) &&
         word_count(line, 8) >= 8;
}

// The hash of a line of 60 bytes or more: of its length and three pieces of eight bytes
// (first, middle, last), some thirty instructions where std::hash read every byte. Two
// different lines seldom share all four; lines of equal hash are compared whole.
struct LongLineHash {
  size_t operator()(std::string_view line) const noexcept {
    uint64_t key[4] = {line.size()};
    std::memcpy(&key[1], line.data(), 8);
    std::memcpy(&key[2], line.data() + line.size() / 2, 8);
    std::memcpy(&key[3], line.data() + line.size() - 8, 8);
    return hash_bytes(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
  }
};

// Whether s has four digits in a row. SSE2: sixteen bytes at a time, their digits a mask
// (with the three bytes before in its low bits) that has a run of four where it AND-ed with
// itself moved by one, two and three has a bit.
bool has_four_digits(std::string_view s) {
  size_t i = 0;
  size_t run = 0;  // digits in a row before byte i
#if defined(__SSE2__)
  uint32_t before = 0;  // whether each of the three bytes before i is a digit (bit 2: byte i - 1)
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    // Digits are '0' + d, d below 10: moved to -128 + d, they are the bytes below -118.
    const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '0'))),
                                         _mm_set1_epi8(static_cast<char>(0x80 + 10)));
    const uint32_t m = static_cast<uint32_t>(_mm_movemask_epi8(digit)) << 3 | before;
    if (m & m >> 1 & m >> 2 & m >> 3) return true;
    before = m >> 16;
  }
  run = before == 7 ? 3 : before >= 6 ? 2 : before >= 4 ? 1 : 0;
#endif
  for (; i < s.size(); ++i) {
    run = s[i] >= '0' && s[i] <= '9' ? run + 1 : 0;
    if (run >= 4) return true;
  }
  return false;
}

// Whether a line may be one of the dates parse_trimmed_date_line() reads: each names a month
// (its first three letters, in any case: the patterns are case-insensitive) or, as an ISO
// date, has four digits and a dash or slash. A line with a byte outside ASCII is not ruled
// out (a case-insensitive pattern matches U+017F as the s of "Sep"). Most lines with a
// year are neither, and skip the three regular expressions (some 4,000 instructions each
// on such a line).
bool may_name_date(std::string_view line) {
  // The months' first three letters, as three bytes of a number.
  static constexpr auto months = [] {
    std::array<uint32_t, 12> out{};
    const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (size_t m = 0; m < 12; ++m)
      out[m] = uint32_t{static_cast<unsigned char>(names[m][0])} | uint32_t{static_cast<unsigned char>(names[m][1])} << 8 |
               uint32_t{static_cast<unsigned char>(names[m][2])} << 16;
    return out;
  }();
  size_t digits = 0;  // the run of digits before byte i
  uint32_t last3 = 0;  // the three bytes up to byte i, in lower case (| 0x20 makes no letter of another byte)
  for (size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0x80) return true;
    if ((c == '-' || c == '/') && digits >= 4) return true;
    digits = c >= '0' && c <= '9' ? digits + 1 : 0;
    last3 = (last3 >> 8) | uint32_t{c | 0x20u} << 16;
    if (i >= 2 && std::find(months.begin(), months.end(), last3) != months.end()) return true;
  }
  return false;
}

}  // namespace

bool looks_like_prose(std::string_view line) { return trimmed_looks_like_prose(trim_all(line)); }

namespace {

// Whether a rule's pattern starts, after its flags, with ".*": it may match from anywhere in
// a line, so RE2 reads every line to its end for it.
bool starts_anywhere(std::string_view pattern) {
  while (pattern.starts_with("(?")) {
    size_t close = pattern.find(')');
    if (close == std::string_view::npos) return false;
    std::string_view flags = pattern.substr(2, close - 2);
    if (flags.empty() || flags.find_first_not_of("imsU-") != std::string_view::npos) return false;
    pattern.remove_prefix(close + 1);
  }
  return pattern.starts_with(".*");
}

// The bytes a text has often: letters (but for the rarest in English: j k q x z, each
// under one in a hundred), digits, white space and the common punctuation.
constexpr auto kCommonBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c)
    t[static_cast<size_t>(c)] = t[static_cast<size_t>(c - 'a' + 'A')] = std::string_view("jkqxz").find(static_cast<char>(c)) == std::string_view::npos;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = true;
  for (char c : std::string_view(" \t\n\r.,;:'\"-()!?")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

// Whether `needle` occurs in `hay`. A needle with a byte texts seldom have ("{{", "@", the
// UTF-8 of U+212A, the k of "created with sketch") is looked for at that byte's occurrences, which memchr finds at a tenth
// of an instruction a byte, the needle's first byte tested there before the whole is
// compared (a call; most k's are not in "sketch"). Else, SSE2: 32 positions at a time, those where the
// needle's first two bytes are, each then compared, its third byte first (glibc's memmem
// took four instructions a byte for short needles).
bool contains(std::string_view hay, std::string_view needle) {
  const size_t n = needle.size();
  if (n <= 1) return n == 0 || std::memchr(hay.data(), needle[0], hay.size()) != nullptr;
  if (hay.size() < n) return false;
  const size_t last = hay.size() - n;  // the last position the needle can start at
  // The last such byte: of a character outside ASCII, the last byte is rarer than the first
  // (E2 starts all the curly quotes and dashes).
  size_t rare = n;
  for (size_t k = n; k-- > 0 && rare == n;)
    if (!kCommonBytes[static_cast<unsigned char>(needle[k])]) rare = k;
  if (rare < n) {
    for (size_t from = rare; from <= last + rare;) {  // from: where the rare byte may be next
      const auto* p = static_cast<const char*>(std::memchr(hay.data() + from, needle[rare], last + rare + 1 - from));
      if (!p) return false;
      const size_t at = static_cast<size_t>(p - hay.data()) - rare;
      if (hay[at] == needle[0] && std::memcmp(hay.data() + at, needle.data(), n) == 0) return true;
      from = at + rare + 1;
    }
    return false;
  }
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(needle[0]), second = _mm_set1_epi8(needle[1]);
  auto pairs = [&](size_t at) {  // the positions at to at + 15 where the first two bytes are
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hay.data() + at));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(hay.data() + at + 1));
    return static_cast<uint32_t>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, second))));
  };
  auto found = [&](uint32_t mask) {  // the needle at one of the positions i + k of mask's bits
    for (; mask != 0; mask &= mask - 1) {
      const size_t p = i + static_cast<size_t>(std::countr_zero(mask));
      if (n == 2 || (hay[p + 2] == needle[2] && std::memcmp(hay.data() + p + 3, needle.data() + 3, n - 3) == 0)) return true;
    }
    return false;
  };
  // Thirty-two positions a step (one test and branch for both halves), then sixteen.
  for (; i + 31 <= last; i += 32)  // positions i to i + 31; bytes read up to i + 32
    if (uint32_t mask = pairs(i) | pairs(i + 16) << 16; mask != 0 && found(mask)) return true;
  for (; i + 15 <= last; i += 16)
    if (found(pairs(i))) return true;
#endif
  for (; i <= last; ++i)
    if (hay[i] == needle[0] && hay.substr(i, n) == needle) return true;
  return false;
}

// Whether a line (`lower`: the same in ASCII lower case) is a photo caption or credit, not
// the page's title. The regular expression (some 1,600 instructions a line) is asked only of
// a line with one of the literals below, one of which each of its alternatives has; they
// have no s or k, the only ASCII letters that a character outside ASCII matches
// case-insensitively (U+017F, U+212A).
bool is_caption(std::string_view line, std::string_view lower) {
  static const RE2 re(
      R"((?i).*(\bfile (picture|photo)\s*:|\bphoto\s*:|\bpicture\s*:|\bimage\s*:|\bphoto credit|©|\(photo\b|\bvia reuters\b|/afp\b|/ap\b|getty images|\bphoto by\b).*)");
  static constexpr std::string_view literals[] = {"phot", "pict", "imag", "\xC2\xA9", "via reuter", "/a"};
  // Each literal compared as a load of its constant size: std::any_of over the array left the
  // compares to calls of memcmp once GCC stopped inlining them here (24 M instructions of the
  // Reuters bench set).
  auto literal_at = [&](size_t i) __attribute__((always_inline)) {
    const char* p = lower.data() + i;
    const size_t left = lower.size() - i;
    return [&]<size_t... k>(std::index_sequence<k...>) __attribute__((always_inline)) {
      return ((left >= literals[k].size() && std::memcmp(p, literals[k].data(), literals[k].size()) == 0) || ...);
    }(std::make_index_sequence<std::size(literals)>());
  };
  // One pass over the line: the literals are compared where one's first byte is (sixteen
  // bytes at a time with SSE2).
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= lower.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(lower.data() + i));
    __m128i first = _mm_setzero_si128();
    for (std::string_view l : literals) first = _mm_or_si128(first, _mm_cmpeq_epi8(v, _mm_set1_epi8(l[0])));
    for (auto mask = static_cast<uint32_t>(_mm_movemask_epi8(first)); mask != 0; mask &= mask - 1)
      if (literal_at(i + static_cast<size_t>(std::countr_zero(mask)))) return RE2::FullMatch(line, re);
  }
#endif
  for (; i < lower.size(); ++i)
    if (literal_at(i)) return RE2::FullMatch(line, re);
  return false;
}

// A rule that may match from anywhere in a line (starts_anywhere()), with literals a line
// must have, in ASCII lower case, for the rule to match it: all of `all_of`, and one of
// `one_of` when it is not empty. From RE2's FilteredRE2, which names the literals ("atoms")
// a pattern cannot match without, as a tree of ANDs and ORs:
//   - `all_of`: the atoms without which the rule never passes the tree (each tried left out);
//   - `one_of`: strings such that every atom has one (see cover()): a rule passes the tree
//     only with one of its atoms (an OR of "icon facebook", "icon twitter" ... and "created
//     with sketch" becomes "icon" or "created with sketch").
// A rule with no atoms, or an atom outside ASCII (lower-cased by RE2's own tables), has
// neither and is asked of every line.
struct FloatingRule {
  int index = 0;  // in BoilerplateRules::Impl::rules
  std::unique_ptr<re2::FilteredRE2> filter;  // holds re: the pattern is compiled once
  const RE2* re = nullptr;  // matched whole (FullMatch), as the set's rules are
  std::vector<std::string> all_of, one_of;
  bool filtered = false;

  // The rule of `pattern`, or (for a pattern RE2 cannot compile) none and RE2's error.
  static FloatingRule make(int index, std::string_view pattern, std::string& error) {
    FloatingRule r;
    r.index = index;
    r.filter = std::make_unique<re2::FilteredRE2>(1);  // one-byte atoms ("@") count
    re2::FilteredRE2& f = *r.filter;
    // Added without logging: FilteredRE2 logs a line of its own for a bad pattern, which is
    // compiled again, as before, for RE2's message and log line alone.
    RE2::Options quiet;
    quiet.set_log_errors(false);
    int id = 0;
    if (f.Add(pattern, quiet, &id) != RE2::NoError) {
      error = RE2(pattern).error();
      return r;
    }
    r.re = &f.GetRE2(id);
    std::vector<std::string> atoms;
    f.Compile(&atoms);
    std::vector<int> passed, all(atoms.size());
    for (size_t a = 0; a < atoms.size(); ++a) all[a] = static_cast<int>(a);
    f.AllPotentials({}, &passed);
    if (atoms.empty() || !passed.empty() || !std::all_of(atoms.begin(), atoms.end(), [](const std::string& a) { return utf8::is_ascii(a); })) return r;
    for (size_t a = 0; a < atoms.size(); ++a) {
      std::vector<int> others = all;
      others.erase(others.begin() + static_cast<std::ptrdiff_t>(a));
      f.AllPotentials(others, &passed);
      if (passed.empty()) r.all_of.push_back(atoms[a]);
    }
    if (r.all_of.empty()) r.one_of = cover(atoms);
    r.filtered = true;
    return r;
  }

  // Strings such that each atom contains one: pieces of four bytes that two atoms or more
  // share (greedy: the piece in most atoms not yet covered first), then the atoms left.
  static std::vector<std::string> cover(const std::vector<std::string>& atoms) {
    constexpr size_t k = 4;
    std::vector<std::string> out;
    std::vector<bool> covered(atoms.size(), false);
    for (;;) {
      std::string best;
      size_t best_n = 0;
      for (size_t a = 0; a < atoms.size(); ++a) {
        if (covered[a]) continue;
        const size_t len = std::min(k, atoms[a].size());
        for (size_t at = 0; at + len <= atoms[a].size(); ++at) {
          std::string_view piece(atoms[a].data() + at, len);
          size_t n = 0;
          for (size_t b = 0; b < atoms.size(); ++b) n += !covered[b] && atoms[b].find(piece) != std::string::npos;
          if (n > best_n) best_n = n, best = std::string(piece);
        }
      }
      if (best_n <= 1) {  // pieces shared by no two atoms: the atoms, which are rarer
        for (size_t a = 0; a < atoms.size(); ++a)
          if (!covered[a]) out.push_back(atoms[a]);
        return out;
      }
      for (size_t b = 0; b < atoms.size(); ++b) covered[b] = covered[b] || atoms[b].find(best) != std::string::npos;
      out.push_back(std::move(best));
    }
  }

  // Whether the rule may match a line, of which `lower` is the ASCII lower case.
  bool may_match(std::string_view lower) const {
    if (!filtered) return true;
    for (const std::string& a : all_of)
      if (!contains(lower, a)) return false;
    return one_of.empty() || std::any_of(one_of.begin(), one_of.end(), [&](const std::string& a) { return contains(lower, a); });
  }
};

// Which lines the set's rules (anchored at both ends) may match, and which may be one of the
// plain strings looked up apart (split_plain()), told from a line's first kDepth bytes, in
// one table: the set of the first kDepth bytes of every string any rule matches (a
// string shorter is a whole match), worked out from the patterns' syntax, with the bytes
// folded as no rule can tell apart less than they are (ASCII case, the ten digits, the
// white space bytes, and every byte outside ASCII as one, 0x80). A line whose first bytes
// are in no rule's beginnings is in no rule's match: most lines, which then skip RE2::Set
// (some 760 instructions a line, mostly fixed) and the look-up.
// Exact, or lets more through: what can match a character outside ASCII (".", "[^...]",
// \S \W \D, a character outside ASCII) begins with one to four bytes 0x80, s and k (which
// (?i) folds with U+017F, two bytes, and U+212A, three) with two and three, zero-width
// assertions count as empty, a line with a NUL in its first bytes goes to both, and a
// pattern with syntax not read here, or with too many beginnings ("[^a-z]+" at its start),
// sends every line to the set.
class LineStarts {
 public:
  // may_match()'s bits: the set's rules (of `patterns`), the plain strings (split_plain()).
  enum : uint8_t { kSet = 1, kPlain = 2 };

  LineStarts(const std::vector<std::string>& patterns, const std::vector<std::string_view>& plain) {
    Set set_starts;
    for (const std::string& p : patterns) {
      Parser parser{p};
      Set starts = parser.alternation();
      if (!parser.ok || parser.i != p.size()) {
        every_ = kSet;
        set_starts.clear();
        break;
      }
      set_starts = merged(set_starts, starts);
    }
    Set plain_starts;
    for (std::string_view s : plain) starts_of_plain(s, 0, 0, plain_starts);
    tidy(plain_starts);
    // One table: a key, then its bits (a key of both is there twice, kSet first).
    entries_.reserve(set_starts.size() + plain_starts.size());
    for (uint32_t k : set_starts) entries_.push_back(uint64_t{k} << 8 | kSet);
    for (uint32_t k : plain_starts) entries_.push_back(uint64_t{k} << 8 | kPlain);
    std::inplace_merge(entries_.begin(), entries_.begin() + static_cast<std::ptrdiff_t>(set_starts.size()), entries_.end());
  }

  // The kinds of rule that may match a line, told from its first kDepth bytes.
  uint8_t may_match(std::string_view line) const {
    uint32_t key = 0;
    const size_t m = std::min(line.size(), kDepth);
    for (size_t j = 0; j < m; ++j) {
      const uint8_t f = kFolded[static_cast<unsigned char>(line[j])];
      if (f == 0) return kSet | kPlain;
      key |= uint32_t{f} << (24 - 8 * j);
    }
    uint8_t bits = every_;
    for (auto it = std::lower_bound(entries_.begin(), entries_.end(), uint64_t{key} << 8); it != entries_.end() && *it >> 8 == key; ++it)
      bits |= static_cast<uint8_t>(*it);
    return bits;
  }

 private:
  static constexpr size_t kDepth = 4;
  // Strings of at most kDepth bytes other than NUL, packed first byte highest: a string n
  // bytes long followed by t is s | t >> 8n, cut to kDepth bytes by the shift.
  using Set = std::vector<uint32_t>;  // sorted, unique
  static constexpr size_t kMaxStrings = 1 << 16;

  // The byte a rule cannot tell from others less than it sees it as; 0 for NUL.
  static constexpr uint8_t kNonAscii = 0x80;
  static constexpr auto kFolded = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 0x80; c < 0x100; ++c) t[static_cast<size_t>(c)] = kNonAscii;
    for (int c = 1; c < 0x80; ++c) {
      int f = c;
      if (c >= 'A' && c <= 'Z') f = c - 'A' + 'a';
      if (c >= '0' && c <= '9') f = '0';
      if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') f = ' ';
      t[static_cast<size_t>(c)] = static_cast<uint8_t>(f);
    }
    return t;
  }();

  static size_t length(uint32_t s) { return s == 0 ? 0 : 4 - static_cast<size_t>(std::countr_zero(s)) / 8; }
  static void tidy(Set& s) {
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
  }
  static Set merged(const Set& a, const Set& b) {
    Set out;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  }

  // Recursive descent over RE2's syntax; anything else sets ok false.
  struct Parser {
    std::string_view p;
    size_t i = 0;
    bool ok = true;

    Set fail() {
      ok = false;
      return {};
    }
    // The bytes a line needs of the atom being read: the rest of kDepth after the shortest
    // string the sequence before it has. An atom's strings are cut to that (".{0,40}" after
    // "subscribe" needs none of its 95^4 beginnings).
    size_t need = kDepth;
    // Each string of a followed by each of b, cut to `depth` bytes (a string that long
    // already stays as it is).
    Set join(const Set& a, const Set& b, size_t depth) {
      const uint32_t keep = depth >= 4 ? ~uint32_t{0} : ~(~uint32_t{0} >> (8 * depth));
      Set out;
      for (uint32_t s : a) {
        const size_t n = length(s);
        if (n >= depth) out.push_back(s);
        else
          for (uint32_t t : b) out.push_back((s | (n == 0 ? t : t >> (8 * n))) & keep);
        if (out.size() > 4 * kMaxStrings) return fail();
      }
      tidy(out);
      if (out.size() > kMaxStrings) return fail();
      return out;
    }
    // Appends to `out` (sorted: the runs of 0x80 come after the ASCII bytes, shortest first)
    // the characters outside ASCII of one character's strings: with `any`, every one (one
    // to four bytes 0x80); else U+017F (two bytes) with s, U+212A (three) with k, which (?i)
    // folds with them.
    static void append_non_ascii(Set& out, bool any, bool s, bool k) {
      for (size_t n = 1; n <= 4; ++n)
        if (any || (n == 2 && s) || (n == 3 && k)) out.push_back(0x80808080u << (8 * (4 - n)));
    }
    // The strings of one character: the ASCII bytes marked in `bytes`, folded, and with
    // `non_ascii` any character outside ASCII. None when no byte is needed. Marked by folded
    // byte, then read in order: sorted and unique without a sort.
    Set bytes_of(const std::array<bool, 128>& bytes, bool non_ascii) const {
      if (need == 0) return {};
      std::array<bool, 128> folded{};
      for (size_t c = 1; c < 128; ++c) folded[kFolded[c]] = folded[kFolded[c]] || bytes[c];
      Set out;
      for (size_t c = 1; c < 128; ++c)
        if (folded[c]) out.push_back(static_cast<uint32_t>(c) << 24);
      append_non_ascii(out, non_ascii, folded['s'], folded['k']);
      return out;
    }
    Set alternation() {
      Set out = sequence();
      while (ok && i < p.size() && p[i] == '|') {
        ++i;
        out = merged(out, sequence());
      }
      return ok ? out : Set{};
    }
    Set sequence() {
      const size_t depth = need;
      Set out{0};
      while (ok && i < p.size() && p[i] != '|' && p[i] != ')') {
        size_t shortest = depth;  // none when out is empty: no match gets this far
        for (uint32_t s : out) shortest = std::min(shortest, length(s));
        need = depth - shortest;
        Set a = atom();
        if (ok) a = quantified(std::move(a));
        if (ok && need > 0) out = join(out, a, depth);
      }
      need = depth;
      return out;
    }
    // The atom's repetitions: ?, *, +, {n}, {n,}, {n,m}, each maybe lazy.
    Set quantified(Set a) {
      if (i >= p.size()) return a;
      size_t lo = 1, hi = 1;  // hi SIZE_MAX: unbounded
      const char q = p[i];
      if (q == '?') lo = 0, ++i;
      else if (q == '*') lo = 0, hi = SIZE_MAX, ++i;
      else if (q == '+') hi = SIZE_MAX, ++i;
      else if (q == '{') {
        const size_t close = p.find('}', i);
        if (close == std::string_view::npos) return fail();
        const std::string_view body = p.substr(i + 1, close - i - 1);
        const size_t comma = body.find(',');
        auto number = [](std::string_view s, size_t& v) {
          if (s.empty() || s.size() > 4 || s.find_first_not_of("0123456789") != std::string_view::npos) return false;
          v = 0;
          for (char c : s) v = v * 10 + static_cast<size_t>(c - '0');
          return true;
        };
        if (!number(body.substr(0, comma), lo)) return fail();
        if (comma == std::string_view::npos) hi = lo;
        else if (comma + 1 == body.size()) hi = SIZE_MAX;
        else if (!number(body.substr(comma + 1), hi) || hi < lo) return fail();
        i = close + 1;
      } else {
        return a;
      }
      if (i < p.size() && p[i] == '?') ++i;  // lazy: the same strings
      if (need == 0) return a;
      // a joined lo times, then the union with one more join at a time, until nothing changes.
      Set out{0};
      for (size_t n = 0; n < lo && ok; ++n) {
        Set next = join(out, a, need);
        if (next == out) break;
        out = std::move(next);
      }
      for (size_t n = lo; n < hi && ok; ++n) {
        Set next = merged(out, join(out, a, need));
        if (next == out) break;
        out = std::move(next);
      }
      return ok ? out : Set{};
    }
    // The bytes of the escape after '\\' (one of a class's members, or an atom): false for
    // one not read here. `empty`: a zero-width assertion; `non_ascii` set when it matches
    // characters outside ASCII.
    bool escape(std::array<bool, 128>& bytes, bool& empty, bool& non_ascii) {
      if (i >= p.size()) return false;
      const char c = p[i++];
      empty = false;
      non_ascii = non_ascii || c == 'D' || c == 'S' || c == 'W';
      auto mark = [&](auto in, bool negated) {
        for (int b = 1; b < 128; ++b)
          if (in(b) != negated) bytes[static_cast<size_t>(b)] = true;
      };
      auto digit = [](int b) { return b >= '0' && b <= '9'; };
      auto space = [](int b) { return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'; };
      auto word = [](int b) { return std::isalnum(b) || b == '_'; };
      switch (c) {
        case 'd': mark(digit, false); break;
        case 'D': mark(digit, true); break;
        case 's': mark(space, false); break;
        case 'S': mark(space, true); break;
        case 'w': mark(word, false); break;
        case 'W': mark(word, true); break;
        case 'b': case 'B': case 'A': case 'z': empty = true; break;
        case 'n': bytes['\n'] = true; break;
        case 't': bytes['\t'] = true; break;
        case 'r': bytes['\r'] = true; break;
        case 'f': bytes['\f'] = true; break;
        case 'v': bytes['\v'] = true; break;
        case 'a': bytes['\a'] = true; break;
        default:
          if (static_cast<unsigned char>(c) >= 128 || std::isalnum(static_cast<unsigned char>(c))) return false;
          bytes[static_cast<unsigned char>(c)] = true;  // an escaped punctuation mark is itself
      }
      return true;
    }
    // Past the character outside ASCII that starts at p[i] (its UTF-8 bytes).
    void skip_character() {
      ++i;
      while (i < p.size() && (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80) ++i;
    }
    Set atom() {
      const char c = p[i];
      const auto u = static_cast<unsigned char>(c);
      if (c == '(') {
        ++i;
        if (p.substr(i, 2) == "?:") {
          i += 2;
        } else if (p.substr(i, 3) == "?P<") {
          const size_t close = p.find('>', i);
          if (close == std::string_view::npos) return fail();
          i = close + 1;
        } else if (i < p.size() && p[i] == '?') {  // flags: "(?i)" alone, or "(?i:...)"
          const size_t end = p.find_first_not_of("imsU-", i + 1);
          if (end == std::string_view::npos || (p[end] != ')' && p[end] != ':')) return fail();
          i = end + 1;
          if (p[end] == ')') return Set{0};
        }
        Set s = alternation();
        if (!ok || i >= p.size() || p[i] != ')') return fail();
        ++i;
        return s;
      }
      if (c == '^' || c == '$') {
        ++i;
        return Set{0};
      }
      if (c == '*' || c == '+' || c == '?' || c == '{' || c == 0) return fail();
      std::array<bool, 128> bytes{};
      bool non_ascii = false;
      if (u >= 128) {  // a character outside ASCII ((?i) may fold it to one of another length)
        skip_character();
        if (need == 0) return {};
        Set out;
        append_non_ascii(out, true, false, false);
        return out;
      }
      if (c == '.') {
        ++i;
        bytes.fill(true);
        return bytes_of(bytes, true);
      }
      if (c == '\\') {
        ++i;
        bool empty = false;
        if (!escape(bytes, empty, non_ascii)) return fail();
        return empty ? Set{0} : bytes_of(bytes, non_ascii);
      }
      if (c != '[') {
        ++i;
        if (need == 0) return {};
        Set out{uint32_t{kFolded[u]} << 24};
        append_non_ascii(out, false, kFolded[u] == 's', kFolded[u] == 'k');
        return out;
      }
      ++i;
      const bool negated = i < p.size() && p[i] == '^';
      if (negated) ++i;
      for (bool first = true; i < p.size() && (p[i] != ']' || first); first = false) {
        int lo = 0;
        if (p.substr(i, 2) == "[:") return fail();
        if (p[i] == '\\') {
          ++i;
          std::array<bool, 128> one{};
          bool empty = false;
          if (!escape(one, empty, non_ascii) || empty) return fail();
          if (std::count(one.begin(), one.end(), true) != 1) {  // \d, \s, \w ...: no range from it
            for (size_t b = 0; b < 128; ++b) bytes[b] = bytes[b] || one[b];
            continue;
          }
          lo = static_cast<int>(std::find(one.begin(), one.end(), true) - one.begin());
        } else if (static_cast<unsigned char>(p[i]) >= 128) {
          non_ascii = true;
          skip_character();
          if (p.substr(i, 1) == "-" && p.substr(i + 1, 1) != "]") return fail();
          continue;
        } else {
          lo = static_cast<unsigned char>(p[i++]);
        }
        int hi = lo;
        if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
          hi = static_cast<unsigned char>(p[i + 1]);
          if (hi == '\\' || hi >= 128 || hi < lo) return fail();
          i += 2;
        }
        for (int b = lo; b <= hi; ++b) bytes[static_cast<size_t>(b)] = true;
      }
      if (i >= p.size()) return fail();
      ++i;  // ']'
      if (negated) for (bool& b : bytes) b = !b;
      return bytes_of(bytes, non_ascii || negated);
    }
  };

  // Appends to `out` the beginnings of the lines that fold to `s` (a plain string: ASCII in
  // lower case) after the `n` bytes of `key`: each s and k may be U+017F or U+212A in the line.
  static void starts_of_plain(std::string_view s, uint32_t key, size_t n, Set& out) {
    if (n >= kDepth || s.empty()) {
      out.push_back(key);
      return;
    }
    const uint8_t f = kFolded[static_cast<unsigned char>(s[0])];
    starts_of_plain(s.substr(1), key | uint32_t{f} << (24 - 8 * n), n + 1, out);
    if (f == 's' || f == 'k') {
      for (size_t b = f == 's' ? 2 : 3; b > 0 && n < kDepth; --b, ++n) key |= uint32_t{kNonAscii} << (24 - 8 * n);
      starts_of_plain(s.substr(1), key, n, out);
    }
  }

  uint8_t every_ = 0;  // kSet when the analysis does not read a pattern: every line goes to the set
  std::vector<uint64_t> entries_;  // key << 8 | a bit, sorted
};

// The alternatives of an embedded rule "(?i)(...|...)" that are plain text, which a line
// matches only whole (the set anchors every rule at both ends), and the rule's other
// alternatives as a pattern of their own ("" when none). A plain alternative has letters,
// digits, spaces and punctuation that RE2 reads as itself (or escaped), groups of such
// alternatives, and "?" after a character or a group: "share this (article|story|page)"
// stands for three strings, kept in ASCII lower case, which a line is looked up as
// (fold_plain()): in the set, RE2 parsed and compiled every case-insensitive letter of them,
// over a third of the rules' start-up (6 M instructions).
struct PlainSplit {
  std::vector<std::string> strings;
  std::string rest;
};

// The strings of a plain alternative, or fails (ok false): recursive descent over the syntax
// above.
struct PlainParser {
  static constexpr size_t kMaxStrings = 64;  // per alternative
  static constexpr size_t kLongest = 64;  // bytes of a string
  std::string_view p;
  size_t i = 0;
  bool ok = true;

  std::vector<std::string> fail() {
    ok = false;
    return {};
  }
  std::vector<std::string> alternation() {
    std::vector<std::string> out = sequence();
    while (ok && i < p.size() && p[i] == '|') {
      ++i;
      std::vector<std::string> more = sequence();
      out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    if (!ok || out.size() > kMaxStrings) return fail();
    return out;
  }
  std::vector<std::string> sequence() {
    std::vector<std::string> out{""};
    while (ok && i < p.size() && p[i] != '|' && p[i] != ')') {
      std::vector<std::string> a;
      if (p[i] == '(') {
        a = group();
      } else if (const int c = character(); c < 0) {
        return fail();
      } else if (i == p.size() || std::string_view("?*+{").find(p[i]) == std::string_view::npos) {
        for (std::string& x : out) x += static_cast<char>(c);  // most of a string: no copies
        continue;
      } else {
        a.emplace_back(1, static_cast<char>(c));
      }
      if (ok && i < p.size() && p[i] == '?') {
        ++i;
        a.emplace_back();
      }
      if (ok && i < p.size() && std::string_view("?*+{").find(p[i]) != std::string_view::npos) return fail();
      if (!ok || out.size() * a.size() > kMaxStrings) return fail();
      std::vector<std::string> joined;
      joined.reserve(out.size() * a.size());
      for (const std::string& x : out)
        for (const std::string& y : a) joined.push_back(x + y);
      out = std::move(joined);
    }
    if (!ok) return fail();
    return out;
  }
  // "(...)" or "(?:...)".
  std::vector<std::string> group() {
    ++i;
    if (p.substr(i, 2) == "?:") i += 2;
    std::vector<std::string> out = alternation();
    if (!ok || i >= p.size() || p[i] != ')') return fail();
    ++i;
    return out;
  }
  // The character read as itself (in lower case) at i, or -1: a letter, digit, space or
  // punctuation other than RE2's operators, or escaped punctuation.
  int character() {
    char c = p[i++];
    if (c == '\\') {
      if (i >= p.size() || !std::ispunct(static_cast<unsigned char>(p[i])) || p[i] == '_') return -1;
      c = p[i++];
    } else if (c < ' ' || c > '~' || std::string_view(".+*?()|[]{}^$").find(c) != std::string_view::npos) {
      return -1;
    }
    return std::tolower(static_cast<unsigned char>(c));
  }
};

// The ']' that closes the class that opens at pattern[at] ('['), or npos: for a class with
// syntax not read here ([:alpha:], \Q, \p, \x) too.
size_t class_end(std::string_view pattern, size_t at) {
  size_t i = at + (pattern.substr(at + 1, 1) == "^" ? 2 : 1);  // at the first member, a ']' of its own
  for (bool first = true; i < pattern.size() && (pattern[i] != ']' || first); ++i, first = false) {
    if (pattern.substr(i, 2) == "[:") return std::string_view::npos;
    if (pattern[i] == '\\' && ++i < pattern.size() && std::string_view("QEpPx").find(pattern[i]) != std::string_view::npos)
      return std::string_view::npos;
  }
  return i < pattern.size() ? i : std::string_view::npos;
}

// split_plain() of a pattern; none when it is not "(?i)(...)" or has no plain alternative.
// The alternatives are found by RE2's syntax (escapes, classes, nested groups); a pattern
// with syntax not read here (\Q, \p, \x, [:alpha:]) is left whole.
std::optional<PlainSplit> split_plain(std::string_view pattern) {
  constexpr std::string_view kHead = "(?i)(";
  if (!pattern.starts_with(kHead) || pattern.back() != ')') return std::nullopt;
  const std::string_view body = pattern.substr(kHead.size(), pattern.size() - kHead.size() - 1);
  std::vector<std::string_view> alternatives;
  size_t depth = 0, from = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '\\') {
      if (++i >= body.size() || std::string_view("QEpPx").find(body[i]) != std::string_view::npos) return std::nullopt;
    } else if (c == '[') {
      if ((i = class_end(body, i)) == std::string_view::npos) return std::nullopt;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth-- == 0) return std::nullopt;  // the rule's group closes before its end
    } else if (c == '|' && depth == 0) {
      alternatives.push_back(body.substr(from, i - from));
      from = i + 1;
    }
  }
  if (depth != 0) return std::nullopt;
  alternatives.push_back(body.substr(from));
  PlainSplit out;
  std::string others;
  for (std::string_view a : alternatives) {
    PlainParser parser{a};
    std::vector<std::string> strings = parser.alternation();
    if (parser.ok && parser.i == a.size() &&
        std::all_of(strings.begin(), strings.end(), [](const std::string& x) { return x.size() <= PlainParser::kLongest; })) {
      out.strings.insert(out.strings.end(), std::make_move_iterator(strings.begin()), std::make_move_iterator(strings.end()));
    } else {
      others += others.empty() ? "" : "|";
      others += a;
    }
  }
  if (out.strings.empty()) return std::nullopt;
  if (!others.empty()) out.rest = std::string(kHead) + others + ")";
  return out;
}

// An embedded rule's pattern with each bounded repetition of any character (".{0,40}") as
// ".*", which matches every line the pattern does, and "" when it has none. RE2 compiles
// ".{0,n}" as n copies of a UTF-8 character: 1.3 M and 1.9 M instructions of start-up for the
// two of boilerplate.tsv, where the set with ".*" has a few states. A line the set matches by
// the loosened pattern is matched again by the pattern as written (ConfirmedRule).
std::string loosened(std::string_view pattern) {
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += pattern.substr(i++, 2);
      continue;
    }
    if (c == '[') {
      const size_t end = class_end(pattern, i);
      if (end == std::string_view::npos) return "";
      out += pattern.substr(i, end + 1 - i);
      i = end;
      continue;
    }
    out += c;
    if (c != '.' || pattern.substr(i + 1, 1) != "{") continue;
    const size_t close = pattern.find('}', i);
    const std::string_view count = close == std::string_view::npos ? "" : pattern.substr(i + 2, close - i - 2);
    if (!count.empty() && std::isdigit(static_cast<unsigned char>(count[0])) && count.find_first_not_of("0123456789,") == std::string_view::npos &&
        std::count(count.begin(), count.end(), ',') <= 1) {
      out += '*';
      i = close;
      changed = true;
    }
  }
  return changed ? out : "";
}

// A rule of the set with a loosened() pattern there: the pattern as written, compiled at the
// first line the set matches by the loosened one (few lines get that far).
struct ConfirmedRule {
  std::string pattern;
  mutable std::once_flag compiled;
  mutable std::unique_ptr<RE2> re;

  bool matches(std::string_view line) const {
    std::call_once(compiled, [this] { re = std::make_unique<RE2>(pattern); });
    return RE2::FullMatch(line, *re);
  }
};

// A line as a case-insensitive rule reads it, into `out` (room for `room` bytes): ASCII in
// lower case, U+017F (long s) as s and U+212A (Kelvin sign) as k, the only characters outside
// ASCII that (?i) matches with ASCII letters. False for a line with another such character
// (or a byte that is none), or longer than `room`: it is no plain string.
bool fold_plain(std::string_view line, char* out, size_t room, size_t& n) {
  n = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (n == room) return false;
    const auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x80) {
      out[n++] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    } else if (line.substr(i, 2) == "\xC5\xBF") {
      out[n++] = 's';
      i += 1;
    } else if (line.substr(i, 3) == "\xE2\x84\xAA") {
      out[n++] = 'k';
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

struct BoilerplateRules::Impl {
  std::vector<Rule> rules;
  // The other rules, in one RE2::Set anchored at both ends (but for the embedded rules' plain
  // strings, `plain`): a line fails most of them within its first bytes. set_rules: their
  // indices in `rules`. The set of the embedded rules alone is made at the first line that
  // may match it (compile_set(): their patterns parsed and compiled, 5.6 M instructions):
  // most pages have none (two thirds of the modern bench set's), and a run of one such page
  // makes none. A user's rules have it compiled with them, so that a set too large stops
  // the run before its first document.
  mutable RE2::Set set{RE2::Options(), RE2::ANCHOR_BOTH};
  mutable std::once_flag set_compiled;
  std::vector<int> set_rules;
  std::vector<std::unique_ptr<ConfirmedRule>> set_confirmed;  // by set index: none, or its pattern as written
  // The set's patterns, in order (read by compile() for starts); those from set_added on are
  // not in it yet: the embedded rules' wait for compile_set() (RE2 parses each as it goes in,
  // 2.1 M instructions).
  std::vector<std::string> set_patterns;
  mutable size_t set_added = 0;
  // The embedded rules' plain strings (split_plain()): the rules each is a whole line of, in
  // ascending order.
  std::unordered_map<std::string, std::vector<int>, StringViewHash, std::equal_to<>> plain;
  size_t plain_longest = 0;
  std::optional<LineStarts> starts;  // the lines the set, or a plain string, may match
  // The rules that start with ".*" (four of the 22 in boilerplate.tsv): in the set they kept
  // RE2 reading every line to its end, nine tenths of the set's time. Each is asked only of
  // the lines that have its literals (FloatingRule), which a plain search finds.
  std::vector<FloatingRule> floating;
  std::unique_ptr<RE2> byline;
  std::once_flag compiled;
  // Compiled at the first line that may be a date (4.4 M instructions): a run of short
  // documents, or of pages without one, has none.
  std::unique_ptr<RE2> date_mdy, date_dmy, date_iso;
  std::once_flag dates_compiled;

  // `embedded`: the rules of boilerplate.tsv, whose plain alternatives are looked up, not
  // put in the set, and whose bounded repetitions of any character go in loosened(). A
  // user's rules go in as written, so that RE2 checks and reports each as written.
  void add_rules(std::string_view bytes, const std::string& origin, bool embedded) {
    for_each_data_line(bytes, [&](std::string_view line, size_t n) {
      auto cols = split(line, '\t');
      if (cols.size() != 3)
        throw std::runtime_error(fmt::format("{}:{}: expected 3 tab-separated columns (reason, scope, pattern)", origin, n));
      Scope scope;
      if (cols[1] == "short") scope = Scope::Short;
      else if (cols[1] == "any") scope = Scope::Any;
      else if (cols[1] == "trailer") scope = Scope::Trailer;
      else throw std::runtime_error(fmt::format("{}:{}: scope must be short, any or trailer", origin, n));
      const int index = static_cast<int>(rules.size());
      if (starts_anywhere(cols[2])) {
        std::string err;
        floating.push_back(FloatingRule::make(index, cols[2], err));
        // The same message about a bad pattern as the set's (RE2 parses it the same way).
        if (!floating.back().re) throw std::runtime_error(fmt::format("{}:{}: bad pattern: {}", origin, n, err));
      } else {
        std::optional<PlainSplit> plain_split = embedded ? split_plain(cols[2]) : std::nullopt;
        if (plain_split) {
          for (std::string& p : plain_split->strings) {
            plain_longest = std::max(plain_longest, p.size());
            std::vector<int>& rules_of = plain[std::move(p)];
            if (rules_of.empty() || rules_of.back() != index) rules_of.push_back(index);
          }
        }
        const std::string_view pattern = plain_split ? std::string_view(plain_split->rest) : cols[2];
        std::string loose = embedded ? loosened(pattern) : "";
        if (!pattern.empty()) {
          set_patterns.emplace_back(loose.empty() ? pattern : loose);
          // A user's rule goes in now, so that RE2 checks it (those before it too, in order).
          if (std::string err; !embedded && !add_waiting(&err))
            throw std::runtime_error(fmt::format("{}:{}: bad pattern: {}", origin, n, err));
          set_rules.push_back(index);
          set_confirmed.emplace_back();
          if (!loose.empty()) {
            set_confirmed.back() = std::make_unique<ConfirmedRule>();
            set_confirmed.back()->pattern = pattern;
          }
        }
      }
      rules.push_back({std::string(cols[0]), scope});
    });
  }

  void compile(const std::vector<std::string>& extra_files);
  void compile_set() const {
    std::call_once(set_compiled, [this] {
      if (std::string err; !add_waiting(&err)) throw std::runtime_error("boilerplate.tsv: bad pattern: " + err);
      if (!set.Compile()) throw std::runtime_error("boilerplate rules: RE2 set does not compile (too large?)");
    });
  }
  // Adds the patterns not in the set yet; false, with RE2's error, at one it cannot parse.
  bool add_waiting(std::string* err) const {
    for (; set_added < set_patterns.size(); ++set_added)
      if (set.Add(set_patterns[set_added], err) < 0) return false;
    return true;
  }
  void compile_dates();

  // What a text's lines need for the floating rules (and is_caption()): the text in ASCII
  // lower case, and the rules whose literals it has (`live`). A rule whose literals a text
  // lacks lacks them in every line too: most stories have none live, and their lines are not
  // searched at all.
  struct TextScan {
    std::string lower;
    std::vector<const FloatingRule*> live;
    // A case-insensitive rule matches two characters outside ASCII as ASCII letters: U+017F
    // (long s) as s, U+212A (Kelvin sign) as k. A text with either has every rule live, and
    // a line with either is asked of every live rule.
    bool folds = false;
  };

  void scan(std::string_view text, TextScan& out) const {
    out.live.clear();
    out.folds = contains(text, "\xC5\xBF") || contains(text, "\xE2\x84\xAA");
    out.lower.resize(text.size());
    utf8::ascii_lower_into(text, out.lower.data());
    for (const FloatingRule& r : floating)
      if (out.folds || r.may_match(out.lower)) out.live.push_back(&r);
  }

  // The rules that `line` is a plain string of (folded as a case-insensitive rule reads it),
  // into `out`.
  void plain_rules(std::string_view line, std::vector<int>& out) const {
    std::array<char, PlainParser::kLongest> folded;
    size_t n = 0;
    if (!fold_plain(line, folded.data(), plain_longest, n)) return;
    if (auto it = plain.find(std::string_view(folded.data(), n)); it != plain.end()) out = it->second;
  }

  // The rules that match the whole of `line` (a part of the text that `text` scanned, at byte
  // `at`), in ascending order. `ids`: the caller's scratch, reused across lines.
  void match(std::string_view line, size_t at, const TextScan& text, std::vector<int>& out, std::vector<int>& ids) const {
    out.clear();
    const uint8_t may = starts->may_match(line);
    if (may & LineStarts::kPlain) plain_rules(line, out);
    // Only a line whose first bytes begin a match of some rule is asked (most lines are
    // not), first without the list of matching rules: RE2::Set then allocates none and stops
    // at the first match. Few lines match; only those are asked which rules did.
    if ((may & LineStarts::kSet) && (compile_set(), set.Match(line, nullptr)) && set.Match(line, &ids))
      for (int i : ids)
        if (const ConfirmedRule* c = set_confirmed[static_cast<size_t>(i)].get(); !c || c->matches(line))
          out.push_back(set_rules[static_cast<size_t>(i)]);
    if (!text.live.empty()) {
      const std::string_view lower(text.lower.data() + at, line.size());
      const bool folds = text.folds && (contains(line, "\xC5\xBF") || contains(line, "\xE2\x84\xAA"));
      for (const FloatingRule* r : text.live)
        if ((folds || r->may_match(lower)) && RE2::FullMatch(line, *r->re)) out.push_back(r->index);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());  // a rule by a plain string and by its rest
  }
};

// Reads the embedded rules and the user's and compiles them (the set of the embedded rules
// alone waits: compile_set()), and compiles the byline pattern.
void BoilerplateRules::Impl::compile(const std::vector<std::string>& extra_files) {
  add_rules(embedded("boilerplate.tsv"), "boilerplate.tsv", true);
  for (const std::string& f : extra_files) add_rules(read_file(f), f, false);
  if (!extra_files.empty()) compile_set();
  std::vector<std::string_view> strings;
  strings.reserve(plain.size());
  for (const auto& [p, rules_of] : plain) strings.push_back(p);
  starts.emplace(set_patterns, strings);
  // "By", white space, then two to 80 characters: the most is checked after the match (RE2
  // compiles .{2,80} as 80 copies of a UTF-8 character, 1.7 M instructions of start-up). The
  // same lines match: with fewer spaces in \s+, the rest is only longer.
  byline = std::make_unique<RE2>(R"((?i)by\s+(.{2,}))");
}

void BoilerplateRules::Impl::compile_dates() {
  const std::string month =
      R"((January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)";
  const std::string prefix = R"((?i)((published|posted|first published|updated|last updated)(\s+on|\s+at)?\s*:?\s*)?)";
  const std::string weekday = R"(((monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)?)";
  const std::string time = R"((\s*[,|]?\s*(at\s+)?(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?(\s*[A-Z]{2,4})?)?)";
  date_mdy = std::make_unique<RE2>(prefix + weekday + month + R"(\s+(\d{1,2})(st|nd|rd|th)?,?\s+(\d{4}))" + time);
  date_dmy = std::make_unique<RE2>(prefix + weekday + R"((\d{1,2})(st|nd|rd|th)?\s+)" + month + R"(,?\s+(\d{4}))" + time);
  date_iso = std::make_unique<RE2>(prefix + weekday + R"((\d{4})[-/](\d{2})[-/](\d{2}))" + time);
}

BoilerplateRules::BoilerplateRules(const std::vector<std::string>& extra_files) : impl_(std::make_unique<Impl>()) {
  // A user's rules are read and compiled here, so that an error in them stops the run
  // before its first document. The embedded rules alone always compile, and wait for the
  // first text to clean (some 3.4 M instructions of start-up, and the set's 5.6 M at the
  // first line that needs it): a run whose documents all come ingested already ("kimput
  // quotes" on the output of "kimput extract") cleans none.
  if (!extra_files.empty()) std::call_once(impl_->compiled, [&] { impl_->compile(extra_files); });
}

void BoilerplateRules::compile_once() const {
  std::call_once(impl_->compiled, [this] { impl_->compile({}); });
}

BoilerplateRules::~BoilerplateRules() = default;

std::optional<BoilerplateRules::DateLine> BoilerplateRules::parse_date_line(std::string_view line) const {
  compile_once();
  return parse_trimmed_date_line(trim_all(line));
}

std::optional<BoilerplateRules::DateLine> BoilerplateRules::parse_trimmed_date_line(std::string_view line) const {
  if (line.size() > 80) return std::nullopt;
  // Every date accepted below has a year of four digits (1800-2200): most lines have none,
  // and skip the three regular expressions.
  if (!has_four_digits(line) || !may_name_date(line)) return std::nullopt;
  std::call_once(impl_->dates_compiled, [this] { impl_->compile_dates(); });
  // Groups: 0-2 prefix, 3-4 weekday, then the date's groups, then the time's six.
  auto match = [](std::string_view l, const RE2& re, std::vector<std::string_view>& out) {
    int n = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> g(static_cast<size_t>(n));
    std::vector<RE2::Arg> args(static_cast<size_t>(n));
    std::vector<const RE2::Arg*> ptrs(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      args[static_cast<size_t>(i)] = RE2::Arg(&g[static_cast<size_t>(i)]);
      ptrs[static_cast<size_t>(i)] = &args[static_cast<size_t>(i)];
    }
    if (!RE2::FullMatchN(l, re, ptrs.data(), n)) return false;
    out.clear();
    for (const auto& piece : g) out.emplace_back(piece.data(), piece.size());
    return true;
  };
  auto num = [](std::string_view s) { int v = 0; for (char c : s) v = v * 10 + (c - '0'); return v; };
  std::vector<std::string_view> g;
  DateLine d;
  int y = 0, m = 0, day = 0, hh = -1, mm = 0;
  const RE2* which = nullptr;
  if (match(line, *impl_->date_mdy, g)) {
    which = impl_->date_mdy.get();
    m = month_number(g[5]); day = num(g[6]); y = num(g[8]);
  } else if (match(line, *impl_->date_dmy, g)) {
    which = impl_->date_dmy.get();
    day = num(g[5]); m = month_number(g[7]); y = num(g[8]);
  } else if (match(line, *impl_->date_iso, g)) {
    which = impl_->date_iso.get();
    y = num(g[5]); m = num(g[6]); day = num(g[7]);
  }
  if (!which || m < 1 || m > 12 || day < 1 || day > 31 || y < 1800 || y > 2200) return std::nullopt;
  // The time groups are the last five: separator/at, hh, mm, am/pm, zone.
  size_t base = static_cast<size_t>(which->NumberOfCapturingGroups() - 6);
  if (!g[base + 2].empty()) {
    hh = num(g[base + 2]);
    mm = num(g[base + 3]);
    std::string_view ampm = g[base + 4];
    if (!ampm.empty() && (ampm[0] == 'p' || ampm[0] == 'P') && hh < 12) hh += 12;
    if (!ampm.empty() && (ampm[0] == 'a' || ampm[0] == 'A') && hh == 12) hh = 0;
    if (hh > 23 || mm > 59) hh = -1;
  }
  d.weekday = !g[3].empty();
  d.labelled_published = !g[0].empty();
  d.time = hh >= 0;
  d.iso = hh >= 0 ? fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", y, m, day, hh, mm) : fmt::format("{:04}-{:02}-{:02}", y, m, day);
  return d;
}

Cleaned BoilerplateRules::clean(std::string_view text, bool clean_lines) const {
  compile_once();
  struct Line {
    std::string_view raw, t;  // t: trimmed
    const char* reason = nullptr;
    bool prose = false, caption = false, date = false;
  };
  // The lines, the repeated-line set and the header take their memory from a per-thread
  // scratch buffer (kept across documents, its contents not: each call starts it afresh),
  // not from malloc per line; a larger page spills over into ordinary allocations, freed
  // on return.
  constexpr size_t kScratch = 64 * 1024;
  thread_local const std::unique_ptr<std::byte[]> scratch(new std::byte[kScratch]);
  std::pmr::monotonic_buffer_resource pool(scratch.get(), kScratch);
  std::pmr::vector<Line> lines(&pool);
  for (size_t pos = 0; pos <= text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    Line l;
    l.raw = text.substr(pos, nl - pos);
    l.t = trim_all(l.raw);
    lines.push_back(l);
    pos = nl + 1;
  }
  Cleaned out;
  PageMeta& meta = out.meta;
  std::vector<int> matches, rule_ids;
  // The thread's: its lower-case copy and list of live rules keep their room from text to
  // text, where each text allocated both and zero-filled the copy (resize) before writing it.
  thread_local Impl::TextScan scan;
  impl_->scan(text, scan);
  size_t first_prose = lines.size();
  size_t prose_total = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    lines[i].prose = trimmed_looks_like_prose(lines[i].t);
    if (lines[i].prose) {
      ++prose_total;
      if (first_prose == lines.size()) first_prose = i;
    }
  }
  // Line i comes right after a headline (a kept line of three or more words that is not a
  // story sentence) and right before the story's first sentence, or before the one line
  // (a photo caption) above it.
  auto between_headline_and_story = [&](size_t i) {
    size_t next = i + 1;
    for (int seen = 0; next < first_prose; ++next) {
      if (lines[next].t.empty()) continue;
      if (++seen > 1) return false;
    }
    size_t k = i;
    while (k > 0 && lines[k - 1].t.empty()) --k;
    if (k == 0) return false;
    const Line& head = lines[k - 1];
    return !head.reason && !head.date && !head.prose && word_count(head.t) >= 3;
  };
  // Pass 1: dates, bylines, rules, repeats.
  size_t prose_seen = 0;
  size_t trailer_start = lines.size();
  std::string trailer_reason;
  std::pmr::unordered_set<std::string_view, LongLineHash> seen_long(&pool);
  // The story's lines go in: buckets allocated once, not regrown, for a page of a few dozen
  // (a one-line text would pay for a table it does not fill).
  if (prose_total > 16) seen_long.reserve(prose_total);
  std::string_view prev_nonblank;
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    if (l.t.empty()) continue;
    if (l.prose) ++prose_seen;
    if (auto d = parse_trimmed_date_line(l.t)) {
      bool header = i < first_prose;
      l.date = true;
      if (d->weekday && !d->time && !d->labelled_published && header && between_headline_and_story(i)) {
        // Printed under the headline, right above the story (as Wikinews does): the article's
        // own date, which stays in the text like the headline; a "today" banner is page
        // furniture above the headline.
        if (!meta.date) meta.date = d->iso;
        continue;
      }
      if (d->weekday && !d->time && !d->labelled_published && header) {
        if (!meta.retrieved) meta.retrieved = d->iso.substr(0, 10);
        l.reason = "date banner (the day the page was shown, not the publication date)";
      } else {
        if (!meta.date || d->labelled_published) meta.date = d->iso;
        l.reason = "dateline";
      }
      continue;
    }
    re2::StringPiece cap;
    // The byline pattern (see compile()) matches "by", white space and two or more
    // characters, and no other letter folds to b or y: most lines are turned away here.
    bool by = l.t.size() >= 5 && (l.t[0] | 0x20) == 'b' && (l.t[1] | 0x20) == 'y';
    if (!l.prose && by && RE2::FullMatch(l.t, *impl_->byline, &cap) && utf8::count(std::string_view(cap.data(), cap.size())) <= 80 &&
        word_count(std::string_view(cap.data(), cap.size())) <= 8 &&
        byline_names(std::string_view(cap.data(), cap.size()))) {
      std::string_view who = trim_all(std::string_view(cap.data(), cap.size()));
      if (!meta.byline) meta.byline = std::string(who);
      // "by DailyNK(North Korean Media)": the outlet before a parenthesised description.
      size_t paren = who.find('(');
      if (paren != std::string_view::npos && paren > 0 && !meta.publisher) meta.publisher = std::string(trim_all(who.substr(0, paren)));
      l.reason = "byline";
      continue;
    }
    impl_->match(l.t, static_cast<size_t>(l.t.data() - text.data()), scan, matches, rule_ids);
    if (!matches.empty()) {
      // A trailer marker wins over a line rule: it removes what follows too.
      for (int r : matches) {
        if (impl_->rules[static_cast<size_t>(r)].scope != Scope::Trailer) continue;
        size_t after = prose_total - prose_seen;
        if (prose_seen >= 2 && after < prose_seen && i > first_prose) trailer_start = i;
      }
      for (int r : matches) {
        const Rule& rule = impl_->rules[static_cast<size_t>(r)];
        if (rule.scope == Scope::Trailer || (rule.scope == Scope::Short && l.prose)) continue;
        l.reason = rule.reason.c_str();
        break;
      }
      if (trailer_start < lines.size()) break;  // everything from here on is the page's furniture
      if (l.reason) continue;
    }
    if (l.t == prev_nonblank && l.t.size() >= 20) {
      l.reason = "repeated line (a caption or teaser printed twice)";
      continue;
    }
    if (l.t.size() >= 60 && !seen_long.insert(l.t).second) {
      l.reason = "repeated line (a caption or teaser printed twice)";
      continue;
    }
    prev_nonblank = l.t;
  }
  if (trailer_start < lines.size()) {
    trailer_reason = "page trailer (from \"" + std::string(lines[trailer_start].t.substr(0, 60)) + "\" to the end)";
    for (size_t k = trailer_start; k < lines.size(); ++k)
      if (!lines[k].t.empty()) lines[k].reason = k == trailer_start ? trailer_reason.c_str() : "page trailer";
  }
  // Title and subtitle: the short lines of the header, before the story's first prose line.
  std::pmr::vector<size_t> header(&pool);
  for (size_t i = 0; i < lines.size() && i < first_prose; ++i) {
    const Line& l = lines[i];
    if (l.t.empty() || l.reason || l.date) continue;
    if (is_caption(l.t, std::string_view(scan.lower.data() + (l.t.data() - text.data()), l.t.size()))) continue;
    header.push_back(i);
  }
  if (!header.empty()) {
    size_t k = 0;
    // A very short first line above two others is a kicker (section label), not the title.
    if (header.size() >= 3 && word_count(lines[header[0]].t) <= 4) k = 1;
    const Line& t = lines[header[k]];
    if (word_count(t.t) <= 30 && t.t.size() <= 300) meta.title = std::string(t.t);
    if (k + 1 < header.size()) {
      const Line& s = lines[header[k + 1]];
      if (word_count(s.t) <= 40 && !s.prose) meta.subtitle = std::string(s.t);
    }
  }
  // Assemble the text.
  std::string& t = out.text;
  t.reserve(text.size());
  size_t pending_blank = 0;
  for (Line& l : lines) {
    bool removed = clean_lines && l.reason;
    if (removed) {
      out.removed.push_back({std::string(l.t), l.reason});
      continue;
    }
    if (l.t.empty()) {
      ++pending_blank;
      continue;
    }
    if (!t.empty()) t += pending_blank ? "\n\n" : "\n";
    pending_blank = 0;
    // Keep the line, less trailing white space.
    std::string_view raw = l.raw;
    size_t end = raw.size();
    while (end > 0) {
      size_t i = end;
      if (!is_space(utf8::prev(raw, i))) break;
      end = i;
    }
    t.append(raw.substr(0, end));
  }
  return out;
}

}  // namespace kimput
