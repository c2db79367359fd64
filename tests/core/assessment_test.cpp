#include "qaward/assessment.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "qaward/rating.hpp"
#include "qaward/text.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using qaward::Criteria;

const Criteria& model() {
  static const auto criteria = qaward::parse_criteria(qaward::test::read_asset("criteria/gbt19580-2012.json"));
  EXPECT_TRUE(criteria.ok());
  return criteria.value();
}

qaward::Result<qaward::Assessment> read(const json& doc) { return qaward::assessment_from_json(doc, model()); }

json one_score(const char* item, int band, int percent) {
  return {{"scores", {{{"item", item}, {"band", band}, {"percent", percent}}}}};
}

TEST(AssessmentModel, ItemsAddUpToCategoriesAndCategoriesTo1000) {
  const auto& c = model();
  EXPECT_EQ(c.total_points, 1000);
  const std::map<std::string, int> expected = {{"4.1", 110}, {"4.2", 90}, {"4.3", 90}, {"4.4", 130},
                                               {"4.5", 100}, {"4.6", 80}, {"4.7", 400}};
  int total = 0;
  int items = 0;
  for (const auto& category : c.categories) {
    int sum = 0;
    for (const auto& item : category.items) {
      sum += item.points;
      ++items;
      EXPECT_EQ(item.results, category.id == "4.7") << item.id;
      EXPECT_FALSE(item.prompts_zh.empty()) << item.id;
      EXPECT_EQ(item.prompts_zh.size(), item.prompts_en.size()) << item.id;
    }
    EXPECT_EQ(sum, category.points) << category.id;
    EXPECT_EQ(category.points, expected.at(category.id)) << category.id;
    total += sum;
  }
  EXPECT_EQ(total, 1000);
  EXPECT_EQ(items, 23);
  EXPECT_EQ(c.find_item("4.1.2")->points, 50);
  EXPECT_EQ(c.process_bands.size(), 6u);
  EXPECT_EQ(c.results_bands.at(3).min, 50);
  EXPECT_EQ(c.dimensions.size(), 4u);
  EXPECT_EQ(c.overview_max, 3000u);
  EXPECT_EQ(c.report_max, 30000u);
  EXPECT_EQ(c.provenance["item_points"]["confidence"], "M");  // to be checked against GB/Z 19579 Appendix A
}

TEST(AssessmentModel, AModelThatDoesNotAddUpIsRefused) {
  auto doc = json::parse(qaward::test::read_asset("criteria/gbt19580-2012.json"));
  doc["categories"][0]["items"][0]["points"] = 51;
  const auto broken = qaward::parse_criteria(doc.dump());
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.diagnostics().at(0).where, "/categories/0/points");
}

TEST(AssessmentScoring, EdgePercentagesScoreExactly) {
  for (const auto& [band, percent, expected] : {std::tuple{1, 0, 0}, std::tuple{1, 5, 250}, std::tuple{6, 100, 5000},
                                                std::tuple{4, 55, 2750}, std::tuple{2, 10, 500}}) {
    const auto a = read(one_score("4.1.2", band, percent));
    ASSERT_TRUE(a.ok()) << percent;
    const auto s = qaward::summarize(a.value(), model());
    EXPECT_EQ(s.total_centi, expected) << percent;  // 50 points x percent
    EXPECT_EQ(s.items.at(0).at_stake_centi, 5000 - expected);
  }
  // 15 points x 55 % = 8.25 points, kept exactly.
  const auto a = read(one_score("4.4.3", 4, 55));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(qaward::format_points(qaward::summarize(a.value(), model()).total_centi), "8.25");
  EXPECT_EQ(qaward::format_points(43950), "439.5");
  EXPECT_EQ(qaward::format_points(100000), "1000");
}

