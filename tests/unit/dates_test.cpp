// Unit tests of the dates pass, one construction at a time, with the reference date fixed
// at Friday 2024-06-21 (ISO week 2024-W25) unless a test says otherwise.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kimput/document.h"
#include "kimput/json/reader.h"
#include "kimput/json/writer.h"
#include "kimput/passes/dates.h"

namespace {

using kimput::Config;
using kimput::DatesPass;
using kimput::Document;
namespace json = kimput::json;

struct D {
  std::string text, value, type;  // value "null" for a JSON null
};

// A field a pass added, as a tree: passes write their fields as JSON text (json::Writer),
// read back here as any consumer of the output reads them.
json::Value field(const Document& doc, const char* name) {
  static json::Reader reader;
  return reader.parse(json::to_string(*doc.root().find(name))).value;
}

const DatesPass& pass() {
  static const DatesPass p{Config{}};
  return p;
}

std::vector<D> run(const std::string& text, const char* date = "2024-06-21") {
  json::Value root = json::Value::object();
  root.set("text", text);
  if (date) {
    json::Value meta = json::Value::object();
    meta.set("date", std::string(date));
    root.set("meta", std::move(meta));
  }
  Document doc(std::move(root));
  pass().run(doc);
  std::vector<D> out;
  const json::Value dates = field(doc, "dates");
  for (const json::Value& d : dates.items()) {
    const json::Value* v = d.find("value");
    out.push_back({*d.get_string("text"), v->is_null() ? "null" : v->as_string(), *d.get_string("type")});
  }
  return out;
}

// The one expression of a text.
D one(const std::string& text, const char* date = "2024-06-21") {
  auto v = run(text, date);
  EXPECT_EQ(v.size(), 1u) << text;
  return v.empty() ? D{} : v[0];
}

// A day of the month as a value writes it: two digits.
std::string fmt_day(int d) { return (d < 10 ? "0" : "") + std::to_string(d); }

void expect(const D& d, const std::string& text, const std::string& value, const std::string& type = "DATE") {
  EXPECT_EQ(d.text, text);
  EXPECT_EQ(d.value, value) << d.text;
  EXPECT_EQ(d.type, type) << d.text;
}

TEST(DatesAbsolute, NewsFormats) {
  expect(one("The accord was signed on June 21, 2024, in Geneva."), "June 21, 2024", "2024-06-21");
  expect(one("Polls opened 21 June 2024 across the region."), "21 June 2024", "2024-06-21");
  expect(one("The flood came on April 25 2019 without warning."), "April 25 2019", "2019-04-25");
  expect(one("Filed 2024-06-21 by the clerk."), "2024-06-21", "2024-06-21");
  expect(one("Published 2024-06-21T06:00 online."), "2024-06-21T06:00", "2024-06-21T06:00", "TIME");
  expect(one("The Monday, July 22, 2024 edition sold out."), "Monday, July 22, 2024", "2024-07-22");
  expect(one("The war ended in 1945 for most of Europe."), "1945", "1945");
  expect(one("Sales were flat in fiscal 2022 overall."), "fiscal 2022", "2022");
}

TEST(DatesAbsolute, MonthDayWithoutYearUsesReference) {
  expect(one("The attacks of Sept. 11 changed air travel."), "Sept. 11", "2024-09-11");
  expect(one("The rebels attacked on March 3 and withdrew."), "March 3", "2024-03-03");
  // Past tense and a date months ahead: last year's.
  expect(one("The company reported a loss on Nov. 20."), "Nov. 20", "2023-11-20");
  // No reference date: no year to give.
  expect(one("The hearing is set for Sept. 11.", nullptr), "Sept. 11", "null");
}

TEST(DatesAbsolute, DecadesCenturiesSeasonsParts) {
  expect(one("Rents soared in the 1960s in the capital."), "the 1960s", "196X");
  expect(one("Growth slowed in the early 1990s."), "the early 1990s", "199X");
  expect(one("Cars changed travel in the 20th century."), "the 20th century", "19");
  expect(one("Output should recover in early 2023, officials said."), "early 2023", "2023");
  expect(one("The vote is planned for mid-September."), "mid-September", "2024-09");
  expect(one("Crops failed in the summer of 2018."), "the summer of 2018", "2018-SU");
  expect(one("Profit rose in the second half of 2022."), "the second half of 2022", "2022-H2");
  expect(one("The bank lost money in the third quarter."), "the third quarter", "2023-Q3");
  expect(one("Third-quarter profit fell."), "Third-quarter", "2023-Q3");
}

// The year, month and week rule begins with one of two optional groups, a "mod" and its
// separator or a "mod2" and a space.
TEST(DatesRelative, PartOfARelativePeriod) {
  expect(one("Sales fell earlier this year."), "earlier this year", "2024");
  expect(one("Prices rose in late last year."), "late last year", "2023");
  expect(one("Rain is due at the end of next week."), "the end of next week", "2024-W26");
  expect(one("Talks resume mid-next month."), "mid-next month", "2024-07");
}

TEST(DatesRelative, DaysAndWeeks) {
  expect(one("The minister resigned yesterday."), "yesterday", "2024-06-20");
  expect(one("Talks resume tomorrow in Oslo."), "tomorrow", "2024-06-22");
  expect(one("The rally was held last week in the square."), "last week", "2024-W24");
  expect(one("Ships will dock next month at the port."), "next month", "2024-07");
  expect(one("The plant closed two years ago."), "two years ago", "2022");
  expect(one("Exports grew this year despite the war."), "this year", "2024");
  expect(one("Fighting resumed this morning near the border."), "this morning", "2024-06-21TMO", "TIME");
}

TEST(DatesRelative, WeekdayByTense) {
  // Reference is a Friday. Past: the previous such day; future: the next one.
  expect(one("The talks ended on Tuesday."), "Tuesday", "2024-06-18");
  expect(one("The envoy will arrive on Tuesday."), "Tuesday", "2024-06-25");
  expect(one("The council is to vote Monday on the budget."), "Monday", "2024-06-24");
  expect(one("Officials said Friday the road was open."), "Friday", "2024-06-21");
  expect(one("He met the envoy last Friday."), "last Friday", "2024-06-14");
}

TEST(DatesRelative, FollowingYearUsesLastMentionedDate) {
  auto v = run("The dam was finished in 1998. The following year the valley flooded.");
  ASSERT_EQ(v.size(), 2u);
  expect(v[1], "The following year", "1999");
}

TEST(DatesRelative, NoReferenceGivesNull) {
  auto v = run("The talks ended on Tuesday, two days ago, in Vienna on June 21, 2024.", nullptr);
  ASSERT_EQ(v.size(), 3u);
  expect(v[0], "Tuesday", "null");
  expect(v[1], "two days ago", "null");
  expect(v[2], "June 21, 2024", "2024-06-21");
}

TEST(DatesRelative, ReferenceWithTime) {
  expect(one("Shelling began yesterday.", "2024-06-21T06:00"), "yesterday", "2024-06-20");
}

// A year is written with four digits ("0424"), more when it needs them, and with its
// sign before zero.
TEST(DatesRelative, YearsFarFromTheReference) {
  expect(one("Rome fell 1,600 years ago."), "1,600 years ago", "0424", "DATE");
  expect(one("The town was founded 5,000 years ago."), "5,000 years ago", "-2976", "DATE");
  expect(one("It will last 9,000 years from now."), "9,000 years from now", "11024", "DATE");
  expect(one("The dam opens 30 years from now."), "30 years from now", "2054", "DATE");
}

TEST(DatesDuration, Durations) {
  expect(one("The strike lasted for three days."), "three days", "P3D", "DURATION");
  expect(one("Prices rose over the past two months."), "the past two months", "P2M", "DURATION");
  expect(one("Sales fell for the next nearly two years."), "the next nearly two years", "P2Y", "DURATION");
  expect(one("A 10-year bond was sold."), "10-year", "P10Y", "DURATION");
  expect(one("The siege went on for nearly two years."), "nearly two years", "P2Y", "DURATION");
  expect(one("Rescuers searched for 5 1/2 hours."), "5 1/2 hours", "PT5H30M", "DURATION");
  expect(one("The drought has lasted for years."), "years", "PXY", "DURATION");
  // Ages are not durations.
  EXPECT_TRUE(run("A 10-year-old boy was found safe.").empty());
}

// A rule's groups are found by an RE2 that reads an ASCII piece as Latin-1; a piece with a
// letter RE2 folds to 's' ("\xC5\xBF", U+017F) goes to the rule's UTF-8 RE2 and means the same.
TEST(DatesDuration, NonAsciiFormOfALetterInAPiece) {
  expect(one("The siege went on for almost two years."), "almost two years", "P2Y", "DURATION");
  expect(one("The siege went on for almo\xC5\xBFt two years."), "almo\xC5\xBFt two years", "P2Y", "DURATION");
  auto both = run("It took almost two years, then almo\xC5\xBFt two years.");  // one rule, both RE2s
  ASSERT_EQ(both.size(), 2u);
  expect(both[0], "almost two years", "P2Y", "DURATION");
  expect(both[1], "almo\xC5\xBFt two years", "P2Y", "DURATION");
}

// A word class is written into the patterns in descending order, each word before the words
// it begins: where two words of a class match at one position ("a couple of", "a couple";
// "years", "year"), RE2 prefers the longer, as when the longest came first.
TEST(DatesDuration, WordsThatBeginOtherWords) {
  expect(one("The talks lasted for a couple of weeks."), "a couple of weeks", "P2W", "DURATION");
  expect(one("The plant closed a couple of years ago."), "a couple of years ago", "2022");
  expect(one("The war ended twenty-five years ago."), "twenty-five years ago", "1999");
  expect(one("A dozen years ago the firm was small."), "A dozen years ago", "2012");
  expect(one("He served for 3 yrs."), "3 yrs", "P3Y", "DURATION");
}

TEST(DatesSet, Sets) {
  expect(one("The market opens every year in spring."), "every year", "P1Y", "SET");
  expect(one("The ferry leaves each Thursday."), "each Thursday", "XXXX-WXX-4", "SET");
  expect(one("The board meets weekly."), "weekly", "P1W", "SET");
  expect(one("The plant costs $5 million a year to run."), "a year", "P1Y", "SET");
}

TEST(DatesTime, ClockTimes) {
  expect(one("The blast came at 2 p.m. on the bridge."), "2 p.m.", "2024-06-21T14:00", "TIME");
  expect(one("Polls close at 3 p.m. local time."), "3 p.m. local time", "2024-06-21T15:00", "TIME");
  expect(one("The alarm sounded at 06:00AM sharp."), "06:00AM", "2024-06-21T06:00", "TIME");
  expect(one("The deadline passed at noon Thursday."), "noon Thursday", "2024-06-20T12:00", "TIME");
}

TEST(DatesNegatives, NamesVerbsNounsAmounts) {
  EXPECT_TRUE(run("Theresa May said the plan was sound.").empty());
  EXPECT_TRUE(run("Analysts warned that prices may rise.").empty());
  EXPECT_TRUE(run("Thousands joined the march on Washington.").empty());
  EXPECT_TRUE(run("He wore a Trump 2016 cap to the rally.").empty());
  EXPECT_TRUE(run("The fine was $2,000 and 1,500 troops stayed.").empty());
  EXPECT_TRUE(run("Shares may fall further, traders said.").empty());
  EXPECT_TRUE(run("About a quarter of voters stayed home.").empty());
  EXPECT_TRUE(run("The Sunday Times ran the story.").empty());
  EXPECT_TRUE(run("The team led in the first half.").empty());
}

// Month lengths: the Gregorian rule from 1583 (ICU's cutover is October 1582), the
// Julian one before it; a day past the month's end gives a null value.
TEST(DatesAbsolute, MonthLengthsAndLeapYears) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"February 29, 2024", "2024-02-29"}, {"February 29, 2023", "null"}, {"February 29, 1900", "null"},
      {"February 29, 2000", "2000-02-29"}, {"February 29, 1500", "1500-02-29"}, {"April 31, 2019", "null"},
      {"April 30, 2019", "2019-04-30"},    {"December 31, 1999", "1999-12-31"}, {"February 29, 1600", "1600-02-29"}};
  for (const auto& [text, value] : cases) EXPECT_EQ(one("It was " + text + ".").value, value) << text;
}

