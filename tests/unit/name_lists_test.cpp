// The word lists of lib/data/names: their format (sorted, unique sections) and that each
// section reaches the word table the entities pass looks tokens up in.
#include "kimput/words/name_lists.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "kimput/resources.h"

namespace kimput {
namespace {

TEST(NameListsData, EverySectionIsSortedAndUnique) {
  for (const std::string& path : embedded_files("names/")) {
    if (path.size() < 4 || path.substr(path.size() - 4) != ".txt") continue;
    std::map<std::string, std::vector<std::string>> sections;
    std::string section;
    for_each_data_line(embedded(path), [&](std::string_view line, size_t) {
      std::string_view t = trim(line);
      if (t.size() > 2 && t.front() == '[' && t.back() == ']') {
        section = std::string(t);
        return;
      }
      sections[section].emplace_back(trim(split(t, '\t')[0]));
    });
    for (const auto& [name, words] : sections) {
      // surname_particles.txt lists single words first, then phrases: each group sorted.
      std::vector<std::string> single, phrases;
      for (const std::string& w : words) (w.find(' ') == std::string::npos ? single : phrases).push_back(w);
      for (const auto* group : {&single, &phrases})
        for (size_t i = 1; i < group->size(); ++i)
          EXPECT_LT((*group)[i - 1], (*group)[i]) << path << " " << name << ": out of order or repeated";
    }
  }
}

TEST(NameListsData, EachSectionIsAFlagOfTheWordTable) {
  struct Case {
    const char* word;
    uint32_t flag;
    bool set;
  };
  const Case cases[] = {
      {"Corp.", NameLists::kLegalSuffix, true},   {"GmbH", NameLists::kLegalSuffix, true},
      {"University", NameLists::kLegalSuffix, false}, {"Sons", NameLists::kPartner, true},
      {"Mrs.", NameLists::kFemaleTitle, true},    {"Mrs.", NameLists::kMaleTitle, false},
      {"Sir", NameLists::kMaleTitle, true},       {"rival", NameLists::kRelation, true},
      {"spokesman", NameLists::kRelation, false}, {"from", NameLists::kLocative, true},
      {"visited", NameLists::kAtBuilding, true},
      {"to", NameLists::kAtBuilding, false},  // "sent to the White House": the organisation
      {"In", NameLists::kAtVenue, true},          {"with", NameLists::kRunBreaker, true},
      {"sept", NameLists::kTimeWord, true},       {"christmas", NameLists::kTimeWord, true},
      {"wednesday", NameLists::kWeekday, true},   {"march", NameLists::kWeekday, false},
      {"March", NameLists::kTimeWord, false},  // matched as written: calendar words are lower case
  };
  const NameLists& w = name_lists();
  for (const Case& c : cases) EXPECT_EQ((w.flags(c.word) & c.flag) != 0, c.set) << c.word << " " << c.flag;
}

// A run of tokens is joined with spaces, and with nothing beside a "-" token: the prefixes
// of a title it can be on its way there are those that end before a space or a hyphen of
// the title, or after a hyphen.
TEST(NameListsTitles, PrefixesARunCanBe) {
  const NameLists& nl = name_lists();
  for (std::string_view p : {"Deputy", "Deputy Foreign", "Secretary", "Secretary-", "Under", "Under-Secretary-"})
    EXPECT_TRUE(nl.title_phrase(p) & NameLists::kTitlePrefix) << p;
  for (std::string_view t : {"Deputy Foreign Minister", "Secretary-General", "Secretary-General of the United Nations"}) {
    EXPECT_TRUE(nl.title_phrase(t) & NameLists::kTitlePhrase) << t;
    EXPECT_TRUE(nl.title_phrase(t) & NameLists::kTitlePrefix) << t;
  }
  EXPECT_EQ(nl.title_phrase("Deputy Foreign Minister Igor"), 0);
  EXPECT_FALSE(nl.title_phrase("Deputy Foreign") & NameLists::kTitlePhrase);
}

}  // namespace
}  // namespace kimput
