// kimput lexicon check: checks a user's lexicon file before it is used with --lexicon:
// malformed lines, aliases given twice or already naming another entity in the built-in
// lexicon, aliases that are common English words. Exit 1 when it finds problems.
//
//   kimput lexicon check my-people.tsv
//   kimput lexicon stats
#include <fmt/format.h>

#include <cstdio>

#include "common.h"
#include "kimput/entities/lexicon.h"
#include "kimput/resources.h"

namespace kimput::app {

void setup_lexicon(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("lexicon", "Check lexicon files; show the built-in lexicon's size");
  cmd->require_subcommand(1);
  cmd->footer(
      "Examples:\n"
      "  kimput lexicon check my-people.tsv\n"
      "  kimput lexicon stats");
  auto file = std::make_shared<std::string>();
  CLI::App* check = cmd->add_subcommand("check", "Report malformed lines, duplicate aliases and aliases that are common words");
  check->add_option("file", *file, "Lexicon file (TSV: type, id, name, aliases, attributes)")->required()->check(CLI::ExistingFile);
  check->callback([file] {
    Lexicon builtin;
    auto problems = check_lexicon(read_file(*file), builtin);
    for (const auto& p : problems) std::fprintf(stderr, "kimput: %s:%zu: %s\n", file->c_str(), p.line, p.message.c_str());
    std::fprintf(stderr, "kimput: %s: %zu problem%s\n", file->c_str(), problems.size(), problems.size() == 1 ? "" : "s");
    exit_status() = problems.empty() ? 0 : 1;
  });
  CLI::App* stats = cmd->add_subcommand("stats", "Entries of the built-in lexicon by type, and its load time");
  stats->callback([] {
    Lexicon builtin;
    for (const auto& [type, n] : builtin.count_by_type()) std::printf("%-7s %zu\n", type.c_str(), n);
    std::printf("total   %zu entries, loaded in %.1f ms (%s)\n", builtin.size(), builtin.load_ms(),
                builtin.from_image() ? "the tables compiled at build time" : "parsed from the files");
  });
}

}  // namespace kimput::app