// Each invalid input is named: the key, the item and the JSON path.
TEST(AssessmentInput, EveryInvalidInputIsNamedPrecisely) {
  struct Case {
    json doc;
    std::string key;
    std::string where;
  };
  const std::vector<Case> cases = {
      {one_score("4.1.9", 3, 30), "assess.unknown_item", "/scores/0/item"},
      {one_score("4.1.2", 3, 50), "assess.percent_outside_band", "/scores/0/percent"},
      {one_score("4.1.2", 3, 25), "assess.percent_outside_band", "/scores/0/percent"},
      {one_score("4.1.2", 3, 33), "assess.percent_not_step", "/scores/0/percent"},
      {one_score("4.1.2", 7, 100), "assess.bad_band", "/scores/0/band"},
      {one_score("4.1.2", 0, 0), "assess.bad_band", "/scores/0/band"},
      {json{{"scores", {{{"item", "4.1.2"}, {"band", 3}, {"percent", "30"}}}}}, "assess.bad_percent", "/scores/0/percent"},
      {json{{"scores", {{{"item", "4.1.2"}, {"band", 3}, {"percent", 30}, {"rater", "X"}}}}}, "assess.unknown_rater", "/scores/0/rater"},
      {json{{"scores", {{{"item", "4.1.2"}, {"band", 3}, {"percent", 30}}, {{"item", "4.1.2"}, {"band", 3}, {"percent", 35}}}}},
       "assess.duplicate_score", "/scores/1"},
      {json{{"raters", {{{"id", "A"}, {"group", "boss"}}}}}, "input.unknown_value", "/raters/0/group"},
      {json{{"raters", {{{"id", "A"}, {"group", "staff"}}, {{"id", "A"}, {"group", "leader"}}}}}, "assess.duplicate_rater", "/raters/1/id"},
      {json{{"dimensions", {{"quality", {{"rating", 6}}}}}}, "assess.bad_rating", "/dimensions/quality/rating"},
      {json{{"dimensions", {{"luck", {{"rating", 3}}}}}}, "assess.unknown_dimension", "/dimensions/luck"},
      {json{{"format", "qaward-assessment/2"}}, "input.unknown_format", "/format"},
      {json{{"scores", "all good"}}, "input.wrong_type", "/scores"},
  };
  for (const auto& c : cases) {
    const auto a = read(c.doc);
    ASSERT_FALSE(a.ok()) << c.doc.dump();
    EXPECT_EQ(a.diagnostics().at(0).key, c.key) << c.doc.dump();
    EXPECT_EQ(a.diagnostics().at(0).where, c.where) << c.doc.dump();
  }
  const auto named = read(one_score("4.1.2", 3, 50));
  EXPECT_EQ(named.diagnostics().at(0).params.at("item"), "4.1.2");
  EXPECT_EQ(named.diagnostics().at(0).params.at("min"), "30");
  EXPECT_FALSE(qaward::parse_assessment("{", model()).ok());
}

TEST(AssessmentGaps, RankedByPointsAtStakeUnscoredItemsAtFullValue) {
  const json doc = {{"scores", {{{"item", "4.7.2"}, {"band", 6}, {"percent", 90}},    // 80 x 10 % = 8 at stake
                                {{"item", "4.4.2"}, {"band", 2}, {"percent", 20}},    // 60 x 80 % = 48
                                {{"item", "4.4.6"}, {"band", 1}, {"percent", 0}}}}};  // 10 x 100 % = 10
  const auto a = read(doc);
  ASSERT_TRUE(a.ok());
  const auto s = qaward::summarize(a.value(), model());
  // Unscored 80-point results items lead (80 at stake each), then 60-point ones.
  EXPECT_EQ(s.gaps.at(0).item->id, "4.7.3");
  EXPECT_EQ(s.gaps.at(0).at_stake_centi, 8000);
  for (std::size_t i = 1; i < s.gaps.size(); ++i) EXPECT_GE(s.gaps[i - 1].at_stake_centi, s.gaps[i].at_stake_centi);
  const auto position = [&](const char* id) {
    return std::find_if(s.gaps.begin(), s.gaps.end(), [&](const qaward::ItemResult& r) { return r.item->id == id; }) - s.gaps.begin();
  };
  EXPECT_LT(position("4.4.2"), position("4.4.6"));
  EXPECT_LT(position("4.4.6"), position("4.7.2"));
  EXPECT_EQ(s.gaps.back().item->id, "4.7.2");
  EXPECT_EQ(s.scored_items, 3);
}

TEST(AssessmentRaters, LeadersVersusStaffOnASmallFixture) {
  const json doc = {
      {"raters", {{{"id", "L1"}, {"group", "leader"}}, {{"id", "L2"}, {"group", "leader"}}, {{"id", "S1"}, {"group", "staff"}}}},
      {"scores", {{{"item", "4.1.2"}, {"rater", "L1"}, {"band", 5}, {"percent", 80}},
                  {{"item", "4.1.2"}, {"rater", "L2"}, {"band", 4}, {"percent", 60}},
                  {{"item", "4.1.2"}, {"rater", "S1"}, {"band", 3}, {"percent", 40}},
                  {{"item", "4.2.2"}, {"rater", "L1"}, {"band", 3}, {"percent", 45}},
                  {{"item", "4.2.2"}, {"rater", "S1"}, {"band", 3}, {"percent", 40}},
                  {{"item", "4.3.2"}, {"rater", "L1"}, {"band", 3}, {"percent", 45}}}}};  // no staff: not compared
  const auto a = read(doc);
  ASSERT_TRUE(a.ok());
  const auto s = qaward::summarize(a.value(), model());
  ASSERT_EQ(s.comparisons.size(), 2u);
  EXPECT_EQ(s.comparisons[0].item->id, "4.1.2");
  EXPECT_DOUBLE_EQ(s.comparisons[0].leader_average, 70.0);
  EXPECT_DOUBLE_EQ(s.comparisons[0].staff_average, 40.0);
  EXPECT_DOUBLE_EQ(s.comparisons[0].difference, 30.0);
  EXPECT_EQ(s.comparisons[0].leader_count, 2);
  EXPECT_DOUBLE_EQ(s.comparisons[1].difference, 5.0);
  EXPECT_EQ(s.total_centi, 0);  // individual ratings do not make the agreed score
}

