// The helpers that read the data files (resources.h): the white space trim() removes, and
// the lines for_each_data_line() hands over.
#include "kimput/resources.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace kimput {
namespace {

TEST(Resources, TrimSpaceIsSpaceTabAndLineEndsOnly) {
  for (int c = 0; c < 256; ++c) {
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    EXPECT_EQ(is_trim_space(static_cast<char>(c)), space) << c;
  }
  EXPECT_EQ(trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(trim("\v a \f"), "\v a \f");  // vertical tab and form feed stay
  EXPECT_EQ(trim("\xA0x\xA0"), "\xA0x\xA0");
  EXPECT_EQ(trim(" \t\r\n"), "");
}

TEST(Resources, DataLinesSkipBlanksAndComments) {
  std::vector<std::pair<std::string, size_t>> lines;
  for_each_data_line("a\r\n\n  # note\n \t\nb c \n#x", [&](std::string_view line, size_t n) { lines.emplace_back(line, n); });
  EXPECT_EQ(lines, (std::vector<std::pair<std::string, size_t>>{{"a", 1}, {"b c ", 5}}));
}

}  // namespace
}  // namespace kimput
