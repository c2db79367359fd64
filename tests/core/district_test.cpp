// The district's workspace (issue 18, Article 11 (三)): decisions with their
// checks and reasons, the recommendation publicity on the calendar, the
// objections, and the stage each leaves the district at. Every case starts
// from the intact workspace below and breaks one thing.
#include <gtest/gtest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "qaward/district.hpp"
#include "test_support.hpp"

namespace {

using qaward::Decision;
using qaward::DistrictStage;
using qaward::ListCheck;

qaward::DateTime at(const char* text) { return qaward::parse_datetime(text).value(); }

qaward::DistrictCase a_case(const std::string& id, const std::string& organization, Decision decision) {
  qaward::DistrictCase c;
  c.package_id = id;
  c.file = id + ".zip";
  c.organization = organization;
  c.uscc = "91650100MA77XXXXXX";
  c.decision = decision;
  c.reasons = decision == Decision::recommend ? "材料齐全，符合申报条件，同意推荐" : "经营未满五年（第二条）";
  for (const auto which : qaward::kListChecks) {
    c.check(which) = {"王芳", at("2026-03-16T10:00"), "未列入"};
  }
  return c;
}

// Two recommended, one not; posted 17 March 2026 09:00 (20 March is a
// Xinjiang holiday: the 5 working days end at 24:00 on 25 March).
qaward::DistrictWorkspace intact() {
  qaward::DistrictWorkspace w;
  w.unit = "天山区市场监督管理局";
  w.reviewer = "王芳";
  w.cases = {a_case("QA-1", "甲公司", Decision::recommend), a_case("QA-2", "乙公司", Decision::recommend),
             a_case("QA-3", "丙公司", Decision::not_recommend)};
  w.publicity.posted_at = at("2026-03-17T09:00");
  w.publicity.where = "天山区人民政府网站";
  return w;
}

const qaward::DateTime kAfter = at("2026-03-26T09:00");

qaward::DistrictStatus status_of(const qaward::DistrictWorkspace& w, const qaward::DateTime& now = kAfter) {
  return qaward::district_status(w, qaward::test::shipped().calendar, qaward::test::shipped().rules.procedure, now);
}

std::vector<std::string> error_keys(const qaward::DistrictStatus& s) {
  std::vector<std::string> keys;
  for (const auto& d : s.problems) {
    if (d.severity == qaward::Severity::error) keys.push_back(d.key + " " + d.where);
  }
  return keys;
}

TEST(District, AnIntactWorkspaceAfterItsPublicityIsReadyToCountersignTheRecommendedOnes) {
  const auto s = status_of(intact());
  EXPECT_EQ(s.stage, DistrictStage::ready_to_countersign);
  EXPECT_TRUE(error_keys(s).empty());
  EXPECT_EQ(s.recommended, (std::vector<std::size_t>{0, 1}));
  ASSERT_TRUE(s.period.has_value());
  EXPECT_EQ(qaward::to_string(s.period->last_day), "2026-03-25");
}

TEST(District, TheStagesFollowThePostingThePeriodAndTheObjections) {
  auto w = intact();
  w.publicity.posted_at.reset();
  EXPECT_EQ(status_of(w).stage, DistrictStage::ready_to_post);

  w = intact();
  const auto during = status_of(w, at("2026-03-25T23:00"));
  EXPECT_EQ(during.stage, DistrictStage::publicity);
  EXPECT_EQ(error_keys(during), (std::vector<std::string>{"district.publicity_not_over /publicity/posted_at"}));
  EXPECT_EQ(during.publicity.state, qaward::PublicityState::running);

  qaward::Objection o;
  o.received_on = {2026, 3, 19};
  o.summary = "质疑乙公司的经营年限";
  w.publicity.objections.push_back(o);
  const auto open = status_of(w);
  EXPECT_EQ(open.stage, DistrictStage::objections);
  EXPECT_EQ(error_keys(open), (std::vector<std::string>{"district.objection_open /publicity/objections/0"}));

  w.publicity.objections[0].resolution = "经核实，异议不成立";
  w.publicity.objections[0].resolved_on = qaward::Date{2026, 3, 24};
  EXPECT_EQ(status_of(w).stage, DistrictStage::ready_to_countersign);
}

TEST(District, ARecommendationNeedsEachListCheckRecordedByWhomAndWhen) {
  for (const auto which : qaward::kListChecks) {
    auto w = intact();
    w.cases[1].check(which).by.clear();  // when, but not by whom
    const auto s = status_of(w);
    EXPECT_EQ(s.stage, DistrictStage::deciding);
    EXPECT_EQ(error_keys(s), (std::vector<std::string>{"district.check_missing /cases/1/checks/" + std::string(qaward::to_string(which))}));
    const auto& d = s.problems.front();
    EXPECT_EQ(d.params.at("organization"), "乙公司");
    EXPECT_EQ(d.params.at("check"), qaward::to_string(which));
  }
  // A case not recommended needs no checks to be recorded.
  auto w = intact();
  w.cases[2].check(ListCheck::departments) = {};
  EXPECT_EQ(status_of(w).stage, DistrictStage::ready_to_countersign);
}

TEST(District, AListCheckRecordedAfterThePostingIsAnError) {
  auto w = intact();
  w.cases[0].check(ListCheck::serious_violation).at = at("2026-03-18T11:00");
  const auto s = status_of(w);
  EXPECT_EQ(s.stage, DistrictStage::deciding);
  EXPECT_EQ(error_keys(s), (std::vector<std::string>{"district.check_after_posting /cases/0/checks/serious_violation"}));
  // Before the posting, the same check is fine.
  w.cases[0].check(ListCheck::serious_violation).at = at("2026-03-17T08:59");
  EXPECT_EQ(status_of(w).stage, DistrictStage::ready_to_countersign);
}

TEST(District, EveryDecisionNeedsItsWordsAndAPendingOneIsOnlySaid) {
  auto w = intact();
  w.cases[0].reasons.clear();
  EXPECT_EQ(error_keys(status_of(w)), (std::vector<std::string>{"district.no_opinion /cases/0/reasons"}));
  w = intact();
  w.cases[2].reasons.clear();
  EXPECT_EQ(error_keys(status_of(w)), (std::vector<std::string>{"district.no_reasons /cases/2/reasons"}));
  w = intact();
  w.cases[2].decision = Decision::pending;
  const auto s = status_of(w);
  EXPECT_EQ(s.stage, DistrictStage::ready_to_countersign);
  ASSERT_EQ(s.problems.size(), 1U);
  EXPECT_EQ(s.problems[0].key, "district.undecided");
  EXPECT_EQ(s.problems[0].severity, qaward::Severity::warning);
}

TEST(District, NothingRecommendedOrNoUnitKeepsTheDistrictDeciding) {
  auto w = intact();
  for (auto& c : w.cases) c.decision = Decision::not_recommend;
  EXPECT_EQ(error_keys(status_of(w)), (std::vector<std::string>{"district.none_recommended /cases"}));
  w = intact();
  w.unit.clear();
  EXPECT_EQ(error_keys(status_of(w)), (std::vector<std::string>{"district.no_unit /unit"}));
}

TEST(District, TheWorkspaceFileReadsBackAsWritten) {
  auto w = intact();
  qaward::Objection o;
  o.received_on = {2026, 3, 19};
  o.from = "某公司";
  w.publicity.objections.push_back(o);
  const auto json = qaward::to_json(w);
  EXPECT_EQ(json.at("format"), "qaward-district/1");
  const auto read = qaward::district_workspace_from_json(json);
  ASSERT_TRUE(read.ok()) << read.diagnostics().at(0).key;
  EXPECT_EQ(qaward::to_json(read.value()), json);
  EXPECT_EQ(read.value().find("QA-2")->organization, "乙公司");
  EXPECT_EQ(read.value().find("QA-9"), nullptr);
}

TEST(District, ABadWorkspaceFileSaysWhereAndWhat) {
  const auto with = [](const std::function<void(nlohmann::json&)>& change) {
    auto json = qaward::to_json(intact());
    change(json);
    const auto read = qaward::district_workspace_from_json(json);
    EXPECT_FALSE(read.ok());
    return read.diagnostics().empty() ? std::string() : read.diagnostics()[0].key + " " + read.diagnostics()[0].where;
  };
  EXPECT_EQ(with([](auto& j) { j["format"] = "qaward-bundle/1"; }), "input.unknown_value /format");
  EXPECT_EQ(with([](auto& j) { j["cases"][1]["decision"] = "yes"; }), "input.unknown_value /cases/1/decision");
  EXPECT_EQ(with([](auto& j) { j["cases"][1]["package_id"] = "QA-1"; }), "district.duplicate_case /cases/1/package_id");
  EXPECT_EQ(with([](auto& j) { j["cases"][0]["checks"]["departments"]["at"] = "yesterday"; }),
            "input.bad_datetime /cases/0/checks/departments/at");
  EXPECT_EQ(with([](auto& j) { j["publicity"]["posted_at"] = "17 March"; }), "input.bad_datetime /publicity/posted_at");
  EXPECT_FALSE(qaward::parse_district_workspace("{").ok());
}

}  // namespace
