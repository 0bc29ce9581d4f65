#include "kimput/passes/boilerplate.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <fmt/format.h>

#include <array>
#include <queue>
#include <stdexcept>
#include <unordered_set>

#include "kimput/resources.h"
#include "kimput/text/segment.h"
#include "kimput/text/utf8.h"

namespace kimput {

namespace {

enum class Scope { Short, Any, Trailer };

struct Rule {
  std::string reason;
  Scope scope;
};

int month_number(std::string_view m) {
  static const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string low;
  for (char c : m.substr(0, 3)) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i)
    if (low == names[i]) return i + 1;
  return 0;
}

// The number of words of s, counted up to `enough` (a line of the story has hundreds of
// bytes; looks_like_prose() needs to know whether it has 8 words).
size_t word_count(std::string_view s, size_t enough = SIZE_MAX) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\t';
    if (!sp && !in && ++n >= enough) return n;
    in = !sp;
  }
  return n;
}

// Trims ASCII and Unicode white space.
std::string_view trim_all(std::string_view s) {
  while (!s.empty()) {
    size_t i = 0;
    if (!is_space(utf8::next(s, i))) break;
    s.remove_prefix(i);
  }
  while (!s.empty()) {
    size_t i = s.size();
    if (!is_space(utf8::prev(s, i))) break;
    s.remove_suffix(s.size() - i);
  }
  return s;
}

