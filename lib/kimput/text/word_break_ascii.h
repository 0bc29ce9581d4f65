// A hand-written word splitter for ASCII text that gives exactly the segments (and rule
// statuses) of ICU 72's word break iterator for the "en" locale, so segment() can skip ICU
// where the text is ASCII. The rules are UAX #29 with ICU's tailoring, restricted to ASCII:
//   letters ('@' counts as one), digits and '_' join each other (WB5, WB8-10, WB13a/b);
//   a letter, '.' or '\'', letter joins (WB6/7; ':' does not join in ICU's "en" rules);
//   a digit, one of ". ' , ;", digit joins (WB11/12);
//   a run of ' ' is one segment (WB3d), CR LF is one (WB3), everything else stands alone.
// The status of a joined segment is that of the last pair ICU's chained rules matched:
//   ends in a letter: 200 (UBRK_WORD_LETTER); ends in a digit: 100 (UBRK_WORD_NUMBER);
//   ends in '_': 100 after a digit, else 200; a lone '_' and every other segment: 0.
// tests/unit/segment_diff_test.cpp checks all of this against ICU, exhaustively for short
// strings and at random for long ones.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace kimput::ascii_words {

enum Class : uint8_t { kOther, kLetter, kDigit, kUnderscore, kMidNumLet, kMidNum, kSpace, kCR };

inline constexpr std::array<uint8_t, 128> kClasses = [] {
  std::array<uint8_t, 128> t{};
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

inline uint8_t class_of(char c) { return kClasses[static_cast<unsigned char>(c) & 0x7F]; }

// Calls emit(begin, end, status) for each segment of text[b, e), which must be ASCII and
// start at an ICU word boundary; e is taken as a boundary (end of text).
template <class Emit>
void for_each_segment(std::string_view text, uint32_t b, uint32_t e, Emit&& emit) {
  const char* s = text.data();
  uint32_t i = b;
  while (i < e) {
    uint32_t start = i;
    uint8_t c = class_of(s[i]);
    if (c == kLetter || c == kDigit || c == kUnderscore) {
      int32_t status = c == kLetter ? 200 : c == kDigit ? 100 : 0;
      uint8_t last = c;
      ++i;
      while (i < e) {
        uint8_t d = class_of(s[i]);
        if (d == kLetter) {
          status = 200;
        } else if (d == kDigit) {
          status = 100;
        } else if (d == kUnderscore) {
          status = last == kDigit ? 100 : 200;
        } else if ((d == kMidNumLet || d == kMidNum) && i + 1 < e) {
          uint8_t f = class_of(s[i + 1]);
          if (last == kLetter && d == kMidNumLet && f == kLetter) {
            status = 200;
          } else if (last == kDigit && f == kDigit) {
            status = 100;
          } else {
            break;
          }
          last = f;
          i += 2;
          continue;
        } else {
          break;
        }
        last = d;
        ++i;
      }
      emit(start, i, status);
    } else if (c == kSpace) {
      while (i < e && s[i] == ' ') ++i;
      emit(start, i, 0);
    } else if (c == kCR) {
      ++i;
      if (i < e && s[i] == '\n') ++i;
      emit(start, i, 0);
    } else {
      ++i;
      emit(start, i, 0);
    }
  }
}

}  // namespace kimput::ascii_words
