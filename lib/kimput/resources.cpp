#include "kimput/resources.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kimput {

std::string_view embedded(std::string_view path) {
  for (const detail::EmbeddedFile* f = detail::kEmbeddedFiles; f->path; ++f)
    if (path == f->path) return f->bytes;
  throw std::runtime_error("no embedded data file " + std::string(path));
}

std::vector<std::string> embedded_files(std::string_view prefix) {
  std::vector<std::string> out;
  for (const detail::EmbeddedFile* f = detail::kEmbeddedFiles; f->path; ++f)
    if (std::string_view(f->path).substr(0, prefix.size()) == prefix) out.emplace_back(f->path);
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string_view> embedded_words(std::string_view path) {
  std::vector<std::string_view> out;
  for_each_data_line(embedded(path), [&](std::string_view line, size_t) { out.push_back(trim(line)); });
  return out;
}

std::string_view trim_ends(std::string_view s) {
  while (!s.empty() && is_trim_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_trim_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  out.reserve(8);
  size_t start = 0;
  for (;;) {
    size_t i = s.find(sep, start);  // memchr: this runs over every line of every data file at start-up
    if (i == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, i - start));
    start = i + 1;
  }
}

}  // namespace kimput
