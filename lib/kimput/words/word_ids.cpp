#include "kimput/words/word_ids.h"

#include <cstring>
#include <span>
#include <stdexcept>

#include "kimput/io/binary_image.h"

namespace kimput {

namespace {
constexpr size_t kChunk = 64 * 1024;
}
WordIds::WordIds() : slots_(64), filter_(4, 0), slot_at_(slots_.data()), filter_at_(filter_.data()) {}

// Slots are 16 bytes: a load of up to 0.7 keeps the table small enough for the cache (the
// lexicon's 43,000 words take 1 MB), which matters more than a shorter probe sequence.
static bool too_full(size_t words, size_t slots) { return words * 10 > slots * 7; }

uint64_t WordIds::head_of(std::string_view w) { return load_up_to_8(w.data(), w.size()); }

uint32_t WordIds::check_of(uint64_t hash, size_t size) {
  return static_cast<uint32_t>(hash >> 40) << 8 | static_cast<uint32_t>(size < 255 ? size : 255);
}

void WordIds::own() {
  const size_t slots = slot_mask_ + 1, filter = filter_mask_ + 1;
  if (slot_at_ != slots_.data()) slots_.assign(slot_at_, slot_at_ + slots);
  if (filter_at_ != filter_.data()) filter_.assign(filter_at_, filter_at_ + filter);
  slot_at_ = slots_.data();
  filter_at_ = filter_.data();
}

void WordIds::reserve(size_t n) {
  size_t want = slot_mask_ + 1;
  while (too_full(n, want)) want *= 2;
  if (want != slot_mask_ + 1) rehash(want);
  words_.reserve(n);
}

inline std::string_view WordIds::store(std::string_view w) {
  if (w.size() > chunk_left_) {
    size_t size = w.size() > kChunk ? w.size() : kChunk;
    chunks_.push_back(std::make_unique<char[]>(size));
    chunk_at_ = chunks_.back().get();
    chunk_left_ = size;
  }
  if (!w.empty()) std::memcpy(chunk_at_, w.data(), w.size());
  std::string_view out(chunk_at_, w.size());
  chunk_at_ += w.size();
  chunk_left_ -= w.size();
  return out;
}

// find() past the filter.
uint32_t WordIds::find_in_slots(std::string_view w, uint64_t h) const { return find_in_slots(w, h, head_of(w)); }

uint32_t WordIds::find_in_slots(std::string_view w, uint64_t h, uint64_t head) const {
  uint32_t check = check_of(h, w.size());
  const size_t mask = slot_mask_;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slot_at_[i];
    if (s.id1 == 0) return kNone;
    if (s.check == check && s.head == head) {
      // Equal heads and sizes of at most 8 bytes are equal words.
      return w.size() <= 8 ? s.id1 - 1 : find_long(w, head, check, i);
    }
  }
}

// A tail call: the short words' probe keeps no registers across a call of the comparison.
uint32_t WordIds::find_long(std::string_view w, uint64_t head, uint32_t check, size_t i) const {
  const size_t mask = slot_mask_;
  for (;; i = (i + 1) & mask) {
    const Slot& s = slot_at_[i];
    if (s.id1 == 0) return kNone;
    if (s.check == check && s.head == head && words_[s.id1 - 1] == w) return s.id1 - 1;
  }
}

uint32_t WordIds::intern(std::string_view w) {
  own();
  if (too_full(words_.size() + 1, slots_.size())) grow();
  uint64_t h = hash_bytes(w);
  uint64_t head = head_of(w);
  uint32_t check = check_of(h, w.size());
  const size_t mask = slot_mask_;
  size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.id1 == 0) break;
    if (s.check == check && s.head == head && (w.size() <= 8 || words_[s.id1 - 1] == w)) return s.id1 - 1;
  }
  uint32_t id = static_cast<uint32_t>(words_.size());
  words_.push_back(store(w));
  slots_[i] = Slot{head, id + 1, check};
  filter_[filter_word(h)] |= filter_bits(h);
  return id;
}

