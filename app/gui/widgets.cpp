#include "widgets.hpp"

#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "app.hpp"
#include "line_break.hpp"
#include "semantics.hpp"

namespace qaward::gui::widgets {

using semantics::Role;

namespace {

// The key of the item Dear ImGui drew last.
std::string last_key() { return semantics::key_of(ImGui::GetItemID()); }

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

bool input_text(const char* label, const char* hint, std::string* text, ImGuiInputTextFlags flags, bool hint_names) {
  keep_text_on_escape(label);
  // Tab on the page reached the field's mirror: the field starts editing
  // (and the page's input element takes the keys, platform.js).
  // (SetKeyboardFocusHere asks for text input; ActivateItemByID does only
  // when the last navigation was by keyboard.)
  if (semantics::activated(semantics::key_of(ImGui::GetID(label)))) ImGui::SetKeyboardFocusHere();
  const bool changed = ImGui::InputTextWithHint(label, hint, text, flags);
  const bool named_by_hint = hint_names && hint != nullptr && *hint != '\0' && std::string_view(label).starts_with("##");
  semantics::Node& n = semantics::add_item(Role::text_field, named_by_hint ? std::string(hint) : std::string(label));
  n.password = (flags & ImGuiInputTextFlags_Password) != 0;
  if (!n.password) n.value = *text;
  if (hint != nullptr && !named_by_hint) n.description = hint;
  return changed;
}

// Each line is an item, at the x where the text began (after SameLine or a
// Bullet the lines hang there, as Dear ImGui's TextWrapped hangs them).
// Only the lines in view are drawn: Dear ImGui 1.86's TextWrapped drew every
// line above the view as well, and a long report scrolled down passed the
// 64K vertices that a WebGL2 draw list holds (an ImGui assertion: the page
// stopped). Found by tests/gui/ui_smoke_test.cpp. In a table cell the lines
// are all drawn: ImGuiListClipper takes its items for the table's rows.
void wrapped_text(const std::string& text, float width) {
  wrapped_as(Role::paragraph, text, width);
}

namespace {

void draw_wrapped(const std::string& text, float width) {
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

}  // namespace

semantics::Node& wrapped_as(Role role, const std::string& text, float width) {
  if (width <= 0.0f) width = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  draw_wrapped(text, width);
  const ImVec2 end = ImGui::GetCursorScreenPos();
  return semantics::add_text(role, text, start, ImVec2(start.x + width, std::max(start.y, end.y - ImGui::GetStyle().ItemSpacing.y)));
}

void item_width(float width) {
  ImGui::SetNextItemWidth(width > 0.0f ? std::min(width, std::max(ImGui::GetContentRegionAvail().x, 1.0f)) : width);
}

void same_line(float next_width) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < next_width) ImGui::NewLine();
}

float button_width(const std::string& label) {
  return ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

float checkbox_width(const std::string& label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
}

void tooltip(const std::string& text) {
  semantics::Node* n = semantics::last();
  const bool focused = n != nullptr && !n->key.empty() && semantics::focused() == n->key;
  if (n != nullptr) n->description = text;
  const bool hovered = ImGui::IsItemHovered();
  if (focused || hovered) {
    // Reached by the keyboard: below the item, not at a mouse far away.
    if (!hovered) ImGui::SetNextWindowPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + ImGui::GetStyle().ItemSpacing.y));
    ImGui::BeginTooltip();
    draw_wrapped(text, ImGui::GetFontSize() * 32.0f);
    ImGui::EndTooltip();
  }
}

void help_marker(const std::string& text) {
  same_line(ImGui::CalcTextSize("(?)").x);
  ImGui::TextDisabled("(?)");
  semantics::Node& n = semantics::add_text(Role::button, "(?)", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  n.key += ".help";  // never the key of the text "(?)" itself
  tooltip(text);
}

void text(const std::string& s) {
  ImGui::TextUnformatted(s.c_str());
  (void)semantics::add_item(Role::paragraph, s);
}

void text_colored(const ImVec4& color, const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  text(s);
  ImGui::PopStyleColor();
}

void text_disabled(const std::string& s) { text_colored(ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), s); }

