#include "district.hpp"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "../common/publicity_documents.hpp"
#include "app.hpp"
#include "packaging.hpp"
#include "qaward/json_text.hpp"
#include "qaward/signing.hpp"

namespace qaward::gui {

// [SECTION] The district

Result<DistrictWorkspace> restore_district(const std::string* saved) {
  if (saved == nullptr || saved->empty()) return DistrictWorkspace{};
  return parse_district_workspace(*saved);
}

void update_district(AppState& state, Platform& platform, const std::function<void(DistrictWorkspace&)>& change) {
  change(state.district.workspace);
  state.ui.draft_unsaved = !platform.save("qaward.district", to_json(state.district.workspace).dump());
}

void add_case(AppState& state, Platform& platform, const std::string& file, const VerifyReport& report) {
  if (!report.readable || report.package_id.empty() || state.district.workspace.find(report.package_id) != nullptr) return;
  update_district(state, platform, [&](DistrictWorkspace& w) {
    DistrictCase c;
    c.package_id = report.package_id;
    c.file = file;
    c.organization = report.organization;
    c.uscc = report.uscc;
    w.cases.push_back(std::move(c));
  });
}

DistrictStatus district_status_now(const AppState& state) {
  if (state.services.calendar == nullptr || state.services.editions == nullptr) return {};
  return district_status(state.district.workspace, *state.services.calendar, state.services.editions->default_rules().procedure,
                         state.now);
}

const ReviewedPackage* opened_package(const AppState& state, const std::string& package_id) {
  for (const auto& r : state.review.packages) {
    if (!r.verifying && r.report.package_id == package_id) return &r;
  }
  return nullptr;
}

void open_district_notice(AppState& state, Platform& platform) {
  if (state.services.editions == nullptr) return;
  const auto html = render_district_notice(state.district.workspace, district_status_now(state), state.services.editions->default_rules());
  if (!html.ok()) {
    state.district.result.say(in_words(state.text(), html.diagnostics().front()), true);
    return;
  }
  platform.open_document(html.value());
}

void export_district(AppState& state, Platform& platform) {
  const std::string path = "/tmp/district.json";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << to_json(state.district.workspace).dump(2) << "\n";
  const std::string unit = state.district.workspace.unit.empty() ? std::string() : "-" + state.district.workspace.unit;
  platform.download(path, "审核推荐工作台" + unit + ".json");
}

bool import_district(AppState& state, Platform& platform, const std::string& text) {
  auto read = parse_district_workspace(text);
  if (!read.ok()) {
    state.district.result.say(state.text().text("district.import_failed", {{"reason", in_words(state.text(), read.diagnostics().front())}}), true);
    return false;
  }
  update_district(state, platform, [&](DistrictWorkspace& w) { w = std::move(read).value(); });
  // The posting time shown is the file's, not what was typed before.
  state.ui.buffers.erase("district.posted_at");
  state.district.result.say(state.text().text("district.imported", {{"count", std::to_string(state.district.workspace.cases.size())}}));
  return true;
}

void district_bundle(AppState& state, Platform& platform, const std::string& passphrase) {
  if (state.district.busy || state.keys.district_secret_key.empty()) return;
  const Catalog& t = state.text();
  const auto status = district_status_now(state);
  if (status.stage != DistrictStage::ready_to_countersign) {
    state.district.result.say(t.text(std::string("district.stage.") + to_string(status.stage)), true);
    return;
  }
  nlohmann::json packages = nlohmann::json::array();
  for (const auto i : status.recommended) {
    const auto& c = state.district.workspace.cases[i];
    const auto* opened = opened_package(state, c.package_id);
    if (opened == nullptr || !opened->report.valid) {
      state.district.result.say(t.text(opened == nullptr ? "district.open_again" : "district.package_invalid",
                                       {{"organization", c.organization}, {"file", c.file}}), true);
      return;
    }
    packages.push_back({{"token", opened->token}, {"opinion", c.reasons}});
  }
  const nlohmann::json request = {{"secret_key", state.keys.district_secret_key}, {"passphrase", passphrase},
                                  {"unit", state.district.workspace.unit}, {"now", to_iso(state.now)},
                                  {"workspace", to_json(state.district.workspace)}};
  state.district.busy = true;
  state.district.progress = 0;
  state.district.result = {};
  platform.district_bundle_in_worker(packages.dump(), request.dump());
}

void district_bundle_finished(AppState& state, std::string_view result_json) {
  state.district.busy = false;
  const auto result = nlohmann::json::parse(result_json, nullptr, false);
  const bool ok = succeeded(result);
  state.district.result.say(ok ? state.text().text("district.bundled", {{"count", std::to_string(result.value("count", 0))}})
                               : failure_text(state, result),
                            !ok);
}

// [SECTION] The office

std::vector<std::string> restore_district_keys(const std::string* saved) {
  std::vector<std::string> keys;
  if (saved == nullptr) return keys;
  const auto list = nlohmann::json::parse(*saved, nullptr, false);
  if (!list.is_array()) return keys;
  for (const auto& k : list) {
    if (k.is_string() && parse_public_key(k.get<std::string>()).ok()) keys.push_back(k.get<std::string>());
  }
  return keys;
}

namespace {

void save_district_keys(AppState& state, Platform& platform) {
  state.ui.draft_unsaved = !platform.save("qaward.district_keys", nlohmann::json(state.office.district_keys).dump());
}

}  // namespace

void pin_district_key(AppState& state, Platform& platform, const std::string& text) {
  const Catalog& t = state.text();
  const auto key = parse_public_key(text);
  if (!key.ok()) {
    state.notice.say(t.text("office.bad_key", {{"reason", in_words(t, key.diagnostics().at(0))}}), true);
    return;
  }
  for (const auto& pinned : state.office.district_keys) {
    if (parse_public_key(pinned).value().key_id_hex() == key.value().key_id_hex()) {
      state.notice.say(t.text("office.key_already", {{"fingerprint", key.value().fingerprint()}}), true);
      return;
    }
  }
  state.office.district_keys.push_back(text);
  save_district_keys(state, platform);
  state.notice.say(t.text("office.key_pinned", {{"fingerprint", key.value().fingerprint()}}));
  run_intake(state, platform);
}

void remove_district_key(AppState& state, Platform& platform, std::size_t index) {
  if (index >= state.office.district_keys.size()) return;
  state.office.district_keys.erase(state.office.district_keys.begin() + static_cast<std::ptrdiff_t>(index));
  save_district_keys(state, platform);
  run_intake(state, platform);
}

void bundles_opened(AppState& state, Platform& platform, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    // The same name again is the newer file (the page replaced it).
    if (std::find(state.office.bundles.begin(), state.office.bundles.end(), name) == state.office.bundles.end()) {
      state.office.bundles.push_back(name);
    }
  }
  run_intake(state, platform);
}

