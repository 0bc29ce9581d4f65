#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kimput/document.h"
#include "kimput/json/reader.h"
#include "kimput/json/writer.h"

using kimput::Document;
using kimput::json::Value;

namespace {

// text[start:end] in code points, computed independently of utf8::OffsetIndex.
std::string cp_substr(const std::string& text, int64_t start, int64_t end) {
  std::vector<size_t> b;
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) b.push_back(i);
  b.push_back(text.size());
  if (start < 0 || end < start || static_cast<size_t>(end) >= b.size()) return "<out of range>";
  return text.substr(b[static_cast<size_t>(start)], b[static_cast<size_t>(end)] - b[static_cast<size_t>(start)]);
}

const std::vector<std::string>& sample_texts() {
  static const std::vector<std::string> t = {
      "Plain ASCII text. Two sentences.",
      "Caf\xC3\xA9 owners in S\xC3\xA3o Paulo said prices rose \xE2\x80\x94 again. \xE2\x80\x9CWe cannot cope,\xE2\x80\x9D one said.",
      "Emoji \xF0\x9F\x98\x80 count as one code point. Mr.\xC2\xA0Kim\xE2\x80\x99s visit to the U.S. ended.\n\n"
      "A second paragraph with \xE4\xB8\xAD\xE6\x96\x87 and more text to cross a block boundary of the index.",
      "",
      "\xC2\xA0\xC2\xA0Leading no-break spaces. Trailing ones too.\xC2\xA0",
  };
  return t;
}

}  // namespace

TEST(Document, NewDocumentIsAnEmptyObject) {
  Document d;
  EXPECT_TRUE(d.root().is_object());
  EXPECT_EQ(d.text(), "");
  EXPECT_TRUE(d.segmentation().sentences.empty());
}

TEST(Document, NonObjectRootBecomesAnObject) {
  Document d(Value::array());
  EXPECT_TRUE(d.root().is_object());
  Document s(Value("text"));
  EXPECT_EQ(s.text(), "");
}

TEST(Document, TextOfAnotherTypeReadsAsEmpty) {
  Document d(kimput::json::obj({{"text", Value(42)}}));
  EXPECT_EQ(d.text(), "");
}

TEST(Document, SpanUsesCodePoints) {
  Document d;
  d.set_text("\xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80 ok");  // "été 😀 ok"
  // "ok" starts at byte 11, code point 6.
  Value s = d.span(11, 13);
  EXPECT_EQ(s.find("start")->as_int(), 6);
  EXPECT_EQ(s.find("end")->as_int(), 8);
  EXPECT_EQ(*s.get_string("text"), "ok");
  Value e = d.span(0, 5, false);
  EXPECT_EQ(kimput::json::to_string(e), R"({"start":0,"end":3})");
  Value obj = kimput::json::obj({{"type", Value("x")}});
  d.add_span(obj, 6, 10);
  EXPECT_EQ(kimput::json::to_string(obj), "{\"type\":\"x\",\"start\":4,\"end\":5,\"text\":\"\xF0\x9F\x98\x80\"}");
}

TEST(Document, SetTextDropsCachedOffsetsAndSegmentation) {
  Document d;
  d.set_text("One. Two.");
  ASSERT_EQ(d.segmentation().sentences.size(), 2u);
  EXPECT_EQ(d.offsets().cp_size(), 9);
  d.set_text("\xC3\xA9\xC3\xA9. Only one");
  EXPECT_EQ(d.segmentation().sentences.size(), 2u);
  EXPECT_EQ(d.offsets().cp_size(), 12);
  d.set_text("Single sentence here");
  EXPECT_EQ(d.segmentation().sentences.size(), 1u);
  EXPECT_EQ(d.span(7, 15).find("start")->as_int(), 7);
}

// The contract: every span written satisfies text[start:end] == span.text in code points.
TEST(Document, SpanPropertyOverAllSentencesAndTokens) {
  for (const std::string& text : sample_texts()) {
    Document d;
    d.set_text(text);
    const auto& seg = d.segmentation();
    std::vector<std::pair<uint32_t, uint32_t>> ranges;
    for (const auto& s : seg.sentences) ranges.emplace_back(s.begin, s.end);
    for (const auto& t : seg.tokens) ranges.emplace_back(t.begin, t.end);
    for (auto [b, e] : ranges) {
      Value s = d.span(b, e);
      int64_t start = s.find("start")->as_int(), end = s.find("end")->as_int();
      EXPECT_EQ(cp_substr(text, start, end), *s.get_string("text")) << text;
      EXPECT_EQ(*s.get_string("text"), text.substr(b, e - b));
    }
  }
}

