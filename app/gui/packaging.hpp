#pragma once
// The package in the browser (packaging.cpp).
#include <string>
#include <string_view>
#include <vector>

#include "app_state.hpp"
#include "platform.hpp"

namespace qaward::gui {

// A worker's reply: { "ok": true, ... }, or { "ok": false, "message": { "zh", "en" } }.
[[nodiscard]] bool succeeded(const nlohmann::json& reply);
// Its message in the interface's language.
[[nodiscard]] std::string failure_text(const AppState& state, const nlohmann::json& reply);

[[nodiscard]] std::vector<Diagnostic> preflight(const AppState& state);
void create_key(AppState& state, Platform& platform, const std::string& passphrase);
// Starts building the package in the worker; package_finished takes its result.
void build_package(AppState& state, Platform& platform, const std::string& passphrase);
// Written and offered as a download; package_finished follows with its SHA-256.
void package_written(AppState& state, std::string_view result_json);
void package_finished(AppState& state, std::string_view result_json);
void open_cover_sheet(AppState& state, Platform& platform);
// The publicity notice or closing statement, printable, in a new tab.
void open_publicity_document(AppState& state, Platform& platform, bool statement);
// The self-scoring sheet (自评表): CSV downloaded, or printable HTML in a new tab.
void export_scoring_sheet(AppState& state, Platform& platform, bool html, bool disagreement = false);
// Reviewer mode: open a package, export the batch report, countersign.
// The page hands each package to the worker: started, then finished with the report.
void review_started(AppState& state, const std::string& file, int token);
// The package `token` is being verified again (another office key pinned).
void review_restarted(AppState& state, int token);
void review_finished(AppState& state, int token, std::string_view result_json);
void export_review(AppState& state, Platform& platform, const std::string& kind);
void countersign(AppState& state, Platform& platform, const Countersign& request);
void countersign_finished(AppState& state, std::string_view result_json);

}  // namespace qaward::gui