void remove_bundle(AppState& state, Platform& platform, const std::string& name) {
  std::erase(state.office.bundles, name);
  platform.forget_bundle(name);
  run_intake(state, platform);
}

void run_intake(AppState& state, Platform& platform) {
  if (state.office.bundles.empty()) {
    state.office.report = nullptr;
    return;
  }
  nlohmann::json request = {{"names", state.office.bundles}, {"district_keys", state.office.district_keys},
                            {"posted_at", state.office.posted ? to_iso(*state.office.posted) : std::string()}};
  ++state.office.checking;
  platform.intake_in_worker(request.dump());
}

void intake_finished(AppState& state, std::string_view result_json) {
  state.office.checking = std::max(0, state.office.checking - 1);
  const auto result = nlohmann::json::parse(result_json, nullptr, false);
  if (!succeeded(result)) {
    state.notice.say(failure_text(state, result), true);
    return;
  }
  state.office.report = result["report"];
  state.office.acceptance_html = result.value("acceptance_html", "");
  state.office.csv = result.value("csv", "");
}

void export_intake(AppState& state, Platform& platform, const std::string& kind) {
  if (state.office.report.is_null()) return;
  if (kind == "html") {
    platform.open_document(state.office.acceptance_html);
    return;
  }
  const std::string path = "/tmp/intake." + kind;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << (kind == "csv" ? state.office.csv : state.office.report.dump(2) + "\n");
  platform.download(path, "受理工作清单." + kind);
}

}  // namespace qaward::gui
