#include "kimput/passes/quotes.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <bit>
#include <memory>
#include <numeric>
#include <cstring>
#include <forward_list>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>

#include "kimput/entities/lexicon.h"
#include "kimput/quotes/marks.h"
#include "kimput/resources.h"
#include "kimput/text/gallop.h"
#include "kimput/text/swar.h"
#include "kimput/text/utf8.h"
#include "kimput/words/name_lists.h"
#include "kimput/words/reporting_verbs.h"
#include "kimput/words/word_ids.h"

namespace kimput {

namespace {

// "he", "She", "I": a personal pronoun as written (case-sensitive).
bool is_pronoun_word(std::string_view w) {
  switch (w.size()) {
    case 1: return equals(w, "i") || equals(w, "I");
    case 2: return equals(w, "he") || equals(w, "it") || equals(w, "we") || equals(w, "He") || equals(w, "It") || equals(w, "We");
    case 3: return equals(w, "she") || equals(w, "She");
    case 4: return equals(w, "they") || equals(w, "They");
    default: return false;
  }
}

// Words that may open a reported clause after "said" without "that".
constexpr std::string_view kClauseOpenerWords[] = {
    "he", "she", "they", "it", "we", "i", "you", "there", "the", "a", "an", "his", "her", "its", "their", "our", "this",
    "that", "these", "those", "some", "many", "most", "no", "all", "both", "each", "every", "one", "two", "three",
    "if", "when", "while", "although", "because", "once", "nothing", "everyone", "nobody", "someone", "anyone", "any"};
// Before a participle: "is saying" works as a verb.
constexpr std::string_view kProgressiveWords[] = {
    "is", "are", "was", "were", "been", "be", "'s", "\u2019s", "isn't", "wasn't"};
// Before a reporting word, these make it a noun ("his claim").
constexpr std::string_view kDeterminerWords[] = {
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those", "some", "many",
    "most", "all", "both", "each", "every", "no", "of", "any", "such", "whose", "other", "several"};
// Where an unnamed speaker's phrase ends on the left.
constexpr std::string_view kSubjectStopWords[] = {
    "that", "and", "but", "or", "which", "who", "is", "are", "was", "were", "because", "when", "if", "while", "as",
    "after", "before", "than", "said", "says", "told", "in", "on", "at", "for", "with", "by", "from", "to"};
// Where a subject phrase ends on the left.
constexpr std::string_view kBoundaryWords[] = {
    ";", ":", "and", "but", "that", "while", "because", "as", "when", "if", "after", "before", "since", "although",
    "though", "where", "which", "so", "or", "than", "whether", "said", "says", "told", "\u2014", "--"};
// An opening phrase before the subject ("In a statement, the ministry said").
constexpr std::string_view kOpenerWords[] = {
    "in", "on", "at", "after", "before", "following", "during", "speaking", "asked", "earlier", "later", "but",
    "however", "and", "meanwhile", "still", "yet", "also", "since", "as", "when", "while", "with", "without",
    "despite", "for", "from", "by", "under", "over", "to", "then", "now", "today", "yesterday", "instead",
    "separately"};
// After "said", not a clause: a prepositional phrase or a time ("said in a statement").
constexpr std::string_view kNotClauseWords[] = {
    "in", "on", "at", "to", "for", "with", "by", "from", "during", "after", "before", "about", "of", "yesterday",
    "today", "tonight", "later", "earlier", "recently", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "last", "next", "this", "through", "via", "as", "so", "repeatedly", "again", "so", "and",
    "or"};
// "says in Ohio that ...": a phrase opened by one of these, then "that".
constexpr std::string_view kPrepWords[] = {
    "in", "on", "at", "during", "after", "before", "to", "with", "for", "from", "by", "last", "this", "earlier",
    "later", "again", "via", "through", "over", "privately", "publicly", "repeatedly"};
// Adjuncts between a verb and its content: "said on Tuesday", "said in a statement".
constexpr std::string_view kAdjunctWords[] = {"on", "in", "at", "last", "a", "an", "statement", "interview", "this", "week",
                                              "recently", "monday", "tuesday", "wednesday", "thursday", "friday",
                                              "saturday", "sunday", "earlier", "later", "also"};

// What the pass knows about a lower-case word, as bits: every list it consults, so that a
// token is looked up at most once per table instead of once per list and per question.
enum WordFlag : uint32_t {
  kSpeakerNoun = 1u << 0,  // quote_words.txt [speaker_noun]
  kAdverb = 1u << 1,       // [adverb]
  kNegation = 1u << 2,     // [negation]
  kTime = 1u << 3,         // [time]
  kCommonWord = 1u << 4,   // NameLists::kCommonWord
  kAppositionNoun = 1u << 5,
  kRoleNoun = 1u << 6,
  kDeterminer = 1u << 7,
  kProgressive = 1u << 8,
  kClauseOpener = 1u << 9,
  kSubjectStop = 1u << 10,
  kBoundary = 1u << 11,
  kOpener = 1u << 12,
  kPrep = 1u << 13,
  kNotClause = 1u << 14,
  kAdjunct = 1u << 15,
  // The long lists (thousands of words) are asked of NameLists' table, so that the short
  // ones, asked about far more often, stay a table small enough for the L1 cache.
  kLongListFlags = kCommonWord | kAppositionNoun | kRoleNoun,
};

// "trump's" (also with a typographic apostrophe): a possessive.
bool possessive(std::string_view w) {
  return (w.size() > 2 && equals(w.substr(w.size() - 2), "'s")) || (w.size() > 4 && equals(w.substr(w.size() - 4), "\xE2\x80\x99s"));
}

// Whether every non-ASCII character of w is one of U+2000..U+203F (E2 80 80..BF: dashes,
// curly quotes, ellipsis, none with a case): then utf8::lower(w) changes the ASCII letters
// only, and the common tokens with ’ or — need not go through it.
bool ascii_and_general_punctuation(std::string_view w) {
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c < 0x80) continue;
    if (c != 0xE2 || i + 2 >= w.size() || static_cast<unsigned char>(w[i + 1]) != 0x80 ||
        (static_cast<unsigned char>(w[i + 2]) & 0xC0) != 0x80)
      return false;
    i += 2;
  }
  return true;
}

// Always inlined: asked of many tokens, most of them answered by the size compares, which
// cost less than a call.
[[gnu::always_inline]] inline bool is_closing_mark(std::string_view t) {
  return equals(t, "\xE2\x80\x9D") || equals(t, "\"") || equals(t, "\xC2\xBB") || equals(t, "\xE2\x80\x99") || equals(t, "'") || equals(t, "\xE2\x80\x9C");
}
[[gnu::always_inline]] inline bool is_opening_mark(std::string_view t) {
  return equals(t, "\xE2\x80\x9C") || equals(t, "\"") || equals(t, "\xC2\xAB") || equals(t, "\xE2\x80\x9E") || equals(t, "\xE2\x80\x98");
}
[[gnu::always_inline]] inline bool is_dash(std::string_view t) { return equals(t, "\xE2\x80\x94") || equals(t, "--") || equals(t, "\xE2\x80\x93") || equals(t, "\xE2\x80\x95"); }

// A hash of a word's first 8 bytes as one number (from the low byte, zero-padded) and its
// length. The length is added, not mixed in by a multiplication of its own: it only tells
// apart words longer than 8 bytes (a shorter one's bytes already tell its length; a word
// has no NUL), whose heads it changes by a few units.
uint32_t head_hash(uint64_t head, uint32_t len) { return static_cast<uint32_t>(((head + len) * 0x9E3779B97F4A7C15ULL) >> 48); }

// Word -> value, for the few hundred words of the pass's lists: an open-addressing table,
// at most half full, keyed by a word's first 8 bytes and length (head_hash, one
// multiplication), so that a look-up is one load of the word's bytes and mostly one slot
// (a WordIds or FlatIdMap look-up mixes the bytes with several multiplications).
template <class V>
class HeadTable {
 public:
  HeadTable() = default;
  explicit HeadTable(size_t words) : slots_(std::bit_ceil(2 * words + 2)), words_(slots_.size()) {}
  // The value of `w` (a view that outlives the table), V{} when new.
  V& operator[](std::string_view w) {
    const uint64_t head = load_up_to_8(w.data(), w.size());
    const size_t i = slot(w, head);
    if (slots_[i].size1 == 0) {
      slots_[i].head = head;
      slots_[i].size1 = static_cast<uint32_t>(w.size() + 1);
      words_[i] = w;
    }
    return slots_[i].value;
  }
  // The value of `w`, or V{}.
  V find(std::string_view w) const { return slots_[slot(w, load_up_to_8(w.data(), w.size()))].value; }

 private:
  struct Slot {
    uint64_t head = 0;   // the first min(size, 8) bytes, zero-padded
    uint32_t size1 = 0;  // the word's size + 1; 0: no word
    V value{};
  };
  // The slot of `w`, or the empty slot where it would go.
  size_t slot(std::string_view w, uint64_t head) const {
    const size_t mask = slots_.size() - 1;
    size_t i = head_hash(head, static_cast<uint32_t>(w.size())) & mask;
    // One head and one size are one word of at most 8 bytes (a NUL byte reads as the
    // padding, but the sizes then differ); a longer one is compared whole.
    while (slots_[i].size1 != 0 && !(slots_[i].head == head && slots_[i].size1 == w.size() + 1 && (w.size() <= 8 || words_[i] == w)))
      i = (i + 1) & mask;
    return i;
  }
  std::vector<Slot> slots_;
  std::vector<std::string_view> words_;  // per slot, the word: compared when longer than 8 bytes
};

}  // namespace

// Every word list the pass consults, as tables: lower-case word -> WordFlag bits (the short
// lists and the long ones apart), and the reporting-verb forms that start with a word. Built
// once per QuotesPass (the verbs may include the user's --verbs files); read-only afterwards.
struct QuotesPass::Words {
  // The short lists: views of quote_words.txt's embedded bytes and of the lists above, which
  // live as long as the program.
  HeadTable<uint32_t> short_words;  // WordFlag
  bool titles_capitalised = true;  // every title of the name lists starts with A-Z
  // The first words of reporting verbs (views of the ReportingVerbs' keys), a table of
  // their own: many words of a document are looked up in it.
  HeadTable<const std::vector<VerbForm>*> verb_forms;  // ReportingVerbs::starting_with(word)

  uint32_t short_flags(std::string_view w) const { return short_words.find(w); }
  // The long lists are the name lists' own word table (NameLists::flags), not a copy.
  static uint32_t long_flags(std::string_view w) {
    uint32_t f = name_lists().flags(w);
    return ((f & NameLists::kCommonWord) ? uint32_t{kCommonWord} : 0u) |
           ((f & NameLists::kAppositionNoun) ? uint32_t{kAppositionNoun} : 0u) |
           ((f & NameLists::kRoleNoun) ? uint32_t{kRoleNoun} : 0u);
  }
  const std::vector<VerbForm>* starting_with(std::string_view w) const { return verb_forms.find(w); }
  // A bit per head_hash of the ASCII first words: prepare() asks it of each ASCII token with
  // the load it lower-cases the token with. Other tokens are always asked of the table.
  static constexpr uint32_t kFilterBits = 1u << 16;
  std::vector<uint64_t> head_filter = std::vector<uint64_t>(kFilterBits / 64, 0);

  explicit Words(const ReportingVerbs& verbs) {
    const NameLists& nl = name_lists();
    for (const std::string& t : nl.titles) titles_capitalised = titles_capitalised && !t.empty() && t[0] >= 'A' && t[0] <= 'Z';
    // The short lists' (word, flag) pairs: quote_words.txt (a "[section]" line, then its
    // words) and the lists above. Counted first, so that the table is sized once.
    std::vector<std::pair<std::string_view, uint32_t>> marks;
    uint32_t section = 0;
    for_each_data_line(embedded("quote_words.txt"), [&](std::string_view line, size_t) {
      std::string_view t = trim(line);
      if (equals(t, "[speaker_noun]")) section = kSpeakerNoun;
      else if (equals(t, "[adverb]")) section = kAdverb;
      else if (equals(t, "[negation]")) section = kNegation;
      else if (equals(t, "[time]")) section = kTime;
      else if (section) marks.emplace_back(t, section);
    });
    auto list = [&](const auto& words, uint32_t flag) {
      for (std::string_view w : words) marks.emplace_back(w, flag);
    };
    list(kDeterminerWords, kDeterminer);
    list(kProgressiveWords, kProgressive);
    list(kClauseOpenerWords, kClauseOpener);
    list(kSubjectStopWords, kSubjectStop);
    list(kBoundaryWords, kBoundary);
    list(kOpenerWords, kOpener);
    list(kPrepWords, kPrep);
    list(kNotClauseWords, kNotClause);
    list(kAdjunctWords, kAdjunct);
    short_words = HeadTable<uint32_t>(marks.size());
    for (const auto& [w, flag] : marks) short_words[w] |= flag;
    size_t first_words = 0;
    verbs.for_each_first_word([&](std::string_view, const std::vector<VerbForm>&) { ++first_words; });
    verb_forms = HeadTable<const std::vector<VerbForm>*>(first_words);
    verbs.for_each_first_word([&](std::string_view w, const std::vector<VerbForm>& fs) {
      verb_forms[w] = &fs;
      if (!w.empty() && utf8::is_ascii(w)) {
        uint32_t hh = head_hash(load_up_to_8(w.data(), w.size()), static_cast<uint32_t>(w.size()));
        head_filter[hh / 64] |= uint64_t{1} << (hh % 64);
      }
    });
  }
};

