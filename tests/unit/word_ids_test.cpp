// The word table and the integer map the entity matcher looks tokens up in.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "kimput/io/binary_image.h"
#include "kimput/words/word_ids.h"

namespace {

using kimput::FlatIdMap;
using kimput::WordIds;

TEST(WordIds, DenseIdsInInsertionOrderAndStableAcrossGrowth) {
  WordIds ids;
  EXPECT_EQ(ids.find("Putin"), WordIds::kNone);
  EXPECT_EQ(ids.intern("Putin"), 0u);
  EXPECT_EQ(ids.intern("Kim"), 1u);
  EXPECT_EQ(ids.intern("Putin"), 0u);  // again: the same id
  for (int i = 0; i < 5000; ++i) ids.intern(std::string("w").append(std::to_string(i)));  // several rehashes
  EXPECT_EQ(ids.size(), 5002u);
  EXPECT_EQ(ids.find("Putin"), 0u);
  EXPECT_EQ(ids.find("Kim"), 1u);
  EXPECT_EQ(ids.find("w4999"), 5001u);
  EXPECT_EQ(ids.word(1), "Kim");
  EXPECT_EQ(ids.find("kim"), WordIds::kNone);  // case matters
  EXPECT_EQ(ids.find("w5000"), WordIds::kNone);
}

TEST(WordIds, KeepsItsOwnCopyAndTellsPrefixesApart) {
  WordIds ids;
  {
    std::string temp = "Pyongyang";
    ids.intern(temp);
    temp.assign("XXXXXXXXX");
  }
  EXPECT_EQ(ids.word(0), "Pyongyang");
  ids.intern("");
  ids.intern("Pyong");
  EXPECT_EQ(ids.find(""), 1u);
  EXPECT_EQ(ids.find("Pyong"), 2u);
  EXPECT_EQ(ids.find("Pyongyan"), WordIds::kNone);
  std::string long_word(70000, 'a');  // longer than a storage chunk
  uint32_t id = ids.intern(long_word);
  EXPECT_EQ(ids.word(id), long_word);
}

// A table saved and loaded reads the image in place when its arrays are aligned, and a copy
// of them when not (the image one byte off); either way it finds what the saved one did, and
// interning or inserting afterwards copies the table first and goes on from it.
TEST(WordIds, LoadedInPlaceOrCopiedAndChangedAfter) {
  WordIds words;
  FlatIdMap edges;
  std::vector<std::string> all;
  for (int i = 0; i < 300; ++i) all.push_back("word" + std::to_string(i * 7919) + (i % 3 ? "-long-suffix" : ""));
  for (size_t i = 0; i < all.size(); ++i) {
    words.intern(all[i]);
    edges.insert(i * 1000003u, static_cast<uint32_t>(i));
  }
  kimput::io::BinaryWriter out;
  words.save(out);
  edges.save(out);
  for (size_t offset : {0, 1}) {
    const std::string image = std::string(offset, '\0') + out.str();
    kimput::io::BinaryReader in(std::string_view(image).substr(offset));
    WordIds loaded;
    FlatIdMap loaded_edges;
    loaded.load(in);
    loaded_edges.load(in);
    EXPECT_TRUE(in.at_end());
    for (size_t i = 0; i < all.size(); ++i) {
      EXPECT_EQ(loaded.find(all[i]), i) << offset;
      EXPECT_EQ(loaded_edges.find(i * 1000003u), i) << offset;
    }
    EXPECT_EQ(loaded.find("absent"), WordIds::kNone);
    EXPECT_EQ(loaded.intern(all[5]), 5u);
    const uint32_t fresh = loaded.intern("a-new-word-after-loading");
    EXPECT_EQ(fresh, all.size());
    EXPECT_EQ(loaded.find("a-new-word-after-loading"), fresh);
    EXPECT_EQ(loaded.find(all[299]), 299u);
    EXPECT_EQ(loaded_edges.insert(7, 99), 99u);
    EXPECT_EQ(loaded_edges.find(7), 99u);
    EXPECT_EQ(loaded_edges.find(299 * 1000003u), 299u);
  }
}

TEST(FlatIdMap, InsertKeepsTheFirstValue) {
  FlatIdMap m;
  EXPECT_EQ(m.find(42), FlatIdMap::kNone);
  EXPECT_EQ(m.insert(42, 7), 7u);
  EXPECT_EQ(m.insert(42, 9), 7u);  // already there
  EXPECT_EQ(m.find(42), 7u);
  m.reserve(10000);
  for (uint64_t k = 0; k < 10000; ++k) m.insert((k << 32) | (k * 7), static_cast<uint32_t>(k));
  EXPECT_EQ(m.find(42), 7u);
  EXPECT_EQ(m.find((uint64_t{1234} << 32) | 8638), 1234u);
  EXPECT_EQ(m.find((uint64_t{1234} << 32) | 8639), FlatIdMap::kNone);
  EXPECT_EQ(m.size(), 10001u);
}

TEST(LoadUpTo8, IsAZeroPaddedCopyOfTheFirstBytes) {
  const char bytes[] = "\x01\x82\x23\xF4\x45\x96\x67\xB8\x09";
  for (size_t n = 0; n <= 9; ++n) {
    uint64_t want = 0;
    std::memcpy(&want, bytes, n < 8 ? n : 8);
    EXPECT_EQ(kimput::load_up_to_8(bytes, n), want) << n;
  }
}

// The loads for a buffer known to go on past the bytes (8 readable from p) and for the
// tail of a string of 8 bytes or more give load_up_to_8()'s value.
TEST(LoadUpTo8, WithinABufferAndAtAStringsEndTheSame) {
  const char bytes[] = "\x01\x82\x23\xF4\x45\x96\x67\xB8\x09\x3A\xCB\x5C\x7D\xEE\x1F\x20";
  for (size_t n = 0; n <= 8; ++n) {
    EXPECT_EQ(kimput::load_up_to_8_within(bytes, n), kimput::load_up_to_8(bytes, n)) << n;
    EXPECT_EQ(kimput::load_tail_up_to_8(bytes + 8, n), kimput::load_up_to_8(bytes + 8, n)) << n;
  }
}

// The callers that have a word's first 8 bytes pass them: the same hash and the same ids.
TEST(WordIds, LookUpsWithTheHeadGivenAreTheSame) {
  WordIds ids;
  for (std::string_view w : {"Kim", "Pyongyang", "Pyongyan", "Jong-un", "Yonhap News Agency"}) ids.intern(w);
  for (std::string_view w : {"", "Kim", "Kimm", "Pyongyang", "Pyongyan", "Pyongyangs", "Jong-un", "Yonhap News Agency",
                             "Yonhap News Agencies", "Yonhap News Agenc"}) {
    const uint64_t head = kimput::load_up_to_8(w.data(), w.size());
    const uint64_t hash = kimput::hash_bytes(w, head);
    EXPECT_EQ(hash, kimput::hash_bytes(w)) << w;
    EXPECT_EQ(ids.find(w, hash, head), ids.find(w)) << w;
  }
  EXPECT_EQ(ids.find("Pyongyang", kimput::hash_bytes("Pyongyang"), kimput::load_up_to_8("Pyongyang", 9)), 1u);
}

}  // namespace
