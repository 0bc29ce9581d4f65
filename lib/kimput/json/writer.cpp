#include "kimput/json/writer.h"

#include <fmt/format.h>

#include <cmath>

#include "kimput/text/utf8.h"

namespace kimput::json {

void write_string(std::string_view s, std::string& out) {
  std::string repaired;
  if (!utf8::valid(s)) {
    repaired = utf8::repair(s);
    s = repaired;
  }
  out += '"';
  static constexpr char hex[] = "0123456789abcdef";
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    const char* esc = nullptr;
    char buf[7];
    if (c == '"') esc = "\\\"";
    else if (c == '\\') esc = "\\\\";
    else if (c == '\n') esc = "\\n";
    else if (c == '\r') esc = "\\r";
    else if (c == '\t') esc = "\\t";
    else if (c == '\b') esc = "\\b";
    else if (c == '\f') esc = "\\f";
    else if (c < 0x20 || c == 0x7f) {
      buf[0] = '\\'; buf[1] = 'u'; buf[2] = '0'; buf[3] = '0';
      buf[4] = hex[c >> 4]; buf[5] = hex[c & 15]; buf[6] = 0;
      esc = buf;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out.append(s.data() + run, i - run);
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
      run = i + 1;
      continue;
    }
    if (esc) {
      out.append(s.data() + run, i - run);
      out += esc;
      run = i + 1;
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void write(const Value& v, std::string& out) {
  switch (v.type()) {
    case Value::Type::Null: out += "null"; break;
    case Value::Type::Bool: out += v.as_bool() ? "true" : "false"; break;
    case Value::Type::Int: fmt::format_to(std::back_inserter(out), "{}", v.raw_int()); break;
    case Value::Type::UInt: fmt::format_to(std::back_inserter(out), "{}", v.raw_uint()); break;
    case Value::Type::Double:
      if (std::isfinite(v.raw_double())) fmt::format_to(std::back_inserter(out), "{}", v.raw_double());
      else out += "null";
      break;
    case Value::Type::String: write_string(v.as_string(), out); break;
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
        if (i) out += ',';
        write_string(keys[i], out);
        out += ':';
        write(vals[i], out);
      }
      out += '}';
      break;
    }
  }
}

std::string to_string(const Value& v) {
  std::string out;
  write(v, out);
  return out;
}

}  // namespace kimput::json
