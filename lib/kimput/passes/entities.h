// Entities pass: writes "entities", every named mention of a person, organisation,
// place, group or event, with its OntoNotes type, the canonical name and stable id of the
// entity it refers to, and how it was found (../shared/design/document-schema.md); the
// same mentions are left on the document for the quotes pass (Document::entity_mentions()).
//
// Reads: text and its segmentation (tokens, sentences), meta.date (to tell apart people
// who share a family name by the years they held office).
// Finds, in one left-to-right pass over the tokens:
//   "lexicon"  longest match in the compiled lexicon (entities/lexicon.h);
//   "pattern"  names the lexicon lacks, by shape and context: a known given name, a title
//              or role word before, an appositive after (", a professor at"), a speech verb
//              next to it, an organisation's head or tail word ("… University", "Ministry of …");
//   "alias"    a family name alone ("Lukin", "Kim", "Putin's") resolved to the person the
//              context points to: full mentions earlier in the document, the years in the
//              sentence against the offices and lifetimes in the lexicon, epithets ("the
//              elder Kim"), a role or office word before it ("Secretary Clinton"), a
//              relation of the person named ("his grandfather Kim": lexicon kin=), two
//              family names joined by a hyphen ("the Clinton-Sanders race"); an acronym
//              given in parentheses after a name.
//   unlinked   a name bodies of many countries share ("the Supreme Court", lexicon local=)
//              keeps the lexicon's entity only in a story about that entity's country.
//   nested     a person or place named inside an organisation's, facility's or event's
//              name ("Moscow" in "Moscow Aviation Institute") is a mention too, with
//              "nested": true; in a match report a country named as a side is its
//              national team (ORG, "Norway national football team").
// The matcher's code is in lib/kimput/entities/ (matcher.h says which file does what).
// Guarantees: mentions sorted by start (a name before the names nested in it); mentions
// without "nested" never overlap; code-point offsets, text[start:end] == text. Unknown names get the id "kimput:" + slug of the name, the same
// in every document. Keeps no state across documents; run() is thread-safe.
#pragma once

#include <future>
#include <memory>

#include "kimput/config.h"
#include "kimput/entities/lexicon.h"
#include "kimput/passes/pass.h"

namespace kimput {

class ReportingVerbs;

class EntitiesPass : public Pass {
 public:
  // `eager`: start compiling the built-in lexicon now, on a thread of its own; otherwise
  // it is compiled by the first document that needs it (a prerequisite pass: `kimput
  // quotes` on documents that already have their entities never needs it).
  explicit EntitiesPass(const Config& config, bool eager = true);
  ~EntitiesPass() override;
  std::string_view name() const override { return "entities"; }
  std::vector<std::string_view> requires_passes() const override { return {"tokenize"}; }
  void run(Document& doc) const override;
  // The compiled lexicon; waits for it when it is still being built.
  const Lexicon& lexicon() const { return *lexicon_.get(); }

 private:
  // Shared by every EntitiesPass of the process. The built-in lexicon is compiled on a
  // thread of its own while the other passes build their resources and the first
  // documents are read, ingested and tokenized (start-up time is what a user running
  // kimput on one article waits for). A user's --lexicon file is compiled before the
  // constructor returns, so that an error in it stops the run before any document.
  std::shared_future<std::shared_ptr<const Lexicon>> lexicon_;
  std::shared_ptr<const ReportingVerbs> verbs_;  // shared_reporting_verbs()
};


}  // namespace kimput
