#include "kimput/io/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace kimput::io {

Output::Output(const std::string& path) {
  if (path.empty() || path == "-") return;
  path_ = path;
  tmp_ = path + ".kimput-tmp-" + std::to_string(::getpid());
  fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(path + ": " + std::strerror(errno));
}

Output::~Output() {
  if (!path_.empty()) {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(tmp_.c_str());
  }
}

namespace {
constexpr size_t kBuffer = 1 << 16;
}

void Output::write(std::string_view s) {
  if (buf_.size() + s.size() < kBuffer) {
    if (buf_.capacity() < kBuffer) buf_.reserve(kBuffer);
    buf_.append(s);
    return;
  }
  flush();
  if (s.size() >= kBuffer) write_all(s);  // a large document: no copy through the buffer
  else buf_.append(s);
}

void Output::flush() {
  try {
    write_all(buf_);
  } catch (...) {
    buf_.clear();  // after an error nothing is written twice
    throw;
  }
  buf_.clear();
}

void Output::write_all(std::string_view s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t w = ::write(fd_, s.data() + off, s.size() - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) throw BrokenPipe{};
      throw std::runtime_error(std::string(path_.empty() ? "stdout" : path_) + ": " + std::strerror(errno));
    }
    off += static_cast<size_t>(w);
  }
}

void Output::commit() {
  flush();
  if (path_.empty()) return;
  if (::fsync(fd_) != 0 && errno != EINVAL) throw std::runtime_error(path_ + ": " + std::strerror(errno));
  ::close(fd_);
  fd_ = -1;
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) throw std::runtime_error(path_ + ": " + std::strerror(errno));
  committed_ = true;
}

}  // namespace kimput::io
