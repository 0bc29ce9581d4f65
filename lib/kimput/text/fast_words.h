// A hand-written word splitter for ASCII text and the few non-ASCII characters common in
// news (NBSP U+00A0; ‘ ’ U+2018/9; “ ” U+201C/D; – — U+2013/4; … U+2026) that gives exactly
// the segments (and rule statuses) of ICU 72's word break iterator for the "en" locale, so
// segment() can skip ICU where the text has nothing else. The rules are UAX #29 with ICU's
// tailoring, restricted to these characters:
//   letters ('@' counts as one), digits and '_' join each other (WB5, WB8-10, WB13a/b);
//   a letter, one of ". ' ‘ ’", letter joins (WB6/7; ':' does not join in ICU's "en" rules);
//   a digit, one of ". ' ‘ ’ , ;", digit joins (WB11/12);
//   a run of ' ' is one segment (WB3d), CR LF is one (WB3), everything else stands alone
//   (NBSP, the quotes, dashes and the ellipsis included).
// The status of a joined segment is that of the last pair ICU's chained rules matched:
//   ends in a letter: 200 (UBRK_WORD_LETTER); ends in a digit: 100 (UBRK_WORD_NUMBER);
//   ends in '_': 100 after a digit, else 200; a lone '_' and every other segment: 0.
// tests/unit/segment_diff_test.cpp checks all of this against ICU, exhaustively for short
// strings and at random for long ones.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

namespace kimput::fast_words {

enum Class : uint8_t { kOther, kLetter, kDigit, kUnderscore, kMidNumLet, kMidNum, kSpace, kCR };

// Every byte from 0x80 is kOther here (class_at() tells the non-ASCII characters apart).
inline constexpr std::array<uint8_t, 256> kClasses = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = kLetter;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = kDigit;
  t['@'] = kLetter;  // ICU 72 (CLDR 42) tailors '@' into ALetter: "jo@example.com" is one word
  t['_'] = kUnderscore;
  t['.'] = kMidNumLet;
  t['\''] = kMidNumLet;
  t[','] = kMidNum;
  t[';'] = kMidNum;
  t[' '] = kSpace;
  t['\r'] = kCR;
  return t;
}();

// Length in bytes of the character at text[i] when the splitter handles it (ASCII, or one
// of the non-ASCII characters above), else 0.
inline uint32_t handled_length(std::string_view text, size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return 1;
  if (c == 0xC2) return i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0 ? 2 : 0;
  if (c != 0xE2 || i + 2 >= text.size() || static_cast<unsigned char>(text[i + 1]) != 0x80) return 0;
  switch (static_cast<unsigned char>(text[i + 2])) {
    case 0x93: case 0x94: case 0x98: case 0x99: case 0x9C: case 0x9D: case 0xA6:
      return 3;
    default:
      return 0;
  }
}

// The class and length of the handled character at s[i].
inline uint8_t class_at(const char* s, uint32_t i, uint32_t& len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return kClasses[c];
  }
  if (c == 0xC2) {  // NBSP
    len = 2;
    return kOther;
  }
  len = 3;
  unsigned char x = static_cast<unsigned char>(s[i + 2]);
  return x == 0x98 || x == 0x99 ? kMidNumLet : kOther;  // ‘ ’ as '\''; – — “ ” …
}

// True for the bytes that join each other into a word: letters, '@', digits, '_'.
inline bool word_byte(unsigned char c) { return kClasses[c] >= kLetter && kClasses[c] <= kUnderscore; }

// Which bytes of the text are word bytes, 64 at a time (a bit each, from `base`): finding the
// end of a word is then a shift and a count of trailing zeros, the bytes classified once.
class WordBytes {
 public:
  explicit WordBytes(std::string_view text) : s_(text.data()), n_(static_cast<uint32_t>(text.size())) {}

  // The end of the run of word bytes from s[i], at most e.
  uint32_t run_end(uint32_t i, uint32_t e) {
    for (;;) {
      uint32_t off = i - base_;
      if (off >= 64) {  // i is not in the block (or nothing is loaded)
        base_ = i & ~63u;
        bits_ = bits_at(s_, base_, n_);
        off = i & 63u;
      }
      if (uint64_t rest = ~bits_ >> off) return std::min(e, i + static_cast<uint32_t>(__builtin_ctzll(rest)));
      i = base_ + 64;
      if (i >= e) return e;
    }
  }

