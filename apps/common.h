// Options shared by the subcommands that read and write documents, and the one call
// each of them makes into the library.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "kimput/config.h"
#include "kimput/pipeline.h"

namespace kimput::app {

struct DocOptions {
  RunOptions run;
  Config config;
  bool progress = false, no_progress = false;
};

// Inputs, -o, -j, --max-bytes, --max-rejects, -z, --stdin-name, --stdin-format,
// --line-offset, --progress: every document subcommand.
void add_io_options(CLI::App& cmd, DocOptions& o);
// Options of the individual passes, added where the pass runs.
void add_ingest_options(CLI::App& cmd, DocOptions& o);
void add_tokenize_options(CLI::App& cmd, DocOptions& o);
void add_entities_options(CLI::App& cmd, DocOptions& o);
void add_quotes_options(CLI::App& cmd, DocOptions& o);
void add_dates_options(CLI::App& cmd, DocOptions& o);

// Runs the passes over the inputs; returns the exit status.
int run_passes(DocOptions& o, const std::vector<std::string>& passes);

// Registers each subcommand (one file each).
void setup_ingest(CLI::App& app);
void setup_tokenize(CLI::App& app);
void setup_entities(CLI::App& app);
void setup_quotes(CLI::App& app);
void setup_dates(CLI::App& app);
void setup_extract(CLI::App& app);
void setup_show(CLI::App& app);
void setup_lexicon(CLI::App& app);

// The exit status the chosen subcommand's callback produced.
int& exit_status();

}  // namespace kimput::app
