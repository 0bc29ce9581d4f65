// Boilerplate rules, one or more tests per rule family, on page junk written for these
// tests in the style of several kinds of news sites (not the seed corpus), and the
// negatives: story sentences that mention the same words must survive.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "kimput/passes/boilerplate.h"

using kimput::BoilerplateRules;
using kimput::Cleaned;

namespace {

const BoilerplateRules& rules() {
  static const BoilerplateRules r;
  return r;
}

// Story paragraphs that read as prose; placed around the junk so the trailer logic and
// the "header before the first prose line" logic see a real article.
const std::string kStory =
    "The harbour authority on Tuesday postponed a vote on the port expansion after fishermen packed the public gallery.\n\n"
    "Officials said the dredging plan would be revised to protect the spawning grounds north of the breakwater.\n\n"
    "\"We are not against growth, but we need fish to live,\" said Tomasz Wielgus, who has fished the bay for 30 years.\n\n"
    "The authority will publish a new environmental assessment in the spring, a spokeswoman said.\n";

bool removed_with(const Cleaned& c, const std::string& line, const std::string& reason_part) {
  for (const auto& r : c.removed)
    if (r.text == line && r.reason.find(reason_part) != std::string::npos) return true;
  return false;
}

bool was_removed(const Cleaned& c, const std::string& line) {
  for (const auto& r : c.removed)
    if (r.text == line) return true;
  return false;
}

std::string dump(const Cleaned& c) {
  std::string s = "--- text:\n" + c.text + "\n--- removed:\n";
  for (const auto& r : c.removed) s += "[" + r.reason + "] " + r.text + "\n";
  return s;
}

bool story_intact(const Cleaned& c) {
  for (const char* p : {
           "The harbour authority on Tuesday postponed a vote on the port expansion after fishermen packed the public gallery.",
           "Officials said the dredging plan would be revised to protect the spawning grounds north of the breakwater.",
           "\"We are not against growth, but we need fish to live,\" said Tomasz Wielgus, who has fished the bay for 30 years.",
           "The authority will publish a new environmental assessment in the spring, a spokeswoman said."})
    if (c.text.find(p) == std::string::npos) return false;
  return true;
}

// Cleans `header + story + footer` and checks that every junk line went, with a reason
// containing `reason_part`, and that the story is intact.
void expect_removed(const std::vector<std::string>& junk, const std::string& reason_part, bool in_header = true) {
  std::string page;
  if (in_header)
    for (const auto& j : junk) page += j + "\n";
  page += "Harbour vote delayed as fishermen protest\n\n" + kStory;
  if (!in_header) {
    page += "\n";
    for (const auto& j : junk) page += j + "\n";
  }
  Cleaned c = rules().clean(page);
  for (const auto& j : junk) {
    EXPECT_TRUE(removed_with(c, j, reason_part)) << "not removed as " << reason_part << ": [" << j << "]\n" << dump(c);
    EXPECT_EQ(c.text.find(j), std::string::npos) << "still in text: [" << j << "]";
  }
  EXPECT_TRUE(story_intact(c)) << dump(c);
}

// Cleans a page where `sentence` is a paragraph of the story, and checks it survives.
void expect_kept(const std::string& sentence) {
  std::string page = "Harbour vote delayed as fishermen protest\n\n"
                     "The harbour authority on Tuesday postponed a vote on the port expansion after fishermen packed the public gallery.\n\n" +
                     sentence +
                     "\n\nOfficials said the dredging plan would be revised to protect the spawning grounds north of the breakwater.\n\n"
                     "The authority will publish a new environmental assessment in the spring, a spokeswoman said.\n";
  Cleaned c = rules().clean(page);
  EXPECT_NE(c.text.find(sentence), std::string::npos) << "story sentence eaten: [" << sentence << "]\n" << dump(c);
  EXPECT_FALSE(was_removed(c, sentence)) << dump(c);
}

}  // namespace

// --- Subscription and paywall prompts

TEST(BoilerplateSubscription, PaywallPromptsGo) {
  expect_removed({"Subscribe now", "Already a subscriber? Sign in",
                  "Subscribe to support independent local journalism and get unlimited access",
                  "You have 2 free articles left this month", "Become a member",
                  "Your trial period has expired"},
                 "subscription");
}

TEST(BoilerplateSubscription, StoryAboutSubscriptionsSurvives) {
  expect_kept("Readers who subscribe to the council's text alerts were warned about the flooding two hours earlier.");
  expect_kept("Subscribers to the water company's new tariff will pay less, the regulator said on Monday.");
  expect_kept("Fishermen said they would sign up for the retraining scheme only if the quotas were restored.");
  expect_kept("The prize honours local journalism that holds the powerful to account, the jury said.");
}

