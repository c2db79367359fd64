#include "application_document.hpp"

#include <cstdio>

#include "assessment_bridge.hpp"
#include "catalogs.hpp"
#include "publicity_documents.hpp"
#include "qaward/text.hpp"
#include "qaward/version.hpp"
#include "templates.hpp"

namespace qaward {

namespace {

std::string yes_no(const std::optional<bool>& answer, const Catalog& t) {
  return answer ? t.text(*answer ? "ui.yes" : "ui.no") : t.text("ui.unanswered");
}

std::string profile_rows(const Profile& profile, const Catalog& t) {
  const auto& o = profile.organization;
  const std::pair<const char*, std::string> facts[] = {
      {"profile.kind", o.kind ? t.text("kind." + *o.kind) : t.text("ui.unanswered")},
      {"profile.registered", yes_no(o.registered_in_urumqi, t)},
      {"profile.district", o.district ? t.text("district." + *o.district) : t.text("ui.unanswered")},
      {"profile.established_on", o.established_on ? chinese_date(*o.established_on) : t.text("ui.unanswered")},
      {"profile.four_new", yes_no(o.four_new, t)},
      {"profile.sme", yes_no(o.sme, t)},
  };
  std::string rows;
  for (const auto& [label, value] : facts) rows += render_template("parts/application-fact.html", {{"label", t.text(label)}, {"value", value}});
  return rows;
}

std::string check_rows(const std::vector<CheckResult>& checks, const Catalog& t, bool notes) {
  std::string rows;
  for (const auto& c : checks) {
    const std::string next = c.next_key.empty() ? "" : render_template("parts/application-next.html", {{"next", t.text(c.next_key, c.values)}});
    rows += render_template("parts/application-check.html",
                            {{"citation", c.rule->citation.zh},
                             {"outcome", notes ? t.text("cli.elig.mark.note") : t.text(std::string("ui.mark.") + to_string(c.outcome))},
                             {"message", t.text(c.message_key, c.values)}},
                            {{"next", next}});
  }
  return rows;
}

std::string text_block(const std::string& text) {
  return text.empty() ? render_template("parts/application-empty-text.html", {})
                      : render_template("parts/application-text.html", {{"text", text}});
}

std::string assessment_section(const PackageRequest& r) {
  if (!r.draft->assessment || r.criteria == nullptr) return render_template("parts/application-no-assessment.html", {});
  const auto& a = *r.draft->assessment;
  const auto& criteria = *r.criteria;
  const auto summary = summarize(a, criteria);
  return render_template("parts/application-assessment.html",
                         {{"total", format_points(summary.total_centi)},
                          {"points", std::to_string(criteria.total_points)},
                          {"process", format_points(summary.process_centi)},
                          {"process_points", std::to_string(summary.process_points)},
                          {"results", format_points(summary.results_centi)},
                          {"results_points", std::to_string(summary.results_points)},
                          {"scored", std::to_string(summary.scored_items)}},
                         {{"rows", scoring_rows(summary, a)},
                          {"dimensions", dimensions_table(a, criteria)},
                          {"overview", text_block(a.overview)},
                          {"report", text_block(a.report)}});
}

std::string publicity_section(const PackageRequest& r) {
  const std::string citation = r.rules->cite_zh(r.rules->procedure.publicity_citation);
  const auto& record = r.draft->publicity;
  if (!record || !record->posted_at || r.calendar == nullptr) {
    return render_template("parts/application-no-publicity.html", {{"citation", citation}});
  }
  const auto options = options_of(*record, r.rules->procedure.publicity_working_days);
  const auto period = compute_publicity(*r.calendar, *record->posted_at, options);
  auto or_blank = [](const std::string& s) { return s.empty() ? std::string("（未填写）") : s; };
  const bool over = r.now >= period.end;
  return render_template("parts/application-publicity.html",
                         {{"posted", chinese_date_time(*record->posted_at)},
                          {"first_day", chinese_date(period.first_day)},
                          {"end", chinese_end_time(period)},
                          {"days", std::to_string(options.working_days)},
                          {"region", record->region == Region::xinjiang ? "新疆维吾尔自治区" : "全国"},
                          {"where", or_blank(record->where)},
                          {"department", or_blank(record->department)},
                          {"person", or_blank(record->person)},
                          {"phone", or_blank(record->phone)},
                          {"state", over ? "公示期已结束" : "公示期尚未结束（至" + chinese_end_time(period) + "）"},
                          {"citation", citation}},
                         {{"objections", objections_html(*record)}});
}

std::string attachments_section(const PackageRequest& r, const PackagePlan& plan) {
  const auto& attachments = r.draft->attachments;
  if (attachments.empty()) return render_template("parts/application-no-attachments.html", {});
  std::string rows;
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    const auto& a = attachments[i];
    std::string category = a.category;
    for (const auto& m : r.rules->materials) {
      if (m.category == a.category) category = m.name;
    }
    const std::string& entry = plan.entry_names[i];
    const auto slash = entry.rfind('/');
    rows += render_template("parts/application-attachment.html",
                            {{"number", std::to_string(i + 1)},
                             {"title", a.title},
                             {"category", category},
                             {"file", slash == std::string::npos ? entry : entry.substr(slash + 1)},
                             {"size", byte_size(plan.sizes[i])},
                             {"trade_secret", a.trade_secret ? "是" : ""}});
  }
  return render_template("parts/application-attachments.html", {{"citation", r.rules->cite_zh(r.rules->procedure.publicity_citation)}},
                         {{"rows", rows}});
}

}  // namespace

std::string application_document_html(const PackageRequest& r, const PackagePlan& plan) {
  use_edition_references(*r.rules);  // the checks' messages cite this edition's articles
  const Catalog& t = catalog(Language::zh);
  const auto& org = r.draft->profile.organization;
  const auto& e = plan.eligibility;
  const bool forced = r.force && e.outcome == Eligibility::not_eligible;
  const std::string notes = e.notes.empty() ? "" : render_template("parts/application-notes.html", {}, {{"rows", check_rows(e.notes, t, true)}});
  return render_template("application.html",
                         {{"org_name", org.name.value_or("")},
                          {"uscc", org.uscc.value_or("")},
                          {"package_id", plan.package_id},
                          {"created", chinese_date_time(r.now)},
                          {"verdict", t.text(std::string("elig.outcome.") + to_string(e.outcome))},
                          {"edition_title", r.rules->title.zh},
                          {"eligibility_date", chinese_date(e.date)},
                          {"version", std::string(version())}},
                         {{"profile_rows", profile_rows(r.draft->profile, t)},
                          {"forced", forced ? render_template("parts/application-forced.html", {}) : ""},
                          {"check_rows", check_rows(e.checks, t, false)},
                          {"note_rows", notes},
                          {"assessment", assessment_section(r)},
                          {"publicity", publicity_section(r)},
                          {"attachments", attachments_section(r, plan)}});
}

}  // namespace qaward