 private:
  // The bits of the 64 bytes of s from b (bytes past n, the text's end: not word bytes).
  // Sixteen at a time with SSE2: letters are (c | 0x20) - 'a' below 26, tested signed with
  // 'a' moved to -128; digits likewise; a byte from 0x80 is in neither range. Not inlined,
  // so that the word loop keeps its registers.
  [[gnu::noinline]] static uint64_t bits_at(const char* s, uint32_t b, uint32_t n) {
    uint64_t bits = 0;
#if defined(__SSE2__)
    if (b + 64 <= n) {
      for (uint32_t k = 0; k < 64; k += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + b + k));
        const __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x80 - 'a')),
                                              _mm_set1_epi8(static_cast<char>(0x80 + 26)));
        const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - '0'))),
                                             _mm_set1_epi8(static_cast<char>(0x80 + 10)));
        const __m128i other = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('_')), _mm_cmpeq_epi8(v, _mm_set1_epi8('@')));
        bits |= static_cast<uint64_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), other))) << k;
      }
      return bits;
    }
#endif
    for (uint32_t k = 0; k < 64 && b + k < n; ++k)
      bits |= static_cast<uint64_t>(word_byte(static_cast<unsigned char>(s[b + k]))) << k;
    return bits;
  }

  const char* s_;
  uint32_t n_;
  uint32_t base_ = UINT32_MAX - 64;  // no block loaded: every offset from it is out of range
  uint64_t bits_ = 0;
};

// Calls emit(begin, end, status) for each segment of text[b, e), which must hold only
// handled characters (handled_length > 0) and start at an ICU word boundary; e is taken as
// a boundary (end of text). Without kSpaceRuns, the runs of ' ' are skipped, not emitted
// (segment() has no use for them).
template <bool kSpaceRuns = true, class Emit>
void for_each_segment(std::string_view text, uint32_t b, uint32_t e, Emit&& emit) {
  const char* s = text.data();
  WordBytes words(text);
  uint32_t i = b;
  uint32_t len = 1;
  auto spaces = [&](uint32_t from) {  // the run of ' ' at from: its end
    uint32_t to = from + 1;
    while (to < e && s[to] == ' ') ++to;
    if constexpr (kSpaceRuns) emit(from, to, 0);
    return to;
  };
  while (i < e) {
    uint32_t start = i;
    uint8_t c = class_at(s, i, len);
    if (c == kLetter || c == kDigit || c == kUnderscore) {
      // A run of word bytes, then joined on across a middle character between two letters
      // or two digits; the status is that of the last character.
      for (;;) {
        i = words.run_end(i + 1, e);
        if (i >= e || s[i] == ' ') break;  // the usual end of a word
        uint8_t d = class_at(s, i, len);
        if (!(d == kMidNumLet || d == kMidNum) || i + len >= e) break;
        uint8_t last = kClasses[static_cast<unsigned char>(s[i - 1])];
        uint8_t f = kClasses[static_cast<unsigned char>(s[i + len])];  // a byte from 0x80 is no letter or digit either
        if (!((last == kLetter && d == kMidNumLet && f == kLetter) || (last == kDigit && f == kDigit))) break;
        i += len;
      }
      uint8_t last = kClasses[static_cast<unsigned char>(s[i - 1])];
      int32_t status = last == kLetter  ? 200
                       : last == kDigit ? 100
                       : i - 1 == start ? 0  // a lone '_'
                       : kClasses[static_cast<unsigned char>(s[i - 2])] == kDigit ? 100 : 200;
      emit(start, i, status);
      if (i < e && s[i] == ' ') i = spaces(i);  // the usual space after a word, taken here
    } else if (c == kSpace) {
      i = spaces(i);
    } else if (c == kCR) {
      ++i;
      if (i < e && s[i] == '\n') ++i;
      emit(start, i, 0);
    } else {
      i += len;
      emit(start, i, 0);
    }
  }
}

}  // namespace kimput::fast_words
