// Line breaking (app/common/line_break.hpp) measured with a fixed width:
// ASCII one unit, every other character two (as a CJK glyph is about twice
// a Latin one), so that a width of 8 holds four Chinese characters.
#include "line_break.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

using qaward::break_lines;
using qaward::LineRange;

float advance(char32_t c) { return c < 0x80 ? 1.0f : 2.0f; }

float width_of(std::string_view text) {
  float w = 0.0f;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) w += static_cast<unsigned char>(text[i]) < 0x80 ? 1.0f : 2.0f;
  }
  return w;
}

// The first and last characters of a line (UTF-8 decoded, enough for valid text).
char32_t decode_at(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return lead;
  const int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  char32_t c = lead & (0xFF >> (length + 1));
  for (int k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
  return c;
}
char32_t last_of(std::string_view s) {
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return decode_at(s, i);
}

// The lines, checked to cover the text in order: nothing between two lines
// but a "\n" or the blanks dropped at a wrap, and no "\n" inside a line.
std::vector<std::string> wrap(std::string_view text, float width) {
  const std::vector<LineRange> ranges = break_lines(text, width, advance);
  std::vector<std::string> lines;
  std::size_t at = 0;
  for (const LineRange& r : ranges) {
    EXPECT_LE(at, r.begin) << "lines out of order in: " << text;
    EXPECT_LE(r.begin, r.end);
    if (at > r.begin || r.begin > r.end || r.end > text.size()) return lines;
    const std::string_view between = text.substr(at, r.begin - at);
    if (!lines.empty()) {
      EXPECT_TRUE(between == "\n" || between.find_first_not_of(" \t\r") == std::string_view::npos)
          << "lost \"" << between << "\" in: " << text;
    } else {
      EXPECT_TRUE(between.empty()) << "lost \"" << between << "\" in: " << text;
    }
    lines.emplace_back(text.substr(r.begin, r.end - r.begin));
    EXPECT_EQ(lines.back().find('\n'), std::string::npos);
    at = r.end;
  }
  const std::string_view rest = text.substr(at);
  EXPECT_TRUE(rest.empty() || rest == "\n") << "lost the end \"" << rest << "\" of: " << text;
  return lines;
}

using Lines = std::vector<std::string>;

bool is_one_of(const std::vector<std::string>& marks, char32_t c) {
  return std::any_of(marks.begin(), marks.end(), [c](const std::string& m) { return decode_at(m, 0) == c; });
}

// [SECTION] Rule 1: what may not start or end a line.

const std::vector<std::string> kClosing = {
    "）", "〕", "］", "｝", "〉", "》", "」", "』", "】", "〗", "〙", "〛", "”", "’", "，", "。", "、", "．", "：", "；",
    "？", "！", "…", "‥", "·", "・", "‐", "ー", "～", "％", "‰", "℃", "°", "′", "″", ")", ",", ".", ":", ";",
    "?", "!", "%", "]", "}", "っ", "ッ", "々", "〜"};
const std::vector<std::string> kOpening = {"（", "〔", "［", "｛", "〈", "《", "「", "『", "【", "〖",
                                           "〘", "〚", "“", "‘", "$", "￥", "¥", "(", "[", "{"};

// 中文中文 fills a line of 8: the closing mark would start the next line, so
// the character before it goes down with it (push-out), for every mark.
TEST(LineBreakRules, NoLineStartsWithClosingPunctuation) {
  for (const std::string& mark : kClosing) {
    SCOPED_TRACE(mark);
    EXPECT_FALSE(qaward::may_start_line(decode_at(mark, 0)));
    const std::string text = "中文中文" + mark + "中文";
    EXPECT_EQ(wrap(text, 8.0f), (Lines{"中文中", "文" + mark + "中文"}));
  }
}

// 中文中 and the opening mark fill the line: the mark goes down with the
// character it opens, for every mark.
TEST(LineBreakRules, NoLineEndsWithOpeningPunctuation) {
  for (const std::string& mark : kOpening) {
    SCOPED_TRACE(mark);
    EXPECT_FALSE(qaward::may_end_line(decode_at(mark, 0)));
    const std::string text = "中文中" + mark + "文中文";
    EXPECT_EQ(wrap(text, 8.0f), (Lines{"中文中", mark + "文中文"}));
  }
}

// Two closing marks in a row push out the character before both.
TEST(LineBreakRules, ClosingMarksTogetherPushOutTogether) {
  EXPECT_EQ(wrap("中文中。”好", 8.0f), (Lines{"中文", "中。”好"}));
}

// "——" and "……" are not split; a longer run breaks between its pairs.
TEST(LineBreakRules, DashAndEllipsisPairsStayWhole) {
  EXPECT_EQ(wrap("他说中文——好", 10.0f), (Lines{"他说中文", "——好"}));
  EXPECT_EQ(wrap("他说中文……好", 10.0f), (Lines{"他说中", "文……好"}));
  EXPECT_EQ(wrap("————————", 6.0f), (Lines{"——", "——", "——", "——"}));
}

// [SECTION] Rule 2: numbers and their units, words.

TEST(LineBreakRules, NumberStaysWithItsUnit) {
  // Width 14 holds "报告限 30,000" but not " 字": the number goes down with its unit.
  EXPECT_EQ(wrap("报告限 30,000 字以内", 14.0f), (Lines{"报告限", "30,000 字以内"}));
  EXPECT_EQ(wrap("已连续经营满 3 年以上", 15.0f), (Lines{"已连续经营满", "3 年以上"}));
  EXPECT_EQ(wrap("成立于2026年3月", 11.0f), (Lines{"成立于", "2026年3月"}));
  // A number is not split even where its characters allow breaks (full-width).
  EXPECT_EQ(wrap("共３０，０００字", 14.0f), (Lines{"共", "３０，０００字"}));
  // When a number and its unit do not fit on one line, the number breaks.
  EXPECT_EQ(wrap("30,000字", 5.0f), (Lines{"30,00", "0字"}));
  // A Latin word after a number is English: it breaks at the blank.
  EXPECT_EQ(wrap("about 30 words", 9.0f), (Lines{"about 30", "words"}));
}

TEST(LineBreakRules, EnglishBreaksAtBlanks) {
  EXPECT_EQ(wrap("the quick brown fox jumps", 10.0f), (Lines{"the quick", "brown fox", "jumps"}));
  EXPECT_EQ(wrap("don’t stop", 6.0f), (Lines{"don’t", "stop"}));  // ’ is not a place to break
  EXPECT_EQ(wrap("wide    gap", 6.0f), (Lines{"wide", "gap"}));    // the blanks at a wrap are dropped
  EXPECT_EQ(wrap("  indent kept", 9.0f), (Lines{"  indent", "kept"}));
}

TEST(LineBreakRules, LongWordBreaksByCharacter) {
  const Lines lines = wrap("see https://example.com/a/very/long/path now", 12.0f);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "see");
  EXPECT_EQ(lines[1], "https://exam");
  for (const auto& line : lines) EXPECT_LE(width_of(line), 12.0f) << line;
  EXPECT_EQ(lines.back(), "now");
}

