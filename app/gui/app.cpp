#include "app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "district.hpp"
#include "keeping.hpp"
#include "packaging.hpp"
#include "page_events.hpp"
#include "qaward/hash.hpp"
#include "semantics.hpp"
#include "team.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

template <class... F>
struct Overloaded : F... { using F::operator()...; };
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

const char* status_key(Status s) {
  switch (s) {
    case Status::not_started: return "status.not_started";
    case Status::in_progress: return "status.in_progress";
    case Status::done: return "status.done";
    case Status::problem: return "status.problem";
    case Status::cannot_start: return "status.cannot_start";
  }
  return "status.not_started";
}

ImVec4 status_color(Status s) {
  switch (s) {
    case Status::done: return widgets::kGood;
    case Status::problem: return widgets::kBad;
    case Status::in_progress: return widgets::kWarn;
    default: return widgets::kMuted;
  }
}

namespace {


// Text size for people who need larger type (适老化); every screen reflows.
void text_size_choice(AppState& state) {
  const Catalog& t = state.text();
  widgets::text(t.text("app.text_size"));
  struct Choice {
    theme::TextSize size;
    const char* key;
    const char* id;
  };
  static constexpr Choice kChoices[] = {{theme::TextSize::standard, "app.text_size.standard", "text_size.standard"},
                                        {theme::TextSize::large, "app.text_size.large", "text_size.large"},
                                        {theme::TextSize::extra_large, "app.text_size.extra_large", "text_size.extra_large"}};
  // Each choice on the same line while it fits the navigation's width (the
  // English labels and the larger sizes wrap).
  const ImGuiStyle& style = ImGui::GetStyle();
  widgets::begin_choice();
  for (const auto& c : kChoices) {
    const std::string label = t.text(c.key);
    const float width = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str()).x;
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    if (widgets::radio(label, state.ui.text_size == c.size)) state.queue(SetTextSize{c.size});
    record_item(state, c.id);
  }
  widgets::end_choice();
}

// The content's scroll: a new screen starts at its top, a reload returns
// where the user was (issue 16), and a position the user stayed at is saved
// (in lines, so that a new text size or screen keeps it meaningful).
void follow_scroll(AppState& state) {
  const float line = ImGui::GetFontSize();
  const float lines = ImGui::GetScrollY() / line;
  if (state.ui.scroll_to) {
    // Once the screen has been laid out (its height is known a frame later).
    if (ImGui::GetScrollMaxY() > 0.0f || *state.ui.scroll_to == 0.0f || state.ui.frames_drawn > 10) {
      ImGui::SetScrollY(*state.ui.scroll_to * line);
      state.ui.scroll_seen = state.ui.scroll_saved = *state.ui.scroll_to;
      state.ui.scroll_to.reset();
    }
    return;
  }
  const bool settled = std::abs(lines - state.ui.scroll_seen) < 0.01f;
  if (settled && std::abs(lines - state.ui.scroll_saved) >= 0.5f) {
    state.queue(SaveScroll{state.screen, lines});
    state.ui.scroll_saved = lines;
  }
  state.ui.scroll_seen = lines;
}

