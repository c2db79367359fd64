#include "widgets.hpp"

#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <vector>

#include "app.hpp"
#include "line_break.hpp"

namespace qaward::gui::widgets {

namespace {

// The lines of `text` at `width` by the line-breaking rules
// (app/common/line_break.hpp), measured with the current font at its current
// size as Dear ImGui measures when it draws (ImFont::CalcTextSizeA).
std::vector<LineRange> wrap_lines(const std::string& text, float width) {
  const float size = ImGui::GetFontSize();
  ImFontBaked* const baked = ImGui::GetFont()->GetFontBaked(size);
  const float scale = size / baked->Size;
  return break_lines(text, width, [baked, scale](char32_t c) { return baked->GetCharAdvance(static_cast<ImWchar>(c)) * scale; });
}

// Dear ImGui's InputText reverts its edit on Escape (1.92.2b has no flag
// against it: ImGuiInputTextFlags_EscapeClearsAll clears instead). Our fields
// put each keystroke in the draft, so the revert wrote the old text back over
// the user's work. Called before a text field is drawn: when Escape is
// pressed in it, the field is left before InputText sees the key, and Dear
// ImGui applies the text as typed (InputTextDeactivateHook).
void keep_text_on_escape(const char* label) {
  if (ImGui::GetActiveID() == ImGui::GetID(label) && ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::ClearActiveID();
}

}  // namespace

bool input_text(const char* label, const char* hint, std::string* text, ImGuiInputTextFlags flags) {
  keep_text_on_escape(label);
  return ImGui::InputTextWithHint(label, hint, text, flags);
}

// Each line is an item, at the x where the text began (after SameLine or a
// Bullet the lines hang there, as Dear ImGui's TextWrapped hangs them).
// Only the lines in view are drawn: Dear ImGui 1.86's TextWrapped drew every
// line above the view as well, and a long report scrolled down passed the
// 64K vertices that a WebGL2 draw list holds (an ImGui assertion: the page
// stopped). Found by tests/gui/ui_smoke_test.cpp. In a table cell the lines
// are all drawn: ImGuiListClipper takes its items for the table's rows.
void wrapped_text(const std::string& text, float width) {
  if (width <= 0.0f) width = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
  const auto lines = wrap_lines(text, width);
  const float x = ImGui::GetCursorPosX();
  const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
  const auto draw = [&](int i) {
    const LineRange& line = lines[static_cast<std::size_t>(i)];
    ImGui::SetCursorPosX(x);
    // The last line keeps the usual spacing below it, so what follows the
    // paragraph is spaced from it as from any item.
    const bool last = static_cast<std::size_t>(i) + 1 == lines.size();
    if (last) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, spacing);
    ImGui::TextUnformatted(text.data() + line.begin, text.data() + line.end);
    if (last) ImGui::PopStyleVar();
  };
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, 0.0f));  // spaced as one text
  if (ImGui::TableGetColumnCount() > 0) {
    for (int i = 0; i < static_cast<int>(lines.size()); ++i) draw(i);
  } else {
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(lines.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) draw(i);
    }
  }
  ImGui::PopStyleVar();
}

void help_marker(const std::string& text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    wrapped_text(text, ImGui::GetFontSize() * 32.0f);
    ImGui::EndTooltip();
  }
}

void heading(const std::string& text, int level) {
  ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * (level <= 1 ? theme::kHeading1 : theme::kHeading2));
  ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void emphasized(const ImVec4& color, const std::string& text) {
  ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * theme::kHeading2);
  colored_wrapped(color, text);
  ImGui::PopFont();
}

void colored_wrapped(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  wrapped_text(text);
  ImGui::PopStyleColor();
}

bool clear_answer(AppState& state, const char* id, bool answered) {
  if (!answered) return false;
  ImGui::SameLine();
  const bool clicked = ImGui::SmallButton(state.text().text("ui.clear_answer").c_str());
  record_item(state, (std::string(id) + ".clear").c_str());
  return clicked;
}

std::optional<std::optional<bool>> yes_no(AppState& state, const char* id, const std::optional<bool>& value) {
  const Catalog& t = state.text();
  std::optional<std::optional<bool>> changed;
  ImGui::PushID(id);
  if (ImGui::RadioButton(t.text("ui.yes").c_str(), value.has_value() && *value)) changed = std::optional<bool>(true);
  record_item(state, (std::string(id) + ".yes").c_str());
  ImGui::SameLine();
  if (ImGui::RadioButton(t.text("ui.no").c_str(), value.has_value() && !*value)) changed = std::optional<bool>(false);
  record_item(state, (std::string(id) + ".no").c_str());
  if (clear_answer(state, id, value.has_value())) changed = std::optional<bool>();
  ImGui::PopID();
  return changed;
}

std::optional<std::optional<Date>> date_field(AppState& state, const char* id, const std::optional<Date>& value) {
  auto [it, inserted] = state.ui.buffers.try_emplace(id, value ? to_string(*value) : std::string());
  std::string& buffer = it->second;
  // Follow the draft when it changed elsewhere (an import, a restore).
  if (!ImGui::IsItemActive() && value && buffer != to_string(*value) && parse_date(buffer)) buffer = to_string(*value);
  std::optional<std::optional<Date>> changed;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  if (input_text((std::string("##") + id).c_str(), "YYYY-MM-DD", &buffer)) {
    if (buffer.empty()) changed = std::optional<Date>();
    else if (const auto date = parse_date(buffer)) changed = std::optional<Date>(*date);
  }
  record_item(state, id);
  if (!buffer.empty() && !parse_date(buffer)) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, kBad);
    ImGui::TextUnformatted(state.text().text("ui.bad_date").c_str());
    ImGui::PopStyleColor();
  }
  return changed;
}

std::optional<std::string> long_text(AppState& state, const char* id, const std::string& label, const std::string& value,
                                     float lines) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight() * lines + style.FramePadding.y * 2.0f);
  // What the canvas shows under the page's text area (and all that a
  // headless test or a popup over the field sees): the text, wrapped.
  ImGui::BeginChild(id, size, ImGuiChildFlags_FrameStyle);
  wrapped_text(value);
  ImGui::EndChild();
  record_item(state, id);
  TextArea area;
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  const ImDrawList* draw_list = ImGui::GetWindowDrawList();
  const ImVec2 clip_min = draw_list->GetClipRectMin(), clip_max = draw_list->GetClipRectMax();
  const ImVec2 in_view_min(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y));
  const ImVec2 in_view_max(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
  area.rect = {min.x, min.y, max.x - min.x, max.y - min.y};
  area.visible = {in_view_min.x, in_view_min.y, std::max(0.0f, in_view_max.x - in_view_min.x),
                  std::max(0.0f, in_view_max.y - in_view_min.y)};
  area.line = ImGui::GetTextLineHeight();
  area.padding = style.FramePadding.x;
  area.label = label;
  area.text = value;
  state.ui.text_areas[id] = std::move(area);
  // What was typed in the page's text area since the last frame.
  if (auto it = state.ui.text_area_input.find(id); it != state.ui.text_area_input.end()) {
    std::string typed = std::move(it->second);
    state.ui.text_area_input.erase(it);
    if (typed != value) return typed;
  }
  return std::nullopt;
}

std::optional<std::string> text_field(AppState& state, const char* id, const std::string& value, float width) {
  std::string text = value;
  ImGui::SetNextItemWidth(width);
  const bool changed = input_text((std::string("##") + id).c_str(), nullptr, &text);
  record_item(state, id);
  return changed ? std::optional<std::string>(text) : std::nullopt;
}

}  // namespace qaward::gui::widgets