// ".{0,40}" and ".{0,60}" are bounds in characters: a line just past one stays (the set
// reads ".*" there, and the pattern as written confirms its match).
TEST(BoilerplateSubscription, BoundsBetweenTheWordsInCharacters) {
  std::string e38, e39;
  for (int k = 0; k < 38; ++k) e38 += "\xC3\xA9";  // é: 40 characters with the two spaces, 78 bytes
  e39 = e38 + "\xC3\xA9";
  expect_removed({"Subscribe " + e38 + " support"}, "subscription prompt");
  const std::string tips = "Tips on the harbour vote went to desk@coastwire.example, the editor said.";
  Cleaned c = rules().clean("Harbour vote delayed\n\n" + kStory + "\n" + tips + "\n");
  EXPECT_TRUE(removed_with(c, tips, "contact line")) << dump(c);
  expect_kept("Subscribe " + e39 + " support");
  expect_kept("Tips about the harbour vote, the fishing quotas, the dredging plan and the spawning grounds went to "
              "desk@coastwire.example, the editor said.");
}

// --- Icon-font labels and template placeholders

TEST(BoilerplateMarkup, IconFontLabelsGo) {
  expect_removed({"ArrowArtboardCreated with Sketch.", "Icon FacebookIcon TwitterIcon Mail",
                  "Shape Created with Sketch. Close"},
                 "icon-font");
}

TEST(BoilerplateMarkup, TemplatePlaceholdersGo) {
  expect_removed({"{{ article.kicker }}", "Published {{pubDate | date:'long'}} by {{author.name}}", "${headline.text}"},
                 "template placeholder");
}

TEST(BoilerplateMarkup, StoryWithBracesSurvives) {
  expect_kept("The code {x} in the leaked spreadsheet referred to a second account, investigators said.");
}

// --- Comment forms

TEST(BoilerplateComments, CommentFormsGoAtTheEnd) {
  expect_removed({"LEAVE A REPLY", "Please enter your comment!", "Please enter your name here",
                  "You have entered an incorrect email address!", "Post Comment"},
                 "trailer", /*in_header=*/false);
}

TEST(BoilerplateComments, ShortCommentWidgetsGoAnywhere) {
  expect_removed({"12 Comments", "View comments"}, "comment form");
}

TEST(BoilerplateComments, StoryAboutCommentsSurvives) {
  expect_kept("The minister's comments drew sharp criticism from opposition lawmakers on Monday.");
  expect_kept("Comments made by the chairman at the meeting were later withdrawn, the club said.");
}

// --- Share, print, back to top, navigation

TEST(BoilerplateShare, ShareAndPrintGo) {
  expect_removed({"Share", "Share this article", "Print this page", "Back To Top", "Copy link", "WhatsApp",
                  "Listen to this article", "Skip to main content"},
                 "share and navigation");
}

TEST(BoilerplateShare, StoryAboutSharesSurvives) {
  expect_kept("Share prices in the shipping company fell 8 percent after the vote was postponed.");
  expect_kept("Residents were asked to share their views on the plan at a meeting next week.");
  expect_kept("Print newspapers in the region have lost half their readers in a decade, the study found.");
}

// The embedded rules' plain alternatives ("share this (article|story|page)") are looked up,
// not matched by RE2: whole lines only, in any case, with the two characters (?i) matches as
// ASCII letters, escaped punctuation, and beside the same rule's other alternatives.
TEST(BoilerplatePlainStrings, WholeLinesInAnyCase) {
  const std::vector<std::pair<std::string, std::string>> removed = {
      {"SHARE THIS STORY", "share and navigation"},
      {"\xC5\xBF" "hare", "share and navigation"},            // U+017F (long s) as s
      {"Lin\xE2\x84\xAA" "edIn", "share and navigation"},    // U+212A (Kelvin sign) as k
      {"Please enter your name here!", "comment form"},       // two groups made optional
      {"Would you like to comment on this article?", "comment form"},  // and the trailer rule's
      {"Sign up (it's quick and free) or sign in now", "comment form"},
      {"Story continues below advertisement", "tracker or ad"},
      {"Cookie Settings", "tracker or ad"},
      {"Subscribe today", "subscription prompt"},
      {"Offer ends Friday", "subscription prompt"},  // an alternative left to RE2
  };
  for (const auto& [line, reason] : removed) {
    Cleaned c = rules().clean("Harbour vote delayed\n" + line + "\n\n" + kStory);
    EXPECT_TRUE(removed_with(c, line, reason)) << line << "\n" << dump(c);
  }
  for (std::string line : {"Share this storyline", "Shares", "Cookie settings page", "Please enter your nam",
                           "Sign up (it's quick and free) or sign in now!", "Lin\xE2\x84\xAB" "edIn"}) {
    Cleaned c = rules().clean("Harbour vote delayed\n" + line + "\n\n" + kStory);
    EXPECT_FALSE(was_removed(c, line)) << line << "\n" << dump(c);
  }
}

// --- Captions and photo credits printed twice

