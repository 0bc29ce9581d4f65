// Access to the rule and word files of lib/data, embedded in the binary at build time
// (cmake/embed_data.cpp), and to users' own files in the same formats.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
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
// Lexicon::image() of the built-in lexicon, compiled from these files at build time
// (cmake/compile_tables.cpp) and embedded beside them; empty in the compiler itself.
std::string_view lexicon_image();
// dates_detail::filters_image() of the built-in date rules, compiled and embedded the same way.
std::string_view dates_filters_image();
}  // namespace detail

// The bytes of an embedded data file; throws std::runtime_error when there is none.
std::string_view embedded(std::string_view path);
// Paths of the embedded files below a folder ("lexicon/"), sorted.
std::vector<std::string> embedded_files(std::string_view prefix);
// Reads a user's file; throws std::runtime_error with the path and the reason.
std::string read_file(const std::string& path);

// A resource made from the embedded data and a list of the user's files, T(files): built
// once per process for each list, shared read-only, and kept to the process's end (the
// cache is never destroyed, so a thread may still read it as the process exits). Throws as
// T's constructor does; the next call for that list builds it again.
template <typename T>
std::shared_ptr<const T> built_once_per_files(const std::vector<std::string>& files) {
  static std::mutex mu;
  static auto* cache = new std::map<std::vector<std::string>, std::shared_ptr<const T>>();
  std::lock_guard<std::mutex> lock(mu);
  std::shared_ptr<const T>& slot = (*cache)[files];
  if (!slot) slot = std::make_shared<const T>(files);
  return slot;
}

// The white space trim() removes: ' ', '\t', '\r', '\n'. One compare for a byte above ' '
// (nearly every first and last byte of the data files' fields), where four compares cost
// 1.1 M instructions more at start-up (the lexicon's trim() of 240,000 fields).
inline bool is_trim_space(char c) {
  constexpr uint64_t kSpaces = uint64_t{1} << ' ' | uint64_t{1} << '\t' | uint64_t{1} << '\r' | uint64_t{1} << '\n';
  const auto u = static_cast<unsigned char>(c);
  return u <= ' ' && (kSpaces >> u & 1) != 0;
}
// Without that white space at either end.
std::string_view trim_ends(std::string_view s);  // trim() of a string with some to remove
inline __attribute__((always_inline)) std::string_view trim(std::string_view s) {
  // Most strings have nothing to trim, which is seen inline; the rest is a call. A call
  // for each took 5.7 M instructions of the lexicon's start-up (its 240,000 fields).
  // always_inline: GCC made even this test a call in the lexicon's parser (1.1 M more).
  if (s.empty() || (!is_trim_space(s.front()) && !is_trim_space(s.back()))) return s;
  return trim_ends(s);
}

// s == lit, the literal's length known when compiled: a few inline loads, where == on a
// string_view called compare() and memcmp (the lexicon's 50,000 attribute keys at start-up;
// 147,000 comparisons of the quotes pass on the modern bench set).
template <size_t N>
inline bool equals(std::string_view s, const char (&lit)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

// Calls fn(line, line_number) for every line that is not blank and not a '#' comment,
// with a trailing '\r' removed. A template, not a std::function: it calls fn for each of
// the 38,000 lexicon lines at start-up.
template <typename Fn>
void for_each_data_line(std::string_view bytes, Fn&& fn) {
  size_t line_no = 0;
  while (!bytes.empty()) {
    size_t nl = bytes.find('\n');
    std::string_view line = bytes.substr(0, nl);
    bytes = nl == std::string_view::npos ? std::string_view() : bytes.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Blank, or a comment: the first character that is not white space (as trim() sees it).
    size_t first = 0;
    while (first < line.size() && is_trim_space(line[first])) ++first;
    if (first == line.size() || line[first] == '#') continue;
    fn(line, line_no);
  }
}

// The words of an embedded word list (one a line, trimmed; blanks and '#' comments
// skipped), as views of the embedded bytes, which live as long as the program.
std::vector<std::string_view> embedded_words(std::string_view path);

// Splits on one character, keeping empty fields.
std::vector<std::string_view> split(std::string_view s, char sep);
// Calls fn(field, index) for each field of split(s, sep), without the vector.
template <typename Fn>
void for_each_field(std::string_view s, char sep, Fn&& fn) {
  for (size_t i = 0;; ++i) {
    size_t end = s.find(sep);
    fn(s.substr(0, end), i);
    if (end == std::string_view::npos) return;
    s.remove_prefix(end + 1);
  }
}

}  // namespace kimput