// Every way a day of the month is written ({DAY}: one or two digits, a leading zero, an
// ordinal suffix), after the month and before it, with a year or a relative year; and
// numbers that are no day.
TEST(DatesAbsolute, EveryDayOfTheMonth) {
  for (int d = 1; d <= 31; ++d) {
    const std::string day = std::to_string(d), value = fmt_day(d);
    const char* suffix = d % 10 == 1 && d != 11 ? "st" : d % 10 == 2 && d != 12 ? "nd" : d % 10 == 3 && d != 13 ? "rd" : "th";
    std::vector<std::string> forms = {day, day + suffix};
    if (d < 10) forms.push_back("0" + day);
    for (const std::string& f : forms) {
      expect(one("It was May " + f + ", 2019."), "May " + f + ", 2019", "2019-05-" + value);
      expect(one("It was May " + f + " 2019."), "May " + f + " 2019", "2019-05-" + value);
      expect(one("It was May " + f + " last year."), "May " + f + " last year", "2023-05-" + value);
      expect(one("It was " + f + " May 2019."), f + " May 2019", "2019-05-" + value);
    }
  }
  for (const char* no : {"May 32, 2019", "May 00, 2019", "May 0, 2019", "May 123, 2019", "May 40 2019"})
    for (const D& d : run(std::string("It was ") + no + "."))
      EXPECT_FALSE(d.value.starts_with("2019-05-")) << no << ": " << d.text;
}

