#include "kimput/entities/lexicon.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <unordered_set>

#include "kimput/resources.h"
#include "kimput/text/segment.h"
#include "kimput/text/swar.h"
#include "kimput/text/utf8.h"
#include "kimput/words/name_lists.h"

namespace kimput {

std::string_view type_name(EntityType t) {
  switch (t) {
    case EntityType::PERSON: return "PERSON";
    case EntityType::ORG: return "ORG";
    case EntityType::GPE: return "GPE";
    case EntityType::LOC: return "LOC";
    case EntityType::FAC: return "FAC";
    case EntityType::NORP: return "NORP";
    case EntityType::EVENT: return "EVENT";
  }
  return "?";
}

std::optional<EntityType> parse_type(std::string_view s) {
  for (auto t : {EntityType::PERSON, EntityType::ORG, EntityType::GPE, EntityType::LOC, EntityType::FAC,
                 EntityType::NORP, EntityType::EVENT})
    if (type_name(t) == s) return t;
  return std::nullopt;
}

namespace {

int year(std::string_view s) {
  if (s.size() != 4) return -1;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// What slug_id() makes of an ASCII byte: 0 nothing (an apostrophe, a period), 1 a separator
// (a hyphen before the next letter or digit), else the byte itself, lower-cased. ICU's
// letters, digits and lower case agree there with these tests.
constexpr std::array<char, 128> kSlugAscii = [] {
  std::array<char, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (c == '\'' || c == '.') t[c] = 0;
    else if (c >= 'A' && c <= 'Z') t[c] = static_cast<char>(c + ('a' - 'A'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) t[c] = static_cast<char>(c);
    else t[c] = 1;
  }
  return t;
}();

}  // namespace

std::string slug_id(std::string_view name) {
  // Written straight into the string, sized for the most the rest of the name can make
  // (an ASCII byte one byte or none; a hyphen stands for at least one byte before it): no
  // capacity test per byte. Only a code point from 0x80 may lower-case to more bytes.
  std::string out(7 + name.size(), '\0');
  std::memcpy(out.data(), "kimput:", 7);
  size_t k = 7;
  bool dash = false;
  for (size_t i = 0; i < name.size();) {
    // A run of ASCII letters (most of a name) eight bytes at a time: the block lowered and
    // written whole, its letters before the first other byte kept (the rest is written
    // over or cut). The room above holds the 8 bytes: k + 8 <= 7 + name.size() when i + 8
    // <= name.size(). A byte from 0x80 carries only into the bytes after it.
    if (i + 8 <= name.size()) {
      const uint64_t v = swar::load8(name.data() + i);
      const uint64_t letters = swar::ascii_letters_7bit(v) & ~v & swar::kHigh;
      if (letters & 0x80) {
        if (dash && k > 7) out[k++] = '-';
        dash = false;
        const uint64_t lower = swar::ascii_lower_7bit(v);
        std::memcpy(out.data() + k, &lower, 8);
        const size_t run = static_cast<size_t>(std::countr_zero(~letters & swar::kHigh)) / 8;  // 8 when all are
        k += run;
        i += run;
        continue;
      }
    }
    if (const unsigned char c = static_cast<unsigned char>(name[i]); c < 0x80) {
      ++i;
      const char m = kSlugAscii[c];
      if (m == 0) continue;
      if (m == 1) {
        dash = true;
        continue;
      }
      if (dash && k > 7) out[k++] = '-';
      dash = false;
      out[k++] = m;
      continue;
    }
    char32_t cp = utf8::next(name, i);
    if (cp == '\'' || cp == 0x2019 || cp == '.') continue;
    if (u_isalnum(static_cast<UChar32>(cp))) {
      if (dash && k > 7) out[k++] = '-';
      dash = false;
      out.resize(k);
      utf8::append(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))));
      k = out.size();
      out.resize(k + (name.size() - i));
    } else {
      dash = true;
    }
  }
  out.resize(k);
  return out;
}

std::string token_key(std::string_view token) {
  // Fast path: nothing to fold unless the token has a curly apostrophe or a Unicode hyphen.
  if (token.find('\xE2') == std::string_view::npos && token.find('\xCA') == std::string_view::npos) return std::string(token);
  std::string out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size();) {
    size_t start = i;
    char32_t cp = utf8::next(token, i);
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) out += '\'';
    else if (cp == 0x2010 || cp == 0x2011) out += '-';
    else out.append(token.substr(start, i - start));
  }
  return out;
}

