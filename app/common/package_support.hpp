#pragma once
// What the package commands share between the CLI and the browser app: the
// verification context over the shipped data, and the precheck report.
#include <string>
#include <vector>

#include "qaward/package.hpp"

namespace qaward {

// Calendar and rule editions as shipped; nullopt-like failure is a build defect.
[[nodiscard]] VerifyContext shipped_verify_context(const PublicKey* expected_key = nullptr);

// The district pre-check of many packages (Article 11(3)): one row each.
[[nodiscard]] std::string precheck_html(const std::vector<std::pair<std::string, VerifyReport>>& reports);
[[nodiscard]] std::string precheck_csv(const std::vector<std::pair<std::string, VerifyReport>>& reports);
[[nodiscard]] nlohmann::json precheck_json(const std::vector<std::pair<std::string, VerifyReport>>& reports);

}  // namespace qaward