// The part after "By" reads as names ("Maria Okafor, staff writer", "DailyNK(North Korean
// Media)"), not as a short sentence of the story ("By Friday, the boats were back.").
bool byline_names(std::string_view who) {
  who = trim_all(who);
  if (who.empty()) return false;
  char last = who.back();
  if (last == '!' || last == '?') return false;
  if (last == '.') {
    // Only an initial or a suffix may end a byline with a period: "J.", "Jr.", "Sr.".
    size_t sp = who.find_last_of(' ');
    std::string_view w = who.substr(sp == std::string_view::npos ? 0 : sp + 1);
    if (w.size() > 4 || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
  }
  static const std::unordered_set<std::string_view> connectors = [] {  // lib/data/byline_connectors.txt
    std::unordered_set<std::string_view> out;  // views of the embedded file
    for_each_data_line(embedded("byline_connectors.txt"), [&](std::string_view line, size_t) { out.emplace(trim(line)); });
    return out;
  }();
  size_t lower = 0;
  for (size_t i = 0; i < who.size();) {
    while (i < who.size() && (who[i] == ' ' || who[i] == ',' || who[i] == '|')) ++i;
    size_t e = i;
    while (e < who.size() && who[e] != ' ' && who[e] != ',' && who[e] != '|') ++e;
    std::string_view w = who.substr(i, e - i);
    if (!w.empty() && w[0] >= 'a' && w[0] <= 'z' && !connectors.count(w)) ++lower;
    i = e;
  }
  return lower < 2;
}

bool is_caption(std::string_view line) {
  static const RE2 re(
      R"((?i).*(\bfile (picture|photo)\s*:|\bphoto\s*:|\bpicture\s*:|\bimage\s*:|\bphoto credit|©|\(photo\b|\bvia reuters\b|/afp\b|/ap\b|getty images|\bphoto by\b).*)");
  return RE2::FullMatch(line, re);
}

// A rule whose pattern starts with ".*" (after its flags) runs over the whole line, where
// the others fail within a few bytes: matching every line against the set of all rules cost
// about 30 instructions a byte, most of ingest. Such "floating" rules are kept in a set of
// their own, run only on a line that holds the strings RE2's prefilter says one of them
// needs (FilteredRE2's atoms, found in one pass by an Aho-Corasick automaton over the line,
// ASCII letters folded): a rule whose atoms are missing cannot match.
bool floating_pattern(std::string_view p) {
  if (p.substr(0, 2) == "(?") {
    size_t close = p.find(')');
    if (close == std::string_view::npos || p.find_first_of(":(", 2) < close) return false;  // not a bare flag group
    p.remove_prefix(close + 1);
  }
  return p.substr(0, 2) == ".*";
}

// Finds which of up to 64 lower-case ASCII strings occur in a text, ASCII letters folded:
// an Aho-Corasick automaton, one table step a byte.
class AtomFinder {
 public:
  void build(const std::vector<std::string>& atoms) {
    std::array<bool, 256> used{};
    for (const std::string& a : atoms)
      for (char c : a) used[static_cast<unsigned char>(c)] = true;
    for (int c = 0; c < 256; ++c) {
      int f = (c >= 'A' && c <= 'Z') ? c + 32 : c;
      class_[static_cast<size_t>(c)] = 0;
      if (used[static_cast<size_t>(f)]) {
        if (!class_of_[static_cast<size_t>(f)]) class_of_[static_cast<size_t>(f)] = static_cast<uint8_t>(++classes_);
        class_[static_cast<size_t>(c)] = class_of_[static_cast<size_t>(f)];
      }
    }
    ++classes_;  // class 0: every other byte
    // The trie, then the failure links and the full transition table, breadth first.
    std::vector<std::vector<int32_t>> go(1, std::vector<int32_t>(classes_, -1));
    out_.assign(1, {});
    for (size_t i = 0; i < atoms.size(); ++i) {
      size_t st = 0;
      for (char c : atoms[i]) {
        uint8_t k = class_[static_cast<unsigned char>(c)];
        if (go[st][k] < 0) {
          go[st][k] = static_cast<int32_t>(go.size());
          go.emplace_back(classes_, -1);
          out_.emplace_back();
        }
        st = static_cast<size_t>(go[st][k]);
      }
      out_[st].push_back(static_cast<int>(i));
    }
    std::vector<int32_t> fail(go.size(), 0);
    std::queue<size_t> q;
    for (size_t k = 0; k < classes_; ++k) {
      if (go[0][k] < 0) go[0][k] = 0;
      else q.push(static_cast<size_t>(go[0][k]));
    }
    while (!q.empty()) {
      size_t st = q.front();
      q.pop();
      const std::vector<int>& inherited = out_[static_cast<size_t>(fail[st])];
      out_[st].insert(out_[st].end(), inherited.begin(), inherited.end());
      for (size_t k = 0; k < classes_; ++k) {
        int32_t nx = go[st][k];
        if (nx < 0) {
          go[st][k] = go[static_cast<size_t>(fail[st])][k];
        } else {
          fail[static_cast<size_t>(nx)] = go[static_cast<size_t>(fail[st])][k];
          q.push(static_cast<size_t>(nx));
        }
      }
    }
    // States are numbered by their row's offset in the table (rows of a power of two).
    while ((1u << shift_) < classes_) ++shift_;
    next_.assign(go.size() << shift_, 0);
    mask_.assign(go.size(), 0);
    for (size_t st = 0; st < go.size(); ++st) {
      for (size_t k = 0; k < classes_; ++k) next_[(st << shift_) + k] = static_cast<uint32_t>(static_cast<size_t>(go[st][k]) << shift_);
      for (int a : out_[st]) mask_[st] |= uint64_t{1} << a;
    }
  }
  // Bit i: atom i occurs in `text`.
  uint64_t find(std::string_view text) const {
    uint64_t found = 0;
    uint32_t st = 0;
    for (char c : text) {
      st = next_[st + class_[static_cast<unsigned char>(c)]];
      found |= mask_[st >> shift_];
    }
    return found;
  }

 private:
  std::array<uint8_t, 256> class_{}, class_of_{};
  uint32_t classes_ = 0, shift_ = 0;
  std::vector<uint32_t> next_;
  std::vector<uint64_t> mask_;         // per state: the atoms that end there
  std::vector<std::vector<int>> out_;  // the same while building
};

}  // namespace

bool looks_like_prose(std::string_view line) {
  line = trim_all(line);
  if (word_count(line, 8) < 8) return false;
  if (line.size() >= 3 && line.substr(line.size() - 3) == "...") return false;
  if (line.size() >= 3 && line.substr(line.size() - 3) == "\xE2\x80\xA6") return false;  // …
  size_t i = line.size();
  char32_t last = utf8::prev(line, i);
  // A question is prose only when long: a short one is a headline or a prompt.
  if (last == '?') return word_count(line, 20) >= 20;
  return last == '.' || last == '!' || last == '"' || last == 0x201D || last == 0x2019 || last == ')' ||
         last == 0xBB;
}

