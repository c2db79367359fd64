// The package reader: untrusted input. Names, sizes and ratios are checked
// before anything is read; every read is bounded; every failure is a finding
// that says what and where. Nothing is extracted: entries are read in memory
// (tag files, capped) or streamed through the hash (payload).
#include <zip.h>

#include <algorithm>
#include <map>
#include <set>
#include <sys/stat.h>

#include "package_common.hpp"
#include "qaward/hash.hpp"
#include "qaward/package.hpp"
#include "qaward/text.hpp"

namespace qaward {

namespace {

struct Archive {
  zip_t* za = nullptr;
  ~Archive() {
    if (za != nullptr) zip_discard(za);
  }
};

struct Entry {
  zip_uint64_t index = 0;
  std::string name;  // inside the root folder
  zip_uint64_t size = 0;
};

class Reader {
 public:
  explicit Reader(VerifyReport& report) : report_(report) {}

  void error(std::string key, std::string where = {}, Params params = {}) {
    report_.findings.push_back({Severity::error, std::move(key), std::move(params), std::move(where)});
  }
  void warning(std::string key, std::string where = {}, Params params = {}) {
    report_.findings.push_back({Severity::warning, std::move(key), std::move(params), std::move(where)});
  }
  [[nodiscard]] bool has_errors() const {
    return std::any_of(report_.findings.begin(), report_.findings.end(),
                       [](const Finding& f) { return f.severity == Severity::error; });
  }

  // Streams an entry to `take` in chunks, never more than its declared size
  // (a larger stream is a lie in the headers); the CRC is checked at the end.
  template <class Take>
  bool stream(zip_t* za, const Entry& e, Take take) {
    zip_file_t* f = zip_fopen_index(za, e.index, 0);
    if (f == nullptr) {
      error("pkg.entry_unreadable", e.name, {{"detail", zip_strerror(za)}});
      return false;
    }
    std::vector<char> buffer(static_cast<std::size_t>(std::min<zip_uint64_t>(e.size + 1, detail::kIoBuffer)));
    std::uint64_t total = 0;
    zip_int64_t n = 0;
    while ((n = zip_fread(f, buffer.data(), buffer.size())) > 0) {
      total += static_cast<std::uint64_t>(n);
      if (total > e.size) break;
      take(buffer.data(), static_cast<std::size_t>(n));
    }
    const bool failed = n < 0;
    const std::string detail = failed ? zip_file_strerror(f) : "";
    zip_fclose(f);
    if (failed || total != e.size) {
      error("pkg.entry_corrupt", e.name, {{"detail", failed ? detail : "size"}});
      return false;
    }
    return true;
  }

  // A small entry read whole, at most `limit` bytes.
  std::optional<std::string> read_small(zip_t* za, const Entry& e, std::uint64_t limit) {
    if (e.size > limit) {
      error("pkg.tag_file_too_large", e.name, {{"size", std::to_string(e.size)}});
      return std::nullopt;
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(e.size));
    if (!stream(za, e, [&](const char* data, std::size_t n) { out.append(data, n); })) return std::nullopt;
    return out;
  }

  // A payload entry streamed through SHA-256.
  std::optional<Sha256Digest> hash_entry(zip_t* za, const Entry& e) {
    Sha256 h;
    if (!stream(za, e, [&](const char* data, std::size_t n) { h.update(data, n); })) return std::nullopt;
    return h.finish();
  }

 private:
  VerifyReport& report_;
};

// "hash  path" lines of a BagIt manifest.
std::optional<std::map<std::string, std::string>> parse_manifest(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    const auto space = line.find_first_of(" \t");
    if (space != 64) return std::nullopt;
    auto path = line.substr(space);
    while (!path.empty() && (path.front() == ' ' || path.front() == '\t')) path.remove_prefix(1);
    if (path.empty() || !out.emplace(std::string(path), std::string(line.substr(0, 64))).second) return std::nullopt;
  }
  return out;
}

std::map<std::string, std::string> parse_bag_info(std::string_view text) {
  std::map<std::string, std::string> out;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    out[std::string(line.substr(0, colon))] = std::string(value);
  }
  return out;
}

