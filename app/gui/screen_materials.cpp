// [SECTION] Materials: the checklist of the rule edition, attachments added
// with the file picker or by dragging onto the page, each with its category,
// the trade-secret mark (Article 11(2)), size and SHA-256 (hashed by the
// worker as it arrives, with progress); files that carry a state-secret mark
// are flagged and block packaging.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include <cstdio>

#include "app.hpp"
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
      ImGui::PushStyleColor(ImGuiCol_Text, usable ? widgets::kGood : (m.required || lost) ? widgets::kBad : widgets::kMuted);
      ImGui::Text("%s %s%s%s", usable ? "√" : lost ? "×" : "○", (en ? m.name_en : m.name).c_str(),
                  m.required ? t.text("mat.required").c_str() : "", lost ? ("  " + t.text("mat.missing_short")).c_str() : "");
      ImGui::PopStyleColor();
    }
  }
  ImGui::Spacing();
  if (ImGui::Button(t.text("mat.add").c_str())) state.queue(PickFiles{});
  record_item(state, "add_files");
  ImGui::SameLine();
  widgets::colored_wrapped(widgets::kMuted, t.text("mat.drop_hint"));
  ImGui::Spacing();
  if (state.draft.attachments.empty()) {
    widgets::wrapped_text(t.text("mat.none"));
    return;
  }
  if (ImGui::BeginTable("##attachments", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable)) {
    ImGui::TableSetupColumn(t.text("mat.file").c_str(), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(t.text("mat.category").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 12);
    ImGui::TableSetupColumn(t.text("mat.trade_secret").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 5);
    ImGui::TableSetupColumn(t.text("mat.size").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
    ImGui::TableSetupColumn(t.text("mat.sha256").c_str(), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 8);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(t.text("ui.remove").c_str()).x + ImGui::GetFontSize());
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < state.draft.attachments.size(); ++i) {
      const auto& a = state.draft.attachments[i];
      const std::string name = attachment_name(a);
      const auto known = state.attachments.find(a.path);
      const AttachmentStatus status = known != state.attachments.end() ? known->second : AttachmentStatus{};
      const std::uint64_t bytes = a.checked ? a.checked->size : status.size;
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name.c_str());
      if (has_state_secret(a)) widgets::colored_wrapped(widgets::kBad, t.text("pkg.state_secret", {{"found", name}}));
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1);
      std::string current = a.category;
      if (state.services.rules != nullptr) {
        for (const auto& m : state.services.rules->materials) {
          if (m.category == a.category) current = en ? m.name_en : m.name;
        }
      }
      if (ImGui::BeginCombo("##category", current.c_str())) {
        if (state.services.rules != nullptr) {
          for (const auto& m : state.services.rules->materials) {
            if (ImGui::Selectable((en ? m.name_en : m.name).c_str(), m.category == a.category)) {
              state.edit([i, category = m.category](Draft& d) { d.attachments[i].category = category; });
            }
            record_item(state, ("category." + std::to_string(i) + "." + m.category).c_str());
          }
        }
        ImGui::EndCombo();
      }
      record_item(state, ("category." + std::to_string(i)).c_str());
      ImGui::TableNextColumn();
      bool secret = a.trade_secret;
      if (ImGui::Checkbox("##secret", &secret)) state.edit([i, secret](Draft& d) { d.attachments[i].trade_secret = secret; });
      ImGui::TableNextColumn();
      if (bytes > 0 || a.checked) {
        char size[32];
        if (bytes < 1024) std::snprintf(size, sizeof size, "%u B", static_cast<unsigned>(bytes));
        else std::snprintf(size, sizeof size, bytes >= 1048576 ? "%.1f MiB" : "%.1f KiB",
                           static_cast<double>(bytes) / (bytes >= 1048576 ? 1048576.0 : 1024.0));
        ImGui::TextUnformatted(size);
      } else {
        ImGui::TextDisabled("-");  // not known until the file is attached here
      }
      ImGui::TableNextColumn();
      if (a.checked) {
        ImGui::TextUnformatted((a.checked->sha256.substr(0, 12) + "…").c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.checked->sha256.c_str());
      } else if (status.missing) {
        ImGui::TextColored(widgets::kBad, "%s", t.text("mat.missing_short").c_str());
      } else {
        const float done = bytes > 0 ? static_cast<float>(static_cast<double>(status.hashed) / static_cast<double>(bytes)) : 0.0f;
        ImGui::ProgressBar(done, ImVec2(-1, 0), t.text("mat.hashing_progress", {{"percent", std::to_string(static_cast<int>(done * 100))}}).c_str());
      }
      ImGui::TableNextColumn();
      if (ImGui::SmallButton(t.text("ui.remove").c_str())) state.queue(RemoveAttachment{i});
      record_item(state, ("remove." + std::to_string(i)).c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
}

}  // namespace qaward::gui