struct BoilerplateRules::Impl {
  std::vector<Rule> rules;
  RE2::Set set{RE2::Options(), RE2::ANCHOR_BOTH};  // the rules that are not floating
  RE2::Set floating{RE2::Options(), RE2::ANCHOR_BOTH};
  std::vector<int> set_rule, floating_rule;  // index in the set -> index in rules
  re2::FilteredRE2 prefilter{1};             // the floating rules, for their atoms
  AtomFinder atoms;
  // Per floating rule, necessary conditions on the atoms found, so that the prefilter's
  // own evaluation (AllPotentials, about 2,000 instructions) is asked only when one holds:
  // one of the atoms of its pattern (`any`), and every atom it cannot pass without (`all`).
  std::vector<std::pair<uint64_t, uint64_t>> need;  // {any, all}
  bool always_floating = false;  // a floating rule without usable atoms: run them on every line
  std::unique_ptr<RE2> date_mdy, date_dmy, date_iso, byline;

  // The rules (indices in `rules`, sorted) that match the whole of line l.
  void match(std::string_view l, std::vector<int>& out) const {
    out.clear();
    thread_local std::vector<int> m, found, potential;
    if (set.Match(l, &m))
      for (int i : m) out.push_back(set_rule[static_cast<size_t>(i)]);
    if (floating_rule.empty()) return;
    bool run = always_floating || l.find("\xC5\xBF") != std::string_view::npos ||  // U+017F and U+212A match
               l.find("\xE2\x84\xAA") != std::string_view::npos;                   // s and k when case is ignored
    if (!run) {
      uint64_t f = atoms.find(l);
      bool maybe = false;
      for (const auto& [any, all] : need) maybe = maybe || ((f & any) && (f & all) == all);
      if (maybe) {
        found.clear();
        for (int a = 0; a < 64; ++a)
          if (f >> a & 1) found.push_back(a);
        prefilter.AllPotentials(found, &potential);
        run = !potential.empty();
      }
    }
    if (run && floating.Match(l, &m))
      for (int i : m) out.push_back(floating_rule[static_cast<size_t>(i)]);
    std::sort(out.begin(), out.end());
  }

  void add_rules(std::string_view bytes, const std::string& origin) {
    for_each_data_line(bytes, [&](std::string_view line, size_t n) {
      auto cols = split(line, '\t');
      if (cols.size() != 3)
        throw std::runtime_error(fmt::format("{}:{}: expected 3 tab-separated columns (reason, scope, pattern)", origin, n));
      Scope scope;
      if (cols[1] == "short") scope = Scope::Short;
      else if (cols[1] == "any") scope = Scope::Any;
      else if (cols[1] == "trailer") scope = Scope::Trailer;
      else throw std::runtime_error(fmt::format("{}:{}: scope must be short, any or trailer", origin, n));
      std::string err;
      bool floats = floating_pattern(cols[2]);
      if ((floats ? floating : set).Add(cols[2], &err) < 0)
        throw std::runtime_error(fmt::format("{}:{}: bad pattern: {}", origin, n, err));
      (floats ? floating_rule : set_rule).push_back(static_cast<int>(rules.size()));
      if (floats) {
        int id = -1;
        if (prefilter.Add(cols[2], RE2::Options(), &id) != RE2::NoError) always_floating = true;
      }
      rules.push_back({std::string(cols[0]), scope});
    });
  }
};

namespace {

// Impl::need: for floating rule r, `any` is the atoms of its pattern alone (all atoms when
// one of them is not among the shared ones), `all` the atoms without which the prefilter
// never passes it (tried one by one on the whole set: the prefilter's AND-OR tree is
// monotone, so fewer atoms never pass more rules).
std::vector<std::pair<uint64_t, uint64_t>> floating_needs(const re2::FilteredRE2& prefilter, const std::vector<std::string>& atoms) {
  std::vector<std::pair<uint64_t, uint64_t>> need;
  const uint64_t every = atoms.size() == 64 ? ~uint64_t{0} : (uint64_t{1} << atoms.size()) - 1;
  std::vector<int> without, passed;
  for (int r = 0; r < prefilter.NumRegexps(); ++r) {
    re2::FilteredRE2 alone(1);
    int id = -1;
    std::vector<std::string> own;
    uint64_t any = 0;
    if (alone.Add(prefilter.GetRE2(r).pattern(), RE2::Options(), &id) == RE2::NoError) {
      alone.Compile(&own);
      for (const std::string& a : own) {
        auto it = std::find(atoms.begin(), atoms.end(), a);
        if (it == atoms.end()) {
          any = every;
          break;
        }
        any |= uint64_t{1} << (it - atoms.begin());
      }
    }
    if (own.empty()) any = every;
    uint64_t all = 0;
    for (size_t a = 0; a < atoms.size(); ++a) {
      without.clear();
      for (size_t b = 0; b < atoms.size(); ++b)
        if (b != a) without.push_back(static_cast<int>(b));
      prefilter.AllPotentials(without, &passed);
      if (std::find(passed.begin(), passed.end(), r) == passed.end()) all |= uint64_t{1} << a;
    }
    need.emplace_back(any, all);
  }
  return need;
}

}  // namespace

