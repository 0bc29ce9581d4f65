#include "kimput/passes/dates.h"

#include <re2/re2.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <cmath>
#include <cstring>
#include <future>
#include <map>
#include <optional>
#include <iterator>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "kimput/huge_pages.h"
#include "kimput/io/binary_image.h"
#include "kimput/resources.h"
#include "kimput/text/utf8.h"

namespace kimput {

namespace {

using re2::StringPiece;

// ---------------------------------------------------------------------------------------
// Calendar arithmetic (ICU Gregorian calendar, GMT, ISO weeks), one calendar per thread.

struct YMD {
  int y = 0, m = 0, d = 0;  // m, d may be 0 when unknown
  int hh = -1, mi = -1;
};

icu::Calendar& calendar() {
  thread_local std::unique_ptr<icu::GregorianCalendar> cal = [] {
    UErrorCode status = U_ZERO_ERROR;
    auto c = std::make_unique<icu::GregorianCalendar>(icu::TimeZone::getGMT()->clone(), status);
    if (U_FAILURE(status)) throw std::runtime_error("dates: cannot create an ICU calendar");
    c->setFirstDayOfWeek(UCAL_MONDAY);
    c->setMinimalDaysInFirstWeek(4);
    c->setLenient(true);
    return c;
  }();
  return *cal;
}

void cal_set(const YMD& t) {
  icu::Calendar& c = calendar();
  c.clear();
  c.set(t.y, t.m - 1, t.d);
}

YMD cal_get() {
  icu::Calendar& c = calendar();
  UErrorCode st = U_ZERO_ERROR;
  YMD r;
  r.y = c.get(UCAL_YEAR, st);
  if (c.get(UCAL_ERA, st) == 0) r.y = 1 - r.y;
  r.m = c.get(UCAL_MONTH, st) + 1;
  r.d = c.get(UCAL_DATE, st);
  return r;
}

YMD add(const YMD& t, UCalendarDateFields f, int n) {
  cal_set(t);
  UErrorCode st = U_ZERO_ERROR;
  calendar().add(f, n, st);
  return cal_get();
}

// ISO weekday, Monday = 1 .. Sunday = 7.
int weekday_of(const YMD& t) {
  cal_set(t);
  UErrorCode st = U_ZERO_ERROR;
  int w = calendar().get(UCAL_DAY_OF_WEEK, st);  // Sunday = 1
  return w == UCAL_SUNDAY ? 7 : w - 1;
}

std::string iso_week(const YMD& t) {
  cal_set(t);
  UErrorCode st = U_ZERO_ERROR;
  int wy = calendar().get(UCAL_YEAR_WOY, st);
  int w = calendar().get(UCAL_WEEK_OF_YEAR, st);
  return fmt::format("{:04d}-W{:02d}", wy, w);
}

int days_in_month(int y, int m) {
  // After ICU's Gregorian cutover (October 1582) its answer is the Gregorian rule's; the
  // calendar is asked only before it (Julian leap years) or for a month out of range.
  if (y >= 1583 && m >= 1 && m <= 12) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
  }
  cal_set({y, m, 1});
  UErrorCode st = U_ZERO_ERROR;
  return calendar().getActualMaximum(UCAL_DATE, st);
}

bool valid_date(int y, int m, int d) { return y > 0 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m); }


// Formats compiled with the program (FMT_COMPILE): a run-time fmt::format parsed its format
// string each time, ~700 instructions for a year, and every expression's value has one.
std::string fmt_day(const YMD& t) { return fmt::format(FMT_COMPILE("{:04d}-{:02d}-{:02d}"), t.y, t.m, t.d); }
std::string fmt_month(int y, int m) { return fmt::format(FMT_COMPILE("{:04d}-{:02d}"), y, m); }
std::string fmt_year(int y) { return fmt::format(FMT_COMPILE("{:04d}"), y); }

// ---------------------------------------------------------------------------------------
// Small text helpers.

// ASCII case, as std::tolower in the C locale (kimput never sets another); without a branch.
char lower_ascii(char c) {
  return static_cast<char>(static_cast<unsigned char>(c) + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
}

// ASCII lower case of `text` into `out` (resized to it).
void lower_into(std::string_view text, std::string& out) {
  out.resize(text.size());
  utf8::ascii_lower_into(text, out.data());
}

std::string lower(StringPiece s) {
  std::string r;
  lower_into(std::string_view(s.data(), s.size()), r);
  return r;
}

// The two characters RE2's case folding takes to ASCII letters ((?i)k matches U+212A KELVIN
// SIGN, (?i)s U+017F LONG S; no other non-ASCII character matches (?i)[a-z]), in UTF-8.
constexpr std::string_view kKelvinSign = "\xE2\x84\xAA", kLongS = "\xC5\xBF";

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool is_re2_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }  // \s

// std::atoi of s (its white space, sign and digits), without the copy a C string takes
// and strtol's locale: the groups and values read as numbers are a few digits.
int leading_int(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  int v = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) v = v * 10 + (s[i] - '0');
  return negative ? -v : v;
}
bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }

// The word before byte b (ASCII letters, digits, apostrophes, '$'), skipping spaces.
std::string_view prev_word(const std::string& text, size_t b) {
  size_t i = b;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  size_t e = i;
  while (i > 0 && (is_alnum(text[i - 1]) || text[i - 1] == '\'' || text[i - 1] == '$' || text[i - 1] == '.' ||
                   text[i - 1] == ',' || text[i - 1] == '-'))
    --i;
  std::string_view w(text.data() + i, e - i);
  while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.remove_suffix(1);
  return w;
}

std::string_view next_word(const std::string& text, size_t e) {
  size_t i = e;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  size_t b = i;
  while (i < text.size() && (is_alnum(text[i]) || text[i] == '\'')) ++i;
  return std::string_view(text.data() + b, i - b);
}

bool starts_with_ci(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) return false;
  return true;
}

// A character of a class word as regex_quote() writes it.
std::string quote_char(char c) {
  if (c == ' ') return "\\s+";
  if (is_alnum(c) || c == '-' || c == '\'') return std::string(1, c);
  return std::string{'\\', c};
}

std::string regex_quote(std::string_view w) {
  std::string r;
  for (char c : w) r += quote_char(c);
  return r;
}

// Whether each space of a class word stands alone between two characters \s does not
// match: its "\s+" then matches one way (all the white space there), whatever follows.
bool spaces_inside_only(std::string_view w) {
  for (size_t k = 0; k < w.size(); ++k)
    if (w[k] == ' ' && (k == 0 || k + 1 == w.size() || is_re2_space(w[k - 1]) || is_re2_space(w[k + 1]))) return false;
  return true;
}

// The alternatives words[lo, hi) (quoted characters; the first d the same in all), in
// their order, with the characters that neighbours share next written once:
// "the(?:se\s+days|\s+(?:present|past))" for "these\s+days|the\s+present|the\s+past". The
// same matches, groups and preferences when every "\s+" matches one way
// (spaces_inside_only()): a shared beginning then matches one way, where it matches.
void append_shared_beginnings(const std::vector<std::vector<std::string>>& words, size_t lo, size_t hi, size_t d,
                              std::string& out) {
  for (size_t i = lo; i < hi;) {
    if (i > lo) out += '|';
    if (words[i].size() == d) {  // the word ends here: the empty alternative
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < hi && words[j].size() > d && words[j][d] == words[i][d]) ++j;
    out += words[i][d];
    if (j == i + 1) {
      for (size_t k = d + 1; k < words[i].size(); ++k) out += words[i][k];
    } else {
      out += "(?:";
      append_shared_beginnings(words, i, j, d + 1, out);
      out += ')';
    }
    i = j;
  }
}

// Whether the text has a character RE2 folds with an ASCII letter (see
// dates_detail::lowered_pattern()).
bool has_folding_letter(std::string_view text) {
  return text.find(kKelvinSign) != std::string_view::npos || text.find(kLongS) != std::string_view::npos;
}

const std::unordered_set<std::string, StringViewHash, std::equal_to<>> kPrepositions = {
    "in", "on", "since", "until", "till", "by", "from", "through", "throughout", "during", "before", "after",
    "of", "to", "for", "between", "and", "or", "last", "next", "this", "early", "late", "mid", "around", "at",
    "as", "into", "than", "within", "over", "ending", "ended", "about", "circa", "c", "beginning", "starting",
    "back", "year", "spring", "summer", "autumn", "fall", "winter", "end", "'til", "til", "ahead", "past"};

const std::unordered_set<std::string> kFuture = {
    "will", "'ll", "shall", "plans", "plan", "planned", "planning", "scheduled", "expected", "expects",
    "upcoming", "would", "due", "hopes", "intends", "next", "tomorrow", "going", "aims", "set", "slated",
    "expect", "might", "must", "should"};

const std::unordered_set<std::string> kPastIrregular = {
    "was", "were", "had", "did", "said", "told", "met", "went", "came", "took", "made", "gave", "left", "held",
    "began", "won", "lost", "saw", "sent", "spoke", "got", "put", "set", "found", "became", "brought",
    "thought", "fell", "rose", "ran", "hit", "cut", "led", "paid", "sold", "bought", "wrote", "struck", "shot",
    "fought", "flew", "knew", "kept", "meant", "stood", "spent", "ago", "yesterday", "last", "earlier", "quit",
    "broke", "chose", "drove", "ate", "forgot", "grew", "hid", "lay", "rode", "sang", "sat", "slept", "swore",
    "taught", "threw", "understood", "woke", "wore", "withdrew", "overtook", "beat", "arose", "sought", "sank"};

// -1 past, +1 future, 0 unknown: the tense of the sentence around [b, e).
int sentence_tense(const std::string& text, size_t b, size_t e) {
  size_t lo = b > 400 ? b - 400 : 0;
  size_t s = lo;
  for (size_t i = b; i > lo; --i) {
    char c = text[i - 1];
    if (c == '\n' || ((c == '.' || c == '?' || c == '!') && i < text.size() && (text[i] == ' ' || text[i] == '\n') &&
                      i >= 3 && !is_upper(text[i - 2]) && text[i - 3] != '.')) {
      s = i;
      break;
    }
  }
  size_t hi = std::min(text.size(), e + 400);
  size_t t = hi;
  for (size_t i = e; i < hi; ++i) {
    char c = text[i];
    if (c == '\n' || ((c == '.' || c == '?' || c == '!') && (i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n') &&
                      i >= 2 && !is_upper(text[i - 1]) && text[i - 2] != '.')) {
      t = i;
      break;
    }
  }
  // The tense marker nearest to the expression decides ("said on Tuesday that prices may rise").
  long best = -1;
  int best_tense = 0;
  auto mark = [&](size_t wb, int tense) {
    long dist = wb < b ? static_cast<long>(b - wb) : static_cast<long>(wb - e);
    if (best < 0 || dist < best) best = dist, best_tense = tense;
  };
  std::string w, prev;
  size_t wb = s;
  auto flush = [&]() {
    if (w.empty()) return;
    if (!(wb >= b && wb < e)) {  // the expression does not tell its own tense
      if (w == "to") {
        if (prev == "is" || prev == "are" || prev == "was" || prev == "were") mark(wb, 1);  // "is to meet"
      } else if (kFuture.count(w) || (w.size() > 3 && w.compare(w.size() - 3, 3, "'ll") == 0)) {
        mark(wb, 1);
      } else if (kPastIrregular.count(w) ||
                 (w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0 && w.compare(w.size() - 3, 3, "eed") != 0)) {
        mark(wb, -1);
      }
    }
    prev = w;
    w.clear();
  };
  for (size_t i = s; i <= t; ++i) {
    char c = i < t ? text[i] : ' ';
    if (std::isalpha(static_cast<unsigned char>(c)) || (c == '\'' && !w.empty())) {
      if (w.empty()) wb = i;
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      flush();
    }
  }
  return best_tense;
}

// ---------------------------------------------------------------------------------------
// Numbers.

struct Num {
  bool ok = false;
  bool fuzzy = false;
  double v = 0;
};

}  // namespace

// ---------------------------------------------------------------------------------------
// StartFilter: the possible beginnings of a pattern's matches, from its syntax.

namespace dates_detail {

namespace {

// The byte the filter sees for c: what the case-insensitive scan cannot tell apart maps to
// one byte (a letter's cases, the ten digits, the four \s bytes other than space).
constexpr char fold(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if (c >= '0' && c <= '9') return '0';
  if (c == '\t' || c == '\n' || c == '\f' || c == '\r') return ' ';
  return static_cast<char>(c);
}

// A string of at most 8 non-zero bytes packed in a uint64_t, first byte highest: the
// numbers sort as the strings do, and concatenation is a shift.
size_t packed_size(uint64_t s) { return s ? 8 - static_cast<size_t>(__builtin_ctzll(s)) / 8 : 0; }

// The end of the character class that opens at p[at] ('['): the index of its ']', or npos.
size_t class_end(std::string_view p, size_t at) {
  size_t j = at + 1;
  if (j < p.size() && p[j] == '^') ++j;
  if (j < p.size() && p[j] == ']') ++j;
  while (j < p.size() && p[j] != ']') j += p[j] == '\\' ? 2 : 1;
  return j < p.size() ? j : std::string_view::npos;
}

// Calls fn(j) for each '(' and ')' at p[j], from p[from] on, outside escapes and character
// classes, until fn returns false or a class is not closed.
template <typename Fn>
void for_each_paren(std::string_view p, size_t from, Fn&& fn) {
  for (size_t j = from; j < p.size(); ++j) {
    if (p[j] == '\\') {
      ++j;
    } else if (p[j] == '[') {
      j = class_end(p, j);
      if (j == std::string_view::npos) return;
    } else if ((p[j] == '(' || p[j] == ')') && !fn(j)) {
      return;
    }
  }
}

// The end of the group that opens at p[at] ('('), or npos.
size_t group_end(std::string_view p, size_t at) {
  int depth = 0;
  size_t end = std::string_view::npos;
  for_each_paren(p, at, [&](size_t j) {
    if (p[j] == '(') ++depth;
    else if (--depth == 0) end = j;
    return end == std::string_view::npos;
  });
  return end;
}

// The set of the first `k` (<= 8) bytes (folded) of every string a pattern matches: a
// string shorter than k is a whole match, one of length k the start of one or more.
// Recursive descent over the RE2 syntax the rules use; anything else sets ok = false.
struct Beginnings {
  using Set = std::vector<uint64_t>;  // packed strings, sorted, unique
  std::string_view p;
  size_t i = 0, k;
  bool ok = true;
  // Reversed: the last k bytes of every string, last byte first (a sequence's atoms are
  // joined from the last one); the same recursion, for the PieceFilter's endings.
  bool reverse = false;
  static constexpr size_t kMaxStrings = 1 << 20;

  // Sets the pattern to read from its start, and the end of each of its groups.
  void read(std::string_view pattern) {
    p = pattern;
    i = 0;
    find_group_ends();
  }
  // Sets the pattern `other` reads, from its start, with the ends of its groups.
  void read_as(const Beginnings& other) {
    p = other.p;
    i = 0;
    group_ends_ = other.group_ends_;
  }
  // group_end() of every '(' of p, by one pass (a stack of the groups open), where atom()
  // scanned each group to its end, and a group inside n others n + 1 times.
  static constexpr uint32_t kNoEnd = UINT32_MAX;
  std::vector<uint32_t> group_ends_;  // at a '(': its ')', or kNoEnd
  std::vector<uint32_t> open_;
  void find_group_ends() {
    group_ends_.assign(p.size(), kNoEnd);
    open_.clear();
    for_each_paren(p, 0, [&](size_t j) {
      if (p[j] == '(') {
        open_.push_back(static_cast<uint32_t>(j));
      } else if (!open_.empty()) {
        group_ends_[open_.back()] = static_cast<uint32_t>(j);
        open_.pop_back();
      }
      return true;
    });
  }