TEST(BoilerplateCaptions, DuplicatedCaptionGoesOnce) {
  const std::string cap =
      "Fishermen gather outside the harbour office in Gdynia on Tuesday. Photo: Kasia Nowak/Baltic Wire";
  std::string page = "Harbour vote delayed as fishermen protest\n" + cap + "\n" + cap + "\n\n" + kStory;
  Cleaned c = rules().clean(page);
  size_t removed = 0;
  for (const auto& r : c.removed)
    if (r.text == cap) {
      ++removed;
      EXPECT_NE(r.reason.find("repeated"), std::string::npos) << r.reason;
    }
  EXPECT_EQ(removed, 1u) << dump(c);
  // Not twice in the text any more.
  size_t first = c.text.find(cap);
  EXPECT_TRUE(first == std::string::npos || c.text.find(cap, first + 1) == std::string::npos) << dump(c);
  EXPECT_TRUE(story_intact(c)) << dump(c);
}

TEST(BoilerplateCaptions, LongLinesAlikeAtStartMiddleAndEndAreNotRepeats) {
  // Lines that share their length and their first, middle and last bytes but differ
  // elsewhere are still different lines.
  const std::string a = "Fishermen gather outside the harbour office in Gdynia on Tuesday morning, Kasia Nowak/Baltic Wire";
  std::string b = a;
  b[20] = 'X';
  b[b.size() - 20] = 'Y';
  std::string page = "Harbour vote delayed as fishermen protest\n" + a + "\n\n" + b + "\n\n" + kStory;
  Cleaned c = rules().clean(page);
  EXPECT_FALSE(was_removed(c, a)) << dump(c);
  EXPECT_FALSE(was_removed(c, b)) << dump(c);
  // And one of them printed again further down goes.
  Cleaned twice = rules().clean(page + "\n\n" + b + "\n");
  size_t removed = 0;
  for (const auto& r : twice.removed) removed += r.text == b;
  EXPECT_EQ(removed, 1u) << dump(twice);
}

TEST(BoilerplateCaptions, ShortRepeatedStoryLineIsNotACaption) {
  // A one-word paragraph repeated ("No.") is not page junk: only lines of 20+ characters.
  std::string page = "Harbour vote delayed\n\n" + kStory + "\nNo.\n\nNo.\n";
  Cleaned c = rules().clean(page);
  EXPECT_FALSE(was_removed(c, "No.")) << dump(c);
}

TEST(BoilerplateCaptions, CaptionIsNotTheTitle) {
  std::string page =
      "Photo: Kasia Nowak/Baltic Wire\nHarbour vote delayed as fishermen protest\n\n" + kStory;
  Cleaned c = rules().clean(page);
  ASSERT_TRUE(c.meta.title.has_value()) << dump(c);
  EXPECT_EQ(*c.meta.title, "Harbour vote delayed as fishermen protest");
}

// --- Date and weather banners vs the publication dateline

TEST(BoilerplateDates, WeekdayBannerIsRetrievedNotPublished) {
  std::string page = "Thursday, May 9, 2024\nOpinion: The bay deserves better\n\n" + kStory;
  Cleaned c = rules().clean(page);
  ASSERT_TRUE(c.meta.retrieved.has_value()) << dump(c);
  EXPECT_EQ(*c.meta.retrieved, "2024-05-09");
  EXPECT_FALSE(c.meta.date.has_value()) << *c.meta.date;
  EXPECT_TRUE(removed_with(c, "Thursday, May 9, 2024", "date banner")) << dump(c);
  EXPECT_TRUE(story_intact(c));
}

TEST(BoilerplateDates, WeekdayDateUnderTheHeadlineIsTheArticlesOwn) {
  // Title, date, story (as Wikinews prints them), with or without a photo caption between:
  // the date stays in the text like the title and is the publication date.
  for (std::string caption : {"", "Fishing boats moored in the harbour in 2021.\n\n"}) {
    std::string page = "Harbour vote delayed as fishermen protest\n\nThursday, May 9, 2024\n\n" + caption + kStory;
    Cleaned c = rules().clean(page);
    ASSERT_TRUE(c.meta.date.has_value()) << dump(c);
    EXPECT_EQ(*c.meta.date, "2024-05-09");
    EXPECT_FALSE(c.meta.retrieved.has_value()) << dump(c);
    EXPECT_EQ(c.meta.title.value_or(""), "Harbour vote delayed as fishermen protest");
    EXPECT_FALSE(c.meta.subtitle.has_value()) << *c.meta.subtitle;
    EXPECT_NE(c.text.find("Thursday, May 9, 2024"), std::string::npos) << dump(c);
    EXPECT_TRUE(c.removed.empty()) << dump(c);
    EXPECT_TRUE(story_intact(c));
  }
}