void navigation(AppState& state) {
  const Catalog& t = state.text();
  widgets::heading(t.text("app.title"));
  const std::string switch_label = t.text("app.language");
  if (widgets::button(switch_label, true)) {
    state.queue(SetLanguage{state.language == Language::zh ? Language::en : Language::zh});
  }
  record_item(state, "language_switch");
  widgets::tooltip(t.text("app.language_hint"));
  text_size_choice(state);
  if (state.ui.update_ready) widgets::colored_wrapped(widgets::kGood, t.text("app.update_ready"));
  if (state.ui.draft_unsaved) widgets::colored_wrapped(widgets::kBad, t.text("draft.save_failed"));
  // A message for the user (an import, a file that could not be stored) shows
  // here unless the screen shows it beside what it is about.
  const bool shown_by_screen = state.screen == Screen::package || state.screen == Screen::review || state.screen == Screen::office ||
                               (state.screen == Screen::publicity && state.notice.is_error);
  if (!state.notice.text.empty() && !shown_by_screen) {
    widgets::notice_text(state.notice.is_error, state.notice.text);
    if (widgets::button(t.text("ui.dismiss"), true)) state.notice.text.clear();
    record_item(state, "dismiss_notice");
  }
  if (widgets::button(t.text("draft.export"), true)) state.queue(ExportDraft{});
  record_item(state, "export_draft");
  ImGui::SameLine();
  if (widgets::button(t.text("draft.import"), true)) state.queue(ImportDraft{});
  ImGui::Separator();
  struct Entry {
    Screen screen;
    const char* key;
    const char* id;
  };
  static constexpr Entry kEntries[] = {{Screen::home, "nav.home", "nav_home"},
                                       {Screen::profile, "nav.profile", "nav_profile"},
                                       {Screen::eligibility, "nav.eligibility", "nav_eligibility"},
                                       {Screen::assessment, "nav.assessment", "nav_assessment"},
                                       {Screen::publicity, "nav.publicity", "nav_publicity"},
                                       {Screen::materials, "nav.materials", "nav_materials"},
                                       {Screen::package, "nav.package", "nav_package"},
                                       {Screen::review, "nav.review", "nav_review"},
                                       {Screen::district, "nav.district", "nav_district"},
                                       {Screen::office, "nav.office", "nav_office"},
                                       {Screen::rate, "nav.rate", "nav_rate"}};
  for (const auto& e : kEntries) {
    if (widgets::nav_link(t.text(e.key), state.screen == e.screen)) state.queue(Navigate{e.screen});
    record_item(state, e.id);
    // The applicant's steps show their status; the staff's screens do not.
    if (e.screen != Screen::home && e.screen != Screen::review && e.screen != Screen::district && e.screen != Screen::office &&
        e.screen != Screen::rate) {
      // The status, and why when it is not plain (what must come first, what to fix).
      const auto s = screen_status(state, e.screen);
      ImGui::Indent();
      ImGui::PushStyleColor(ImGuiCol_Text, status_color(s.status));
      widgets::text(t.text(status_key(s.status)));
      ImGui::PopStyleColor();
      if (!s.reason.empty()) widgets::colored_wrapped(widgets::kMuted, s.reason);
      ImGui::Unindent();
    }
  }

}

}  // namespace

namespace {
constexpr std::pair<Screen, const char*> kScreenTags[] = {
    {Screen::home, "home"},           {Screen::profile, "profile"},     {Screen::eligibility, "eligibility"},
    {Screen::assessment, "assessment"}, {Screen::publicity, "publicity"}, {Screen::materials, "materials"},
    {Screen::package, "package"},     {Screen::review, "review"},       {Screen::district, "district"},
    {Screen::office, "office"},       {Screen::rate, "rate"}};
}  // namespace

const char* screen_tag(Screen screen) {
  for (const auto& [s, tag] : kScreenTags) {
    if (s == screen) return tag;
  }
  return "home";
}

std::optional<Screen> screen_from_tag(std::string_view tag) {
  for (const auto& [s, t] : kScreenTags) {
    if (tag == t) return s;
  }
  return std::nullopt;
}

std::size_t open_objection_count(const AppState& state) {
  return open_objections(publicity_of(state.draft), state.now.date).size();
}

