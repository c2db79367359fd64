#include "qaward/rating.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "json_reader.hpp"
#include "qaward/json_text.hpp"
#include "score_reader.hpp"

namespace qaward {

namespace {

using nlohmann::json;

constexpr std::string_view kRatingFormat = "qaward-rating/1";

}  // namespace

// [SECTION] Reading and writing a rating file

Result<Rating> rating_from_json(const json& doc, const Criteria& criteria, RatingStage stage) {
  const bool handed_in = stage == RatingStage::handed_in;
  detail::JsonReader r;
  Rating rating;
  if (!doc.is_object()) {
    r.error("input.wrong_type", "/", {{"found", detail::describe(doc)}, {"expected", "{ ... }"}});
    return std::move(r.diagnostics);
  }
  // A rating file says what it is: an assessment or a draft given by mistake
  // is named as such, not read as an empty rating.
  const auto format = r.string(doc, "", "format");
  if (!format || *format != kRatingFormat) {
    r.error("input.unknown_format", "/format", {{"found", format.value_or("(none)")}, {"expected", std::string(kRatingFormat)}});
    return std::move(r.diagnostics);
  }
  r.unknown_members(doc, "", {"format", "model", "rater", "scores", "dimensions"});
  // Items are the model's: scores for another model cannot be checked, so
  // nothing else is looked at.
  rating.model = r.string(doc, "", "model").value_or("");
  if (rating.model != criteria.model) {
    r.error("rating.other_model", "/model", {{"found", rating.model.empty() ? "(none)" : rating.model}, {"expected", criteria.model}});
    return std::move(r.diagnostics);
  }
  const auto* rater = r.object(doc, "", "rater");
  if (rater == nullptr && !handed_in) {
    // not yet said who they are
  } else if (rater == nullptr) {
    r.error("input.missing_field", "/rater", {{"expected", R"({ "id", "name", "group": "leader|staff", "department" })"}});
  } else {
    r.unknown_members(*rater, "/rater", {"id", "name", "group", "department"});
    const auto id = r.string(*rater, "/rater", "id");
    if (handed_in && (!id || id->empty())) r.error("input.missing_field", "/rater/id", {{"expected", "\"text\""}});
    std::optional<std::string> group;
    const bool group_given = rater->contains("group") && (*rater)["group"] != json("");
    if (handed_in || group_given) {
      group = r.required_one_of(*rater, "/rater", "group", {"leader", "staff"});
    }
    rating.rater = {id.value_or(""), r.string(*rater, "/rater", "name").value_or(""), group.value_or(""),
                    r.string(*rater, "/rater", "department").value_or("")};
  }
  std::set<std::string> seen;
  if (const auto* scores = r.array(doc, "", "scores")) {
    for (std::size_t i = 0; i < scores->size(); ++i) {
      const auto at = "/scores/" + std::to_string(i);
      const auto& item = (*scores)[i];
      r.unknown_members(item, at, {"item", "band", "percent", "note"});
      auto score = detail::read_item_score(r, item, at, criteria);
      if (!score) continue;
      if (!seen.insert(score->item).second) {
        r.error("assess.duplicate_score", at, {{"item", score->item}, {"rater", rating.rater.id}});
      }
      score->rater = rating.rater.id;
      score->evidence = r.string(item, at, "note").value_or("");
      rating.scores.push_back(std::move(*score));
    }
  }
  if (const auto* dims = r.object(doc, "", "dimensions")) {
    rating.dimensions = detail::read_dimension_ratings(r, *dims, "/dimensions", criteria, "note");
  }
  if (r.has_errors()) return std::move(r.diagnostics);
  return Result<Rating>(std::move(rating), std::move(r.diagnostics));
}

Result<Rating> parse_rating(std::string_view json_text, const Criteria& criteria, RatingStage stage) {
  const auto doc = parse_json(json_text);
  if (!doc.ok()) return doc.diagnostics();
  return rating_from_json(doc.value(), criteria, stage);
}

std::vector<Diagnostic> rating_incomplete(const Rating& rating) {
  std::vector<Diagnostic> missing;
  for (const auto& [member, value] : {std::pair{"id", &rating.rater.id}, {"name", &rating.rater.name}}) {
    if (value->empty()) missing.push_back(make_error("input.missing_field", std::string("/rater/") + member, {{"expected", "\"text\""}}));
  }
  if (rating.rater.group != "leader" && rating.rater.group != "staff") {
    missing.push_back(make_error("input.missing_field", "/rater/group", {{"expected", "\"leader\" | \"staff\""}}));
  }
  if (rating.scores.empty()) missing.push_back(make_error("rating.no_scores", "/scores", {}));
  return missing;
}

json rating_to_json(const Rating& rating) {
  json out = {{"format", kRatingFormat},
              {"model", rating.model},
              {"rater", {{"id", rating.rater.id}, {"name", rating.rater.name}, {"group", rating.rater.group},
                         {"department", rating.rater.department}}},
              {"scores", json::array()}};
  for (const auto& s : rating.scores) {
    json item = {{"item", s.item}, {"band", s.band}, {"percent", s.percent}};
    if (!s.evidence.empty()) item["note"] = s.evidence;
    out["scores"].push_back(std::move(item));
  }
  if (!rating.dimensions.empty()) out["dimensions"] = detail::dimension_ratings_json(rating.dimensions, "note");
  return out;
}

// [SECTION] The merge

Result<RatingMerge> merge_ratings(const Assessment& agreed, const std::vector<RatingFile>& ratings, const Criteria& criteria) {
  std::vector<Diagnostic> errors;
  RatingMerge merge;
  merge.assessment = agreed;
  std::set<std::string> in_assessment;
  for (const auto& r : agreed.raters) in_assessment.insert(r.id);
  std::map<std::string, std::string> file_of;  // rater id -> the file that brought it
  for (const auto& file : ratings) {
    const auto& rater = file.rating.rater;
    // One voice per rater: a second file for the same id would count them twice.
    if (in_assessment.count(rater.id)) {
      errors.push_back(make_error("rating.rater_in_assessment", file.name, {{"rater", rater.id}}));
      continue;
    }
    if (const auto [first, fresh] = file_of.emplace(rater.id, file.name); !fresh) {
      errors.push_back(make_error("rating.duplicate_rater", file.name, {{"rater", rater.id}, {"first", first->second}}));
      continue;
    }
    merge.assessment.raters.push_back(rater);
    if (!file.rating.dimensions.empty()) merge.assessment.rater_dimensions[rater.id] = file.rating.dimensions;
    for (auto score : file.rating.scores) {
      score.rater = rater.id;
      merge.assessment.scores.push_back(std::move(score));
    }
  }
  if (!errors.empty()) return errors;
  merge.summary = summarize(merge.assessment, criteria);
  return merge;
}

// [SECTION] The coordinator's draft

std::optional<MeanScore> rounded_mean(const Agreement& agreement, const std::vector<ScoringBand>& bands) {
  if (!agreement.rated()) return std::nullopt;
  // mean in hundredths of a percent -> nearest multiple of 5 %, halves up
  const auto percent = static_cast<int>((agreement.mean_centi + 250) / 500 * 5);
  for (std::size_t b = 0; b < bands.size(); ++b) {
    if (bands[b].min <= percent && percent <= bands[b].max) return MeanScore{static_cast<int>(b + 1), percent};
  }
  return std::nullopt;
}

namespace {

// Provisional agreed scores follow the raters' means: set where an item has
// rater scores and no decided score, dropped where no rater scored it.
void follow_means(Assessment& assessment, const Criteria& criteria) {
  const AssessmentSummary summary = summarize(assessment, criteria);
  for (const auto& g : summary.agreement) {
    const auto mean = rounded_mean(g, criteria.bands(*g.item));
    auto agreed = std::find_if(assessment.scores.begin(), assessment.scores.end(),
                               [&](const ItemScore& s) { return !s.rater && s.item == g.item->id; });
    if (agreed != assessment.scores.end() && !agreed->provisional) continue;  // the team has decided
    if (!mean) {
      if (agreed != assessment.scores.end()) assessment.scores.erase(agreed);
      continue;
    }
    if (agreed == assessment.scores.end()) {
      agreed = assessment.scores.insert(assessment.scores.end(), ItemScore{});
      agreed->item = g.item->id;
      agreed->provisional = true;
    }
    agreed->band = mean->band;
    agreed->percent = mean->percent;
  }
}

}  // namespace

Result<Assessment> add_ratings(const Assessment& assessment, const std::vector<RatingFile>& ratings, const Criteria& criteria) {
  auto merge = merge_ratings(assessment, ratings, criteria);
  if (!merge.ok()) return merge.diagnostics();
  Assessment out = std::move(merge).value().assessment;
  follow_means(out, criteria);
  return out;
}

Assessment remove_rater(const Assessment& assessment, std::string_view id, const Criteria& criteria) {
  Assessment out = assessment;
  std::erase_if(out.raters, [&](const Rater& r) { return r.id == id; });
  std::erase_if(out.scores, [&](const ItemScore& s) { return s.rater && *s.rater == id; });
  out.rater_dimensions.erase(std::string(id));
  follow_means(out, criteria);
  return out;
}

}  // namespace qaward
