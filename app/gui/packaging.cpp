// The package in the browser: the key, the pre-flight list, building and
// downloading the package, and the cover sheet. The same core as the CLI.
#include <nlohmann/json.hpp>

#include <fstream>

#include "../common/embedded_assets.hpp"
#include "../common/assessment_bridge.hpp"
#include "../common/package_support.hpp"
#include "../common/publicity_documents.hpp"
#include "../common/catalogs.hpp"
#include "app.hpp"
#include "packaging.hpp"
#include "qaward/documents.hpp"
#include "qaward/hash.hpp"
#include "qaward/package.hpp"
#include "qaward/version.hpp"

namespace qaward::gui {

bool succeeded(const nlohmann::json& reply) { return reply.is_object() && reply.value("ok", false); }
std::string failure_text(const AppState& state, const nlohmann::json& reply) {
  const auto message = reply.is_object() ? reply.value("message", nlohmann::json::object()) : nlohmann::json::object();
  return message.is_object() ? message.value(state.language == Language::en ? "en" : "zh", std::string("?")) : std::string("?");
}

namespace {

// The package request for the draft as it stands: the planner reads no file
// here, it takes what the worker found when each file was attached (preflight
// adds its own line for a file not yet hashed).
std::optional<PackageRequest> prepare(const AppState& state) {
  if (state.services.criteria == nullptr || state.services.rules == nullptr || state.services.calendar == nullptr) {
    return std::nullopt;
  }
  PackageRequest request;
  request.draft = &state.draft;
  for (const auto& a : state.draft.attachments) {
    request.files.push_back(attachment_name(a));
    const auto known = state.attachments.find(a.path);
    const std::uint64_t size = known != state.attachments.end() ? known->second.size : 0;
    request.attached.push_back(a.checked.value_or(AttachedFile{size, std::string(64, '0'), 0, false}));
  }
  request.rules = state.services.rules;
  request.calendar = state.services.calendar;
  request.criteria = state.services.criteria;
  request.now = state.now;
  request.product_version = std::string(version());
  return request;
}

}  // namespace

std::vector<Diagnostic> preflight(const AppState& state) {
  const auto request = prepare(state);
  if (!request) return {make_error("pkg.missing_identity", "/profile/organization")};
  std::vector<Diagnostic> out = plan_package(*request).refusals;
  for (std::size_t i = 0; i < state.draft.attachments.size(); ++i) {
    const auto& a = state.draft.attachments[i];
    const std::string where = "/attachments/" + std::to_string(i);
    const auto known = state.attachments.find(a.path);
    const bool missing = known != state.attachments.end() && known->second.missing;
    if (missing) out.push_back(make_error("mat.missing", where, {{"file", attachment_name(a)}}));
    else if (!a.checked) out.push_back({Severity::warning, "mat.hashing", {{"file", attachment_name(a)}}, where});  // a wait, not a fault
  }
  if (state.keys.secret_key.empty()) out.push_back(make_error("key.missing"));
  return out;
}

void create_key(AppState& state, Platform& platform, const std::string& passphrase) {
  const auto pair = generate_keypair();
  state.keys.secret_key = encrypt_secret_key(pair, passphrase);
  state.keys.public_key = public_key_file(pair.public_key);
  const bool kept = platform.save("qaward.key", state.keys.secret_key);
  // Kept only in this browser: its file is offered once as a backup (issue 20).
  state.keys.backup_offered = true;
  (void)platform.save("qaward.key_backup", "offered");
  state.notice.say(state.text().text(kept ? "key.created_notice" : "key.not_stored", {{"fingerprint", pair.public_key.fingerprint()}}), !kept);
}

void build_package(AppState& state, Platform& platform, const std::string& passphrase) {
  if (state.packaging.busy) return;
  std::vector<std::string> names;
  for (const auto& a : state.draft.attachments) names.push_back(attachment_name(a));
  state.packaging.requested_draft = draft_to_json(state.draft);
  const nlohmann::json request = {{"draft", nlohmann::json::parse(state.packaging.requested_draft)},
                                  // The edition the page evaluates under (the draft's, or the
                                  // default when the draft names one not shipped).
                                  {"edition", state.services.rules ? state.services.rules->edition : std::string()},
                                  {"secret_key", state.keys.secret_key},
                                  {"passphrase", passphrase},
                                  {"now", to_iso(state.now)}};
  state.packaging.busy = true;
  state.packaging.progress = 0;
  state.notice.text.clear();
  platform.package_in_worker(request.dump(), names);
}

void package_written(AppState& state, std::string_view result_json) {
  const auto result = nlohmann::json::parse(result_json, nullptr, false);
  if (!result.is_object()) return;
  state.packaging.last_id = result.value("package_id", "");
  state.packaging.last_sha256.clear();
  state.packaging.hashing = true;
  state.packaging.bytes = result.value("size", std::uint64_t{0});
  state.packaging.progress = 0;
  state.notice.say(state.text().text("pkg.written_notice", {{"id", state.packaging.last_id}}));
}

void package_finished(AppState& state, std::string_view result_json) {
  state.packaging.busy = false;
  state.packaging.hashing = false;
  const auto result = nlohmann::json::parse(result_json, nullptr, false);
  if (!succeeded(result)) {
    state.notice.say(failure_text(state, result), true);
    return;
  }
  state.packaging.last_id = result.value("package_id", "");
  state.packaging.last_sha256 = result.value("sha256", "");
  state.packaging.packaged_draft = std::move(state.packaging.requested_draft);
  state.packaging.stale = draft_to_json(state.draft) != state.packaging.packaged_draft;  // edited while it was built
  state.notice.say(state.text().text("pkg.built_notice", {{"id", state.packaging.last_id}, {"sha256", state.packaging.last_sha256},
                                                        {"fingerprint", result.value("fingerprint", "")}}));
}

void open_cover_sheet(AppState& state, Platform& platform) {
  const auto key = parse_public_key(state.keys.public_key);
  const auto tmpl = find_asset("templates/cover.html");
  if (!key.ok() || !tmpl || state.services.rules == nullptr) return;
  const auto& o = state.draft.profile.organization;
  platform.open_document(fill_template(*tmpl, {{"org_name", o.name.value_or("")},
                                               {"uscc", o.uscc.value_or("")},
                                               {"package_id", state.packaging.last_id},
                                               {"sha256", state.packaging.last_sha256},
                                               {"key_id", key.value().key_id_hex()},
                                               {"fingerprint", key.value().fingerprint()},
                                               {"created", chinese_date_time(state.now)},
                                               {"citation", state.services.rules->cite_zh(state.services.rules->procedure.declaration_citation)},
                                               {"version", std::string(version())}}));
}

}  // namespace qaward::gui