  Set fail() {
    ok = false;
    return {};
  }
  // The bits of a packed string's first k bytes.
  uint64_t first_k() const { return k >= 8 ? ~uint64_t{0} : ~(~uint64_t{0} >> (8 * k)); }
  static void tidy(Set& s) {
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
  }
  static Set merged(const Set& a, const Set& b) {
    Set out;
    out.reserve(a.size() + b.size());
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  }
  // A set of ASCII bytes, a bit each: a class's bytes are read by their set bits.
  struct Bytes {
    uint64_t w[2] = {0, 0};
    void set(int c) { w[c >> 6] |= uint64_t{1} << (c & 63); }
    bool test(int c) const { return (w[c >> 6] >> (c & 63)) & 1; }
  };
  Set chars(const Bytes& bytes) {
    if (bytes.test(0)) return fail();  // a NUL would not pack
    // Marked by folded byte, then read in order: sorted and unique without a sort (this
    // runs for every atom of every rule at start-up).
    Bytes folded;
    for (int h = 0; h < 2; ++h)
      for (uint64_t m = bytes.w[h]; m; m &= m - 1)
        folded.set(static_cast<unsigned char>(fold(static_cast<unsigned char>(64 * h + __builtin_ctzll(m)))));
    Set out;
    for (int h = 0; h < 2; ++h)
      for (uint64_t m = folded.w[h]; m; m &= m - 1)
        out.push_back(uint64_t{static_cast<unsigned char>(64 * h + __builtin_ctzll(m))} << 56);
    return out;
  }
  // The alternatives' strings are gathered, then sorted once: merged into the union one
  // by one, a word class's words made a set each.
  Set alternation() {
    Set out;
    sequence(out);
    bool in_order = true;
    while (ok && i < p.size() && p[i] == '|') {
      ++i;
      const size_t from = out.size();
      sequence(out);
      if (from > 0 && from < out.size() && out[from] <= out[from - 1]) in_order = false;
      if (out.size() > 2 * kMaxStrings) {
        tidy(out);
        in_order = true;
        if (out.size() > kMaxStrings) return fail();
      }
    }
    if (!in_order) tidy(out);
    if (out.size() > kMaxStrings) return fail();
    return out;
  }
  // A sequence's strings as its atoms are joined: those k long already, which the atoms
  // after them leave as they are, set aside (copied through every later join, they were
  // most of the joins' work), and the shorter ones, which the next atom extends.
  struct Joined {
    Set done;  // k long; may repeat
    bool done_sorted = true;
    Set open{0};  // shorter than k; sorted, unique
  };
  // The open strings joined with b's (sorted, unique); those that reach k bytes go to
  // `done`. A string n bytes long keeps the first k - n bytes of b's: b's strings are cut
  // to that length once, not each of them joined to every open string and the repeats
  // dropped after (at start-up, 23,000 strings made where that made 125,000).
  void join(Joined& j, std::span<const uint64_t> b) {
    if (j.open.empty()) return;
    size_t longest = 0;
    for (uint64_t y : b) longest = std::max(longest, packed_size(y));
    unsigned made = 0;  // bit m: cut_[m] is b's strings cut to m bytes (sorted, unique)
    auto cut_to = [&](size_t m) -> std::span<const uint64_t> {
      if (longest <= m) return b;
      Set& c = cut_[m];
      if (!(made & (1u << m))) {
        made |= 1u << m;
        c.clear();
        const uint64_t keep = ~(~uint64_t{0} >> (8 * m));  // m < longest <= 8
        for (uint64_t y : b)
          if (c.empty() || (y & keep) != c.back()) c.push_back(y & keep);
      }
      return c;
    };
    Set& out = joined_;  // swapped with j.open at the end: the buffers are reused
    out.clear();
    // The open strings are sorted, and one string's extensions are in order too: out is
    // sorted only when a string came before the last one.
    bool in_order = true;
    for (uint64_t x : j.open) {
      const size_t n = packed_size(x), m = k - n;
      for (uint64_t t : cut_to(m)) {
        const uint64_t s = x | (n ? t >> (8 * n) : t);
        if (packed_size(t) == m) {
          if (!j.done.empty() && s <= j.done.back()) j.done_sorted = false;
          j.done.push_back(s);
        } else {
          if (!out.empty() && s <= out.back()) in_order = false;
          out.push_back(s);
        }
      }
      if (out.size() > kMaxStrings) return void(fail());
      if (j.done.size() > 2 * kMaxStrings) {
        tidy(j.done);
        j.done_sorted = true;
        if (j.done.size() > kMaxStrings) return void(fail());
      }
    }
    if (!in_order) tidy(out);
    j.open.swap(out);
  }
  // join()'s buffers, kept from one call to the next (join() calls nothing that joins).
  std::array<Set, 8> cut_;
  Set joined_;
  // Appends the strings of the sequence from p[i] on (sorted, unique) to `into`.
  void sequence(Set& into) {
    const uint64_t keep = first_k();
    Joined j;
    // Reversed: the atoms (where each begins, or a literal run's string) are joined from the
    // last, once the sequence is read, and those before its last k bytes are not worked out
    // (the PieceFilter reads a pattern forward first, every atom: syntax it does not know
    // fails there).
    struct Later {
      size_t at;
      uint64_t run;  // 0: the atom at p[at]
    };
    std::vector<Later> atoms;
    bool first = true;
    while (ok && i < p.size() && p[i] != '|' && p[i] != ')') {
      if (uint64_t run = literal_run()) {
        if (first && (i == p.size() || p[i] == '|' || p[i] == ')')) {
          into.push_back(run & keep);  // a word, alone: a class's words are most sequences
          return;
        }
        first = false;
        if (reverse) atoms.push_back({i, run});
        else join(j, {&run, 1});
        continue;
      }
      first = false;
      if (reverse) {
        atoms.push_back({i, 0});
        skip_atom();
        continue;
      }
      Set a = atom();
      if (!ok) return;
      a = quantified(std::move(a));
      if (!ok) return;
      join(j, a);
    }
    const size_t end = i;
    for (size_t n = atoms.size(); n-- > 0 && ok && !j.open.empty();) {
      if (atoms[n].run) {
        join(j, {&atoms[n].run, 1});
        continue;
      }
      i = atoms[n].at;
      Set a = atom();
      if (!ok) return;
      a = quantified(std::move(a));
      if (!ok) return;
      join(j, a);
    }
    i = end;
    if (!ok) return;
    if (j.done_sorted) j.done.erase(std::unique(j.done.begin(), j.done.end()), j.done.end());
    else tidy(j.done);
    if (j.done.size() + j.open.size() > kMaxStrings) return void(fail());
    const size_t from = into.size();
    into.insert(into.end(), j.done.begin(), j.done.end());
    into.insert(into.end(), j.open.begin(), j.open.end());
    std::inplace_merge(into.begin() + static_cast<std::ptrdiff_t>(from),
                       into.begin() + static_cast<std::ptrdiff_t>(from + j.done.size()), into.end());
  }
  // The literal bytes from p[i] on that no quantifier follows, as one string (folded, at
  // most its first 8 bytes, or in reverse its last 8, last first: all that a concatenation
  // keeps), and i past them; 0 when p[i] is no such byte. The words of the rules are such
  // runs: one concatenation for a word, where one a byte made two sets and a new one
  // (start-up, one article: the piece filter took 16.3 M instructions).
  uint64_t literal_run() {
    auto literal = [](char c) {  // as atom() reads it, and not the end of a sequence
      return c != 0 && static_cast<unsigned char>(c) < 128 && c != '(' && c != ')' && c != '|' && c != '[' &&
             c != '\\' && c != '^' && c != '$' && c != '.' && c != '*' && c != '+' && c != '?' && c != '{';
    };
    auto quantifier = [](char c) { return c == '?' || c == '*' || c == '+' || c == '{'; };
    size_t j = i;
    while (j < p.size() && literal(p[j]) && !(j + 1 < p.size() && quantifier(p[j + 1]))) ++j;
    const size_t n = std::min<size_t>(j - i, 8);
    uint64_t run = 0;
    for (size_t m = 0; m < n; ++m)
      run |= uint64_t{static_cast<unsigned char>(fold(static_cast<unsigned char>(p[reverse ? j - 1 - m : i + m])))} << (56 - 8 * m);
    i = j;
    return run;
  }
  // Moves i past the atom at p[i] and its repetition as atom() and quantified() read them,
  // without working out its strings; fails where they would not know where it ends.
  void skip_atom() {
    const char c = p[i];
    if (c == '(') {
      if (group_ends_[i] == kNoEnd) return void(fail());
      i = group_ends_[i] + 1;
    } else if (c == '[') {
      const size_t e = class_end(p, i);
      if (e == std::string_view::npos) return void(fail());
      i = e + 1;
    } else if (c == '\\') {
      if (i + 1 >= p.size()) return void(fail());
      i += 2;
    } else {
      ++i;
    }
    size_t lo, hi;
    quantifier(lo, hi);
  }
  // Reads the repetition at p[i], if any: ?, *, +, {n}, {n,}, {n,m}, each maybe lazy (the
  // same strings), into [lo, hi] (hi = SIZE_MAX: unbounded), and i past it; false when there
  // is none, or it is malformed (then ok is false).
  bool quantifier(size_t& lo, size_t& hi) {
    if (i >= p.size()) return false;
    char q = p[i];
    if (q == '?') lo = 0, hi = 1, ++i;
    else if (q == '*') lo = 0, hi = SIZE_MAX, ++i;
    else if (q == '+') lo = 1, hi = SIZE_MAX, ++i;
    else if (q == '{') {
      size_t j = p.find('}', i);
      auto num = [&](std::string_view s, size_t& v) {
        if (s.empty() || s.size() > 4) return false;
        v = 0;
        for (char c : s) {
          if (c < '0' || c > '9') return false;
          v = v * 10 + (c - '0');
        }
        return true;
      };
      bool read = j != std::string_view::npos;
      if (read) {
        std::string_view body = p.substr(i + 1, j - i - 1);
        size_t comma = body.find(',');
        if (comma == std::string_view::npos) {
          read = num(body, lo);
          hi = lo;
        } else {
          read = num(body.substr(0, comma), lo);
          if (read && comma + 1 == body.size()) hi = SIZE_MAX;
          else if (read) read = num(body.substr(comma + 1), hi) && hi >= lo;
        }
      }
      if (!read) {
        fail();
        return false;
      }
      i = j + 1;
    } else {
      return false;
    }
    if (i < p.size() && p[i] == '?') ++i;
    return true;
  }
  // An atom's repetition (quantifier()) applied to its strings.
  Set quantified(Set a) {
    size_t lo = 1, hi = 1;  // hi = SIZE_MAX: unbounded
    if (!quantifier(lo, hi)) {
      if (!ok) return {};
      return a;
    }
    if (lo == 0 && hi == 1) {  // a's strings (at most k long already) and the empty one
      if (a.empty() || a[0] != 0) a.insert(a.begin(), 0);
      return a;
    }
    if (a.size() == 1 && a[0] != 0) {
      // One string ("\s+", "\d{4}"): its repetitions, cut to k bytes, each begin the next
      // (so come in order), up to the first k long; the loops below made two sets a turn.
      const uint64_t keep = first_k();
      const uint64_t one = a[0];
      const size_t m = packed_size(one);
      uint64_t rep = 0;  // `one` n times, cut to k bytes
      size_t n = 0, len = 0;
      auto extend = [&] {
        rep = (rep | one >> (8 * len)) & keep;
        len = std::min(len + m, k);
      };
      for (; n < lo && len < k; ++n) extend();
      Set out{rep};
      for (; n < hi && len < k; ++n) {
        extend();
        out.push_back(rep);
      }
      return out;
    }
    // a joined lo times; then at each turn, the strings the turn before added joined once
    // more (the others' joins were made already), until a turn adds none or hi turns:
    // where every string was joined at every turn and the result merged with the last.
    Joined all;
    for (size_t n = 0; n < lo && ok && !all.open.empty(); ++n) join(all, a);
    Joined turn;
    turn.open = all.open;
    for (size_t n = lo; n < hi && ok && !turn.open.empty(); ++n) {
      join(turn, a);
      Set fresh;
      std::set_difference(turn.open.begin(), turn.open.end(), all.open.begin(), all.open.end(),
                          std::back_inserter(fresh));
      all.open = merged(all.open, fresh);
      turn.open = std::move(fresh);
    }
    if (!ok) return {};
    all.done.insert(all.done.end(), turn.done.begin(), turn.done.end());
    tidy(all.done);
    return merged(all.done, all.open);
  }
  // One escape after '\\': its bytes, or false for an escape the filter does not know.
  bool escape(Bytes& bytes, bool& empty) {
    if (i >= p.size()) return false;
    char c = p[i++];
    empty = false;
    if (c == 'd') {
      for (int d = '0'; d <= '9'; ++d) bytes.set(d);
    } else if (c == 's') {
      for (char s : {' ', '\t', '\n', '\f', '\r'}) bytes.set(static_cast<unsigned char>(s));
    } else if (c == 'b' || c == 'B' || c == 'A' || c == 'z') {
      empty = true;  // zero width: as if absent, which lets more through
    } else if (static_cast<unsigned char>(c) < 128 && !std::isalnum(static_cast<unsigned char>(c))) {
      bytes.set(static_cast<unsigned char>(c));  // an escaped punctuation mark is itself
    } else {
      return false;
    }
    return true;
  }
  // The rules repeat their word classes ("{unit}" in a dozen places): a group's strings
  // are worked out once per distinct group text.
  std::unordered_map<std::string_view, Set> groups;

  Set atom() {
    char c = p[i];
    if (c == '(') {
      const size_t end = group_ends_[i] == kNoEnd ? std::string_view::npos : group_ends_[i];
      std::string_view whole = end == std::string_view::npos ? std::string_view() : p.substr(i, end + 1 - i);
      if (auto it = groups.find(whole); !whole.empty() && it != groups.end()) {
        i = end + 1;
        return it->second;
      }
      ++i;
      if (p.substr(i, 2) == "?:") {
        i += 2;
      } else if (p.substr(i, 3) == "?P<") {
        size_t j = p.find('>', i);
        if (j == std::string_view::npos) return fail();
        i = j + 1;
      } else if (i < p.size() && p[i] == '?') {
        return fail();  // flags and other group kinds
      }
      Set s = alternation();
      if (!ok || i >= p.size() || p[i] != ')' || i != end) return fail();
      ++i;
      groups.emplace(whole, s);
      return s;
    }
    if (c == '^' || c == '$') {
      ++i;
      return Set{0};
    }
    if (c == '.' || c == '*' || c == '+' || c == '?' || c == '{' || static_cast<unsigned char>(c) >= 128 || c == 0)
      return fail();
    if (c != '[' && c != '\\') {
      ++i;
      return Set{uint64_t{static_cast<unsigned char>(fold(static_cast<unsigned char>(c)))} << 56};  // a literal byte
    }
    Bytes bytes;
    if (c == '[') {
      ++i;
      if (i < p.size() && p[i] == '^') return fail();
      bool first = true;
      while (i < p.size() && (p[i] != ']' || first)) {
        first = false;
        int lo = 0;
        if (p[i] == '\\') {
          ++i;
          bool empty;
          Bytes one;
          if (!escape(one, empty) || empty) return fail();
          bytes.w[0] |= one.w[0];
          bytes.w[1] |= one.w[1];
          if (__builtin_popcountll(one.w[0]) + __builtin_popcountll(one.w[1]) != 1) continue;  // \d, \s: no range from it
          lo = one.w[0] ? __builtin_ctzll(one.w[0]) : 64 + __builtin_ctzll(one.w[1]);
        } else if (p[i] == '[') {
          return fail();  // [:alpha:]
        } else {
          lo = static_cast<unsigned char>(p[i++]);
          if (lo >= 128) return fail();
          bytes.set(lo);
        }
        if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']') {
          ++i;
          int hi = static_cast<unsigned char>(p[i]);
          if (hi == '\\' || hi >= 128 || hi < lo) return fail();
          ++i;
          for (int b = lo; b <= hi; ++b) bytes.set(b);
        }
      }
      if (i >= p.size()) return fail();
      ++i;  // ']'
      // Case-insensitive: fold() maps both cases to one byte already.
      return chars(bytes);
    }
    ++i;  // '\\'
    bool empty;
    if (!escape(bytes, empty)) return fail();
    return empty ? Set{0} : chars(bytes);
  }
};

constexpr uint16_t kAccept = 0xFFFF;

bool is_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

// Whether the text at `at` begins with one of the two non-ASCII characters an ASCII pattern
// matches case-insensitively: RE2 folds 'k' with U+212A KELVIN SIGN and 's' with U+017F
// LONG S, and no other ASCII letter with a non-ASCII one. Any other non-ASCII character is
// in no match (the patterns the filter reads have no '.', no "[^...]", only ASCII).
// Out of line (inlined, it made may_start() too big to inline in next(): +4 M instructions
// on modern) and pure (a call that may write memory made next() reload its tables).
[[gnu::noinline, gnu::pure]] bool folds_to_ascii(std::string_view text, size_t at) {
  std::string_view rest = text.substr(at);
  return rest.starts_with(kKelvinSign) || rest.starts_with(kLongS);
}

}  // namespace

void PieceFilter::save(io::BinaryWriter& out) const {
  out.u32(usable_);
  out.u64(depth_);
  out.u64(end_depth_);
  out.u64(all_);
  out.array(all_beginnings_);
  start_ids_.save(out);
  out.array(start_patterns_);
  end_ids_.save(out);
  out.array(end_patterns_);
}

PieceFilter::PieceFilter(io::BinaryReader& in) {
  usable_ = in.u32() != 0;
  depth_ = in.u64();
  end_depth_ = in.u64();
  all_ = in.u64();
  in.array(all_beginnings_);
  start_ids_.load(in);
  in.array(start_patterns_);
  end_ids_.load(in);
  in.array(end_patterns_);
}

