#include "kimput/json/writer.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "kimput/text/swar.h"
#include "kimput/text/utf8.h"

namespace kimput::json {

namespace {

// Bytes written as they are: printable ASCII other than '"' and '\\'. Everything else goes
// through the slow path (escapes, and the UTF-8 check of non-ASCII bytes).
constexpr auto kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7f; ++c) t[static_cast<size_t>(c)] = c != '"' && c != '\\';
  return t;
}();

// Whether any of eight bytes is not plain: below 0x20, 0x7F and above (DEL, and the bytes
// of UTF-8 sequences, which need checking), '"' or '\\' (the usual has-zero-byte tricks).
inline bool any_not_plain(uint64_t w) {
  return (swar::below(w, 0x20) | swar::at_least(w, 0x7F) | swar::equal_to(w, '"') | swar::equal_to(w, '\\')) != 0;
}

#if defined(__SSE2__)
// The bytes of v that are not plain, one bit each: below 0x20 or from 0x80 (signed, both
// are less than 0x20), 0x7F, '"' and '\\'.
inline uint32_t not_plain_bits(__m128i v) {
  const __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
  return static_cast<uint32_t>(_mm_movemask_epi8(m));
}
#endif

constexpr size_t kShortKey = 32, kShortString = 64;

#if defined(__SSE2__)
// Writes s (at most kShortString bytes), quoted, at p (room for kShortString + 2 bytes) and
// returns its size when it needs no escaping (most values: names, ids, types, written in
// one piece); 0 otherwise, p then holding scratch. The test and the copy read the same
// pieces of sixteen, eight or four bytes, the last overlapping the one before (a string of
// 4 to 15 bytes is tested as its first and last 4 or 8 bytes side by side). Always
// inlined: Writer::value() calls it for each string a pass writes (hundreds of thousands),
// and the call cost as much as the copy of a short one.
[[gnu::always_inline]] inline size_t quote_short_plain(std::string_view s, char* p) {
  const char* src = s.data();
  const size_t n = s.size();
  char* dst = p + 1;
  uint32_t not_plain = 0;
  if (n >= 16) {
    for (size_t i = 0; i + 16 < n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
      not_plain |= not_plain_bits(v);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), v);
    }
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + n - 16));
    not_plain |= not_plain_bits(v);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + n - 16), v);
  } else if (n >= 8) {
    const __m128i lo = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src));
    const __m128i hi = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src + n - 8));
    not_plain = not_plain_bits(_mm_unpacklo_epi64(lo, hi));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), lo);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(dst + n - 8), hi);
  } else if (n >= 4) {
    int32_t lo, hi;
    std::memcpy(&lo, src, 4);
    std::memcpy(&hi, src + n - 4, 4);
    // Eight bytes in use; the zeros above them would count as control characters.
    not_plain = not_plain_bits(_mm_unpacklo_epi32(_mm_cvtsi32_si128(lo), _mm_cvtsi32_si128(hi))) & 0xFFu;
    std::memcpy(dst, &lo, 4);
    std::memcpy(dst + n - 4, &hi, 4);
  } else {
    for (size_t i = 0; i < n; ++i) {
      dst[i] = src[i];
      not_plain |= !kPlain[static_cast<unsigned char>(src[i])];
    }
  }
  if (not_plain) return 0;
  p[0] = '"';
  p[n + 1] = '"';
  return n + 2;
}
#else
// s is written as it is, between quotes. Read in pieces of eight or four bytes, the last
// piece overlapping the one before, so that no byte is tested alone but in a string of one
// to three: most strings are names and ids of a few words.
bool plain(std::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8)
      if (any_not_plain(swar::load8(p + i))) return false;
    return !any_not_plain(swar::load8(p + n - 8));
  }
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return !any_not_plain(lo | static_cast<uint64_t>(hi) << 32);
  }
  for (size_t i = 0; i < n; ++i)
    if (!kPlain[static_cast<unsigned char>(p[i])]) return false;
  return true;
}

// Copies n <= kShortString bytes from src to dst as plain() reads them, in pieces of fixed
// size (moves, where memcpy of n bytes is a call), the last piece overlapping.
void copy_short(char* dst, const char* src, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) std::memcpy(dst + i, src + i, 8);
    std::memcpy(dst + n - 8, src + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(dst, src, 4);
    std::memcpy(dst + n - 4, src + n - 4, 4);
  } else {
    for (size_t i = 0; i < n; ++i) dst[i] = src[i];
  }
}

