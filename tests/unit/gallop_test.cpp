// gallop_partition_point against std::partition_point on every split of small ranges.
#include "kimput/text/gallop.h"

#include <gtest/gtest.h>

#include <vector>

TEST(Gallop, FindsTheSamePointAsPartitionPoint) {
  for (int n = 0; n <= 70; ++n) {
    for (int split = 0; split <= n; ++split) {
      std::vector<int> v(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i < split ? 0 : 1;
      auto pred = [](int x) { return x == 0; };
      auto got = kimput::gallop_partition_point(v.begin(), v.end(), pred);
      EXPECT_EQ(got - v.begin(), split) << "n=" << n;
      EXPECT_EQ(got, std::partition_point(v.begin(), v.end(), pred));
    }
  }
}

TEST(Gallop, StartsFromTheGivenPosition) {
  std::vector<int> v{1, 2, 3, 5, 8, 13, 21, 34};
  auto from = v.begin() + 3;
  EXPECT_EQ(kimput::gallop_partition_point(from, v.end(), [](int x) { return x < 20; }) - v.begin(), 6);
  EXPECT_EQ(kimput::gallop_partition_point(from, v.end(), [](int x) { return x < 1; }), from);
  EXPECT_EQ(kimput::gallop_partition_point(from, v.end(), [](int x) { return x < 100; }), v.end());
}
