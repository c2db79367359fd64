#include "team.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <utility>

#include "app.hpp"
#include "qaward/text.hpp"

namespace qaward::gui {

// [SECTION] Rater mode

std::vector<std::string> asked_items(std::string_view list, const Criteria& criteria) {
  std::vector<std::string> asked;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = std::min(list.find(',', start), list.size());
    const std::string id(list.substr(start, comma - start));
    start = comma + 1;
    for (const auto& category : criteria.categories) {
      for (const auto& item : category.items) {
        const bool named = item.id == id || category.id == id;
        if (named && std::find(asked.begin(), asked.end(), item.id) == asked.end()) asked.push_back(item.id);
      }
    }
  }
  return asked;
}

bool is_asked(const TeamState& team, const CriteriaItem& item) {
  return team.asked.empty() || std::find(team.asked.begin(), team.asked.end(), item.id) != team.asked.end();
}

std::string new_rater_id() {
  std::random_device random;  // the browser's crypto.getRandomValues under Emscripten
  char id[16];
  std::snprintf(id, sizeof id, "R-%06X", static_cast<unsigned>(random() & 0xFFFFFFu));
  return id;
}

Rating restore_rating(const std::string* saved, const Criteria& criteria) {
  if (saved != nullptr) {
    if (auto kept = parse_rating(*saved, criteria, RatingStage::in_progress); kept.ok()) {
      Rating rating = std::move(kept).value();
      if (rating.rater.id.empty()) rating.rater.id = new_rater_id();
      return rating;
    }
  }
  Rating fresh;
  fresh.model = criteria.model;
  fresh.rater.id = new_rater_id();
  return fresh;
}

const ItemScore* rater_score(const Rating& rating, std::string_view item) {
  const auto it = std::find_if(rating.scores.begin(), rating.scores.end(), [&](const ItemScore& s) { return s.item == item; });
  return it == rating.scores.end() ? nullptr : &*it;
}

ItemScore& edit_rater_score(Rating& rating, const std::string& item) {
  for (auto& s : rating.scores) {
    if (s.item == item) return s;
  }
  ItemScore& added = rating.scores.emplace_back();
  added.item = item;
  added.rater = rating.rater.id;
  return added;
}

void update_rating(AppState& state, Platform& platform, const std::function<void(Rating&)>& change) {
  Rating& rating = state.team.rating;
  change(rating);
  for (auto& s : rating.scores) s.rater = rating.rater.id;
  // The model's order, as the file lists them.
  if (state.services.criteria != nullptr) {
    std::vector<std::string> order;
    for (const auto& c : state.services.criteria->categories) {
      for (const auto& i : c.items) order.push_back(i.id);
    }
    std::stable_sort(rating.scores.begin(), rating.scores.end(), [&](const ItemScore& a, const ItemScore& b) {
      return std::find(order.begin(), order.end(), a.item) < std::find(order.begin(), order.end(), b.item);
    });
  }
  std::erase_if(rating.dimensions, [](const DimensionRating& d) { return !d.rating && d.evidence.empty(); });
  state.ui.draft_unsaved = !platform.save("qaward.rating", rating_to_json(rating).dump());
}

void export_rating(AppState& state, Platform& platform) {
  const Rating& rating = state.team.rating;
  state.notice.text.clear();
  if (const auto missing = rating_incomplete(rating); !missing.empty()) {
    std::string message = state.text().text("rate.export_incomplete");
    for (const auto& d : missing) message += "\n· " + state.text().text("rate.missing." + d.where.substr(d.where.rfind('/') + 1));
    state.notice.say(message, true);
    return;
  }
  const std::string path = "/tmp/rating.json";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << rating_to_json(rating).dump(2) << '\n';
  platform.download(path, "评分-" + rating.rater.name + "-" + rating.rater.id + ".json");
  state.notice.say(state.text().text("rate.exported", {{"count", std::to_string(rating.scores.size())}}));
}

// [SECTION] The coordinator

const std::string& rater_name(const Rater& r) { return r.name.empty() ? r.id : r.name; }

std::string rater_words(const Catalog& t, const Rater& r) {
  return rater_name(r) + "（" + t.text(r.group == "leader" ? "team.leader" : "team.staff") + "）";
}

bool import_rating(AppState& state, const RatingFileChosen& file) {
  const Catalog& t = state.text();
  auto& said = state.team.imported;
  const auto refuse = [&](const std::string& why) {
    said.push_back({t.text("team.import_refused", {{"file", file.name}, {"why", why}}), true});
    return false;
  };
  if (state.services.criteria == nullptr) return false;
  const Criteria& criteria = *state.services.criteria;
  if (file.text.empty()) {
    return refuse(t.text(file.size > 0 ? "team.too_large" : "team.empty_file", {{"size", byte_size(static_cast<std::uint64_t>(file.size))}}));
  }
  auto read = parse_rating(file.text, criteria);
  if (!read.ok()) {
    std::string why;
    std::size_t shown = 0;
    for (const auto& d : read.diagnostics()) {
      if (d.severity != Severity::error || shown++ == 3) continue;  // the first few say enough
      why += (why.empty() ? "" : "\n") + in_words(t, d) + " (" + d.where + ")";
    }
    return refuse(why);
  }
  const Rating& rating = read.value();
  const Assessment& current = assessment_or_empty(state.draft);
  // Imported already (the same rater's file again): replacing is a choice.
  for (const auto& r : current.raters) {
    if (r.id != rating.rater.id) continue;
    state.team.replacement = file;
    return refuse(t.text("team.already_imported", {{"rater", rater_words(t, r)}}));
  }
  auto added = add_ratings(current, {{file.name, rating}}, criteria);
  if (!added.ok()) return refuse(in_words(t, added.diagnostics().front()));
  edit_assessment(state.draft) = std::move(added).value();
  said.push_back({t.text("team.imported", {{"rater", rater_words(t, rating.rater)}, {"file", file.name},
                                          {"count", std::to_string(rating.scores.size())}}), false});
  return true;
}

bool replace_rating(AppState& state, bool replace) {
  auto file = std::exchange(state.team.replacement, std::nullopt);
  if (!file || !replace || state.services.criteria == nullptr) return false;
  const auto read = parse_rating(file->text, *state.services.criteria);
  if (!read.ok()) return false;
  remove_rater(state, read.value().rater.id);
  state.team.imported.clear();
  return import_rating(state, *file);
}

void remove_rater(AppState& state, const std::string& id) {
  if (state.services.criteria == nullptr || !state.draft.assessment) return;
  *state.draft.assessment = qaward::remove_rater(*state.draft.assessment, id, *state.services.criteria);
}

}  // namespace qaward::gui
