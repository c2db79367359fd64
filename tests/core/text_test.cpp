#include "qaward/text.hpp"

#include <gtest/gtest.h>

namespace {

using qaward::count_code_points;

TEST(TextCodePoints, CountsAsciiChineseAndAstralCharacters) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("abc"), 3u);
  EXPECT_EQ(count_code_points("乌鲁木齐"), 4u);
  EXPECT_EQ(count_code_points("𠮷野家"), 3u);  // U+20BB7 is four bytes, one character
}

TEST(TextCodePoints, RejectsInvalidUtf8) {
  EXPECT_FALSE(count_code_points("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(count_code_points("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(count_code_points("\xE4\xB8"));          // truncated 中
  EXPECT_FALSE(count_code_points("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(count_code_points("a\x80"));             // stray continuation byte
}

}  // namespace
