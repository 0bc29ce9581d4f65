#include "kimput/pipeline.h"

#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_scheduler_observer.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "kimput/huge_pages.h"
#include "kimput/io/input.h"
#include "kimput/io/output.h"
#include "kimput/json/reader.h"
#include "kimput/json/writer.h"
#include "kimput/passes/dates.h"
#include "kimput/passes/entities.h"
#include "kimput/passes/ingest.h"
#include "kimput/passes/quotes.h"
#include "kimput/passes/tokenize.h"

namespace kimput {

const std::vector<std::string>& extract_passes() {
  static const std::vector<std::string> passes = {"tokenize", "entities", "quotes", "dates"};
  return passes;
}

std::unique_ptr<Pass> make_pass(const std::string& name, const Config& config, bool requested) {
  if (name == "tokenize") return std::make_unique<TokenizePass>(config);
  if (name == "entities") return std::make_unique<EntitiesPass>(config, requested);
  if (name == "quotes") return std::make_unique<QuotesPass>(config);
  if (name == "dates") return std::make_unique<DatesPass>(config);
  throw std::invalid_argument("unknown pass " + name);
}

void report(const std::string& where, const std::string& message) {
  static std::mutex mu;
  std::string line = where.empty() ? fmt::format("kimput: {}\n", message) : fmt::format("kimput: {}: {}\n", where, message);
  std::lock_guard<std::mutex> lock(mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

namespace {

struct Step {
  std::unique_ptr<Pass> pass;
  bool requested;  // requested passes always run; prerequisites only when missing
};

// The requested passes plus what they require, in extract order.
std::vector<Step> plan(const std::vector<std::string>& requested, const Config& config) {
  // Each pass is built once (building one compiles its resources), those whose resources
  // compile on threads of their own first: the dates pass's rules (the longest part of
  // start-up), then the entities pass's lexicon; the rest of start-up (the quotes pass's word
  // tables, the name lists) overlaps them. A user running kimput on one article waits for
  // all of it.
  static const std::vector<std::string> kBuildOrder = {"dates", "entities", "quotes", "tokenize"};
  std::map<std::string, std::unique_ptr<Pass>> built;
  auto order = [](const std::string& n) { return std::find(kBuildOrder.begin(), kBuildOrder.end(), n) - kBuildOrder.begin(); };
  std::vector<std::string> todo = requested;  // built from the back
  std::sort(todo.begin(), todo.end(), [&](const std::string& a, const std::string& b) { return order(a) > order(b); });
  while (!todo.empty()) {
    std::string n = todo.back();
    todo.pop_back();
    if (n == "ingest" || built.count(n)) continue;
    auto pass = make_pass(n, config, std::find(requested.begin(), requested.end(), n) != requested.end());
    for (std::string_view r : pass->requires_passes()) todo.emplace_back(r);
    built.emplace(n, std::move(pass));
  }
  std::vector<Step> steps;
  for (const std::string& n : extract_passes()) {
    auto it = built.find(n);
    if (it == built.end()) continue;
    bool req = std::find(requested.begin(), requested.end(), n) != requested.end();
    steps.push_back({std::move(it->second), req});
  }
  return steps;
}

// Each worker thread of the pipeline advises its heap as it joins (huge_pages.h).
class WorkerHeaps : public oneapi::tbb::task_scheduler_observer {
 public:
  WorkerHeaps() { observe(true); }
  ~WorkerHeaps() override { observe(false); }
  void on_scheduler_entry(bool worker) override {
    if (worker) huge_pages::prepare_thread();
  }
};

struct Item {
  io::Record record;
  std::string out;
  std::vector<std::string> warnings;
  std::string rejection;
};

std::string where(const io::Record& r) {
  std::string p = r.path == "-" ? "<stdin>" : r.path;
  return r.line ? fmt::format("{}:{}", p, r.line) : p;
}

class Processor {
 public:
  Processor(const Config& config, const std::vector<std::string>& passes)
      : steps_(plan(passes, config)), ingest_(config) {}

  void process(Item& it) const {
    const io::Record& rec = it.record;
    if (!rec.error.empty()) {
      it.rejection = rec.error;
      return;
    }
    try {
      Document doc;
      if (rec.format == io::Format::JsonLines) {
        thread_local json::Reader reader;
        json::ParseResult pr = reader.parse(rec.bytes);
        if (!pr.ok) {
          it.rejection = "not valid JSON: " + pr.error;
          return;
        }
        if (!pr.value.is_object()) {
          it.rejection = "not a JSON object";
          return;
        }
        doc = ingest_.from_json(std::move(pr.value), rec, it.warnings);
      } else {
        doc = ingest_.from_text(std::move(it.record.bytes), rec, it.warnings);  // freed below in any case
      }
      for (const Step& s : steps_) {
        if (!s.requested && doc.has_pass(s.pass->name())) continue;
        s.pass->run(doc);
        doc.record_pass(s.pass->name());
      }
      doc.finish();
      // One allocation for most documents: the text (and as much again, for removed lines and
      // escapes), the JSON text the passes wrote (most of the line), and the rest. Growing the
      // line copied all of it again.
      size_t room = 2 * doc.text().size() + 1024;
      for (const json::Value& v : doc.root().items())
        if (v.is_raw()) room += v.as_string().size();
      it.out.reserve(room);
      json::write(doc.root(), it.out);
      it.out += '\n';
    } catch (const Rejection& e) {
      it.rejection = e.what();
      it.out.clear();
    } catch (const std::exception& e) {
      it.rejection = std::string("internal error: ") + e.what();
      it.out.clear();
    }
    it.record.bytes.clear();
    it.record.bytes.shrink_to_fit();
  }

 private:
  // The passes first: the dates pass's rules and the entities pass's lexicon compile on
  // threads of their own; the other passes' resources are built meanwhile, and the
  // boilerplate rules at the first text to clean (none when all input is ingested).
  std::vector<Step> steps_;
  Ingest ingest_;
};

// The progress line on stderr: documents, MB of input text, MB/s and, when the size of the
// input is known (files, not stdin), percent done and ETA, measured on the bytes as stored
// (so compressed input gives a true ETA). Mode 1 (--progress): always; 0: never; -1
// (default): only when stderr is a terminal and the input is large (over 8 MB of files, or
// a run that has lasted 2 s). On a terminal the line is rewritten in place; elsewhere one
// line per update. Called from the in-order writer only.
class Progress {
 public:
  static bool may_show(int mode) { return mode == 1 || (mode == -1 && ::isatty(2)); }

  Progress(int mode, uint64_t total) : total_(total), tty_(::isatty(2)) {
    possible_ = may_show(mode);
    always_ = mode == 1 || (possible_ && total > (8u << 20));
    start_ = last_ = std::chrono::steady_clock::now();
  }
  void update(uint64_t docs, uint64_t bytes, uint64_t consumed, bool final = false) {
    if (!possible_) return;
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(tty_ ? 250 : 1000)) return;
    double secs = std::chrono::duration<double>(now - start_).count();
    if (!always_ && !shown_ && secs < 2.0) return;  // auto mode: a small input stays quiet
    last_ = now;
    shown_ = true;
    double mbps = secs > 0 ? bytes / 1e6 / secs : 0;
    std::string line = fmt::format("kimput: {} documents, {:.1f} MB, {:.1f} MB/s", docs, bytes / 1e6, mbps);
    if (final) {
      line += fmt::format(", {:.1f} s", secs);
    } else if (total_ && consumed > 0) {
      uint64_t done = std::min(total_, consumed);
      line += fmt::format(", {:.0f}%", 100.0 * done / total_);
      if (secs > 0.5) line += fmt::format(", ETA {:.0f} s", secs * (total_ - done) / done);
    }
    std::string out = tty_ ? "\r\x1b[K" + line : line + "\n";
    if (final && tty_) out += "\n";
    std::fwrite(out.data(), 1, out.size(), stderr);
    std::fflush(stderr);
  }

 private:
  uint64_t total_;
  bool tty_, possible_ = false, always_ = false, shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace

int run_pipeline(const RunOptions& opts, const Config& config, const std::vector<std::string>& passes,
                 RunStats* stats_out) {
  Processor proc(config, passes);
  io::InputOptions in_opts;
  in_opts.max_bytes = opts.max_bytes;
  in_opts.decompress_stdin = opts.decompress_stdin;
  in_opts.stdin_name = opts.stdin_name.empty() ? "-" : opts.stdin_name;
  in_opts.line_offset = opts.line_offset;
  if (opts.stdin_format == "text") in_opts.stdin_format = io::Format::Text;
  else if (opts.stdin_format == "jsonl") in_opts.stdin_format = io::Format::JsonLines;
  else if (opts.stdin_format != "auto") throw std::invalid_argument("unknown stdin format " + opts.stdin_format);
  in_opts.want_total = Progress::may_show(opts.progress);  // a stat per file only when it can show
  unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  // With threads, a text file is read by the worker that processes it, not by the serial
  // input stage (which, reading every file, capped -j2 at about 1.75x).
  in_opts.defer_files = threads > 1;
  io::InputReader reader(opts.inputs, in_opts);
  io::Output out(opts.output);
  RunStats stats;
  Progress progress(opts.progress, reader.total_bytes());

  auto emit = [&](Item& it) {
    stats.input_bytes += it.record.input_bytes;
    for (const std::string& w : it.warnings) {
      report(where(it.record), "warning: " + w);
      ++stats.warnings;
    }
    if (!it.rejection.empty()) {
      report(where(it.record), it.rejection);
      ++stats.rejected;
    } else {
      out.write_owned(std::move(it.out));
      ++stats.documents;
    }
    progress.update(stats.documents + stats.rejected, stats.input_bytes, reader.consumed_bytes());
  };

  if (threads == 1) {
    for (Item it; reader.next(it.record); it = Item{}) {
      proc.process(it);
      emit(it);
    }
  } else {
    oneapi::tbb::global_control gc(oneapi::tbb::global_control::max_allowed_parallelism, threads);
    // Only when the heaps are advised: TBB frees an observer's record lazily, after the
    // process may have ended (LeakSanitizer reports it).
    std::optional<WorkerHeaps> worker_heaps;
    if (huge_pages::enabled()) worker_heaps.emplace();
    // An error while writing (a closed pipe) must not escape a filter: TBB would drop the
    // documents in flight without freeing them. It stops the input instead, the items
    // still in flight are freed unwritten, and the error is raised once the pipeline is done.
    std::exception_ptr write_error;
    std::atomic<bool> stopping{false};
    oneapi::tbb::parallel_pipeline(
        threads * 4,
        oneapi::tbb::make_filter<void, Item*>(
            oneapi::tbb::filter_mode::serial_in_order,
            [&](oneapi::tbb::flow_control& fc) -> Item* {
              auto it = std::make_unique<Item>();
              if (stopping.load() || !reader.next(it->record)) {
                fc.stop();
                return nullptr;
              }
              return it.release();
            }) &
            oneapi::tbb::make_filter<Item*, Item*>(oneapi::tbb::filter_mode::parallel,
                                                   [&](Item* it) {
                                                     reader.load(it->record);
                                                     proc.process(*it);
                                                     return it;
                                                   }) &
            oneapi::tbb::make_filter<Item*, void>(oneapi::tbb::filter_mode::serial_in_order, [&](Item* it) {
              std::unique_ptr<Item> owned(it);
              if (write_error) return;
              try {
                emit(*owned);
              } catch (...) {
                write_error = std::current_exception();
                stopping.store(true);
              }
            }));
    if (write_error) std::rethrow_exception(write_error);
  }
  out.commit();
  progress.update(stats.documents + stats.rejected, stats.input_bytes, reader.consumed_bytes(), true);
  if (stats_out) *stats_out = stats;
  return stats.rejected > opts.max_rejects ? 1 : 0;
}

}  // namespace kimput
