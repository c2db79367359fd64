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

// Issue 12: text from a package printed on a reviewer's terminal.
TEST(TextEscape, ControlCharactersAndOverridesAreShownNotActed) {
  EXPECT_EQ(qaward::escape_control_characters("\x1b[2J天山\x07"), "\\x1B[2J天山\\x07");
  EXPECT_EQ(qaward::escape_control_characters("乌\u202e鲁木齐\u2066"), "乌<U+202E>鲁木齐<U+2066>");
  EXPECT_EQ(qaward::escape_control_characters("a\u0085b\x7f"), "a<U+0085>b\\x7F");
  EXPECT_EQ(qaward::escape_control_characters("bad \xff\xfe utf-8"), "bad \\xFF\\xFE utf-8");
  EXPECT_EQ(qaward::escape_control_characters("乌鲁木齐 〇 喆 😀"), "乌鲁木齐 〇 喆 😀");  // ordinary text unchanged
}

}  // namespace

TEST(TextByteSize, BinaryUnitsWithOneDecimal) {
  EXPECT_EQ(qaward::byte_size(0), "0 B");
  EXPECT_EQ(qaward::byte_size(1023), "1023 B");
  EXPECT_EQ(qaward::byte_size(1024), "1.0 KiB");
  EXPECT_EQ(qaward::byte_size(1536), "1.5 KiB");
  EXPECT_EQ(qaward::byte_size(static_cast<std::uint64_t>(12.3 * 1048576)), "12.3 MiB");
  EXPECT_EQ(qaward::byte_size(10ull << 30), "10.0 GiB");
  EXPECT_EQ(qaward::byte_size(3ull << 40), "3.0 TiB");
}