TEST(AssessmentCounters, MixedChineseAndAsciiWithoutWhitespace) {
  EXPECT_EQ(qaward::count_characters("质量 Quality 第一！\n\t2025年"), 17u);  // 2 + 7 + 3 + 5
  EXPECT_EQ(qaward::count_characters("　全角空格　"), 4u);                    // U+3000 not counted
  EXPECT_EQ(qaward::count_characters("𠮷"), 1u);
  EXPECT_EQ(qaward::count_characters(""), 0u);
  const json doc = {{"overview", std::string(3001, 'x')}, {"report", "短"}};
  const auto a = read(doc);
  ASSERT_TRUE(a.ok());
  const auto s = qaward::summarize(a.value(), model());
  EXPECT_TRUE(s.overview.over());
  EXPECT_EQ(s.overview.characters, 3001u);
  EXPECT_FALSE(s.report.over());
}

TEST(AssessmentExport, CsvQuotesEveryFieldAndStartsWithABom) {
  json doc = one_score("4.1.2", 4, 55);
  doc["scores"][0]["evidence"] = "含\"引号\",和逗号\n换行";
  const auto a = read(doc);
  ASSERT_TRUE(a.ok());
  const auto csv = qaward::scoring_sheet_csv(qaward::summarize(a.value(), model()), a.value());
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.find("\"含\"\"引号\"\",和逗号\n换行\""), std::string::npos);
  EXPECT_NE(csv.find("\"27.5\""), std::string::npos);
  EXPECT_NE(csv.find("\"合计\""), std::string::npos);
}

TEST(AssessmentExample, TheShippedExampleSumsTo439) {
  const auto a = qaward::parse_assessment(qaward::test::read_asset("examples/assessment.json"), model());
  ASSERT_TRUE(a.ok());
  const auto s = qaward::summarize(a.value(), model());
  EXPECT_EQ(s.total_centi, 43900);
  EXPECT_EQ(s.process_centi + s.results_centi, s.total_centi);
  EXPECT_EQ(s.scored_items, 23);
}

// Values that wrap around when narrowed to int (4294967300 is 4 in 32 bits)
// or lie outside 0-100 are refused as such, not read as another value.
TEST(AssessmentInput, NumbersThatWouldWrapAroundAreRefusedWithTheirPath) {
  struct Case {
    json score;  // merged into a valid score of item 4.1.2, band 4, 55 %
    std::string key;
    std::string where;
  };
  const std::vector<Case> cases = {
      {{{"band", 4294967300ull}}, "assess.bad_band", "/scores/0/band"},
      {{{"band", -4294967292ll}}, "assess.bad_band", "/scores/0/band"},
      {{{"band", 18446744073709551615ull}}, "assess.bad_band", "/scores/0/band"},
      {{{"band", 4.0}}, "assess.bad_band", "/scores/0/band"},
      {{{"percent", 4294967351ull}}, "assess.bad_percent", "/scores/0/percent"},  // 55 + 2^32
      {{{"percent", 18446744073709551615ull}}, "assess.bad_percent", "/scores/0/percent"},
      {{{"percent", -5}}, "assess.bad_percent", "/scores/0/percent"},
      {{{"percent", 105}}, "assess.bad_percent", "/scores/0/percent"},
      {{{"percent", 52.5}}, "assess.bad_percent", "/scores/0/percent"},
      {{{"percent", 1e300}}, "assess.bad_percent", "/scores/0/percent"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.score.dump());
    json score = {{"item", "4.1.2"}, {"band", 4}, {"percent", 55}};
    ASSERT_TRUE(read({{"scores", {score}}}).ok());
    score.merge_patch(c.score);
    const auto a = read({{"scores", {score}}});
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.diagnostics().at(0).key, c.key);
    EXPECT_EQ(a.diagnostics().at(0).where, c.where);
  }
  const auto rating = read({{"dimensions", {{"quality", {{"rating", 4294967299ull}}}}}});  // 3 + 2^32
  ASSERT_FALSE(rating.ok());
  EXPECT_EQ(rating.diagnostics().at(0).key, "assess.bad_rating");
  EXPECT_EQ(rating.diagnostics().at(0).where, "/dimensions/quality/rating");
}