TEST(Document, RecordPassOnceInOrder) {
  Document d;
  EXPECT_FALSE(d.has_pass("ingest"));
  d.record_pass("ingest");
  d.record_pass("tokenize");
  d.record_pass("ingest");
  EXPECT_TRUE(d.has_pass("ingest"));
  EXPECT_TRUE(d.has_pass("tokenize"));
  EXPECT_FALSE(d.has_pass("quotes"));
  d.finish();
  EXPECT_TRUE(d.has_pass("tokenize"));
  EXPECT_EQ(kimput::json::to_string(*d.root().find("kimput")),
            std::string(R"({"version":")") + KIMPUT_VERSION + R"(","passes":["ingest","tokenize"]})");
  // A pass recorded after finish() is in the record that finish() writes again.
  d.record_pass("quotes");
  EXPECT_TRUE(d.has_pass("quotes"));
  d.finish();
  EXPECT_EQ(kimput::json::to_string(*d.root().find("kimput")),
            std::string(R"({"version":")") + KIMPUT_VERSION + R"(","passes":["ingest","tokenize","quotes"]})");
  EXPECT_TRUE(d.has_pass("quotes"));
}

TEST(Document, RecordPassKeepsEveryPassInOrder) {
  // More passes than a new document keeps aside: the rest go into its record.
  static const char* const kNames[] = {"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"};
  Document d;
  for (const char* n : kNames) d.record_pass(n);
  d.record_pass("p3");
  d.record_pass("p9");
  for (const char* n : kNames) EXPECT_TRUE(d.has_pass(n)) << n;
  EXPECT_FALSE(d.has_pass("p10"));
  d.finish();
  EXPECT_EQ(kimput::json::to_string(*d.root().find("kimput")),
            std::string(R"({"version":")") + KIMPUT_VERSION + R"(","passes":["p0","p1","p2","p3","p4","p5","p6","p7","p8","p9"]})");
}

TEST(Document, FinishAddsTheKeptPassesToARecordSetSince) {
  Document d;
  d.record_pass("ingest");
  kimput::json::Reader r;
  auto pr = r.parse(R"({"passes":["tokenize"]})");
  ASSERT_TRUE(pr.ok);
  d.root().set("kimput", std::move(pr.value));
  d.finish();
  EXPECT_EQ(d.root().keys().back(), "kimput");
  EXPECT_EQ(kimput::json::to_string(*d.root().find("kimput")),
            std::string(R"({"version":")") + KIMPUT_VERSION + R"(","passes":["tokenize","ingest"]})");
}

TEST(Document, RecordPassRepairsAMalformedRecord) {
  Document d(kimput::json::obj({{"kimput", Value("junk")}}));
  EXPECT_FALSE(d.has_pass("ingest"));
  d.record_pass("ingest");
  EXPECT_TRUE(d.has_pass("ingest"));
}

TEST(Document, FinishPutsSchemaFirstKimputLastAndKeepsUnknownFields) {
  kimput::json::Reader r;
  auto pr = r.parse(R"({"id":"x","kimput":{"passes":["ingest"]},"label":"gold","text":"Hi."})");
  ASSERT_TRUE(pr.ok);
  Document d(std::move(pr.value));
  d.record_pass("tokenize");
  d.finish();
  const auto& keys = d.root().keys();
  ASSERT_EQ(keys.size(), 5u);
  EXPECT_EQ(keys.front(), "schema");
  EXPECT_EQ(*d.root().get_string("schema"), "kimput/1");
  EXPECT_EQ(keys[1], "id");
  EXPECT_EQ(keys[2], "label");
  EXPECT_EQ(*d.root().get_string("label"), "gold");
  EXPECT_EQ(keys.back(), "kimput");
  const Value& k = *d.root().find("kimput");
  EXPECT_EQ(k.keys().front(), "version");
  EXPECT_EQ(*k.get_string("version"), KIMPUT_VERSION);
  EXPECT_EQ(kimput::json::to_string(*k.find("passes")), R"(["ingest","tokenize"])");
  // finish() is idempotent: same bytes again.
  std::string once = kimput::json::to_string(d.root());
  d.finish();
  EXPECT_EQ(kimput::json::to_string(d.root()), once);
}

TEST(Document, FinishPutsTheRecordLastWithTheCurrentVersionFirst) {
  // A record made by record_pass(), with members added after it.
  Document made;
  made.record_pass("ingest");
  made.root().append("tokens", Value::array());
  made.finish();
  EXPECT_EQ(made.root().keys().back(), "kimput");
  EXPECT_EQ(kimput::json::to_string(*made.root().find("kimput")),
            std::string(R"({"version":")") + KIMPUT_VERSION + R"(","passes":["ingest"]})");
  // An input's record of another version, with the version again after the passes.
  kimput::json::Reader r;
  auto pr = r.parse(R"({"kimput":{"version":"0.0.1","passes":["ingest"],"version":"0.0.2"},"id":"x"})");
  ASSERT_TRUE(pr.ok);
  Document given(std::move(pr.value));
  given.finish();
  EXPECT_EQ(given.root().keys().back(), "kimput");
  EXPECT_EQ(kimput::json::to_string(*given.root().find("kimput")),
            std::string(R"({"version":")") + KIMPUT_VERSION + R"(","passes":["ingest"]})");
}

TEST(Document, FinishKeepsAnExistingSchemaWhereItIs) {
  Document d(kimput::json::obj({{"schema", Value("kimput/1")}, {"id", Value("a")}}));
  d.finish();
  EXPECT_EQ(d.root().keys()[0], "schema");
  EXPECT_EQ(d.root().keys()[1], "id");
}
