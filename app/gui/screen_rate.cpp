// [SECTION] Rater mode (issue 17, item 2): one member of the self-assessment
// team scores the items on their own, in their own browser, with the band
// descriptors beside each item, and hands their rating file to the
// coordinator. Kept in this browser like a draft; nothing is uploaded.
#include <imgui.h>

#include "app.hpp"
#include "team.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

void rate(AppState& state, std::function<void(Rating&)> change) { state.queue(UpdateRating{std::move(change)}); }

// Who is scoring: the coordinator sees leaders' and staff's scores apart.
void identity(AppState& state) {
  const Catalog& t = state.text();
  const Rater& r = state.team.rating.rater;
  widgets::heading(t.text("rate.who"));
  widgets::text(t.text("rate.name"));
  if (auto v = widgets::text_field(state, "rater_name", r.name, ImGui::GetFontSize() * 14.0f)) {
    rate(state, [v = *v](Rating& x) { x.rater.name = v; });
  }
  widgets::text(t.text("rate.group"));
  widgets::begin_choice();
  for (const char* group : {"leader", "staff"}) {
    const std::string label = t.text(std::string("rate.group.") + group);
    if (std::string(group) == "staff") widgets::same_line(widgets::checkbox_width(label));
    if (widgets::radio(label, r.group == group)) rate(state, [g = std::string(group)](Rating& x) { x.rater.group = g; });
    record_item(state, (std::string("rater_group.") + group).c_str());
  }
  widgets::end_choice();
  widgets::text(t.text("rate.department"));
  if (auto v = widgets::text_field(state, "rater_department", r.department, ImGui::GetFontSize() * 14.0f)) {
    rate(state, [v = *v](Rating& x) { x.rater.department = v; });
  }
  widgets::colored_wrapped(widgets::kMuted, t.text("rate.id", {{"id", r.id}}));
}

// One item: its bands with their descriptors (the scoring guidelines'
// words), the percentage inside the chosen band, and a note.
void item_rating(AppState& state, const Criteria& c, const CriteriaItem& item) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  const ItemScore* score = rater_score(state.team.rating, item.id);
  ImGui::PushID(item.id.c_str());
  widgets::heading(item.id + " " + (en ? item.name_en : item.name) + "  " + std::to_string(item.points) + t.text("ui.points"), 3);
  std::string prompts;
  for (const auto& p : en ? item.prompts_en : item.prompts_zh) prompts += "· " + p + "\n";
  widgets::help_marker(prompts + "\n" + t.text(item.results ? "assess.letci" : "assess.adli"));
  const auto& bands = c.bands(item);
  widgets::begin_choice();
  for (std::size_t b = 0; b < bands.size(); ++b) {
    const auto& band = bands[b];
    const std::string label = std::to_string(band.min) + "-" + std::to_string(band.max) + "%  " + (en ? band.text.en : band.text.zh);
    if (widgets::radio(label, score && score->band == static_cast<int>(b + 1))) {
      rate(state, [id = item.id, b, min = band.min](Rating& x) {
        auto& s = edit_rater_score(x, id);
        s.band = static_cast<int>(b + 1);
        s.percent = min;
      });
    }
    record_item(state, ("rate." + item.id + ".band" + std::to_string(b + 1)).c_str());
  }
  widgets::end_choice();
  if (widgets::clear_answer(state, ("rate." + item.id).c_str(), score != nullptr)) {
    rate(state, [id = item.id](Rating& x) { std::erase_if(x.scores, [&](const ItemScore& s) { return s.item == id; }); });
  }
  if (score) {
    const auto& range = bands[static_cast<std::size_t>(score->band - 1)];
    widgets::text(t.text("rate.percent"));
    int percent = score->percent;
    widgets::item_width(ImGui::GetFontSize() * 10.0f);
    if (widgets::slider_int("##percent", &percent, range.min, range.max, "%d%%")) {
      percent = percent / 5 * 5;  // 5 % steps
      rate(state, [id = item.id, percent](Rating& x) { edit_rater_score(x, id).percent = percent; });
    }
    record_item(state, ("rate." + item.id + ".percent").c_str());
    const std::string label = t.text("rate.note");
    widgets::colored_wrapped(widgets::kMuted, label);
    if (auto text = widgets::long_text(state, ("rate." + item.id + ".note").c_str(), item.id + " " + label, score->evidence, 2.0f)) {
      rate(state, [id = item.id, text = std::move(*text)](Rating& x) { edit_rater_score(x, id).evidence = text; });
    }
  }
  ImGui::PopID();
  ImGui::Spacing();
}

