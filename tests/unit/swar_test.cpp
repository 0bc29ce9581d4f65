// The eight-bytes-at-once tests of text/swar.h against their byte-by-byte definitions.
#include "kimput/text/swar.h"

#include <gtest/gtest.h>

#include <random>

namespace swar = kimput::swar;

namespace {

uint64_t word_of(const unsigned char* b) {
  uint64_t w = 0;
  for (int k = 7; k >= 0; --k) w = w << 8 | b[k];
  return w;
}

}  // namespace

TEST(Swar, AgreesWithTheBytesOneByOne) {
  std::mt19937 rng(5);
  const unsigned char cs[] = {0x01, 0x20, '"', '\'', '.', '@', 'A', 'Z', 'Z' + 1, 'a', 'z' + 1, 0x7F, 0x80};
  for (int n = 0; n < 20000; ++n) {
    unsigned char b[8];
    for (unsigned char& x : b) x = static_cast<unsigned char>(rng() % 4 == 0 ? cs[rng() % std::size(cs)] : rng());
    const uint64_t w = word_of(b);
    for (unsigned char c : cs) {
      bool any_equal = false, any_below = false;
      uint64_t at_least = 0;
      for (int k = 0; k < 8; ++k) {
        any_equal = any_equal || b[k] == c;
        any_below = any_below || b[k] < c;
        if (b[k] >= c) at_least |= uint64_t{0x80} << (8 * k);
      }
      ASSERT_EQ(swar::equal_to(w, c) != 0, any_equal) << std::hex << w << " " << int{c};
      ASSERT_EQ(swar::below(w, c) != 0, any_below) << std::hex << w << " " << int{c};
      ASSERT_EQ(swar::at_least(w, c), at_least) << std::hex << w << " " << int{c};  // exact per byte
      int flagged = 0;
      for (int k = 0; k < 8; ++k) flagged += b[k] >= c ? 1 : 0;
      ASSERT_EQ(swar::count(at_least), static_cast<uint32_t>(flagged));
    }
    uint64_t upper = 0, lower = 0, letters7 = 0;
    for (int k = 7; k >= 0; --k) {
      bool az = b[k] >= 'A' && b[k] <= 'Z';
      upper = upper << 8 | (az ? 0x80u : 0u);
      lower = lower << 8 | (az ? b[k] + 32u : b[k]);
      const unsigned char b7 = b[k] & 0x7F;
      letters7 = letters7 << 8 | ((b7 >= 'A' && b7 <= 'Z') || (b7 >= 'a' && b7 <= 'z') ? 0x80u : 0u);
    }
    ASSERT_EQ(swar::ascii_upper(w), upper) << std::hex << w;
    ASSERT_EQ(swar::ascii_lower(w), lower) << std::hex << w;
    const uint64_t w7 = w & ~swar::kHigh;  // the same bytes without bit 7
    ASSERT_EQ(swar::ascii_upper_7bit(w7), swar::ascii_upper(w7)) << std::hex << w7;
    ASSERT_EQ(swar::ascii_letters_7bit(w7), letters7) << std::hex << w7;
    ASSERT_EQ(swar::ascii_lower_7bit(w7), swar::ascii_lower(w7)) << std::hex << w7;
  }
  const char text[] = "abcdefgh";
  EXPECT_EQ(swar::load8(text) & 0xFF, uint64_t{'a'});
}
