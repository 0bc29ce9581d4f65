#include "kimput/io/input.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <stdexcept>

namespace kimput::io {

namespace fs = std::filesystem;

// A source of bytes: a plain file descriptor, or one decompressed with zlib or zstd.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to n bytes; 0 at the end; throws std::runtime_error on a read error.
  virtual size_t read(char* out, size_t n) = 0;
};

namespace {

class FdStream : public ByteStream {
 public:
  // `prefix`: bytes already read from fd to sniff the format, returned first.
  // `counter`: bytes read from fd are added to it (progress).
  FdStream(int fd, bool owned, std::string prefix, std::atomic<uint64_t>* counter)
      : fd_(fd), owned_(owned), prefix_(std::move(prefix)), counter_(counter) {}
  ~FdStream() override { if (owned_) ::close(fd_); }
  size_t read(char* out, size_t n) override {
    if (prefix_pos_ < prefix_.size()) {
      size_t k = std::min(n, prefix_.size() - prefix_pos_);
      std::memcpy(out, prefix_.data() + prefix_pos_, k);
      prefix_pos_ += k;
      return k;
    }
    for (;;) {
      ssize_t r = ::read(fd_, out, n);
      if (r >= 0) {
        counter_->fetch_add(static_cast<uint64_t>(r), std::memory_order_relaxed);
        return static_cast<size_t>(r);
      }
      if (errno != EINTR) throw std::runtime_error(std::strerror(errno));
    }
  }
 private:
  int fd_;
  bool owned_;
  std::string prefix_;
  size_t prefix_pos_ = 0;
  std::atomic<uint64_t>* counter_;
};

class GzipStream : public ByteStream {
 public:
  explicit GzipStream(std::unique_ptr<ByteStream> in) : in_(std::move(in)) {
    std::memset(&z_, 0, sizeof z_);
    if (inflateInit2(&z_, 15 + 32) != Z_OK) throw std::runtime_error("zlib init failed");
  }
  ~GzipStream() override { inflateEnd(&z_); }
  size_t read(char* out, size_t n) override {
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out == n) {
      if (z_.avail_in == 0) {
        size_t got = in_->read(inbuf_, sizeof inbuf_);
        if (got == 0) {
          if (!done_) throw std::runtime_error("truncated gzip data");
          return 0;
        }
        z_.next_in = reinterpret_cast<Bytef*>(inbuf_);
        z_.avail_in = static_cast<uInt>(got);
      }
      if (done_) {  // a concatenated member follows
        inflateReset(&z_);
        done_ = false;
      }
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) done_ = true;
      else if (rc != Z_OK && rc != Z_BUF_ERROR) throw std::runtime_error("corrupt gzip data");
      if (done_ && z_.avail_out != n) break;
    }
    return n - z_.avail_out;
  }
 private:
  std::unique_ptr<ByteStream> in_;
  z_stream z_;
  char inbuf_[1 << 16];
  bool done_ = false;
};

class ZstdStream : public ByteStream {
 public:
  explicit ZstdStream(std::unique_ptr<ByteStream> in) : in_(std::move(in)), d_(ZSTD_createDStream()) {
    ZSTD_initDStream(d_);
  }
  ~ZstdStream() override { ZSTD_freeDStream(d_); }
  size_t read(char* out, size_t n) override {
    ZSTD_outBuffer o{out, n, 0};
    while (o.pos == 0) {
      if (in_pos_ == in_size_) {
        in_size_ = in_->read(inbuf_, sizeof inbuf_);
        in_pos_ = 0;
        if (in_size_ == 0) {
          if (last_rc_ != 0) throw std::runtime_error("truncated zstd data");
          return 0;
        }
      }
      ZSTD_inBuffer i{inbuf_, in_size_, in_pos_};
      last_rc_ = ZSTD_decompressStream(d_, &o, &i);
      if (ZSTD_isError(last_rc_)) throw std::runtime_error(std::string("corrupt zstd data: ") + ZSTD_getErrorName(last_rc_));
      in_pos_ = i.pos;
    }
    return o.pos;
  }
 private:
  std::unique_ptr<ByteStream> in_;
  ZSTD_DStream* d_;
  char inbuf_[1 << 16];
  size_t in_pos_ = 0, in_size_ = 0, last_rc_ = 0;
};

