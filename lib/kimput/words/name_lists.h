// Word lists the entity and quote passes consult (lib/data/names/*): given names, common
// English words, person roles and titles, organisation and place head/tail words.
// Loaded once per process from the embedded data; immutable and shared by all threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "kimput/words/word_ids.h"

namespace kimput {

struct NameLists {
  // The lists that callers consult as sets. Every other list is only a bit of the word
  // table below (flags()).
  std::unordered_set<std::string> titles;                 // "President", "Deputy Foreign Minister", "Dr."
  std::unordered_set<std::string> role_nouns;             // "spokesman", "analyst"
  std::unordered_set<std::string> apposition_nouns;       // "professor", "fellow"
  std::unordered_map<std::string, std::string> sports_words;  // "wicket" -> "cricket", "goal" -> "football", "coach" -> "any"
  size_t max_title_words = 1;

  bool is_common_word(std::string_view w) const;  // case-insensitive

  // Every list as bits of one word table, so that a matcher looks a token up once instead
  // of once per list. A bit is set for the exact string the list holds (common words and
  // present markers are lower case).
  enum Flag : uint32_t {
    kGivenName = 1u << 0,           // "Vladimir", "Leif-Eric"
    kAmbiguousGivenName = 1u << 1,  // "Mark", "Will": also ordinary words
    kParticle = 1u << 2,            // "van", "de", "bin"
    kCommonWord = 1u << 3,          // lower case: "the", "however"
    kTitle = 1u << 4,       // a one-word title
    kTitleStart = 1u << 5,  // the first token of some title ("Deputy" of "Deputy Foreign Minister")
    kRoleNoun = 1u << 6,
    kAppositionNoun = 1u << 7,
    kOrgTail = 1u << 8,     // "University", "Ministry"
    kOrgHead = 1u << 9,     // "Ministry" of "Ministry of"
    kEventTail = 1u << 10,  // "Festival", "Championship": a named event
    kPlaceTail = 1u << 11,  // "Sea", "Tower"
    kPlaceTailFac = 1u << 12,  // a place tail that names a facility ("Tower")
    kPresentMarker = 1u << 13,  // "is", "will", "current": the sentence speaks of now
    kSportsWord = 1u << 14,
    kNotAcronymOrg = 1u << 15,  // "CEO", "GDP": capitals that are not an organisation
    kPlaceOf = 1u << 16,        // "town" of "the town of Yeoncheon": a place's name follows "of"
    kOrgNoun = 1u << 17,        // "magazine" of "the magazine Harbour Voice": an organisation's name follows
    kLedNoun = 1u << 18,        // "government" of "the Monti government": the name before is a person's
    kWorkNoun = 1u << 19,       // "novel" of "the novel Angel Catbird": a work's title follows
    kNotFirst = 1u << 20,       // "but", "its": a sentence's first word that is no name's (lower case)
    kLegalSuffix = 1u << 21,    // "Corp", "Ltd": a company's legal form ends its name
    kPartner = 1u << 22,        // "Sons" of "Smith and Sons": a firm's partner word
    kFemaleTitle = 1u << 23,    // "Mrs.", "Queen": the name after is a woman's
    kMaleTitle = 1u << 24,      // "Mr.", "Sir": the name after is a man's
    kRelation = 1u << 25,       // "rival" of ", its main rival": a thing's relation, no person's job
    kLocative = 1u << 26,       // "in", "from": a place's name follows
    kAtBuilding = 1u << 27,     // "at", "visited": a building (FAC) follows, not its organisation
    kAtVenue = 1u << 28,        // "in", "of": in a match report, a country after it is the place
    kRunBreaker = 1u << 29,     // "the", "with": capitalised in a run-on line, it ends a name
    kTimeWord = 1u << 30,       // "march", "today": a calendar word, no name (lower case)
    kWeekday = 1u << 31,        // "wednesday" (lower case)
  };
  uint32_t flags(std::string_view w) const { return flags(w, hash_bytes(w)); }
  // With hash_bytes(w) given (see WordIds::prefetch).
  uint32_t flags(std::string_view w, uint64_t hash) const {
    uint32_t id = flag_ids.find(w, hash);
    return id == WordIds::kNone ? 0 : flag_bits[id];
  }
  // With w's first 8 bytes given too (see WordIds::find).
  uint32_t flags(std::string_view w, uint64_t hash, uint64_t head) const {
    uint32_t id = flag_ids.find(w, hash, head);
    return id == WordIds::kNone ? 0 : flag_bits[id];
  }
  WordIds flag_ids;
  std::vector<uint32_t> flag_bits;

  // Titles as the matcher spells a run of tokens ("Deputy Foreign Minister",
  // "Secretary-General"), and every prefix of one that a run can be and still become it, so
  // that a run is extended only while it can: the matcher joins tokens with a space, or with
  // nothing beside a "-" token, so those that end before a space or a hyphen of the title,
  // or after a hyphen ("Deputy", "Deputy Foreign", "Secretary", "Secretary-").
  enum TitlePhrase : uint8_t { kTitlePrefix = 1, kTitlePhrase = 2 };
  uint8_t title_phrase(std::string_view s) const {
    uint32_t id = title_ids.find(s);
    return id == WordIds::kNone ? 0 : title_bits[id];
  }
  WordIds title_ids;
  std::vector<uint8_t> title_bits;
};

const NameLists& name_lists();

}  // namespace kimput
