// The entity matcher's tokens and the helpers its candidates share (see matcher.h).
#include "kimput/entities/matcher.h"

#include <bit>
#include <span>

#include "kimput/text/swar.h"

namespace kimput::entities_detail {

struct DocumentMatcher::Buffers {
  std::vector<Tok, NoInitAllocator<Tok>> toks;
  std::vector<uint32_t> caps_at, lex_starts_at;
  std::vector<WordType> types;
  std::vector<uint32_t> type_slots;
  ByteStore store;
  std::forward_list<std::string> spill;
  std::vector<Cand> cands;
  std::vector<Mention> nested;
  std::vector<int8_t> owner;
  std::vector<int8_t> title_before, lex_place;
  std::vector<SentenceShape> shape;
  std::vector<YearAt> years_at;
  std::vector<LookUp, NoInitAllocator<LookUp>> look_ups;
  std::vector<uint32_t> sports_types;
  std::vector<uint32_t> family_end;
  std::vector<int8_t> lex_long;
  std::vector<int32_t> lex_person, container;
  std::vector<Cand*> chosen;
  std::vector<int8_t> taken, starts;
  std::vector<std::pair<uint32_t, uint32_t>> not_person;
  std::vector<std::pair<uint32_t, size_t>> by_first;
  std::vector<Mention> extra;
  std::vector<std::pair<uint64_t, uint64_t>> order;
  std::vector<Mention> mentions, resolved;
};

DocumentMatcher::Buffers& DocumentMatcher::thread_buffers() {
  thread_local Buffers buffers;
  return buffers;
}

void DocumentMatcher::exchange_buffers(Buffers& b, bool clear) {
  auto x = [clear](auto& mine, auto& theirs) {
    if (clear) mine.clear();
    mine.swap(theirs);
  };
  x(toks_, b.toks);
  x(caps_at_, b.caps_at);
  x(lex_starts_at_, b.lex_starts_at);
  x(types_, b.types);
  x(type_slots_, b.type_slots);
  x(store_, b.store);
  x(spill_, b.spill);
  x(cands_, b.cands);
  x(nested_, b.nested);
  x(owner_, b.owner);
  x(title_before_, b.title_before);
  x(lex_place_, b.lex_place);
  x(shape_, b.shape);
  x(years_at_, b.years_at);
  x(look_ups_, b.look_ups);
  x(sports_types_, b.sports_types);
  x(family_end_, b.family_end);
  x(lex_long_, b.lex_long);
  x(lex_person_, b.lex_person);
  x(container_, b.container);
  x(chosen_, b.chosen);
  x(taken_, b.taken);
  x(starts_, b.starts);
  x(not_person_, b.not_person);
  x(by_first_, b.by_first);
  x(extra_, b.extra);
  x(order_, b.order);
  x(mentions_, b.mentions);
  x(resolved_, b.resolved);
}

DocumentMatcher::DocumentMatcher(const Document& doc, const Lexicon& lex, const ReportingVerbs& verbs)
    : doc_(doc), text_(doc.text()), lex_(lex), verbs_(verbs), words_(name_lists()) {
  exchange_buffers(thread_buffers(), false);  // all empty (see the destructor)
}

DocumentMatcher::~DocumentMatcher() {
  // After a very large document the buffers are freed, not kept for the thread's next ones
  // (the thread's buffers stay empty: the next document allocates its own).
  constexpr size_t kKeepBytes = size_t{16} << 20, kKeepTokens = size_t{1} << 20;
  if (store_.capacity > kKeepBytes || toks_.capacity() > kKeepTokens) return;
  exchange_buffers(thread_buffers(), true);
}

std::string_view DocumentMatcher::keep(std::string_view s) {
  if (store_.size + s.size() > store_.capacity) return spill_.emplace_front(s);
  char* out = store_.bytes.get() + store_.size;
  std::memcpy(out, s.data(), s.size());
  store_.size += s.size();
  return {out, s.size()};
}

std::string_view DocumentMatcher::keep_ascii_lower(std::string_view w, uint64_t lower_head) {
  // Eight bytes are written at a time, the last ones past the word: the store needs room
  // for them too.
  if (store_.size + w.size() + 8 > store_.capacity) return spill_.emplace_front(utf8::lower(w));
  char* out = store_.bytes.get() + store_.size;
  std::memcpy(out, &lower_head, 8);
  for (size_t k = 8; k < w.size(); k += 8) {
    const uint64_t v = swar::ascii_lower_7bit(load_tail_up_to_8(w.data() + k, std::min<size_t>(8, w.size() - k)));
    std::memcpy(out + k, &v, 8);
  }
  store_.size += w.size();
  return {out, w.size()};
}

bool DocumentMatcher::stance_prefixed(size_t i) const {
  return i >= 2 && equals(toks_[i - 1].key, "-") && toks_[i - 1].begin == toks_[i - 2].end && toks_[i].begin == toks_[i - 1].end &&
         (lower_key_is(i - 2, "pro") || lower_key_is(i - 2, "anti"));
}

void DocumentMatcher::append_lower_key(std::string& out, size_t k) const {
  const Tok& t = toks_[k];
  // A word's lower case is in its table entry (of word(), the key when no possessive).
  if (t.kind == TokenKind::Word && t.stripped.empty()) {
    out += t.lower;
    return;
  }
  // Punctuation and numbers are mostly ASCII without capitals: their own lower case.
  bool plain = true;
  for (char c : t.key) plain = plain && static_cast<unsigned char>(c) < 0x80 && !(c >= 'A' && c <= 'Z');
  if (plain) out += t.key;
  else out += utf8::lower(t.key);
}

bool DocumentMatcher::lower_key_is(size_t k, std::string_view w) const {
  const Tok& t = toks_[k];
  if (t.stripped.empty()) return t.lower == w;
  return utf8::lower(t.key) == w;
}

// Inline: called once or twice per token, by prepare_tokens() alone.
inline uint32_t& DocumentMatcher::type_slot(std::string_view key, uint64_t head, uint32_t* slots, const WordType* types) {
  const size_t mask = ~uint64_t{0} >> type_shift_;  // type_slots_.size() - 1, without loading the size
  // Equal heads (the first 8 bytes) and sizes of at most 8 bytes are equal words: most
  // words are answered without a memcmp call. Such a word's slot comes from its head
  // (multiplicative hashing, the top bits), not hash_bytes(): hash_bytes() is needed only at
  // a word's first look-up (see prepare_tokens()).
  size_t i = home_slot(key, head);
  for (; slots[i] != 0; i = (i + 1) & mask) {
    const WordType& wt = types[slots[i] - 1];
    if (wt.head == head && wt.key.size() == key.size() && (key.size() <= 8 || wt.key == key)) break;
  }
  return slots[i];
}

inline uint32_t DocumentMatcher::word_type(uint32_t& slot, std::string_view key, uint64_t head) {
  if (slot != 0) return slot - 1;
  types_.emplace_back(key, head);
  slot = static_cast<uint32_t>(types_.size());
  if (types_.size() * 2 > type_slots_.size()) grow_type_slots();
  return static_cast<uint32_t>(types_.size() - 1);
}

void DocumentMatcher::grow_type_slots() {
  type_slots_.assign(type_slots_.size() * 2, 0);
  --type_shift_;
  const size_t mask = type_slots_.size() - 1;
  for (size_t k = 0; k < types_.size(); ++k) {
    const WordType& wt = types_[k];
    size_t i = home_slot(wt.key, wt.head);
    while (type_slots_[i] != 0) i = (i + 1) & mask;
    type_slots_[i] = static_cast<uint32_t>(k + 1);
  }
}

uint32_t DocumentMatcher::lex_title_word(size_t j) {
  WordType& wt = types_[toks_[j].type];
  uint32_t& id = wt.lex_title;
  if (id != WordType::kUnset) return id;
  const std::string_view key = toks_[j].key;
  if (key.size() <= 8 && (wt.head & swar::kHigh) == 0) {
    // title_case() of an ASCII word in its eight bytes, without a string: a capital is
    // lowered right after a letter ("TOKYO" -> "Tokyo", "O'NEIL" -> "O'Neil").
    const uint64_t lowered = swar::ascii_upper_7bit(wt.head) & (swar::ascii_letters_7bit(wt.head) << 8);
    const uint64_t head = wt.head | (lowered >> 2);
    char title[8];
    std::memcpy(title, &head, 8);
    const std::string_view t(title, key.size());
    return id = lex_.word_id(t, hash_bytes(t, head), head);
  }
  return id = lex_.word_id(title_case(key));
}

namespace {

// Whether a token is ASCII, and its ASCII letters and upper-case letters, counted eight
// bytes at a time: a byte loop over every token was a fifth of prepare_tokens().
struct AsciiShape {
  bool ascii = true;
  uint32_t letters = 0, upper = 0;
};

// `head`: the first 8 bytes of s, zero-padded (load_up_to_8).
AsciiShape ascii_shape(std::string_view s, uint64_t head) {
  AsciiShape out;
  // The head first, with no test of the size: a token has at least one byte, and most have
  // at most eight.
  uint64_t v = head;
  for (size_t at = 8;; at += 8) {
    if (v & swar::kHigh) {
      out.ascii = false;
      return out;
    }
    // No byte from 0x80 here: the 7-bit tests.
    out.upper += swar::count(swar::ascii_upper_7bit(v));
    out.letters += swar::count(swar::ascii_letters_7bit(v));
    if (at >= s.size()) return out;
    // Zero-padded; s has more than 8 bytes here, so its last 8 are one load.
    v = load_tail_up_to_8(s.data() + at, std::min<size_t>(8, s.size() - at));
  }
}

// Whether s is ASCII; `head`: its first 8 bytes, as for ascii_shape().
bool is_ascii(std::string_view s, uint64_t head) {
  uint64_t high = head;
  for (size_t at = 8; at < s.size(); at += 8) high |= load_tail_up_to_8(s.data() + at, std::min<size_t>(8, s.size() - at));
  return (high & swar::kHigh) == 0;
}

}  // namespace

void DocumentMatcher::prepare_tokens() {
  const Segmentation& seg = doc_.segmentation();
  const size_t n = seg.tokens.size();
  toks_.resize(n);  // not initialised: the loops below set every field
  caps_at_.clear();
  caps_at_.reserve(n);
  lex_starts_at_.clear();
  lex_starts_at_.reserve(n);
  // Slots for twice the tokens up to 2,048 (the entries fill at most half), for as many as
  // the tokens above: a long story's tokens are mostly repeats, and zeroing slots for twice
  // them cost more than the rare growth (word_type() doubles the slots when half are filled).
  size_t slots = 64;
  while (slots < n || (slots < 2 * n && slots < 2048)) slots *= 2;
  type_slots_.assign(slots, 0);
  type_shift_ = static_cast<unsigned>(64 - std::countr_zero(slots));
  types_.reserve(n / 2 + 16);
  // Lower-casing grows a word by at most half; keys only shrink. Reserved once, so views
  // into store_ stay valid.
  store_.reserve(text_.size() * 2 + 64);
  // Sized once (a sentence without words keeps zeros, as one past the end would read).
  shape_.assign(seg.sentences.size(), SentenceShape{});
  uint32_t last_sentence = UINT32_MAX;
  bool seen_word = false;
  // The current sentence's counts, stored in shape_ when it ends (its tokens are consecutive).
  SentenceShape sh;
  // The distinct words to look up in the word lists (and in the lexicon: see below), with
  // their hashes. The look-ups wait until the loop has found them all and prefetched the
  // tables' slots for every one: one cache miss after another was most of this function's
  // time.
  // Sized for a word a token, not initialised: each is written by index (a push_back()
  // tested the capacity and stored the end at every one).
  std::vector<LookUp, NoInitAllocator<LookUp>>& look_ups = look_ups_;  // (LookUp: see matcher.h)
  look_ups.resize(n);
  size_t look_up_count = 0;
  // The text and the arrays the loop reads and writes (none grows in it), read once: the
  // loop's stores (to a token, through a reference) would have them loaded again for every
  // token.
  const char* const text = text_.data();
  const size_t text_size = text_.size();
  const Token* const seg_toks = seg.tokens.data();
  Tok* const toks = toks_.data();
  SentenceShape* const shapes = shape_.data();
  LookUp* const look_up_at = look_ups.data();
  // The slots and the word types, which a new word may move (word_type()): taken again after it.
  uint32_t* slot_array = type_slots_.data();
  const WordType* type_array = types_.data();
  for (size_t i = 0; i < n; ++i) {
    const Token& st = seg_toks[i];
    Tok& t = toks[i];
    t.begin = st.begin;
    t.end = st.end;
    t.sentence = st.sentence;
    t.kind = st.kind;
    std::string_view raw(text + st.begin, st.end - st.begin);
    // (The 8 bytes from a token's start are in the text but for its last few bytes.)
    const uint64_t head = st.begin + 8 <= text_size ? load_up_to_8_within(raw.data(), raw.size()) : load_up_to_8(raw.data(), raw.size());
    uint32_t* slot = &type_slot(raw, head, slot_array, type_array);
    t.stripped_end = st.end;
    if (st.sentence != last_sentence) {
      if (last_sentence != UINT32_MAX) shapes[last_sentence] = sh;
      sh = {};
      last_sentence = st.sentence;
      seen_word = false;
    }
    // Punctuation and numbers (more than half of a news story's tokens) repeat: a text met
    // before is a key already (token_key() of a key is itself), and that is all they need.
    if (st.kind != TokenKind::Word && *slot != 0) {
      t.key = raw;
      t.type = *slot - 1;
      continue;
    }
    // A word whose shape a token of the same text gave before (most words are repeats): its
    // text has no byte that token_key() folds (that token's had none), so it is the key.
    const bool known = st.kind == TokenKind::Word && *slot != 0 && type_array[*slot - 1].shape_known;
    AsciiShape shape;
    bool foldable = false;
    if (known) {
      t.key = raw;
      t.type = *slot - 1;
      const WordType& wt = types_[t.type];
      t.cap = wt.cap;
      t.allcaps = wt.allcaps;
      if (wt.stripped_size != raw.size()) {
        t.stripped = raw.substr(0, wt.stripped_size);
        t.stripped_end = st.end - static_cast<uint32_t>(raw.size() - wt.stripped_size);  // ' or 's, one byte each
      } else {
        t.stripped = {};
      }
    } else {
      // Letters count for words only; of other tokens (punctuation, numbers) only whether
      // they are ASCII matters.
      if (st.kind == TokenKind::Word) shape = ascii_shape(raw, head);
      else shape.ascii = is_ascii(raw, head);
      // token_key() folds only curly apostrophes and Unicode hyphens (lead bytes E2, CA),
      // which an ASCII token has none of. A plain loop: find_first_of() calls memchr on the
      // two-byte set for each byte.
      if (!shape.ascii)
        for (char c : raw) foldable = foldable || c == '\xE2' || c == '\xCA';
      if (foldable) {
        t.key = keep(token_key(raw));
        const uint64_t key_head = load_up_to_8(t.key.data(), t.key.size());
        slot = &type_slot(t.key, key_head, slot_array, type_array);
        t.type = word_type(*slot, t.key, key_head);
      } else {
        t.key = raw;
        t.type = word_type(*slot, raw, head);
      }
      slot_array = type_slots_.data();
      type_array = types_.data();
    }
    if (st.kind == TokenKind::Word) {
      if (!known) {
        size_t letters = shape.letters, upper = shape.upper;
        if (shape.ascii) {
          t.cap = raw[0] >= 'A' && raw[0] <= 'Z';
        } else {  // any script: ICU's letter and case properties
          t.cap = is_upper_start(raw);
          letters = upper = 0;
          for (size_t k = 0; k < raw.size();) {
            char32_t cp = utf8::next(raw, k);
            if (u_isalpha(static_cast<UChar32>(cp))) {
              ++letters;
              upper += u_isupper(static_cast<UChar32>(cp)) ? 1 : 0;
            }
          }
        }
        // "UNHCR's" is written in capitals: the possessive's "s" does not count.
        if (letters > upper && raw.size() > 2 && raw.back() == 's' && (raw[raw.size() - 2] == '\'' || raw.ends_with("\xE2\x80\x99s")))
          --letters;
        t.allcaps = letters >= 2 && upper == letters;
        if (t.key.size() > 2 && t.key.compare(t.key.size() - 2, 2, "'s") == 0) {
          t.stripped = t.key.substr(0, t.key.size() - 2);
          // The possessive in the raw text may be ’ (3 bytes) or ' (1 byte).
          size_t s_pos = raw.size() - 1;                       // the final 's'
          size_t apos = s_pos;                                 // start of the apostrophe
          while (apos > 0 && (static_cast<unsigned char>(raw[apos - 1]) & 0xC0) == 0x80) --apos;
          if (apos > 0) --apos;
          t.stripped_end = st.begin + static_cast<uint32_t>(apos);
        } else if (t.key.size() > 1 && t.key.back() == '\'' ) {
          t.stripped = t.key.substr(0, t.key.size() - 1);
          t.stripped_end = st.end - (raw.back() == '\'' ? 1 : 3);
        } else {
          t.stripped = {};
        }
        if (!foldable) {  // the text is the key: the next tokens of this text copy the shape
          WordType& wt = types_[t.type];
          wt.shape_known = true;
          wt.cap = t.cap;
          wt.allcaps = t.allcaps;
          wt.stripped_size = static_cast<uint32_t>(t.stripped.empty() ? raw.size() : t.stripped.size());
        }
      }
      // The sentence's first word, after an opening quote or bracket or not: no word came
      // before it in the sentence.
      t.initial = !seen_word;
      seen_word = true;
      WordType& wt = types_[t.type];
      if (!wt.looked_up) {  // first occurrence: look the word up
        wt.looked_up = true;
        std::string_view w = t.word();
        // An ASCII token's key is its text, and the word is the key less an "'s" or "'":
        // its upper-case letters are the token's.
        bool ascii = shape.ascii, has_upper = shape.upper > 0;
        if (!shape.ascii) {
          ascii = true;
          for (char c : w) {
            ascii = ascii && static_cast<unsigned char>(c) < 0x80;
            has_upper = has_upper || (c >= 'A' && c <= 'Z');
          }
        }
        // Compared once here; most words are their own lower case (the same view: no memcmp).
        bool lower_same = ascii && !has_upper;
        uint64_t lower_hash = 0;
        if (lower_same) {
          wt.lower = w;
        } else if (ascii) {  // A-Z to a-z, as utf8::lower() does, without its string
          // The word's first 8 bytes are the key's (zero-padded), less the possessive.
          const uint64_t w_head = w.size() >= 8 ? wt.head : wt.head & ((uint64_t{1} << (8 * w.size())) - 1);
          const uint64_t low_head = swar::ascii_lower_7bit(w_head);
          wt.lower = keep_ascii_lower(w, low_head);
          lower_hash = hash_bytes(wt.lower, low_head);
        } else {
          wt.lower = keep(utf8::lower(w));
          lower_same = wt.lower == w;
          lower_hash = hash_bytes(wt.lower);
        }
        wt.hash = hash_bytes(wt.key, wt.head);
        LookUp u{t.type, static_cast<uint32_t>(t.stripped.size()), 0, lower_hash, false, lower_same};
        words_.flag_ids.prefetch(wt.hash);
        if (!t.stripped.empty()) words_.flag_ids.prefetch(u.stripped_hash = hash_bytes(t.stripped));
        if (!lower_same) words_.flag_ids.prefetch(lower_hash);
        // A capitalised word starts a lexicon match in lexicon_candidates(), which looks its
        // key up first thing (the same hash: the tables share hash_bytes).
        if (t.cap && wt.lex_key == WordType::kUnset) {
          u.lexicon = true;
          lex_.prefetch_word(wt.hash);
        }
        look_up_at[look_up_count++] = u;
      }
      t.lower = wt.lower;
      ++sh.words;
      sh.caps += t.cap ? 1 : 0;
      sh.allcaps += t.allcaps ? 1 : 0;
    }
  }
  if (last_sentence != UINT32_MAX) shape_[last_sentence] = sh;
  for (const LookUp& u : std::span(look_ups.data(), look_up_count)) {
    WordType& wt = types_[u.type];
    std::string_view key = wt.key;
    wt.key_flags = words_.flags(key, wt.hash, wt.head);
    wt.word_flags = u.stripped_size == 0 ? wt.key_flags : words_.flags(key.substr(0, u.stripped_size), u.stripped_hash);
    wt.lower_flags = u.lower_same ? wt.word_flags : words_.flags(wt.lower, u.lower_hash);
    if (wt.lower_flags & NameLists::kSportsWord) sports_types_.push_back(u.type);
    if (u.lexicon) wt.lex_key = lex_.word_id(key, wt.hash, wt.head);
  }
  // Read once, as the arrays above (the push_backs' stores would have it loaded again); here,
  // as the first loop may move the word types (a new one past the reserved room).
  WordType* const types = types_.data();
  for (size_t i = 0; i < n; ++i) {
    Tok& t = toks[i];
    if (t.kind != TokenKind::Word) {  // the fields the loop above sets for words only
      types[t.type].not_word = true;
      t.stripped = {};
      t.cap = t.allcaps = t.initial = false;
      t.lower = {};
      t.key_flags = t.word_flags = t.lower_flags = 0;
      if (t.kind == TokenKind::Number) {
        lex_starts_at_.push_back(static_cast<uint32_t>(i));
        if (t.key.size() == 4) {
          int v = 0;
          for (char c : t.key) v = c >= '0' && c <= '9' && v >= 0 ? v * 10 + (c - '0') : -1;
          if (v >= 1800 && v <= 2100) years_at_.push_back({static_cast<uint32_t>(i), v});
        }
      }
      continue;
    }
    if (t.cap) {  // (here, not in the loop above: its stores cost more there)
      caps_at_.push_back(static_cast<uint32_t>(i));
      lex_starts_at_.push_back(static_cast<uint32_t>(i));
    }
    const WordType& wt = types[t.type];
    t.key_flags = wt.key_flags;
    t.word_flags = wt.word_flags;
    t.lower_flags = wt.lower_flags;
    if (t.lower_flags & NameLists::kPresentMarker) shapes[t.sentence].present = true;
  }
}

bool DocumentMatcher::title_case_around(size_t b, size_t e) const {
  uint32_t words = 0, caps = 0;
  if (toks_[b].sentence < shape_.size()) {
    words = shape_[toks_[b].sentence].words;
    caps = shape_[toks_[b].sentence].caps;
  }
  for (size_t k = b; k < e && k < toks_.size(); ++k)
    if (toks_[k].kind == TokenKind::Word) {
      --words;
      caps -= toks_[k].cap ? 1 : 0;
    }
  return words >= 3 && caps * 10 >= words * 6;
}

size_t DocumentMatcher::unit_end(size_t i) const {
  if (i >= toks_.size()) return i;
  const Tok& t = toks_[i];
  if (t.kind != TokenKind::Word || !t.cap) return i;
  if (t.allcaps && t.key.size() > 1 && !(t.key.size() == 2 && t.key[1] == '.')) return i;
  size_t e = i + 1;
  if (!t.stripped.empty()) return e;
  // Hyphenated parts: "Jong-un", "Leif-Eric".
  while (e + 1 < toks_.size() && equals(toks_[e].key, "-") && toks_[e].begin == toks_[e - 1].end &&
         toks_[e + 1].kind == TokenKind::Word && toks_[e + 1].begin == toks_[e].end && toks_[e + 1].sentence == t.sentence) {
    e += 2;
    if (!toks_[e - 1].stripped.empty()) break;
  }
  return e;
}

size_t DocumentMatcher::name_seq(size_t i, int max_units, int* units, bool* possessive) const {
  *units = 0;
  if (possessive) *possessive = false;
  size_t e = i;
  while (*units < max_units && e < toks_.size()) {
    if (*units > 0 && toks_[e].sentence != toks_[i].sentence) break;
    size_t u = unit_end(e);
    if (u == e) {
      // A particle inside a name ("Ludwig van Beethoven") when a unit follows it.
      if (*units > 0 && toks_[e].kind == TokenKind::Word && (toks_[e].key_flags & NameLists::kParticle) && unit_end(e + 1) > e + 1) {
        ++e;
        continue;
      }
      // A particle joined to the family name by a hyphen ("Mohammed al-Faisal", "el-Sisi"):
      // the three tokens are one unit.
      if (*units > 0 && e + 2 < toks_.size() && toks_[e].kind == TokenKind::Word && (toks_[e].key_flags & NameLists::kParticle) &&
          equals(toks_[e + 1].key, "-") && toks_[e + 1].begin == toks_[e].end && toks_[e + 2].begin == toks_[e + 1].end &&
          toks_[e + 2].sentence == toks_[i].sentence && unit_end(e + 2) > e + 2) {
        ++*units;
        e = unit_end(e + 2);
        if (!toks_[e - 1].stripped.empty()) {
          if (possessive) *possessive = true;
          break;
        }
        continue;
      }
      break;
    }
    ++*units;
    e = u;
    if (!toks_[u - 1].stripped.empty()) {
      if (possessive) *possessive = true;
      break;
    }
  }
  return e;
}

size_t DocumentMatcher::drop_common_tail(size_t b, size_t e, int* units) const {
  // Kept when the sentence goes on in lower case after it: "Prime Minister Ann Law said",
  // "Tom Key of the council".
  if (e < toks_.size() && toks_[e].kind == TokenKind::Word && !toks_[e].cap && toks_[e].sentence == toks_[e - 1].sentence) return e;
  while (*units > 1 && e > b + 1 && toks_[e - 1].common() && toks_[e - 1].stripped.empty() && unit_end(e - 1) == e) {
    --e;
    --*units;
  }
  return e;
}

bool DocumentMatcher::is_verb_at(size_t i, bool speech_only, size_t* end) const {
  if (i >= toks_.size() || toks_[i].kind != TokenKind::Word) return false;
  const auto* forms = toks_[i].stripped.empty() ? verbs_.starting_with(toks_[i].lower)
                                                : verbs_.starting_with(utf8::lower(toks_[i].key));
  if (!forms) return false;
  for (const VerbForm& f : *forms) {
    if (speech_only && f.kind != VerbKind::Speech && f.kind != VerbKind::Tell) continue;
    if (f.participle) continue;
    size_t k = i;
    bool ok = true;
    for (const std::string& w : f.words) {
      if (k >= toks_.size() || !lower_key_is(k, w)) {
        ok = false;
        break;
      }
      ++k;
    }
    if (ok) {
      if (end) *end = k;
      return true;
    }
  }
  return false;
}

uint32_t DocumentMatcher::byte_end(const Cand& c) const {
  const Tok& last = toks_[c.e - 1];
  return last.stripped_end;
}

void DocumentMatcher::add_pattern(uint32_t b, uint32_t e, EntityType type, int prio) {
  if (b >= e) return;
  // A person's name does not end in an organisation's, place's or event's word ("Chalmers
  // Corp" of "Allis-Chalmers Corp"); the tail lists leave out words that are family names.
  if (type == EntityType::PERSON &&
      (toks_[e - 1].word_flags & (NameLists::kOrgTail | NameLists::kPlaceTail | NameLists::kEventTail)))
    return;
  Cand c;
  c.b = b;
  c.e = e;
  c.type = type;
  c.how = How::Pattern;
  c.prio = prio;
  c.end_byte = byte_end(c);
  cands_.push_back(std::move(c));
}

std::string DocumentMatcher::pattern_name(uint32_t b, uint32_t end_byte) const {
  const std::string_view text(text_.data() + toks_[b].begin, end_byte - toks_[b].begin);
  // One space for any run of white space. A name of ASCII characters other than white
  // space, and single spaces between them, is its own (most are).
  bool plain = !text.empty() && text.front() != ' ' && text.back() != ' ';
  size_t k = 0;
  // Eight bytes a step while the byte after them is the text's: none from 0x80, none below
  // a space, and no space followed by one (the bytes from k + 1 read as a second block).
  auto spaces = [](uint64_t w) { return swar::at_least(w, ' ') & ~swar::at_least(w, ' ' + 1); };  // exact per byte
  for (; plain && k + 9 <= text.size(); k += 8) {
    const uint64_t v = swar::load8(text.data() + k), after = swar::load8(text.data() + k + 1);
    plain = ((v & swar::kHigh) | swar::below(v, ' ') | (spaces(v) & spaces(after))) == 0;
  }
  for (; k < text.size() && plain; ++k) {
    const unsigned char ch = static_cast<unsigned char>(text[k]);
    plain = (ch > ' ' && ch < 0x80) || (ch == ' ' && text[k + 1] != ' ');  // a space is not last
  }
  if (plain) return std::string(text);
  std::string norm;
  bool sp = false;
  for (size_t k = 0; k < text.size();) {
    size_t st = k;
    char32_t cp = utf8::next(text, k);
    if (is_space(cp)) {
      sp = true;
      continue;
    }
    if (sp && !norm.empty()) norm += ' ';
    sp = false;
    norm.append(text.substr(st, k - st));
  }
  return norm;
}

bool DocumentMatcher::bare_name(size_t b, size_t e) const {
  if (b > 0 && toks_[b - 1].sentence == toks_[b].sentence) {
    std::string_view p = toks_[b - 1].key;
    if (equals(p, "the") || equals(p, "The") || equals(p, "of") || equals(p, "Of")) return false;  // "the Sea Lions", "Museum of Modern Art"
    if (toks_[b - 1].kind == TokenKind::Word && toks_[b - 1].cap && toks_[b - 1].stripped.empty()) return false;
  }
  // Not in a run of title case: a headline ("Harbour Fish Festival Opens In ...") caps every word.
  if (title_case_around(b, e)) return false;
  for (size_t k = b; k < e; ++k) {
    const Tok& t = toks_[k];
    if (t.kind != TokenKind::Word) continue;
    if (equals(t.key, "-")) continue;
    if (!t.cap && k > b && equals(toks_[k - 1].key, "-")) continue;  // "Chung-tai"
    if (t.allcaps || t.key.size() < 2) return false;
    if (t.word_flags & (NameLists::kOrgTail | NameLists::kPlaceTail | NameLists::kOrgHead)) return false;
    if (t.lower_flags & (NameLists::kRoleNoun | NameLists::kAppositionNoun)) return false;
    // A known given name inside starts the name itself ("Independent Paul Ferris").
    if (k > b && (t.word_flags & NameLists::kGivenName)) return false;
  }
  return true;
}

// An upper-case token of two to six letters that is no common abbreviation, in a sentence
// that is not written in capitals: "NASA", "DAB's".
bool DocumentMatcher::acronym_org(size_t i) const {
  const Tok& t = toks_[i];
  if (t.kind != TokenKind::Word || !t.allcaps) return false;
  std::string_view w = t.word();
  size_t letters = 0;
  for (char c : w) {
    if (c < 'A' || c > 'Z') return false;
    ++letters;
  }
  if (letters < 2 || letters > 6 || (t.word_flags & NameLists::kNotAcronymOrg) || t.common()) return false;
  // Letters the lexicon knows as a name ("LA" of "the LA County office"): that name or none.
  if (uint32_t node = lex_.child(Lexicon::kRoot, w); node != Lexicon::kNone && !lex_.entries_at(node).empty()) return false;
  if (w.find_first_not_of("IVXLCDM") == std::string_view::npos) return false;  // Roman numerals: "XVII"
  // "IE6", "NZ$ 26": a model number or a currency follows.
  if (i + 1 < toks_.size() && toks_[i + 1].begin == t.end && toks_[i + 1].kind != TokenKind::Punct) return false;
  if (i + 1 < toks_.size() && (equals(toks_[i + 1].key, "$") || toks_[i + 1].kind == TokenKind::Number) && t.stripped.empty()) return false;
  // Hyphenated parts ("US-based") and dotted forms are something else.
  if (i + 1 < toks_.size() && equals(toks_[i + 1].key, "-") && toks_[i + 1].begin == t.end) return false;
  if (i > 0 && equals(toks_[i - 1].key, "-") && toks_[i - 1].end == t.begin) return false;
  // A word of a run in capitals ("RIO DE JANEIRO, Feb 26 -", "DEARBORN, MICH., Feb 26 -"):
  // a dateline or headline, not an acronym.
  auto caps_word = [&](size_t k) {
    return toks_[k].kind == TokenKind::Word && toks_[k].allcaps && toks_[k].sentence == t.sentence && toks_[k].key.size() >= 2;
  };
  for (size_t k = i, steps = 0; k > 0 && steps < 2; ++steps) {  // the previous word, past one comma or period
    --k;
    if (caps_word(k)) return false;
    if (!equals(toks_[k].key, ",") && !equals(toks_[k].key, ".")) break;
  }
  if (i + 1 < toks_.size() && caps_word(i + 1)) return false;
  const SentenceShape& sh = shape_[t.sentence];
  uint32_t words = sh.words - 1, caps = sh.allcaps - 1;
  return words == 0 || caps * 2 < words;
}

bool DocumentMatcher::caps_amid_lower(size_t i) const {
  const Tok& t = toks_[i];
  if (t.kind != TokenKind::Word || !t.allcaps || t.sentence >= shape_.size()) return false;
  const SentenceShape& sh = shape_[t.sentence];
  return sh.words > 1 && (sh.allcaps - 1) * 2 < sh.words - 1;
}

}  // namespace kimput::entities_detail
