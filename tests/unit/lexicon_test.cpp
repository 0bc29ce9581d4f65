// Unit tests of building the lexicon: what its start-up shortcuts (a user's file's UTF-8
// checked at once, the tabs of a line found in one pass, the entries of a name indexed
// without a sort) must not change, and what they rely on (the built-in files are UTF-8).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
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

namespace {

// Every field of two lexicons' entries, and where each entry's name and aliases lead in
// their tries: the same nodes, with the same entries, best first.
void expect_same_lexicon(const kimput::Lexicon& a, const kimput::Lexicon& b) {
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.max_alias_tokens(), b.max_alias_tokens());
  for (uint32_t i = 0; i < a.size(); ++i) {
    const kimput::LexEntry& x = a.entry(i);
    const kimput::LexEntry& y = b.entry(i);
    ASSERT_EQ(x.id, y.id) << i;
    EXPECT_EQ(x.type, y.type) << x.id;
    EXPECT_EQ(std::tie(x.ambiguous, x.capital, x.nation, x.female, x.building, x.rank, x.born, x.died),
              std::tie(y.ambiguous, y.capital, y.nation, y.female, y.building, y.rank, y.born, y.died))
        << x.id;
    EXPECT_EQ(std::tie(x.name, x.family, x.country, x.alias_list, x.local), std::tie(y.name, y.family, y.country, y.alias_list, y.local))
        << x.id;
    ASSERT_EQ(x.facts == nullptr, y.facts == nullptr) << x.id;
    if (x.facts) {
      ASSERT_EQ(x.offices().size(), y.offices().size()) << x.id;
      for (size_t k = 0; k < x.offices().size(); ++k)
        EXPECT_EQ(std::tie(x.offices()[k].from, x.offices()[k].to, x.offices()[k].title),
                  std::tie(y.offices()[k].from, y.offices()[k].to, y.offices()[k].title))
            << x.id;
      EXPECT_EQ(x.facts->roles, y.facts->roles) << x.id;
      EXPECT_EQ(x.facts->epithets, y.facts->epithets) << x.id;
      EXPECT_EQ(x.facts->kin, y.facts->kin) << x.id;
    }
    std::vector<std::string_view> names = x.aliases();
    names.push_back(x.name);
    for (std::string_view name : names) {
      uint32_t na = kimput::Lexicon::kRoot, nb = kimput::Lexicon::kRoot;
      for (const std::string& k : kimput::name_keys(name)) {
        na = na == kimput::Lexicon::kNone ? na : a.child(na, k);
        nb = nb == kimput::Lexicon::kNone ? nb : b.child(nb, k);
      }
      ASSERT_EQ(na, nb) << name;
      if (na == kimput::Lexicon::kNone) continue;
      std::span<const uint32_t> ea = a.entries_at(na), eb = b.entries_at(nb);
      EXPECT_TRUE(std::equal(ea.begin(), ea.end(), eb.begin(), eb.end())) << name;
    }
  }
  for (std::string_view family : {"Kim", "Putin", "Trump", "Zorblyson", "Nobodyhasthisname"}) {
    const std::vector<uint32_t>* pa = a.persons_with_family(family);
    const std::vector<uint32_t>* pb = b.persons_with_family(family);
    ASSERT_EQ(pa == nullptr, pb == nullptr) << family;
    if (pa) {
      EXPECT_EQ(*pa, *pb) << family;
    }
  }
}

}  // namespace

// The image embedded at build time is the built-in lexicon's tables, and reading it back
// gives the lexicon that parsing the files gives.
TEST(LexiconImage, ReadsBackAsTheLexiconOfTheFiles) {
  const kimput::Lexicon parsed({}, kimput::Lexicon::Source::Data);
  const kimput::Lexicon loaded;
  EXPECT_FALSE(parsed.from_image());
  ASSERT_TRUE(loaded.from_image());
  const std::string image = parsed.image();
  EXPECT_EQ(image, kimput::detail::lexicon_image());
  EXPECT_EQ(loaded.image(), image);  // everything the image holds is read back
  expect_same_lexicon(parsed, loaded);
}

// A user's file read after the image is indexed with the built-in names as when all were
// parsed: a new entry (with the spelling variants of a hyphenated name), names given to a
// built-in entry, a family shared with built-in people.
TEST(LexiconImage, UserFileAfterTheImageGivesTheSameLexicon) {
  TempFile f("kimput_lexicon_after_image.tsv",
             "PERSON\tkimput:zorblyson\tKim Zor-bly\tZorbly Zorblyson\t-\n"
             "PERSON\tQ7747\tVova Putin\tVova\t-\n"
             "GPE\tkimput:zorbly\tPyongyang\tZorbly Town\tcapital=1\n");
  const kimput::Lexicon parsed({f.path}, kimput::Lexicon::Source::Data);
  const kimput::Lexicon loaded({f.path});
  EXPECT_TRUE(loaded.from_image());
  expect_same_lexicon(parsed, loaded);
  EXPECT_THROW((void)loaded.image(), std::logic_error);
}

// An image of other files, or of another format, is not read (the lexicon is parsed from
// its files instead).
TEST(LexiconImage, OnlyAnImageOfTheseFilesFits) {
  const std::string image(kimput::detail::lexicon_image());
  EXPECT_TRUE(kimput::Lexicon::image_fits(image));
  EXPECT_FALSE(kimput::Lexicon::image_fits(""));
  // The size of the first file, just after its name.
  std::string other = image;
  const size_t size_at = other.find(".tsv") + 4;
  ASSERT_LT(size_at + 8, other.size());
  other[size_at] ^= 1;
  EXPECT_FALSE(kimput::Lexicon::image_fits(other));
  other = image;
  other[0] ^= 1;  // the first byte of the size of the magic string
  EXPECT_FALSE(kimput::Lexicon::image_fits(other));
}
