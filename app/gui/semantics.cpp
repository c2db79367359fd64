#include "semantics.hpp"

#include <imgui_internal.h>

#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

namespace qaward::gui::semantics {

namespace {

std::string hex(ImGuiID id) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(id));
  return buf;
}

struct Requests {
  std::set<std::string> activate;
  std::map<std::string, int> choose;
  std::map<std::string, ImVec2> scroll;
  bool release = false;
};

struct Collector {
  std::vector<Node> nodes;
  std::unordered_map<std::string, std::size_t> index;     // key -> position in `nodes`
  std::unordered_map<std::string, int> text_rank;         // how often a text's key was taken this frame
  std::unordered_map<ImGuiID, std::string> last_text;     // per panel: the text drawn last
  std::vector<std::pair<std::string, ImGuiID>> groups;    // open radio groups: key and panel
  std::map<ImGuiID, std::string> tables;                  // data tables this frame: id -> name
  std::optional<std::string> next_table_name;
  int hidden = 0;                                         // inside hide_begin/hide_end
  Requests pending, current;  // from the page: arriving, and applied this frame
  std::string focus;
  Node scratch;  // what a node in a popup or tooltip writes to: not in the tree
};

Collector& c() {
  static Collector collector;
  return collector;
}

std::string panel_key(const ImGuiWindow* w) { return "w" + hex(w->ID); }

bool reported(const ImGuiWindow* w) {
  // Popups (a combo's list, which the combo's node lists) and tooltips (the
  // description of their item) are not nodes of their own.
  for (; w != nullptr; w = w->ParentWindow) {
    if ((w->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip)) != 0) return false;
  }
  return true;
}

Node& push(Node node) {
  Collector& s = c();
  s.index[node.key] = s.nodes.size();
  s.nodes.push_back(std::move(node));
  return s.nodes.back();
}

// The panel node of `w` (and of the panels around it), made on first use.
const std::string& panel(ImGuiWindow* w) {
  Collector& s = c();
  const std::string key = panel_key(w);
  if (const auto it = s.index.find(key); it != s.index.end()) return s.nodes[it->second].key;
  ImGuiWindow* outer = (w->Flags & ImGuiWindowFlags_ChildWindow) != 0 ? w->ParentWindow : nullptr;
  Node n;
  n.key = key;
  n.role = Role::scroll;
  if (outer != nullptr) {
    n.parent = panel(outer);
    n.x = w->Pos.x - outer->Pos.x + outer->Scroll.x;
    n.y = w->Pos.y - outer->Pos.y + outer->Scroll.y;
  } else {
    n.x = w->Pos.x;
    n.y = w->Pos.y;
  }
  n.w = w->Size.x;
  n.h = w->Size.y;
  n.scroll_x = w->Scroll.x;
  n.scroll_y = w->Scroll.y;
  // As far as the panel scrolls where it shows a scrollbar: what lies beyond
  // a panel that does not scroll sideways is cut off, not reachable.
  n.content_w = w->Size.x + (w->ScrollbarX ? w->ScrollMax.x : 0.0f);
  n.content_h = w->Size.y + w->ScrollMax.y;
  return push(std::move(n)).key;
}

// The node new content goes in: the open radio group, the data table's cell,
// or the panel.
std::string container(ImGuiWindow* w) {
  Collector& s = c();
  std::string parent = panel(w);
  if (!s.groups.empty() && s.groups.back().second == w->ID) return s.groups.back().first;
  ImGuiTable* table = ImGui::GetCurrentTable();
  if (table == nullptr || table->InnerWindow != w || !table->IsInsideRow) return parent;
  if (s.next_table_name && !s.tables.contains(table->ID)) {
    s.tables[table->ID] = *s.next_table_name;
    s.next_table_name.reset();
  }
  const auto named = s.tables.find(table->ID);
  if (named == s.tables.end()) return parent;  // a layout table: its content belongs to the panel
  // The table, its row and its cell, each made when first needed.
  const auto ensure = [&s](std::string key, const std::string& parent, Role role, const std::string& name = {}) {
    if (!s.index.contains(key)) {
      Node n;
      n.key = key;
      n.parent = parent;
      n.role = role;
      n.name = name;
      push(std::move(n));
    }
    return key;
  };
  const std::string table_key = ensure("t" + hex(table->ID), parent, Role::table, named->second);
  const std::string row_key = ensure(table_key + "r" + std::to_string(table->CurrentRow), table_key, Role::row);
  const bool header = (table->RowFlags & ImGuiTableRowFlags_Headers) != 0;
  return ensure(row_key + "c" + std::to_string(table->CurrentColumn), row_key, header ? Role::header_cell : Role::cell);
}

void place(Node& n, const ImGuiWindow* w, ImVec2 min, ImVec2 max) {
  n.x = min.x - w->Pos.x + w->Scroll.x;
  n.y = min.y - w->Pos.y + w->Scroll.y;
  n.w = max.x - min.x;
  n.h = max.y - min.y;
}

bool is_text(Role r) { return r == Role::heading || r == Role::paragraph || r == Role::status || r == Role::alert; }

}  // namespace

const char* role_name(Role role) {
  switch (role) {
    case Role::scroll: return "scroll";
    case Role::heading: return "heading";
    case Role::paragraph: return "paragraph";
    case Role::status: return "status";
    case Role::alert: return "alert";
    case Role::button: return "button";
    case Role::link: return "link";
    case Role::checkbox: return "checkbox";
    case Role::radio_group: return "radiogroup";
    case Role::radio: return "radio";
    case Role::combo: return "combo";
    case Role::text_field: return "textfield";
    case Role::text_area: return "textarea";
    case Role::slider: return "slider";
    case Role::progress: return "progress";
    case Role::disclosure: return "disclosure";
    case Role::table: return "table";
    case Role::row: return "row";
    case Role::header_cell: return "columnheader";
    case Role::cell: return "cell";
  }
  return "paragraph";
}

