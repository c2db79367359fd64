#pragma once
// A team self-assessment: each rater (leaders and staff, by department)
// scores the items on their own and hands in a rating file; the coordinator
// merges the files with the agreed assessment, sees where the organization
// does not agree with itself, and the consensus meeting fixes the agreed
// score (the Baldrige and EFQM practice of self-assessment by a team).
//
// The rating file, format "qaward-rating/1" (README "Rating files"):
//   { "format": "qaward-rating/1", "model": "gbt19580-2012",
//     "rater": { "id", "name", "group": "leader|staff", "department" },
//     "scores": [ { "item": "4.1.2", "band": 4, "percent": 55, "note": "..." } ],
//     "dimensions": { "quality": { "rating": 4, "note": "..." } } }   (optional)
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaward/assessment.hpp"
#include "qaward/diagnostic.hpp"

namespace qaward {

struct Rating {
  Rater rater;
  std::string model;  // the criteria model scored against, e.g. "gbt19580-2012"
  // Each with `rater` set to rater.id; `evidence` holds the file's `note`.
  std::vector<ItemScore> scores;
  // The China Quality Award dimensions; `evidence` holds the `note`.
  std::vector<DimensionRating> dimensions;
};

// Reads and validates a rating file against `criteria`, with the same checks
// and messages as an assessment's scores (known item, band 1-6, percent in
// its band and in 5 % steps, each item once); a file for another criteria
// model is refused before its items are looked at.
// A rating still being written (kept in a rater's browser) may lack the
// rater's id and group: `in_progress` reads it without asking for them.
enum class RatingStage { handed_in, in_progress };
[[nodiscard]] Result<Rating> rating_from_json(const nlohmann::json& value, const Criteria& criteria,
                                              RatingStage stage = RatingStage::handed_in);
[[nodiscard]] Result<Rating> parse_rating(std::string_view json_text, const Criteria& criteria,
                                          RatingStage stage = RatingStage::handed_in);
// What a rating lacks before it can be handed in (errors with the JSON path
// of the missing member: the rater's id, name and group, at least one score).
[[nodiscard]] std::vector<Diagnostic> rating_incomplete(const Rating& rating);
// The canonical form: rating_from_json(rating_to_json(r)) gives r.
[[nodiscard]] nlohmann::json rating_to_json(const Rating& rating);

// A rating and where it came from (a file name), for messages.
struct RatingFile {
  std::string name;
  Rating rating;
};

struct RatingMerge {
  // The agreed assessment with every rater and their scores added, as one
  // assessment file with raters would hold them (scoring sheets read it).
  Assessment assessment;
  // Its summary: the totals are the agreed scores' (raters' own scores do not
  // count); summary.agreement holds, per item, the raters' percents, mean,
  // minimum, maximum, spread and the leaders' and staff's means, and
  // summary.dimension_agreement the same for their 1-5 dimension ratings.
  AssessmentSummary summary;
};

// The coordinator's merge. Refused, naming the file: two ratings for the same
// rater id, or a rating for a rater the agreed assessment already lists.
// The ratings must have been read against `criteria` (parse_rating).
[[nodiscard]] Result<RatingMerge> merge_ratings(const Assessment& agreed, const std::vector<RatingFile>& ratings,
                                                const Criteria& criteria);

// [SECTION] The coordinator's draft (the browser keeps the merge in the draft)

// The agreed score a consensus meeting starts from: the raters' mean rounded
// to the nearest 5 % step (halves up), in the band that holds it.
struct MeanScore {
  int band = 0;
  int percent = 0;
};
[[nodiscard]] std::optional<MeanScore> rounded_mean(const Agreement& agreement, const std::vector<ScoringBand>& bands);

// `assessment` with the ratings' raters and scores added (refused as
// merge_ratings refuses). Each item the raters scored that has no agreed
// score, or only a provisional one, gets their rounded mean as a provisional
// agreed score: marked as not yet discussed until the team sets it.
[[nodiscard]] Result<Assessment> add_ratings(const Assessment& assessment, const std::vector<RatingFile>& ratings,
                                             const Criteria& criteria);
// `assessment` without the rater `id` and their scores; provisional agreed
// scores follow the remaining raters' mean, and go when nobody scored the item.
[[nodiscard]] Assessment remove_rater(const Assessment& assessment, std::string_view id, const Criteria& criteria);

}  // namespace qaward
