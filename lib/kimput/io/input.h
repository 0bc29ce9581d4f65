// Inputs: files, directories (walked recursively, sorted by path, hidden entries skipped),
// and stdin ("-"), read as a stream of records, each one input document.
//
// A raw text file (or stdin holding text) is one record. A JSON Lines file (.jsonl,
// .ndjson, .json, or stdin whose first non-blank byte is '{') gives one record per
// non-blank line, with its line number. gzip and zstd files are decompressed on the fly,
// recognised by their magic bytes; stdin only with `decompress` (like ripgrep's -z).
// Nothing is read ahead beyond one record (plus one 64 KiB read buffer), so memory stays
// flat whatever the input size; a line is never scanned twice, however long it is.
// A record over `max_bytes` is returned with `error` set and its bytes dropped; an
// unreadable file likewise becomes a record with `error`, so nothing is silently lost.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kimput::io {

enum class Format { Text, JsonLines };

struct Record {
  std::string path;   // as the user named it ("-" for stdin, or InputOptions::stdin_name)
  uint64_t line = 0;  // 1-based line for JSON Lines, 0 for a whole text file
  Format format = Format::Text;
  std::string bytes;
  std::string error;  // non-empty: this record could not be read (reported as a rejection)
  uint64_t input_bytes = 0;  // bytes consumed from the input for this record (for progress)
  // Set by a reader with InputOptions::defer_files: a whole-file text record whose bytes
  // are not read yet; InputReader::load() reads them (on any thread).
  bool deferred = false;
};

struct InputOptions {
  size_t max_bytes = 64u << 20;
  bool decompress_stdin = false;
  // Sum the sizes of the named files up front (one stat per file, for a progress ETA).
  bool want_total = true;
  // What records read from stdin give as their path (ids, source.path, messages), and
  // the number added to their JSON Lines line numbers: a shard of a larger file, cut at
  // line N, read with {"big.jsonl", N} gives the same records as big.jsonl itself.
  std::string stdin_name = "-";
  uint64_t line_offset = 0;
  // stdin's format: Text or JsonLines, or unset to sniff ('{' first: JSON Lines) unless
  // stdin_name has a JSON Lines extension.
  std::optional<Format> stdin_format;
  // A text file (a whole file is one document) is returned by next() unread, `deferred`,
  // for load() to read later: a parallel pipeline then reads (and decompresses) its files
  // on its worker threads instead of in its one serial input stage.
  bool defer_files = false;
};

class ByteStream;

class InputReader {
 public:
  // Expands directories now (paths only); opens files one at a time as they are read.
  // Throws std::runtime_error for a path that does not exist (a usage error).
  InputReader(const std::vector<std::string>& paths, InputOptions opts);
  ~InputReader();
  InputReader(const InputReader&) = delete;  // owns open streams
  InputReader& operator=(const InputReader&) = delete;

  // Fills `r` with the next record; false at the end of all input.
  bool next(Record& r);
  // Reads a deferred record's file: afterwards `r` is what next() would have returned
  // without defer_files (bytes, or error). Thread-safe: it shares nothing with next() but
  // the consumed-bytes counter. No-op for a record that is not deferred.
  void load(Record& r) const;
  // Sum of the sizes of the regular files named (0 when unknown: stdin, a pipe, or
  // want_total off).
  uint64_t total_bytes() const { return total_bytes_; }
  // Bytes read so far from files and stdin as stored (compressed bytes for .gz/.zst), the
  // measure to set against total_bytes() for an ETA. Safe to read from any thread.
  uint64_t consumed_bytes() const { return consumed_.load(std::memory_order_relaxed); }

  // A growable byte buffer that is never zero-filled (the read path's hot spot).
  class Buffer {
   public:
    const char* data() const { return p_.get() + begin_; }
    size_t size() const { return end_ - begin_; }
    bool empty() const { return begin_ == end_; }
    void consume(size_t n);
    void clear() { begin_ = end_ = 0; }
    char* prepare(size_t n);  // room for n more bytes after the end
    void commit(size_t n) { end_ += n; }
    void trim();              // give back memory after an unusually large record
   private:
    std::unique_ptr<char[]> p_;
    size_t cap_ = 0, begin_ = 0, end_ = 0;
  };

 private:
  explicit InputReader(InputOptions opts);  // no files yet (load())
  bool open_next_file();
  int open_current_file();
  bool open_stream(Record& r);
  bool next_text(Record& r);
  bool fill();
  std::vector<std::string> files_;
  size_t next_file_ = 0;
  InputOptions opts_;
  uint64_t total_bytes_ = 0;
  mutable std::atomic<uint64_t> consumed_{0};  // load() adds to it
  // The file being read.
  std::unique_ptr<ByteStream> stream_;
  std::string current_path_;  // as named ("-": stdin)
  std::string record_path_;   // what records give as their path
  uint64_t current_line_ = 0;
  // The directory of the last file opened (its path up to the last '/'), open for
  // openat(): the kernel then walks only a file's own name, not its whole path again
  // (a folder of 16,000 small stories spent a sixth of its file opening in that walk).
  // Not for load()'s reader of one file, which would open its directory for that file alone.
  bool keep_dir_open_ = true;
  int dir_fd_ = -1;
  std::string dir_path_;
  Buffer buf_;
  size_t scanned_ = 0;  // bytes of buf_ already searched for a newline
  bool eof_ = false;
};

}  // namespace kimput::io