// Mixed text: a break beside a CJK character, none inside a Latin word.
TEST(LineBreakRules, CjkBreaksBetweenAnyTwoCharacters) {
  EXPECT_EQ(wrap("质量管理体系认证", 6.0f), (Lines{"质量管", "理体系", "认证"}));
  EXPECT_EQ(wrap("使用ImGui绘制界面", 8.0f), (Lines{"使用", "ImGui绘", "制界面"}));
}

// [SECTION] Overflow, empty text, line ends.

// A character wider than the line goes alone; one that may not start a line
// stays with the one before (the line overflows) rather than loop forever.
TEST(LineBreakRules, WhatCannotBePushedOutOverflows) {
  EXPECT_EQ(wrap("中，国", 1.0f), (Lines{"中，", "国"}));
  EXPECT_EQ(wrap("，", 0.0f), (Lines{"，"}));
  EXPECT_EQ(wrap("中文", -5.0f), (Lines{"中", "文"}));
  EXPECT_EQ(wrap("，，，，，，", 4.0f), (Lines{"，，，，，，"}));
  EXPECT_EQ(wrap("（（（（中", 4.0f), (Lines{"（（（（中"}));
}

TEST(LineBreakRules, EmptyTextIsOneEmptyLine) {
  EXPECT_EQ(break_lines("", 10.0f, advance), (std::vector<LineRange>{{0, 0}}));
  EXPECT_EQ(wrap("", 10.0f), (Lines{""}));
  EXPECT_EQ(wrap("   ", 10.0f), (Lines{"   "}));
}

