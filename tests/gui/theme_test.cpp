// The theme's text is readable: every text colour reaches WCAG 2.1 AA's 4.5:1
// on every background text is drawn on (GB/T 37668-2019 adopts WCAG 2.0's
// success criteria), at every devicePixelRatio the page supports.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "theme.hpp"

namespace qaward::gui {
namespace {

TEST(Theme, ContrastFormulaMatchesWcagReferenceValues) {
  // Black on white is 21:1, a colour on itself 1:1, #767676 on white 4.54:1
  // (the lightest grey that passes, a common reference value).
  EXPECT_NEAR(theme::contrast({0, 0, 0, 1}, {1, 1, 1, 1}), 21.0, 1e-9);
  EXPECT_NEAR(theme::contrast({0.5f, 0.2f, 0.1f, 1}, {0.5f, 0.2f, 0.1f, 1}), 1.0, 1e-9);
  const float g = 0x76 / 255.0f;
  EXPECT_NEAR(theme::contrast({g, g, g, 1}, {1, 1, 1, 1}), 4.54, 0.01);
}

TEST(Theme, EveryTextColourReachesFourAndAHalfToOneOnEveryBackground) {
  ImGuiStyle style;
  theme::apply(style, 23.0f, 1.0);
  for (const char* text : theme::kTextColours) {
    for (const char* background : theme::kBackgrounds) {
      const double ratio = theme::contrast(theme::named(style, text), theme::named(style, background));
      EXPECT_GE(ratio, 4.5) << text << " on " << background << " is " << ratio << ":1";
    }
  }
  for (const char* background : theme::kControlBackgrounds) {
    const double ratio = theme::contrast(theme::named(style, "Text"), theme::named(style, background));
    EXPECT_GE(ratio, 4.5) << "Text on " << background << " is " << ratio << ":1";
  }
}

TEST(Theme, NamesResolveToTheStyleNotToTheUnknownColour) {
  // A misspelt name would resolve to magenta and could make the test above
  // pass or fail for the wrong reason.
  ImGuiStyle style;
  theme::apply(style, 23.0f, 1.0);
  const ImVec4 unknown = theme::named(style, "NoSuchColour");
  for (const char* name : theme::kTextColours) {
    const ImVec4 c = theme::named(style, name);
    EXPECT_FALSE(c.x == unknown.x && c.y == unknown.y && c.z == unknown.z) << name;
  }
  for (const auto& list : {std::vector<const char*>(theme::kBackgrounds.begin(), theme::kBackgrounds.end()),
                           std::vector<const char*>(theme::kControlBackgrounds.begin(), theme::kControlBackgrounds.end())}) {
    for (const char* name : list) {
      const ImVec4 c = theme::named(style, name);
      EXPECT_FALSE(c.x == unknown.x && c.y == unknown.y && c.z == unknown.z) << name;
    }
  }
}

TEST(Theme, TextSizesGrowAndAreRemembered) {
  EXPECT_EQ(theme::text_scale(theme::TextSize::standard), 1.0f);
  EXPECT_GT(theme::text_scale(theme::TextSize::large), 1.0f);
  EXPECT_GT(theme::text_scale(theme::TextSize::extra_large), theme::text_scale(theme::TextSize::large));
  for (auto size : {theme::TextSize::standard, theme::TextSize::large, theme::TextSize::extra_large}) {
    EXPECT_EQ(theme::text_size_from_tag(theme::text_size_tag(size)), size);
  }
  EXPECT_EQ(theme::text_size_from_tag("huge"), theme::TextSize::standard);
}

TEST(Theme, TextStaysOnWholeDevicePixelsAtFractionalRatios) {
  for (double dpr : {1.0, 1.25, 1.5, 2.0, 2.625}) {
    ImGuiStyle style;
    theme::apply(style, 23.0f, dpr);
    const float px = style.FontSizeBase * style.FontScaleDpi;
    EXPECT_FLOAT_EQ(px, std::round(px)) << "dpr " << dpr;
  }
}

}  // namespace
}  // namespace qaward::gui