// Writes s (at most kShortString bytes), quoted, at p (room for kShortString + 2 bytes) and
// returns its size when it needs no escaping (most values: names, ids, types, written in
// one piece); 0 otherwise.
size_t quote_short_plain(std::string_view s, char* p) {
  if (!plain(s)) return 0;
  p[0] = '"';
  copy_short(p + 1, s.data(), s.size());
  p[s.size() + 1] = '"';
  return s.size() + 2;
}
#endif

// Appends s quoted and escaped through append(bytes, size) (a std::string's, or a Writer's
// own buffer); false (with the output partly written) when s is not valid UTF-8.
// The quoted text is made in a buffer on the stack through a pointer, and appended a piece
// of kPiece bytes at a time: an append per run of plain bytes and per escape (a document's
// text has a quote or a newline every few dozen bytes) cost more than the escaping.
template <class Append>
bool write_valid_string(std::string_view s, Append&& append) {
  constexpr size_t kPiece = 4096;
  // A block of 16 bytes may be written from kPiece, and an escape (six bytes at most) 15
  // bytes after it (the buffer is spilled at kPiece before the next block).
  char buf[kPiece + 40];
  char* p = buf;
  const auto spill = [&] {
    append(buf, static_cast<size_t>(p - buf));
    p = buf;
  };
  static constexpr char hex[] = "0123456789abcdef";
  const char* src = s.data();
  const size_t n = s.size();
  *p++ = '"';
  size_t i = 0;
  while (i < n) {
    if (p - buf >= static_cast<std::ptrdiff_t>(kPiece)) spill();
#if defined(__SSE2__)
    // Sixteen bytes at a time (most of a document's text is plain), copied whole and kept
    // up to the first that is not plain. The plain blocks in a row are copied by a loop of
    // their own, up to the last block that both the text and the buffer's piece hold.
    if (i + 16 <= n) {
      const size_t last = std::min(n - 16, i + (kPiece - static_cast<size_t>(p - buf)));
      uint32_t bits = 0;
      for (; i <= last; i += 16, p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
        if ((bits = not_plain_bits(v))) break;
      }
      if (!bits) continue;
      const size_t plain_bytes = static_cast<size_t>(__builtin_ctz(bits));
      i += plain_bytes;
      p += plain_bytes;
    } else
#endif
    {
      // Eight plain bytes at a time, then one.
      if (i + 8 <= n) {
        const uint64_t w = swar::load8(src + i);
        if (!any_not_plain(w)) {
          std::memcpy(p, &w, 8);
          i += 8;
          p += 8;
          continue;
        }
      }
      if (kPlain[static_cast<unsigned char>(src[i])]) {
        *p++ = src[i++];
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(src[i]);
    if (c >= 0x80) {
      size_t l = utf8::sequence_length(s, i);
      if (l == 0) return false;
      // U+2028 and U+2029 are valid JSON but end lines in JavaScript: escaped.
      if (c == 0xE2 && static_cast<unsigned char>(src[i + 1]) == 0x80 &&
          (static_cast<unsigned char>(src[i + 2]) == 0xA8 || static_cast<unsigned char>(src[i + 2]) == 0xA9)) {
        std::memcpy(p, static_cast<unsigned char>(src[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029", 6);
        p += 6;
      } else {
        for (size_t k = 0; k < l; ++k) p[k] = src[i + k];
        p += l;
      }
      i += l;
      continue;
    }
    p[0] = '\\';
    p += 2;
    switch (c) {
      case '"': p[-1] = '"'; break;
      case '\\': p[-1] = '\\'; break;
      case '\n': p[-1] = 'n'; break;
      case '\r': p[-1] = 'r'; break;
      case '\t': p[-1] = 't'; break;
      case '\b': p[-1] = 'b'; break;
      case '\f': p[-1] = 'f'; break;
      default: {  // other control characters and DEL
        const char rest[4] = {'0', '0', hex[c >> 4], hex[c & 15]};
        p[-1] = 'u';
        std::memcpy(p, rest, 4);
        p += 4;
      }
    }
    ++i;
  }
  if (p - buf >= static_cast<std::ptrdiff_t>(kPiece)) spill();
  *p++ = '"';
  spill();
  return true;
}

// ',"key":' (without the comma for the first member), a short plain key (most) in one
// append, tested and copied by quote_short_plain() as a value is, where plain() read it and
// memcpy (a call) copied it.
void write_key(std::string_view k, bool comma, std::string& out) {
  if (k.size() <= kShortKey) {
    char buf[kShortString + 4];  // the comma, the quoted key and the colon
    buf[0] = ',';
    if (const size_t m = quote_short_plain(k, buf + comma)) {
      buf[comma + m] = ':';
      out.append(buf, comma + m + 1);
      return;
    }
  }
  if (comma) out += ',';
  write_string(k, out);
  out += ':';
}

template <class Int>
void write_int(Int v, std::string& out) {
  fmt::format_int f(v);
  out.append(f.data(), f.size());
}

}  // namespace

void write_string(std::string_view s, std::string& out) {
  if (s.size() <= kShortString) {  // most values: names, ids, types, in one append
    char buf[kShortString + 2];
    if (const size_t m = quote_short_plain(s, buf)) {
      out.append(buf, m);
      return;
    }
  }
  const size_t start = out.size();
  const auto append = [&out](const char* p, size_t n) { out.append(p, n); };
  if (write_valid_string(s, append)) return;
  // Ill-formed UTF-8: written again with each bad sequence replaced by U+FFFD.
  out.resize(start);
  write_valid_string(utf8::repair(s), append);
}

void write(const Value& v, std::string& out) {
  switch (v.type()) {
    case Value::Type::Null: out += "null"; break;
    case Value::Type::Bool: out += v.as_bool() ? "true" : "false"; break;
    case Value::Type::Int: write_int(v.raw_int(), out); break;
    case Value::Type::UInt: write_int(v.raw_uint(), out); break;
    case Value::Type::Double:
      if (std::isfinite(v.raw_double())) fmt::format_to(std::back_inserter(out), "{}", v.raw_double());
      else out += "null";
      break;
    case Value::Type::String: write_string(v.as_string(), out); break;
    case Value::Type::Raw: out += v.as_string(); break;  // written by a Writer
    case Value::Type::Array: {
      out += '[';
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out += ',';
        first = false;
        write(item, out);
      }
      out += ']';
      break;
    }
    case Value::Type::Object: {
      out += '{';
      const auto& keys = v.keys();
      const auto& vals = v.items();
      for (size_t i = 0; i < keys.size(); ++i) {
        write_key(keys[i], i != 0, out);
        write(vals[i], out);
      }
      out += '}';
      break;
    }
  }
}

namespace {

// The buffers of the thread's Writers that are done, for the next ones. A few: Writers may
// be alive at once (a pass writing two fields), and a buffer grown very large (a huge
// document) is not kept.
constexpr size_t kPooledBuffers = 4, kLargestPooled = size_t{1} << 20;
std::vector<std::string>& buffer_pool() {
  thread_local std::vector<std::string> pool;
  return pool;
}

}  // namespace

Writer::Writer() {
  auto& pool = buffer_pool();
  if (!pool.empty()) {
    out_ = std::move(pool.back());
    pool.pop_back();
  }
}

Writer::~Writer() {
  auto& pool = buffer_pool();
  if (!out_.empty() && out_.size() <= kLargestPooled && pool.size() < kPooledBuffers) pool.push_back(std::move(out_));
}

void Writer::grow(size_t n) {
  // Doubling: the zeros resize() writes are paid once per byte of the final text.
  out_.resize(std::max({out_.size() * 2, used_ + n, size_t{256}}));
}

Writer& Writer::value(std::string_view s) {
  // A short plain string (most) with the room at hand: no call on this path, so none of the
  // caller's registers to save (the prologue and epilogue cost as much as the test).
  if (s.size() <= kShortString && out_.size() - used_ >= kShortString + 3) {
    char* const p = out_.data() + used_;
    *p = ',';  // overwritten by the string when no comma goes before it
    if (const size_t m = quote_short_plain(s, p + more_)) {
      used_ += m + more_;
      more_ = true;
      return *this;
    }
  }
  return value_written_aside(s);
}

Writer& Writer::value_written_aside(std::string_view s) {
  comma();
  if (s.size() <= kShortString) {
    if (const size_t m = quote_short_plain(s, room(kShortString + 2))) {
      used_ += m;
      return *this;
    }
  }
  // Long or escaped: its pieces put in the text as write_string() appends them, where the
  // whole string was written aside and copied in.
  const size_t start = used_;
  const auto append = [this](const char* p, size_t n) { put(std::string_view(p, n)); };
  if (write_valid_string(s, append)) return *this;
  // Ill-formed UTF-8: written again with each bad sequence replaced by U+FFFD.
  used_ = start;
  write_valid_string(utf8::repair(s), append);
  return *this;
}

Writer& Writer::value(bool b) {
  comma();
  put(b ? "true" : "false");
  return *this;
}

Writer& Writer::null() {
  comma();
  put("null");
  return *this;
}

Value Writer::take() {
  Value v;
  v.type_ = Value::Type::Raw;
  v.s_.assign(out_.data(), used_);  // the buffer stays, at its size, for the next text
  used_ = 0;
  more_ = false;
  return v;
}

std::string to_string(const Value& v) {
  std::string out;
  write(v, out);
  return out;
}

}  // namespace kimput::json
