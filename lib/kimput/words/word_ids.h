// Dense ids for words, and a flat integer map: the two tables the entity matcher looks
// tokens up in. Both are open-addressing hash tables in contiguous arrays, built once at
// start-up and then read-only (safe to share between threads). They exist because the
// node-based std::unordered_map/set with std::string keys cost an allocation per probe key
// and a cache miss per bucket, which made hash lookups the largest cost of the pass.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "kimput/text/swar.h"

namespace kimput {

namespace io {
class BinaryWriter;
class BinaryReader;
}  // namespace io

// The first min(n, 8) bytes at p as a little-endian number, zero-padded: the value of a
// memcpy into a zeroed uint64_t, without the byte copies through memory that a load of
// the whole then waits for (a failed store-to-load forwarding, on every short word).
inline uint64_t load_up_to_8(const char* p, size_t n) {
  uint64_t v;
  if (n >= 8) {
    std::memcpy(&v, p, 8);
    return v;
  }
  auto byte = [p](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
  if (n >= 4) {  // two loads that overlap: the shared bytes are OR-ed with themselves
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    return uint64_t{lo} | uint64_t{hi} << (8 * (n - 4));
  }
  if (n == 0) return 0;
  return byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1));
}

// load_up_to_8(p, n) for a caller that may read 8 bytes at p (n of them its string's, the
// rest past its end but inside the buffer): one load and a mask, with no branch on n.
inline uint64_t load_up_to_8_within(const char* p, size_t n) { return swar::load8(p) & swar::first_bytes(n < 8 ? n : 8); }

// load_up_to_8(p, n) for the last n bytes (0 to 8) of a string of at least 8 bytes that
// ends at p + n: the 8 bytes before its end are read, and those before p shifted out.
inline uint64_t load_tail_up_to_8(const char* p, size_t n) {
  uint64_t v;
  std::memcpy(&v, p + n - 8, 8);
  return n == 0 ? 0 : v >> (64 - 8 * n);
}

// hash_bytes(s) with its first 8 bytes given: `head` is load_up_to_8(s.data(), s.size()).
// For a caller that has loaded them already (a word's shape and slot are read from its
// head): a word of up to 8 bytes, most of them, is hashed without reading it again.
inline uint64_t hash_bytes(std::string_view s, uint64_t head) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xFF51AFD7ED558CCDULL);
  uint64_t v = head;
  if (n >= 8) {
    while (true) {
      h = (h ^ v) * 0xBF58476D1CE4E5B9ULL;
      h ^= h >> 31;
      p += 8;
      n -= 8;
      if (n < 8) break;
      std::memcpy(&v, p, 8);
    }
    v = load_tail_up_to_8(p, n);
  }
  h = (h ^ v) * 0x94D049BB133111EBULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 32;
  return h;
}

// A fast 64-bit hash of bytes (multiply-mix over 8-byte words). Not for untrusted keys
// in a long-lived table an attacker fills; here the tables hold only our own data.
// Inline: most words are short, and the hash of one is fewer instructions than a call.
inline uint64_t hash_bytes(std::string_view s) { return hash_bytes(s, load_up_to_8(s.data(), s.size())); }

// The hash of a hash map keyed by std::string and looked up by string_view, with no string
// made per look-up: std::unordered_set<std::string, StringViewHash, std::equal_to<>>.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return hash_bytes(s); }
};

// String -> dense id (0, 1, 2, ... in insertion order). The table keeps its own copy of
// every word, so the views passed to intern() need not outlive the call.
class WordIds {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  WordIds();
  WordIds(WordIds&&) noexcept = default;
  WordIds& operator=(WordIds&&) noexcept = default;

  // Room for n words without rehashing.
  void reserve(size_t n);
  // The id of `w`, adding it when new.
  uint32_t intern(std::string_view w);
  // The id of `w`, or kNone.
  uint32_t find(std::string_view w) const { return find(w, hash_bytes(w)); }
  // The same with hash_bytes(w) given: a caller that looks many words up computes their
  // hashes first and prefetch()es their slots, so that the cache misses overlap.
  // The filter test is inline: it answers most look-ups (a word in no table), which then
  // pay no call and no saving of the registers the probe of the slots needs.
  uint32_t find(std::string_view w, uint64_t hash) const {
    const uint64_t bits = filter_bits(hash);
    if ((filter_at_[filter_word(hash)] & bits) != bits) return kNone;
    return find_in_slots(w, hash);
  }
  // The same with w's first 8 bytes given too (load_up_to_8(w.data(), w.size())), which the
  // probe compares: for a caller that has them, they are not read again.
  uint32_t find(std::string_view w, uint64_t hash, uint64_t head) const {
    const uint64_t bits = filter_bits(hash);
    if ((filter_at_[filter_word(hash)] & bits) != bits) return kNone;
    return find_in_slots(w, hash, head);
  }
  void prefetch(uint64_t hash) const {
    __builtin_prefetch(&filter_at_[filter_word(hash)]);
    __builtin_prefetch(&slot_at_[hash & slot_mask_]);
  }
  std::string_view word(uint32_t id) const { return words_[id]; }
  size_t size() const { return words_.size(); }

