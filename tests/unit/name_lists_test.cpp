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
  const NameLists& w = name_lists();
  EXPECT_TRUE(w.flags("Corp.") & NameLists::kLegalSuffix);
  EXPECT_TRUE(w.flags("GmbH") & NameLists::kLegalSuffix);
  EXPECT_FALSE(w.flags("University") & NameLists::kLegalSuffix);
  EXPECT_TRUE(w.flags("Sons") & NameLists::kPartner);
  EXPECT_TRUE(w.flags("Mrs.") & NameLists::kFemaleTitle);
  EXPECT_FALSE(w.flags("Mrs.") & NameLists::kMaleTitle);
  EXPECT_TRUE(w.flags("Sir") & NameLists::kMaleTitle);
  EXPECT_TRUE(w.flags("rival") & NameLists::kRelation);
  EXPECT_FALSE(w.flags("spokesman") & NameLists::kRelation);
  EXPECT_TRUE(w.flags("from") & NameLists::kLocative);
  EXPECT_TRUE(w.flags("visited") & NameLists::kAtBuilding);
  EXPECT_FALSE(w.flags("to") & NameLists::kAtBuilding);  // "sent to the White House": the organisation
  EXPECT_TRUE(w.flags("In") & NameLists::kAtVenue);
  EXPECT_TRUE(w.flags("with") & NameLists::kRunBreaker);
  EXPECT_TRUE(w.flags("sept") & NameLists::kTimeWord);
  EXPECT_TRUE(w.flags("wednesday") & NameLists::kWeekday);
  EXPECT_FALSE(w.flags("march") & NameLists::kWeekday);
  // Matched as written: the lists hold lower-case calendar words only.
  EXPECT_FALSE(w.flags("March") & NameLists::kTimeWord);
}

}  // namespace
}  // namespace kimput