StepStatus screen_status(const AppState& state, Screen screen) {
  const auto& o = state.draft.profile.organization;
  const Catalog& t = state.text();
  const auto because = [&](Status s, const char* key, Params params = {}) { return StepStatus{s, t.text(key, params)}; };
  switch (screen) {
    case Screen::profile: {
      const int filled = (o.name ? 1 : 0) + (o.uscc ? 1 : 0) + (o.kind ? 1 : 0) + (o.established_on ? 1 : 0) +
                         (o.registered_in_urumqi ? 1 : 0);
      return {filled == 0 ? Status::not_started : filled == 5 ? Status::done : Status::in_progress, {}};
    }
    case Screen::eligibility:
      if (!state.eligibility) return {Status::problem, {}};
      if (state.eligibility->outcome == Eligibility::eligible) return {Status::done, {}};
      if (state.eligibility->outcome == Eligibility::not_eligible) return because(Status::problem, "status.why.not_eligible");
      return {o.name ? Status::in_progress : Status::not_started, {}};
    case Screen::assessment: {
      std::size_t items = 0;
      if (state.services.criteria != nullptr) {
        for (const auto& c : state.services.criteria->categories) items += c.items.size();
      }
      const auto n = agreed_score_count(state.draft);
      if (n == 0) return {Status::not_started, {}};
      // Done means every check passes: a text over its limit is not done (issue 16).
      if (const auto& summary = state.assessment_summary; summary && (summary->overview.over() || summary->report.over())) {
        return because(Status::problem, "status.why.text_too_long");
      }
      // Scores the team has not discussed yet (the raters' mean, issue 17) are not agreed ones.
      const auto& scores = assessment_or_empty(state.draft).scores;
      const auto undiscussed = std::count_if(scores.begin(), scores.end(), [](const ItemScore& s) { return !s.rater && s.provisional; });
      if (n >= items && undiscussed > 0) return because(Status::in_progress, "status.why.not_discussed", {{"n", std::to_string(undiscussed)}});
      return {n >= items ? Status::done : Status::in_progress, {}};
    }
    case Screen::publicity:
      if (state.eligibility && state.eligibility->outcome == Eligibility::not_eligible) {
        return because(Status::problem, "status.why.not_eligible");  // a notice for an application that cannot be made
      }
      if (!publicity_of(state.draft).posted_at) {
        return o.name ? StepStatus{Status::not_started, {}} : because(Status::cannot_start, "status.why.need_name");
      }
      if (!state.publicity || state.now < state.publicity->end) return {Status::in_progress, {}};
      if (const auto open = open_objection_count(state); open > 0) {  // over, but an objection is open
        return because(Status::problem, "status.why.objections_open", {{"n", std::to_string(open)}});
      }
      return {Status::done, {}};
    case Screen::materials: {
      if (state.draft.attachments.empty()) return {Status::not_started, {}};
      // Decided by where each pre-flight problem is fixed, not by its message:
      // an error there is a problem, a warning (a file still being hashed) a wait.
      std::size_t errors = 0, waits = 0;
      for (const auto& d : state.preflight) {
        if (screen_to_fix(d) != Screen::materials) continue;
        (d.severity == Severity::error ? errors : waits) += 1;
      }
      if (errors > 0) return because(Status::problem, "status.why.problems", {{"n", std::to_string(errors)}});
      return {waits > 0 ? Status::in_progress : Status::done, {}};
    }
    case Screen::package:
      if (!state.packaging.last_id.empty()) {
        return state.packaging.stale ? because(Status::problem, "status.why.package_stale") : StepStatus{Status::done, {}};
      }
      if (state.preflight.empty()) return {Status::not_started, {}};
      return because(Status::cannot_start, "status.why.problems", {{"n", std::to_string(state.preflight.size())}});
    case Screen::home:
    case Screen::review:
    case Screen::district:
    case Screen::office:
    case Screen::rate:
      return {Status::not_started, {}};
  }
  return {Status::not_started, {}};
}

