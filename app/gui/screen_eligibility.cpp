// [SECTION] Eligibility: the questions in small groups, each citing its
// article, and the live verdict with every check's outcome, the values used
// and what to do next (Articles 2, 9, 11(3), 16, 20; notes for 10 and 21).
#include <imgui.h>

#include "app.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

// The kind of a history record (an award's kind is called "award").
std::string& kind_of(Incident& r) { return r.kind; }
std::string& kind_of(Violation& r) { return r.kind; }
std::string& kind_of(Sanction& r) { return r.kind; }
std::string& kind_of(AwardRecord& r) { return r.award; }
const std::string& kind_of(const Incident& r) { return r.kind; }
const std::string& kind_of(const Violation& r) { return r.kind; }
const std::string& kind_of(const Sanction& r) { return r.kind; }
const std::string& kind_of(const AwardRecord& r) { return r.award; }

// A list answer: none, or records with a date and a kind; neither radio
// chosen while unanswered, and the clear button to take "none" back.
template <class Record>
void record_list(AppState& state, const char* id, const char* kind_prefix, std::vector<const char*> kinds,
                 std::optional<std::vector<Record>> Profile::History::*member, bool with_major = false) {
  const Catalog& t = state.text();
  const auto& list = state.draft.profile.history.*member;
  ImGui::PushID(id);
  const int mode = !list ? 0 : list->empty() ? 1 : 2;
  widgets::begin_choice();
  if (widgets::radio(t.text("ui.none"), mode == 1)) {
    state.edit([member](Draft& d) { d.profile.history.*member = std::vector<Record>{}; });
  }
  record_item(state, (std::string(id) + ".none").c_str());
  widgets::same_line(widgets::checkbox_width(t.text("ui.some")));
  const Date today = state.now.date;
  const bool some = widgets::radio(t.text("ui.some"), mode == 2);
  widgets::end_choice();
  if (some && mode != 2) {
    state.edit([member, kinds, today](Draft& d) {
      Record r{};
      r.date = today;
      kind_of(r) = kinds.front();
      (d.profile.history.*member).emplace().push_back(r);
    });
  }
  // Records typed in are taken back one by one (删除), not all with one click.
  if (widgets::clear_answer(state, id, mode == 1)) {
    state.edit([member](Draft& d) { d.profile.history.*member = std::nullopt; });
  }
  if (mode == 2) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& r = (*list)[i];
      ImGui::PushID(static_cast<int>(i));
      const std::string field = std::string(id) + "." + std::to_string(i) + ".date";
      if (auto v = widgets::date_field(state, field.c_str(), r.date); v && *v) {
        state.edit([member, i, date = **v](Draft& d) { (*(d.profile.history.*member))[i].date = date; });
      }
      widgets::same_line(ImGui::GetFontSize() * 8.0f);
      widgets::item_width(ImGui::GetFontSize() * 8.0f);
      std::vector<std::string> names;
      int current = -1;
      for (const char* k : kinds) {
        if (kind_of(r) == k) current = static_cast<int>(names.size());
        names.push_back(t.text(std::string(kind_prefix) + k));
      }
      if (const auto k = widgets::combo(state, "##kind", t.text(std::string(kind_prefix) + kind_of(r)), names, current, "")) {
        state.edit([member, i, k = kinds[*k]](Draft& d) { kind_of((*(d.profile.history.*member))[i]) = k; });
      }
      if constexpr (requires { r.major; }) {
        if (with_major) {
          widgets::same_line(widgets::checkbox_width(t.text("elig.q.major")));
          bool major = r.major.value_or(false);
          if (widgets::checkbox(t.text("elig.q.major"), &major)) {
            state.edit([member, i, major](Draft& d) { (*(d.profile.history.*member))[i].major = major; });
          }
        }
      }
      widgets::same_line(widgets::button_width(t.text("ui.remove")));
      if (widgets::button(t.text("ui.remove"), true)) {
        state.edit([member, i](Draft& d) {
          auto& v = *(d.profile.history.*member);
          v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
        });
      }
      ImGui::PopID();
    }
    if (widgets::button(t.text("ui.add"), true)) {
      state.edit([member, kinds, today](Draft& d) {
        Record r{};
        r.date = today;
        kind_of(r) = kinds.front();
        (d.profile.history.*member)->push_back(r);
      });
    }
  }
  ImGui::PopID();
}

// A question about the draft member `field`; when a change link leads to it,
// it scrolls into view.
void question(AppState& state, const char* key, const char* article_key, std::string_view field) {
  const Catalog& t = state.text();
  widgets::wrapped_text(t.text(key));
  widgets::help_marker(t.text(article_key));
  reveal_field(state, field);
}

