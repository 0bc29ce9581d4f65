// Unit tests of the quotes pass, one construction at a time, on sentences written for these
// tests (not taken from the seeds or any evaluation set). Each test runs tokenize, entities
// and quotes on one text and asserts quote text, kind, speaker name and cue.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kimput/document.h"
#include "kimput/json/reader.h"
#include "kimput/json/writer.h"
#include "kimput/passes/entities.h"
#include "kimput/passes/quotes.h"
#include "kimput/passes/tokenize.h"
#include "kimput/quotes/marks.h"

namespace {

using kimput::Config;
using kimput::Document;
namespace json = kimput::json;

struct Q {
  std::string text, kind, speaker_name, speaker_text, cue, description;
};

// A field a pass added, as a tree: passes write their fields as JSON text (json::Writer),
// read back here as any consumer of the output reads them.
json::Value field(const Document& doc, const char* name) {
  static json::Reader reader;
  return reader.parse(json::to_string(*doc.root().find(name))).value;
}

std::vector<Q> run(const std::string& text) {
  static const kimput::TokenizePass tok{Config{}};
  static const kimput::EntitiesPass ents{Config{}};
  static const kimput::QuotesPass quotes{Config{}};
  json::Value root = json::Value::object();
  root.set("text", text);
  Document doc(std::move(root));
  tok.run(doc);
  ents.run(doc);
  quotes.run(doc);
  std::vector<Q> out;
  const json::Value found = field(doc, "quotes");
  for (const json::Value& q : found.items()) {
    Q x;
    x.text = q.find("text")->as_string();
    x.kind = q.find("kind")->as_string();
    const json::Value* sp = q.find("speaker");
    if (sp && sp->is_object()) {
      if (sp->find("name")->is_string()) x.speaker_name = sp->find("name")->as_string();
      x.speaker_text = sp->find("text")->as_string();
      if (sp->find("description")->is_string()) x.description = sp->find("description")->as_string();
    }
    const json::Value* cue = q.find("cue");
    if (cue && cue->is_object()) x.cue = cue->find("text")->as_string();
    out.push_back(x);
  }
  return out;
}

const Q* find(const std::vector<Q>& qs, const std::string& prefix) {
  for (const Q& q : qs)
    if (q.text.rfind(prefix, 0) == 0) return &q;
  return nullptr;
}

// The speaker's name of a quote that find() gave, or "(no quote)".
std::string speaker(const Q* q) { return q ? q->speaker_name : "(no quote)"; }

TEST(Quotes, DirectWithSpeakerAfter) {
  auto qs = run("“The harbour will reopen next spring,” said Maria Gonzalez, a port official in Valencia.");
  const Q* q = find(qs, "The harbour will reopen");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, "direct");
  EXPECT_EQ(q->speaker_name, "Maria Gonzalez");
  EXPECT_EQ(q->cue, "said");
  EXPECT_EQ(q->description, "a port official in Valencia");
}

TEST(Quotes, APossessiveAfterTheVerbIsNotTheSpeaker) {
  // "said Putin's spokesman X": the spokesman speaks; "said Norway's latest “…”": the content.
  auto qs = run("Officials met in Oslo.\n\n“The talks are over,” said Putin's spokesman Dmitry Peskov.\n\n"
                "Ingrid Dahl, the mayor of Bergen, a city on the coast, said Norway's latest \"offer cannot be accepted "
                "without changes to the harbour fees.\"");
  EXPECT_EQ(speaker(find(qs, "The talks are over")), "Dmitry Peskov");
  for (const Q& x : qs) EXPECT_NE(x.speaker_name, "Norway") << x.text;
}

TEST(Quotes, DirectWithPronounResolvedToPerson) {
  auto qs = run("Tomas Berglund runs the ferry company.\n\n“We lost money every winter,” he said.");
  const Q* q = find(qs, "We lost money");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, "direct");
  EXPECT_EQ(q->speaker_text, "he");
  EXPECT_EQ(q->speaker_name, "Tomas Berglund");
}