BoilerplateRules::BoilerplateRules(const std::vector<std::string>& extra_files) : impl_(std::make_unique<Impl>()) {
  impl_->add_rules(embedded("boilerplate.tsv"), "boilerplate.tsv");
  for (const std::string& f : extra_files) impl_->add_rules(read_file(f), f);
  if (!impl_->set.Compile() || (!impl_->floating_rule.empty() && !impl_->floating.Compile()))
    throw std::runtime_error("boilerplate rules: RE2 set does not compile (too large?)");
  if (!impl_->floating_rule.empty()) {
    std::vector<std::string> atoms;
    impl_->prefilter.Compile(&atoms);
    std::vector<int> unfiltered;
    impl_->prefilter.AllPotentials({}, &unfiltered);  // rules that pass with no atom at all
    if (!unfiltered.empty()) impl_->always_floating = true;
    for (const std::string& a : atoms)  // the folding above is ASCII's only
      for (char c : a)
        if (static_cast<unsigned char>(c) >= 0x80) impl_->always_floating = true;
    if (atoms.size() > 64) impl_->always_floating = true;
    if (!impl_->always_floating) {
      impl_->atoms.build(atoms);
      impl_->need = floating_needs(impl_->prefilter, atoms);
    }
  }
  const std::string month =
      R"((January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)";
  const std::string prefix = R"((?i)((published|posted|first published|updated|last updated)(\s+on|\s+at)?\s*:?\s*)?)";
  const std::string weekday = R"(((monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)?)";
  const std::string time = R"((\s*[,|]?\s*(at\s+)?(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?(\s*[A-Z]{2,4})?)?)";
  impl_->date_mdy = std::make_unique<RE2>(prefix + weekday + month + R"(\s+(\d{1,2})(st|nd|rd|th)?,?\s+(\d{4}))" + time);
  impl_->date_dmy = std::make_unique<RE2>(prefix + weekday + R"((\d{1,2})(st|nd|rd|th)?\s+)" + month + R"(,?\s+(\d{4}))" + time);
  impl_->date_iso = std::make_unique<RE2>(prefix + weekday + R"((\d{4})[-/](\d{2})[-/](\d{2}))" + time);
  impl_->byline = std::make_unique<RE2>(R"((?i)by\s+(.{2,80}))");
}

BoilerplateRules::~BoilerplateRules() = default;