namespace {

// Calls emit(key) for each token a name gives. Mirrors ICU word breaking for the characters
// names use: white space separates; hyphens, dashes, commas, parentheses, slashes,
// ampersands, colons and double quotes are tokens of their own; apostrophes (’ folded to ')
// and inner periods stay inside a word; a final period stays only on an abbreviation or
// initials ("U.S.", "J."). Works on bytes: every separator is ASCII or a three-byte U+20xx
// punctuation mark. Runs for each of the ~80,000 aliases at start-up, so it avoids decoding
// and allocating: the keys are views, valid only during the call.
// The bytes the loop of for_each_name_key() looks at: those that may end a word or stand
// for another character. Every other byte joins the word being read.
constexpr auto kNameKeyStop = [] {
  std::array<bool, 256> stop{};
  for (unsigned char c : std::string_view(" \t-,()/&:\"\xC2\xE2")) stop[c] = true;
  return stop;
}();

// Always inlined: called for each of the 50,900 built-in aliases, it set up its helpers'
// state on the stack in every call.
template <typename Emit>
__attribute__((always_inline)) inline void for_each_name_key(std::string_view name, Emit emit) {
  size_t cur_b = 0, cur_n = 0;  // the word being read, as a range of `name` while it is unchanged
  std::string folded;           // the word when an apostrophe was folded
  bool use_folded = false;
  auto word = [&]() -> std::string_view { return use_folded ? std::string_view(folded) : std::string_view(name.data() + cur_b, cur_n); };
  // Always inlined (GCC kept its last call a call, with its emit() inside: 2.1 M
  // instructions of the lexicon's start-up).
  auto flush = [&]() __attribute__((always_inline)) {
    std::string_view w = word();
    if (!w.empty()) {
      if (w.size() > 1 && w.back() == '.' && !keeps_period(w)) {
        emit(w.substr(0, w.size() - 1));
        emit(std::string_view("."));
      } else {
        emit(w);
      }
    }
    cur_n = 0;
    folded.clear();
    use_folded = false;
  };
  auto append = [&](size_t i, size_t len) {  // name[i, i+len) joins the word
    if (!use_folded && cur_n == 0) cur_b = i;
    if (use_folded) folded.append(name.substr(i, len));
    else if (cur_b + cur_n == i) cur_n += len;
    else {
      folded.assign(name.substr(cur_b, cur_n));
      folded.append(name.substr(i, len));
      use_folded = true;
    }
  };
  const size_t n = name.size();
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (!kNameKeyStop[c]) {
      // A run of bytes that only join the word, taken at once: the byte tests below, for
      // every byte of the 80,000 aliases, were a sixth of the lexicon's start-up.
      size_t end = i + 1;
      // ASCII letters (no stop byte) eight bytes a step, while eight are left; a byte from
      // 0x80 carries only into the bytes after it (see slug_id()).
      while (end + 8 <= n) {
        const uint64_t v = swar::load8(name.data() + end);
        const uint64_t letters = swar::ascii_letters_7bit(v) & ~v & swar::kHigh;
        const size_t run = static_cast<size_t>(std::countr_zero(~letters & swar::kHigh)) / 8;  // 8 when all are
        end += run;
        if (run < 8) break;
      }
      while (end < n && !kNameKeyStop[static_cast<unsigned char>(name[end])]) ++end;
      append(i, end - i);
      i = end - 1;
    } else if (c == ' ' || c == '\t') {
      flush();
    } else if (c == '-' || c == ',' || c == '(' || c == ')' || c == '/' || c == '&' || c == ':' || c == '"') {
      flush();
      emit(name.substr(i, 1));
    } else if (c == 0xC2 && i + 1 < n && static_cast<unsigned char>(name[i + 1]) == 0xA0) {  // NBSP
      flush();
      ++i;
    } else if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(name[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(name[i + 2]);
      if (d == 0x98 || d == 0x99) {  // ‘ ’ -> '
        if (!use_folded) {
          folded.assign(word());
          use_folded = true;
        }
        folded += '\'';
      } else if (d == 0x90 || d == 0x91) {  // Unicode hyphens -> '-'
        flush();
        emit(std::string_view("-"));
      } else if (d == 0x93 || d == 0x94) {  // – —
        flush();
        emit(name.substr(i, 3));
      } else if (d >= 0x80 && d <= 0x8B) {  // Unicode spaces
        flush();
      } else {
        append(i, 3);
      }
      i += 2;
    } else {
      append(i, 1);
    }
  }
  flush();
}

}  // namespace

