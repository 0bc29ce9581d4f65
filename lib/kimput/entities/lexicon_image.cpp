// The built-in lexicon's tables as bytes (Lexicon::image()), written at build time by
// cmake/compile_tables.cpp and read back at start-up (Lexicon::load_image()): parsing the
// 38,500 lines of lib/data/lexicon and indexing their 80,000 names took 57 M instructions,
// most of a run on one article; copying the tables back takes a few.
//
// The entries' strings, and their facts' (offices, roles, epithets, kin), are views of the
// embedded files, stored as offsets in their line.
// The image names the files it was compiled from and their sizes: an image of other files
// is not read, and the lexicon is built from the files as before.
#include <algorithm>
#include <stdexcept>

#include "kimput/entities/lexicon.h"
#include "kimput/io/binary_image.h"
#include "kimput/resources.h"

namespace kimput {

namespace {

constexpr std::string_view kMagic = "kimput lexicon image";
constexpr uint32_t kFormat = 2;

// A view of an entry's line: its offset in the line and its size.
struct StoredView {
  uint16_t at = 0, size = 0;
};

// One LexEntry, its strings as views of its line in its file. No padding: every byte of an
// image is defined.
struct StoredEntry {
  uint32_t line_at = 0;  // the line's offset in its file
  uint16_t line_size = 0;
  uint8_t file = 0;
  uint8_t type = 0;
  uint8_t flags = 0;
  uint8_t rank = 0;
  uint16_t unused = 0;
  int32_t born = 0, died = 0;
  StoredView id, name, family, country, alias_list, local;
};
static_assert(sizeof(StoredEntry) == 44);

enum : uint8_t { kAmbiguous = 1, kCapital = 2, kNation = 4, kFemale = 8, kBuilding = 16, kFacts = 32 };

// One of an entry's facts (LexFacts), in the order of its kind's list; its strings are
// views of the entry's line, as the entry's are.
struct StoredFact {
  enum Kind : uint8_t { kOffice, kRole, kEpithet, kKin };
  uint32_t entry = 0;
  uint8_t kind = 0;
  uint8_t unused[3] = {};
  int32_t from = 0, to = 0;  // an office's years
  StoredView a, b;           // an office's title; a role; an epithet; a kin's relation (a) and id (b)
};
static_assert(sizeof(StoredFact) == 24);

// The line of a stored entry in its file.
inline std::string_view line_of(const StoredEntry& s, const std::vector<std::string_view>& files) {
  if (s.file >= files.size() || s.line_at + size_t{s.line_size} > files[s.file].size())
    throw std::runtime_error("lexicon image: an entry outside its file");
  return files[s.file].substr(s.line_at, s.line_size);
}

// A stored view of `line` (an empty one is no view of it). Always inlined: it is called for
// 240,000 strings.
inline __attribute__((always_inline)) std::string_view view_of(std::string_view line, StoredView v) {
  if (v.size == 0) return {};
  if (v.at + size_t{v.size} > line.size()) throw std::runtime_error("lexicon image: a string outside its line");
  return line.substr(v.at, v.size);
}

}  // namespace

std::string Lexicon::image() const {
  if (!user_data_.empty()) throw std::logic_error("Lexicon::image(): a lexicon with a user's file has no image");
  io::BinaryWriter out;
  out.header(kMagic, kFormat);
  const std::vector<std::string> files = builtin_files();
  std::vector<std::string_view> bytes;
  out.u64(files.size());
  for (const std::string& f : files) {
    bytes.push_back(embedded(f));
    out.bytes(f);
    out.u64(bytes.back().size());
  }
  std::vector<StoredEntry> stored;
  std::vector<StoredFact> facts;
  stored.reserve(entries_.size());
  for (const LexEntry& e : entries_) {
    StoredEntry s;
    // Its file, and its line there as for_each_data_line() gives it (without a '\r').
    size_t file = 0;
    while (file < bytes.size() && !(e.id.data() >= bytes[file].data() && e.id.data() < bytes[file].data() + bytes[file].size()))
      ++file;
    if (file == bytes.size()) throw std::logic_error("Lexicon::image(): an entry outside the built-in files");
    const std::string_view b = bytes[file];
    const size_t at = static_cast<size_t>(e.id.data() - b.data());
    const size_t nl = b.rfind('\n', at);
    const size_t begin = nl == std::string_view::npos ? 0 : nl + 1;
    size_t end = std::min(b.find('\n', at), b.size());
    if (end > begin && b[end - 1] == '\r') --end;
    if (begin > UINT32_MAX || end - begin > UINT16_MAX) throw std::logic_error("Lexicon::image(): a line too long");
    const std::string_view line = b.substr(begin, end - begin);
    auto view = [&](std::string_view v) {
      StoredView sv;
      if (v.empty()) return sv;
      if (v.data() < line.data() || v.data() + v.size() > line.data() + line.size())
        throw std::logic_error("Lexicon::image(): an entry's string outside its line");
      sv.at = static_cast<uint16_t>(v.data() - line.data());
      sv.size = static_cast<uint16_t>(v.size());
      return sv;
    };
    s.line_at = static_cast<uint32_t>(begin);
    s.line_size = static_cast<uint16_t>(line.size());
    s.file = static_cast<uint8_t>(file);
    s.type = static_cast<uint8_t>(e.type);
    s.flags = (e.ambiguous ? kAmbiguous : 0) | (e.capital ? kCapital : 0) | (e.nation ? kNation : 0) |
              (e.female ? kFemale : 0) | (e.building ? kBuilding : 0) | (e.facts ? kFacts : 0);
    s.rank = e.rank;
    s.born = e.born;
    s.died = e.died;
    s.id = view(e.id);
    s.name = view(e.name);
    s.family = view(e.family);
    s.country = view(e.country);
    s.alias_list = view(e.alias_list);
    s.local = view(e.local);
    if (e.facts) {
      const auto entry = static_cast<uint32_t>(stored.size());
      auto fact = [&](uint8_t kind, std::string_view a, std::string_view b = {}) -> StoredFact& {
        StoredFact& f = facts.emplace_back();
        f.entry = entry;
        f.kind = kind;
        f.a = view(a);
        f.b = view(b);
        return f;
      };
      for (const Office& o : e.facts->offices) {
        StoredFact& f = fact(StoredFact::kOffice, o.title);
        f.from = o.from;
        f.to = o.to;
      }
      for (std::string_view r : e.facts->roles) fact(StoredFact::kRole, r);
      for (std::string_view r : e.facts->epithets) fact(StoredFact::kEpithet, r);
      for (const auto& [relation, id] : e.facts->kin) fact(StoredFact::kKin, relation, id);
    }
    stored.push_back(s);
  }
  out.array(stored);
  out.array(facts);
  words_.save(out);
  out.array(root_children_);
  edges_.save(out);
  out.u32(nodes_);
  out.array(pending_);
  out.array(entry_start_);
  out.array(node_entries_);
  family_ids_.save(out);
  std::vector<uint32_t> family_sizes, family_people;
  for (const std::vector<uint32_t>& people : by_family_) {
    family_sizes.push_back(static_cast<uint32_t>(people.size()));
    family_people.insert(family_people.end(), people.begin(), people.end());
  }
  out.array(family_sizes);
  out.array(family_people);
  out.u64(max_alias_tokens_);
  return out.str();
}

bool Lexicon::read_image_header(io::BinaryReader& in) {
  if (!in.header(kMagic, kFormat)) return false;
  const std::vector<std::string> files = builtin_files();
  try {
    if (in.u64() != files.size()) return false;
    for (const std::string& f : files)
      if (in.bytes() != f || in.u64() != embedded(f).size()) return false;
  } catch (const std::runtime_error&) {  // ends early
    return false;
  }
  return true;
}

bool Lexicon::image_fits(std::string_view image) {
  io::BinaryReader in(image);
  return read_image_header(in);
}

bool Lexicon::load_image(std::string_view image) {
  io::BinaryReader in(image);
  if (!read_image_header(in)) return false;
  std::vector<std::string_view> bytes;
  for (const std::string& f : builtin_files()) bytes.push_back(embedded(f));
  std::vector<StoredEntry> stored;
  in.array(stored);
  entries_.resize(stored.size());
  for (size_t i = 0; i < stored.size(); ++i) {
    const StoredEntry& s = stored[i];
    const std::string_view line = line_of(s, bytes);
    LexEntry& e = entries_[i];
    e.type = static_cast<EntityType>(s.type);
    e.ambiguous = s.flags & kAmbiguous;
    e.capital = s.flags & kCapital;
    e.nation = s.flags & kNation;
    e.female = s.flags & kFemale;
    e.building = s.flags & kBuilding;
    e.rank = s.rank;
    e.born = s.born;
    e.died = s.died;
    e.id = view_of(line, s.id);
    e.name = view_of(line, s.name);
    e.family = view_of(line, s.family);
    e.country = view_of(line, s.country);
    e.alias_list = view_of(line, s.alias_list);
    e.local = view_of(line, s.local);
    if (s.flags & kFacts) e.facts = std::make_unique<LexFacts>();
  }
  std::vector<StoredFact> facts;
  in.array(facts);
  for (const StoredFact& f : facts) {
    if (f.entry >= entries_.size() || !entries_[f.entry].facts) throw std::runtime_error("lexicon image: a fact of no entry");
    const std::string_view line = line_of(stored[f.entry], bytes);
    LexFacts& to = *entries_[f.entry].facts;
    switch (f.kind) {
      case StoredFact::kOffice: to.offices.push_back(Office{f.from, f.to, view_of(line, f.a)}); break;
      case StoredFact::kRole: to.roles.push_back(view_of(line, f.a)); break;
      case StoredFact::kEpithet: to.epithets.push_back(view_of(line, f.a)); break;
      case StoredFact::kKin: to.kin.emplace_back(view_of(line, f.a), view_of(line, f.b)); break;
      default: throw std::runtime_error("lexicon image: a fact of no kind");
    }
  }
  words_.load(in);
  in.array(root_children_);
  edges_.load(in);
  nodes_ = in.u32();
  in.array(pending_);
  in.array(entry_start_);
  in.array(node_entries_);
  family_ids_.load(in);
  std::vector<uint32_t> family_sizes, family_people;
  in.array(family_sizes);
  in.array(family_people);
  by_family_.resize(family_sizes.size());
  size_t at = 0;
  for (size_t f = 0; f < family_sizes.size(); ++f) {
    if (family_sizes[f] > family_people.size() - at) throw std::runtime_error("lexicon image: a family past its people");
    by_family_[f].assign(family_people.begin() + at, family_people.begin() + at + family_sizes[f]);
    at += family_sizes[f];
  }
  max_alias_tokens_ = in.u64();
  if (!in.at_end() || entry_start_.size() != size_t{nodes_} + 1) throw std::runtime_error("lexicon image: tables that do not fit");
  return true;
}

}  // namespace kimput