void draw_frame(AppState& state) {
  // One full-page window: the canvas is the page.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // No background of its own: the platform clears the canvas to the same
  // colour, and a second full-page fill costs a software renderer dearly.
  constexpr ImGuiWindowFlags kPage = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                     ImGuiWindowFlags_NoBackground;
  state.ui.wants_tick = false;
  state.ui.text_areas.clear();  // the long texts this frame draws say where they are
  semantics::begin_frame();      // and every widget says what it is (semantics.hpp)
  // The text size applies from the next frame (Dear ImGui reads it in NewFrame).
  ImGui::GetStyle().FontScaleMain = theme::text_scale(state.ui.text_size);
  // Below 768 CSS px (a phone, a narrow window) the navigation folds into a
  // menu button at the top and the content takes the whole width, with
  // touch targets at least 44 CSS px high (WCAG 2.5.5; issue 15).
  const float css_px = ImGui::GetStyle().FontScaleDpi;  // device pixels per CSS pixel (theme::apply)
  state.ui.narrow = viewport->WorkSize.x < theme::kNarrowCssPx * css_px;
  if (!state.ui.narrow) state.ui.menu_open = false;
  const theme::TouchSizes touch(state.ui.narrow, css_px);
  const bool page_open = ImGui::Begin("##page", nullptr, kPage);
  if (page_open && state.ui.narrow) {
    const Catalog& t = state.text();
    if (widgets::menu_button(t.text(state.ui.menu_open ? "app.menu_close" : "app.menu"), state.ui.menu_open)) {
      state.ui.menu_open = !state.ui.menu_open;
    }
    record_item(state, "menu");
    ImGui::SameLine();
    widgets::text(t.text("app.title"));
  }
  if (page_open && (!state.ui.narrow || state.ui.menu_open)) {
    // 15 em beside the content; the whole width as the open menu.
    const float nav_width = state.ui.narrow ? 0.0f : ImGui::GetFontSize() * 15.0f;
    ImGui::BeginChild("##nav", ImVec2(nav_width, 0), true);
    semantics::landmark(semantics::Landmark::navigation, state.text().text("app.title"));
    navigation(state);
    ImGui::EndChild();
    if (!state.ui.narrow) ImGui::SameLine();
  }
  if (page_open && !state.ui.menu_open) {
    ImGui::BeginChild("##content", ImVec2(0, 0), false);
    semantics::landmark(semantics::Landmark::main, {});
    follow_scroll(state);
    if (state.ui.return_to && *state.ui.return_to != state.screen) {  // back to the summary that led here
      if (widgets::button(state.text().text("ui.back_to_summary"))) state.queue(Navigate{*state.ui.return_to});
      record_item(state, "back_to_summary");
    }
    switch (state.screen) {
      case Screen::home: screen_home(state); break;
      case Screen::profile: screen_profile(state); break;
      case Screen::eligibility: screen_eligibility(state); break;
      case Screen::assessment: screen_assessment(state); break;
      case Screen::publicity: screen_publicity(state); break;
      case Screen::materials: screen_materials(state); break;
      case Screen::package: screen_package(state); break;
      case Screen::review: screen_review(state); break;
      case Screen::district: screen_district(state); break;
      case Screen::office: screen_office(state); break;
      case Screen::rate: screen_rate(state); break;
    }
    ImGui::EndChild();
  }
  ImGui::End();
  ++state.ui.frames_drawn;
}

std::string in_words(const Catalog& t, const Diagnostic& problem) {
  // Longest first: a field's name where there is one, else its step's.
  static constexpr std::pair<std::string_view, const char*> kPlaces[] = {
      {"/profile/organization/name", "profile.name"},
      {"/profile/organization/uscc", "profile.uscc"},
      {"/profile/organization/kind", "profile.kind"},
      {"/profile/organization/registered_in_urumqi", "profile.registered"},
      {"/profile/organization/district", "profile.district"},
      {"/profile/organization/established_on", "profile.established_on"},
      {"/profile/organization/four_new", "profile.four_new"},
      {"/profile/organization/sme", "profile.sme"},
      {"/profile/declarations", "elig.group.declarations"},
      {"/profile/history", "elig.group.record"},
      {"/profile", "nav.profile"},
      {"/assessment", "nav.assessment"},
      {"/publicity", "nav.publicity"},
      {"/attachments", "nav.materials"},
  };
  std::string out = t.text(problem.key, problem.params);
  const std::string_view where = problem.where;
  for (const auto& [pointer, key] : kPlaces) {
    if (where.starts_with(pointer) && (where.size() == pointer.size() || where[pointer.size()] == '/')) {
      return out + t.text("ui.where", {{"where", t.text(key)}});
    }
  }
  return out;
}

std::string district_name(const Catalog& t, const std::string& district) {
  const std::string key = "district." + district;
  return t.has(key) ? t.text(key) : district;
}