void WordIds::save(io::BinaryWriter& out) const {
  out.array(std::span<const Slot>(slot_at_, slot_mask_ + 1));
  out.array(std::span<const uint64_t>(filter_at_, filter_mask_ + 1));
  std::string bytes;
  std::vector<uint32_t> sizes;
  sizes.reserve(words_.size());
  for (std::string_view w : words_) {
    bytes += w;
    sizes.push_back(static_cast<uint32_t>(w.size()));
  }
  out.array(sizes);
  out.bytes(bytes);
}

void WordIds::load(io::BinaryReader& in) {
  slots_.clear();
  filter_.clear();
  const std::span<const Slot> slots = in.array_view(slots_);
  const std::span<const uint64_t> filter = in.array_view(filter_);
  if (slots.size() < 16 || (slots.size() & (slots.size() - 1)) || filter.size() != slots.size() / 16)
    throw std::runtime_error("binary image: a word table of a size no table has");
  slot_at_ = slots.data();
  filter_at_ = filter.data();
  slot_mask_ = slots.size() - 1;
  filter_mask_ = filter.size() - 1;
  std::vector<uint32_t> sizes;
  in.array(sizes);
  std::string_view bytes = in.bytes();
  words_.clear();
  words_.reserve(sizes.size());
  size_t at = 0;
  for (uint32_t n : sizes) {
    if (n > bytes.size() - at) throw std::runtime_error("binary image: words run past their bytes");
    words_.push_back(bytes.substr(at, n));
    at += n;
  }
  chunks_.clear();
  chunk_left_ = 0;
  chunk_at_ = nullptr;
}

void WordIds::grow() { rehash(slots_.size() * 2); }  // after own()

void WordIds::rehash(size_t size) {
  own();
  std::vector<Slot> old(size);
  old.swap(slots_);
  filter_.assign(size / 16, 0);
  slot_at_ = slots_.data();
  filter_at_ = filter_.data();
  slot_mask_ = size - 1;
  filter_mask_ = size / 16 - 1;
  const size_t mask = slot_mask_;
  for (const Slot& s : old) {
    if (s.id1 == 0) continue;
    uint64_t h = hash_bytes(words_[s.id1 - 1]);
    size_t i = h & mask;
    while (slots_[i].id1 != 0) i = (i + 1) & mask;
    slots_[i] = s;
    filter_[filter_word(h)] |= filter_bits(h);
  }
}

FlatIdMap::FlatIdMap() : slots_(64, Slot{0, kNone}), slot_at_(slots_.data()) {}

void FlatIdMap::own() {
  if (slot_at_ != slots_.data()) slots_.assign(slot_at_, slot_at_ + mask_ + 1);
  slot_at_ = slots_.data();
}

void FlatIdMap::reserve(size_t n) {
  size_t want = mask_ + 1;
  while (n * 2 > want) want *= 2;
  if (want != mask_ + 1) rehash(want);
}

uint32_t FlatIdMap::insert(uint64_t key, uint32_t value) {
  own();
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const size_t mask = mask_;
  for (size_t i = mix(key) & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.value == kNone) {
      s = Slot{key, value};
      ++size_;
      return value;
    }
    if (s.key == key) return s.value;
  }
}

void FlatIdMap::save(io::BinaryWriter& out) const {
  out.u64(size_);
  out.array(std::span<const Slot>(slot_at_, mask_ + 1));
}

void FlatIdMap::load(io::BinaryReader& in) {
  size_ = in.u64();
  slots_.clear();
  const std::span<const Slot> slots = in.array_view(slots_);
  if (slots.size() < 2 || (slots.size() & (slots.size() - 1)) || size_ * 2 > slots.size())
    throw std::runtime_error("binary image: an id map of a size no map has");
  slot_at_ = slots.data();
  mask_ = slots.size() - 1;
}

void FlatIdMap::grow() { rehash(slots_.size() * 2); }

void FlatIdMap::rehash(size_t size) {
  own();
  std::vector<Slot> old(size, Slot{0, kNone});
  old.swap(slots_);
  slot_at_ = slots_.data();
  mask_ = size - 1;
  const size_t mask = mask_;
  for (const Slot& s : old) {
    if (s.value == kNone) continue;
    size_t i = mix(s.key) & mask;
    while (slots_[i].value != kNone) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace kimput
