// What the user can set for the passes: extra data files and switches. Built once from
// the command line and given to each pass's constructor; read-only afterwards.
#pragma once

#include <string>
#include <vector>

namespace kimput {

struct Config {
  // ingest
  std::vector<std::string> boilerplate_files;  // extra rules, same format as lib/data/boilerplate.tsv
  bool clean = true;                           // --no-clean: keep every line
  // tokenize
  bool write_tokens = false;                   // --tokens
  // entities
  std::vector<std::string> lexicon_files;      // --lexicon
  // quotes
  std::vector<std::string> verb_files;         // --verbs
  // dates
  std::string reference_date;                  // --reference-date YYYY-MM-DD ("" = none)
};

}  // namespace kimput
