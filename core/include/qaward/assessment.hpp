#pragma once
// Self-assessment against GB/T 19580-2012 (Article 5 of the measures refers
// to the China Quality Award standard; Chinese government quality awards use
// GB/T 19580 with GB/Z 19579). The model (categories, items, points, bands)
// is data: assets/criteria/gbt19580-2012.json, with its provenance.
//
// Scoring: each item gets a band (1-6) and a percentage in 5 % steps inside
// it; item score = percentage x item points. Scores are kept exactly, in
// hundredths of a point.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaward/diagnostic.hpp"
#include "qaward/rules.hpp"

namespace qaward {

// [SECTION] The model

struct ScoringBand {
  int min = 0;  // percent
  int max = 0;
  BilingualText text;
};

struct CriteriaItem {
  std::string id;  // "4.1.2"
  std::string name;
  std::string name_en;
  int points = 0;
  bool results = false;  // results items are scored by LeTCI, process items by ADLI
  std::vector<std::string> prompts_zh;
  std::vector<std::string> prompts_en;
  std::string category;  // "4.1"
};

struct CriteriaCategory {
  std::string id;
  std::string name;
  std::string name_en;
  int points = 0;
  std::vector<CriteriaItem> items;
};

struct CqaDimension {
  std::string id;  // quality, technology, brand, benefit
  BilingualText name;
};

struct Criteria {
  std::string model;
  BilingualText title;
  int total_points = 0;
  std::vector<ScoringBand> process_bands;
  std::vector<ScoringBand> results_bands;
  std::vector<CriteriaCategory> categories;
  std::vector<CqaDimension> dimensions;
  BilingualText dimensions_note;
  int rating_min = 1;
  int rating_max = 5;
  std::size_t overview_max = 0;
  std::size_t report_max = 0;
  BilingualText counter_definition;
  nlohmann::json provenance;