// A name that could escape a folder or mean something else on some system.
bool unsafe_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) return true;
  if (name.size() >= 2 && name[1] == ':') return true;  // C:
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = name.find('/', start);
    const auto part = name.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (part == ".." || part == "." || (part.empty() && end != std::string_view::npos && end + 1 != name.size() + 0 && start != 0)) return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20) return true;
  }
  return !count_code_points(name).has_value();
}

}  // namespace

VerifyReport verify_package(const std::string& path, const VerifyContext& ctx) {
  VerifyReport report;
  Reader r(report);
  Archive archive;
  int code = 0;
  archive.za = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (archive.za == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, code);
    r.error("pkg.not_a_zip", "", {{"detail", zip_error_strerror(&e)}});
    zip_error_fini(&e);
    return report;
  }
  zip_t* za = archive.za;
  const auto count = zip_get_num_entries(za, 0);
  report.entries = count < 0 ? 0 : static_cast<std::size_t>(count);
  if (count <= 0 || static_cast<std::uint64_t>(count) > ctx.limits.max_entries) {
    r.error("pkg.entry_count", "", {{"found", std::to_string(count)}, {"max", std::to_string(ctx.limits.max_entries)}});
    return report;
  }
  report.readable = true;

  // [SECTION] 1. Names, kinds, sizes: before anything is read.
  std::map<std::string, Entry> entries;  // by name inside the root
  std::set<std::string> normalized;
  std::string root;
  std::uint64_t total = 0;
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    const char* raw = zip_get_name(za, i, ZIP_FL_ENC_RAW);
    zip_stat_t st;
    if (raw == nullptr || zip_stat_index(za, i, 0, &st) != 0) {
      r.error("pkg.entry_unreadable", "#" + std::to_string(i), {{"detail", zip_strerror(za)}});
      continue;
    }
    const std::string name = raw;
    if ((st.valid & ZIP_STAT_NAME) && std::string_view(st.name).size() != name.size()) {
      r.error("pkg.unsafe_name", name);
      continue;
    }
    if (unsafe_name(name)) {
      r.error("pkg.unsafe_name", name);
      continue;
    }
    const auto normal = nfc(name);
    if (!normal || *normal != name) r.error("pkg.name_not_nfc", name);
    if (normal && !normalized.insert(*normal).second) r.error("pkg.duplicate_entry", name);
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(za, i, 0, &opsys, &attributes) == 0 && opsys == ZIP_OPSYS_UNIX &&
        ((attributes >> 16) & S_IFMT) == S_IFLNK) {
      r.error("pkg.symlink", name);
      continue;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      r.error("pkg.encrypted", name);
      continue;
    }
    if (st.size > ctx.limits.max_entry_bytes) {
      r.error("pkg.entry_too_large", name, {{"size", std::to_string(st.size)}});
      continue;
    }
    if (st.size > (1u << 20) && st.comp_size > 0 && st.size / st.comp_size > ctx.limits.max_ratio) {
      r.error("pkg.compression_ratio", name, {{"ratio", std::to_string(st.size / st.comp_size)}});
      continue;
    }
    total += st.size;
    const auto slash = name.find('/');
    const std::string top = name.substr(0, slash);
    if (root.empty()) root = top;
    if (slash == std::string::npos || top != root) {
      r.error("pkg.not_one_folder", name);
      continue;
    }
    const std::string inner = name.substr(slash + 1);
    if (inner.empty() || inner.back() == '/') continue;  // a folder entry
    entries[inner] = Entry{i, inner, st.size};
  }
  if (total > ctx.limits.max_total_bytes) r.error("pkg.too_large", "", {{"size", std::to_string(total)}});
  if (r.has_errors()) return report;  // unsafe: read nothing
  report.package_id = root;

  // [SECTION] 2. The BagIt tag files.
  // Tag files are read once each (the tag manifest checks them again).
  std::map<std::string, std::optional<std::string>> tag_texts;
  auto tag = [&](std::string_view name) -> std::optional<std::string> {
    const std::string key(name);
    if (const auto cached = tag_texts.find(key); cached != tag_texts.end()) return cached->second;
    const auto it = entries.find(key);
    if (it == entries.end()) {
      r.error("pkg.missing_file", key);
      return tag_texts[key] = std::nullopt;
    }
    return tag_texts[key] = r.read_small(za, it->second, ctx.limits.max_tag_file_bytes);
  };
  const auto bagit = tag("bagit.txt");
  if (bagit && *bagit != detail::kBagitTxt) r.error("pkg.bad_bagit_txt", "bagit.txt");
  const auto bag_info_text = tag("bag-info.txt");
  const auto manifest_text = tag(detail::kManifest);
  const auto tagmanifest_text = tag(detail::kTagManifest);
  const auto signature_text = tag(detail::kSignature);
  const auto signer_text = tag(detail::kSignerKey);
  std::map<std::string, std::string> bag_info;
  if (bag_info_text) {
    bag_info = parse_bag_info(*bag_info_text);
    report.organization = bag_info["Source-Organization"];
    report.uscc = bag_info["Organization-Credit-Code"];
    report.bagging_date = bag_info["Bagging-Date"];
    if (bag_info["External-Identifier"] != root) r.error("pkg.id_mismatch", "bag-info.txt", {{"found", bag_info["External-Identifier"]}});
  }

  // [SECTION] 3. The payload: every file listed, every listed file present, every hash.
  if (manifest_text) {
    const auto manifest = parse_manifest(*manifest_text);
    if (!manifest) {
      r.error("pkg.bad_manifest", std::string(detail::kManifest));
    } else {
      for (const auto& [name, entry] : entries) {
        if (name.rfind("data/", 0) == 0 && !manifest->count(name)) r.error("pkg.unlisted_file", name);
      }
      std::uint64_t bytes = 0;
      for (const auto& [name, expected] : *manifest) {
        const auto it = entries.find(name);
        if (name.rfind("data/", 0) != 0 || it == entries.end()) {
          r.error("pkg.listed_file_missing", name);
          continue;
        }
        bytes += it->second.size;
        const auto digest = r.hash_entry(za, it->second);
        if (digest && to_hex(*digest) != expected) r.error("pkg.hash_mismatch", name);
      }
      report.payload_bytes = bytes;
      report.payload_files = manifest->size();
      const std::string oxum = std::to_string(bytes) + "." + std::to_string(manifest->size());
      if (bag_info_text && bag_info["Payload-Oxum"] != oxum) {
        r.error("pkg.oxum_mismatch", "bag-info.txt", {{"found", bag_info["Payload-Oxum"]}, {"expected", oxum}});
      }
    }
  }

  // [SECTION] 4. The tag manifest and the signature over it.
  if (tagmanifest_text) {
    report.tagmanifest_sha256 = to_hex(Sha256::of(*tagmanifest_text));
    const auto tags = parse_manifest(*tagmanifest_text);
    if (!tags) {
      r.error("pkg.bad_manifest", std::string(detail::kTagManifest));
    } else {
      for (const char* required : {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "signer.pub"}) {
        if (!tags->count(required)) r.error("pkg.tag_not_covered", required);
      }
      for (const auto& [name, expected] : *tags) {
        if (!entries.count(name)) {
          r.error("pkg.listed_file_missing", name);
          continue;
        }
        const auto text = tag(name);
        if (text && to_hex(Sha256::of(*text)) != expected) r.error("pkg.hash_mismatch", name);
      }
    }
  }
  if (signature_text && tagmanifest_text && signer_text) {
    report.signature.present = true;
    auto embedded = parse_public_key(*signer_text);
    if (!embedded.ok()) r.error("pkg.bad_signer_key", std::string(detail::kSignerKey));
    const PublicKey* key = ctx.expected_key != nullptr ? ctx.expected_key : (embedded.ok() ? &embedded.value() : nullptr);
    if (ctx.expected_key != nullptr && embedded.ok() && embedded.value().key != ctx.expected_key->key) {
      r.error("pkg.signer_not_expected", std::string(detail::kSignerKey),
              {{"found", embedded.value().key_id_hex()}, {"expected", ctx.expected_key->key_id_hex()}});
    }
    if (key != nullptr) {
      report.signature.key_id = key->key_id_hex();
      report.signature.fingerprint = key->fingerprint();
      const auto checked = verify_minisign(*tagmanifest_text, *signature_text, *key);
      if (!checked.ok()) {
        const auto& d = checked.diagnostics().at(0);
        r.error(d.key, std::string(detail::kSignature), d.params);
      } else {
        report.signature.valid = true;
        report.signature.trusted_comment = checked.value().trusted_comment;
        const auto& comment = checked.value().trusted_comment;
        if (comment.find(root) == std::string::npos || (!report.uscc.empty() && comment.find(report.uscc) == std::string::npos)) {
          r.error("pkg.comment_mismatch", std::string(detail::kSignature), {{"found", comment}});
        }
      }
    }
  }

  // [SECTION] 5. The application: eligibility run again, the publicity period.
  const auto app_it = entries.find(std::string(detail::kApplication));
  std::optional<std::string> app_text;
  if (app_it != entries.end()) app_text = r.read_small(za, app_it->second, ctx.limits.max_tag_file_bytes * 4);
  else r.error("pkg.missing_file", std::string(detail::kApplication));
  if (app_text) {
    const auto app = nlohmann::json::parse(*app_text, nullptr, false);
    if (app.is_discarded() || !app.is_object()) {
      r.error("pkg.bad_application", std::string(detail::kApplication));
    } else {
      const auto eligibility = app.value("eligibility", nlohmann::json::object());
      report.edition = eligibility.is_object() ? eligibility.value("edition", "") : "";
      report.recorded_eligibility = eligibility.is_object() ? eligibility.value("outcome", "") : "";
      report.forced = eligibility.is_object() && eligibility.value("forced", false);
      const auto date = parse_date(eligibility.is_object() ? eligibility.value("date", "") : "");
      auto profile = profile_from_json(app.value("profile", nlohmann::json::object()), "/profile");
      auto rules = load_edition(report.edition, ctx.editions);
      if (!rules.ok()) {
        r.warning("pkg.unknown_edition", std::string(detail::kApplication), {{"edition", report.edition}});
      } else if (!profile.ok() || !date) {
        r.error("pkg.bad_application", std::string(detail::kApplication));
      } else {
        const auto rerun = evaluate_eligibility(profile.value(), rules.value(), *date);
        report.rerun_eligibility = rerun.ok() ? to_string(rerun.value().outcome) : "error";
        if (report.rerun_eligibility != report.recorded_eligibility) {
          r.error("pkg.eligibility_differs", std::string(detail::kApplication),
                  {{"recorded", report.recorded_eligibility}, {"rerun", report.rerun_eligibility}});
        }
        if (report.rerun_eligibility == "not_eligible") r.warning("pkg.not_eligible_inside", "", {{"forced", report.forced ? "true" : "false"}});
        if (profile.value().organization.uscc.value_or("") != report.uscc) {
          r.error("pkg.identity_differs", std::string(detail::kApplication));
        }
        // The publicity period against the calendar: complete before packaging?
        report.publicity_state = "missing";
        if (app.contains("publicity") && ctx.calendar != nullptr) {
          auto record = publicity_record_from_json(app["publicity"], "/publicity");
          const auto created = parse_datetime(app.value("created", ""));
          if (record.ok() && record.value().posted_at && created) {
            PublicityOptions options;
            options.working_days = rules.value().procedure.publicity_working_days;
            options.posting_day_counts = record.value().posting_day_counts;
            options.close_of_business = record.value().close_of_business;
            options.region = record.value().region;
            const auto period = compute_publicity(*ctx.calendar, *record.value().posted_at, options);
            report.publicity_end = to_iso(period.end);
            report.publicity_state = *created >= period.end ? "complete" : "not_complete";
            if (report.publicity_state == "not_complete") {
              r.warning("pkg.publicity_not_complete", "", {{"end", report.publicity_end}, {"created", to_iso(*created)}});
            }
          }
        }
        if (report.publicity_state == "missing") r.warning("pkg.publicity_missing");
      }
      for (const auto& a : app.value("attachments", nlohmann::json::array())) {
        if (a.is_object() && a.value("trade_secret", false)) report.trade_secret_files.push_back(a.value("file", ""));
      }
      const auto summary = app.value("assessment_summary", nlohmann::json::object());
      if (summary.is_object() && summary.contains("total") && summary["total"].is_number()) {
        report.assessment_total = summary["total"].get<double>();
      }
    }
  }

  // [SECTION] 6. A district office's countersignature, if any.
  if (entries.count(std::string(detail::kRecommendation))) {
    Countersignature cs;
    cs.signature.present = true;
    const auto text = tag(detail::kRecommendation);
    const auto sig = tag(detail::kRecommendationSig);
    const auto key_text = tag(detail::kOfficeKey);
    if (text && sig && key_text) {
      const auto doc = nlohmann::json::parse(*text, nullptr, false);
      auto key = parse_public_key(*key_text);
      if (doc.is_discarded() || !doc.is_object() || !key.ok()) {
        r.error("pkg.bad_recommendation", std::string(detail::kRecommendation));
      } else {
        cs.unit = doc.value("unit", "");
        cs.opinion = doc.value("opinion", "");
        cs.date = doc.value("date", "");
        cs.binds_applicant = doc.value("applicant_tagmanifest_sha256", "") == report.tagmanifest_sha256;
        cs.signature.key_id = key.value().key_id_hex();
        cs.signature.fingerprint = key.value().fingerprint();
        const auto checked = verify_minisign(*text, *sig, key.value());
        cs.signature.valid = checked.ok();
        if (!checked.ok()) r.error(checked.diagnostics().at(0).key, std::string(detail::kRecommendationSig));
        if (!cs.binds_applicant) r.error("pkg.recommendation_unbound", std::string(detail::kRecommendation));
      }
    }
    report.countersignatures.push_back(cs);
  }
  report.valid = !r.has_errors();
  return report;
}