// [SECTION] Rating files and the coordinator's merge (issue 17)

// `scores` is a vector, not a json: a braced list of one json would be a copy
// of that object under Clang and an array under GCC (nlohmann/json#2311).
json one_rating(const char* id, const char* group, std::vector<json> scores) {
  return {{"format", "qaward-rating/1"}, {"model", "gbt19580-2012"},
          {"rater", {{"id", id}, {"name", ""}, {"group", group}, {"department", ""}}}, {"scores", json(std::move(scores))}};
}

json score(const char* item, int band, int percent) { return {{"item", item}, {"band", band}, {"percent", percent}}; }

qaward::RatingFile rating_file(const char* id, const char* group, std::vector<json> scores) {
  const auto r = qaward::rating_from_json(one_rating(id, group, std::move(scores)), model());
  EXPECT_TRUE(r.ok()) << id;
  return {std::string(id) + ".json", r.value()};
}

TEST(RatingFile, TheShippedExamplesAreCanonicalAndRoundTrip) {
  for (const char* name : {"examples/ratings/leader-1.json", "examples/ratings/staff-1.json"}) {
    SCOPED_TRACE(name);
    const auto text = qaward::test::read_asset(name);
    const auto r = qaward::parse_rating(text, model());
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.diagnostics().empty());
    EXPECT_EQ(r.value().scores.size(), 23u);
    EXPECT_EQ(r.value().dimensions.size(), 4u);
    EXPECT_EQ(qaward::rating_to_json(r.value()).dump(2) + "\n", text);
    for (const auto& s : r.value().scores) EXPECT_EQ(s.rater, r.value().rater.id);
  }
  auto doc = one_rating("L9", "leader", {score("4.1.2", 4, 55)});
  doc["rater"]["department"] = "质量部";
  doc["scores"][0]["note"] = "季度会议纪要";
  doc["dimensions"] = {{"brand", {{"rating", 2}, {"note", "区域品牌"}}}};
  const auto r = qaward::rating_from_json(doc, model());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().rater.department, "质量部");
  EXPECT_EQ(r.value().scores.at(0).evidence, "季度会议纪要");
  EXPECT_EQ(qaward::rating_to_json(r.value()), doc);
}

// The same checks as an assessment's scores, each named by key and JSON path;
// every case starts from a valid rating.
TEST(RatingFile, EveryInvalidInputIsNamedPrecisely) {
  struct Case {
    json patch;  // merged into a valid rating
    std::string key;
    std::string where;
  };
  const std::vector<Case> cases = {
      {{{"format", "qaward-assessment/1"}}, "input.unknown_format", "/format"},
      {{{"format", nullptr}}, "input.unknown_format", "/format"},
      {{{"model", "efqm-2020"}}, "rating.other_model", "/model"},
      {{{"model", nullptr}}, "rating.other_model", "/model"},
      {{{"rater", nullptr}}, "input.missing_field", "/rater"},
      {{{"rater", {{"id", ""}}}}, "input.missing_field", "/rater/id"},
      {{{"rater", {{"group", "boss"}}}}, "input.unknown_value", "/rater/group"},
      {{{"scores", {score("4.1.9", 3, 30)}}}, "assess.unknown_item", "/scores/0/item"},
      {{{"scores", {score("4.1.2", 7, 100)}}}, "assess.bad_band", "/scores/0/band"},
      {{{"scores", {score("4.1.2", 3, 50)}}}, "assess.percent_outside_band", "/scores/0/percent"},
      {{{"scores", {score("4.1.2", 3, 25)}}}, "assess.percent_outside_band", "/scores/0/percent"},
      {{{"scores", {score("4.1.2", 3, 32)}}}, "assess.percent_not_step", "/scores/0/percent"},
      {{{"scores", {score("4.1.2", 3, 30), score("4.1.2", 3, 35)}}}, "assess.duplicate_score", "/scores/1"},
      {{{"scores", {"4.1.2"}}}, "input.wrong_type", "/scores/0"},
      {{{"dimensions", {{"quality", {{"rating", 6}}}}}}, "assess.bad_rating", "/dimensions/quality/rating"},
      {{{"dimensions", {{"luck", {{"rating", 3}}}}}}, "assess.unknown_dimension", "/dimensions/luck"},
  };
  const json valid = one_rating("L1", "leader", {score("4.1.2", 3, 30), score("4.7.4", 4, 55)});
  ASSERT_TRUE(qaward::rating_from_json(valid, model()).ok());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.patch.dump());
    json doc = valid;
    doc.merge_patch(c.patch);
    const auto r = qaward::rating_from_json(doc, model());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.diagnostics().at(0).key, c.key);
    EXPECT_EQ(r.diagnostics().at(0).where, c.where);
  }
  // Another model's file is refused as such, not as 23 unknown items.
  json other = valid;
  other["model"] = "efqm-2020";
  other["scores"] = {score("1.1", 3, 30)};
  EXPECT_EQ(qaward::rating_from_json(other, model()).diagnostics().size(), 1u);
  EXPECT_FALSE(qaward::parse_rating("{", model()).ok());
  EXPECT_FALSE(qaward::rating_from_json(json::array(), model()).ok());
}

