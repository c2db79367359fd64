#include "theme.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace qaward::gui::theme {

float text_scale(TextSize size) {
  switch (size) {
    case TextSize::standard: return 1.0f;
    case TextSize::large: return 1.25f;
    case TextSize::extra_large: return 1.5f;
  }
  return 1.0f;
}

TextSize text_size_from_tag(std::string_view tag) {
  if (tag == "1") return TextSize::large;
  if (tag == "2") return TextSize::extra_large;
  return TextSize::standard;
}

const char* text_size_tag(TextSize size) {
  switch (size) {
    case TextSize::large: return "1";
    case TextSize::extra_large: return "2";
    case TextSize::standard: break;
  }
  return "0";
}

void apply(ImGuiStyle& style, float line_px, double dpr) {
  style = ImGuiStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(20, 16);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 8);
  style.FrameRounding = 4;
  style.FrameBorderSize = 1;
  style.WindowBorderSize = 0;  // the page window fills the canvas
  style.Colors[ImGuiCol_WindowBg] = kPage;
  // Dear ImGui's light theme greys disabled text at 2.8:1; here it is
  // secondary text people must read ("(?)", hints), so it is dark enough.
  style.Colors[ImGuiCol_TextDisabled] = kMuted;
  // Borders of fields and the separators a little darker than the theme's
  // (a field's edge at 3:1, WCAG 1.4.11).
  style.Colors[ImGuiCol_Border] = ImVec4(0.45f, 0.47f, 0.50f, 0.70f);
  style.ScaleAllSizes(static_cast<float>(dpr));
  style.FontSizeBase = line_px;
  // Whole device pixels per line stay crisp at fractional ratios.
  style.FontScaleDpi = static_cast<float>(std::round(line_px * dpr)) / line_px;
}

namespace {
bool touch_active = false;
}  // namespace

TouchSizes::TouchSizes(bool on, float css_px) {
  if (!on) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float target = kTouchTargetCssPx * css_px;
  const float pad_y = std::max(style.FramePadding.y, (target - ImGui::GetFontSize()) * 0.5f);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(style.FramePadding.x, pad_y));
  // A phone's margins, not a desktop's.
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8.0f * css_px, 8.0f * css_px));
  pushed_ = 2;
  touch_active = true;
}

TouchSizes::~TouchSizes() {
  ImGui::PopStyleVar(pushed_);
  if (pushed_ > 0) touch_active = false;
}

bool TouchSizes::active() { return touch_active; }

namespace {
double linear(float channel) {
  const double c = channel;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double luminance(const ImVec4& c) { return 0.2126 * linear(c.x) + 0.7152 * linear(c.y) + 0.0722 * linear(c.z); }
}  // namespace

double contrast(const ImVec4& a, const ImVec4& b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImVec4 composite(const ImVec4& over, const ImVec4& under) {
  const float a = over.w;
  return {over.x * a + under.x * (1 - a), over.y * a + under.y * (1 - a), over.z * a + under.z * (1 - a), 1.0f};
}

ImVec4 named(const ImGuiStyle& style, std::string_view name) {
  if (name == "Page") return kPage;
  if (name == "Accent") return kAccent;
  if (name == "Muted") return kMuted;
  if (name == "Good") return kGood;
  if (name == "Bad") return kBad;
  if (name == "Warn") return kWarn;
  for (int i = 0; i < ImGuiCol_COUNT; ++i) {
    if (name == ImGui::GetStyleColorName(i)) return composite(style.Colors[i], kPage);
  }
  return {1, 0, 1, 1};  // unknown: a colour no pair passes with
}

}  // namespace qaward::gui::theme
