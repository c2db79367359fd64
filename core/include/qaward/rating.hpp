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
[[nodiscard]] Result<Rating> rating_from_json(const nlohmann::json& value, const Criteria& criteria);
[[nodiscard]] Result<Rating> parse_rating(std::string_view json_text, const Criteria& criteria);
// The canonical form: rating_from_json(rating_to_json(r)) gives r.
[[nodiscard]] nlohmann::json rating_to_json(const Rating& rating);

// A rating and where it came from (a file name), for messages.
struct RatingFile {
  std::string name;
  Rating rating;
};

// The raters' ratings of one China Quality Award dimension (质量、技术、品牌、效益).
struct DimensionAgreement : Agreement {
  const CqaDimension* dimension = nullptr;
};

struct RatingMerge {
  // The agreed assessment with every rater and their scores added, as one
  // assessment file with raters would hold them (scoring sheets read it).
  Assessment assessment;
  // Its summary: the totals are the agreed scores' (raters' own scores do not
  // count); summary.agreement holds, per item, the raters' percents, mean,
  // minimum, maximum, spread and the leaders' and staff's means.
  AssessmentSummary summary;
  // Per dimension of the model, in its order, the raters' 1-5 ratings with the
  // same statistics as the items' (kept here: an assessment file holds one
  // agreed rating per dimension).
  std::vector<DimensionAgreement> dimensions;
};

// The coordinator's merge. Refused, naming the file: two ratings for the same
// rater id, or a rating for a rater the agreed assessment already lists.
// The ratings must have been read against `criteria` (parse_rating).
[[nodiscard]] Result<RatingMerge> merge_ratings(const Assessment& agreed, const std::vector<RatingFile>& ratings,
                                                const Criteria& criteria);

}  // namespace qaward