// The draft member a check's answer is: a question on this screen, or a
// field of the profile.
std::string field_of(const std::string& check) {
  static constexpr std::pair<std::string_view, const char*> kFields[] = {
      {"art2.organization-kind", "/profile/organization/kind"},
      {"art9.2.registered-in-urumqi", "/profile/organization/registered_in_urumqi"},
      {"art9.2.operating-years", "/profile/organization/established_on"},
      {"art9.1.supports-policies", "/profile/declarations/supports_policies"},
      {"art9.4.quality-strategy", "/profile/declarations/quality_strategy"},
      {"art9.5.quality-management-system", "/profile/declarations/quality_management_system"},
      {"art9.3.no-major-incident", "/profile/history/incidents"},
      {"art9.3.no-violation-record", "/profile/history/violations"},
      {"art11.3.not-on-anomaly-list", "/profile/history/on_business_anomaly_list"},
      {"art11.3.not-on-serious-violation-list", "/profile/history/on_serious_violation_list"},
      {"art16.winner-reapplication", "/profile/history/awards"},
      {"art20.1.false-materials-ban", "/profile/history/sanctions"},
      {"art20.2.improper-means-ban", "/profile/history/sanctions"},
  };
  for (const auto& [id, field] : kFields) {
    if (check == id) return field;
  }
  return "/profile/organization";
}

std::string yes_no_text(const Catalog& t, const std::optional<bool>& v) {
  return t.text(!v ? "ui.unanswered" : *v ? "ui.yes" : "ui.no");
}

template <class Record>
std::string records_text(const Catalog& t, const std::optional<std::vector<Record>>& list) {
  if (!list) return t.text("ui.unanswered");
  if (list->empty()) return t.text("ui.none");
  return t.text("elig.s.records", {{"count", std::to_string(list->size())}});
}

