// [SECTION] The municipal office's intake (issue 18, Article 11 (四)): the
// districts' public keys it pinned, with their fingerprints to compare with
// the published ones; the bundles it opened, each chain verified in the
// worker (applicant's signature, district countersignature by the key that
// signed the bundle, that key pinned, the district's publicity over before
// the countersignatures); across bundles a package sent twice; and the
// acceptance list (受理名单) to publish.
#include <imgui.h>

#include "app.hpp"
#include "district.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

// A finding of the worker's report, in the interface's language.
std::string said(const AppState& state, const nlohmann::json& finding) {
  const auto& message = finding.value("message", nlohmann::json::object());
  return message.value(state.language == Language::en ? "en" : "zh", std::string());
}

void findings(const AppState& state, const nlohmann::json& list) {
  if (!list.is_array()) return;
  for (const auto& f : list) {
    const bool error = f.value("severity", "") == "error";
    widgets::colored_wrapped(error ? widgets::kBad : widgets::kWarn, "• " + said(state, f));
  }
}

void pinned_keys(AppState& state) {
  const Catalog& t = state.text();
  widgets::heading(t.text("office.keys_title"));
  widgets::colored_wrapped(widgets::kMuted, t.text("office.keys_hint"));
  if (widgets::button(t.text("office.pin_key"))) state.queue(PickDistrictPublicKey{});
  record_item(state, "office.pin_key");
  auto& keys = state.office.district_keys;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto key = parse_public_key(keys[i]);
    if (!key.ok()) continue;
    ImGui::PushID(static_cast<int>(i));
    widgets::wrapped_text(t.text("office.key_line", {{"key", key.value().key_id_hex()}, {"fingerprint", key.value().fingerprint()}}));
    record_item(state, ("office.key." + std::to_string(i)).c_str());
    widgets::same_line(widgets::button_width(t.text("ui.remove")));
    if (widgets::button(t.text("ui.remove"), true, key.value().key_id_hex())) state.queue(RemoveDistrictPublicKey{i});
    ImGui::PopID();
  }
}

void bundle_report(AppState& state, const nlohmann::json& b, std::size_t i) {
  const Catalog& t = state.text();
  const std::string file = b.value("file", "");
  ImGui::PushID(static_cast<int>(i));
  const bool valid = b.value("valid", false);
  const char* verdict = valid ? "office.bundle_valid" : b.value("readable", false) ? "office.bundle_invalid" : "office.bundle_unreadable";
  widgets::status_text(valid ? widgets::kGood : widgets::kBad, t.text(verdict, {{"file", file}, {"unit", b.value("unit", "")}}));
  record_item(state, ("office.bundle." + std::to_string(i)).c_str());
  ImGui::Indent();
  const auto& signature = b.value("signature", nlohmann::json::object());
  if (signature.value("present", false)) {
    widgets::wrapped_text(t.text(b.value("key_pinned", false) ? "office.key_known" : "office.key_unknown",
                                 {{"key", signature.value("key_id", "")}, {"fingerprint", signature.value("fingerprint", "")}}));
  }
  const auto& publicity = b.value("publicity", nlohmann::json::object());
  if (const auto end = parse_datetime(publicity.value("end", "")); end && publicity.value("state", "") == "complete") {
    widgets::wrapped_text(t.text("office.publicity_end", instant_params("end", *end)));
  }
  findings(state, b.value("findings", nlohmann::json::array()));
  for (const auto& p : b.value("packages", nlohmann::json::array())) {
    const auto& package = p.value("package", nlohmann::json::object());
    const bool ok = p.value("present", false) && p.value("sha256_matches", false) && package.value("valid", false);
    widgets::text_colored(ok ? widgets::kGood : widgets::kBad,
                          t.text(ok ? "office.package_valid" : "office.package_invalid",
                                 {{"organization", package.value("organization", "")}, {"id", p.value("package_id", "")}}));
    ImGui::Indent();
    findings(state, package.value("findings", nlohmann::json::array()));
    ImGui::Unindent();
  }
  if (widgets::button(t.text("office.remove_bundle"), true, file)) state.queue(RemoveBundle{file});
  ImGui::Unindent();
  ImGui::Separator();
  ImGui::PopID();
}

}  // namespace

void screen_office(AppState& state) {
  const Catalog& t = state.text();
  widgets::heading(t.text("nav.office"), 1);
  widgets::help_marker(t.text("office.hint"));
  ImGui::Separator();
  if (!state.notice.text.empty()) {
    widgets::notice_text(state.notice.is_error, state.notice.text);
    if (widgets::button(t.text("ui.dismiss"), true)) state.notice.text.clear();
  }
  pinned_keys(state);
  ImGui::Separator();
  widgets::heading(t.text("office.bundles_title"));
  if (widgets::button(t.text("office.open_bundles"))) state.queue(PickBundles{});
  record_item(state, "office.open_bundles");
  widgets::same_line(ImGui::GetFontSize() * 8.0f);
  widgets::colored_wrapped(widgets::kMuted, t.text("office.drop_hint"));
  if (state.office.checking > 0) widgets::text_disabled(t.text("office.checking"));
  const auto& report = state.office.report;
  if (report.is_null()) return;
  const auto& bundles = report.value("bundles", nlohmann::json::array());
  for (std::size_t i = 0; i < bundles.size(); ++i) bundle_report(state, bundles[i], i);
  findings(state, report.value("findings", nlohmann::json::array()));
  const auto& entries = report.value("entries", nlohmann::json::array());
  widgets::status_text(widgets::kAccent, t.text("office.summary", {{"bundles", std::to_string(bundles.size())},
                                                                   {"packages", std::to_string(entries.size())},
                                                                   {"accepted", std::to_string(report.value("accepted", 0))}}));
  record_item(state, "office.summary");
  // The acceptance list: its period from when it goes up, or left to fill in.
  widgets::heading(t.text("office.list_title"));
  widgets::text(t.text("office.posted_at"));
  auto [it, fresh] = state.ui.buffers.try_emplace("office.posted_at", state.office.posted ? to_iso(*state.office.posted).substr(0, 16) : "");
  widgets::same_line(ImGui::GetFontSize() * 12.0f);
  widgets::item_width(ImGui::GetFontSize() * 12.0f);
  if (widgets::input_text("##office.posted_at", "2026-04-01T09:00", &it->second, 0, false)) {
    const auto parsed = parse_datetime(it->second);
    if (parsed || it->second.empty()) state.queue(SetAcceptancePosted{parsed});
  }
  record_item(state, "office.posted_at");
  if (widgets::button(t.text("office.print_list"))) state.queue(ExportIntake{"html"});
  record_item(state, "office.print_list");
  widgets::same_line(widgets::button_width("CSV"));
  if (widgets::button("CSV")) state.queue(ExportIntake{"csv"});
  widgets::same_line(widgets::button_width("JSON"));
  if (widgets::button("JSON")) state.queue(ExportIntake{"json"});
}

}  // namespace qaward::gui