std::vector<std::string> name_keys(std::string_view name) {
  std::vector<std::string> out;
  for_each_name_key(name, [&](std::string_view k) { out.emplace_back(k); });
  return out;
}

namespace {

// Calls fn(alias) for each alias of a "|"-separated list, trimmed, skipping empty ones:
// Lexicon::add() walks an entry's aliases with no vector made for them.
template <typename Fn>
void for_each_alias(std::string_view list, Fn fn) {
  if (list.empty()) return;
  for (size_t at = 0;;) {
    const size_t bar = list.find('|', at);
    const std::string_view a = trim(list.substr(at, bar == std::string_view::npos ? std::string_view::npos : bar - at));
    if (!a.empty()) fn(a);
    if (bar == std::string_view::npos) return;
    at = bar + 1;
  }
}

}  // namespace

std::vector<std::string_view> LexEntry::aliases() const {
  std::vector<std::string_view> out;
  for_each_alias(alias_list, [&](std::string_view a) { out.push_back(a); });
  return out;
}

const std::vector<Office>& LexEntry::offices() const {
  static const std::vector<Office> none;
  return facts ? facts->offices : none;
}

const std::vector<std::string_view>& LexEntry::epithets() const {
  static const std::vector<std::string_view> none;
  return facts ? facts->epithets : none;
}

namespace {

// The number of tabs in `line`, the first four of whose offsets go to `tabs`. One pass,
// sixteen bytes at a time: a memchr() for each column was a call and a restart per tab, a
// sixth of parsing the 38,500 built-in lines.
size_t find_tabs(std::string_view line, size_t (&tabs)[4]) {
  size_t count = 0;
  auto found = [&](size_t at) {
    if (count < 4) tabs[count] = at;
    ++count;
  };
  const size_t n = line.size();
  size_t i = 0;
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i tab = _mm_set1_epi8('\t');
    auto tabs_at = [&](size_t at) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + at));
      return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, tab)));
    };
    for (; i + 16 <= n; i += 16)
      for (uint32_t bits = tabs_at(i); bits; bits &= bits - 1) found(i + __builtin_ctz(bits));
    // The rest, as the last sixteen bytes less those already seen.
    if (i < n)
      for (uint32_t bits = tabs_at(n - 16) >> (i - (n - 16)); bits; bits &= bits - 1) found(i + __builtin_ctz(bits));
    return count;
  }
#endif
  for (; i < n; ++i)
    if (line[i] == '\t') found(i);
  return count;
}

