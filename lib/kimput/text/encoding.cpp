#include "kimput/text/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <memory>

#include "kimput/text/utf8.h"

namespace kimput {
namespace {

// Converts from a named charset to UTF-8 with ICU; false on failure.
bool convert(std::string_view bytes, const char* charset, std::string& out) {
  UErrorCode st = U_ZERO_ERROR;
  int32_t cap = static_cast<int32_t>(bytes.size() * 3 + 16);
  out.resize(static_cast<size_t>(cap));
  int32_t n = ucnv_convert("UTF-8", charset, out.data(), cap, bytes.data(), static_cast<int32_t>(bytes.size()), &st);
  if (U_FAILURE(st)) return false;
  out.resize(static_cast<size_t>(n));
  return true;
}

}  // namespace

std::string normalize_newlines(std::string_view s) {
  // Copied in runs between CRs (most texts have none): a byte-wise append was 1% of a run.
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  for (size_t cr = s.find('\r'); cr != std::string_view::npos; cr = s.find('\r', i)) {
    out.append(s.data() + i, cr - i);
    out += '\n';
    i = cr + 1;
    if (i < s.size() && s[i] == '\n') ++i;
  }
  out.append(s.data() + i, s.size() - i);
  return out;
}

Decoded decode_text(std::string owned) {
  Decoded d;
  std::string_view bytes = owned;
  const bool bom = bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) bytes.remove_prefix(3);
  if (bytes.find('\0') != std::string_view::npos) {
    // UTF-16 text has NULs too; say so rather than calling it binary.
    bool utf16 = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
    d.error = utf16 ? "UTF-16 text is not supported: convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)"
                    : "binary data (NUL bytes): not a text article";
    return d;
  }
  if (utf8::valid(bytes)) {
    if (bytes.find('\r') != std::string_view::npos) {
      d.text = normalize_newlines(bytes);
    } else {
      if (bom) owned.erase(0, 3);
      d.text = std::move(owned);
    }
    return d;
  }
  size_t replaced = 0;
  std::string repaired = utf8::repair(bytes, &replaced);
  // UTF-8 with a few stray bytes (more well-formed multi-byte characters than broken
  // sequences) stays UTF-8: re-reading it as a single-byte charset would garble every
  // valid character ("café" -> "cafÃ©") to save the few bad ones.
  size_t multibyte = 0;
  for (unsigned char c : repaired) multibyte += c >= 0xC0;
  multibyte -= std::min(multibyte, replaced);  // each U+FFFD is one multi-byte character too
  bool mostly_utf8 = multibyte > 0 && multibyte >= replaced;
  // Not UTF-8: ask ICU what it is.
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&st), ucsdet_close);
  std::string name;
  int32_t confidence = 0;
  if (U_SUCCESS(st)) {
    ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 20)), &st);
    const UCharsetMatch* m = ucsdet_detect(det.get(), &st);
    if (U_SUCCESS(st) && m) {
      name = ucsdet_getName(m, &st);
      confidence = ucsdet_getConfidence(m, &st);
    }
  }
  bool single_byte = name == "windows-1252" || name == "ISO-8859-1" || name == "ISO-8859-15" ||
                     name == "windows-1250" || name == "ISO-8859-2" || name == "windows-1251" || name == "KOI8-R";
  std::string converted;
  if (!mostly_utf8 && single_byte && confidence >= 10 && convert(bytes, name == "ISO-8859-1" ? "windows-1252" : name.c_str(), converted)) {
    // ISO-8859-1 text from the web is almost always Windows-1252 (curly quotes at 0x91-0x94).
    d.text = normalize_newlines(converted);
    d.warnings.push_back("input is not UTF-8; converted from " + (name == "ISO-8859-1" ? std::string("windows-1252") : name) +
                         " (ICU charset detection, confidence " + std::to_string(confidence) + ")");
    return d;
  }
  d.text = normalize_newlines(repaired);
  d.warnings.push_back(std::to_string(replaced) + " invalid UTF-8 sequence" + (replaced == 1 ? "" : "s") +
                       " replaced by U+FFFD");
  return d;
}

}  // namespace kimput
