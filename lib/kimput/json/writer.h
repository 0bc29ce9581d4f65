// The one JSON writer: compact RFC 8259 output, one document per line.
//
// Strings are escaped (", \, control characters, and U+2028/U+2029 for JavaScript
// consumers); ill-formed UTF-8 in a string is replaced by U+FFFD, so the output is always
// valid UTF-8 whatever a pass put in. Doubles use the shortest form that round-trips;
// NaN and infinities, which JSON cannot carry, are written as null. Output is
// deterministic: the same Value always gives the same bytes.
#pragma once

#include <cstdint>
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
  // ASCII, no '"' or '\\', at most kMax bytes): appended as it is, with no test of its
  // bytes on every member written.
  class Key {
   public:
    static constexpr size_t kMax = 32;
    template <size_t N>
    consteval Key(const char (&s)[N]) : s_(s, N - 1) {
      static_assert(N - 1 <= kMax, "a key of at most kMax bytes");
      for (char c : s_)
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') throw "a key that needs escaping";
    }
    std::string_view view() const { return s_; }

   private:
    std::string_view s_;
  };

  Writer& begin_object() { return open('{'); }
  Writer& end_object() { return close('}'); }
  Writer& begin_array() { return open('['); }
  Writer& end_array() { return close(']'); }
  Writer& key(Key k);
  Writer& value(std::string_view s);
  Writer& value(const char* s) { return value(std::string_view(s)); }
  Writer& value(const std::string& s) { return value(std::string_view(s)); }
  Writer& value(int64_t v);
  Writer& value(uint64_t v);
  Writer& value(int v) { return value(static_cast<int64_t>(v)); }
  Writer& value(bool b);
  Writer& null();
  // Room for about n bytes, to grow the text once.
  void reserve(size_t n) { out_.reserve(n); }
  // The text written so far as a Raw value; the writer is then empty.
  Value take();

 private:
  Writer& open(char c);
  Writer& close(char c);
  void comma() {
    if (more_) out_ += ',';
    more_ = true;
  }
  std::string out_;
  bool more_ = false;  // a member or item came before at this level: the next needs a comma
};

}  // namespace kimput::json
