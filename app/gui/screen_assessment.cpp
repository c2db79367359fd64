// [SECTION] Self-assessment against GB/T 19580-2012: per item a band (with its
// descriptor) and a percentage in 5 % steps inside it, evidence notes; the
// totals, the gap list and the overview's character count.
#include <imgui.h>

#include <algorithm>
#include <misc/cpp/imgui_stdlib.h>

#include <cmath>
#include <vector>

#include "app.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

// The China Quality Award's four dimensions (issue 17, item 4): a rating on
// the criteria's scale and the evidence for it, each. Unweighted: the award's
// weights are not public, and the note says so on screen.
void cqa_dimensions(AppState& state) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  const Criteria& c = *state.services.criteria;
  widgets::heading(t.text("assess.cqa.title"));
  widgets::colored_wrapped(widgets::kMuted, en ? c.dimensions_note.en : c.dimensions_note.zh);
  for (const auto& dimension : c.dimensions) {
    ImGui::PushID(dimension.id.c_str());
    const DimensionRating* rating = dimension_rating(state.draft, dimension.id);
    const std::string name = en ? dimension.name.en : dimension.name.zh;
    widgets::text(t.text("assess.cqa.rating", {{"dimension", name}, {"min", std::to_string(c.rating_min)}, {"max", std::to_string(c.rating_max)}}));
    if (const auto v = widgets::scale(state, ("cqa." + dimension.id).c_str(), c.rating_min, c.rating_max,
                                      rating ? rating->rating : std::nullopt)) {
      state.edit([id = dimension.id, v = *v](Draft& d) { edit_dimension_rating(d, id).rating = v; });
    }
    const std::string label = t.text("assess.cqa.evidence", {{"dimension", name}});
    widgets::colored_wrapped(widgets::kMuted, label);  // a label that stays when the field is filled
    if (auto text = widgets::long_text(state, ("cqa." + dimension.id + ".evidence").c_str(), label, rating ? rating->evidence : std::string(), 2.0f)) {
      state.edit([id = dimension.id, text = std::move(*text)](Draft& d) { edit_dimension_rating(d, id).evidence = text; });
    }
    ImGui::PopID();
  }
}

}  // namespace

