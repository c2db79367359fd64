// [SECTION] Reviewer mode (district pre-check, Article 11(3)): packages
// opened from this device are verified with the same core as the CLI; each
// shows what was checked and what is wrong; the batch exports as a printable
// report, JSON or CSV; a valid package can be countersigned with the office's key.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "../common/package_support.hpp"
#include "app.hpp"
#include "widgets.hpp"

namespace qaward::gui {

// The office's own signing key, kept apart from an applicant's (issue 16):
// which key a countersignature will use, by its fingerprint, before it is used.
bool district_key(AppState& state, const std::string& id) {
  const Catalog& t = state.text();
  if (state.keys.district_secret_key.empty()) {
    widgets::colored_wrapped(widgets::kMuted, t.text("review.need_key"));
    if (widgets::button(t.text("review.import_key"))) state.queue(ImportKey{true});
    record_item(state, (id + "import_district_key").c_str());
    return false;
  }
  const auto key = parse_public_key(state.keys.district_public_key);
  widgets::wrapped_text(t.text("review.key_in_use", {{"fingerprint", key.ok() ? key.value().fingerprint() : ""}}));
  record_item(state, (id + "district_key").c_str());
  if (widgets::button(t.text("review.replace_key"), true)) state.queue(ImportKey{true});
  return true;
}

void screen_review(AppState& state) {
  const Catalog& t = state.text();
  widgets::heading(t.text("nav.review"), 1);
  widgets::help_marker(t.text("review.hint"));
  ImGui::Separator();
  if (widgets::button(t.text("review.open"))) state.queue(PickPackages{});
  record_item(state, "open_packages");
  widgets::same_line(ImGui::GetFontSize() * 8.0f);
  widgets::colored_wrapped(widgets::kMuted, t.text("review.drop_hint"));
  // The office key: anyone can sign "as" a district office; only its
  // published key tells. Pinned, a recommendation by another key fails.
  if (state.keys.office_key.empty()) {
    if (widgets::button(t.text("review.pin_office_key"))) state.queue(PickOfficeKey{});
    record_item(state, "pin_office_key");
    widgets::help_marker(t.text("review.pin_office_key_hint"));
  } else {
    const auto key = parse_public_key(state.keys.office_key);
    widgets::wrapped_text(t.text("review.office_key", {{"fingerprint", key.ok() ? key.value().fingerprint() : ""}}));
    widgets::same_line(widgets::button_width(t.text("review.unpin_office_key")));
    if (widgets::button(t.text("review.unpin_office_key"), true)) state.queue(ClearOfficeKey{});
    record_item(state, "unpin_office_key");
  }
  (void)district_key(state, "");
  if (state.review.packages.empty()) return;
  if (widgets::button(t.text("review.report_html"))) state.queue(ExportReview{"html"});
  widgets::same_line(widgets::button_width("JSON"));
  if (widgets::button("JSON")) state.queue(ExportReview{"json"});
  widgets::same_line(widgets::button_width("CSV"));
  if (widgets::button("CSV")) state.queue(ExportReview{"csv"});
  if (!state.notice.text.empty()) widgets::notice_text(state.notice.is_error, state.notice.text);
  // The batch at a glance: one row per package, details below.
  if (widgets::begin_table("##batch", t.text("nav.review"), 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable,
                           ImVec2(0, 0), ImGui::GetFontSize() * 30.0f)) {
    for (const char* key : {"review.col.file", "review.col.verdict", "review.col.organization", "review.col.signature",
                            "review.col.eligibility", "review.col.publicity", "review.col.score"}) {
      ImGui::TableSetupColumn(t.text(key).c_str());
    }
    widgets::table_headers();
    for (const auto& reviewed : state.review.packages) {
      const auto& r = reviewed.report;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      widgets::text(reviewed.file);
      ImGui::TableNextColumn();
      if (reviewed.verifying) widgets::text_disabled(t.text("review.verifying"));
      else widgets::text_colored(r.valid ? widgets::kGood : widgets::kBad, t.text(r.valid ? "review.valid" : "review.invalid"));
      ImGui::TableNextColumn();
      widgets::text(r.organization);
      ImGui::TableNextColumn();
      if (r.signature.present) {
        widgets::text_colored(r.signature.valid ? widgets::kGood : widgets::kBad, r.signature.key_id);
        widgets::tooltip(r.signature.fingerprint);
      }
      ImGui::TableNextColumn();
      if (!r.rerun_eligibility.empty()) widgets::text(t.text("elig.outcome." + r.rerun_eligibility));
      ImGui::TableNextColumn();
      if (!r.publicity_state.empty()) widgets::text(t.text("review.publicity." + r.publicity_state));
      ImGui::TableNextColumn();
      if (r.assessment_total) widgets::text(format_points(static_cast<std::int64_t>(*r.assessment_total * 100)));
    }
    ImGui::EndTable();
  }
  record_item(state, "batch_table");
  ImGui::Separator();
  for (std::size_t i = 0; i < state.review.packages.size(); ++i) {
    const auto& r = state.review.packages[i].report;
    ImGui::PushID(static_cast<int>(i));
    if (state.review.packages[i].verifying || !state.review.packages[i].failure.empty()) {
      if (state.review.packages[i].verifying) widgets::text_disabled(t.text("review.verifying") + "  " + state.review.packages[i].file);
      else widgets::colored_wrapped(widgets::kBad, state.review.packages[i].file + "  " + t.text("review.failed", {{"message", state.review.packages[i].failure}}));
      record_item(state, ("review." + std::to_string(i)).c_str());
      ImGui::Separator();
      ImGui::PopID();
      continue;
    }
    widgets::status_text(r.valid ? widgets::kGood : widgets::kBad,
                         t.text(r.valid ? "cli.verify.valid" : "cli.verify.invalid") + "  " + state.review.packages[i].file);
    record_item(state, ("review." + std::to_string(i)).c_str());
    ImGui::Indent();
    std::vector<ReportLine> assessment;
    if (r.assessment_total) {
      assessment.push_back({ReportLine::Tone::plain,
                            t.text("review.assessment", {{"total", format_points(static_cast<std::int64_t>(*r.assessment_total * 100))}}),
                            false});
    }
    for (const auto& line : report_lines(r, t, std::move(assessment))) {
      switch (line.tone) {
        case ReportLine::Tone::plain: widgets::wrapped_text(line.text); break;
        case ReportLine::Tone::good: widgets::colored_wrapped(widgets::kGood, line.text); break;
        case ReportLine::Tone::bad: widgets::colored_wrapped(widgets::kBad, line.text); break;
        case ReportLine::Tone::warning: widgets::colored_wrapped(widgets::kWarn, line.text); break;
      }
    }
    // Countersign a valid package with the office's key (kept in this browser).
    if (r.valid && r.countersignatures.empty() && !state.keys.district_secret_key.empty()) {
      std::string& unit = state.ui.buffers["review.unit"];
      std::string& opinion = state.ui.buffers["review.opinion." + std::to_string(i)];
      std::string& pass = state.ui.buffers["review.passphrase"];
      widgets::item_width(ImGui::GetFontSize() * 14.0f);
      widgets::input_text("##unit", t.text("review.unit").c_str(), &unit);
      record_item(state, ("review.unit." + std::to_string(i)).c_str());
      widgets::item_width(-1.0f);
      widgets::input_text("##opinion", t.text("review.opinion").c_str(), &opinion);
      record_item(state, ("review.opinion." + std::to_string(i)).c_str());
      widgets::item_width(ImGui::GetFontSize() * 14.0f);
      widgets::input_text("##pass", t.text("key.passphrase").c_str(), &pass, ImGuiInputTextFlags_Password);
      record_item(state, ("review.passphrase." + std::to_string(i)).c_str());
      widgets::same_line(widgets::button_width(t.text("review.countersign")));
      ImGui::BeginDisabled(unit.empty() || opinion.empty() || pass.empty() || state.packaging.busy);
      if (widgets::button(t.text("review.countersign"))) state.queue(Countersign{i, unit, opinion, pass});
      record_item(state, ("review.countersign." + std::to_string(i)).c_str());
      ImGui::EndDisabled();
    } else if (r.valid && state.keys.district_secret_key.empty()) {
      widgets::colored_wrapped(widgets::kMuted, t.text("review.need_key"));
    }
    ImGui::Unindent();
    ImGui::Separator();
    ImGui::PopID();
  }
}

}  // namespace qaward::gui
