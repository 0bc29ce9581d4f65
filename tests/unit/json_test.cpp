#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "kimput/json/reader.h"
#include "kimput/json/writer.h"
#include "kimput/text/utf8.h"

using kimput::json::Reader;
using kimput::json::Value;

namespace {

Value parse_ok(Reader& r, std::string_view text) {
  auto pr = r.parse(text);
  EXPECT_TRUE(pr.ok) << text << ": " << pr.error;
  return pr.value;
}

}  // namespace

TEST(JsonWriter, EscapesPerRfc8259) {
  EXPECT_EQ(kimput::json::to_string(Value("a\"b\\c\n\t\x01")), R"("a\"b\\c\n\t\u0001")");
}

TEST(JsonWriter, EscapesEveryControlCharacter) {
  for (int c = 0; c < 0x20; ++c) {
    std::string s(1, static_cast<char>(c));
    std::string out = kimput::json::to_string(Value(s));
    ASSERT_GE(out.size(), 4u) << c;
    EXPECT_EQ(out.front(), '"');
    EXPECT_EQ(out[1], '\\') << "control character " << c << " not escaped: " << out;
    // Whatever was written must read back as the same character.
    Reader r;
    EXPECT_EQ(parse_ok(r, out).as_string(), s) << c;
  }
  EXPECT_EQ(kimput::json::to_string(Value("\b\f\r")), R"("\b\f\r")");
  // The solidus and non-ASCII text need no escaping and stay as they are.
  EXPECT_EQ(kimput::json::to_string(Value("a/b caf\xC3\xA9")), "\"a/b caf\xC3\xA9\"");
}

TEST(JsonWriter, EveryCharacterAtEveryPositionOfALongString) {
  // The writer looks at plain text sixteen, eight and four bytes at a time (overlapping at
  // the end): a character that needs care must be seen wherever it falls in a run of plain
  // bytes, in strings short and long.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {"\x1f", "\\u001f"}, {"\x7f", "\\u007f"},
      {" ", " "}, {"~", "~"}, {"\xC3\xA9", "\xC3\xA9"}, {"\xE2\x80\xA8", "\\u2028"}, {"\xFF", "\xEF\xBF\xBD"}};
  for (const auto& [in, want] : cases) {
    for (size_t len = 0; len < 72; ++len) {  // plain bytes around it
      for (size_t at = 0; at <= len; ++at) {
        std::string s(at, 'a');
        s += in;
        s += std::string(len - at, 'b');
        // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on a chain of
        // operator+ that starts from a literal.
        std::string expected(1, '"');
        expected.append(at, 'a').append(want).append(len - at, 'b').push_back('"');
        EXPECT_EQ(kimput::json::to_string(Value(s)), expected) << "at " << at << " of " << len;
      }
    }
  }
}

TEST(JsonWriter, LongStringsEscapedWhateverFallsAtTheEdgeOfAPiece) {
  // The writer makes a long string's text a few thousand bytes at a time: an escape or a
  // multi-byte character must come out whole wherever it falls, as must the quotes.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"\"", "\\\""}, {"\x01", "\\u0001"}, {"\xC3\xA9", "\xC3\xA9"}, {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
      {"\xE2\x80\xA9", "\\u2029"}};
  for (const auto& [in, want] : cases) {
    for (size_t plain = 4060; plain < 4120; ++plain) {
      std::string s, expected(1, '"');
      for (int repeat = 0; repeat < 3; ++repeat) {
        s.append(plain, 'a').append(in);
        expected.append(plain, 'a').append(want);
      }
      expected.push_back('"');
      EXPECT_EQ(kimput::json::to_string(Value(s)), expected) << "after " << plain << " plain bytes";
    }
  }
}

TEST(JsonWriter, EscapesLineAndParagraphSeparators) {
  EXPECT_EQ(kimput::json::to_string(Value("x\xE2\x80\xA8y\xE2\x80\xA9z")), R"("x\u2028y\u2029z")");
  // Other E2 80 xx characters (dashes, curly quotes) are not touched.
  EXPECT_EQ(kimput::json::to_string(Value("\xE2\x80\x94\xE2\x80\x9C")), "\"\xE2\x80\x94\xE2\x80\x9C\"");
}

TEST(JsonWriter, NeverWritesInvalidUtf8) {
  std::string bad = "ok \xFF\xFE then \xC3 end \xED\xA0\x80";
  std::string out = kimput::json::to_string(Value(bad));
  EXPECT_TRUE(kimput::utf8::valid(out)) << out;
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
  // Keys are strings too.
  Value o = Value::object();
  o.set("k\xFF", Value(1));
  EXPECT_TRUE(kimput::utf8::valid(kimput::json::to_string(o)));
}

