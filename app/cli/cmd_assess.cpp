// qaward assess: the self-assessment against GB/T 19580-2012 summed up, with
// the scoring sheet as CSV and printable HTML; with --ratings, the raters'
// own rating files merged beside the agreed scores (issue 17), and the
// one-page summary of where they disagree for the consensus meeting.
#include <cmath>
#include <cstdio>

#include "../common/assessment_bridge.hpp"
#include "../common/eligibility_bridge.hpp"
#include "cli.hpp"
#include "files.hpp"
#include "qaward/rating.hpp"

namespace qaward::cli {

namespace {

// `text` padded with spaces to `width` terminal columns (CJK characters take two).
std::string pad(const std::string& text, std::size_t width) {
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
    columns += length >= 3 ? 2 : 1;  // three- and four-byte sequences here are CJK
    i += length;
  }
  return columns >= width ? text : text + std::string(width - columns, ' ');
}

std::string percent_text(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

void print_summary(const Context& ctx, const AssessmentSummary& s, const Assessment& a, const Criteria& c) {
  const Catalog& t = ctx.text();
  const bool en = ctx.language == Language::en;
  std::printf("%s\n", format_points(s.total_centi).c_str());
  std::printf("%s\n", t.text("cli.assess.total", {{"total", format_points(s.total_centi)}, {"points", std::to_string(c.total_points)},
                                                  {"scored", std::to_string(s.scored_items)}, {"items", std::to_string(s.item_count)}}).c_str());
  std::printf("%s\n\n%s\n", t.text("cli.assess.subtotals", {{"process", format_points(s.process_centi)},
                                                           {"process_points", std::to_string(s.process_points)},
                                                           {"results", format_points(s.results_centi)},
                                                           {"results_points", std::to_string(s.results_points)}}).c_str(),
              t.text("cli.assess.categories").c_str());
  for (const auto& cat : s.categories) {
    std::printf("  %-5s %s %8s / %d\n", cat.category->id.c_str(),
                pad(en ? cat.category->name_en : cat.category->name, 38).c_str(), format_points(cat.score_centi).c_str(),
                cat.category->points);
  }
  std::printf("\n%s\n", t.text("cli.assess.gaps").c_str());
  for (std::size_t i = 0; i < s.gaps.size() && i < 8; ++i) {
    const auto& g = s.gaps[i];
    const auto pct = g.percent ? std::to_string(*g.percent) + "%" : t.text("cli.assess.unscored");
    std::printf("  %-6s %s %7s  (%s x %d)\n", g.item->id.c_str(), pad(en ? g.item->name_en : g.item->name, 38).c_str(),
                format_points(g.at_stake_centi).c_str(), pct.c_str(), g.item->points);
  }
  if (!s.comparisons.empty()) {
    std::printf("\n%s\n", t.text("cli.assess.comparisons").c_str());
    for (std::size_t i = 0; i < s.comparisons.size() && i < 5; ++i) {
      const auto& g = s.comparisons[i];
      std::printf("  %-6s %s\n", g.item->id.c_str(),
                  t.text("cli.assess.comparison_row", {{"leader", percent_text(g.leader_average)},
                                                       {"staff", percent_text(g.staff_average)},
                                                       {"difference", percent_text(g.difference)}}).c_str());
    }
  }
  if (const auto order = by_disagreement(s); !order.empty()) {
    // The consensus meeting starts from the widest spread (EFQM, Baldrige).
    auto mean = [&](std::optional<std::int64_t> centi) { return centi ? format_points(*centi) + "%" : std::string("—"); };
    std::printf("\n%s\n", t.text("cli.assess.disagreement", {{"raters", std::to_string(a.raters.size())}}).c_str());
    for (std::size_t i = 0; i < order.size() && i < 10; ++i) {
      const auto& g = *order[i];
      std::printf("  %-6s %s\n", g.item->id.c_str(),
                  t.text("cli.assess.disagreement_row",
                         {{"spread", std::to_string(g.spread)}, {"min", std::to_string(g.min)}, {"max", std::to_string(g.max)},
                          {"mean", mean(g.mean_centi)}, {"leader", mean(g.leader_mean_centi)},
                          {"staff", mean(g.staff_mean_centi)}, {"count", std::to_string(g.scores.size())}}).c_str());
    }
  }
  std::string ratings;
  for (const auto& d : c.dimensions) {
    std::string value = "-";
    for (const auto& r : a.dimensions) {
      if (r.dimension == d.id && r.rating) value = std::to_string(*r.rating);
    }
    ratings += (ratings.empty() ? "" : "  ") + (en ? d.name.en : d.name.zh) + " " + value + "/" + std::to_string(c.rating_max);
  }
  std::printf("\n%s\n", t.text("cli.assess.unweighted", {{"ratings", ratings}}).c_str());
  std::printf("\n");
  for (const auto& [key, count] : {std::pair{"cli.assess.overview", s.overview}, std::pair{"cli.assess.report", s.report}}) {
    std::printf("%s\n", t.text(count.over() ? "cli.assess.counter_over" : "cli.assess.counter",
                               {{"name", t.text(key)}, {"count", std::to_string(count.characters)},
                                {"max", std::to_string(count.max)}}).c_str());
  }
  std::printf("%s\n", (en ? c.counter_definition.en : c.counter_definition.zh).c_str());
}

// The rating files read and checked; nullopt after every file's problems
// are printed, each naming its file and JSON path.
std::optional<std::vector<RatingFile>> read_ratings(const Context& ctx, const std::vector<std::string>& paths,
                                                    const Criteria& criteria) {
  std::vector<RatingFile> files;
  bool ok = true;
  for (const auto& path : paths) {
    const auto text = read_input(ctx, path);
    if (!text) {
      ok = false;
      continue;
    }
    auto rating = parse_rating(*text, criteria);
    auto diagnostics = rating.diagnostics();
    for (auto& d : diagnostics) d.where = path + (d.where.empty() ? "" : ": " + d.where);
    print_diagnostics(ctx, diagnostics);  // errors, or warnings beside a good rating
    if (!rating.ok()) {
      ok = false;
      continue;
    }
    files.push_back({path, std::move(rating).value()});
  }
  if (!ok) return std::nullopt;
  return files;
}

}  // namespace

int assess(const Context& ctx, const std::vector<std::string_view>& args) {
  const auto options = Options::parse(ctx, args, {"--input", "--format", "--csv", "--html", "--disagreement", "--org"},
                                      {"--help", "--force"}, 0, {"--ratings"});
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli.assess.help").c_str());
    return kExitOk;
  }
  const auto path = options->get("--input");
  if (!path) return usage_error(ctx, "cli.missing_option", {{"option", "--input"}});
  const auto as_json = wants_json(ctx, *options);
  if (!as_json) return kExitUsage;
  const auto rating_paths = options->get_all("--ratings");
  Inputs inputs;
  if (!inputs.add(ctx, *path)) return kExitUsage;
  for (const auto& rating : rating_paths) {
    if (!inputs.add(ctx, rating)) return kExitUsage;
  }
  // Every document is checked and opened before any work, and appears only
  // when the summary is complete; no two of them may be the same file.
  const std::vector<std::pair<std::string_view, std::optional<std::string>>> targets = {
      {"--csv", options->get("--csv")}, {"--html", options->get("--html")}, {"--disagreement", options->get("--disagreement")}};
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t k = i + 1; k < targets.size(); ++k) {
      if (targets[i].second && targets[k].second && *targets[i].second == *targets[k].second) {
        return usage_error(ctx, "cli.out.twice", {{"first", std::string(targets[i].first)},
                                                  {"second", std::string(targets[k].first)}, {"file", *targets[i].second}});
      }
    }
  }
  std::vector<std::unique_ptr<Output>> outputs(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (!targets[i].second) continue;
    outputs[i] = Output::open(ctx, *targets[i].second, inputs, {options->has("--force"), false});
    if (!outputs[i]) return kExitUsage;
  }
  const auto text = read_input(ctx, *path);
  if (!text) return kExitUsage;
  const Criteria* criteria = value_or_report(ctx, shipped_criteria());
  if (criteria == nullptr) return kExitUsage;
  const auto assessment = parse_assessment(*text, *criteria);
  if (!assessment.ok()) {
    print_diagnostics(ctx, assessment.diagnostics());
    return kExitUsage;
  }
  print_diagnostics(ctx, assessment.diagnostics());  // warnings
  const auto ratings = read_ratings(ctx, rating_paths, *criteria);
  if (!ratings) return kExitUsage;
  const auto merged = merge_ratings(assessment.value(), *ratings, *criteria);
  if (!merged.ok()) {
    print_diagnostics(ctx, merged.diagnostics());
    return kExitUsage;
  }
  const auto& team = merged.value().assessment;
  const auto& summary = merged.value().summary;
  const auto org = options->get("--org").value_or("");
  if (outputs[2] && by_disagreement(summary).empty()) return usage_error(ctx, "cli.assess.no_ratings");
  const std::string documents[] = {outputs[0] ? scoring_sheet_csv(summary, team) : "",
                                   outputs[1] ? scoring_sheet_html(summary, team, *criteria, org) : "",
                                   outputs[2] ? disagreement_html(summary, team, org) : ""};
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i] && !outputs[i]->finish(ctx, documents[i])) return kExitUsage;
  }
  if (*as_json) {
    auto out = to_json(summary, team, *criteria);
    if (!ratings->empty()) {  // the raters' CQA dimension ratings, compared as the items are
      out["dimension_ratings"] = nlohmann::json::array();
      for (const auto& d : merged.value().summary.dimension_agreement) {
        auto j = to_json(static_cast<const Agreement&>(d));
        j["dimension"] = d.dimension->id;
        out["dimension_ratings"].push_back(std::move(j));
      }
    }
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    print_summary(ctx, summary, team, *criteria);
  }
  return kExitOk;
}

}  // namespace qaward::cli
