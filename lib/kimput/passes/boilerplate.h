// Boilerplate removal and page metadata for raw web-text dumps of news articles.
//
// Reads: the article's UTF-8 text, line by line. Writes: the cleaned text (kept lines in
// order, blank-line paragraph breaks kept, runs of blank lines collapsed), the removed
// lines with their reason, in input order, and what the page says about itself (title,
// subtitle, publication date, retrieval-date banner, byline, publisher).
// Rules come from lib/data/boilerplate.tsv plus the user's files (same format); they are
// compiled once (RE2: the user's files at construction, the embedded rules alone at the
// first use) and shared read-only by all threads. A rule of scope "short" never
// removes a line that reads as story prose. Keeps no state across documents.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kimput {

struct RemovedLine {
  std::string text;
  std::string reason;
};

struct PageMeta {
  std::optional<std::string> title, subtitle, date, retrieved, byline, publisher;
};

struct Cleaned {
  std::string text;
  std::vector<RemovedLine> removed;
  PageMeta meta;
};

class BoilerplateRules {
 public:
  // Reads and compiles the embedded rules and the user's extra files, when there are any
  // (else at the first use); throws std::runtime_error naming the file and line of a
  // malformed rule.
  explicit BoilerplateRules(const std::vector<std::string>& extra_files = {});
  ~BoilerplateRules();
  BoilerplateRules(const BoilerplateRules&) = delete;  // owns compiled RE2 programs
  BoilerplateRules& operator=(const BoilerplateRules&) = delete;

  // `clean_lines` false: only reads the metadata, keeps every line.
  Cleaned clean(std::string_view text, bool clean_lines = true) const;

  // Parses a line that is only a date ("June 21, 2024 at 06:00AM", "Thursday, May 9,
  // 2024", "2024-06-21"): ISO 8601 value, and whether it names a weekday / a time.
  struct DateLine {
    std::string iso;
    bool weekday = false;
    bool time = false;
    bool labelled_published = false;  // "Published ...", "Posted on ..."
  };
  std::optional<DateLine> parse_date_line(std::string_view line) const;

 private:
  // Reads and compiles the embedded rules at the first call when the constructor did not
  // (thread-safe); the date patterns wait for the first line that may be a date.
  void compile_once() const;
  // parse_date_line() of a line already trimmed (clean() trims each line once).
  std::optional<DateLine> parse_trimmed_date_line(std::string_view line) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True when a line reads as story prose: eight words or more ending in . ! ? or a closing
// quotation mark (a truncated teaser ending in "..." is not prose).
bool looks_like_prose(std::string_view line);

}  // namespace kimput
