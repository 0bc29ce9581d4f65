#include "kimput/quotes/marks.h"

#include <unicode/uchar.h>

#include <array>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "kimput/text/segment.h"
#include "kimput/text/swar.h"
#include "kimput/text/utf8.h"

namespace kimput {

namespace {

enum class Role { None, Open, Close, Both };

struct Mark {
  uint32_t b, e;
  char32_t cp;
  Role role;
};

// ASCII first: u_isalnum's letters and digits below 0x80 are A-Z, a-z and 0-9.
bool is_letter_or_digit(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  return u_isalnum(static_cast<UChar32>(cp));
}

// Which way a straight or ambiguous mark faces, from its neighbours.
Role straight_role(char32_t before, char32_t after) {
  bool space_before = before == 0 || is_space(before) || before == '(' || before == '[' || before == 0x2014 || before == '-' || before == '/';
  bool space_after = after == 0 || is_space(after) || after == ',' || after == '.' || after == ';' || after == ':' ||
                     after == '?' || after == '!' || after == ')' || after == 0x2014;
  if (space_before && !space_after) return Role::Open;
  if (!space_before && space_after) return Role::Close;
  if (space_before && space_after) return Role::None;
  return Role::Both;  // between two non-spaces: "word"word — decide by state
}

}  // namespace

std::vector<QuoteSpan> find_quotes(std::string_view text) {
  std::vector<QuoteSpan> out;
  find_quotes(text, out);
  return out;
}

void find_quotes(std::string_view text, std::vector<QuoteSpan>& out) {
  out.clear();
  // Collect candidate marks with their neighbours (per-thread lists, reused by each document).
  thread_local std::vector<Mark> doubles, singles;
  doubles.clear();
  singles.clear();
  bool has_double = false;
  // Every mark starts with one of these bytes (" ` ' and the lead bytes of « » and the
  // U+2018..U+201E marks), so the scan jumps from one to the next instead of decoding
  // every code point; `prev` is the code point before the candidate.
  static constexpr auto kLead = [] {
    std::array<bool, 256> t{};
    for (int c : {int{'"'}, int{'`'}, int{'\''}, 0xC2, 0xE2}) t[static_cast<size_t>(c)] = true;
    return t;
  }();
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    bool at_lead = false;  // i is at a lead byte already
#if defined(__SSE2__)
    // Sixteen bytes at a time (SSE2, in every x86-64), straight to the first lead byte: the
    // eight-byte test below stops at every non-ASCII byte, and modern text has many (’ —).
    // 0xC2 and 0xE2 differ in the bit 0x20 only, and no other byte is 0xE2 with it set: one
    // compare finds both. Thirty-two bytes a step (the two halves' bits tested as one), then
    // sixteen.
    {
      const __m128i dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\''), bq = _mm_set1_epi8('`'),
                    e2 = _mm_set1_epi8(static_cast<char>(0xE2)), bit20 = _mm_set1_epi8(0x20);
      auto leads = [&](size_t at) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
        return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)),
                            _mm_or_si128(_mm_cmpeq_epi8(v, bq), _mm_cmpeq_epi8(_mm_or_si128(v, bit20), e2)));
      };
      auto bits = [&](size_t at) { return static_cast<uint32_t>(_mm_movemask_epi8(leads(at))); };
      uint32_t found = 0;
      for (; i + 32 <= n; i += 32)
        if ((found = bits(i) | bits(i + 16) << 16)) break;
      if (!found)
        for (; i + 16 <= n; i += 16)
          if ((found = bits(i))) break;
      if (found) {
        i += static_cast<size_t>(__builtin_ctz(found));
        at_lead = true;
      }
    }
