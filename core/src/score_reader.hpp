#pragma once
// The checks an item score and a dimension rating pass wherever they are
// read: in an assessment (qaward-assessment/1) and in a rater's rating file
// (qaward-rating/1). One place, so that both formats refuse the same things
// with the same messages. Internal to the core.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_reader.hpp"
#include "qaward/assessment.hpp"

namespace qaward::detail {

// The item, band and percent of the score at `at`: the item known to the
// model; a band 1-6 and a percentage in 5 % steps inside that band (GB/T
// 19580-2012 scoring guidelines: six bands per item, ADLI for process items,
// LeTCI for results). Texts, rater and duplicates are the caller's. nullopt
// when the score cannot be used; every problem is reported in `r`.
[[nodiscard]] std::optional<ItemScore> read_item_score(JsonReader& r, const nlohmann::json& score, const std::string& at,
                                                       const Criteria& criteria);

// The China Quality Award dimension ratings under `path` (an object keyed by
// dimension id, each { "rating": n, <text_key>: "..." }), rated on the
// model's scale; unknown dimensions and ratings off the scale are reported.
[[nodiscard]] std::vector<DimensionRating> read_dimension_ratings(JsonReader& r, const nlohmann::json& dimensions,
                                                                  const std::string& path, const Criteria& criteria,
                                                                  std::string_view text_key);

// Writes ratings back in the form read_dimension_ratings reads.
[[nodiscard]] nlohmann::json dimension_ratings_json(const std::vector<DimensionRating>& ratings, std::string_view text_key);

}  // namespace qaward::detail
