#include "qaward/eligibility.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

namespace qaward {

namespace {

using nlohmann::json;

// [SECTION] Helpers

int int_param(const RuleCheck& rule, const char* name) { return rule.params.at(name).get<int>(); }
std::string string_param(const RuleCheck& rule, const char* name) { return rule.params.at(name).get<std::string>(); }
bool in_list_param(const RuleCheck& rule, const char* name, const std::string& value) {
  const auto& list = rule.params.at(name);
  return std::any_of(list.begin(), list.end(), [&](const json& item) { return item.get<std::string>() == value; });
}

std::string yes_no(bool value) { return value ? "true" : "false"; }

std::string join_dates(const std::vector<Date>& dates) {
  std::string out;
  for (const auto& d : dates) {
    if (!out.empty()) out += ", ";
    out += to_string(d);
  }
  return out;
}

struct Context {
  const Profile& profile;
  const RuleSet& rules;
  Date date;
  std::vector<Diagnostic>& warnings;
};

CheckResult result(Outcome outcome, std::string message_key, std::string next_key = {}, Params values = {}) {
  CheckResult r;
  r.outcome = outcome;
  r.message_key = std::move(message_key);
  r.next_key = std::move(next_key);
  r.values = std::move(values);
  return r;
}

// Records dated after the reference date are not counted; the user is told.
bool after_reference(const Context& c, const Date& date, const std::string& where) {
  if (date <= c.date) return false;
  c.warnings.push_back(Diagnostic{Severity::warning, "elig.warning.record_after_reference",
                                  {{"found", to_string(date)}, {"date", to_string(c.date)}}, where});
  return true;
}

// [SECTION] Rules. One function per rule type named in assets/rules/.

// Article 2: the kinds of organization the award is for.
CheckResult organization_kind(const Context& c, const RuleCheck& rule) {
  const auto& kind = c.profile.organization.kind;
  if (!kind) return result(Outcome::unknown, "elig.organization_kind.unknown", "elig.next.answer_kind");
  Params values{{"kind", *kind}};
  if (in_list_param(rule, "kinds", *kind)) return result(Outcome::pass, "elig.organization_kind.pass", {}, values);
  return result(Outcome::fail, "elig.organization_kind.fail", "elig.next.ask_office", values);
}

// Articles 9(1), 9(4), 9(5): the organization's declarations.
CheckResult declaration(const Context& c, const RuleCheck& rule) {
  const auto field = string_param(rule, "field");
  const auto& d = c.profile.declarations;
  const std::map<std::string, const std::optional<bool>*> fields = {
      {"supports_policies", &d.supports_policies},
      {"quality_strategy", &d.quality_strategy},
      {"quality_management_system", &d.quality_management_system}};
  const auto it = fields.find(field);
  Params values{{"excerpt", rule.excerpt}};
  if (it == fields.end() || !it->second->has_value()) {
    return result(Outcome::unknown, "elig.declaration.unknown", "elig.next.answer_declaration", values);
  }
  const bool answer = it->second->value();
  values["declared"] = yes_no(answer);
  if (answer) return result(Outcome::pass, "elig.declaration.pass", {}, values);
  return result(Outcome::fail, "elig.declaration.fail", "elig.next.declaration_fail", values);
}

// Article 9(2): lawfully established inside Urumqi's administrative area.
CheckResult registered_in_area(const Context& c, const RuleCheck& /*rule*/) {
  const auto& o = c.profile.organization;
  if (!o.registered_in_urumqi) return result(Outcome::unknown, "elig.registered.unknown", "elig.next.answer_registered");
  if (!*o.registered_in_urumqi) return result(Outcome::fail, "elig.registered.fail", "elig.next.registered_fail");
  if (!o.district) return result(Outcome::pass, "elig.registered.pass_no_district", "elig.next.add_district");
  const auto& districts = c.rules.districts;
  if (std::find(districts.begin(), districts.end(), *o.district) == districts.end()) {
    auto r = result(Outcome::unknown, "elig.registered.district_unknown", "elig.next.check_district",
                    {{"district", *o.district}});
    r.refer_to_office = true;
    return r;
  }
  return result(Outcome::pass, "elig.registered.pass", {}, {{"district", *o.district}});
}

// Article 9(2): operating 5 years or more, 3 for the four "new" fields.
CheckResult operating_years(const Context& c, const RuleCheck& rule) {
  const auto& o = c.profile.organization;
  if (!o.established_on) return result(Outcome::unknown, "elig.operating.unknown", "elig.next.answer_established");
  const int years = int_param(rule, "years");
  const int years_new = int_param(rule, "years_four_new");
  const Date full = period_end_years(*o.established_on, years);
  const Date reduced = period_end_years(*o.established_on, years_new);
  Params values{{"established_on", to_string(*o.established_on)},
                {"years", std::to_string(years)},
                {"years_four_new", std::to_string(years_new)},
                {"completed_years", std::to_string(completed_years(*o.established_on, c.date))},
                {"full_on", to_string(full)},
                {"reduced_on", to_string(reduced)},
                {"date", to_string(c.date)}};
  if (c.date >= full) return result(Outcome::pass, "elig.operating.pass", {}, values);
  if (c.date < reduced) return result(Outcome::fail, "elig.operating.fail_reduced", "elig.next.wait_until_full", values);
  // Between the two thresholds the answer turns on the "new" field.
  if (!o.four_new) return result(Outcome::unknown, "elig.operating.four_new_unknown", "elig.next.answer_four_new", values);
  if (!*o.four_new) return result(Outcome::fail, "elig.operating.fail_full", "elig.next.wait_until_full", values);
  auto r = result(Outcome::unknown, "elig.operating.four_new_refer", "elig.next.four_new_refer", values);
  r.refer_to_office = true;
  return r;
}

// The look-back window of Article 9(3): [reference date - N years, reference
// date], both ends included (民法典 1259), and its values for the messages.
struct Window {
  Date from;
  Params values;
};
Window lookback_window(const Context& c, const RuleCheck& rule) {
  const int lookback = int_param(rule, "lookback_years");
  const Date from = add_years(c.date, -lookback);
  return {from, {{"from", to_string(from)}, {"date", to_string(c.date)}, {"lookback_years", std::to_string(lookback)}}};
}

// Article 9(3): no major quality, safety or environmental accident in the last N years.
CheckResult no_major_incident(const Context& c, const RuleCheck& rule) {
  const auto& incidents = c.profile.history.incidents;
  auto [from, values] = lookback_window(c, rule);
  if (!incidents) return result(Outcome::unknown, "elig.incident.unknown", "elig.next.answer_incidents", values);
  std::vector<Date> major;
  std::vector<Date> undetermined;
  for (std::size_t i = 0; i < incidents->size(); ++i) {
    const auto& incident = (*incidents)[i];
    if (after_reference(c, incident.date, "/history/incidents/" + std::to_string(i))) continue;
    if (incident.date < from || !in_list_param(rule, "kinds", incident.kind)) continue;
    if (!incident.major) undetermined.push_back(incident.date);
    else if (*incident.major) major.push_back(incident.date);
  }
  if (!major.empty()) {
    values["found"] = join_dates(major);
    return result(Outcome::fail, "elig.incident.fail", "elig.next.incident_fail", values);
  }
  if (!undetermined.empty()) {
    values["found"] = join_dates(undetermined);
    return result(Outcome::unknown, "elig.incident.undetermined", "elig.next.answer_major", values);
  }
  return result(Outcome::pass, "elig.incident.pass", {}, values);
}

// Article 9(3): no illegal, irregular, disciplinary or dishonesty record in the last N years.
CheckResult no_violation_record(const Context& c, const RuleCheck& rule) {
  const auto& violations = c.profile.history.violations;
  auto [from, values] = lookback_window(c, rule);
  if (!violations) return result(Outcome::unknown, "elig.violation.unknown", "elig.next.answer_violations", values);
  std::vector<Date> found;
  for (std::size_t i = 0; i < violations->size(); ++i) {
    const auto& v = (*violations)[i];
    if (after_reference(c, v.date, "/history/violations/" + std::to_string(i))) continue;
    if (v.date >= from && in_list_param(rule, "kinds", v.kind)) found.push_back(v.date);
  }
  if (found.empty()) return result(Outcome::pass, "elig.violation.pass", {}, values);
  values["found"] = join_dates(found);
  return result(Outcome::fail, "elig.violation.fail", "elig.next.violation_fail", values);
}

// Article 11(3): the business-anomaly list and the serious-violation list.
CheckResult list_flag(const Context& c, const RuleCheck& rule) {
  const auto field = string_param(rule, "field");
  const auto& h = c.profile.history;
  const std::optional<bool>* flag = field == "on_business_anomaly_list"    ? &h.on_business_anomaly_list
                                    : field == "on_serious_violation_list" ? &h.on_serious_violation_list
                                                                           : nullptr;
  const Params values{{"list", field}};
  if (flag == nullptr || !flag->has_value()) {
    return result(Outcome::unknown, "elig.list." + field + ".unknown", "elig.next.check_gsxt", values);
  }
  if (flag->value()) return result(Outcome::fail, "elig.list." + field + ".fail", "elig.next.list_fail", values);
  return result(Outcome::pass, "elig.list." + field + ".pass", {}, values);
}

// The last day of a bar of `years` years after `event` (民法典 201, 202, 1259).
Date bar_end(const Date& event, int years) { return period_end_years(event, years); }

// Article 16: winners may not apply again within N years; nominees may.
CheckResult winner_reapplication_bar(const Context& c, const RuleCheck& rule) {
  const auto& awards = c.profile.history.awards;
  if (!awards) return result(Outcome::unknown, "elig.reapply.unknown", "elig.next.answer_awards");
  const int years = int_param(rule, "years");
  std::optional<Date> barred_until;
  bool nominee = false;
  for (std::size_t i = 0; i < awards->size(); ++i) {
    const auto& a = (*awards)[i];
    if (after_reference(c, a.date, "/history/awards/" + std::to_string(i))) continue;
    if (a.award == "nomination") {
      nominee = true;
      continue;
    }
    const Date end = bar_end(a.date, years);
    if (c.date <= end && (!barred_until || end > *barred_until)) barred_until = end;
  }
  Params values{{"years", std::to_string(years)}, {"date", to_string(c.date)}};
  if (barred_until) {
    values["until"] = to_string(*barred_until);
    values["from"] = to_string(add_days(*barred_until, 1));
    return result(Outcome::fail, "elig.reapply.fail", "elig.next.wait_until_from", values);
  }
  return result(Outcome::pass, nominee ? "elig.reapply.pass_nominee" : "elig.reapply.pass", {}, values);
}

// Article 20: no acceptance for N years after false materials or an award
// obtained by improper means.
CheckResult sanction_ban(const Context& c, const RuleCheck& rule) {
  const auto& sanctions = c.profile.history.sanctions;
  const auto kind = string_param(rule, "kind");
  const int years = int_param(rule, "years");
  Params values{{"years", std::to_string(years)}, {"date", to_string(c.date)}, {"kind", kind}};
  if (!sanctions) return result(Outcome::unknown, "elig.sanction." + kind + ".unknown", "elig.next.answer_sanctions", values);
  std::optional<Date> banned_until;
  for (std::size_t i = 0; i < sanctions->size(); ++i) {
    const auto& s = (*sanctions)[i];
    if (s.kind != kind || after_reference(c, s.date, "/history/sanctions/" + std::to_string(i))) continue;
    const Date end = bar_end(s.date, years);
    if (c.date <= end && (!banned_until || end > *banned_until)) banned_until = end;
  }
  if (banned_until) {
    values["until"] = to_string(*banned_until);
    values["from"] = to_string(add_days(*banned_until, 1));
    return result(Outcome::fail, "elig.sanction." + kind + ".fail", "elig.next.wait_until_from", values);
  }
  return result(Outcome::pass, "elig.sanction." + kind + ".pass", {}, values);
}

// Article 10 (a note): SMEs are encouraged to apply.
CheckResult sme_note(const Context& c, const RuleCheck& /*rule*/) {
  const bool sme = c.profile.organization.sme.value_or(false);
  return result(Outcome::pass, sme ? "elig.note.sme" : "elig.note.sme_general");
}

// Article 21 (a note): an award won within N years can be revoked.
CheckResult revocation_note(const Context& c, const RuleCheck& rule) {
  const int years = int_param(rule, "years");
  if (c.profile.history.awards) {
    for (const auto& a : *c.profile.history.awards) {
      if (a.award == "quality_award" && a.date <= c.date && c.date <= bar_end(a.date, years)) {
        return result(Outcome::pass, "elig.note.revocation", {},
                      {{"won_on", to_string(a.date)}, {"until", to_string(bar_end(a.date, years))}});
      }
    }
  }
  return result(Outcome::pass, "");  // nothing to say: the caller drops empty notes
}

using Evaluator = std::function<CheckResult(const Context&, const RuleCheck&)>;

const std::map<std::string, Evaluator, std::less<>>& evaluators() {
  static const std::map<std::string, Evaluator, std::less<>> table = {
      {"organization_kind", organization_kind},
      {"declaration", declaration},
      {"registered_in_area", registered_in_area},
      {"operating_years", operating_years},
      {"no_major_incident", no_major_incident},
      {"no_violation_record", no_violation_record},
      {"list_flag", list_flag},
      {"winner_reapplication_bar", winner_reapplication_bar},
      {"sanction_ban", sanction_ban},
      {"sme_note", sme_note},
      {"revocation_note", revocation_note},
  };
  return table;
}

}  // namespace

const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass: return "pass";
    case Outcome::fail: return "fail";
    case Outcome::unknown: return "unknown";
  }
  return "unknown";
}