namespace {

struct Ent {
  uint32_t b, e;  // bytes
  std::string_view type, id, name;  // the document's strings ("" when absent)
};

// Views of the document's strings or of strings the DocQuotes keeps (keep()): copied with
// each record, a speaker owns no memory.
struct Speaker {
  uint32_t b = 0, e = 0;
  std::string_view name, id;  // empty: null
  std::string_view description;
  bool pronoun = false;
  bool nominal = false;  // "the professor", "officials"
  std::string_view type;  // entity type when named: the document's string or a literal (not written out)
};

// A reporting verb or cue phrase found in the text.
struct Cue {
  uint32_t b, e;  // tokens
  VerbKind kind;
  bool participle = false;  // "…, saying that …": the speaker is the sentence's subject
};

struct Out {
  uint32_t b, e;  // content bytes
  std::string_view kind;  // a literal: "direct", "indirect", "partial" or "other"
  std::optional<Speaker> speaker;
  std::optional<std::pair<uint32_t, uint32_t>> cue;
  int paragraph = 0;
};

// The per-token tables of a document, kept per thread so that each document reuses their
// memory instead of allocating and freeing it; prepare() empties, refills or resets every one.
struct DocScratch {
  std::vector<std::string_view> low;
  std::unique_ptr<char[]> low_buf;
  size_t low_buf_size = 0;
  std::string low_other;
  std::vector<std::pair<uint32_t, uint32_t>> other;  // prepare(): the tokens lowered into low_other
  std::string lowered_word;  // utf8::lower_into's buffer
  std::vector<uint32_t> maybe_verb;  // DocQuotes::maybe_verb_, at the front
  std::vector<uint32_t> high;  // prepare(): the tokens with a byte from 0x80, at the front
  // Kept at the largest document's size, 0 (flags) and -1 (the others) but at the tokens
  // the last document set, listed below: prepare() resets those, not whole tables, as most
  // tokens are in no entity or quotation and few are asked about.
  std::vector<uint32_t> flags;
  std::vector<int32_t> in_quote, ent_start, ent_end, ent_at;
  std::vector<uint32_t> flagged;  // tokens whose flags were set (each listed before it is)
  std::vector<std::pair<uint32_t, uint32_t>> quote_spans, ent_spans;  // where in_quote and the ent_ tables were
  std::vector<Ent> ents;
  std::vector<uint32_t> mark_first_tok, mark_last_tok;
  std::vector<int8_t> mark_done;
  std::vector<uint32_t> para_starts;
  std::vector<std::pair<uint32_t, uint32_t>> inside;  // resolve_pronouns(): merged quotation spans
  // The quotation marks' spans and the cues: filled for each document into the same memory
  // (a new vector of each, grown by push_back, was several allocations a document).
  std::vector<QuoteSpan> marks;
  std::vector<Cue> cues;
  std::vector<Out> out;  // the records, read by QuotesPass::run once run() has returned them
};

DocScratch& doc_scratch() {
  thread_local DocScratch s;
  return s;
}

class DocQuotes {
 public:
  DocQuotes(const Document& doc, const QuotesPass::Words& words)
      : doc_(doc), text_(doc.text()), seg_(doc.segmentation()), words_(words), names_(name_lists()), scratch_(doc_scratch()) {}
  // The document's records, by start: the thread's (DocScratch), valid until the next document.
  const std::vector<Out>& run();

 private:
  void prepare();
  std::optional<Speaker> subject_phrase(uint32_t cue_b, uint32_t* start_tok) const;
  // End of a reported clause that starts at `from`: the sentence's end, or the "and"/"but"/
  // comma before a later reporting verb ("they want justice, but pledged to remain civil").
  uint32_t clip_at_next_cue(uint32_t from, uint32_t se) const;
  std::optional<Speaker> sentence_subject(uint32_t sb, uint32_t cue_b) const;
  void find_cues(std::vector<Cue>& cues) const;  // into `cues`, emptied first
  std::optional<Speaker> speaker_left(uint32_t cue_b, uint32_t* start_tok) const;
  std::optional<Speaker> speaker_right(uint32_t cue_e, uint32_t* end_tok) const;
  Speaker from_entity(size_t ent) const;
  // A speaker label ("WALLACE:", "Jane Doe:") at token t, before `end`: the person it names
  // (a person of the document whose family name a label in capitals is), or null; `colon`
  // gets the label's colon token.
  std::optional<Speaker> transcript_label(uint32_t t, uint32_t end, uint32_t* colon) const;
  Speaker from_tokens(uint32_t b, uint32_t e, bool pronoun) const;
  std::string_view description_after(uint32_t tok) const;
  uint32_t sentence_end_tok(uint32_t t) const;
  // The first token from t on for which pred is false (tokens in text order, pred true then
  // false): searched by galloping, as the scans for a sentence's end or a span's first token
  // would otherwise read every token of a long document.
  template <class Pred>
  uint32_t tok_after(size_t t, Pred pred) const {
    const auto& toks = seg_.tokens;
    return static_cast<uint32_t>(gallop_partition_point(toks.begin() + static_cast<std::ptrdiff_t>(t), toks.end(), pred) - toks.begin());
  }
  uint32_t sentence_begin_tok(uint32_t t) const;
  // A record of the content [b, e), trimmed: with no speaker, or with sp (copied once: an
  // optional made of a Speaker to call the first was a copy more); none when nothing is left.
  void add(uint32_t b, uint32_t e, std::string_view kind, const std::optional<Speaker>& sp, const Cue* cue);
  void add(uint32_t b, uint32_t e, std::string_view kind, const Speaker& sp, const Cue* cue);
  // add()'s record, its speaker not set yet; null when the content trims to nothing.
  Out* add_record(uint32_t b, uint32_t e, std::string_view kind, const Cue* cue);
  void add_content(uint32_t tb, uint32_t te, const Speaker& sp, const Cue& cue);
  bool clause_start(uint32_t t, uint32_t end) const;
  void resolve_pronouns();
  int paragraph_of(uint32_t byte) const;
  // The text's bytes [b, e), and a string made for a speaker (a joined description, a
  // slug) kept as long as the DocQuotes, which outlives the records it returns.
  std::string_view text(uint32_t b, uint32_t e) const { return std::string_view(text_).substr(b, e - b); }
  std::string_view keep(std::string s) const { return kept_.emplace_front(std::move(s)); }
  // Token helpers: its text as written, a capital first letter (any script), a title
  // ("Mr.", "President"), a personal pronoun.
  std::string_view raw(size_t t) const {
    return std::string_view(text_).substr(seg_.tokens[t].begin, seg_.tokens[t].end - seg_.tokens[t].begin);
  }
  bool upper_start(size_t t) const {
    std::string_view r = raw(t);
    size_t i = 0;
    return !r.empty() && u_isupper(static_cast<UChar32>(utf8::next(r, i)));
  }
  bool is_title(size_t t) const {
    std::string_view r = raw(t);
    // A one-word title is a flag of the name lists' word table; a token with a space
    // (never seen in practice) is compared with the titles of several words too.
    if (r.empty() || (words_.titles_capitalised && !(r[0] >= 'A' && r[0] <= 'Z'))) return false;
    if (r.find(' ') != std::string_view::npos) return names_.titles.count(std::string(r)) > 0;
    return (names_.flags(r) & NameLists::kTitle) != 0;
  }
  bool is_pronoun(size_t t) const { return is_pronoun_word(raw(t)); }
  // The token's lower-case form is in one of the lists (WordFlag): `flag` is of the short
  // lists or of the long ones, not both. Looked up in that table when first asked: most
  // tokens never are. Inline, the test of a token asked before; the look-up is a call of
  // its own, so that the test pays no saving of the registers the look-up needs.
  [[gnu::always_inline]] bool has(size_t t, uint32_t flag) const {
    const uint32_t known = (flag & kLongListFlags) ? kLongKnown : kShortKnown;
    uint32_t f = flags_[t];
    if (!(f & known)) f = look_up(t, known);
    return (f & flag) != 0;
  }
  // flags_[t] once the table of `known` (kShortKnown or kLongKnown) has been asked.
  [[gnu::noinline]] uint32_t look_up(size_t t, uint32_t known) const;
  uint32_t long_flags(size_t t) const;
  // Reporting-verb forms whose first word is the token's lower-case form, or null.
  const std::vector<VerbForm>* forms_at(size_t t) const { return words_.starting_with(low_[t]); }