void screen_assessment(AppState& state) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  widgets::heading(t.text("nav.assessment"), 1);
  ImGui::Separator();
  if (state.services.criteria == nullptr || !state.assessment_summary) return;
  const Criteria& c = *state.services.criteria;
  const AssessmentSummary& summary = *state.assessment_summary;  // derived when the draft changes

  widgets::text(t.text("cli.assess.total", {{"total", format_points(summary.total_centi)}, {"points", std::to_string(c.total_points)},
                                           {"scored", std::to_string(summary.scored_items)}, {"items", std::to_string(summary.item_count)}}));
  record_item(state, "assessment_total");
  widgets::help_marker(en ? c.title.en : c.title.zh);
  // The category names, for the bars beside (or, on a narrow page, below) the radar.
  const auto category_label = [&](const CategoryResult& cat) {
    return cat.category->id + " " + (en ? cat.category->name_en : cat.category->name);
  };
  float label_width = 0;
  for (const auto& cat : summary.categories) label_width = std::max(label_width, ImGui::CalcTextSize(category_label(cat).c_str()).x);
  const float bar_width = ImGui::GetFontSize() * 12.0f;
  const float bars_width = label_width + ImGui::GetStyle().ItemSpacing.x * 2.0f + bar_width;
  // A radar of the categories (share of each category's points).
  {
    const float radius = ImGui::GetFontSize() * 5.0f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 center(origin.x + radius * 1.6f, origin.y + radius * 1.2f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto n = summary.categories.size();
    auto point = [&](std::size_t i, float r) {
      const float angle = -1.5707963f + 6.2831853f * static_cast<float>(i) / static_cast<float>(n);
      return ImVec2(center.x + r * std::cos(angle), center.y + r * std::sin(angle));
    };
    for (float ring : {0.25f, 0.5f, 0.75f, 1.0f}) {
      for (std::size_t i = 0; i < n; ++i) draw->AddLine(point(i, radius * ring), point((i + 1) % n, radius * ring), IM_COL32(200, 200, 200, 255));
    }
    std::vector<ImVec2> shape;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& cat = summary.categories[i];
      const float share = static_cast<float>(cat.score_centi) / static_cast<float>(cat.category->points * 100);
      shape.push_back(point(i, radius * share));
      draw->AddLine(center, point(i, radius), IM_COL32(220, 220, 220, 255));
      const ImVec2 label = point(i, radius * 1.12f);
      draw->AddText(ImVec2(label.x - ImGui::GetFontSize(), label.y - ImGui::GetFontSize() * 0.5f), IM_COL32(60, 60, 60, 255), cat.category->id.c_str());
    }
    draw->AddConvexPolyFilled(shape.data(), static_cast<int>(shape.size()), IM_COL32(26, 84, 158, 60));
    draw->AddPolyline(shape.data(), static_cast<int>(shape.size()), IM_COL32(26, 84, 158, 255), ImDrawFlags_Closed, 2.0f);
    ImGui::Dummy(ImVec2(radius * 3.2f, radius * 2.5f));
    record_item(state, "radar");
    if (ImGui::GetContentRegionAvail().x >= radius * 3.2f + ImGui::GetStyle().ItemSpacing.x + bars_width) ImGui::SameLine();
  }
  ImGui::BeginGroup();
  // Category bars: score against points, after the longest name (within the group).
  for (const auto& cat : summary.categories) {
    const float fraction = static_cast<float>(cat.score_centi) / static_cast<float>(cat.category->points * 100);
    const std::string overlay = format_points(cat.score_centi) + " / " + std::to_string(cat.category->points);
    widgets::text(category_label(cat));
    // The bar beside the names where it fits, under its name on a phone.
    if (ImGui::GetContentRegionAvail().x >= bars_width) ImGui::SameLine(label_width + ImGui::GetStyle().ItemSpacing.x * 2.0f);
    widgets::progress(fraction, ImVec2(std::min(bar_width, ImGui::GetContentRegionAvail().x), 0), overlay);
  }
  ImGui::EndGroup();
  // Item bars: each item's score against its points (unscored items empty).
  const bool bars_open = widgets::disclosure(t.text("assess.item_bars"));
  record_item(state, "item_bars");
  if (bars_open) {
    for (const auto& r : summary.items) {
      const float fraction = static_cast<float>(r.score_centi) / static_cast<float>(r.item->points * 100);
      const std::string overlay = r.percent ? format_points(r.score_centi) + " / " + std::to_string(r.item->points)
                                            : t.text("assess.unscored", {{"points", std::to_string(r.item->points)}});
      widgets::text((r.item->id + " " + (en ? r.item->name_en : r.item->name)));
      if (ImGui::GetContentRegionAvail().x >= ImGui::GetFontSize() * 18.0f + bar_width) ImGui::SameLine(ImGui::GetFontSize() * 18.0f);
      widgets::progress(fraction, ImVec2(std::min(bar_width, ImGui::GetContentRegionAvail().x), 0), overlay);
      record_item(state, ("item_bar." + r.item->id).c_str());
    }
  }
  if (widgets::button(t.text("assess.export_csv"))) state.queue(ExportScoringSheet{false});
  record_item(state, "export_csv");
  widgets::same_line(widgets::button_width(t.text("assess.print_sheet")));
  if (widgets::button(t.text("assess.print_sheet"))) state.queue(ExportScoringSheet{true});
  ImGui::Spacing();
  ImGui::Separator();
  team_section(state);
  ImGui::Separator();
  if (!summary.gaps.empty()) {
    widgets::text(t.text("cli.assess.gaps"));
    for (std::size_t i = 0; i < 3 && i < summary.gaps.size(); ++i) {
      const auto& g = summary.gaps[i];
      ImGui::Bullet();
      widgets::text(g.item->id + " " + (en ? g.item->name_en : g.item->name) + "  " + format_points(g.at_stake_centi));
    }
  }
  ImGui::Separator();
  for (const auto& category : c.categories) {
    const bool open = widgets::disclosure(category.id + " " + (en ? category.name_en : category.name) + " (" + std::to_string(category.points) + ")");
    record_item(state, ("assess.category." + category.id).c_str());
    if (!open) continue;
    for (const auto& item : category.items) {
      ImGui::PushID(item.id.c_str());
      const ItemScore* score = agreed_score(state.draft, item.id);
      widgets::text((item.id + " " + (en ? item.name_en : item.name) + "  " + std::to_string(item.points) + t.text("ui.points")));
      std::string prompts;
      for (const auto& p : en ? item.prompts_en : item.prompts_zh) prompts += "· " + p + "\n";
      widgets::help_marker(prompts + "\n" + t.text(item.results ? "assess.letci" : "assess.adli"));
      const auto& bands = c.bands(item);
      const int band = score ? score->band : 0;
      widgets::item_width(ImGui::GetFontSize() * 22.0f);
      const std::string current = band ? std::to_string(bands[static_cast<std::size_t>(band - 1)].min) + "-" +
                                             std::to_string(bands[static_cast<std::size_t>(band - 1)].max) + "%  " +
                                             (en ? bands[static_cast<std::size_t>(band - 1)].text.en : bands[static_cast<std::size_t>(band - 1)].text.zh)
                                       : t.text("assess.choose_band");
      std::vector<std::string> choices;
      for (const auto& b : bands) choices.push_back(std::to_string(b.min) + "-" + std::to_string(b.max) + "%  " + (en ? b.text.en : b.text.zh));
      if (const auto b = widgets::combo(state, "##band", current, choices, band - 1, "")) {
        state.edit([id = item.id, b = *b, min = bands[*b].min](Draft& d) {
          auto& s = edit_agreed_score(d, id);
          s.band = static_cast<int>(b + 1);
          s.percent = min;
          s.provisional = false;  // set by the team, no longer the raters' mean
        });
      }
      if (score) {
        const auto& range = bands[static_cast<std::size_t>(score->band - 1)];
        widgets::same_line(ImGui::GetFontSize() * 8.0f);
        int percent = score->percent;
        widgets::item_width(ImGui::GetFontSize() * 8.0f);
        if (widgets::slider_int("##percent", &percent, range.min, range.max, "%d%%")) {
          percent = percent / 5 * 5;  // 5 % steps
          state.edit([id = item.id, percent](Draft& d) {
            auto& s = edit_agreed_score(d, id);
            s.percent = percent;
            s.provisional = false;
          });
        }
        const std::string item_score = t.text("assess.item_score", {{"score", format_points(static_cast<std::int64_t>(item.points) * score->percent)}});
        widgets::same_line(ImGui::CalcTextSize(item_score.c_str()).x);
        widgets::text_disabled(item_score);
        item_agreement(state, item);  // the raters' scores and the consensus note, when there are raters
        for (const auto& [key, member] : {std::pair{"assess.evidence_hint", &ItemScore::evidence},
                                          {"assess.strengths_hint", &ItemScore::strengths},
                                          {"assess.improvements_hint", &ItemScore::improvements}}) {
          // A label that stays when the field is filled, and room to write.
          const std::string label = t.text(key);
          widgets::text(label);
          const std::string field = "item." + item.id + "." + key;
          if (auto text = widgets::long_text(state, field.c_str(), item.id + " " + label, (*score).*member, 3.0f)) {
            state.edit([id = item.id, member = member, text = std::move(*text)](Draft& d) { edit_agreed_score(d, id).*member = text; });
          }
        }
      }
      ImGui::PopID();
      ImGui::Spacing();
    }
  }
  ImGui::Separator();
  cqa_dimensions(state);
  ImGui::Separator();
  widgets::text(t.text("cli.assess.overview"));
  widgets::help_marker(en ? c.counter_definition.en : c.counter_definition.zh);
  if (const auto overview = widgets::long_text(state, "overview", t.text("cli.assess.overview"),
                                               assessment_or_empty(state.draft).overview, 8.0f)) {
    state.edit([text = *overview](Draft& d) { edit_assessment(d).overview = text; });
  }
  auto counter = [&](const TextCount& count, const char* name) {
    widgets::colored_wrapped(count.over() ? widgets::kBad : widgets::kMuted,
                             t.text(count.over() ? "cli.assess.counter_over" : "cli.assess.counter",
                                    {{"name", t.text(name)}, {"count", std::to_string(count.characters)}, {"max", std::to_string(count.max)}}));
  };
  counter(summary.overview, "cli.assess.overview");
  widgets::text(t.text("cli.assess.report"));
  widgets::help_marker(en ? c.counter_definition.en : c.counter_definition.zh);
  if (const auto report = widgets::long_text(state, "report", t.text("cli.assess.report"),
                                             assessment_or_empty(state.draft).report, 12.0f)) {
    state.edit([text = *report](Draft& d) { edit_assessment(d).report = text; });
  }
  counter(summary.report, "cli.assess.report");
}

}  // namespace qaward::gui
