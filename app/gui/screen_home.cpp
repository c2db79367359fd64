// [SECTION] Home: what the product is, the rule edition in force, where the
// draft is kept, and the steps ahead (GOV.UK's "complete multiple tasks").
#include <imgui.h>

#include <algorithm>
#include <vector>

#include "../common/data_status.hpp"
#include "app.hpp"
#include "keeping.hpp"
#include "qaward/publicity.hpp"
#include "qaward/text.hpp"
#include "qaward/version.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

// The shipped editions as radio buttons: the one chosen is recorded in the
// draft (Draft::edition), and everything rule-driven follows it.
void edition_choice(AppState& state) {
  if (state.services.editions == nullptr) return;
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  widgets::text(t.text("home.edition_choose"));
  widgets::help_marker(t.text("home.edition_help"));
  ImGui::Indent();
  widgets::begin_choice();
  for (const auto& edition : state.services.editions->editions) {
    std::string label = en ? edition.title.en : edition.title.zh;
    if (edition.edition == state.services.editions->default_edition) label += t.text("home.edition_default_mark");
    label += "##" + edition.edition;
    if (widgets::radio(label, state.services.rules == &edition) && state.services.rules != &edition) {
      state.edit([id = edition.edition](Draft& d) { d.edition = id; });
    }
    record_item(state, ("edition." + edition.edition).c_str());
  }
  widgets::end_choice();
  ImGui::Unindent();
}

// The guide a first-time applicant reads first (issue 16, item 2; the 办事指南
// of online services): the steps in order, each a link with its status,
// the materials to prepare, and what the call notice decides.
void guide(AppState& state) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  widgets::heading(t.text("home.guide"));
  struct Step {
    Screen screen;
    const char* name;
    const char* what;
    const char* id;
  };
  static constexpr Step kSteps[] = {{Screen::profile, "nav.profile", "home.step.profile", "step.profile"},
                                    {Screen::eligibility, "nav.eligibility", "home.step.eligibility", "step.eligibility"},
                                    {Screen::assessment, "nav.assessment", "home.step.assessment", "step.assessment"},
                                    {Screen::publicity, "nav.publicity", "home.step.publicity", "step.publicity"},
                                    {Screen::materials, "nav.materials", "home.step.materials", "step.materials"},
                                    {Screen::package, "nav.package", "home.step.package", "step.package"}};
  const int days = state.services.rules != nullptr ? state.services.rules->procedure.publicity_working_days : 5;
  int number = 0;
  for (const auto& step : kSteps) {
    ImGui::PushID(step.id);
    widgets::text(std::to_string(++number) + ".");
    ImGui::SameLine();
    const std::string name = t.text(step.name);
    ImGui::PushStyleColor(ImGuiCol_Text, widgets::kAccent);  // a link's colour
    if (widgets::nav_link(name, false, ImGui::CalcTextSize(name.c_str()).x)) state.queue(Navigate{step.screen});
    ImGui::PopStyleColor();
    record_item(state, step.id);
    const StepStatus s = screen_status(state, step.screen);
    const std::string status = t.text(status_key(s.status));
    widgets::same_line(ImGui::CalcTextSize(status.c_str()).x);
    widgets::text_colored(status_color(s.status), status);
    ImGui::Indent();
    widgets::colored_wrapped(widgets::kMuted, t.text(step.what, {{"days", std::to_string(days)}}));
    ImGui::Unindent();
    ImGui::PopID();
  }
  if (state.services.rules != nullptr && !state.services.rules->materials.empty()) {
    const auto& rules = *state.services.rules;
    widgets::heading(t.text("home.materials"));
    for (const auto& m : rules.materials) {
      ImGui::Bullet();
      widgets::wrapped_text((en ? m.name_en : m.name) + (m.required ? t.text("mat.required") : std::string()));
    }
    if (rules.materials_note) widgets::colored_wrapped(widgets::kMuted, en ? rules.materials_note->en : rules.materials_note->zh);
  }
  widgets::colored_wrapped(widgets::kWarn, t.text("home.when"));
}

}  // namespace

// The draft names an edition this program does not ship: said plainly, with
// the edition used instead (home and eligibility screens).
void edition_unknown_warning(AppState& state) {
  if (!state.edition_unknown || state.services.rules == nullptr) return;
  const bool en = state.language == Language::en;
  const auto& used = *state.services.rules;
  widgets::colored_wrapped(widgets::kWarn, state.text().text("edition.unknown", {{"edition", state.draft.edition},
                                                                                {"title", en ? used.title.en : used.title.zh}}));
  record_item(state, "edition_unknown");
}

