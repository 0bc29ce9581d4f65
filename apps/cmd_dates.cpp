// kimput dates: adds "dates" (time expressions with TIMEX3 type and normalised value,
// relative ones resolved against meta.date or --reference-date).
//
//   kimput ingest new/*.txt | kimput dates | jq -c '.dates[] | [.text, .value]'
//   echo 'The talks ended on Tuesday.' | kimput dates --reference-date 2024-06-21
#include "common.h"

namespace kimput::app {

void setup_dates(CLI::App& app) {
  auto o = std::make_shared<DocOptions>();
  CLI::App* cmd = app.add_subcommand("dates", "Find time expressions and resolve them to ISO 8601 values");
  cmd->footer(
      "Examples:\n"
      "  kimput ingest new/*.txt | kimput dates | jq -c '.dates[] | [.text, .value]'\n"
      "  echo 'The talks ended on Tuesday.' | kimput dates --reference-date 2024-06-21");
  add_io_options(*cmd, *o);
  add_ingest_options(*cmd, *o);
  add_dates_options(*cmd, *o);
  cmd->callback([o] { exit_status() = run_passes(*o, {"dates"}); });
}

}  // namespace kimput::app
