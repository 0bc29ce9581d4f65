// Reporting verbs and cue phrases (lib/data/reporting_verbs.tsv plus users' --verbs files):
// "said", "told", "points out", "according to". Built once; immutable; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
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
  // Called for every word of every document: a bitmap of the first words' hashes rejects
  // almost all words before the map is consulted (out of line); the bitmap's test is
  // inline, so that those words cost no call.
  const std::vector<VerbForm>* starting_with(std::string_view first_word) const {
    const uint32_t h = filter_hash(first_word);
    return filter_[h / 64] >> (h % 64) & 1 ? find(first_word) : nullptr;
  }
  // Calls fn(first_word, forms) for every first word, in no particular order: for callers
  // that fold this lookup into a word table of their own (the quote pass).
  template <typename Fn>
  void for_each_first_word(Fn fn) const {
    for (const auto& [w, forms] : by_first_) fn(std::string_view(w), forms);
  }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static constexpr size_t kFilterBits = 1u << 16;
  // FNV-1a folded to 16 bits: cheaper than the map's hash for the short words it sees.
  static uint32_t filter_hash(std::string_view w) {
    uint32_t h = 2166136261u;
    for (unsigned char c : w) h = (h ^ c) * 16777619u;
    return (h ^ (h >> 16)) & (kFilterBits - 1);
  }
  const std::vector<VerbForm>* find(std::string_view first_word) const;
  std::unordered_map<std::string, std::vector<VerbForm>, Hash, std::equal_to<>> by_first_;
  std::vector<uint64_t> filter_;  // kFilterBits bits
};

// The embedded list and the user's files, built once per process for each list of files
// and shared read-only: the entities and quotes passes both read it. Throws as the
// constructor does (and builds again at the next call after a throw).
std::shared_ptr<const ReportingVerbs> shared_reporting_verbs(const std::vector<std::string>& extra_files);

}  // namespace kimput
