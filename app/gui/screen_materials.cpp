// [SECTION] Materials: the checklist of the rule edition, attachments added
// with the file picker or by dragging onto the page, each with its category,
// the trade-secret mark (Article 11(2)), size and SHA-256 (hashed by the
// worker as it arrives, with progress); files that carry a state-secret mark
// are flagged and block packaging.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <cstdio>

#include "app.hpp"
#include "qaward/text.hpp"
#include "platform.hpp"
#include "widgets.hpp"

namespace qaward::gui {

void screen_materials(AppState& state) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  widgets::heading(t.text("nav.materials"), 1);
  if (state.services.rules != nullptr && state.services.rules->materials_note) {
    widgets::help_marker(en ? state.services.rules->materials_note->en : state.services.rules->materials_note->zh);
  }
  ImGui::Separator();
  if (state.services.rules != nullptr) {
    for (const auto& m : state.services.rules->materials) {
      // Ticked only when a file of the category is here to package: one the
      // draft lists but this browser no longer holds is not a tick (issue 16).
      bool listed = false, usable = false;
      for (const auto& a : state.draft.attachments) {
        if (a.category != m.category) continue;
        listed = true;
        const auto it = state.attachments.find(a.path);
        usable = usable || it == state.attachments.end() || !it->second.missing;
      }
      const bool lost = listed && !usable;
      const ImVec4 color = usable ? widgets::kGood : (m.required || lost) ? widgets::kBad : widgets::kMuted;
      widgets::mark(color, usable ? "√" : lost ? "×" : "○", t.text(usable ? "ui.mark.pass" : "ui.mark.fail"));
      ImGui::SameLine();
      widgets::colored_wrapped(color, (en ? m.name_en : m.name) + (m.required ? t.text("mat.required") : std::string()) +
                                          (lost ? "  " + t.text("mat.missing_short") : std::string()));
    }
  }
  ImGui::Spacing();
  if (widgets::button(t.text("mat.add"))) state.queue(PickFiles{});
  record_item(state, "add_files");
  widgets::same_line(ImGui::GetFontSize() * 8.0f);
  widgets::colored_wrapped(widgets::kMuted, t.text("mat.drop_hint"));
  ImGui::Spacing();
  if (state.draft.attachments.empty()) {
    widgets::wrapped_text(t.text("mat.none"));
    return;
  }
  if (widgets::begin_table("##attachments", t.text("nav.materials"), 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable,
                           ImVec2(0, 0), ImGui::GetFontSize() * 30.0f)) {
    ImGui::TableSetupColumn(t.text("mat.file").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(t.text("mat.category").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 12);
    ImGui::TableSetupColumn(t.text("mat.trade_secret").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    ImGui::TableSetupColumn(t.text("mat.size").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
    ImGui::TableSetupColumn(t.text("mat.sha256").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 8);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(t.text("ui.remove").c_str()).x + ImGui::GetFontSize());
    widgets::table_headers();
    for (std::size_t i = 0; i < state.draft.attachments.size(); ++i) {
      const auto& a = state.draft.attachments[i];
      const std::string name = attachment_name(a);
      const auto known = state.attachments.find(a.path);
      const AttachmentStatus status = known != state.attachments.end() ? known->second : AttachmentStatus{};
      const std::uint64_t bytes = a.checked ? a.checked->size : status.size;
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      widgets::text(name);
      reveal_field(state, "/attachments/" + std::to_string(i));
      if (has_state_secret(a)) widgets::colored_wrapped(widgets::kBad, t.text("pkg.state_secret", {{"found", name}}));
      ImGui::TableNextColumn();
      widgets::item_width(-1);
      std::string current = a.category;
      if (state.services.rules != nullptr) {
        for (const auto& m : state.services.rules->materials) {
          if (m.category == a.category) current = en ? m.name_en : m.name;
        }
      }
      std::vector<std::string> names, categories;
      int selected = -1;
      if (state.services.rules != nullptr) {
        for (const auto& m : state.services.rules->materials) {
          if (m.category == a.category) selected = static_cast<int>(names.size());
          names.push_back(en ? m.name_en : m.name);
          categories.push_back(m.category);
        }
      }
      const std::string field = "category." + std::to_string(i);
      if (const auto k = widgets::combo(state, "##category", current, names, selected, field,
                                        [&](std::size_t k) { return field + "." + categories[k]; })) {
        state.edit([i, category = categories[*k]](Draft& d) { d.attachments[i].category = category; });
      }
      ImGui::TableNextColumn();
      bool secret = a.trade_secret;
      if (widgets::checkbox("##secret", &secret)) state.edit([i, secret](Draft& d) { d.attachments[i].trade_secret = secret; });
      ImGui::TableNextColumn();
      if (bytes > 0 || a.checked) {
        widgets::text(byte_size(bytes));
      } else {
        widgets::text_disabled("-");  // not known until the file is attached here
      }
      ImGui::TableNextColumn();
      if (a.checked) {
        widgets::text(a.checked->sha256.substr(0, 12) + "…");
        widgets::tooltip(a.checked->sha256);
      } else if (status.missing) {
        widgets::text_colored(widgets::kBad, t.text("mat.missing_short"));
      } else {
        const float done = bytes > 0 ? static_cast<float>(static_cast<double>(status.hashed) / static_cast<double>(bytes)) : 0.0f;
        widgets::progress(done, ImVec2(-1, 0), t.text("mat.hashing_progress", {{"percent", std::to_string(static_cast<int>(done * 100))}}));
      }
      ImGui::TableNextColumn();
      if (widgets::button(t.text("ui.remove"), true, name)) state.queue(RemoveAttachment{i});
      record_item(state, ("remove." + std::to_string(i)).c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

}  // namespace qaward::gui
