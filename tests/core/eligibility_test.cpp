// Data-driven eligibility cases (tests/eligibility/*.json), as OpenFisca keeps
// its tests: each file has a base profile (an organization that meets every
// condition) and cases that patch it (JSON merge patch, RFC 7386: null removes
// a field) and state the expected verdict, check outcomes, referrals,
// warnings or input error. The same cases run natively and as WebAssembly.
#include "qaward/eligibility.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace {

using nlohmann::json;

struct Case {
  std::string file;
  std::string name;
  std::string date;
  std::string edition;
  json profile;
  json expect;
};

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(QAWARD_TEST_CASES_DIR)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    const auto doc = json::parse(std::string(std::istreambuf_iterator<char>(in), {}), nullptr, false);
    if (doc.is_discarded()) {
      cases.push_back({path.stem().string(), "file_is_not_json", "", "", json(), json()});
      continue;
    }
    for (const auto& c : doc.at("cases")) {
      json profile = doc.value("base_profile", json::object());
      if (c.contains("profile")) profile = c.at("profile");
      if (c.contains("patch")) profile.merge_patch(c.at("patch"));
      cases.push_back({path.stem().string(), c.at("name").get<std::string>(),
                       c.value("date", doc.value("date", std::string())), c.value("edition", doc.value("edition", std::string())),
                       profile, c.at("expect")});
    }
  }
  return cases;
}

const std::vector<Case>& all_cases() {
  static const std::vector<Case> cases = load_cases();
  return cases;
}

class EligibilityCase : public testing::TestWithParam<std::size_t> {};

TEST_P(EligibilityCase, MatchesItsExpectation) {
  const Case& c = all_cases().at(GetParam());
  SCOPED_TRACE(c.file + ": " + c.name);
  ASSERT_FALSE(c.expect.is_null()) << "the case file is not valid JSON";
  const auto source = qaward::test::asset_editions();
  const auto edition = c.edition.empty() ? qaward::load_edition_index(source).value().default_edition : c.edition;
  auto rules = qaward::load_edition(edition, source);
  ASSERT_TRUE(rules.ok());

  auto profile = qaward::profile_from_json(c.profile);
  const auto date = qaward::parse_date(c.date);
  ASSERT_TRUE(date.has_value()) << "bad date in the case: " << c.date;
  std::vector<qaward::Diagnostic> diagnostics = profile.diagnostics();
  std::optional<qaward::EligibilityResult> result;
  if (profile.ok()) {
    auto evaluated = qaward::evaluate_eligibility(profile.value(), rules.value(), *date);
    diagnostics.insert(diagnostics.end(), evaluated.diagnostics().begin(), evaluated.diagnostics().end());
    if (evaluated.ok()) {
      result = evaluated.value();
      diagnostics.insert(diagnostics.end(), result->warnings.begin(), result->warnings.end());
    }
  }

  if (c.expect.contains("error")) {
    ASSERT_FALSE(result.has_value()) << "expected the input error " << c.expect["error"];
    bool found = false;
    for (const auto& d : diagnostics) {
      found = found || (d.severity == qaward::Severity::error && d.key == c.expect["error"].get<std::string>() &&
                        (!c.expect.contains("where") || d.where == c.expect["where"].get<std::string>()));
    }
    EXPECT_TRUE(found) << "no error " << c.expect["error"] << (c.expect.contains("where") ? " at " + c.expect["where"].get<std::string>() : "");
    return;
  }
  ASSERT_TRUE(result.has_value()) << "unexpected input error: " << (diagnostics.empty() ? "" : diagnostics[0].key + " " + diagnostics[0].where);

  if (c.expect.contains("outcome")) {
    EXPECT_EQ(qaward::to_string(result->outcome), c.expect["outcome"].get<std::string>());
  }
  const json checks = c.expect.value("checks", json::object());
  const json values = c.expect.value("values", json::object());
  for (const auto& [key, outcome] : checks.items()) {
    const std::string id = key;  // structured bindings cannot be captured in C++20 on clang 14
    const auto it = std::find_if(result->checks.begin(), result->checks.end(),
                                 [&](const qaward::CheckResult& r) { return r.rule->id == id; });
    ASSERT_NE(it, result->checks.end()) << "no check " << id;
    EXPECT_EQ(qaward::to_string(it->outcome), outcome.get<std::string>()) << id << ": " << it->message_key;
  }
  for (const auto& id : c.expect.value("refer", json::array())) {
    const auto it = std::find_if(result->checks.begin(), result->checks.end(),
                                 [&](const qaward::CheckResult& r) { return r.rule->id == id.get<std::string>(); });
    ASSERT_NE(it, result->checks.end());
    EXPECT_TRUE(it->refer_to_office) << id << " should refer to the district office";
  }
  for (const auto& [key, value] : values.items()) {
    const std::string id = key;
    const auto it = std::find_if(result->checks.begin(), result->checks.end(),
                                 [&](const qaward::CheckResult& r) { return r.rule->id == id; });
    ASSERT_NE(it, result->checks.end());
    for (const auto& [name, expected] : value.items()) {
      EXPECT_EQ(it->values.count(name) ? it->values.at(name) : "(absent)", expected.get<std::string>()) << id << "." << name;
    }
  }
  for (const auto& key : c.expect.value("warnings", json::array())) {
    const bool found = std::any_of(diagnostics.begin(), diagnostics.end(),
                                   [&](const qaward::Diagnostic& d) { return d.key == key.get<std::string>(); });
    EXPECT_TRUE(found) << "no warning " << key;
  }
  for (const auto& key : c.expect.value("notes", json::array())) {
    const bool found = std::any_of(result->notes.begin(), result->notes.end(),
                                   [&](const qaward::CheckResult& n) { return n.message_key == key.get<std::string>(); });
    EXPECT_TRUE(found) << "no note " << key;
  }
}

