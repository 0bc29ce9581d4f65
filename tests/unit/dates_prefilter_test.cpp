// Unit tests of the dates pass's StartFilter: it never skips a position where the scan
// matches (on invented sentences and on random strings of the rules' own words), it tells
// simple patterns exactly, it stops only where \b holds, and it lets everything through for
// syntax it does not know.
#include <gtest/gtest.h>

#include <re2/re2.h>

#include <cctype>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "kimput/io/binary_image.h"
#include "kimput/passes/dates.h"
#include "kimput/resources.h"

namespace {

using kimput::dates_detail::PieceFilter;
using kimput::dates_detail::StartFilter;

RE2::Options scan_options() {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_longest_match(true);
  o.set_never_capture(true);
  o.set_max_mem(256 << 20);
  return o;
}

// The words of the rules' patterns (runs of two or more letters, not an escape's letter),
// from which the random tests build their strings.
std::vector<std::string> rule_words(const std::string& rules) {
  std::vector<std::string> words;
  for (size_t i = 0; i < rules.size();) {
    size_t j = i;
    while (j < rules.size() && std::isalpha(static_cast<unsigned char>(rules[j]))) ++j;
    if (j - i >= 2 && rules[i - 1] != '\\') words.push_back(rules.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

// Every position where \b(?:rules) matches is one the filter stops at; counts them. A
// filter that checks_word_boundary() stops only where \b holds (the scan leaves it out).
void expect_no_skipped_start(const StartFilter& f, const RE2& scan, const std::string& text, size_t* matches) {
  static const RE2 boundary("\\b");
  re2::StringPiece in(text);
  size_t next = text.size();
  for (size_t p = 0; p < text.size(); ++p) {
    if (p == 0 || next < p) {
      next = f.next(text, p);
      if (f.checks_word_boundary() && next < text.size()) {
        ASSERT_TRUE(boundary.Match(in, next, text.size(), RE2::ANCHOR_START, nullptr, 0))
            << "stopped where \\b does not hold, at byte " << next << " of: " << text;
      }
    }
    if (scan.Match(in, p, text.size(), RE2::ANCHOR_START, nullptr, 0)) {
      ++*matches;
      ASSERT_EQ(next, p) << "skipped a match at byte " << p << " of: " << text;
    }
  }
}

// One to six of `words`, each but the last followed by a separator of news text; with
// `mixed_case`, each letter made a capital one time in three.
std::string random_phrase(std::mt19937& rng, const std::vector<std::string>& words, bool mixed_case) {
  static const std::vector<std::string> glue = {" ", " ", "-", ", ", ". ", "\n", "'s ", "/", ""};
  std::string s;
  for (int w = 0, len = 1 + static_cast<int>(rng() % 6); w < len; ++w) {
    std::string word = words[rng() % words.size()];
    if (mixed_case)
      for (char& c : word)
        if (rng() % 3 == 0) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    s += word;
    if (w + 1 < len) s += glue[rng() % glue.size()];
  }
  return s;
}

// At every position of a and b (texts of one size), x matches a (anchored there) exactly
// when y matches b, and as long; counts the matches.
void expect_same_matches(const RE2& x, const std::string& a, const RE2& y, const std::string& b, size_t& matches) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t p = 0; p < a.size(); ++p) {
    re2::StringPiece ma, mb;
    const bool in_a = x.Match(a, p, a.size(), RE2::ANCHOR_START, &ma, 1);
    const bool in_b = y.Match(b, p, b.size(), RE2::ANCHOR_START, &mb, 1);
    ASSERT_EQ(in_a, in_b) << "at byte " << p << " of: " << a;
    if (in_a) {
      ++matches;
      ASSERT_EQ(ma.size(), mb.size()) << "at byte " << p << " of: " << a;
    }
  }
}

TEST(DatesStartFilter, RealRulesAreAnalysed) {
  StartFilter f(kimput::dates_detail::scan_rules_pattern(), true);
  EXPECT_TRUE(f.usable());
  EXPECT_TRUE(f.checks_word_boundary());
  EXPECT_GT(f.nodes(), 10u);
  // Words that cannot start a date are passed over; a date's start is not.
  std::string t = "Crowds gathered quietly on Tuesday";
  EXPECT_EQ(f.next(t, 0), t.find("Tuesday"));
  EXPECT_EQ(f.next("zzz qqq", 0), 7u);
}

TEST(DatesStartFilter, NeverSkipsAMatchInInventedSentences) {
  std::string rules = kimput::dates_detail::scan_rules_pattern();
  StartFilter f(rules, true);
  RE2 scan("\\b(?:" + rules + ")", scan_options());
  ASSERT_TRUE(scan.ok());
  const std::vector<std::string> sentences = {
      "The Blorvian council met on Tuesday, March 3, 2020, and again the following year.",
      "SHIPMENTS ROSE 4.5 PCT IN THE FIRST QUARTER OF 1987 FROM A YEAR EARLIER",
      "Trading closed at 4:30 p.m. EST yesterday; it reopens at 09:15 tomorrow morning.",
      "in the 1990s, the '80s and the twenties; in the 21st century and this century",
      "two years ago, three-and-a-half months later, a couple of weeks from now",
      "every other week, twice a year, Mondays, each spring, daily and weekly",
      "late last year, mid-2019, the end of 1999, fiscal 2021, FY2020, the year 2000",
      "2024-06-21T14:30, 6/21/2024, 21 June 2024, June 21st, the 4th of July",
      "Christmas Eve 1914, Thanksgiving, Easter, New Year's Day, the day before yesterday",
      "for years, within weeks, in recent months, the past few days, half an hour",
      "\xE2\x80\x9CNext week,\xE2\x80\x9D she said \xE2\x80\x94 on Friday\xE2\x80\x99s vote.",
      "\xE2\x84\xAA \xC5\xBF" "eptember \xC5\xBF" "pring wee\xE2\x84\xAA \xE2\x84\xAA" "nown",  // Kelvin sign, long s
      "nineteen eighty-four, two thousand and six, twenty-twenty",
      "\tJanuary\n5,\r\n1999\f noon midnight\tmidday now currently recently",
      "Quarter-end; year-end; year's end; the year-ago period; the same period",
      "abc2016 2016abc _2016 2016_ 2016- -2016 $2016 2016% 20162016",
      "May", "M", "1", "19", "199", "1999", "last", "las", "the", "a",
  };
  size_t matches = 0;
  for (const std::string& s : sentences) expect_no_skipped_start(f, scan, s, &matches);
  EXPECT_GT(matches, 100u);
  // RE2 folds 's' to the long s, and \b holds between a word character and a non-ASCII
  // one: a season can start at byte 1 of "x\u017Fpring".
  std::string folded = "x\xC5\xBF" "pring";
  EXPECT_TRUE(scan.Match(folded, 1, folded.size(), RE2::ANCHOR_START, nullptr, 0));
  EXPECT_EQ(f.next(folded, 0), 1u);
}

TEST(DatesStartFilter, NeverSkipsAMatchInRandomStringsOfTheRulesWords) {
  std::string rules = kimput::dates_detail::scan_rules_pattern();
  StartFilter f(rules, true);
  RE2 scan("\\b(?:" + rules + ")", scan_options());
  ASSERT_TRUE(scan.ok());
  // The rules' own words and digits, glued by the separators they use.
  std::vector<std::string> words = rule_words(rules);
  ASSERT_GT(words.size(), 100u);
  for (const char* extra : {"1", "12", "2019", "1987", "31", "3rd", "4:30", "21st", "1/2", "7.5", "'90s", "xyz", "\xE2\x80\x99"})
    words.push_back(extra);
  const std::vector<std::string> glue = {" ", " ", " ", "-", ", ", ". ", "\n", "'s ", "/", ""};
  std::mt19937 rng(20240621);
  size_t matches = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    int len = 1 + static_cast<int>(rng() % 8);
    for (int w = 0; w < len; ++w) {
      std::string word = words[rng() % words.size()];
      if (rng() % 3 == 0) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      if (rng() % 7 == 0)
        for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      s += word;
      if (w + 1 < len) s += glue[rng() % glue.size()];
    }
    expect_no_skipped_start(f, scan, s, &matches);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(matches, 1000u);
}

TEST(DatesLoweredPattern, LettersInLowerCaseButEscapesAndGroupNames) {
  using kimput::dates_detail::lowered_pattern;
  EXPECT_EQ(lowered_pattern("(?P<Mon>Jan|FEB)\\.?[T ][A-Z]\\d\\s+\\bX(?:Y)"), "(?P<Mon>jan|feb)\\.?[t ][a-z]\\d\\s+\\bx(?:y)");
  EXPECT_EQ(lowered_pattern("[0-9-][]a]"), "[0-9-][]a]");
  for (const char* p : {"[0-z]", "[A-z]", "[^a]", "(?i)a", "\\pL", "\\W", "\\x41", "[\\b]", "caf\xC3\xA9", "[ab"})
    EXPECT_FALSE(lowered_pattern(p)) << p;
}

// The pass scans the text in lower case with the rules' lowered patterns: at every position
// the same match as the case-insensitive scan of the text, on random strings of the rules'
// words in random case.
TEST(DatesLoweredPattern, TheScanMatchesTheSameInLoweredText) {
  std::string rules = kimput::dates_detail::scan_rules_pattern();
  std::optional<std::string> lowered = kimput::dates_detail::lowered_pattern(rules);
  ASSERT_TRUE(lowered);
  RE2 scan("\\b(?:" + rules + ")", scan_options());
  RE2::Options o = scan_options();
  o.set_case_sensitive(true);
  RE2 lowered_scan("\\b(?:" + *lowered + ")", o);
  ASSERT_TRUE(scan.ok());
  ASSERT_TRUE(lowered_scan.ok());
  std::vector<std::string> words = rule_words(rules);
  for (const char* extra : {"1", "12", "2019", "31", "3rd", "4:30", "T", "'90s", "\xE2\x80\x99", "\xC3\xA9"}) words.push_back(extra);
  std::mt19937 rng(20261126);
  size_t matches = 0;
  for (int n = 0; n < 2000; ++n) {
    const std::string s = random_phrase(rng, words, true);
    std::string low = s;
    for (char& c : low) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    ASSERT_NO_FATAL_FAILURE(expect_same_matches(scan, s, lowered_scan, low, matches));
  }
  EXPECT_GT(matches, 500u);
}

// The rules of the scan's alternation, one by one ("(?:rule)|(?:rule)|...").
std::vector<std::string> split_rules(const std::string& all) {
  std::vector<std::string> out;
  int depth = 0;
  size_t start = 0;
  bool in_class = false;
  for (size_t i = 0; i < all.size(); ++i) {
    char c = all[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      out.push_back(all.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(all.substr(start));
  return out;
}

TEST(DatesFactoredAlternation, SharedBeginningsOnceAndOtherSyntaxWhole) {
  using kimput::dates_detail::factored_alternation;
  EXPECT_EQ(factored_alternation({"ab", "ac", "d"}), "a(?:b|c)|d");
  EXPECT_EQ(factored_alternation({"(?:x|y)?\\s+a", "(?:x|y)?\\s+b", "(?:x|y)?c"}), "(?:x|y)?(?:\\s+(?:a|b)|c)");
  EXPECT_EQ(factored_alternation({"a{2}b", "a{2}", "a|b", "\\x41c", "\\x41d"}), "a{2}(?:b|(?:))|(?:a|b)|(?:\\x41c)|(?:\\x41d)");
  EXPECT_EQ(factored_alternation({"(?i)ab", "(?i)ac"}), "(?:(?i)ab)|(?:(?i)ac)");
}

// The pass's scan is the factored alternation of the rules: at every position the same
// longest match as their plain alternation, on random strings of the rules' words.
TEST(DatesFactoredAlternation, TheScanMatchesTheSame) {
  std::string all = kimput::dates_detail::scan_rules_pattern();
  std::vector<std::string> rules = split_rules(all);
  std::vector<std::string_view> views;
  for (std::string_view r : rules) views.push_back(r.substr(3, r.size() - 4));  // "(?:rule)"
  RE2 plain("\\b(?:" + all + ")", scan_options());
  RE2 factored("\\b(?:" + kimput::dates_detail::factored_alternation(views) + ")", scan_options());
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE(factored.ok()) << factored.error();
  EXPECT_LT(factored.ProgramSize(), plain.ProgramSize());
  std::vector<std::string> words = rule_words(all);
  for (const char* extra : {"1", "12", "2019", "31", "3rd", "4:30", "1/2", "7.5", "'90s", "\xE2\x80\x99"}) words.push_back(extra);
  std::mt19937 rng(20261127);
  size_t matches = 0;
  for (int n = 0; n < 2000; ++n) {
    const std::string s = random_phrase(rng, words, false);
    ASSERT_NO_FATAL_FAILURE(expect_same_matches(plain, s, factored, s, matches));
  }
  EXPECT_GT(matches, 500u);
}

TEST(DatesPieceFilter, EveryRuleThatMatchesAPieceIsACandidate) {
  std::string all = kimput::dates_detail::scan_rules_pattern();
  std::vector<std::string> rules = split_rules(all);
  ASSERT_GT(rules.size(), 20u);
  ASSERT_LE(rules.size(), 64u);
  PieceFilter f(rules);
  ASSERT_TRUE(f.usable());
  RE2::Options o = scan_options();
  std::vector<std::unique_ptr<RE2>> res;
  for (const std::string& r : rules) res.push_back(std::make_unique<RE2>(r, o));
  RE2 scan("\\b(?:" + all + ")", o);
  // Pieces: what the scan matches in invented sentences and in random strings of the
  // rules' words (as the pass does), and every prefix of them.
  std::vector<std::string> texts = {
      "On Tuesday, March 3, 2020, and again the following year; last year's fourth quarter.",
      "Trading closed at 4:30 p.m. EST yesterday; two years ago; every other week; the 1990s",
      "\xC5\xBF" "pring 2019, the year 2000, mid-2019, FY2020, twenty-twenty, noon Friday",
      "a year earlier, the day before yesterday, half an hour, within weeks, 21 June 2024"};
  std::mt19937 rng(7);
  std::vector<std::string> words = {"last", "year", "the", "first", "quarter", "of", "1987", "March", "31",
                                    "a", "week", "ago", "this", "month", "Tuesday", "morning", "2:15", "pm",
                                    "two", "days", "later", "fiscal", "early", "1990s", "every", "other"};
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    for (int w = 0, len = 1 + static_cast<int>(rng() % 6); w < len; ++w) s += (w ? " " : "") + words[rng() % words.size()];
    texts.push_back(s);
  }
  size_t pieces = 0;
  for (const std::string& t : texts) {
    re2::StringPiece in(t), m;
    for (size_t pos = 0; pos < t.size() && scan.Match(in, pos, t.size(), RE2::UNANCHORED, &m, 1); ++pos) {
      pos = static_cast<size_t>(m.data() - t.data());
      for (size_t len = 1; len <= m.size(); ++len) {
        std::string piece(m.data(), len);
        uint64_t can = f.candidates(piece);
        for (size_t r = 0; r < rules.size(); ++r)
          if (RE2::FullMatch(piece, *res[r])) {
            ++pieces;
            ASSERT_TRUE(can >> r & 1) << "rule " << r << " matches \"" << piece << "\" but is not a candidate";
          }
      }
    }
  }
  EXPECT_GT(pieces, 1000u);
}

// The last bytes rule out patterns too: "December" begins both patterns below but can end
// only the second; a sequence's optional and repeated tails are read from its end.
TEST(DatesPieceFilter, TheLastBytesRuleOutPatterns) {
  std::vector<std::string> p = {"(?:dec|nov)ember(?: \\d+)?", "(?:dec|nov)ember", "a(?:bc)+x?", "q[a-c]?\\b"};
  PieceFilter f(p, 8, 4), starts_only(p, 8, 0);
  ASSERT_TRUE(f.usable());
  EXPECT_EQ(f.candidates("December"), 3u);
  EXPECT_EQ(f.candidates("December 31"), 1u);
  EXPECT_EQ(f.candidates("NOVEMBER 3"), 1u);
  EXPECT_EQ(starts_only.candidates("December 31"), 3u);
  EXPECT_EQ(f.candidates("December \xC5\xBF"), 3u);  // a non-ASCII last byte: what the start says
  EXPECT_EQ(f.candidates("abcbc"), 4u);
  EXPECT_EQ(f.candidates("abcbcx"), 4u);
  EXPECT_EQ(f.candidates("abcbcb"), 0u);  // cannot end in "cb"
  EXPECT_EQ(f.candidates("qB"), 8u);
  EXPECT_EQ(f.candidates("q"), 8u);
}

// Words longer than the bytes looked at, and a word whose last letter is optional or
// repeated: the beginnings are the word's first bytes, the endings its last ones.
TEST(DatesPieceFilter, LongWordsAndQuantifiedLastLetters) {
  PieceFilter f({"septembers?", "yesterday", "ab+cd"}, 8, 4);
  ASSERT_TRUE(f.usable());
  EXPECT_EQ(f.candidates("September"), 1u);
  EXPECT_EQ(f.candidates("SEPTEMBERS"), 1u);
  EXPECT_EQ(f.candidates("Septemberss"), 0u);  // cannot end in "erss"
  EXPECT_EQ(f.candidates("Septenber"), 0u);    // cannot begin so
  EXPECT_EQ(f.candidates("yesterday"), 2u);
  EXPECT_EQ(f.candidates("yesterdays"), 0u);
  EXPECT_EQ(f.candidates("abcd"), 4u);
  EXPECT_EQ(f.candidates("abbbbbbbbcd"), 4u);
  EXPECT_EQ(f.candidates("acd"), 0u);
  EXPECT_EQ(f.candidates("abbc"), 0u);  // no whole match
}

// A repeated string, bounded or not: its repetitions, as many as the bytes looked at hold.
TEST(DatesPieceFilter, RepeatedStrings) {
  PieceFilter f({"a\\s+b", "\\d{2,3}x", "(?:ab){2}c"}, 8, 4);
  ASSERT_TRUE(f.usable());
  EXPECT_EQ(f.candidates("a b"), 1u);
  EXPECT_EQ(f.candidates("a \t  b"), 1u);
  EXPECT_EQ(f.candidates("ab"), 0u);  // no space
  EXPECT_EQ(f.candidates("12x"), 2u);
  EXPECT_EQ(f.candidates("123x"), 2u);
  EXPECT_EQ(f.candidates("1x"), 0u);     // one digit
  EXPECT_EQ(f.candidates("1234x"), 0u);  // four
  EXPECT_EQ(f.candidates("ababc"), 4u);
  EXPECT_EQ(f.candidates("abc"), 0u);
  // Repeated alternatives.
  PieceFilter g({"(?:a|bc)*d", "(?:x|yz){2,3}"}, 8, 4);
  ASSERT_TRUE(g.usable());
  EXPECT_EQ(g.candidates("d"), 1u);
  EXPECT_EQ(g.candidates("abcad"), 1u);
  EXPECT_EQ(g.candidates("acd"), 0u);
  EXPECT_EQ(g.candidates("xyz"), 2u);
  EXPECT_EQ(g.candidates("xxx"), 2u);
  EXPECT_EQ(g.candidates("x"), 0u);     // once
  EXPECT_EQ(g.candidates("xxxx"), 0u);  // four times
}

TEST(DatesStartFilter, SimplePatternsExactly) {
  StartFilter f("abc|de|\\d{4}", true);
  ASSERT_TRUE(f.usable());
  std::string t = "xabc ABC De 123 2016";
  EXPECT_EQ(f.next(t, 0), 5u);   // "ABC": not inside "xabc"
  EXPECT_EQ(f.next(t, 6), 9u);   // "De"
  EXPECT_EQ(f.next(t, 10), 16u); // four digits, not three
  EXPECT_EQ(f.next(t, 17), t.size());
  EXPECT_EQ(f.next("ab", 0), 2u);  // the text ends before the match could
  StartFilter g("x(?:y|z)?", false);
  EXPECT_EQ(g.next("axb", 0), 1u);  // no word boundary asked for
}

// The filter reads 16 bytes at a time and a word start's first three bytes with them; the
// last bytes of a text, and a non-ASCII byte among those three, take the byte-by-byte way.
TEST(DatesStartFilter, TheLastBytesAndNonAsciiAmongTheFirstThree) {
  StartFilter f("abc|de|\\d{4}", true);
  ASSERT_TRUE(f.usable());
  for (size_t pad = 0; pad < 40; ++pad) {
    std::string sp(pad, ' ');
    EXPECT_EQ(f.next(sp + "abc", 0), pad) << pad;
    EXPECT_EQ(f.next(sp + "de", 0), pad) << pad;
    EXPECT_EQ(f.next(sp + "ab", 0), pad + 2) << pad;           // ends before a match could
    EXPECT_EQ(f.next(sp + "ab " + sp, 0), 2 * pad + 3) << pad;  // and nothing after
    EXPECT_EQ(f.next(sp + "a\xC5\xBF" + sp, 0), pad) << pad;   // may fold to a letter: let through
    EXPECT_EQ(f.next(sp + "ab\xC5\xBF" + sp, 0), pad) << pad;
    EXPECT_EQ(f.next(sp + "ax\xC5\xBF" + sp, 0), pad + 2) << pad;  // after "ax" no match: the \b before it
    EXPECT_EQ(f.next(sp + "a\xE2\x84\xAA" + sp, 0), pad) << pad;    // the Kelvin sign may fold to 'k'
    EXPECT_EQ(f.next(sp + "a\xE2\x80\x99" + sp, 0), 2 * pad + 4) << pad;  // other non-ASCII: in no match
    EXPECT_EQ(f.next(sp + "de\xE2\x80\x99s" + sp, 0), pad) << pad;  // "de" is whole before it
  }
}

TEST(DatesStartFilter, UnknownSyntaxLetsEverythingThrough) {
  for (const char* p : {"a.b", "\\w+", "[^x]y", "(?i)x", "x{2", "(ab", "caf\xC3\xA9"}) {
    StartFilter f(p, true);
    EXPECT_FALSE(f.usable()) << p;
    EXPECT_EQ(f.next("zzz qqq", 3), 3u) << p;
    PieceFilter g({"abc", p});
    EXPECT_FALSE(g.usable()) << p;
    EXPECT_EQ(g.candidates("zzz"), 3u) << p;  // both
  }
  PieceFilter h({"abc", "ab\\d", "x"});
  EXPECT_EQ(h.candidates("ABC"), 1u);
  EXPECT_EQ(h.candidates("ab7"), 2u);
  EXPECT_EQ(h.candidates("ab"), 0u);
  EXPECT_EQ(h.candidates("\xC5\xBF"), 7u);  // non-ASCII: any
  StartFilter empty("(?:a)?", true);  // matches the empty string: every position
  EXPECT_TRUE(empty.usable());
  EXPECT_EQ(empty.next("zzz", 1), 1u);
}

}  // namespace

// The pass builds the scan's filter from the rules' piece filter, not from the scan's
// pattern: it must stop at exactly the positions the filter of the whole alternation does.
TEST(DatesStartFilter, FromThePieceFilterEqualsFromTheAlternation) {
  auto same_stops = [](const StartFilter& a, const StartFilter& b, const std::string& t) {
    for (size_t pos = 0; pos <= t.size(); ++pos)
      if (a.next(t, pos) != b.next(t, pos)) return false;
    return true;
  };
  {
    PieceFilter pieces({"abc", "de", "\\d{4}"});
    StartFilter whole("(?:abc)|(?:de)|(?:\\d{4})", true, 8), built(pieces, true);
    ASSERT_TRUE(built.usable());
    EXPECT_EQ(built.nodes(), whole.nodes());
    for (const char* t : {"xx abc de 2019 abd d 123 ABC", "abcde", "1234567", "", "zz"}) EXPECT_TRUE(same_stops(whole, built, t)) << t;
    EXPECT_EQ(built.next("x abx de", 0), 6u);  // "abx" starts nothing
  }
  std::string all = kimput::dates_detail::scan_rules_pattern();
  std::vector<std::string> rules = split_rules(all);
  PieceFilter pieces(rules);
  StartFilter whole(all, true, 8), built(pieces, true);
  ASSERT_TRUE(whole.usable());
  ASSERT_TRUE(built.usable());
  EXPECT_EQ(built.nodes(), whole.nodes());
  std::vector<std::string> texts = {"On Tuesday, March 3, 2020, and again the following year; last year's fourth quarter.",
                                    "The company said on Monday it expects first-half profit; 4:30 p.m. EST, mid-2019."};
  std::mt19937 rng(11);
  const std::string bytes = "aeimnorstuy0129 .,:-'\n";
  for (int n = 0; n < 300; ++n) {
    std::string s;
    for (int k = 0, len = 1 + static_cast<int>(rng() % 40); k < len; ++k) s += bytes[rng() % bytes.size()];
    texts.push_back(s);
  }
  for (const std::string& t : texts) ASSERT_TRUE(same_stops(whole, built, t)) << t;
  // A piece filter that cannot analyse its patterns gives a filter that stops everywhere.
  PieceFilter unknown({"a.c"});
  StartFilter none(unknown, true);
  EXPECT_FALSE(none.usable());
}

TEST(DatesRuleParts, OptionalGroupAtTheStart) {
  using kimput::dates_detail::optional_group_size;
  EXPECT_EQ(optional_group_size("(?:x|y)?z"), 8u);
  EXPECT_EQ(optional_group_size("(?:(?P<a>x)\\s)?(?:y)?z"), 15u);
  EXPECT_EQ(optional_group_size("(?:x)??z"), 0u);  // lazy: the other preference
  EXPECT_EQ(optional_group_size("(?P<a>x)?z"), 0u);
  EXPECT_EQ(optional_group_size("(?:x)?z|w"), 0u);
  EXPECT_EQ(optional_group_size("(?:x)z"), 0u);
}

TEST(DatesRuleParts, WordsOfALeadGroup) {
  using kimput::dates_detail::lead_group;
  using Words = std::vector<std::string_view>;
  auto g = lead_group("(?:(?P<pre>the|the past|a full)\\s)");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->name, "pre");
  EXPECT_EQ(g->words, (Words{"the", "the past", "a full"}));
  g = lead_group("(?:(?P<a>up-to|o'er|2)\\s)");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->words, (Words{"up-to", "o'er", "2"}));
  EXPECT_FALSE(lead_group("(?:(?P<a>the|\\d+)\\s)"));  // not a plain word
  EXPECT_FALSE(lead_group("(?:(?P<a>the|(?:x))\\s)"));
  EXPECT_FALSE(lead_group("(?:(?P<a>the|)\\s)"));    // the empty word
  EXPECT_FALSE(lead_group("(?:(?P<a>the)x)"));         // no separator after
  // A word and no group: a lead with no slot.
  g = lead_group("(?:the\\s)");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->name, "");
  EXPECT_EQ(g->words, (Words{"the"}));
  EXPECT_EQ(g->separator, "\\s");
  EXPECT_EQ(lead_group("(?:the )")->separator, " ");
  EXPECT_FALSE(lead_group("(?:the |a )"));  // two words: none
  EXPECT_FALSE(lead_group("(?:\\d+ )"));
  // The ends of a separator after the word of `text` that ends at `at`.
  using Ends = std::vector<size_t>;
  auto ends = [](const kimput::dates_detail::LeadGroup& lead, std::string_view text, size_t at) {
    size_t e[2];
    return Ends(e, e + lead.separator_ends(text, at, e));
  };
  g = lead_group("(?:(?P<wd>(?:sunday|monday)),? )");  // a word class, a comma maybe
  ASSERT_TRUE(g);
  EXPECT_EQ(g->words, (Words{"sunday", "monday"}));
  EXPECT_EQ(ends(*g, "monday, may", 6), Ends{8});
  EXPECT_EQ(ends(*g, "monday may", 6), Ends{7});
  EXPECT_EQ(ends(*g, "monday,may", 6), Ends{});
  EXPECT_EQ(ends(*g, "monday", 6), Ends{});
  g = lead_group("(?:(?P<mod>early|late) )");
  ASSERT_TRUE(g);
  EXPECT_EQ(ends(*g, "late\tmay", 4), Ends{});  // " " is a space only
  EXPECT_EQ(ends(*lead_group("(?:(?P<a>the)\\s)"), "the\tmay", 3), Ends{4});
  // An optional separator: taken first where it is, then left out.
  g = lead_group("(?:(?P<mod>mid|end-of)[- ]?)");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->words, (Words{"mid", "end-of"}));
  EXPECT_EQ(ends(*g, "mid-may", 3), (Ends{4, 3}));
  EXPECT_EQ(ends(*g, "mid may", 3), (Ends{4, 3}));
  EXPECT_EQ(ends(*g, "end-of2024", 6), Ends{6});
  EXPECT_EQ(ends(*g, "mid", 3), Ends{3});
  g = lead_group("(?:(?P<q>first|second)[- ])");
  ASSERT_TRUE(g);
  EXPECT_EQ(ends(*g, "first-quarter", 5), Ends{6});
  EXPECT_EQ(ends(*g, "firstquarter", 5), Ends{});
  g = lead_group("(?:(?P<fiscal>fiscal|fy) ?)");
  ASSERT_TRUE(g);
  EXPECT_EQ(ends(*g, "fy 2024", 2), (Ends{3, 2}));
  EXPECT_EQ(ends(*g, "fy2024", 2), Ends{2});
  EXPECT_EQ(ends(*g, "fy-2024", 2), Ends{2});
  // Two leads in one group, one or the other: the first has or_next.
  using kimput::dates_detail::lead_groups;
  const auto two = lead_groups("(?:(?P<mod>early|the end of)[- ]?|(?P<mod2>earlier|late)\\s)");
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].name, "mod");
  EXPECT_EQ(two[0].words, (Words{"early", "the end of"}));
  EXPECT_EQ(two[0].separator, "[- ]?");
  EXPECT_TRUE(two[0].or_next);
  EXPECT_EQ(two[1].name, "mod2");
  EXPECT_EQ(two[1].words, (Words{"earlier", "late"}));
  EXPECT_EQ(two[1].separator, "\\s");
  EXPECT_FALSE(two[1].or_next);
  ASSERT_EQ(lead_groups("(?:(?P<a>the)\\s)").size(), 1u);
  EXPECT_FALSE(lead_groups("(?:(?P<a>the)\\s)")[0].or_next);
  EXPECT_TRUE(lead_groups("(?:(?P<a>the)\\s|(?P<b>x)\\s|(?P<c>y)\\s)").empty());  // three
  EXPECT_TRUE(lead_groups("(?:(?P<a>the)\\s|y\\s)").empty());                       // one not a group
  EXPECT_FALSE(lead_group("(?:(?P<a>the)[ -])"));  // a separator it does not know
  EXPECT_FALSE(lead_group("(?:(?P<a>the)\\s?)"));
}