TEST(RatingMerge, PerItemPercentsMeanSpreadAndGroupMeans) {
  const json agreed_doc = {{"scores", {score("4.1.2", 4, 55)}}};
  const auto agreed = read(agreed_doc);
  ASSERT_TRUE(agreed.ok());
  const std::vector<qaward::RatingFile> files = {
      rating_file("L1", "leader", {score("4.1.2", 5, 80), score("4.2.2", 3, 45), score("4.3.2", 3, 45)}),
      rating_file("L2", "leader", {score("4.1.2", 4, 60), score("4.2.2", 3, 40)}),
      rating_file("S1", "staff", {score("4.1.2", 3, 40), score("4.2.2", 3, 40)}),
  };
  const auto merged = qaward::merge_ratings(agreed.value(), files, model());
  ASSERT_TRUE(merged.ok());
  const auto& s = merged.value().summary;
  EXPECT_EQ(s.total_centi, 2750);  // the agreed score only: 50 x 55 %
  ASSERT_EQ(s.agreement.size(), 23u);
  const auto& first = s.agreement.at(0);  // 4.1.2
  EXPECT_EQ(first.item->id, "4.1.2");
  EXPECT_EQ(first.scores, (std::vector<std::pair<std::string, int>>{{"L1", 80}, {"L2", 60}, {"S1", 40}}));
  EXPECT_EQ(first.mean_centi, 6000);
  EXPECT_EQ(first.min, 40);
  EXPECT_EQ(first.max, 80);
  EXPECT_EQ(first.spread, 40);
  EXPECT_EQ(first.leader_mean_centi, 7000);
  EXPECT_EQ(first.staff_mean_centi, 4000);
  EXPECT_EQ(first.leader_minus_staff_centi(), 3000);
  auto at = [&](std::string_view id) {
    return static_cast<std::size_t>(
        std::find_if(s.agreement.begin(), s.agreement.end(), [&](const auto& g) { return g.item->id == id; }) -
        s.agreement.begin());
  };
  const auto* item_422 = &s.agreement.at(at("4.2.2"));
  EXPECT_EQ(item_422->mean_centi, 4167);  // 125 / 3 = 41.666... -> 41.67
  EXPECT_EQ(item_422->leader_mean_centi, 4250);
  const auto* item_432 = &s.agreement.at(at("4.3.2"));
  EXPECT_EQ(item_432->spread, 0);
  EXPECT_FALSE(item_432->staff_mean_centi.has_value());  // no staff score: absent, not 0
  EXPECT_FALSE(item_432->leader_minus_staff_centi().has_value());
  EXPECT_FALSE(s.agreement.at(1).rated());
  // By disagreement: 4.1.2 (40), 4.2.2 (5), 4.3.2 (0); unrated items left out.
  const auto order = qaward::by_disagreement(s);
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order[0]->item->id, "4.1.2");
  EXPECT_EQ(order[1]->item->id, "4.2.2");
  EXPECT_EQ(order[2]->item->id, "4.3.2");
  // The leaders-versus-staff comparison of the summary comes from the same numbers.
  ASSERT_EQ(s.comparisons.size(), 2u);
  EXPECT_DOUBLE_EQ(s.comparisons[0].difference, 30.0);

  const auto j = qaward::to_json(s, merged.value().assessment, model());
  ASSERT_EQ(j["raters"].size(), 3u);
  EXPECT_EQ(j["raters"][2], (json{{"id", "S1"}, {"group", "staff"}, {"name", ""}, {"department", ""}}));
  const auto& item = j["items"][at("4.2.2")];
  EXPECT_EQ(item["item"], "4.2.2");
  EXPECT_EQ(item["scores"], (json{{"L1", 45}, {"L2", 40}, {"S1", 40}}));
  EXPECT_EQ(item["mean"].dump(), "41.67");
  EXPECT_EQ(item["spread"], 5);
  EXPECT_EQ(item["leader_mean"].dump(), "42.5");
  EXPECT_EQ(j["items"][at("4.3.2")]["staff_mean"], nullptr);
  EXPECT_EQ(j["items"][1]["mean"], nullptr);
  EXPECT_EQ(j["items"][1]["scores"], json::object());
}

