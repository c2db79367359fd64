#pragma once
// The district's and the office's part in the page (issue 18), apart from
// their screens: the district's workspace (a case per package opened in
// reviewer mode, kept in this browser as qaward.district and exchanged with
// `qaward district` as a qaward-district/1 file), its countersignatures and
// bundle made in the worker; the office's pinned district keys
// (qaward.district_keys) and its intake of the bundles it opened.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app_state.hpp"
#include "platform.hpp"

namespace qaward::gui {

// [SECTION] The district

// The workspace as this browser kept it; nullptr reads as an empty one.
[[nodiscard]] Result<DistrictWorkspace> restore_district(const std::string* saved);
// Applies `change` and keeps the workspace in this browser.
void update_district(AppState& state, Platform& platform, const std::function<void(DistrictWorkspace&)>& change);
// A package reviewer mode verified becomes a case (once, by its id), so that
// the district decides on what it opened.
void add_case(AppState& state, Platform& platform, const std::string& file, const VerifyReport& report);
// Where the district stands now (district_status on the shipped calendar).
[[nodiscard]] DistrictStatus district_status_now(const AppState& state);
// The package opened in this session for `package_id`, or nullptr (the page
// keeps only references to the files it was given, for the session).
[[nodiscard]] const ReviewedPackage* opened_package(const AppState& state, const std::string& package_id);
void open_district_notice(AppState& state, Platform& platform);
void export_district(AppState& state, Platform& platform);
// Replaces the workspace with a file's; false (and why, said) when it does not read.
bool import_district(AppState& state, Platform& platform, const std::string& text);
// Countersigns the recommended packages with the district key and bundles
// them in the worker; refuses (said) before the publicity is over, or when a
// recommended package is not open in this session.
void district_bundle(AppState& state, Platform& platform, const std::string& passphrase);
void district_bundle_finished(AppState& state, std::string_view result_json);

// [SECTION] The office

// The district keys kept in this browser (a JSON array of .pub texts).
[[nodiscard]] std::vector<std::string> restore_district_keys(const std::string* saved);
void pin_district_key(AppState& state, Platform& platform, const std::string& text);
void remove_district_key(AppState& state, Platform& platform, std::size_t index);
void bundles_opened(AppState& state, Platform& platform, const std::vector<std::string>& names);
void remove_bundle(AppState& state, Platform& platform, const std::string& name);
// The intake over every bundle opened, with the pinned keys, in the worker.
void run_intake(AppState& state, Platform& platform);
void intake_finished(AppState& state, std::string_view result_json);
void export_intake(AppState& state, Platform& platform, const std::string& kind);

}  // namespace qaward::gui
