// kimput tokenize: adds "sentences" (and with --tokens, "tokens") to documents.
// Raw text input is ingested first.
//
//   kimput ingest new/*.txt | kimput tokenize | jq '.sentences | length'
//   kimput tokenize --tokens article.txt | jq -c '.tokens[:5]'
#include "common.h"

namespace kimput::app {

void setup_tokenize(CLI::App& app) {
  auto o = std::make_shared<DocOptions>();
  CLI::App* cmd = app.add_subcommand("tokenize", "Split documents into sentences (and tokens, with --tokens)");
  cmd->footer(
      "Examples:\n"
      "  kimput ingest new/*.txt | kimput tokenize | jq '.sentences | length'\n"
      "  kimput tokenize --tokens article.txt | jq -c '.tokens[:5]'");
  add_io_options(*cmd, *o);
  add_ingest_options(*cmd, *o);
  add_tokenize_options(*cmd, *o);
  cmd->callback([o] { exit_status() = run_passes(*o, {"tokenize"}); });
}

}  // namespace kimput::app
