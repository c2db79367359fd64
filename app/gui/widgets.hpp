#pragma once
// Small widgets every screen uses, in the style of Dear ImGui's demo.
#include <imgui.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app_state.hpp"
#include "semantics.hpp"
#include "theme.hpp"

namespace qaward::gui::widgets {

// The colours of meaning, from the theme (theme.hpp: each reaches 4.5:1).
using theme::kAccent;
using theme::kBad;
using theme::kGood;
using theme::kMuted;
using theme::kWarn;

// [SECTION] Every widget reports its node to the semantics tree
// (semantics.hpp) and takes the page's requests for it (a button pressed with
// Enter on its DOM mirror): screens draw through these, not Dear ImGui's own.

// [SECTION] Layout that fits a narrow page (nothing cut off at its right).
// The next item's width, never more than what is left of the line.
void item_width(float width);
// The next item on this line if `next_width` fits there, else below.
void same_line(float next_width);
// The width of a button (small or not: both keep the frame's horizontal
// padding) and of a checkbox with its label.
[[nodiscard]] float button_width(const std::string& label);
[[nodiscard]] float checkbox_width(const std::string& label);

// A "(?)" marker whose tooltip explains and cites; a button on the page,
// described by the text, that shows the tooltip while it has the focus.
void help_marker(const std::string& text);
// The tooltip of the item drawn last, shown while it is hovered or has the
// page's focus; the item's node is described by it.
void tooltip(const std::string& text);
// Text on one line (no wrapping), a paragraph of the tree.
void text(const std::string& text);
void text_colored(const ImVec4& color, const std::string& text);
// Text in the theme's disabled colour (still 4.5:1, theme.cpp).
void text_disabled(const std::string& text);
// A button (small: SmallButton). True when clicked or pressed on the page.
// `context` follows the label in its accessible name where the label alone
// is ambiguous ("更改" beside each answer: "更改 <question>").
bool button(const std::string& label, bool small = false, const std::string& context = {});
// A mark (√ × ？) in a colour, read out as `spoken` ("符合").
void mark(const ImVec4& color, const char* symbol, const std::string& spoken);
// The button that opens and closes the navigation on a narrow page.
bool menu_button(const std::string& label, bool open);
// An entry of the navigation: the current screen is marked so.
bool nav_link(const std::string& label, bool current, float width = 0.0f);
bool radio(const std::string& label, bool active);
// Radio buttons between these form one group, named by the text before it.
void begin_choice();
void end_choice();
// A checkbox; true when toggled (on the canvas or the page).
bool checkbox(const std::string& label, bool* value);
// A drop-down list showing `preview`; returns the index chosen. `record`
// names the field for end-to-end tests, `record_option(i)` each open option.
std::optional<std::size_t> combo(AppState& state, const char* id, const std::string& preview,
                                 const std::vector<std::string>& options, int selected, const std::string& record,
                                 const std::function<std::string(std::size_t)>& record_option = {});
// A section that opens and closes (CollapsingHeader, or a TreeNode that the
// caller closes with ImGui::TreePop when `tree`).
bool disclosure(const std::string& label, bool tree = false);
void progress(float fraction, ImVec2 size, const std::string& overlay);
bool slider_int(const char* id, int* value, int min, int max, const char* format);
// A data table named for screen readers (layout tables use ImGui::BeginTable,
// or this with no name to scroll like one; all end with ImGui::EndTable). A
// table wider than the page (`min_width`, 0: any) scrolls sideways inside
// itself, as high as its rows.
bool begin_table(const char* id, const std::string& name, int columns, ImGuiTableFlags flags, ImVec2 size = ImVec2(0, 0),
                 float min_width = 0.0f);
// The header row of the current table (Dear ImGui's TableHeadersRow, with
// each header a column header of the tree).
void table_headers();
// A heading in the accent colour: level 1 is a screen's title, level 2 a
// section (larger than body text by theme::kHeading1 / kHeading2), level 3
// one of a section's entries (body size).
void heading(const std::string& text, int level = 2);
// Text drawn larger than body text (the verdict), in a colour.
void emphasized(const ImVec4& color, const std::string& text);
// Text wrapped by the Chinese line-breaking rules (app/common/line_break.hpp)
// at `width`, or at the rest of the line when `width` is not positive. Every
// wrapped text of the screens goes through here.
void wrapped_text(const std::string& text, float width = 0.0f);
// Wrapped text with a role of the tree other than a paragraph (a verdict's
// status); returns its node.
semantics::Node& wrapped_as(semantics::Role role, const std::string& text, float width = 0.0f);
// A result the user waits for (a verdict, "公示期已满", a package built):
// read out when it changes. An error is an alert, read out at once.
void status_text(const ImVec4& color, const std::string& text);
void notice_text(bool is_error, const std::string& text);
// Wrapped text in a colour.
void colored_wrapped(const ImVec4& color, const std::string& text);
// The radio buttons of an answer start with none chosen (a radio is never
// preselected); after them, this small button takes the answer back
// (record_item "<id>.clear"), drawn only when there is one. True when clicked.
bool clear_answer(AppState& state, const char* id, bool answered);
// Yes / no as two radio buttons, neither chosen while unanswered, and the
// clear button. Returns the new value when changed (nullopt inside: cleared).
std::optional<std::optional<bool>> yes_no(AppState& state, const char* id, const std::optional<bool>& value);
// A rating on a scale (the CQA dimensions' 1-5): a radio per level, recorded
// as "<id>.<level>", and the clear button. The same return as yes_no.
std::optional<std::optional<int>> scale(AppState& state, const char* id, int min, int max, const std::optional<int>& value);
// A YYYY-MM-DD field that keeps half-typed text; returns the date when it
// becomes valid or is cleared (nullopt inside means cleared).
std::optional<std::optional<Date>> date_field(AppState& state, const char* id, const std::optional<Date>& value);
// A long text (a report, an overview, an item's evidence), `lines` high: the
// text wrapped in a frame, over which the page lays a real <textarea>
// (AppState TextArea): Dear ImGui 1.92.2b cannot wrap while editing nor show
// an input method's composition. `label` is its accessible name. Returns the
// new text when the page's text area changed it.
std::optional<std::string> long_text(AppState& state, const char* id, const std::string& label, const std::string& value,
                                     float lines);
// Dear ImGui's InputTextWithHint (a null hint: none), except that Escape
// leaves the field keeping its text instead of reverting the edit. Every
// text field of the screens goes through here or the fields below.
// A field without a label of its own is named by its hint ("异议人") when
// `hint_names`, otherwise by the text before it.
bool input_text(const char* label, const char* hint, std::string* text, ImGuiInputTextFlags flags = 0,
                bool hint_names = true);
// A text field bound to `value`; returns the new text when changed.
std::optional<std::string> text_field(AppState& state, const char* id, const std::string& value, float width = -1.0f);

}  // namespace qaward::gui::widgets
