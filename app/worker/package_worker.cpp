// The worker: the same core, run in a Web Worker so that the page keeps
// drawing while files are hashed, packages built and packages verified
// (web/package-worker.js runs one job at a time). Files come in mounted at
// /in with WORKERFS: read in chunks straight from the user's disk or from
// IndexedDB, never copied whole into the WebAssembly heap. Packages go out to
// the browser's origin-private file system through a PackageSink, written in
// place, so that neither the heap nor the page ever holds a whole package.
#include <emscripten.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "../common/application_document.hpp"
#include "../common/assessment_bridge.hpp"
#include "../common/catalogs.hpp"
#include "../common/editions.hpp"
#include "../common/intake_documents.hpp"
#include "../common/package_support.hpp"
#include "../common/shipped_calendar.hpp"
#include "qaward/bundle.hpp"
#include "qaward/district.hpp"
#include "qaward/json_text.hpp"
#include "qaward/package.hpp"
#include "qaward/version.hpp"

// Progress of the current job, posted to the page.
EM_JS(void, js_progress, (double done, double total), {
  postMessage({ type: 'progress', id: Module.qaJob, done: done, total: total });
});

// The output file (a FileSystemSyncAccessHandle the script opened). A failure
// is remembered by name: QuotaExceededError is the one users can act on.
EM_JS(int, js_sink_write, (double offset, const void* data, double size), {
  try {
    return Module.qaSink.write(HEAPU8.subarray(data, data + size), { at: offset }) === size ? 1 : 0;
  } catch (e) {
    Module.qaSinkError = e.name;
    return 0;
  }
});
EM_JS(int, js_sink_truncate, (double size), {
  try {
    Module.qaSink.truncate(size);
    Module.qaSink.flush();
    return 1;
  } catch (e) {
    Module.qaSinkError = e.name;
    return 0;
  }
});
EM_JS(double, js_sink_read, (double offset, void* data, double size), {
  try {
    return Module.qaSink.read(HEAPU8.subarray(data, data + size), { at: offset });
  } catch (e) {
    Module.qaSinkError = e.name;
    return 0;
  }
});
EM_JS(int, js_sink_quota_exceeded, (), { return Module.qaSinkError === 'QuotaExceededError' ? 1 : 0; });
EM_JS(int, js_sink_failed, (), { return Module.qaSinkError ? 1 : 0; });
// Bytes of the output that will not change any more: the page lets the other
// worker hash them meanwhile.
EM_JS(void, js_settled, (double upto), { postMessage({ type: 'settled', id: Module.qaJob, upto: upto }); });

