// Turns the bytes of a raw input file into UTF-8 text.
//
// UTF-8 is expected: a BOM is dropped. Bytes that are not UTF-8 are detected with ICU's
// charset detector; Windows-1252 / ISO-8859-1 (and other single-byte charsets ICU is
// confident about) are converted, with a warning naming the charset. Anything else keeps
// its valid UTF-8 and has ill-formed sequences replaced by U+FFFD, with a warning giving
// the count. CRLF and lone CR become LF. Binary data (NUL bytes) is refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kimput {

struct Decoded {
  std::string text;
  std::vector<std::string> warnings;
  std::string error;  // non-empty: not text (binary data)
};

// Takes the bytes: UTF-8 with no CR (most files) becomes the text as it is, not a copy.
Decoded decode_text(std::string bytes);

// CRLF and lone CR become LF.
std::string normalize_newlines(std::string_view s);

}  // namespace kimput