// parse_lexicon_line() into a default-constructed `e` (false when malformed), which need not
// check that the line is UTF-8 when its whole file was found to be. Filled in place, not
// returned in an optional: a move and destruction of a LexEntry less for each of the
// 38,500 built-in lines.
bool parse_line(std::string_view line, LexEntry& e, std::string* error, bool known_utf8) {
  // Split without allocating: this runs for each of the 37,000 built-in lines at start-up.
  size_t tabs[4];
  const size_t ncols = find_tabs(line, tabs) + 1;
  std::string_view cols[5];
  if (ncols == 5) {
    // The offsets are in the line: no substr() and its bounds checks.
    const char* p = line.data();
    cols[0] = std::string_view(p, tabs[0]);
    for (size_t k = 1; k < 4; ++k) cols[k] = std::string_view(p + tabs[k - 1] + 1, tabs[k] - tabs[k - 1] - 1);
    cols[4] = std::string_view(p + tabs[3] + 1, line.size() - tabs[3] - 1);
  }
  auto fail = [&](std::string msg) {
    if (error) *error = std::move(msg);
    return false;
  };
  if (ncols != 5) return fail(fmt::format("expected 5 tab-separated columns (type, id, name, aliases, attributes), found {}", ncols));
  auto type = parse_type(trim(cols[0]));
  if (!type) return fail(fmt::format("unknown type '{}' (PERSON, ORG, GPE, LOC, FAC, NORP or EVENT)", trim(cols[0])));
  e.type = *type;
  e.id = trim(cols[1]);
  e.name = trim(cols[2]);
  if (e.id.empty() || e.name.empty()) return fail("empty id or name");
  if (!known_utf8 && !utf8::valid(line)) return fail("not valid UTF-8");
  std::string_view aliases = trim(cols[3]);
  if (!equals(aliases, "-")) e.alias_list = aliases;
  std::string_view attrs = trim(cols[4]);
  auto facts = [&]() -> LexFacts& {
    if (!e.facts) e.facts = std::make_unique<LexFacts>();
    return *e.facts;
  };
  if (!equals(attrs, "-") && !attrs.empty()) {
    for (size_t at = 0; at <= attrs.size();) {
      size_t semi = std::min(attrs.find(';', at), attrs.size());
      std::string_view kv = trim(attrs.substr(at, semi - at));
      at = semi + 1;
      if (kv.empty()) continue;
      size_t eq = kv.find('=');
      if (eq == std::string_view::npos) return fail(fmt::format("attribute '{}' is not key=value", kv));
      std::string_view k(kv.data(), eq), v(kv.data() + eq + 1, kv.size() - eq - 1);
      // country= first: it is the one attribute of most lines (the cities').
      if (equals(k, "country")) e.country = v;
      else if (equals(k, "born")) e.born = std::max(0, year(v));
      else if (equals(k, "died")) e.died = std::max(0, year(v));
      else if (equals(k, "office")) {
        // YYYY-YYYY:Title, YYYY-:Title or YYYY:Title
        Office o;
        size_t colon = v.find(':');
        std::string_view years = v.substr(0, colon);
        if (colon != std::string_view::npos) o.title = v.substr(colon + 1);
        size_t dash = years.find('-');
        o.from = year(years.substr(0, dash));
        if (dash == std::string_view::npos) o.to = o.from;
        else o.to = years.substr(dash + 1).empty() ? 9999 : year(years.substr(dash + 1));
        if (o.from < 0 || o.to < 0) return fail(fmt::format("office '{}' is not YYYY-YYYY:Title", v));
        facts().offices.push_back(std::move(o));
      } else if (equals(k, "roles")) {
        for (auto r : split(v, ',')) if (!trim(r).empty()) facts().roles.emplace_back(trim(r));
      } else if (equals(k, "epithet")) {
        for (auto r : split(v, ',')) if (!trim(r).empty()) facts().epithets.emplace_back(trim(r));
      } else if (equals(k, "family")) e.family = v;
      else if (equals(k, "local")) e.local = v;
      else if (equals(k, "kin")) {
        for (auto r : split(v, ',')) {
          size_t c = r.find(':');
          if (c != std::string_view::npos) facts().kin.emplace_back(trim(r.substr(0, c)), trim(r.substr(c + 1)));
        }
      } else if (equals(k, "ambiguous")) e.ambiguous = v == "1";
      else if (equals(k, "capital")) e.capital = v == "1";
      else if (equals(k, "nation")) e.nation = v == "1";
      else if (equals(k, "building")) e.building = v == "1";
      else if (equals(k, "gender")) e.female = v == "f";
      // Unknown keys are kept for forward compatibility and ignored.
    }
  }
  if (e.type == EntityType::PERSON && e.family.empty()) {
    // The family name of a Western name is its last word, less a suffix. The keys of a name
    // are views into it unless an apostrophe was folded; such a name keeps its own word.
    std::string_view family;
    for_each_name_key(e.name, [&](std::string_view k) {
      if (k == "Jr." || k == "Sr." || k == "II" || k == "III" || k == "IV" || k == "," || k == ".") return;
      family = k;
    });
    const char* base = e.name.data();
    if (!family.empty() && family.data() >= base && family.data() + family.size() <= base + e.name.size()) e.family = family;
    else if (!family.empty()) e.family = e.name.substr(e.name.rfind(' ') == std::string_view::npos ? 0 : e.name.rfind(' ') + 1);
  }
  return true;
}

}  // namespace

std::optional<LexEntry> parse_lexicon_line(std::string_view line, std::string* error) {
  LexEntry e;
  if (!parse_line(line, e, error, false)) return std::nullopt;
  return e;
}

std::vector<std::string> Lexicon::builtin_files() {
  std::vector<std::string> out;
  for (std::string& f : embedded_files("lexicon/"))
    if (f.size() >= 4 && f.compare(f.size() - 4, 4, ".tsv") == 0) out.push_back(std::move(f));
  return out;
}