// The raters' China Quality Award dimension ratings, compared as the items
// are: per dimension in the model's order, absent ratings not counted.
TEST(RatingMerge, DimensionRatingsAreComparedAsItemsAre) {
  const auto agreed = read(one_score("4.1.2", 4, 55));
  ASSERT_TRUE(agreed.ok());
  auto with_dims = [](const char* id, const char* group, json dims) {
    auto doc = one_rating(id, group, {score("4.1.2", 4, 55)});
    doc["dimensions"] = std::move(dims);
    const auto r = qaward::rating_from_json(doc, model());
    EXPECT_TRUE(r.ok()) << id;
    return qaward::RatingFile{std::string(id) + ".json", r.value()};
  };
  const auto merged = qaward::merge_ratings(
      agreed.value(),
      {with_dims("L1", "leader", {{"quality", {{"rating", 5}}}, {"brand", {{"rating", 2}}}}),
       with_dims("S1", "staff", {{"quality", {{"rating", 2}}}}), with_dims("S2", "staff", {{"quality", {{"rating", 3}}}})},
      model());
  ASSERT_TRUE(merged.ok());
  const auto& dims = merged.value().summary.dimension_agreement;
  ASSERT_EQ(dims.size(), model().dimensions.size());
  const auto find = [&](const char* id) {
    return *std::find_if(dims.begin(), dims.end(), [&](const qaward::DimensionAgreement& d) { return d.dimension->id == id; });
  };
  const auto& quality = find("quality");
  EXPECT_EQ(quality.scores.size(), 3u);
  EXPECT_EQ(quality.mean_centi, 333);  // (5 + 2 + 3) / 3, in hundredths
  EXPECT_EQ(quality.spread, 3);
  EXPECT_EQ(quality.leader_mean_centi, 500);
  EXPECT_EQ(quality.staff_mean_centi, 250);
  EXPECT_EQ(quality.leader_minus_staff_centi(), 250);
  const auto& brand = find("brand");
  EXPECT_EQ(brand.scores.size(), 1u);
  EXPECT_FALSE(brand.staff_mean_centi.has_value());
  EXPECT_FALSE(find("technology").rated());
  EXPECT_EQ(qaward::to_json(static_cast<const qaward::Agreement&>(find("technology")))["mean"], nullptr);
}

TEST(RatingMerge, ASecondFileForTheSameRaterIsRefusedNamingBothFiles) {
  const auto agreed = read(one_score("4.1.2", 4, 55));
  ASSERT_TRUE(agreed.ok());
  const std::vector<qaward::RatingFile> files = {rating_file("L1", "leader", {score("4.1.2", 5, 80)}),
                                                 rating_file("S1", "staff", {score("4.1.2", 3, 40)}),
                                                 rating_file("L1", "staff", {score("4.1.2", 4, 60)})};
  auto merged = qaward::merge_ratings(agreed.value(), files, model());
  ASSERT_FALSE(merged.ok());
  ASSERT_EQ(merged.diagnostics().size(), 1u);
  EXPECT_EQ(merged.diagnostics()[0].key, "rating.duplicate_rater");
  EXPECT_EQ(merged.diagnostics()[0].where, "L1.json");
  EXPECT_EQ(merged.diagnostics()[0].params.at("first"), "L1.json");
  // Without the second L1 it merges.
  EXPECT_TRUE(qaward::merge_ratings(agreed.value(), {files[0], files[1]}, model()).ok());
  // A rater the agreed assessment already lists with their own scores.
  json with_raters = one_score("4.1.2", 4, 55);
  with_raters["raters"] = {{{"id", "S1"}, {"group", "staff"}}};
  const auto listed = read(with_raters);
  ASSERT_TRUE(listed.ok());
  merged = qaward::merge_ratings(listed.value(), {files[0], files[1]}, model());
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.diagnostics()[0].key, "rating.rater_in_assessment");
  EXPECT_EQ(merged.diagnostics()[0].where, "S1.json");
}

