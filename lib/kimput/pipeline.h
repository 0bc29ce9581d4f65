// The document pipeline behind every subcommand: read records (io/input.h), ingest the
// ones that are not yet kimput documents, run the requested passes (and the passes they
// require that a document has not been through), and write one JSON line per document,
// in input order.
//
// Guarantees: every input record yields exactly one output line or one rejection reported
// on stderr as `kimput: FILE[:LINE]: message`; output bytes do not depend on the thread
// count; memory is bounded by the documents in flight (a few per thread), not by the input.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kimput/config.h"
#include "kimput/passes/pass.h"

namespace kimput {

// The passes `kimput extract` runs, in order. A new pass adds one line here.
const std::vector<std::string>& extract_passes();

// Builds the pass of that name with its resources; throws std::invalid_argument for an
// unknown name and std::runtime_error when a user data file is unusable.
// `requested`: false for a prerequisite that runs only on documents lacking its field
// (its costly resources are then built when first needed, not at start-up).
std::unique_ptr<Pass> make_pass(const std::string& name, const Config& config, bool requested = true);

struct RunOptions {
  std::vector<std::string> inputs;  // empty: stdin
  std::string output;               // "" or "-": stdout
  unsigned threads = 0;             // 0: all cores
  size_t max_bytes = 64u << 20;
  uint64_t max_rejects = 0;         // rejections tolerated before the exit status is 1
  bool decompress_stdin = false;
  std::string stdin_name = "-";     // the path records from stdin give (see io::InputOptions)
  uint64_t line_offset = 0;         // added to the line numbers of JSON Lines on stdin
  std::string stdin_format = "auto";  // auto, text or jsonl
  int progress = -1;                // 1 on, 0 off, -1 auto (stderr is a TTY and input is large)
};

struct RunStats {
  uint64_t documents = 0;  // written
  uint64_t rejected = 0;
  uint64_t warnings = 0;
  uint64_t input_bytes = 0;
};

// Runs `passes` (names, in order) over the inputs. Returns the process exit status:
// 0, or 1 when more documents were rejected than max_rejects allows. Throws
// std::runtime_error for errors that stop the run (a missing input path: exit 2).
int run_pipeline(const RunOptions& opts, const Config& config, const std::vector<std::string>& passes,
                 RunStats* stats = nullptr);

// Prints `kimput: WHERE: message` on stderr, whole lines, safe from any thread.
void report(const std::string& where, const std::string& message);

}  // namespace kimput
