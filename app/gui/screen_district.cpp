// [SECTION] The district's review and recommendation (issue 18, Article 11
// (三)): a case per package opened in reviewer mode with its decision, the
// reasons and the three checks recorded by whom and when; the recommendation
// publicity with the applicant's calendar, countdown and objection log; and,
// once it is over with no objection open, the countersignatures of the
// recommended packages and the bundle for the office, made in the worker.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app.hpp"
#include "district.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

void edit_case(AppState& state, std::size_t i, std::function<void(DistrictCase&)> change) {
  state.queue(UpdateDistrict{[i, change = std::move(change)](DistrictWorkspace& w) {
    if (i < w.cases.size()) change(w.cases[i]);
  }});
}

// A check is recorded as done when ticked: by the reviewer named above, now.
void check_row(AppState& state, std::size_t i, const DistrictCase& c, ListCheck which) {
  const Catalog& t = state.text();
  const auto& check = c.check(which);
  const std::string id = "district.case." + std::to_string(i) + "." + to_string(which);
  bool done = check.done();
  const std::string& reviewer = state.district.workspace.reviewer;
  ImGui::BeginDisabled(!done && reviewer.empty());
  if (widgets::checkbox(t.text(std::string("district.check.") + to_string(which)), &done)) {
    DateTime now = state.now;
    now.seconds -= now.seconds % 60;
    edit_case(state, i, [which, done, reviewer, now](DistrictCase& c) {
      auto& record = c.check(which);
      record.by = done ? reviewer : std::string();
      record.at = done ? std::optional<DateTime>(now) : std::nullopt;
    });
  }
  ImGui::EndDisabled();
  record_item(state, id.c_str());
  if (done) {
    widgets::same_line(ImGui::GetFontSize() * 14.0f);
    auto params = instant_params("at", *check.at);
    params["by"] = check.by;
    widgets::colored_wrapped(widgets::kMuted, t.text("district.check_done", params));
    ImGui::Indent();
    widgets::text(t.text("district.check_result"));
    widgets::same_line(ImGui::GetFontSize() * 10.0f);
    if (auto v = widgets::text_field(state, (id + ".result").c_str(), check.result, ImGui::GetFontSize() * 16.0f)) {
      edit_case(state, i, [which, v = *v](DistrictCase& c) { c.check(which).result = v; });
    }
    ImGui::Unindent();
  }
}

void case_section(AppState& state, std::size_t i) {
  const Catalog& t = state.text();
  const auto& c = state.district.workspace.cases[i];
  const std::string id = "district.case." + std::to_string(i);
  ImGui::PushID(static_cast<int>(i));
  widgets::heading(t.text("district.case_title", {{"n", std::to_string(i + 1)}, {"organization", c.organization}}), 3);
  record_item(state, id.c_str());
  widgets::colored_wrapped(widgets::kMuted, t.text("district.case_facts", {{"uscc", c.uscc}, {"id", c.package_id}, {"file", c.file}}));
  // Whether the package is at hand in this session, and what it verified to.
  if (const auto* opened = opened_package(state, c.package_id)) {
    widgets::text_colored(opened->report.valid ? widgets::kGood : widgets::kBad,
                          t.text(opened->report.valid ? "review.valid" : "review.invalid"));
  } else {
    widgets::colored_wrapped(widgets::kMuted, t.text("district.not_open"));
  }
  widgets::text(t.text("district.decision"));
  widgets::begin_choice();
  for (const auto decision : {Decision::recommend, Decision::not_recommend, Decision::pending}) {
    widgets::same_line(widgets::button_width(t.text(std::string("district.decision.") + to_string(decision))) + ImGui::GetFontSize() * 2);
    if (widgets::radio(t.text(std::string("district.decision.") + to_string(decision)), c.decision == decision)) {
      edit_case(state, i, [decision](DistrictCase& c) { c.decision = decision; });
    }
    record_item(state, (id + ".decision." + to_string(decision)).c_str());
  }
  widgets::end_choice();
  const std::string reasons_label = t.text(c.decision == Decision::recommend ? "district.opinion" : "district.reasons");
  widgets::text(reasons_label);
  if (auto v = widgets::long_text(state, (id + ".reasons").c_str(), reasons_label, c.reasons, 2.5f)) {
    edit_case(state, i, [v = *v](DistrictCase& c) { c.reasons = v; });
  }
  record_item(state, (id + ".reasons").c_str());
  widgets::text(t.text("district.checks"));
  widgets::help_marker(t.text("district.checks_hint"));
  for (const auto which : kListChecks) check_row(state, i, c, which);
  // Removing a case loses its decision and checks: asked again first.
  std::string& removing = state.ui.buffers["district.removing"];
  if (removing != c.package_id) {
    if (widgets::button(t.text("district.remove_case"), true, c.organization)) removing = c.package_id;
  } else {
    widgets::colored_wrapped(widgets::kWarn, t.text("district.remove_confirm", {{"organization", c.organization}}));
    if (widgets::button(t.text("district.remove_yes"), true, c.organization)) {
      removing.clear();
      state.queue(UpdateDistrict{[id = c.package_id](DistrictWorkspace& w) {
        std::erase_if(w.cases, [&](const DistrictCase& k) { return k.package_id == id; });
      }});
    }
    widgets::same_line(widgets::button_width(t.text("ui.cancel")));
    if (widgets::button(t.text("ui.cancel"), true)) removing.clear();
  }
  ImGui::Separator();
  ImGui::PopID();
}