// Check your answers (GOV.UK's pattern): every answer the verdict rests on,
// each with a link to where it is changed.
void answers(AppState& state) {
  const Catalog& t = state.text();
  const auto& p = state.draft.profile;
  const auto& o = p.organization;
  widgets::heading(t.text("elig.s.title"));
  struct Row {
    std::string label, answer;
    const char* field;  // the draft member (its screen follows: screen_of_field)
  };
  const std::string unanswered = t.text("ui.unanswered");
  const std::vector<Row> rows = {
      {t.text("profile.name"), o.name.value_or(unanswered), "/profile/organization/name"},
      {t.text("profile.uscc"), o.uscc.value_or(unanswered), "/profile/organization/uscc"},
      {t.text("profile.kind"), o.kind ? t.text("kind." + *o.kind) : unanswered, "/profile/organization/kind"},
      {t.text("profile.district"), o.district ? district_name(t, *o.district) : unanswered, "/profile/organization/district"},
      {t.text("profile.established_on"), o.established_on ? to_string(*o.established_on) : unanswered, "/profile/organization/established_on"},
      {t.text("profile.four_new"), yes_no_text(t, o.four_new), "/profile/organization/four_new"},
      {t.text("elig.s.supports_policies"), yes_no_text(t, p.declarations.supports_policies), "/profile/declarations/supports_policies"},
      {t.text("elig.s.quality_strategy"), yes_no_text(t, p.declarations.quality_strategy), "/profile/declarations/quality_strategy"},
      {t.text("elig.s.quality_management_system"), yes_no_text(t, p.declarations.quality_management_system), "/profile/declarations/quality_management_system"},
      {t.text("elig.s.incidents"), records_text(t, p.history.incidents), "/profile/history/incidents"},
      {t.text("elig.s.violations"), records_text(t, p.history.violations), "/profile/history/violations"},
      {t.text("elig.s.anomaly"), yes_no_text(t, p.history.on_business_anomaly_list), "/profile/history/on_business_anomaly_list"},
      {t.text("elig.s.serious"), yes_no_text(t, p.history.on_serious_violation_list), "/profile/history/on_serious_violation_list"},
      {t.text("elig.s.awards"), records_text(t, p.history.awards), "/profile/history/awards"},
      {t.text("elig.s.sanctions"), records_text(t, p.history.sanctions), "/profile/history/sanctions"},
  };
  if (!widgets::begin_table("##answers", t.text("elig.s.title"), 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3.0f);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    widgets::wrapped_text(row.label);
    ImGui::TableNextColumn();
    if (row.answer == unanswered) widgets::text_colored(widgets::kWarn, row.answer);
    else widgets::wrapped_text(row.answer);
    ImGui::TableNextColumn();
    if (widgets::button(t.text("elig.s.change"), true, row.label)) {
      go_to_field(state, row.field);
    }
    record_item(state, ("change." + std::to_string(i)).c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void verdict(AppState& state) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  if (!state.eligibility_errors.empty()) {
    for (const auto& e : state.eligibility_errors) widgets::colored_wrapped(widgets::kBad, in_words(t, e));
    return;
  }
  if (!state.eligibility) return;
  const auto& r = *state.eligibility;
  const ImVec4 color = r.outcome == Eligibility::eligible ? widgets::kGood
                       : r.outcome == Eligibility::not_eligible ? widgets::kBad
                                                                : widgets::kWarn;
  widgets::emphasized(color, t.text("elig.verdict", {{"outcome", t.text("elig.outcome." + std::string(to_string(r.outcome)))}}));
  record_item(state, "verdict");
  widgets::colored_wrapped(widgets::kMuted, t.text("elig.reference_date", {{"date", to_string(r.date)}}));
  for (const auto& c : r.checks) {
    // Marks from GB2312, which the interface font holds.
    const char* mark = c.outcome == Outcome::pass ? "√" : c.outcome == Outcome::fail ? "×" : "？";
    const ImVec4 mark_color = c.outcome == Outcome::pass ? widgets::kGood : c.outcome == Outcome::fail ? widgets::kBad : widgets::kWarn;
    widgets::mark(mark_color, mark, t.text(std::string("ui.mark.") + to_string(c.outcome)));
    ImGui::SameLine();
    const auto& citation = en ? c.rule->citation.en : c.rule->citation.zh;
    widgets::wrapped_text(citation + "  " + t.text(c.message_key, c.values));
    std::string help = t.text("ui.law_words", {{"text", c.rule->excerpt}});
    if (c.rule->interpretation) help += "\n\n" + (en ? c.rule->interpretation->en : c.rule->interpretation->zh);
    if (c.rule->not_modelled) help += "\n\n" + (en ? c.rule->not_modelled->en : c.rule->not_modelled->zh);
    if (!c.rule->verified && c.rule->unverified_note) help += "\n\n" + (en ? c.rule->unverified_note->en : c.rule->unverified_note->zh);
    widgets::help_marker(help);
    if (!c.next_key.empty()) {
      ImGui::Indent();
      widgets::colored_wrapped(widgets::kMuted, t.text("cli.elig.next", {{"next", t.text(c.next_key, c.values)}}));
      if (c.refer_to_office) widgets::colored_wrapped(widgets::kWarn, t.text("cli.elig.refer"));
      // What is missing or not met leads to its question (issue 16).
      if (c.outcome != Outcome::pass && !c.refer_to_office) {
        ImGui::PushID(c.rule->id.c_str());
        if (widgets::button(t.text(c.outcome == Outcome::unknown ? "elig.go_answer" : "elig.s.change"), true, citation)) {
          go_to_field(state, field_of(c.rule->id));
        }
        record_item(state, ("answer." + c.rule->id).c_str());
        ImGui::PopID();
      }
      ImGui::Unindent();
    }
  }
  for (const auto& n : r.notes) widgets::colored_wrapped(widgets::kMuted, t.text(n.message_key, n.values));
}

// The edition the verdict follows and, when it is not the default, the rules
// in which it differs from the default (computed in app/common/editions.cpp).
void edition_section(AppState& state) {
  const auto* rules = state.services.rules;
  const auto* editions = state.services.editions;
  if (rules == nullptr) return;
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  const auto title = [en](const RuleSet& r) { return en ? r.title.en : r.title.zh; };
  widgets::colored_wrapped(widgets::kMuted, t.text("elig.edition", {{"title", title(*rules)}}));
  edition_unknown_warning(state);
  if (editions == nullptr || rules->edition == editions->default_edition) return;
  const auto& diffs = state.edition_differences;
  widgets::colored_wrapped(widgets::kWarn, t.text(diffs.empty() ? "elig.diff.none" : "elig.diff.title",
                                                  {{"title", title(editions->default_rules())},
                                                   {"count", std::to_string(diffs.size())}}));
  record_item(state, "edition_differences");
  const auto bilingual = [en](const BilingualText& b) { return en ? b.en : b.zh; };
  ImGui::Indent();
  for (const auto& d : diffs) {
    const RuleCheck& rule = d.chosen ? *d.chosen : *d.other;
    std::vector<std::string> parts;
    if (d.only_in_chosen()) parts.push_back(t.text("elig.diff.only_chosen"));
    if (d.only_in_other()) parts.push_back(t.text("elig.diff.only_default"));
    if (d.citation) parts.push_back(t.text("elig.diff.citation", {{"citation", bilingual(d.other->citation)}}));
    if (d.text) parts.push_back(t.text("elig.diff.text"));
    if (d.reading) parts.push_back(t.text("elig.diff.reading"));
    if (d.parameters) parts.push_back(t.text("elig.diff.parameters"));
    std::string line = bilingual(rule.citation) + "  ";
    for (std::size_t i = 0; i < parts.size(); ++i) line += (i == 0 ? "" : t.text("ui.list_separator")) + parts[i];
    ImGui::Bullet();
    widgets::wrapped_text(line);
    // Both versions of the rule, side by side in the tooltip.
    std::string help;
    const auto describe = [&](const char* key, const RuleCheck& r) {
      std::string text = t.text("ui.law_words", {{"text", r.excerpt}});
      if (r.interpretation) text += "\n" + bilingual(*r.interpretation);
      if (d.parameters) text += "\n" + r.params.dump();
      if (!help.empty()) help += "\n\n";
      help += t.text(key, {{"text", text}});
    };
    if (d.chosen) describe("elig.diff.this_edition", *d.chosen);
    if (d.other) describe("elig.diff.default_edition", *d.other);
    widgets::help_marker(help);
  }
  ImGui::Unindent();
  ImGui::Separator();
}

}  // namespace

void screen_eligibility(AppState& state) {
  const Catalog& t = state.text();
  const auto& d = state.draft.profile;
  widgets::heading(t.text("nav.eligibility"), 1);
  ImGui::Separator();
  // Questions beside the verdict, each scrolling; on a narrow page one
  // column, the verdict after the questions, scrolling with the page.
  const bool columns = !state.ui.narrow;
  if (columns) {
    if (!ImGui::BeginTable("##elig", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) return;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::BeginChild("##questions", ImVec2(0, 0));
  }
  {
    widgets::heading(t.text("elig.group.declarations"));
    question(state, "elig.q.supports_policies", "elig.a.9_1", "/profile/declarations/supports_policies");
    if (auto v = widgets::yes_no(state, "supports_policies", d.declarations.supports_policies)) state.edit([v = *v](Draft& x) { x.profile.declarations.supports_policies = v; });
    question(state, "elig.q.quality_strategy", "elig.a.9_4", "/profile/declarations/quality_strategy");
    if (auto v = widgets::yes_no(state, "quality_strategy", d.declarations.quality_strategy)) state.edit([v = *v](Draft& x) { x.profile.declarations.quality_strategy = v; });
    question(state, "elig.q.quality_management_system", "elig.a.9_5", "/profile/declarations/quality_management_system");
    if (auto v = widgets::yes_no(state, "quality_management_system", d.declarations.quality_management_system)) state.edit([v = *v](Draft& x) { x.profile.declarations.quality_management_system = v; });
    ImGui::Spacing();
    widgets::heading(t.text("elig.group.record"));
    question(state, "elig.q.incidents", "elig.a.9_3", "/profile/history/incidents");
    record_list<Incident>(state, "incidents", "incident.", {"quality", "safety", "environment"}, &Profile::History::incidents, true);
    question(state, "elig.q.violations", "elig.a.9_3", "/profile/history/violations");
    record_list<Violation>(state, "violations", "violation.", {"illegal", "irregular", "disciplinary", "dishonesty"}, &Profile::History::violations);
    question(state, "elig.q.anomaly", "elig.a.11_3", "/profile/history/on_business_anomaly_list");
    if (auto v = widgets::yes_no(state, "anomaly", d.history.on_business_anomaly_list)) state.edit([v = *v](Draft& x) { x.profile.history.on_business_anomaly_list = v; });
    question(state, "elig.q.serious", "elig.a.11_3", "/profile/history/on_serious_violation_list");
    if (auto v = widgets::yes_no(state, "serious", d.history.on_serious_violation_list)) state.edit([v = *v](Draft& x) { x.profile.history.on_serious_violation_list = v; });
    ImGui::Spacing();
    widgets::heading(t.text("elig.group.past"));
    question(state, "elig.q.awards", "elig.a.16", "/profile/history/awards");
    record_list<AwardRecord>(state, "awards", "award.", {"quality_award", "nomination"}, &Profile::History::awards);
    question(state, "elig.q.sanctions", "elig.a.20", "/profile/history/sanctions");
    record_list<Sanction>(state, "sanctions", "sanction.", {"false_materials", "improper_means"}, &Profile::History::sanctions);
  }
  if (columns) {
    ImGui::EndChild();
    ImGui::TableNextColumn();
    ImGui::BeginChild("##verdict", ImVec2(0, 0));
  } else {
    ImGui::Separator();
  }
  edition_section(state);
  verdict(state);
  ImGui::Spacing();
  answers(state);
  if (columns) {
    ImGui::EndChild();
    ImGui::EndTable();
  }
}

}  // namespace qaward::gui
