#include "qaward/rules.hpp"

#include "qaward/i18n.hpp"

#include <gtest/gtest.h>

#include <map>

#include "test_support.hpp"

namespace {

using qaward::load_edition;

TEST(RulesShipped, BothEditionsLoadAndTheIssuedOneIsTheDefault) {
  const auto source = qaward::test::asset_editions();
  auto index = qaward::load_edition_index(source);
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index.value().default_edition, "urumqi-2025-11-18");
  for (const auto& id : index.value().editions) {
    auto set = load_edition(id, source);
    ASSERT_TRUE(set.ok()) << id;
    EXPECT_EQ(set.value().edition, id);
    EXPECT_FALSE(set.value().districts.empty());
  }
}

TEST(RulesShipped, TheIssuedEditionCarriesArticlesOneToFourAndMarksTheRestUnverified) {
  auto issued = load_edition("urumqi-2025-11-18", qaward::test::asset_editions());
  auto draft = load_edition("urumqi-2025-draft", qaward::test::asset_editions());
  ASSERT_TRUE(issued.ok());
  ASSERT_TRUE(draft.ok());
  // Article 3 of the issued measures: a 5-year cycle, 5 awards, 10 nominations.
  EXPECT_EQ(issued.value().cycle_years, 5);
  EXPECT_EQ(issued.value().max_awards, 5);
  EXPECT_EQ(issued.value().max_nominations, 10);
  EXPECT_EQ(draft.value().cycle_years, 2);
  EXPECT_EQ(issued.value().status, "issued");
  EXPECT_EQ(issued.value().checks.size(), draft.value().checks.size());
  for (const auto& check : issued.value().checks) {
    if (check.id == "art2.organization-kind") {
      EXPECT_TRUE(check.verified);
      // Quoted verbatim from the issued text (issue 19), no longer a paraphrase.
      EXPECT_EQ(check.excerpt, "本办法所称组织是指登记注册的法人、非法人组织或者其分支、内设、派出等机构。");
    } else {
      EXPECT_FALSE(check.verified) << check.id;
      ASSERT_TRUE(check.unverified_note.has_value()) << check.id;
      EXPECT_NE(check.unverified_note->zh.find("申报通知"), std::string::npos);
    }
  }
  EXPECT_TRUE(draft.value().unverified_checks().empty());
  // Article 11's "at least 5 working days" and Article 13's 3 and 5 come from the data.
  EXPECT_EQ(draft.value().procedure.publicity_working_days, 5);
  EXPECT_EQ(draft.value().procedure.objection_forward_working_days, 3);
  EXPECT_EQ(draft.value().procedure.objection_investigation_working_days, 5);
  EXPECT_EQ(draft.value().procedure.stages.size(), 9u);
  EXPECT_TRUE(draft.value().procedure.verified);
  EXPECT_FALSE(issued.value().procedure.verified);
  EXPECT_EQ(issued.value().unverified_checks().size(), issued.value().checks.size() - 1);
}

// Every check of the seed text carries what conventions.md asks for.
TEST(RulesShipped, EveryCheckHasACitationAnExcerptAndAnIdFromItsArticle) {
  auto draft = load_edition("urumqi-2025-draft", qaward::test::asset_editions());
  ASSERT_TRUE(draft.ok());
  for (const auto& check : draft.value().checks) {
    EXPECT_EQ(check.id.rfind("art", 0), 0u) << check.id;
    EXPECT_NE(check.citation.zh.find("第"), std::string::npos) << check.id;
    EXPECT_FALSE(check.citation.en.empty()) << check.id;
    EXPECT_FALSE(check.excerpt.empty()) << check.id;
  }
}

// Printed documents cite the measures from the edition's data (issue 13),
// so that a renumbered edition changes every document at once; an article
// carried over from the draft says that its number is the draft's (issue 19).
TEST(RulesShipped, EveryEditionNamesTheMeasuresAndTheArticlesDocumentsCite) {
  for (const auto& [id, suffix] : std::vector<std::pair<std::string, std::string>>{
           {"urumqi-2025-draft", ""}, {"urumqi-2025-11-18", "（征求意见稿条号）"}}) {
    auto set = load_edition(id, qaward::test::asset_editions());
    ASSERT_TRUE(set.ok()) << id;
    const auto& p = set.value().procedure;
    EXPECT_EQ(set.value().cite_zh(p.review_citation), "《乌鲁木齐市人民政府质量奖管理办法》第十一条第（三）项" + suffix) << id;
    EXPECT_EQ(set.value().cite_zh(p.publicity_citation), "《乌鲁木齐市人民政府质量奖管理办法》第十一条第（二）项" + suffix) << id;
    EXPECT_EQ(set.value().cite_zh(p.declaration_citation), "《乌鲁木齐市人民政府质量奖管理办法》第二十条" + suffix) << id;
    for (const auto& stage : p.stages) EXPECT_TRUE(stage.citation.ends_with("项" + suffix)) << id << " " << stage.citation;
    EXPECT_FALSE(set.value().name.en.empty()) << id;
  }
}

// Issue 19: no citation of the issued edition presents a draft number as
// the issued one; what was read of the issued text (Article 2) keeps its own.
TEST(RulesShipped, CarriedOverArticlesAreMarkedWithTheDraftsNumbering) {
  auto issued = load_edition("urumqi-2025-11-18", qaward::test::asset_editions());
  auto draft = load_edition("urumqi-2025-draft", qaward::test::asset_editions());
  ASSERT_TRUE(issued.ok() && draft.ok());
  for (const auto* list : {&issued.value().checks, &issued.value().notes}) {
    for (const auto& check : *list) {
      const bool marked = check.citation.zh.ends_with("（征求意见稿条号）") && check.citation.en.ends_with(" (numbering of the draft)");
      EXPECT_EQ(marked, !check.verified) << check.id << " " << check.citation.zh;
    }
  }
  for (const auto& check : draft.value().checks) EXPECT_EQ(check.citation.zh.find("征求意见稿条号"), std::string::npos) << check.id;
  EXPECT_EQ(issued.value().short_name.zh, "市质量奖");
  EXPECT_EQ(draft.value().short_name.zh, "乌市质量奖");
}