PieceFilter::PieceFilter(const std::vector<std::string>& patterns, size_t depth, size_t end_depth) {
  depth_ = std::min<size_t>(depth, 8);
  end_depth_ = std::min<size_t>(end_depth, 8);
  if (patterns.empty() || patterns.size() > 64 || depth_ == 0) return;
  all_ = patterns.size() == 64 ? ~uint64_t{0} : (uint64_t{1} << patterns.size()) - 1;
  Beginnings an{.k = depth_};  // one analysis: the word classes' groups are worked out once
  Beginnings back{.k = end_depth_};
  back.reverse = true;
  // Packed strings -> the patterns they begin (or end), as an index into `masks`.
  auto add = [](FlatIdMap& ids, std::vector<uint64_t>& masks, const Beginnings::Set& packed, size_t rule) {
    for (uint64_t s : packed) {
      uint32_t id = ids.insert(s, static_cast<uint32_t>(masks.size()));
      if (id == masks.size()) masks.push_back(0);
      masks[id] |= uint64_t{1} << rule;
    }
  };
  // Each rule's beginnings, merged into all_beginnings_ two by two: merged into the growing
  // union one after the other, they cost 2.5 M instructions of start-up.
  std::vector<Beginnings::Set> beginnings;
  for (size_t r = 0; r < patterns.size(); ++r) {
    an.read(patterns[r]);
    Beginnings::Set packed = an.alternation();
    if (!an.ok || an.i != patterns[r].size()) return;
    beginnings.push_back(std::move(packed));
    if (end_depth_ == 0) continue;
    back.read_as(an);
    Beginnings::Set ends = back.alternation();
    if (!back.ok || back.i != patterns[r].size()) return;
    add(end_ids_, end_patterns_, ends, r);
  }
  std::vector<Beginnings::Set> merging;  // the first merges copy: each rule's own are added below
  for (size_t j = 0; j < beginnings.size(); j += 2)
    merging.push_back(j + 1 < beginnings.size() ? Beginnings::merged(beginnings[j], beginnings[j + 1]) : beginnings[j]);
  while (merging.size() > 1) {
    std::vector<Beginnings::Set> next;
    for (size_t j = 0; j < merging.size(); j += 2)
      next.push_back(j + 1 < merging.size() ? Beginnings::merged(merging[j], merging[j + 1]) : std::move(merging[j]));
    merging = std::move(next);
  }
  all_beginnings_ = std::move(merging[0]);
  // The union's size is the number of distinct beginnings: the table and masks are made
  // at their size once, where the table grew (rehashed) eight times on the way.
  start_ids_.reserve(all_beginnings_.size());
  start_patterns_.reserve(all_beginnings_.size());
  for (size_t r = 0; r < patterns.size(); ++r) add(start_ids_, start_patterns_, beginnings[r], r);
  usable_ = true;
}

uint64_t PieceFilter::candidates(std::string_view piece) const {
  if (!usable_) return all_;
  // fold() by table; 0 for a byte that makes the answer all patterns: NUL (it would not
  // pack) and non-ASCII (a letter that may fold to a pattern's letter).
  static constexpr auto kFolded = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 1; c < 0x80; ++c) t[c] = static_cast<uint8_t>(fold(static_cast<unsigned char>(c)));
    return t;
  }();
  uint64_t key = 0;
  const size_t m = std::min(piece.size(), depth_);
  for (size_t j = 0; j < m; ++j) {
    uint8_t f = kFolded[static_cast<unsigned char>(piece[j])];
    if (f == 0) return all_;
    key |= uint64_t{f} << (56 - 8 * j);
  }
  uint32_t id = start_ids_.find(key);
  if (id == FlatIdMap::kNone) return 0;
  uint64_t can = start_patterns_[id];
  // The same with the last bytes, last first: "December" can begin a date but not end one.
  if (end_depth_ == 0 || can == 0) return can;
  key = 0;
  const size_t n = std::min(piece.size(), end_depth_);
  for (size_t j = 0; j < n; ++j) {
    uint8_t f = kFolded[static_cast<unsigned char>(piece[piece.size() - 1 - j])];
    if (f == 0) return can;
    key |= uint64_t{f} << (56 - 8 * j);
  }
  id = end_ids_.find(key);
  return id == FlatIdMap::kNone ? 0 : can & end_patterns_[id];
}

StartFilter::StartFilter(std::string_view pattern, bool word_boundary, size_t depth)
    : word_boundary_(word_boundary), depth_(depth) {
  if (depth > 8) depth_ = depth = 8;
  Beginnings an{.k = depth};
  an.read(pattern);
  Beginnings::Set packed = an.alternation();
  if (!an.ok || an.i != pattern.size() || depth == 0) return;
  build(packed, depth);
}

// The alternation's strings are the union of its alternatives' (each "(?:p)" adds none of
// its own), which the PieceFilter merged as it analysed them one by one.
StartFilter::StartFilter(const PieceFilter& alternatives, bool word_boundary)
    : word_boundary_(word_boundary), depth_(alternatives.depth()) {
  if (!alternatives.usable() || depth_ == 0) return;
  build(alternatives.all_beginnings(), depth_);
}

void StartFilter::save(io::BinaryWriter& out) const {
  out.u32(static_cast<uint32_t>(usable_) | static_cast<uint32_t>(word_boundary_) << 1 | static_cast<uint32_t>(accept_all_) << 2 |
          static_cast<uint32_t>(word_first_) << 3);
  out.u64(depth_);
  out.u64(symbols_);
  out.u64(nodes_);
  out.bytes(std::string_view(reinterpret_cast<const char*>(sym_), sizeof sym_));
  out.bytes(std::string_view(reinterpret_cast<const char*>(first_), sizeof first_));
  out.array(rows_);
  out.array(triples_);
  out.bytes(std::string_view(reinterpret_cast<const char*>(triple_at_), sizeof triple_at_));
}

StartFilter::StartFilter(io::BinaryReader& in) {
  const uint32_t flags = in.u32();
  usable_ = flags & 1;
  word_boundary_ = flags & 2;
  accept_all_ = flags & 4;
  word_first_ = flags & 8;
  depth_ = in.u64();
  symbols_ = in.u64();
  nodes_ = in.u64();
  auto fixed = [&](void* to, size_t size) {
    const std::string_view b = in.bytes();
    if (b.size() != size) throw std::runtime_error("dates filters image: a table of another size");
    std::memcpy(to, b.data(), size);
  };
  fixed(sym_, sizeof sym_);
  fixed(first_, sizeof first_);
  in.array(rows_);
  in.array(triples_);
  fixed(triple_at_, sizeof triple_at_);
}

void StartFilter::build(const std::vector<uint64_t>& packed, size_t depth) {
  if (!packed.empty() && packed[0] == 0) {
    accept_all_ = usable_ = true;
    return;
  }
  // The strings' bytes are read from the packed numbers (byte j of s: s >> (56 - 8j)).
  auto byte_at = [](uint64_t s, size_t j) { return static_cast<unsigned char>(s >> (56 - 8 * j)); };
  // Symbols: the folded bytes the strings use; every other ASCII byte ends a match. A
  // string's bytes in common with the one before it (they are sorted) were seen there.
  // A level's strings with a byte of their own there (from the first byte not in the string
  // before to their last), in order: the trie's loop at a level reads only those, where it
  // read every string at every level and passed over the others.
  std::array<std::vector<uint32_t>, 8> own_at;
  size_t prefixes = 0;  // distinct proper prefixes: at most one node each
  for (size_t i = 0; i < packed.size(); ++i) {
    const uint64_t s = packed[i], before = i > 0 ? packed[i - 1] : 0;
    const size_t from = static_cast<size_t>(__builtin_clzll(s ^ before)) / 8, n = packed_size(s);
    prefixes += n > from + 1 ? n - from - 1 : 0;
    for (size_t j = from; j < n; ++j) {
      if (!sym_[byte_at(s, j)]) sym_[byte_at(s, j)] = static_cast<uint8_t>(++symbols_);
      own_at[j].push_back(static_cast<uint32_t>(i));
    }
  }
  if (symbols_ >= 0xFF) return;  // a symbol is a byte
  ++symbols_;  // symbol 0: no pattern byte (and a non-ASCII one: see may_start())
  for (int c = 0; c < 128; ++c) sym_[c] = sym_[static_cast<unsigned char>(fold(static_cast<unsigned char>(c)))];
  // The trie; a string's last byte leads to kAccept (every string is a whole match or k long).
  // Built level by level, so that the shallow nodes, which every look-up visits, are
  // numbered first and sit together in memory. At a level, only the strings with a byte
  // of their own there take a step (the others go through the same cell as the string
  // before them), from the cell that their first `level` bytes reached at the level
  // before: that of the last string before them that took a step there. (A walk from
  // the root for each string took 7.4 M instructions of start-up; a step per string and
  // level 4.0 M; a look at every string at every level 2.7 M; this 2.1 M, callgrind.)
  constexpr uint32_t kDone = UINT32_MAX;  // a shorter string covers it
  std::vector<std::pair<uint32_t, uint32_t>> before, here;  // (string, its cell or kDone), in order
  rows_.reserve(std::min<size_t>(prefixes + 1, kAccept) * symbols_);
  rows_.assign(symbols_, 0);
  nodes_ = 1;
  for (size_t level = 0; level < depth; ++level) {
    here.clear();
    size_t b = 0;
    for (const uint32_t i : own_at[level]) {
      const uint64_t s = packed[i];
      size_t node = 0;
      if (level > 0) {
        while (b + 1 < before.size() && before[b + 1].first <= i) ++b;
        const uint32_t parent = before[b].second;
        if (parent == kDone || rows_[parent] == kAccept) {  // a shorter string already lets this through
          here.emplace_back(i, kDone);
          continue;
        }
        node = rows_[parent];
      }
      const size_t cell = node * symbols_ + sym_[byte_at(s, level)];
      here.emplace_back(i, static_cast<uint32_t>(cell));
      if (rows_[cell] == kAccept) continue;
      if (level + 1 == packed_size(s)) {
        rows_[cell] = kAccept;
      } else if (rows_[cell] == 0) {
        if (nodes_ + 1 >= kAccept) return;
        rows_[cell] = static_cast<uint16_t>(nodes_++);
        rows_.resize(nodes_ * symbols_, 0);
      }
    }
    std::swap(before, here);
  }
  // Bytes that can begin a match (non-ASCII: may fold to one), and RE2's \b word bytes.
  for (int c = 0; c < 256; ++c) {
    uint8_t s = sym_[c];
    if (c >= 128 || (s != 0 && rows_[s] != 0)) first_[c] |= kFirstByte;
    if (is_word_byte(static_cast<unsigned char>(c))) first_[c] |= kWordByte;
  }
  // triples_: the node after three symbols, in one look-up.
  triples_.assign(symbols_ * symbols_ * symbols_, 0);
  for (size_t s0 = 1; s0 < symbols_; ++s0) {
    uint16_t n1 = rows_[s0];
    for (size_t s1 = 1; s1 < symbols_ && n1 != 0; ++s1) {
      uint16_t n2 = n1 == kAccept ? kAccept : rows_[n1 * symbols_ + s1];
      for (size_t s2 = 1; s2 < symbols_ && n2 != 0; ++s2)
        triples_[(s0 * symbols_ + s1) * symbols_ + s2] = n2 == kAccept ? kAccept : rows_[n2 * symbols_ + s2];
    }
  }
  for (int c = 0; c < 256; ++c) {
    // A non-ASCII byte: 1 << 24 in each, more than the table's size (symbols_ < 255).
    const bool wild = c >= 128;
    triple_at_[0][c] = wild ? 1u << 24 : static_cast<uint32_t>(sym_[c] * symbols_ * symbols_);
    triple_at_[1][c] = wild ? 1u << 24 : static_cast<uint32_t>(sym_[c] * symbols_);
    triple_at_[2][c] = wild ? 1u << 24 : sym_[c];
  }
  word_first_ = true;  // no ASCII byte outside \b's word bytes begins a match
  for (int c = 0; c < 128; ++c)
    if ((first_[c] & kFirstByte) && !(first_[c] & kWordByte)) word_first_ = false;
  usable_ = true;
}

bool StartFilter::may_start(std::string_view text, size_t p, size_t node, size_t from) const {
  for (size_t j = from; j < depth_; ++j) {
    if (p + j >= text.size()) return false;  // a whole match would have reached kAccept
    const auto c = static_cast<unsigned char>(text[p + j]);
    uint16_t child = rows_[node * symbols_ + sym_[c]];
    // A non-ASCII byte lets the position through only where it may be a letter that folds
    // to a pattern's: most non-ASCII text is punctuation ("that’s", "”"), which sent the
    // scan to 8,220 positions of the modern set where it could not match.
    if (child == 0) return c >= 0x80 && folds_to_ascii(text, p + j);
    if (child == kAccept) return true;
    node = child;
  }
  return true;  // not reached: strings are at most depth_ long
}

size_t StartFilter::next(std::string_view text, size_t pos) const {
  if (!usable_ || accept_all_) return pos;
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t p = pos;
#if defined(__SSE2__)
  // 16 bytes at a time, without a branch per byte (a byte loop mispredicts at every word):
  // a bit per word byte (W) and per non-ASCII byte (X). \b holds before a word byte after a
  // non-word one, and before a non-ASCII byte after a word byte; only there may_start().
  if (word_boundary_ && word_first_) {
    // A range test in two operations: x - lo (mod 256) + 0x80 is below 0x80 + (hi - lo + 1)
    // as a signed byte exactly when lo <= x <= hi.
    const __m128i bit5 = _mm_set1_epi8(0x20), to_a = _mm_set1_epi8(static_cast<char>(0x80 - 'a')),
                  letters = _mm_set1_epi8(static_cast<char>(0x80 + 26)),
                  to_0 = _mm_set1_epi8(static_cast<char>(0x80 - '0')), digits = _mm_set1_epi8(static_cast<char>(0x80 + 10)),
                  us = _mm_set1_epi8('_');
    // Whether the byte before the block is a word byte: read from the text for the first
    // block, then the last bit of the block before.
    uint32_t word_before = p > 0 && (first_[t[p - 1]] & kWordByte) ? 1u : 0u;
    // The table's bounds in locals: read once, not at every word start.
    const uint16_t* const triples = triples_.data();
    const size_t triples_size = triples_.size();
    // Up to 18 bytes from the end: a block's word starts have their first three bytes.
    while (p + 18 <= n) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + p));
      __m128i l = _mm_or_si128(v, bit5);  // ASCII letters to lower case; bytes >= 0x80 stay negative
      __m128i w = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(l, to_a), letters),
                               _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(v, to_0), digits), _mm_cmpeq_epi8(v, us)));
      uint32_t W = static_cast<uint32_t>(_mm_movemask_epi8(w));
      uint32_t X = static_cast<uint32_t>(_mm_movemask_epi8(v));
      uint32_t before = (W << 1) | word_before;
      word_before = W >> 15;
      uint32_t cand = ((W & ~before) | (X & before)) & 0xFFFFu;
      while (cand) {
        size_t q = p + static_cast<size_t>(__builtin_ctz(cand));
        cand &= cand - 1;
        // The first three bytes in one look-up: most word starts end there. Their index is
        // a sum of three table entries, past the table when a byte is non-ASCII.
        uint32_t at = triple_at_[0][t[q]] + triple_at_[1][t[q + 1]] + triple_at_[2][t[q + 2]];
        if (at >= triples_size) {
          if (may_start(text, q, 0, 0)) return q;
          continue;
        }
        uint16_t node = triples[at];
        if (node == 0) continue;
        if (node == kAccept || may_start(text, q, node, 3)) return q;
      }
      p += 16;
    }
  }
#endif
  for (; p < n; ++p) {
    unsigned char c = t[p];
    if (!first_[c]) continue;
    // \b: a word byte after a non-word byte or the start, or the reverse.
    if (word_boundary_ && ((first_[c] & kWordByte) != 0) == (p > 0 && (first_[t[p - 1]] & kWordByte) != 0)) continue;
    if (may_start(text, p, 0, 0)) return p;
  }
  return n;
}

// See dates.h. A class [x-y] with letters and other bytes, or letters of both cases, has no
// such counterpart ([0-z] lowered would be [0-z], which misses 'A'): nullopt.
std::optional<std::string> lowered_pattern(std::string_view p) {
  auto is_letter = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  // Every piece of syntax keeps its length: the pattern, its letters lowered in place
  // (appended a byte at a time, a copy of every rule, with and without its group names,
  // took 1.25 M instructions; so, 0.63 M).
  std::string out(p);
  bool in_class = false, class_first = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c >= 0x80) return std::nullopt;
    if (c == '\\') {
      if (i + 1 >= p.size()) return std::nullopt;
      const auto e = static_cast<unsigned char>(p[i + 1]);
      if (e >= 0x80) return std::nullopt;
      if (std::isalnum(e) && !(e == 'd' || e == 's' || (!in_class && (e == 'b' || e == 'B' || e == 'A' || e == 'z'))))
        return std::nullopt;
      ++i;
      class_first = false;
      continue;
    }
    if (in_class) {
      if (c == ']' && !class_first) {
        in_class = false;
        continue;
      }
      class_first = false;
      if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
        const auto hi = static_cast<unsigned char>(p[i + 2]);
        if (hi == '\\' || hi >= 0x80 || hi < c) return std::nullopt;
        bool letters = false, others = false;
        for (unsigned b = c; b <= hi; ++b) (is_letter(static_cast<unsigned char>(b)) ? letters : others) = true;
        if (letters && (others || (c <= 'Z') != (hi <= 'Z'))) return std::nullopt;  // one case's letters only
        out[i] = lower_ascii(static_cast<char>(c));
        out[i + 2] = lower_ascii(static_cast<char>(hi));
        i += 2;
        continue;
      }
      out[i] = lower_ascii(static_cast<char>(c));
      continue;
    }
    if (c == '[') {
      if (i + 1 < p.size() && p[i + 1] == '^') return std::nullopt;
      in_class = class_first = true;
      continue;
    }
    if (c == '(' && i + 1 < p.size() && p[i + 1] == '?') {
      if (p.substr(i, 3) == "(?:") {
        i += 2;
        continue;
      }
      if (p.substr(i, 4) != "(?P<") return std::nullopt;
      size_t j = p.find('>', i);
      if (j == std::string_view::npos) return std::nullopt;
      i = j;  // the name as it is
      continue;
    }
    out[i] = lower_ascii(static_cast<char>(c));
  }
  if (in_class) return std::nullopt;
  return out;
}

