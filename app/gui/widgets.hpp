#pragma once
// Small widgets every screen uses, in the style of Dear ImGui's demo.
#include <imgui.h>

#include <optional>
#include <string>

#include "app_state.hpp"
#include "theme.hpp"

namespace qaward::gui::widgets {

// The colours of meaning, from the theme (theme.hpp: each reaches 4.5:1).
using theme::kAccent;
using theme::kBad;
using theme::kGood;
using theme::kMuted;
using theme::kWarn;

// A "(?)" marker whose tooltip explains and cites.
void help_marker(const std::string& text);
// A heading in the accent colour: level 1 is a screen's title, level 2 a
// section (larger than body text by theme::kHeading1 / kHeading2).
void heading(const std::string& text, int level = 2);
// Text drawn larger than body text (the verdict), in a colour.
void emphasized(const ImVec4& color, const std::string& text);
// Text wrapped by the Chinese line-breaking rules (app/common/line_break.hpp)
// at `width`, or at the rest of the line when `width` is not positive. Every
// wrapped text of the screens goes through here.
void wrapped_text(const std::string& text, float width = 0.0f);
// Wrapped text in a colour.
void colored_wrapped(const ImVec4& color, const std::string& text);
// The radio buttons of an answer start with none chosen (a radio is never
// preselected); after them, this small button takes the answer back
// (record_item "<id>.clear"), drawn only when there is one. True when clicked.
bool clear_answer(AppState& state, const char* id, bool answered);
// Yes / no as two radio buttons, neither chosen while unanswered, and the
// clear button. Returns the new value when changed (nullopt inside: cleared).
std::optional<std::optional<bool>> yes_no(AppState& state, const char* id, const std::optional<bool>& value);
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
bool input_text(const char* label, const char* hint, std::string* text, ImGuiInputTextFlags flags = 0);
// A text field bound to `value`; returns the new text when changed.
std::optional<std::string> text_field(AppState& state, const char* id, const std::string& value, float width = -1.0f);

}  // namespace qaward::gui::widgets
