#include "line_break.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

namespace qaward {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// [SECTION] The characters

// May not start a line (行首禁则): closing brackets and quotes, the pause and
// stop marks, and what CSS line-break: strict (after JIS X 4051) adds:
// ellipses, middle dots, hyphens, the prolonged sound mark, small kana,
// iteration marks and the postfix signs (% ‰ ℃ ° ′ ″ ¢). Sorted.
constexpr auto kNoStart = std::to_array<char32_t>({
    U'!', U'%', U')', U',', U'.', U':', U';', U'?', U']', U'}',
    U'\u00A2', U'\u00B0', U'\u00B7',                                   // ¢ ° ·
    U'\u2010', U'\u2011', U'\u2013', U'\u2019', U'\u201D',             // ‐ ‑ – ’ ”
    U'\u2025', U'\u2026', U'\u2030', U'\u2032', U'\u2033', U'\u2034',  // ‥ … ‰ ′ ″ ‴
    U'\u203C', U'\u2047', U'\u2048', U'\u2049', U'\u2103', U'\u2109',  // ‼ ⁇ ⁈ ⁉ ℃ ℉
    U'\u3001', U'\u3002', U'\u3003', U'\u3005', U'\u3009', U'\u300B',  // 、 。 〃 々 〉 》
    U'\u300D', U'\u300F', U'\u3011', U'\u3015', U'\u3017', U'\u3019',  // 」 』 】 〕 〗 〙
    U'\u301B', U'\u301C', U'\u301E', U'\u301F', U'\u303B',             // 〛 〜 〞 〟 〻
    U'\u3041', U'\u3043', U'\u3045', U'\u3047', U'\u3049', U'\u3063',  // ぁ ぃ ぅ ぇ ぉ っ
    U'\u3083', U'\u3085', U'\u3087', U'\u308E', U'\u3095', U'\u3096',  // ゃ ゅ ょ ゎ ゕ ゖ
    U'\u309D', U'\u309E', U'\u30A0', U'\u30A1', U'\u30A3', U'\u30A5',  // ゝ ゞ ゠ ァ ィ ゥ
    U'\u30A7', U'\u30A9', U'\u30C3', U'\u30E3', U'\u30E5', U'\u30E7',  // ェ ォ ッ ャ ュ ョ
    U'\u30EE', U'\u30F5', U'\u30F6', U'\u30FB', U'\u30FC', U'\u30FD',  // ヮ ヵ ヶ ・ ー ヽ
    U'\u30FE',                                                          // ヾ
    U'\uFE50', U'\uFE51', U'\uFE52', U'\uFE54', U'\uFE55', U'\uFE56',  // ﹐ ﹑ ﹒ ﹔ ﹕ ﹖
    U'\uFE57', U'\uFE5A', U'\uFE5C', U'\uFE5E',                        // ﹗ ﹚ ﹜ ﹞
    U'\uFF01', U'\uFF05', U'\uFF09', U'\uFF0C', U'\uFF0E', U'\uFF1A',  // ！ ％ ） ， ． ：
    U'\uFF1B', U'\uFF1F', U'\uFF3D', U'\uFF5D', U'\uFF5E', U'\uFF60',  // ； ？ ］ ｝ ～ ｠
    U'\uFF61', U'\uFF63', U'\uFF64', U'\uFF65', U'\uFF67', U'\uFF68',  // ｡ ｣ ､ ･ ｧ ｨ
    U'\uFF69', U'\uFF6A', U'\uFF6B', U'\uFF6C', U'\uFF6D', U'\uFF6E',  // ｩ ｪ ｫ ｬ ｭ ｮ
    U'\uFF6F', U'\uFF70', U'\uFFE0'});                                  // ｯ ｰ ￠
// The small katakana for Ainu (ㇰ-ㇿ), a block of their own.
constexpr char32_t kSmallKatakanaFirst = U'\u31F0', kSmallKatakanaLast = U'\u31FF';

// May not end a line (行尾禁则): opening brackets and quotes, and the
// currency signs written before the amount. Sorted.
constexpr auto kNoEnd = std::to_array<char32_t>({
    U'$', U'(', U'[', U'{',
    U'\u00A3', U'\u00A5', U'\u2018', U'\u201C', U'\u20AC',            // £ ¥ ‘ “ €
    U'\u3008', U'\u300A', U'\u300C', U'\u300E', U'\u3010', U'\u3014',  // 〈 《 「 『 【 〔
    U'\u3016', U'\u3018', U'\u301A', U'\u301D',                        // 〖 〘 〚 〝
    U'\uFE59', U'\uFE5B', U'\uFE5D',                                   // ﹙ ﹛ ﹝
    U'\uFF04', U'\uFF08', U'\uFF3B', U'\uFF5B', U'\uFF5F', U'\uFF62',  // ＄ （ ［ ｛ ｟ ｢
    U'\uFFE1', U'\uFFE5'});                                            // ￡ ￥

// Sorted without repeats, for binary_search (std:: algorithms: the libc++ of
// Debian's emscripten 3.1.6 lacks std::ranges::is_sorted and its kin).
static_assert(std::is_sorted(kNoStart.begin(), kNoStart.end()) &&
              std::adjacent_find(kNoStart.begin(), kNoStart.end()) == kNoStart.end());
static_assert(std::is_sorted(kNoEnd.begin(), kNoEnd.end()) && std::adjacent_find(kNoEnd.begin(), kNoEnd.end()) == kNoEnd.end());

// Written in pairs that are not split: …… ‥‥ ⋯⋯ —— ――.
bool is_paired(char32_t c) {
  return c == U'\u2026' || c == U'\u2025' || c == U'\u22EF' || c == U'\u2014' || c == U'\u2015';
}

// Han characters: the unit or measure word a number keeps (3 年, 30 字).
bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3FFFF) || c == U'\u3007';  // 〇
}

