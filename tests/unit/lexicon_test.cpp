// Unit tests of building the lexicon: what its start-up shortcuts (a user's file's UTF-8
// checked at once, the tabs of a line found in one pass, the entries of a name indexed
// without a sort) must not change, and what they rely on (the built-in files are UTF-8).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "kimput/entities/lexicon.h"
#include "kimput/resources.h"
#include "kimput/text/utf8.h"

#include "temp_file.h"

namespace {

std::string load_error(const std::string& path) {
  try {
    kimput::Lexicon lex({path});
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(LexiconLoad, InvalidUtf8NamesTheFileAndLine) {
  // Accented names before the bad line: the first line that is not UTF-8 is the one named.
  TempFile f("kimput_lexicon_bad_utf8.tsv",
             "# comment\nGPE\tkimput:a\tÅlesund Bay\t-\t-\nORG\tkimput:b\tB \xC3 Corp\t-\t-\nORG\tkimput:c\tC\xFF\t-\t-\n");
  EXPECT_EQ(load_error(f.path), f.path + ":3: not valid UTF-8");
}

TEST(LexiconLoad, AnEarlierMalformedLineIsReportedFirst) {
  TempFile f("kimput_lexicon_bad_cols.tsv", "ORG\tkimput:b\tB\t-\nORG\tkimput:c\tC\xFF\t-\t-\n");
  EXPECT_EQ(load_error(f.path), f.path + ":1: expected 5 tab-separated columns (type, id, name, aliases, attributes), found 4");
}

TEST(LexiconLoad, ValidUserFileAddsItsEntries) {
  TempFile f("kimput_lexicon_good.tsv", "GPE\tkimput:alesund-bay\tÅlesund Bay\tÅlesund Bight|  \t-\r\n\n");
  kimput::Lexicon lex({f.path});
  const uint32_t i = lex.find_id("kimput:alesund-bay");
  ASSERT_NE(i, kimput::Lexicon::kNone);
  EXPECT_EQ(lex.entry(i).name, "Ålesund Bay");
  std::vector<std::string_view> aliases = lex.entry(i).aliases();
  ASSERT_EQ(aliases.size(), 1u);
  EXPECT_EQ(aliases[0], "Ålesund Bight");
  uint32_t node = kimput::Lexicon::kRoot;
  for (const std::string& k : kimput::name_keys("Ålesund Bight")) node = lex.child(node, k);
  ASSERT_NE(node, kimput::Lexicon::kNone);
  ASSERT_EQ(lex.entries_at(node).size(), 1u);
  EXPECT_EQ(lex.entries_at(node)[0], i);
}

TEST(LexiconParse, ColumnsAtEveryOffsetAroundSixteenBytes) {
  // The tabs are found sixteen bytes at a time, then in the last sixteen: every column must
  // come out whole wherever its tabs fall, in short lines and long ones.
  for (size_t pad = 0; pad < 40; ++pad) {
    // Strings appended to, not literal + std::string (GCC 12 warns of -Wrestrict there).
    std::string id = "kimput:", name = "N", aliases = "A", country = "iso:";
    id.append(pad, 'i');
    name.append(pad % 7, 'n');
    aliases.append(pad % 5, 'a').append("|B");
    country.append(pad % 3, 'X');
    const std::string line = "ORG\t" + id + "\t" + name + "\t" + aliases + "\tcountry=" + country;
    std::string err;
    const auto e = kimput::parse_lexicon_line(line, &err);
    ASSERT_TRUE(e) << line << ": " << err;
    EXPECT_EQ(e->id, id);
    EXPECT_EQ(e->name, name);
    EXPECT_EQ(e->alias_list, aliases);
    EXPECT_EQ(e->country, country);
    for (const std::string& bad : {line + "\t-", line.substr(0, line.rfind('\t'))}) {
      EXPECT_FALSE(kimput::parse_lexicon_line(bad, &err));
      const size_t cols = std::count(bad.begin(), bad.end(), '\t') + 1;
      EXPECT_EQ(err, "expected 5 tab-separated columns (type, id, name, aliases, attributes), found " + std::to_string(cols));
    }
  }
  // Under sixteen bytes.
  std::string err;
  const auto e = kimput::parse_lexicon_line("GPE\tg\tAb\t-\t-", &err);
  ASSERT_TRUE(e) << err;
  EXPECT_EQ(e->id, "g");
  EXPECT_EQ(e->name, "Ab");
  EXPECT_FALSE(kimput::parse_lexicon_line("GPE\tg\tAb\t-", &err));
  EXPECT_EQ(err, "expected 5 tab-separated columns (type, id, name, aliases, attributes), found 4");
}

TEST(LexiconLoad, UserEntryWithABuiltInIdAddsItsNamesToThatEntry) {
  const kimput::Lexicon builtin;
  TempFile f("kimput_lexicon_same_id.tsv", "PERSON\tQ7747\tVova Putin\tVova\t-\nORG\tkimput:after\tAfter Corp\t-\t-\n");
  kimput::Lexicon lex({f.path});
  // One entry more (the second line's); the first gave its names to the built-in one.
  EXPECT_EQ(lex.size(), builtin.size() + 1);
  const uint32_t putin = lex.find_id("Q7747");
  ASSERT_NE(putin, kimput::Lexicon::kNone);
  EXPECT_EQ(lex.entry(putin).name, builtin.entry(builtin.find_id("Q7747")).name);
  for (std::string_view name : {"Vova", "Vova Putin"}) {
    uint32_t node = kimput::Lexicon::kRoot;
    for (const std::string& k : kimput::name_keys(name)) node = lex.child(node, k);
    ASSERT_NE(node, kimput::Lexicon::kNone) << name;
    ASSERT_EQ(lex.entries_at(node).size(), 1u) << name;
    EXPECT_EQ(lex.entries_at(node)[0], putin) << name;
  }
  EXPECT_EQ(lex.entry(lex.find_id("kimput:after")).name, "After Corp");
}

TEST(LexiconLoad, EntriesOfANameComeBestFirstAndOnce) {
  // Unambiguous before ambiguous, capitals first, then in the order added; an entry whose
  // name and alias give the same keys is there once.
  TempFile f("kimput_lexicon_order.tsv",
             "GPE\tkimput:amb\tZorbly\t-\tambiguous=1\n"
             "GPE\tkimput:plain\tZorbly\tZorbly\t-\n"
             "GPE\tkimput:plain2\tZorbly Town\tZorbly\t-\n"
             "GPE\tkimput:cap\tZorbly City\tZorbly\tcapital=1\n");
  kimput::Lexicon lex({f.path});
  uint32_t node = kimput::Lexicon::kRoot;
  for (const std::string& k : kimput::name_keys("Zorbly")) node = lex.child(node, k);
  ASSERT_NE(node, kimput::Lexicon::kNone);
  std::vector<std::string_view> ids;
  for (uint32_t e : lex.entries_at(node)) ids.push_back(lex.entry(e).id);
  EXPECT_EQ(ids, (std::vector<std::string_view>{"kimput:cap", "kimput:plain", "kimput:plain2", "kimput:amb"}));
}

TEST(LexiconData, BuiltInFilesAreValidUtf8) {
  // The lexicon trusts its embedded files to be UTF-8 and does not check them at start-up.
  size_t files = 0;
  for (const std::string& f : kimput::embedded_files("lexicon/")) {
    if (f.size() < 4 || f.compare(f.size() - 4, 4, ".tsv") != 0) continue;
    ++files;
    EXPECT_TRUE(kimput::utf8::valid(kimput::embedded(f))) << f;
  }
  EXPECT_GT(files, 0u);
}

// A name's keys split at white space and at each separator, which is a key of its own,
// wherever they fall in a long run of letters (read eight bytes a step), and a byte from
// 0x80 that is no separator stays in its word.
TEST(LexiconKeys, LongWordsSplitAtEverySeparator) {
  using Keys = std::vector<std::string>;
  EXPECT_EQ(kimput::name_keys("Vandenbroucke-Oosterhuis Holdings"), (Keys{"Vandenbroucke", "-", "Oosterhuis", "Holdings"}));
  EXPECT_EQ(kimput::name_keys("Internationalisation&Co"), (Keys{"Internationalisation", "&", "Co"}));
  EXPECT_EQ(kimput::name_keys("ABCDEFGH(IJ)"), (Keys{"ABCDEFGH", "(", "IJ", ")"}));
  EXPECT_EQ(kimput::name_keys("Z\xC3\xBCrichbergstrasse Ost"), (Keys{"Z\xC3\xBCrichbergstrasse", "Ost"}));
  EXPECT_EQ(kimput::name_keys("Abcdefg/Hijklmnopq, Rst"), (Keys{"Abcdefg", "/", "Hijklmnopq", ",", "Rst"}));
}
