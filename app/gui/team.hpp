#pragma once
// The team self-assessment (issue 17): what rater mode and the coordinator's
// import do to the model. Their screens: screen_rate.cpp (a rater scores the
// items on their own) and screen_team.cpp (the coordinator merges, compares
// and agrees, on the self-assessment screen).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app_state.hpp"
#include "platform.hpp"

namespace qaward::gui {

// [SECTION] Rater mode

// The items a rater's link asks for: "4.1,4.3.2" (what follows "#rate=")
// names items or whole categories; ids the model does not have are ignored.
// Empty: every item.
[[nodiscard]] std::vector<std::string> asked_items(std::string_view list, const Criteria& criteria);
// Whether the rater is asked to score `item` (TeamState::asked).
[[nodiscard]] bool is_asked(const TeamState& team, const CriteriaItem& item);
// A fresh rater id ("R-" and 6 hex digits): the coordinator tells raters
// apart by it, so two people of the same name still count twice.
[[nodiscard]] std::string new_rater_id();
// The rater's work as this browser kept it (qaward.rating), or a new rating
// with a fresh id when there is none (or it no longer reads).
[[nodiscard]] Rating restore_rating(const std::string* saved, const Criteria& criteria);
// Applies a change to the rater's rating and keeps it in the browser.
void update_rating(AppState& state, Platform& platform, const std::function<void(Rating&)>& change);
// Hands the rating in as a file (评分-<name>-<id>.json), or says what it
// still lacks (TeamState::imported is not used: the rater screen shows it).
void export_rating(AppState& state, Platform& platform);
// A rater's score of `item` in their rating, or nullptr; the edit_ form creates it.
[[nodiscard]] const ItemScore* rater_score(const Rating& rating, std::string_view item);
ItemScore& edit_rater_score(Rating& rating, const std::string& item);

// [SECTION] The coordinator

// A rater by name (the id when they gave none), and with their group: "王喆（领导）".
[[nodiscard]] const std::string& rater_name(const Rater& rater);
[[nodiscard]] std::string rater_words(const Catalog& t, const Rater& rater);

// One rating file into the draft's assessment: read against the criteria,
// its rater and scores added (items nobody has agreed yet take the raters'
// rounded mean, marked as not yet discussed); what happened is said in
// TeamState::imported. True when the draft changed.
bool import_rating(AppState& state, const RatingFileChosen& file);
// Takes a rater and their scores out of the draft.
void remove_rater(AppState& state, const std::string& id);
// The coordinator's answer to a newer file from a rater already imported
// (TeamState::replacement): with `replace`, their earlier scores go and the
// file is imported; otherwise it is dropped. True when the draft changed.
bool replace_rating(AppState& state, bool replace);

}  // namespace qaward::gui
