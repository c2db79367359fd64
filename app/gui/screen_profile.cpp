// [SECTION] Organization profile: every field of the profile, with inline
// validation (credit code, dates, Urumqi's districts and zones).
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app.hpp"
#include "qaward/text.hpp"
#include "qaward/uscc.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

void label(const Catalog& t, const char* key) {
  widgets::text(t.text(key));
  widgets::help_marker(t.text(std::string(key) + "_hint"));
}

void uscc_feedback(const AppState& state, const std::string& code) {
  const Catalog& t = state.text();
  if (code.empty()) return;
  const auto check = check_uscc(code);
  switch (check.status) {
    case UsccStatus::valid:
      widgets::colored_wrapped(widgets::kGood, t.text("profile.uscc_ok"));
      break;
    case UsccStatus::bad_check_character:
      widgets::colored_wrapped(widgets::kWarn, t.text("input.uscc_bad_check", {{"found", code}, {"expected", std::string(1, check.expected_check.value_or('?'))}}));
      break;
    case UsccStatus::bad_length:
      widgets::colored_wrapped(widgets::kBad, t.text("input.uscc_bad_length", {{"found", code}}));
      break;
    case UsccStatus::bad_character:
      widgets::colored_wrapped(widgets::kBad, t.text("input.uscc_bad_character", {{"found", code}, {"position", std::to_string(check.position)}}));
      break;
  }
}

}  // namespace

void screen_profile(AppState& state) {
  const Catalog& t = state.text();
  const auto& o = state.draft.profile.organization;
  widgets::heading(t.text("nav.profile"), 1);
  ImGui::Separator();

  label(t, "profile.name");
  if (auto v = widgets::text_field(state, "org_name", o.name.value_or(""))) {
    state.edit([v = *v](Draft& d) { d.profile.organization.name = v.empty() ? std::nullopt : std::optional(v); });
  }
  reveal_field(state, "/profile/organization/name", true);
  if (o.name) widgets::colored_wrapped(widgets::kMuted, t.text("home.org_name_length", {{"count", std::to_string(count_code_points(*o.name).value_or(0))}}));

  label(t, "profile.uscc");
  if (auto v = widgets::text_field(state, "uscc", o.uscc.value_or(""), ImGui::GetFontSize() * 14.0f)) {
    std::string upper = *v;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));  // lower case is a common slip
    state.edit([upper](Draft& d) { d.profile.organization.uscc = upper.empty() ? std::nullopt : std::optional(upper); });
  }
  reveal_field(state, "/profile/organization/uscc", true);
  uscc_feedback(state, o.uscc.value_or(""));

  label(t, "profile.kind");
  static constexpr const char* kKinds[] = {"legal_person", "unincorporated", "branch", "internal", "dispatched"};
  const std::string current = o.kind ? t.text("kind." + *o.kind) : t.text("ui.choose");
  widgets::item_width(ImGui::GetFontSize() * 16.0f);
  std::vector<std::string> kinds;
  int kind = -1;
  for (const char* k : kKinds) {
    if (o.kind && *o.kind == k) kind = static_cast<int>(kinds.size());
    kinds.push_back(t.text(std::string("kind.") + k));
  }
  if (const auto k = widgets::combo(state, "##kind", current, kinds, kind, "kind",
                                    [](std::size_t k) { return std::string("kind.") + kKinds[k]; })) {
    state.edit([k = kKinds[*k]](Draft& d) { d.profile.organization.kind = std::string(k); });
  }
  reveal_field(state, "/profile/organization/kind");

  label(t, "profile.registered");
  if (auto v = widgets::yes_no(state, "registered", o.registered_in_urumqi)) {
    state.edit([v = *v](Draft& d) { d.profile.organization.registered_in_urumqi = v; });
  }
  reveal_field(state, "/profile/organization/registered_in_urumqi");
  label(t, "profile.district");
  widgets::item_width(ImGui::GetFontSize() * 16.0f);
  const std::vector<std::string> no_districts;
  const auto& districts = state.services.rules != nullptr ? state.services.rules->districts : no_districts;
  int district = -1;
  for (std::size_t k = 0; k < districts.size(); ++k) {
    if (o.district && *o.district == districts[k]) district = static_cast<int>(k);
  }
  std::vector<std::string> names;
  for (const auto& d : districts) names.push_back(district_name(t, d));
  if (const auto k = widgets::combo(state, "##district", o.district ? district_name(t, *o.district) : t.text("ui.choose"), names, district, "district",
                                    [&](std::size_t k) { return "district." + districts[k]; })) {
    state.edit([d = districts[*k]](Draft& x) { x.profile.organization.district = d; });
  }
  reveal_field(state, "/profile/organization/district");

  label(t, "profile.established_on");
  if (auto v = widgets::date_field(state, "established_on", o.established_on)) {
    state.edit([v = *v](Draft& d) { d.profile.organization.established_on = v; });
  }
  reveal_field(state, "/profile/organization/established_on", true);
  if (o.established_on && *o.established_on > state.now.date) {
    widgets::colored_wrapped(widgets::kBad, t.text("input.founded_after_reference", {{"found", to_string(*o.established_on)}, {"date", to_string(state.now.date)}}));
  }
  label(t, "profile.four_new");
  if (auto v = widgets::yes_no(state, "four_new", o.four_new)) state.edit([v = *v](Draft& d) { d.profile.organization.four_new = v; });
  reveal_field(state, "/profile/organization/four_new");
  label(t, "profile.sme");
  if (auto v = widgets::yes_no(state, "sme", o.sme)) state.edit([v = *v](Draft& d) { d.profile.organization.sme = v; });
  reveal_field(state, "/profile/organization/sme");
  ImGui::Spacing();
  if (widgets::button(t.text("ui.continue_eligibility"))) state.queue(Navigate{Screen::eligibility});
  record_item(state, "profile_continue");
}

}  // namespace qaward::gui
