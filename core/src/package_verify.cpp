// The verifier's findings, and its stages that read the package's own JSON
// documents: the business re-checks of data/application.json and a district
// office's countersignature (package_verify.hpp). The stages that read the
// archive are in package_read.cpp.
#include "package_verify.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "json_reader.hpp"
#include "package_common.hpp"
#include "qaward/json_text.hpp"
#include "qaward/publicity.hpp"

namespace qaward::detail {

// [SECTION] Findings

void Findings::add(VerifyProblem code, std::string where, Params params) {
  const auto& message = verify_message(code);
  report_.findings.push_back({message.severity, std::string(message.key), std::move(params), std::move(where)});
}

bool Findings::has_errors() const {
  return std::any_of(report_.findings.begin(), report_.findings.end(),
                     [](const Diagnostic& f) { return f.severity == Severity::error; });
}

void Findings::signature_failed(const std::vector<Diagnostic>& diagnostics, std::string where) {
  // verify_minisign speaks in the signing module's keys; each has its code.
  constexpr std::array kSignatureProblems = {VerifyProblem::signature_malformed, VerifyProblem::signature_key_id_mismatch,
                                             VerifyProblem::signature_bad, VerifyProblem::signature_bad_trusted_comment};
  if (diagnostics.empty()) {
    add(VerifyProblem::signature_bad, std::move(where));
    return;
  }
  const auto& first = diagnostics.front();
  const auto code = std::find_if(kSignatureProblems.begin(), kSignatureProblems.end(),
                                  [&](VerifyProblem p) { return verify_message(p).key == first.key; });
  add(code != kSignatureProblems.end() ? *code : VerifyProblem::signature_bad, std::move(where), first.params);
}

void Findings::json_errors(const std::vector<Diagnostic>& diagnostics, const std::string& entry) {
  // The JSON readers' keys (input.*), said of an entry in a package.
  constexpr std::array<std::pair<std::string_view, VerifyProblem>, 4> kJsonProblems = {{
      {"input.wrong_type", VerifyProblem::field_wrong_type},
      {"input.missing_field", VerifyProblem::field_missing},
      {"input.invalid_json_at", VerifyProblem::entry_bad_json},
      {"input.json_too_deep", VerifyProblem::entry_too_deep},
  }};
  for (const auto& d : diagnostics) {
    if (d.severity != Severity::error) continue;
    const auto known = std::find_if(kJsonProblems.begin(), kJsonProblems.end(), [&](const auto& p) { return p.first == d.key; });
    Params params = d.params;
    params["path"] = d.where.empty() ? "/" : d.where;
    params.try_emplace("found", "");
    add(known != kJsonProblems.end() ? known->second : VerifyProblem::field_bad_value, entry, std::move(params));
  }
}

namespace {

// [SECTION] Business re-checks, one function per rule they re-run

// The facts of data/application.json the re-checks need, read by type: a
// wrong type is a finding naming its path, what was found and what was
// expected; nothing throws.
struct Application {
  std::optional<Date> eligibility_date;
  bool eligibility_date_present = false;
  std::optional<DateTime> created;
  const nlohmann::json* profile = nullptr;
  std::optional<PublicityRecord> publicity;
};

Application read_application(const nlohmann::json& app, VerifyReport& report, Findings& findings) {
  const std::string entry(kApplication);
  Application out;
  JsonReader json;
  const nlohmann::json none = nlohmann::json::object();
  const auto* eligibility = json.object(app, "", "eligibility");
  const auto& e = eligibility != nullptr ? *eligibility : none;
  report.edition = json.string(e, "/eligibility", "edition").value_or("");
  report.recorded_eligibility = json.string(e, "/eligibility", "outcome").value_or("");
  report.forced = json.boolean(e, "/eligibility", "forced").value_or(false);
  out.eligibility_date = json.date(e, "/eligibility", "date");
  out.eligibility_date_present = json.member(e, "date") != nullptr;
  if (const auto text = json.string(app, "", "created")) {
    out.created = parse_datetime(*text);
    if (!out.created) json.error("input.bad_datetime", "/created", {{"found", *text}});
  }
  out.profile = json.object(app, "", "profile");
  if (const auto* publicity = json.member(app, "publicity")) {
    auto read = publicity_record_from_json(*publicity, "/publicity");
    findings.json_errors(read.diagnostics(), entry);
    if (read.ok()) out.publicity = std::move(read).value();
  }
  if (const auto* list = json.array(app, "", "attachments")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto at = "/attachments/" + std::to_string(i);
      const auto& item = (*list)[i];
      if (!item.is_object()) {
        json.error("input.wrong_type", at, {{"found", describe(item)}, {"expected", "{ ... }"}});
        continue;
      }
      const auto file = json.string(item, at, "file");
      if (json.boolean(item, at, "trade_secret").value_or(false)) report.trade_secret_files.push_back(file.value_or(""));
    }
  }
  if (const auto* summary = json.object(app, "", "assessment_summary")) {
    if (const auto* total = json.member(*summary, "total")) {
      if (total->is_number()) report.assessment_total = total->get<double>();
      else json.error("input.wrong_type", "/assessment_summary/total", {{"found", describe(*total)}, {"expected", "439.5"}});
    }
  }
  findings.json_errors(json.diagnostics, entry);
  return out;
}

// Eligibility (Article 9) run again by this core with the recorded edition:
// it must give the outcome the package records.
void recheck_eligibility(const Profile& profile, const RuleSet& rules, const Date& date, VerifyReport& report,
                         Findings& findings) {
  const std::string entry(kApplication);
  const auto rerun = evaluate_eligibility(profile, rules, date);
  if (!rerun.ok()) {
    // It fails only on data that contradict each other (a founding date
    // after the eligibility date); the package's writer would have refused it.
    findings.add(VerifyProblem::eligibility_not_rerun, entry,
                 rerun.diagnostics().empty() ? Params{} : rerun.diagnostics().front().params);
    return;
  }
  report.rerun_eligibility = to_string(rerun.value().outcome);
  if (report.rerun_eligibility != report.recorded_eligibility) {
    findings.add(VerifyProblem::eligibility_differs, entry,
                 {{"recorded", report.recorded_eligibility}, {"rerun", report.rerun_eligibility}});
  }
  if (rerun.value().outcome == Eligibility::not_eligible) {
    findings.add(VerifyProblem::not_eligible_inside, "", {{"forced", report.forced ? "true" : "false"}});
  }
}

// The internal publicity (Article 11(2)): over, by the calendar, before the
// package was made?
void recheck_publicity(const Application& app, const RuleSet& rules, const VerifyContext& ctx, VerifyReport& report,
                       Findings& findings) {
  report.publicity_state = "missing";
  const auto& record = app.publicity;
  if (record && record->posted_at && app.created && ctx.calendar != nullptr) {
    const auto options = options_of(*record, rules.procedure.publicity_working_days);
    const auto period = compute_publicity(*ctx.calendar, *record->posted_at, options);
    report.publicity_end = to_iso(period.end);
    report.publicity_state = *app.created >= period.end ? "complete" : "not_complete";
    if (report.publicity_state == "not_complete") {
      auto times = instant_params("end", period.end);
      times.merge(instant_params("created", *app.created));
      findings.add(VerifyProblem::publicity_not_complete, "", std::move(times));
    }
  }
  if (report.publicity_state == "missing") findings.add(VerifyProblem::publicity_missing);
}

// Objections against the packaging time (Article 13): one resolved before it
// was received, or one still open when the package was made, is for the
// reviewer to look at.
void check_objections(const PublicityRecord& record, const DateTime& created, Findings& findings) {
  const std::string entry(kApplication);
  for (std::size_t i = 0; i < record.objections.size(); ++i) {
    const auto& o = record.objections[i];
    const auto path = "/publicity/objections/" + std::to_string(i);
    for (const auto problem : objection_problems(o, created.date)) {
      switch (problem) {
        case ObjectionProblem::forwarded_before_received:
          findings.add(VerifyProblem::objection_forwarded_before_received, entry,
                       {{"path", path}, {"number", std::to_string(i + 1)}, {"received", to_string(o.received_on)}, {"forwarded", to_string(*o.forwarded_on)}});
          break;
        case ObjectionProblem::resolved_before_received:
          findings.add(VerifyProblem::objection_resolved_before_received, entry,
                       {{"path", path}, {"number", std::to_string(i + 1)}, {"received", to_string(o.received_on)}, {"resolved", to_string(*o.resolved_on)}});
          break;
        case ObjectionProblem::open:
          auto params = instant_params("created", created);
          params.merge(Params{{"path", path}, {"number", std::to_string(i + 1)}, {"received", to_string(o.received_on)}});
          findings.add(VerifyProblem::objection_unresolved, entry, std::move(params));
          break;
      }
    }
  }
}

}  // namespace