  const Document& doc_;
  const std::string& text_;
  const Segmentation& seg_;
  const QuotesPass::Words& words_;
  const NameLists& names_;
  DocScratch& scratch_;
  std::vector<std::string_view>& low_ = scratch_.low;  // token -> lower-cased text: a view of low_buf_ or low_other_
  std::unique_ptr<char[]>& low_buf_ = scratch_.low_buf;  // the text with A-Z lower-cased (at the text's offsets)
  std::string& low_other_ = scratch_.low_other;  // the lower-case forms of the other tokens with a byte from 0x80
  static constexpr uint32_t kShortKnown = 1u << 30, kLongKnown = 1u << 31;
  std::span<const uint32_t> maybe_verb_;  // tokens that may start a reporting verb (prepare()), in order: in scratch_.maybe_verb
  std::vector<uint32_t>& flags_ = scratch_.flags;  // token -> WordFlag bits of low_ | the tables looked up (k*Known)
  std::vector<int32_t>& in_quote_ = scratch_.in_quote;    // token -> mark-quote index or -1
  std::vector<int32_t>& ent_start_ = scratch_.ent_start;  // token -> entity starting here or -1
  std::vector<int32_t>& ent_end_ = scratch_.ent_end;      // token -> entity ending here (last token) or -1
  std::vector<int32_t>& ent_at_ = scratch_.ent_at;        // token -> entity covering it or -1
  std::vector<Ent>& ents_ = scratch_.ents;
  std::vector<QuoteSpan>& marks_ = scratch_.marks;
  std::vector<Cue>& cues_ = scratch_.cues;
  std::vector<uint32_t>& mark_first_tok_ = scratch_.mark_first_tok;  // token range of each mark-quote's content
  std::vector<uint32_t>& mark_last_tok_ = scratch_.mark_last_tok;
  std::vector<int8_t>& mark_done_ = scratch_.mark_done;
  std::vector<uint32_t>& para_starts_ = scratch_.para_starts;
  std::vector<Out>& out_ = scratch_.out;
  mutable std::forward_list<std::string> kept_;  // keep()'s strings: none in most documents, no allocation
};

int DocQuotes::paragraph_of(uint32_t byte) const {
  auto it = std::upper_bound(para_starts_.begin(), para_starts_.end(), byte);
  return static_cast<int>(it - para_starts_.begin()) - 1;
}

// The word of that head and length has its bit set in the filter (Words::head_filter).
[[gnu::always_inline]] inline bool in_filter(const uint64_t* head_filter, uint64_t head, uint32_t len) {
  const uint32_t h = head_hash(head, len);
  return head_filter[h / 64] >> (h % 64) & 1;
}

// views_and_verb_candidates() for a token of 0 or more than 16 bytes (few): whether it may
// start a reporting verb, and whether it has a byte from 0x80. Out of its loop, whose
// registers it would take.
enum class LongToken { Other, Candidate, High };
[[gnu::noinline]] LongToken long_candidate(const char* p, uint32_t len, const uint64_t* head_filter) {
  uint64_t high = 0;
  for (uint32_t j = 0; j < len; j += 8) {  // eight bytes at a time
    uint64_t v = swar::load8(p + j);
    if (len - j < 8) v &= swar::first_bytes(len - j);
    high |= v & swar::kHigh;
  }
  // A byte from 0x80 (left to the exact look-up), or an ASCII word, by its first 8 bytes and length.
  if (high) return LongToken::High;
  return len == 0 || in_filter(head_filter, swar::load8(p), len) ? LongToken::Candidate : LongToken::Other;
}

struct Candidates {
  size_t verbs = 0, high = 0;
};

// Each of the n tokens' lower-case view in `lowered` (the text lower-cased at its offsets)
// into low, the tokens that may start a reporting verb (head_filter, or a byte from 0x80:
// left to the exact look-up) into verb, and those with a byte from 0x80 (which prepare()
// lower-cases) into high too, each in order; returns their counts. A function of its own,
// with no growing vector in its loop and no call but for a token of over 16 bytes: inside
// prepare(), GCC kept the loop's pointers on the stack and loaded them again for every token.
[[gnu::noinline]] Candidates views_and_verb_candidates(const Token* tok, size_t n, const char* lowered, const uint64_t* head_filter,
                                                       std::string_view* low, uint32_t* verb, uint32_t* high) {
  uint32_t* const verb_begin = verb;
  uint32_t* const high_begin = high;
  for (const Token *x = tok, *const end = tok + n; x != end; ++x, ++low) {
    const uint32_t b = x->begin, len = x->end - b;
    const char* const p = lowered + b;
    *low = std::string_view(p, len);
    bool has_high, candidate;
    if (len - 1 < 8) [[likely]] {  // 1 to 8 bytes: one load
      const uint64_t head = swar::load8(p) & swar::first_bytes(len);
      has_high = head & swar::kHigh;
      candidate = has_high || in_filter(head_filter, head, len);
    } else if (len - 9 < 8) {  // 9 to 16: the first 8 bytes and the last 8
      const uint64_t head = swar::load8(p);
      has_high = (head | swar::load8(p + len - 8)) & swar::kHigh;
      candidate = has_high || in_filter(head_filter, head, len);
    } else {
      const LongToken k = long_candidate(p, len, head_filter);
      has_high = k == LongToken::High;
      candidate = k != LongToken::Other;
    }
    if (candidate) {
      const auto i = static_cast<uint32_t>(x - tok);
      *verb++ = i;
      if (has_high) *high++ = i;
    }
  }
  return {static_cast<size_t>(verb - verb_begin), static_cast<size_t>(high - high_begin)};
}

void DocQuotes::prepare() {
  const auto& toks = seg_.tokens;
  size_t n = toks.size();
  // Lower-case forms: the text with A-Z lower-cased, sixteen bytes at a time, into low_buf_
  // (sized once for the largest text), and each token a view of it at its own offsets;
  // those with a byte from 0x80 other than caseless punctuation lower-cased by utf8::lower
  // into low_other_ (offsets first, views once it stops growing). A word of at most 8 bytes
  // is one load, which also tells whether it may start a reporting verb (maybe_verb_), for
  // find_cues.
  if (low_.size() < n) low_.resize(n);  // at the largest document's size, not zero-filled again: the first n are set below
  low_other_.clear();
  ents_.clear();
  para_starts_.clear();
  out_.clear();
  for (uint32_t t : scratch_.flagged) flags_[t] = 0;
  scratch_.flagged.clear();
  for (const auto& [b, e] : scratch_.quote_spans) std::fill(in_quote_.begin() + b, in_quote_.begin() + e, -1);
  for (const auto& [b, e] : scratch_.ent_spans)  // a name's few tokens
    for (uint32_t t = b; t < e; ++t) ent_start_[t] = ent_end_[t] = ent_at_[t] = -1;
  scratch_.quote_spans.clear();
  scratch_.ent_spans.clear();
  if (flags_.size() < n) {
    flags_.resize(n, 0);
    for (std::vector<int32_t>* table : {&in_quote_, &ent_start_, &ent_end_, &ent_at_}) table->resize(n, -1);
  }
  // Not zero-filled: the text's bytes are all written, and the 8 after them (zeros), so
  // that a token near the text's end is read 8 bytes at a time like any other.
  if (scratch_.low_buf_size < text_.size() + 8) {
    scratch_.low_buf_size = text_.size() + 8;
    low_buf_ = std::make_unique_for_overwrite<char[]>(scratch_.low_buf_size);
  }
  const char* const lowered = low_buf_.get();
  utf8::ascii_lower_into(text_, low_buf_.get());
  std::memset(low_buf_.get() + text_.size(), 0, 8);
  if (scratch_.maybe_verb.size() < n) {  // kept at the largest document's size: not zero-filled again
    scratch_.maybe_verb.resize(n);
    scratch_.high.resize(n);
  }
  const Candidates found = views_and_verb_candidates(toks.data(), n, lowered, words_.head_filter.data(), low_.data(),
                                                     scratch_.maybe_verb.data(), scratch_.high.data());
  maybe_verb_ = std::span<const uint32_t>(scratch_.maybe_verb.data(), found.verbs);
  // The tokens with a byte from 0x80 (other than caseless punctuation: ’ “ — …), listed by
  // the loop over every token. Each one's lower-case form, made in a buffer of the
  // thread's, is appended to low_other_ (its offset noted: the views once it stops growing).
  std::vector<std::pair<uint32_t, uint32_t>>& other = scratch_.other;  // (token, offset in low_other_)
  other.clear();
  for (uint32_t t : std::span<const uint32_t>(scratch_.high.data(), found.high))
    if (!ascii_and_general_punctuation(low_[t])) {
      other.emplace_back(t, static_cast<uint32_t>(low_other_.size()));
      low_other_ += utf8::lower_into(raw(t), scratch_.lowered_word);  // as written
    }
  for (size_t k = 0; k < other.size(); ++k) {
    const uint32_t end = k + 1 < other.size() ? other[k + 1].second : static_cast<uint32_t>(low_other_.size());
    low_[other[k].first] = std::string_view(low_other_).substr(other[k].second, end - other[k].second);
  }
  para_starts_.push_back(0);
  for (size_t p = text_.find("\n\n"); p != std::string::npos; p = text_.find("\n\n", p + 2)) para_starts_.push_back(static_cast<uint32_t>(p + 2));
  // Entities from the document: as the entities pass of this process left them (bytes),
  // else from the JSON it was given (code points -> bytes).
  // A name inside another ("Moscow" in "Moscow Aviation Institute") is not a speaker of its
  // own: the quote pass reads the outermost names only.
  const utf8::OffsetIndex& idx = doc_.offsets();
  if (const std::vector<EntityMention>* ms = doc_.entity_mentions()) {
    ents_.reserve(ms->size());
    for (const EntityMention& m : *ms)
      if (!m.nested && m.end > m.begin) ents_.push_back({m.begin, m.end, m.type, m.id, m.name});
  } else if (const json::Value* es = doc_.root().find("entities"); es && es->is_array()) {
    ents_.reserve(es->items().size());
    for (const json::Value& e : es->items()) {
      // The fields read, in one pass over the keys (the first of a repeated key, as find()).
      const json::Value *s = nullptr, *en = nullptr, *nested = nullptr, *type = nullptr, *id = nullptr, *name = nullptr;
      const std::vector<std::string>& keys = e.keys();
      for (size_t j = 0; j < keys.size(); ++j) {
        std::string_view k = keys[j];  // compared by size first
        const json::Value* v = &e.items()[j];
        auto take = [v](const json::Value*& field) {
          if (!field) field = v;
        };
        if (equals(k, "start")) take(s);
        else if (equals(k, "end")) take(en);
        else if (equals(k, "type")) take(type);
        else if (equals(k, "id")) take(id);
        else if (equals(k, "name")) take(name);
        else if (equals(k, "nested")) take(nested);
      }
      if (!s || !en || !s->is_number() || !en->is_number()) continue;
      if (nested && nested->is_bool() && nested->as_bool()) continue;
      Ent x;
      x.b = static_cast<uint32_t>(idx.to_byte(s->as_int()));
      x.e = static_cast<uint32_t>(idx.to_byte(en->as_int()));
      if (type && type->is_string()) x.type = type->as_string();
      if (id && id->is_string()) x.id = id->as_string();
      if (name && name->is_string()) x.name = name->as_string();
      if (x.e > x.b) ents_.push_back(x);
    }
  }
  size_t t = 0;
  for (size_t k = 0; k < ents_.size(); ++k) {
    t = tok_after(t, [b = ents_[k].b](const Token& x) { return x.end <= b; });
    size_t u = t;
    while (u < n && toks[u].begin < ents_[k].e) ++u;
    if (u == t) continue;
    scratch_.ent_spans.emplace_back(static_cast<uint32_t>(t), static_cast<uint32_t>(u));
    if (ent_start_[t] < 0) ent_start_[t] = static_cast<int32_t>(k);
    for (size_t v = t; v < u; ++v)
      if (ent_at_[v] < 0) ent_at_[v] = static_cast<int32_t>(k);
    ent_end_[u - 1] = static_cast<int32_t>(k);
  }
  // Quotation marks.
  find_quotes(text_, marks_);
  mark_first_tok_.assign(marks_.size(), 0);
  mark_last_tok_.assign(marks_.size(), 0);
  mark_done_.assign(marks_.size(), 0);
  t = 0;
  for (size_t q = 0; q < marks_.size(); ++q) {
    t = tok_after(t, [b = marks_[q].content_begin](const Token& x) { return x.begin < b; });
    mark_first_tok_[q] = static_cast<uint32_t>(t);
    const size_t u = tok_after(t, [e = marks_[q].content_end](const Token& x) { return x.end <= e; });
    mark_last_tok_[q] = static_cast<uint32_t>(u);  // exclusive
    scratch_.quote_spans.emplace_back(static_cast<uint32_t>(t), static_cast<uint32_t>(u));
    std::fill(in_quote_.begin() + static_cast<std::ptrdiff_t>(t), in_quote_.begin() + static_cast<std::ptrdiff_t>(u), static_cast<int32_t>(q));
  }
}

uint32_t DocQuotes::look_up(size_t t, uint32_t known) const {
  scratch_.flagged.push_back(static_cast<uint32_t>(t));
  return flags_[t] |= known | (known == kLongKnown ? long_flags(t) : words_.short_flags(low_[t]));
}

uint32_t DocQuotes::long_flags(size_t t) const {
  uint32_t f = words_.long_flags(low_[t]);
  // The common-word list is matched case-insensitively: lower() once more, as
  // NameLists::is_common_word does (the same string for ASCII).
  std::string_view l = low_[t];
  if (!utf8::is_ascii(l))
    f = (f & ~uint32_t{kCommonWord}) | (names_.is_common_word(l) ? uint32_t{kCommonWord} : 0u);
  return f;
}

uint32_t DocQuotes::sentence_end_tok(uint32_t t) const {
  uint32_t s = seg_.tokens[t].sentence;
  return tok_after(t, [s](const Token& x) { return x.sentence == s; });
}

uint32_t DocQuotes::sentence_begin_tok(uint32_t t) const { return seg_.first_token[seg_.tokens[t].sentence]; }

void DocQuotes::find_cues(std::vector<Cue>& cues) const {
  cues.clear();
  const size_t n = seg_.tokens.size();
  size_t from = 0;  // tokens before this are part of a cue found already
  // Only the tokens that may start a verb are tried (prepare() filtered the others out).
  for (size_t i : maybe_verb_) {
    if (i < from || in_quote_[i] >= 0 || seg_.tokens[i].kind != TokenKind::Word) continue;
    const auto* forms = forms_at(i);
    if (!forms) continue;
    for (const VerbForm& f : *forms) {
      if (f.kind == VerbKind::Belief) continue;
      size_t k = i;
      bool ok = true;
      for (const std::string& w : f.words) {
        if (k >= n || low_[k] != w) {
          ok = false;
          break;
        }
        ++k;
      }
      if (!ok) continue;
      // A noun, not a verb: "his claim", "18 states", "the remarks", "secretary of state",
      // "The Washington Post", "United States".
      if (f.kind != VerbKind::Source) {
        if (ent_at_[i] >= 0) break;
        if (i > 0 && (has(i - 1, kDeterminer) || seg_.tokens[i - 1].kind == TokenKind::Number)) break;
        if (i > 0 && possessive(low_[i - 1])) break;  // "Trump's claims"
      }
      // "News reports said …": a form followed by another reporting verb is a noun.
      if (k < n && f.kind != VerbKind::Source && seg_.tokens[k].kind == TokenKind::Word) {
        bool verb_next = false;
        if (const auto* next_forms = forms_at(k))
          for (const VerbForm& g : *next_forms) verb_next = verb_next || (g.words.size() == 1 && (g.past || g.present_3rd));
        if (verb_next) break;
      }
      Cue cue{static_cast<uint32_t>(i), static_cast<uint32_t>(k), f.kind, false};
      if (f.participle) {
        // "is saying" works as a verb; ", saying that …" hangs on the sentence's subject.
        bool prog = i > 0 && (has(i - 1, kProgressive) || (i > 1 && equals(low_[i - 1], "n't") && has(i - 2, kProgressive)));
        bool after_comma = i > 0 && (equals(low_[i - 1], ",") || (i > 1 && equals(low_[i - 2], ",") && has(i - 1, kAdverb)));
        // "… before asking her, “…”": a participle that introduces a quotation.
        bool introduces = false;
        for (size_t t = k; t < n && t < k + 4 && !introduces; ++t) {
          if ((equals(low_[t], ",") || equals(low_[t], ":")) && t + 1 < n && is_opening_mark(low_[t + 1])) introduces = true;
          if (seg_.tokens[t].kind == TokenKind::Punct && !equals(low_[t], ",") && !equals(low_[t], ":")) break;
        }
        if (!prog && !after_comma && !introduces) break;
        cue.participle = (after_comma || introduces) && !prog;
      } else if (f.kind != VerbKind::Source) {
        // "declined to say", "did not immediately respond", "didn't say"
        size_t p = i;
        while (p > 0 && has(p - 1, kAdverb) && !equals(low_[p - 1], "has") && !equals(low_[p - 1], "had") && !equals(low_[p - 1], "have")) --p;
        auto negates = [&](size_t t) {
          std::string_view w = low_[t];
          return has(t, kNegation) || (w.size() > 3 && (w.compare(w.size() - 3, 3, "n't") == 0 ||
                                                             (w.size() > 5 && w.compare(w.size() - 5, 5, "n\u2019t") == 0)));
        };
        if (p > 0 && negates(p - 1)) break;
        if (p > 1 && equals(low_[p - 1], "not")) break;
      }
      cues.push_back(cue);
      from = k;
      break;
    }
  }
}

Speaker DocQuotes::from_entity(size_t k) const {
  const Ent& e = ents_[k];
  Speaker s;
  s.b = e.b;
  s.e = e.e;
  s.name = e.name;
  s.id = e.id;
  s.type = e.type;
  return s;
}

std::optional<Speaker> DocQuotes::transcript_label(uint32_t t, uint32_t end, uint32_t* colon) const {
  const auto& toks = seg_.tokens;
  // A person's name, as the entities pass found it.
  if (ent_start_[t] >= 0 && equals(ents_[static_cast<size_t>(ent_start_[t])].type, "PERSON")) {
    uint32_t e = t;
    while (e < end && ent_at_[e] == ent_start_[t]) ++e;
    if (e < end && equals(low_[e], ":")) {
      *colon = e;
      return from_entity(static_cast<size_t>(ent_start_[t]));
    }
  }
  // One to three words in capitals ("WALLACE", "SEN. JANE DOE"), then a colon: the colon is
  // looked for first, as most paragraphs that open in capitals are no label.
  bool colon_near = false;
  for (uint32_t k = t + 1; k < end && k <= t + 3 && !colon_near; ++k) colon_near = equals(low_[k], ":");
  if (!colon_near) return std::nullopt;
  uint32_t e = t;
  auto caps_word = [&](uint32_t k) {
    std::string_view r = raw(k);
    size_t letters = 0;
    for (char c : r) {
      if (c >= 'a' && c <= 'z') return false;
      letters += c >= 'A' && c <= 'Z';
    }
    return toks[k].kind == TokenKind::Word && letters >= 2;
  };
  while (e < end && e < t + 3 && (caps_word(e) || (e > t && equals(low_[e], ".")))) ++e;
  if (e == t || e >= end || !equals(low_[e], ":") || toks[e].sentence != toks[t].sentence) return std::nullopt;
  *colon = e;
  Speaker sp = from_tokens(t, e, false);
  sp.nominal = false;
  // The document's person of that family name (the last word of the label).
  std::string_view family = low_[e - 1];
  for (const Ent& x : ents_) {
    if (!equals(x.type, "PERSON") || x.name.size() <= family.size()) continue;
    std::string_view last = x.name.substr(x.name.rfind(' ') + 1);
    if (utf8::lower(last) == family) {
      sp.name = x.name;
      sp.id = x.id;
      sp.type = "PERSON";
      sp.description = {};
      break;
    }
  }
  return sp;
}

Speaker DocQuotes::from_tokens(uint32_t b, uint32_t e, bool pronoun) const {
  Speaker s;
  s.b = seg_.tokens[b].begin;
  s.e = seg_.tokens[e - 1].end;
  s.pronoun = pronoun;
  s.nominal = !pronoun;
  if (!pronoun) s.description = text(s.b, s.e);
  return s;
}

// ", a professor at Ewha University in Seoul," or "of Russia's Far Eastern Federal University".
std::string_view DocQuotes::description_after(uint32_t t) const {
  const auto& toks = seg_.tokens;
  uint32_t end_s = t < toks.size() ? sentence_end_tok(t) : t;
  if (t + 1 < end_s && (equals(low_[t], ",") || equals(low_[t], "of"))) {
    uint32_t b = equals(low_[t], ",") ? t + 1 : t;
    if (equals(low_[t], ",") && !(equals(low_[b], "a") || equals(low_[b], "an") || equals(low_[b], "the") || has(b, kAppositionNoun) ||
                            has(b, kRoleNoun) || equals(low_[b], "who") || equals(low_[b], "former")))
      return "";
    uint32_t e = b;
    while (e < end_s && !equals(low_[e], ",") && !equals(low_[e], ";") && !(equals(low_[e], ".") && e + 1 == end_s) && in_quote_[e] < 0 &&
           !is_opening_mark(low_[e]) && !is_dash(low_[e]))
      ++e;
    if (e > b && e - b <= 20) return text(toks[b].begin, toks[e - 1].end);
  }
  return "";
}

std::optional<Speaker> DocQuotes::speaker_left(uint32_t cue_b, uint32_t* start_tok) const {
  if (cue_b == 0) return std::nullopt;
  const auto& toks = seg_.tokens;
  uint32_t sent = toks[cue_b].sentence;
  int64_t k = static_cast<int64_t>(cue_b) - 1;
  for (;;) {  // adverbs and a time between subject and verb: "X also said", "X on Tuesday said"
    while (k >= 0 && toks[k].sentence == sent && has(k, kAdverb)) --k;
    if (k >= 1 && toks[k].sentence == sent && has(k, kTime) && (equals(low_[k - 1], "on") || equals(low_[k - 1], "last"))) {
      k -= 2;
      continue;
    }
    if (k >= 0 && toks[k].sentence == sent && has(k, kTime) && (equals(low_[k], "yesterday") || equals(low_[k], "today"))) {
      --k;
      continue;
    }
    break;
  }
  if (k < 0 || toks[k].sentence != sent || in_quote_[k] >= 0) return std::nullopt;
  // "X, a professor at Y, said": skip the appositive back to the name.
  if (equals(low_[k], ",")) {
    int64_t c = k - 1;
    int steps = 0;
    while (c >= 0 && toks[c].sentence == sent && !equals(low_[c], ",") && in_quote_[c] < 0 && !is_closing_mark(low_[c]) && steps < 25) {
      --c;
      ++steps;
    }
    if (c > 0 && equals(low_[c], ",") && toks[c].sentence == sent) {
      uint32_t a = static_cast<uint32_t>(c + 1);
      bool appositive = equals(low_[a], "a") || equals(low_[a], "an") || equals(low_[a], "the") || equals(low_[a], "who") || equals(low_[a], "former") ||
                        has(a, kAppositionNoun) || has(a, kRoleNoun);
      int64_t nk = c - 1;
      if (appositive && nk >= 0 && ent_end_[nk] >= 0 && equals(ents_[ent_end_[nk]].type, "PERSON")) {
        Speaker s = from_entity(static_cast<size_t>(ent_end_[nk]));
        s.description = text(toks[a].begin, toks[k - 1].end);
        uint32_t st = static_cast<uint32_t>(nk);
        while (st > 0 && ent_at_[st - 1] == ent_end_[nk]) --st;
        *start_tok = st;
        return s;
      }
    }
    return std::nullopt;
  }
  if (ent_end_[k] >= 0) {
    const Ent& e = ents_[ent_end_[k]];
    if (equals(e.type, "PERSON") || equals(e.type, "ORG") || equals(e.type, "GPE") || equals(e.type, "NORP")) {
      uint32_t st = static_cast<uint32_t>(k);
      while (st > 0 && ent_at_[st - 1] == ent_end_[k]) --st;
      // "Mr. Morgan of the Sierra Club said": the person before "of" speaks.
      if (!equals(e.type, "PERSON")) {
        int64_t p = static_cast<int64_t>(st) - 1;
        if (p > 0 && equals(low_[p], "the")) --p;
        if (p > 0 && (equals(low_[p], "of") || equals(low_[p], "at") || equals(low_[p], "from")) && ent_end_[p - 1] >= 0 &&
            equals(ents_[ent_end_[p - 1]].type, "PERSON") && toks[p - 1].sentence == sent) {
          Speaker s = from_entity(static_cast<size_t>(ent_end_[p - 1]));
          s.description = text(toks[p].begin, toks[k].end);
          uint32_t ps = static_cast<uint32_t>(p - 1);
          while (ps > 0 && ent_at_[ps - 1] == ent_end_[p - 1]) --ps;
          while (ps > 0 && toks[ps - 1].sentence == sent &&
                 is_title(ps - 1))
            --ps;
          *start_tok = ps;
          return s;
        }
      }
      // "advisers to Mr. Obama say": the name is inside the subject, not the subject.
      if (st > 0 && toks[st - 1].sentence == sent) {
        int64_t p = st - 1;
        while (p > 0 && is_title(p)) --p;
        std::string_view w = low_[p];
        if (equals(w, "to") || equals(w, "for") || equals(w, "of") || equals(w, "with") || equals(w, "at") || equals(w, "from") || equals(w, "close") || equals(w, "near"))
          return std::nullopt;
      }
      // "Mr. Obama said", "Kremlin spokesman Dmitry Peskov said": titles before the name
      // belong to the speaker's phrase.
      Speaker s = from_entity(static_cast<size_t>(ent_end_[k]));
      uint32_t name_start = st;
      auto titles_back = [&] {  // "Prime" of "Prime Minister" too
        while (st > 0 && toks[st - 1].sentence == sent && in_quote_[st - 1] < 0 &&
               (is_title(st - 1) || has(st - 1, kRoleNoun) || (upper_start(st - 1) && (names_.flags(raw(st - 1)) & NameLists::kTitleStart))))
          --st;
      };
      titles_back();
      // Who the titles belong to: "German Chancellor Angela Merkel", "Clinton campaign
      // spokesman Brian Fallon", "White House press secretary Josh Earnest" (a group, place,
      // organisation or person, and up to two lower-case words, before the titles).
      for (int round = 0; round < 2 && st < name_start && st > 0; ++round) {
        uint32_t p = st;
        int lower = 0;
        while (p > 0 && lower < 2 && toks[p - 1].sentence == sent && in_quote_[p - 1] < 0 && toks[p - 1].kind == TokenKind::Word &&
               !upper_start(p - 1) && ent_at_[p - 1] < 0 && !has(p - 1, kSubjectStop) && !has(p - 1, kDeterminer))
          --p, ++lower;
        if (p == 0 || toks[p - 1].sentence != sent || ent_end_[p - 1] < 0) break;
        std::string_view owner = ents_[ent_end_[p - 1]].type;
        if (!equals(owner, "NORP") && !equals(owner, "GPE") && !equals(owner, "ORG") && !equals(owner, "PERSON")) break;
        st = p - 1;
        while (st > 0 && ent_at_[st - 1] == ent_end_[p - 1]) --st;
        titles_back();
      }
      // "…,” the Greek finance minister Yanis Varoufakis said": the article opens the phrase.
      if (st < name_start && st >= 2 && equals(low_[st - 1], "the") && toks[st - 1].sentence == sent &&
          (equals(low_[st - 2], ",") || is_closing_mark(low_[st - 2])))
        --st;
      if (st < name_start) s.description = text(toks[st].begin, toks[name_start - 1].end);
      *start_tok = st;
      return s;
    }
  }
  if (is_pronoun(k)) {
    *start_tok = static_cast<uint32_t>(k);
    return from_tokens(static_cast<uint32_t>(k), static_cast<uint32_t>(k + 1), true);
  }
  // An unnamed or described speaker: "a senior official", "analysts", "the spokesman".
  if (toks[k].kind == TokenKind::Word && has(k, kSpeakerNoun)) {
    int64_t b = k;
    while (b - 1 >= 0 && toks[b - 1].sentence == sent && k - (b - 1) < 6 && in_quote_[b - 1] < 0 &&
           (toks[b - 1].kind != TokenKind::Punct || equals(low_[b - 1], "-")) && !has(b - 1, kSubjectStop))
      --b;
    *start_tok = static_cast<uint32_t>(b);
    return from_tokens(static_cast<uint32_t>(b), static_cast<uint32_t>(k + 1), false);
  }
  return std::nullopt;
}

// The subject before a verb when no name or pronoun stands right before it: "Experts on
// North Korea said", "A spokeswoman for the campaign says", "Megan Doe, a senior fellow, said".
std::optional<Speaker> DocQuotes::subject_phrase(uint32_t cue_b, uint32_t* start_tok) const {
  const auto& toks = seg_.tokens;
  if (cue_b == 0) return std::nullopt;
  uint32_t sent = toks[cue_b].sentence;
  int64_t k = static_cast<int64_t>(cue_b) - 1;
  while (k >= 0 && toks[k].sentence == sent && (has(k, kAdverb) || equals(low_[k], ","))) --k;
  int64_t end = k + 1;
  int64_t b = end;
  // A relative clause inside an appositive does not end the subject: "X, president of Y,
  // which represents Z, said".
  // Inside an appositive closed by a comma before the verb, a relative clause does not end
  // the subject: "X, the agency that oversees the program, said".
  bool comma_before_cue = end > 0 && equals(low_[end - 1], ",");
  auto relative = [&](int64_t t) {
    if (!(equals(low_[t], "which") || equals(low_[t], "who") || equals(low_[t], "that"))) return false;
    if (t > 0 && equals(low_[t - 1], ",") && !equals(low_[t], "that")) return true;
    if (!comma_before_cue) return false;
    for (int64_t u = t - 1; u >= 0 && u >= t - 6; --u)
      if (equals(low_[u], ",")) return true;
    return false;
  };
  // "and" joins a subject ("RT and its defenders", "observers in Virginia and around the
  // country") unless a new clause's subject follows it.
  auto joining_and = [&](int64_t t) {
    if (!equals(low_[t], "and") || t + 1 >= end) return false;
    return !upper_start(t + 1) && !is_pronoun(t + 1);
  };
  while (b > 0 && toks[b - 1].sentence == sent && end - (b - 1) <= 30 && in_quote_[b - 1] < 0 &&
         (!has(b - 1, kBoundary) || relative(b - 1) || joining_and(b - 1)) && !is_closing_mark(low_[b - 1]) &&
         !is_opening_mark(low_[b - 1]))
    --b;
  if (b >= end) return std::nullopt;
  // "In a statement, the ministry said": an opening phrase is not the subject; the part
  // after its comma is.
  if (has(b, kOpener)) {
    int64_t last_comma = -1;
    for (int64_t t = b; t < end; ++t)
      if (equals(low_[t], ",")) last_comma = t;
    if (last_comma < 0 || last_comma + 1 >= end) return std::nullopt;
    b = last_comma + 1;
  }
  // The head is what comes before the first comma; the rest is its description. But when
  // that first part is not a name ("… before the summer, analysts at the bank said"), the
  // subject is the part after the last comma.
  int64_t head_end = b;
  while (head_end < end && !equals(low_[head_end], ",")) ++head_end;
  if (head_end < end) {
    bool named = false;
    for (int64_t t = b; t < head_end && !named; ++t)
      named = ent_at_[t] >= 0 || (toks[t].kind == TokenKind::Word && upper_start(t) &&
                                  !has(t, kCommonWord));
    if (!named) {
      int64_t last_comma = head_end;
      for (int64_t t = head_end; t < end; ++t)
        if (equals(low_[t], ",")) last_comma = t;
      b = last_comma + 1;
      head_end = end;
      if (b >= end) return std::nullopt;
    }
  }
  if (head_end - b > 10 || head_end == b) return std::nullopt;
  const Token& first = toks[b];
  bool starts_ok = first.kind != TokenKind::Punct &&
                   (upper_start(b) || first.kind == TokenKind::Number ||
                    equals(low_[b], "a") || equals(low_[b], "an") || equals(low_[b], "the") || equals(low_[b], "some") || equals(low_[b], "many") ||
                    equals(low_[b], "several") || equals(low_[b], "other") || equals(low_[b], "most") || equals(low_[b], "both") || equals(low_[b], "two") ||
                    equals(low_[b], "three") || equals(low_[b], "its") || equals(low_[b], "his") || equals(low_[b], "her") || equals(low_[b], "their") ||
                    equals(low_[b], "our") || equals(low_[b], "my") || equals(low_[b], "your") || has(b, kSpeakerNoun));
  if (!starts_ok) return std::nullopt;
  // "He will probably mention …", "I am told …": a pronoun subject.
  if (is_pronoun(b)) {
    *start_tok = static_cast<uint32_t>(b);
    return from_tokens(static_cast<uint32_t>(b), static_cast<uint32_t>(b + 1), true);
  }
  bool has_content_word = false;  // not "the" alone
  for (int64_t t = b; t < head_end && !has_content_word; ++t)
    has_content_word = toks[t].kind != TokenKind::Punct && !equals(low_[t], "a") && !equals(low_[t], "an") && !equals(low_[t], "the");
  if (!has_content_word) return std::nullopt;
  // A clause boundary inside a comma-less head means this is not a plain subject.
  Speaker s;
  *start_tok = static_cast<uint32_t>(b);
  std::string_view description;
  if (head_end < end) {
    int64_t d_end = end;
    while (d_end > head_end + 1 && equals(low_[d_end - 1], ",")) --d_end;
    if (d_end > head_end + 1) description = text(toks[head_end + 1].begin, toks[d_end - 1].end);
  }
  // A person named in the head, if it leads it ("Rep. Jane Doe (D-N.Y.)"); a speaker noun
  // heading it makes it a described source ("A spokeswoman for Jane Doe").
  bool noun_head = false;
  for (int64_t t = b; t < head_end && t < b + 3; ++t)
    if (has(t, kSpeakerNoun) && ent_at_[t] < 0 &&
        !upper_start(t))  // "President Obama" is a title
      noun_head = true;
  if (!noun_head) {
    for (int64_t t = b; t < head_end; ++t) {
      if (ent_start_[t] >= 0) {
        const Ent& e = ents_[ent_start_[t]];
        if (equals(e.type, "PERSON") || equals(e.type, "ORG") || equals(e.type, "GPE") || equals(e.type, "NORP")) {
          s = from_entity(static_cast<size_t>(ent_start_[t]));
          if (t > b) {
            std::string_view pre = text(toks[b].begin, toks[t - 1].end);
            description = description.empty() ? pre : keep(std::string(pre) + ", " + std::string(description));
          }
          s.description = description;
          return s;
        }
      }
    }
  }
  s = from_tokens(static_cast<uint32_t>(b), static_cast<uint32_t>(head_end), false);
  if (!description.empty()) s.description = keep(std::string(s.description) + ", " + std::string(description));
  // One to three capitalised words alone: a name the entity pass did not know.
  bool all_cap = head_end - b <= 3;
  for (int64_t t = b; t < head_end && all_cap; ++t)
    all_cap = toks[t].kind == TokenKind::Word && upper_start(t) &&
              !has(t, kCommonWord);
  if (all_cap) {
    s.nominal = false;
    s.name = text(s.b, s.e);
    s.id = keep(slug_id(s.name));
    s.description = description;
  }
  return s;
}

// The subject of the sentence for a participle cue: its first name or pronoun.
std::optional<Speaker> DocQuotes::sentence_subject(uint32_t sb, uint32_t cue_b) const {
  for (uint32_t t = sb; t < cue_b && t < sb + 12; ++t) {
    if (in_quote_[t] >= 0) continue;
    if (ent_start_[t] >= 0) {
      const Ent& e = ents_[ent_start_[t]];
      if (equals(e.type, "PERSON") || equals(e.type, "ORG") || equals(e.type, "GPE")) return from_entity(static_cast<size_t>(ent_start_[t]));
    }
    if (is_pronoun(t)) return from_tokens(t, t + 1, true);
  }
  return std::nullopt;
}

std::optional<Speaker> DocQuotes::speaker_right(uint32_t cue_e, uint32_t* end_tok) const {
  const auto& toks = seg_.tokens;
  if (cue_e >= toks.size()) return std::nullopt;
  uint32_t sent = toks[cue_e - 1].sentence;
  uint32_t k = cue_e;
  if (toks[k].sentence != sent || in_quote_[k] >= 0) return std::nullopt;
  if (is_pronoun(k)) {
    // "…,” said he." — but in "…, said it would …" the pronoun opens the reported clause.
    bool ends = k + 1 >= toks.size() || toks[k + 1].sentence != sent || toks[k + 1].kind == TokenKind::Punct;
    if (!ends) return std::nullopt;
    *end_tok = k + 1;
    return from_tokens(k, k + 1, true);
  }
  // A person within a few tokens of titles and organisations: "said Kremlin spokesman Dmitry Peskov".
  // A name in the possessive is whose the speaker or the content is, not the speaker: "said
  // Putin's spokesman Dmitry Peskov", "said North Korea's latest “provocation …”".
  auto entity_end = [&](uint32_t j) {
    uint32_t e = j;
    while (e < toks.size() && ent_at_[e] == ent_start_[j]) ++e;
    return e;
  };
  for (uint32_t j = k; j < toks.size() && j < k + 6 && toks[j].sentence == sent; ++j) {
    if (ent_start_[j] >= 0 && equals(ents_[ent_start_[j]].type, "PERSON") && !possessive(low_[entity_end(j) - 1])) {
      Speaker s = from_entity(static_cast<size_t>(ent_start_[j]));
      uint32_t e = entity_end(j);
      if (j > k) s.description = text(toks[k].begin, toks[j - 1].end);
      std::string_view after = description_after(e);
      if (!after.empty()) s.description = s.description.empty() ? after : keep(std::string(s.description) + ", " + std::string(after));
      *end_tok = e;
      return s;
    }
    // Titles, organisations and role words before the name: "foreign ministry spokesman X".
    bool title_like = (toks[j].kind == TokenKind::Word && !equals(low_[j], "that") && !equals(low_[j], "and") && !equals(low_[j], "who")) ||
                      ent_at_[j] >= 0 || equals(low_[j], "-");
    if (!title_like) break;
  }
  if (ent_start_[k] >= 0) {
    uint32_t e = entity_end(k);
    if (possessive(low_[e - 1])) return std::nullopt;
    Speaker s = from_entity(static_cast<size_t>(ent_start_[k]));
    s.description = description_after(e);
    *end_tok = e;
    return s;
  }
  // "said Mr. Doe", "said Jane Roe": titles and capitalised words the entity pass did not name.
  {
    uint32_t j = k;
    while (j < toks.size() && toks[j].sentence == sent &&
           is_title(j))
      ++j;
    uint32_t e = j;
    while (e < toks.size() && e < j + 4 && toks[e].sentence == sent && in_quote_[e] < 0 &&
           ((toks[e].kind == TokenKind::Word && upper_start(e) &&
             !has(e, kCommonWord)) ||
            (equals(low_[e], "-") && e > j && e + 1 < toks.size() && toks[e + 1].begin == toks[e].end)))
      ++e;
    if (e > j) {
      Speaker s = from_tokens(j, e, false);
      s.nominal = false;
      s.name = text(s.b, s.e);
      s.id = keep(slug_id(s.name));
      s.description = j > k ? text(toks[k].begin, toks[j - 1].end) : description_after(e);
      *end_tok = e;
      return s;
    }
  }
  // "said a senior official", "according to officials"
  uint32_t e = k;
  while (e < toks.size() && e < k + 6 && toks[e].sentence == sent && toks[e].kind == TokenKind::Word && in_quote_[e] < 0) {
    if (has(e, kSpeakerNoun)) {
      *end_tok = e + 1;
      Speaker s = from_tokens(k, e + 1, false);
      std::string_view after = description_after(e + 1);
      if (!after.empty()) s.description = keep(std::string(s.description) + " " + std::string(after));
      return s;
    }
    ++e;
  }
  return std::nullopt;
}

uint32_t DocQuotes::clip_at_next_cue(uint32_t from, uint32_t se) const {
  for (const Cue& c : cues_) {
    if (c.b <= from + 2) continue;
    if (c.b >= se) break;
    for (uint32_t t = c.b; t > from + 2; --t) {
      std::string_view w = low_[t - 1];
      if (equals(w, ",") || equals(w, ";") || equals(w, "but") || equals(w, "and") || is_dash(w)) {
        uint32_t end = t - 1;
        while (end > from && (equals(low_[end - 1], ",") || equals(low_[end - 1], "but") || equals(low_[end - 1], "and"))) --end;
        return end;
      }
    }
    break;
  }
  return se;
}

bool DocQuotes::clause_start(uint32_t t, uint32_t end) const {
  if (t >= end || end - t < 4) return false;
  const Token& tok = seg_.tokens[t];
  if (tok.kind == TokenKind::Number) return true;
  if (tok.kind != TokenKind::Word) return false;
  if (has(t, kClauseOpener)) return true;
  // Not a clause: a prepositional phrase or a time ("said in a statement", "said on Monday").
  return !has(t, kNotClause);
}

// A short quotation in title case without punctuation is a title or a name ("Face the
// Nation", “Rising Sun”), not speech.
bool looks_like_title(std::string_view q) {
  while (!q.empty() && (q.back() == ',' || q.back() == '.' || q.back() == ' ')) q.remove_suffix(1);
  static const std::vector<std::string_view> small_list = embedded_words("title_small_words.txt");
  static const std::unordered_set<std::string_view> small(small_list.begin(), small_list.end());
  size_t words = 0;
  size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && q[i] == ' ') ++i;
    size_t j = i;
    while (j < q.size() && q[j] != ' ') ++j;
    if (j == i) break;
    std::string_view w = q.substr(i, j - i);
    if (++words > 6) return false;  // too long for a title, whatever follows
    size_t k = 0;
    char32_t first = utf8::next(w, k);
    if (!u_isupper(static_cast<UChar32>(first)) && !u_isdigit(static_cast<UChar32>(first)) && !(words > 1 && small.count(w))) return false;
    i = j;
  }
  if (words == 0 || words > 6) return false;
  for (char c : q)
    if (c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':') return false;
  return true;
}