TEST(Quotes, SplitQuoteKeepsOneSpeaker) {
  auto qs = run("“The bridge is safe,” Vladimir Putin said. “The inspectors agree with us.”");
  const Q* a = find(qs, "The bridge is safe");
  const Q* b = find(qs, "The inspectors agree");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->speaker_name, "Vladimir Putin");
  EXPECT_EQ(b->speaker_name, "Vladimir Putin");
  EXPECT_EQ(b->kind, "direct");
}

TEST(Quotes, ColonIntroduction) {
  auto qs = run("Angela Merkel told reporters: “We will not reopen the treaty.”");
  const Q* q = find(qs, "We will not reopen");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, "direct");
  EXPECT_EQ(q->speaker_name, "Angela Merkel");
}

TEST(Quotes, IndirectWithThat) {
  auto qs = run("Emmanuel Macron said that France would send more engineers to the region.");
  const Q* q = find(qs, "France would send");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, "indirect");
  EXPECT_EQ(q->speaker_name, "Emmanuel Macron");
  EXPECT_EQ(q->cue, "said");
}

TEST(Quotes, IndirectWithoutThat) {
  auto qs = run("Narendra Modi said India would double its solar capacity by 2030.");
  const Q* q = find(qs, "India would double");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker_name, "Narendra Modi");
}

TEST(Quotes, IndirectWithAttributionAtTheEnd) {
  auto qs = run("The currency will weaken further before the summer, analysts at the bank said.");
  const Q* q = find(qs, "The currency will weaken");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, "indirect");
  EXPECT_TRUE(q->speaker_name.empty());  // an unnamed source: text, no name
  EXPECT_NE(q->speaker_text.find("analysts"), std::string::npos);
}

TEST(Quotes, InvertedMultiWordCue) {
  auto qs = run("Grain exports have fallen by a third since March, points out Olga Petrova, an economist at a Kyiv bank.");
  const Q* q = find(qs, "Grain exports have fallen");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker_name, "Olga Petrova");
  EXPECT_EQ(q->cue, "points out");
}

TEST(Quotes, AccordingToWithPartialQuote) {
  auto qs = run("The visit was cancelled because of \"scheduling problems,\" according to foreign ministry spokesman Wang Wenbin.");
  const Q* p = find(qs, "scheduling problems");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->kind, "partial");
  EXPECT_EQ(p->speaker_name, "Wang Wenbin");
  EXPECT_EQ(p->cue, "according to");
}

TEST(Quotes, MidSentenceAttribution) {
  auto qs = run("The new rules, Jacinda Ardern said, would protect small farms from the worst of the drought.");
  ASSERT_NE(find(qs, "The new rules"), nullptr);
  EXPECT_EQ(speaker(find(qs, "would protect small farms")), "Jacinda Ardern");
}

TEST(Quotes, MultiParagraphQuoteIsOne) {
  auto qs = run("Keir Starmer said: “The first part of the plan is housing.\n\n“The second part is transport, and it will take longer.”");
  const Q* q = find(qs, "The first part of the plan");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->text.find("The second part is transport"), std::string::npos);
  EXPECT_EQ(q->speaker_name, "Keir Starmer");
}

TEST(Quotes, UnclosedMarkStopsAtParagraphEnd) {
  auto qs = run("He called it “a turning point for the club.\n\nThe match ended in a draw. Fans left early.");
  for (const Q& q : qs) EXPECT_EQ(q.text.find("The match ended"), std::string::npos);
}

TEST(Quotes, TitlesAndScareQuotesAreNotSpeech) {
  auto qs = run("The plan, known as “Green Harbour,” was announced on Monday. The so-called \"miracle\" scheme was naive.");
  for (const Q& q : qs) {
    if (q.text == "Green Harbour" || q.text == "miracle") {
      EXPECT_EQ(q.kind, "other");
      EXPECT_TRUE(q.speaker_name.empty());
    }
  }
}

TEST(Quotes, NegatedVerbIsNoAttribution) {
  auto qs = run("The ministry declined to say whether the tanks had arrived. The embassy did not respond to questions.");
  EXPECT_TRUE(qs.empty());
}

TEST(Quotes, BeliefIsNotSpeech) {
  auto qs = run("Many farmers believe that the rain will come late this year.");
  EXPECT_TRUE(qs.empty());
}

