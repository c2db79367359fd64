#include "assessment_bridge.hpp"

#include <algorithm>
#include <map>

#include "eligibility_bridge.hpp"
#include "embedded_assets.hpp"
#include "qaward/documents.hpp"
#include "qaward/version.hpp"
#include "templates.hpp"

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

namespace {

// A mean or difference in hundredths as "56.67%"; "—" when that group did not score.
std::string percent_or_dash(std::optional<std::int64_t> centi) {
  return centi ? format_points(*centi) + "%" : std::string("—");
}

std::string group_label(const std::string& group) { return render_template("parts/group-" + group + ".html", {}); }

std::string org_or_blank(const std::string& org_name) {
  return org_name.empty() ? std::string("＿＿＿＿＿＿") : org_name;
}

// The raters' table of the scoring sheet: one column per rater; empty
// without raters.
std::string raters_table(const AssessmentSummary& summary, const Assessment& assessment) {
  if (assessment.raters.empty()) return {};
  std::string heads;
  for (const auto& r : assessment.raters) {
    heads += render_template("parts/scoring-rater-head.html",
                             {{"id", r.id}, {"name", r.name}, {"department", r.department}, {"group", group_label(r.group)}});
  }
  std::string rows;
  for (const auto& g : summary.agreement) {
    std::string cells;
    for (const auto& r : assessment.raters) {
      const auto own = std::find_if(g.scores.begin(), g.scores.end(), [&](const auto& p) { return p.first == r.id; });
      cells += render_template("parts/scoring-rater-cell.html",
                               {{"percent", own == g.scores.end() ? "" : std::to_string(own->second) + "%"}});
    }
    const auto whole = [&](int v) { return g.rated() ? std::to_string(v) + "%" : std::string(); };
    rows += render_template("parts/scoring-rater-row.html",
                            {{"id", g.item->id},
                             {"mean", g.rated() ? format_points(g.mean_centi) + "%" : ""},
                             {"min", whole(g.min)},
                             {"max", whole(g.max)},
                             {"spread", g.rated() ? std::to_string(g.spread) : ""},
                             {"leader_mean", percent_or_dash(g.leader_mean_centi)},
                             {"staff_mean", percent_or_dash(g.staff_mean_centi)},
                             {"consensus", consensus_words(find_agreed(assessment, g.item->id))}},
                            {{"cells", cells}});
  }
  return render_template("parts/scoring-raters.html", {{"count", std::to_string(assessment.raters.size())}},
                         {{"heads", heads}, {"rows", rows}});
}

}  // namespace

std::string scoring_rows(const AssessmentSummary& summary, const Assessment& assessment) {
  std::map<std::string, const ItemScore*> agreed;
  for (const auto& score : assessment.scores) {
    if (!score.rater) agreed[score.item] = &score;
  }
  std::string rows;
  std::size_t index = 0;
  for (const auto& category : summary.categories) {
    rows += render_template("parts/scoring-category.html", {{"id", category.category->id},
                                                            {"name", category.category->name},
                                                            {"points", std::to_string(category.category->points)},
                                                            {"score", format_points(category.score_centi)}});
    for (std::size_t k = 0; k < category.category->items.size(); ++k, ++index) {
      const auto& item = summary.items[index];
      const auto it = agreed.find(item.item->id);
      const ItemScore* score = it == agreed.end() ? nullptr : it->second;
      rows += render_template("parts/scoring-item.html",
                              {{"id", item.item->id},
                               {"name", item.item->name},
                               {"kind", item.item->results ? "结果" : "过程"},
                               {"points", std::to_string(item.item->points)},
                               {"band", score ? std::to_string(score->band) : ""},
                               {"percent", item.percent ? std::to_string(*item.percent) + "%" : "未评"},
                               {"score", format_points(item.score_centi)},
                               {"evidence", score ? score->evidence : ""}});
    }
  }
  return rows;
}

std::string dimensions_table(const Assessment& assessment, const Criteria& criteria) {
  if (assessment.dimensions.empty()) return {};
  std::string rows;
  for (const auto& known : criteria.dimensions) {  // in the criteria's order
    for (const auto& d : assessment.dimensions) {
      if (d.dimension != known.id) continue;
      rows += render_template("parts/dimension-row.html",
                              {{"name", known.name.zh}, {"rating", d.rating ? std::to_string(*d.rating) : "未评"}, {"evidence", d.evidence}});
    }
  }
  return render_template("parts/dimensions.html", {{"min", std::to_string(criteria.rating_min)}, {"max", std::to_string(criteria.rating_max)},
                                                   {"note", criteria.dimensions_note.zh}},
                         {{"rows", rows}});
}

std::string scoring_sheet_html(const AssessmentSummary& summary, const Assessment& assessment, const Criteria& criteria,
                               const std::string& org_name) {
  const auto item_points = criteria.provenance.is_object() && criteria.provenance.contains("item_points")
                               ? criteria.provenance["item_points"].value("source", std::string())
                               : std::string();
  return render_template("scoring-sheet.html",
                       {{"org_name", org_or_blank(org_name)},
                        {"total", format_points(summary.total_centi)},
                        {"points", std::to_string(criteria.total_points)},
                        {"process", format_points(summary.process_centi)},
                        {"process_points", std::to_string(summary.process_points)},
                        {"results", format_points(summary.results_centi)},
                        {"results_points", std::to_string(summary.results_points)},
                        {"provenance", item_points},
                        {"version", std::string(version())}},
                       {{"rows", scoring_rows(summary, assessment)}, {"raters", raters_table(summary, assessment)},
                        {"dimensions", dimensions_table(assessment, criteria)}});
}

std::string disagreement_html(const AssessmentSummary& summary, const Assessment& assessment, const std::string& org_name) {
  std::string rows;
  const auto order = by_disagreement(summary);
  for (const auto* g : order) {
    const auto& agreed = summary.items[static_cast<std::size_t>(g - summary.agreement.data())];
    const auto difference = g->leader_minus_staff_centi();
    rows += render_template("parts/disagreement-row.html",
                            {{"id", g->item->id},
                             {"name", g->item->name},
                             {"points", std::to_string(g->item->points)},
                             {"count", std::to_string(g->scores.size())},
                             {"min", std::to_string(g->min) + "%"},
                             {"max", std::to_string(g->max) + "%"},
                             {"spread", std::to_string(g->spread)},
                             {"mean", format_points(g->mean_centi) + "%"},
                             {"leader_mean", percent_or_dash(g->leader_mean_centi)},
                             {"staff_mean", percent_or_dash(g->staff_mean_centi)},
                             {"leader_minus_staff", difference ? (*difference > 0 ? "+" : "") + format_points(*difference) : "—"},
                             {"agreed", agreed.percent ? std::to_string(*agreed.percent) + "%" : ""},
                             {"consensus", consensus_words(find_agreed(assessment, g->item->id))}});
  }
  const auto leaders = std::count_if(assessment.raters.begin(), assessment.raters.end(),
                                     [](const Rater& r) { return r.group == "leader"; });
  return render_template("disagreement.html",
                         {{"org_name", org_or_blank(org_name)},
                          {"raters", std::to_string(assessment.raters.size())},
                          {"leaders", std::to_string(leaders)},
                          {"staff", std::to_string(static_cast<long>(assessment.raters.size()) - leaders)},
                          {"rated", std::to_string(order.size())},
                          {"version", std::string(version())}},
                         {{"rows", rows}});
}

}  // namespace qaward
