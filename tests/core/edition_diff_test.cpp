#include "qaward/edition_diff.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {

using qaward::compare_editions;
using qaward::RuleCheck;
using qaward::RuleSet;

RuleCheck rule(const std::string& id, nlohmann::json params = nlohmann::json::object()) {
  RuleCheck c;
  c.id = id;
  c.rule = "operating_years";
  c.citation = {"第九条第（二）项", "Article 9(2)"};
  c.excerpt = "成立5年以上";
  c.params = std::move(params);
  return c;
}

TEST(EditionDiff, AnEditionAgainstItselfHasNoDifference) {
  const auto issued = qaward::load_edition("urumqi-2025-11-18", qaward::test::asset_editions());
  ASSERT_TRUE(issued.ok());
  EXPECT_TRUE(compare_editions(issued.value(), issued.value()).empty());
}

// The draft edition against the issued one (the default): Article 2's text
// changed in the issued measures; every other rule is carried over unchanged
// (marked unverified, which is not a difference of the rule).
TEST(EditionDiff, TheShippedDraftEditionDiffersFromTheIssuedOneInArticleTwo) {
  const auto issued = qaward::load_edition("urumqi-2025-11-18", qaward::test::asset_editions());
  const auto draft = qaward::load_edition("urumqi-2025-draft", qaward::test::asset_editions());
  ASSERT_TRUE(issued.ok());
  ASSERT_TRUE(draft.ok());
  const auto diff = compare_editions(draft.value(), issued.value());
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0].id, "art2.organization-kind");
  EXPECT_TRUE(diff[0].text);
  EXPECT_TRUE(diff[0].reading);
  EXPECT_FALSE(diff[0].citation);
  EXPECT_FALSE(diff[0].parameters);
  ASSERT_TRUE(diff[0].chosen && diff[0].other);
  EXPECT_EQ(diff[0].chosen->excerpt, draft.value().checks.front().excerpt);
  // The other way round: the same rule, the roles swapped.
  const auto back = compare_editions(issued.value(), draft.value());
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].other->excerpt, draft.value().checks.front().excerpt);
}

TEST(EditionDiff, RulesOnlyInOneEditionAndChangedPartsAreNamed) {
  RuleSet chosen;
  RuleSet other;
  chosen.checks = {rule("art9.2.operating-years", {{"years", 3}}), rule("art9.9.new-rule")};
  chosen.notes = {rule("art10.sme-encouraged")};
  other.checks = {rule("art9.2.operating-years", {{"years", 5}}), rule("art16.winner-reapplication")};
  other.notes = {rule("art10.sme-encouraged")};
  other.notes.back().citation.en = "Article 10 (renumbered)";
  const auto diff = compare_editions(chosen, other);
  ASSERT_EQ(diff.size(), 4u);
  EXPECT_EQ(diff[0].id, "art9.2.operating-years");
  EXPECT_TRUE(diff[0].parameters);
  EXPECT_FALSE(diff[0].citation || diff[0].text || diff[0].reading);
  EXPECT_EQ(diff[1].id, "art9.9.new-rule");
  EXPECT_TRUE(diff[1].only_in_chosen());
  EXPECT_EQ(diff[2].id, "art10.sme-encouraged");
  EXPECT_TRUE(diff[2].citation);
  EXPECT_FALSE(diff[2].parameters);
  EXPECT_EQ(diff[3].id, "art16.winner-reapplication");
  EXPECT_TRUE(diff[3].only_in_other());
}

// The issued edition cites a rule carried over from the draft with a marker
// ("（征求意见稿条号）"); the article is the same. A verified rule whose citation
// merely starts with the other's does cite another article.
TEST(EditionDiff, ACarriedOverRulesMarkedCitationIsNotAnotherArticle) {
  RuleSet chosen;
  RuleSet other;
  chosen.checks = {rule("art9.2.operating-years"), rule("art9.3.x")};
  other.checks = {rule("art9.2.operating-years"), rule("art9.3.x")};
  for (auto& c : other.checks) {
    c.citation.zh += "（征求意见稿条号）";
    c.citation.en += " (numbering of the draft)";
  }
  other.checks.front().verified = false;
  const auto diff = compare_editions(chosen, other);
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0].id, "art9.3.x");
  EXPECT_TRUE(diff[0].citation);
}

TEST(EditionDiff, AnotherEvaluatorForTheSameIdIsAParameterChange) {
  RuleSet chosen;
  RuleSet other;
  chosen.checks = {rule("art9.2.operating-years")};
  other.checks = {rule("art9.2.operating-years")};
  other.checks.back().rule = "registered_in_area";
  const auto diff = compare_editions(chosen, other);
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_TRUE(diff[0].parameters);
}

}  // namespace
