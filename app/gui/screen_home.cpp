// [SECTION] Home: the product, the organization's name, the steps ahead.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app.hpp"
#include "qaward/text.hpp"
#include "qaward/version.hpp"

namespace qaward::gui {

namespace {

const ImVec4 kAccent{0.10f, 0.33f, 0.62f, 1.0f};
const ImVec4 kMuted{0.38f, 0.40f, 0.45f, 1.0f};

// A "(?)" marker with a tooltip, as in Dear ImGui's demo.
void help_marker(const std::string& text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace

void screen_home(AppState& state) {
  const Catalog& t = state.text();

  // Header: title and the language switch at the right.
  ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
  ImGui::TextUnformatted(t.text("app.title").c_str());
  ImGui::PopStyleColor();
  const std::string switch_label = t.text("app.language");
  const float button_width = ImGui::CalcTextSize(switch_label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(ImGui::GetContentRegionMax().x - button_width);
  if (ImGui::Button(switch_label.c_str())) {
    state.queue(SetLanguage{state.language == Language::zh ? Language::en : Language::zh});
  }
  record_item(state, "language_switch");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.text("app.language_hint").c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
  ImGui::TextWrapped("%s", t.text("app.subtitle").c_str());
  ImGui::PopStyleColor();
  ImGui::Separator();

  // The organization's name: the first field of the profile.
  ImGui::TextUnformatted(t.text("home.org_name").c_str());
  help_marker(t.text("home.org_name_hint"));
  std::string name = state.draft.org_name;
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::InputText("##org_name", &name)) state.queue(SetOrgName{name});
  record_item(state, "org_name");
  if (name.empty()) {
    ImGui::TextDisabled("%s", t.text("home.org_name_empty").c_str());
  } else {
    const auto count = count_code_points(name).value_or(0);
    ImGui::TextDisabled("%s", t.text("home.org_name_length", {{"count", std::to_string(count)}}).c_str());
  }
  ImGui::Spacing();

  // The steps of an application (Article 11). Each becomes a screen as its
  // issue lands; until then the list says so plainly.
  ImGui::TextUnformatted(t.text("home.tasks").c_str());
  if (ImGui::BeginTable("##tasks", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("task", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthFixed);
    int number = 1;
    for (const char* key : {"task.eligibility", "task.assessment", "task.publicity", "task.package", "task.review"}) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("%d. %s", number++, t.text(key).c_str());
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", t.text("home.status.not_available").c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextWrapped("%s", t.text("app.privacy").c_str());
  ImGui::TextDisabled("%s", t.text("app.version", {{"version", std::string(version())}}).c_str());
}

}  // namespace qaward::gui
