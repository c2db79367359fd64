#pragma once
// The municipal office's intake (Article 11 (四)) on paper: the acceptance
// list (受理名单) it publishes, and the working list of every package with
// why one was not accepted (CSV and JSON, for the office's own files).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "qaward/bundle.hpp"
#include "qaward/publicity.hpp"

namespace qaward {

// The public acceptance list: the accepted organizations with their
// recommending units, the publicity period (from `posted`, on the shipped
// calendar, or to be filled in once published) and how to object.
[[nodiscard]] std::string acceptance_list_html(const IntakeReport& intake, const std::optional<DateTime>& posted);

// Every listed package, bundle by bundle: accepted or not, and why not
// (the bundle's findings, the package's own, the intake's).
[[nodiscard]] std::string intake_csv(const IntakeReport& intake);
[[nodiscard]] nlohmann::json intake_json(const IntakeReport& intake);

}  // namespace qaward