TEST(Quotes, ApostrophesAreNotQuotationMarks) {
  auto spans = kimput::find_quotes("Kim’s sister and the ’90s rock ’n’ roll scene aren’t quotes.");
  EXPECT_TRUE(spans.empty());
}

TEST(Quotes, TypewriterDoubleApostrophes) {
  auto qs = run("''We will appeal the ruling,'' said Mr. Okafor, the company's lawyer.");
  const Q* q = find(qs, "We will appeal");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, "direct");
  EXPECT_NE(q->speaker_text.find("Okafor"), std::string::npos);
}

TEST(Quotes, NestedSameKindQuotation) {
  auto qs = run("“I would rather live in what he calls “chaos” than in his order,” said Ana Lima.");
  const Q* q = find(qs, "I would rather live");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->text.find("than in his order"), std::string::npos);
  EXPECT_EQ(q->speaker_name, "Ana Lima");
}

TEST(Quotes, QuoteLeftOpenEndsAtItsSentence) {
  auto qs = run("She will mention the “river pact and its history. The term “river pact” is old. Nobody uses it.");
  for (const Q& q : qs) EXPECT_EQ(q.text.find("Nobody uses it"), std::string::npos) << q.text;
}

TEST(Quotes, NounBeforeAVerbIsNotTheCue) {
  auto qs = run("News reports said the ferry would stop running in winter.");
  const Q* q = find(qs, "the ferry would stop");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue, "said");
  EXPECT_EQ(q->speaker_text, "News reports");
}

TEST(Quotes, ParticipleIntroducingAQuotation) {
  auto qs = run("Jean Dupont thanked the crowd before asking them, “Will you vote next week?”");
  const Q* q = find(qs, "Will you vote");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker_name, "Jean Dupont");
}

// Lower-case forms come from the text when it is lower case already and from a buffer
// otherwise (capitals, non-ASCII letters): both find the reporting verb and the speaker.
TEST(Quotes, CapitalisedAndNonAsciiWords) {
  auto qs = run("“The dam will hold,” SAID José Álvarez, the engineer in charge.");
  const Q* q = find(qs, "The dam will hold");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, "direct");
  EXPECT_EQ(q->cue, "SAID");
  EXPECT_EQ(q->speaker_text, "José Álvarez");
}

}  // namespace

TEST(Quotes, TranscriptSpeakerLabels) {
  // A label in capitals is the family name of a person the story names; one written in full
  // is that person. The quote starts after the colon.
  auto qs = run("Governor Ellen Marsh spoke to host Tom Bradley on Sunday.\n\n"
                "“BRADLEY: Will the bridge reopen before the winter storms arrive here?”\n\n"
                "“MARSH: We expect it to reopen in March, if the weather holds for us.”\n\n"
                "“Ellen Marsh: And the ferry keeps running until then, every single day.”");
  const Q* a = find(qs, "Will the bridge reopen");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->speaker_name, "Tom Bradley");
  EXPECT_EQ(a->speaker_text, "BRADLEY");
  EXPECT_EQ(speaker(find(qs, "We expect it to reopen")), "Ellen Marsh");
  EXPECT_EQ(speaker(find(qs, "And the ferry keeps running")), "Ellen Marsh");
  // Without quotation marks: a label in capitals that names a person of the story.
  auto plain = run("Governor Ellen Marsh spoke to host Tom Bradley on Sunday.\n\n"
                   "BRADLEY: Will the bridge reopen before the winter storms arrive?\n\n"
                   "UPDATE: The bridge reopened on Monday after the storm had passed.");
  EXPECT_EQ(speaker(find(plain, "Will the bridge reopen")), "Tom Bradley");
  EXPECT_EQ(find(plain, "The bridge reopened on Monday"), nullptr);
  // A slogan inside a sentence is not a transcript line.
  auto signs = run("Protesters carried signs reading “Ellen Marsh: Bad for the harbour, bad for you.”");
  for (const Q& q : signs) EXPECT_NE(q.text.rfind("Bad for the harbour", 0), 0u) << q.text;
}

