// kimput quotes: adds "quotes" (direct, partial and indirect speech with speaker and
// cue). Runs tokenize and entities first where a document has not been through them.
//
//   kimput ingest new/*.txt | kimput entities | kimput quotes | jq -c '.quotes[]'
//   kimput quotes article.txt | jq -r '.quotes[] | "\(.speaker.name): \(.text)"'
#include "common.h"

namespace kimput::app {

void setup_quotes(CLI::App& app) {
  auto o = std::make_shared<DocOptions>();
  CLI::App* cmd = app.add_subcommand("quotes", "Find quotations and reported speech, and who said them");
  cmd->footer(
      "Examples:\n"
      "  kimput ingest new/*.txt | kimput entities | kimput quotes | jq -c '.quotes[]'\n"
      "  kimput quotes article.txt | jq -r '.quotes[] | \"\\(.speaker.name): \\(.text)\"'");
  add_io_options(*cmd, *o);
  add_ingest_options(*cmd, *o);
  add_entities_options(*cmd, *o);
  add_quotes_options(*cmd, *o);
  cmd->callback([o] { exit_status() = run_passes(*o, {"quotes"}); });
}

}  // namespace kimput::app