void DocQuotes::add(uint32_t b, uint32_t e, std::string_view kind, const std::optional<Speaker>& sp, const Cue* cue) {
  if (Out* o = add_record(b, e, kind, cue)) o->speaker = sp;
}

void DocQuotes::add(uint32_t b, uint32_t e, std::string_view kind, const Speaker& sp, const Cue* cue) {
  if (Out* o = add_record(b, e, kind, cue)) o->speaker = sp;
}

Out* DocQuotes::add_record(uint32_t b, uint32_t e, std::string_view kind, const Cue* cue) {
  // Trim white space and final punctuation of reported clauses.
  const bool indirect = equals(kind, "indirect");
  while (e > b && (text_[e - 1] == ' ' || text_[e - 1] == '\n' || text_[e - 1] == ',' || text_[e - 1] == ';' ||
                   (indirect && text_[e - 1] == '.')))
    --e;
  while (b < e && (text_[b] == ' ' || text_[b] == '\n')) ++b;
  if (e <= b) return nullptr;
  if ((equals(kind, "direct") || equals(kind, "partial")) && looks_like_title(std::string_view(text_).substr(b, e - b))) kind = "other";
  Out& o = out_.emplace_back(Out{b, e, kind, std::nullopt, std::nullopt, paragraph_of(b)});
  if (cue) o.cue = std::make_pair(seg_.tokens[cue->b].begin, seg_.tokens[cue->e - 1].end);
  return &o;
}

