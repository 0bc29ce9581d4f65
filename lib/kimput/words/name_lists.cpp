#include "kimput/words/name_lists.h"

#include <unicode/uchar.h>

#include "kimput/resources.h"
#include "kimput/text/utf8.h"

namespace kimput {

namespace {

// Calls fn(section, line) for each entry of a sectioned list ("[title]" lines open sections).
template <typename Fn>
void sections(std::string_view bytes, Fn fn) {
  std::string section;
  for_each_data_line(bytes, [&](std::string_view line, size_t) {
    std::string_view t = trim(line);
    if (t.size() > 2 && t.front() == '[' && t.back() == ']') {
      section = std::string(t.substr(1, t.size() - 2));
      return;
    }
    fn(section, t);
  });
}

size_t words_in(std::string_view s) {
  size_t n = 1;
  for (char c : s) n += c == ' ';
  return n;
}

}  // namespace

bool NameLists::is_common_word(std::string_view w) const { return common_words.count(utf8::lower(w)) > 0; }

const NameLists& name_lists() {
  static const NameLists lists = [] {
    NameLists l;
    for_each_data_line(embedded("names/given_names.txt"), [&](std::string_view line, size_t) {
      auto cols = split(trim(line), '\t');
      std::string name(trim(cols[0]));
      if (cols.size() > 1 && trim(cols[1]) == "ambiguous") l.ambiguous_given_names.insert(name);
      else l.given_names.insert(name);
    });
    for_each_data_line(embedded("names/surname_particles.txt"),
                       [&](std::string_view line, size_t) { l.particles.emplace(trim(line)); });
    for_each_data_line(embedded("names/common_words.txt"),
                       [&](std::string_view line, size_t) { l.common_words.insert(utf8::lower(trim(line))); });
    sections(embedded("names/person_roles.txt"), [&](const std::string& sec, std::string_view t) {
      if (sec == "title") {
        l.titles.emplace(t);
        l.max_title_words = std::max(l.max_title_words, words_in(t));
      } else if (sec == "noun") {
        l.role_nouns.emplace(t);
      } else if (sec == "apposition") {
        l.apposition_nouns.emplace(t);
      }
    });
    sections(embedded("names/org_words.txt"), [&](const std::string& sec, std::string_view t) {
      auto cols = split(t, '\t');
      std::string w(trim(cols[0]));
      if (sec == "tail") l.org_tails.insert(w);
      else if (sec == "head") l.org_heads.insert(w.substr(0, w.find(' ')));
      else if (sec == "event_tail") l.event_tails.insert(w);
      else if (sec == "loc_tail" && cols.size() > 1) l.place_tails[w] = std::string(trim(cols[1]));
    });
    for_each_data_line(embedded("names/present_markers.txt"),
                       [&](std::string_view line, size_t) { l.present_markers.emplace(trim(line)); });
    return l;
  }();
  return lists;
}

}  // namespace kimput