TEST(JsonWriter, Numbers) {
  EXPECT_EQ(kimput::json::to_string(Value(int64_t{-9223372036854775807LL - 1})), "-9223372036854775808");
  EXPECT_EQ(kimput::json::to_string(Value(uint64_t{18446744073709551615ULL})), "18446744073709551615");
  EXPECT_EQ(kimput::json::to_string(Value(0.1)), "0.1");
  EXPECT_EQ(kimput::json::to_string(Value(std::nan(""))), "null");
  EXPECT_EQ(kimput::json::to_string(Value(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(kimput::json::to_string(Value(nullptr)), "null");
  EXPECT_EQ(kimput::json::to_string(Value(true)), "true");
}

TEST(JsonWriter, CompactAndInOrder) {
  Value v = kimput::json::obj({{"z", Value(1)}, {"a", Value::array()}, {"m", Value::object()}});
  v.find("a")->push_back(Value("x"));
  v.find("a")->push_back(Value(nullptr));
  EXPECT_EQ(kimput::json::to_string(v), R"({"z":1,"a":["x",null],"m":{}})");
}

TEST(JsonReader, RoundTripKeepsBytesOrderAndUnknownFields) {
  Reader r;
  const std::string lines[] = {
      R"({"id":"a-1","label":{"gold":["x",1,2.5,true,null]},"text":"caf\u00e9","meta":{"date":"2024-06-21"},"zz":-3})",
      R"({"big":18446744073709551615,"neg":-9223372036854775808,"d":1e+300,"e":[],"o":{}})",
      R"({"quote":"\"hi\" \\ \/ \n","emoji":"\ud83d\ude00"})",
  };
  for (const std::string& line : lines) {
    Value v = parse_ok(r, line);
    std::string out = kimput::json::to_string(v);
    // Writing and reading again is the identity on the tree...
    Value again = parse_ok(r, out);
    EXPECT_EQ(v, again) << line;
    // ...and a second write gives the same bytes (determinism).
    EXPECT_EQ(kimput::json::to_string(again), out);
  }
  Value v = parse_ok(r, lines[0]);
  ASSERT_EQ(v.keys().size(), 5u);
  EXPECT_EQ(v.keys()[0], "id");
  EXPECT_EQ(v.keys()[1], "label");
  EXPECT_EQ(v.keys()[4], "zz");
  EXPECT_EQ(*v.get_string("text"), "caf\xC3\xA9");
  // Integers keep their exact value and kind.
  Value n = parse_ok(r, lines[1]);
  EXPECT_EQ(n.find("big")->type(), Value::Type::UInt);
  EXPECT_EQ(n.find("big")->raw_uint(), 18446744073709551615ULL);
  EXPECT_EQ(n.find("neg")->raw_int(), std::numeric_limits<int64_t>::min());
  Value q = parse_ok(r, lines[2]);
  EXPECT_EQ(*q.get_string("quote"), "\"hi\" \\ / \n");
  EXPECT_EQ(*q.get_string("emoji"), "\xF0\x9F\x98\x80");
}

TEST(JsonReader, RejectsWhatIsNotJson) {
  Reader r;
  for (std::string_view bad : {std::string_view("{\"text\": \"unterminated"), std::string_view("{\"a\":1,}"),
                               std::string_view("not json at all"), std::string_view("{\"a\":1} trailing"),
                               std::string_view("{\"a\":\"\xFF\"}"), std::string_view(""),
                               std::string_view("{'single':'quotes'}"), std::string_view("[1,2")}) {
    auto pr = r.parse(bad);
    EXPECT_FALSE(pr.ok) << bad;
    EXPECT_FALSE(pr.error.empty()) << bad;
  }
  // The same reader still works after errors.
  EXPECT_EQ(parse_ok(r, "{\"a\":2}").find("a")->as_int(), 2);
}

TEST(JsonReader, ReusedReaderDoesNotLeakPreviousInput) {
  Reader r;
  std::string big = "{\"text\":\"" + std::string(100000, 'x') + "\"}";
  EXPECT_EQ(parse_ok(r, big).get_string("text")->size(), 100000u);
  Value small = parse_ok(r, "{\"t\":\"y\"}");
  EXPECT_EQ(*small.get_string("t"), "y");
  EXPECT_EQ(small.size(), 1u);
}

TEST(JsonReader, NonObjectValuesParse) {
  Reader r;
  EXPECT_TRUE(parse_ok(r, "[1,2]").is_array());
  EXPECT_TRUE(parse_ok(r, "\"s\"").is_string());
  EXPECT_TRUE(parse_ok(r, "42").is_number());
  EXPECT_TRUE(parse_ok(r, "null").is_null());
}

TEST(JsonValue, SetReplacesInPlaceAndEraseRemoves) {
  Value v = kimput::json::obj({{"a", Value(1)}, {"b", Value(2)}, {"c", Value(3)}});
  v.set("b", Value("two"));
  EXPECT_EQ(kimput::json::to_string(v), R"({"a":1,"b":"two","c":3})");
  v.set("d", Value(4));
  EXPECT_EQ(v.keys().back(), "d");
  EXPECT_TRUE(v.erase("a"));
  EXPECT_FALSE(v.erase("a"));
  EXPECT_EQ(kimput::json::to_string(v), R"({"b":"two","c":3,"d":4})");
  EXPECT_EQ(v.find("nope"), nullptr);
  EXPECT_EQ(v.get_string("c"), nullptr);  // not a string
  ASSERT_NE(v.get_string("b"), nullptr);
}

TEST(JsonValue, LookupsOnNonObjectsAreSafe) {
  Value arr = Value::array();
  EXPECT_EQ(arr.find("x"), nullptr);
  EXPECT_EQ(arr.get_string("x"), nullptr);
  EXPECT_FALSE(Value("s").erase("x"));
  Value n(5);
  EXPECT_EQ(n.as_int(), 5);
  EXPECT_EQ(Value("s").as_int(), 0);
}

TEST(JsonValue, EqualityComparesNumbersByValueAndObjectsByOrder) {
  EXPECT_EQ(Value(1), Value(1.0));
  EXPECT_EQ(Value(int64_t{7}), Value(uint64_t{7}));
  EXPECT_FALSE(Value(1) == Value("1"));
  Value a = kimput::json::obj({{"x", Value(1)}, {"y", Value(2)}});
  Value b = kimput::json::obj({{"y", Value(2)}, {"x", Value(1)}});
  EXPECT_FALSE(a == b);  // field order is part of the document
}

// The streaming writer gives the bytes write() gives for the same tree, and its Raw value is
// written as it is inside a tree.
TEST(JsonWriter, SameBytesAsTheTree) {
  Value tree = kimput::json::obj({{"a", Value(int64_t{-3})},
                                  {"a key", Value("x\ny")},
                                  {"o", kimput::json::obj({{"n", Value(nullptr)}, {"b", Value(true)}})},
                                  {"e", Value::array()},
                                  {"u", Value(uint64_t{18446744073709551615ULL})}});
  Value arr = Value::array();
  arr.push_back(tree);
  arr.push_back(Value::object());
  kimput::json::Writer w;
  w.begin_array().begin_object().key("a").value(int64_t{-3}).key("a key").value("x\ny");
  w.key("o").begin_object().key("n").null().key("b").value(true).end_object();
  w.key("e").begin_array().end_array().key("u").value(uint64_t{18446744073709551615ULL}).end_object();
  w.begin_object().end_object().end_array();
  Value raw = w.take();
  EXPECT_TRUE(raw.is_raw());
  EXPECT_EQ(kimput::json::to_string(raw), kimput::json::to_string(arr));
  Value doc = kimput::json::obj({{"x", Value(1)}});
  doc.set("f", std::move(raw));
  EXPECT_EQ(kimput::json::to_string(doc), "{\"x\":1,\"f\":" + kimput::json::to_string(arr) + "}");
  // The writer is empty again after take().
  w.begin_array().value("s").end_array();
  EXPECT_EQ(kimput::json::to_string(w.take()), "[\"s\"]");
}

// The same with enough members to make the writer grow many times, strings of every length
// around its short-string limit (plain, escaped, non-ASCII, ill-formed), the longest key it
// takes, and the extreme integers.
TEST(JsonWriter, SameBytesAsTheTreeWhenLarge) {
  const std::vector<std::string> pieces = {"a", "\"", "\\", "\n", "\x01", "é", "€", "\xE2\x80\xA8", "\xFF", " "};
  Value tree = Value::array();
  kimput::json::Writer w;
  w.begin_array();
  for (size_t i = 0; i < 600; ++i) {
    std::string s;
    for (size_t k = 0; k < i % 150; ++k) s += (k + i) % 23 == 0 ? pieces[(k + i) % pieces.size()] : "x";
    const int64_t n = i % 3 == 0 ? std::numeric_limits<int64_t>::min() : i % 3 == 1 ? std::numeric_limits<int64_t>::max() : -static_cast<int64_t>(i);
    tree.push_back(kimput::json::obj({{"start", Value(n)},
                                      {"an_exactly_thirty_two_bytes_key_", Value(s)},
                                      {"u", Value(uint64_t{18446744073709551615ULL} - i)},
                                      {"b", Value(i % 2 == 0)}}));
    w.begin_object().key("start").value(n).key("an_exactly_thirty_two_bytes_key_").value(s);
    w.key("u").value(uint64_t{18446744073709551615ULL} - i).key("b").value(i % 2 == 0).end_object();
  }
  w.end_array();
  EXPECT_EQ(kimput::json::to_string(w.take()), kimput::json::to_string(tree));
}