// The words of lib/data/dates_after_weekday.txt, as written there (case matters), unless
// the weekday has its part of the day.
TEST(DatesNegatives, WeekdayInANameFromTheDataFile) {
  EXPECT_TRUE(run("She read the Saturday Review and the Monday Edition.").empty());
  EXPECT_TRUE(run("He teaches at Sunday School.").empty());
  EXPECT_EQ(one("We met Sunday school teachers.").value, "2024-06-16");
  EXPECT_EQ(one("It was Sunday night Times Square.").text, "Sunday night");
}

TEST(DatesOffsets, CodePointsAndOrder) {
  json::Value root = json::Value::object();
  root.set("text", std::string("Über-Gipfel « ended » on Tuesday and resumed June 3, 2024."));
  json::Value meta = json::Value::object();
  meta.set("date", std::string("2024-06-21"));
  root.set("meta", std::move(meta));
  Document doc(std::move(root));
  pass().run(doc);
  const json::Value dates = field(doc, "dates");
  const auto& items = dates.items();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].find("start")->as_int(), 25);  // code points, not bytes
  EXPECT_EQ(*items[0].get_string("text"), "Tuesday");
  EXPECT_LT(items[0].find("start")->as_int(), items[1].find("start")->as_int());
}

TEST(DatesConfig, ReferenceDateFromConfigOnlyWithoutMetaDate) {
  Config c;
  c.reference_date = "2020-01-15";
  DatesPass p(c);
  json::Value root = json::Value::object();
  root.set("text", std::string("The vote was held yesterday."));
  Document doc(std::move(root));
  p.run(doc);
  EXPECT_EQ(field(doc, "dates").items()[0].find("value")->as_string(), "2020-01-14");
  // meta.retrieved is not a publication date.
  json::Value root2 = json::Value::object();
  root2.set("text", std::string("The vote was held yesterday."));
  json::Value meta = json::Value::object();
  meta.set("retrieved", std::string("2024-05-09"));
  root2.set("meta", std::move(meta));
  Document doc2(std::move(root2));
  pass().run(doc2);
  EXPECT_TRUE(field(doc2, "dates").items()[0].find("value")->is_null());
}

