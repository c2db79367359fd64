// [SECTION] The coordinator's part of the self-assessment screen (issue 17,
// item 3): the raters' files imported into the draft, where they disagree
// (items by spread, a heat map of items × raters, leaders against staff),
// and the agreed score with the consensus meeting's note per item.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "semantics.hpp"
#include "team.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

std::string percent_text(std::int64_t centi) { return format_points(centi) + "%"; }
std::string percent_or_dash(const std::optional<std::int64_t>& centi) { return centi ? percent_text(*centi) : "—"; }

// How to ask raters, and the import.
void invitation(AppState& state) {
  const Catalog& t = state.text();
  const std::string link = state.ui.page_address + "#rate";
  widgets::wrapped_text(t.text("team.how", {{"link", link}}));
  if (widgets::button(t.text("team.copy_link"), true)) ImGui::SetClipboardText(link.c_str());
  record_item(state, "copy_rate_link");
  widgets::same_line(widgets::button_width(t.text("team.import")));
  if (widgets::button(t.text("team.import"), true)) state.queue(PickRatings{});
  record_item(state, "import_ratings");
  if (state.team.imported.empty()) return;
  for (const auto& said : state.team.imported) widgets::notice_text(said.is_error, said.text);
  if (state.team.replacement) {  // a newer file from a rater already imported: the coordinator decides
    if (widgets::button(t.text("team.replace"), true)) state.queue(ReplaceRating{true});
    record_item(state, "replace_rating");
    widgets::same_line(widgets::button_width(t.text("team.keep_earlier")));
    if (widgets::button(t.text("team.keep_earlier"), true)) state.queue(ReplaceRating{false});
    record_item(state, "keep_earlier_rating");
  }
  if (widgets::button(t.text("ui.dismiss"), true)) {
    state.team.imported.clear();
    state.team.replacement.reset();
  }
  record_item(state, "dismiss_imported");
}

