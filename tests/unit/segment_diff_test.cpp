// The fast word splitter (text/fast_words.h) and segment()'s fast path against ICU:
// the same segments, statuses and tokens, exhaustively for short strings and at random for
// long ones (fixed seeds: the same strings every run).
#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/unistr.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "kimput/text/segment.h"
#include "kimput/text/fast_words.h"

using kimput::SegmentOptions;
using kimput::SegmentStats;

namespace {

struct Piece {
  uint32_t begin, end;
  int32_t status;
  bool operator==(const Piece&) const = default;
};

class IcuWords {
 public:
  IcuWords() {
    UErrorCode st = U_ZERO_ERROR;
    it_.reset(icu::BreakIterator::createWordInstance(icu::Locale("en"), st));
    EXPECT_TRUE(U_SUCCESS(st));
  }
  // Segments in byte offsets (text: valid UTF-8 of the Basic Multilingual Plane).
  std::vector<Piece> pieces(const std::string& text) {
    s_ = icu::UnicodeString::fromUTF8(text);
    byte_.clear();
    for (uint32_t i = 0; i < text.size(); ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byte_.push_back(i);
    byte_.push_back(static_cast<uint32_t>(text.size()));
    it_->setText(s_);
    std::vector<Piece> out;
    for (int32_t a = it_->first(), b = it_->next(); b != icu::BreakIterator::DONE; a = b, b = it_->next())
      out.push_back({byte_[static_cast<size_t>(a)], byte_[static_cast<size_t>(b)], it_->getRuleStatus()});
    return out;
  }

 private:
  std::unique_ptr<icu::BreakIterator> it_;
  icu::UnicodeString s_;
  std::vector<uint32_t> byte_;
};

std::vector<Piece> fast_pieces(const std::string& text) {
  std::vector<Piece> out;
  kimput::fast_words::for_each_segment(text, 0, static_cast<uint32_t>(text.size()),
                                         [&](uint32_t a, uint32_t b, int32_t st) { out.push_back({a, b, st}); });
  return out;
}

std::string show(const std::string& text, const std::vector<Piece>& ps) {
  std::string out;
  for (const Piece& p : ps) out.append("[").append(text, p.begin, p.end - p.begin).append("]").append(std::to_string(p.status)).append(" ");
  return out;
}

std::string escaped(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F) out += static_cast<char>(c);
    else out.append("\\x").append(1, "0123456789abcdef"[c >> 4]).append(1, "0123456789abcdef"[c & 15]);
  }
  return out;
}

// Counts mismatches and reports the first few.
struct PieceChecker {
  IcuWords icu;
  int failures = 0;
  void check(const std::string& text) {
    auto want = icu.pieces(text);
    auto got = fast_pieces(text);
    if (want != got && ++failures <= 10)
      ADD_FAILURE() << "\"" << escaped(text) << "\": ICU " << show(text, want) << " fast " << show(text, got);
  }
};

struct TokenChecker {
  int failures = 0;
  SegmentStats stats;
  bool allow_fallback = false;  // a fall back to ICU alone is a failure unless allowed
  void check(const std::string& text) {
    auto want = kimput::segment(text, SegmentOptions{.force_icu = true});
    uint64_t fallbacks = stats.fallbacks;
    auto got = kimput::segment(text, SegmentOptions{.stats = &stats});
    if (stats.fallbacks != fallbacks && !allow_fallback && ++failures <= 10) ADD_FAILURE() << "\"" << escaped(text) << "\": fell back to ICU";
    bool same = want.tokens.size() == got.tokens.size();
    for (size_t i = 0; same && i < want.tokens.size(); ++i) {
      const auto &w = want.tokens[i], &g = got.tokens[i];
      same = w.begin == g.begin && w.end == g.end && w.kind == g.kind && w.sentence == g.sentence;
    }
    same = same && want.first_token == got.first_token && want.sentences.size() == got.sentences.size();
    for (size_t i = 0; same && i < want.sentences.size(); ++i)
      same = want.sentences[i].begin == got.sentences[i].begin && want.sentences[i].end == got.sentences[i].end;
    if (!same && ++failures <= 10) {
      std::string ws, gs;
      for (const auto& t : want.tokens) ws.append("[").append(text, t.begin, t.end - t.begin).append("]").append(std::to_string(int(t.kind))).append(" ");
      for (const auto& t : got.tokens) gs.append("[").append(text, t.begin, t.end - t.begin).append("]").append(std::to_string(int(t.kind))).append(" ");
      ADD_FAILURE() << "\"" << escaped(text) << "\":\n  ICU  " << escaped(ws) << "\n  fast " << escaped(gs);
    }
  }
};