TEST(BoilerplateDates, WeekdayDateAfterPageFurnitureIsABanner) {
  // Not under a headline: after a one-word page label, or with menus between it and the story.
  for (std::string page : {"scorecardresearch\nThursday, May 9, 2024\nOpinion: The bay deserves better\n\n" + kStory,
                           "Harbour vote delayed as fishermen protest\nThursday, May 9, 2024\nNews\nSport\nWeather\n\n" + kStory}) {
    Cleaned c = rules().clean(page);
    EXPECT_EQ(c.meta.retrieved.value_or(""), "2024-05-09") << dump(c);
    EXPECT_TRUE(removed_with(c, "Thursday, May 9, 2024", "date banner")) << dump(c);
  }
}

TEST(BoilerplateDates, BannerAndDatelineBothPresent) {
  std::string page =
      "Thursday, May 9, 2024\nOpinion: The bay deserves better\nBy Maria Okafor\nNovember 3, 2023 at 06:00AM\n\n" + kStory;
  Cleaned c = rules().clean(page);
  ASSERT_TRUE(c.meta.date.has_value()) << dump(c);
  EXPECT_EQ(*c.meta.date, "2023-11-03T06:00");
  ASSERT_TRUE(c.meta.retrieved.has_value());
  EXPECT_EQ(*c.meta.retrieved, "2024-05-09");
  EXPECT_TRUE(removed_with(c, "November 3, 2023 at 06:00AM", "dateline"));
}

TEST(BoilerplateDates, DatelineFormats) {
  struct Case {
    std::string line, iso;
  } cases[] = {
      {"Published: 12 March 2024", "2024-03-12"},
      {"Posted on March 12, 2024 at 4:15 pm", "2024-03-12T16:15"},
      {"2024-03-12", "2024-03-12"},
      {"Updated Mar. 12, 2024 11:05 a.m. EDT", "2024-03-12T11:05"},
      {"June 21, 2024 at 12:30AM", "2024-06-21T00:30"},
  };
  for (const auto& k : cases) {
    std::string page = "Harbour vote delayed as fishermen protest\n" + k.line + "\n\n" + kStory;
    Cleaned c = rules().clean(page);
    ASSERT_TRUE(c.meta.date.has_value()) << k.line << "\n" << dump(c);
    EXPECT_EQ(*c.meta.date, k.iso) << k.line;
    EXPECT_FALSE(c.meta.retrieved.has_value()) << k.line;
    EXPECT_TRUE(removed_with(c, k.line, "dateline")) << dump(c);
  }
}

TEST(BoilerplateDates, ParseDateLineRejectsNonsense) {
  EXPECT_FALSE(rules().parse_date_line("February 31st of nothing").has_value());
  EXPECT_FALSE(rules().parse_date_line("March 45, 2024").has_value());
  EXPECT_FALSE(rules().parse_date_line("2024-13-01").has_value());
  EXPECT_FALSE(rules().parse_date_line("On March 12, 2024, the council voted.").has_value());
  auto d = rules().parse_date_line("Thursday, May 9, 2024");
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->weekday);
  EXPECT_FALSE(d->time);
}

TEST(BoilerplateDates, ParseDateLineReadsMonthsInAnyCase) {
  const std::pair<const char*, const char*> cases[] = {
      {"AUGUST 5, 2024", "2024-08-05"},
      {"5 sEpT. 2024", "2024-09-05"},
      {"published 2024/08/05", "2024-08-05"},
      // U+017F (long s) matches s in the case-insensitive patterns.
      {"Augu\xC5\xBFt 5, 2024", "2024-08-05"},
  };
  for (const auto& [line, iso] : cases) {
    auto d = rules().parse_date_line(line);
    ASSERT_TRUE(d.has_value()) << line;
    EXPECT_EQ(d->iso, iso) << line;
  }
  EXPECT_FALSE(rules().parse_date_line("Net profit 2024 up 12 pct").has_value());
}

TEST(BoilerplateDates, ParseDateLineFindsTheYearAnywhere) {
  // The year's four digits at every place of the first 16-byte blocks and across them.
  for (size_t spaces = 1; spaces <= 40; ++spaces) {
    const std::string pad(spaces, ' ');
    auto d = rules().parse_date_line("Published" + pad + "March 5, 2024");
    ASSERT_TRUE(d.has_value()) << spaces;
    EXPECT_EQ(d->iso, "2024-03-05") << spaces;
    EXPECT_FALSE(rules().parse_date_line("Published" + pad + "March 5, 202").has_value()) << spaces;
    EXPECT_FALSE(rules().parse_date_line("Published" + pad + "March 5, 20 24").has_value()) << spaces;
  }
}

TEST(BoilerplateDates, StorySentencesWithDatesSurvive) {
  expect_kept("On March 12, 2024, the council voted to suspend the dredging contract.");
  expect_kept("The ban, which began on Thursday, May 9, 2024, will last until the end of the season.");
  std::string page = "Harbour vote delayed\n\n" + kStory;
  EXPECT_FALSE(rules().clean(page).meta.date.has_value());
}

TEST(BoilerplateWeather, WeatherBannersGo) {
  expect_removed({"14°C Partly cloudy", "-3 °C Snow showers", "72°F"}, "weather banner");
}

