#include <gtest/gtest.h>

#include "kimput/json/reader.h"
#include "kimput/json/writer.h"

using kimput::json::Reader;
using kimput::json::Value;

TEST(JsonWriter, EscapesPerRfc8259) {
  EXPECT_EQ(kimput::json::to_string(Value("a\"b\\c\n\t\x01")), R"("a\"b\\c\n\t\u0001")");
}
