// The readable application (app/common/application_document.hpp), rendered
// from the example draft with the shipped rules, calendar and criteria: what
// an official reads in the package, and typed text kept as text.
#include "application_document.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>

#include "assessment_bridge.hpp"
#include "editions.hpp"
#include "shipped_calendar.hpp"

namespace {

struct Example {
  qaward::RuleSet rules = qaward::load_shipped_edition("urumqi-2025-11-18").value();
  qaward::Draft draft;
  qaward::PackageRequest request;
  Example() {
    std::ifstream in(std::string(QAWARD_TEST_ASSETS_DIR) + "/examples/draft.json");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    draft = qaward::parse_draft(text, qaward::shipped_criteria().value()).value();
    for (const auto& a : draft.attachments) request.files.push_back(std::string(QAWARD_TEST_ASSETS_DIR) + "/examples/" + a.path);
    request.draft = &draft;
    request.rules = &rules;
    request.calendar = &qaward::shipped_calendar().value();
    request.criteria = &qaward::shipped_criteria().value();
    request.now = qaward::parse_datetime("2026-03-16T10:00").value();
  }
  Example(const Example&) = delete;  // the request points at the draft
  std::string html() const { return qaward::application_document_html(request, qaward::plan_package(request)); }
};

bool has(const std::string& html, const std::string& text) { return html.find(text) != std::string::npos; }

TEST(ApplicationDocument, SaysWhatTheApplicationHolds) {
  const Example x;
  const auto html = x.html();
  EXPECT_TRUE(has(html, "<title>质量奖申报书 · 乌鲁木齐天山精工质量技术有限公司</title>"));
  EXPECT_TRUE(has(html, "QA-91330100716105852F-20260316T100000"));
  EXPECT_TRUE(has(html, "2026年3月16日 10:00"));
  // The profile in words: kind, district, founding date.
  EXPECT_TRUE(has(html, "<tr><th>组织类型</th><td>法人</td></tr>"));
  EXPECT_TRUE(has(html, "<tr><th>所在区（县）或开发区</th><td>天山区</td></tr>"));
  EXPECT_TRUE(has(html, "<tr><th>成立日期</th><td>2015年3月10日</td></tr>"));
  // The verdict, and every check with its article, result and what was found.
  EXPECT_TRUE(has(html, "结论：符合申报条件"));
  const std::regex passed("<tr><td>第[^<]+</td><td>符合</td><td>");
  const auto checks = static_cast<std::size_t>(std::distance(std::sregex_iterator(html.begin(), html.end(), passed), std::sregex_iterator()));
  EXPECT_EQ(checks, qaward::plan_package(x.request).eligibility.checks.size());
  EXPECT_TRUE(has(html, "<td>第二条第二款</td><td>符合</td><td>组织类型（法人）属于本条所列的组织。"));
  // The self-assessment: total, an item's row with its evidence, the texts.
  EXPECT_TRUE(has(html, "自评总分：<strong>439</strong> / 1000"));
  EXPECT_TRUE(has(html, "近三年营业收入年均增长12%"));
  EXPECT_TRUE(has(html, "<h3>组织概述</h3>\n<p class=\"text\">乌鲁木齐天山精工"));
  // The China Quality Award dimensions, in the criteria's order, with the note that they are unweighted.
  EXPECT_TRUE(has(html, "<tr><td>质量</td><td class=\"num\">4</td><td>产品一次交检合格率99.2%</td></tr>\n<tr><td>技术</td>"));
  EXPECT_TRUE(has(html, "各维度权重未公开"));
  // The publicity period on the calendar, and the objection with its handling.
  EXPECT_TRUE(has(html, "公示期2026年3月9日至2026年3月13日24时（5个工作日"));
  EXPECT_TRUE(has(html, "公示期已结束"));
  EXPECT_TRUE(has(html, "公示期间共收到异议1件"));
  // The attachments with their material and trade-secret mark.
  EXPECT_TRUE(has(html, "<td class=\"mono\">近三年财务报表.csv</td><td class=\"num\">99 B</td><td>是</td>"));
  EXPECT_TRUE(has(html, "<td>营业执照或法人登记证书复印件</td><td class=\"mono\">营业执照副本.txt</td>"));
  // Every placeholder filled; no machine codes.
  EXPECT_FALSE(std::regex_search(html, std::regex("\\{[a-z_]+\\}"))) << "a placeholder is left";
  EXPECT_FALSE(has(html, "legal_person"));
  EXPECT_FALSE(has(html, "business_license"));
  EXPECT_FALSE(has(html, "T10:00"));
}

TEST(ApplicationDocument, WhatTheApplicantTypedStaysText) {
  Example x;
  x.draft.profile.organization.name = "<script>alert(1)</script>甲公司";
  x.draft.assessment->overview = "a & b <img src=x onerror=alert(1)>";
  x.draft.attachments[0].title = "\"><b>粗</b>";
  const auto html = x.html();
  EXPECT_FALSE(has(html, "<script>"));
  EXPECT_FALSE(has(html, "<img"));
  EXPECT_FALSE(has(html, "<b>粗"));
  EXPECT_TRUE(has(html, "&lt;script&gt;alert(1)&lt;/script&gt;甲公司"));
  EXPECT_TRUE(has(html, "a &amp; b &lt;img src=x onerror=alert(1)&gt;"));
}

TEST(ApplicationDocument, SaysWhatIsMissingOrForcedInsteadOfLeavingBlanks) {
  Example x;
  x.draft.assessment.reset();
  x.draft.publicity.reset();
  x.draft.profile.organization.established_on = qaward::parse_date("2024-01-01").value();  // under 5 years (Article 9(2))
  x.request.force = true;
  const auto html = x.html();
  EXPECT_TRUE(has(html, "结论：不符合申报条件"));
  EXPECT_TRUE(has(html, "仍生成了本申报包（已记录）"));
  EXPECT_TRUE(has(html, "<td>不符合</td>"));
  EXPECT_TRUE(has(html, "未填写自我评价。"));
  EXPECT_TRUE(has(html, "未记录内部公示"));
}

}  // namespace
