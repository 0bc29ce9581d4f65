// Tables written to bytes at build time and read back at start-up (cmake/compile_tables.cpp):
// the compiled lexicon (entities/lexicon_image.cpp) and the date rules' filters
// (passes/dates.cpp). Numbers and arrays of plain structs in the host's byte order: an image
// is read only by the binary built with it.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kimput::io {

class BinaryWriter {
 public:
  // What the image is and the format of what follows, which BinaryReader::header() checks.
  void header(std::string_view kind, uint32_t format) {
    bytes(kind);
    u32(format);
  }
  void u32(uint32_t v) { raw(&v, sizeof v); }
  void u64(uint64_t v) { raw(&v, sizeof v); }
  // A size, then the bytes.
  void bytes(std::string_view s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  // A count, then the elements as they lie in memory: a struct with padding would write
  // undefined bytes, so only structs without it. The elements begin at a multiple of 16
  // bytes from the image's start (zeros between), so that a reader may use them in place.
  template <typename T>
  void array(std::span<const T> v) {
    static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>);
    static_assert(alignof(T) <= kAlign);
    u64(v.size());
    out_.append((kAlign - out_.size() % kAlign) % kAlign, '\0');
    raw(v.data(), v.size() * sizeof(T));
  }
  template <typename T>
  void array(const std::vector<T>& v) {
    array(std::span<const T>(v));
  }
  static constexpr size_t kAlign = 16;
  const std::string& str() const { return out_; }

 private:
  void raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

// Reads what a BinaryWriter wrote, in the same order; throws std::runtime_error when the
// bytes end early.
class BinaryReader {
 public:
  explicit BinaryReader(std::string_view in) : in_(in), start_(in.data()) {}
  // Whether the image begins with BinaryWriter::header(kind, format): false when it is
  // another's, or too short to tell.
  bool header(std::string_view kind, uint32_t format) {
    try {
      return bytes() == kind && u32() == format;
    } catch (const std::runtime_error&) {  // ends early
      return false;
    }
  }
  uint32_t u32() { return number<uint32_t>(); }
  uint64_t u64() { return number<uint64_t>(); }
  // A view of the bytes themselves, not a copy.
  std::string_view bytes() { return take(u64()); }
  template <typename T>
  void array(std::vector<T>& v) {
    copy_into(array_bytes<T>(), v);
  }
  // The same array in place, when its bytes are aligned for T in memory (the image is: an
  // embedded one starts at a multiple of 64, a std::string's at one of 16); else copied into
  // `copy`, which the span then views.
  template <typename T>
  std::span<const T> array_view(std::vector<T>& copy) {
    const std::string_view b = array_bytes<T>();
    if (reinterpret_cast<uintptr_t>(b.data()) % alignof(T) == 0)
      return {reinterpret_cast<const T*>(b.data()), b.size() / sizeof(T)};
    copy_into(b, copy);
    return copy;
  }
  bool at_end() const { return in_.empty(); }

 private:
  template <typename T>
  static void copy_into(std::string_view b, std::vector<T>& v) {
    v.resize(b.size() / sizeof(T));
    if (!b.empty()) std::memcpy(v.data(), b.data(), b.size());
  }
  template <typename T>
  std::string_view array_bytes() {
    static_assert(std::is_trivially_copyable_v<T>);
    const uint64_t n = u64();
    const size_t at = static_cast<size_t>(in_.data() - start_);
    take((BinaryWriter::kAlign - at % BinaryWriter::kAlign) % BinaryWriter::kAlign);
    if (n > in_.size() / sizeof(T)) throw std::runtime_error("binary image: an array runs past the end");
    return take(n * sizeof(T));
  }
  template <typename T>
  T number() {
    T v;
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  std::string_view take(uint64_t n) {
    if (n > in_.size()) throw std::runtime_error("binary image: ends early");
    std::string_view out = in_.substr(0, n);
    in_.remove_prefix(n);
    return out;
  }
  std::string_view in_;
  const char* start_;  // the image's first byte: arrays are aligned from it
};

}  // namespace kimput::io