  // The table as bytes (io/binary_image.h), and back: a loaded table finds and interns as
  // the one saved did. It reads its slots, filter and words in the reader's bytes, which
  // must outlive it, until a word is interned (then it copies them).
  void save(io::BinaryWriter& out) const;
  void load(io::BinaryReader& in);

 private:
  uint32_t find_in_slots(std::string_view w, uint64_t hash) const;
  uint32_t find_in_slots(std::string_view w, uint64_t hash, uint64_t head) const;
  // find_in_slots() from slot i on, for a word longer than 8 bytes whose head, size and
  // hash tag slot i holds: its bytes are compared with the stored word's.
  [[gnu::noinline]] uint32_t find_long(std::string_view w, uint64_t head, uint32_t check, size_t i) const;
  void grow();
  void rehash(size_t slots);
  std::string_view store(std::string_view w);
  // A slot holds the word's first 8 bytes, so that a look-up of a word of at most 8
  // bytes (most of them) is answered from the slot's cache line alone; a longer word is
  // compared with its stored copy only when the head, length and hash tag all agree.
  struct Slot {
    uint64_t head = 0;   // the first min(size, 8) bytes, zero-padded
    uint32_t id1 = 0;    // id + 1; 0 = empty
    uint32_t check = 0;  // (hash bits 40..63 << 8) | min(size, 255)
  };
  static uint64_t head_of(std::string_view w);
  static uint32_t check_of(uint64_t hash, size_t size);
  std::vector<Slot> slots_;  // the table, when it is its own
  // slots_.size() - 1 and filter_.size() - 1, kept beside the vectors: every look-up needs
  // them, and made from a vector's two ends they cost a load and a division each time.
  size_t slot_mask_ = 63, filter_mask_ = 3;
  // Two bits per word in one 64-bit word of a Bloom filter (4 bits per slot): most words
  // looked up are not in the table, and the filter, a sixteenth of the slots' size, stays
  // in the cache and answers them without a probe of the slots.
  std::vector<uint64_t> filter_;  // the filter, when it is its own
  // The slots and the filter read: slots_ and filter_, or a loaded image's (load()), which
  // a change copies first (own()). Moving the vectors keeps their data where it is.
  const Slot* slot_at_ = nullptr;
  const uint64_t* filter_at_ = nullptr;
  void own();
  static uint64_t filter_bits(uint64_t hash) { return uint64_t{1} << (hash >> 52 & 63) | uint64_t{1} << (hash >> 58); }
  size_t filter_word(uint64_t hash) const { return (hash >> 16) & filter_mask_; }
  std::vector<std::string_view> words_;
  std::vector<std::unique_ptr<char[]>> chunks_;  // the words' bytes
  size_t chunk_left_ = 0;
  char* chunk_at_ = nullptr;
};

// uint64 key -> uint32 value, for the edges of a token trie ((parent, word) -> child).
class FlatIdMap {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  FlatIdMap();
  // Not copied: a copy would read the slots of the map it came from (slot_at_).
  FlatIdMap(const FlatIdMap&) = delete;
  FlatIdMap& operator=(const FlatIdMap&) = delete;
  FlatIdMap(FlatIdMap&&) noexcept = default;
  FlatIdMap& operator=(FlatIdMap&&) noexcept = default;
  void reserve(size_t n);
  // Sets key to value when the key is new; returns the value stored for key.
  uint32_t insert(uint64_t key, uint32_t value);
  // Inline: the lexicon's trie asks it of every token's edges, and the probe is shorter
  // than a call's saving of registers.
  uint32_t find(uint64_t key) const {
    for (size_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slot_at_[i];
      if (s.value == kNone) return kNone;
      if (s.key == key) return s.value;
    }
  }
  size_t size() const { return size_; }

  // As WordIds::save() and load(); a loaded map reads its slots in place until an insert.
  void save(io::BinaryWriter& out) const;
  void load(io::BinaryReader& in);

 private:
  static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDULL;
    k ^= k >> 33;
    k *= 0xC4CEB9FE1A85EC53ULL;
    k ^= k >> 33;
    return k;
  }
  void grow();
  void rehash(size_t slots);
  struct Slot {
    uint64_t key;
    uint32_t value;  // kNone: empty
    uint32_t unused = 0;  // named, so that a slot has no undefined bytes to save
  };
  std::vector<Slot> slots_;  // the table, when it is its own
  const Slot* slot_at_ = nullptr;  // the table read: slots_, or a loaded image's (see WordIds)
  void own();
  size_t mask_ = 63;  // the table's size - 1 (see WordIds::slot_mask_)
  size_t size_ = 0;
};

}  // namespace kimput