// One character of each kind the rules tell apart, and more.
const std::string kRepresentatives = std::string("aZ09_.',;: \t\n\r\v\f-\"!#@/$%&?()[]+=~") + '\x01' + '\x7f' + '\0';

// The non-ASCII characters the fast path handles: NBSP, ‘ ’ “ ” – — …
const std::vector<std::string> kHandled = {"\xC2\xA0",     "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C",
                                           "\xE2\x80\x9D", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA6"};

// Checks every string of 1 to max_len units.
void check_all(PieceChecker& c, const std::vector<std::string>& units, size_t max_len) {
  std::string s;
  auto rec = [&](auto&& self, size_t len) -> void {
    if (len > 0) c.check(s);
    if (len == max_len) return;
    for (const std::string& u : units) {
      s += u;
      self(self, len + 1);
      s.resize(s.size() - u.size());
    }
  };
  rec(rec, 0);
}

}  // namespace

TEST(AsciiWordBreak, EveryStringOfOneOrTwoCharacters) {
  PieceChecker c;
  for (int x = 0; x < 128; ++x) {
    c.check(std::string(1, static_cast<char>(x)));
    for (int y = 0; y < 128; ++y) c.check({static_cast<char>(x), static_cast<char>(y)});
  }
  EXPECT_EQ(c.failures, 0);
}

TEST(AsciiWordBreak, EveryCharacterBetweenTwoOthers) {
  PieceChecker c;
  for (int m = 0; m < 128; ++m)
    for (char x : kRepresentatives)
      for (char y : kRepresentatives) c.check({x, static_cast<char>(m), y});
  EXPECT_EQ(c.failures, 0);
}

TEST(AsciiWordBreak, EveryShortStringOverTheClasses) {
  PieceChecker c;
  const std::string alphabet = "a1_.',;: \r\n-";
  std::string s;
  auto rec = [&](auto&& self, size_t len) -> void {
    if (len > 0) c.check(s);
    if (len == 5) return;
    for (char ch : alphabet) {
      s.push_back(ch);
      self(self, len + 1);
      s.pop_back();
    }
  };
  rec(rec, 0);
  // Longer, over the characters that join.
  const std::string joiners = "aZ@7_.',;";
  for (int len = 6; len <= 6; ++len) {
    std::vector<int> idx(static_cast<size_t>(len), 0);
    for (;;) {
      s.clear();
      for (int i : idx) s.push_back(joiners[static_cast<size_t>(i)]);
      c.check(s);
      size_t k = 0;
      while (k < idx.size() && ++idx[k] == static_cast<int>(joiners.size())) idx[k++] = 0;
      if (k == idx.size()) break;
    }
  }
  EXPECT_EQ(c.failures, 0);
}

TEST(FastWordBreak, EveryStringOfUpToThreeWithTheNonAsciiCharacters) {
  PieceChecker c;
  std::vector<std::string> units = kHandled;
  for (char x : kRepresentatives) units.emplace_back(1, x);
  check_all(c, units, 3);
  EXPECT_EQ(c.failures, 0);
}