std::string key_of(ImGuiID id) { return "c" + hex(id); }

void begin_frame() {
  Collector& s = c();
  s.nodes.clear();
  s.index.clear();
  s.text_rank.clear();
  s.last_text.clear();
  s.groups.clear();
  s.tables.clear();
  s.next_table_name.reset();
  s.hidden = 0;
  s.current = std::move(s.pending);
  s.pending = {};
  if (s.current.release) ImGui::ClearActiveID();
  // A panel the page scrolled (the browser's find, a focused element brought
  // into view) scrolls the same on the canvas.
  for (const auto& [key, to] : s.current.scroll) {
    if (key.size() != 9 || key[0] != 'w') continue;
    ImGuiWindow* w = ImGui::FindWindowByID(static_cast<ImGuiID>(std::stoul(key.substr(1), nullptr, 16)));
    if (w == nullptr) continue;
    ImGui::SetScrollX(w, to.x);
    ImGui::SetScrollY(w, to.y);
  }
}

const std::vector<Node>& nodes() { return c().nodes; }

void landmark(Landmark kind, const std::string& name) {
  Collector& s = c();
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  const std::string& key = panel(w);
  Node& n = s.nodes[s.index[key]];
  n.landmark = kind;
  n.name = name;
}

Node& add_item(Role role, std::string name) {
  Collector& s = c();
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  const ImGuiLastItemData& item = GImGui->LastItemData;
  if (s.hidden > 0 || !reported(w)) return s.scratch = Node{};
  if (item.ID == 0 || is_text(role)) return add_text(role, std::move(name), item.Rect.Min, item.Rect.Max);
  Node n;
  n.key = key_of(item.ID);
  if (s.index.contains(n.key)) return s.nodes[s.index[n.key]];  // drawn twice (a clipped row): one node
  n.parent = container(w);
  n.role = role;
  n.name = std::move(name);
  if (const auto hash = n.name.find("##"); hash != std::string::npos) n.name.erase(hash);
  if (n.name.empty()) {  // named by the text before it (its words too: that text may be scrolled out of view)
    if (const auto it = s.last_text.find(w->ID); it != s.last_text.end()) {
      n.labelled_by = it->second;
      n.name = s.nodes[s.index[it->second]].name;
    }
  }
  n.disabled = (item.ItemFlags & ImGuiItemFlags_Disabled) != 0;
  place(n, w, item.Rect.Min, item.Rect.Max);
  return push(std::move(n));
}

Node& add_text(Role role, std::string text, ImVec2 min, ImVec2 max) {
  Collector& s = c();
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  if (s.hidden > 0 || !reported(w) || text.empty()) return s.scratch = Node{};
  Node n;
  n.parent = container(w);
  // A data table's cell takes its first text as its own: one node, updated
  // in place when the text changes (a table re-sorted as ratings arrive),
  // instead of a cell with a text made anew beneath it.
  if (const auto cell = s.index.find(n.parent); role == Role::paragraph && cell != s.index.end()) {
    Node& c = s.nodes[cell->second];
    if ((c.role == Role::cell || c.role == Role::header_cell) && c.name.empty() && c.w == 0.0f) {
      c.name = std::move(text);
      place(c, w, min, max);
      s.last_text[w->ID] = c.key;
      return c;
    }
  }
  const std::string base = "p" + hex(ImHashStr(text.c_str(), text.size(), w->ID));
  n.key = base + "." + std::to_string(s.text_rank[base]++);
  n.role = role;
  n.name = std::move(text);
  place(n, w, min, max);
  if (role == Role::paragraph || role == Role::heading) s.last_text[w->ID] = n.key;
  return push(std::move(n));
}

Node* last() {
  Collector& s = c();
  return s.nodes.empty() ? nullptr : &s.nodes.back();
}

void hide_begin() { ++c().hidden; }
void hide_end() { --c().hidden; }

void begin_group() {
  Collector& s = c();
  ImGuiWindow* w = ImGui::GetCurrentWindow();
  if (s.hidden > 0 || !reported(w)) {
    s.groups.emplace_back(std::string(), ImGuiID{0});  // keeps end_group's pairing
    return;
  }
  Node n;
  n.key = "g" + hex(ImGui::GetID("##choice"));
  n.parent = container(w);
  n.role = Role::radio_group;
  if (const auto it = s.last_text.find(w->ID); it != s.last_text.end()) n.labelled_by = it->second;
  s.groups.emplace_back(push(std::move(n)).key, w->ID);
}

void end_group() {
  Collector& s = c();
  if (!s.groups.empty()) s.groups.pop_back();
}

void name_next_table(const std::string& name) { c().next_table_name = name; }

void request_activate(const std::string& key) { c().pending.activate.insert(key); }
void request_choose(const std::string& key, int index) { c().pending.choose[key] = index; }
void request_focus(const std::string& key) { c().focus = key; }
void request_scroll(const std::string& key, float x, float y) { c().pending.scroll[key] = ImVec2(x, y); }
void request_release() { c().pending.release = true; }

bool requests_pending() {
  const Requests& p = c().pending;
  return !p.activate.empty() || !p.choose.empty() || !p.scroll.empty() || p.release;
}

bool activated(const std::string& key) { return c().current.activate.erase(key) > 0; }

std::optional<int> chosen(const std::string& key) {
  auto& choose = c().current.choose;
  const auto it = choose.find(key);
  if (it == choose.end()) return std::nullopt;
  const int index = it->second;
  choose.erase(it);
  return index;
}

const std::string& focused() { return c().focus; }

}  // namespace qaward::gui::semantics