std::optional<BoilerplateRules::DateLine> BoilerplateRules::parse_date_line(std::string_view line) const {
  line = trim_all(line);
  if (line.size() > 80) return std::nullopt;
  // Every date accepted below has a year of four digits (1800-2200): most lines have none,
  // and skip the three regular expressions.
  bool year = false;
  for (size_t i = 0, run = 0; i < line.size() && !year; ++i) {
    run = (line[i] >= '0' && line[i] <= '9') ? run + 1 : 0;
    year = run >= 4;
  }
  if (!year) return std::nullopt;
  // Groups: 0-2 prefix, 3-4 weekday, then the date's groups, then the time's six.
  auto match = [](std::string_view l, const RE2& re, std::vector<std::string_view>& out) {
    int n = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> g(static_cast<size_t>(n));
    std::vector<RE2::Arg> args(static_cast<size_t>(n));
    std::vector<const RE2::Arg*> ptrs(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      args[static_cast<size_t>(i)] = RE2::Arg(&g[static_cast<size_t>(i)]);
      ptrs[static_cast<size_t>(i)] = &args[static_cast<size_t>(i)];
    }
    if (!RE2::FullMatchN(l, re, ptrs.data(), n)) return false;
    out.clear();
    for (const auto& piece : g) out.emplace_back(piece.data(), piece.size());
    return true;
  };
  auto num = [](std::string_view s) { int v = 0; for (char c : s) v = v * 10 + (c - '0'); return v; };
  std::vector<std::string_view> g;
  DateLine d;
  int y = 0, m = 0, day = 0, hh = -1, mm = 0;
  const RE2* which = nullptr;
  if (match(line, *impl_->date_mdy, g)) {
    which = impl_->date_mdy.get();
    m = month_number(g[5]); day = num(g[6]); y = num(g[8]);
  } else if (match(line, *impl_->date_dmy, g)) {
    which = impl_->date_dmy.get();
    day = num(g[5]); m = month_number(g[7]); y = num(g[8]);
  } else if (match(line, *impl_->date_iso, g)) {
    which = impl_->date_iso.get();
    y = num(g[5]); m = num(g[6]); day = num(g[7]);
  }
  if (!which || m < 1 || m > 12 || day < 1 || day > 31 || y < 1800 || y > 2200) return std::nullopt;
  // The time groups are the last five: separator/at, hh, mm, am/pm, zone.
  size_t base = static_cast<size_t>(which->NumberOfCapturingGroups() - 6);
  if (!g[base + 2].empty()) {
    hh = num(g[base + 2]);
    mm = num(g[base + 3]);
    std::string_view ampm = g[base + 4];
    if (!ampm.empty() && (ampm[0] == 'p' || ampm[0] == 'P') && hh < 12) hh += 12;
    if (!ampm.empty() && (ampm[0] == 'a' || ampm[0] == 'A') && hh == 12) hh = 0;
    if (hh > 23 || mm > 59) hh = -1;
  }
  d.weekday = !g[3].empty();
  d.labelled_published = !g[0].empty();
  d.time = hh >= 0;
  d.iso = hh >= 0 ? fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", y, m, day, hh, mm) : fmt::format("{:04}-{:02}-{:02}", y, m, day);
  return d;
}

