#include "kimput/words/reporting_verbs.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "kimput/resources.h"

namespace kimput {

namespace {

template <class Map>
void load(std::string_view bytes, const std::string& origin, Map& out) {
  for_each_data_line(bytes, [&](std::string_view line, size_t n) {
    // lemma <TAB> forms <TAB> kind: exactly two tabs.
    size_t tab1 = line.find('\t');
    size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos || line.find('\t', tab2 + 1) != std::string_view::npos)
      throw std::runtime_error(fmt::format("{}:{}: expected 3 tab-separated columns (lemma, forms, kind)", origin, n));
    VerbKind kind;
    std::string_view k = trim(line.substr(tab2 + 1));
    if (k == "speech") kind = VerbKind::Speech;
    else if (k == "tell") kind = VerbKind::Tell;
    else if (k == "source") kind = VerbKind::Source;
    else if (k == "weak") kind = VerbKind::Weak;
    else if (k == "belief") kind = VerbKind::Belief;
    else throw std::runtime_error(fmt::format("{}:{}: kind must be speech, tell, source, weak or belief", origin, n));
    std::string_view lemma = trim(line.substr(0, tab1));
    for_each_field(trim(line.substr(tab1 + 1, tab2 - tab1 - 1)), '|', [&](std::string_view form, size_t i) {
      form = trim(form);
      VerbForm f;
      f.lemma = std::string(lemma);
      f.kind = kind;
      f.words.reserve(static_cast<size_t>(std::count(form.begin(), form.end(), ' ')) + 1);
      for_each_field(form, ' ', [&](std::string_view w, size_t) {
        if (!w.empty()) f.words.emplace_back(w);
      });
      if (f.words.empty()) return;
      const std::string& head = f.words[0];
      f.participle = kind != VerbKind::Source && f.words.size() == 1 && head.size() > 4 && head.compare(head.size() - 3, 3, "ing") == 0;
      f.present_3rd = i == 1 && !f.participle;
      f.past = !f.participle && !f.present_3rd && i > 0 &&
               ((head.size() > 2 && head.compare(head.size() - 2, 2, "ed") == 0) || i == 2);
      out[head].push_back(std::move(f));
    });
  });
}

}  // namespace

ReportingVerbs::ReportingVerbs(const std::vector<std::string>& extra_files) {
  load(embedded("reporting_verbs.tsv"), "reporting_verbs.tsv", by_first_);
  for (const auto& f : extra_files) load(read_file(f), f, by_first_);
  filter_.assign(kFilterBits / 64, 0);
  for (auto& [k, v] : by_first_) {
    if (v.size() > 1)  // stable_sort() allocates a buffer even for one form (most words have one)
      std::stable_sort(v.begin(), v.end(), [](const VerbForm& a, const VerbForm& b) { return a.words.size() > b.words.size(); });
    uint32_t h = filter_hash(k);
    filter_[h / 64] |= uint64_t{1} << (h % 64);
  }
}

// starting_with() past the bitmap.
const std::vector<VerbForm>* ReportingVerbs::find(std::string_view first_word) const {
  auto it = by_first_.find(first_word);
  return it == by_first_.end() ? nullptr : &it->second;
}

std::shared_ptr<const ReportingVerbs> shared_reporting_verbs(const std::vector<std::string>& extra_files) {
  return built_once_per_files<ReportingVerbs>(extra_files);
}

}  // namespace kimput