void recheck_application(std::string_view application_json, const VerifyContext& ctx, VerifyReport& report) {
  Findings findings(report);
  const std::string entry(kApplication);
  const auto parsed = parse_json(application_json);
  if (!parsed.ok()) {
    findings.json_errors(parsed.diagnostics(), entry);
    return;
  }
  if (!parsed.value().is_object()) {
    findings.add(VerifyProblem::bad_application, entry);
    return;
  }
  const auto app = read_application(parsed.value(), report, findings);
  auto rules = load_edition(report.edition, ctx.editions);
  if (rules.ok() && !app.eligibility_date && !app.eligibility_date_present) {
    findings.add(VerifyProblem::field_missing, entry, {{"path", "/eligibility/date"}, {"expected", "YYYY-MM-DD"}, {"found", ""}});
  }
  auto profile = profile_from_json(app.profile != nullptr ? *app.profile : nlohmann::json::object(), "/profile");
  findings.json_errors(profile.diagnostics(), entry);

  if (!rules.ok()) {
    findings.add(VerifyProblem::unknown_edition, entry, {{"edition", report.edition}});
  } else if (profile.ok() && app.eligibility_date) {
    recheck_eligibility(profile.value(), rules.value(), *app.eligibility_date, report, findings);
    // The identity: the credit code the application names is the one bag-info.txt names.
    if (profile.value().organization.uscc.value_or("") != report.uscc) findings.add(VerifyProblem::identity_differs, entry);
    recheck_publicity(app, rules.value(), ctx, report, findings);
  }
  if (app.publicity && app.created) check_objections(*app.publicity, *app.created, findings);
}

