#include "qaward/district.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "json_reader.hpp"
#include "qaward/json_text.hpp"
#include "qaward/timeline.hpp"

namespace qaward {

const char* to_string(Decision decision) {
  switch (decision) {
    case Decision::recommend: return "recommend";
    case Decision::not_recommend: return "not_recommend";
    case Decision::pending: break;
  }
  return "pending";
}

const char* to_string(ListCheck check) {
  switch (check) {
    case ListCheck::business_anomaly: return "business_anomaly";
    case ListCheck::serious_violation: return "serious_violation";
    case ListCheck::departments: break;
  }
  return "departments";
}

const char* to_string(DistrictStage stage) {
  switch (stage) {
    case DistrictStage::ready_to_post: return "ready_to_post";
    case DistrictStage::publicity: return "publicity";
    case DistrictStage::objections: return "objections";
    case DistrictStage::ready_to_countersign: return "ready_to_countersign";
    case DistrictStage::deciding: break;
  }
  return "deciding";
}

const DistrictCase* DistrictWorkspace::find(std::string_view package_id) const {
  const auto it = std::find_if(cases.begin(), cases.end(), [&](const DistrictCase& c) { return c.package_id == package_id; });
  return it == cases.end() ? nullptr : &*it;
}

nlohmann::json to_json(const DistrictCase& c) {
  nlohmann::json checks = nlohmann::json::object();
  for (const auto which : kListChecks) {
    const auto& check = c.check(which);
    nlohmann::json entry = {{"by", check.by}, {"result", check.result}};
    if (check.at) entry["at"] = to_iso(*check.at);
    checks[to_string(which)] = std::move(entry);
  }
  return {{"package_id", c.package_id}, {"file", c.file},     {"organization", c.organization}, {"uscc", c.uscc},
          {"decision", to_string(c.decision)}, {"reasons", c.reasons}, {"checks", std::move(checks)}};
}

nlohmann::json to_json(const DistrictWorkspace& workspace) {
  nlohmann::json cases = nlohmann::json::array();
  for (const auto& c : workspace.cases) cases.push_back(to_json(c));
  return {{"format", kDistrictFormat},
          {"unit", workspace.unit},
          {"reviewer", workspace.reviewer},
          {"cases", std::move(cases)},
          {"publicity", to_json(workspace.publicity)}};
}

Result<DistrictWorkspace> district_workspace_from_json(const nlohmann::json& value) {
  detail::JsonReader r;
  DistrictWorkspace workspace;
  if (!value.is_object()) {
    r.error("input.wrong_type", "", {{"found", detail::describe(value)}, {"expected", "{ \"format\": \"qaward-district/1\", ... }"}});
    return std::move(r.diagnostics);
  }
  r.unknown_members(value, "", {"format", "unit", "reviewer", "cases", "publicity"});
  if (r.required_one_of(value, "", "format", {kDistrictFormat})) {
    workspace.unit = r.string(value, "", "unit").value_or("");
    workspace.reviewer = r.string(value, "", "reviewer").value_or("");
  }
  if (const auto* list = r.array(value, "", "cases")) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto at = "/cases/" + std::to_string(i);
      const auto& item = (*list)[i];
      if (!item.is_object()) {
        r.error("input.wrong_type", at, {{"found", detail::describe(item)}, {"expected", "{ \"package_id\": ... }"}});
        continue;
      }
      r.unknown_members(item, at, {"package_id", "file", "organization", "uscc", "decision", "reasons", "checks"});
      DistrictCase c;
      c.package_id = r.string(item, at, "package_id").value_or("");
      if (c.package_id.empty()) r.error("input.missing_field", at + "/package_id", {{"expected", "\"QA-…\""}});
      else if (!ids.insert(c.package_id).second) r.error("district.duplicate_case", at + "/package_id", {{"id", c.package_id}});
      c.file = r.string(item, at, "file").value_or("");
      c.organization = r.string(item, at, "organization").value_or("");
      c.uscc = r.string(item, at, "uscc").value_or("");
      const auto decision = r.one_of(item, at, "decision", {"pending", "recommend", "not_recommend"}).value_or("pending");
      c.decision = decision == "recommend" ? Decision::recommend
                   : decision == "not_recommend" ? Decision::not_recommend
                                                 : Decision::pending;
      c.reasons = r.string(item, at, "reasons").value_or("");
      if (const auto* checks = r.object(item, at, "checks")) {
        r.unknown_members(*checks, at + "/checks", {"business_anomaly", "serious_violation", "departments"});
        for (const auto which : kListChecks) {
          const auto check_at = at + "/checks/" + to_string(which);
          const auto* entry = r.object(*checks, at + "/checks", to_string(which));
          if (entry == nullptr) continue;
          r.unknown_members(*entry, check_at, {"by", "at", "result"});
          auto& check = c.check(which);
          check.by = r.string(*entry, check_at, "by").value_or("");
          check.result = r.string(*entry, check_at, "result").value_or("");
          if (const auto text = r.string(*entry, check_at, "at")) {
            check.at = parse_datetime(*text);
            if (!check.at) r.error("input.bad_datetime", check_at + "/at", {{"found", *text}});
          }
        }
      }
      workspace.cases.push_back(std::move(c));
    }
  }
  if (const auto* publicity = r.member(value, "publicity")) {
    auto record = publicity_record_from_json(*publicity, "/publicity");
    for (auto& d : record.diagnostics()) r.diagnostics.push_back(d);
    if (record.ok()) workspace.publicity = std::move(record).value();
  }
  if (r.has_errors()) return std::move(r.diagnostics);
  return {std::move(workspace), std::move(r.diagnostics)};
}

