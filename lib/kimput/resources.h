// Access to the rule and word files of lib/data, embedded in the binary at build time
// (cmake/embed_data.cpp), and to users' own files in the same formats.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kimput {

namespace detail {
struct EmbeddedFile {
  const char* path;  // below lib/data, e.g. "boilerplate.tsv"
  std::string_view bytes;
};
extern const EmbeddedFile kEmbeddedFiles[];  // ends with {nullptr, {}}
}  // namespace detail

// The bytes of an embedded data file; throws std::runtime_error when there is none.
std::string_view embedded(std::string_view path);
// Paths of the embedded files below a folder ("lexicon/"), sorted.
std::vector<std::string> embedded_files(std::string_view prefix);
// Reads a user's file; throws std::runtime_error with the path and the reason.
std::string read_file(const std::string& path);

// Calls fn(line, line_number) for every line that is not blank and not a '#' comment,
// with a trailing '\r' removed.
void for_each_data_line(std::string_view bytes, const std::function<void(std::string_view, size_t)>& fn);

// The words of an embedded word list (one a line, trimmed; blanks and '#' comments
// skipped), as views of the embedded bytes, which live as long as the program.
std::vector<std::string_view> embedded_words(std::string_view path);

// Splits on one character, keeping empty fields.
std::vector<std::string_view> split(std::string_view s, char sep);
std::string_view trim(std::string_view s);

}  // namespace kimput