Lexicon::Lexicon(const std::vector<std::string>& user_files, Source source) {
  auto t0 = std::chrono::steady_clock::now();
  from_image_ = source == Source::Image && load_image(detail::lexicon_image());
  if (!from_image_) {
    // Sized for the built-in data (about 37,000 entries, 80,000 aliases) so that loading
    // does not rehash and reallocate as it goes.
    entries_.reserve(40000);
    // The built-in data: ~64,400 nodes (~27,000 below the root's edges), 45,300 words,
    // 50,900 (node, entry) pairs. Words: what 65,536 slots hold (see WordIds), as before.
    root_children_.reserve(46000);
    edges_.reserve(28000);
    words_.reserve(45800);
    pending_.reserve(52000);
  }
  auto load = [&](std::string_view bytes, const std::string& origin, uint8_t rank, bool builtin) {
    const bool nations = origin == "lexicon/countries.tsv";
    // The built-in files are valid UTF-8 (a unit test checks them): not checked again at
    // every start-up (3.1 M instructions). A user's file is checked whole rather than a line
    // at a time (a line of a valid file is valid), the ASCII runs read eight bytes at a time
    // across the lines; a file that fails has its lines checked, to name the first bad one.
    const bool known_utf8 = builtin || utf8::valid(bytes);
    std::string err;  // one for the file, not one constructed and destroyed a line
    for_each_data_line(bytes, [&](std::string_view line, size_t n) {
      // Parsed in place, at the end of the entries: not into a LexEntry then moved there.
      LexEntry& e = entries_.emplace_back();
      if (!parse_line(line, e, &err, known_utf8)) throw std::runtime_error(fmt::format("{}:{}: {}", origin, n, err));
      e.rank = rank;
      e.nation = e.nation || nations;
      add_last();
    });
  };
  if (!from_image_) {
    for (const std::string& f : builtin_files()) {
      uint8_t rank = f == "lexicon/cities.tsv" ? 2 : f == "lexicon/subdivisions.tsv" ? 1 : 0;
      load(embedded(f), f, rank, true);
    }
  }
  // The built-in files give every entity one line (a unit test checks that ids are
  // unique), so ids are indexed only when a user's file may name a built-in entity again.
  if (!user_files.empty()) {
    id_slots_.assign(1 << 17, 0);
    for (uint32_t i = 0; i < entries_.size(); ++i) index_id(i);
  }
  for (const std::string& f : user_files) {
    user_data_.push_back(std::make_unique<std::string>(read_file(f)));
    load(*user_data_.back(), f, 0, false);
  }
  // The image holds the built-in entries indexed; anything added since is indexed again.
  if (!from_image_ || !user_files.empty()) {
    // Back to the last word with a child (add_alias() fills it ahead with kNone).
    while (!root_children_.empty() && root_children_.back() == kNone) root_children_.pop_back();
    index_entries();
  }
  load_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// The entries of each node, as one array ordered by node: best entry first (curated before
// generated, unambiguous first, capitals first, then in the order they were added), each
// entry once.
void Lexicon::index_entries() {
  // Bucketed by node (a counting sort, stable), then the pairs of a node with more than
  // one sorted by one packed key (rank, ambiguous, not a capital; then the order they were
  // added). Most nodes have one entry, which needs no key, sort or test of repeats. A
  // std::sort of all 50,000 pairs by (node, key) took 15.6 M instructions of the lexicon's
  // start-up.
  entry_start_.assign(nodes_ + 1, 0);
  std::vector<uint32_t> bucket_end(nodes_ + 1, 0);  // after the scatter: the end of each node's pairs
  for (const auto& [node, entry] : pending_) ++bucket_end[node + 1];
  for (size_t k = 1; k < bucket_end.size(); ++k) bucket_end[k] += bucket_end[k - 1];
  std::vector<uint32_t> by_node(pending_.size());  // the entries, by node, each node's in the order added
  for (const auto& [node, entry] : pending_) by_node[bucket_end[node]++] = entry;
  node_entries_.clear();
  node_entries_.reserve(by_node.size());
  std::vector<uint64_t> order;  // a node's (key << 32 | place among its pairs)
  for (uint32_t node = 0, begin = 0; node < nodes_; begin = bucket_end[node++]) {
    const uint32_t end = bucket_end[node];
    if (end - begin == 1) {
      node_entries_.push_back(by_node[begin]);
    } else if (end - begin > 1) {
      order.clear();
      for (uint32_t k = begin; k < end; ++k) {
        const LexEntry& e = entries_[by_node[k]];
        const uint64_t key = uint64_t{e.rank} << 2 | uint64_t{e.ambiguous} << 1 | uint64_t{!e.capital};
        order.push_back(key << 32 | (k - begin));
      }
      std::sort(order.begin(), order.end());
      const size_t node_begin = node_entries_.size();
      for (uint64_t o : order) {
        const uint32_t entry = by_node[begin + static_cast<uint32_t>(o)];
        // Each entry once (two of its aliases may give the same keys).
        if (std::find(node_entries_.begin() + node_begin, node_entries_.end(), entry) != node_entries_.end()) continue;
        node_entries_.push_back(entry);
      }
    }
    entry_start_[node + 1] = static_cast<uint32_t>(node_entries_.size());
  }
}

void Lexicon::add_last() {
  const LexEntry& en = entries_.back();
  if (uint32_t existing = id_slots_.empty() ? kNone : find_id(en.id); existing != kNone) {
    // A user's entry with a built-in id replaces nothing: it adds aliases to it.
    for (const auto& a : en.aliases()) add_alias(existing, a);
    add_alias(existing, en.name);
    entries_.pop_back();
    return;
  }
  const uint32_t idx = static_cast<uint32_t>(entries_.size() - 1);
  if (!id_slots_.empty()) index_id(idx);
  // A title that qualifies one of the aliases after a comma ("Evansville, Indiana" for
  // "Evansville") is no surface form: news writes two places there, each its own mention.
  // ("University of California, Berkeley" is one.)
  bool qualified_title = false;
  if (size_t comma = en.name.find(", "); comma != std::string_view::npos)
    for_each_alias(en.alias_list, [&](std::string_view a) { qualified_title = qualified_title || a == en.name.substr(0, comma); });
  if (!qualified_title) add_alias(idx, en.name);
  for_each_alias(en.alias_list, [&](std::string_view a) { add_alias(idx, a); });
  if (en.type == EntityType::PERSON) {
    // An ambiguous name (ambiguous=1) needs context in the text: its family name alone does
    // not name the person from the lexicon ("a torn Achilles tendon").
    if (!en.ambiguous) {
      uint32_t family = family_ids_.intern(token_key(en.family));
      if (family >= by_family_.size()) by_family_.resize(family + 1);
      by_family_[family].push_back(idx);
    }
    // Spelling variants news uses for hyphenated and East Asian names:
    // "Kim Jong Un" ~ "Kim Jong-un" ~ "Kim Jong-Un"; "Moon Jae-in" ~ "Moon Jae In".
    // The name's and then each alias's, with no vector made for them or for their words.
    auto add_variants = [&](std::string_view f) {
      // Three words between single spaces (as split(f, ' ') gives them, empty ones counted).
      constexpr size_t npos = std::string_view::npos;
      const size_t s1 = f.find(' ');
      const size_t s2 = s1 == npos ? npos : f.find(' ', s1 + 1);
      if (s2 != npos && f.find(' ', s2 + 1) == npos && f.substr(0, s1) == en.family) {
        const std::string_view first = f.substr(0, s1), middle = f.substr(s1 + 1, s2 - s1 - 1);
        std::string second(f.substr(s2 + 1));
        std::string lower_second = second;
        if (!lower_second.empty()) lower_second[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower_second[0])));
        add_alias(idx, fmt::format("{} {}-{}", first, middle, lower_second));
        add_alias(idx, fmt::format("{} {}-{}", first, middle, second));
      }
      if (f.find('-') != std::string::npos) {
        std::string spaced(f);
        std::replace(spaced.begin(), spaced.end(), '-', ' ');
        add_alias(idx, spaced);
        // "Jae-in" -> "Jae In": capitalise what followed the hyphen.
        std::string cap = spaced;
        for (size_t i = 1; i < cap.size(); ++i)
          if (f[i - 1] == '-') cap[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(cap[i])));
        add_alias(idx, cap);
      }
    };
    add_variants(en.name);
    for_each_alias(en.alias_list, add_variants);
  }
}

