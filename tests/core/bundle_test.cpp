// The district's bundle for the office (issue 18): written from countersigned
// packages, verified as a chain; and what only the office can find, a bundle
// made outside this tool (re-signed with the district's own key) whose
// packages were countersigned before the district's publicity ended.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "qaward/bundle.hpp"
#include "qaward/draft.hpp"
#include "qaward/json_text.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

fs::path temp_dir() {
  static const fs::path dir = qaward::test::fresh_dir("bundle_test");
  return dir;
}

struct World {
  const qaward::Calendar& calendar = qaward::test::shipped().calendar;
  const qaward::RuleSet& rules = qaward::test::shipped().rules;
  const qaward::Criteria& criteria = qaward::test::shipped().criteria;
  qaward::KeyPair applicant = qaward::keypair_from_seed({1, 2, 3}, {0x51, 0x41, 0x57, 0x41, 0x52, 0x44, 0x00, 0x01});
  qaward::KeyPair district = qaward::keypair_from_seed({9, 9, 9}, {0x0D, 0x15, 0x7C, 0, 0, 0, 0, 2});
  qaward::KeyPair other = qaward::keypair_from_seed({7, 7, 7}, {0x07, 0x7E, 0x2C, 0, 0, 0, 0, 3});
};

const World& world() {
  static const World w;
  return w;
}

qaward::VerifyContext context() {
  qaward::VerifyContext c;
  c.calendar = &world().calendar;
  c.editions = qaward::test::asset_editions();
  return c;
}

qaward::DateTime at(const char* text) { return qaward::parse_datetime(text).value(); }

// The example draft packaged at `packaged`, countersigned by the district at `countersigned`.
fs::path countersigned_package(const std::string& name, const char* packaged, const char* countersigned) {
  const auto draft = qaward::parse_draft(qaward::test::read_asset("examples/draft.json"), world().criteria).value();
  qaward::PackageRequest r;
  r.draft = &draft;
  for (const auto& a : draft.attachments) r.files.push_back(std::string(QAWARD_TEST_ASSETS_DIR) + "/examples/" + a.path);
  r.rules = &world().rules;
  r.calendar = &world().calendar;
  r.criteria = &world().criteria;
  r.key = &world().applicant;
  r.now = at(packaged);
  r.product_version = "test";
  const auto plan = qaward::plan_package(r);
  EXPECT_TRUE(plan.refusals.empty());
  const auto plain = temp_dir() / (name + "-plain.zip");
  EXPECT_TRUE(qaward::write_package(r, plan, plain.string()).ok());
  const auto out = temp_dir() / name;
  const qaward::CountersignRequest c{"天山区市场监督管理局", "同意推荐", &world().district, at(countersigned)};
  EXPECT_TRUE(qaward::countersign_package(plain.string(), out.string(), c, context()).ok());
  return out;
}

// The district's publicity: posted 17 March 2026 09:00; 20 March is a Xinjiang
// holiday, so its 5 working days end at 24:00 on 25 March.
qaward::PublicityRecord district_publicity(const char* posted = "2026-03-17T09:00") {
  qaward::PublicityRecord record;
  record.posted_at = at(posted);
  record.where = "天山区人民政府网站";
  return record;
}

bool has(const std::vector<qaward::Diagnostic>& findings, const std::string& key) {
  return std::any_of(findings.begin(), findings.end(), [&](const qaward::Diagnostic& d) { return d.key == key; });
}

std::string entry_text(zip_t* za, const char* name) {
  zip_stat_t st;
  EXPECT_EQ(zip_stat(za, name, 0, &st), 0) << name;
  std::string out(st.size, '\0');
  zip_file_t* f = zip_fopen(za, name, 0);
  EXPECT_EQ(zip_fread(f, out.data(), st.size), static_cast<zip_int64_t>(st.size));
  zip_fclose(f);
  return out;
}

TEST(Bundle, TwoCountersignedPackagesMakeAChainTheOfficeVerifies) {
  const auto p1 = countersigned_package("a.zip", "2026-03-16T10:00", "2026-03-26T10:00");
  const auto p2 = countersigned_package("b.zip", "2026-03-16T11:00", "2026-03-26T11:00");
  const qaward::BundleRequest request{{p1.string(), p2.string()}, "天山区市场监督管理局", district_publicity(), &world().district,
                                      at("2026-03-27T10:00")};
  const auto out = temp_dir() / "bundle.zip";
  const auto index = qaward::write_bundle(request, out.string(), context());
  ASSERT_TRUE(index.ok()) << index.diagnostics().at(0).key;
  EXPECT_EQ(index.value()["packages"].size(), 2u);
  EXPECT_EQ(index.value()["publicity_period"]["end"], "2026-03-26T00:00:00+08:00");
  EXPECT_EQ(index.value()["packages"][0]["sha256"], qaward::file_sha256(p1.string()));
  ASSERT_TRUE(qaward::looks_like_bundle(out.string()));
  EXPECT_FALSE(qaward::looks_like_bundle(p1.string())) << "a package is not a bundle";

  qaward::BundleVerifyContext office{context(), {world().district.public_key}};
  const auto report = qaward::verify_bundle(out.string(), office);
  EXPECT_TRUE(report.valid) << (report.findings.empty() ? "" : report.findings[0].key);
  EXPECT_TRUE(report.signature.valid);
  EXPECT_TRUE(report.key_pinned);
  EXPECT_EQ(report.publicity_state, "complete");
  ASSERT_EQ(report.packages.size(), 2u);
  for (const auto& p : report.packages) {
    EXPECT_TRUE(p.present && p.sha256_matches && p.report.valid) << p.entry;
    EXPECT_EQ(p.report.countersignatures.size(), 1u);
  }
  // Pinned to another district: the same bundle is from an unknown key.
  qaward::BundleVerifyContext elsewhere{context(), {world().other.public_key}};
  const auto unknown = qaward::verify_bundle(out.string(), elsewhere);
  EXPECT_FALSE(unknown.valid);
  EXPECT_TRUE(has(unknown.findings, "bundle.unknown_district_key"));
  EXPECT_TRUE(unknown.signature.valid) << "signed, but by a key the office did not register";
}

