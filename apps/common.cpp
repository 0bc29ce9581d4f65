#include "common.h"

namespace kimput::app {

int& exit_status() {
  static int status = 0;
  return status;
}

void add_io_options(CLI::App& cmd, DocOptions& o) {
  cmd.add_option("inputs", o.run.inputs, "Files or folders to read (folders recursively, sorted); - or nothing: stdin")
      ->type_name("PATH...");
  cmd.add_option("-o,--output", o.run.output, "Write to FILE (atomically: a temporary file renamed when done)")
      ->type_name("FILE");
  cmd.add_option("-j,--threads", o.run.threads, "Worker threads (default: all cores); output is the same for every N")
      ->type_name("N");
  cmd.add_option("--max-bytes", o.run.max_bytes, "Reject a document larger than N bytes (default 64 MiB)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--max-rejects", o.run.max_rejects,
                 "Exit 0 when at most N documents were rejected (default 0; each is still reported on stderr "
                 "and left out of the output; more than N: exit 1, the run still completes)")
      ->type_name("N");
  cmd.add_flag("-z,--decompress", o.run.decompress_stdin,
               "Decompress gzip/zstd on stdin (files are recognised by their magic bytes)");
  cmd.add_option("--stdin-name", o.run.stdin_name,
                 "Name stdin NAME in ids, source.path and messages (a shard of NAME, see docs/scale.md)")
      ->type_name("NAME");
  cmd.add_option("--line-offset", o.run.line_offset,
                 "Add N to the line numbers of JSON Lines read from stdin (a shard starting after line N)")
      ->type_name("N");
  cmd.add_option("--stdin-format", o.run.stdin_format,
                 "stdin holds one text document (text), JSON Lines (jsonl), or auto: JSON Lines when it "
                 "starts with '{' or --stdin-name ends in .jsonl")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"auto", "text", "jsonl"}));
  cmd.add_flag("--progress", o.progress, "Show progress on stderr (default: only on a terminal, for large inputs)");
  cmd.add_flag("--no-progress", o.no_progress, "Never show progress");
}

void add_ingest_options(CLI::App& cmd, DocOptions& o) {
  cmd.add_option("--boilerplate", o.config.boilerplate_files,
                 "Extra boilerplate rules (TSV: reason, scope, RE2 pattern; see lib/data/boilerplate.tsv)")
      ->type_name("FILE")
      ->check(CLI::ExistingFile)
      ->allow_extra_args(false);  // one FILE per use: "--boilerplate RULES ARTICLE" reads ARTICLE
  cmd.add_flag("!--no-clean", o.config.clean, "Keep every line: no boilerplate removal");
}

void add_tokenize_options(CLI::App& cmd, DocOptions& o) {
  cmd.add_flag("--tokens", o.config.write_tokens, "Also write the tokens array (large)");
}

void add_entities_options(CLI::App& cmd, DocOptions& o) {
  cmd.add_option("--lexicon", o.config.lexicon_files, "Extra lexicon entries (TSV, see lib/data/lexicon/README.md)")
      ->type_name("FILE")
      ->check(CLI::ExistingFile)
      ->allow_extra_args(false);  // one FILE per use: "--boilerplate RULES ARTICLE" reads ARTICLE
}

void add_quotes_options(CLI::App& cmd, DocOptions& o) {
  cmd.add_option("--verbs", o.config.verb_files, "Extra reporting verbs (TSV, see lib/data/reporting_verbs.tsv)")
      ->type_name("FILE")
      ->check(CLI::ExistingFile)
      ->allow_extra_args(false);  // one FILE per use: "--boilerplate RULES ARTICLE" reads ARTICLE
}

void add_dates_options(CLI::App& cmd, DocOptions& o) {
  cmd.add_option("--reference-date", o.config.reference_date,
                 "Resolve relative dates against YYYY-MM-DD when a document has no meta.date")
      ->type_name("DATE");
}

int run_passes(DocOptions& o, const std::vector<std::string>& passes) {
  o.run.progress = o.no_progress ? 0 : o.progress ? 1 : -1;
  return run_pipeline(o.run, o.config, passes);
}

}  // namespace kimput::app