const char* to_string(Eligibility eligibility) {
  switch (eligibility) {
    case Eligibility::eligible: return "eligible";
    case Eligibility::not_eligible: return "not_eligible";
    case Eligibility::needs_information: return "needs_information";
  }
  return "needs_information";
}

Result<EligibilityResult> evaluate_eligibility(const Profile& profile, const RuleSet& rules, const Date& reference_date) {
  if (profile.organization.established_on && *profile.organization.established_on > reference_date) {
    return std::vector{make_error("input.founded_after_reference", "/organization/established_on",
                                  {{"found", to_string(*profile.organization.established_on)},
                                   {"date", to_string(reference_date)}})};
  }
  EligibilityResult out;
  out.edition = rules.edition;
  out.date = reference_date;
  if (rules.effective_from && reference_date < *rules.effective_from) {
    out.warnings.push_back(Diagnostic{Severity::warning, "elig.warning.before_edition",
                                      {{"date", to_string(reference_date)},
                                       {"effective_from", to_string(*rules.effective_from)}}, ""});
  }
  const Context context{profile, rules, reference_date, out.warnings};
  auto run = [&](const RuleCheck& rule) {
    const auto it = evaluators().find(rule.rule);
    // load_edition accepts only known rules; this guards a programming error.
    CheckResult r = it != evaluators().end()
                        ? it->second(context, rule)
                        : result(Outcome::unknown, "elig.unknown_rule", "elig.next.ask_office", {{"rule", rule.rule}});
    r.rule = &rule;
    return r;
  };
  bool any_fail = false;
  bool any_unknown = false;
  for (const auto& rule : rules.checks) {
    out.checks.push_back(run(rule));
    any_fail = any_fail || out.checks.back().outcome == Outcome::fail;
    any_unknown = any_unknown || out.checks.back().outcome == Outcome::unknown;
  }
  for (const auto& rule : rules.notes) {
    auto note = run(rule);
    if (!note.message_key.empty()) out.notes.push_back(std::move(note));
  }
  out.outcome = any_fail ? Eligibility::not_eligible
                : any_unknown ? Eligibility::needs_information
                              : Eligibility::eligible;
  return out;
}

