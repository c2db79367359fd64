#include "qaward/profile.hpp"

#include <nlohmann/json.hpp>

#include "json_reader.hpp"
#include "qaward/json_text.hpp"
#include "qaward/uscc.hpp"

namespace qaward {

namespace {

using detail::JsonReader;
using nlohmann::json;

// Reads `array` as a list of records with `read` per element; a record with a
// malformed member is dropped after its error is recorded.
template <class T, class Read>
std::optional<std::vector<T>> read_list(JsonReader& r, const json& parent, const std::string& path,
                                        std::string_view key, Read read) {
  const auto* items = r.array(parent, path, key);
  if (items == nullptr) return std::nullopt;
  std::vector<T> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto item_path = path + "/" + std::string(key) + "/" + std::to_string(i);
    const auto& item = (*items)[i];
    if (!item.is_object()) {
      r.error("input.wrong_type", item_path, {{"found", detail::describe(item)}, {"expected", "{ ... }"}});
      continue;
    }
    if (auto record = read(item, item_path)) out.push_back(std::move(*record));
  }
  return out;
}

void check_credit_code(JsonReader& r, const std::string& code, const std::string& where) {
  const auto check = check_uscc(code);
  switch (check.status) {
    case UsccStatus::valid:
      break;
    case UsccStatus::bad_check_character:
      r.warning("input.uscc_bad_check", where,
                {{"found", code}, {"expected", std::string(1, check.expected_check.value_or('?'))}});
      break;
    case UsccStatus::bad_length:
      r.error("input.uscc_bad_length", where, {{"found", code}});
      break;
    case UsccStatus::bad_character:
      r.error("input.uscc_bad_character", where, {{"found", code}, {"position", std::to_string(check.position)}});
      break;
  }
}

}  // namespace

Result<Profile> parse_profile(std::string_view json_text) {
  const auto doc = parse_json(json_text);
  if (!doc.ok()) return doc.diagnostics();
  return profile_from_json(doc.value(), "");
}

Result<Profile> profile_from_json(const json& doc, const std::string& path) {
  JsonReader r;
  Profile p;
  if (!doc.is_object()) {
    r.error("input.wrong_type", path.empty() ? "/" : path, {{"found", detail::describe(doc)}, {"expected", "{ ... }"}});
    return std::move(r.diagnostics);
  }
  if (const auto format = r.string(doc, path, "format"); format && *format != kProfileFormat) {
    r.error("input.unknown_format", path + "/format", {{"found", *format}, {"expected", std::string(kProfileFormat)}});
  }
  r.unknown_members(doc, path, {"format", "organization", "declarations", "history"});

  if (const auto* org = r.object(doc, path, "organization")) {
    const auto at = path + "/organization";
    auto& o = p.organization;
    r.unknown_members(*org, at, {"name", "uscc", "kind", "registered_in_urumqi", "district", "established_on",
                                 "four_new", "sme"});
    o.name = r.string(*org, at, "name");
    o.uscc = r.string(*org, at, "uscc");
    if (o.uscc && !o.uscc->empty()) check_credit_code(r, *o.uscc, at + "/uscc");
    if (o.uscc && o.uscc->empty()) o.uscc.reset();
    o.kind = r.one_of(*org, at, "kind", {"legal_person", "unincorporated", "branch", "internal", "dispatched"});
    o.registered_in_urumqi = r.boolean(*org, at, "registered_in_urumqi");
    o.district = r.string(*org, at, "district");
    if (o.district && o.district->empty()) o.district.reset();
    o.established_on = r.date(*org, at, "established_on");
    o.four_new = r.boolean(*org, at, "four_new");
    o.sme = r.boolean(*org, at, "sme");
  }

  if (const auto* decl = r.object(doc, path, "declarations")) {
    const auto at = path + "/declarations";
    r.unknown_members(*decl, at, {"supports_policies", "quality_strategy", "quality_management_system"});
    p.declarations.supports_policies = r.boolean(*decl, at, "supports_policies");
    p.declarations.quality_strategy = r.boolean(*decl, at, "quality_strategy");
    p.declarations.quality_management_system = r.boolean(*decl, at, "quality_management_system");
  }

  if (const auto* hist = r.object(doc, path, "history")) {
    const auto at = path + "/history";
    auto& h = p.history;
    r.unknown_members(*hist, at, {"incidents", "violations", "on_business_anomaly_list",
                                  "on_serious_violation_list", "awards", "sanctions"});
    h.incidents = read_list<Incident>(r, *hist, at, "incidents", [&](const json& item, const std::string& ip) {
      r.unknown_members(item, ip, {"date", "kind", "major", "summary"});
      auto date = r.required_date(item, ip, "date");
      auto kind = r.required_one_of(item, ip, "kind", {"quality", "safety", "environment"});
      const auto major = r.boolean(item, ip, "major");
      return date && kind ? std::optional<Incident>(Incident{*date, *kind, major, r.string(item, ip, "summary").value_or("")})
                          : std::nullopt;
    });
    h.violations = read_list<Violation>(r, *hist, at, "violations", [&](const json& item, const std::string& ip) {
      r.unknown_members(item, ip, {"date", "kind", "summary"});
      auto date = r.required_date(item, ip, "date");
      auto kind = r.required_one_of(item, ip, "kind", {"illegal", "irregular", "disciplinary", "dishonesty"});
      return date && kind ? std::optional<Violation>(Violation{*date, *kind, r.string(item, ip, "summary").value_or("")})
                          : std::nullopt;
    });
    h.on_business_anomaly_list = r.boolean(*hist, at, "on_business_anomaly_list");
    h.on_serious_violation_list = r.boolean(*hist, at, "on_serious_violation_list");
    h.awards = read_list<AwardRecord>(r, *hist, at, "awards", [&](const json& item, const std::string& ip) {
      r.unknown_members(item, ip, {"award", "date", "round"});
      auto award = r.required_one_of(item, ip, "award", {"quality_award", "nomination"});
      auto date = r.required_date(item, ip, "date");
      return date && award ? std::optional<AwardRecord>(AwardRecord{*award, *date, r.string(item, ip, "round").value_or("")})
                           : std::nullopt;
    });
    h.sanctions = read_list<Sanction>(r, *hist, at, "sanctions", [&](const json& item, const std::string& ip) {
      r.unknown_members(item, ip, {"kind", "date", "summary"});
      auto kind = r.required_one_of(item, ip, "kind", {"false_materials", "improper_means"});
      auto date = r.required_date(item, ip, "date");
      return date && kind ? std::optional<Sanction>(Sanction{*kind, *date, r.string(item, ip, "summary").value_or("")})
                          : std::nullopt;
    });
  }

  if (r.has_errors()) return std::move(r.diagnostics);
  return Result<Profile>(std::move(p), std::move(r.diagnostics));
}