nlohmann::json to_json(const VerifyReport& report, const Catalog& zh, const Catalog& en) {
  auto signature = [](const SignatureReport& s) {
    return nlohmann::json{{"present", s.present}, {"valid", s.valid}, {"key_id", s.key_id},
                          {"fingerprint", s.fingerprint}, {"trusted_comment", s.trusted_comment}};
  };
  nlohmann::json out = {{"valid", report.valid},
                        {"readable", report.readable},
                        {"package_id", report.package_id},
                        {"organization", report.organization},
                        {"uscc", report.uscc},
                        {"bagging_date", report.bagging_date},
                        {"entries", report.entries},
                        {"payload", {{"bytes", report.payload_bytes}, {"files", report.payload_files}}},
                        {"signature", signature(report.signature)},
                        {"eligibility", {{"edition", report.edition}, {"recorded", report.recorded_eligibility},
                                         {"rerun", report.rerun_eligibility}, {"forced", report.forced}}},
                        {"publicity", {{"state", report.publicity_state}, {"end", report.publicity_end}}},
                        {"trade_secret_files", report.trade_secret_files},
                        {"tagmanifest_sha256", report.tagmanifest_sha256},
                        {"countersignatures", nlohmann::json::array()},
                        {"findings", nlohmann::json::array()}};
  out["assessment_total"] = report.assessment_total ? nlohmann::json(*report.assessment_total) : nlohmann::json(nullptr);
  for (const auto& c : report.countersignatures) {
    out["countersignatures"].push_back({{"unit", c.unit}, {"opinion", c.opinion}, {"date", c.date},
                                        {"binds_applicant", c.binds_applicant}, {"signature", signature(c.signature)}});
  }
  for (const auto& f : report.findings) {
    Params params = f.params;
    params["where"] = f.where;
    out["findings"].push_back({{"severity", f.severity == Severity::error ? "error" : "warning"}, {"key", f.key},
                               {"where", f.where}, {"params", f.params},
                               {"message", {{"zh", zh.text(f.key, params)}, {"en", en.text(f.key, params)}}}});
  }
  return out;
}

