#include "kimput/text/utf8.h"

#include "kimput/text/swar.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>

namespace kimput::utf8 {
namespace {

// Length of the well-formed sequence at s[i], or 0 when it is ill-formed.
size_t seq_len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = s.size();
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return (i + 1 < n && (b(i + 1) & 0xC0) == 0x80) ? 2 : 0;
  if (c < 0xF0) {
    if (i + 2 >= n) return 0;
    unsigned char c1 = b(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
    return ((c1 & 0xC0) == 0x80 && (b(i + 2) & 0xC0) == 0x80) ? 3 : 0;
  }
  if (c < 0xF5) {
    if (i + 3 >= n) return 0;
    unsigned char c1 = b(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;
    if (c == 0xF4 && c1 > 0x8F) return 0;
    return ((c1 & 0xC0) == 0x80 && (b(i + 2) & 0xC0) == 0x80 && (b(i + 3) & 0xC0) == 0x80) ? 4 : 0;
  }
  return 0;
}

// Length of the maximal subpart of an ill-formed sequence at i (at least 1).
size_t bad_len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t want = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
  size_t k = 1;
  while (k < want && i + k < s.size() && (b(i + k) & 0xC0) == 0x80) {
    unsigned char c1 = b(i + k);
    if (k == 1 && ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
                   (c == 0xF4 && c1 > 0x8F)))
      break;
    ++k;
  }
  return k;
}

}  // namespace

size_t sequence_length(std::string_view s, size_t i) { return seq_len(s, i); }

bool valid(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    // Fast path over ASCII: 32 bytes at a time (SSE2), then eight.
#if defined(__SSE2__)
    while (i + 32 <= n && !_mm_movemask_epi8(_mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)),
                                                          _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + 16)))))
      i += 32;
#endif
    while (i + 8 <= n) {
      uint64_t w;
      __builtin_memcpy(&w, s.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    size_t l = seq_len(s, i);
    if (l == 0) return false;
    i += l;
  }
  return true;
}

std::string repair(std::string_view s, size_t* replaced) {
  std::string out;
  out.reserve(s.size());
  size_t bad = 0;
  for (size_t i = 0; i < s.size();) {
    size_t l = seq_len(s, i);
    if (l) {
      out.append(s.data() + i, l);
      i += l;
    } else {
      out += "\xEF\xBF\xBD";
      i += bad_len(s, i);
      ++bad;
    }
  }
  if (replaced) *replaced = bad;
  return out;
}

char32_t next_multibyte(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (i + l > s.size()) { i = s.size(); return 0xFFFD; }
  char32_t cp = c & (l == 2 ? 0x1F : l == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < l; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += l;
  return cp;
}

char32_t prev_multibyte(std::string_view s, size_t& i) {
  if (i == 0) return 0;
  size_t j = i - 1;
  while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  size_t k = j;
  char32_t cp = next(s, k);
  i = j;
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string lower(std::string_view s) {
  std::string out;
  lower_into(s, out);
  return out;
}

std::string_view lower_into(std::string_view s, std::string& out) {
  if (is_ascii(s)) {  // most strings: A-Z only, eight bytes at a time
    out.resize(s.size());
    ascii_lower_into(s, out.data());
    return out;
  }
  out.clear();
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // ASCII fast path
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
      continue;
    }
    append(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(next(s, i)))));
  }
  return out;
}

size_t count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

namespace {

// The continuation bytes (10xxxxxx) of a word, bit 7 set in each.
inline uint64_t continuation_bytes(uint64_t w) { return w & ~(w << 1) & swar::kHigh; }

}  // namespace

OffsetIndex::OffsetIndex(std::string_view text) : text_(text) {
  // Most texts are ASCII, told by one pass the compiler vectorises: a byte is a code point.
  unsigned char high = 0;
  for (char c : text) high |= static_cast<unsigned char>(c);
  ascii_ = high < 0x80;
  if (ascii_) {
    cp_size_ = static_cast<uint32_t>(text.size());
    cp_at_block_.push_back(static_cast<uint32_t>(text.size()));  // sentinel
    return;
  }
  cp_at_block_.resize(text.size() / kStep + 2);
  uint32_t cps = 0;
  size_t block = 0, b = 0;
  // Whole blocks a word at a time, then the last one's bytes.
  static_assert(kStep % 8 == 0);
  for (; b + kStep <= text.size(); b += kStep) {
    cp_at_block_[block++] = cps;
    for (size_t k = b; k < b + kStep; k += 8) cps += 8 - swar::count(continuation_bytes(swar::load8(text.data() + k)));
  }
  if (b < text.size()) {
    cp_at_block_[block++] = cps;
    for (; b < text.size(); ++b) cps += (static_cast<unsigned char>(text[b]) & 0xC0) != 0x80;
  }
  cp_size_ = cps;
  cp_at_block_[block++] = cps;  // sentinel
  cp_at_block_.resize(block);
}