json to_json(const Profile& p) {
  json out = {{"format", kProfileFormat}};
  auto put = [](json& o, const char* key, const auto& value) {
    if (value) o[key] = *value;
  };
  auto put_date = [](json& o, const char* key, const std::optional<Date>& value) {
    if (value) o[key] = to_string(*value);
  };
  auto put_text = [](json& o, const char* key, const std::string& text) {
    if (!text.empty()) o[key] = text;
  };
  json org = json::object();
  put(org, "name", p.organization.name);
  put(org, "uscc", p.organization.uscc);
  put(org, "kind", p.organization.kind);
  put(org, "registered_in_urumqi", p.organization.registered_in_urumqi);
  put(org, "district", p.organization.district);
  put_date(org, "established_on", p.organization.established_on);
  put(org, "four_new", p.organization.four_new);
  put(org, "sme", p.organization.sme);
  out["organization"] = org;
  json decl = json::object();
  put(decl, "supports_policies", p.declarations.supports_policies);
  put(decl, "quality_strategy", p.declarations.quality_strategy);
  put(decl, "quality_management_system", p.declarations.quality_management_system);
  out["declarations"] = decl;
  json hist = json::object();
  const auto& h = p.history;
  if (h.incidents) {
    hist["incidents"] = json::array();
    for (const auto& i : *h.incidents) {
      json item = {{"date", to_string(i.date)}, {"kind", i.kind}};
      if (i.major) item["major"] = *i.major;
      put_text(item, "summary", i.summary);
      hist["incidents"].push_back(item);
    }
  }
  if (h.violations) {
    hist["violations"] = json::array();
    for (const auto& v : *h.violations) {
      json item = {{"date", to_string(v.date)}, {"kind", v.kind}};
      put_text(item, "summary", v.summary);
      hist["violations"].push_back(item);
    }
  }
  put(hist, "on_business_anomaly_list", h.on_business_anomaly_list);
  put(hist, "on_serious_violation_list", h.on_serious_violation_list);
  if (h.awards) {
    hist["awards"] = json::array();
    for (const auto& a : *h.awards) {
      json item = {{"award", a.award}, {"date", to_string(a.date)}};
      put_text(item, "round", a.round);
      hist["awards"].push_back(item);
    }
  }
  if (h.sanctions) {
    hist["sanctions"] = json::array();
    for (const auto& s : *h.sanctions) {
      json item = {{"kind", s.kind}, {"date", to_string(s.date)}};
      put_text(item, "summary", s.summary);
      hist["sanctions"].push_back(item);
    }
  }
  out["history"] = hist;
  return out;
}

}  // namespace qaward
