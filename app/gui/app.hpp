#pragma once
// The interface, independent of the platform: draws one frame of every
// screen, then applies the actions the screens queued.
#include <imgui.h>

#include <optional>
#include <string_view>

#include "app_state.hpp"
#include "platform.hpp"

namespace qaward::gui {

// Draws the ImGui widgets of one frame (between NewFrame and Render).
void draw_frame(AppState& state);

// Applies queued actions; returns true when something changed.
bool apply_actions(AppState& state, Platform& platform);

// Recomputes what derives from the draft (eligibility, publicity period).
void refresh_derived(AppState& state);

// Records the rectangle of the last widget under `name` (AppState::item_rects).
void record_item(AppState& state, const char* name);

// The screen where the draft member `field` (a JSON pointer) is changed.
[[nodiscard]] std::optional<Screen> screen_of_field(std::string_view field);
// Brings `field` into view: on this screen, or on its own after navigating.
void go_to_field(AppState& state, std::string field);

// Call after drawing the control of the draft member `field` (a JSON
// pointer): when a change link leads to it (UiState::reveal names it or a
// member inside it), it is scrolled into view and, with `edit` (text fields
// only: it activates the control), ready for typing.
void reveal_field(AppState& state, std::string_view field, bool edit = false);

// The warning that the draft names a rule edition this program does not have (screen_home.cpp).
void edition_unknown_warning(AppState& state);

// A screen's name as the platform stores it ("profile"), so that a reload
// returns to where the user was; nullopt for a name no screen has.
[[nodiscard]] const char* screen_tag(Screen screen);
[[nodiscard]] std::optional<Screen> screen_from_tag(std::string_view tag);

// Objections of the draft's publicity still open today (timeline.hpp).
[[nodiscard]] std::size_t open_objection_count(const AppState& state);

// [SECTION] Navigation: each step's status beside its name.
enum class Status { not_started, in_progress, done, problem, cannot_start };
struct StepStatus {
  Status status = Status::not_started;
  std::string reason;  // why, in the interface's language, when it needs saying
};
// Computed in this one place from the draft (issue 16): "done" means every
// check of the step passes.
[[nodiscard]] StepStatus screen_status(const AppState& state, Screen screen);
// A status's words (its catalog key) and colour.
[[nodiscard]] const char* status_key(Status status);
[[nodiscard]] ImVec4 status_color(Status status);

// A problem as people read it (issue 16): its sentence, and where it is by
// the field's or the step's name, not by a JSON pointer (exports keep that).
[[nodiscard]] std::string in_words(const Catalog& t, const Diagnostic& problem);

// A district by its name in the interface's language (the catalog's
// "district.<name>"; the draft keeps the Chinese name).
[[nodiscard]] std::string district_name(const Catalog& t, const std::string& district);

// [SECTION] Screens: one function per screen, one file each.
// The screen where a pre-flight problem is fixed: where it sits in the draft
// says it (names, sizes and marks of attachments, the identity, the texts),
// then the few problems that sit nowhere in particular.
[[nodiscard]] Screen screen_to_fix(const Diagnostic& problem);

void screen_home(AppState& state);
void screen_profile(AppState& state);
void screen_eligibility(AppState& state);
void screen_assessment(AppState& state);
void screen_publicity(AppState& state);
// The parts of a publicity screen (screen_publicity.cpp), shared by the
// applicant's internal publicity (11(2)) and the district's recommendation
// publicity (11(3)): the record, how to change it, the prefix of its widget
// names ("" for the applicant's), and whether it is the draft's (its fields
// answer change links).
struct PublicityEditor {
  const PublicityRecord& record;
  std::function<void(std::function<void(PublicityRecord&)>)> edit;
  std::string id;
  bool in_draft = false;
};
void publicity_form(AppState& state, const PublicityEditor& editor);
// The period, its exact end, the countdown ticking once a second while it
// runs; `complete` is said once it is over with no objection open.
void publicity_countdown(AppState& state, const PublicityEditor& editor, const PublicityPeriod& period, const std::string& complete);
void month_calendar(AppState& state, const PublicityPeriod& period);
void objection_log(AppState& state, const PublicityEditor& editor);
void screen_materials(AppState& state);
void screen_package(AppState& state);
void screen_review(AppState& state);
// The district office's own key (kept apart from an applicant's): its
// fingerprint and a way to replace it, or a way to import it; true when there
// is one. `id` prefixes the widgets' names.
bool district_key(AppState& state, const std::string& id);
void screen_district(AppState& state);  // the district's workspace (issue 18)
void screen_office(AppState& state);    // the office's intake (issue 18)
void screen_rate(AppState& state);  // a rater's own scores (issue 17)
// The coordinator's import, comparison and agreement (screen_team.cpp), on
// the self-assessment screen; item_agreement under each item it shows.
void team_section(AppState& state);
void item_agreement(AppState& state, const CriteriaItem& item);

}  // namespace qaward::gui
