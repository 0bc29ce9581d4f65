// Byte tests on eight bytes at once (one 64-bit word), for the scans that skip plain text
// a word at a time (JSON strings, quote marks, sentence anchors, token shapes). Each test
// returns a mask with bit 7 set in the bytes that pass.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace kimput::swar {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;

// The eight bytes at p, in memory order from the low byte (little-endian).
inline uint64_t load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// The mask of the first n bytes (0 to 8) of a load8(): from a table, one load, where a shift
// worked out from n costs more (a token's head is its first n bytes).
inline uint64_t first_bytes(size_t n) {
  static constexpr auto kMask = [] {
    std::array<uint64_t, 9> m{};
    for (size_t len = 1; len <= 8; ++len) m[len] = ~uint64_t{0} >> (64 - 8 * len);
    return m;
  }();
  return kMask[n];
}

// Bytes equal to c. Exact as to whether there is one; a byte after a match may be flagged
// too (the borrow of the has-zero-byte trick), so the mask is for "any" tests only.
inline uint64_t equal_to(uint64_t w, unsigned char c) {
  uint64_t v = w ^ (kOnes * c);
  return (v - kOnes) & ~v & kHigh;
}

// Bytes below c, for c <= 0x80. Exact as to whether there is one (as equal_to).
inline uint64_t below(uint64_t w, unsigned char c) { return (w - kOnes * c) & ~w & kHigh; }

// Bytes at least c, for 1 <= c <= 0x80: exact for every byte (the high bit is set aside
// before the add, so no byte carries into the next).
inline uint64_t at_least(uint64_t w, unsigned char c) { return (((w & ~kHigh) + kOnes * (0x80 - c)) | w) & kHigh; }

// The bytes A-Z (bit 7 set in each), exact per byte.
inline uint64_t ascii_upper(uint64_t w) { return at_least(w, 'A') & ~at_least(w, 'Z' + 1); }

// The same for a word with no byte from 0x80 (w & kHigh == 0): fewer operations, as no
// byte can carry into the next.
inline uint64_t ascii_upper_7bit(uint64_t w) { return (w + kOnes * (0x80 - 'A')) & ~(w + kOnes * (0x80 - 'Z' - 1)) & kHigh; }

// The letters A-Z and a-z of a word with no byte from 0x80, exact per byte: a byte less
// bit 5 is A-Z for a letter of either case and for no other byte.
inline uint64_t ascii_letters_7bit(uint64_t w) { return ascii_upper_7bit(w & ~(kOnes * 0x20)); }

// A-Z lower-cased (bit 5 set), every other byte as it was.
inline uint64_t ascii_lower(uint64_t w) { return w | ascii_upper(w) >> 2; }

// The same for a word with no byte from 0x80 (see ascii_upper_7bit).
inline uint64_t ascii_lower_7bit(uint64_t w) { return w | ascii_upper_7bit(w) >> 2; }

// The number of bytes a mask of these tests flags (bit 7 only), without POPCNT (the build
// targets plain x86-64, where __builtin_popcountll is a library call).
inline uint32_t count(uint64_t mask) { return static_cast<uint32_t>(((mask >> 7) * kOnes) >> 56); }

}  // namespace kimput::swar
