// Reporting verbs and cue phrases (lib/data/reporting_verbs.tsv plus users' --verbs files):
// "said", "told", "points out", "according to". Built once; immutable; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kimput {

enum class VerbKind : uint8_t { Speech, Tell, Source, Weak, Belief };

struct VerbForm {
  std::string lemma;
  VerbKind kind;
  std::vector<std::string> words;  // the form split into words, lower case: {"points", "out"}
  bool past = false;                // "said", "told": a past-tense form
  bool present_3rd = false;         // "says"
  bool participle = false;          // "saying"
};

class ReportingVerbs {
 public:
  explicit ReportingVerbs(const std::vector<std::string>& extra_files = {});
  // Forms whose first word is `first_word` (lower case), longest first.
  const std::vector<VerbForm>* starting_with(std::string_view first_word) const;

 private:
  std::unordered_map<std::string, std::vector<VerbForm>> by_first_;
};

// The embedded list alone, built once per process.
const ReportingVerbs& builtin_reporting_verbs();

}  // namespace kimput