#endif
    if (!at_lead) {  // the text's last bytes, or no SSE2
      // Eight bytes at a time while none is ", ', ` or from 0x80 (news text is mostly letters).
      for (; i + 8 <= n; i += 8) {
        uint64_t w = swar::load8(text.data() + i);
        if ((w & swar::kHigh) | swar::equal_to(w, '"') | swar::equal_to(w, '\'') | swar::equal_to(w, '`')) break;
      }
      while (i < n && !kLead[static_cast<unsigned char>(text[i])]) ++i;
    }
    if (i >= n) break;
    // A lead byte from 0x80 whose character is no mark (— … and the no-break space, far
    // more common than the marks) is stepped over as utf8::next would step, without
    // decoding its neighbours: E2 xx yy is U+2000 | (xx & 3F) << 6 | (yy & 3F), C2 xx is
    // U+0080 | (xx & 3F).
    if (const unsigned char lead = static_cast<unsigned char>(text[i]); lead >= 0x80) {
      const size_t len = lead == 0xE2 ? 3 : 2;
      if (i + len > n) break;  // cut short: U+FFFD, no mark, and the text's end
      const unsigned char x = static_cast<unsigned char>(text[i + 1]) & 0x3F;
      const unsigned char y = len == 3 ? static_cast<unsigned char>(text[i + 2]) & 0x3F : 0;
      const bool mark = len == 3 ? x == 0 && (y == 0x18 || y == 0x19 || y == 0x1C || y == 0x1D || y == 0x1E)
                                 : x == 0x2B || x == 0x3B;  // « »
      // ‘ and ’ make single marks only, which a text with a double mark does not use.
      if (!mark || (has_double && len == 3 && (y == 0x18 || y == 0x19))) {
        i += len;
        continue;
      }
    } else if (text[i] == '\'' && has_double && !(i + 1 < n && text[i + 1] == '\'')) {  // not ''
      ++i;
      continue;
    }
    size_t b = i;
    size_t before = b;
    // The neighbours: an ASCII byte is its own code point (most are), else decoded.
    char32_t prev = b == 0 ? 0 : static_cast<unsigned char>(text[b - 1]) < 0x80 ? static_cast<unsigned char>(text[b - 1]) : utf8::prev(text, before);
    char32_t cp = utf8::next(text, i);
    size_t peek = i;
    char32_t next = peek >= n ? 0 : static_cast<unsigned char>(text[peek]) < 0x80 ? static_cast<unsigned char>(text[peek++]) : utf8::next(text, peek);
    switch (cp) {
      case 0x201C: case 0x00AB: case 0x201E:  // “ « „
        doubles.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), cp, Role::Open});
        has_double = true;
        break;
      case 0x201D: case 0x00BB:  // ” »
        doubles.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), cp,
                           cp == 0x201D && !(prev == 0 || is_space(prev)) ? Role::Close : cp == 0x00BB ? Role::Close : Role::Both});
        has_double = true;
        break;
      case '"':
        doubles.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), cp, straight_role(prev, next)});
        has_double = true;
        break;
      case '`':  // ``typewriter quotes'' (Penn Treebank, older wire text)
        if (next == '`') {
          doubles.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i + 1), '"', Role::Open});
          has_double = true;
          i = peek;
        }
        break;
      case 0x2018:  // ‘ opens, unless it is an elision ('90s)
        if (!(u_isdigit(static_cast<UChar32>(next))))
          singles.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), cp, Role::Open});
        break;
      case '\'':
        if (next == '\'') {  // '' used as a double quotation mark
          size_t after_i = peek;
          char32_t after = after_i < text.size() ? utf8::next(text, after_i) : 0;
          doubles.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(peek), '"', straight_role(prev, after)});
          has_double = true;
          i = peek;
          continue;
        }
        [[fallthrough]];
      case 0x2019:  // ’ closes only at a word's end: not Kim’s, don’t
        if (!is_letter_or_digit(next) && !(prev == 0 || is_space(prev)) && prev != 's')
          singles.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), cp, Role::Close});
        else if (cp == '\'' && (prev == 0 || is_space(prev)) && is_letter_or_digit(next) && !u_isdigit(static_cast<UChar32>(next)))
          singles.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), cp, Role::Open});
        break;
      default:
        break;
    }
  }
  const std::vector<Mark>& marks = has_double ? doubles : singles;

  auto paragraph_end = [&](uint32_t from) -> uint32_t {
    size_t p = text.find("\n\n", from);
    return p == std::string_view::npos ? static_cast<uint32_t>(text.size()) : static_cast<uint32_t>(p);
  };
  // The first mark of the paragraph that starts at or after `pos`, if it opens a quote there.
  auto reopens_next_paragraph = [&](size_t mark_idx, uint32_t pend) -> bool {
    if (mark_idx >= marks.size() || pend >= text.size()) return false;
    size_t p = pend;
    while (p < text.size() && (text[p] == '\n' || text[p] == ' ' || text[p] == '\t')) ++p;
    return marks[mark_idx].b == p && marks[mark_idx].role != Role::Close;
  };

  size_t k = 0;
  while (k < marks.size()) {
    const Mark& m = marks[k];
    if (m.role == Role::Close || m.role == Role::None) {
      ++k;
      continue;
    }
    QuoteSpan q;
    q.open = m.b;
    q.content_begin = m.e;
    uint32_t pend = paragraph_end(m.e);
    size_t j = k + 1;
    bool done = false;
    int depth = 0;  // nested quotations of the same kind: “… he calls “hell” than …”
    while (!done) {
      // Find the closing mark within this paragraph.
      while (j < marks.size() && marks[j].b < pend) {
        const Mark& c = marks[j];
        bool closes = c.role == Role::Close || c.role == Role::Both ||
                      (c.cp == 0x201C && m.cp == 0x201E);  // „…“
        if (c.role == Role::Open && c.cp == m.cp && m.cp != '"') {
          // Nested (“… calls “hell” than …”) when two closing marks still follow in the
          // paragraph; otherwise the writer left the first quote open: it ends at the last
          // sentence stop before this mark, and pairing starts again here.
          size_t closers = 0;
          for (size_t x = j + 1; x < marks.size() && marks[x].b < pend; ++x)
            closers += marks[x].role == Role::Close || marks[x].role == Role::Both;
          if (closers >= 2 + static_cast<size_t>(depth)) {
            ++depth;
            ++j;
            continue;
          }
          size_t stop = text.rfind(". ", c.b);
          q.content_end = stop != std::string_view::npos && stop > q.content_begin ? static_cast<uint32_t>(stop + 1) : c.b;
          q.close_end = q.content_end;
          q.closed = false;
          done = true;
          break;  // j stays on the new opening mark
        }
        if (closes && depth > 0 && c.cp != '"') {
          --depth;
          ++j;
          continue;
        }
        if (closes && c.b > q.content_begin) {
          q.content_end = c.b;
          q.close_end = c.e;
          done = true;
          ++j;
          break;
        }
        ++j;
      }
      if (done) break;
      // No close in this paragraph: the next paragraph reopening the mark continues it.
      if (reopens_next_paragraph(j, pend)) {
        q.multi_paragraph = true;
        pend = paragraph_end(marks[j].e);
        ++j;
        continue;
      }
      q.content_end = pend;
      q.close_end = pend;
      q.closed = false;
      break;
    }
    // Trim white space inside the marks.
    while (q.content_begin < q.content_end && (text[q.content_begin] == ' ' || text[q.content_begin] == '\n')) ++q.content_begin;
    while (q.content_end > q.content_begin && (text[q.content_end - 1] == ' ' || text[q.content_end - 1] == '\n')) --q.content_end;
    if (q.content_end > q.content_begin) out.push_back(q);
    k = j;
  }
}

}  // namespace kimput
