#include "kimput/io/output.h"

#include <fcntl.h>
#include <sys/uio.h>
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
// The bytes held before a write; and the texts taken (each one iovec of a writev()).
constexpr size_t kBuffer = 1 << 16, kMaxParts = 64;
// Lines shorter than this are copied into the buffer all the same.
constexpr size_t kCopied = 4096;
}

void Output::write(std::string_view s) {
  if (!parts_.empty()) write_parts();
  if (buf_.size() + s.size() < kBuffer) {
    if (buf_.capacity() < kBuffer) buf_.reserve(kBuffer);
    buf_.append(s);
    return;
  }
  flush();
  if (s.size() >= kBuffer) write_all(s);  // a large document: no copy through the buffer
  else buf_.append(s);
}

void Output::write_owned(std::string&& s) {
  // A short line is copied: holding many, their memory went back to malloc in a batch,
  // which cost more than the copy.
  if (s.size() < kCopied) {
    write(std::string_view(s));
    return;
  }
  if (!buf_.empty()) flush();
  parts_bytes_ += s.size();
  parts_.push_back(std::move(s));
  if (parts_bytes_ >= kBuffer || parts_.size() == kMaxParts) write_parts();
}

void Output::flush() {
  try {
    write_parts();
    write_all(buf_);
  } catch (...) {
    buf_.clear();  // after an error nothing is written twice
    throw;
  }
  buf_.clear();
}

void Output::write_parts() {
  iovec iov[kMaxParts];
  size_t n = 0;
  for (const std::string& p : parts_)
    if (!p.empty()) iov[n++] = {const_cast<char*>(p.data()), p.size()};
  try {
    for (size_t first = 0; first < n;) {
      ssize_t w = ::writev(fd_, iov + first, static_cast<int>(n - first));
      if (w < 0) {
        write_failed();
        continue;
      }
      // Past what was written: whole parts, then into the one cut short.
      size_t done = static_cast<size_t>(w);
      while (first < n && done >= iov[first].iov_len) done -= iov[first++].iov_len;
      if (first < n) {
        iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + done;
        iov[first].iov_len -= done;
      }
    }
  } catch (...) {
    parts_.clear();  // after an error nothing is written twice
    parts_bytes_ = 0;
    throw;
  }
  parts_.clear();
  parts_bytes_ = 0;
}

void Output::write_failed() const {
  if (errno == EINTR) return;
  if (errno == EPIPE) throw BrokenPipe{};
  throw std::runtime_error(std::string(path_.empty() ? "stdout" : path_) + ": " + std::strerror(errno));
}

void Output::write_all(std::string_view s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t w = ::write(fd_, s.data() + off, s.size() - off);
    if (w < 0) {
      write_failed();
      continue;
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
