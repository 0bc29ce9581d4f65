// kimput show: prints documents for a person: title, date, each quote with its speaker,
// entity counts. Colour only on a terminal, never with NO_COLOR set.
//
//   cat article.txt | kimput extract - | kimput show
//   kimput show out/corpus.jsonl | less -R
#include <unistd.h>

#include <cstdlib>

#include "common.h"
#include "kimput/io/input.h"
#include "kimput/io/output.h"
#include "kimput/json/reader.h"
#include "kimput/show.h"

namespace kimput::app {

void setup_show(CLI::App& app) {
  struct Options {
    std::vector<std::string> inputs;
    std::string color = "auto";
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("show", "Print documents for reading: title, date, quotes, entities");
  cmd->footer(
      "Examples:\n"
      "  cat article.txt | kimput extract - | kimput show\n"
      "  kimput show out/corpus.jsonl | less -R");
  cmd->add_option("inputs", o->inputs, "kimput JSON Lines files; - or nothing: stdin")->type_name("PATH...");
  cmd->add_option("--color", o->color, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->callback([o] {
    bool color = o->color == "always" || (o->color == "auto" && ::isatty(1) && !std::getenv("NO_COLOR"));
    io::InputReader reader(o->inputs, io::InputOptions{});
    io::Output out;
    json::Reader json;
    int status = 0;
    for (io::Record r; reader.next(r);) {
      std::string where = (r.path == "-" ? std::string("<stdin>") : r.path) + (r.line ? ":" + std::to_string(r.line) : "");
      if (!r.error.empty() || r.format != io::Format::JsonLines) {
        report(where, r.error.empty() ? "not a kimput document (run `kimput extract` first)" : r.error);
        status = 1;
        continue;
      }
      auto pr = json.parse(r.bytes);
      if (!pr.ok || !pr.value.is_object()) {
        report(where, "not a kimput document: " + (pr.ok ? std::string("not an object") : pr.error));
        status = 1;
        continue;
      }
      out.write(render_document(pr.value, color));
      out.write("\n");
    }
    out.commit();
    exit_status() = status;
  });
}

}  // namespace kimput::app