// Reported clause [tb, te) in tokens: an indirect record, and partial records for the
// quoted fragments inside it.
void DocQuotes::add_content(uint32_t tb, uint32_t te, const Speaker& sp, const Cue& cue) {
  if (te <= tb) return;
  const auto& toks = seg_.tokens;
  // A clause that is one whole quotation is that quotation, direct.
  int32_t q = in_quote_[tb];
  if (q < 0 && tb + 1 < te && is_opening_mark(low_[tb])) q = in_quote_[tb + 1];
  if (q >= 0 && !mark_done_[q] && mark_last_tok_[q] + 2 >= te) {
    mark_done_[q] = 1;
    add(marks_[q].content_begin, marks_[q].content_end, "direct", sp, &cue);
    return;
  }
  uint32_t b = toks[tb].begin, e = toks[te - 1].end;
  add(b, e, "indirect", sp, &cue);
  // The quotations with tokens in [tb, te), in text order: their token spans are disjoint
  // and in order, so the first is found by a binary search, not by a look at every token.
  const auto first = std::upper_bound(mark_last_tok_.begin(), mark_last_tok_.end(), tb);
  for (size_t m = static_cast<size_t>(first - mark_last_tok_.begin()); m < marks_.size() && mark_first_tok_[m] < te; ++m) {
    if (mark_first_tok_[m] < mark_last_tok_[m] && !mark_done_[m]) {
      mark_done_[m] = 1;
      add(marks_[m].content_begin, marks_[m].content_end, "partial", sp, &cue);
    }
  }
}

