// The one JSON writer: compact RFC 8259 output, one document per line.
//
// Strings are escaped (", \, control characters, and U+2028/U+2029 for JavaScript
// consumers); ill-formed UTF-8 in a string is replaced by U+FFFD, so the output is always
// valid UTF-8 whatever a pass put in. Doubles use the shortest form that round-trips;
// NaN and infinities, which JSON cannot carry, are written as null. Output is
// deterministic: the same Value always gives the same bytes.
#pragma once

#include <string>

#include "kimput/json/value.h"

namespace kimput::json {

void write(const Value& v, std::string& out);
std::string to_string(const Value& v);
void write_string(std::string_view s, std::string& out);

}  // namespace kimput::json
