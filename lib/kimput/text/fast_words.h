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

#include <array>
#include <cstdint>
#include <string_view>

namespace kimput::fast_words {

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

// Calls emit(begin, end, status) for each segment of text[b, e), which must hold only
// handled characters (handled_length > 0) and start at an ICU word boundary; e is taken as
// a boundary (end of text).
template <class Emit>
void for_each_segment(std::string_view text, uint32_t b, uint32_t e, Emit&& emit) {
  const char* s = text.data();
  uint32_t i = b;
  uint32_t len = 1;
  while (i < e) {
    uint32_t start = i;
    uint8_t c = class_at(s, i, len);
    if (c == kLetter || c == kDigit || c == kUnderscore) {
      int32_t status = c == kLetter ? 200 : c == kDigit ? 100 : 0;
      uint8_t last = c;
      ++i;
      while (i < e) {
        uint8_t d = class_at(s, i, len);
        if (d == kLetter) {
          status = 200;
        } else if (d == kDigit) {
          status = 100;
        } else if (d == kUnderscore) {
          status = last == kDigit ? 100 : 200;
        } else if ((d == kMidNumLet || d == kMidNum) && i + len < e) {
          uint32_t flen = 1;
          uint8_t f = class_at(s, i + len, flen);
          if (last == kLetter && d == kMidNumLet && f == kLetter) {
            status = 200;
          } else if (last == kDigit && f == kDigit) {
            status = 100;
          } else {
            break;
          }
          last = f;
          i += len + 1;  // letters and digits are ASCII
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
      i += len;
      emit(start, i, 0);
    }
  }
}

}  // namespace kimput::fast_words
