// The verifier's codes and their messages (qaward/verify_problem.hpp): every
// code the stages can report has a sentence in Chinese and in English, with
// the same {placeholders}, so a reviewer never sees a bare ⟦key⟧.
#include "qaward/verify_problem.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "qaward/i18n.hpp"
#include "test_support.hpp"

namespace {

using qaward::Catalog;

TEST(VerifyProblemTable, EveryCodeHasAMessageInBothLanguagesWithTheSamePlaceholders) {
  const auto zh = Catalog::parse(qaward::test::read_asset("i18n/zh-CN.json"), "zh-CN.json");
  const auto en = Catalog::parse(qaward::test::read_asset("i18n/en.json"), "en.json");
  ASSERT_TRUE(zh.ok());
  ASSERT_TRUE(en.ok());
  std::set<std::string_view> keys;
  for (const auto& row : qaward::kVerifyMessages) {
    const std::string key(row.key);
    EXPECT_TRUE(keys.insert(row.key).second) << key << " is the message of two codes";
    EXPECT_TRUE(zh.value().has(key)) << key << " is missing from zh-CN.json";
    EXPECT_TRUE(en.value().has(key)) << key << " is missing from en.json";
    // Without parameters, text() gives the pattern as written.
    const auto zh_text = zh.value().text(key);
    const auto en_text = en.value().text(key);
    EXPECT_EQ(qaward::test::placeholders(zh_text), qaward::test::english_placeholders(en_text)) << key;
  }
}

}  // namespace
