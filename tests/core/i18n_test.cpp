#include "qaward/i18n.hpp"

#include <gtest/gtest.h>


#include "qaward/text.hpp"
#include "test_support.hpp"

namespace {

using qaward::Catalog;

Catalog parse_ok(const std::string& json) {
  auto result = Catalog::parse(json, "test.json");
  EXPECT_TRUE(result.ok());
  return result.ok() ? std::move(result).value() : Catalog{};
}

TEST(I18nCatalog, SubstitutesNamedParameters) {
  const auto c = parse_ok(R"({"language":"zh-CN","language_name":"中文",
                              "messages":{"greet":"{org}，您好，共 {n} 项"}})");
  EXPECT_EQ(c.text("greet", {{"org", "某某公司"}, {"n", "3"}}), "某某公司，您好，共 3 项");
}

TEST(I18nCatalog, ShowsCodedValuesByTheirOwnMessage) {
  const auto c = parse_ok(R"({"language":"zh-CN","language_name":"中文",
                              "messages":{"m":"组织类型（{kind}）", "kind.legal_person":"法人"}})");
  EXPECT_EQ(c.text("m", {{"kind", "legal_person"}}), "组织类型（法人）");
  EXPECT_EQ(c.text("m", {{"kind", "other"}}), "组织类型（other）");  // no message: the value as given
}

TEST(I18nCatalog, LeavesUnknownPlaceholdersAndBracesAsWritten) {
  EXPECT_EQ(qaward::substitute("a {x} b {y", {{"z", "1"}}), "a {x} b {y");
  EXPECT_EQ(qaward::substitute("{x}{x}", {{"x", "ab"}}), "abab");
}

TEST(I18nCatalog, MissingKeyIsVisibleNotFatal) {
  const auto c = parse_ok(R"({"language":"en","language_name":"English","messages":{}})");
  EXPECT_FALSE(c.has("nope"));
  EXPECT_EQ(c.text("nope"), "⟦nope⟧");
}

TEST(I18nCatalog, RejectsMalformedFilesWithAKeyAndALocation) {
  auto bad_json = Catalog::parse("{\"language\": ", "x.json");
  ASSERT_FALSE(bad_json.ok());
  EXPECT_EQ(bad_json.diagnostics().at(0).key, "i18n.invalid_json");
  EXPECT_EQ(bad_json.diagnostics().at(0).params.at("file"), "x.json");

  auto not_object = Catalog::parse("[1,2]", "x.json");
  ASSERT_FALSE(not_object.ok());
  EXPECT_EQ(not_object.diagnostics().at(0).key, "i18n.not_an_object");

  auto bad_message = Catalog::parse(R"({"language":"en","language_name":"E","messages":{"a":1}})", "x.json");
  ASSERT_FALSE(bad_message.ok());
  EXPECT_EQ(bad_message.diagnostics().at(0).key, "i18n.message_not_text");
  EXPECT_EQ(bad_message.diagnostics().at(0).where, "/messages/a");

  auto no_language = Catalog::parse(R"({"messages":{}})", "x.json");
  ASSERT_FALSE(no_language.ok());
  EXPECT_EQ(no_language.diagnostics().size(), 2u);  // language and language_name
}

TEST(I18nCatalog, RendersADiagnosticWithItsLocation) {
  const auto c = parse_ok(R"({"language":"en","language_name":"E","messages":{"k":"bad {file}"}})");
  EXPECT_EQ(c.render(qaward::make_error("k", "/a/b", {{"file", "f.json"}})), "bad f.json (/a/b)");
}

// The shipped catalogs: both parse, hold the same keys, use the same
// placeholders per key (English may take a value's English form, {x_en},
// where Chinese takes {x}), and contain valid UTF-8 only.
TEST(I18nShippedCatalogs, ChineseAndEnglishMatchKeyForKey) {
  auto zh = Catalog::parse(qaward::test::read_asset("i18n/zh-CN.json"), "zh-CN.json");
  auto en = Catalog::parse(qaward::test::read_asset("i18n/en.json"), "en.json");
  ASSERT_TRUE(zh.ok());
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(zh.value().language(), "zh-CN");
  EXPECT_EQ(en.value().language(), "en");
  const auto zh_keys = zh.value().keys();
  EXPECT_EQ(zh_keys, en.value().keys());
  EXPECT_GT(zh_keys.size(), 10u);

  for (const auto& key : zh_keys) {
    // Rendering with no parameters leaves the raw pattern, so compare patterns.
    const auto zh_text = zh.value().text(key);
    const auto en_text = en.value().text(key);
    EXPECT_EQ(qaward::test::placeholders(zh_text), qaward::test::english_placeholders(en_text)) << key;
    EXPECT_TRUE(qaward::count_code_points(zh_text).has_value()) << key;
    EXPECT_FALSE(zh_text.empty()) << key;
  }
}

}  // namespace