TEST(BoilerplateWeather, StoryWithTemperatureSurvives) {
  expect_kept("Temperatures reached 41°C in Seville on Sunday, the highest ever recorded in May.");
}

// --- "Most Popular" lists and other page trailers

TEST(BoilerplateTrailer, MostPopularListGoesToTheEnd) {
  std::string page = "Harbour vote delayed as fishermen protest\n\n" + kStory +
                     "\nMost Popular\n"
                     "Mayor admits error over bus lane fines\n"
                     "Five things to do this weekend in the old town\n"
                     "Ferry operator cancels winter sailings after losses mount sharply this year.\n";
  Cleaned c = rules().clean(page);
  EXPECT_TRUE(story_intact(c)) << dump(c);
  EXPECT_TRUE(removed_with(c, "Most Popular", "page trailer")) << dump(c);
  EXPECT_TRUE(was_removed(c, "Mayor admits error over bus lane fines"));
  EXPECT_TRUE(was_removed(c, "Ferry operator cancels winter sailings after losses mount sharply this year."));
  EXPECT_EQ(c.text.find("Five things"), std::string::npos);
}

TEST(BoilerplateTrailer, MarkerBeforeMostOfTheStoryDoesNotEatIt) {
  // A "Related stories" box near the top must not take the story with it.
  std::string page = "Harbour vote delayed as fishermen protest\n\n"
                     "The harbour authority on Tuesday postponed a vote on the port expansion after fishermen packed the public gallery.\n\n"
                     "Related stories\n\n" +
                     kStory.substr(kStory.find("Officials"));
  Cleaned c = rules().clean(page);
  EXPECT_TRUE(story_intact(c)) << dump(c);
}

TEST(BoilerplateTrailer, StoryMentioningTrendingSurvives) {
  expect_kept("Most popular among the fishermen was a plan to move the quay further north, the survey found.");
  expect_kept("Trending topics on social media on Tuesday included the harbour protest and the ferry strike.");
}

// --- Breadcrumbs

TEST(BoilerplateBreadcrumbs, BreadcrumbLinesGo) {
  expect_removed({"Home › World › Europe", "Home > Local News > Harbour", "Home / Business / Shipping",
                  "HomeNewsWorldEurope"},
                 "breadcrumb");
}

TEST(BoilerplateBreadcrumbs, StoryStartingWithHomeSurvives) {
  expect_kept("Home prices in the harbour district have doubled since the expansion was first proposed.");
  expect_kept("Homeowners near the quay say the dredging has already cracked their walls.");
}

// --- Bylines

TEST(BoilerplateBylines, BylineGoesToMeta) {
  std::string page = "Harbour vote delayed as fishermen protest\nBy Maria Okafor\n\n" + kStory;
  Cleaned c = rules().clean(page);
  ASSERT_TRUE(c.meta.byline.has_value()) << dump(c);
  EXPECT_EQ(*c.meta.byline, "Maria Okafor");
  EXPECT_TRUE(removed_with(c, "By Maria Okafor", "byline"));
  EXPECT_TRUE(story_intact(c));
}

TEST(BoilerplateBylines, AtMostEightyCharactersAfterBy) {
  auto byline_of = [](const std::string& who) {
    Cleaned c = rules().clean("Harbour vote delayed as fishermen protest\nBy  " + who + "\n\n" + kStory);
    return c.meta.byline;
  };
  std::string e_acute;  // 80 characters of two bytes
  for (int i = 0; i < 80; ++i) e_acute += "\xC3\x89";
  EXPECT_EQ(byline_of(std::string(80, 'A')), std::string(80, 'A'));
  EXPECT_EQ(byline_of(e_acute), e_acute);
  EXPECT_FALSE(byline_of(std::string(81, 'A')).has_value());
  EXPECT_FALSE(byline_of(e_acute + "A").has_value());
  EXPECT_EQ(byline_of("X"), "X");  // one character: a space of the two before it is taken
}

TEST(BoilerplateBylines, OutletBeforeDescriptionIsThePublisher) {
  std::string page = "Harbour vote delayed as fishermen protest\nby BalticWire(Independent Coastal News)\n\n" + kStory;
  Cleaned c = rules().clean(page);
  ASSERT_TRUE(c.meta.publisher.has_value()) << dump(c);
  EXPECT_EQ(*c.meta.publisher, "BalticWire");
}

// The lower-case words a byline may hold are lib/data/byline_connectors.txt: name
// particles, "and" between names, job words; two other lower-case words make a sentence.
TEST(BoilerplateBylines, ConnectorWordsFromTheDataFile) {
  for (const char* line : {"By Ana de la Cruz and Tom van Berg", "By Maria Okafor, staff writer",
                           "By Omar bin Said with Lena Roy, correspondent"}) {
    Cleaned c = rules().clean(std::string("Harbour vote delayed as fishermen protest\n") + line + "\n\n" + kStory);
    EXPECT_TRUE(removed_with(c, line, "byline")) << line << "\n" << dump(c);
  }
  // "stood" and "quay" are not connectors: the line is read as a sentence, not as names.
  Cleaned c = rules().clean(std::string("Harbour vote delayed as fishermen protest\nBy Maria Okafor stood quay\n\n") + kStory);
  EXPECT_FALSE(c.meta.byline.has_value()) << dump(c);
}

