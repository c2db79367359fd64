#include "widgets.hpp"

#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "app.hpp"

namespace qaward::gui::widgets {

namespace {

// The lines of `text` wrapped at `width` as Dear ImGui wraps them: [begin, end) each.
std::vector<std::pair<const char*, const char*>> wrap_lines(const std::string& text, float width) {
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  std::vector<std::pair<const char*, const char*>> lines;
  const char* s = text.data();
  const char* const end = s + text.size();
  for (;;) {
    if (s == end && !lines.empty()) return lines;  // a final newline starts no line
    const char* const eol = std::find(s, end, '\n');
    do {
      const char* wrap = s == eol ? s : font->CalcWordWrapPosition(size, s, eol, width);
      if (wrap == s && s < eol) {  // a character wider than the line: it goes alone
        ++wrap;
        while (wrap < eol && (static_cast<unsigned char>(*wrap) & 0xC0) == 0x80) ++wrap;
      }
      lines.emplace_back(s, wrap);
      s = wrap;
      while (s < eol && (*s == ' ' || *s == '\t')) ++s;  // blanks at a wrap are dropped
    } while (s < eol);
    if (eol == end) return lines;
    s = eol + 1;
  }
}

// Text wrapped to the window's width, drawing only the lines in view: Dear
// ImGui 1.86's TextWrapped draws every line above the view as well, and a long
// report scrolled down passed the 64K vertices that a WebGL2 draw list holds
// (an ImGui assertion: the page stopped). Found by tests/gui/ui_smoke_test.cpp.
void wrapped_text(const std::string& text) {
  const auto lines = wrap_lines(text, ImGui::GetContentRegionAvail().x);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.0f));  // spaced as one text
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& [begin, line_end] = lines[static_cast<std::size_t>(i)];
      ImGui::TextUnformatted(begin, line_end);
    }
  }
  ImGui::PopStyleVar();
}

}  // namespace

void help_marker(const std::string& text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
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
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
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
  ImGui::SameLine();
  if (ImGui::RadioButton(t.text("ui.unanswered").c_str(), !value.has_value())) changed = std::optional<bool>();
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
  if (ImGui::InputTextWithHint((std::string("##") + id).c_str(), "YYYY-MM-DD", &buffer)) {
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

std::optional<std::string> long_text(AppState& state, const char* id, const std::string& value, float lines) {
  std::string text = value;
  const bool changed = ImGui::InputTextMultiline((std::string("##") + id).c_str(), &text,
                                                 ImVec2(-1.0f, ImGui::GetFontSize() * lines));
  record_item(state, id);
  const float width = ImGui::GetItemRectSize().x - ImGui::GetStyle().FramePadding.x * 2.0f;
  bool overflows = false;
  for (std::size_t start = 0; start < text.size() && !overflows;) {
    const auto end = std::min(text.find('\n', start), text.size());
    overflows = ImGui::CalcTextSize(text.data() + start, text.data() + end).x > width;
    start = end + 1;
  }
  if (overflows) {
    ImGui::TextDisabled("%s", state.text().text("ui.wrapped_preview").c_str());
    ImGui::BeginChild((std::string("##wrapped.") + id).c_str(), ImVec2(-1.0f, ImGui::GetFontSize() * lines), true);
    wrapped_text(text);
    ImGui::EndChild();
    record_item(state, (std::string(id) + ".wrapped").c_str());
  }
  return changed ? std::optional<std::string>(text) : std::nullopt;
}

std::optional<std::string> text_field(AppState& state, const char* id, const std::string& value, float width) {
  std::string text = value;
  ImGui::SetNextItemWidth(width);
  const bool changed = ImGui::InputText((std::string("##") + id).c_str(), &text);
  record_item(state, id);
  return changed ? std::optional<std::string>(text) : std::nullopt;
}

}  // namespace qaward::gui::widgets