namespace {

// The length of the atom r begins with and its quantifier ("(?:a|b)?", "\\s+", "[ap]",
// "x{2}"); 0 when r is empty, begins with '|' or ')', or has syntax not read here.
size_t first_atom(std::string_view r) {
  if (r.empty()) return 0;
  size_t j;
  const auto c = static_cast<unsigned char>(r[0]);
  if (c == '(') {
    if (r.starts_with("(?") && !r.starts_with("(?:") && !r.starts_with("(?P<")) return 0;  // flags: they reach past the group
    j = group_end(r, 0);
  } else if (c == '[') {
    j = class_end(r, 0);
  } else if (c == '\\') {
    j = r.size() > 1 && std::isalnum(static_cast<unsigned char>(r[1])) && std::string_view("dDsSwWbBAz").find(r[1]) == std::string_view::npos
            ? std::string_view::npos  // \x41, \pL, \Q...: of other lengths
            : 1;
    if (r.size() < 2) j = std::string_view::npos;
  } else if (c == '|' || c == ')' || c >= 0x80) {
    return 0;
  } else {
    j = 0;
  }
  if (j == std::string_view::npos) return 0;
  ++j;
  if (j < r.size() && (r[j] == '?' || r[j] == '*' || r[j] == '+')) {
    ++j;
  } else if (j < r.size() && r[j] == '{') {
    size_t k = j + 1;
    while (k < r.size() && (std::isdigit(static_cast<unsigned char>(r[k])) || r[k] == ',')) ++k;
    if (k == j + 1 || k >= r.size() || r[k] != '}') return 0;
    j = k + 1;
  }
  if (j < r.size() && r[j] == '?') ++j;  // non-greedy: the same language
  return j;
}

// Where r's first '|' outside its groups and classes is: npos when it has none, 0 when r
// is not well formed (as if it had one).
size_t top_bar(std::string_view r) {
  for (size_t j = 0; j < r.size(); ++j) {
    if (r[j] == '\\') {
      ++j;
    } else if (r[j] == '[') {
      j = class_end(r, j);
      if (j == std::string_view::npos) return 0;
    } else if (r[j] == '(') {
      j = group_end(r, j);
      if (j == std::string_view::npos) return 0;
    } else if (r[j] == '|') {
      return j;
    }
  }
  return std::string_view::npos;
}

// Whether r has a '|' outside its groups and classes.
bool has_top_bar(std::string_view r) { return top_bar(r) != std::string_view::npos; }

void factor_into(const std::vector<std::string_view>& alternatives, std::string& out) {
  // (first atom, or the whole alternative when it has none) -> the rests after it
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> heads;
  for (std::string_view a : alternatives) {
    const size_t n = has_top_bar(a) ? 0 : first_atom(a);
    std::string_view head = n ? a.substr(0, n) : a;
    auto it = std::find_if(heads.begin(), heads.end(), [&](const auto& h) { return h.first == head && (n != 0) == !h.second.empty(); });
    if (it == heads.end()) {
      heads.emplace_back(head, std::vector<std::string_view>{});
      it = heads.end() - 1;
    }
    if (n) it->second.push_back(a.substr(n));
  }
  for (size_t k = 0; k < heads.size(); ++k) {
    if (k) out += '|';
    const auto& [head, rests] = heads[k];
    if (rests.empty()) {
      out += "(?:";
      out += head;
      out += ')';
    } else if (rests.size() == 1) {
      out += head;
      out += rests[0];
    } else {
      out += head;
      out += "(?:";
      factor_into(rests, out);
      out += ')';
    }
  }
}

}  // namespace

std::string factored_alternation(const std::vector<std::string_view>& alternatives) {
  std::string out;
  factor_into(alternatives, out);
  return out;
}

// Whether r has a capturing group: "(" but "(?:" and other "(?".
bool has_capture(std::string_view r) {
  for (size_t j = 0; j < r.size(); ++j) {
    if (r[j] == '\\') ++j;
    else if (r[j] == '(' && (j + 1 >= r.size() || r[j + 1] != '?' || r.substr(j, 4) == "(?P<")) return true;
  }
  return false;
}

std::optional<std::string> first_group_narrowed(std::string_view pattern, bool digit) {
  size_t open = 0;
  if (pattern.starts_with("(?:")) open = 3;
  else if (pattern.starts_with("(?P<")) open = pattern.find('>') + 1;
  const size_t end = open ? group_end(pattern, 0) : std::string_view::npos;
  if (end == std::string_view::npos || has_top_bar(pattern)) return std::nullopt;
  if (end + 1 < pattern.size() && std::string_view("?*+{").find(pattern[end + 1]) != std::string_view::npos) return std::nullopt;
  std::string out(pattern.substr(0, open));
  size_t alternatives = 0, kept = 0;
  for (size_t a = open, j = open; j <= end; ++j) {
    if (pattern[j] == '\\') {
      ++j;
    } else if (pattern[j] == '[') {
      j = class_end(pattern, j);
    } else if (pattern[j] == '(') {
      j = group_end(pattern, j);
    } else if (pattern[j] == '|' || j == end) {
      const std::string_view alternative = pattern.substr(a, j - a);
      Beginnings an{.k = 1};
      an.read(alternative);
      const Beginnings::Set first = an.alternation();
      if (!an.ok || an.i != alternative.size()) return std::nullopt;
      ++alternatives;
      if (std::any_of(first.begin(), first.end(), [&](uint64_t b) {
            const auto c = static_cast<unsigned char>(b >> 56);
            return b == 0 || (c >= '0' && c <= '9') == digit;  // 0: the empty string
          })) {
        if (kept++) out += '|';
        out.append(alternative);
      } else if (has_capture(alternative)) {
        return std::nullopt;  // the groups after it would be numbered otherwise
      }
      a = j + 1;
    }
    if (j == std::string_view::npos) return std::nullopt;
  }
  if (kept == 0 || kept == alternatives) return std::nullopt;
  out.append(pattern.substr(end));
  return out;
}

namespace {

// A character of a lead's words: lower-case letters, digits, spaces, '-' and '\''.
bool lead_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '\''; }

// A lead of one plain word and no group, "the\\s" or "the " (see lead_group()), or nullopt.
std::optional<LeadGroup> unnamed_lead(std::string_view part) {
  for (std::string_view sep : {"\\s", " "}) {
    if (part.size() <= sep.size() || !part.ends_with(sep)) continue;
    const std::string_view word = part.substr(0, part.size() - sep.size());
    if (!std::all_of(word.begin(), word.end(), lead_word_char)) return std::nullopt;
    return LeadGroup{{}, {word}, sep};
  }
  return std::nullopt;
}

// A lead's "(?P<name>w1|w2|...)separator" (see lead_group()), or nullopt.
std::optional<LeadGroup> lead_part(std::string_view part) {
  if (!part.starts_with("(?P<")) return std::nullopt;
  const size_t open = part.find('>'), close = part.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::nullopt;
  LeadGroup g{part.substr(4, open - 4), {}, part.substr(close + 1)};
  if (g.separator != "\\s" && g.separator != " " && g.separator != ",? " && g.separator != " ?" &&
      g.separator != "[- ]" && g.separator != "[- ]?")
    return std::nullopt;
  std::string_view body = part.substr(open + 1, close - (open + 1));
  if (body.starts_with("(?:") && body.ends_with(")")) body = body.substr(3, body.size() - 4);  // a word class
  for (size_t a = 0, j = 0; j <= body.size(); ++j) {
    if (j < body.size() && body[j] != '|') {
      if (!lead_word_char(body[j])) return std::nullopt;
      continue;
    }
    if (j == a) return std::nullopt;
    g.words.push_back(body.substr(a, j - a));
    a = j + 1;
  }
  return g;
}

}  // namespace

std::optional<LeadGroup> lead_group(std::string_view group) {
  if (!group.starts_with("(?:") || !group.ends_with(')')) return std::nullopt;
  const std::string_view part = group.substr(3, group.size() - 4);
  return part.starts_with("(?P<") ? lead_part(part) : unnamed_lead(part);
}

std::vector<LeadGroup> lead_groups(std::string_view group) {
  if (std::optional<LeadGroup> g = lead_group(group)) return {std::move(*g)};
  if (!group.starts_with("(?:") || !group.ends_with(')')) return {};
  const std::string_view body = group.substr(3, group.size() - 4);
  const size_t bar = top_bar(body);
  if (bar == std::string_view::npos) return {};
  std::optional<LeadGroup> first = lead_part(body.substr(0, bar)), second = lead_part(body.substr(bar + 1));
  if (!first || !second) return {};
  first->or_next = true;
  return {std::move(*first), std::move(*second)};
}

int LeadGroup::separator_ends(std::string_view text, size_t at, size_t (&ends)[2]) const {
  const char c = at < text.size() ? text[at] : '\0';
  int n = 0;
  if (separator == "\\s") {
    if (is_re2_space(c)) ends[n++] = at + 1;
  } else if (separator == ",? ") {
    if (c == ',' && at + 1 < text.size() && text[at + 1] == ' ') ends[n++] = at + 2;
    else if (c == ' ') ends[n++] = at + 1;
  } else if (separator.starts_with('[')) {  // "[- ]", "[- ]?"
    if (c == '-' || c == ' ') ends[n++] = at + 1;
  } else if (c == ' ') {  // " ", " ?"
    ends[n++] = at + 1;
  }
  if (separator.ends_with('?') && separator != ",? ") ends[n++] = at;  // the optional one left out
  return n;
}

size_t optional_group_size(std::string_view pattern) {
  if (!pattern.starts_with("(?:") || has_top_bar(pattern)) return 0;
  const size_t n = first_atom(pattern);
  return n >= 5 && pattern.substr(n - 2, 2) == ")?" ? n : 0;
}

}  // namespace dates_detail

// ---------------------------------------------------------------------------------------

// The named groups and rule names the normaliser reads, as numbers: a rule's groups are
// looked up in a table filled once when its RE2 is compiled, not by name per match.
namespace {
#define KIMPUT_DATE_GROUPS(X) X(adv) X(ampm) X(approx) X(c) X(cw) X(d) X(dec) X(dec2) X(decw) X(dir) X(end) X(fiscal) X(h) X(half) X(hh) X(hol) X(m) X(mi) X(mn) X(mod) X(noon) X(num) X(num2) X(part) X(period) X(pre) X(q) X(qu) X(qy) X(rd) X(ref) X(rel) X(rel2) X(s) X(theyear) X(tz) X(u) X(unit) X(w) X(wd) X(y) X(yw) X(yw2) X(yw3)
enum class G : uint8_t {
#define KIMPUT_X(n) n,
  KIMPUT_DATE_GROUPS(KIMPUT_X)
#undef KIMPUT_X
  kCount
};
constexpr const char* kGroupNames[] = {
#define KIMPUT_X(n) #n,
    KIMPUT_DATE_GROUPS(KIMPUT_X)
#undef KIMPUT_X
};
#undef KIMPUT_DATE_GROUPS
#define KIMPUT_DATE_KINDS(X) X(iso) X(slash) X(date) X(monthyear) X(month) X(holiday) X(year) X(decade) X(century) X(season) X(quarter) X(half) X(today) X(weekday) X(time) X(ago) X(relunit) X(set) X(duration) X(ref)
// Rule names (the normaliser each selects); kOther: a name dates.cpp does not know.
enum class Kind : uint8_t {
#define KIMPUT_X(n) n,
  KIMPUT_DATE_KINDS(KIMPUT_X)
#undef KIMPUT_X
  kOther
};
constexpr const char* kKindNames[] = {
#define KIMPUT_X(n) #n,
    KIMPUT_DATE_KINDS(KIMPUT_X)
#undef KIMPUT_X
};
#undef KIMPUT_DATE_KINDS
Kind kind_of(std::string_view name) {
  for (size_t k = 0; k < std::size(kKindNames); ++k)
    if (name == kKindNames[k]) return static_cast<Kind>(k);
  return Kind::kOther;
}
// The group whose word (the month, holiday or weekday) must begin with a capital for a
// match of kind k to stand ("may", "march on" are no dates), or none. normalise() rejects
// such a match first thing, and a piece with no capital letter at all has none of these
// kinds' rules tried.
std::optional<G> capital_group(Kind k) {
  switch (k) {
    case Kind::date:
    case Kind::monthyear:
    case Kind::month: return G::m;
    case Kind::holiday: return G::hol;
    case Kind::weekday: return G::wd;
    default: return std::nullopt;
  }
}
}  // namespace

namespace {
constexpr std::string_view kFiltersMagic = "kimput dates filters";
constexpr uint32_t kFiltersFormat = 1;
}  // namespace

struct DatesPass::Impl {
  // What the rules say about one piece of text that the scan matched: the rules whose own
  // pattern matches it whole, in rule order, each with its groups (offset and length in the
  // piece; -1 for a group that took no part). A function of the piece's bytes alone.
  // Worked out lazily, a rule at a time in rule order, as the normaliser asks for the next
  // one (it usually takes the first): `pending` holds the rules that may still match and
  // have not been tried. The rules tried that match are a list of records in the
  // document's PieceMemo::cells: the next record (-1: none yet), the rule's number, its
  // group count and (offset, length) per group (0 = all).
  struct PieceRules {
    uint64_t pending = 0;
    int32_t first = -1, last = -1;
  };
  // A rule's own RE2 (for its groups) is compiled when a piece first needs it: most runs
  // use a few of the rules, and compiling all of them took 8 ms of start-up. Its pattern
  // was checked at start-up all the same (see load()), so a bad rule still fails there.
  struct Rule {
    std::string name;
    Kind kind = Kind::kOther;
    std::string pattern;
    RE2::Options options;
    bool ascii_pattern = false;  // every byte of `pattern` is ASCII
    // lowered_pattern(pattern), made with re_ascii: the rules a run never tries on an ASCII
    // piece (most, for one article) need none.
    mutable std::optional<std::string> lowered;
    mutable std::once_flag compiled, compiled_ascii, numbered;
    mutable std::unique_ptr<RE2> re, re_ascii;
    // For an ASCII piece, a rule whose lowered pattern begins with optional groups of words
    // and a separator, or two such, one or the other ("(?:(?P<pre>the|the past)\s)?",
    // "(?:{WD},? )?", "(?:{MOD}[- ]?|(?P<mod2>earlier|...)\s)?", see lead_groups()) has no
    // RE2 of its whole pattern (re_ascii stays null): the first duration rule's took 773
    // instructions, too large for RE2's BitState (its NFA took ~16,500 instructions a
    // piece), and, with the first ago rule's, ~4.8 M instructions to compile. It is matched
    // by `rest`, the pattern without those groups (`leads`), BitState's size: a piece whose
    // first byte begins no word of theirs (`lead_first`) has no match taking part in them,
    // so the rest matches it as the whole pattern does, with the same groups, numbered
    // after the leads' (one each, `slot`, but for a lead of no group: "(?:the )?"), which
    // take no part. Any other has the leads tried by hand: each word the piece goes on
    // with (with each way its separator can follow it, an optional one taken first), in
    // the pattern's order, then none (a lead one of two: its words, then the other's, then
    // none), the rest matched after them, in the order RE2's backtracker tries them (a
    // greedy group first, its alternatives in order); the first whole match is the one it
    // finds. rest[1] for a piece (or what follows its
    // leads' words) that begins with a digit, rest[0] for one that does not: the rest with
    // only the alternatives of its first group that can begin so ("\d+" or "{NUMW}" of
    // {NUM}), the others cannot match; rest[1] is null when it would be rest[0]. rest[0] is
    // null for a rule not matched so.
    mutable std::vector<dates_detail::LeadGroup> leads;
    mutable std::array<bool, 256> lead_first{};  // byte -> a lead's word begins with it
    mutable std::unique_ptr<RE2> rest[2];
    mutable int ascii_groups = 0;  // the rule's number of groups, when rest[0] is set
    // The normaliser's groups (G) -> group number, -1 for a group the rule does not have.
    mutable int16_t slots[static_cast<size_t>(G::kCount)];

    int group(G g) const { return slots[static_cast<size_t>(g)]; }

    // Sets `slots` from the groups of `r`, the pattern after the optional groups `before`
    // (one group each, numbered from 1 in order): the first call does, for every RE2 of the
    // rule numbers its groups alike (one pattern).
    // How many of the leads have a group: the last slot.
    static int lead_slots(std::span<const dates_detail::LeadGroup> leads) {
      for (size_t j = leads.size(); j-- > 0;)
        if (leads[j].slot) return leads[j].slot;
      return 0;
    }

    void number_groups(const RE2& r, std::span<const dates_detail::LeadGroup> before) const {
      std::call_once(numbered, [&] {
        const std::map<std::string, int>& named = r.NamedCapturingGroups();
        for (size_t k = 0; k < static_cast<size_t>(G::kCount); ++k) {
          auto it = named.find(kGroupNames[k]);
          slots[k] = static_cast<int16_t>(it == named.end() ? -1 : it->second + lead_slots(before));
          for (const dates_detail::LeadGroup& g : before)
            if (g.slot && g.name == kGroupNames[k]) slots[k] = static_cast<int16_t>(g.slot);
        }
      });
    }

    std::unique_ptr<RE2> compile(const std::string& source, const RE2::Options& o) const {
      auto r = std::make_unique<RE2>(source, o);
      if (!r->ok()) throw std::runtime_error(fmt::format("dates.tsv: rule {}: {}", name, r->error()));
      number_groups(*r, {});
      return r;
    }

    const RE2& regex() const {
      std::call_once(compiled, [this] { re = compile(pattern, options); });
      return *re;
    }

