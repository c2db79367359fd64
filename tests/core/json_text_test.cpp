// The one parser for untrusted JSON text (qaward/json_text.hpp): values
// come back, syntax errors name their line and column, nesting is bounded.
#include "qaward/json_text.hpp"

#include <gtest/gtest.h>

#include "qaward/i18n.hpp"
#include "qaward/profile.hpp"
#include "qaward/text.hpp"
#include "test_support.hpp"

namespace {

std::string at(const qaward::Result<nlohmann::json>& r) {
  if (r.ok() || r.diagnostics().empty()) return "(parsed)";
  const auto& d = r.diagnostics().front();
  return d.key + " " + d.params.at("line") + ":" + d.params.at("column");
}

TEST(JsonText, ParsesWhatNlohmannParses) {
  const auto r = qaward::parse_json("\xEF\xBB\xBF{\"a\": [1, 2.5, \"名称\", null, true], \"b\": {}}");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value()["a"][2], "名称");
  EXPECT_TRUE(r.value()["b"].is_object());
}

TEST(JsonText, ASyntaxErrorNamesItsLineAndColumnInCharacters) {
  EXPECT_EQ(at(qaward::parse_json("[1,]")), "input.invalid_json_at 1:4");
  // Columns count characters: "名称" is two, not six bytes.
  EXPECT_EQ(at(qaward::parse_json("{\n  \"名称\": \"x\",\n  \"b\": ]\n}")), "input.invalid_json_at 3:8");
  EXPECT_EQ(at(qaward::parse_json("{\"名称\": tru}")), "input.invalid_json_at 1:11");
  EXPECT_EQ(at(qaward::parse_json("[1] x")), "input.invalid_json_at 1:5");  // trailing text
  EXPECT_EQ(at(qaward::parse_json("")), "input.invalid_json_at 1:1");
  EXPECT_EQ(at(qaward::parse_json("[1,\n")), "input.invalid_json_at 2:1");  // cut short
  EXPECT_EQ(at(qaward::parse_json("\"\xFF\"")), "input.invalid_json_at 1:2");  // not UTF-8
  EXPECT_EQ(qaward::parse_json("[", "draft.json").diagnostics().at(0).where, "draft.json");
}

TEST(JsonText, NestingIsBoundedWhereverItHappens) {
  const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(qaward::parse_json(nested(qaward::kMaxJsonDepth)).ok());
  EXPECT_EQ(at(qaward::parse_json(nested(qaward::kMaxJsonDepth + 1))), "input.json_too_deep 1:65");
  const auto deep = qaward::parse_json(std::string(100000, '['));  // no stack is deep enough for this
  EXPECT_EQ(at(deep), "input.json_too_deep 1:65");
  EXPECT_EQ(deep.diagnostics().at(0).params.at("max"), "64");
  // Brackets inside strings do not count; objects do.
  EXPECT_EQ(at(qaward::parse_json("{\"[[[\": {\"a\": [{\"b\": [\"]]]\"]}]}}", "", 4)), "input.json_too_deep 1:22");
  EXPECT_TRUE(qaward::parse_json("{\"[[[\": {\"a\": [{\"b\": \"]]]\"}]}}", "", 4).ok());
}

TEST(JsonText, TheMessagesSayWhereAndWhatToDo) {
  const auto zh = qaward::Catalog::parse(qaward::test::read_asset("i18n/zh-CN.json"), "zh").value();
  const auto en = qaward::Catalog::parse(qaward::test::read_asset("i18n/en.json"), "en").value();
  const auto bad = qaward::parse_json("{\n  \"a\": ,\n}").diagnostics().at(0);
  EXPECT_NE(zh.text(bad.key, bad.params).find("不是有效的 JSON：第 2 行第 8 列"), std::string::npos) << zh.text(bad.key, bad.params);
  EXPECT_NE(en.text(bad.key, bad.params).find("line 2, column 8"), std::string::npos);
  const auto deep = qaward::parse_json(std::string(100, '[')).diagnostics().at(0);
  EXPECT_NE(en.text(deep.key, deep.params).find("nested deeper than 64 levels"), std::string::npos) << en.text(deep.key, deep.params);
  EXPECT_NE(zh.text(deep.key, deep.params).find("嵌套超过 64 层"), std::string::npos);
}

// The parsers of user files go through it (before, a broken profile only
// said "not valid JSON", and 100,000 brackets reached a recursive dump).
TEST(JsonText, UserFilesSayWhereTheirJsonIsBroken) {
  const auto broken = qaward::parse_profile("{\n  \"format\": \"qaward-profile/1\",\n  \"organization\": {\"name\": \"x\",}\n}");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.diagnostics().at(0).key, "input.invalid_json_at");
  EXPECT_EQ(broken.diagnostics().at(0).params.at("line"), "3");
  EXPECT_EQ(broken.diagnostics().at(0).params.at("column"), "32");
  const auto deep = qaward::parse_profile("{\"organization\": " + std::string(100000, '[') + std::string(100000, ']') + "}");
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.diagnostics().at(0).key, "input.json_too_deep");
}

// A value of the wrong type is quoted in the message, shortened: between
// characters, so that the message stays UTF-8 (JSON output throws otherwise).
TEST(JsonText, AQuotedValueIsNeverCutInsideACharacter) {
  for (std::size_t pad = 0; pad < 3; ++pad) {
    const nlohmann::json profile = {{"organization", {{"name", {std::string(40 + pad, 'x') + "乌鲁木齐天山精工质量技术有限公司"}}}}};
    const auto read = qaward::parse_profile(profile.dump());
    ASSERT_FALSE(read.ok());
    const auto& found = read.diagnostics().at(0).params.at("found");
    EXPECT_TRUE(qaward::count_code_points(found).has_value()) << found;
    EXPECT_NO_THROW((void)nlohmann::json(found).dump());
  }
}

}  // namespace