void record_item(AppState& state, const char* name) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  state.ui.item_rects[name] = {min.x, min.y, max.x - min.x, max.y - min.y};
}

std::optional<Screen> screen_of_field(std::string_view field) {
  if (field.starts_with("/attachments")) return Screen::materials;
  if (field.starts_with("/profile/organization")) return Screen::profile;
  if (field.starts_with("/profile")) return Screen::eligibility;  // the declarations and the record are asked there
  if (field.starts_with("/assessment")) return Screen::assessment;
  if (field.starts_with("/publicity")) return Screen::publicity;
  return std::nullopt;
}

void go_to_field(AppState& state, std::string field) {
  const auto screen = screen_of_field(field).value_or(state.screen);
  if (screen == state.screen) state.ui.reveal = std::move(field);
  else state.queue(Navigate{screen, false, std::move(field)});
}

void reveal_field(AppState& state, std::string_view field, bool edit) {
  // One names the other or a member inside it ("/profile/organization" leads to its first field).
  const auto within = [](std::string_view inner, std::string_view outer) {
    return inner.starts_with(outer) && (inner.size() == outer.size() || inner[outer.size()] == '/');
  };
  const std::string_view wanted = state.ui.reveal;
  if (wanted.empty() || !(within(wanted, field) || within(field, wanted))) return;
  ImGui::SetScrollHereY(0.3f);
  // As when Tab on the page reaches the field: it starts editing next frame.
  if (edit) semantics::request_activate(semantics::key_of(ImGui::GetItemID()));
  state.ui.reveal.clear();
}

void refresh_derived(AppState& state) {
  // The edition first: eligibility, the publicity period, the materials and
  // the package all follow the draft's edition, as the CLI does.
  if (const auto* editions = state.services.editions) {
    const RuleSet& rules = editions->in_force(state.draft.edition);
    state.services.rules = &rules;
    state.edition_unknown = !state.draft.edition.empty() && editions->find(state.draft.edition) == nullptr;
    state.edition_differences = editions->differences_from_default(rules);
    // Messages cite articles ({cite.…}) as the edition in force numbers them;
    // the catalogs are shared, so they follow the last edition applied.
    static const RuleSet* cited = nullptr;
    if (cited != &rules) {
      use_edition_references(rules);
      cited = &rules;
    }
  }
  state.eligibility.reset();
  state.eligibility_errors.clear();
  if (state.services.rules != nullptr) {
    auto result = evaluate_eligibility(state.draft.profile, *state.services.rules, state.now.date);
    if (result.ok()) state.eligibility = std::move(result).value();
    else state.eligibility_errors = result.diagnostics();
  }
  state.publicity.reset();
  const auto& form = publicity_of(state.draft);
  if (form.posted_at && state.services.calendar != nullptr && state.services.rules != nullptr) {
    const auto options = options_of(form, state.services.rules->procedure.publicity_working_days);
    state.publicity = compute_publicity(*state.services.calendar, *form.posted_at, options);
  }
  state.preflight = preflight(state);
  state.assessment_summary.reset();
  if (state.services.criteria != nullptr) state.assessment_summary = summarize(assessment_or_empty(state.draft), *state.services.criteria);
  const std::string json = draft_to_json(state.draft);
  state.draft_digest = to_hex(Sha256::of(json));
  // A package built from an earlier draft is out of date (issue 16).
  if (!state.packaging.last_id.empty()) state.packaging.stale = json != state.packaging.packaged_draft;
}