void raters_table(AppState& state, const Assessment& a) {
  const Catalog& t = state.text();
  const float row_min = ImGui::GetFontSize() * 24.0f;
  if (!widgets::begin_table("##raters", t.text("team.raters", {{"n", std::to_string(a.raters.size())}}), 5,
                            ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH, ImVec2(0, 0), row_min)) {
    return;
  }
  for (const char* key : {"team.col.rater", "team.col.group", "team.col.department", "team.col.scored", "team.col.remove"}) {
    ImGui::TableSetupColumn(t.text(key).c_str());
  }
  widgets::table_headers();
  for (const auto& r : a.raters) {
    ImGui::PushID(r.id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    widgets::text(rater_name(r));
    widgets::tooltip(r.id);
    ImGui::TableNextColumn();
    widgets::text(t.text(r.group == "leader" ? "team.leader" : "team.staff"));
    ImGui::TableNextColumn();
    widgets::text(r.department);
    ImGui::TableNextColumn();
    const auto n = std::count_if(a.scores.begin(), a.scores.end(), [&](const ItemScore& s) { return s.rater && *s.rater == r.id; });
    widgets::text(std::to_string(n));
    ImGui::TableNextColumn();
    if (widgets::button(t.text("team.remove"), true, r.name)) state.queue(RemoveRater{r.id});
    record_item(state, ("remove_rater." + r.id).c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// The rated items, widest disagreement first: where the consensus meeting starts.
void disagreement_table(AppState& state, const AssessmentSummary& summary) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  const auto order = by_disagreement(summary);
  if (!widgets::begin_table("##disagreement", t.text("team.by_spread"), 9, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH,
                            ImVec2(0, 0), ImGui::GetFontSize() * 38.0f)) {
    return;
  }
  // The item's name takes the room it needs; the numbers share the rest.
  ImGui::TableSetupColumn(t.text("team.col.item").c_str(), ImGuiTableColumnFlags_WidthStretch, 4.0f);
  for (const char* key : {"team.col.count", "team.col.mean", "team.col.range", "team.col.spread", "team.col.leaders",
                          "team.col.staff", "team.col.difference", "team.col.agreed"}) {
    ImGui::TableSetupColumn(t.text(key).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  }
  widgets::table_headers();
  for (const auto* g : order) {
    const auto& result = summary.items[static_cast<std::size_t>(g - summary.agreement.data())];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    widgets::text(g->item->id + " " + (en ? g->item->name_en : g->item->name));
    ImGui::TableNextColumn();
    widgets::text(std::to_string(g->scores.size()));
    ImGui::TableNextColumn();
    widgets::text(percent_text(g->mean_centi));
    ImGui::TableNextColumn();
    widgets::text(std::to_string(g->min) + "–" + std::to_string(g->max) + "%");
    ImGui::TableNextColumn();
    widgets::text_colored(g->spread >= 30 ? widgets::kBad : g->spread >= 15 ? widgets::kWarn : widgets::kMuted, std::to_string(g->spread));
    ImGui::TableNextColumn();
    widgets::text(percent_or_dash(g->leader_mean_centi));
    ImGui::TableNextColumn();
    widgets::text(percent_or_dash(g->staff_mean_centi));
    ImGui::TableNextColumn();  // leaders' mean minus staff's, in percentage points, signed
    const auto difference = g->leader_minus_staff_centi();
    widgets::text(difference ? (*difference > 0 ? "+" : "") + format_points(*difference) : "—");
    ImGui::TableNextColumn();
    widgets::text(result.percent ? std::to_string(*result.percent) + "%" : "—");
  }
  ImGui::EndTable();
}

// The raters' China Quality Award dimension ratings (质量、技术、品牌、效益), compared
// as the items are; only when a rater rated one.
void dimensions_table(AppState& state, const AssessmentSummary& summary) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  const auto rated = std::any_of(summary.dimension_agreement.begin(), summary.dimension_agreement.end(),
                                 [](const DimensionAgreement& d) { return d.rated(); });
  if (!rated) return;
  if (!widgets::begin_table("##dimensions", t.text("team.dimensions"), 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH,
                            ImVec2(0, 0), ImGui::GetFontSize() * 30.0f)) {
    return;
  }
  for (const char* key : {"team.col.dimension", "team.col.count", "team.col.mean", "team.col.range", "team.col.spread",
                          "team.col.leaders", "team.col.staff"}) {
    ImGui::TableSetupColumn(t.text(key).c_str());
  }
  widgets::table_headers();
  const auto mean = [](const std::optional<std::int64_t>& centi) { return centi ? format_points(*centi) : std::string("—"); };
  for (const auto& d : summary.dimension_agreement) {
    if (!d.rated()) continue;
    ImGui::TableNextRow();
    for (const std::string& cell : {en ? d.dimension->name.en : d.dimension->name.zh, std::to_string(d.scores.size()),
                                    format_points(d.mean_centi), std::to_string(d.min) + "–" + std::to_string(d.max),
                                    std::to_string(d.spread), mean(d.leader_mean_centi), mean(d.staff_mean_centi)}) {
      ImGui::TableNextColumn();
      widgets::text(cell);
    }
  }
  ImGui::EndTable();
}

// Items × raters, each cell coloured by the rater's percent: the pattern of
// disagreement at a glance, with the numbers in the cells. A screen reader
// reads each row as one sentence ("4.1.2：总经理 65%，…") instead of a grid
// of hundreds of cells (20 raters: some 1,000 nodes for the page's mirror,
// a long task when the map opens).
void heat_map(AppState& state, const Assessment& a, const AssessmentSummary& summary) {
  const Catalog& t = state.text();
  const int columns = static_cast<int>(a.raters.size()) + 1;
  if (!widgets::begin_table("##heat", "", columns, ImGuiTableFlags_BordersInner,
                            ImVec2(0, 0), ImGui::GetFontSize() * (4.0f + 3.5f * static_cast<float>(a.raters.size())))) {
    return;
  }
  semantics::hide_begin();
  ImGui::TableSetupColumn(t.text("team.col.item").c_str());
  for (const auto& r : a.raters) ImGui::TableSetupColumn(rater_name(r).c_str());
  widgets::table_headers();
  for (const auto& g : summary.agreement) {
    if (!g.rated()) continue;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const ImVec2 row_min = ImGui::GetCursorScreenPos();
    widgets::text(g.item->id);
    std::string sentence;
    for (const auto& r : a.raters) {
      ImGui::TableNextColumn();
      const auto own = std::find_if(g.scores.begin(), g.scores.end(), [&](const auto& p) { return p.first == r.id; });
      if (own == g.scores.end()) continue;
      sentence += (sentence.empty() ? "" : t.text("ui.list_separator")) + rater_name(r) + " " + std::to_string(own->second) + "%";
      // Pale (0 %) to the accent blue (100 %); black or white text, whichever
      // contrasts more (at least 4.58:1 for any fill).
      const float f = static_cast<float>(own->second) / 100.0f;
      const ImVec4 fill(0.93f + (0.10f - 0.93f) * f, 0.95f + (0.33f - 0.95f) * f, 0.98f + (0.62f - 0.98f) * f, 1.0f);
      const auto linear = [](float c) { return c <= 0.03928f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); };
      const float luminance = 0.2126f * linear(fill.x) + 0.7152f * linear(fill.y) + 0.0722f * linear(fill.z);
      const bool dark_text = (luminance + 0.05f) / 0.05f >= 1.05f / (luminance + 0.05f);
      ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ImGui::GetColorU32(fill));
      widgets::text_colored(dark_text ? ImVec4(0, 0, 0, 1) : ImVec4(1, 1, 1, 1), std::to_string(own->second) + "%");
    }
    semantics::hide_end();
    (void)semantics::add_text(semantics::Role::paragraph, t.text("team.heat_row", {{"item", g.item->id}, {"scores", sentence}}),
                              row_min, ImVec2(row_min.x + ImGui::GetContentRegionAvail().x, ImGui::GetItemRectMax().y));
    semantics::hide_begin();
  }
  semantics::hide_end();
  ImGui::EndTable();
}

// Leaders' mean against staff's, per item both groups scored: a line
// between two marks (the difference is in the table above, in numbers).
void groups_chart(AppState& state, const AssessmentSummary& summary) {
  const Catalog& t = state.text();
  const float font = ImGui::GetFontSize();
  const ImU32 leader = ImGui::GetColorU32(widgets::kAccent);
  const ImU32 staff = ImGui::GetColorU32(widgets::kWarn);
  const ImU32 axis = IM_COL32(120, 120, 120, 255);
  widgets::colored_wrapped(widgets::kMuted, t.text("team.groups_legend"));
  const float label_w = font * 4.0f;
  const float width = std::max(font * 8.0f, std::min(font * 28.0f, ImGui::GetContentRegionAvail().x - label_w));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  int rows = 0;
  for (const auto& g : summary.agreement) {
    if (!g.leader_mean_centi || !g.staff_mean_centi) continue;
    ++rows;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float y = at.y + font * 0.6f;
    const auto x_of = [&](std::int64_t centi) { return at.x + label_w + width * static_cast<float>(centi) / 10000.0f; };
    draw->AddText(ImVec2(at.x, at.y), ImGui::GetColorU32(ImGuiCol_Text), g.item->id.c_str());
    draw->AddLine(ImVec2(at.x + label_w, y), ImVec2(at.x + label_w + width, y), axis, 1.0f);
    const float xl = x_of(*g.leader_mean_centi), xs = x_of(*g.staff_mean_centi);
    draw->AddLine(ImVec2(xs, y), ImVec2(xl, y), IM_COL32(60, 60, 60, 255), 2.0f);
    draw->AddCircleFilled(ImVec2(xl, y), font * 0.3f, leader);
    draw->AddRectFilled(ImVec2(xs - font * 0.25f, y - font * 0.25f), ImVec2(xs + font * 0.25f, y + font * 0.25f), staff);
    ImGui::Dummy(ImVec2(label_w + width, font * 1.3f));
  }
  if (rows == 0) widgets::text_disabled(t.text("team.groups_none"));
  record_item(state, "groups_chart");
}

}  // namespace