int64_t OffsetIndex::to_cp_multibyte(size_t byte) const {
  if (byte >= text_.size()) return cp_size_;
  const size_t block = byte / kStep;
  int64_t cp = cp_at_block_[block];
  size_t b = block * kStep;
  // Each byte but a continuation byte (10xxxxxx) starts a code point: a word, then the
  // bytes left, read as the word that ends at `byte` (which is inside the text).
  static_assert(kStep == 16);
  if (byte - b >= 8) {
    cp += 8 - swar::count(continuation_bytes(swar::load8(text_.data() + b)));
    b += 8;
  }
  if (const size_t rest = byte - b; rest > 0) {
    if (byte >= 8) {
      const uint64_t last = continuation_bytes(swar::load8(text_.data() + byte - 8)) & (~uint64_t{0} << (8 * (8 - rest)));
      cp += static_cast<int64_t>(rest) - swar::count(last);
    } else {
      for (; b < byte; ++b) cp += (static_cast<unsigned char>(text_[b]) & 0xC0) != 0x80;
    }
  }
  return cp;
}

size_t OffsetIndex::to_byte(int64_t cp) const {
  if (cp <= 0) return 0;
  if (ascii_) return std::min(static_cast<size_t>(cp), text_.size());
  if (cp >= cp_size_) return text_.size();
  // Last block whose first code point is <= cp, then scan forward.
  size_t blocks = cp_at_block_.size() - 1;
  auto it = std::upper_bound(cp_at_block_.begin(), cp_at_block_.begin() + static_cast<std::ptrdiff_t>(blocks),
                             static_cast<uint32_t>(cp));
  size_t block = static_cast<size_t>(it - cp_at_block_.begin()) - 1;
  int64_t at = cp_at_block_[block];
  size_t b = block * kStep;
  // Move to the first byte of a code point (a block may start mid-sequence).
  while (b < text_.size() && (static_cast<unsigned char>(text_[b]) & 0xC0) == 0x80) ++b;
  while (b < text_.size() && at < cp) {
    ++b;
    while (b < text_.size() && (static_cast<unsigned char>(text_[b]) & 0xC0) == 0x80) ++b;
    ++at;
  }
  return b;
}

// 32 bytes a step (SSE2, one loop test for two blocks of sixteen), then sixteen, and a text of
// sixteen bytes or more ends with the block of its last sixteen (bytes lowered again from the
// text, the same); else eight (SWAR), then one by one.
void ascii_lower_into(std::string_view text, char* out) {
  size_t i = 0;
#if defined(__SSE2__)
  {
    // A byte plus 0x3F is below -102 (signed) only for 'A' (-128) to 'Z' (-103).
    const __m128i shift = _mm_set1_epi8(0x80 - 'A'), limit = _mm_set1_epi8(-128 + 26), bit5 = _mm_set1_epi8(0x20);
    auto lower16 = [&](size_t at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
      const __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, shift), limit);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + at), _mm_or_si128(v, _mm_and_si128(upper, bit5)));
    };
    const size_t n = text.size();
    for (; i + 32 <= n; i += 32) lower16(i), lower16(i + 16);
    if (i + 16 <= n) lower16(i), i += 16;
    if (i < n && n >= 16) {
      lower16(n - 16);
      return;
    }
  }
#endif
  for (; i + 8 <= text.size(); i += 8) {
    const uint64_t v = swar::ascii_lower(swar::load8(text.data() + i));
    std::memcpy(out + i, &v, 8);
  }
  for (; i < text.size(); ++i) out[i] = (text[i] >= 'A' && text[i] <= 'Z') ? static_cast<char>(text[i] + 32) : text[i];
}

}  // namespace kimput::utf8