// Messages cite articles through {cite.…} references (issue 19): every one a
// catalog uses exists in every shipped edition, in both languages, and the
// issued edition's carry the draft-numbering mark where they were carried over.
TEST(RulesShipped, EveryArticleAMessageCitesComesFromTheEdition) {
  for (const auto& [file, english] : std::vector<std::pair<std::string, bool>>{{"i18n/zh-CN.json", false}, {"i18n/en.json", true}}) {
    auto catalog = qaward::Catalog::parse(qaward::test::read_asset(file), file);
    ASSERT_TRUE(catalog.ok()) << file;
    for (const char* id : {"urumqi-2025-draft", "urumqi-2025-11-18"}) {
      auto set = load_edition(id, qaward::test::asset_editions());
      ASSERT_TRUE(set.ok()) << id;
      const auto refs = qaward::edition_references(set.value(), english);
      for (const auto& [name, value] : refs) EXPECT_FALSE(value.empty()) << id << " " << name;
      catalog.value().set_references(refs);
      int citing = 0;
      for (const auto& key : catalog.value().keys()) {
        const auto text = catalog.value().text(key);
        EXPECT_EQ(text.find("{cite."), std::string::npos) << file << " " << id << " " << key << ": " << text;
        if (key == "pkg.publicity_not_over") {
          ++citing;
          const bool marked = text.find(english ? "(numbering of the draft)" : "（征求意见稿条号）") != std::string::npos;
          EXPECT_EQ(marked, std::string(id) == "urumqi-2025-11-18") << text;
        }
      }
      EXPECT_EQ(citing, 1);
    }
  }
}

// In-memory rule files for the loader's error paths.
qaward::EditionSource files(std::map<std::string, std::string> content) {
  return [content](std::string_view id) -> std::optional<std::string> {
    const auto it = content.find(std::string(id));
    return it == content.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

const char* kMinimal = R"({"format":"qaward-rules/1","edition":"x","districts":["天山区"],
  "procedure":{"publicity_working_days":5,"objection_forward_working_days":3,"objection_investigation_working_days":5,
               "stages":[{"number":"一","name":"通知","publicity":false,"assumed_working_days":0}]},
  "checks":[{"id":"art9.2.operating-years","rule":"operating_years","citation":{"zh":"第九条","en":"Art 9"},
             "excerpt":"正常运营5年以上","params":{"years":5,"years_four_new":3},"verified":true}]})";

TEST(RulesLoader, LoadsAMinimalEdition) {
  auto set = load_edition("x", files({{"x", kMinimal}}));
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set.value().checks.at(0).params.at("years"), 5);
}

TEST(RulesLoader, RejectsUnknownRulesBadParametersAndLoops) {
  std::string unknown_rule = kMinimal;
  unknown_rule.replace(unknown_rule.find("operating_years"), 15, "telepathy_check");
  auto a = load_edition("x", files({{"x", unknown_rule}}));
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.diagnostics().at(0).key, "rules.unknown_rule");

  std::string bad_param = kMinimal;
  bad_param.replace(bad_param.find("\"years\":5"), 9, "\"years\":\"5\"");
  auto b = load_edition("x", files({{"x", bad_param}}));
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.diagnostics().at(0).key, "rules.bad_param");
  EXPECT_EQ(b.diagnostics().at(0).where, "/checks/0/params/years");

  auto loop = load_edition("a", files({{"a", R"({"format":"qaward-rules/1","edition":"a","inherits":"b"})"},
                                       {"b", R"({"format":"qaward-rules/1","edition":"b","inherits":"a"})"}}));
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.diagnostics().at(0).key, "rules.inheritance_loop");

  std::string no_procedure = kMinimal;
  no_procedure.replace(no_procedure.find("\"procedure\""), 11, "\"procedurX\"");
  auto c = load_edition("x", files({{"x", no_procedure}}));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.diagnostics().at(0).where, "/procedure");

  auto missing = load_edition("nope", files({}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.diagnostics().at(0).key, "rules.unknown_edition");

  auto not_json = load_edition("x", files({{"x", "{"}}));
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.diagnostics().at(0).key, "rules.invalid_json");
}

TEST(RulesLoader, AnOverrideReplacesOneCheckAndKeepsItsRule) {
  const auto child = R"({"format":"qaward-rules/1","edition":"y","inherits":"x",
    "carried_over":{"verified":false,"note":{"zh":"沿用","en":"carried"}},
    "overrides":{"art9.2.operating-years":{"params":{"years":4,"years_four_new":2},"verified":true}}})";
  auto set = load_edition("y", files({{"x", kMinimal}, {"y", child}}));
  ASSERT_TRUE(set.ok());
  const auto& check = set.value().checks.at(0);
  EXPECT_EQ(check.rule, "operating_years");
  EXPECT_EQ(check.params.at("years"), 4);
  EXPECT_TRUE(check.verified);

  const auto unknown = R"({"format":"qaward-rules/1","edition":"z","inherits":"x","overrides":{"art99":{}}})";
  auto bad = load_edition("z", files({{"x", kMinimal}, {"z", unknown}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.diagnostics().at(0).key, "rules.override_unknown_check");
}

}  // namespace
