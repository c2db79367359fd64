#pragma once
// [SECTION] The semantics tree (issue 15): what each thing a frame draws is
// (a heading, a question's answers, a button…), its name, value, state and
// rectangle, so that the page can mirror it as real DOM elements over the
// canvas for screen readers, the keyboard, Ctrl+F and translation
// (web/platform.js, "Semantics mirror"). Flutter's web engine does the same
// for its canvas; here it is always on.
//
// The widget wrappers (widgets.hpp) fill it as they draw: screens never call
// it. What the page's elements ask for (a button pressed with Enter, a radio
// chosen with the arrows, a field focused with Tab, a panel scrolled by the
// browser's find) comes back through the requests below and is applied by the
// same wrappers on the next frame, as if the widget had been used.
#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qaward::gui::semantics {

enum class Role : std::uint8_t {
  scroll,       // a panel (an ImGui window): it scrolls its content
  heading,      // `level` 1 for a screen's title
  paragraph,    // text
  status,       // a verdict or a result: read out when it changes
  alert,        // an error the user must see
  button,
  link,         // an entry of the navigation
  checkbox,
  radio_group,  // named by the question before its answers
  radio,
  combo,        // a drop-down list: `options`, `selected`
  text_field,   // one line; `value` is its text
  text_area,    // a long text: the page's own <textarea> (app_state.hpp TextArea)
  slider,       // `value` as shown, `number` in [`min`, `max`]
  progress,     // `number` in [0, 1]
  disclosure,   // a section that opens and closes: `expanded`
  table,        // a data table, named; layout tables report no node
  row,
  header_cell,
  cell,
};
[[nodiscard]] const char* role_name(Role role);

// Landmarks a panel can be (the navigation, the main content).
enum class Landmark : std::uint8_t { none, navigation, main };

struct Node {
  std::string key;     // stable from frame to frame (a control's ImGui id; a text's window, words and rank)
  std::string parent;  // the enclosing node's key; "" for the page
  Role role = Role::paragraph;
  int level = 0;                 // a heading's level
  std::string name;              // the accessible name: the visible label or text
  std::string value;             // a field's text, a slider's shown value
  std::string description;       // help behind "(?)", a tooltip, an error under a field
  std::string labelled_by;       // the key of the text that names it (its own label is hidden); `name` holds its words
  std::vector<std::string> options;  // a combo's choices
  int selected = -1;                 // the combo's choice
  double number = 0, min = 0, max = 1;
  bool checked = false, disabled = false, invalid = false, expanded = false, current = false;
  bool password = false;      // a field whose text is never mirrored
  bool focus_target = false;  // a screen's title: focus moves here on navigation
  // In the enclosing panel's content coordinates (canvas pixels), so that a
  // panel's scrolling moves no node.
  float x = 0, y = 0, w = 0, h = 0;
  // A panel's scroll position and content size.
  float scroll_x = 0, scroll_y = 0, content_w = 0, content_h = 0;
  Landmark landmark = Landmark::none;
};

// [SECTION] Building a frame's tree (called by draw_frame and the widgets).
// Starts a frame's tree: applies the page's scroll requests to the panels.
void begin_frame();
// The nodes of the frame so far, in reading order (a parent before its children).
[[nodiscard]] const std::vector<Node>& nodes();
// The current panel is a landmark (called after BeginChild).
void landmark(Landmark kind, const std::string& name);

// A node for the item Dear ImGui drew last (its id and rectangle), inside the
// current panel, table cell and group. A control without a visible label of
// its own ("##id") is named by the text drawn just before it in the same
// panel, as a sighted reader pairs a question with its answers.
Node& add_item(Role role, std::string name);
// A node for text drawn from `min` to `max` (screen coordinates).
Node& add_text(Role role, std::string text, ImVec2 min, ImVec2 max);
// The node added last (for a tooltip or an error that belongs to it).
[[nodiscard]] Node* last();
// What is drawn between these reports no node (a long text's canvas copy,
// under the page's own text area).
void hide_begin();
void hide_end();
// Radio buttons between these form one group, named by the text before it.
void begin_group();
void end_group();
// The next table (until EndTable) is a data table with this name; its header
// row and cells become the table's rows and cells.
void name_next_table(const std::string& name);

// [SECTION] What the page asks for, applied by the widgets on the next frame.
void request_activate(const std::string& key);  // a button pressed, a checkbox or radio toggled
void request_choose(const std::string& key, int index);  // a combo's choice
void request_focus(const std::string& key);     // DOM focus is on this node ("": none)
void request_scroll(const std::string& key, float x, float y);  // a panel scrolled by the page
void request_release();  // Tab left the field being edited
// Requests wait for the next frame (a platform that draws on demand draws one).
[[nodiscard]] bool requests_pending();

// True once when the page pressed the last item's node.
[[nodiscard]] bool activated(const std::string& key);
[[nodiscard]] std::optional<int> chosen(const std::string& key);
// The key of the node that has DOM focus.
[[nodiscard]] const std::string& focused();
// A control's key from its ImGui id.
[[nodiscard]] std::string key_of(ImGuiID id);

}  // namespace qaward::gui::semantics