VerifyReport verify_report_from_json(const nlohmann::json& j) {
  VerifyReport r;
  if (!j.is_object()) return r;
  auto text = [](const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
  };
  auto flag = [](const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_boolean() && o[key].get<bool>();
  };
  auto object = [](const nlohmann::json& o, const char* key) {
    return o.is_object() && o.contains(key) && o[key].is_object() ? o[key] : nlohmann::json::object();
  };
  auto number = [](const nlohmann::json& o, const char* key) -> std::uint64_t {
    return o.is_object() && o.contains(key) && o[key].is_number_unsigned() ? o[key].get<std::uint64_t>() : 0;
  };
  auto signature = [&](const nlohmann::json& o) {
    return SignatureReport{flag(o, "present"), flag(o, "valid"), text(o, "key_id"), text(o, "fingerprint"),
                           text(o, "trusted_comment")};
  };
  r.valid = flag(j, "valid");
  r.readable = flag(j, "readable");
  r.package_id = text(j, "package_id");
  r.organization = text(j, "organization");
  r.uscc = text(j, "uscc");
  r.bagging_date = text(j, "bagging_date");
  r.entries = static_cast<std::size_t>(number(j, "entries"));
  r.payload_bytes = number(object(j, "payload"), "bytes");
  r.payload_files = static_cast<std::size_t>(number(object(j, "payload"), "files"));
  r.signature = signature(object(j, "signature"));
  const auto eligibility = object(j, "eligibility");
  r.edition = text(eligibility, "edition");
  r.recorded_eligibility = text(eligibility, "recorded");
  r.rerun_eligibility = text(eligibility, "rerun");
  r.forced = flag(eligibility, "forced");
  r.publicity_state = text(object(j, "publicity"), "state");
  r.publicity_end = text(object(j, "publicity"), "end");
  r.tagmanifest_sha256 = text(j, "tagmanifest_sha256");
  if (j.contains("assessment_total") && j["assessment_total"].is_number()) r.assessment_total = j["assessment_total"].get<double>();
  if (j.contains("trade_secret_files") && j["trade_secret_files"].is_array()) {
    for (const auto& f : j["trade_secret_files"]) {
      if (f.is_string()) r.trade_secret_files.push_back(f.get<std::string>());
    }
  }
  if (j.contains("countersignatures") && j["countersignatures"].is_array()) {
    for (const auto& c : j["countersignatures"]) {
      r.countersignatures.push_back(Countersignature{signature(object(c, "signature")), text(c, "unit"), text(c, "opinion"),
                                                     text(c, "date"), flag(c, "binds_applicant")});
    }
  }
  if (j.contains("findings") && j["findings"].is_array()) {
    for (const auto& f : j["findings"]) {
      Finding finding;
      finding.severity = text(f, "severity") == "warning" ? Severity::warning : Severity::error;
      finding.key = text(f, "key");
      finding.where = text(f, "where");
      if (f.is_object() && f.contains("params") && f["params"].is_object()) {
        for (const auto& [k, v] : f["params"].items()) {
          if (v.is_string()) finding.params[k] = v.get<std::string>();
        }
      }
      r.findings.push_back(std::move(finding));
    }
  }
  return r;
}