Cleaned BoilerplateRules::clean(std::string_view text, bool clean_lines) const {
  struct Line {
    std::string_view raw, t;  // t: trimmed
    const char* reason = nullptr;
    bool prose = false, caption = false, date = false;
  };
  std::vector<Line> lines;
  for (size_t pos = 0; pos <= text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    Line l;
    l.raw = text.substr(pos, nl - pos);
    l.t = trim_all(l.raw);
    lines.push_back(l);
    pos = nl + 1;
  }
  Cleaned out;
  PageMeta& meta = out.meta;
  std::vector<int> matches;
  size_t first_prose = lines.size();
  size_t prose_total = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    lines[i].prose = looks_like_prose(lines[i].t);
    if (lines[i].prose) {
      ++prose_total;
      if (first_prose == lines.size()) first_prose = i;
    }
  }
  // Line i comes right after a headline (a kept line of three or more words that is not a
  // story sentence) and right before the story's first sentence, or before the one line
  // (a photo caption) above it.
  auto between_headline_and_story = [&](size_t i) {
    size_t next = i + 1;
    for (int seen = 0; next < first_prose; ++next) {
      if (lines[next].t.empty()) continue;
      if (++seen > 1) return false;
    }
    size_t k = i;
    while (k > 0 && lines[k - 1].t.empty()) --k;
    if (k == 0) return false;
    const Line& head = lines[k - 1];
    return !head.reason && !head.date && !head.prose && word_count(head.t) >= 3;
  };
  // Pass 1: dates, bylines, rules, repeats.
  size_t prose_seen = 0;
  size_t trailer_start = lines.size();
  std::string trailer_reason;
  std::unordered_set<std::string_view> seen_long;
  std::string_view prev_nonblank;
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    if (l.t.empty()) continue;
    if (l.prose) ++prose_seen;
    if (auto d = parse_date_line(l.t)) {
      bool header = i < first_prose;
      l.date = true;
      if (d->weekday && !d->time && !d->labelled_published && header && between_headline_and_story(i)) {
        // Printed under the headline, right above the story (as Wikinews does): the article's
        // own date, which stays in the text like the headline; a "today" banner is page
        // furniture above the headline.
        if (!meta.date) meta.date = d->iso;
        continue;
      }
      if (d->weekday && !d->time && !d->labelled_published && header) {
        if (!meta.retrieved) meta.retrieved = d->iso.substr(0, 10);
        l.reason = "date banner (the day the page was shown, not the publication date)";
      } else {
        if (!meta.date || d->labelled_published) meta.date = d->iso;
        l.reason = "dateline";
      }
      continue;
    }
    re2::StringPiece cap;
    // The byline pattern (see the constructor) matches "by", white space and two or more
    // characters, and no other letter folds to b or y: most lines are turned away here.
    bool by = l.t.size() >= 5 && (l.t[0] | 0x20) == 'b' && (l.t[1] | 0x20) == 'y';
    if (!l.prose && by && RE2::FullMatch(l.t, *impl_->byline, &cap) && word_count(std::string_view(cap.data(), cap.size())) <= 8 &&
        byline_names(std::string_view(cap.data(), cap.size()))) {
      std::string_view who = trim_all(std::string_view(cap.data(), cap.size()));
      if (!meta.byline) meta.byline = std::string(who);
      // "by DailyNK(North Korean Media)": the outlet before a parenthesised description.
      size_t paren = who.find('(');
      if (paren != std::string_view::npos && paren > 0 && !meta.publisher) meta.publisher = std::string(trim_all(who.substr(0, paren)));
      l.reason = "byline";
      continue;
    }
    impl_->match(l.t, matches);
    if (!matches.empty()) {
      // A trailer marker wins over a line rule: it removes what follows too.
      for (int r : matches) {
        if (impl_->rules[static_cast<size_t>(r)].scope != Scope::Trailer) continue;
        size_t after = prose_total - prose_seen;
        if (prose_seen >= 2 && after < prose_seen && i > first_prose) trailer_start = i;
      }
      for (int r : matches) {
        const Rule& rule = impl_->rules[static_cast<size_t>(r)];
        if (rule.scope == Scope::Trailer || (rule.scope == Scope::Short && l.prose)) continue;
        l.reason = rule.reason.c_str();
        break;
      }
      if (trailer_start < lines.size()) break;  // everything from here on is the page's furniture
      if (l.reason) continue;
    }
    if (l.t == prev_nonblank && l.t.size() >= 20) {
      l.reason = "repeated line (a caption or teaser printed twice)";
      continue;
    }
    if (l.t.size() >= 60 && !seen_long.insert(l.t).second) {
      l.reason = "repeated line (a caption or teaser printed twice)";
      continue;
    }
    prev_nonblank = l.t;
  }
  if (trailer_start < lines.size()) {
    trailer_reason = "page trailer (from \"" + std::string(lines[trailer_start].t.substr(0, 60)) + "\" to the end)";
    for (size_t k = trailer_start; k < lines.size(); ++k)
      if (!lines[k].t.empty()) lines[k].reason = k == trailer_start ? trailer_reason.c_str() : "page trailer";
  }
  // Title and subtitle: the short lines of the header, before the story's first prose line.
  std::vector<size_t> header;
  for (size_t i = 0; i < lines.size() && i < first_prose; ++i) {
    const Line& l = lines[i];
    if (l.t.empty() || l.reason || l.date) continue;
    if (is_caption(l.t)) continue;
    header.push_back(i);
  }
  if (!header.empty()) {
    size_t k = 0;
    // A very short first line above two others is a kicker (section label), not the title.
    if (header.size() >= 3 && word_count(lines[header[0]].t) <= 4) k = 1;
    const Line& t = lines[header[k]];
    if (word_count(t.t) <= 30 && t.t.size() <= 300) meta.title = std::string(t.t);
    if (k + 1 < header.size()) {
      const Line& s = lines[header[k + 1]];
      if (word_count(s.t) <= 40 && !s.prose) meta.subtitle = std::string(s.t);
    }
  }
  // Assemble the text.
  std::string& t = out.text;
  t.reserve(text.size());
  size_t pending_blank = 0;
  for (Line& l : lines) {
    bool removed = clean_lines && l.reason;
    if (removed) {
      out.removed.push_back({std::string(l.t), l.reason});
      continue;
    }
    if (l.t.empty()) {
      ++pending_blank;
      continue;
    }
    if (!t.empty()) t += pending_blank ? "\n\n" : "\n";
    pending_blank = 0;
    // Keep the line, less trailing white space.
    std::string_view raw = l.raw;
    size_t end = raw.size();
    while (end > 0) {
      size_t i = end;
      if (!is_space(utf8::prev(raw, i))) break;
      end = i;
    }
    t.append(raw.substr(0, end));
  }
  return out;
}

}  // namespace kimput
