// Dates pass: writes "dates" ([{"start","end","text","value","type"}], code points, in text
// order, non-overlapping): the time expressions of the text with their TIMEX3 type (DATE,
// TIME, DURATION, SET) and ISO 8601 / TIMEX3 value.
// Reads: text, meta.date (the publication date, "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; never
// meta.retrieved), else Config::reference_date. Relative expressions ("Tuesday", "last
// week", "two years ago") get value null when neither gives a reference date; absolute ones
// ("June 21, 2024", "the 1960s") are always resolved.
// The words and patterns are lib/data/dates.tsv, compiled once per process (every pass
// shares them) into one RE2 scan;
// calendar arithmetic is ICU's Gregorian calendar (one clone per thread, ISO weeks). The
// scan is tried (anchored) only where a StartFilter, built from the same patterns, says a
// match can start: most of a text cannot start a date, and a byte table skips it faster
// than the scan's DFA. The rules that can match a piece the scan found are told by a
// PieceFilter (the rules' first and last bytes), less those whose matches need a capital
// letter when the piece has none, and tried one by one, in rule order. A
// rule's groups are found by its own RE2, compiled when first needed, for an ASCII piece
// the pattern compiled as Latin-1 (the same groups, a smaller program than UTF-8's case
// folding makes); a rule that begins with optional groups of words ("(?:{APPROX}\s)?") has
// those words compared by hand and its RE2 is of the rest.
// Keeps nothing across documents (which rules match a piece of text is remembered within
// one document only, in per-thread buffers emptied for each). run() is const and
// thread-safe.
#pragma once

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kimput/config.h"
#include "kimput/passes/pass.h"
#include "kimput/words/word_ids.h"

namespace kimput {

class DatesPass : public Pass {
 public:
  explicit DatesPass(const Config& config);
  ~DatesPass() override;
  std::string_view name() const override { return "dates"; }
  void run(Document& doc) const override;

  struct Impl;

 private:
  // The rules, loaded once per process and shared by every DatesPass (see loaded_rules()),
  // on a thread of their own.
  std::shared_future<const Impl*> impl_;
  // Config::reference_date; null when none.
  struct Reference;
  std::unique_ptr<const Reference> reference_;
};

namespace dates_detail {

// Where a match of an RE2 pattern can start, told from the pattern's syntax: the first
// `depth` bytes of every string it matches, as a trie over bytes folded the way the
// pattern cannot tell apart (ASCII case, digits as one digit, \s space as one space).
// It may let through a position where nothing matches, never the reverse: syntax it does
// not know ("." , "\w", "[^...]", flags, non-ASCII in the pattern) makes it let
// everything through (usable() false), and in the text the two non-ASCII characters RE2
// folds with ASCII letters (U+212A with 'k', U+017F with 's') let the position through;
// any other non-ASCII character is in no match. Zero-width assertions count as empty,
// which only lets more through.
class PieceFilter;

class StartFilter {
 public:
  // `word_boundary`: the pattern is used as \b(?:pattern), so a match starts only where
  // \b holds (RE2's ASCII word characters).
  // `depth` is at most 8.
  StartFilter(std::string_view pattern, bool word_boundary, size_t depth = 6);
  // The filter of the alternation of a PieceFilter's patterns, "(?:p0)|(?:p1)|...", at the
  // PieceFilter's depth, from the beginnings it already worked out (the same as the
  // constructor above would, without a second analysis at start-up).
  StartFilter(const PieceFilter& alternatives, bool word_boundary);
  bool usable() const { return usable_; }
  // Whether next() gives only positions where \b holds (RE2's ASCII word boundary): built
  // with `word_boundary`, usable and not letting every position through.
  bool checks_word_boundary() const { return usable_ && word_boundary_ && !accept_all_; }
  // The first p >= pos (byte offsets) where a match may start; text.size() when none.
  size_t next(std::string_view text, size_t pos) const;
  size_t nodes() const { return nodes_; }
  // The filter as bytes (io/binary_image.h), and back: a loaded filter answers as the saved.
  void save(io::BinaryWriter& out) const;
  explicit StartFilter(io::BinaryReader& in);

 private:
  // Builds the trie of `packed` (Beginnings' packed strings, sorted and unique).
  void build(const std::vector<uint64_t>& packed, size_t depth);
  // Walks the trie from `node`, reached after the bytes text[p, p + from).
  bool may_start(std::string_view text, size_t p, size_t node, size_t from) const;
  bool usable_ = false;
  bool word_boundary_ = false;
  bool accept_all_ = false;         // the pattern can match the empty string
  bool word_first_ = false;         // every ASCII byte that can begin a match is a word byte
  size_t depth_ = 0, symbols_ = 0, nodes_ = 0;
  static constexpr uint8_t kFirstByte = 1, kWordByte = 2;
  uint8_t sym_[256] = {};           // byte -> symbol; 0 = in no pattern (or non-ASCII)
  uint8_t first_[256] = {};         // byte -> kFirstByte (may begin a match) | kWordByte
  std::vector<uint16_t> rows_;      // node * symbols_ + symbol -> child, 0 none, kAccept
  std::vector<uint16_t> triples_;   // (s0 * symbols_ + s1) * symbols_ + s2 -> node, 0 none, kAccept
  uint32_t triple_at_[3][256] = {};  // byte -> its part of that index, in first, second, third place
};

// Which of up to 64 RE2 patterns (case-insensitive) can match a whole piece of text, told
// from the piece's first `depth` (<= 8) bytes and its last `end_depth` (<= 8; 0: not
// looked at) bytes by the same analysis as StartFilter: a superset of the patterns that
// match it (bit i for patterns[i]), all of them when unsure.
class PieceFilter {
 public:
  explicit PieceFilter(const std::vector<std::string>& patterns, size_t depth = 8, size_t end_depth = 4);
  bool usable() const { return usable_; }
  uint64_t candidates(std::string_view piece) const;
  size_t depth() const { return depth_; }
  // The beginnings of all the patterns (packed, sorted, unique); for StartFilter.
  const std::vector<uint64_t>& all_beginnings() const { return all_beginnings_; }
  // As StartFilter's.
  void save(io::BinaryWriter& out) const;
  explicit PieceFilter(io::BinaryReader& in);

