// kimput extract: every pass (ingest, tokenize, entities, quotes, dates) in one process.
// Its output is byte-identical to piping the single-pass subcommands.
//
//   kimput extract articles/ > docs.jsonl
//   cat article.txt | kimput extract - | kimput show
#include "common.h"

namespace kimput::app {

void setup_extract(CLI::App& app) {
  auto o = std::make_shared<DocOptions>();
  CLI::App* cmd = app.add_subcommand("extract", "Run every pass: ingest, tokenize, entities, quotes, dates");
  cmd->footer(
      "Examples:\n"
      "  kimput extract articles/ > docs.jsonl\n"
      "  cat article.txt | kimput extract - | kimput show\n"
      "  kimput extract -j4 archive.jsonl.zst -o out.jsonl --max-rejects 10");
  add_io_options(*cmd, *o);
  add_ingest_options(*cmd, *o);
  add_tokenize_options(*cmd, *o);
  add_entities_options(*cmd, *o);
  add_quotes_options(*cmd, *o);
  add_dates_options(*cmd, *o);
  cmd->callback([o] { exit_status() = run_passes(*o, extract_passes()); });
}

}  // namespace kimput::app
