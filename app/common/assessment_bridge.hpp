#pragma once
// The self-assessment with the shipped criteria (assets/criteria/): JSON in
// and out for the browser app, and the printable scoring sheet.
#include <string>
#include <string_view>

#include "qaward/assessment.hpp"

namespace qaward {

// The shipped GB/T 19580-2012 model, parsed once.
[[nodiscard]] const Result<Criteria>& shipped_criteria();

// request: an assessment (qaward-assessment/1); response: the summary JSON
// or { "error": true, "diagnostics": [...] }.
[[nodiscard]] std::string assessment_json(std::string_view request);

// The scoring sheet's rows: a row per category and per item, with the agreed
// band, percentage, score and evidence (the table's head is the page's).
[[nodiscard]] std::string scoring_rows(const AssessmentSummary& summary, const Assessment& assessment);

// The China Quality Award dimension ratings (质量、技术、品牌、效益) with their
// evidence, as a table with the note that they are unweighted; empty when
// none is rated.
[[nodiscard]] std::string dimensions_table(const Assessment& assessment, const Criteria& criteria);

// The self-scoring sheet (自评表) as printable A4 HTML in Chinese; with
// raters, a landscape table of their scores beside the agreed ones.
[[nodiscard]] std::string scoring_sheet_html(const AssessmentSummary& summary, const Assessment& assessment,
                                             const Criteria& criteria, const std::string& org_name);

// "Where we disagree" (自评分歧汇总): one landscape page for the consensus
// meeting, the rated items by spread with the leaders' and staff's means and
// room for the agreed score's reasons.
[[nodiscard]] std::string disagreement_html(const AssessmentSummary& summary, const Assessment& assessment,
                                            const std::string& org_name);

}  // namespace qaward