bool apply_actions(AppState& state, Platform& platform) {
  if (state.queued.empty()) return false;
  auto actions = std::move(state.queued);
  state.queued.clear();
  bool draft_changed = false;
  bool derive = false;
  for (auto& action : actions) {
    std::visit(Overloaded{
                   [&](SetLanguage& a) {
                     state.language = a.language;
                     platform.set_document_language(a.language);
                     platform.save("qaward.language", a.language == Language::en ? "en" : "zh");
                   },
                   [&](SetTextSize& a) {
                     state.ui.text_size = a.size;
                     platform.save("qaward.text_size", theme::text_size_tag(a.size));
                   },
                   [&](Navigate& a) {
                     if (state.ui.return_to == a.screen) state.ui.return_to.reset();  // back where it led from
                     state.screen = a.screen;
                     state.ui.screen_changed = true;
                     state.ui.menu_open = false;  // a screen chosen from the menu shows at once
                     if (!a.keep_scroll) state.ui.scroll_to = 0.0f;  // from its top
                     state.ui.reveal = a.field;
                     platform.set_drop_target(a.screen == Screen::review || a.screen == Screen::district ? "review"
                                              : a.screen == Screen::office                            ? "bundles"
                                              : a.screen == Screen::assessment                        ? "ratings"
                                                                                                      : "attach");
                     platform.save("qaward.screen", screen_tag(a.screen));  // a reload returns here
                   },
                   [&](UpdateDraft& a) {
                     a.change(state.draft);
                     draft_changed = true;
                   },
                   [&](PickFiles&) { platform.pick_files(); },
                   [&](SaveScroll& a) {
                     char value[64];
                     std::snprintf(value, sizeof value, "%s %.1f", screen_tag(a.screen), static_cast<double>(a.lines));
                     (void)platform.save("qaward.scroll", value);
                   },
                   [&](CreateKey& a) {
                     create_key(state, platform, a.passphrase);
                     state.ui.buffers.erase("new_passphrase");
                     state.ui.buffers.erase("new_passphrase_again");
                     draft_changed = true;
                   },
                   [&](BuildPackage& a) {
                     build_package(state, platform, a.passphrase);
                     state.ui.buffers.erase("passphrase");
                   },
                   [&](OpenCoverSheet&) { open_cover_sheet(state, platform); },
                   [&](OpenPublicityDocument& a) { open_publicity_document(state, platform, a.statement); },
                   [&](ExportDraft&) { export_draft(state, platform); },
                   [&](ExportKey&) { export_key(state, platform); },
                   [&](DismissKeyBackup&) {
                     state.keys.backup_offered = false;
                     (void)platform.save("qaward.key_backup", "declined");
                   },
                   [&](StorageReported& a) {
                     state.keeping.reported = true;
                     state.keeping.persisted = a.persisted;
                     state.keeping.asked = a.asked;
                     state.keeping.usage = a.usage;
                     state.keeping.quota = a.quota;
                   },
                   [&](ImportDraft&) { platform.pick_draft(); },
                   [&](ImportKey& a) { platform.pick_key(a.district); },
                   [&](PickPackages&) { platform.pick_packages(); },
                   [&](PickOfficeKey&) { platform.pick_office_key(); },
                   [&](ClearOfficeKey&) {
                     state.keys.office_key.clear();
                     (void)platform.save("qaward.office_key", "");
                     platform.pin_office_key("");
                   },
                   [&](ExportReview& a) { export_review(state, platform, a.kind); },
                   [&](Countersign& a) { countersign(state, platform, a); },
                   [&](RemoveAttachment& a) {
                     if (a.index >= state.draft.attachments.size()) return;
                     const auto& removed = state.draft.attachments[a.index];
                     platform.forget_attachment(attachment_name(removed));
                     state.attachments.erase(removed.path);
                     state.draft.attachments.erase(state.draft.attachments.begin() + static_cast<std::ptrdiff_t>(a.index));
                     draft_changed = true;
                   },
                   [&](ExportScoringSheet& a) { export_scoring_sheet(state, platform, a.html, a.disagreement); },
                   [&](UpdateRating& a) { update_rating(state, platform, a.change); },
                   [&](ExportRating&) { export_rating(state, platform); },
                   [&](PickRatings&) {
                     state.team.imported.clear();  // what the last import said
                     state.team.replacement.reset();
                     platform.pick_ratings();
                   },
                   [&](RemoveRater& a) {
                     remove_rater(state, a.id);
                     draft_changed = true;
                   },
                   [&](UpdateDistrict& a) { update_district(state, platform, a.change); },
                   [&](OpenDistrictNotice&) { open_district_notice(state, platform); },
                   [&](ExportDistrict&) { export_district(state, platform); },
                   [&](ImportDistrict&) { platform.pick_district_workspace(); },
                   [&](DistrictBundle& a) { district_bundle(state, platform, a.passphrase); },
                   [&](PickBundles&) { platform.pick_bundles(); },
                   [&](RemoveBundle& a) { remove_bundle(state, platform, a.name); },
                   [&](PickDistrictPublicKey&) { platform.pick_district_public_key(); },
                   [&](RemoveDistrictPublicKey& a) { remove_district_key(state, platform, a.index); },
                   [&](SetAcceptancePosted& a) {
                     state.office.posted = a.posted;
                     run_intake(state, platform);
                   },
                   [&](ExportIntake& a) { export_intake(state, platform, a.kind); },
                   [&](ReplaceRating& a) { draft_changed = replace_rating(state, a.replace) || draft_changed; },
                   [&](RatingFileChosen& e) { draft_changed = import_rating(state, e) || draft_changed; },
                   [&](RateLinkOpened& e) {
                     if (state.services.criteria != nullptr) state.team.asked = asked_items(e.asked, *state.services.criteria);
                     state.queue(Navigate{Screen::rate});
                   },
                   // Events from the page.
                   [&](UpdateReady&) {
                     state.notice.say(state.text().text("app.update_ready"));
                     state.ui.update_ready = true;
                   },
                   [&](AttachmentStored& e) {
                     attachment_stored(state, e);
                     draft_changed = true;
                   },
                   // Progress only: not a change to save or to derive from.
                   [&](AttachmentProgress& e) { attachment_progress(state, e); },
                   [&](AttachmentChecked& e) {
                     attachment_checked(state, e);
                     draft_changed = true;
                   },
                   [&](AttachmentMissing& e) {
                     attachment_missing(state, e);
                     draft_changed = true;
                   },
                   [&](AttachmentStoreFailed& e) {
                     state.notice.say(state.text().text("mat.store_failed", {{"file", e.name}}), true);
                   },
                   [&](DraftFileChosen& e) { draft_changed = import_draft(state, platform, e.text) || draft_changed; },
                   [&](KeyFileChosen& e) {
                     import_key(state, platform, e.text, e.district);
                     derive = !e.district;  // what blocks packaging changes with the applicant's key
                   },
                   [&](OfficeKeyChosen& e) { pin_office_key(state, platform, e.text); },
                   [&](PackageProgress& e) { package_progress(state, e); },
                   [&](PackageWritten& e) { package_written(state, e.result_json); },
                   [&](PackageDone& e) { package_finished(state, e.result_json); },
                   [&](ReviewStarted& e) { review_started(state, e.file, e.token); },
                   [&](ReviewRestarted& e) { review_restarted(state, e.token); },
                   [&](ReviewDone& e) {
                     review_finished(state, e.token, e.result_json);
                     for (const auto& r : state.review.packages) {  // a case for the district's decision
                       if (r.token == e.token && !r.verifying) add_case(state, platform, r.file, r.report);
                     }
                   },
                   [&](CountersignDone& e) { countersign_finished(state, e.result_json); },
                   [&](DistrictFileChosen& e) { (void)import_district(state, platform, e.text); },
                   [&](DistrictBundleProgress& e) {
                     state.district.progress = e.total > 0 ? static_cast<float>(e.done / e.total) : 0.0f;
                   },
                   [&](DistrictBundleDone& e) { district_bundle_finished(state, e.result_json); },
                   [&](BundlesOpened& e) { bundles_opened(state, platform, e.names); },
                   [&](DistrictPublicKeyChosen& e) { pin_district_key(state, platform, e.text); },
                   [&](IntakeDone& e) { intake_finished(state, e.result_json); },
               },
               action);
  }
  if (draft_changed || derive) refresh_derived(state);
  if (draft_changed) state.ui.draft_changed = true;
  return true;
}

}  // namespace qaward::gui
