// kimput: a command-line text-mining toolkit for news articles.
// main() only dispatches to the subcommands (one file each) and owns the exit status:
// 0 all went well, 1 some documents were rejected, 2 usage or I/O error; a closed output
// pipe ends the run quietly with 0.
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "common.h"
#include "malloc_tuning.h"
#include "kimput/io/output.h"

int main(int argc, char** argv) {
  kimput::app::tune_malloc();  // the heaps for start-up (malloc_tuning.cpp)
  std::signal(SIGPIPE, SIG_IGN);  // EPIPE is handled as an exception in io::Output
  CLI::App app{"kimput: text mining for news articles, in Unix pipelines (JSON Lines in, JSON Lines out)"};
  app.set_version_flag("-V,--version", std::string("kimput ") + KIMPUT_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  kimput extract articles/ > docs.jsonl\n"
      "  kimput ingest new/*.txt | kimput tokenize | jq -c '.meta'\n"
      "  cat article.txt | kimput extract - | kimput show\n\n"
      "Each subcommand has its own --help. Documents follow the kimput/1 schema (README.md).");
  kimput::app::setup_ingest(app);
  kimput::app::setup_tokenize(app);
  kimput::app::setup_entities(app);
  kimput::app::setup_quotes(app);
  kimput::app::setup_dates(app);
  kimput::app::setup_extract(app);
  kimput::app::setup_show(app);
  kimput::app::setup_lexicon(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  } catch (const kimput::io::BrokenPipe&) {
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kimput: %s\n", e.what());
    return 2;
  }
#if defined(__SANITIZE_ADDRESS__)
  return kimput::app::exit_status();  // LeakSanitizer checks at a normal exit
#else
  // What start-up built (the lexicon, the word lists: ~100,000 blocks) goes back to the
  // system with the process; freeing it block by block in the static destructors took
  // ~7 M instructions and ~7 ms, a tenth of a run on one article. So they are skipped.
  std::fflush(nullptr);
  std::_Exit(kimput::app::exit_status());
#endif
}
