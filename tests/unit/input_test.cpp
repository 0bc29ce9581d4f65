// InputReader's text files: each file one record, with its bytes and its path as named,
// whichever directory it is in and however the files of directories alternate (a file is
// opened by its name in its directory, which stays open for the next file).
#include "kimput/io/input.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

// A folder of the test's own (ctest runs the tests of this file at the same time).
struct TempTree {
  std::string root = ::testing::TempDir() + "kimput_input_test_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" + std::to_string(::getpid());
  std::vector<std::string> files;
  TempTree() {
    ::mkdir(root.c_str(), 0755);
    ::mkdir((root + "/a").c_str(), 0755);
    ::mkdir((root + "/b").c_str(), 0755);
  }
  std::string add(const std::string& name, const std::string& bytes) {
    std::string path = root + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    files.push_back(path);
    return path;
  }
  ~TempTree() {
    for (const std::string& f : files) std::remove(f.c_str());
    std::remove((root + "/a").c_str());
    std::remove((root + "/b").c_str());
    std::remove(root.c_str());
  }
};

std::vector<kimput::io::Record> read_all(const std::vector<std::string>& paths) {
  kimput::io::InputOptions o;
  o.want_total = false;
  kimput::io::InputReader reader(paths, o);
  std::vector<kimput::io::Record> out;
  kimput::io::Record r;
  while (reader.next(r)) out.push_back(r);
  return out;
}

TEST(InputReader, FilesOfAlternatingDirectoriesEachGiveTheirOwnBytes) {
  TempTree t;
  const std::string a1 = t.add("a/one.txt", "first in a"), b1 = t.add("b/one.txt", "first in b"),
                    a2 = t.add("a/two.txt", "second in a"), top = t.add("top.txt", "at the top");
  const auto got = read_all({a1, b1, a2, top, a1});
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0].path, a1);
  EXPECT_EQ(got[0].bytes, "first in a");
  EXPECT_EQ(got[1].path, b1);
  EXPECT_EQ(got[1].bytes, "first in b");
  EXPECT_EQ(got[2].bytes, "second in a");
  EXPECT_EQ(got[3].bytes, "at the top");
  EXPECT_EQ(got[4].bytes, "first in a");
  for (const auto& r : got) EXPECT_EQ(r.error, "") << r.path;
}

TEST(InputReader, AMissingFileInAnOpenDirectoryIsARecordWithItsError) {
  TempTree t;
  const std::string a1 = t.add("a/one.txt", "first in a"), a2 = t.add("a/two.txt", "second in a");
  const auto listed = read_all({t.root});  // the walk finds both; then one goes
  ASSERT_EQ(listed.size(), 2u);
  kimput::io::InputOptions o;
  o.want_total = false;
  kimput::io::InputReader reader({a1, a2}, o);
  kimput::io::Record r;
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r.bytes, "first in a");
  std::remove(a2.c_str());
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r.path, a2);
  EXPECT_EQ(r.error, "No such file or directory");
  EXPECT_FALSE(reader.next(r));
}

}  // namespace
