#include "data_status.hpp"

namespace qaward {

DataStatus data_status(const Calendar& calendar, const RuleSet& rules) {
  DataStatus s;
  s.first_year = calendar.first_year();
  s.last_year = calendar.last_year();
  for (int year = s.first_year; year <= s.last_year; ++year) {
    const auto* national = calendar.national_source(year);
    if (national == nullptr || national->confidence != "H") s.national_uncertain.push_back(year);
    if (calendar.xinjiang_complete_years().count(year)) {
      s.xinjiang_complete.push_back(year);
    } else if (calendar.xinjiang_source(year) != nullptr) {
      s.xinjiang_partial.push_back(year);
    } else {
      s.xinjiang_unknown.push_back(year);
    }
  }
  s.edition = rules.edition;
  s.edition_status = rules.status;
  s.unverified_checks = rules.unverified_checks();
  s.procedure_verified = rules.procedure.verified;
  return s;
}

nlohmann::json to_json(const DataStatus& s) {
  return {{"calendar",
           {{"national", {{"from", s.first_year}, {"to", s.last_year}, {"uncertain_years", s.national_uncertain}}},
            {"xinjiang",
             {{"complete_years", s.xinjiang_complete},
              {"partial_years", s.xinjiang_partial},
              {"unknown_years", s.xinjiang_unknown}}}}},
          {"edition",
           {{"id", s.edition},
            {"status", s.edition_status},
            {"procedure_verified", s.procedure_verified},
            {"unverified_checks", s.unverified_checks}}}};
}

std::string year_list(const std::vector<int>& years) {
  std::string out;
  for (std::size_t i = 0; i < years.size();) {
    std::size_t j = i;
    while (j + 1 < years.size() && years[j + 1] == years[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(years[i]);
    if (j > i) out += "–" + std::to_string(years[j]);
    i = j + 1;
  }
  return out.empty() ? "—" : out;
}

}  // namespace qaward
