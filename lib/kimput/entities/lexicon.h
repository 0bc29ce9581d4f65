// The entity lexicon: lib/data/lexicon/*.tsv plus users' --lexicon files, one entity a
// line (type, id, canonical name, aliases, attributes; see lib/data/lexicon/README.md),
// compiled once at start-up into a token trie for longest-match lookup. The cost of a
// lookup per token does not depend on the lexicon's size. Immutable after construction
// and shared read-only by all threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kimput/words/word_ids.h"

namespace kimput {

enum class EntityType : uint8_t { PERSON, ORG, GPE, LOC, FAC, NORP, EVENT };
std::string_view type_name(EntityType t);
std::optional<EntityType> parse_type(std::string_view s);

struct Office {
  int from = 0, to = 9999;  // years; 9999: ongoing
  std::string_view title;
};

// What some entries (people, mostly) carry beyond their names.
struct LexFacts {
  std::vector<Office> offices;
  std::vector<std::string_view> roles, epithets;
  std::vector<std::pair<std::string_view, std::string_view>> kin;  // relation -> id
};

// One entity. The strings are views into the lexicon line it was parsed from, which the
// Lexicon keeps alive (the embedded data lives as long as the program; a user's file is
// kept by the Lexicon), so 37,000 entries cost no allocation for their names, and the
// entry stays small: start-up time is mostly the memory the lexicon touches.
struct LexEntry {
  EntityType type = EntityType::PERSON;
  bool ambiguous = false, capital = false;
  bool nation = false;     // a country (lexicon/countries.tsv, or nation=1): has a national team
  bool female = false;     // gender=f: "Mrs. Clinton" is her, not a man of the family
  bool building = false;   // an organisation named after its building (building=1): "the White House"
  uint8_t rank = 0;       // 0: curated file, 1: subdivisions, 2: cities (lower wins a tie)
  int born = 0, died = 0;  // 0: unknown / living
  std::string_view id, name, family, country;
  std::string_view alias_list;       // the aliases column, "|"-separated ("" when none)
  // local=: names of it that other countries' bodies share ("Supreme Court", "National
  // Assembly"), ","-separated: they name this entry only in a story about its country.
  std::string_view local;
  std::unique_ptr<LexFacts> facts;   // null when the line has none

  std::vector<std::string_view> aliases() const;  // not including the name
  const std::vector<Office>& offices() const;
  const std::vector<std::string_view>& epithets() const;
};

// Parses one lexicon line; nullopt with `error` set when it is malformed. The entry's
// strings are views into `line`.
std::optional<LexEntry> parse_lexicon_line(std::string_view line, std::string* error);

// The tokens a name gives under the document tokenizer (text/segment.h), as match keys.
std::vector<std::string> name_keys(std::string_view name);
// The id of an entity found outside the lexicon: "kimput:" + a lower-case slug of its
// name ("Leif-Eric Easley" -> "kimput:leif-eric-easley"), the same in every document.
std::string slug_id(std::string_view name);
// The match key of one document token: curly apostrophes straightened, dashes unified.
std::string token_key(std::string_view token);

class Lexicon {
 public:
  // Where the built-in entries come from: the tables compiled from lib/data/lexicon at build
  // time (cmake/compile_tables.cpp; reading them is a few percent of parsing the files,
  // which was most of kimput's start-up), or the files themselves (what the compiler does,
  // and what a build without an image falls back to).
  enum class Source { Image, Data };
  // The built-in lexicon plus the user's files; throws std::runtime_error naming the file
  // and line of a malformed entry.
  explicit Lexicon(const std::vector<std::string>& user_files = {}, Source source = Source::Image);
  Lexicon(const Lexicon&) = delete;  // large; shared by reference
  Lexicon& operator=(const Lexicon&) = delete;

  const LexEntry& entry(uint32_t i) const { return entries_[i]; }
  size_t size() const { return entries_.size(); }