// Characters a line may break before and after (UAX #14's ID class and the
// CJK punctuation): CJK scripts, their symbols and punctuation, full-width
// forms, emoji, and the dashes and ellipses (paired as above). Curly quotes
// are not among them, so that "don’t" stays one word; beside a CJK
// character a break is allowed anyway.
bool breaks_around(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303F) || (c >= 0x3040 && c <= 0x33FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE1F) ||
         (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
         (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFF) || is_paired(c);
}

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }

// Inside a number when between two digits: 30,000  3.5  10:05  1/2  2026-03-14.
bool is_number_separator(char32_t c) {
  return c == U',' || c == U'.' || c == U':' || c == U'/' || c == U'-' || c == U'，' || c == U'．' || c == U'：' ||
         c == U'／';
}

// Dropped at a wrap. '\r' (of "\r\n") is not drawn by Dear ImGui either.
bool is_blank(char32_t c) { return c == U' ' || c == U'\t' || c == U'\r'; }

// [SECTION] UTF-8

// The code point starting at text[i] and its length; invalid UTF-8 (a stray
// or missing continuation byte, an overlong form, a surrogate, above
// U+10FFFF) is U+FFFD one byte long.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t i) {
  const auto lead = static_cast<std::uint8_t>(text[i]);
  if (lead < 0x80) return {lead, 1};
  const std::size_t length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
  if (length == 0 || (length == 3 && lead >= 0xF0) || i + length > text.size()) return {U'\uFFFD', 1};
  char32_t c = lead & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<std::uint8_t>(text[i + k]);
    if ((next & 0xC0) != 0x80) return {U'\uFFFD', 1};
    c = (c << 6) | (next & 0x3F);
  }
  const bool overlong = (length == 3 && c < 0x800) || (length == 4 && c < 0x10000);
  if (overlong || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return {U'\uFFFD', 1};
  return {c, length};
}

// [SECTION] Breaking one paragraph (text without '\n')

struct Unit {
  char32_t c = 0;
  std::size_t begin = 0, end = 0;  // bytes in the text
  float advance = 0.0f;
  bool blank = false;
  bool in_number = false;
  std::size_t visible_before = kNone;  // the last unit before this one that is not blank
  std::size_t pair_start = 0;          // where the run of this same character starts
};

class Paragraph {
 public:
  explicit Paragraph(const std::vector<Unit>& units) : u_(units) {}

  // Rule 1, for a break before units[k] (not blank, k > 0): what would start
  // the line may, what would end the line may, and no pair is split (a
  // longer run breaks between its pairs).
  [[nodiscard]] bool hard_ok(std::size_t k) const {
    const std::size_t a = u_[k].visible_before;
    if (!may_start_line(u_[k].c) || (a != kNone && !may_end_line(u_[a].c))) return false;
    return !(u_[k - 1].c == u_[k].c && is_paired(u_[k].c) && (k - u_[k].pair_start) % 2 == 1);
  }

