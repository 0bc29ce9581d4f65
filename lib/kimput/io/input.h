// Inputs: files, directories (walked recursively, sorted by path, hidden entries skipped),
// and stdin ("-"), read as a stream of records, each one input document.
//
// A raw text file (or stdin holding text) is one record. A JSON Lines file (.jsonl,
// .ndjson, .json, or stdin whose first non-blank byte is '{') gives one record per
// non-blank line, with its line number. gzip and zstd files are decompressed on the fly,
// recognised by their magic bytes; stdin only with `decompress` (like ripgrep's -z).
// Nothing is read ahead beyond one record, so memory stays flat whatever the input size.
// A record over `max_bytes` is returned with `error` set and its bytes dropped; an
// unreadable file likewise becomes a record with `error`, so nothing is silently lost.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kimput::io {

enum class Format { Text, JsonLines };

struct Record {
  std::string path;   // as the user named it ("-" for stdin)
  uint64_t line = 0;  // 1-based line for JSON Lines, 0 for a whole text file
  Format format = Format::Text;
  std::string bytes;
  std::string error;  // non-empty: this record could not be read (reported as a rejection)
  uint64_t input_bytes = 0;  // bytes consumed from the input for this record (for progress)
};

struct InputOptions {
  size_t max_bytes = 64u << 20;
  bool decompress_stdin = false;
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
  // Sum of the sizes of the regular files named (0 when unknown, e.g. stdin).
  uint64_t total_bytes() const { return total_bytes_; }

 private:
  bool open_next_file();
  std::vector<std::string> files_;
  size_t next_file_ = 0;
  InputOptions opts_;
  uint64_t total_bytes_ = 0;
  // The file being read as JSON Lines.
  std::unique_ptr<ByteStream> stream_;
  std::string current_path_;
  uint64_t current_line_ = 0;
  std::string buf_;
  size_t buf_pos_ = 0;
  bool eof_ = false;
  bool fill();
};

}  // namespace kimput::io
