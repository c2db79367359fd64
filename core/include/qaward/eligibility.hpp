#pragma once
// The eligibility check: a profile against a rule-set edition on a reference
// date (基准日). Each check answers pass, fail or unknown with the values it
// used; the verdict is not_eligible if any check fails, needs_information if
// any is unknown, eligible otherwise. A missing answer is unknown, never fail.
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "qaward/date.hpp"
#include "qaward/diagnostic.hpp"
#include "qaward/i18n.hpp"
#include "qaward/profile.hpp"
#include "qaward/rules.hpp"

namespace qaward {

enum class Outcome { pass, fail, unknown };
enum class Eligibility { eligible, not_eligible, needs_information };

[[nodiscard]] const char* to_string(Outcome outcome);
[[nodiscard]] const char* to_string(Eligibility eligibility);

struct CheckResult {
  const RuleCheck* rule = nullptr;  // points into the RuleSet evaluated
  Outcome outcome = Outcome::unknown;
  std::string message_key;  // assets/i18n: what was found
  std::string next_key;     // assets/i18n: what to do next; empty when nothing
  Params values;            // the values the check used (also the messages' parameters)
  bool refer_to_office = false;  // only the district office can decide
};

struct EligibilityResult {
  Eligibility outcome = Eligibility::needs_information;
  std::string edition;
  Date date;
  std::vector<CheckResult> checks;
  std::vector<CheckResult> notes;     // Articles 10 and 21: shown, never deciding
  std::vector<Diagnostic> warnings;   // e.g. records dated after the reference date
};

// Evaluates `profile` under `rules` on `reference_date`. Fails (with a
// diagnostic) only on contradictory input, such as a founding date after the
// reference date. The result points into `rules`, which must outlive it.
[[nodiscard]] Result<EligibilityResult> evaluate_eligibility(const Profile& profile, const RuleSet& rules,
                                                             const Date& reference_date);

// The result as JSON (the CLI's --format json and the browser bridge), with
// every message in Chinese and English.
[[nodiscard]] nlohmann::json to_json(const EligibilityResult& result, const RuleSet& rules, const Catalog& zh,
                                     const Catalog& en);

}  // namespace qaward
