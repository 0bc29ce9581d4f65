// The first element of [first, last) for which pred is false, for a range partitioned by
// pred (true, then false), as std::partition_point, searched from the front: steps of 1,
// 2, 4, ... then a binary search in the last step. When the answer is k elements in, it
// costs about 2 log k tests instead of k (a scan) or log of the range (a binary search):
// for the token scans that move forward a little at a time through a long document.
#pragma once

#include <algorithm>
#include <iterator>

namespace kimput {

template <class It, class Pred>
It gallop_partition_point(It first, It last, Pred pred) {
  auto size = std::distance(first, last);
  decltype(size) step = 1;
  while (step <= size && pred(*std::next(first, step - 1))) {  // the first `step` all pass
    first = std::next(first, step);
    size -= step;
    step *= 2;
  }
  return std::partition_point(first, std::next(first, std::min(step - 1, size)), pred);
}

}  // namespace kimput