TEST(BoilerplateBylines, StorySentenceStartingWithByIsNotAByline) {
  expect_kept("By the end of the day, more than 300 fishermen had joined the protest outside the harbour office.");
  // A short paragraph of the story that starts with "By" is not a byline either.
  expect_kept("By Friday, the boats were back.");
}

// --- Title, subtitle, and keeping the story

TEST(BoilerplateMeta, TitleAndSubtitleFromTheHeader) {
  std::string page = "WORLD\nHarbour vote delayed as fishermen protest\nLocal fleet says dredging will ruin spawning grounds\n\n" + kStory;
  Cleaned c = rules().clean(page);
  ASSERT_TRUE(c.meta.title.has_value()) << dump(c);
  EXPECT_EQ(*c.meta.title, "Harbour vote delayed as fishermen protest");
  ASSERT_TRUE(c.meta.subtitle.has_value());
  EXPECT_EQ(*c.meta.subtitle, "Local fleet says dredging will ruin spawning grounds");
}

TEST(BoilerplateMeta, NoCleanKeepsEveryLineButReadsMeta) {
  std::string page = "Thursday, May 9, 2024\nShare\nHarbour vote delayed\n\n" + kStory;
  Cleaned c = rules().clean(page, /*clean_lines=*/false);
  EXPECT_TRUE(c.removed.empty());
  EXPECT_NE(c.text.find("Share\n"), std::string::npos);
  EXPECT_TRUE(c.meta.retrieved.has_value());
}

TEST(BoilerplateText, BlankLineRunsCollapseAndParagraphsStay) {
  std::string page = "Harbour vote delayed\n\n\n\n" + kStory + "\n\n\n";
  Cleaned c = rules().clean(page);
  EXPECT_EQ(c.text.find("\n\n\n"), std::string::npos);
  EXPECT_NE(c.text.find("gallery.\n\nOfficials"), std::string::npos) << dump(c);
  EXPECT_NE(c.text.back(), '\n');
}

TEST(BoilerplateText, AFullPageFromAnotherSite) {
  // A regional site's page dump: every kind of furniture around a four-paragraph story.
  std::string page =
      "Skip to main content\n"
      "Home › Region › Coast\n"
      "Wednesday, March 13, 2024\n"
      "8°C Light rain\n"
      "ArrowArtboardCreated with Sketch.\n"
      "COAST\n"
      "Harbour vote delayed as fishermen protest\n"
      "Local fleet says dredging will ruin spawning grounds\n"
      "By Maria Okafor\n"
      "Published: 12 March 2024\n"
      "Share\n"
      "Print\n"
      "\n" +
      kStory +
      "\n{{ newsletter.signup_box }}\n"
      "Back To Top\n"
      "LEAVE A REPLY\n"
      "Please enter your comment!\n"
      "Please enter your name here\n"
      "Most Popular\n"
      "Mayor admits error over bus lane fines\n";
  Cleaned c = rules().clean(page);
  EXPECT_TRUE(story_intact(c)) << dump(c);
  // The headline and standfirst open the text (a one-word section kicker may precede them).
  EXPECT_LE(c.text.find("Harbour vote delayed as fishermen protest\nLocal fleet"), 6u) << dump(c);
  for (const char* junk : {"Skip to", "Region", "8°C", "Sketch", "Maria Okafor", "Published", "Share", "Print",
                           "newsletter", "Back To Top", "REPLY", "comment!", "Most Popular", "bus lane"})
    EXPECT_EQ(c.text.find(junk), std::string::npos) << junk << "\n" << dump(c);
  EXPECT_EQ(c.meta.date.value_or(""), "2024-03-12");
  EXPECT_EQ(c.meta.retrieved.value_or(""), "2024-03-13");
  EXPECT_EQ(c.meta.byline.value_or(""), "Maria Okafor");
  EXPECT_EQ(c.meta.title.value_or(""), "Harbour vote delayed as fishermen protest");
  for (const auto& r : c.removed) EXPECT_FALSE(r.reason.empty()) << r.text;
}

TEST(BoilerplateText, ContactLineVsStorySentenceWithAnEmail) {
  expect_removed({"Got a tip? Email us at tips@coastwire.example"}, "contact line");
  expect_kept("Residents with questions can write to floodhelp@harbour.gov.example, the council said in a statement.");
}