constexpr size_t kChunk = 1 << 16;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool jsonl_name(const std::string& path) {
  std::string p = path;
  for (const char* ext : {".gz", ".zst"})
    if (p.size() > std::strlen(ext) && p.compare(p.size() - std::strlen(ext), std::string::npos, ext) == 0)
      p.resize(p.size() - std::strlen(ext));
  for (const char* ext : {".jsonl", ".ndjson", ".json"})
    if (p.size() > std::strlen(ext) && p.compare(p.size() - std::strlen(ext), std::string::npos, ext) == 0) return true;
  return false;
}

// Adds the regular files under the directory `dir` to `found`, each as `dir`, '/' and its
// path below it, in no order: as fs::recursive_directory_iterator (skip_permission_denied)
// listed them, without its path objects (a copy and a parse of the path of every entry, most
// of the time to list a folder of small stories). Hidden entries (a name starting with '.')
// are left out and not descended into; a link counts as what it names, but a link to a
// directory is not descended into; a directory that denies access is skipped. False when
// a directory could not be read otherwise: the walk stops there, as the iterator's did.
bool list_regular_files(const std::string& dir, std::vector<std::string>& found) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return errno == EACCES;
  const std::string prefix = dir.ends_with('/') ? dir : dir + '/';
  bool ok = true;
  for (;;) {
    errno = 0;
    const dirent* e = ::readdir(d);
    if (!e) {
      ok = errno == 0;
      break;
    }
    if (e->d_name[0] == '.') continue;  // hidden, "." and ".."
    std::string path = prefix + e->d_name;
    unsigned char type = e->d_type;
    struct stat st;
    if (type == DT_UNKNOWN && ::lstat(path.c_str(), &st) == 0)
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
    if (type == DT_LNK && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) type = DT_REG;
    if (type == DT_REG) {
      found.push_back(std::move(path));
    } else if (type == DT_DIR && !list_regular_files(path, found)) {
      ok = false;
      break;
    }
  }
  ::closedir(d);
  return ok;
}

}  // namespace

void InputReader::Buffer::consume(size_t n) {
  begin_ += n;
  if (begin_ == end_) begin_ = end_ = 0;
}

char* InputReader::Buffer::prepare(size_t n) {
  if (cap_ - end_ >= n) return p_.get() + end_;
  size_t len = end_ - begin_;
  if (begin_ > 0 && cap_ - len >= n && len < cap_ / 2) {  // room once compacted
    std::memmove(p_.get(), p_.get() + begin_, len);
  } else {
    size_t cap = std::max({cap_ * 2, len + n, kChunk});
    std::unique_ptr<char[]> p(new char[cap]);  // not zero-filled
    if (len) std::memcpy(p.get(), p_.get() + begin_, len);
    p_ = std::move(p);
    cap_ = cap;
  }
  begin_ = 0;
  end_ = len;
  return p_.get() + end_;
}

void InputReader::Buffer::trim() {
  if (cap_ <= 4 * kChunk || end_ - begin_ > kChunk) return;
  size_t len = end_ - begin_;
  std::unique_ptr<char[]> p(new char[kChunk]);
  if (len) std::memcpy(p.get(), p_.get() + begin_, len);
  p_ = std::move(p);
  cap_ = kChunk;
  begin_ = 0;
  end_ = len;
}

InputReader::InputReader(const std::vector<std::string>& paths, InputOptions opts) : opts_(opts) {
  std::vector<std::string> in = paths.empty() ? std::vector<std::string>{"-"} : paths;
  for (const std::string& p : in) {
    if (p == "-") {
      files_.push_back(p);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) throw std::runtime_error(p + ": No such file or directory");
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      list_regular_files(p, found);
      std::sort(found.begin(), found.end());
      for (auto& f : found) {
        if (opts_.want_total) {
          uintmax_t size = fs::file_size(f, ec);
          if (!ec) total_bytes_ += size;
        }
        files_.push_back(std::move(f));
      }
    } else {
      if (opts_.want_total && fs::is_regular_file(st)) {
        uintmax_t size = fs::file_size(p, ec);
        if (!ec) total_bytes_ += size;
      }
      files_.push_back(p);
    }
  }
}

InputReader::InputReader(InputOptions opts) : opts_(std::move(opts)) {}