    // The RE2 to match `piece` with, and whether with its lowered copy (`on_lowered`). For a
    // piece of ASCII bytes, the lowered pattern, case-sensitive, on the piece in lower case:
    // the same matches and groups (see dates_detail::lowered_pattern()), from a program
    // that takes half the instructions to compile (case folding is half of RE2's work on
    // these patterns: 1.1 M -> 0.55 M a rule). Failing that, the pattern case-insensitive.
    // Either as Latin-1: on ASCII text it matches, and finds the groups, as the UTF-8 one
    // does (a character class has one way through for an ASCII byte in either), from a
    // smaller program (no UTF-8 branches for the non-ASCII forms of 's' and 'k', U+017F
    // and U+212A). The UTF-8 RE2 is compiled only for a non-ASCII piece. Null for an ASCII
    // piece of a rule matched by its rest (see `rest`).
    const RE2* regex_for(StringPiece piece, bool& on_lowered) const {
      on_lowered = false;
      if (!ascii_pattern) return &regex();
      for (char c : piece)
        if (static_cast<unsigned char>(c) >= 0x80) return &regex();
      std::call_once(compiled_ascii, [this] {
        lowered = dates_detail::lowered_pattern(pattern);
        RE2::Options o = options;
        o.set_encoding(RE2::Options::EncodingLatin1);
        if (lowered) o.set_case_sensitive(true);
        if (!lowered || !split_leads(*lowered, o)) re_ascii = compile(lowered ? *lowered : pattern, o);
      });
      on_lowered = lowered.has_value();
      return re_ascii.get();
    }

    static constexpr int kBitStateMaxProgram = 512;  // RE2's limit (prog.cc)

    // Sets `leads`, `lead_first`, `rest` and `ascii_groups` (see `rest`) for the lowered pattern
    // `source` with options `o`, and numbers the groups; false (and none set) when the
    // pattern does not begin so or a rest is too large for BitState. The leads end at the
    // first optional group that is none ("(?:(?P<qy>\d{4}) )?"): it begins the rest.
    bool split_leads(std::string_view source, const RE2::Options& o) const {
      std::vector<dates_detail::LeadGroup> found;
      while (size_t n = dates_detail::optional_group_size(source)) {
        const std::string_view group = source.substr(0, n - 1);  // "(?:x)?" -> "(?:x)"
        std::vector<dates_detail::LeadGroup> g = dates_detail::lead_groups(group);
        if (g.empty()) break;  // it begins the rest
        std::move(g.begin(), g.end(), std::back_inserter(found));
        source.remove_prefix(n);
      }
      if (found.empty()) return false;
      int slot = 0;
      for (dates_detail::LeadGroup& g : found)
        if (!g.name.empty()) g.slot = ++slot;
      std::unique_ptr<RE2> made[2];
      const std::optional<std::string> narrowed[2] = {dates_detail::first_group_narrowed(source, false),
                                                      dates_detail::first_group_narrowed(source, true)};
      for (int digit = 0; digit < 2; ++digit) {
        if (digit && !narrowed[0] && !narrowed[1]) break;  // rest[0] is the whole rest
        made[digit] = std::make_unique<RE2>(narrowed[digit] ? *narrowed[digit] : std::string(source), o);
        if (!made[digit]->ok() || made[digit]->ProgramSize() > kBitStateMaxProgram ||
            made[digit]->NumberOfCapturingGroups() != made[0]->NumberOfCapturingGroups())
          return false;
      }
      number_groups(*made[0], found);
      ascii_groups = slot + made[0]->NumberOfCapturingGroups();
      for (const dates_detail::LeadGroup& g : found)
        for (std::string_view w : g.words) lead_first[static_cast<unsigned char>(w[0])] = true;
      leads = std::move(found);
      rest[0] = std::move(made[0]);
      rest[1] = std::move(made[1]);
      return true;
    }

    // The rest (see there) for what begins at subject[offset].
    const RE2& rest_at(StringPiece subject, size_t offset) const {
      const bool digit = offset < subject.size() && subject[offset] >= '0' && subject[offset] <= '9';
      return digit && rest[1] ? *rest[1] : *rest[0];
    }

    // Whether the rule matches the whole of `piece` (`lowered_piece`: it in lower case), its
    // groups into `caps` (as offsets into `subject`, the one of the two matched).
    bool match(StringPiece piece, StringPiece lowered_piece, std::vector<StringPiece>& caps, StringPiece& subject) const {
      bool on_lowered;
      const RE2* re = regex_for(piece, on_lowered);
      subject = on_lowered ? lowered_piece : piece;  // the same offsets
      if (re) {
        const int n = re->NumberOfCapturingGroups() + 1;
        caps.assign(static_cast<size_t>(n), StringPiece());
        return re->Match(subject, 0, subject.size(), RE2::ANCHOR_BOTH, caps.data(), n);
      }
      caps.assign(static_cast<size_t>(ascii_groups + 1), StringPiece());
      // No lead's word begins with the first byte: the rest alone.
      const bool leads_may_start = !subject.empty() && lead_first[static_cast<unsigned char>(subject[0])];
      if (!match_after_leads(subject, leads_may_start ? 0 : leads.size(), 0, caps)) return false;
      caps[0] = subject;
      return true;
    }

    // Whether subject[offset, end) is matched by the leads from the i-th on and the rest,
    // their groups into `caps` (see `rest`).
    bool match_after_leads(StringPiece subject, size_t i, size_t offset, std::vector<StringPiece>& caps) const {
      if (i == leads.size()) {
        // The rest's whole match lands on caps[shift], a lead's group, set after (or none).
        const auto shift = static_cast<size_t>(lead_slots(leads));
        if (!rest_at(subject, offset).Match(subject, offset, subject.size(), RE2::ANCHOR_BOTH, caps.data() + shift,
                                            static_cast<int>(caps.size() - shift)))
          return false;
        caps[shift] = StringPiece();
        return true;
      }
      const std::string_view text(subject.data() + offset, subject.size() - offset);
      for (std::string_view w : leads[i].words) {
        if (!text.starts_with(w)) continue;
        size_t ends[2];
        const int n = leads[i].separator_ends(text, w.size(), ends);
        // Taken, a lead that is one of two leaves the other out.
        const size_t next = leads[i].or_next ? i + 2 : i + 1;
        for (int e = 0; e < n; ++e) {
          if (match_after_leads(subject, next, offset + ends[e], caps)) {
            if (leads[i].slot) caps[static_cast<size_t>(leads[i].slot)] = StringPiece(text.data(), w.size());
            if (leads[i].or_next) caps[static_cast<size_t>(leads[i + 1].slot)] = StringPiece();  // named, as the first
            return true;
          }
        }
      }
      if (!match_after_leads(subject, i + 1, offset, caps)) return false;
      if (leads[i].slot) caps[static_cast<size_t>(leads[i].slot)] = StringPiece();
      return true;
    }
  };
  std::map<std::string, std::map<std::string, std::string>, std::less<>> classes;  // class -> word -> value
  // A word's value (in `classes`) and that value as a number (std::atoi), for intword().
  struct WordValue {
    const std::string* text;
    int number;
  };
  // The same, hashed: "class\x1fword" -> value, for word()'s look-ups.
  std::unordered_map<std::string, WordValue, StringViewHash, std::equal_to<>> word_index;
  std::map<std::string, std::string> macros;
  // Words after which a weekday is part of a name (lib/data/dates_after_weekday.txt).
  std::unordered_set<std::string, StringViewHash, std::equal_to<>> after_weekday;
  std::vector<std::unique_ptr<Rule>> rules;
  // The scan: case-sensitive, of the rules' lowered patterns, on the text in lower case
  // (null when a rule has no lowered pattern); case-insensitive on the text itself, built
  // when first needed (a text with U+212A or U+017F), at start-up without the other. The
  // lowered one took half the instructions to compile (42 M -> 22 M, a sixth of a
  // one-article run).
  std::unique_ptr<RE2> scan_lowered;
  std::string scan_source;
  RE2::Options scan_options;
  mutable std::once_flag scan_compiled;
  mutable std::unique_ptr<RE2> scan;
  const RE2& case_folding_scan() const {
    std::call_once(scan_compiled, [this] {
      if (!scan) scan = std::make_unique<RE2>(scan_source, scan_options);
    });
    return *scan;
  }
  std::string scan_rules;  // the scan without its \b: the rules' alternation
  std::unique_ptr<dates_detail::StartFilter> start;  // where the scan can match
  std::unique_ptr<dates_detail::PieceFilter> piece_rules;  // which rules can match a piece
  uint64_t capital_rules = 0;  // bit r: rules[r] is of a kind with a capital_group()

  // Each rule's own match for `piece`, remembered for one document: news
  // repeats its dates ("on Tuesday", "last year", "2016") within an article. A piece's
  // answer depends on the piece alone; the memo is a per-thread buffer that run() empties
  // before each document, so nothing in it outlives the document it was filled from.
  struct PieceMemo {
    std::unordered_map<std::string_view, PieceRules> pieces;
    std::vector<int32_t> cells;
    std::vector<StringPiece> groups;  // scratch
    void clear() {
      pieces.clear();
      cells.clear();
    }
  };
  // The rules that may match a piece are those the PieceFilter lets through, tried one by
  // one in rule order as the normaliser asks. An RE2::Set of the rules once told which of
  // them match first when more than three could; its search (~7,000 instructions) saved
  // little over the rules' own (~3,000 each, most pieces take their first), and building
  // it cost 41 M instructions of start-up, a seventh of a one-article run (callgrind,
  // extract -j1: run() on 1,000 Reuters articles 108.6 M with it, 108.2 M without).
  PieceRules& rules_for(StringPiece piece, PieceMemo& memo) const {
    std::string_view key(piece.data(), piece.size());
    auto [it, fresh] = memo.pieces.try_emplace(key);
    if (fresh) {
      it->second.pending = piece_rules->candidates(key);
      if (std::none_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        it->second.pending &= ~capital_rules;
    }
    return it->second;
  }

  // The record after `rec` (-1: the first) of the rules matching `piece`, trying the
  // pending rules as needed; -1 when there is none.
  // `lowered_piece`: the piece in lower case.
  int32_t next_rule(StringPiece piece, StringPiece lowered_piece, PieceRules& pr, int32_t rec, PieceMemo& memo) const {
    int32_t next = rec < 0 ? pr.first : memo.cells[static_cast<size_t>(rec)];
    if (next >= 0) return next;
    std::vector<StringPiece>& caps = memo.groups;
    while (pr.pending) {
      int h = __builtin_ctzll(pr.pending);
      pr.pending &= pr.pending - 1;
      StringPiece subject;
      if (!rules[h]->match(piece, lowered_piece, caps, subject)) continue;
      auto at = static_cast<int32_t>(memo.cells.size());
      memo.cells.push_back(-1);
      memo.cells.push_back(h);
      memo.cells.push_back(static_cast<int32_t>(caps.size()));
      for (const StringPiece& g : caps) {
        memo.cells.push_back(g.data() ? static_cast<int32_t>(g.data() - subject.data()) : -1);
        memo.cells.push_back(static_cast<int32_t>(g.size()));
      }
      if (pr.last < 0) pr.first = at;
      else memo.cells[static_cast<size_t>(pr.last)] = at;
      pr.last = at;
      return at;
    }
    return -1;
  }

  // A word class's alternation, "(?:w1|w2|...)", made once per class for one load(), kept in
  // `made`: the rules and macros name {number} six times, {unit} and {part} four times.
  const std::string& class_pattern(const std::string& key, const std::string& where,
                                   std::map<std::string, std::string, std::less<>>& made) const {
    if (auto done = made.find(key); done != made.end()) return done->second;
    std::string out;
    auto it = classes.find(key);
    if (it == classes.end()) throw std::runtime_error(fmt::format("dates.tsv: {}: unknown word class {{{}}}", where, key));
    // (folded word, word): the folded copies made once, not at each comparison
    std::vector<std::pair<std::string, const std::string*>> words;
    words.reserve(it->second.size());
    for (const auto& [w, v] : it->second) words.emplace_back(w, &w);
    for (auto& [f, w] : words)
      for (char& c : f) c = lower_ascii(c);
    // Descending order (ASCII case folded): a word comes before every word it
    // begins ("years" before "year", "a couple of" before "a couple"), as when the
    // longest came first, so RE2 prefers the same of two words that both match
    // at a position (two that are not prefix and extension cannot); and words
    // sharing a beginning are neighbours, which RE2 factors ("t(?:w(?:o|elve)|...)"):
    // smaller programs for the scan, the set and the rules.
    std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : *a.second > *b.second;
    });
    out += "(?:";
    // RE2 factors the alternatives' shared beginning only up to a "\s+"
    if (std::any_of(words.begin(), words.end(), [](const auto& w) { return w.second->find(' ') != std::string::npos; }) &&
        std::all_of(words.begin(), words.end(), [](const auto& w) { return spaces_inside_only(*w.second); })) {
      std::vector<std::vector<std::string>> quoted(words.size());
      for (size_t k = 0; k < words.size(); ++k)
        for (char c : *words[k].second) quoted[k].push_back(quote_char(c));
      append_shared_beginnings(quoted, 0, quoted.size(), 0, out);
    } else {
      for (size_t k = 0; k < words.size(); ++k) {
        if (k) out += '|';
        out += regex_quote(*words[k].second);
      }
    }
    out += ')';
    return made.emplace(key, std::move(out)).first->second;
  }

  // `made`: the word classes' alternations made so far (class_pattern()).
  std::string expand(const std::string& p, const std::string& where,
                     std::map<std::string, std::string, std::less<>>& made) const {
    std::string out;
    for (size_t i = 0; i < p.size();) {
      if (p[i] == '\\' && i + 1 < p.size()) {
        out.append(p, i, 2);
        i += 2;
        continue;
      }
      if (p[i] == '{') {
        size_t j = p.find('}', i);
        if (j != std::string::npos) {
          std::string key = p.substr(i + 1, j - i - 1);
          bool word = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; });
          if (word) {
            if (std::isupper(static_cast<unsigned char>(key[0]))) {
              auto it = macros.find(key);
              if (it == macros.end()) throw std::runtime_error(fmt::format("dates.tsv: {}: unknown macro {{{}}}", where, key));
              out += it->second;
            } else {
              out += class_pattern(key, where, made);
            }
            i = j + 1;
            continue;
          }
        }
      }
      size_t j = i + 1;  // the bytes up to the next escape or brace, as they are
      while (j < p.size() && p[j] != '\\' && p[j] != '{') ++j;
      out.append(p, i, j - i);
      i = j;
    }
    return out;
  }

  // Every "(?P<name>" of p has a name RE2 accepts ([0-9A-Za-z_]+) and no name repeats.
  static bool plain_group_names(const std::string& p) {
    std::vector<std::string_view> seen;
    for (size_t i = 0; i < p.size();) {
      if (p[i] == '\\' && i + 1 < p.size()) {
        i += 2;
      } else if (p[i] == '(' && p.compare(i, 4, "(?P<") == 0) {
        size_t j = p.find('>', i + 4);
        if (j == std::string::npos || j == i + 4) return false;
        std::string_view n(p.data() + i + 4, j - i - 4);
        for (char c : n)
          if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
        if (std::find(seen.begin(), seen.end(), n) != seen.end()) return false;
        seen.push_back(n);
        i = j + 1;
      } else {
        ++i;
      }
    }
    return true;
  }

  // The pattern with "(?:" for every "(?P<name>"; the bytes between are copied a run at
  // a time.
  static std::string strip_names(const std::string& p) {
    std::string out;
    out.reserve(p.size());
    for (size_t i = 0; i < p.size();) {
      if (p[i] == '\\' && i + 1 < p.size()) {
        out.append(p, i, 2);
        i += 2;
      } else if (p[i] == '(' && p.compare(i, 4, "(?P<") == 0) {
        size_t j = p.find('>', i);
        if (j == std::string::npos) {  // unclosed: kept as it is, for RE2 to report
          out.append(p, i);
          break;
        }
        out += "(?:";
        i = j + 1;
      } else {
        size_t j = i + 1;
        while (j < p.size() && p[j] != '\\' && p[j] != '(') ++j;
        out.append(p, i, j - i);
        i = j;
      }
    }
    return out;
  }

  // A hash of the rules' patterns (as the filters read them), which the filters image names.
  uint64_t patterns_hash = 0;

  // Reads the piece and start filters from `image` (dates_detail::filters_image()) when it
  // was made from these patterns; false (and nothing read) when not.
  bool read_filters(std::string_view image) {
    if (image.empty()) return false;
    io::BinaryReader in(image);
    if (!in.header(kFiltersMagic, kFiltersFormat) || in.u64() != patterns_hash) return false;
    piece_rules = std::make_unique<dates_detail::PieceFilter>(in);
    start = std::make_unique<dates_detail::StartFilter>(in);
    if (!in.at_end()) throw std::runtime_error("dates filters image: tables that do not fit");
    return true;
  }

  // `use_image`: the filters may come from the image compiled at build time.
  void load(std::string_view bytes, bool use_image = true) {
    std::vector<std::pair<std::string, std::string>> rule_lines;
    std::map<std::string, std::string, std::less<>> class_patterns;
    for_each_data_line(bytes, [&](std::string_view line, size_t n) {
      auto cols = split(line, '\t');
      if (cols.size() != 3) throw std::runtime_error(fmt::format("dates.tsv:{}: expected 3 tab-separated columns", n));
      std::string kind(cols[0]), key(cols[1]), val(cols[2]);
      if (kind == "macro") macros[key] = expand(val, fmt::format("line {}", n), class_patterns);
      else if (kind == "rule") rule_lines.emplace_back(key, val);
      else {
        classes[kind][key] = val;
        class_patterns.erase(kind);  // made again, with this word, if named after
      }
    });
    for (std::string_view w : embedded_words("dates_after_weekday.txt")) after_weekday.emplace(w);
    RE2::Options opt;
    opt.set_case_sensitive(false);
    opt.set_longest_match(true);
    opt.set_max_mem(64 << 20);
    std::string all;
    bool all_have_lowered = true;
    std::vector<std::string> stripped, lowered_rules;
    for (size_t k = 0; k < rule_lines.size(); ++k) {
      const auto& [name, pat] = rule_lines[k];
      std::string p = expand(pat, "rule " + name, class_patterns);
      auto r = std::make_unique<Rule>();
      r->name = name;
      r->kind = kind_of(name);
      r->pattern = p;
      r->ascii_pattern = utf8::is_ascii(p);
      r->options = opt;
      // The scan and the filters read the pattern without its group names; the names are
      // checked here, and on any doubt the rule's RE2 is built now, so that its error is
      // the one reported.
      stripped.push_back(strip_names(p));
      if (!plain_group_names(p)) r->regex();
      if (!all.empty()) all += '|';
      all += "(?:" + stripped.back() + ")";
      std::optional<std::string> lowered = dates_detail::lowered_pattern(stripped.back());
      all_have_lowered = all_have_lowered && lowered;
      if (lowered) lowered_rules.push_back(std::move(*lowered));
      if (capital_group(r->kind) && k < 64) capital_rules |= uint64_t{1} << k;
      rules.push_back(std::move(r));
    }
    RE2::Options sopt = opt;
    sopt.set_never_capture(true);
    sopt.set_max_mem(256 << 20);
    scan_options = sopt;
    RE2::Options lopt = sopt;
    lopt.set_case_sensitive(true);
    // The scan of the lowered rules (the alternation with the beginnings that rules share
    // written once: the scan finds the longest match of any rule, which no group or order of
    // the rules affects) is compiled on a thread of its own while the filters are built: its
    // RE2 is 18 M of the 31 M instructions of loading the rules, the filters most of the
    // rest. It is compiled without the \b in front, which the start filter checks for it;
    // when the filter does not (it does for the built-in rules), it is compiled again below.
    std::string lowered_source;
    std::future<std::unique_ptr<RE2>> lowered_scan;
    if (all_have_lowered) {
      lowered_source = "(?:" + dates_detail::factored_alternation({lowered_rules.begin(), lowered_rules.end()}) + ")";
      lowered_scan = std::async(std::launch::async, [&lowered_source, &lopt] {
        huge_pages::prepare_thread();
        return std::make_unique<RE2>(lowered_source, lopt);
      });
    }
    patterns_hash = stripped.size();
    for (const std::string& s : stripped) patterns_hash = (patterns_hash * 0x9E3779B97F4A7C15ULL) ^ hash_bytes(s);
    if (!(use_image && read_filters(detail::dates_filters_image()))) {
      piece_rules = std::make_unique<dates_detail::PieceFilter>(stripped);
      // The scan's filter from the rules' beginnings the piece filter found (depth 8).
      start = std::make_unique<dates_detail::StartFilter>(*piece_rules, true);
    }
    // A rule the filter's analysis read whole has balanced groups of syntax RE2 knows: an
    // error in it is one of the scan's, found below. Others are compiled now.
    if (!piece_rules->usable())
      for (const auto& r : rules) r->regex();
    for (const auto& [cls, words] : classes)
      for (const auto& [w, v] : words) word_index.emplace(cls + '\x1f' + w, WordValue{&v, std::atoi(v.c_str())});
    // The scan is \b(?:rules); tried only where the filter has found \b to hold, it leaves
    // the \b out, the same matches from a DFA that need not tell the context before them.
    const bool filter_checks_boundary = start->checks_word_boundary();
    const std::string boundary = filter_checks_boundary ? "" : "\\b";
    scan_source = boundary + "(?:" + all + ")";
    const RE2* built;
    if (all_have_lowered) {
      scan_lowered = lowered_scan.get();
      if (!filter_checks_boundary) scan_lowered = std::make_unique<RE2>(boundary + lowered_source, lopt);
      built = scan_lowered.get();
    } else {
      scan = std::make_unique<RE2>(scan_source, sopt);
      built = scan.get();
    }
    if (!built->ok()) {
      for (const auto& r : rules) r->regex();  // the rule at fault, by name
      throw std::runtime_error("dates.tsv: scan pattern: " + built->error());
    }
    scan_rules = std::move(all);
  }

  const WordValue* word_value(std::string_view cls, StringPiece w) const {
    // The key "class\x1fword", the word in lower case with runs of white space as one
    // space, built on the stack (a longer one in a string).
    char buf[96];
    std::string heap;
    char* k = buf;
    if (cls.size() + 1 + w.size() > sizeof buf) {
      heap.resize(cls.size() + 1 + w.size());
      k = heap.data();
    }
    std::memcpy(k, cls.data(), cls.size());
    size_t n = cls.size();
    k[n++] = '\x1f';
    const size_t w0 = n;
    for (char raw : w) {
      char ch = lower_ascii(raw);
      if (ch == ' ' || (ch >= '\t' && ch <= '\r')) {  // std::isspace in the C locale
        if (n > w0 && k[n - 1] != ' ') k[n++] = ' ';
      } else {
        k[n++] = ch;
      }
    }
    auto it = word_index.find(std::string_view(k, n));
    return it == word_index.end() ? nullptr : &it->second;
  }

  const std::string* word(std::string_view cls, StringPiece w) const {
    const WordValue* v = word_value(cls, w);
    return v ? v->text : nullptr;
  }

  int intword(std::string_view cls, StringPiece w) const {
    const WordValue* v = word_value(cls, w);
    return v ? v->number : 0;
  }

  Num number(StringPiece s) const {
    Num r;
    std::string t = lower(s);
    if (t.empty()) return r;
    if (word("fuzzy", t)) {
      r.ok = r.fuzzy = true;
      return r;
    }
    double extra = 0;
    for (const char* h : {" 1/2", " and a half", "-and-a-half"}) {
      size_t p = t.find(h);
      if (p != std::string::npos) {
        extra = 0.5;
        t = t.substr(0, p);
      }
    }
    if (std::isdigit(static_cast<unsigned char>(t[0]))) {
      std::string digits;
      for (char c : t)
        if (c != ',') digits += c;
      r.v = std::atof(digits.c_str()) + extra;
      r.ok = true;
      return r;
    }
    // Word numbers: sum of parts, "hundred"/"thousand" multiply what came before.
    double total = 0, cur = 0;
    std::string w;
    auto take = [&]() -> bool {
      if (w.empty() || w == "and") { w.clear(); return true; }
      const WordValue* v = word_value("number", w);
      w.clear();
      if (!v) return false;
      int n = v->number;
      if (n == 100 || n == 1000) {
        cur = (cur == 0 ? 1 : cur) * n;
        if (n == 1000) { total += cur; cur = 0; }
      } else {
        cur += n;
      }
      return true;
    };
    // "a", "a couple of", "a dozen" are single entries.
    if (const WordValue* v = word_value("numa", t)) {
      r.v = v->number + extra;
      r.ok = true;
      return r;
    }
    if (const WordValue* v = word_value("number", t)) {
      r.v = v->number + extra;
      r.ok = true;
      return r;
    }
    for (char c : t) {
      if (c == ' ' || c == '-') {
        if (!take()) return r;
      } else {
        w += c;
      }
    }
    if (!take()) return r;
    r.v = total + cur + extra;
    r.ok = r.v > 0;
    return r;
  }
};