// The China Quality Award dimensions, optional for a rater.
void dimension_ratings(AppState& state, const Criteria& c) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  if (!widgets::disclosure(t.text("rate.dimensions"))) return;
  widgets::colored_wrapped(widgets::kMuted, en ? c.dimensions_note.en : c.dimensions_note.zh);
  for (const auto& dimension : c.dimensions) {
    ImGui::PushID(dimension.id.c_str());
    const auto& held = state.team.rating.dimensions;
    const auto it = std::find_if(held.begin(), held.end(), [&](const DimensionRating& d) { return d.dimension == dimension.id; });
    const std::string name = en ? dimension.name.en : dimension.name.zh;
    widgets::text(t.text("assess.cqa.rating", {{"dimension", name}, {"min", std::to_string(c.rating_min)}, {"max", std::to_string(c.rating_max)}}));
    if (const auto v = widgets::scale(state, ("rate.cqa." + dimension.id).c_str(), c.rating_min, c.rating_max,
                                      it == held.end() ? std::nullopt : it->rating)) {
      rate(state, [id = dimension.id, value = *v](Rating& x) {
        auto d = std::find_if(x.dimensions.begin(), x.dimensions.end(), [&](const DimensionRating& r) { return r.dimension == id; });
        if (d == x.dimensions.end()) d = x.dimensions.insert(x.dimensions.end(), DimensionRating{id, std::nullopt, ""});
        d->rating = value;
      });
    }
    ImGui::PopID();
  }
}

}  // namespace

void screen_rate(AppState& state) {
  const Catalog& t = state.text();
  widgets::heading(t.text("nav.rate"), 1);
  ImGui::Separator();
  if (state.services.criteria == nullptr) return;
  const Criteria& c = *state.services.criteria;
  widgets::wrapped_text(t.text("rate.intro"));
  identity(state);
  ImGui::Separator();
  // What is asked, and how far the rater has come.
  std::size_t asked = 0, scored = 0;
  for (const auto& category : c.categories) {
    for (const auto& item : category.items) {
      if (!is_asked(state.team, item)) continue;
      ++asked;
      if (rater_score(state.team.rating, item.id) != nullptr) ++scored;
    }
  }
  widgets::heading(t.text("rate.items"));
  if (!state.team.asked.empty()) widgets::colored_wrapped(widgets::kMuted, t.text("rate.asked_some", {{"n", std::to_string(asked)}}));
  widgets::status_text(scored == asked ? widgets::kGood : widgets::kMuted,
                       t.text("rate.progress", {{"scored", std::to_string(scored)}, {"asked", std::to_string(asked)}}));
  record_item(state, "rate_progress");
  for (const auto& category : c.categories) {
    const bool any = std::any_of(category.items.begin(), category.items.end(), [&](const CriteriaItem& i) { return is_asked(state.team, i); });
    if (!any) continue;
    const bool en = state.language == Language::en;
    const bool open = widgets::disclosure(category.id + " " + (en ? category.name_en : category.name) + " (" + std::to_string(category.points) + ")");
    record_item(state, ("rate.category." + category.id).c_str());
    if (!open) continue;
    for (const auto& item : category.items) {
      if (is_asked(state.team, item)) item_rating(state, c, item);
    }
  }
  dimension_ratings(state, c);
  ImGui::Separator();
  widgets::heading(t.text("rate.hand_in"));
  widgets::wrapped_text(t.text("rate.hand_in_how"));
  if (widgets::button(t.text("rate.export"))) state.queue(ExportRating{});
  record_item(state, "export_rating");
  if (!state.notice.text.empty()) widgets::notice_text(state.notice.is_error, state.notice.text);
}

}  // namespace qaward::gui