std::string case_name(const testing::TestParamInfo<std::size_t>& info) {
  std::string name = all_cases().at(info.param).file + "_" + all_cases().at(info.param).name;
  for (auto& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, EligibilityCase, testing::Range<std::size_t>(0, all_cases().size()), case_name);

TEST(EligibilityCases, AtLeastSixtyCasesCoverEveryCheck) {
  EXPECT_GE(all_cases().size(), 60u);
  auto rules = qaward::load_edition("urumqi-2025-draft", qaward::test::asset_editions());
  ASSERT_TRUE(rules.ok());
  for (const auto& check : rules.value().checks) {
    std::set<std::string> outcomes;
    for (const auto& c : all_cases()) {
      if (c.expect.contains("checks") && c.expect["checks"].contains(check.id)) {
        outcomes.insert(c.expect["checks"][check.id].get<std::string>());
      }
    }
    EXPECT_TRUE(outcomes.count("pass") && outcomes.count("unknown")) << check.id << " lacks a passing or unknown case";
  }
}

TEST(EligibilityJson, CarriesBothLanguagesAndTheEdition) {
  auto rules = qaward::load_edition("urumqi-2025-11-18", qaward::test::asset_editions());
  auto zh = qaward::Catalog::parse(qaward::test::read_asset("i18n/zh-CN.json"), "zh");
  auto en = qaward::Catalog::parse(qaward::test::read_asset("i18n/en.json"), "en");
  ASSERT_TRUE(rules.ok() && zh.ok() && en.ok());
  const auto result = qaward::evaluate_eligibility(qaward::Profile{}, rules.value(), qaward::Date{2026, 1, 5});
  ASSERT_TRUE(result.ok());
  const auto out = qaward::to_json(result.value(), rules.value(), zh.value(), en.value());
  EXPECT_EQ(out["outcome"], "needs_information");
  EXPECT_EQ(out["edition"], "urumqi-2025-11-18");
  EXPECT_EQ(out["date"], "2026-01-05");
  EXPECT_EQ(out["checks"].size(), rules.value().checks.size());
  for (const auto& check : out["checks"]) {
    EXPECT_EQ(check["outcome"], "unknown") << check["id"];
    EXPECT_EQ(check["message"]["zh"].get<std::string>().find("⟦"), std::string::npos) << check["id"];
    EXPECT_EQ(check["message"]["en"].get<std::string>().find("⟦"), std::string::npos) << check["id"];
    EXPECT_EQ(check["next"]["zh"].get<std::string>().find("⟦"), std::string::npos) << check["id"];
  }
  EXPECT_FALSE(out["unverified_rules"].empty());
}

}  // namespace
