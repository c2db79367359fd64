#pragma once
// Eligibility with JSON in and out, for the browser app (exported to
// JavaScript) and the CLI's --format json alike.
//   request:  { "profile": {...}, "date": "YYYY-MM-DD", "edition": "id" (optional) }
//   response: the result of qaward::to_json(EligibilityResult...), or
//             { "error": true, "diagnostics": [{ "key", "where", "message": {zh, en} }] }
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "qaward/diagnostic.hpp"

namespace qaward {

[[nodiscard]] std::string eligibility_json(std::string_view request);

// Diagnostics as JSON with messages in both languages.
[[nodiscard]] nlohmann::json diagnostics_json(const std::vector<Diagnostic>& diagnostics);

}  // namespace qaward