// [SECTION] A district office's countersignature

void check_countersignature(std::string_view recommendation_json, std::string_view signature,
                            std::string_view office_key, const VerifyContext& ctx, VerifyReport& report) {
  Findings findings(report);
  const std::string entry(kRecommendation);
  Countersignature cs;
  cs.signature.present = true;
  const auto parsed = parse_json(recommendation_json);
  auto key = parse_public_key(office_key);
  if (!parsed.ok()) findings.json_errors(parsed.diagnostics(), entry);
  else if (!parsed.value().is_object()) findings.add(VerifyProblem::bad_recommendation, entry);
  if (!key.ok()) findings.add(VerifyProblem::bad_recommendation, std::string(kOfficeKey));
  if (!parsed.ok() || !parsed.value().is_object() || !key.ok()) {
    report.countersignatures.push_back(cs);
    return;
  }
  const auto& doc = parsed.value();
  JsonReader json;
  cs.unit = json.string(doc, "", "unit").value_or("");
  cs.opinion = json.string(doc, "", "opinion").value_or("");
  cs.date = json.string(doc, "", "date").value_or("");
  const auto bound = json.string(doc, "", "applicant_tagmanifest_sha256");
  cs.binds_applicant = bound && !report.tagmanifest_sha256.empty() && *bound == report.tagmanifest_sha256;
  findings.json_errors(json.diagnostics, entry);
  cs.signature.key_id = key.value().key_id_hex();
  cs.signature.fingerprint = key.value().fingerprint();
  // A pinned office key is the one the signature must verify with, whatever
  // office.pub says (anyone can make a key and call themselves the office).
  const PublicKey* pinned = ctx.expected_office_key;
  if (pinned != nullptr && key.value().key != pinned->key) {
    findings.add(VerifyProblem::office_key_not_pinned, std::string(kOfficeKey),
                 {{"found", key.value().key_id_hex()}, {"expected", pinned->key_id_hex()}});
  }
  const auto checked = verify_minisign(recommendation_json, signature, pinned != nullptr ? *pinned : key.value());
  cs.signature.valid = checked.ok();
  cs.key_pinned = pinned != nullptr && key.value().key == pinned->key && checked.ok();
  if (!checked.ok()) findings.signature_failed(checked.diagnostics(), std::string(kRecommendationSig));
  if (!cs.binds_applicant) findings.add(VerifyProblem::recommendation_unbound, entry);
  report.countersignatures.push_back(cs);
}

}  // namespace qaward::detail