TEST(Quotes, SpeakerPhraseWithGroupPlaceOrOrganisationBeforeTheTitle) {
  // After the quotation, the titles before the name may belong to a group, a place or an
  // organisation, with lower-case words between: the whole phrase is the speaker's.
  auto qs = run("Hillary Clinton spoke in Ohio.\n\n"
                "“We are in a difficult situation after the vote,” German Chancellor Angela Merkel told reporters.\n\n"
                "“She will be out there campaigning by Wednesday,” Clinton campaign spokesman Brian Fallon said.\n\n"
                "“We will go on with the reforms we promised,” the Greek finance minister Yanis Varoufakis said.\n\n"
                "“I am not going to follow a script for anyone,” Italian Prime Minister Matteo Renzi said.");
  const Q* a = find(qs, "We are in a difficult situation");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->speaker_name, "Angela Merkel");
  EXPECT_EQ(a->description, "German Chancellor");
  EXPECT_EQ(speaker(find(qs, "She will be out there")), "Brian Fallon");
  const Q* c = find(qs, "We will go on");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->speaker_name, "Yanis Varoufakis");
  EXPECT_EQ(c->description, "the Greek finance minister");
  const Q* d = find(qs, "I am not going to follow");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->speaker_name, "Matteo Renzi");
  EXPECT_EQ(d->description, "Italian Prime Minister");
}

TEST(Quotes, AttributionAfterAQuestionAndACapitalisedName) {
  // "?” Vitter said" splits into two sentences; the attribution still belongs to the
  // quotation, but not across a paragraph break.
  auto qs = run("Senator Dana Vitel spoke first.\n\n“Why is this not proof that the bank is too big?” Vitel demanded.\n\n"
                "“Who would want that for the harbour?”\n\nSome party strategists said none of that mattered.");
  const Q* a = find(qs, "Why is this not proof");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->speaker_name, "Dana Vitel");
  EXPECT_EQ(a->cue, "demanded");
  const Q* b = find(qs, "Who would want that");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->description.find("strategists"), std::string::npos) << b->description;
}

TEST(Quotes, CharacterisationWithAs) {
  // "X … Y as a “…”": the person leading the sentence characterises Y in their own words.
  auto qs = run("Mayor Dana Vitel spoke on Monday. Vitel openly admires the harbour master as a “true leader” "
                "in public.\n\nThe campaign described the plan as a “total mess” again.");
  const Q* a = find(qs, "true leader");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, "partial");
  EXPECT_EQ(a->speaker_name, "Dana Vitel");
  const Q* b = find(qs, "total mess");
  if (b) {
    EXPECT_TRUE(b->speaker_name.empty()) << b->speaker_name;  // an unnamed subject: no person
  }
}

namespace {

// The quotes pass reads the entities the entities pass left on the document or, for a
// document that comes with them, the "entities" JSON: both give the same quotes.
TEST(Quotes, EntitiesFromThePassOrFromJson) {
  static const kimput::TokenizePass tok{Config{}};
  static const kimput::EntitiesPass ents{Config{}};
  static const kimput::QuotesPass quotes{Config{}};
  json::Value root = json::Value::object();
  root.set("text", std::string("“The Überlingen line will reopen in the spring,” said Maria González, a port official. "
                               "Officials at the Moscow Aviation Institute said the plan would help."));
  Document doc(std::move(root));
  tok.run(doc);
  ents.run(doc);
  ASSERT_NE(doc.entity_mentions(), nullptr);
  static json::Reader reader;
  Document given(reader.parse(json::to_string(doc.root())).value);
  EXPECT_EQ(given.entity_mentions(), nullptr);
  quotes.run(doc);
  quotes.run(given);
  EXPECT_EQ(json::to_string(*doc.root().find("quotes")), json::to_string(*given.root().find("quotes")));
  const json::Value found = field(doc, "quotes");
  ASSERT_EQ(found.items().size(), 2u);
  EXPECT_EQ(found.items()[0].find("speaker")->find("name")->as_string(), "Maria González");
}

}  // namespace