TEST(BoilerplateText, ProseDetection) {
  EXPECT_TRUE(kimput::looks_like_prose("The harbour authority postponed a vote on the port expansion."));
  EXPECT_TRUE(kimput::looks_like_prose("\"We need fish to live,\" said the fisherman who has worked here for years."));
  EXPECT_FALSE(kimput::looks_like_prose("Share this article"));
  // Words are counted sixteen bytes at a time: counts of 7/8 (and 19/20 for a question)
  // words of many lengths, runs of spaces and tabs between them, across block edges.
  uint32_t seed = 12345;
  auto rnd = [&](uint32_t n) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % n;
  };
  for (int round = 0; round < 400; ++round) {
    size_t words = 5 + rnd(18);
    std::string line;
    for (size_t w = 0; w < words; ++w) {
      if (w > 0)
        for (uint32_t k = 1 + rnd(3); k > 0; --k) line += rnd(4) == 0 ? '\t' : ' ';
      for (uint32_t k = 1 + rnd(20); k > 0; --k) line += static_cast<char>('a' + rnd(26));
    }
    bool question = rnd(2) == 0;
    line += question ? '?' : '.';
    EXPECT_EQ(kimput::looks_like_prose(line), question ? words >= 20 : words >= 8) << words << " words: " << line;
  }
  // Surrounding white space, ASCII or not, is trimmed first.
  EXPECT_TRUE(kimput::looks_like_prose(" \xC2\xA0The harbour authority postponed a vote on the port expansion.\t\xE2\x80\x83"));
  EXPECT_TRUE(kimput::looks_like_prose("The harbour authority postponed a vote on the port \xE2\x80\x9C" "expansion\xE2\x80\x9D"));
  EXPECT_FALSE(kimput::looks_like_prose("Fishermen protest as harbour authority delays its vote on expansion..."));
  EXPECT_FALSE(kimput::looks_like_prose("Should the harbour be allowed to expand into the bay?"));
}

// --- User rules

TEST(BoilerplateUserRules, ExtraFileAddsARule) {
  std::string path = testing::TempDir() + "kimput_user_rules.tsv";
  {
    std::ofstream f(path);
    f << "# my site\nsite promo\tshort\t(?i)download the coastwire app.*\n";
  }
  BoilerplateRules mine({path});
  std::string page = "Harbour vote delayed\nDownload the CoastWire app today\n\n" + kStory;
  Cleaned c = mine.clean(page);
  EXPECT_TRUE(removed_with(c, "Download the CoastWire app today", "site promo")) << dump(c);
  // The default rules do not know it.
  EXPECT_FALSE(was_removed(rules().clean(page), "Download the CoastWire app today"));
  std::remove(path.c_str());
}

// A rule that starts with ".*" may match anywhere in a line; it is asked only of the lines
// (and texts) that have the literals it cannot match without. These check that the shortcut
// never loses a line the rule matches.
TEST(BoilerplateUserRules, RulesThatMatchAnywhereInALine) {
  std::string path = testing::TempDir() + "kimput_anywhere_rules.tsv";
  {
    std::ofstream f(path);
    f << "wire credit\tany\t(?i).*(distributed by|syndicated via) (coastwire|harbourpress).*\n"
      << "postcode\tany\t.*\\b\\d{5}\\b.*\n"  // no literal at all: asked of every line
      << "special edition\tany\t(?i).*\xC3\xA9" "dition sp\xC3\xA9" "ciale.*\n"  // a literal outside ASCII
      << "sketch credit\tany\t(?i).*made with sketchbook.*\n"
      << "mail credit\tany\t.*@coastwire\\.example.*\n";
  }
  BoilerplateRules mine({path});
  const std::vector<std::pair<std::string, std::string>> removed = {
      {"Photo DISTRIBUTED BY CoastWire for subscribers", "wire credit"},
      {"All of this was Syndicated via HarbourPress.", "wire credit"},  // the second alternative
      {"Mail to 90210 please", "postcode"},
      {"\xC3\x89" "DITION SP\xC3\x89" "CIALE du soir", "special edition"},  // upper case outside ASCII
      // (?i) matches U+017F (long s) as "s" and U+212A (Kelvin sign) as "k": no ASCII literal.
      {"Made with \xC5\xBF" "ketchbook", "sketch credit"},
      {"made with s\xE2\x84\xAA" "etchbook", "sketch credit"},
      {"Photos courtesy of desk@coastwire.example archive", "mail credit"},
  };
  for (const auto& [line, reason] : removed) {
    Cleaned c = mine.clean("Harbour vote delayed\n" + line + "\n\n" + kStory);
    EXPECT_TRUE(removed_with(c, line, reason)) << line << "\n" << dump(c);
  }
  // Lines with only some of a rule's literals, or its words apart, stay.
  for (std::string line : {"Distributed by the harbour authority", "Mail to 9021 please", "Made with a sketchbook",
                           "Photos courtesy of desk@coastwire archive"}) {
    Cleaned c = mine.clean("Harbour vote delayed\n" + line + "\n\n" + kStory);
    EXPECT_FALSE(was_removed(c, line)) << line << "\n" << dump(c);
  }
  std::remove(path.c_str());
}

