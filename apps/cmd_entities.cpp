// kimput entities: adds "entities" (people, places, organisations, groups, events, each
// with its canonical name and id). Runs tokenize first where a document lacks sentences.
//
//   kimput ingest new/*.txt | kimput entities | jq -c '.entities[] | [.text, .type, .name]'
//   kimput entities --lexicon my-people.tsv article.txt
#include "common.h"

namespace kimput::app {

void setup_entities(CLI::App& app) {
  auto o = std::make_shared<DocOptions>();
  CLI::App* cmd = app.add_subcommand("entities", "Find people, places, organisations and groups");
  cmd->footer(
      "Examples:\n"
      "  kimput ingest new/*.txt | kimput entities | jq -c '.entities[] | [.text, .type, .name]'\n"
      "  kimput entities --lexicon my-people.tsv article.txt");
  add_io_options(*cmd, *o);
  add_ingest_options(*cmd, *o);
  add_entities_options(*cmd, *o);
  cmd->callback([o] { exit_status() = run_passes(*o, {"entities"}); });
}

}  // namespace kimput::app
