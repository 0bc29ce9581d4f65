// Dates pass: writes "dates" ([{"start","end","text","value","type"}], code points, in text
// order, non-overlapping): the time expressions of the text with their TIMEX3 type (DATE,
// TIME, DURATION, SET) and ISO 8601 / TIMEX3 value.
// Reads: text, meta.date (the publication date, "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; never
// meta.retrieved), else Config::reference_date. Relative expressions ("Tuesday", "last
// week", "two years ago") get value null when neither gives a reference date; absolute ones
// ("June 21, 2024", "the 1960s") are always resolved.
// The words and patterns are lib/data/dates.tsv, compiled once into one RE2 scan plus an
// RE2::Set that tells which rule matched; calendar arithmetic is ICU's Gregorian calendar
// (one clone per thread, ISO weeks). Keeps nothing across documents (which rules match a
// piece of text is remembered within one document only). run() is const and thread-safe.
#pragma once

#include <memory>

#include "kimput/config.h"
#include "kimput/passes/pass.h"

namespace kimput {

class DatesPass : public Pass {
 public:
  explicit DatesPass(const Config& config);
  ~DatesPass() override;
  std::string_view name() const override { return "dates"; }
  void run(Document& doc) const override;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kimput
