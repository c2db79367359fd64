#include "intake_documents.hpp"

#include "catalogs.hpp"
#include "editions.hpp"
#include "package_support.hpp"
#include "shipped_calendar.hpp"
#include "templates.hpp"
#include "qaward/documents.hpp"
#include "qaward/i18n.hpp"
#include "qaward/json_text.hpp"
#include "qaward/version.hpp"

namespace qaward {

namespace {

const RuleSet* default_rules() {
  const auto& shipped = shipped_editions();
  return shipped.ok() ? &shipped.value().default_rules() : nullptr;
}

// Why an entry was not accepted, in Chinese: the first error of its bundle,
// of the package itself, or of the intake naming it.
std::string why_not(const IntakeReport& intake, const IntakeEntry& e) {
  if (e.accepted) return {};
  const Catalog& t = catalog(Language::zh);
  const auto first_error = [&](const std::vector<Diagnostic>& findings, const std::string& where) -> std::string {
    for (const auto& f : findings) {
      if (f.severity != Severity::error || (!where.empty() && f.where != where && f.where.find(e.package_id) == std::string::npos)) continue;
      return t.sentence(f);
    }
    return {};
  };
  for (const auto& f : intake.findings) {
    if (f.severity == Severity::error && f.params.count("id") && f.params.at("id") == e.package_id) return t.sentence(f);
  }
  for (const auto& [file, report] : intake.bundles) {
    if (file != e.bundle) continue;
    for (const auto& p : report.packages) {
      if (p.package_id != e.package_id) continue;
      if (auto own = first_error(p.report.findings, ""); !own.empty()) return own;
    }
    if (auto here = first_error(report.findings, "packages/" + e.package_id + ".zip"); !here.empty()) return here;
    if (auto any = first_error(report.findings, ""); !any.empty()) return any;
  }
  return t.text("intake.not_accepted");
}

}  // namespace

std::string acceptance_list_html(const IntakeReport& intake, const std::optional<DateTime>& posted) {
  const RuleSet* rules = default_rules();
  const int days = rules ? rules->procedure.publicity_working_days : 5;
  std::string citation = "第十一条第（四）项";
  if (rules) {
    for (const auto& stage : rules->procedure.stages) {
      if (stage.number == "四") citation = rules->cite_zh({stage.citation, stage.citation});
    }
  }
  std::string rows;
  int number = 0;
  for (const auto& e : intake.entries) {
    if (!e.accepted) continue;
    rows += render_template("parts/acceptance-row.html", {{"number", std::to_string(++number)}, {"organization", e.organization},
                                                          {"uscc", e.uscc}, {"unit", e.unit}});
  }
  const Params period_params = {{"days", std::to_string(days)}, {"publicity_citation", citation}};
  std::string period = render_template("parts/acceptance-period-open.html", period_params);
  const auto& calendar = shipped_calendar();
  if (posted && calendar.ok()) {
    PublicityOptions options;
    options.working_days = days;
    const auto p = compute_publicity(calendar.value(), *posted, options);
    Params params = period_params;
    params["start"] = chinese_date_time(p.posted);
    params["end"] = chinese_end_time(p);
    period = render_template("parts/acceptance-period.html", params);
  }
  return render_template("acceptance-list.html",
                         {{"citation", citation},
                          {"accepted", std::to_string(intake.accepted())},
                          {"objection_citation", rules ? rules->cite_zh(rules->procedure.objection_citation) : "第十二条"},
                          {"version", std::string(version())},
                          {"edition", rules ? rules->edition : ""},
                          {"bundles", std::to_string(intake.bundles.size())},
                          {"packages", std::to_string(intake.entries.size())}},
                         {{"rows", rows}, {"period", period}});
}

std::string intake_csv(const IntakeReport& intake) {
  std::vector<std::vector<std::string>> rows = {{"汇总包", "推荐单位", "申报包编号", "申报组织", "统一社会信用代码", "结论", "原因"}};
  for (const auto& e : intake.entries) {
    rows.push_back({e.bundle, e.unit, e.package_id, e.organization, e.uscc, e.accepted ? "受理" : "不受理", why_not(intake, e)});
  }
  return csv_document(rows);
}

nlohmann::json intake_json(const IntakeReport& intake) {
  const Catalog& zh = catalog(Language::zh);
  const Catalog& en = catalog(Language::en);
  nlohmann::json out = {{"accepted", intake.accepted()}, {"bundles", nlohmann::json::array()}, {"entries", nlohmann::json::array()},
                        {"findings", findings_json(intake.findings, zh, en)}};
  for (const auto& [file, report] : intake.bundles) {
    auto bundle = to_json(report, zh, en);
    bundle["file"] = file;
    out["bundles"].push_back(std::move(bundle));
  }
  for (const auto& e : intake.entries) {
    out["entries"].push_back({{"bundle", e.bundle}, {"unit", e.unit}, {"package_id", e.package_id}, {"organization", e.organization},
                              {"uscc", e.uscc}, {"accepted", e.accepted}, {"reason", why_not(intake, e)}});
  }
  return out;
}

}  // namespace qaward
