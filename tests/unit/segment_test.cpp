#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kimput/text/segment.h"

using kimput::segment;
using kimput::TokenKind;

namespace {

std::vector<std::string> sentences(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& s : segment(text).sentences) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : segment(text).tokens) out.emplace_back(text.substr(t.begin, t.end - t.begin));
  return out;
}

bool has_token(std::string_view text, const std::string& tok) {
  for (const auto& t : tokens(text))
    if (t == tok) return true;
  return false;
}

using V = std::vector<std::string>;

}  // namespace

TEST(SegmentSentences, PlainSentences) {
  EXPECT_EQ(sentences("The river rose overnight. Residents fled! Was anyone hurt?"),
            (V{"The river rose overnight.", "Residents fled!", "Was anyone hurt?"}));
}

TEST(SegmentSentences, EmptyAndBlankText) {
  EXPECT_TRUE(segment("").sentences.empty());
  EXPECT_TRUE(segment("   \n\n \t ").sentences.empty());
  EXPECT_TRUE(segment("\xC2\xA0\xE2\x80\x83").sentences.empty());  // NBSP, em space
}

TEST(SegmentSentences, TitleAbbreviationsDoNotEndASentence) {
  EXPECT_EQ(sentences("Mr. Okafor met Dr. Lindqvist and Gen. Park on Friday. They spoke for an hour."),
            (V{"Mr. Okafor met Dr. Lindqvist and Gen. Park on Friday.", "They spoke for an hour."}));
  EXPECT_EQ(sentences("The mayor thanked Mrs. Adeyemi. Then she left."),
            (V{"The mayor thanked Mrs. Adeyemi.", "Then she left."}));
}

TEST(SegmentSentences, USMidSentence) {
  EXPECT_EQ(sentences("The U.S. economy grew 2 percent. Officials were pleased."),
            (V{"The U.S. economy grew 2 percent.", "Officials were pleased."}));
  EXPECT_EQ(sentences("Talks between U.S. and Chinese officials resumed. Nothing was agreed."),
            (V{"Talks between U.S. and Chinese officials resumed.", "Nothing was agreed."}));
  // A proper noun after "U.S." is still the same sentence.
  EXPECT_EQ(sentences("The U.S. Senate passed the bill on Tuesday. It now goes to the House."),
            (V{"The U.S. Senate passed the bill on Tuesday.", "It now goes to the House."}));
}

TEST(SegmentSentences, USAtTheEndOfASentence) {
  EXPECT_EQ(sentences("She moved to the U.S. The rest of her family stayed in Lagos."),
            (V{"She moved to the U.S.", "The rest of her family stayed in Lagos."}));
}

TEST(SegmentSentences, MonthAbbreviationBeforeADay) {
  EXPECT_EQ(sentences("The attacks of Sept. 11 changed the city. Rebuilding took years."),
            (V{"The attacks of Sept. 11 changed the city.", "Rebuilding took years."}));
  EXPECT_EQ(sentences("Polls close on Nov. 5 at 8 p.m. local time. Results follow."),
            (V{"Polls close on Nov. 5 at 8 p.m. local time.", "Results follow."}));
}

TEST(SegmentSentences, Initials) {
  EXPECT_EQ(sentences("J. R. Smith scored 20 points. The crowd cheered."),
            (V{"J. R. Smith scored 20 points.", "The crowd cheered."}));
  EXPECT_EQ(sentences("The novel by J.R.R. Tolkien sold well. Critics agreed."),
            (V{"The novel by J.R.R. Tolkien sold well.", "Critics agreed."}));
  EXPECT_EQ(sentences("Reporting by Anna K. Berg in Oslo. Editing by Tom Hale."),
            (V{"Reporting by Anna K. Berg in Oslo.", "Editing by Tom Hale."}));
}

