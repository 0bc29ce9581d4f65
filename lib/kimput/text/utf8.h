// UTF-8 helpers: validation and repair, code-point counting, and the byte <-> code-point
// offset index every pass uses to write spans in code points (the document contract).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kimput::utf8 {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool valid(std::string_view s);

// Length of the well-formed sequence that starts at s[i] (1 for ASCII), or 0 when it is
// ill-formed; valid(s) is true exactly when this is never 0 walking through s.
size_t sequence_length(std::string_view s, size_t i);

// Returns `s` with every ill-formed sequence replaced by U+FFFD (one per maximal invalid
// subpart, as the Unicode standard recommends); `replaced` counts them.
std::string repair(std::string_view s, size_t* replaced = nullptr);

// The out-of-line parts of next() and prev() below, for a character that is not ASCII.
char32_t next_multibyte(std::string_view s, size_t& i);
char32_t prev_multibyte(std::string_view s, size_t& i);

// Decodes the code point at s[i] (s must be valid UTF-8) and advances i. Inline for ASCII
// (most characters): the scans around each sentence's ends call it for every character.
inline char32_t next(std::string_view s, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  return next_multibyte(s, i);
}
// Decodes the code point that ends at s[i] (exclusive) and moves i back to its start
// (0 at i == 0). Inline for ASCII, as next().
inline char32_t prev(std::string_view s, size_t& i) {
  if (i > 0 && static_cast<unsigned char>(s[i - 1]) < 0x80) return static_cast<unsigned char>(s[--i]);
  return prev_multibyte(s, i);
}
// Appends the UTF-8 encoding of cp.
void append(std::string& out, char32_t cp);
// Number of code points in valid UTF-8.
size_t count(std::string_view s);
// Lower-cases valid UTF-8 code point by code point (ICU's simple case mapping).
std::string lower(std::string_view s);
// lower(s) into `out` (its memory kept by a caller that lowers many strings, one after the
// other); returns out's bytes.
std::string_view lower_into(std::string_view s, std::string& out);
// Whether every byte of s is ASCII (below 0x80).
inline bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}
// `text` with A-Z lower-cased and every other byte as it is, into out[0, text.size()): the
// whole text of a document at once (the quotes and dates passes match it in lower case).
void ascii_lower_into(std::string_view text, char* out);

// Maps byte offsets of one valid UTF-8 text to code-point offsets and back, in O(1)
// amortised per lookup (a sampled table plus a short forward scan). Pure ASCII text is
// detected and costs nothing. Immutable after construction, so it can be shared.
class OffsetIndex {
 public:
  explicit OffsetIndex(std::string_view text);
  // Inline for ASCII text (most): every span a pass writes looks up its start and end.
  int64_t to_cp(size_t byte) const {
    if (ascii_) return static_cast<int64_t>(byte < text_.size() ? byte : text_.size());
    return to_cp_multibyte(byte);
  }
  size_t to_byte(int64_t cp) const;
  int64_t cp_size() const { return cp_size_; }

 private:
  // A sample every 16 bytes: a look-up counts at most 15 bytes, in two words (most spans
  // are looked up twice, and every 64 bytes it was up to seven words and seven bytes).
  static constexpr size_t kStep = 16;
  // to_cp() for a text that is not ASCII.
  int64_t to_cp_multibyte(size_t byte) const;
  std::string_view text_;
  bool ascii_ = true;
  int64_t cp_size_ = 0;
  std::vector<uint32_t> cp_at_block_;  // code points before byte k*kStep
};

}  // namespace kimput::utf8