InputReader::~InputReader() {
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

bool InputReader::fill() {
  if (eof_) return false;
  char* w = buf_.prepare(kChunk);
  size_t got = stream_->read(w, kChunk);
  buf_.commit(got);
  if (got == 0) eof_ = true;
  return got > 0;
}

bool InputReader::open_next_file() {
  stream_.reset();
  if (next_file_ >= files_.size()) return false;
  current_path_ = files_[next_file_++];
  bool is_stdin = current_path_ == "-";
  record_path_ = is_stdin ? opts_.stdin_name : current_path_;
  current_line_ = is_stdin ? opts_.line_offset : 0;
  buf_.clear();
  buf_.trim();
  scanned_ = 0;
  eof_ = false;
  return true;
}

// Opens the current file (not stdin) by its name in its directory, which stays open for
// the next file of the same directory (the files of a folder come one after the other).
// A path without a directory, or a directory that cannot be opened, is opened whole.
int InputReader::open_current_file() {
  const size_t slash = current_path_.rfind('/');
  if (!keep_dir_open_ || slash == std::string::npos || slash + 1 == current_path_.size())
    return ::open(current_path_.c_str(), O_RDONLY | O_CLOEXEC);
  const std::string_view dir(current_path_.data(), slash + 1);  // "/" of "/x" stays a directory
  if (dir_fd_ < 0 || dir != dir_path_) {
    if (dir_fd_ >= 0) ::close(dir_fd_);
    dir_path_.assign(dir);
    dir_fd_ = ::open(dir_path_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  }
  if (dir_fd_ < 0) return ::open(current_path_.c_str(), O_RDONLY | O_CLOEXEC);
  return ::openat(dir_fd_, current_path_.c_str() + slash + 1, O_RDONLY | O_CLOEXEC);
}

// Opens the current file (or stdin) and reads its first chunk into buf_: that one read
// both sniffs gzip/zstd magic and, for a small plain file, holds all of it. False, with
// r.error set, when it cannot be opened or read.
bool InputReader::open_stream(Record& r) {
  bool is_stdin = current_path_ == "-";
  int fd = is_stdin ? 0 : open_current_file();
  if (fd < 0) {
    r.error = std::strerror(errno);
    return false;
  }
  bool owned = !is_stdin;
  bool sniff = !is_stdin || opts_.decompress_stdin;
  size_t got = 0;
  char* w = buf_.prepare(kChunk);
  while (got < 4) {  // a pipe may give fewer bytes than asked: the magic needs 4
    ssize_t n = ::read(fd, w + got, kChunk - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.error = std::string("read error: ") + std::strerror(errno);
      if (owned) ::close(fd);
      return false;
    }
    if (n == 0) {
      eof_ = true;
      break;
    }
    got += static_cast<size_t>(n);
  }
  consumed_.fetch_add(got, std::memory_order_relaxed);
  auto magic = [&](const char* m, size_t k) { return got >= k && std::memcmp(w, m, k) == 0; };
  bool gz = sniff && magic("\x1f\x8b", 2), zst = sniff && magic("\x28\xb5\x2f\xfd", 4);
  bool handed = false;  // fd now owned by a FdStream
  try {
    if (gz || zst) {
      auto raw = std::make_unique<FdStream>(fd, owned, std::string(w, got), &consumed_);
      handed = true;
      if (gz) stream_ = std::make_unique<GzipStream>(std::move(raw));
      else stream_ = std::make_unique<ZstdStream>(std::move(raw));
      eof_ = false;  // the decompressed stream has not been read yet
    } else {
      stream_ = std::make_unique<FdStream>(fd, owned, std::string(), &consumed_);
      buf_.commit(got);
    }
  } catch (const std::exception& e) {
    if (!handed && owned) ::close(fd);
    stream_.reset();
    r.error = e.what();
    return false;
  }
  return true;
}

// The whole stream is one text document, capped at max_bytes.
bool InputReader::next_text(Record& r) {
  r.format = Format::Text;
  try {
    while (buf_.size() <= opts_.max_bytes && fill()) {
    }
    r.input_bytes = buf_.size();
    if (buf_.size() > opts_.max_bytes) {
      uint64_t total = buf_.size();
      buf_.clear();
      while (fill()) {
        total += buf_.size();
        buf_.clear();
      }
      r.error = "document is " + std::to_string(total) + " bytes, over --max-bytes " + std::to_string(opts_.max_bytes);
      r.input_bytes = total;
    } else {
      r.bytes.assign(buf_.data(), buf_.size());
    }
  } catch (const std::exception& e) {
    r.error = std::string("read error: ") + e.what();
  }
  stream_.reset();
  buf_.clear();
  buf_.trim();
  return true;
}

void InputReader::load(Record& r) const {
  if (!r.deferred) return;
  // A reader of this one file does the reading, so a deferred record gets exactly the bytes
  // or the error that next() would have given it.
  InputOptions o = opts_;
  o.defer_files = false;
  o.want_total = false;
  InputReader one(o);
  one.keep_dir_open_ = false;
  one.files_.push_back(r.path);
  Record got;
  if (!one.next(got)) got.error = "nothing to read";  // not reached: a file gives one record
  consumed_.fetch_add(one.consumed_bytes(), std::memory_order_relaxed);
  r = std::move(got);
}

bool InputReader::next(Record& r) {
  for (;;) {
    if (!stream_) {
      if (opts_.defer_files && next_file_ < files_.size() && files_[next_file_] != "-" &&
          !jsonl_name(files_[next_file_])) {
        r = Record{};
        r.path = files_[next_file_++];
        r.format = Format::Text;
        r.deferred = true;
        return true;
      }
      if (!open_next_file()) return false;
      r = Record{};
      r.path = record_path_;
      if (!open_stream(r)) return true;
      bool is_stdin = current_path_ == "-";
      bool jsonl = jsonl_name(record_path_);
      if (is_stdin && opts_.stdin_format) {
        jsonl = *opts_.stdin_format == Format::JsonLines;
      } else if (is_stdin && !jsonl) {  // sniff: JSON Lines when the first non-blank byte is '{'
        try {
          for (size_t i = 0;;) {
            while (i < buf_.size() && (is_blank(buf_.data()[i]) || buf_.data()[i] == '\n')) ++i;
            if (i < buf_.size()) {
              jsonl = buf_.data()[i] == '{';
              break;
            }
            if (!fill()) break;
          }
        } catch (const std::exception&) {
        }
      }
      if (!jsonl) return next_text(r);
    }
    // JSON Lines: the next non-blank line of the current stream.
    try {
      for (;;) {
        const char* nl = scanned_ < buf_.size()
                             ? static_cast<const char*>(std::memchr(buf_.data() + scanned_, '\n', buf_.size() - scanned_))
                             : nullptr;
        if (!nl) {
          scanned_ = buf_.size();
          if (buf_.size() > opts_.max_bytes) {
            // Over the cap: drop bytes up to the end of this line, then report it.
            uint64_t total = buf_.size();
            buf_.clear();
            scanned_ = 0;
            while (fill()) {
              const char* k = static_cast<const char*>(std::memchr(buf_.data(), '\n', buf_.size()));
              if (k) {
                total += static_cast<size_t>(k - buf_.data());
                buf_.consume(static_cast<size_t>(k - buf_.data()) + 1);
                break;
              }
              total += buf_.size();
              buf_.clear();
            }
            buf_.trim();
            r = Record{};
            r.path = record_path_;
            r.line = ++current_line_;
            r.format = Format::JsonLines;
            r.input_bytes = total;
            r.error = "line is " + std::to_string(total) + " bytes, over --max-bytes " + std::to_string(opts_.max_bytes);
            return true;
          }
          if (!eof_) {
            fill();
            continue;
          }
          if (buf_.empty()) break;  // end of this stream
        }
        size_t len = nl ? static_cast<size_t>(nl - buf_.data()) : buf_.size();
        std::string_view t(buf_.data(), len);
        ++current_line_;
        while (!t.empty() && is_blank(t.back())) t.remove_suffix(1);
        while (!t.empty() && is_blank(t.front())) t.remove_prefix(1);
        bool blank = t.empty();
        if (!blank) {
          r = Record{};
          r.path = record_path_;
          r.line = current_line_;
          r.format = Format::JsonLines;
          r.input_bytes = len + 1;
          if (len > opts_.max_bytes)
            r.error = "line is " + std::to_string(len) + " bytes, over --max-bytes " + std::to_string(opts_.max_bytes);
          else
            r.bytes.assign(t);
        }
        buf_.consume(nl ? len + 1 : len);
        scanned_ = 0;
        if (!blank) return true;
      }
    } catch (const std::exception& e) {
      r = Record{};
      r.path = record_path_;
      r.line = current_line_ + 1;
      r.format = Format::JsonLines;
      r.error = std::string("read error: ") + e.what();
      stream_.reset();
      return true;
    }
    stream_.reset();
  }
}

}  // namespace kimput::io