  [[nodiscard]] const CriteriaItem* find_item(std::string_view id) const;
  [[nodiscard]] const std::vector<ScoringBand>& bands(const CriteriaItem& item) const {
    return item.results ? results_bands : process_bands;
  }
};

// Parses and checks the model: items add up to their category, categories to
// the total; six bands of each kind covering 0-100 in order.
[[nodiscard]] Result<Criteria> parse_criteria(std::string_view json_text);

// [SECTION] An organization's self-assessment (format "qaward-assessment/1")

struct Rater {
  std::string id;
  std::string name;
  std::string group;  // leader | staff
  std::string department;
};

struct ItemScore {
  std::string item;
  std::optional<std::string> rater;  // none: the organization's agreed score
  int band = 0;                      // 1..6
  int percent = 0;
  std::string evidence;
  std::string strengths;
  std::string improvements;
  std::vector<std::string> attachments;  // attachment ids of the draft
  // An agreed score fixed by the team (issue 17): the consensus meeting's
  // reasons, and whether it is still the raters' rounded mean that nobody
  // has discussed yet (set by add_ratings, cleared when the team decides).
  std::string consensus;
  bool provisional = false;
};

struct DimensionRating {
  std::string dimension;
  std::optional<int> rating;
  std::string evidence;
};

struct Assessment {
  std::vector<Rater> raters;
  std::vector<ItemScore> scores;
  std::vector<DimensionRating> dimensions;  // the organization's agreed ratings
  // The raters' own dimension ratings (their rating files'), by rater id;
  // `evidence` holds each one's note. JSON: "rater_dimensions": { id: { "quality": { "rating", "note" } } }.
  std::map<std::string, std::vector<DimensionRating>> rater_dimensions;
  std::string overview;  // 组织概述
  std::string report;    // 自评报告
};

// The organization's agreed score of `item` (not a rater's), or nullptr.
[[nodiscard]] const ItemScore* find_agreed(const Assessment& assessment, std::string_view item);

// Reads and validates an assessment: unknown items, bands and raters, a
// percentage outside its band or not a multiple of 5, duplicate scores; each
// error names the item and its JSON path.
[[nodiscard]] Result<Assessment> assessment_from_json(const nlohmann::json& value, const Criteria& criteria,
                                                      const std::string& path = "");
[[nodiscard]] Result<Assessment> parse_assessment(std::string_view json_text, const Criteria& criteria);
// Writes one back (format qaward-assessment/1): assessment_from_json(to_json(a)) gives a.
[[nodiscard]] nlohmann::json to_json(const Assessment& assessment);

// [SECTION] The summary

struct ItemResult {
  const CriteriaItem* item = nullptr;
  std::optional<int> percent;      // the agreed score, if any
  std::int64_t score_centi = 0;    // points x percent (hundredths of a point)
  std::int64_t at_stake_centi = 0; // points x (100 - percent): what improvement could gain
};

struct CategoryResult {
  const CriteriaCategory* category = nullptr;
  std::int64_t score_centi = 0;
  int scored_items = 0;
};

struct GroupComparison {
  const CriteriaItem* item = nullptr;
  double leader_average = 0;  // percent
  double staff_average = 0;
  double difference = 0;      // |leader - staff|, percentage points
  int leader_count = 0;
  int staff_count = 0;
};

// Per item, the raters' own scores side by side (the team self-assessment of
// the Baldrige and EFQM practice): the spread shows where the organization
// does not agree with itself, and the consensus meeting starts from the
// widest; the leaders' and staff's means show whether it depends on where one
// sits (Baldrige "Are We Making Progress?"). Means are kept in hundredths of a
// percentage point, rounded half up, as they are shown.
// How far raters agree on one thing they all rated (an item's percent, a
// dimension's rating): the values, their mean, range and the groups' means.
struct Agreement {
  std::vector<std::pair<std::string, int>> scores;  // rater id, value; in the order the raters are listed
  // The rest is meaningful only when rated().
  std::int64_t mean_centi = 0;
  int min = 0;
  int max = 0;
  int spread = 0;  // max - min, percentage points
  std::optional<std::int64_t> leader_mean_centi;  // none when no leader scored the item
  std::optional<std::int64_t> staff_mean_centi;
  int leader_count = 0;
  int staff_count = 0;
  [[nodiscard]] bool rated() const { return !scores.empty(); }
  // Leaders' mean minus staff's, when both groups scored the item.
  [[nodiscard]] std::optional<std::int64_t> leader_minus_staff_centi() const;
};

// The statistics of `values` (a rater and their value, in the raters' order).
[[nodiscard]] Agreement agreement_of(const std::vector<std::pair<const Rater*, int>>& values);
// { "scores": { rater id: value }, "mean", "min", "max", "spread", "leader_mean",
//   "staff_mean", "leader_minus_staff" } (null where undefined).
[[nodiscard]] nlohmann::json to_json(const Agreement& agreement);

struct ItemAgreement : Agreement {
  const CriteriaItem* item = nullptr;
};

// The raters' ratings of one China Quality Award dimension (质量、技术、品牌、效益).
struct DimensionAgreement : Agreement {
  const CqaDimension* dimension = nullptr;
};

struct TextCount {
  std::size_t characters = 0;
  std::size_t max = 0;
  [[nodiscard]] bool over() const { return characters > max; }
};

struct AssessmentSummary {
  std::int64_t total_centi = 0;
  std::int64_t process_centi = 0;
  std::int64_t results_centi = 0;
  int process_points = 0;
  int results_points = 0;
  int scored_items = 0;
  int item_count = 0;
  std::vector<CategoryResult> categories;
  std::vector<ItemResult> items;           // in model order
  std::vector<ItemResult> gaps;            // by points at stake, largest first
  std::vector<ItemAgreement> agreement;     // the raters' scores, in model order
  std::vector<DimensionAgreement> dimension_agreement;  // the raters' dimension ratings, in the model's order
  std::vector<GroupComparison> comparisons; // by difference, largest first
  TextCount overview;
  TextCount report;
};

[[nodiscard]] AssessmentSummary summarize(const Assessment& assessment, const Criteria& criteria);

// "612.25" from hundredths of a point (no trailing zeros beyond what is needed).
[[nodiscard]] std::string format_points(std::int64_t centi);

// The rated items by disagreement: largest spread first, then the widest gap
// between leaders and staff, then model order.
[[nodiscard]] std::vector<const ItemAgreement*> by_disagreement(const AssessmentSummary& summary);

// The summary as JSON (CLI --format json and the browser bridge). With the
// raters' scores: a "raters" array and, per entry of "items", "item",
// "scores" (rater id -> percent), "mean", "min", "max", "spread",
// "leader_mean", "staff_mean" and "leader_minus_staff" (null when not
// defined), means to two decimals.
[[nodiscard]] nlohmann::json to_json(const AssessmentSummary& summary, const Assessment& assessment,
                                     const Criteria& criteria);

// An agreed score's consensus note as the sheets print it (Chinese): a
// provisional score is said to be the raters' mean, not yet discussed.
[[nodiscard]] std::string consensus_words(const ItemScore* agreed);

// The self-scoring sheet (自评表) as CSV, UTF-8 with a byte-order mark so that
// spreadsheet programs on Chinese Windows open it correctly. When raters are
// listed, one column per rater and their mean, minimum, maximum, spread and
// group means follow.
[[nodiscard]] std::string scoring_sheet_csv(const AssessmentSummary& summary, const Assessment& assessment);

}  // namespace qaward