TEST(LineBreakRules, NewlinesEndLines) {
  EXPECT_EQ(wrap("第一段\n\n第二段\n", 20.0f), (Lines{"第一段", "", "第二段"}));
  EXPECT_EQ(wrap("\n", 20.0f), (Lines{""}));
  EXPECT_EQ(wrap("质量管理体系\n认证", 6.0f), (Lines{"质量管", "理体系", "认证"}));
  EXPECT_EQ(wrap("one two\r\nthree", 5.0f), (Lines{"one", "two\r", "three"}));
}

TEST(LineBreakRules, InvalidUtf8IsKept) {
  EXPECT_EQ(wrap("ab\xFF\xFE""cd", 100.0f), (Lines{"ab\xFF\xFE""cd"}));
  EXPECT_EQ(wrap("ab\xFF\xFE""cd", 4.0f), (Lines{"ab\xFF", "\xFE""cd"}));  // each bad byte one U+FFFD, two units wide
  EXPECT_EQ(wrap("中\xE4\xB8文", 2.0f).size(), 4u);  // a truncated 中: each byte a U+FFFD
}

// [SECTION] Every message the program shows, at several widths: the lines
// cover it, none starts with closing punctuation (of the lists above) after
// a wrap, none ends with an opening one before a wrap, and each fits when
// the line is wide enough for every unbreakable piece.
TEST(LineBreakCatalog, EveryMessageWrapsByTheRules) {
  std::ifstream in(std::filesystem::path(QAWARD_TEST_ASSETS_DIR) / "i18n/zh-CN.json", std::ios::binary);
  const auto catalog = nlohmann::json::parse(std::string(std::istreambuf_iterator<char>(in), {}), nullptr, false);
  ASSERT_FALSE(catalog.is_discarded());
  int wraps = 0;
  for (const auto& [key, value] : catalog["messages"].items()) {
    const std::string text = value.get<std::string>();
    for (const float width : {7.0f, 12.0f, 25.0f, 40.0f}) {
      SCOPED_TRACE(key + " at " + std::to_string(width));
      const auto ranges = break_lines(text, width, advance);
      (void)wrap(text, width);
      for (std::size_t i = 0; i + 1 < ranges.size(); ++i) {
        if (text.find('\n', ranges[i].end) == ranges[i].end) continue;  // a paragraph's end
        ++wraps;
        const std::string_view line(text.data() + ranges[i].begin, ranges[i].end - ranges[i].begin);
        const char32_t next = decode_at(text, ranges[i + 1].begin);
        EXPECT_FALSE(is_one_of(kOpening, last_of(line))) << line;
        EXPECT_FALSE(is_one_of(kClosing, next)) << text.substr(ranges[i + 1].begin, 12);
      }
      if (width >= 25.0f) {  // wide enough for every unbreakable piece
        for (const auto& r : ranges) {
          const std::string line = text.substr(r.begin, r.end - r.begin);
          EXPECT_LE(width_of(line.substr(0, line.find_last_not_of(" \t\r") + 1)), width) << line;
        }
      }
    }
  }
  EXPECT_GT(wraps, 1000);
}

}  // namespace
