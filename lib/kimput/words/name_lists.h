// Word lists the entity and quote passes consult (lib/data/names/*): given names, common
// English words, person roles and titles, organisation and place head/tail words.
// Loaded once per process from the embedded data; immutable and shared by all threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace kimput {

struct NameLists {
  std::unordered_set<std::string> given_names;            // "Vladimir", "Leif-Eric"
  std::unordered_set<std::string> ambiguous_given_names;  // "Mark", "Will": also ordinary words
  std::unordered_set<std::string> particles;              // "van", "de", "bin"
  std::unordered_set<std::string> common_words;           // lower case: "the", "however"
  std::unordered_set<std::string> titles;                 // "President", "Deputy Foreign Minister", "Dr."
  std::unordered_set<std::string> role_nouns;             // "spokesman", "analyst"
  std::unordered_set<std::string> apposition_nouns;       // "professor", "fellow"
  std::unordered_set<std::string> org_tails;              // "University", "Ministry"
  std::unordered_set<std::string> org_heads;              // "Ministry of" -> stored as "Ministry"
  std::unordered_set<std::string> event_tails;              // "Festival", "Championship": a named event
  std::unordered_map<std::string, std::string> place_tails;  // "Sea" -> "LOC", "Tower" -> "FAC"
  std::unordered_set<std::string> present_markers;        // "is", "will", "current": the sentence speaks of now
  size_t max_title_words = 1;

  bool is_common_word(std::string_view w) const;  // case-insensitive
};

const NameLists& name_lists();

}  // namespace kimput
