#include <gtest/gtest.h>

#include <string>

#include "kimput/text/encoding.h"
#include "kimput/text/utf8.h"

using kimput::decode_text;

namespace {

bool any_warning_contains(const kimput::Decoded& d, const std::string& needle) {
  for (const auto& w : d.warnings)
    if (w.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST(Encoding, Utf8PassesThroughWithoutWarnings) {
  std::string s = "Caf\xC3\xA9 owners \xE2\x80\x94 \xE2\x80\x9C" "fine\xE2\x80\x9D.\n";
  auto d = decode_text(s);
  EXPECT_TRUE(d.error.empty());
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_EQ(d.text, s);
}

TEST(Encoding, BomIsDropped) {
  auto d = decode_text("\xEF\xBB\xBFHeadline\nBody.");
  EXPECT_EQ(d.text, "Headline\nBody.");
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_TRUE(d.error.empty());
  // Only a leading BOM: a U+FEFF inside the text is kept (it is text, a space to the passes).
  auto inner = decode_text("a\xEF\xBB\xBF" "b");
  EXPECT_EQ(inner.text, "a\xEF\xBB\xBF" "b");
}

TEST(Encoding, CrLfAndLoneCrBecomeLf) {
  auto d = decode_text("Title\r\n\r\nFirst para.\r\nSecond\rThird\r");
  EXPECT_EQ(d.text, "Title\n\nFirst para.\nSecond\nThird\n");
  EXPECT_TRUE(d.warnings.empty());
}

TEST(Encoding, NewlinesNormalisedAtEveryPosition) {
  EXPECT_EQ(kimput::normalize_newlines(""), "");
  EXPECT_EQ(kimput::normalize_newlines("no carriage return\n"), "no carriage return\n");
  EXPECT_EQ(kimput::normalize_newlines("\r\r\nx\n\r\ry\r\n"), "\n\nx\n\n\ny\n");
}

TEST(Encoding, InvalidUtf8BecomesReplacementWithCount) {
  // Mostly UTF-8 (with real multi-byte characters) and two stray bytes: repaired, not
  // re-interpreted as another charset, so the valid characters survive.
  std::string s = "Caf\xC3\xA9 prices \xE2\x80\x94 up \xFF again \xC3 and more.\n";
  auto d = decode_text(s);
  EXPECT_TRUE(d.error.empty());
  EXPECT_TRUE(kimput::utf8::valid(d.text));
  EXPECT_NE(d.text.find("Caf\xC3\xA9 prices \xE2\x80\x94 up "), std::string::npos) << d.text;
  size_t fffd = 0;
  for (size_t p = d.text.find("\xEF\xBF\xBD"); p != std::string::npos; p = d.text.find("\xEF\xBF\xBD", p + 1)) ++fffd;
  EXPECT_EQ(fffd, 2u) << d.text;
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_TRUE(any_warning_contains(d, "2 invalid UTF-8 sequences")) << d.warnings[0];
  EXPECT_TRUE(any_warning_contains(d, "U+FFFD"));
}

TEST(Encoding, SingleInvalidByteSaysOneSequence) {
  auto d = decode_text("Minister\xE2\x80\x99s plan \xE2\x80\x94 a \xC3\xA9t\xC3\xA9 budget \x80 today.");
  EXPECT_TRUE(kimput::utf8::valid(d.text));
  EXPECT_NE(d.text.find("Minister\xE2\x80\x99s"), std::string::npos) << d.text;
  EXPECT_TRUE(any_warning_contains(d, "1 invalid UTF-8 sequence replaced")) << (d.warnings.empty() ? "" : d.warnings[0]);
}

TEST(Encoding, Windows1252IsDetectedAndConverted) {
  // Curly quotes (0x93/0x94), an apostrophe (0x92), an en dash (0x96) and é (0xE9), as a
  // Windows-1252 web page writes them.
  std::string s =
      "The council\x92s budget vote was delayed again on Tuesday.\n\n"
      "\x93We will not approve cuts to schools,\x94 said councillor Ren\xE9" "e Dubois \x96 who chairs the "
      "finance committee \x96 after a long session. Residents who attended the meeting said they were "
      "relieved that the library would stay open for another year.\n";
  auto d = decode_text(s);
  EXPECT_TRUE(d.error.empty());
  EXPECT_TRUE(kimput::utf8::valid(d.text));
  EXPECT_NE(d.text.find("council\xE2\x80\x99s"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("\xE2\x80\x9CWe will not"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("schools,\xE2\x80\x9D"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("Ren\xC3\xA9" "e"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find(" \xE2\x80\x93 who"), std::string::npos) << d.text;
  EXPECT_EQ(d.text.find("\xEF\xBF\xBD"), std::string::npos);
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_TRUE(any_warning_contains(d, "windows-1252")) << d.warnings[0];
}

TEST(Encoding, Latin1WithCrLfIsConvertedAndNormalised) {
  std::string s = "Le ministre a annonc\xE9 la r\xE9" "forme des retraites hier soir \xE0 Paris.\r\n"
                  "Les syndicats ont d\xE9j\xE0 appel\xE9 \xE0 la gr\xE8ve pour la semaine prochaine.\r\n";
  auto d = decode_text(s);
  EXPECT_TRUE(kimput::utf8::valid(d.text));
  EXPECT_NE(d.text.find("annonc\xC3\xA9"), std::string::npos) << d.text;
  EXPECT_EQ(d.text.find('\r'), std::string::npos);
  EXPECT_FALSE(d.warnings.empty());
}

TEST(Encoding, NulBytesAreRefused) {
  std::string s("Some text\0more text", 19);
  auto d = decode_text(s);
  EXPECT_FALSE(d.error.empty());
  EXPECT_NE(d.error.find("NUL"), std::string::npos) << d.error;
  // Binary data, e.g. the start of a PNG file.
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_FALSE(decode_text(png).error.empty());
}

TEST(Encoding, Utf16IsNamedInTheError) {
  std::string s("\xFF\xFEH\0i\0", 6);
  auto d = decode_text(s);
  EXPECT_NE(d.error.find("UTF-16"), std::string::npos) << d.error;
}

TEST(Encoding, EmptyInput) {
  auto d = decode_text("");
  EXPECT_TRUE(d.error.empty());
  EXPECT_EQ(d.text, "");
  auto bom = decode_text("\xEF\xBB\xBF");
  EXPECT_EQ(bom.text, "");
}