TEST(RatingMerge, TheScoringSheetGainsAColumnPerRater) {
  const auto agreed = read(one_score("4.1.2", 4, 55));
  ASSERT_TRUE(agreed.ok());
  const auto merged = qaward::merge_ratings(
      agreed.value(), {rating_file("L1", "leader", {score("4.1.2", 5, 80)}), rating_file("S1", "staff", {score("4.1.2", 3, 45)})},
      model());
  ASSERT_TRUE(merged.ok());
  const auto csv = qaward::scoring_sheet_csv(merged.value().summary, merged.value().assessment);
  EXPECT_NE(csv.find("\"L1（领导）\",\"S1（员工）\",\"平均\",\"最低\",\"最高\",\"极差\",\"领导平均\",\"员工平均\",\"共识说明\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\"80%\",\"45%\",\"62.5%\",\"45%\",\"80%\",\"35\",\"80%\",\"45%\",\"\"\r\n"), std::string::npos);
  // Every row has as many fields as the header (the total row too).
  const auto without = qaward::scoring_sheet_csv(qaward::summarize(agreed.value(), model()), agreed.value());
  EXPECT_EQ(without.find("平均"), std::string::npos);
}

// [SECTION] The coordinator's draft: provisional agreed scores (issue 17, item 3)

const qaward::ItemScore* agreed_of(const qaward::Assessment& a, std::string_view item) {
  for (const auto& s : a.scores) {
    if (!s.rater && s.item == item) return &s;
  }
  return nullptr;
}

TEST(RatingMerge, TheRoundedMeanIsAFiveStepInsideItsBand) {
  const auto& bands = model().process_bands;
  qaward::Agreement g;
  EXPECT_FALSE(qaward::rounded_mean(g, bands).has_value());  // nobody rated it
  g.scores = {{"L1", 80}, {"S1", 45}};
  g.mean_centi = 6250;  // 62.5 %: halves go up
  auto m = qaward::rounded_mean(g, bands);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->percent, 65);
  EXPECT_EQ(bands.at(static_cast<std::size_t>(m->band - 1)).min <= 65 && 65 <= bands.at(static_cast<std::size_t>(m->band - 1)).max, true);
  g.mean_centi = 6249;
  EXPECT_EQ(qaward::rounded_mean(g, bands)->percent, 60);
  g.mean_centi = 4167;  // 41.67 -> 40
  EXPECT_EQ(qaward::rounded_mean(g, bands)->percent, 40);
}

TEST(RatingMerge, ImportedRatingsGiveProvisionalAgreedScoresThatFollowTheMean) {
  auto agreed = read(one_score("4.1.2", 4, 55));  // decided by the team
  ASSERT_TRUE(agreed.ok());
  const auto l1 = rating_file("L1", "leader", {score("4.1.2", 5, 80), score("4.2.2", 4, 60)});
  const auto s1 = rating_file("S1", "staff", {score("4.1.2", 3, 40), score("4.2.2", 3, 40)});
  const auto added = qaward::add_ratings(agreed.value(), {l1, s1}, model());
  ASSERT_TRUE(added.ok());
  const auto& a = added.value();
  EXPECT_EQ(a.raters.size(), 2u);
  // A decided score is left as it is.
  ASSERT_NE(agreed_of(a, "4.1.2"), nullptr);
  EXPECT_EQ(agreed_of(a, "4.1.2")->percent, 55);
  EXPECT_FALSE(agreed_of(a, "4.1.2")->provisional);
  // An item only the raters scored gets their mean, marked provisional.
  const auto* p = agreed_of(a, "4.2.2");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->percent, 50);
  EXPECT_TRUE(p->provisional);
  EXPECT_EQ(p->band, 4);
  // Without S1 it follows L1 alone; without both it goes.
  const auto without_s1 = qaward::remove_rater(a, "S1", model());
  EXPECT_EQ(without_s1.raters.size(), 1u);
  EXPECT_EQ(agreed_of(without_s1, "4.2.2")->percent, 60);
  const auto without_both = qaward::remove_rater(without_s1, "L1", model());
  EXPECT_EQ(agreed_of(without_both, "4.2.2"), nullptr);
  EXPECT_EQ(agreed_of(without_both, "4.1.2")->percent, 55);  // decided: kept
  EXPECT_TRUE(without_both.raters.empty());
  // A file for a rater already there is refused, naming the file.
  const auto again = qaward::add_ratings(a, {l1}, model());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.diagnostics().at(0).key, "rating.rater_in_assessment");
  EXPECT_EQ(again.diagnostics().at(0).where, "L1.json");
}