 private:
  bool usable_ = false;
  size_t depth_ = 0, end_depth_ = 0;
  uint64_t all_ = 0;
  std::vector<uint64_t> all_beginnings_;
  // First bytes (packed, folded) -> patterns, as an index into start_patterns_: a flat
  // table is one cache miss per piece where a node-based map took two and a division.
  FlatIdMap start_ids_;
  std::vector<uint64_t> start_patterns_;
  // Last bytes (packed, folded, last byte first) -> patterns that can end with them.
  FlatIdMap end_ids_;
  std::vector<uint64_t> end_patterns_;
};

// The pattern that, read case-sensitively in ASCII-lowercased text, matches what `pattern`
// read case-insensitively matches in the text, with the same groups, so long as the text
// has neither U+212A nor U+017F (RE2 folds 'k' and 's' with them): its ASCII letters in
// lower case, but in escapes and group names. nullopt for syntax not known to keep its
// meaning so: a class range of letters and other bytes, a negated class, an escaped letter
// other than \d \s and the zero-width \b \B \A \z, flags, non-ASCII.
std::optional<std::string> lowered_pattern(std::string_view pattern);

// The scan's alternation of every rule of the embedded dates.tsv (for tests of the filter).
std::string scan_rules_pattern();

// The built-in rules' piece and start filters as bytes, with the rules they were made from
// (a hash of their patterns): what cmake/compile_tables.cpp embeds, and what loading the
// rules reads instead of analysing the patterns again when the rules are the same (10 M
// instructions of start-up).
std::string filters_image();

// The alternation of `alternatives` (RE2 syntax) with a beginning that several share written
// once: "a(?:b|c)" for "ab|ac", recursively, the alternatives in the order of their first
// beginnings. The same language (concatenation distributes over alternation), from a
// smaller program, but not the same groups or preferences: for a longest-match search
// without groups. An alternative with syntax not read here is kept whole.
std::string factored_alternation(const std::vector<std::string_view>& alternatives);

// `pattern` with the alternatives of the group it begins with ("(?P<n>a|1)b") kept when they
// can begin with a digit (`digit`) or with another byte (not `digit`), or match nothing;
// nullopt when none or all are kept, or the pattern begins otherwise, has a '|' outside its
// groups or syntax not read here.
std::optional<std::string> first_group_narrowed(std::string_view pattern, bool digit);

// An optional group's body "(?:(?P<name>w1|w2|...)\s)": one named group of plain words
// (lower-case letters, digits, spaces, '-' and '\''; maybe in "(?:...)", as a word class
// is written) and a separator: "\s", " ", ",? ", " ?", "[- ]" or "[- ]?"; or one plain word
// and "\s" or " ", no group ("(?:the )": no name). Its name, its words in the pattern's
// order and the separator; nullopt for any other body.
struct LeadGroup {
  std::string_view name;
  std::vector<std::string_view> words;
  std::string_view separator;
  // One of two leads in one optional group ("(?:(?P<mod>...)[- ]?|(?P<mod2>...)\s)"):
  // taken, the next lead (the other) is left out; left out, the next is tried.
  bool or_next = false;
  // Its group's number in the rule (set by the rule); 0 for a lead of no group ("(?:the )").
  int slot = 0;
  // Where the separator, if it begins at text[at], can end, into `ends` in the order RE2's
  // backtracker tries them (",? " is ", " or " "; an optional one is taken first, then
  // left out); how many (0: it does not begin there).
  int separator_ends(std::string_view text, size_t at, size_t (&ends)[2]) const;
};
std::optional<LeadGroup> lead_group(std::string_view group);
// The leads of an optional group's body: lead_group()'s one, or the two of a body
// "(?:(?P<a>...)sep|(?P<b>...)sep)" (the first with or_next); none for any other body.
std::vector<LeadGroup> lead_groups(std::string_view group);

// The length of the optional group `pattern` begins with, greedy and without a name
// ("(?:x|y)?" of "(?:x|y)?z"); 0 when it begins otherwise or has a '|' outside its groups.
size_t optional_group_size(std::string_view pattern);

}  // namespace dates_detail

}  // namespace kimput