TEST(DatesRuleParts, FirstGroupNarrowedByItsFirstByte) {
  using kimput::dates_detail::first_group_narrowed;
  const char* p = "(?P<n>\\d+|two|\\d{1,3}(?:,\\d{3})+|(?:a|1)b)[- ]x";
  EXPECT_EQ(first_group_narrowed(p, true), "(?P<n>\\d+|\\d{1,3}(?:,\\d{3})+|(?:a|1)b)[- ]x");
  EXPECT_EQ(first_group_narrowed(p, false), "(?P<n>two|(?:a|1)b)[- ]x");
  EXPECT_EQ(first_group_narrowed("(?:x?|1)y", true), std::nullopt);  // x? can match nothing: all kept
  EXPECT_EQ(first_group_narrowed("(?:(a)|1)b", true), std::nullopt);  // would renumber the groups
  EXPECT_EQ(first_group_narrowed("(?:a|1)?b", true), std::nullopt);
  EXPECT_EQ(first_group_narrowed("(?:a|1)b|c", true), std::nullopt);
  EXPECT_EQ(first_group_narrowed("a|1", true), std::nullopt);
}

// The filters embedded at build time are those the built-in rules give now, and reading them
// back gives the same tables (saved again, the same bytes).
TEST(DatesFiltersImage, IsTheRulesFiltersAndReadsBack) {
  const std::string image = kimput::dates_detail::filters_image();
  ASSERT_FALSE(image.empty());
  EXPECT_EQ(image, kimput::detail::dates_filters_image());
  kimput::io::BinaryReader in(image);
  const std::string_view magic = in.bytes();
  in.u32();  // format
  in.u64();  // the rules' hash
  const kimput::dates_detail::PieceFilter pieces(in);
  const kimput::dates_detail::StartFilter starts(in);
  EXPECT_TRUE(in.at_end());
  EXPECT_TRUE(pieces.usable());
  EXPECT_TRUE(starts.usable());
  kimput::io::BinaryWriter again;
  again.bytes(magic);
  again.u32(0);
  again.u64(0);
  pieces.save(again);
  starts.save(again);
  const size_t header = magic.size() + 8 + 4 + 8;
  EXPECT_EQ(again.str().substr(header), image.substr(header));
}
