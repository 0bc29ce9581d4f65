#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kimput/text/utf8.h"

namespace u8 = kimput::utf8;

namespace {

// Byte offset of the start of each code point, plus the end: an independent model of
// the code-point indexing the document contract uses.
std::vector<size_t> boundaries(std::string_view s) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  out.push_back(s.size());
  return out;
}

}  // namespace

TEST(Utf8Valid, AcceptsWellFormedText) {
  EXPECT_TRUE(u8::valid(""));
  EXPECT_TRUE(u8::valid("plain ascii, long enough to take the eight-byte fast path"));
  EXPECT_TRUE(u8::valid("caf\xC3\xA9 \xE2\x80\x94 \xE4\xB8\xAD \xF0\x9F\x98\x80"));
  EXPECT_TRUE(u8::valid("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(u8::valid("\xEE\x80\x80"));      // U+E000, just past the surrogates
}

TEST(Utf8Valid, ReadsEveryByteOfLongAsciiRuns) {
  // An ill-formed byte at each place of runs of 32 and 8 ASCII bytes, and after them.
  const std::string ascii(80, 'a');
  for (size_t at = 0; at <= ascii.size(); ++at) {
    std::string s = ascii;
    s.insert(at, "\xC3\x28");  // a lead byte without its continuation
    EXPECT_FALSE(u8::valid(s)) << at;
    s = ascii;
    s.insert(at, "\xC3\xA9");  // é
    EXPECT_TRUE(u8::valid(s)) << at;
  }
}

TEST(Utf8Valid, RejectsIllFormedText) {
  for (std::string_view bad : {
           std::string_view("\x80"),                 // lone continuation
           std::string_view("\xC0\xAF"),             // overlong '/'
           std::string_view("\xC1\xBF"),             // overlong
           std::string_view("\xE0\x80\xAF"),         // overlong 3-byte
           std::string_view("\xF0\x80\x80\xAF"),     // overlong 4-byte
           std::string_view("\xED\xA0\x80"),         // surrogate U+D800
           std::string_view("\xF4\x90\x80\x80"),     // over U+10FFFF
           std::string_view("\xF5\x80\x80\x80"),     // invalid lead
           std::string_view("\xFF"),
           std::string_view("abc\xC3"),              // truncated at the end
           std::string_view("abc\xE2\x80"),          // truncated at the end
           std::string_view("abcdefgh\xF0\x9F\x98"),  // truncated after the fast path
           std::string_view("\xC3\x28"),             // bad continuation
       }) {
    EXPECT_FALSE(u8::valid(bad)) << testing::PrintToString(std::string(bad));
  }
}

TEST(Utf8AsciiLower, LowersAZOnlyAtEveryLengthAndOffset) {
  // Every length around the 8-, 16- and 32-byte steps, each with A-Z, a-z, the bytes next
  // to them, and bytes outside ASCII at every position; out's bytes past the text untouched.
  const std::string alphabet = "AZaz@[`{09 \xC3\x89\xE2\x80\x9CMixed CASE Text.";
  for (size_t n = 0; n <= 70; ++n) {
    std::string text;
    for (size_t i = 0; i < n; ++i) text += alphabet[(i * 7 + n) % alphabet.size()];
    std::string expected = text;
    for (char& c : expected)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    std::string out(n + 4, '#');
    u8::ascii_lower_into(text, out.data());
    EXPECT_EQ(out.substr(0, n), expected) << n;
    EXPECT_EQ(out.substr(n), "####") << n;
  }
}

TEST(Utf8Repair, ReplacesEachMaximalSubpartOnce) {
  size_t n = 99;
  EXPECT_EQ(u8::repair("fine", &n), "fine");
  EXPECT_EQ(n, 0u);
  // A truncated 4-byte sequence is one maximal subpart: one U+FFFD.
  EXPECT_EQ(u8::repair("a\xF0\x9F\x98" "b", &n), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(n, 1u);
  // C0 can never start a sequence: each byte is replaced (Unicode 3.9, table 3-8).
  EXPECT_EQ(u8::repair("\xC0\xAF", &n), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(n, 2u);
  // A surrogate: ED is a valid lead but A0 is not allowed after it: three replacements.
  EXPECT_EQ(u8::repair("\xED\xA0\x80", &n), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(n, 3u);
  // Valid neighbours are kept byte for byte.
  EXPECT_EQ(u8::repair("caf\xC3\xA9\xFF\xE2\x80\x94", &n), "caf\xC3\xA9\xEF\xBF\xBD\xE2\x80\x94");
  EXPECT_EQ(n, 1u);
  EXPECT_TRUE(u8::valid(u8::repair("\xFF\xFE\xFD\x80\xBF\xC2")));
}

TEST(Utf8Codec, NextPrevAppendRoundTrip) {
  for (char32_t cp : {char32_t{0x41}, char32_t{0x7F}, char32_t{0x80}, char32_t{0xE9}, char32_t{0x7FF}, char32_t{0x800},
                      char32_t{0x20AC}, char32_t{0xFFFD}, char32_t{0x10000}, char32_t{0x1F600}, char32_t{0x10FFFF}}) {
    std::string s = "x";
    u8::append(s, cp);
    s += "y";
    EXPECT_TRUE(u8::valid(s));
    size_t i = 1;
    EXPECT_EQ(u8::next(s, i), cp);
    EXPECT_EQ(i, s.size() - 1);
    EXPECT_EQ(u8::prev(s, i), cp);
    EXPECT_EQ(i, 1u);
    EXPECT_EQ(u8::count(s), 3u);
  }
}

TEST(Utf8Codec, NextOnTruncatedInputDoesNotReadPastTheEnd) {
  std::string s = "\xE2\x80";  // would need 3 bytes
  size_t i = 0;
  EXPECT_EQ(u8::next(s, i), char32_t{0xFFFD});
  EXPECT_EQ(i, s.size());
  size_t j = 0;
  EXPECT_EQ(u8::prev(s, j), char32_t{0});  // at the start: nothing before
}

TEST(Utf8Count, CountsCodePoints) {
  EXPECT_EQ(u8::count(""), 0u);
  EXPECT_EQ(u8::count("abc"), 3u);
  EXPECT_EQ(u8::count("\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80"), 5u);
}

TEST(Utf8OffsetIndex, AsciiIsIdentity) {
  std::string s(300, 'a');
  u8::OffsetIndex idx(s);
  EXPECT_EQ(idx.cp_size(), 300);
  for (size_t b : {size_t{0}, size_t{1}, size_t{63}, size_t{64}, size_t{65}, size_t{299}, size_t{300}}) {
    EXPECT_EQ(idx.to_cp(b), static_cast<int64_t>(b));
    EXPECT_EQ(idx.to_byte(static_cast<int64_t>(b)), b);
  }
  EXPECT_EQ(idx.to_cp(1000), 300);  // clamped
  EXPECT_EQ(idx.to_byte(1000), 300u);
  EXPECT_EQ(idx.to_byte(-5), 0u);
}

TEST(Utf8OffsetIndex, EmptyText) {
  u8::OffsetIndex idx("");
  EXPECT_EQ(idx.cp_size(), 0);
  EXPECT_EQ(idx.to_cp(0), 0);
  EXPECT_EQ(idx.to_byte(0), 0u);
}

// Property: over texts mixing 1- to 4-byte characters, long enough to cross many of the
// index's 64-byte blocks (with blocks starting mid-character), to_cp and to_byte agree with
// a direct count at every code-point boundary and are inverse of each other.
TEST(Utf8OffsetIndex, MatchesDirectCountEverywhere) {
  const char* pieces[] = {"a", "\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80", " ", "\xC2\xA0", "Z"};
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::string s;
    unsigned x = seed * 2654435761u;
    size_t len = 20 + seed * 13;
    for (size_t k = 0; k < len; ++k) {
      x = x * 1103515245u + 12345u;
      s += pieces[(x >> 16) % 7];
    }
    ASSERT_TRUE(u8::valid(s));
    u8::OffsetIndex idx(s);
    std::vector<size_t> b = boundaries(s);
    ASSERT_EQ(idx.cp_size(), static_cast<int64_t>(b.size() - 1));
    for (size_t cp = 0; cp < b.size(); ++cp) {
      ASSERT_EQ(idx.to_cp(b[cp]), static_cast<int64_t>(cp)) << "seed " << seed << " byte " << b[cp];
      ASSERT_EQ(idx.to_byte(static_cast<int64_t>(cp)), b[cp]) << "seed " << seed << " cp " << cp;
    }
  }
}

TEST(Utf8, IsAsciiLooksAtEveryByte) {
  EXPECT_TRUE(kimput::utf8::is_ascii(""));
  EXPECT_TRUE(kimput::utf8::is_ascii("Kim Jong Un, 2019\t{}"));
  EXPECT_FALSE(kimput::utf8::is_ascii("Kim Jong Un said \xE2\x80\x9Cno\xE2\x80\x9D"));
  EXPECT_FALSE(kimput::utf8::is_ascii(std::string_view("abc\x80", 4)));  // a stray byte, last
}

TEST(Utf8Lower, IntoAReusedBufferAsLower) {
  std::string buf = "left over from a longer string";
  for (std::string_view s : {std::string_view("Kim JONG Un"), std::string_view("\xC3\x89MILE Zola"), std::string_view(""),
                             std::string_view("STRASSE \xC3\x84RGER \xE2\x80\x99S")}) {
    EXPECT_EQ(u8::lower_into(s, buf), u8::lower(s)) << s;
    EXPECT_EQ(buf, u8::lower(s)) << s;
  }
  EXPECT_EQ(u8::lower("\xC3\x89MILE Zola"), "\xC3\xA9mile zola");
}