namespace {

// One match under normalisation.
struct Match {
  const DatesPass::Impl& im;
  const std::string& text;
  const std::string& lowered;  // text in lower case (ASCII letters), for gl() and prev()
  size_t b, e;  // bytes, may be adjusted by the normaliser
  const DatesPass::Impl::Rule& rule;
  const std::vector<StringPiece>& caps;
  const std::optional<YMD>& ref;
  const std::optional<YMD>& anchor;
  const std::string& anchor_value;  // the value anchor came from ("1989-Q3")
  mutable int tense_cache = 2;

  StringPiece g(G name) const {
    int k = rule.group(name);
    if (k < 0) return StringPiece();
    const StringPiece& s = caps[k];
    return s.data() ? s : StringPiece();
  }
  bool has(G name) const { return !g(name).empty(); }
  int gi(G name) const { return leading_int(g(name)); }  // std::atoi of the group
  // The group in lower case: a view of the document's text in lower case (same offsets).
  std::string_view gl(G name) const {
    StringPiece s = g(name);
    return s.empty() ? std::string_view() : std::string_view(lowered).substr(static_cast<size_t>(s.data() - text.data()), s.size());
  }
  int tense() const {
    if (tense_cache == 2) tense_cache = sentence_tense(text, b, e);
    return tense_cache;
  }
  std::string_view prev() const { return prev_word(lowered, b); }  // in lower case
  std::string_view next() const { return next_word(text, e); }
};

struct Result {
  bool ok = false;
  std::string value;  // "" = null
  std::string_view type = "DATE";  // a literal
};

Result reject() { return {}; }
Result make(std::string value, std::string_view type = "DATE") {
  Result r;
  r.ok = true;
  r.value = std::move(value);
  r.type = std::move(type);
  return r;
}

// Year for a month-day (or a month, d = 0) without a year: the occurrence nearest to the
// reference date, or the one before / after it when the sentence's tense says so and that
// one is not too far away.
std::optional<int> year_for(const Match& mt, int m, int d) {
  if (!mt.ref) return std::nullopt;
  const YMD& r = *mt.ref;
  int t = mt.tense();
  std::string_view pw = mt.prev();
  if (pw == "by" || pw == "until" || pw == "till" || pw == "through") t = 0;  // deadlines
  int back, fwd, limit;
  int y_back, y_fwd;
  if (d) {
    auto days = [](int y, int mm, int dd) {
      cal_set({y, mm, std::min(dd, days_in_month(y, mm))});
      UErrorCode st = U_ZERO_ERROR;
      return static_cast<long>(calendar().getTime(st) / 86400000.0);
    };
    long rd = days(r.y, r.m, r.d), cur = days(r.y, m, d);
    if (cur <= rd) { y_back = r.y; back = rd - cur; y_fwd = r.y + 1; fwd = days(r.y + 1, m, d) - rd; }
    else { y_fwd = r.y; fwd = cur - rd; y_back = r.y - 1; back = rd - days(r.y - 1, m, d); }
    if (cur == rd) return r.y;
    limit = 240;
  } else {
    if (m == r.m) return r.y;
    back = (r.m - m + 12) % 12;
    fwd = 12 - back;
    y_back = m < r.m ? r.y : r.y - 1;
    y_fwd = m > r.m ? r.y : r.y + 1;
    limit = 8;
  }
  if (t < 0) return back <= limit ? y_back : y_fwd;
  if (t > 0) return fwd <= limit ? y_fwd : y_back;
  return back <= fwd ? y_back : y_fwd;
}

int rel_year_offset(std::string_view r) {
  if (r == "last year" || r == "the previous year") return -1;
  if (r == "next year" || r == "the following year") return 1;
  return 0;
}

bool anchor_rel(std::string_view r) {
  return r == "that" || r == "the same" || r == "the following" || r == "the previous" || r == "that year" ||
         r == "the same year" || r == "the following year" || r == "the previous year";
}

// Year from a {RELYEAR} group ("last year", "the following year"), or nullopt.
std::optional<int> rel2_year(const Match& mt) {
  std::string_view r2 = mt.gl(G::rel2);
  if (r2.empty()) return std::nullopt;
  if (anchor_rel(r2)) {
    if (!mt.anchor || mt.anchor->y == 0) return std::optional<int>(-1);
    return mt.anchor->y + rel_year_offset(r2);
  }
  if (!mt.ref) return std::optional<int>(-1);
  return mt.ref->y + rel_year_offset(r2);
}

bool capitalized(StringPiece s) { return !s.empty() && is_upper(s[0]); }

std::string part_code(const Match& mt) {
  const std::string* p = mt.im.word("part", mt.g(G::part));
  return p ? *p : "";
}

// The nearest day with ISO weekday wd: relative to the reference by tense or rel.
std::optional<YMD> resolve_weekday(const Match& mt, int wd, std::string_view rel) {
  if (!mt.ref) return std::nullopt;
  YMD r = *mt.ref;
  int cur = weekday_of(r);
  int back = (cur - wd + 7) % 7;    // days back to the previous (or same) wd
  int fwd = (wd - cur + 7) % 7;     // days forward
  if (rel == "last" || rel == "this past" || rel == "past") return add(r, UCAL_DATE, -(back == 0 ? 7 : back));
  if (rel == "next" || rel == "this coming" || rel == "coming") return add(r, UCAL_DATE, fwd == 0 ? 7 : fwd);
  if (rel == "this") return add(r, UCAL_DATE, wd - cur);
  if (back == 0) return r;
  std::string_view pw = mt.prev();
  bool deadline = pw == "until" || pw == "till" || pw == "by" || pw == "before";  // "until Tuesday"
  if (deadline || mt.tense() > 0) return add(r, UCAL_DATE, fwd);
  return add(r, UCAL_DATE, -back);
}

// `unit` is compared with literals as a view (no strlen, no call), the count written by a
// compiled format.
std::string duration_value(double n, bool fuzzy, std::string_view unit) {
  std::string num;
  if (fuzzy) num = "X";
  else if (n == std::floor(n)) num = fmt::format(FMT_COMPILE("{}"), static_cast<long long>(n));
  if (unit == "2W") return fuzzy ? "PXW" : fmt::format("P{}W", static_cast<long long>(n * 2));
  bool half = !fuzzy && n != std::floor(n);
  long long whole = static_cast<long long>(std::floor(n));
  if (unit == "H") return half ? fmt::format("PT{}H30M", whole) : "PT" + num + "H";
  if (unit == "MIN") return half ? fmt::format("PT{}M30S", whole) : "PT" + num + "M";
  if (unit == "S") return "PT" + (half ? fmt::format("{}", n) : num) + "S";
  if (unit == "DE") return fuzzy ? "PXDE" : half ? fmt::format("P{}Y", static_cast<long long>(n * 10)) : fmt::format("P{}Y", whole * 10);
  if (unit == "CE") return fuzzy ? "PXCE" : half ? fmt::format("P{}Y", static_cast<long long>(n * 100)) : fmt::format("P{}Y", whole * 100);
  if (half) {
    if (unit == "Y") return whole ? fmt::format("P{}Y6M", whole) : "P6M";
    if (unit == "D") return fmt::format("PT{}H", static_cast<long long>(n * 24));
    if (unit == "M") return fmt::format("P{}D", static_cast<long long>(n * 30));
    if (unit == "W") return fmt::format("P{}D", static_cast<long long>(n * 7));
    return fmt::format("P{}{}", n, unit);
  }
  std::string out;
  out.reserve(1 + num.size() + unit.size());
  out += 'P';
  out += num;
  out += unit;
  return out;
}

const std::unordered_set<std::string, StringViewHash, std::equal_to<>> kSetBefore = {"million", "billion", "trillion", "percent", "times", "twice",
                                                    "once", "cents", "dollars", "euros", "pounds", "yen", "thousand",
                                                    "hundred"};

// Dispatch on the rule name. Returns reject() to drop the match.
Result normalise(Match& mt) {
  const Kind name = mt.rule.kind;
  const DatesPass::Impl& im = mt.im;
  const std::optional<YMD>& ref = mt.ref;
  if (const std::optional<G> cap = capital_group(name); cap && !capitalized(mt.g(*cap))) return reject();

  if (name == Kind::iso || name == Kind::slash) {
    int y = mt.gi(G::y), m = mt.gi(G::mn),
        d = mt.gi(G::d);
    if (!valid_date(y, m, d)) return reject();
    if (mt.has(G::hh))
      return make(fmt::format("{:04d}-{:02d}-{:02d}T{}:{}", y, m, d, std::string(mt.g(G::hh)), std::string(mt.g(G::mi))), "TIME");
    return make(fmt_day({y, m, d}));
  }

  if (name == Kind::date) {
    if (mt.has(G::wd) && !capitalized(mt.g(G::wd))) return reject();
    int m = im.intword("month", mt.g(G::m));
    int d = mt.gi(G::d);
    if (m == 0 || d == 0) return reject();
    // "May 5" after a name ("Theresa May 5 ...") is rare; an abbreviation needs its day.
    std::optional<int> y;
    if (mt.has(G::y)) y = mt.gi(G::y);
    else if (auto r2 = rel2_year(mt)) { if (*r2 >= 0) y = *r2; else return make(""); }
    else y = year_for(mt, m, d);
    if (!y) return make("");
    if (!valid_date(*y, m, d)) return d <= 31 ? make("") : reject();
    return make(fmt_day({*y, m, d}));
  }

  if (name == Kind::monthyear) {
    int m = im.intword("month", mt.g(G::m));
    int y = mt.gi(G::y);
    return make(fmt_month(y, m));
  }

  if (name == Kind::month) {
    StringPiece mw = mt.g(G::m);
    int m = im.intword("monthfull", mw);
    const std::string_view rel = mt.gl(G::rel);
    bool qualified = mt.has(G::mod) || (!rel.empty() && rel != "the") || mt.has(G::rel2);
    std::string_view pw = mt.prev();
    const std::string_view mwl = mt.gl(G::m);
    std::string_view nw = mt.next();
    if (!qualified) {
      if (rel == "the") return reject();  // "the March on Washington"
      bool prep = kPrepositions.count(pw) > 0;
      if ((mwl == "may" || mwl == "march") && !prep) return reject();  // "Theresa May", "prices may"
      if (!prep && !pw.empty() && is_upper(pw[0]) && mt.b > 0 && mt.text[mt.b - 1] == ' ') {
        // after a capitalised word that is not a sentence start: a name ("Theresa May")
        size_t i = mt.b - 1 - pw.size();
        bool sentence_start = i == 0 || i > mt.text.size();
        if (!sentence_start) {
          size_t k = i;
          while (k > 0 && mt.text[k - 1] == ' ') --k;
          sentence_start = k == 0 || mt.text[k - 1] == '.' || mt.text[k - 1] == '\n' || mt.text[k - 1] == '"';
        }
        if (!sentence_start) return reject();
      }
      if (!nw.empty() && is_upper(nw[0])) return reject();  // "April Ryan"
      if (mwl == "march" && (nw == "on" || nw == "to" || nw == "against" || nw == "for" || nw == "through" || nw == "from"))
        return reject();
    }
    if (auto r2 = rel2_year(mt)) return *r2 >= 0 ? make(fmt_month(*r2, m)) : make("");
    if (rel == "that" || rel == "the same" || rel == "the following" || rel == "the previous") {
      if (!mt.anchor || mt.anchor->y == 0) return make("");
      int y = mt.anchor->y;
      if (rel == "the following" && mt.anchor->m && m <= mt.anchor->m) ++y;
      if (rel == "the previous" && mt.anchor->m && m >= mt.anchor->m) --y;
      return make(fmt_month(y, m));
    }
    if (!ref) return make("");
    int y = ref->y;
    // "last May": the latest May before this month; the month just gone would be "last month".
    if (rel == "last" || rel == "this past") y = m < ref->m - 1 ? ref->y : ref->y - 1;
    else if (rel == "next" || rel == "this coming") y = m > ref->m ? ref->y : ref->y + 1;
    else if (rel == "this") y = ref->y;
    else if (auto yy = year_for(mt, m, 0)) y = *yy;
    return make(fmt_month(y, m));
  }

  if (name == Kind::holiday) {
    const std::string* hv = im.word("holiday", mt.g(G::hol));
    if (!hv) return reject();
    std::optional<int> y;
    std::string_view rel = mt.gl(G::rel);
    if (mt.has(G::y)) y = mt.gi(G::y);
    else if (ref) {
      y = ref->y;
      if (rel == "last") --*y;
      else if (rel == "next") ++*y;
    }
    if (!y) return make("");
    if (*hv == "THANKSGIVING") {
      // The fourth Thursday of November.
      int wd1 = weekday_of({*y, 11, 1});
      int first_thu = 1 + (4 - wd1 + 7) % 7;
      return make(fmt_day({*y, 11, first_thu + 21}));
    }
    return make(fmt::format("{:04d}-{}", *y, *hv));
  }

  if (name == Kind::year) {
    int y = 0;
    if (mt.has(G::y)) {
      y = mt.gi(G::y);
    } else if (mt.has(G::yw)) {
      Num n = im.number(mt.g(G::yw2));
      if (!n.ok || n.v < 10 || n.v > 99) return reject();
      y = (mt.gl(G::yw) == "nineteen" ? 1900 : 2000) + static_cast<int>(n.v);
    } else if (mt.has(G::yw3)) {
      std::string_view s = mt.gl(G::yw3);
      y = 2000;
      size_t p = s.find("thousand");
      std::string rest(s.substr(p + 8));
      while (!rest.empty() && (rest[0] == ' ' || rest.compare(0, 4, " and") == 0)) rest = rest.substr(rest[0] == ' ' && rest.compare(0, 4, " and") != 0 ? 1 : 4);
      if (!rest.empty()) {
        Num n = im.number(rest);
        if (!n.ok) return reject();
        y += static_cast<int>(n.v);
      }
      return make(fmt_year(y));
    }
    bool bare = !mt.has(G::mod) && !mt.has(G::fiscal) && !mt.has(G::period) && !mt.has(G::yw);
    if (bare) {
      // Amounts and numbers, not years: "$2000", "2,016", "2016%", "Trump 2016", "2000 troops".
      if (mt.b > 0) {
        char c = mt.text[mt.b - 1];
        if (c == '$' || c == '#' || c == '+' || c == '/' || c == ':' || c == '\xA3' || c == '\xAC') return reject();
        if ((c == ',' || c == '.') && mt.b > 1 && std::isdigit(static_cast<unsigned char>(mt.text[mt.b - 2]))) return reject();
        if (mt.b >= 2 && mt.text.compare(mt.b - 2, 2, "\xC2\xA3") == 0) return reject();  // £
        if (mt.b >= 3 && mt.text.compare(mt.b - 3, 3, "\xE2\x82\xAC") == 0) return reject();  // €
      }
      if (mt.e < mt.text.size()) {
        char c = mt.text[mt.e];
        if (c == '%' || c == '/') return reject();
        if ((c == ',' || c == '.' || c == ':') && mt.e + 1 < mt.text.size() && std::isdigit(static_cast<unsigned char>(mt.text[mt.e + 1])))
          return reject();
      }
      std::string_view pw = mt.prev();
      bool prep = kPrepositions.count(pw) > 0 || pw == "the" || pw == "of" || pw == "'s";
      std::string_view pwv = prev_word(mt.text, mt.b);
      if (!prep) {
        if (y < 1900 || y > 2099) return reject();
        if (!pwv.empty() && is_upper(pwv[0])) {
          // "Trump 2016", "Windows 2000": after a capitalised word, unless that word starts the sentence
          // or is a month ("May 2016" is caught by monthyear anyway).
          size_t i = mt.b;
          while (i > 0 && mt.text[i - 1] == ' ') --i;
          i -= std::min(i, pwv.size());
          size_t k = i;
          while (k > 0 && mt.text[k - 1] == ' ') --k;
          bool sentence_start = k == 0 || mt.text[k - 1] == '.' || mt.text[k - 1] == '\n' || mt.text[k - 1] == '"';
          if (!sentence_start) return reject();
        }
        if (!pwv.empty() && std::isdigit(static_cast<unsigned char>(pwv.back()))) return reject();
        std::string_view nw = mt.next();
        if (nw.size() > 2 && nw.back() == 's' && !is_upper(nw[0])) return reject();  // "2000 troops"
        if (nw == "percent" || nw == "people" || nw == "of" || nw == "to" || nw == "and" ) {
          if (nw != "and") return reject();
        }
      } else if (y < 1000) {
        return reject();
      }
    }
    std::string_view mod = mt.gl(G::mod);
    if (mod.find("first half") != std::string::npos) return make(fmt::format("{:04d}-H1", y));
    if (mod.find("second half") != std::string::npos || mod.find("latter half") != std::string::npos)
      return make(fmt::format("{:04d}-H2", y));
    return make(fmt_year(y));
  }

  if (name == Kind::decade) {
    int dec = -1;
    if (mt.has(G::dec)) dec = mt.gi(G::dec);
    else if (mt.has(G::dec2)) dec = 190 + mt.gi(G::dec2);
    else if (mt.has(G::decw)) {
      static const std::map<std::string, int> tens = {{"twenties", 2}, {"thirties", 3}, {"forties", 4},
                                                      {"fifties", 5},  {"sixties", 6},  {"seventies", 7},
                                                      {"eighties", 8}, {"nineties", 9}};
      dec = 190 + tens.at(std::string(mt.gl(G::decw)));
    }
    if (dec < 0) return reject();
    return make(fmt::format("{:03d}X", dec));
  }

  if (name == Kind::century) {
    int c = 0;
    if (mt.has(G::c)) c = mt.gi(G::c);
    else if (mt.has(G::cw)) c = im.intword("ordinal", mt.g(G::cw));
    else {
      if (!ref) return make("");
      std::string_view rel = mt.gl(G::rel);
      c = ref->y / 100 + 1;
      if (rel == "last" || rel == "the last" || rel == "the past" || rel == "the previous") --c;
      else if (rel == "next" || rel == "the next") ++c;
    }
    if (c <= 0 || c > 30) return reject();
    return make(fmt::format("{:02d}", c - 1));
  }

  if (name == Kind::season) {
    const std::string* s = im.word("season", mt.g(G::s));
    if (!s) return reject();
    std::string_view rel = mt.gl(G::rel);
    bool has_year = mt.has(G::y) || mt.has(G::rel2);
    if (rel.empty() && !has_year && !mt.has(G::mod)) return reject();  // "prices fall"
    if (rel == "the" && !has_year) {
      std::string_view nw = mt.next();
      if (nw == "of" || nw == "in" || nw == "semester" || nw == "term") return reject();  // "the fall of the Wall"
      if (*s == "FA" && mt.tense() == 0) return reject();
    }
    if (rel.empty() && !has_year && *s == "FA") return reject();  // "early fall in prices"
    int y;
    if (mt.has(G::y)) y = mt.gi(G::y);
    else if (auto r2 = rel2_year(mt)) {
      if (*r2 < 0) return make("");
      y = *r2;
    } else {
      if (!ref) return make("");
      y = ref->y;
      if (rel == "last") --y;
      else if (rel == "next") ++y;
    }
    return make(fmt::format("{:04d}-{}", y, *s));
  }

  if (name == Kind::quarter) {
    const std::string_view qu = mt.gl(G::qu), rel = mt.gl(G::rel), qs = mt.gl(G::q);
    bool the = starts_with_ci(std::string_view(mt.text).substr(mt.b), "the ");
    bool has_year = mt.has(G::y) || mt.has(G::qy) || mt.has(G::rel2);
    if (qu == "period") {
      if (!(rel == "latest" || rel == "year-ago" || rel == "year-earlier" || rel == "same" || rel == "comparable" ||
            rel == "corresponding" || rel == "prior-year" || rel == "year-before" || mt.has(G::qy)) || !qs.empty())
        return reject();
    } else {
      if (qs.empty() && rel.empty() && !has_year && !the) return reject();
      std::string_view nw = mt.next();
      if (qs.empty() && rel.empty() && !has_year && (nw == "of" || nw == "century" || nw == "mile")) return reject();
    }
    int q = 0;
    if (!qs.empty()) q = im.intword("ordinal", qs);
    std::optional<int> year;
    if (mt.has(G::y)) year = mt.gi(G::y);
    else if (mt.has(G::qy)) year = mt.gi(G::qy);
    else if (auto r2 = rel2_year(mt)) {
      if (*r2 < 0) return make("");
      year = *r2;
    }
    if (year && q) return make(fmt::format("{:04d}-Q{}", *year, q));
    if (year && !q) {
      if (!ref) return make(fmt_year(*year));
      q = (ref->m - 1) / 3 + 1 - 1;
      if (q == 0) q = 4;
      return make(fmt::format("{:04d}-Q{}", *year, q));
    }
    if (!ref) return make("");
    int cq = (ref->m - 1) / 3 + 1, cy = ref->y;
    int py = cy, pq = cq - 1;  // the last completed quarter: what earnings news reports on
    if (pq == 0) { pq = 4; --py; }
    bool year_back = rel == "year-ago" || rel == "year-earlier" || rel == "prior-year" || rel == "year-before" ||
                     rel == "same" || rel == "comparable" || rel == "corresponding";
    int y, qq;
    if (q) {
      qq = q;
      y = q <= cq ? cy : cy - 1;
      if (rel == "next" || rel == "coming") y = q > cq ? cy : cy + 1;
    } else if (rel == "current" || rel == "this") {
      qq = cq, y = cy;
    } else if (rel == "next" || rel == "coming") {
      qq = cq % 4 + 1;
      y = cq == 4 ? cy + 1 : cy;
    } else {
      qq = pq, y = py;
    }
    if (year_back) --y;
    return make(fmt::format("{:04d}-Q{}", y, qq));
  }

  if (name == Kind::half) {
    std::string_view h = mt.gl(G::h);
    int n = h == "first" ? 1 : 2;
    std::optional<int> y;
    if (mt.has(G::y)) y = mt.gi(G::y);
    else if (auto r2 = rel2_year(mt)) {
      if (*r2 < 0) return make("");
      y = *r2;
    } else if (mt.has(G::theyear)) {
      if (!ref) return make("");
      y = ref->y;
    } else {
      return reject();  // "the first half" of a match, a film, a sentence
    }
    return make(fmt::format("{:04d}-H{}", *y, n));
  }

  if (name == Kind::today) {
    const std::string_view w = mt.gl(G::w);
    std::string part = part_code(mt);
    if (w == "the" || w == "overnight") return reject();
    if ((w == "this" || w == "last") && part.empty()) return reject();
    if (w == "last" && part != "NI") return reject();  // "last morning"?
    if (!ref) return make("", part.empty() && w != "tonight" ? "DATE" : "TIME");
    YMD d = *ref;
    if (w == "yesterday" || w == "last") d = add(d, UCAL_DATE, -1);
    else if (w == "tomorrow") d = add(d, UCAL_DATE, 1);
    else if (w == "before yesterday") d = add(d, UCAL_DATE, -2);
    else if (w == "after tomorrow") d = add(d, UCAL_DATE, 2);
    if (w == "tonight") part = "NI";
    if (!part.empty()) return make(fmt_day(d) + "T" + part, "TIME");
    return make(fmt_day(d));
  }

  if (name == Kind::weekday) {
    StringPiece wdw = mt.g(G::wd);
    std::string_view nw = mt.next();
    if (!mt.has(G::part) && im.after_weekday.count(nw)) return reject();  // "the Sunday Times"
    int wd = im.intword("weekday", wdw);
    std::string_view rel = mt.gl(G::rel);
    auto d = resolve_weekday(mt, wd, rel);
    // "Wednesday night" keeps the day's value: news rarely means the part of day precisely.
    if (!d) return make("");
    return make(fmt_day(*d));
  }

  if (name == Kind::time) {
    int hh = -1, mi = 0;
    std::string_view noon = mt.gl(G::noon);
    if (!noon.empty()) {
      hh = noon == "midnight" ? 24 : 12;
    } else {
      hh = mt.gi(G::hh);
      if (mt.has(G::mi)) mi = mt.gi(G::mi);
      std::string_view ap = mt.gl(G::ampm);
      if (!ap.empty()) {
        if (hh == 0 || hh > 12) return reject();
        if (ap[0] == 'p' && hh < 12) hh += 12;
        if (ap[0] == 'a' && hh == 12) hh = 0;
      } else {
        // 24-hour clock without a zone: "14:30" only with two digits and not a ratio or score.
        if (mt.g(G::hh).size() != 2 && !mt.has(G::tz)) return reject();
        if (!mt.has(G::tz)) {
          char c = mt.b > 0 ? mt.text[mt.b - 1] : ' ';
          if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') return reject();
          std::string_view pw = mt.prev();
          if (!(pw == "at" || pw == "by" || pw == "until" || pw == "from" || pw == "around" || pw == "before" ||
                pw == "after" || pw == "about" || pw == "since" || pw == "till"))
            return reject();
        }
      }
    }
    std::optional<YMD> day;
    if (mt.has(G::wd)) {
      if (!capitalized(mt.g(G::wd))) return reject();
      day = resolve_weekday(mt, im.intword("weekday", mt.g(G::wd)), "");
    } else if (mt.has(G::m)) {
      if (!capitalized(mt.g(G::m))) return reject();
      int m = im.intword("month", mt.g(G::m)), d = mt.gi(G::d);
      if (auto y = year_for(mt, m, d); y && valid_date(*y, m, d)) day = YMD{*y, m, d};
    } else if (mt.has(G::rd)) {
      std::string_view rd = mt.gl(G::rd);
      if (ref) day = add(*ref, UCAL_DATE, rd == "yesterday" ? -1 : rd == "tomorrow" ? 1 : 0);
    } else if (ref) {
      day = *ref;
    }
    if (!day) return make("", "TIME");
    return make(fmt::format("{}T{:02d}:{:02d}", fmt_day(*day), hh, mi), "TIME");
  }

  if (name == Kind::ago) {
    std::string_view dir = mt.gl(G::dir);
    const std::string* u = im.word("unit", mt.g(G::unit));
    if (!u) return reject();
    const std::string_view uv = *u;  // compared with literals: no strlen, no call
    Num n;
    if (mt.has(G::num)) n = im.number(mt.g(G::num));
    else n = Num{true, false, 1};  // "year-earlier"
    if (!n.ok) return reject();
    int sign = (dir == "ago" || dir == "earlier") ? -1 : 1;
    bool from_ref = dir == "ago" || dir == "from now" || dir == "hence" || (dir == "earlier" && (uv == "Y" || uv == "Q" || uv == "M" || uv == "DE"));
    std::optional<YMD> base;
    if (from_ref) base = ref;
    else if (mt.anchor && mt.anchor->d) base = mt.anchor;
    else if (mt.anchor && mt.anchor->y && (uv == "Y" || uv == "DE" || uv == "CE")) base = mt.anchor;
    if (n.fuzzy) return make(sign < 0 ? "PAST_REF" : "FUTURE_REF");
    // "a year earlier" after a quarter: the same quarter a year before (results news).
    const std::string& av = mt.anchor_value;
    if (uv == "Y" && n.v == 1 && sign < 0 && av.size() == 7 && av[4] == '-' && av[5] == 'Q')
      return make(fmt::format("{:04d}-Q{}", leading_int(std::string_view(av).substr(0, 4)) - 1, av[6] - '0'));
    if (!base) return make("");
    YMD r = *base;
    if (r.m == 0) r.m = 6;
    if (r.d == 0) r.d = 15;
    double v = n.v;
    int k = static_cast<int>(v);
    if (v != k) return make("");
    k *= sign;
    if (uv == "Y") return make(fmt_year(r.y + k));
    if (uv == "DE") return make(fmt_year(r.y + 10 * k));
    if (uv == "CE") return make(fmt::format("{:02d}", (r.y + 100 * k) / 100));
    if (uv == "M") { YMD t = add(r, UCAL_MONTH, k); return make(fmt_month(t.y, t.m)); }
    if (uv == "Q") { YMD t = add(r, UCAL_MONTH, 3 * k); return make(fmt::format("{:04d}-Q{}", t.y, (t.m - 1) / 3 + 1)); }
    if (uv == "W" || uv == "2W") return make(iso_week(add(r, UCAL_DATE, 7 * k * (uv == "2W" ? 2 : 1))));
    if (uv == "D") return make(fmt_day(add(r, UCAL_DATE, k)));
    if (uv == "WE") return make(iso_week(add(r, UCAL_DATE, 7 * k)) + "-WE");
    if (uv == "H" || uv == "MIN") {
      if (base->hh < 0) return make("", "TIME");
      cal_set(r);
      UErrorCode st = U_ZERO_ERROR;
      calendar().set(UCAL_HOUR_OF_DAY, base->hh);
      calendar().set(UCAL_MINUTE, base->mi);
      calendar().add(uv == "H" ? UCAL_HOUR_OF_DAY : UCAL_MINUTE, k, st);
      YMD t = cal_get();
      int h = calendar().get(UCAL_HOUR_OF_DAY, st), m = calendar().get(UCAL_MINUTE, st);
      return make(fmt::format("{}T{:02d}:{:02d}", fmt_day(t), h, m), "TIME");
    }
    return make("");
  }

  if (name == Kind::relunit) {
    if (mt.has(G::end)) return ref ? make(fmt_year(ref->y)) : make("");
    const std::string* u = im.word("calunit", mt.g(G::u));
    if (!u) return reject();
    const std::string_view uv = *u;  // these two are compared with literals: no strlen, no call
    const std::string_view rel = mt.gl(G::rel);
    bool anchored = rel == "that" || rel == "the same" || rel == "the following" || rel == "the previous" ||
                    (rel == "the next" && uv == "D");
    if (uv == "D" && !anchored) return reject();
    if (rel == "the" && (uv == "DE" || uv == "CE")) return reject();
    if (rel == "the" && uv == "W" && mt.next() == "of") return reject();  // "the week of June 3": keep it simple
    int off = 0;
    if (rel == "last" || rel == "past" || rel == "the past" || rel == "the last" || rel == "the previous") off = -1;
    else if (rel == "next" || rel == "coming" || rel == "the coming" || rel == "the next" || rel == "the following") off = 1;
    std::optional<YMD> base = anchored ? mt.anchor : ref;
    if (!base || base->y == 0) return make("");
    YMD r = *base;
    if (anchored && ((uv == "M" || uv == "W" || uv == "WE") && r.m == 0)) return make("");
    if (anchored && (uv == "D" || uv == "W" || uv == "WE") && r.d == 0) return make("");
    if (r.m == 0) r.m = 6;
    if (r.d == 0) r.d = 15;
    if (uv == "Y" && (rel == "the" || rel == "the latest") && !anchored) {
      std::string_view nw = mt.next();
      if (nw == "ended" || nw == "ending" || nw == "ends" || nw == "through" || nw == "to") return make("P1Y", "DURATION");
    }
    if (uv == "Y") return make(fmt_year(r.y + off));
    if (uv == "M") { YMD t = add(r, UCAL_MONTH, off); return make(fmt_month(t.y, t.m)); }
    if (uv == "W") {
      // On a Sunday, "last week" is the week that ends that day.
      return make(iso_week(add(r, UCAL_DATE, 7 * off)));
    }
    if (uv == "D") return make(fmt_day(add(r, UCAL_DATE, off)));
    if (uv == "DE") return make(fmt::format("{:03d}X", (r.y + 10 * off) / 10));
    if (uv == "CE") return make(fmt::format("{:02d}", (r.y + 100 * off) / 100));
    if (uv == "WE") {
      // The weekend that the tense points to: the last one for reported events.
      int wd = weekday_of(r);
      int t = off != 0 ? off : (mt.tense() > 0 ? 1 : -1);
      if (rel == "this" && (wd == 6 || wd == 7)) t = 0;
      YMD sat;
      if (t == 0) sat = add(r, UCAL_DATE, 6 - wd);
      else if (t < 0) sat = add(r, UCAL_DATE, wd >= 6 ? -(wd - 6) - (off < 0 ? 7 : 0) : -(wd + 1));
      else sat = add(r, UCAL_DATE, wd < 6 ? 6 - wd : 13 - wd);
      return make(iso_week(sat) + "-WE");
    }
    return make("");
  }

  if (name == Kind::set) {
    if (mt.has(G::adv)) {
      static const std::map<std::string, std::string> adv = {{"daily", "P1D"},   {"weekly", "P1W"}, {"monthly", "P1M"},
                                                             {"annually", "P1Y"}, {"yearly", "P1Y"}, {"hourly", "PT1H"},
                                                             {"nightly", "P1D"}};
      return make(adv.at(std::string(mt.gl(G::adv))), "SET");
    }
    if (mt.has(G::wd)) {
      if (!capitalized(mt.g(G::wd))) return reject();
      std::string part = part_code(mt);
      return make(fmt::format("XXXX-WXX-{}", im.intword("weekday", mt.g(G::wd))) + (part.empty() ? "" : "T" + part), "SET");
    }
    if (mt.has(G::m)) {
      if (!capitalized(mt.g(G::m))) return reject();
      return make(fmt::format("XXXX-{:02d}", im.intword("monthfull", mt.g(G::m))), "SET");
    }
    if (mt.has(G::s)) return make("XXXX-" + *im.word("season", mt.g(G::s)), "SET");
    const std::string* u = im.word("unit", mt.g(G::unit));
    if (!u) return reject();
    double n = 1;
    std::string_view n2 = mt.gl(G::num2);
    if (n2 == "other") n = 2;
    else if (!n2.empty()) {
      Num x = im.number(n2);
      if (!x.ok) return reject();
      n = x.v;
    }
    return make(duration_value(n, false, *u), "SET");
  }

  if (name == Kind::duration) {
    if (mt.has(G::half)) {
      static const std::map<std::string, std::string> halves = {
          {"half an hour", "PT30M"},  {"half a day", "PT12H"},         {"half a year", "P6M"},
          {"half a century", "P50Y"}, {"a minute and a half", "PT1M30S"}, {"an hour and a half", "PT1H30M"},
          {"a year and a half", "P18M"}};
      auto it = halves.find(std::string(mt.gl(G::half)));
      return it == halves.end() ? reject() : make(it->second, "DURATION");
    }
    const std::string* u = im.word("unit", mt.g(G::unit));
    if (!u) return reject();
    const std::string_view uv = *u;  // compared with literals: no strlen, no call
    // Ages: "a 10-year-old", "five years old".
    std::string_view rest = std::string_view(mt.text).substr(mt.e);
    if (starts_with_ci(rest, "-old") || starts_with_ci(rest, " old") || starts_with_ci(rest, "-olds")) return reject();
    std::string_view pre = mt.gl(G::pre);
    if (!mt.has(G::num)) {
      // Bare plural: "for years", "within weeks", "in recent months", "the past few days".
      std::string_view pw = mt.prev();
      if (pre.empty() && !(pw == "for" || pw == "within" || pw == "in" || pw == "over" || pw == "after" || pw == "lasting" ||
                           pw == "lasted" || pw == "took" || pw == "take" || pw == "takes"))
        return reject();
      if (uv == "Q" && pre.empty()) return reject();
      return make(duration_value(0, true, *u), "DURATION");
    }
    std::string_view ns = mt.gl(G::num);
    Num n = im.number(mt.g(G::num));
    if (!n.ok) return reject();
    std::string_view nw = mt.next();
    if (uv == "Q" && (ns == "a" || ns == "an" || ns == "one" || nw == "of")) return reject();  // "a quarter of"
    if (uv == "WE" && (ns == "a" || ns == "an")) return reject();
    // "$5 a year", "twice a day": a rate, not a duration.
    if ((ns == "a" || ns == "an") && pre.empty() && !mt.has(G::approx)) {
      std::string_view pw = mt.prev();
      std::string_view pwv = prev_word(mt.text, mt.b);
      bool amount = kSetBefore.count(pw) > 0 || std::any_of(pwv.begin(), pwv.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      if (amount) return make(duration_value(1, false, *u), "SET");
    }
    if (n.v > 100000) return reject();
    return make(duration_value(n.v, n.fuzzy, *u), "DURATION");
  }

  if (name == Kind::ref) {
    const std::string* v = im.word("ref", mt.g(G::ref));
    if (!v) return reject();
    std::string_view w = mt.gl(G::ref);
    if (w == "current" || w == "recent") {
      std::string_view nw = mt.next();
      if (nw.empty() || is_upper(nw[0]) || nw == "account" || nw == "accounts" || nw == "affairs" || nw == "events")
        return reject();
    }
    return make(*v);
  }
  return reject();
}

std::optional<YMD> parse_ref(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  auto dig = [&](size_t i, size_t n) {
    int v = 0;
    for (size_t k = i; k < i + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return -1;
      v = v * 10 + (s[k] - '0');
    }
    return v;
  };
  if (s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = dig(0, 4), m = dig(5, 2), d = dig(8, 2);
  if (y <= 0 || !valid_date(y, m, d)) return std::nullopt;
  YMD r{y, m, d};
  if (s.size() >= 16 && (s[10] == 'T' || s[10] == ' ') && s[13] == ':') {
    int hh = dig(11, 2), mi = dig(14, 2);
    if (hh >= 0 && hh < 24 && mi >= 0 && mi < 60) r.hh = hh, r.mi = mi;
  }
  return r;
}

// The date an absolute-valued expression points at, for "the following year" and "later".
std::optional<YMD> anchor_of(const std::string& v) {
  if (v.size() < 4 || !std::isdigit(static_cast<unsigned char>(v[0])) || !std::isdigit(static_cast<unsigned char>(v[3])))
    return std::nullopt;
  YMD r;
  r.y = leading_int(std::string_view(v).substr(0, 4));
  if (v.size() >= 7 && v[4] == '-' && std::isdigit(static_cast<unsigned char>(v[5]))) {
    r.m = leading_int(std::string_view(v).substr(5, 2));
    if (v.size() >= 10 && v[7] == '-') r.d = leading_int(std::string_view(v).substr(8, 2));
  }
  if (v.size() == 4 || r.m) return r;
  if (v.size() == 7 && v[4] == '-' && v[5] == 'Q') {
    r.m = (v[6] - '1') * 3 + 2;  // the quarter's middle month
    return r;
  }
  return std::nullopt;
}

}  // namespace

namespace {

// The rules of the embedded dates.tsv, loaded by the first DatesPass and kept for the
// process, never freed (as the lexicon's cache is): every pass reads the same, and freeing
// their RE2s and tables at exit took 1.6 M instructions of a one-line run (4 M of the
// modern bench set's, with the rules' RE2s compiled there).
const DatesPass::Impl& loaded_rules() {
  static const DatesPass::Impl* const rules = [] {
    auto im = std::make_unique<DatesPass::Impl>();
    im->load(embedded("dates.tsv"));
    return im.release();
  }();
  return *rules;
}

}  // namespace

struct DatesPass::Reference {
  YMD date;
};

DatesPass::DatesPass(const Config& config) {
  if (!config.reference_date.empty()) {
    const std::optional<YMD> date = parse_ref(config.reference_date);
    if (!date) throw std::runtime_error("--reference-date: expected YYYY-MM-DD, got " + config.reference_date);
    reference_ = std::make_unique<const Reference>(Reference{*date});
  }
  // The rules are compiled on a thread of their own, as the entities pass's lexicon is: the
  // other passes' start-up and the first documents' cleaning and tokens overlap it (a third
  // of start-up), and run() waits for it. They are the built-in ones, which compile.
  impl_ = std::async(std::launch::async, [] {
            huge_pages::prepare_thread();
            return &loaded_rules();
          }).share();
}

DatesPass::~DatesPass() = default;

std::string dates_detail::scan_rules_pattern() { return loaded_rules().scan_rules; }

std::string dates_detail::filters_image() {
  DatesPass::Impl im;
  im.load(embedded("dates.tsv"), false);
  io::BinaryWriter out;
  out.header(kFiltersMagic, kFiltersFormat);
  out.u64(im.patterns_hash);
  im.piece_rules->save(out);
  im.start->save(out);
  return out.str();
}

void DatesPass::run(Document& doc) const {
  const Impl& im = *impl_.get();
  const std::string& text = doc.text();
  std::optional<YMD> ref;
  if (const json::Value* meta = doc.root().find("meta"); meta && meta->is_object())
    if (const std::string* d = meta->get_string("date")) ref = parse_ref(*d);
  if (!ref && reference_) ref = reference_->date;
  std::optional<YMD> anchor = ref;
  if (anchor) anchor->hh = -1;
  std::string anchor_value;

  // Written as JSON text (json::Writer): no other pass reads "dates" as JSON.
  json::Writer out;
  out.begin_array();
  const utf8::OffsetIndex& offsets = doc.offsets();
  // Per-thread scratch: the text in lower case, for the lowered scan and rules.
  thread_local std::string lowered;
  lower_into(text, lowered);
  const bool on_lowered = im.scan_lowered && !has_folding_letter(text);
  const RE2& scan = on_lowered ? *im.scan_lowered : im.case_folding_scan();
  StringPiece input(on_lowered ? lowered : text);
  size_t pos = 0;
  // Per-thread scratch, emptied here for each document: its buffers (and the memo's
  // buckets) are allocated once per thread, not once per document.
  thread_local std::vector<StringPiece> caps;
  thread_local Impl::PieceMemo memo;
  memo.clear();
  bool wrote = false;
  while (pos < text.size()) {
    StringPiece m;
    if (im.start->usable()) {
      // What the unanchored scan would find: the leftmost position from pos where the scan
      // matches, with its longest match there; tried only where a match can start.
      bool found = false;
      for (size_t p = im.start->next(text, pos); p < text.size(); p = im.start->next(text, p + 1))
        if (scan.Match(input, p, text.size(), RE2::ANCHOR_START, &m, 1)) {
          found = true;
          break;
        }
      if (!found) break;
    } else if (!scan.Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
      break;
    }
    size_t b = m.data() - input.data(), e = b + m.size();
    if (e == b) { ++pos; continue; }
    bool ok = false;
    bool hyphen_word = e + 1 < text.size() && text[e] == '-' && is_alnum(text[e + 1]);
    if ((e >= text.size() || !is_alnum(text[e])) && !hyphen_word) {
      StringPiece piece(text.data() + b, e - b), lowered_piece(lowered.data() + b, e - b);
      Impl::PieceRules& matched = im.rules_for(piece, memo);
      {
        for (int32_t rec = im.next_rule(piece, lowered_piece, matched, -1, memo); rec >= 0;
             rec = im.next_rule(piece, lowered_piece, matched, rec, memo)) {
          const Impl::Rule& rule = *im.rules[memo.cells[rec + 1]];
          const int32_t* c = memo.cells.data() + rec + 3;
          caps.resize(static_cast<size_t>(memo.cells[rec + 2]));
          for (size_t g = 0; g < caps.size(); ++g)
            caps[g] = c[2 * g] < 0 ? StringPiece() : StringPiece(piece.data() + c[2 * g], static_cast<size_t>(c[2 * g + 1]));
          Match mt{im, text, lowered, b, e, rule, caps, ref, anchor, anchor_value};
          Result r = normalise(mt);
          if (!r.ok) continue;
          // A sentence's full stop after a full word is not part of the expression
          // ("on 13 September."), unlike the period of "Sept." or "p.m.".
          if (e - b > 1 && text[e - 1] == '.') {
            size_t k = e - 1;
            while (k > b && std::isalpha(static_cast<unsigned char>(text[k - 1]))) --k;
            if (e - 1 - k >= 5 || im.word("monthfull", StringPiece(text.data() + k, e - 1 - k))) --e;
          }
          if (!wrote) {
            out.reserve(512);  // one allocation for most articles' dates, not one per doubling
            wrote = true;
          }
          out.begin_object();
          out.key("start").value(offsets.to_cp(b)).key("end").value(offsets.to_cp(e));
          out.key("text").value(std::string_view(text).substr(b, e - b));
          out.key("value");
          if (r.value.empty()) out.null();
          else out.value(r.value);
          out.key("type").value(r.type).end_object();
          // Expressions relative to the anchor do not move it ("a year earlier", "the following year").
          if ((r.type == "DATE" || r.type == "TIME") && rule.kind != Kind::ago && rule.kind != Kind::relunit)
            if (auto a = anchor_of(r.value)) anchor = a, anchor_value = r.value;
          ok = true;
          break;
        }
      }
    }
    if (ok) {
      pos = e;
    } else {
      // Try again from the next character: a shorter expression may start inside.
      pos = b + 1;
      while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
    }
  }
  out.end_array();
  doc.root().set("dates", out.take());
}

}  // namespace kimput