// The long parts done elsewhere (as the browser's two workers do) give the
// same report; work done elsewhere that disagrees with the index is caught
// as it would be here.
TEST(Bundle, TheLongPartsDoneElsewhereGiveTheSameReport) {
  const auto p1 = countersigned_package("apart.zip", "2026-03-16T10:00", "2026-03-26T10:00");
  const qaward::BundleRequest request{{p1.string()}, "天山区市场监督管理局", district_publicity(), &world().district,
                                      at("2026-03-27T10:00")};
  const auto out = (temp_dir() / "apart-bundle.zip").string();
  ASSERT_TRUE(qaward::write_bundle(request, out, context()).ok());
  const qaward::BundleVerifyContext here{context(), {world().district.public_key}};
  std::map<std::string, qaward::BundleEntryWork> work;
  work[out] = {qaward::bundle_entry_digests(out), qaward::verify_bundled_packages(out, context())};
  ASSERT_EQ(work[out].sha256.size(), 1u);
  EXPECT_EQ(work[out].sha256.begin()->second, qaward::file_sha256(p1.string()));
  auto apart = here;
  apart.done = &work;
  const auto a = qaward::verify_bundle(out, here);
  const auto b = qaward::verify_bundle(out, apart);
  EXPECT_TRUE(b.valid);
  EXPECT_EQ(qaward::to_json(a, qaward::Catalog{}, qaward::Catalog{}), qaward::to_json(b, qaward::Catalog{}, qaward::Catalog{}));
  work[out].sha256.begin()->second = std::string(64, '0');
  const auto c = qaward::verify_bundle(out, apart);
  EXPECT_FALSE(c.valid);
  EXPECT_TRUE(has(c.findings, "bundle.package_changed"));
  EXPECT_TRUE(qaward::bundle_entry_digests((temp_dir() / "none.zip").string()).empty());
}

// A package opened where a bundle was expected is named as a package.
TEST(Bundle, APackageGivenAsABundleIsSaidToBeAPackage) {
  const auto p1 = countersigned_package("not-a-bundle.zip", "2026-03-16T10:00", "2026-03-26T10:00");
  const auto report = qaward::verify_bundle(p1.string(), {context(), {}});
  EXPECT_FALSE(report.readable);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].key, "bundle.is_a_package");
}

// A bundle re-signed by the district itself with a record saying its
// publicity began later: the countersignatures now come before its end, and
// only the office's recomputation of the period finds it.
TEST(Bundle, ACountersignatureBeforeTheDistrictsPublicityEndedIsFoundByTheOffice) {
  const auto p1 = countersigned_package("early.zip", "2026-03-16T10:00", "2026-03-26T10:00");
  const qaward::BundleRequest request{{p1.string()}, "天山区市场监督管理局", district_publicity(), &world().district,
                                      at("2026-03-27T10:00")};
  const auto out = temp_dir() / "to-forge.zip";
  ASSERT_TRUE(qaward::write_bundle(request, out.string(), context()).ok());
  // The index rewritten (posted 23 March: the period now ends 30 March) and
  // signed again with the district's key, the package left as it is.
  int code = 0;
  zip_t* in = zip_open(out.string().c_str(), ZIP_RDONLY, &code);
  ASSERT_NE(in, nullptr);
  auto index = qaward::parse_json(entry_text(in, "index.json")).value();
  const std::string package_entry = index["packages"][0]["entry"];
  const std::string package = entry_text(in, package_entry.c_str());
  zip_close(in);
  index["publicity"] = qaward::to_json(district_publicity("2026-03-23T09:00"));
  index["created"] = "2026-04-02T10:00:00+08:00";  // after the new period too: only the countersignature is early
  const std::string text = index.dump(2) + "\n";
  const std::string signature = qaward::sign_minisign(text, world().district, "forged");
  const std::string key = qaward::public_key_file(world().district.public_key);
  const auto forged = temp_dir() / "forged.zip";
  zip_t* z = zip_open(forged.string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  ASSERT_NE(z, nullptr);
  for (const auto& [name, content] : {std::pair<std::string, const std::string*>{"index.json", &text},
                                      {"index.json.minisig", &signature}, {"district.pub", &key}, {package_entry, &package}}) {
    zip_source_t* s = zip_source_buffer(z, content->data(), content->size(), 0);
    const auto added = zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    ASSERT_GE(added, 0);
    zip_set_file_compression(z, static_cast<zip_uint64_t>(added), ZIP_CM_STORE, 0);
  }
  ASSERT_EQ(zip_close(z), 0);

  const auto report = qaward::verify_bundle(forged.string(), {context(), {world().district.public_key}});
  EXPECT_TRUE(report.signature.valid) << "the district's own signature holds";
  EXPECT_EQ(report.publicity_state, "complete");
  EXPECT_FALSE(report.valid);
  EXPECT_TRUE(has(report.findings, "bundle.countersigned_early"));
  EXPECT_EQ(std::count_if(report.findings.begin(), report.findings.end(),
                          [](const qaward::Diagnostic& d) { return d.severity == qaward::Severity::error; }),
            1) << "that, and nothing else";
}

}  // namespace
