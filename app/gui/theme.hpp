#pragma once
// The look of the page in one place: colours, spacing and text sizes.
//
// Every text colour reaches 4.5:1 against every background it is drawn on
// (WCAG 2.1 AA 1.4.3, which GB/T 37668-2019 adopts); tests/gui/theme_test.cpp
// checks the pairs listed in kTextOnBackground.
#include <imgui.h>

#include <array>
#include <string_view>

namespace qaward::gui::theme {

// Text colours for meaning (the screens use them through widgets::).
inline constexpr ImVec4 kAccent{0.10f, 0.33f, 0.62f, 1.0f};  // headings, links
inline constexpr ImVec4 kMuted{0.33f, 0.35f, 0.40f, 1.0f};   // secondary text, hints
inline constexpr ImVec4 kGood{0.05f, 0.42f, 0.18f, 1.0f};    // passed, done
inline constexpr ImVec4 kBad{0.70f, 0.08f, 0.08f, 1.0f};     // refused, errors
inline constexpr ImVec4 kWarn{0.55f, 0.30f, 0.00f, 1.0f};    // in progress, waits

// The page's background; the canvas is cleared to it.
inline constexpr ImVec4 kPage{0.98f, 0.98f, 0.97f, 1.0f};

// Text size, the user's choice (适老化: 标准 / 大 / 特大); remembered by the platform.
enum class TextSize { standard = 0, large = 1, extra_large = 2 };
[[nodiscard]] float text_scale(TextSize size);
[[nodiscard]] TextSize text_size_from_tag(std::string_view tag);  // "0".."2"; anything else is standard
[[nodiscard]] const char* text_size_tag(TextSize size);

// Body text is 16 CSS px (the browsers' default) at the standard size. Dear
// ImGui sizes a font by its line (ascent + descent), not its em: the size to
// ask for is 16 x the font's line height in em (Noto Sans CJK: 1.448, so 23 px,
// CJK ink about 14 px).
inline constexpr float kBodyEmCssPx = 16.0f;
inline constexpr float kHeading1 = 1.5f;  // screen titles, relative to body text
inline constexpr float kHeading2 = 1.2f;  // sections, the verdict

// The light theme at a devicePixelRatio: spacing scaled, text at
// `line_px` CSS px per line (kBodyEmCssPx x the font's line height in em).
void apply(ImGuiStyle& style, float line_px, double dpr);

// [SECTION] Narrow windows and touch (issue 15): below this width in CSS
// pixels the navigation folds into a menu.
inline constexpr float kNarrowCssPx = 768.0f;
// Controls at least this high in CSS pixels: a finger's target (WCAG 2.5.5).
inline constexpr float kTouchTargetCssPx = 44.0f;
// While one lives, every control is a finger's target (`css_px`: device
// pixels per CSS pixel): frames 44 CSS px high, small buttons full-sized,
// navigation entries as high as a frame, narrow margins.
class TouchSizes {
 public:
  TouchSizes(bool on, float css_px);
  ~TouchSizes();
  TouchSizes(const TouchSizes&) = delete;
  TouchSizes& operator=(const TouchSizes&) = delete;
  [[nodiscard]] static bool active();

 private:
  int pushed_ = 0;
};

// WCAG 2.1 contrast ratio of two opaque colours (1 to 21).
[[nodiscard]] double contrast(const ImVec4& a, const ImVec4& b);
// `over` composited on an opaque `under` (a translucent background on the page).
[[nodiscard]] ImVec4 composite(const ImVec4& over, const ImVec4& under);

// The text colours and the backgrounds text is drawn on, which the contrast
// test checks (style colours by their ImGuiCol_ name, translucent ones
// composited on the page): every text colour on the page, panels, fields and
// tooltips; the body text colour also on controls (buttons, selected and
// hovered rows, selected text), whose labels are never coloured.
inline constexpr std::array<const char*, 7> kTextColours{"Text", "TextDisabled", "Accent", "Muted", "Good", "Bad", "Warn"};
inline constexpr std::array<const char*, 4> kBackgrounds{"Page", "ChildBg", "FrameBg", "PopupBg"};
inline constexpr std::array<const char*, 10> kControlBackgrounds{
    "FrameBgHovered", "FrameBgActive", "Header",       "HeaderHovered", "HeaderActive",
    "Button",         "ButtonHovered", "ButtonActive", "TextSelectedBg", "TableHeaderBg"};
// A named colour of the theme (style colours resolved against the page).
[[nodiscard]] ImVec4 named(const ImGuiStyle& style, std::string_view name);

}  // namespace qaward::gui::theme
