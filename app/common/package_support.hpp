#pragma once
// What the package commands share between the CLI and the browser app: the
// verification context over the shipped data, and the precheck report.
#include <string>
#include <vector>

#include "qaward/i18n.hpp"
#include "qaward/package.hpp"

namespace qaward {

// Calendar and rule editions as shipped; nullopt-like failure is a build defect.
[[nodiscard]] VerifyContext shipped_verify_context(const PublicKey* expected_key = nullptr);

// One sentence of a verification report, as `qaward verify` prints it and
// reviewer mode shows it.
struct ReportLine {
  enum class Tone { plain, good, bad, warning };
  Tone tone = Tone::plain;
  std::string text;
  bool finding = false;  // a failed or doubtful check (the CLI labels it 错误/警告)
};

// The body of a report after its verdict: the package, the signatures, the
// eligibility re-run, the publicity period, then `middle` (what one caller adds
// there), the trade-secret files and the findings.
[[nodiscard]] std::vector<ReportLine> report_lines(const VerifyReport& report, const Catalog& t,
                                                   std::vector<ReportLine> middle = {});

// The district pre-check of many packages (Article 11(3)): one row each.
[[nodiscard]] std::string precheck_html(const std::vector<std::pair<std::string, VerifyReport>>& reports);
[[nodiscard]] std::string precheck_csv(const std::vector<std::pair<std::string, VerifyReport>>& reports);
[[nodiscard]] nlohmann::json precheck_json(const std::vector<std::pair<std::string, VerifyReport>>& reports);

}  // namespace qaward