void Lexicon::add_alias(uint32_t entry, std::string_view alias) {
  uint32_t node = kRoot;
  size_t count = 0;
  // Always inlined: a call for each of the 83,500 keys, which saved and restored the
  // registers of for_each_name_key()'s loop, was 1.6 M instructions of the start-up.
  for_each_name_key(alias, [&](std::string_view k) __attribute__((always_inline)) {
    uint32_t word = words_.intern(k);
    if (node == kRoot) {
      // Filled to its capacity at once, not one word at a time (a resize() call for each new
      // word: 1.2 M instructions); words without a child read kNone either way, and the
      // constructor cuts the kNone off the end.
      if (word >= root_children_.size()) root_children_.resize(std::max<size_t>(word + 1, root_children_.capacity()), kNone);
      if (root_children_[word] == kNone) root_children_[word] = nodes_++;
      node = root_children_[word];
    } else {
      node = edges_.insert((static_cast<uint64_t>(node) << 32) | word, nodes_);
      if (node == nodes_) ++nodes_;
    }
    ++count;
  });
  if (count == 0) return;
  pending_.push_back({node, entry});
  max_alias_tokens_ = std::max(max_alias_tokens_, count);
}

const std::vector<uint32_t>* Lexicon::persons_with_family(std::string_view key) const {
  return persons_of_family(family_id(key, hash_bytes(key)));
}