void DocQuotes::resolve_pronouns() {
  // Material inside quotations (direct or reported) is not where a pronoun's antecedent is.
  // Their spans are merged into sorted, disjoint ones, so that a test is a binary search
  // rather than a look at every span for every entity tried. The records (sorted by run())
  // and the marks are each in order of start: the two lists are merged, not sorted, into
  // per-thread scratch, and only once a pronoun asks.
  std::vector<std::pair<uint32_t, uint32_t>>& inside = scratch_.inside;
  bool inside_built = false;
  auto build_inside = [&] {
    inside.clear();
    auto take = [&](uint32_t x, uint32_t y) {
      if (x >= y) return;  // empty: holds nothing
      if (!inside.empty() && x <= inside.back().second) inside.back().second = std::max(inside.back().second, y);
      else inside.emplace_back(x, y);
    };
    size_t i = 0, j = 0;
    while (i < out_.size() || j < marks_.size()) {
      if (j == marks_.size() || (i < out_.size() && out_[i].b <= marks_[j].open)) {
        take(out_[i].b, out_[i].e);
        ++i;
      } else {
        take(marks_[j].open, marks_[j].close_end);
        ++j;
      }
    }
    inside_built = true;
  };
  auto is_inside = [&](uint32_t b) {
    if (!inside_built) build_inside();
    auto it = std::upper_bound(inside.begin(), inside.end(), b, [](uint32_t v, const auto& span) { return v < span.first; });
    return it != inside.begin() && b < std::prev(it)->second;
  };
  const bool ents_sorted = std::is_sorted(ents_.begin(), ents_.end(), [](const Ent& a, const Ent& b) { return a.b < b.b; });
  for (Out& o : out_) {
    if (!o.speaker) continue;
    Speaker& s = *o.speaker;
    if (!s.pronoun && !s.nominal) continue;  // a name: nothing to resolve
    std::string_view raw = std::string_view(text_).substr(s.b, s.e - s.b);
    if (s.pronoun) {
      // A pronoun speaker is one of is_pronoun_word's ASCII words ("He", "they"): compared
      // with bit 5 of its letters set, not lower-cased by utf8::lower (a string per speaker).
      auto said_as = [&](std::string_view w) {
        return raw.size() == w.size() && std::equal(raw.begin(), raw.end(), w.begin(), [](char a, char b) { return (a | 0x20) == b; });
      };
      bool person = said_as("he") || said_as("she") || said_as("i");
      bool group = said_as("they") || said_as("it") || said_as("we");
      const bool it = said_as("it");
      // The entities before the speaker, from the nearest back (those after it are skipped:
      // when the entities are in text order, without reading them).
      size_t before = ents_.size();
      if (ents_sorted)
        before = static_cast<size_t>(std::partition_point(ents_.begin(), ents_.end(), [&](const Ent& e) { return e.b < s.b; }) - ents_.begin());
      for (size_t k = before; k-- > 0;) {
        const Ent& e = ents_[k];
        if (e.b >= s.b) continue;
        bool match = (person && equals(e.type, "PERSON")) || (group && (equals(e.type, "ORG") || (!it && equals(e.type, "NORP"))));
        if (!match && !group) continue;  // "he": another kind of entity is passed over, inside a quotation or not
        if (is_inside(e.b)) continue;
        if (match) {
          s.name = e.name;
          s.id = e.id;
          s.type = e.type;
          break;
        }
        break;  // "they" after a non-organisation: leave it unresolved
      }
    } else if (s.nominal) {
      // "the professor", "the spokesman": the earlier speaker described so. Only a phrase
      // whose lower-case form starts with "the " is read, and only T, H and E lower-case to
      // t, h and e: other phrases ("officials", "a senior official") are not lower-cased.
      auto lower_is = [&](size_t i, char c) { return (raw[i] | 0x20) == c; };
      if (!(raw.size() >= 4 && lower_is(0, 't') && lower_is(1, 'h') && lower_is(2, 'e') && raw[3] == ' ')) continue;
      std::string p = utf8::lower(raw);
      std::string head = p.substr(p.rfind(' ') == std::string::npos ? 0 : p.rfind(' ') + 1);
      if (p.rfind("the ", 0) == 0 && (names_.apposition_nouns.count(head) || names_.role_nouns.count(head))) {
        for (const Out& prev : out_) {
          if (&prev == &o) break;
          if (prev.speaker && !prev.speaker->name.empty() && utf8::lower(prev.speaker->description).find(head) != std::string::npos) {
            s.name = prev.speaker->name;
            s.id = prev.speaker->id;
            s.type = prev.speaker->type;
          }
        }
      }
    }
  }
}

