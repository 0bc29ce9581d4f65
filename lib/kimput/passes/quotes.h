// Quotes pass: writes "quotes", every quotation and piece of reported speech with its
// kind, speaker and cue (../shared/design/document-schema.md).
//
// Reads: text, its segmentation, and "entities" (speakers are entities: their canonical
// name and id come from there), as the entities pass left them on the document
// (Document::entity_mentions()) or, when they came with the input, from the JSON. Finds:
//   direct    a quotation in marks (quotes/marks.h) attributed by a reporting verb next to
//             it ("“…,” said X", "X said: “…”"), continued by the following quote-only
//             sentences or paragraphs, or split by its attribution ("“A,” he said. “B.”");
//   indirect  reported speech without marks: "X said (that) …", "…, X said.",
//             "…, points out X", "according to X, …";
//   partial   a quoted fragment inside reported speech, with that speech's speaker;
//   other     marks around words that are not speech (titles, names, scare quotes),
//             speaker null.
// Speakers: a named entity (its canonical name and id), a pronoun or a described person
// ("the professor") resolved to the nearest fitting person outside quoted material, the
// appositive that describes them ("a professor at …"), or an unnamed source ("officials")
// with name and id null. A quote whose speaker the text does not give has speaker null.
// The reporting verbs come from lib/data/reporting_verbs.tsv (+ --verbs files).
// Keeps no state across documents; run() is thread-safe.
#pragma once

#include <memory>

#include "kimput/config.h"
#include "kimput/passes/pass.h"

namespace kimput {

class ReportingVerbs;

class QuotesPass : public Pass {
 public:
  explicit QuotesPass(const Config& config);
  ~QuotesPass() override;
  std::string_view name() const override { return "quotes"; }
  std::vector<std::string_view> requires_passes() const override { return {"tokenize", "entities"}; }
  void run(Document& doc) const override;

  struct Words;  // the pass's word lists as one table (quotes.cpp)

 private:
  std::shared_ptr<const ReportingVerbs> verbs_;  // shared_reporting_verbs()
  std::unique_ptr<Words> words_;
};

}  // namespace kimput
