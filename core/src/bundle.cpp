#include "qaward/bundle.hpp"

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "package_common.hpp"
#include "package_verify.hpp"
#include "parallel.hpp"
#include "qaward/hash.hpp"
#include "qaward/json_text.hpp"
#include "qaward/rules.hpp"
#include "qaward/timeline.hpp"

namespace qaward {

namespace {

using nlohmann::json;

constexpr std::string_view kIndex = "index.json";
constexpr std::string_view kIndexSig = "index.json.minisig";
constexpr std::string_view kDistrictKey = "district.pub";
constexpr std::string_view kPackageFolder = "packages/";
// What a bundle may hold besides its packages, read whole: at most this.
constexpr std::uint64_t kMaxIndexBytes = 4u << 20;
constexpr std::uint64_t kMaxKeyBytes = 64u << 10;
constexpr std::uint64_t kMaxPackages = 1000;

Diagnostic warning(std::string key, std::string where = {}, Params params = {}) {
  Diagnostic d = make_error(std::move(key), std::move(where), std::move(params));
  d.severity = Severity::warning;
  return d;
}

// The length of a recommendation publicity: the edition's, as the
// applicant's own (Article 11 (三): not less than 5 working days).
int publicity_working_days(const VerifyContext& context) {
  if (const auto index = load_edition_index(context.editions); index.ok()) {
    if (const auto rules = load_edition(index.value().default_edition, context.editions); rules.ok()) {
      return rules.value().procedure.publicity_working_days;
    }
  }
  return 5;
}

// The district's publicity period of `days` working days, computed from its
// record (never taken from what an index says it was); nullopt when the
// record has no posting time.
std::optional<PublicityPeriod> period_of(const PublicityRecord& record, const VerifyContext& context, int days) {
  if (!record.posted_at || context.calendar == nullptr) return std::nullopt;
  return compute_publicity(*context.calendar, *record.posted_at, options_of(record, days));
}

// The countersignature made with `key`, valid, or nullptr.
const Countersignature* countersigned_with(const VerifyReport& report, const PublicKey& key) {
  for (const auto& c : report.countersignatures) {
    if (c.signature.valid && c.signature.key_id == key.key_id_hex()) return &c;
  }
  return nullptr;
}

// The checks a countersignature passes in a bundle, on both sides: made with
// the district's key, after its publicity ended. Adds what fails to `problems`.
void check_countersignature(const VerifyReport& report, const PublicKey& key, const std::optional<PublicityPeriod>& period,
                            const std::string& where, std::vector<Diagnostic>& problems) {
  const Countersignature* c = countersigned_with(report, key);
  if (c == nullptr) {
    problems.push_back(make_error("bundle.not_countersigned", where, {{"key", key.key_id_hex()}}));
    return;
  }
  const auto at = parse_datetime(c->date);
  if (period && at && *at < period->end) {
    Params params = instant_params("date", *at);
    params.merge(instant_params("end", period->end));
    problems.push_back(make_error("bundle.countersigned_early", where, params));
  }
}

}  // namespace

// [SECTION] Writing

namespace {

// What the index says of a package's case in the district's workspace: the
// opinion and the list checks, by whom and when (Article 11 (三)).
json case_record(const DistrictCase& c) {
  const json full = to_json(c);
  return {{"opinion", c.reasons}, {"checks", full.at("checks")}};
}

Result<json> write_bundle_to(const BundleRequest& request, const detail::Output& target, const VerifyContext& context) {
  std::vector<Diagnostic> problems;
  if (request.key == nullptr) return std::vector{make_error("bundle.no_key")};
  const PublicKey& key = request.key->public_key;
  // The district's publicity first: without it no package may be sent on.
  const int days = publicity_working_days(context);  // (the edition read once)
  const auto period = period_of(request.publicity, context, days);
  if (!period) return std::vector{make_error("bundle.no_publicity", "/posted_at")};
  if (request.now < period->end) {
    problems.push_back(make_error("bundle.publicity_not_over", "/posted_at", instant_params("end", period->end)));
  }
  for (const auto number : open_objections(request.publicity, request.now.date)) {
    problems.push_back(make_error("bundle.objection_open", "/objections/" + std::to_string(number - 1),
                                  {{"number", std::to_string(number)}}));
  }
  json packages = json::array();
  std::map<std::string, std::string> file_of;  // package id -> the file that brought it
  for (const auto& path : request.packages) {
    const auto report = verify_package(path, context);
    if (!report.valid) {
      problems.push_back(make_error("bundle.package_invalid", path, {{"id", report.package_id}}));
      continue;
    }
    if (const auto [first, fresh] = file_of.emplace(report.package_id, path); !fresh) {
      problems.push_back(make_error("bundle.duplicate_package", path, {{"id", report.package_id}, {"first", first->second}}));
      continue;
    }
    check_countersignature(report, key, period, path, problems);
    const DistrictCase* decided = nullptr;
    if (request.workspace != nullptr) {
      decided = request.workspace->find(report.package_id);
      if (decided == nullptr || decided->decision != Decision::recommend) {
        problems.push_back(make_error("bundle.not_recommended", path, {{"id", report.package_id}}));
        continue;
      }
    }
    const Countersignature* c = countersigned_with(report, key);
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    packages.push_back({{"entry", std::string(kPackageFolder) + report.package_id + ".zip"},
                        {"package_id", report.package_id},
                        {"organization", report.organization},
                        {"uscc", report.uscc},
                        {"sha256", file_sha256(path)},
                        {"size", error ? 0 : size},
                        {"decision", "recommend"},
                        {"countersigned", c != nullptr ? c->date : ""}});
    if (decided != nullptr) packages.back().update(case_record(*decided));
  }
  // A recommended case left out is said (the district may send it later).
  std::vector<Diagnostic> warnings;
  if (request.workspace != nullptr) {
    for (const auto& c : request.workspace->cases) {
      if (c.decision == Decision::recommend && !file_of.contains(c.package_id)) {
        warnings.push_back({Severity::warning, "bundle.recommended_left_out", {{"id", c.package_id}, {"organization", c.organization}}, ""});
      }
    }
  }
  if (request.packages.empty()) problems.push_back(make_error("bundle.no_packages"));
  if (!problems.empty()) return problems;

  json index = {{"format", kBundleFormat},
                {"unit", request.unit},
                {"created", to_iso(request.now)},
                {"district_key", key.key_id_hex()},
                {"publicity", to_json(request.publicity)},
                {"publicity_period", {{"first_day", to_string(period->first_day)}, {"last_day", to_string(period->last_day)},
                                      {"end", to_iso(period->end)}, {"working_days", days}}},
                {"packages", packages}};
  const std::string index_text = index.dump(2) + "\n";
  const std::string signature =
      sign_minisign(index_text, *request.key, std::string(kBundleFormat) + " " + request.unit + " time " + to_iso(request.now));
  const std::string district = public_key_file(key);

  zip_t* out = detail::open_output(target);
  if (out == nullptr) return std::vector{make_error("pkg.cannot_write", "", {{"file", target.name()}})};
  const auto mtime = static_cast<time_t>(detail::zip_time(request.now));
  bool failed = false;
  const auto stored = [&](zip_int64_t added) {
    if (added < 0) {
      failed = true;
      return;
    }
    const auto a = static_cast<zip_uint64_t>(added);
    zip_set_file_compression(out, a, ZIP_CM_STORE, 0);  // packages as they are: read in place
    zip_file_set_mtime(out, a, mtime, 0);
    zip_file_set_external_attributes(out, a, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
  };
  // zip_source_buffer does not copy: the strings live until zip_close below.
  for (const auto& [name, content] : {std::pair{kIndex, &index_text}, {kIndexSig, &signature}, {kDistrictKey, &district}}) {
    zip_source_t* source = zip_source_buffer(out, content->data(), content->size(), 0);
    if (source == nullptr) {
      failed = true;
      break;
    }
    const auto added = zip_file_add(out, std::string(name).c_str(), source, ZIP_FL_ENC_UTF_8);
    if (added < 0) zip_source_free(source);
    stored(added);
  }
  for (std::size_t i = 0; i < request.packages.size() && !failed; ++i) {
    zip_source_t* source = zip_source_file(out, request.packages[i].c_str(), 0, -1);
    if (source == nullptr) {
      failed = true;
      break;
    }
    const auto added = zip_file_add(out, packages[i]["entry"].get<std::string>().c_str(), source, ZIP_FL_ENC_UTF_8);
    if (added < 0) zip_source_free(source);
    stored(added);
  }
  if (failed || zip_close(out) != 0) {
    const std::string reason = target.failure(failed ? nullptr : out);
    detail::discard_output(out, target);
    return std::vector{make_error("pkg.write_failed", "", {{"file", target.name()}, {"detail", reason}})};
  }
  return {std::move(index), std::move(warnings)};
}

}  // namespace

Result<json> write_bundle(const BundleRequest& request, PackageSink& out, const VerifyContext& context) {
  return write_bundle_to(request, detail::Output{"", &out}, context);
}

Result<json> write_bundle(const BundleRequest& request, const std::string& out_path, const VerifyContext& context) {
  return write_bundle_to(request, detail::Output{out_path}, context);
}

// [SECTION] Reading (untrusted input)

namespace {

using detail::Archive;

// An entry read whole, at most `limit` bytes; nullopt when absent, too
// large or unreadable (said in `findings`).
std::optional<std::string> read_entry(zip_t* za, std::string_view name, std::uint64_t limit, std::vector<Diagnostic>& findings) {
  const auto index = zip_name_locate(za, std::string(name).c_str(), ZIP_FL_ENC_RAW);
  zip_stat_t st;
  if (index < 0 || zip_stat_index(za, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    findings.push_back(make_error("bundle.missing_entry", std::string(name)));
    return std::nullopt;
  }
  if (st.size > limit) {
    findings.push_back(make_error("bundle.entry_too_large", std::string(name), {{"size", std::to_string(st.size)}, {"max", std::to_string(limit)}}));
    return std::nullopt;
  }
  zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(index), 0);
  std::string out(static_cast<std::size_t>(st.size), '\0');
  const bool ok = f != nullptr && zip_fread(f, out.data(), st.size) == static_cast<zip_int64_t>(st.size);
  if (f != nullptr) zip_fclose(f);
  if (!ok) {
    findings.push_back(make_error("bundle.entry_unreadable", std::string(name)));
    return std::nullopt;
  }
  return out;
}

// The SHA-256 (hex) of each stored entry (index, size) of `entries`, on
// every core; empty for one that cannot be read. Windows are read under one
// lock (a zip_t is not thread-safe) and hashed outside it; none spans a
// whole entry, so libzip does not add a CRC-32 pass (the SHA-256 against the
// signed index says more). The packages are then verified one by one, each
// on every core: the bundle is read twice, hashed twice, not three times.
std::vector<std::string> entry_digests(zip_t* za, const std::vector<std::pair<zip_uint64_t, std::uint64_t>>& entries) {
  const std::size_t workers = std::clamp<std::size_t>(detail::default_workers(), 1, std::max<std::size_t>(entries.size(), 1));
  const std::size_t window = detail::kIoBuffer / workers;
  std::vector<std::vector<char>> buffers(workers);
  std::vector<std::string> digests(entries.size());
  std::mutex lock;
  detail::parallel_for(entries.size(), workers, [&](std::size_t worker, std::size_t k) {
    const auto [index, size] = entries[k];
    auto& buffer = buffers[worker];
    buffer.resize(static_cast<std::size_t>(std::min<std::uint64_t>(std::max<std::uint64_t>(size, 1), window)));
    Sha256 h;
    for (std::uint64_t at = 0; at < size;) {
      auto n = std::min<std::uint64_t>(buffer.size(), size - at);
      if (n == size && n > 1) --n;  // never the whole entry in one window
      {
        const std::lock_guard<std::mutex> hold(lock);
        if (!detail::read_window(za, index, at, n, buffer.data())) return;
      }
      h.update(buffer.data(), static_cast<std::size_t>(n));
      at += n;
    }
    digests[k] = to_hex(h.finish());
  });
  return digests;
}

// Whether `name` is where a bundle keeps a package: packages/<one name>.zip.
bool is_package_entry(const std::string& name) {
  return name.starts_with(kPackageFolder) && name.ends_with(".zip") && name.find('/', kPackageFolder.size()) == std::string::npos &&
         name.find("..") == std::string::npos;
}

// The stored package entries of `za`: name -> (index, size).
std::map<std::string, std::pair<zip_uint64_t, std::uint64_t>> stored_packages(zip_t* za) {
  std::map<std::string, std::pair<zip_uint64_t, std::uint64_t>> out;
  const auto count = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(za, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    zip_stat_t st;
    if (raw == nullptr || !is_package_entry(raw) || zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0 ||
        st.comp_method != ZIP_CM_STORE) {
      continue;
    }
    out.emplace(raw, std::pair{static_cast<zip_uint64_t>(i), st.size});
  }
  return out;
}

std::map<std::string, std::string> digests_of(zip_t* za) {
  const auto stored = stored_packages(za);
  std::vector<std::pair<zip_uint64_t, std::uint64_t>> entries;
  for (const auto& [name, entry] : stored) entries.push_back(entry);
  const auto digests = entry_digests(za, entries);
  std::map<std::string, std::string> out;
  std::size_t k = 0;
  for (const auto& [name, entry] : stored) out[name] = digests[k++];
  return out;
}

std::map<std::string, VerifyReport> reports_of(zip_t* za, const VerifyContext& context) {
  std::map<std::string, VerifyReport> out;
  for (const auto& [name, entry] : stored_packages(za)) {
    out[name] = detail::verify_package_source(zip_source_zip(za, za, entry.first, 0, 0, -1), context);
  }
  return out;
}

std::string text_of(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::map<std::string, std::string> bundle_entry_digests(const std::string& path) {
  int code = 0;
  Archive archive;
  archive.za = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  return archive.za == nullptr ? std::map<std::string, std::string>{} : digests_of(archive.za);
}

std::map<std::string, VerifyReport> verify_bundled_packages(const std::string& path, const VerifyContext& context) {
  int code = 0;
  Archive archive;
  archive.za = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  return archive.za == nullptr ? std::map<std::string, VerifyReport>{} : reports_of(archive.za, context);
}

bool looks_like_bundle(const std::string& path) {
  int code = 0;
  Archive archive;
  archive.za = zip_open(path.c_str(), ZIP_RDONLY, &code);
  return archive.za != nullptr && zip_name_locate(archive.za, std::string(kIndex).c_str(), ZIP_FL_ENC_RAW) >= 0;
}

BundleReport verify_bundle(const std::string& path, const BundleVerifyContext& context) {
  BundleReport report;
  auto& findings = report.findings;
  Archive archive;
  int code = 0;
  archive.za = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive.za == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    findings.push_back(make_error("bundle.not_a_zip", "", {{"detail", zip_error_strerror(&e)}}));
    zip_error_fini(&e);
    return report;
  }
  zip_t* za = archive.za;
  const auto count = zip_get_num_entries(za, 0);
  if (count <= 0 || static_cast<std::uint64_t>(count) > kMaxPackages + 3) {
    findings.push_back(make_error("bundle.entry_count", "", {{"found", std::to_string(count)}, {"max", std::to_string(kMaxPackages + 3)}}));
    return report;
  }
  // A package opened where a bundle was expected (a bag's bagit.txt, no
  // index) is named as such: the office has the wrong file, not a broken one.
  if (zip_name_locate(za, std::string(kIndex).c_str(), ZIP_FL_ENC_RAW) < 0) {
    for (zip_int64_t i = 0; i < count; ++i) {
      const char* raw = zip_get_name(za, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
      if (raw != nullptr && std::string_view(raw).ends_with("/bagit.txt")) {
        findings.push_back(make_error("bundle.is_a_package"));
        return report;
      }
    }
  }
  const auto index_text = read_entry(za, kIndex, kMaxIndexBytes, findings);
  if (!index_text) return report;  // not a bundle at all
  report.readable = true;
  // What else it holds: its signature, the key, packages; nothing else.
  std::map<std::string, zip_uint64_t> package_entries;
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(za, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    const std::string name = raw != nullptr ? raw : "";
    if (name == kIndex || name == kIndexSig || name == kDistrictKey) continue;
    if (!is_package_entry(name)) {
      findings.push_back(make_error("bundle.unexpected_entry", name));
      continue;
    }
    package_entries.emplace(name, static_cast<zip_uint64_t>(i));
  }
  // The index's signature, by the key the bundle carries; that key pinned.
  const auto signature = read_entry(za, kIndexSig, kMaxKeyBytes, findings);
  const auto key_text = read_entry(za, kDistrictKey, kMaxKeyBytes, findings);
  std::optional<PublicKey> key;
  if (key_text) {
    if (auto parsed = parse_public_key(*key_text); parsed.ok()) key = parsed.value();
    else findings.push_back(make_error("bundle.bad_key", std::string(kDistrictKey)));
  }
  if (key && signature) {
    report.signature.present = true;
    report.signature.key_id = key->key_id_hex();
    report.signature.fingerprint = key->fingerprint();
    if (auto checked = verify_minisign(*index_text, *signature, *key); checked.ok()) {
      report.signature.valid = true;
      report.signature.trusted_comment = checked.value().trusted_comment;
    } else {
      findings.push_back(make_error("bundle.bad_signature", std::string(kIndexSig)));
    }
    const auto pinned = std::any_of(context.district_keys.begin(), context.district_keys.end(),
                                    [&](const PublicKey& k) { return k.key_id == key->key_id && k.key == key->key; });
    report.key_pinned = pinned;
    if (context.district_keys.empty()) {
      findings.push_back(warning("bundle.key_not_pinned", std::string(kDistrictKey), {{"key", key->key_id_hex()}, {"fingerprint", key->fingerprint()}}));
    } else if (!pinned) {
      findings.push_back(make_error("bundle.unknown_district_key", std::string(kDistrictKey), {{"key", key->key_id_hex()}, {"fingerprint", key->fingerprint()}}));
    }
  }
  // The index: what it says, read with care (a forged one fails the signature above).
  const auto doc = parse_json(*index_text);
  if (!doc.ok() || !doc.value().is_object() || text_of(doc.value(), "format") != kBundleFormat) {
    findings.push_back(make_error("bundle.bad_index", std::string(kIndex), {{"expected", std::string(kBundleFormat)}}));
    return report;
  }
  const json& index = doc.value();
  report.unit = text_of(index, "unit");
  report.created = text_of(index, "created");
  const auto created = parse_datetime(report.created);
  // The district's publicity: its period computed again from the record.
  std::optional<PublicityPeriod> period;
  if (const auto it = index.find("publicity"); it != index.end()) {
    if (auto record = publicity_record_from_json(*it, "/publicity"); record.ok()) {
      period = period_of(record.value(), context.packages, publicity_working_days(context.packages));
      for (const auto number : open_objections(record.value(), created ? created->date : Date{})) {
        findings.push_back(make_error("bundle.objection_open", std::string(kIndex), {{"number", std::to_string(number)}}));
      }
    }
  }
  if (!period) {
    report.publicity_state = "missing";
    findings.push_back(make_error("bundle.no_publicity", std::string(kIndex)));
  } else {
    report.publicity_end = to_iso(period->end);
    const bool over = created && !(*created < period->end);
    report.publicity_state = over ? "complete" : "not_complete";
    if (!over) findings.push_back(make_error("bundle.publicity_not_over", std::string(kIndex), instant_params("end", period->end)));
  }
  // Each listed package: there, unchanged, valid, countersigned by this district after its publicity.
  std::set<std::string> listed_ids, listed_entries;
  const auto packages = index.find("packages");
  if (packages == index.end() || !packages->is_array()) {
    findings.push_back(make_error("bundle.bad_index", std::string(kIndex), {{"expected", std::string(kBundleFormat)}}));
    return report;
  }
  // Every present, stored package hashed and verified (here: hashed first on
  // every core, then verified one by one, each on every core; or done elsewhere).
  const BundleEntryWork* done = nullptr;
  if (context.done != nullptr) {
    if (const auto it = context.done->find(path); it != context.done->end()) done = &it->second;
  }
  const auto digests = done != nullptr ? done->sha256 : digests_of(za);
  const auto reports = done != nullptr ? done->reports : reports_of(za, context.packages);
  for (const auto& item : *packages) {
    if (!item.is_object()) continue;
    BundledPackage p;
    p.entry = text_of(item, "entry");
    p.package_id = text_of(item, "package_id");
    if (!listed_ids.insert(p.package_id).second || !listed_entries.insert(p.entry).second) {
      findings.push_back(make_error("bundle.duplicate_package", p.entry, {{"id", p.package_id}, {"first", p.entry}}));
    }
    const auto at = package_entries.find(p.entry);
    p.present = at != package_entries.end();
    if (!p.present) {
      findings.push_back(make_error("bundle.missing_package", p.entry, {{"id", p.package_id}}));
      report.packages.push_back(std::move(p));
      continue;
    }
    const auto digest = digests.find(p.entry);
    const auto verified = reports.find(p.entry);
    p.sha256_matches = digest != digests.end() && !digest->second.empty() && digest->second == text_of(item, "sha256");
    if (!p.sha256_matches) findings.push_back(make_error("bundle.package_changed", p.entry, {{"id", p.package_id}}));
    if (verified == reports.end()) {
      findings.push_back(make_error("bundle.package_compressed", p.entry));
    } else {
      p.report = verified->second;
      if (!p.report.valid) findings.push_back(make_error("bundle.package_invalid", p.entry, {{"id", p.package_id}}));
      if (p.report.readable && p.report.package_id != p.package_id) {
        findings.push_back(make_error("bundle.id_mismatch", p.entry, {{"id", p.package_id}, {"found", p.report.package_id}}));
      }
      if (key && p.report.valid) check_countersignature(p.report, *key, period, p.entry, findings);
    }
    report.packages.push_back(std::move(p));
  }
  for (const auto& [name, i] : package_entries) {
    if (!listed_entries.contains(name)) findings.push_back(make_error("bundle.unlisted_package", name));
  }
  if (report.packages.empty()) findings.push_back(make_error("bundle.no_packages", std::string(kIndex)));
  report.valid = std::none_of(findings.begin(), findings.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
  return report;
}

json to_json(const BundleReport& report, const Catalog& zh, const Catalog& en) {
  json out = {{"kind", "bundle"},
              {"valid", report.valid},
              {"readable", report.readable},
              {"unit", report.unit},
              {"created", report.created},
              {"signature", {{"present", report.signature.present}, {"valid", report.signature.valid},
                             {"key_id", report.signature.key_id}, {"fingerprint", report.signature.fingerprint},
                             {"trusted_comment", report.signature.trusted_comment}}},
              {"key_pinned", report.key_pinned},
              {"publicity", {{"state", report.publicity_state}, {"end", report.publicity_end}}},
              {"packages", json::array()},
              {"findings", findings_json(report.findings, zh, en)}};
  for (const auto& p : report.packages) {
    out["packages"].push_back({{"entry", p.entry}, {"package_id", p.package_id}, {"present", p.present},
                               {"sha256_matches", p.sha256_matches}, {"package", to_json(p.report, zh, en)}});
  }
  return out;
}

// [SECTION] The office's intake

std::size_t IntakeReport::accepted() const {
  return static_cast<std::size_t>(std::count_if(entries.begin(), entries.end(), [](const IntakeEntry& e) { return e.accepted; }));
}

IntakeReport intake_bundles(const std::vector<std::string>& paths, const BundleVerifyContext& context) {
  IntakeReport intake;
  for (const auto& path : paths) {
    auto report = verify_bundle(path, context);
    for (const auto& p : report.packages) {
      intake.entries.push_back({path, report.unit, p.package_id, p.report.organization, p.report.uscc,
                                report.valid && p.present && p.sha256_matches && p.report.valid});
    }
    intake.bundles.emplace_back(path, std::move(report));
  }
  // Across bundles: one package, one recommendation.
  std::map<std::string, std::size_t> first_with_id, first_with_uscc;
  for (std::size_t i = 0; i < intake.entries.size(); ++i) {
    auto& e = intake.entries[i];
    if (const auto [first, fresh] = first_with_id.emplace(e.package_id, i); !fresh) {
      auto& earlier = intake.entries[first->second];
      intake.findings.push_back(make_error("intake.package_in_two_bundles", e.bundle,
                                           {{"id", e.package_id}, {"first", earlier.bundle}, {"unit", e.unit}, {"first_unit", earlier.unit}}));
      e.accepted = earlier.accepted = false;
      continue;
    }
    if (e.uscc.empty()) continue;
    if (const auto [first, fresh] = first_with_uscc.emplace(e.uscc, i); !fresh) {
      // An organization applies once a year, through one unit (Article 11 (二)).
      const auto& earlier = intake.entries[first->second];
      const bool same_bundle = earlier.bundle == e.bundle;
      intake.findings.push_back(warning(same_bundle ? "intake.organization_twice" : "intake.organization_in_two_bundles", e.bundle,
                                        {{"organization", e.organization}, {"uscc", e.uscc}, {"unit", e.unit}, {"first_unit", earlier.unit},
                                         {"id", e.package_id}, {"first_id", earlier.package_id}}));
    }
  }
  return intake;
}

}  // namespace qaward