const std::vector<Out>& DocQuotes::run() {
  prepare();
  const auto& toks = seg_.tokens;
  const uint32_t n = static_cast<uint32_t>(toks.size());
  find_cues(cues_);
  out_.reserve(cues_.size() + marks_.size() + 8);  // about one record per cue or quotation: few moves on growth
  const std::vector<Cue>& cues = cues_;
  uint32_t done_until = 0;  // tokens before this are inside reported content already taken
  for (const Cue& cue : cues) {
    if (cue.b < done_until) continue;
    uint32_t sb = sentence_begin_tok(cue.b), se = sentence_end_tok(cue.b);
    // Inverted order ("…,” said X", "…, points out X", "according to X") looks right first.
    bool after_break = cue.b == sb || equals(low_[cue.b - 1], ",") || is_closing_mark(low_[cue.b - 1]) || is_dash(low_[cue.b - 1]) ||
                       (cue.b >= 2 && equals(low_[cue.b - 1], "\""));
    uint32_t sp_start = cue.b, sp_end = cue.e;
    std::optional<Speaker> sp;
    bool right = false;
    if (cue.participle) {
      // "…, saying (that) …": the sentence's subject speaks; the content follows.
      sp = sentence_subject(sb, cue.b);
      uint32_t c = cue.e;
      if (c < se && equals(low_[c], "that")) ++c;
      if (sp && c < se) add_content(c, se, *sp, cue);
      done_until = std::max(done_until, se);
      continue;
    }
    if (cue.kind == VerbKind::Source) {
      sp = speaker_right(cue.e, &sp_end);
      if (!sp) {  // "according to the poll", "according to a report by …"
        uint32_t e = cue.e;
        while (e < se && e < cue.e + 8 && !equals(low_[e], ",") && !equals(low_[e], ".") && in_quote_[e] < 0) ++e;
        if (e > cue.e) {
          sp = from_tokens(cue.e, e, false);
          sp_end = e;
        }
      }
      right = true;
    } else {
      if (!after_break) sp = speaker_left(cue.b, &sp_start);
      if (!sp && !after_break) {
        // "McLenney said Clinton …": the subject is on the left even when a name follows.
        sp = subject_phrase(cue.b, &sp_start);
      } else if (!sp) {
        uint32_t left_start = cue.b;
        std::optional<Speaker> left = after_break ? speaker_left(cue.b, &left_start) : std::nullopt;
        if (left && left->description.size() > 0 && !left->pronoun) {  // "X, a professor at Y, said …"
          sp = left;
          sp_start = left_start;
        } else {
          sp = speaker_right(cue.e, &sp_end);
          right = sp.has_value();
        }
      }
      if (!sp && cue.b > sb && equals(low_[cue.b - 1], ",")) sp = subject_phrase(cue.b, &sp_start);
    }
    if (!sp && cue.b > sb) {
      // "X said A, and added B", "… but warned that …": a verb conjoined to an earlier
      // attribution in the sentence shares its speaker.
      uint32_t p = cue.b;
      while (p > sb && has(p - 1, kAdverb)) --p;
      if (p > sb && (equals(low_[p - 1], "and") || equals(low_[p - 1], "but"))) {
        for (auto it = out_.rbegin(); it != out_.rend(); ++it) {
          if (it->speaker && it->b >= toks[sb].begin && it->b < toks[cue.b].begin) {
            sp = it->speaker;
            sp_start = cue.b;
            break;
          }
        }
        if (!sp) {  // "I laughed and said, “…”": the sentence's subject
          sp = sentence_subject(sb, cue.b);
          if (sp) sp_start = cue.b;
        }
      }
    }
    if (!sp) continue;
    // A weak verb ("agreed", "described") attributes only what follows "that" or a quotation.
    if (cue.kind == VerbKind::Weak) {
      uint32_t a = cue.e;
      bool quote_after = false;  // "called the plan “a disaster”", "described X as a “strong leader”"
      for (uint32_t t = a; t < se && !quote_after; ++t) quote_after = in_quote_[t] >= 0 && !mark_done_[in_quote_[t]];
      // "The campaign called the charges unsubstantiated": a named speaker characterising something.
      bool named_subject = !right && (!sp->name.empty() || sp->pronoun) && se > a + 2 && clause_start(a, se);
      if (!(a < se && equals(low_[a], "that")) && !quote_after && !named_subject) continue;
      if (named_subject && !quote_after && !(a < se && equals(low_[a], "that"))) {
        uint32_t ce = clip_at_next_cue(a, se);
        add_content(a, ce, *sp, cue);
        done_until = std::max(done_until, ce);
        continue;
      }
      if (quote_after && !(a < se && equals(low_[a], "that"))) {
        add_content(a, se, *sp, cue);
        done_until = std::max(done_until, se);
        continue;
      }
    }
    // 1. A quotation right before the attribution: "“…,” he said" / "“…,” said X".
    uint32_t before = right ? cue.b : sp_start;
    int64_t k = static_cast<int64_t>(before) - 1;
    while (k >= 0 && (equals(low_[k], ",") || is_dash(low_[k]))) --k;
    // "“… too big?” Vitter said": after "?" or "!" and a closing mark the sentence breaks
    // before a capitalised name; the attribution still belongs to the quotation.
    bool question_before = k > 0 && is_closing_mark(low_[k]) && toks[k].sentence + 1 == toks[cue.b].sentence &&
                           (equals(low_[k - 1], "?") || equals(low_[k - 1], "!")) && static_cast<uint32_t>(k + 1) == before &&
                           toks[before].sentence == toks[cue.b].sentence &&
                           std::string_view(text_).substr(toks[k].end, toks[before].begin - toks[k].end).find('\n') ==
                               std::string_view::npos;  // same paragraph
    if (k >= 0 && is_closing_mark(low_[k]) && k > 0 && (toks[k].sentence == toks[cue.b].sentence || question_before)) {
      int32_t q = in_quote_[k - 1];
      if (q < 0 && k >= 2) q = in_quote_[k - 2];
      bool starts = false;  // the quotation opens its sentence ("“…,” he said"), else it is a fragment
      if (q >= 0) {
        uint32_t p0 = mark_first_tok_[q];
        uint32_t qsb = sentence_begin_tok(p0 < n ? p0 : n - 1);
        while (p0 > qsb && (is_opening_mark(low_[p0 - 1]) || equals(low_[p0 - 1], "'") || equals(low_[p0 - 1], "`"))) --p0;
        starts = p0 == qsb || toks[qsb].sentence != toks[cue.b].sentence;
      }
      if (q >= 0 && !mark_done_[q] && starts) {
        mark_done_[q] = 1;
        add(marks_[q].content_begin, marks_[q].content_end, "direct", sp, &cue);
        done_until = std::max(done_until, sp_end);
        // "“A,” Mr. Doe said, “B …”": the quotation resumes after the attribution.
        uint32_t r = std::max(right ? sp_end : cue.e, cue.e);
        for (uint32_t t = r; t < se && t < r + 10; ++t) {
          if (is_opening_mark(low_[t]) && t + 1 < n && in_quote_[t + 1] >= 0 && !mark_done_[in_quote_[t + 1]] &&
              (equals(low_[t - 1], ",") || equals(low_[t - 1], ":"))) {
            int32_t q2 = in_quote_[t + 1];
            mark_done_[q2] = 1;
            add(marks_[q2].content_begin, marks_[q2].content_end, "direct", sp, &cue);
            break;
          }
          if (in_quote_[t] >= 0 || equals(low_[t], ".") || equals(low_[t], ";")) break;
        }
        // The same sentence may go on: "“A,” he said, adding that …" is left to the next cue.
        continue;
      }
      if (q >= 0 && !mark_done_[q] && !starts && mark_first_tok_[q] > sb) {
        // "With thousands of systems, “there is no single point of failure,” he said":
        // reported speech that ends in a quoted fragment.
        add_content(sb, static_cast<uint32_t>(k + 1), *sp, cue);
        uint32_t r = std::max(right ? sp_end : cue.e, cue.e);
        if (r + 1 < se && equals(low_[r], ",") && se - r > 3) add_content(r + 1, se, *sp, cue);
        done_until = std::max(done_until, se);
        continue;
      }
    }
    // 2. A quotation right after it: "X said: “…”", "X told reporters, “…”".
    uint32_t a = right ? sp_end : cue.e;
    if (cue.kind == VerbKind::Tell && !right) {
      // Skip the hearer: "told Reuters", "told reporters on Tuesday".
      uint32_t h = a;
      while (h < se && h < a + 5 && in_quote_[h] < 0 && !equals(low_[h], "that") && !equals(low_[h], ":") && !equals(low_[h], ",") &&
             !is_opening_mark(low_[h]) && !(h > a && has(h, kClauseOpener) && !equals(low_[h], "the")))
        ++h;
      a = h;
    }
    uint32_t a2 = a;
    // Adjuncts before the content: "on Tuesday", "in a statement", "in an interview".
    while (a2 < se && a2 < a + 6 && has(a2, kAdjunct))
      ++a2;
    if (a2 < se && !equals(low_[a2], "that")) {
      // "says in Ohio that …", "said at a news conference on Monday that …": a phrase
      // opened by a preposition, then "that".
      a2 = a;
      if (a < se && has(a, kPrep)) {
        for (uint32_t t = a + 1; t < se && t < a + 14 && in_quote_[t] < 0; ++t) {
          if (equals(low_[t], "that")) {
            a2 = t;
            break;
          }
          if (equals(low_[t], ";") || equals(low_[t], ":") || is_opening_mark(low_[t])) break;
        }
      }
    }
    uint32_t c = a2;
    // "says of Clinton, “…”", "told the crowd: “…”": a short phrase, then the quotation.
    for (uint32_t t = c; t < se && t < c + 6 && in_quote_[t] < 0; ++t) {
      if ((equals(low_[t], ":") || equals(low_[t], ",")) && t + 1 < n && is_opening_mark(low_[t + 1])) {
        c = t;
        break;
      }
      if (toks[t].kind == TokenKind::Punct && !equals(low_[t], "-")) break;
    }
    if (c < n && (equals(low_[c], ":") || equals(low_[c], ",")) && c + 1 < n) ++c;
    if (c < n && is_opening_mark(low_[c]) && c + 1 < n && in_quote_[c + 1] >= 0 && !mark_done_[in_quote_[c + 1]]) {
      int32_t q = in_quote_[c + 1];
      bool whole = equals(low_[c - 1], ":") || equals(low_[c - 1], ",") || mark_last_tok_[q] + 3 >= se || marks_[q].multi_paragraph;
      mark_done_[q] = 1;
      add(marks_[q].content_begin, marks_[q].content_end, whole ? "direct" : "partial", sp, &cue);
      done_until = std::max(done_until, mark_last_tok_[q]);
      continue;
    }
    if (right && cue.kind != VerbKind::Source) {
      // "…, points out X": the content is what came before, from the sentence's start.
      uint32_t cb = sb;
      uint32_t ce = cue.b;
      while (ce > cb && (equals(low_[ce - 1], ",") || is_closing_mark(low_[ce - 1]) || is_dash(low_[ce - 1]))) {
        if (is_closing_mark(low_[ce - 1])) break;
        --ce;
      }
      if (ce > cb + 3) add_content(cb, ce, *sp, cue);
      done_until = std::max(done_until, sp_end);
      continue;
    }
    if (cue.kind == VerbKind::Source) {
      // "according to X, …" at the start, or "…, according to X" at the end.
      if (cue.b == sb || (cue.b > sb && !(equals(low_[cue.b - 1], ",") || is_closing_mark(low_[cue.b - 1])))) {
        uint32_t cb = sp_end;
        while (cb < se && !equals(low_[cb], ",")) ++cb;
        if (cue.b == sb && cb + 1 < se) add_content(cb + 1, se, *sp, cue);
      } else {
        uint32_t ce = cue.b;
        while (ce > sb && equals(low_[ce - 1], ",")) --ce;
        if (ce > sb + 1) add_content(sb, ce, *sp, cue);
      }
      done_until = std::max(done_until, se);
      continue;
    }
    // 3. "X said that …" / "X said Russia would …"
    if (a2 < se && equals(low_[a2], "that")) {
      uint32_t ce = clip_at_next_cue(a2 + 1, se);
      add_content(a2 + 1, ce, *sp, cue);
      done_until = std::max(done_until, ce);
      continue;
    }
    if (clause_start(a, se) && (cue.kind == VerbKind::Speech || cue.kind == VerbKind::Tell)) {
      uint32_t ce = clip_at_next_cue(a, se);
      add_content(a, ce, *sp, cue);
      done_until = std::max(done_until, ce);
      continue;
    }
    // 4. "…, X said." : the content is the sentence up to the comma before the speaker.
    uint32_t tail = sp_end;
    if (!right) tail = cue.e;
    bool ends_soon = se - tail <= 8;
    while (sp_start > sb && (equals(low_[sp_start - 1], "the") || equals(low_[sp_start - 1], "a") || equals(low_[sp_start - 1], "an"))) --sp_start;
    // "Hawaii, as one of the advisers pointed out, rarely gets …": a parenthetical attribution.
    if (sp_start > sb + 1 && equals(low_[sp_start - 1], "as") && equals(low_[sp_start - 2], ",")) --sp_start;
    if (sp_start > sb && equals(low_[sp_start - 1], ",")) {
      uint32_t ce = sp_start - 1;
      if (tail < se && equals(low_[tail], ",") && se - tail > 4) {
        // "The museum, Mr. Doe said, celebrated …": the content is on both sides.
        if (ce > sb) add_content(sb, ce, *sp, cue);
        add_content(tail + 1, se, *sp, cue);
        done_until = std::max(done_until, se);
        continue;
      }
      if (ends_soon) {
        if (ce > sb + 2) add_content(sb, ce, *sp, cue);
        done_until = std::max(done_until, se);
        continue;
      }
    }
  }

  // Headline style "Jane Doe: Voters Are Worried About the Economy": a person, a colon, a claim.
  for (uint32_t si = 0; si < seg_.sentences.size(); ++si) {
    uint32_t sb = seg_.first_token[si];
    if (sb >= n || ent_start_[sb] < 0 || !equals(ents_[ent_start_[sb]].type, "PERSON")) continue;
    uint32_t e = sb;
    while (e < n && ent_at_[e] == ent_start_[sb]) ++e;
    uint32_t se = sentence_end_tok(sb);
    if (e + 5 >= se || !equals(low_[e], ":") || in_quote_[e + 1] >= 0 || is_opening_mark(low_[e + 1])) continue;
    bool taken = false;
    for (const Out& o : out_) taken = taken || (o.b >= toks[sb].begin && o.b < toks[se - 1].end);
    if (taken) continue;
    Cue colon{e, e + 1, VerbKind::Speech, false};
    add_content(e + 1, se, from_entity(static_cast<size_t>(ent_start_[sb])), colon);
  }

  // A transcript without quotation marks: a paragraph that opens with a speaker label in
  // capitals naming a person of the document ("TAPPER: Is that a yes?") is their words.
  // Labels that name nobody ("UPDATE:", "EXCLUSIVE:") are left alone.
  // The paragraphs' first tokens in order: each searched from the previous one's, not in
  // all the tokens.
  uint32_t para_tok = 0;
  for (size_t p = 0; p < para_starts_.size(); ++p) {
    uint32_t pb = para_starts_[p], pe = p + 1 < para_starts_.size() ? para_starts_[p + 1] : static_cast<uint32_t>(text_.size());
    // A capital, then a lower-case letter ("The", "Mr."): the first word, which starts there
    // (at the text's start or after the line break) and holds both letters (no word break
    // between letters), is not in capitals. Most paragraphs are told so without a search
    // for their first token.
    if (pb + 1 < pe && text_[pb] >= 'A' && text_[pb] <= 'Z' && text_[pb + 1] >= 'a' && text_[pb + 1] <= 'z') continue;
    const uint32_t ft = para_tok = tok_after(para_tok, [pb](const Token& x) { return x.begin < pb; });
    if (ft >= n || toks[ft].begin >= pe || in_quote_[ft] >= 0) continue;
    // In capitals only: "Jane Doe: Keep it" paragraphs are as often headings as speech.
    std::string_view first = raw(ft);
    bool capitals = first.size() >= 2 && std::none_of(first.begin(), first.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
    if (!capitals) continue;
    // The paragraph's tokens, [ft, pt): searched for a paragraph that may open with a label only.
    uint32_t pt = tok_after(ft, [pe](const Token& x) { return x.begin < pe; });
    uint32_t c = ft;
    std::optional<Speaker> sp = transcript_label(ft, pt, &c);
    if (!sp || sp->name.empty() || c + 3 >= pt) continue;
    bool taken = false;
    for (uint32_t t = c + 1; t < pt && !taken; ++t) taken = in_quote_[t] >= 0;
    for (const Out& o : out_) taken = taken || (o.b >= toks[c + 1].begin && o.b < toks[pt - 1].end);
    if (taken) continue;
    add(toks[c + 1].begin, toks[pt - 1].end, "direct", sp, nullptr);
  }

  // Quotations left without attribution.
  for (size_t q = 0; q < marks_.size(); ++q) {
    if (mark_done_[q]) continue;
    const QuoteSpan& m = marks_[q];
    uint32_t ft = mark_first_tok_[q];
    if (ft >= n) continue;
    int para = paragraph_of(m.open);
    // Words in the quote, counted up to 13: only compared with 3, 8 and 12 below.
    size_t words = 0;
    for (uint32_t t = ft; t < mark_last_tok_[q] && words <= 12; ++t) words += toks[t].kind == TokenKind::Word;
    uint32_t sb = sentence_begin_tok(ft);
    uint32_t p0 = ft;
    while (p0 > sb && (is_opening_mark(low_[p0 - 1]) || equals(low_[p0 - 1], "'") || equals(low_[p0 - 1], "`"))) --p0;
    bool starts_sentence = p0 == sb || toks[ft].sentence != toks[sb].sentence;
    // A transcript's speaker label opening a paragraph: "“WALLACE: Let's start ...", "“Jane
    // Doe: Well, ...": the label's person speaks what follows the colon.
    bool para_starts_with_quote = para_starts_.size() > static_cast<size_t>(para) && m.open == para_starts_[para];
    uint32_t colon = ft;
    if (std::optional<Speaker> sp = para_starts_with_quote ? transcript_label(ft, mark_last_tok_[q], &colon) : std::nullopt) {
      if (colon + 1 < mark_last_tok_[q]) {
        mark_done_[q] = 1;
        add(toks[colon + 1].begin, m.content_end, "direct", sp, nullptr);
        continue;
      }
    }
    // "“…” — X": a dash and a name after the closing mark.
    uint32_t after = mark_last_tok_[q];
    while (after < n && is_closing_mark(low_[after])) ++after;
    if (after + 1 < n && is_dash(low_[after]) && ent_start_[after + 1] >= 0 && equals(ents_[ent_start_[after + 1]].type, "PERSON")) {
      mark_done_[q] = 1;
      add(m.content_begin, m.content_end, "direct", from_entity(static_cast<size_t>(ent_start_[after + 1])), nullptr);
      continue;
    }
    // A colon introduction without a verb: "Jane Doe, 25, a nurse: “…”".
    if (ft >= 3) {
      uint32_t c = ft - 1;
      while (c > 0 && is_opening_mark(low_[c])) --c;
      if (equals(low_[c], ":") && c > 0) {
        uint32_t lb = sentence_begin_tok(c - 1);
        if (ent_start_[lb] >= 0 && (equals(ents_[ent_start_[lb]].type, "PERSON") || equals(ents_[ent_start_[lb]].type, "ORG")) && c - lb <= 12) {
          mark_done_[q] = 1;
          Speaker sp = from_entity(static_cast<size_t>(ent_start_[lb]));
          uint32_t e = lb;
          while (e < c && ent_at_[e] == ent_start_[lb]) ++e;
          if (e < c && equals(low_[e], ",") && e + 1 < c) sp.description = text(toks[e + 1].begin, toks[c - 1].end);
          add(m.content_begin, m.content_end, "direct", sp, nullptr);
          continue;
        }
      }
    }
    // Continuation of the previous attributed quote: in the same paragraph ("“A,” he said.
    // “B.”"), or a paragraph of quotation after one that ended with a quote or a colon.
    const Out* prev = nullptr;
    for (const Out& o : out_)
      if (o.b < m.open && o.speaker && (equals(o.kind, "direct") || equals(o.kind, "indirect")) && (!prev || o.b > prev->b)) prev = &o;
    if (prev && starts_sentence && words >= 3 &&
        (prev->paragraph == para || (para_starts_with_quote && prev->paragraph >= para - 1))) {
      mark_done_[q] = 1;
      add(m.content_begin, m.content_end, "direct", prev->speaker, nullptr);
      continue;
    }
    // "Trump admires Vladimir Putin as a “strong leader”", "Harry Reid has been pounding Trump
    // as a “con artist”": a person opening the sentence characterises someone in their own
    // words. The person must lead the sentence (only capitalised words or titles before it).
    {
      uint32_t o = ft;
      while (o > sb && is_opening_mark(low_[o - 1])) --o;
      uint32_t a = o;
      if (a > sb && (equals(low_[a - 1], "a") || equals(low_[a - 1], "an") || equals(low_[a - 1], "the"))) --a;
      if (a > sb + 2 && equals(low_[a - 1], "as")) {
        std::optional<Speaker> subj;
        uint32_t subj_end = sb;
        for (uint32_t t = sb; t + 1 < a && t < sb + 8 && !subj; ++t) {
          if (ent_start_[t] >= 0 && equals(ents_[ent_start_[t]].type, "PERSON")) {
            subj = from_entity(static_cast<size_t>(ent_start_[t]));
            subj_end = t;
            while (subj_end < a && ent_at_[subj_end] == ent_start_[t]) ++subj_end;
          } else if (toks[t].kind == TokenKind::Word && !upper_start(t) && !is_title(t)) {
            break;
          }
        }
        // Not a passive ("what has been described as a “…”", "known as the “…”"), and the
        // verb near the person ("an incident Trump brought up as …" is Trump's, not the subject's).
        bool passive = false;
        for (uint32_t t = subj_end; t < a && !passive; ++t) {
          passive = equals(low_[t], "known") || in_quote_[t] >= 0;
          bool be = equals(low_[t], "been") || equals(low_[t], "being") || equals(low_[t], "was") || equals(low_[t], "were") || equals(low_[t], "is") ||
                    equals(low_[t], "are") || equals(low_[t], "be");
          if (!be) continue;
          uint32_t v = t + 1;  // a participle after "be" ("was described"), not "-ing" ("has been pounding")
          while (v < a && has(v, kAdverb)) ++v;
          std::string_view w = v < a ? low_[v] : std::string_view();
          passive = w.size() > 3 && (w.ends_with("ed") || w.ends_with("en") || equals(w, "called") || equals(w, "known"));
        }
        // Another person between them that is not the one characterised (right before "as")
        // would be the one speaking: "an incident Trump brought up as “very fishy”".
        for (uint32_t t = subj_end; t + 1 < a && !passive; ++t) {
          if (ent_start_[t] < 0 || !equals(ents_[ent_start_[t]].type, "PERSON")) continue;
          uint32_t e = t;
          while (e < a && ent_at_[e] == ent_start_[t]) ++e;
          passive = e != a - 1;
        }
        if (subj && !passive && a - subj_end <= 16) {
          mark_done_[q] = 1;
          add(m.content_begin, m.content_end, "partial", subj, nullptr);
          continue;
        }
      }
    }
    // A quotation inside a sentence that attributes something: a fragment of that speech.
    const Out* same = nullptr;
    const uint32_t sentence_end_byte = toks[sentence_end_tok(ft) - 1].end;  // once, not per record
    for (const Out& o : out_)
      if (o.speaker && o.b >= toks[sb].begin && o.b < sentence_end_byte) same = &o;
    // "PolitiFact rated the claim “mostly false”", "Japan branded the North an “outlaw
    // nation”": a fragment of three words or more in a sentence whose subject is a name or
    // a pronoun followed by a verb is that subject's characterisation, reported.
    if (!same && words >= 3 && !starts_sentence) {
      uint32_t s0 = sb;
      while (s0 < ft && (equals(low_[s0], "but") || equals(low_[s0], "and") || equals(low_[s0], "however") || equals(low_[s0], ","))) ++s0;
      std::optional<Speaker> subj;
      uint32_t v = s0;
      if (ent_start_[s0] >= 0 && (equals(ents_[ent_start_[s0]].type, "PERSON") || equals(ents_[ent_start_[s0]].type, "ORG") ||
                                  equals(ents_[ent_start_[s0]].type, "GPE"))) {
        subj = from_entity(static_cast<size_t>(ent_start_[s0]));
        while (v < ft && ent_at_[v] == ent_start_[s0]) ++v;
      } else if (is_pronoun(s0) && !equals(low_[s0], "it") &&
                 !equals(low_[s0], "we") && !equals(low_[s0], "i")) {
        subj = from_tokens(s0, s0 + 1, true);
        v = s0 + 1;
      }
      while (v < ft && has(v, kAdverb) && !equals(low_[v], "has") && !equals(low_[v], "had") && !equals(low_[v], "have")) ++v;
      // The verb: a reporting verb, or a past tense ("rated", "branded", "described").
      bool past = low_[v].size() > 3 && low_[v].compare(low_[v].size() - 2, 2, "ed") == 0;
      bool verb = subj && v + 1 < ft && toks[v].kind == TokenKind::Word && (past || forms_at(v)) &&
                  !upper_start(v) &&
                  !(equals(low_[v], "of") || equals(low_[v], "and") || equals(low_[v], "who") || equals(low_[v], "which") || equals(low_[v], "is") ||
                    equals(low_[v], "was") || equals(low_[v], "are") || equals(low_[v], "were"));
      if (verb) {
        Cue vc{v, v + 1, VerbKind::Weak, false};
        uint32_t se = sentence_end_tok(ft);
        add_content(v + 1, clip_at_next_cue(v + 1, se), *subj, vc);
        if (mark_done_[q]) continue;
      }
    }
    mark_done_[q] = 1;
    if (same && words <= 12) {
      add(m.content_begin, m.content_end, "partial", same->speaker, nullptr);
    } else if (words >= 8 && starts_sentence) {
      add(m.content_begin, m.content_end, "direct", std::nullopt, nullptr);
    } else {
      add(m.content_begin, m.content_end, "other", std::nullopt, nullptr);
    }
  }
  // By start, stably. The records are large (over 100 bytes): the sort orders their
  // indices, and each record is moved once.
  if (!std::is_sorted(out_.begin(), out_.end(), [](const Out& a, const Out& b) { return a.b < b.b; })) {
    std::vector<uint32_t> order(out_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [this](uint32_t a, uint32_t b) { return out_[a].b < out_[b].b; });
    std::vector<Out> sorted;
    sorted.reserve(out_.size());
    for (uint32_t i : order) sorted.push_back(std::move(out_[i]));
    out_ = std::move(sorted);
  }
  resolve_pronouns();
  return out_;
}

}  // namespace

