#pragma once
// Where wrapped text breaks into lines: Chinese line breaking (避头尾) and
// English word wrap, in one place, measured by the caller (the interface
// measures with Dear ImGui's font, the tests with a fixed width).
//
// The rules, in order of strength:
//  1. Never split: a line does not start with closing punctuation (，。、；：
//     ？！）》」』”’… 行首禁则, the strict set of CSS line-break / JIS X
//     4051, see line_break.cpp), does not end with opening punctuation
//     (（《「『“‘ ¥ $ … 行尾禁则), and "……" / "——" are not split in two
//     (a longer run breaks between its pairs).
//  2. Kept together when they fit on one line: a word of letters or digits
//     (English breaks at blanks); a number with its separators (30,000 3.5
//     2026-03-14); a number and the CJK character right after it, blanks
//     between allowed (3 年, 30,000 字, 2026年) — any Han character counts
//     as the unit, we keep no list of measure words.
//  3. Otherwise a line may break before or after any CJK character.
// A line breaks at the last place rules 1-3 allow that fits (push-out, 推出:
// a character that may not start a line takes the one before it down; we
// never squeeze, 推入). When rule 2 leaves nothing that fits, a word or
// number breaks by character under rule 1; when even rule 1 leaves nothing
// (one character wider than the line, or a character the next may not
// follow), the line overflows to the next place rule 1 allows.
//
// Blanks (space, tab) at a wrap are dropped; "\n" ends a line; U+3000 is a
// character like the CJK ones (an indent is kept).
#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace qaward {

// One line: bytes [begin, end) of the text, never holding '\n'.
struct LineRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const LineRange&, const LineRange&) = default;
};

// The advance width of one code point (invalid UTF-8 is measured as U+FFFD).
using MeasureAdvance = std::function<float(char32_t)>;

// The lines of UTF-8 `text` wrapped at `width`. Empty text is one empty line;
// a final "\n" starts no line. Consecutive lines are in order, and what lies
// between one line's end and the next one's begin is a "\n" or blanks
// dropped at a wrap.
[[nodiscard]] std::vector<LineRange> break_lines(std::string_view text, float width, const MeasureAdvance& advance);

// Rule 1 for one character: may it start a line, may it end one?
[[nodiscard]] bool may_start_line(char32_t c);
[[nodiscard]] bool may_end_line(char32_t c);

}  // namespace qaward
