#pragma once
// The district's own procedure (Article 11 (三)): the district market
// supervision office (or the city's industry authority) reviews each
// application, checks the organization against the business-anomaly list
// (经营异常名录) and the list of seriously illegal enterprises (严重违法企业名单),
// consults the relevant departments, publishes the organizations it means to
// recommend for at least 5 working days, handles objections (Articles 12-13),
// and only then countersigns the recommended packages and sends them on in a
// bundle (bundle.hpp).
//
// The workspace is one JSON file, format "qaward-district/1", that the
// browser's reviewer mode and `qaward district` both read and write:
//
//   { "format": "qaward-district/1", "unit": "天山区市场监督管理局", "reviewer": "王芳",
//     "cases": [ { "package_id", "file", "organization", "uscc",
//                  "decision": "pending" | "recommend" | "not_recommend",
//                  "reasons": "...",
//                  "checks": { "business_anomaly":  { "by", "at", "result" },
//                              "serious_violation": { ... }, "departments": { ... } } } ],
//     "publicity": { the same record as a draft's "publicity" member } }
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "qaward/datetime.hpp"
#include "qaward/diagnostic.hpp"
#include "qaward/publicity.hpp"
#include "qaward/rules.hpp"

namespace qaward {

inline constexpr std::string_view kDistrictFormat = "qaward-district/1";

enum class Decision { pending, recommend, not_recommend };
[[nodiscard]] const char* to_string(Decision decision);

// What Article 11 (三) has the district do before it publishes a recommendation.
enum class ListCheck { business_anomaly, serious_violation, departments };
inline constexpr std::array kListChecks{ListCheck::business_anomaly, ListCheck::serious_violation, ListCheck::departments};
[[nodiscard]] const char* to_string(ListCheck check);

// One check, recorded as done by whom and when, with what it found
// (e.g. 未列入, or the departments' answer).
struct CheckRecord {
  std::string by;
  std::optional<DateTime> at;
  std::string result;
  [[nodiscard]] bool done() const { return !by.empty() && at.has_value(); }
};

struct DistrictCase {
  std::string package_id;
  std::string file;  // as it was opened
  std::string organization;
  std::string uscc;
  Decision decision = Decision::pending;
  std::string reasons;  // for a recommendation, the opinion (审核推荐意见) the countersignature carries
  std::array<CheckRecord, kListChecks.size()> checks;
  [[nodiscard]] const CheckRecord& check(ListCheck which) const { return checks[static_cast<std::size_t>(which)]; }
  [[nodiscard]] CheckRecord& check(ListCheck which) { return checks[static_cast<std::size_t>(which)]; }
};

struct DistrictWorkspace {
  std::string unit;
  std::string reviewer;  // who records the checks at this desk now (each check keeps its own "by")
  std::vector<DistrictCase> cases;
  PublicityRecord publicity;  // the recommendation publicity, posted_at unset until posted
  // The case for `package_id`, or nullptr.
  [[nodiscard]] const DistrictCase* find(std::string_view package_id) const;
};

[[nodiscard]] nlohmann::json to_json(const DistrictCase& c);  // as in the workspace file
[[nodiscard]] nlohmann::json to_json(const DistrictWorkspace& workspace);
[[nodiscard]] Result<DistrictWorkspace> district_workspace_from_json(const nlohmann::json& value);
[[nodiscard]] Result<DistrictWorkspace> parse_district_workspace(std::string_view text);

// Where the district stands, and what keeps it from the next step.
enum class DistrictStage {
  deciding,       // a recommendation lacks its checks or reasons, or none is recommended
  ready_to_post,  // the notice can be printed and posted
  publicity,      // posted; the period runs
  objections,     // the period is over, an objection is still open (Article 13)
  ready_to_countersign,
};
[[nodiscard]] const char* to_string(DistrictStage stage);

struct DistrictStatus {
  DistrictStage stage = DistrictStage::deciding;
  // Errors keep the workspace at its stage; warnings are said. Keys
  // "district.*", `where` the JSON pointer in the workspace.
  std::vector<Diagnostic> problems;
  std::vector<std::size_t> recommended;  // indexes into cases
  std::optional<PublicityPeriod> period;
  PublicityStatus publicity;
  std::vector<std::size_t> open_objections;  // numbered from 1
};

// The workspace read against the calendar and the edition's procedure at
// `now`. A recommendation needs its three checks done (by whom, when) before
// the publicity was posted and its reasons written; a decision against needs
// its reasons; the countersignatures wait for the period's end and for every
// objection to be settled.
[[nodiscard]] DistrictStatus district_status(const DistrictWorkspace& workspace, const Calendar& calendar,
                                             const Procedure& procedure, const DateTime& now);

}  // namespace qaward
