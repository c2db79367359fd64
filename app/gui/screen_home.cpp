// [SECTION] Home: what the product is, the rule edition in force, where the
// draft is kept, and the steps ahead (GOV.UK's "complete multiple tasks").
#include <imgui.h>

#include "app.hpp"
#include "qaward/version.hpp"
#include "widgets.hpp"

namespace qaward::gui {

void screen_home(AppState& state) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  widgets::heading(t.text("app.title"));
  widgets::colored_wrapped(widgets::kMuted, t.text("app.subtitle"));
  ImGui::Separator();
  ImGui::TextWrapped("%s", t.text("home.intro").c_str());
  ImGui::Spacing();
  if (state.services.rules != nullptr) {
    const auto& rules = *state.services.rules;
    ImGui::TextWrapped("%s", t.text("home.edition", {{"title", en ? rules.title.en : rules.title.zh}}).c_str());
    const auto unverified = rules.unverified_checks();
    if (!unverified.empty()) {
      widgets::colored_wrapped(widgets::kWarn, t.text("home.unverified", {{"count", std::to_string(unverified.size())}}));
    }
  }
  ImGui::Spacing();
  if (ImGui::Button(t.text("home.start").c_str())) state.queue(Navigate{Screen::profile});
  record_item(state, "home_start");
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextWrapped("%s", t.text("app.privacy").c_str());
  ImGui::TextDisabled("%s", t.text("app.version", {{"version", std::string(version())}}).c_str());
}

}  // namespace qaward::gui