uint32_t Lexicon::find_id(std::string_view id) const {
  if (id_slots_.empty()) {  // no user files: not indexed (see the constructor)
    for (uint32_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].id == id) return i;
    return kNone;
  }
  size_t mask = id_slots_.size() - 1;
  for (size_t i = hash_bytes(id) & mask;; i = (i + 1) & mask) {
    uint32_t s = id_slots_[i];
    if (s == 0) return kNone;
    if (entries_[s - 1].id == id) return s - 1;
  }
}

void Lexicon::index_id(uint32_t entry) {
  if ((entries_.size() + 1) * 2 > id_slots_.size()) {
    std::vector<uint32_t> old(id_slots_.size() * 2, 0);
    old.swap(id_slots_);
    for (uint32_t s : old)
      if (s) index_id(s - 1);
  }
  size_t mask = id_slots_.size() - 1;
  size_t i = hash_bytes(entries_[entry].id) & mask;
  while (id_slots_[i] != 0) i = (i + 1) & mask;
  id_slots_[i] = entry + 1;
}

std::map<std::string, size_t> Lexicon::count_by_type() const {
  std::map<std::string, size_t> out;
  for (const auto& e : entries_) out[std::string(type_name(e.type))]++;
  return out;
}

std::vector<LexiconProblem> check_lexicon(std::string_view bytes, const Lexicon& builtin) {
  std::vector<LexiconProblem> problems;
  std::unordered_map<std::string, std::pair<std::string, size_t>> seen;  // alias -> (id, line)
  const NameLists& words = name_lists();
  for_each_data_line(bytes, [&](std::string_view line, size_t n) {
    std::string err;
    auto e = parse_lexicon_line(line, &err);
    if (!e) {
      problems.push_back({n, err});
      return;
    }
    std::vector<std::string_view> forms = {e->name};
    for (std::string_view a : e->aliases()) forms.push_back(a);
    for (std::string_view a : forms) {
      auto [it, fresh] = seen.emplace(std::string(a), std::make_pair(std::string(e->id), n));
      if (!fresh && it->second.first != e->id)
        problems.push_back({n, fmt::format("alias '{}' also names {} (line {})", a, it->second.first, it->second.second)});
      auto keys = name_keys(a);
      uint32_t node = Lexicon::kRoot;
      for (const auto& k : keys) {
        if (node == Lexicon::kNone) break;
        node = builtin.child(node, k);
      }
      if (node != Lexicon::kNone && node != Lexicon::kRoot) {
        for (uint32_t other : builtin.entries_at(node)) {
          const LexEntry& o = builtin.entry(other);
          if (o.id != e->id && o.rank == 0) {
            problems.push_back({n, fmt::format("alias '{}' already names {} ({}) in the built-in lexicon", a, o.name, o.id)});
            break;
          }
        }
      }
      if (keys.size() == 1 && words.is_common_word(a) && !e->ambiguous)
        problems.push_back({n, fmt::format("alias '{}' is a common English word: mark the entry ambiguous=1 or drop it", a)});
    }
    // local= lists names of the entry itself (its canonical name or an alias).
    if (!e->local.empty())
      for (std::string_view l : split(e->local, ','))
        if (std::find(forms.begin(), forms.end(), trim(l)) == forms.end())
          problems.push_back({n, fmt::format("local name '{}' is neither the canonical name nor an alias", trim(l))});
  });
  return problems;
}

}  // namespace kimput
