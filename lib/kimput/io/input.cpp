#include "kimput/io/input.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
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
  FdStream(int fd, bool owned, std::string prefix) : fd_(fd), owned_(owned), prefix_(std::move(prefix)) {}
  ~FdStream() override { if (owned_) ::close(fd_); }
  size_t read(char* out, size_t n) override {
    if (!prefix_.empty()) {  // bytes already taken to sniff the format
      size_t k = std::min(n, prefix_.size());
      std::memcpy(out, prefix_.data(), k);
      prefix_.erase(0, k);
      return k;
    }
    for (;;) {
      ssize_t r = ::read(fd_, out, n);
      if (r >= 0) return static_cast<size_t>(r);
      if (errno != EINTR) throw std::runtime_error(std::strerror(errno));
    }
  }
 private:
  int fd_;
  bool owned_;
  std::string prefix_;
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

// Opens a descriptor, sniffing gzip/zstd magic when allowed.
std::unique_ptr<ByteStream> open_stream(int fd, bool owned, bool sniff) {
  std::string head;
  if (sniff) {
    char b[4];
    size_t got = 0;
    while (got < 4) {
      ssize_t r = ::read(fd, b + got, 4 - got);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      got += static_cast<size_t>(r);
    }
    head.assign(b, got);
  }
  auto plain = std::make_unique<FdStream>(fd, owned, head);
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b)
    return std::make_unique<GzipStream>(std::move(plain));
  if (head.size() == 4 && head == std::string("\x28\xb5\x2f\xfd", 4)) return std::make_unique<ZstdStream>(std::move(plain));
  return plain;
}

bool jsonl_name(const std::string& path) {
  std::string p = path;
  for (const char* ext : {".gz", ".zst"})
    if (p.size() > std::strlen(ext) && p.compare(p.size() - std::strlen(ext), std::string::npos, ext) == 0)
      p.resize(p.size() - std::strlen(ext));
  for (const char* ext : {".jsonl", ".ndjson", ".json"})
    if (p.size() > std::strlen(ext) && p.compare(p.size() - std::strlen(ext), std::string::npos, ext) == 0) return true;
  return false;
}

}  // namespace

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
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {  // hidden: skip, and do not descend
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      for (auto& f : found) {
        total_bytes_ += fs::file_size(f, ec);
        files_.push_back(std::move(f));
      }
    } else {
      total_bytes_ += fs::is_regular_file(st) ? fs::file_size(p, ec) : 0;
      files_.push_back(p);
    }
  }
}

InputReader::~InputReader() = default;

bool InputReader::fill() {
  if (eof_) return false;
  if (buf_pos_ > 0) {
    buf_.erase(0, buf_pos_);
    buf_pos_ = 0;
  }
  size_t old = buf_.size();
  buf_.resize(old + (1 << 16));
  size_t got = stream_->read(buf_.data() + old, 1 << 16);
  buf_.resize(old + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

bool InputReader::open_next_file() {
  stream_.reset();
  if (next_file_ >= files_.size()) return false;
  current_path_ = files_[next_file_++];
  current_line_ = 0;
  buf_.clear();
  buf_pos_ = 0;
  eof_ = false;
  return true;
}

bool InputReader::next(Record& r) {
  for (;;) {
    if (!stream_) {
      if (!open_next_file()) return false;
      r = Record{};
      r.path = current_path_;
      bool is_stdin = current_path_ == "-";
      int fd = is_stdin ? 0 : ::open(current_path_.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        r.error = std::strerror(errno);
        return true;
      }
      try {
        stream_ = open_stream(fd, !is_stdin, !is_stdin || opts_.decompress_stdin);
      } catch (const std::exception& e) {
        if (!is_stdin) ::close(fd);
        r.error = e.what();
        return true;
      }
      bool jsonl = !is_stdin && jsonl_name(current_path_);
      if (is_stdin) {  // sniff: JSON Lines when the first non-blank byte is '{'
        try {
          while (true) {
            size_t i = buf_pos_;
            while (i < buf_.size() && std::strchr(" \t\r\n", buf_[i])) ++i;
            if (i < buf_.size()) { jsonl = buf_[i] == '{'; break; }
            if (!fill()) break;
          }
        } catch (const std::exception&) {
        }
      }
      if (!jsonl) {
        // The whole stream is one text document, capped at max_bytes.
        r.format = Format::Text;
        try {
          std::string& b = buf_;
          while (b.size() <= opts_.max_bytes && fill()) {
          }
          r.input_bytes = b.size();
          if (b.size() > opts_.max_bytes) {
            uint64_t total = b.size();
            char sink[1 << 16];
            for (size_t got; (got = stream_->read(sink, sizeof sink)) > 0;) total += got;
            r.error = "document is " + std::to_string(total) + " bytes, over --max-bytes " + std::to_string(opts_.max_bytes);
            r.input_bytes = total;
          } else {
            r.bytes = std::move(b);
          }
        } catch (const std::exception& e) {
          r.error = std::string("read error: ") + e.what();
        }
        stream_.reset();
        buf_.clear();
        return true;
      }
    }
    // JSON Lines: the next non-blank line of the current stream.
    try {
      for (;;) {
        size_t nl = buf_.find('\n', buf_pos_);
        bool have_line = nl != std::string::npos;
        if (!have_line && buf_.size() - buf_pos_ > opts_.max_bytes) {
          // Over the cap: drop bytes up to the end of this line, then report it.
          uint64_t total = buf_.size() - buf_pos_;
          buf_.clear();
          buf_pos_ = 0;
          while (fill()) {
            size_t k = buf_.find('\n');
            if (k != std::string::npos) {
              total += k;
              buf_pos_ = k + 1;
              break;
            }
            total += buf_.size();
            buf_.clear();
          }
          r = Record{};
          r.path = current_path_;
          r.line = ++current_line_;
          r.format = Format::JsonLines;
          r.input_bytes = total;
          r.error = "line is " + std::to_string(total) + " bytes, over --max-bytes " + std::to_string(opts_.max_bytes);
          return true;
        }
        if (!have_line && !eof_) {
          fill();
          continue;
        }
        if (!have_line && buf_pos_ >= buf_.size()) break;  // end of this stream
        size_t end = have_line ? nl : buf_.size();
        std::string_view line(buf_.data() + buf_pos_, end - buf_pos_);
        buf_pos_ = have_line ? nl + 1 : buf_.size();
        ++current_line_;
        std::string_view t = line;
        while (!t.empty() && std::strchr(" \t\r", t.back())) t.remove_suffix(1);
        while (!t.empty() && std::strchr(" \t\r", t.front())) t.remove_prefix(1);
        if (t.empty()) continue;
        r = Record{};
        r.path = current_path_;
        r.line = current_line_;
        r.format = Format::JsonLines;
        r.bytes.assign(t);
        r.input_bytes = line.size() + 1;
        return true;
      }
    } catch (const std::exception& e) {
      r = Record{};
      r.path = current_path_;
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