namespace {

Result<std::string> countersign_to(const std::string& in_path, const detail::Output& target,
                                   const CountersignRequest& request, const VerifyContext& context) {
  const auto report = verify_package(in_path, context);
  if (!report.valid) return std::vector{make_error("pkg.countersign_invalid", "", {{"file", in_path}})};
  if (!report.countersignatures.empty()) return std::vector{make_error("pkg.already_countersigned", "", {{"file", in_path}})};
  Archive in;
  int code = 0;
  in.za = zip_open(in_path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (in.za == nullptr) return std::vector{make_error("pkg.not_a_zip", "", {{"detail", in_path}})};
  zip_t* out = detail::open_output(target);
  if (out == nullptr) return std::vector{make_error("pkg.cannot_write", "", {{"file", target.name()}})};
  const auto mtime = static_cast<time_t>(detail::zip_time(request.now));
  const std::string root = report.package_id + "/";
  bool failed = false;
  const auto count = zip_get_num_entries(in.za, 0);
  for (zip_int64_t i = 0; i < count && !failed; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    zip_stat_index(in.za, index, 0, &st);
    zip_source_t* source = zip_source_zip(out, in.za, index, 0, 0, -1);
    const auto added = source ? zip_file_add(out, zip_get_name(in.za, index, ZIP_FL_ENC_RAW), source, ZIP_FL_ENC_UTF_8) : -1;
    if (added < 0) {
      if (source) zip_source_free(source);
      failed = true;
      break;
    }
    const auto a = static_cast<zip_uint64_t>(added);
    zip_set_file_compression(out, a, ZIP_CM_STORE, 0);
    zip_file_set_mtime(out, a, st.mtime, 0);
    zip_file_set_external_attributes(out, a, 0, ZIP_OPSYS_UNIX, 0100644u << 16);
  }
  const nlohmann::json recommendation = {{"format", "qaward-recommendation/1"},
                                         {"package_id", report.package_id},
                                         {"organization", report.organization},
                                         {"uscc", report.uscc},
                                         {"unit", request.unit},
                                         {"opinion", request.opinion},
                                         {"date", to_iso(request.now)},
                                         {"applicant_key_id", report.signature.key_id},
                                         {"applicant_tagmanifest_sha256", report.tagmanifest_sha256},
                                         {"article", "《乌鲁木齐市人民政府质量奖管理办法》第十一条第（三）项：审核推荐意见"}};
  const std::string text = recommendation.dump(2) + "\n";
  const std::string sig = sign_minisign(text, *request.key,
                                        "qaward recommendation " + report.package_id + " by " + request.unit + " time " + to_iso(request.now));
  const std::string office = public_key_file(request.key->public_key);
  // zip_source_buffer does not copy: the strings live until zip_close below.
  for (const auto& [name, content] : {std::pair<std::string_view, const std::string*>{detail::kRecommendation, &text},
                                      {detail::kRecommendationSig, &sig}, {detail::kOfficeKey, &office}}) {
    if (failed) break;
    zip_source_t* source = zip_source_buffer(out, content->data(), content->size(), 0);
    const auto added = source ? zip_file_add(out, (root + std::string(name)).c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (added < 0) {
      if (source) zip_source_free(source);
      failed = true;
      break;
    }
    zip_set_file_compression(out, static_cast<zip_uint64_t>(added), ZIP_CM_STORE, 0);
    zip_file_set_mtime(out, static_cast<zip_uint64_t>(added), mtime, 0);
    zip_file_set_external_attributes(out, static_cast<zip_uint64_t>(added), 0, ZIP_OPSYS_UNIX, 0100644u << 16);
  }
  if (failed || zip_close(out) != 0) {
    detail::discard_output(out, target);
    return std::vector{make_error("pkg.write_failed", "", {{"file", target.name()}, {"detail", "libzip"}})};
  }
  return report.package_id;
}

}  // namespace

Result<std::string> countersign_package(const std::string& in_path, const std::string& out_path,
                                        const CountersignRequest& request, const VerifyContext& context) {
  return countersign_to(in_path, detail::Output{out_path}, request, context);
}

Result<std::string> countersign_package(const std::string& in_path, PackageSink& out, const CountersignRequest& request,
                                        const VerifyContext& context) {
  return countersign_to(in_path, detail::Output{"", &out}, request, context);
}

}  // namespace qaward