QuotesPass::QuotesPass(const Config& config)
    : verbs_(shared_reporting_verbs(config.verb_files)), words_(std::make_unique<Words>(*verbs_)) {}
QuotesPass::~QuotesPass() = default;

void QuotesPass::run(Document& doc) const {
  DocQuotes dq(doc, *words_);
  const std::vector<Out>& quotes = dq.run();
  // Written as JSON text (json::Writer), keys in the schema's order (start, end, text,
  // kind, speaker, cue): no other pass reads "quotes" as JSON.
  const utf8::OffsetIndex& idx = doc.offsets();
  std::string_view text = doc.text();
  json::Writer w;
  w.reserve(256 * quotes.size() + 2);
  auto or_null = [&w](std::string_view s) -> json::Writer& { return s.empty() ? w.null() : w.value(s); };  // "" is null
  // The spans from the text and index at hand, not looked up among the document's keys for
  // every span (two a record; modern: 3.3 M instructions).
  auto span = [&](uint32_t b, uint32_t e) { write_span(w, idx, text, b, e); };
  w.begin_array();
  for (const Out& q : quotes) {
    w.begin_object();
    span(q.b, q.e);
    w.key("kind").value(q.kind).key("speaker");
    if (q.speaker && !equals(q.kind, "other")) {
      const Speaker& s = *q.speaker;
      w.begin_object();
      w.key("name");
      or_null(s.name).key("id");
      or_null(s.id).key("text").value(text.substr(s.b, s.e - s.b));
      w.key("start").value(idx.to_cp(s.b)).key("end").value(idx.to_cp(s.e)).key("description");
      or_null(s.description).end_object();
    } else {
      w.null();
    }
    w.key("cue");
    if (q.cue) {
      w.begin_object();
      span(q.cue->first, q.cue->second);
      w.end_object();
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
  doc.root().set("quotes", w.take());
}

}  // namespace kimput