namespace {

class OpfsSink : public qaward::PackageSink {
 public:
  bool write_at(std::uint64_t offset, const void* data, std::size_t size) override {
    return js_sink_write(static_cast<double>(offset), data, static_cast<double>(size)) != 0;
  }
  bool truncate(std::uint64_t size) override { return js_sink_truncate(static_cast<double>(size)) != 0; }
  std::size_t read_at(std::uint64_t offset, void* data, std::size_t size) override {
    return static_cast<std::size_t>(js_sink_read(static_cast<double>(offset), data, static_cast<double>(size)));
  }
  void settled(std::uint64_t upto) override { js_settled(static_cast<double>(upto)); }
};

// A text member of a request, "" when absent or not text: requests carry
// what the page was given (drafts, keys), so nothing here may throw.
std::string text_of(const nlohmann::json& request, const char* key) {
  const auto it = request.find(key);
  return it != request.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The request as an object, or nullopt (then the reply says so).
std::optional<nlohmann::json> request_object(const char* text) {
  auto request = qaward::parse_json(text, "request");
  if (!request.ok() || !request.value().is_object()) return std::nullopt;
  return std::move(request).value();
}

// The reply, kept until the next call (the script copies it at once).
const char* respond(const nlohmann::json& response) {
  static std::string text;
  text = response.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return text.c_str();
}

nlohmann::json failure(const qaward::Diagnostic& d) {
  return {{"ok", false},
          {"message", {{"zh", qaward::catalog(qaward::Language::zh).render(d)},
                       {"en", qaward::catalog(qaward::Language::en).render(d)}}}};
}

// A write that failed because the browser's storage is full says so.
nlohmann::json write_failure(const qaward::Diagnostic& d) {
  return failure(js_sink_quota_exceeded() != 0 ? qaward::make_error("pkg.storage_full") : d);
}

nlohmann::json package(const nlohmann::json& request) {
  const auto& criteria = qaward::shipped_criteria();
  const auto& calendar = qaward::shipped_calendar();
  const auto draft_member = request.find("draft");
  if (draft_member == request.end() || !draft_member->is_object()) return failure(qaward::make_error("input.invalid_json", "/draft"));
  auto draft = qaward::parse_draft(draft_member->dump(), criteria.value());
  if (!draft.ok()) return failure(draft.diagnostics().at(0));
  // The page names the edition it evaluated under (as the CLI's --edition);
  // without it, the draft's.
  const std::string edition = text_of(request, "edition");
  const auto rules = qaward::load_shipped_edition(edition.empty() ? draft.value().edition : edition);
  if (!rules.ok()) return failure(rules.diagnostics().at(0));
  auto key = qaward::decrypt_secret_key(text_of(request, "secret_key"), text_of(request, "passphrase"));
  if (!key.ok()) return failure(key.diagnostics().at(0));
  const auto now = qaward::parse_datetime(text_of(request, "now"));
  if (!now) return failure(qaward::make_error("input.bad_datetime", "/now", {{"found", text_of(request, "now")}}));

  qaward::PackageRequest r;
  r.draft = &draft.value();
  // The page mounts each attachment at /in/<its name>. Hashed when attached
  // (the draft's "checked" facts), the files get only CRC-32s now, to prove
  // they are still the ones hashed.
  bool all_known = true;
  for (const auto& a : draft.value().attachments) {
    const auto slash = a.path.find_last_of('/');
    const auto name = slash == std::string::npos ? a.path : a.path.substr(slash + 1);
    r.files.push_back("/in/" + name);
    if (a.checked) r.attached.push_back(*a.checked);
    all_known = all_known && a.checked.has_value();
  }
  if (!all_known) r.attached.clear();  // then every file is hashed as it is copied
  r.rules = &rules.value();
  r.calendar = &calendar.value();
  r.criteria = &criteria.value();
  r.key = &key.value();
  r.now = *now;
  r.product_version = std::string(qaward::version());
  r.readable = qaward::application_document_html;
  r.progress = [](std::uint64_t done, std::uint64_t total) { js_progress(static_cast<double>(done), static_cast<double>(total)); };
  const auto plan = qaward::plan_package(r);
  if (!plan.refusals.empty()) return failure(plan.refusals.at(0));
  OpfsSink sink;
  const auto result = qaward::write_package(r, plan, sink);
  if (!result.ok()) return write_failure(result.diagnostics().at(0));
  return {{"ok", true}, {"package_id", result.value().package_id}, {"fingerprint", key.value().public_key.fingerprint()}};
}

}  // namespace

extern "C" {

// Hashes one attachment as it arrives: size, SHA-256, CRC-32, state-secret marks.
EMSCRIPTEN_KEEPALIVE const char* qa_worker_inspect(const char* path, const char* name) {
  const auto facts = qaward::inspect_file(path, name, [](std::uint64_t done) { js_progress(static_cast<double>(done), 0); });
  if (!facts) return respond(failure(qaward::make_error("pkg.unreadable", "", {{"found", name}})));
  return respond({{"ok", true},
                  {"size", facts->size},
                  {"sha256", facts->sha256},
                  {"crc32", facts->crc32},
                  {"state_secret_mark", facts->state_secret_mark}});

}

// request: { "draft": {...}, "secret_key": "...", "passphrase": "...", "now": "ISO 8601" }
EMSCRIPTEN_KEEPALIVE const char* qa_worker_package(const char* request_json) {
  const auto request = request_object(request_json);
  if (!request) return respond(failure(qaward::make_error("input.invalid_json")));
  return respond(package(*request));
}

// The pre-check of one package (reviewer mode): the report as JSON.
// `office_key`: the district office's public key the reviewer pinned, or "".
EMSCRIPTEN_KEEPALIVE const char* qa_worker_verify(const char* path, const char* office_key) {
  std::optional<qaward::PublicKey> office;
  if (*office_key != '\0') {
    auto parsed = qaward::parse_public_key(office_key);
    if (!parsed.ok()) return respond(failure(parsed.diagnostics().at(0)));
    office = parsed.value();
  }
  auto context = qaward::shipped_verify_context();
  context.expected_office_key = office ? &*office : nullptr;
  const auto report = qaward::verify_package(path, context);
  return respond({{"ok", true},
                  {"report", qaward::to_json(report, qaward::catalog(qaward::Language::zh), qaward::catalog(qaward::Language::en))}});

}

// request: { "unit", "opinion", "secret_key", "passphrase", "now" }; the
// package at `path` is copied to the output file with the recommendation.
EMSCRIPTEN_KEEPALIVE const char* qa_worker_countersign(const char* path, const char* request_json) {
  const auto request = request_object(request_json);
  if (!request) return respond(failure(qaward::make_error("input.invalid_json")));
  auto key = qaward::decrypt_secret_key(text_of(*request, "secret_key"), text_of(*request, "passphrase"));
  if (!key.ok()) return respond(failure(key.diagnostics().at(0)));
  const auto now = qaward::parse_datetime(text_of(*request, "now"));
  if (!now) return respond(failure(qaward::make_error("input.bad_datetime", "/now", {{"found", text_of(*request, "now")}})));
  const qaward::CountersignRequest cs{text_of(*request, "unit"), text_of(*request, "opinion"), &key.value(), *now};
  OpfsSink sink;
  const auto result = qaward::countersign_package(path, sink, cs, qaward::shipped_verify_context());
  if (!result.ok()) return respond(write_failure(result.diagnostics().at(0)));
  return respond({{"ok", true}, {"package_id", result.value()}});
}

// The SHA-256 of the package just written, for the cover sheet: computed once
// the download has been offered, reading the output file again.
EMSCRIPTEN_KEEPALIVE const char* qa_worker_output_sha256() {
  OpfsSink sink;
  const auto sha256 = qaward::sink_sha256(sink, [](std::uint64_t done) { js_progress(static_cast<double>(done), 0); });
  if (js_sink_failed() != 0) return respond(failure(qaward::make_error("pkg.unreadable", "", {{"found", "package.zip"}})));
  return respond({{"ok", true}, {"sha256", sha256}});
}

// The other worker's side: hashes the output file (opened for shared reading)
// up to `upto` as the writer reports settled bytes; `finish` gives the digest.
EMSCRIPTEN_KEEPALIVE const char* qa_worker_digest(double upto, int finish) {
  static qaward::SinkDigest digest;
  OpfsSink sink;
  const bool ok = digest.advance(sink, static_cast<std::uint64_t>(upto),
                                 [](std::uint64_t done) { js_progress(static_cast<double>(done), 0); });
  if (!ok || js_sink_failed() != 0) {
    (void)digest.finish();
    return respond(failure(qaward::make_error("pkg.unreadable", "", {{"found", "package.zip"}})));
  }
  if (finish == 0) return respond({{"ok", true}});
  return respond({{"ok", true}, {"sha256", digest.finish()}});
}

// The SHA-256 of a file (a package handed over as a File): the fallback when
// the output cannot be read while it is written.
EMSCRIPTEN_KEEPALIVE const char* qa_worker_file_sha256(const char* path) {
  const auto sha256 = qaward::file_sha256(path);
  if (sha256.empty()) return respond(failure(qaward::make_error("pkg.unreadable", "", {{"found", path}})));
  return respond({{"ok", true}, {"sha256", sha256}});
}

// [SECTION] The district's countersignatures and bundle (issue 18, Article
// 11 (三)). The page's job unlocks the district key once, countersigns each
// recommended package into a file of its own, bundles them, and locks the
// key again: one Argon2id, however many packages.

}  // extern "C"

namespace {
std::optional<qaward::KeyPair>& unlocked_key() {
  static std::optional<qaward::KeyPair> key;
  return key;
}
}  // namespace

extern "C" {

// request: { "secret_key", "passphrase" }
EMSCRIPTEN_KEEPALIVE const char* qa_worker_district_unlock(const char* request_json) {
  const auto request = request_object(request_json);
  if (!request) return respond(failure(qaward::make_error("input.invalid_json")));
  auto key = qaward::decrypt_secret_key(text_of(*request, "secret_key"), text_of(*request, "passphrase"));
  if (!key.ok()) return respond(failure(key.diagnostics().at(0)));
  unlocked_key() = std::move(key).value();
  return respond({{"ok", true}, {"fingerprint", unlocked_key()->public_key.fingerprint()}});
}

EMSCRIPTEN_KEEPALIVE void qa_worker_district_lock() {
  // Overwritten through a volatile pointer, which the compiler may not drop.
  if (auto& key = unlocked_key()) {
    volatile std::uint8_t* secret = key->secret.data();
    for (std::size_t i = 0; i < key->secret.size(); ++i) secret[i] = 0;
  }
  unlocked_key().reset();
}

// The package at `path` countersigned with the unlocked key into the output.
// request: { "unit", "opinion", "now" }
EMSCRIPTEN_KEEPALIVE const char* qa_worker_district_countersign(const char* path, const char* request_json) {
  const auto request = request_object(request_json);
  if (!request || !unlocked_key()) return respond(failure(qaward::make_error("input.invalid_json")));
  const auto now = qaward::parse_datetime(text_of(*request, "now"));
  if (!now) return respond(failure(qaward::make_error("input.bad_datetime", "/now", {{"found", text_of(*request, "now")}})));
  const qaward::CountersignRequest cs{text_of(*request, "unit"), text_of(*request, "opinion"), &*unlocked_key(), *now};
  OpfsSink sink;
  const auto result = qaward::countersign_package(path, sink, cs, qaward::shipped_verify_context());
  if (!result.ok()) return respond(write_failure(result.diagnostics().at(0)));
  return respond({{"ok", true}, {"package_id", result.value()}});
}

// The bundle of the countersigned packages in `paths` into the output.
// request: { "paths": [...], "workspace": {qaward-district/1}, "now" }
EMSCRIPTEN_KEEPALIVE const char* qa_worker_district_bundle(const char* request_json) {
  const auto request = request_object(request_json);
  if (!request || !unlocked_key() || !request->contains("workspace") || !(*request)["paths"].is_array()) {
    return respond(failure(qaward::make_error("input.invalid_json")));
  }
  auto workspace = qaward::district_workspace_from_json((*request)["workspace"]);
  if (!workspace.ok()) return respond(failure(workspace.diagnostics().at(0)));
  const auto now = qaward::parse_datetime(text_of(*request, "now"));
  if (!now) return respond(failure(qaward::make_error("input.bad_datetime", "/now", {{"found", text_of(*request, "now")}})));
  qaward::BundleRequest bundle;
  for (const auto& path : (*request)["paths"]) {
    if (path.is_string()) bundle.packages.push_back(path.get<std::string>());
  }
  bundle.unit = workspace.value().unit;
  bundle.publicity = workspace.value().publicity;
  bundle.key = &*unlocked_key();
  bundle.now = *now;
  bundle.workspace = &workspace.value();
  OpfsSink sink;
  const auto index = qaward::write_bundle(bundle, sink, qaward::shipped_verify_context());
  if (!index.ok()) return respond(write_failure(index.diagnostics().at(0)));
  return respond({{"ok", true}, {"count", index.value()["packages"].size()}});
}

// [SECTION] The office's intake (Article 11 (四)) of the bundles mounted in
// /in, named as the user named them. With two cores the page has the two
// long parts done at once, one per worker: the packages' SHA-256s in one
// (qa_worker_bundle_digests), the packages verified in the other
// (qa_worker_bundle_packages, kept here), then the intake itself, given the
// digests (qa_worker_intake), only reads the indexes.

}  // extern "C"

namespace {

std::vector<std::string> names_of(const nlohmann::json& request) {
  std::vector<std::string> names;
  if (const auto it = request.find("names"); it != request.end() && it->is_array()) {
    for (const auto& name : *it) {
      if (name.is_string()) names.push_back(name.get<std::string>());
    }
  }
  return names;
}

// The packages verified by qa_worker_bundle_packages, by bundle and entry,
// until the intake takes them.
std::map<std::string, std::map<std::string, qaward::VerifyReport>>& verified_packages() {
  static std::map<std::string, std::map<std::string, qaward::VerifyReport>> reports;
  return reports;
}

// Relative to /in: the report names each bundle as the user did.
struct InFolder {
  bool ok = chdir("/in") == 0;
  ~InFolder() { (void)chdir("/"); }
};

}  // namespace

extern "C" {

// request: { "names": [...] } -> { "digests": { name: { entry: sha256 } } }
EMSCRIPTEN_KEEPALIVE const char* qa_worker_bundle_digests(const char* request_json) {
  const auto request = request_object(request_json);
  const InFolder in;
  if (!request || !in.ok) return respond(failure(qaward::make_error("input.invalid_json")));
  nlohmann::json digests = nlohmann::json::object();
  for (const auto& name : names_of(*request)) digests[name] = qaward::bundle_entry_digests(name);
  return respond({{"ok", true}, {"digests", digests}});
}

// request: { "names": [...] }: the packages inside, verified and kept for the intake.
EMSCRIPTEN_KEEPALIVE const char* qa_worker_bundle_packages(const char* request_json) {
  const auto request = request_object(request_json);
  const InFolder in;
  if (!request || !in.ok) return respond(failure(qaward::make_error("input.invalid_json")));
  verified_packages().clear();
  for (const auto& name : names_of(*request)) verified_packages()[name] = qaward::verify_bundled_packages(name, qaward::shipped_verify_context());
  return respond({{"ok", true}});
}

// request: { "names": [...], "district_keys": [.pub texts], "posted_at": ISO 8601 or "",
// "digests": the other worker's, when it did them }. The reply carries the
// report and the acceptance list, printable and as CSV.
EMSCRIPTEN_KEEPALIVE const char* qa_worker_intake(const char* request_json) {
  const auto request = request_object(request_json);
  const InFolder in;
  if (!request || !in.ok) return respond(failure(qaward::make_error("input.invalid_json")));
  qaward::BundleVerifyContext context{qaward::shipped_verify_context(), {}};
  if (const auto keys = request->find("district_keys"); keys != request->end() && keys->is_array()) {
    for (const auto& text : *keys) {
      auto key = qaward::parse_public_key(text.is_string() ? text.get<std::string>() : std::string());
      if (!key.ok()) return respond(failure(key.diagnostics().at(0)));
      context.district_keys.push_back(key.value());
    }
  }
  const auto names = names_of(*request);
  // The two long parts, when done by the two workers: both for every bundle.
  std::map<std::string, qaward::BundleEntryWork> done;
  if (const auto digests = request->find("digests"); digests != request->end() && digests->is_object()) {
    for (const auto& name : names) {
      const auto reports = verified_packages().find(name);
      const auto sha256 = digests->find(name);
      if (reports == verified_packages().end() || sha256 == digests->end() || !sha256->is_object()) continue;
      auto& work = done[name];
      work.reports = reports->second;
      for (const auto& [entry, hex] : sha256->items()) work.sha256[entry] = hex.is_string() ? hex.get<std::string>() : "";
    }
    context.done = &done;
  }
  verified_packages().clear();
  const auto intake = qaward::intake_bundles(names, context);
  const auto posted = qaward::parse_datetime(text_of(*request, "posted_at"));
  return respond({{"ok", true},
                  {"report", qaward::intake_json(intake)},
                  {"acceptance_html", qaward::acceptance_list_html(intake, posted)},
                  {"csv", qaward::intake_csv(intake)}});
}

}  // extern "C"