TEST(SegmentSentences, ClosingQuoteStaysInItsSentence) {
  EXPECT_EQ(sentences("He told reporters: \"We are ready.\" Then he left the hall."),
            (V{"He told reporters: \"We are ready.\"", "Then he left the hall."}));
  // Curly quotes, and a question inside the quotation.
  EXPECT_EQ(sentences("\xE2\x80\x9CWho pays for this?\xE2\x80\x9D the farmer asked. Nobody answered."),
            (V{"\xE2\x80\x9CWho pays for this?\xE2\x80\x9D the farmer asked.", "Nobody answered."}));
  EXPECT_EQ(sentences("She said the plan was \xE2\x80\x9C" "dead on arrival.\xE2\x80\x9D Others disagreed."),
            (V{"She said the plan was \xE2\x80\x9C" "dead on arrival.\xE2\x80\x9D", "Others disagreed."}));
  // A single closing quote mark too.
  EXPECT_EQ(sentences("He called it \xE2\x80\x98" "a disgrace.\xE2\x80\x99 The vote went ahead."),
            (V{"He called it \xE2\x80\x98" "a disgrace.\xE2\x80\x99", "The vote went ahead."}));
}

TEST(SegmentSentences, ParagraphsAreNeverJoined) {
  // No final stop: the paragraph break still ends the sentence.
  EXPECT_EQ(sentences("Flood warning lifted\n\nThe water has receded."),
            (V{"Flood warning lifted", "The water has receded."}));
  // Even after an abbreviation that never ends a sentence.
  EXPECT_EQ(sentences("The minister met Gen.\n\nThe talks went on."), (V{"The minister met Gen.", "The talks went on."}));
  EXPECT_EQ(sentences("He flew to the U.S.\n\nthe rest stayed."), (V{"He flew to the U.S.", "the rest stayed."}));
  // And a single line break (a paragraph in a web dump) too.
  EXPECT_EQ(sentences("Headline with no stop\nBody sentence here."), (V{"Headline with no stop", "Body sentence here."}));
}

TEST(SegmentSentences, NoBreakSpaceIsSpace) {
  // NBSP between sentences and around them; it is trimmed off like a space.
  std::string text = "\xC2\xA0Mr.\xC2\xA0Kim arrived.\xC2\xA0The talks began.\xC2\xA0";
  EXPECT_EQ(sentences(text), (V{"Mr.\xC2\xA0Kim arrived.", "The talks began."}));
}

TEST(SegmentSentences, SpansAreOrderedTrimmedAndInside) {
  std::string text = "  First one.   Second one?\n\n  \xE2\x80\x9CThird,\xE2\x80\x9D he said.  \n";
  auto seg = segment(text);
  ASSERT_EQ(seg.sentences.size(), 3u);
  uint32_t last = 0;
  for (const auto& s : seg.sentences) {
    EXPECT_LE(last, s.begin);
    EXPECT_LT(s.begin, s.end);
    EXPECT_LE(s.end, text.size());
    EXPECT_NE(text[s.begin], ' ');
    EXPECT_NE(text[s.end - 1], ' ');
    EXPECT_NE(text[s.end - 1], '\n');
    last = s.end;
  }
}

TEST(SegmentTokens, AbbreviationsKeepTheirPeriod) {
  std::string text = "Mr. Okafor flew to the U.S. on Sept. 3 with J. Smith.";
  auto t = tokens(text);
  EXPECT_TRUE(has_token(text, "Mr.")) << testing::PrintToString(t);
  EXPECT_TRUE(has_token(text, "U.S.")) << testing::PrintToString(t);
  EXPECT_TRUE(has_token(text, "Sept.")) << testing::PrintToString(t);
  EXPECT_TRUE(has_token(text, "J.")) << testing::PrintToString(t);
  // The sentence's own final period is a token of its own.
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(t.back(), ".");
  EXPECT_EQ(t[t.size() - 2], "Smith");
}