// A short quotation in title case is a title or a name ("other"), not speech; its small
// words in lower case (lib/data/title_small_words.txt) do not count against it.
TEST(Quotes, TitleCaseQuotationIsATitle) {
  auto qs = run("She appeared on “Face the Nation” on Sunday.");
  const Q* a = find(qs, "Face the Nation");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, "other");
  auto show = run("The programme “Voices of the Harbour and the Sea” returns in May.");
  const Q* b = find(show, "Voices of the Harbour and the Sea");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->kind, "other");
  // A lower-case word that is not one of them makes it ordinary words (here, speech).
  auto said = run("“Harbour Works Always Fail Us Because Nobody Listens,” said Maria Gonzalez.");
  const Q* c = find(said, "Harbour Works");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->kind, "direct");
}

// find_quotes skips eight bytes at a time to the next possible mark: marks are found at
// every alignment, and what it finds moves with the text.
TEST(QuoteMarks, SameSpansAtEveryOffset) {
  const std::string body =
      "He said \"the plan works\" and then, in the afternoon, \xE2\x80\x9Cwe will see\xE2\x80\x9D; "
      "it\xE2\x80\x99s a ``typewriter'' quote and \xC2\xAB guillemets \xC2\xBB too.";
  const auto base = kimput::find_quotes(body);
  ASSERT_EQ(base.size(), 4u);
  for (uint32_t pad = 1; pad <= 17; ++pad) {
    const auto got = kimput::find_quotes(std::string(pad, 'x') + " " + body);
    ASSERT_EQ(got.size(), base.size()) << pad;
    for (size_t i = 0; i < base.size(); ++i) {
      EXPECT_EQ(got[i].open, base[i].open + pad + 1) << pad;
      EXPECT_EQ(got[i].content_begin, base[i].content_begin + pad + 1) << pad;
      EXPECT_EQ(got[i].content_end, base[i].content_end + pad + 1) << pad;
      EXPECT_EQ(got[i].close_end, base[i].close_end + pad + 1) << pad;
    }
  }
}

// A token with a typographic apostrophe is lower-cased without utf8::lower when its only
// non-ASCII characters are such punctuation: "DOE’S" must still read as a possessive.
TEST(Quotes, APossessiveInCapitalsWithATypographicApostropheIsNotASpeaker) {
  for (const Q& q : run("The ministry rejected DOE’S claims that the vote count was rigged.")) EXPECT_NE(q.cue, "claims") << q.text;
  // The same words without the possessive: a cue.
  const std::vector<Q> qs = run("JANE DOE claims that the vote count was rigged.");
  const Q* q = find(qs, "the vote count");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->cue, "claims");
}

// Each thread keeps the pass's per-token tables from one document to the next and resets
// only what a document set in them: a document's quotes are the same whatever came before.
TEST(Quotes, ADocumentsQuotesDoNotDependOnTheDocumentBefore) {
  const std::string text = "Officials said the harbour would reopen in the spring after repairs to the pier.";
  const std::vector<Q> alone = run(text);
  ASSERT_NE(find(alone, "the harbour would reopen"), nullptr);
  // A quotation, names and words looked up over the same tokens and beyond.
  run("“The harbour will stay closed until the repairs are done,” said Maria Gonzalez, a port official in "
      "Valencia, on Tuesday. Analysts at Banco Santander said the delay would cost millions.");
  const std::vector<Q> after = run(text);
  ASSERT_EQ(after.size(), alone.size());
  for (size_t i = 0; i < alone.size(); ++i) {
    EXPECT_EQ(after[i].text, alone[i].text);
    EXPECT_EQ(after[i].kind, alone[i].kind);
    EXPECT_EQ(after[i].speaker_text, alone[i].speaker_text);
    EXPECT_EQ(after[i].cue, alone[i].cue);
  }
}

// A description joined from the words before the name and the apposition after it is a
// string made for the record, which must outlive the pass's work on the document.
TEST(Quotes, DescriptionJoinedFromBothSidesOfTheName) {
  auto qs = run("“The talks will continue next week,” said Kremlin spokesman Dmitry Peskov, a former diplomat.");
  const Q* q = find(qs, "The talks will continue");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker_name, "Dmitry Peskov");
  EXPECT_EQ(q->description, "Kremlin spokesman, a former diplomat");
}