TEST(FastWordBreak, EveryShortStringOverTheClassesWithTheNonAsciiCharacters) {
  PieceChecker c;
  std::vector<std::string> units = kHandled;
  for (char x : std::string("a1_.',; \n")) units.emplace_back(1, x);
  check_all(c, units, 4);
  check_all(c, {"a", "7", ".", ",", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9D", "\xC2\xA0"}, 5);
  EXPECT_EQ(c.failures, 0);
}

TEST(FastWordBreak, RandomStrings) {
  PieceChecker c;
  std::mt19937 rng(5);
  std::vector<std::string> units = kHandled;
  for (char x : std::string("aaaaabbbcXYZ0001119__...''',,;;:  \n\r\t-\"!?/@#$%()")) units.emplace_back(1, x);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (size_t k = 1 + rng() % 30; k > 0; --k) s += units[rng() % units.size()];
    c.check(s);
  }
  EXPECT_EQ(c.failures, 0);
}

TEST(AsciiWordBreak, RandomStrings) {
  PieceChecker c;
  std::mt19937 rng(7);
  const std::string weighted = "aaaaabbbcXYZ0001119__...''',,;;:  \n\r\t-\"!?/@#$%()";
  for (int n = 0; n < 20000; ++n) {
    std::string s(1 + rng() % 40, ' ');
    for (char& ch : s) ch = rng() % 8 == 0 ? static_cast<char>(rng() % 128) : weighted[rng() % weighted.size()];
    c.check(s);
  }
  EXPECT_EQ(c.failures, 0);
}

TEST(SegmentFastPath, SameTokensAsIcuOnNewsCases) {
  TokenChecker c;
  for (const char* s : {
           "U.S.", "e.g.", "3.5", "1,000", "can't", "rock'n'roll", "Jong-un", "--", "...", "a.b.c", "x_y", "#tag",
           "@user", "http://x.y/z?q=1", "$5.2bn", "9/11", "Mr.", "p.m.", "The end.", "U.S.A.", "J.R.R. Tolkien",
           "Mr. Smith went to Washington. He said: \"No.\"", "It's 5 p.m. in the U.S. Now what?", "1.5.2019",
           "a.m.-p.m.", "U.S.-led", "x.", ".x", "'quoted'", "\"double\"", "3,5;7", "1,,2", "a..b", "Sept. 11, 2001",
           "email: jo.doe@example.com", "C++ and C#", "50%", "1990s", "'90s", "F-16", "M&A", "AT&T", "Yahoo!",
           "\r\n\r\n", "a\r\nb", "tab\tseparated\tvalues", "trailing period.", "  leading spaces", "Inc. Ltd. Co.",
           "No. 10 Downing St.", "Gov. Jerry Brown", "ca. 1900", "vs.", "A.", "a. b. c.", "U.S.' role", "U.K.'s",
       })
    c.check(s);
  EXPECT_EQ(c.failures, 0);
  EXPECT_EQ(c.stats.fallbacks, 0u);
}

TEST(SegmentFastPath, SameTokensAsIcuOnRandomAsciiText) {
  TokenChecker c;
  std::mt19937 rng(11);
  const std::vector<std::string> words = {"the", "U.S.", "Mr.", "Dr.", "said", "3.5", "1,000", "can't", "e.g.", "J.",
                                          "p.m.", "Sept.", "x_y", "9/11", "$5", "--", "...", "\"", "'", "(", ")",
                                          ",", ".", "?", "!", ":", ";", "The", "Inc.", "a.b", "1990s", "No."};
  const std::vector<std::string> gaps = {" ", " ", " ", "", "\n", "\n\n", "  ", "\t", "\r\n"};
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    int len = 1 + static_cast<int>(rng() % 30);
    for (int i = 0; i < len; ++i) s += words[rng() % words.size()] + gaps[rng() % gaps.size()];
    c.check(s);
  }
  EXPECT_EQ(c.failures, 0);
  EXPECT_EQ(c.stats.fallbacks, 0u);
  EXPECT_EQ(c.stats.icu_bytes, 0u);
}

