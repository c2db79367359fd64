#include "publicity_documents.hpp"

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "editions.hpp"
#include "qaward/district.hpp"
#include "qaward/documents.hpp"
#include "qaward/json_text.hpp"
#include "qaward/profile.hpp"
#include "qaward/publicity.hpp"
#include "shipped_calendar.hpp"
#include "templates.hpp"

namespace qaward {

namespace {

std::string or_blank(const std::string& s) { return s.empty() ? std::string("＿＿＿＿＿＿") : s; }

// What every publicity notice says of its period, its place and whom to
// write to, from the record and the period computed from it.
Params period_values(const PublicityRecord& r, const PublicityPeriod& period) {
  return {
      {"first_day", chinese_date(period.first_day)},
      {"end", chinese_end_time(period)},
      {"days", std::to_string(period.options.working_days)},
      {"where", or_blank(r.where)},
      {"department", or_blank(r.department)},
      {"person", or_blank(r.person)},
      {"phone", or_blank(r.phone)},
      {"posted_on", chinese_date(r.posted_at->date)},
      {"region", r.region == Region::xinjiang ? "新疆维吾尔自治区" : "全国"},
      {"posting_rule", r.posting_day_counts ? "发布当日计入" : "发布当日不计入"},
      {"end_rule", r.close_of_business ? "至下班时间止" : "至24时止"},
  };
}

}  // namespace

std::string objections_html(const PublicityRecord& record) {
  if (record.objections.empty()) return render_template("parts/no-objections.html", {});
  std::string rows;
  for (const auto& o : record.objections) {
    rows += render_template("parts/objection-row.html",
                            {{"received", chinese_date(o.received_on)},
                             {"from", o.from},
                             {"summary", o.summary},
                             {"resolution", o.resolution.empty() ? std::string("（尚未处理完毕）") : o.resolution}});
  }
  return render_template("parts/objections.html", {{"count", std::to_string(record.objections.size())}}, {{"rows", rows}});
}

Result<std::string> render_publicity_document(PublicityDocument document, std::string_view draft_json,
                                              const DateTime& now, std::string_view edition) {
  const auto parsed = parse_json(draft_json);
  if (!parsed.ok()) return parsed.diagnostics();
  const auto& doc = parsed.value();
  if (!doc.is_object()) return std::vector{make_error("input.invalid_json")};
  const auto profile_it = doc.find("profile");
  auto profile = profile_from_json(profile_it != doc.end() ? *profile_it : nlohmann::json::object(), "/profile");
  if (!profile.ok()) return profile.diagnostics();
  const auto publicity_it = doc.find("publicity");
  if (publicity_it == doc.end()) return std::vector{make_error("input.missing_field", "/publicity", {{"expected", "{ \"posted_at\": ... }"}})};
  auto record = publicity_record_from_json(*publicity_it, "/publicity");
  if (!record.ok()) return record.diagnostics();
  const auto& r = record.value();
  if (!r.posted_at) return std::vector{make_error("input.missing_field", "/publicity/posted_at", {{"expected", "2026-03-06T15:00"}})};
  const auto& org = profile.value().organization;
  if (!org.name) return std::vector{make_error("input.missing_field", "/profile/organization/name", {{"expected", "\"text\""}})};

  const auto rules = load_shipped_edition(edition);
  if (!rules.ok()) return rules.diagnostics();
  const auto& calendar = shipped_calendar();
  if (!calendar.ok()) return calendar.diagnostics();
  const auto options = options_of(r, rules.value().procedure.publicity_working_days);
  const auto period = compute_publicity(calendar.value(), *r.posted_at, options);

  Params values = period_values(r, period);
  values["org_name"] = *org.name;
  values["uscc"] = org.uscc.value_or("＿＿＿＿＿＿＿＿＿＿");
  values["today"] = chinese_date(now.date);
  values["citation"] = rules.value().cite_zh(rules.value().procedure.publicity_citation);
  // Posted for the public: the caveat that some working days are estimates is
  // for the applicant (a warning here, on screen in the page), not the notice.
  std::vector<Diagnostic> warnings;
  if (period.estimated) {
    warnings.push_back({Severity::warning, "pub.document_estimated", {{"end", chinese_end_time(period)}}, "/publicity/posted_at"});
  }
  Params markup = {{"draft_banner", ""}, {"objections", ""}};
  if (document == PublicityDocument::notice) return {render_template("notice.html", values, markup), warnings};
  // The statement (公示情况说明) may be made only once the period is over.
  if (now < period.end) markup["draft_banner"] = render_template("parts/draft-banner.html", {{"end", chinese_end_time(period)}});
  markup["objections"] = objections_html(r);
  return {render_template("statement.html", values, markup), warnings};
}

Result<std::string> render_district_notice(const DistrictWorkspace& workspace, const DistrictStatus& status,
                                           const RuleSet& rules) {
  if (status.stage == DistrictStage::deciding) {
    std::vector<Diagnostic> errors;
    std::copy_if(status.problems.begin(), status.problems.end(), std::back_inserter(errors),
                 [](const Diagnostic& d) { return d.severity == Severity::error; });
    return errors;
  }
  const auto& r = workspace.publicity;
  if (!status.period) return std::vector{make_error("input.missing_field", "/publicity/posted_at", {{"expected", "2026-03-17T09:00"}})};
  std::string rows;
  int number = 0;
  for (const auto i : status.recommended) {
    const auto& c = workspace.cases[i];
    rows += render_template("parts/district-notice-row.html",
                            {{"number", std::to_string(++number)}, {"organization", c.organization}, {"uscc", c.uscc}});
  }
  Params values = period_values(r, *status.period);
  values["unit"] = workspace.unit;
  values["count"] = std::to_string(number);
  values["citation"] = rules.cite_zh(rules.procedure.review_citation);
  std::vector<Diagnostic> warnings;
  if (status.period->estimated) {
    warnings.push_back({Severity::warning, "pub.document_estimated", {{"end", chinese_end_time(*status.period)}}, "/publicity/posted_at"});
  }
  return {render_template("district-notice.html", values, {{"rows", rows}}), warnings};
}

}  // namespace qaward
