#include "assessment_bridge.hpp"

#include <map>

#include "eligibility_bridge.hpp"
#include "embedded_assets.hpp"
#include "qaward/documents.hpp"
#include "qaward/version.hpp"

namespace qaward {

const Result<Criteria>& shipped_criteria() {
  static const Result<Criteria> criteria = [] {
    const auto data = find_asset("criteria/gbt19580-2012.json");
    if (!data) return Result<Criteria>(std::vector{make_error("criteria.bad_model", "", {{"found", "not built in"}})});
    return parse_criteria(*data);
  }();
  return criteria;
}

std::string assessment_json(std::string_view request) {
  auto fail = [](const std::vector<Diagnostic>& d) {
    return nlohmann::json{{"error", true}, {"diagnostics", diagnostics_json(d)}}.dump();
  };
  const auto& criteria = shipped_criteria();
  if (!criteria.ok()) return fail(criteria.diagnostics());
  const auto assessment = parse_assessment(request, criteria.value());
  if (!assessment.ok()) return fail(assessment.diagnostics());
  const auto summary = summarize(assessment.value(), criteria.value());
  auto out = to_json(summary, assessment.value(), criteria.value());
  out["warnings"] = diagnostics_json(assessment.diagnostics());
  return out.dump();
}

std::string scoring_sheet_html(const AssessmentSummary& summary, const Assessment& assessment, const Criteria& criteria,
                               const std::string& org_name) {
  std::map<std::string, const ItemScore*> agreed;
  for (const auto& score : assessment.scores) {
    if (!score.rater) agreed[score.item] = &score;
  }
  std::string rows;
  std::size_t index = 0;
  for (const auto& category : summary.categories) {
    rows += "<tr class=\"category\"><td>" + html_escape(category.category->id) + "</td><td colspan=\"2\">" +
            html_escape(category.category->name) + "</td><td class=\"num\">" + std::to_string(category.category->points) +
            "</td><td></td><td></td><td class=\"num\">" + format_points(category.score_centi) + "</td><td></td></tr>";
    for (std::size_t k = 0; k < category.category->items.size(); ++k, ++index) {
      const auto& item = summary.items[index];
      const auto it = agreed.find(item.item->id);
      const ItemScore* score = it == agreed.end() ? nullptr : it->second;
      rows += "<tr><td>" + html_escape(item.item->id) + "</td><td>" + html_escape(item.item->name) + "</td><td>" +
              (item.item->results ? "结果" : "过程") + "</td><td class=\"num\">" + std::to_string(item.item->points) +
              "</td><td class=\"num\">" + (score ? std::to_string(score->band) : "") + "</td><td class=\"num\">" +
              (item.percent ? std::to_string(*item.percent) + "%" : "未评") + "</td><td class=\"num\">" +
              format_points(item.score_centi) + "</td><td>" + html_escape(score ? score->evidence : "") + "</td></tr>";
    }
  }
  const auto tmpl = find_asset("templates/scoring-sheet.html");
  const auto item_points = criteria.provenance.is_object() && criteria.provenance.contains("item_points")
                               ? criteria.provenance["item_points"].value("source", std::string())
                               : std::string();
  return fill_template(tmpl.value_or("{rows}"),
                       {{"org_name", org_name.empty() ? std::string("＿＿＿＿＿＿") : org_name},
                        {"total", format_points(summary.total_centi)},
                        {"points", std::to_string(criteria.total_points)},
                        {"process", format_points(summary.process_centi)},
                        {"process_points", std::to_string(summary.process_points)},
                        {"results", format_points(summary.results_centi)},
                        {"results_points", std::to_string(summary.results_points)},
                        {"provenance", item_points},
                        {"version", std::string(version())}},
                       {{"rows", rows}});
}

}  // namespace qaward