// The district's own key signs: imported here, kept apart from an applicant's.
void countersign_section(AppState& state, const DistrictStatus& status) {
  const Catalog& t = state.text();
  widgets::heading(t.text("district.send_title"));
  if (!district_key(state, "district.")) return;
  if (status.stage != DistrictStage::ready_to_countersign) {
    widgets::colored_wrapped(widgets::kMuted, t.text("district.send_later"));
    return;
  }
  std::string& pass = state.ui.buffers["district.passphrase"];
  widgets::item_width(ImGui::GetFontSize() * 14.0f);
  widgets::input_text("##district.passphrase", t.text("key.passphrase").c_str(), &pass, ImGuiInputTextFlags_Password);
  record_item(state, "district.passphrase");
  const std::string label = t.text("district.bundle", {{"n", std::to_string(status.recommended.size())}});
  widgets::same_line(widgets::button_width(label));
  ImGui::BeginDisabled(pass.empty() || state.district.busy);
  if (widgets::button(label)) {
    state.queue(DistrictBundle{pass});
    pass.clear();
  }
  ImGui::EndDisabled();
  record_item(state, "district.bundle");
  if (state.district.busy) widgets::progress(state.district.progress, ImVec2(-1, 0), t.text("district.bundling"));
}

}  // namespace

void screen_district(AppState& state) {
  const Catalog& t = state.text();
  auto& w = state.district.workspace;
  widgets::heading(t.text("nav.district"), 1);
  if (state.services.editions != nullptr) {
    const auto& rules = state.services.editions->default_rules();
    widgets::help_marker(t.text("district.hint", {{"citation", state.language == Language::en ? rules.procedure.review_citation.en
                                                                                             : rules.procedure.review_citation.zh}}));
  }
  ImGui::Separator();
  if (widgets::button(t.text("review.open"))) state.queue(PickPackages{});
  record_item(state, "district.open_packages");
  widgets::same_line(widgets::button_width(t.text("district.import")));
  if (widgets::button(t.text("district.import"), true)) state.queue(ImportDistrict{});
  record_item(state, "district.import");
  widgets::same_line(widgets::button_width(t.text("district.export")));
  if (widgets::button(t.text("district.export"), true)) state.queue(ExportDistrict{});
  record_item(state, "district.export");
  if (!state.district.result.text.empty()) widgets::notice_text(state.district.result.is_error, state.district.result.text);
  for (const auto& [key, member] : {std::pair{"district.unit", &DistrictWorkspace::unit}, {"district.reviewer", &DistrictWorkspace::reviewer}}) {
    widgets::text(t.text(key));
    if (ImGui::GetContentRegionAvail().x >= ImGui::GetFontSize() * 16.0f) ImGui::SameLine(ImGui::GetFontSize() * 8.0f);
    if (auto v = widgets::text_field(state, key, w.*member, ImGui::GetFontSize() * 20.0f)) {
      state.queue(UpdateDistrict{[member = member, v = *v](DistrictWorkspace& w) { w.*member = v; }});
    }
    record_item(state, key);
  }
  if (w.cases.empty()) {
    widgets::colored_wrapped(widgets::kMuted, t.text("district.empty"));
    return;
  }
  // Where the district stands and what keeps it there.
  const auto status = district_status_now(state);
  const bool en = state.language == Language::en;
  widgets::status_text(status.stage == DistrictStage::ready_to_countersign ? widgets::kGood : widgets::kAccent,
                       t.text(std::string("district.stage.") + to_string(status.stage),
                              {{"n", std::to_string(status.recommended.size())},
                               {"days", std::to_string(status.publicity.remaining_working_days)},
                               {"now", en ? english_clock(state.now) : chinese_clock(state.now)}}));
  record_item(state, "district.stage");
  for (const auto& d : status.problems) {
    if (d.key == "district.publicity_not_over") continue;  // the countdown says it
    widgets::colored_wrapped(d.severity == Severity::error ? widgets::kBad : widgets::kWarn, "• " + t.text(d.key, d.params));
  }
  ImGui::Separator();
  for (std::size_t i = 0; i < w.cases.size(); ++i) case_section(state, i);

  // The recommendation publicity, once there is something to publish.
  widgets::heading(t.text("district.publicity_title"));
  if (status.stage == DistrictStage::deciding && !w.publicity.posted_at) {
    widgets::colored_wrapped(widgets::kMuted, t.text("district.publicity_later"));
  } else {
    const PublicityEditor editor{w.publicity,
                                 [&state](std::function<void(PublicityRecord&)> change) {
                                   state.queue(UpdateDistrict{[change = std::move(change)](DistrictWorkspace& w) { change(w.publicity); }});
                                 },
                                 "district.", false};
    publicity_form(state, editor);
    if (widgets::button(t.text("district.print_notice"))) state.queue(OpenDistrictNotice{});
    record_item(state, "district.print_notice");
    if (status.period) {
      publicity_countdown(state, editor, *status.period, t.text("district.stage.ready_to_countersign", {{"n", std::to_string(status.recommended.size())}}));
      month_calendar(state, *status.period);
      objection_log(state, editor);
    }
  }
  ImGui::Separator();
  countersign_section(state, status);
}

}  // namespace qaward::gui