TEST(SegmentFastPath, SameTokensAsIcuOnRandomMixedText) {
  TokenChecker c;
  std::mt19937 rng(13);
  // ASCII pieces and non-ASCII ones: curly quotes and dashes, spaces ICU treats specially
  // (NBSP, U+202F which joins words, U+2003), letters, a combining accent, ZWJ, soft hyphen,
  // one dot leader (MidNumLet), fullwidth stop, an emoji, a flag, Thai, Chinese, Hebrew.
  const std::vector<std::string> parts = {
      "a", "Zed", "7", "3.5", "_", ".", "'", ",", ";", ":", "-", " ", " ", "  ", "\n", "\r\n", "\t", "U.S.", "Mr.",
      "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA6",
      "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x83", "\xC3\xA9", "caf\xC3\xA9", "\xCC\x81", "\xE2\x80\x8D", "\xC2\xAD",
      "\xE2\x80\xA4", "\xEF\xBC\x8E", "\xF0\x9F\x98\x80", "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7", "\xE0\xB8\x81\xE0\xB8\xB2",
      "\xE4\xB8\xAD\xE6\x96\x87", "\xD7\xA9\xD7\x9C", "\xC2\x85", "\xE2\x80\xA8", "\xD0\x9C\xD0\xBE", "@", "jo@x.com",
      "it\xE2\x80\x99s", "9\xE2\x80\x99", "\xE2\x80\x9CQuote,\xE2\x80\x9D", "\xC2\xA0\xC2\xA0", "1\xE2\x80\xAF" "000"};
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    int len = 1 + static_cast<int>(rng() % 25);
    for (int i = 0; i < len; ++i) s += parts[rng() % parts.size()];
    c.check(s);
  }
  EXPECT_EQ(c.failures, 0);
  EXPECT_EQ(c.stats.fallbacks, 0u);
  EXPECT_GT(c.stats.fast_bytes, 0u);
  EXPECT_GT(c.stats.icu_bytes, 0u);
}

TEST(SegmentFastPath, SameTokensAsIcuOnInvalidUtf8) {
  // Documents are repaired to valid UTF-8 before segmentation; should a text be invalid,
  // the tokens are still the same both ways (by falling back to ICU where needed). (Not
  // every invalid text: segment() crashes on "\xC2 \xA0" either way, as it did before.)
  TokenChecker c;
  c.allow_fallback = true;
  for (const char* s : {"ab\xE2\x80 cd", "\x80\x80 x", "it\xE2\x80\x99", "caf\xC3", "1\xE2\x80\xAF" "000 \xFF"})
    c.check(s);
  EXPECT_EQ(c.failures, 0);
}

// The sentence iterator reads the text less the inside of long stretches far from any
// terminator, line break or unusual character (segment.cpp, sentence_cuts): the sentences
// are the same as over the whole text. Long stretches (cut) next to everything the
// sentence rules and ICU's "en" suppressions look at; "Job." or "Approx." before a capital
// (ICU's suppressions, not kimput's abbreviations) give one sentence only when ICU reads
// the word whole.
TEST(SegmentFastPath, SameSentencesAsIcuOverTheWholeText) {
  TokenChecker c;
  std::mt19937 rng(17);
  const std::vector<std::string> near = {
      ".", ". ", "? ", "! ", "...", ".\"", ".\" ", ".) ", ".' ", "\n", "\n\n", "\r\n", " Mr. ", " Mrs. ", " U.S. ",
      " U.S.A. ", " Ph.D. ", " Hon.B.A. ", " Lt.Cdr. ", " S.p.A. ", " e.g. ", " etc. ", " a.m. ", " No. ", " J. ",
      " Sept. ", " 3.5 ", " 1,000 ", " Inc. ", " (AP) ", " \xE2\x80\x9C", "\xE2\x80\x9D ", ".\xE2\x80\x9D ",
      "?\xE2\x80\x9D ", " \xE2\x80\x94 ", "\xE2\x80\x99s ", "\xC2\xA0", " caf\xC3\xA9 ", "\xE2\x80\xA6 ",
      "\xE2\x80\x8B", "\xC2\xAD", " \xE4\xB8\xAD ", "\t", " -- ", ": ", "; ", ", ", ". The ", ". He ", ". he ", ".  The ", ".A. ", ".D. "};
  const std::vector<std::string> words = {"the", "said", "a", "of", "government", "and", "it", "on", "Tuesday", "X",
                                          "Smith", "would", "be", "in", "that", "is", "1990", "mr", "dr", "us", "e",
                                          "ok", "co", "(", ")", "'", "\"", "Job", "Joe", "Approx", "Phys", "Act", "Hon.B", "Lt.Cdr",
                                          "S.p", "Ph", "D"};
  auto stretch = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + words[rng() % words.size()];
    return s;
  };
  for (int n = 0; n < 4000; ++n) {
    std::string s;
    int parts = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < parts; ++i) {
      s += stretch(static_cast<int>(rng() % 16));
      s += near[rng() % near.size()];
      if (rng() % 3 == 0) s += near[rng() % near.size()];
    }
    c.check(s);
  }
  EXPECT_EQ(c.failures, 0);
  // Every word of the stretches next to every neighbour, with a stretch long enough to be cut.
  const std::string long_stretch = "and the government said on tuesday that it would be in the city for a while";
  for (const std::string& a : near)
    for (const std::string& b : near)
      for (const std::string& w : words) {
        c.check(long_stretch + a + w + " " + long_stretch + b + long_stretch);
        c.check(w + a + long_stretch + b + w + long_stretch + a);
      }
  EXPECT_EQ(c.failures, 0);
}

