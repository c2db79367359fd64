// The draft format has one reader and one writer (issue 13): every member
// survives a round trip, and a draft in canonical form is written back byte
// for byte.
#include "qaward/draft.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {

const qaward::Criteria& criteria() {
  static const qaward::Criteria c = qaward::parse_criteria(qaward::test::read_asset("criteria/gbt19580-2012.json")).value();
  return c;
}

std::string normalized(std::string_view text) {
  auto draft = qaward::parse_draft(text, criteria());
  EXPECT_TRUE(draft.ok());
  return draft.ok() ? qaward::draft_to_json(draft.value()) : std::string();
}

TEST(DraftRoundTrip, TheShippedExampleIsCanonicalByteForByte) {
  const auto example = qaward::test::read_asset("examples/draft.json");
  ASSERT_FALSE(example.empty());
  EXPECT_EQ(normalized(example), example);
}

// Every member the format defines, including those the browser's screens do
// not show: the edition, raters and their scores, dimension ratings, the
// history's summaries, objections with every date, the browser's "checked".
TEST(DraftRoundTrip, EveryMemberSurvivesAndTheCanonicalFormIsStable) {
  const std::string full = R"({
    "format": "qaward-draft/1", "edition": "urumqi-2025-draft",
    "x-other-tool": {"note": "kept", "list": [1, 2]},
    "profile": {"format": "qaward-profile/1",
      "organization": {"name": "天山精工", "uscc": "91330100716105852F", "kind": "branch", "registered_in_urumqi": true,
                       "district": "天山区", "established_on": "2015-03-10", "four_new": false, "sme": true},
      "declarations": {"supports_policies": true, "quality_strategy": false, "quality_management_system": true},
      "history": {"incidents": [{"date": "2024-01-02", "kind": "safety", "major": false, "summary": "轻微烫伤"}],
                  "violations": [{"date": "2023-05-06", "kind": "irregular", "summary": "标签不规范"}],
                  "on_business_anomaly_list": false, "on_serious_violation_list": false,
                  "awards": [{"award": "nomination", "date": "2021-12-01", "round": "第三届"}],
                  "sanctions": [{"kind": "false_materials", "date": "2018-01-01", "summary": "旧事"}]}},
    "assessment": {"format": "qaward-assessment/1",
      "raters": [{"id": "r1", "name": "张喆", "group": "leader"}, {"id": "r2", "name": "李垚", "group": "staff"}],
      "scores": [{"item": "4.1.2", "band": 3, "percent": 40, "evidence": "会议纪要", "strengths": "s", "improvements": "i",
                  "attachments": ["a1"]},
                 {"item": "4.1.2", "rater": "r1", "band": 4, "percent": 55},
                 {"item": "4.1.2", "rater": "r2", "band": 2, "percent": 25}],
      "dimensions": {"quality": {"rating": 4, "evidence": "抽检合格率"}},
      "overview": "二〇二六年概述", "report": "报告"},
    "publicity": {"posted_at": "2026-03-06T15:00:00+08:00", "posting_day_counts": true, "close_of_business": "18:30",
      "region": "national", "where": "公告栏", "contact": {"department": "质量部", "person": "王燊", "phone": "0991-1234567"},
      "objections": [{"received_on": "2026-03-09", "from": "员工", "summary": "s", "resolution": "r",
                      "forwarded_on": "2026-03-10", "resolved_on": "2026-03-12"}]},
    "attachments": [{"path": "附件/申报表.pdf", "title": "申报表", "category": "application_form", "trade_secret": true,
                     "checked": {"size": 3, "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                                 "crc32": 891568578, "state_secret_mark": false}}]
  })";
  const auto parsed = qaward::parse_draft(full, criteria());
  ASSERT_TRUE(parsed.ok());
  // The unknown member is kept, and the reader says so.
  ASSERT_EQ(parsed.diagnostics().size(), 1u);
  EXPECT_EQ(parsed.diagnostics()[0].key, "input.unknown_field_kept");
  EXPECT_EQ(parsed.diagnostics()[0].where, "/x-other-tool");
  const auto once = qaward::draft_to_json(parsed.value());
  EXPECT_EQ(nlohmann::json::parse(once), nlohmann::json::parse(full));  // nothing lost, nothing added
  EXPECT_EQ(normalized(once), once);                                    // and stable
}

TEST(DraftRoundTrip, AnEmptyDraftStaysEmpty) {
  const auto once = normalized(R"({"format": "qaward-draft/1", "profile": {}})");
  const auto doc = nlohmann::json::parse(once);
  EXPECT_FALSE(doc.contains("edition"));
  EXPECT_FALSE(doc.contains("assessment"));
  EXPECT_FALSE(doc.contains("publicity"));
  EXPECT_EQ(doc["attachments"], nlohmann::json::array());
  EXPECT_EQ(normalized(once), once);
}

}  // namespace
