// The one JSON writer: compact RFC 8259 output, one document per line.
//
// Strings are escaped (", \, control characters, and U+2028/U+2029 for JavaScript
// consumers); ill-formed UTF-8 in a string is replaced by U+FFFD, so the output is always
// valid UTF-8 whatever a pass put in. Doubles use the shortest form that round-trips;
// NaN and infinities, which JSON cannot carry, are written as null. Output is
// deterministic: the same Value always gives the same bytes.
#pragma once

#include <fmt/compile.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "kimput/json/value.h"

namespace kimput::json {

void write(const Value& v, std::string& out);
std::string to_string(const Value& v);
void write_string(std::string_view s, std::string& out);

// The same writer as a stream of members and items, for a pass that writes a field it adds
// without building a Value per mention (see Value's Raw). Callers say what comes, in order;
// the writer puts the commas. Its bytes are those write() gives for the same tree.
//
//   Writer w;
//   w.begin_array().begin_object().key("start").value(3).key("text").value("Paris");
//   w.end_object().end_array();
//   doc.root().set("field", w.take());
class Writer {
 public:
  // A member name written in the code, checked when compiling to need no escaping (plain
  // ASCII, no '"' or '\\', at most kMax bytes). It holds its member text ',"name":' made
  // when compiling, so that writing it is one copy of a fixed size.
  class Key {
   public:
    static constexpr size_t kMax = 32;
    static constexpr size_t kBytes = kMax + 4;  // ',' '"' name '"' ':'
    template <size_t N>
    consteval Key(const char (&s)[N]) : n_(N - 1 + 4) {
      static_assert(N - 1 <= kMax, "a key of at most kMax bytes");
      for (size_t i = 0; i + 1 < N; ++i)
        if (s[i] < 0x20 || s[i] > 0x7e || s[i] == '"' || s[i] == '\\') throw "a key that needs escaping";
      text_[0] = ',';
      text_[1] = '"';
      for (size_t i = 0; i + 1 < N; ++i) text_[2 + i] = s[i];
      text_[N + 1] = '"';
      text_[N + 2] = ':';
    }

   private:
    friend class Writer;
    char text_[kBytes + 1] = {};  // one more, for the copy that starts after the comma
    size_t n_;  // bytes of text_ used, the comma included
  };

  // The text is written into a buffer of the thread's, kept from one Writer to the next
  // (the passes write a field or two per document): take() copies the text out, once, where
  // a buffer of its own grew by doubling, zeroing and copying each time.
  Writer();
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  Writer& begin_object() { return open('{'); }
  Writer& end_object() { return close('}'); }
  Writer& begin_array() { return open('['); }
  Writer& end_array() { return close(']'); }
  Writer& key(const Key& k) {
    // The whole array, whatever the name's length: a copy of a fixed size is a few moves
    // where a copy of n bytes is a call.
    const size_t skip = more_ ? 0 : 1;
    char* p = room(Key::kBytes);
    std::memcpy(p, k.text_ + skip, Key::kBytes);
    used_ += k.n_ - skip;
    more_ = false;  // the member's value follows the colon
    return *this;
  }
  Writer& value(std::string_view s);
  Writer& value(const char* s) { return value(std::string_view(s)); }
  Writer& value(const std::string& s) { return value(std::string_view(s)); }
  // Inline, as open() and close(): two numbers for every span a pass writes.
  Writer& value(int64_t v) { return number(v); }
  Writer& value(uint64_t v) { return number(v); }
  Writer& value(int v) { return value(static_cast<int64_t>(v)); }
  Writer& value(bool b);
  Writer& null();
  // Room for about n bytes, to grow the text once.
  void reserve(size_t n) { room(n); }
  // The text written so far as a Raw value; the writer is then empty.
  Value take();

 private:
  // Writable space for n bytes at the end of the text: out_ is kept larger than the text
  // (used_ bytes), so that most writes are plain copies with no test of their own.
  char* room(size_t n) {
    if (out_.size() - used_ < n) grow(n);
    return out_.data() + used_;
  }
  void grow(size_t n);
  // value() of a string when its room is not at hand, or when it is long or needs escaping.
  [[gnu::noinline]] Writer& value_written_aside(std::string_view s);
  void put(char c) {
    *room(1) = c;
    ++used_;
  }
  void put(std::string_view s) {
    std::memcpy(room(s.size()), s.data(), s.size());
    used_ += s.size();
  }
  template <class Int>
  Writer& number(Int v) {
    // The comma and the longest number (-9223372036854775808, 18446744073709551615) in one
    // test of the room: the comma is written anyway, and the number over it when none goes
    // before it.
    char* const at = room(21);
    *at = ',';
    char* const p = at + more_;
    used_ += static_cast<size_t>(fmt::format_to(p, FMT_COMPILE("{}"), v) - at);
    more_ = true;
    return *this;
  }
  // Inline: a pass opens and closes an object for every span and mention it writes.
  Writer& open(char c) {
    comma();
    put(c);
    more_ = false;
    return *this;
  }
  Writer& close(char c) {
    put(c);
    more_ = true;
    return *this;
  }
  void comma() {
    if (more_) put(',');
    more_ = true;
  }
  std::string out_;
  size_t used_ = 0;
  bool more_ = false;  // a member or item came before at this level: the next needs a comma
};

}  // namespace kimput::json
