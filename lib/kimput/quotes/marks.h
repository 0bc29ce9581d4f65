// Quotation marks: finds the quoted spans of a text and pairs their marks.
//
// Handles “curly”, "straight", «guillemets», „low-high“ and ‘single’ marks (single marks
// as outer quotes only where the text uses no double marks, else as inner quotes), nested
// quotes (the inner ones are not returned), and the news convention for a quote that runs
// over several paragraphs: each paragraph reopens the mark and only the last one closes it
// (the result is one span). A mark left open does not swallow the rest of the article:
// an unclosed quote ends at the end of its paragraph. Apostrophes (Kim’s, ’90s, rock ’n’
// roll) are not quotation marks. Byte offsets, sorted, non-overlapping. Pure function.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kimput {

struct QuoteSpan {
  uint32_t open = 0;           // byte offset of the opening mark
  uint32_t content_begin = 0;  // first byte inside the marks
  uint32_t content_end = 0;    // byte after the content (the closing mark, or the paragraph's end)
  uint32_t close_end = 0;      // byte after the closing mark (== content_end when unclosed)
  bool closed = true;
  bool multi_paragraph = false;
};

std::vector<QuoteSpan> find_quotes(std::string_view text);
// The same into `out` (emptied first): a caller that keeps `out` from one text to the next
// reuses its memory.
void find_quotes(std::string_view text, std::vector<QuoteSpan>& out);

}  // namespace kimput