TEST(RatingMerge, ConsensusNotesAndTheProvisionalMarkRoundTripAndPrint) {
  auto agreed = read(one_score("4.1.2", 4, 55));
  ASSERT_TRUE(agreed.ok());
  auto added = qaward::add_ratings(agreed.value(), {rating_file("L1", "leader", {score("4.2.2", 4, 60)})}, model());
  ASSERT_TRUE(added.ok());
  auto a = added.value();
  for (auto& s : a.scores) {
    if (!s.rater && s.item == "4.1.2") s.consensus = "按三年数据下调";
  }
  const auto again = qaward::assessment_from_json(qaward::to_json(a), model());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(agreed_of(again.value(), "4.1.2")->consensus, "按三年数据下调");
  EXPECT_TRUE(agreed_of(again.value(), "4.2.2")->provisional);
  EXPECT_FALSE(agreed_of(again.value(), "4.1.2")->provisional);
  const auto csv = qaward::scoring_sheet_csv(qaward::summarize(a, model()), a);
  EXPECT_NE(csv.find("\"按三年数据下调\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\"未讨论：暂取评分人平均\"\r\n"), std::string::npos);
}

TEST(RatingFile, ARatingInProgressNeedsNoRaterYetButAHandedInOneDoes) {
  json doc = one_rating("", "", {score("4.1.2", 4, 55)});
  const auto handed_in = qaward::rating_from_json(doc, model());
  ASSERT_FALSE(handed_in.ok());
  EXPECT_EQ(handed_in.diagnostics().at(0).where, "/rater/id");
  const auto kept = qaward::rating_from_json(doc, model(), qaward::RatingStage::in_progress);
  ASSERT_TRUE(kept.ok());
  auto missing = qaward::rating_incomplete(kept.value());
  std::vector<std::string> where;
  for (const auto& d : missing) where.push_back(d.where);
  EXPECT_EQ(where, (std::vector<std::string>{"/rater/id", "/rater/name", "/rater/group"}));
  // A bad group is still refused while in progress; a bad score too.
  doc["rater"]["group"] = "boss";
  EXPECT_FALSE(qaward::rating_from_json(doc, model(), qaward::RatingStage::in_progress).ok());
  doc["rater"]["group"] = "staff";
  doc["scores"][0]["percent"] = 57;
  EXPECT_FALSE(qaward::rating_from_json(doc, model(), qaward::RatingStage::in_progress).ok());
  // Filled in, nothing is missing; no scores is.
  auto r = kept.value();
  r.rater = {"R-1", "王喆", "staff", ""};
  EXPECT_TRUE(qaward::rating_incomplete(r).empty());
  r.scores.clear();
  ASSERT_EQ(qaward::rating_incomplete(r).size(), 1u);
  EXPECT_EQ(qaward::rating_incomplete(r)[0].key, "rating.no_scores");
}

TEST(RatingMerge, TheRatersDimensionRatingsAreKeptInTheAssessmentAndGoWithTheirRater) {
  auto agreed = read(one_score("4.1.2", 4, 55));
  ASSERT_TRUE(agreed.ok());
  auto doc = one_rating("L1", "leader", {score("4.1.2", 5, 80)});
  doc["dimensions"] = {{"quality", {{"rating", 5}, {"note", "一次交检合格率"}}}};
  const auto l1 = qaward::rating_from_json(doc, model());
  ASSERT_TRUE(l1.ok());
  const auto added = qaward::add_ratings(agreed.value(), {{"l1.json", l1.value()}}, model());
  ASSERT_TRUE(added.ok());
  ASSERT_EQ(added.value().rater_dimensions.count("L1"), 1u);
  // Written and read back with the assessment (the draft keeps it so).
  const auto back = qaward::assessment_from_json(qaward::to_json(added.value()), model());
  ASSERT_TRUE(back.ok());
  const auto& kept = back.value().rater_dimensions.at("L1");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].rating, 5);
  EXPECT_EQ(kept[0].evidence, "一次交检合格率");
  const auto summary = qaward::summarize(back.value(), model());
  const auto quality = std::find_if(summary.dimension_agreement.begin(), summary.dimension_agreement.end(),
                                    [](const qaward::DimensionAgreement& d) { return d.dimension->id == "quality"; });
  ASSERT_NE(quality, summary.dimension_agreement.end());
  EXPECT_EQ(quality->scores, (std::vector<std::pair<std::string, int>>{{"L1", 5}}));
  // A rater not listed is refused; removing the rater takes their ratings.
  auto bad = qaward::to_json(added.value());
  bad["rater_dimensions"]["S9"] = bad["rater_dimensions"]["L1"];
  const auto refused = qaward::assessment_from_json(bad, model());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.diagnostics().at(0).where, "/rater_dimensions/S9");
  EXPECT_TRUE(qaward::remove_rater(back.value(), "L1", model()).rater_dimensions.empty());
}

}  // namespace
