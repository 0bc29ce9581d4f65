// Output: standard output, or a file written atomically (a temporary file in the same
// folder, renamed over the target only when all went well, so a failed run never leaves a
// half-written file). Buffered; a closed pipe (`| head`) raises BrokenPipe, which main
// turns into a quiet exit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kimput::io {

struct BrokenPipe {};

class Output {
 public:
  // path "" or "-": standard output.
  explicit Output(const std::string& path = "");
  ~Output();
  Output(const Output&) = delete;  // owns a file descriptor
  Output& operator=(const Output&) = delete;

  void write(std::string_view s);
  // Writes s, which it takes (a document's line): kept as it is and written with the next
  // ones by one writev(), where copying each line into the buffer cost as much again as
  // building it. A short line is copied all the same.
  void write_owned(std::string&& s);
  void flush();
  // Flushes and, for a file, renames the temporary file over the target.
  void commit();

 private:
  void write_all(std::string_view s);
  void write_parts();
  // After a failed write: returns for EINTR (to try again), else throws.
  void write_failed() const;
  int fd_ = 1;
  std::string path_, tmp_;
  // What is written and not yet passed on: copied into buf_ (write(string_view)), or taken
  // whole into parts_ (write_owned()); one of the two is empty, so the order holds.
  std::string buf_;
  std::vector<std::string> parts_;
  size_t parts_bytes_ = 0;
  bool committed_ = false;
};

}  // namespace kimput::io