// Where the work is kept and how to keep a copy (issue 20, item 6): the
// browser's answer to the request for persistence, the room used and left,
// and when the draft was last saved as a file.
void keeping_section(AppState& state) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  const Keeping& k = state.keeping;
  widgets::heading(t.text("home.keep.title"));
  std::string where = t.text("home.keep.where");
  if (k.reported && k.quota > 0) {
    const auto used = static_cast<std::uint64_t>(k.usage);
    const auto free = static_cast<std::uint64_t>(std::max(0.0, k.quota - k.usage));
    where += t.text("home.keep.usage", {{"used", byte_size(used)}, {"free", byte_size(free)}});
  }
  widgets::wrapped_text(where);
  if (k.reported && k.persisted) widgets::colored_wrapped(widgets::kGood, t.text("home.keep.persisted"));
  else if (k.reported && k.asked) widgets::colored_wrapped(widgets::kWarn, t.text("home.keep.not_persisted"));
  const auto date = [en](const DateTime& d) { return en ? english_date(d.date) : chinese_date(d.date); };
  switch (backup_advice(state)) {
    case BackupAdvice::never_saved:
      widgets::colored_wrapped(widgets::kWarn, t.text("home.keep.never_saved"));
      break;
    case BackupAdvice::changed_since:
      widgets::colored_wrapped(widgets::kWarn, t.text("home.keep.changed_since", {{"date", date(*k.exported_at)}}));
      break;
    case BackupAdvice::none:
      if (k.exported_at) widgets::colored_wrapped(widgets::kMuted, t.text("home.keep.saved", {{"date", date(*k.exported_at)}}));
      break;
  }
  if (widgets::button(t.text("draft.export"), true)) state.queue(ExportDraft{});
  record_item(state, "home_export_draft");
}

void screen_home(AppState& state) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  widgets::heading(t.text("app.title"), 1);
  widgets::colored_wrapped(widgets::kMuted, t.text("app.subtitle"));
  ImGui::Separator();
  widgets::wrapped_text(t.text("home.intro"));
  ImGui::Spacing();
  guide(state);
  ImGui::Spacing();
  if (widgets::button(t.text("home.start"))) state.queue(Navigate{Screen::profile});
  record_item(state, "home_start");
  ImGui::Separator();
  keeping_section(state);
  ImGui::Separator();
  if (state.services.rules != nullptr) {
    const auto& rules = *state.services.rules;
    widgets::wrapped_text(t.text("home.edition", {{"title", en ? rules.title.en : rules.title.zh}}));
    record_item(state, "edition_in_force");
    const auto unverified = rules.unverified_checks();
    if (!unverified.empty()) {
      widgets::colored_wrapped(widgets::kWarn, t.text("home.unverified", {{"count", std::to_string(unverified.size())}}));
      // Named, each with why it is unverified (issue 16), not only counted.
      const bool open = widgets::disclosure(t.text("home.unverified_list"), true);
      record_item(state, "unverified_list");
      if (open) {
        // Each clause once, with its words; the reasons once each (they are
        // usually one: the clause is carried over from the draft).
        std::vector<std::string> clauses, reasons;
        for (const auto& check : rules.checks) {
          if (check.verified) continue;
          const std::string clause = (en ? check.citation.en : check.citation.zh) + (en ? ": " : "：") + t.text("ui.law_words", {{"text", check.excerpt}});
          if (std::find(clauses.begin(), clauses.end(), clause) == clauses.end()) clauses.push_back(clause);
          if (check.unverified_note) {
            const std::string reason = en ? check.unverified_note->en : check.unverified_note->zh;
            if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) reasons.push_back(reason);
          }
        }
        for (const auto& reason : reasons) widgets::colored_wrapped(widgets::kMuted, reason);
        for (const auto& clause : clauses) {
          ImGui::Bullet();
          widgets::wrapped_text(clause);
        }
        ImGui::TreePop();
      }
    }
    edition_unknown_warning(state);
    edition_choice(state);
    if (state.services.calendar != nullptr) {
      // What the working-day calendar knows (issue 19): the same facts as `qaward data status`.
      const auto s = data_status(*state.services.calendar, rules);
      widgets::colored_wrapped(widgets::kMuted, t.text("home.calendar_status", {{"from", std::to_string(s.first_year)},
                                                                               {"to", std::to_string(s.last_year)},
                                                                               {"complete", year_list(s.xinjiang_complete)}}));
      record_item(state, "calendar_status");
    }
  }
  ImGui::Spacing();
  ImGui::Separator();
  widgets::wrapped_text(t.text("app.privacy"));
  widgets::text_disabled(t.text("app.version", {{"version", std::string(version())}}));
  if (state.ui.renderer != Renderer::none) {
    widgets::colored_wrapped(widgets::kMuted,
                             t.text(state.ui.renderer == Renderer::software ? "app.renderer.software"
                                    : state.ui.renderer == Renderer::webgl1  ? "app.renderer.webgl1"
                                                                             : "app.renderer.webgl2"));
    record_item(state, "renderer");
  }
}

}  // namespace qaward::gui