void team_section(AppState& state) {
  const Catalog& t = state.text();
  widgets::heading(t.text("team.title"));
  invitation(state);
  const Assessment& a = assessment_or_empty(state.draft);
  if (a.raters.empty() || !state.assessment_summary) return;
  const AssessmentSummary& summary = *state.assessment_summary;
  raters_table(state, a);
  const auto provisional = std::count_if(a.scores.begin(), a.scores.end(), [](const ItemScore& s) { return !s.rater && s.provisional; });
  if (provisional > 0) {
    widgets::colored_wrapped(widgets::kWarn, t.text("team.provisional_count", {{"n", std::to_string(provisional)}}));
  }
  if (widgets::button(t.text("team.print_disagreement"), true)) state.queue(ExportScoringSheet{true, true});
  record_item(state, "print_disagreement");
  disagreement_table(state, summary);
  dimensions_table(state, summary);
  if (widgets::disclosure(t.text("team.heat_map"))) heat_map(state, a, summary);
  record_item(state, "heat_map");
  const bool groups_open = widgets::disclosure(t.text("team.groups"));
  record_item(state, "groups_open");
  if (groups_open) groups_chart(state, summary);
}

void item_agreement(AppState& state, const CriteriaItem& item) {
  const Catalog& t = state.text();
  if (!state.assessment_summary) return;
  const auto& agreement = state.assessment_summary->agreement;
  const auto g = std::find_if(agreement.begin(), agreement.end(), [&](const ItemAgreement& x) { return x.item == &item; });
  if (g == agreement.end() || !g->rated()) return;
  widgets::colored_wrapped(widgets::kMuted, t.text("team.item_line", {{"n", std::to_string(g->scores.size())},
                                                                      {"mean", percent_text(g->mean_centi)},
                                                                      {"min", std::to_string(g->min)},
                                                                      {"max", std::to_string(g->max)},
                                                                      {"spread", std::to_string(g->spread)}}));
  const ItemScore* agreed = agreed_score(state.draft, item.id);
  if (agreed == nullptr) return;
  if (agreed->provisional) {
    widgets::colored_wrapped(widgets::kWarn, t.text("team.not_discussed"));
    if (widgets::button(t.text("team.confirm"), true, item.id)) {
      state.edit([id = item.id](Draft& d) { edit_agreed_score(d, id).provisional = false; });
    }
    record_item(state, ("confirm." + item.id).c_str());
  }
  const std::string label = t.text("team.consensus");
  widgets::colored_wrapped(widgets::kMuted, label);
  if (auto text = widgets::long_text(state, ("consensus." + item.id).c_str(), item.id + " " + label, agreed->consensus, 2.0f)) {
    state.edit([id = item.id, text = std::move(*text)](Draft& d) {
      auto& s = edit_agreed_score(d, id);
      s.consensus = text;
      s.provisional = false;  // the team has spoken
    });
  }
}

}  // namespace qaward::gui