Result<DistrictWorkspace> parse_district_workspace(std::string_view text) {
  const auto parsed = parse_json(text);
  if (!parsed.ok()) return parsed.diagnostics();
  return district_workspace_from_json(parsed.value());
}

namespace {

// What keeps one case from being published (Article 11 (三)): a
// recommendation needs the three checks, done before the posting, and its
// opinion; a refusal needs its reasons; a pending case is only said.
void case_problems(const DistrictCase& c, std::size_t i, const std::optional<DateTime>& posted, std::vector<Diagnostic>& out) {
  const auto at = "/cases/" + std::to_string(i);
  const std::string name = c.organization.empty() ? c.file : c.organization;
  if (c.decision == Decision::pending) {
    out.push_back({Severity::warning, "district.undecided", {{"organization", name}}, at + "/decision"});
    return;
  }
  if (c.reasons.empty()) {
    out.push_back(make_error(c.decision == Decision::recommend ? "district.no_opinion" : "district.no_reasons",
                             at + "/reasons", {{"organization", name}}));
  }
  if (c.decision != Decision::recommend) return;
  for (const auto which : kListChecks) {
    const auto& check = c.check(which);
    const auto where = at + "/checks/" + to_string(which);
    if (!check.done()) {
      out.push_back(make_error("district.check_missing", where, {{"organization", name}, {"check", to_string(which)}}));
    } else if (posted && *posted < *check.at) {
      auto params = instant_params("at", *check.at);
      params.merge(instant_params("posted", *posted));
      params["check"] = to_string(which);  // shown by the catalog's "check.<name>"
      params["organization"] = name;
      out.push_back(make_error("district.check_after_posting", where, std::move(params)));
    }
  }
}

}  // namespace

DistrictStatus district_status(const DistrictWorkspace& workspace, const Calendar& calendar, const Procedure& procedure,
                               const DateTime& now) {
  DistrictStatus status;
  auto& problems = status.problems;
  if (workspace.unit.empty()) problems.push_back(make_error("district.no_unit", "/unit"));
  const auto& record = workspace.publicity;
  for (std::size_t i = 0; i < workspace.cases.size(); ++i) {
    case_problems(workspace.cases[i], i, record.posted_at, problems);
    if (workspace.cases[i].decision == Decision::recommend) status.recommended.push_back(i);
  }
  if (status.recommended.empty()) problems.push_back(make_error("district.none_recommended", "/cases"));
  const bool decided = std::none_of(problems.begin(), problems.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
  if (!decided) return status;
  status.stage = DistrictStage::ready_to_post;
  if (!record.posted_at) return status;
  status.period = compute_publicity(calendar, *record.posted_at, options_of(record, procedure.publicity_working_days));
  status.publicity = publicity_status(calendar, *status.period, now);
  status.open_objections = open_objections(record, now.date);
  if (status.publicity.state != PublicityState::complete) {
    status.stage = DistrictStage::publicity;
    problems.push_back(make_error("district.publicity_not_over", "/publicity/posted_at", instant_params("end", status.period->end)));
  } else if (!status.open_objections.empty()) {
    status.stage = DistrictStage::objections;
    for (const auto number : status.open_objections) {
      problems.push_back(make_error("district.objection_open", "/publicity/objections/" + std::to_string(number - 1),
                                    {{"n", std::to_string(number)}}));
    }
  } else {
    status.stage = DistrictStage::ready_to_countersign;
  }
  return status;
}

}  // namespace qaward
