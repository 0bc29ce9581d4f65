// Sentence and token segmentation of one text, by ICU break iteration, with the news
// abbreviations of lib/data/abbreviations.txt ("Mr.", "U.S.", "Sept.", initials) that do
// not end a sentence.
//
// Reads: the UTF-8 text. Produces byte offsets, half-open, sorted, non-overlapping.
// Sentences are trimmed of surrounding white space (NBSP and other Unicode spaces count as
// space) and never cross a blank line; a closing quotation mark after the final stop stays
// in its sentence. Tokens are words, numbers and punctuation; white space is not a token.
// An abbreviation keeps its final period ("U.S.", "Mr.").
// Words: stretches of ASCII (and common news punctuation: curly quotes, dashes, NBSP...) are
// split by a hand-written copy of ICU's word rules (text/fast_words.h), the rest by ICU; the
// result is the same as ICU's everywhere.
// Thread-safe: each thread uses its own clone of the compiled break iterators.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kimput {

struct ByteSpan {
  uint32_t begin = 0, end = 0;
};

enum class TokenKind : uint8_t { Word, Number, Punct };

struct Token {
  uint32_t begin = 0, end = 0;
  TokenKind kind = TokenKind::Word;
  uint32_t sentence = 0;  // index into Segmentation::sentences
};

struct Segmentation {
  std::vector<ByteSpan> sentences;
  std::vector<Token> tokens;
  std::vector<uint32_t> first_token;  // per sentence: index of its first token (tokens.size() if none)
};

struct SegmentStats {
  uint64_t fast_bytes = 0;  // bytes whose words the fast path split
  uint64_t icu_bytes = 0;   // bytes whose words ICU split (stretches with other characters)
  uint64_t fallbacks = 0;   // texts split by ICU alone because a fast-path check failed (expected: 0)
};

struct SegmentOptions {
  // Words by ICU alone, and sentences by ICU over the whole text, as before the fast paths:
  // the reference the fast paths are tested against (the output is the same either way).
  bool force_icu = false;
  SegmentStats* stats = nullptr;  // when set, counts are added to it
};

Segmentation segment(std::string_view text, const SegmentOptions& options = {});

// True when `word` (ending in '.') is an abbreviation or initials that keep their period
// as one token: "Mr.", "U.S.", "J.".
bool keeps_period(std::string_view word);

// True for the white space every pass treats alike: ASCII space/tab/newlines, NBSP,
// U+2000..U+200B, U+202F, U+205F, U+3000, U+FEFF.
bool is_space(char32_t cp);

}  // namespace kimput
