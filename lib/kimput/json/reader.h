// Parses one JSON text (one JSON Lines line) into a Value, with simdjson.
//
// The input must be valid UTF-8 JSON; on any error the result says what and where, and no
// partial value is returned. One Reader per thread: it reuses simdjson's buffers across
// calls and is not safe to share.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "kimput/json/value.h"

namespace kimput::json {

struct ParseResult {
  bool ok = false;
  Value value;
  std::string error;  // when !ok: simdjson's message
};

class Reader {
 public:
  Reader();
  ~Reader();
  Reader(const Reader&) = delete;  // owns a simdjson parser with large buffers
  Reader& operator=(const Reader&) = delete;
  ParseResult parse(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kimput::json