json to_json(const EligibilityResult& result, const RuleSet& rules, const Catalog& zh, const Catalog& en) {
  auto both = [&](const std::string& key, const Params& params) -> json {
    if (key.empty()) return nullptr;
    return {{"zh", zh.text(key, params)}, {"en", en.text(key, params)}};
  };
  auto bilingual = [](const std::optional<BilingualText>& text) -> json {
    if (!text) return nullptr;
    return {{"zh", text->zh}, {"en", text->en}};
  };
  auto check_json = [&](const CheckResult& c) {
    json values = json::object();
    for (const auto& [k, v] : c.values) values[k] = v;
    return json{{"id", c.rule->id},
                {"citation", {{"zh", c.rule->citation.zh}, {"en", c.rule->citation.en}}},
                {"excerpt", c.rule->excerpt},
                {"outcome", to_string(c.outcome)},
                {"verified", c.rule->verified},
                {"message", both(c.message_key, c.values)},
                {"next", both(c.next_key, c.values)},
                {"refer_to_office", c.refer_to_office},
                {"values", values},
                {"interpretation", bilingual(c.rule->interpretation)},
                {"not_modelled", bilingual(c.rule->not_modelled)},
                {"unverified_note", bilingual(c.rule->unverified_note)}};
  };
  json out = {{"outcome", to_string(result.outcome)},
              {"outcome_text", both("elig.outcome." + std::string(to_string(result.outcome)), {})},
              {"edition", result.edition},
              {"edition_title", {{"zh", rules.title.zh}, {"en", rules.title.en}}},
              {"edition_status", rules.status},
              {"date", to_string(result.date)},
              {"unverified_rules", rules.unverified_checks()},
              {"checks", json::array()},
              {"notes", json::array()},
              {"warnings", json::array()}};
  for (const auto& c : result.checks) out["checks"].push_back(check_json(c));
  for (const auto& n : result.notes) out["notes"].push_back(check_json(n));
  for (const auto& w : result.warnings) {
    out["warnings"].push_back({{"key", w.key}, {"where", w.where}, {"message", both(w.key, w.params)}});
  }
  return out;
}

}  // namespace qaward