// A line is asked of the rules anchored at both ends only when its first bytes may begin a
// match of one (LineStarts). These check that the shortcut never loses a line a rule
// matches: short lines, characters outside ASCII (in a rule, or where it reads "." or a
// negated class), the two characters (?i) folds with ASCII letters, repetitions, and a rule
// with syntax the shortcut does not read (which lets every line through).
TEST(BoilerplateUserRules, RulesAnchoredAtBothEnds) {
  std::string path = testing::TempDir() + "kimput_anchored_rules.tsv";
  std::string unread = testing::TempDir() + "kimput_unread_rules.tsv";
  {
    std::ofstream f(path);
    f << "tiny\tany\t(?i)ok\n"
      << "skip\tany\t(?i)skip (intro|ad)\n"
      << "dots\tany\t..promo code\n"
      << "not letters\tany\t[^a-z] sale\n"
      << "clock\tany\t\\d{1,2}:\\d\\d live\n"
      << "repeats\tany\t(?:ab){2,3}c\\b\n"
      << "flags\tany\t(?i:x)(?s)\\s*y\n"
      << "stars\tany\t(?i)\xE2\x98\x85+ top story\n";
    std::ofstream g(unread);
    g << "letters\tany\t\\pL+ deal\n";
  }
  BoilerplateRules mine({path});
  const std::vector<std::pair<std::string, std::string>> removed = {
      {"OK", "tiny"},
      {"\xC5\xBF" "kip intro", "skip"},  // U+017F (long s), which (?i) matches as s
      {"S\xE2\x84\xAA" "IP AD", "skip"},  // U+212A (Kelvin sign), which (?i) matches as k
      {"->promo code", "dots"},
      {"\xC2\xBB-promo code", "dots"},  // a character outside ASCII for the first dot
      {"\xE2\x80\x9C-promo code", "dots"},
      {"# sale", "not letters"},
      {"\xC2\xBD sale", "not letters"},
      {"7:45 live", "clock"},
      {"12:45 live", "clock"},
      {"abababc", "repeats"},
      {"Xy", "flags"},
      {"x \t y", "flags"},
      {"\xE2\x98\x85\xE2\x98\x85 Top Story", "stars"},
  };
  for (const auto& [line, reason] : removed) {
    Cleaned c = mine.clean("Harbour vote delayed\n" + line + "\n\n" + kStory);
    EXPECT_TRUE(removed_with(c, line, reason)) << line << "\n" << dump(c);
  }
  for (std::string line : {"OKAY", "Skip the intro", "-promo code", "Big sale", "123:45 live", "ABC", "Yx"}) {
    Cleaned c = mine.clean("Harbour vote delayed\n" + line + "\n\n" + kStory);
    EXPECT_FALSE(was_removed(c, line)) << line << "\n" << dump(c);
  }
  BoilerplateRules other({unread});
  for (std::string line : {"Mega deal", "\xC3\x9Cnique deal"}) {
    Cleaned c = other.clean("Harbour vote delayed\n" + line + "\n\n" + kStory);
    EXPECT_TRUE(removed_with(c, line, "letters")) << line << "\n" << dump(c);
  }
  std::remove(path.c_str());
  std::remove(unread.c_str());
}

// A line matched by rules of several scopes: the first rule in file order that may act on it
// gives the reason, and a short rule never acts on a line of story prose.
TEST(BoilerplateUserRules, FirstRuleThatMayActGivesTheReason) {
  std::string path = testing::TempDir() + "kimput_scoped_rules.tsv";
  {
    std::ofstream f(path);
    f << "promo short\tshort\t(?i).*coastwire app.*\n"
         "promo any\tany\t(?i).*coastwire app.*\n";
  }
  BoilerplateRules mine({path});
  const std::string promo = "Get the CoastWire app";
  const std::string prose = "Readers who download the CoastWire app will get the harbour news first, the editor said.";
  Cleaned c = mine.clean("Harbour vote delayed\n" + promo + "\n\n" + kStory + "\n" + prose + "\n");
  EXPECT_TRUE(removed_with(c, promo, "promo short")) << dump(c);
  EXPECT_TRUE(removed_with(c, prose, "promo any")) << dump(c);
  std::remove(path.c_str());
}

TEST(BoilerplateUserRules, MalformedFileNamesFileAndLine) {
  std::string path = testing::TempDir() + "kimput_bad_rules.tsv";
  for (std::string body : {"# comment\nonly two\tcolumns\n", "x\tsometimes\tfoo\n", "x\tshort\t(unclosed\n",
                           "x\tany\t(?i).*(unclosed\n"}) {
    {
      std::ofstream f(path);
      f << body;
    }
    try {
      BoilerplateRules bad({path});
      ADD_FAILURE() << "no error for " << body;
    } catch (const std::runtime_error& e) {
      std::string msg = e.what();
      EXPECT_NE(msg.find(path + ":"), std::string::npos) << msg;
    }
  }
  std::remove(path.c_str());
}
