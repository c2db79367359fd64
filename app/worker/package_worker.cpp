// The packaging worker: the same core, run in a Web Worker so that the page
// keeps drawing while a package is built. The page mounts the attachments at
// /in with WORKERFS (read in chunks straight from the user's files, never
// copied whole into the WebAssembly heap); the package is written to /out
// (MEMFS, outside the heap) and handed back to the page.
#include <emscripten.h>

#include <nlohmann/json.hpp>

#include "../common/assessment_bridge.hpp"
#include "../common/catalogs.hpp"
#include "../common/editions.hpp"
#include "../common/shipped_calendar.hpp"
#include "qaward/package.hpp"
#include "qaward/version.hpp"

EM_JS(void, js_progress, (double done, double total), { postMessage({ type: 'progress', done: done, total: total }); });

namespace {

std::string failure(const qaward::Diagnostic& d) {
  return nlohmann::json{{"ok", false},
                        {"message", {{"zh", qaward::catalog(qaward::Language::zh).render(d)},
                                     {"en", qaward::catalog(qaward::Language::en).render(d)}}}}
      .dump();
}

}  // namespace

// request: { "draft": {...}, "secret_key": "...", "passphrase": "...",
//            "now": "ISO 8601", "files": { "<attachment name>": "/in/<name>" } }
extern "C" EMSCRIPTEN_KEEPALIVE const char* qa_worker_package(const char* request_json) {
  static std::string response;
  const auto request = nlohmann::json::parse(request_json, nullptr, false);
  if (request.is_discarded() || !request.is_object()) return (response = failure(qaward::make_error("input.invalid_json"))).c_str();
  const auto& criteria = qaward::shipped_criteria();
  const auto& calendar = qaward::shipped_calendar();
  auto draft = qaward::parse_draft(request.value("draft", nlohmann::json::object()).dump(), criteria.value());
  if (!draft.ok()) return (response = failure(draft.diagnostics().at(0))).c_str();
  const auto rules = qaward::load_shipped_edition(draft.value().edition);
  if (!rules.ok()) return (response = failure(rules.diagnostics().at(0))).c_str();
  auto key = qaward::decrypt_secret_key(request.value("secret_key", ""), request.value("passphrase", ""));
  if (!key.ok()) return (response = failure(key.diagnostics().at(0))).c_str();
  const auto now = qaward::parse_datetime(request.value("now", ""));
  if (!now) return (response = failure(qaward::make_error("input.bad_datetime", "/now", {{"found", request.value("now", "")}}))).c_str();

  qaward::PackageRequest r;
  r.draft = &draft.value();
  const auto files = request.value("files", nlohmann::json::object());
  for (const auto& a : draft.value().attachments) {
    const auto slash = a.path.find_last_of('/');
    const auto name = slash == std::string::npos ? a.path : a.path.substr(slash + 1);
    r.files.push_back(files.value(name, std::string("/in/") + name));
  }
  r.rules = &rules.value();
  r.calendar = &calendar.value();
  r.criteria = &criteria.value();
  r.key = &key.value();
  r.now = *now;
  r.product_version = std::string(qaward::version());
  r.progress = [](std::uint64_t done, std::uint64_t total) { js_progress(static_cast<double>(done), static_cast<double>(total)); };
  const auto plan = qaward::plan_package(r);
  if (!plan.refusals.empty()) return (response = failure(plan.refusals.at(0))).c_str();
  const auto result = qaward::write_package(r, plan, "/out/package.zip");
  if (!result.ok()) return (response = failure(result.diagnostics().at(0))).c_str();
  response = nlohmann::json{{"ok", true},
                            {"package_id", result.value().package_id},
                            {"sha256", qaward::file_sha256("/out/package.zip")},
                            {"fingerprint", key.value().public_key.fingerprint()}}
                 .dump();
  return response.c_str();
}
