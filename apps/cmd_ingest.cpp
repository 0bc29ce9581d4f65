// kimput ingest: raw articles (text files, folders, stdin) or JSON Lines with a "text"
// field -> kimput documents with id, source, meta, text and removed.
//
//   kimput ingest new/*.txt | kimput tokenize | jq -c '.meta'
//   kimput ingest crawl.jsonl.gz --boilerplate my-site.tsv -o docs.jsonl
#include "common.h"

namespace kimput::app {

void setup_ingest(CLI::App& app) {
  auto o = std::make_shared<DocOptions>();
  CLI::App* cmd = app.add_subcommand("ingest", "Read articles, remove boilerplate, write kimput documents");
  cmd->footer(
      "Examples:\n"
      "  kimput ingest new/*.txt | kimput tokenize | jq -c '.meta'\n"
      "  kimput ingest crawl.jsonl.gz --boilerplate my-site.tsv -o docs.jsonl");
  add_io_options(*cmd, *o);
  add_ingest_options(*cmd, *o);
  cmd->callback([o] { exit_status() = run_passes(*o, {"ingest"}); });
}

}  // namespace kimput::app