  // Rules 1-3: also a word, a number, and a number with its unit kept
  // together; otherwise only at blanks and beside CJK characters.
  [[nodiscard]] bool soft_ok(std::size_t k) const {
    if (!hard_ok(k)) return false;
    const std::size_t a = u_[k].visible_before;
    if (a == kNone) return true;
    if (u_[k - 1].in_number && u_[k].in_number) return false;
    if (u_[a].in_number && is_han(u_[k].c)) return false;
    return u_[k - 1].blank || breaks_around(u_[a].c) || breaks_around(u_[k].c);
  }

  // The lines of units[0, n), appended as byte ranges.
  void wrap(float width, std::vector<LineRange>& lines) const {
    const std::size_t n = u_.size();
    std::size_t pos = 0;
    for (;;) {
      float content = 0.0f;  // the line's width up to its last visible unit
      float pending = 0.0f;  // blanks after it
      bool visible = false;
      std::size_t soft = kNone, hard = kNone, j = pos;
      for (; j < n; ++j) {
        if (u_[j].blank) {
          (visible ? pending : content) += u_[j].advance;  // leading blanks are an indent, kept
          continue;
        }
        if (visible) {  // a break before j would leave a line that fits
          if (soft_ok(j)) soft = j;
          if (hard_ok(j)) hard = j;
        }
        const float w = content + pending + u_[j].advance;
        if (visible && w > width) break;
        content = w;  // the first visible unit stays even if wider than the line
        pending = 0.0f;
        visible = true;
      }
      if (j == n) {  // the rest fits (its trailing blanks kept: they are no wrap)
        lines.push_back({u_[pos].begin, u_[n - 1].end});
        return;
      }
      std::size_t k = soft != kNone ? soft : hard;
      if (k == kNone) {  // nothing fits under rule 1: overflow to where it allows a break
        k = j + 1;
        while (k < n && (u_[k].blank || !hard_ok(k))) ++k;
        if (k == n) {
          lines.push_back({u_[pos].begin, u_[n - 1].end});
          return;
        }
      }
      lines.push_back({u_[pos].begin, u_[u_[k].visible_before].end});
      pos = k;
    }
  }

 private:
  const std::vector<Unit>& u_;
};

// Units of text[begin, end), measured, with numbers, pairs and blanks marked.
void read_units(std::string_view text, std::size_t begin, std::size_t end, const MeasureAdvance& advance,
                std::vector<Unit>& units) {
  units.clear();
  for (std::size_t i = begin; i < end;) {
    const auto [c, length] = decode(text, i);
    Unit unit;
    unit.c = c;
    unit.begin = i;
    unit.end = i + length;
    unit.blank = is_blank(c);
    unit.advance = c == U'\r' ? 0.0f : advance(c);
    units.push_back(unit);
    i += length;
  }
  std::size_t visible = kNone;
  for (std::size_t i = 0; i < units.size(); ++i) {
    Unit& unit = units[i];
    unit.visible_before = visible;
    if (!unit.blank) visible = i;
    unit.pair_start = i > 0 && units[i - 1].c == unit.c ? units[i - 1].pair_start : i;
    unit.in_number = is_digit(unit.c) || (is_number_separator(unit.c) && i > 0 && i + 1 < units.size() &&
                                          is_digit(units[i - 1].c) && is_digit(units[i + 1].c));
  }
}

}  // namespace

bool may_start_line(char32_t c) {
  return !std::binary_search(kNoStart.begin(), kNoStart.end(), c) && !(c >= kSmallKatakanaFirst && c <= kSmallKatakanaLast);
}

bool may_end_line(char32_t c) { return !std::binary_search(kNoEnd.begin(), kNoEnd.end(), c); }

std::vector<LineRange> break_lines(std::string_view text, float width, const MeasureAdvance& advance) {
  std::vector<LineRange> lines;
  std::vector<Unit> units;
  for (std::size_t start = 0;;) {
    if (start == text.size() && !lines.empty()) return lines;  // a final "\n" starts no line
    const std::size_t eol = std::min(text.find('\n', start), text.size());
    if (eol == start) {
      lines.push_back({start, start});
    } else {
      read_units(text, start, eol, advance, units);
      Paragraph(units).wrap(width, lines);
    }
    if (eol == text.size()) return lines;
    start = eol + 1;
  }
}

}  // namespace qaward
