// qaward assess: the self-assessment against GB/T 19580-2012 summed up, with
// the scoring sheet as CSV and printable HTML.
#include <cmath>
#include <cstdio>

#include "../common/assessment_bridge.hpp"
#include "../common/eligibility_bridge.hpp"
#include "cli.hpp"
#include "files.hpp"

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

}  // namespace

int assess(const Context& ctx, const std::vector<std::string_view>& args) {
  const auto options = Options::parse(ctx, args, {"--input", "--format", "--csv", "--html", "--org"}, {"--help", "--force"});
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli.assess.help").c_str());
    return kExitOk;
  }
  const auto path = options->get("--input");
  if (!path) return usage_error(ctx, "cli.missing_option", {{"option", "--input"}});
  const auto as_json = wants_json(ctx, *options);
  if (!as_json) return kExitUsage;
  Inputs inputs;
  if (!inputs.add(ctx, *path)) return kExitUsage;
  // Both sheets are checked and opened before any work, and appear only
  // when the summary is complete.
  const auto csv_path = options->get("--csv");
  const auto html_path = options->get("--html");
  if (csv_path && html_path && *csv_path == *html_path) return usage_error(ctx, "cli.out.twice", {{"file", *csv_path}});
  std::unique_ptr<Output> csv_out;
  std::unique_ptr<Output> html_out;
  for (const auto& [target, out] : {std::pair{&csv_path, &csv_out}, {&html_path, &html_out}}) {
    if (!*target) continue;
    *out = Output::open(ctx, **target, inputs, {options->has("--force"), false});
    if (!*out) return kExitUsage;
  }
  const auto text = read_input(ctx, *path);
  if (!text) return kExitUsage;
  const auto& criteria = shipped_criteria();
  if (!criteria.ok()) {
    print_diagnostics(ctx, criteria.diagnostics());
    return kExitUsage;
  }
  const auto assessment = parse_assessment(*text, criteria.value());
  if (!assessment.ok()) {
    print_diagnostics(ctx, assessment.diagnostics());
    return kExitUsage;
  }
  print_diagnostics(ctx, assessment.diagnostics());  // warnings
  const auto summary = summarize(assessment.value(), criteria.value());
  if (csv_out) {
    if (!csv_out->finish(ctx, scoring_sheet_csv(summary, assessment.value()))) return kExitUsage;
  }
  if (html_out) {
    const auto page = scoring_sheet_html(summary, assessment.value(), criteria.value(), options->get("--org").value_or(""));
    if (!html_out->finish(ctx, page)) return kExitUsage;
  }
  if (*as_json) {
    std::printf("%s\n", to_json(summary, assessment.value(), criteria.value()).dump(2).c_str());
  } else {
    print_summary(ctx, summary, assessment.value(), criteria.value());
  }
  return kExitOk;
}

}  // namespace qaward::cli
