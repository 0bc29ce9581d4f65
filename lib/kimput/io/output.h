// Output: standard output, or a file written atomically (a temporary file in the same
// folder, renamed over the target only when all went well, so a failed run never leaves a
// half-written file). Buffered; a closed pipe (`| head`) raises BrokenPipe, which main
// turns into a quiet exit.
#pragma once

#include <string>
#include <string_view>

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
  void flush();
  // Flushes and, for a file, renames the temporary file over the target.
  void commit();

 private:
  void write_all(std::string_view s);
  int fd_ = 1;
  std::string path_, tmp_;
  std::string buf_;
  bool committed_ = false;
};

}  // namespace kimput::io