TEST(SegmentTokens, WordsNumbersPunctuationNoSpace) {
  std::string text = "Prices rose 4.5 percent,\xC2\xA0officials said.";
  auto seg = segment(text);
  V got;
  std::vector<TokenKind> kinds;
  for (const auto& t : seg.tokens) {
    got.emplace_back(text.substr(t.begin, t.end - t.begin));
    kinds.push_back(t.kind);
  }
  EXPECT_EQ(got, (V{"Prices", "rose", "4.5", "percent", ",", "officials", "said", "."}));
  ASSERT_EQ(kinds.size(), 8u);
  EXPECT_EQ(kinds[0], TokenKind::Word);
  EXPECT_EQ(kinds[2], TokenKind::Number);
  EXPECT_EQ(kinds[4], TokenKind::Punct);
  EXPECT_EQ(kinds[7], TokenKind::Punct);
}

TEST(SegmentTokens, UnicodeSpacesAreNotTokens) {
  // NBSP, thin space, narrow NBSP, ideographic space, zero-width space.
  std::string text = "a\xC2\xA0" "b\xE2\x80\x89" "c\xE2\x80\xAF" "d\xE3\x80\x80" "e";
  EXPECT_EQ(tokens(text), (V{"a", "b", "c", "d", "e"}));
}

TEST(SegmentTokens, TokensKnowTheirSentence) {
  std::string text = "Mr. Lee won. The count took two days.\n\nAppeals follow";
  auto seg = segment(text);
  ASSERT_EQ(seg.sentences.size(), 3u);
  ASSERT_EQ(seg.first_token.size(), 3u);
  for (size_t i = 0; i < seg.tokens.size(); ++i) {
    const auto& t = seg.tokens[i];
    ASSERT_LT(t.sentence, seg.sentences.size());
    const auto& s = seg.sentences[t.sentence];
    EXPECT_GE(t.begin, s.begin);
    EXPECT_LE(t.end, s.end);
  }
  for (size_t si = 0; si < 3; ++si) {
    uint32_t ft = seg.first_token[si];
    ASSERT_LT(ft, seg.tokens.size());
    EXPECT_EQ(seg.tokens[ft].begin, seg.sentences[si].begin);
    EXPECT_EQ(seg.tokens[ft].sentence, si);
  }
  EXPECT_EQ(text.substr(seg.tokens[0].begin, seg.tokens[0].end - seg.tokens[0].begin), "Mr.");
}

TEST(SegmentSpace, IsSpace) {
  for (char32_t c : {char32_t{' '}, char32_t{'\t'}, char32_t{'\n'}, char32_t{0xA0}, char32_t{0x2003}, char32_t{0x2009},
                     char32_t{0x202F}, char32_t{0x3000}, char32_t{0x200B}, char32_t{0xFEFF}})
    EXPECT_TRUE(kimput::is_space(c)) << std::hex << static_cast<uint32_t>(c);
  for (char32_t c : {char32_t{'a'}, char32_t{'.'}, char32_t{0x201C}, char32_t{0x2014}, char32_t{0xFFFD}})
    EXPECT_FALSE(kimput::is_space(c)) << std::hex << static_cast<uint32_t>(c);
}

TEST(SegmentStress, LongTextWithoutStopsAndOddInput) {
  // A long run with no sentence end, and only punctuation: no crash, spans inside the text.
  std::string text(200000, 'x');
  for (size_t i = 100; i < text.size(); i += 101) text[i] = ' ';
  auto seg = segment(text);
  ASSERT_FALSE(seg.sentences.empty());
  EXPECT_LE(seg.sentences.back().end, text.size());
  auto p = segment("... !!! ??? \xE2\x80\xA6");
  for (const auto& s : p.sentences) EXPECT_LT(s.begin, s.end);
  auto r = segment("\xEF\xBF\xBD\xEF\xBF\xBD. \xEF\xBF\xBD.");
  EXPECT_FALSE(r.sentences.empty());
}