namespace qaward::gui {

void open_publicity_document(AppState& state, Platform& platform, bool statement) {
  const auto html = render_publicity_document(statement ? PublicityDocument::statement : PublicityDocument::notice,
                                              draft_to_json(state.draft), state.now,
                                              state.services.rules ? state.services.rules->edition : std::string());
  if (!html.ok()) {
    state.notice.say(in_words(state.text(), html.diagnostics().at(0)), true);
    return;
  }
  platform.open_document(html.value());
}

}  // namespace qaward::gui

namespace qaward::gui {

void export_scoring_sheet(AppState& state, Platform& platform, bool html, bool disagreement) {
  if (state.services.criteria == nullptr) return;
  const Assessment& assessment = assessment_or_empty(state.draft);
  const auto summary = summarize(assessment, *state.services.criteria);
  const auto& name = state.draft.profile.organization.name;
  if (disagreement) {
    platform.open_document(disagreement_html(summary, assessment, name.value_or("")));
    return;
  }
  if (html) {
    platform.open_document(scoring_sheet_html(summary, assessment, *state.services.criteria, name.value_or("")));
    return;
  }
  const std::string path = "/tmp/scoring-sheet.csv";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << scoring_sheet_csv(summary, assessment);
  platform.download(path, (name ? *name + "-" : std::string()) + "自评表.csv");
}

}  // namespace qaward::gui

namespace qaward::gui {

void review_started(AppState& state, const std::string& file, int token) {
  ReviewedPackage reviewed;
  reviewed.file = file;
  reviewed.token = token;
  state.review.packages.push_back(std::move(reviewed));
}

void review_restarted(AppState& state, int token) {
  for (auto& r : state.review.packages) {
    if (r.token != token) continue;
    r.verifying = true;
    r.failure.clear();
    r.report = {};
  }
}

void review_finished(AppState& state, int token, std::string_view result_json) {
  for (auto& r : state.review.packages) {
    if (r.token != token) continue;
    const auto result = nlohmann::json::parse(result_json, nullptr, false);
    r.verifying = false;
    if (succeeded(result) && result.contains("report")) r.report = verify_report_from_json(result["report"]);
    else r.failure = failure_text(state, result);
  }
}

void export_review(AppState& state, Platform& platform, const std::string& kind) {
  std::vector<std::pair<std::string, VerifyReport>> reports;
  for (const auto& r : state.review.packages) {
    if (!r.verifying) reports.emplace_back(r.file, r.report);
  }
  if (kind == "html") {
    platform.open_document(precheck_html(reports));
    return;
  }
  const std::string path = "/tmp/precheck." + kind;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << (kind == "csv" ? precheck_csv(reports) : precheck_json(reports).dump(2));
  platform.download(path, "预审报告." + kind);
}

// The worker checks the package again, decrypts the office's key and writes
// the countersigned copy; countersign_finished takes the result.
void countersign(AppState& state, Platform& platform, const Countersign& request) {
  // The district office's own key, never the applicant's (issue 16).
  if (request.index >= state.review.packages.size() || state.keys.district_secret_key.empty() || state.packaging.busy) return;
  const nlohmann::json job = {{"unit", request.unit}, {"opinion", request.opinion}, {"secret_key", state.keys.district_secret_key},
                              {"passphrase", request.passphrase}, {"now", to_iso(state.now)}};
  state.packaging.busy = true;
  state.notice.text.clear();
  platform.countersign_in_worker(state.review.packages[request.index].token, job.dump());
}

void countersign_finished(AppState& state, std::string_view result_json) {
  state.packaging.busy = false;
  const auto result = nlohmann::json::parse(result_json, nullptr, false);
  const bool ok = succeeded(result);
  state.notice.say(ok ? state.text().text("review.countersigned", {{"id", result.value("package_id", "")}}) : failure_text(state, result), !ok);
}

}  // namespace qaward::gui