// The pass scans the text in lower case; a text with a letter that RE2 folds with an ASCII
// one (U+017F with 's', U+212A with 'k') is scanned case-insensitively as it is.
TEST(DatesCase, AnyCaseAndLettersThatFoldToAscii) {
  expect(one("Rates rise NEXT WEEK, he said."), "NEXT WEEK", "2024-W26");
  expect(one("Rates rise nExT wEeK, he said."), "nExT wEeK", "2024-W26");
  auto v = run("Rates rose la\xC5\xBFt year, and rise next week.");
  ASSERT_EQ(v.size(), 2u);
  expect(v[0], "la\xC5\xBFt year", "2024");
  expect(v[1], "next week", "2024-W26");
}

// The rules' matches are kept per piece of text across documents; what a piece means still
// depends on its context (the reference date, the words around it), never on the memo.
TEST(DatesMemo, SamePieceResolvedInEachContext) {
  for (int round = 0; round < 2; ++round) {  // the second round finds every piece memoised
    expect(one("The talks resumed on Tuesday.", "2024-06-21"), "Tuesday", "2024-06-18");
    expect(one("The talks resumed on Tuesday.", "2024-06-27"), "Tuesday", "2024-06-25");
    EXPECT_TRUE(run("Theresa May spoke in London.").empty());
    expect(one("The vote was held in May.", "2024-06-21"), "May", "2024-05");
  }
  // Another instance (its own memo entries) answers the same.
  Config c;
  c.reference_date = "2024-06-21";
  DatesPass other(c);
  json::Value root = json::Value::object();
  root.set("text", std::string("The talks resumed on Tuesday."));
  Document doc(std::move(root));
  other.run(doc);
  EXPECT_EQ(field(doc, "dates").items()[0].find("value")->as_string(), "2024-06-18");
}

}  // namespace
