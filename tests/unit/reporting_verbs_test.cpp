// The reporting verbs' file format (lib/data/reporting_verbs.tsv and users' --verbs files):
// forms of one or more words, their tense by position, and errors that name file and line.
#include "kimput/words/reporting_verbs.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include "temp_file.h"

namespace kimput {
namespace {

TEST(ReportingVerbsFile, FormsOfSeveralWordsAndTheirTense) {
  TempFile f("kimput_verbs.tsv", "# mine\nsound off\t sound off | sounds off||sounded  off|sounding off \tspeech\r\n"
                                 "sound\tsound|sounds|sounded|sounding\tweak\n");
  ReportingVerbs verbs({f.path});
  const std::vector<VerbForm>* sounds = verbs.starting_with("sounds");
  ASSERT_NE(sounds, nullptr);
  ASSERT_EQ(sounds->size(), 2u);
  // Longest first: "sounds off" before "sounds".
  EXPECT_EQ((*sounds)[0].words, (std::vector<std::string>{"sounds", "off"}));
  EXPECT_EQ((*sounds)[0].lemma, "sound off");
  EXPECT_EQ((*sounds)[0].kind, VerbKind::Speech);
  EXPECT_TRUE((*sounds)[0].present_3rd);
  EXPECT_EQ((*sounds)[1].words, (std::vector<std::string>{"sounds"}));
  EXPECT_EQ((*sounds)[1].kind, VerbKind::Weak);
  // The empty third form keeps its place: "sounded off" is the fourth, past by its "ed".
  const std::vector<VerbForm>* sounded = verbs.starting_with("sounded");
  ASSERT_NE(sounded, nullptr);
  EXPECT_EQ((*sounded)[0].words, (std::vector<std::string>{"sounded", "off"}));
  EXPECT_TRUE((*sounded)[0].past);
  EXPECT_EQ(verbs.starting_with("off"), nullptr);
}

TEST(ReportingVerbsFile, MalformedLineNamesFileAndLine) {
  for (std::string body : {"say\tsay|said\n", "say\tsay|said\tspeech\textra\n", "say\tsay|said\tshout\n"}) {
    TempFile f("kimput_bad_verbs.tsv", "# comment\n" + body);
    try {
      ReportingVerbs bad({f.path});
      ADD_FAILURE() << "no error for " << body;
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()).rfind(f.path + ":2: ", 0), 0u) << e.what();
    }
  }
}

// The entities and quotes passes share one list per set of files; a bad file throws at
// every call, as each pass's own list did.
TEST(ReportingVerbsFile, SharedOncePerListOfFiles) {
  TempFile f("kimput_shared_verbs.tsv", "sound\tsound|sounds\tweak\n");
  EXPECT_EQ(shared_reporting_verbs({}).get(), shared_reporting_verbs({}).get());
  auto mine = shared_reporting_verbs({f.path});
  EXPECT_EQ(mine.get(), shared_reporting_verbs({f.path}).get());
  EXPECT_NE(mine.get(), shared_reporting_verbs({}).get());
  EXPECT_NE(mine->starting_with("sounds"), nullptr);
  EXPECT_EQ(shared_reporting_verbs({})->starting_with("sounds"), nullptr);
  TempFile bad("kimput_shared_bad_verbs.tsv", "say\tsay|said\n");
  for (int i = 0; i < 2; ++i) EXPECT_THROW(shared_reporting_verbs({bad.path}), std::runtime_error);
}

}  // namespace
}  // namespace kimput