  static constexpr uint32_t kRoot = 0;
  static constexpr uint32_t kNone = UINT32_MAX;
  // The trie's edges are labelled by word ids: a matcher looks each document token up
  // once (word_id) and then walks the trie with integers.
  uint32_t word_id(std::string_view key) const { return words_.find(key); }
  // With hash_bytes(key) given, and the prefetch of its slot (see WordIds::prefetch).
  uint32_t word_id(std::string_view key, uint64_t hash) const { return words_.find(key, hash); }
  // With its first 8 bytes given too (see WordIds::find).
  uint32_t word_id(std::string_view key, uint64_t hash, uint64_t head) const { return words_.find(key, hash, head); }
  void prefetch_word(uint64_t hash) const { words_.prefetch(hash); }
  uint32_t child(uint32_t node, uint32_t word) const {
    if (word == WordIds::kNone) return kNone;
    if (node == kRoot) return word < root_children_.size() ? root_children_[word] : kNone;
    return edges_.find((static_cast<uint64_t>(node) << 32) | word);
  }
  uint32_t child(uint32_t node, std::string_view key) const { return child(node, word_id(key)); }
  // Entries whose name or an alias ends at this node, best first.
  std::span<const uint32_t> entries_at(uint32_t node) const {
    return {node_entries_.data() + entry_start_[node], node_entries_.data() + entry_start_[node + 1]};
  }
  size_t max_alias_tokens() const { return max_alias_tokens_; }

  // PERSON entries whose family name is `key` (the "Kim" of Kim Jong Un).
  const std::vector<uint32_t>* persons_with_family(std::string_view key) const;
  // The same in two steps, with hash_bytes(key) given: the family's id (WordIds::kNone when
  // no person has it), and its people.
  uint32_t family_id(std::string_view key, uint64_t hash) const { return family_ids_.find(key, hash); }
  const std::vector<uint32_t>* persons_of_family(uint32_t family) const {
    return family == WordIds::kNone ? nullptr : &by_family_[family];
  }
  // Entry by id, or kNone.
  uint32_t find_id(std::string_view id) const;

  std::map<std::string, size_t> count_by_type() const;
  double load_ms() const { return load_ms_; }
  // Whether the built-in entries came from the compiled image.
  bool from_image() const { return from_image_; }
  // The built-in lexicon's tables as bytes, which a Lexicon built with Source::Image reads
  // back (entities/lexicon_image.cpp): what cmake/compile_tables.cpp writes. Throws
  // std::logic_error for a lexicon with a user's file.
  std::string image() const;
  // Whether `image` is one of the built-in files as embedded here, in this format: the one
  // a Lexicon reads.
  static bool image_fits(std::string_view image);

 private:
  // Indexes the entry just parsed into the back of entries_; a user's entry with a built-in
  // id instead gives its names to that entry, and is removed.
  void add_last();
  void add_alias(uint32_t entry, std::string_view alias);
  void index_entries();
  // The embedded lexicon files, in the order they are loaded.
  static std::vector<std::string> builtin_files();
  // Reads image() of the built-in files into this empty lexicon; false (and nothing read)
  // when the image is absent or was compiled from other files.
  bool load_image(std::string_view image);
  static bool read_image_header(io::BinaryReader& in);
  std::vector<std::unique_ptr<std::string>> user_data_;  // the users' files, which entries view
  std::vector<LexEntry> entries_;
  WordIds words_;                  // the tokens of every alias
  std::vector<uint32_t> root_children_;  // word -> child of the root (most edges start there)
  FlatIdMap edges_;                // (parent << 32 | word) -> child node, below the root
  uint32_t nodes_ = 1;             // node 0 is the root
  struct NodeEntry {
    uint32_t node, entry;
  };
  // What index_entries() orders: every (node, entry) added. Kept after, for image() and for
  // a user's file read after the image.
  std::vector<NodeEntry> pending_;
  std::vector<uint32_t> entry_start_, node_entries_;    // entries by node, best first
  // PERSON entries by family name (token_key): a word table, whose filter turns away most
  // of the capitalised words the matcher asks about without a probe.
  WordIds family_ids_;
  std::vector<std::vector<uint32_t>> by_family_;  // by family id
  std::vector<uint32_t> id_slots_;  // open addressing over entry ids: entry + 1, 0 = empty
  void index_id(uint32_t entry);
  size_t max_alias_tokens_ = 1;
  double load_ms_ = 0;
  bool from_image_ = false;
};

struct LexiconProblem {
  size_t line;
  std::string message;
};

// What `kimput lexicon check` reports for a user's file: malformed lines, aliases given
// twice (in the file, or already meaning another entity in the built-in lexicon), and
// aliases that are common English words.
std::vector<LexiconProblem> check_lexicon(std::string_view bytes, const Lexicon& builtin);

}  // namespace kimput