// segment() applies ICU's "en" suppressions itself (over the rule iterator's boundaries):
// the sentences are those of ICU's filter for every entry of ICU's list, after and before
// the characters the filter reads (a space or two, closing marks, letters that make a
// longer or a partial entry, other anchors of sentence_cuts(), a character outside the BMP),
// alone and in pairs, in short texts and in long ones (which sentence_cuts() cuts).
TEST(SegmentFastPath, SameSentencesAsIcuAroundEverySuppression) {
  UErrorCode st = U_ZERO_ERROR;
  UResourceBundle* brkitr = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "en", &st);
  UResourceBundle* exceptions = ures_getByKey(brkitr, "exceptions", nullptr, &st);
  UResourceBundle* list = ures_getByKey(exceptions, "SentenceBreak", nullptr, &st);
  std::vector<std::string> entries;
  for (int32_t i = 0; U_SUCCESS(st) && i < ures_getSize(list); ++i) {
    int32_t len = 0;
    const UChar* w = ures_getStringByIndex(list, i, &len, &st);
    std::string s;
    icu::UnicodeString(w, len).toUTF8String(s);
    entries.push_back(s);
  }
  ures_close(list);
  ures_close(exceptions);
  ures_close(brkitr);
  ASSERT_TRUE(U_SUCCESS(st)) << u_errorName(st);
  ASSERT_GT(entries.size(), 100u);
  TokenChecker c;
  const std::string long_stretch = "and the government said on tuesday that it would be in the city for a while";
  const std::vector<std::string> before = {"", "x", "X", "(", "\"", "a.", "U.", "Ph.", "Hon.", "\xF0\x9F\x98\x80",
                                           "!", "?\n", "\xC3\xA9", "\xC2\xAD"};
  const std::vector<std::string> after = {" The", " the", "  The", " 1", "\" The", ") The", "The", "\n", "", ".",
                                          " D. Smith", "D. X", "S. A", "A. The", "\xE2\x80\x9D The", " \xF0\x9F\x98\x80",
                                          "! The", "? the", "\xCC\x81 The", "\xC2\xAD the", " \xC3\x89t\xC3\xA9"};
  for (const std::string& w : entries)
    for (const std::string& b : before)
      for (const std::string& a : after) {
        c.check("He met " + b + w + a + " went. Then");
        c.check(long_stretch + " " + b + w + a + " " + long_stretch + ".");
      }
  for (const std::string& w : entries)
    for (const std::string& v : entries) c.check("Met " + w + " " + v + " The " + w + v + " x");
  // Near misses, which drops() rules out from the units before the period without the trie:
  // one of the two characters before an entry's final period changed; and an entry's last
  // one or two characters at the very start of the text.
  for (const std::string& w : entries)
    for (size_t k = 2; k <= 3 && k <= w.size(); ++k) {
      for (const char x : {'x', 'Q', '.', '1', ' '}) {
        std::string m = w;
        m[w.size() - k] = x;
        c.check("He met " + m + " The end. Then");
        c.check(m + " The end.");
      }
      c.check(w.substr(w.size() - k) + " The end.");
    }
  EXPECT_EQ(c.failures, 0);
}