void heading(const std::string& text, int level) {
  ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * (level <= 1 ? theme::kHeading1 : level == 2 ? theme::kHeading2 : 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
  semantics::Node& n = wrapped_as(Role::heading, text);  // a long period's title wraps on a phone
  n.level = std::clamp(level, 1, 3);
  n.focus_target = level <= 1;
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void emphasized(const ImVec4& color, const std::string& text) {
  ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * theme::kHeading2);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  (void)wrapped_as(Role::status, text, 0.0f);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

bool button(const std::string& label, bool small, const std::string& context) {
  // Small buttons are finger-sized too where fingers are used.
  bool pressed = small && !theme::TouchSizes::active() ? ImGui::SmallButton(label.c_str()) : ImGui::Button(label.c_str());
  pressed = semantics::activated(last_key()) || pressed;
  (void)semantics::add_item(Role::button, context.empty() ? label : label + " " + context);
  return pressed;
}

void mark(const ImVec4& color, const char* symbol, const std::string& spoken) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(symbol);
  ImGui::PopStyleColor();
  (void)semantics::add_text(Role::paragraph, spoken, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

bool menu_button(const std::string& label, bool open) {
  bool pressed = ImGui::Button(label.c_str());
  pressed = semantics::activated(last_key()) || pressed;
  semantics::add_item(Role::disclosure, label).expanded = open;
  return pressed;
}

bool nav_link(const std::string& label, bool current, float width) {
  const ImVec2 size(width, theme::TouchSizes::active() ? ImGui::GetFrameHeight() : 0.0f);
  bool pressed = ImGui::Selectable(label.c_str(), current, 0, size);
  pressed = semantics::activated(last_key()) || pressed;
  semantics::add_item(Role::link, label).current = current;
  return pressed;
}

bool radio(const std::string& label, bool active) {
  // A label longer than the line (an edition's title on a phone) wraps
  // beside the circle.
  const bool fits = checkbox_width(label) <= ImGui::GetContentRegionAvail().x;
  const std::string id = fits ? label : "##" + label;
  bool pressed = ImGui::RadioButton(id.c_str(), active);
  pressed = semantics::activated(last_key()) || pressed;
  semantics::add_item(Role::radio, label).checked = active;
  if (!fits) {
    const std::string shown = label.substr(0, label.find("##"));
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    semantics::hide_begin();  // the radio's name already
    wrapped_text(shown);
    semantics::hide_end();
    pressed = ImGui::IsItemClicked() || pressed;
  }
  return pressed;
}

void begin_choice() { semantics::begin_group(); }
void end_choice() { semantics::end_group(); }

bool checkbox(const std::string& label, bool* value) {
  bool changed = ImGui::Checkbox(label.c_str(), value);
  if (semantics::activated(last_key())) {
    *value = !*value;
    changed = true;
  }
  semantics::add_item(Role::checkbox, label).checked = *value;
  return changed;
}

std::optional<std::size_t> combo(AppState& state, const char* id, const std::string& preview,
                                 const std::vector<std::string>& options, int selected, const std::string& record,
                                 const std::function<std::string(std::size_t)>& record_option) {
  std::optional<std::size_t> chosen;
  if (ImGui::BeginCombo(id, preview.c_str())) {
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (ImGui::Selectable(options[i].c_str(), static_cast<int>(i) == selected)) chosen = i;
      if (record_option) record_item(state, record_option(i).c_str());
    }
    ImGui::EndCombo();
  }
  if (!record.empty()) record_item(state, record.c_str());
  if (const auto page = semantics::chosen(last_key()); page && *page >= 0 && static_cast<std::size_t>(*page) < options.size()) {
    chosen = static_cast<std::size_t>(*page);
  }
  semantics::Node& n = semantics::add_item(Role::combo, id);
  n.options = options;
  n.selected = selected;
  n.value = preview;
  return chosen;
}

bool disclosure(const std::string& label, bool tree) {
  const ImGuiID id = ImGui::GetID(label.c_str());
  if (semantics::activated(semantics::key_of(id))) {
    ImGui::GetStateStorage()->SetInt(id, ImGui::GetStateStorage()->GetInt(id, 0) != 0 ? 0 : 1);
  }
  const bool open = tree ? ImGui::TreeNode(label.c_str()) : ImGui::CollapsingHeader(label.c_str());
  semantics::add_item(Role::disclosure, label).expanded = open;
  return open;
}

void progress(float fraction, ImVec2 size, const std::string& overlay) {
  ImGui::ProgressBar(fraction, size, overlay.c_str());
  semantics::Node& n = semantics::add_text(Role::progress, overlay.empty() ? " " : overlay, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  n.number = fraction;
}

bool slider_int(const char* id, int* value, int min, int max, const char* format) {
  bool changed = ImGui::SliderInt(id, value, min, max, format);
  if (const auto page = semantics::chosen(last_key())) {  // the page's range input
    *value = std::clamp(*page, min, max);
    changed = true;
  }
  semantics::Node& n = semantics::add_item(Role::slider, id);
  n.number = *value;
  n.min = min;
  n.max = max;
  char shown[32];
  std::snprintf(shown, sizeof shown, format, *value);
  n.value = shown;
  return changed;
}

bool begin_table(const char* id, const std::string& name, int columns, ImGuiTableFlags flags, ImVec2 size, float min_width) {
  if (!name.empty()) semantics::name_next_table(name);
  if (min_width <= ImGui::GetContentRegionAvail().x) return ImGui::BeginTable(id, columns, flags, size);
  // Its own horizontal scrollbar; Dear ImGui sizes such a table to the
  // height it is given: the height its rows took last frame.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID height_id = ImGui::GetID((std::string(id) + "#height").c_str());
  const float height = storage->GetFloat(height_id, ImGui::GetFrameHeightWithSpacing() * 8.0f);
  if (!ImGui::BeginTable(id, columns, flags | ImGuiTableFlags_ScrollX, ImVec2(size.x, height), min_width)) return false;
  const ImGuiTable* table = ImGui::GetCurrentTable();
  storage->SetFloat(height_id, std::max(table->InnerWindow->ContentSize.y, ImGui::GetFrameHeight()) +
                                   ImGui::GetStyle().ScrollbarSize + ImGui::GetStyle().CellPadding.y * 2.0f);
  return true;
}


void table_headers() {
  ImGuiTable* table = ImGui::GetCurrentTable();
  if (table == nullptr) return;
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::TableGetHeaderRowHeight());
  for (int column = 0; column < ImGui::TableGetColumnCount(); ++column) {
    if (!ImGui::TableSetColumnIndex(column)) continue;
    const char* name = ImGui::TableGetColumnName(column);
    ImGui::PushID(column);
    ImGui::TableHeader(name);
    ImGui::PopID();
    if (name != nullptr && *name != '\0') (void)semantics::add_text(Role::paragraph, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  }
}

void status_text(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  (void)wrapped_as(Role::status, text);
  ImGui::PopStyleColor();
}

void notice_text(bool is_error, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, is_error ? kBad : kGood);
  (void)wrapped_as(is_error ? Role::alert : Role::status, text);
  ImGui::PopStyleColor();
}

void colored_wrapped(const ImVec4& color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  wrapped_text(text);
  ImGui::PopStyleColor();
}

bool clear_answer(AppState& state, const char* id, bool answered) {
  if (!answered) return false;
  const std::string label = state.text().text("ui.clear_answer");
  same_line(button_width(label));  // on the next line where it would run off a phone's page
  const bool clicked = button(label, true);
  record_item(state, (std::string(id) + ".clear").c_str());
  return clicked;
}

std::optional<std::optional<bool>> yes_no(AppState& state, const char* id, const std::optional<bool>& value) {
  const Catalog& t = state.text();
  std::optional<std::optional<bool>> changed;
  ImGui::PushID(id);
  begin_choice();
  if (radio(t.text("ui.yes"), value.has_value() && *value)) changed = std::optional<bool>(true);
  record_item(state, (std::string(id) + ".yes").c_str());
  ImGui::SameLine();
  if (radio(t.text("ui.no"), value.has_value() && !*value)) changed = std::optional<bool>(false);
  record_item(state, (std::string(id) + ".no").c_str());
  end_choice();
  if (clear_answer(state, id, value.has_value())) changed = std::optional<bool>();
  ImGui::PopID();
  return changed;
}

std::optional<std::optional<int>> scale(AppState& state, const char* id, int min, int max, const std::optional<int>& value) {
  std::optional<std::optional<int>> changed;
  begin_choice();
  for (int level = min; level <= max; ++level) {
    const std::string label = std::to_string(level);
    if (level > min) same_line(checkbox_width(label));
    if (radio(label, value.has_value() && *value == level)) changed = std::optional<int>(level);
    record_item(state, (std::string(id) + "." + label).c_str());
  }
  end_choice();
  if (clear_answer(state, id, value.has_value())) changed = std::optional<int>();
  return changed;
}

std::optional<std::optional<Date>> date_field(AppState& state, const char* id, const std::optional<Date>& value) {
  auto [it, inserted] = state.ui.buffers.try_emplace(id, value ? to_string(*value) : std::string());
  std::string& buffer = it->second;
  // Follow the draft when it changed elsewhere (an import, a restore).
  if (!ImGui::IsItemActive() && value && buffer != to_string(*value) && parse_date(buffer)) buffer = to_string(*value);
  std::optional<std::optional<Date>> changed;
  item_width(ImGui::GetFontSize() * 8.0f);
  if (input_text((std::string("##") + id).c_str(), "YYYY-MM-DD", &buffer, 0, false)) {
    if (buffer.empty()) changed = std::optional<Date>();
    else if (const auto date = parse_date(buffer)) changed = std::optional<Date>(*date);
  }
  record_item(state, id);
  if (!buffer.empty() && !parse_date(buffer)) {
    const std::string error = state.text().text("ui.bad_date");
    if (semantics::Node* field = semantics::last()) {
      field->invalid = true;
      field->description = error;
    }
    ImGui::SameLine();
    text_colored(kBad, error);
  }
  return changed;
}

std::optional<std::string> long_text(AppState& state, const char* id, const std::string& label, const std::string& value,
                                     float lines) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight() * lines + style.FramePadding.y * 2.0f);
  // What the canvas shows under the page's text area (and all that a
  // headless test or a popup over the field sees): the text, wrapped.
  semantics::hide_begin();
  ImGui::BeginChild(id, size, ImGuiChildFlags_FrameStyle);
  wrapped_text(value);
  ImGui::EndChild();
  semantics::hide_end();
  record_item(state, id);
  // The page's text area itself is the node (placed where the frame is).
  semantics::add_item(Role::text_area, label).value = id;
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
  item_width(width);
  const bool changed = input_text((std::string("##") + id).c_str(), nullptr, &text);
  record_item(state, id);
  return changed ? std::optional<std::string>(text) : std::nullopt;
}

}  // namespace qaward::gui::widgets
