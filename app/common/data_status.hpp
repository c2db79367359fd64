#pragma once
// What the shipped data covers and how sure it is (issue 19): the working-day
// calendar per region, the years that are estimates, the rule edition's
// verification state. `qaward data status` prints it; the home screen says it
// in a line. Nothing here is guessed: each list is read from the data files.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaward/calendar.hpp"
#include "qaward/rules.hpp"

namespace qaward {

struct DataStatus {
  int first_year = 0;  // the national notices' years
  int last_year = 0;
  std::vector<int> national_uncertain;  // years whose notice is known only at M or U confidence
  std::vector<int> xinjiang_complete;   // regional days wholly known
  std::vector<int> xinjiang_partial;    // some regional days known: counts are estimates
  std::vector<int> xinjiang_unknown;    // no regional days known: national days only, estimates
  std::string edition;
  std::string edition_status;  // issued | draft
  std::vector<std::string> unverified_checks;
  bool procedure_verified = true;
};

[[nodiscard]] DataStatus data_status(const Calendar& calendar, const RuleSet& rules);
[[nodiscard]] nlohmann::json to_json(const DataStatus& status);

// "2013, 2016–2018, 2020" (years joined, runs shortened).
[[nodiscard]] std::string year_list(const std::vector<int>& years);

}  // namespace qaward
