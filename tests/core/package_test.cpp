// The signed package: round trip, byte-identical output, tampering, hostile
// archives, wrong keys, countersignature, refusals. Natively and as wasm
// (files in a temporary folder under the build tree).
#include "qaward/package.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "qaward/hash.hpp"
#include "qaward/json_text.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using qaward::VerifyReport;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// One folder per process: ctest runs the discovered cases in parallel.
fs::path temp_dir() {
  static const fs::path dir = qaward::test::fresh_dir("package_test");
  return dir;
}

struct World {
  const qaward::Calendar& calendar = qaward::test::shipped().calendar;
  const qaward::RuleSet& rules = qaward::test::shipped().rules;
  const qaward::Criteria& criteria = qaward::test::shipped().criteria;
  qaward::KeyPair key = qaward::keypair_from_seed({1, 2, 3}, {0x51, 0x41, 0x57, 0x41, 0x52, 0x44, 0x00, 0x01});
  qaward::KeyPair office = qaward::keypair_from_seed({9, 9, 9}, {0x0F, 0xF1, 0xCE, 0, 0, 0, 0, 2});
};

const World& world() {
  static const World w;
  return w;
}

qaward::VerifyContext context(const qaward::PublicKey* expected = nullptr) {
  qaward::VerifyContext c;
  c.calendar = &world().calendar;
  c.editions = qaward::test::asset_editions();
  c.expected_key = expected;
  return c;
}

qaward::Draft example_draft() {
  return qaward::parse_draft(qaward::test::read_asset("examples/draft.json"), world().criteria).value();
}

qaward::PackageRequest request_for(const qaward::Draft& draft, bool force = false) {
  qaward::PackageRequest r;
  r.draft = &draft;
  for (const auto& a : draft.attachments) r.files.push_back(std::string(QAWARD_TEST_ASSETS_DIR) + "/examples/" + a.path);
  r.rules = &world().rules;
  r.calendar = &world().calendar;
  r.criteria = &world().criteria;
  r.key = &world().key;
  r.now = qaward::parse_datetime("2026-03-16T10:00").value();
  r.force = force;
  r.product_version = "test";
  return r;
}

fs::path make_example(const std::string& name) {
  const auto draft = example_draft();
  const auto request = request_for(draft);
  const auto plan = qaward::plan_package(request);
  EXPECT_TRUE(plan.refusals.empty());
  const auto out = temp_dir() / name;
  const auto result = qaward::write_package(request, plan, out.string());
  EXPECT_TRUE(result.ok());
  return out;
}

bool has_finding(const VerifyReport& r, const std::string& key) {
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const qaward::Diagnostic& f) { return f.key == key; });
}

TEST(PackageRoundTrip, WritesAndVerifiesTheExample) {
  const auto path = make_example("example.zip");
  const auto report = qaward::verify_package(path.string(), context());
  for (const auto& f : report.findings) {
    if (f.severity == qaward::Severity::error) ADD_FAILURE() << f.key << " " << f.where;
  }
  EXPECT_TRUE(report.valid);
  EXPECT_EQ(report.package_id, "QA-91330100716105852F-20260316T100000");
  EXPECT_EQ(report.organization, "乌鲁木齐天山精工质量技术有限公司");
  EXPECT_EQ(report.uscc, "91330100716105852F");
  EXPECT_TRUE(report.signature.valid);
  EXPECT_EQ(report.signature.key_id, world().key.public_key.key_id_hex());
  EXPECT_EQ(report.recorded_eligibility, "eligible");
  EXPECT_EQ(report.rerun_eligibility, "eligible");
  EXPECT_EQ(report.publicity_state, "complete");
  EXPECT_EQ(report.publicity_end, "2026-03-14T00:00:00+08:00");
  ASSERT_EQ(report.trade_secret_files.size(), 1u);
  EXPECT_EQ(report.trade_secret_files[0], "data/附件/近三年财务报表.csv");
  ASSERT_TRUE(report.assessment_total.has_value());
  EXPECT_DOUBLE_EQ(*report.assessment_total, 439.0);
  EXPECT_EQ(report.payload_files, 5u);
}

// Same inputs and clock: the same bytes (golden SHA-256, also in wasm).
TEST(PackageRoundTrip, IsByteIdenticalAndMatchesTheGolden) {
  const auto a = read_file(make_example("a.zip"));
  const auto b = read_file(make_example("b.zip"));
  EXPECT_EQ(a, b);
  EXPECT_EQ(qaward::to_hex(qaward::Sha256::of(a)), QAWARD_GOLDEN_PACKAGE_SHA256);
}

// Local headers of a ZIP: where each entry's name and data lie.
struct Region {
  std::size_t name = 0, name_size = 0, data = 0, data_size = 0;
  bool stored = false;
};
std::vector<Region> local_entries(const std::string& zip) {
  std::vector<Region> out;
  std::size_t at = 0;
  auto u16 = [&](std::size_t o) { return static_cast<std::size_t>(static_cast<unsigned char>(zip[o]) | static_cast<unsigned char>(zip[o + 1]) << 8); };
  auto u32 = [&](std::size_t o) { return u16(o) | u16(o + 2) << 16; };
  while (at + 30 <= zip.size() && u32(at) == 0x04034b50) {
    Region r;
    r.stored = u16(at + 8) == 0;
    r.data_size = u32(at + 18);
    r.name = at + 30;
    r.name_size = u16(at + 26);
    r.data = r.name + r.name_size + u16(at + 28);
    out.push_back(r);
    at = r.data + r.data_size;
  }
  return out;
}

TEST(PackageTampering, FlippingAnyByteOfAnEntrysDataOrNameIsRejected) {
  const auto original = read_file(make_example("tamper-source.zip"));
  const auto regions = local_entries(original);
  ASSERT_EQ(regions.size(), 11u);
  const auto target = temp_dir() / "tampered.zip";
  int tried = 0;
  auto try_flip = [&](std::size_t offset) {
    std::string copy = original;
    copy[offset] = static_cast<char>(copy[offset] ^ 0x01);
    write_file(target, copy);
    const auto report = qaward::verify_package(target.string(), context());
    EXPECT_FALSE(report.valid) << "byte " << offset << " flipped and still valid";
    ++tried;
  };
  for (const auto& r : regions) {
    for (std::size_t i = 0; i < r.name_size; ++i) try_flip(r.name + i);
    EXPECT_TRUE(r.stored);  // every byte of a stored entry is content
    for (std::size_t i = 0; i < r.data_size; ++i) try_flip(r.data + i);
  }
  EXPECT_GT(tried, 1000);
}

// Hostile archives, each built here with libzip.
fs::path hostile(const std::string& file, const std::vector<std::pair<std::string, std::string>>& entries,
                 bool symlink = false) {
  const auto path = temp_dir() / file;
  fs::remove(path);
  int error = 0;
  zip_t* za = zip_open(path.string().c_str(), ZIP_CREATE | ZIP_EXCL, &error);
  for (const auto& [name, content] : entries) {
    auto* source = zip_source_buffer(za, content.data(), content.size(), 0);
    const auto index = zip_file_add(za, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (symlink) zip_file_set_external_attributes(za, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX, (S_IFLNK | 0777u) << 16);
  }
  zip_close(za);
  return path;
}

TEST(PackageHostile, RejectsTraversalAbsoluteBackslashDriveDuplicatesAndSymlinks) {
  const std::string ok = "x";
  const std::vector<std::tuple<std::string, std::vector<std::pair<std::string, std::string>>, std::string>> cases = {
      {"traversal.zip", {{"bag/../../evil.txt", ok}}, "pkg.unsafe_name"},
      {"absolute.zip", {{"/etc/evil.txt", ok}}, "pkg.unsafe_name"},
      {"backslash.zip", {{"bag/data/..\\..\\evil.txt", ok}}, "pkg.unsafe_name"},
      {"drive.zip", {{"C:/evil.txt", ok}}, "pkg.unsafe_name"},
      {"nfd.zip", {{"bag/data/caf\xC3\xA9.txt", ok}, {"bag/data/cafe\xCC\x81.txt", ok}}, "pkg.duplicate_entry"},
      {"two-roots.zip", {{"a/bagit.txt", ok}, {"b/bagit.txt", ok}}, "pkg.not_one_folder"},
  };
  for (const auto& [file, entries, key] : cases) {
    const auto report = qaward::verify_package(hostile(file, entries).string(), context());
    EXPECT_FALSE(report.valid) << file;
    EXPECT_TRUE(has_finding(report, key)) << file << " lacks " << key;
  }
  const auto link = qaward::verify_package(hostile("symlink.zip", {{"bag/data/link", "/etc/passwd"}}, true).string(), context());
  EXPECT_TRUE(has_finding(link, "pkg.symlink"));
}

TEST(PackageHostile, RejectsABombATruncatedFileAndRandomBytes) {
  const std::string zeros(64u << 20, '\0');  // 64 MiB that deflate to ~64 KiB
  const auto bomb = qaward::verify_package(hostile("bomb.zip", {{"bag/data/zeros.bin", zeros}}).string(), context());
  EXPECT_TRUE(has_finding(bomb, "pkg.compression_ratio"));

  const auto original = read_file(make_example("truncate-source.zip"));
  const auto truncated = temp_dir() / "truncated.zip";
  write_file(truncated, original.substr(0, original.size() / 2));
  const auto cut = qaward::verify_package(truncated.string(), context());
  EXPECT_FALSE(cut.valid);
  EXPECT_FALSE(cut.readable);
  EXPECT_TRUE(has_finding(cut, "pkg.not_a_zip"));

  std::string noise(4096, '\0');
  std::uint32_t x = 2463534242u;
  for (auto& c : noise) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    c = static_cast<char>(x);
  }
  const auto random = temp_dir() / "random.zip";
  write_file(random, noise);
  EXPECT_FALSE(qaward::verify_package(random.string(), context()).readable);
  EXPECT_FALSE(qaward::verify_package((temp_dir() / "no-such.zip").string(), context()).readable);
}

TEST(PackageKeys, AWrongExpectedKeyIsReported) {
  const auto path = make_example("keys.zip");
  const auto other = qaward::keypair_from_seed({7}, {7, 7, 7, 7, 7, 7, 7, 7});
  const auto report = qaward::verify_package(path.string(), context(&other.public_key));
  EXPECT_FALSE(report.valid);
  EXPECT_TRUE(has_finding(report, "pkg.signer_not_expected"));
  EXPECT_TRUE(has_finding(report, "sig.key_id_mismatch"));
  EXPECT_TRUE(qaward::verify_package(path.string(), context(&world().key.public_key)).valid);
}

TEST(PackageCountersign, AddsTheOfficesSignatureAndKeepsTheApplicants) {
  const auto path = make_example("to-countersign.zip");
  const auto out = temp_dir() / "countersigned.zip";
  qaward::CountersignRequest request{"天山区市场监督管理局", "材料齐全，同意推荐。", &world().office,
                                     qaward::parse_datetime("2026-03-20T09:30").value()};
  const auto signed_package = qaward::countersign_package(path.string(), out.string(), request, context());
  ASSERT_TRUE(signed_package.ok());
  const auto report = qaward::verify_package(out.string(), context(&world().key.public_key));
  EXPECT_TRUE(report.valid);
  EXPECT_TRUE(report.signature.valid);
  ASSERT_EQ(report.countersignatures.size(), 1u);
  EXPECT_TRUE(report.countersignatures[0].signature.valid);
  EXPECT_TRUE(report.countersignatures[0].binds_applicant);
  EXPECT_EQ(report.countersignatures[0].unit, "天山区市场监督管理局");
  EXPECT_EQ(report.countersignatures[0].signature.key_id, world().office.public_key.key_id_hex());
  // A second countersignature is refused; so is an invalid package.
  EXPECT_FALSE(qaward::countersign_package(out.string(), (temp_dir() / "twice.zip").string(), request, context()).ok());
  const auto truncated = temp_dir() / "cut.zip";
  write_file(truncated, read_file(path).substr(0, 100));
  EXPECT_FALSE(qaward::countersign_package(truncated.string(), (temp_dir() / "x.zip").string(), request, context()).ok());
}

TEST(PackagePreflight, RefusesStateSecretsMissingMaterialsIneligibilityAndCollisions) {
  EXPECT_TRUE(qaward::has_state_secret_mark("本文件属机密★1年"));
  EXPECT_TRUE(qaward::has_state_secret_mark("绝密 ★"));
  EXPECT_TRUE(qaward::has_state_secret_mark("秘密　★"));
  EXPECT_FALSE(qaward::has_state_secret_mark("商业秘密，请注意保密"));
  EXPECT_FALSE(qaward::has_state_secret_mark("★优秀★"));

  const auto secret = temp_dir() / "附件" / "说明.txt";
  write_file(secret, std::string(70000, 'a') + "此件为机密★，不得外传");  // the mark lies past the first read
  auto draft = example_draft();
  draft.attachments.push_back({"附件/说明.txt", "说明", "other", false, {}});
  auto request = request_for(draft);
  request.files.back() = secret.string();
  auto plan = qaward::plan_package(request);
  ASSERT_EQ(plan.refusals.size(), 1u);
  EXPECT_EQ(plan.refusals[0].key, "pkg.state_secret");
  EXPECT_EQ(plan.refusals[0].where, "/attachments/4");
  EXPECT_FALSE(qaward::write_package(request, plan, (temp_dir() / "refused.zip").string()).ok());
  EXPECT_FALSE(fs::exists(temp_dir() / "refused.zip"));

  auto missing = example_draft();
  missing.attachments.erase(missing.attachments.begin());  // the application form
  const auto missing_plan = qaward::plan_package(request_for(missing));
  ASSERT_FALSE(missing_plan.refusals.empty());
  EXPECT_EQ(missing_plan.refusals[0].key, "pkg.missing_material");
  EXPECT_EQ(missing_plan.refusals[0].params.at("category"), "application_form");

  auto young = example_draft();
  young.profile.organization.established_on = qaward::Date{2024, 1, 1};
  EXPECT_EQ(qaward::plan_package(request_for(young)).refusals.at(0).key, "pkg.not_eligible");
  const auto forced = qaward::plan_package(request_for(young, true));
  EXPECT_TRUE(forced.refusals.empty());
  EXPECT_EQ(forced.warnings.at(0).key, "pkg.forced");

  auto twice = example_draft();
  twice.attachments.push_back(twice.attachments[0]);
  EXPECT_EQ(qaward::plan_package(request_for(twice)).refusals.at(0).key, "pkg.duplicate_name");
}

}  // namespace

// [SECTION] Writing to a sink (the browser's storage) and facts from attach time

// A sink in memory; `fail_after` makes writes fail past that many bytes.
class MemorySink : public qaward::PackageSink {
 public:
  std::string bytes;
  std::uint64_t fail_after = UINT64_MAX;
  int writes = 0;
  bool write_at(std::uint64_t offset, const void* data, std::size_t size) override {
    ++writes;
    if (offset + size > fail_after) return false;
    const auto at = static_cast<std::size_t>(offset);
    if (bytes.size() < at + size) bytes.resize(at + size);
    bytes.replace(at, size, static_cast<const char*>(data), size);
    return true;
  }
  bool truncate(std::uint64_t size) override {
    bytes.resize(static_cast<std::size_t>(size));
    return true;
  }
  std::size_t read_at(std::uint64_t offset, void* data, std::size_t size) override {
    if (offset >= bytes.size()) return 0;
    const auto at = static_cast<std::size_t>(offset);
    const auto n = std::min(size, bytes.size() - at);
    std::memcpy(data, bytes.data() + at, n);
    return n;
  }
};

std::vector<qaward::AttachedFile> inspect_all(const qaward::PackageRequest& request) {
  std::vector<qaward::AttachedFile> out;
  for (std::size_t i = 0; i < request.files.size(); ++i) {
    const auto facts = qaward::inspect_file(request.files[i], request.draft->attachments[i].path);
    EXPECT_TRUE(facts.has_value());
    out.push_back(facts.value_or(qaward::AttachedFile{}));
  }
  return out;
}

TEST(PackageSink, WritesTheSameBytesAsToAFileAndHashesThem) {
  const auto expected = read_file(make_example("for-sink.zip"));
  const auto draft = example_draft();
  const auto request = request_for(draft);
  MemorySink sink;
  sink.bytes = "left over from an earlier package";
  ASSERT_TRUE(qaward::write_package(request, qaward::plan_package(request), sink).ok());
  EXPECT_EQ(sink.bytes, expected);
  // libzip's many small writes reach the sink gathered: the headers it
  // rewrites after each entry are the only breaks (4 attachments + 7 tag files).
  EXPECT_LE(sink.writes, 2 * 12);
  std::uint64_t reported = 0;
  EXPECT_EQ(qaward::sink_sha256(sink, [&](std::uint64_t done) { reported = done; }), qaward::to_hex(qaward::Sha256::of(expected)));
  EXPECT_EQ(reported, expected.size());
}

// A reader that hashes only settled bytes, while the writer goes on (the
// browser's second worker), ends with the SHA-256 of the whole package.
class DigestingSink : public MemorySink {
 public:
  qaward::SinkDigest digest;
  std::vector<std::uint64_t> settled_at;
  void settled(std::uint64_t upto) override {
    settled_at.push_back(upto);
    EXPECT_TRUE(digest.advance(*this, upto));
  }
};

TEST(PackageSink, SettledBytesNeverChangeSoTheyCanBeHashedWhileWriting) {
  const auto expected = read_file(make_example("for-digest.zip"));
  const auto draft = example_draft();
  const auto request = request_for(draft);
  DigestingSink sink;
  ASSERT_TRUE(qaward::write_package(request, qaward::plan_package(request), sink).ok());
  ASSERT_EQ(sink.bytes, expected);
  EXPECT_EQ(sink.digest.finish(), qaward::to_hex(qaward::Sha256::of(expected)));
  ASSERT_GE(sink.settled_at.size(), 11u);  // each of the 11 entries, then the whole
  EXPECT_TRUE(std::is_sorted(sink.settled_at.begin(), sink.settled_at.end()));
  EXPECT_EQ(sink.settled_at.back(), expected.size());
}

TEST(PackageSink, AFailingSinkIsReportedAndLeftEmpty) {
  const auto draft = example_draft();
  const auto request = request_for(draft);
  MemorySink sink;
  sink.fail_after = 2000;
  const auto result = qaward::write_package(request, qaward::plan_package(request), sink);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics().at(0).key, "pkg.write_failed");
  EXPECT_TRUE(sink.bytes.empty());
}

TEST(PackageAttached, InspectingGivesSizeHashCrcAndMarks) {
  const auto dir = temp_dir() / "inspect";
  fs::create_directories(dir);
  write_file(dir / "a.txt", "abc");
  const auto facts = qaward::inspect_file((dir / "a.txt").string(), "a.txt");
  ASSERT_TRUE(facts.has_value());
  EXPECT_EQ(facts->size, 3u);
  EXPECT_EQ(facts->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2 "abc"
  EXPECT_EQ(facts->crc32, 0x352441C2u);  // CRC-32 of "abc"
  EXPECT_FALSE(facts->state_secret_mark);
  // A mark across the boundary of two reads, in a text file only.
  const std::string marked = std::string((4u << 20) - 2, 'x') + "机密★";
  write_file(dir / "b.txt", marked);
  write_file(dir / "b.bin", marked);
  std::uint64_t last_progress = 0;
  EXPECT_TRUE(qaward::inspect_file((dir / "b.txt").string(), "b.txt", [&](std::uint64_t done) { last_progress = done; })->state_secret_mark);
  EXPECT_EQ(last_progress, marked.size());
  EXPECT_FALSE(qaward::inspect_file((dir / "b.bin").string(), "b.bin")->state_secret_mark);
  EXPECT_FALSE(qaward::inspect_file((dir / "missing.txt").string(), "missing.txt").has_value());
}

TEST(PackageAttached, KnownHashesGiveTheSameBytesWithoutReadingForThePlan) {
  const auto expected = read_file(make_example("for-attached.zip"));
  const auto draft = example_draft();
  auto request = request_for(draft);
  request.attached = inspect_all(request);
  const auto files = request.files;
  request.files.assign(files.size(), "/nonexistent");  // the plan must not read them
  const auto plan = qaward::plan_package(request);
  EXPECT_TRUE(plan.refusals.empty());
  request.files = files;
  MemorySink sink;
  ASSERT_TRUE(qaward::write_package(request, plan, sink).ok());
  EXPECT_EQ(sink.bytes, expected);
}

TEST(PackageAttached, AFileChangedSinceItWasAttachedIsRefused) {
  const auto draft = example_draft();
  auto request = request_for(draft);
  request.attached = inspect_all(request);
  // The same size, other content: only the CRC-32 can tell.
  const auto changed = temp_dir() / "changed.bin";
  std::string content = read_file(request.files[0]);
  content[0] = static_cast<char>(content[0] ^ 1);
  write_file(changed, content);
  request.files[0] = changed.string();
  MemorySink sink;
  const auto result = qaward::write_package(request, qaward::plan_package(request), sink);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics().at(0).key, "pkg.file_changed");
  EXPECT_EQ(result.diagnostics().at(0).where, "/attachments/0/path");
  // Facts with a malformed hash are refused by the plan.
  request.attached[1].sha256 = "not a hash";
  const auto refusals = qaward::plan_package(request).refusals;
  ASSERT_EQ(refusals.size(), 1u);
  EXPECT_EQ(refusals[0].key, "pkg.unreadable");
}

TEST(PackageReport, SurvivesItsJsonForm) {
  const auto path = make_example("for-json.zip");
  auto report = qaward::verify_package(path.string(), context());
  report.findings.push_back({qaward::Severity::warning, "pkg.some_warning", {{"file", "a.pdf"}}, "data/x"});
  const auto zh = qaward::Catalog::parse(qaward::test::read_asset("i18n/zh-CN.json"), "zh").value();
  const auto en = qaward::Catalog::parse(qaward::test::read_asset("i18n/en.json"), "en").value();
  const auto json = qaward::to_json(report, zh, en);
  const auto back = qaward::verify_report_from_json(json);
  EXPECT_EQ(qaward::to_json(back, zh, en), json);
  EXPECT_EQ(back.findings.back().params.at("file"), "a.pdf");
  EXPECT_FALSE(qaward::verify_report_from_json(nlohmann::json("garbage")).valid);
}

// [SECTION] What the planner refuses or warns of (issue 12): each case starts
// from the intact example draft and changes one thing.

const qaward::Diagnostic* diagnostic(const std::vector<qaward::Diagnostic>& list, const std::string& key) {
  for (const auto& d : list) {
    if (d.key == key) return &d;
  }
  return nullptr;
}

// The example's request with facts from attach time, so that attachments
// added by a test need no file (the planner reads none).
struct FactsRequest {
  qaward::Draft draft = example_draft();
  qaward::PackageRequest request;
  FactsRequest() {
    request = request_for(draft);
    request.attached = inspect_all(request);
  }
  FactsRequest(const FactsRequest&) = delete;  // the request points at the draft
  void add(const std::string& path, std::uint64_t size = 1, const std::string& title = "补充材料") {
    draft.attachments.push_back({path, title, "other", false, {}});
    request.files.push_back("/nonexistent");
    request.attached.push_back({size, std::string(64, 'a'), 0, false});
  }
  qaward::PackagePlan plan() const { return qaward::plan_package(request); }
};

TEST(PackagePlanLimits, AsManyAttachmentsAsAPackageHoldsWithItsCountersignatureAndNoMore) {
  FactsRequest x;
  // 7 tag files and the 3 files of a countersignature leave 9,990 of 10,000 entries.
  const std::size_t max = 9990;
  while (x.draft.attachments.size() < max) x.add("附件/补充" + std::to_string(x.draft.attachments.size()) + ".pdf");
  EXPECT_TRUE(x.plan().refusals.empty());
  x.add("附件/再多一份.pdf");
  const auto plan = x.plan();
  ASSERT_EQ(plan.refusals.size(), 1u);
  EXPECT_EQ(plan.refusals[0].key, "pkg.too_many_attachments");
  EXPECT_EQ(plan.refusals[0].params.at("found"), "9991");
  EXPECT_EQ(plan.refusals[0].params.at("max"), "9990");
  EXPECT_EQ(plan.refusals[0].params.at("entries"), "10000");
}

// One struct for both sides: a package at the planner's limit still verifies
// once countersigned; one attachment more is refused before writing.
TEST(PackagePlanLimits, WhatThePlannerAcceptsVerifyAcceptsEvenCountersigned) {
  auto draft = example_draft();  // 4 attachments
  auto request = request_for(draft);
  request.limits.max_entries = 4 + 7 + 3;
  auto ctx = context();
  ctx.limits = request.limits;
  const auto plan = qaward::plan_package(request);
  ASSERT_TRUE(plan.refusals.empty());
  const auto out = temp_dir() / "at-limit.zip";
  ASSERT_TRUE(qaward::write_package(request, plan, out.string()).ok());
  EXPECT_TRUE(qaward::verify_package(out.string(), ctx).valid);
  const auto signed_out = temp_dir() / "at-limit-countersigned.zip";
  const qaward::CountersignRequest cs{"天山区市场监督管理局", "同意推荐。", &world().office, qaward::parse_datetime("2026-03-20T09:30").value()};
  ASSERT_TRUE(qaward::countersign_package(out.string(), signed_out.string(), cs, ctx).ok());
  EXPECT_TRUE(qaward::verify_package(signed_out.string(), ctx).valid);
  request.limits.max_entries -= 1;
  const auto refused = qaward::plan_package(request);
  ASSERT_EQ(refused.refusals.size(), 1u);
  EXPECT_EQ(refused.refusals[0].key, "pkg.too_many_attachments");
  EXPECT_EQ(refused.refusals[0].params.at("max"), "3");
}

TEST(PackagePlanLimits, AnAttachmentOrAPackageOverItsSizeLimitIsRefused) {
  FactsRequest one;
  one.add("附件/录像.mp4", 9ull << 30);  // over 8 GiB
  const auto plan = one.plan();
  const auto* big = diagnostic(plan.refusals, "pkg.attachment_too_large");
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->where, "/attachments/4/path");
  EXPECT_EQ(big->params.at("file"), "录像.mp4");
  EXPECT_EQ(big->params.at("size"), std::to_string(9ull << 30));
  EXPECT_EQ(big->params.at("max"), std::to_string(8ull << 30));

  FactsRequest three;  // each under 8 GiB, together over 16 GiB
  for (const char* name : {"附件/甲.mp4", "附件/乙.mp4", "附件/丙.mp4"}) three.add(name, 6ull << 30);
  const auto total = three.plan();
  EXPECT_EQ(diagnostic(total.refusals, "pkg.attachment_too_large"), nullptr);
  const auto* over = diagnostic(total.refusals, "pkg.package_too_large");
  ASSERT_NE(over, nullptr);
  EXPECT_EQ(over->params.at("max"), std::to_string(16ull << 30));
  EXPECT_GT(std::stoull(over->params.at("size")), 18ull << 30);
}

TEST(PackagePlanLimits, AnApplicationOverItsLimitIsRefusedBeforeWritingAndOneUnderItVerifies) {
  auto draft = example_draft();
  draft.assessment->report = std::string(17u << 20, 'x');
  const auto request = request_for(draft);
  const auto plan = qaward::plan_package(request);
  const auto* over = diagnostic(plan.refusals, "pkg.application_too_large");
  ASSERT_NE(over, nullptr);
  EXPECT_EQ(over->params.at("max"), std::to_string(16u << 20));
  EXPECT_GT(std::stoull(over->params.at("size")), 17u << 20);
  const auto out = temp_dir() / "application-too-large.zip";
  EXPECT_FALSE(qaward::write_package(request, plan, out.string()).ok());
  EXPECT_FALSE(fs::exists(out));
  // Just under the limit: written, and verify reads it.
  draft.assessment->report = std::string((16u << 20) - 20000, 'x');
  const auto under = qaward::plan_package(request);
  ASSERT_TRUE(under.refusals.empty());
  const auto under_out = temp_dir() / "application-under-limit.zip";
  ASSERT_TRUE(qaward::write_package(request, under, under_out.string()).ok());
  EXPECT_TRUE(qaward::verify_package(under_out.string(), context()).valid);
}

TEST(PackagePlanLimits, ABagInfoOverTheTagFileLimitIsRefused) {
  auto draft = example_draft();
  draft.profile.organization.name = std::string(4u << 20, 'x');
  const auto plan = qaward::plan_package(request_for(draft));
  const auto* over = diagnostic(plan.refusals, "pkg.tag_file_over_limit");
  ASSERT_NE(over, nullptr);
  EXPECT_EQ(over->params.at("file"), "bag-info.txt");
  EXPECT_EQ(over->params.at("max"), std::to_string(4u << 20));
}

TEST(PackagePlanNames, NamesWindowsOrMacOsCannotUnpackAreRefusedWithTheirReason) {
  struct Case {
    std::string path;
    std::string key;  // empty: accepted
  };
  const std::vector<Case> cases = {
      {"附件/申报表.TXT", "pkg.name_case_collision"},  // beside 申报表.txt
      {"附件/CON.pdf", "pkg.reserved_name"},
      {"附件/con", "pkg.reserved_name"},
      {"附件/Lpt1.tar.gz", "pkg.reserved_name"},
      {"附件/COM¹.txt", "pkg.reserved_name"},
      {"附件/nul .txt", "pkg.reserved_name"},
      {"附件/COM10.txt", ""},
      {"附件/CONSOLE.pdf", ""},
      {"附件/auxiliary.txt", ""},
      {"附件/说明.", "pkg.name_trailing_dot_or_space"},
      {"附件/说明 ", "pkg.name_trailing_dot_or_space"},
      {"附件/" + std::string(236, 'a') + ".pdf", ""},  // 240 bytes
      {"附件/" + std::string(237, 'a') + ".pdf", "pkg.name_too_long"},
      {"附件/a:b.pdf", "pkg.bad_name"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    FactsRequest x;
    x.add(c.path);
    const auto plan = x.plan();
    if (c.key.empty()) {
      EXPECT_TRUE(plan.refusals.empty()) << plan.refusals.at(0).key;
      continue;
    }
    ASSERT_EQ(plan.refusals.size(), 1u);
    EXPECT_EQ(plan.refusals[0].key, c.key);
    EXPECT_EQ(plan.refusals[0].where, "/attachments/4/path");
  }
  FactsRequest pair;
  pair.add("附件/Report.pdf");
  pair.add("附件/report.PDF");
  const auto pair_plan = pair.plan();
  const auto* collision = diagnostic(pair_plan.refusals, "pkg.name_case_collision");
  ASSERT_NE(collision, nullptr);
  EXPECT_EQ(collision->params.at("found"), "report.PDF");
  EXPECT_EQ(collision->params.at("other"), "Report.pdf");
  FactsRequest long_name;
  long_name.add("附件/" + std::string(237, 'a') + ".pdf");
  const auto long_plan = long_name.plan();
  const auto* too_long = diagnostic(long_plan.refusals, "pkg.name_too_long");
  ASSERT_NE(too_long, nullptr);
  EXPECT_EQ(too_long->params.at("bytes"), "241");
  EXPECT_EQ(too_long->params.at("max"), "240");
}

TEST(PackagePlanNames, ControlCharactersAreRefusedWhereTheyAre) {
  struct Case {
    std::function<void(FactsRequest&)> change;
    std::string where;
    std::string character;
  };
  const std::vector<Case> cases = {
      {[](FactsRequest& x) { x.draft.profile.organization.name = "天山精工\x1b[2J"; }, "/profile/organization/name", "U+001B"},
      {[](FactsRequest& x) { x.draft.profile.organization.uscc = "91330100716105852F\x7f"; }, "/profile/organization/uscc", "U+007F"},
      {[](FactsRequest& x) { x.add("附件/说明.pdf", 1, "说明\u202Efdp.exe"); }, "/attachments/4/title", "U+202E"},
      {[](FactsRequest& x) { x.add("附件/说明\u2066.pdf"); }, "/attachments/4/path", "U+2066"},
      {[](FactsRequest& x) { x.add("附件/说明\xC2\x85.pdf"); }, "/attachments/4/path", "U+0085"},
      {[](FactsRequest& x) { x.add("附件/说明\x1b]0;x\x07.pdf"); }, "/attachments/4/path", "U+001B"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.where + " " + c.character);
    FactsRequest x;
    c.change(x);
    const auto plan = x.plan();
    const auto* refusal = diagnostic(plan.refusals, "pkg.control_character");
    ASSERT_NE(refusal, nullptr);
    EXPECT_EQ(refusal->where, c.where);
    EXPECT_EQ(refusal->params.at("char"), c.character);
  }
}

TEST(PackagePlanTime, APublicityNotOverByThePackagingTimeIsWarnedNotRefused) {
  // Posted 2026-03-06T15:00: the period ends 2026-03-14T00:00.
  FactsRequest x;
  for (const auto& [now, warned] : std::vector<std::pair<const char*, bool>>{
           {"2026-03-13T10:00", true}, {"2026-03-13T23:59:59", true}, {"2026-03-14T00:00", false}}) {
    SCOPED_TRACE(now);
    x.request.now = qaward::parse_datetime(now).value();
    const auto plan = x.plan();
    EXPECT_TRUE(plan.refusals.empty());
    const auto* w = diagnostic(plan.warnings, "pkg.publicity_not_over");
    ASSERT_EQ(w != nullptr, warned);
    if (w != nullptr) {
      // In words (issue 16): the period ends at 24:00 of its last day.
      EXPECT_EQ(w->params.at("end"), "2026年3月13日24时");
      EXPECT_EQ(w->params.at("end_en"), "24:00 on 13 March 2026");
      EXPECT_EQ(w->params.at("now"), std::string(now).ends_with("23:59:59") ? "2026年3月13日 23:59" : "2026年3月13日 10:00");
      EXPECT_EQ(w->where, "/publicity/posted_at");
    }
  }
}

// Issue 19: Xinjiang 2026 is known only in part, so the example's period
// (3/9-3/13, Xinjiang) is an estimate and the packager says so; on the
// national calendar, whose 2026 notice is known, it is not.
TEST(PackagePlanTime, APublicityOverEstimatedDaysIsWarned) {
  FactsRequest x;
  ASSERT_EQ(x.draft.publicity->region, qaward::Region::xinjiang);
  const auto plan = x.plan();
  const auto* w = diagnostic(plan.warnings, "pkg.publicity_estimated");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->params.at("end"), "2026年3月13日24时");
  x.draft.publicity->region = qaward::Region::national;
  EXPECT_EQ(diagnostic(x.plan().warnings, "pkg.publicity_estimated"), nullptr);
}

TEST(PackagePlanTime, ADraftWithoutAPublicityPostingIsWarnedNotRefused) {
  FactsRequest x;
  EXPECT_EQ(diagnostic(x.plan().warnings, "pkg.publicity_not_recorded"), nullptr);
  x.draft.publicity->posted_at.reset();
  const auto plan = x.plan();  // kept: the warning points into it
  const auto* w = diagnostic(plan.warnings, "pkg.publicity_not_recorded");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->where, "/publicity");
  x.draft.publicity.reset();
  EXPECT_NE(diagnostic(x.plan().warnings, "pkg.publicity_not_recorded"), nullptr);
  EXPECT_TRUE(x.plan().refusals.empty());
}

TEST(PackagePlanTime, ObjectionsOpenOrDatedBeforeTheirReceiptAreWarned) {
  FactsRequest x;
  x.draft.publicity->region = qaward::Region::national;  // a period the calendar knows: no estimate warning
  auto& objections = x.draft.publicity->objections;
  ASSERT_EQ(objections.size(), 1u);  // resolved in order: no warning
  EXPECT_TRUE(x.plan().warnings.empty());
  auto early = objections[0];
  early.resolved_on = qaward::Date{2026, 3, 9};  // received 2026-03-10
  auto forwarded = objections[0];
  forwarded.forwarded_on = qaward::Date{2026, 3, 9};
  auto open = objections[0];
  open.resolution.clear();
  open.resolved_on.reset();
  objections = {objections[0], early, forwarded, open};
  const auto plan = x.plan();
  EXPECT_TRUE(plan.refusals.empty());
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& w : plan.warnings) found.emplace_back(w.key, w.where);
  EXPECT_EQ(found, (std::vector<std::pair<std::string, std::string>>{
                       {"pkg.objection_resolved_early", "/publicity/objections/1/resolved_on"},
                       {"pkg.objection_forwarded_early", "/publicity/objections/2/forwarded_on"},
                       {"pkg.objection_open", "/publicity/objections/3"}}));
  for (const auto& w : plan.warnings) EXPECT_EQ(w.severity, qaward::Severity::warning) << w.key;
  EXPECT_EQ(plan.warnings[0].params.at("date"), "2026-03-09");
  EXPECT_EQ(plan.warnings[0].params.at("received"), "2026-03-10");
}

// [SECTION] Crafted content (issue 12): each case starts from an intact
// package and changes one thing. Payload changes keep the manifests and the
// Payload-Oxum consistent, as a forger would, so that the signature is the
// only other thing that tells.

using Entries = std::vector<std::pair<std::string, std::string>>;  // full names in ZIP order, contents

Entries zip_entries(const fs::path& zip) {
  Entries out;
  int error = 0;
  zip_t* za = zip_open(zip.string().c_str(), ZIP_RDONLY, &error);
  if (za == nullptr) return out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    zip_stat_index(za, index, 0, &st);
    std::string content(static_cast<std::size_t>(st.size), '\0');
    zip_file_t* f = zip_fopen_index(za, index, 0);
    if (f != nullptr && !content.empty()) zip_fread(f, content.data(), content.size());
    if (f != nullptr) zip_fclose(f);
    out.emplace_back(zip_get_name(za, index, ZIP_FL_ENC_RAW), std::move(content));
  }
  zip_discard(za);
  return out;
}

std::string sha256_hex(const std::string& text) { return qaward::to_hex(qaward::Sha256::of(text)); }

// Every "hash  path" line of a manifest given the hash of `content(path)`;
// a path it cannot find keeps its line.
std::string rehashed(const std::string& manifest, const std::function<const std::string*(const std::string&)>& content) {
  std::string out;
  std::istringstream lines(manifest);
  for (std::string line; std::getline(lines, line);) {
    const auto* text = line.size() > 66 ? content(line.substr(66)) : nullptr;
    out += (text != nullptr ? sha256_hex(*text) + line.substr(64) : line) + "\n";
  }
  return out;
}

// A copy of the package `source` with the entries `changes` (names inside
// the root folder) replaced or added; those under data/ are listed in the
// payload manifest as a forger would, and the manifests, the Payload-Oxum
// and the tag manifest are brought up to date.
fs::path modified(const fs::path& source, const std::string& file, const std::map<std::string, std::string>& changes) {
  auto entries = zip_entries(source);
  const std::string root = entries.at(0).first.substr(0, entries.at(0).first.find('/') + 1);
  auto find = [&](const std::string& inner) -> std::string* {
    for (auto& [name, content] : entries) {
      if (name == root + inner) return &content;
    }
    return nullptr;
  };
  for (const auto& [inner, content] : changes) {
    if (auto* existing = find(inner)) {
      *existing = content;
    } else {
      entries.emplace_back(root + inner, content);
      if (inner.rfind("data/", 0) == 0) *find("manifest-sha256.txt") += std::string(64, '0') + "  " + inner + "\n";
    }
  }
  auto* manifest = find("manifest-sha256.txt");
  *manifest = rehashed(*manifest, find);
  std::uint64_t bytes = 0, files = 0;
  std::istringstream lines(*manifest);
  for (std::string line; std::getline(lines, line); ++files) bytes += find(line.substr(66))->size();
  auto* bag_info = find("bag-info.txt");
  const auto oxum = bag_info->find("Payload-Oxum: ");
  bag_info->replace(oxum, bag_info->find('\n', oxum) - oxum, "Payload-Oxum: " + std::to_string(bytes) + "." + std::to_string(files));
  auto* tags = find("tagmanifest-sha256.txt");
  *tags = rehashed(*tags, find);
  return hostile(file, entries);
}

// The example's data/application.json with `patch` applied (a JSON merge
// patch, RFC 7386).
std::string application_with(const nlohmann::json& patch) {
  static const fs::path source = make_example("application-source.zip");
  for (const auto& [name, content] : zip_entries(source)) {
    if (name.size() > 21 && name.compare(name.size() - 21, 21, "data/application.json") == 0) {
      auto app = nlohmann::json::parse(content);
      app.merge_patch(patch);
      return app.dump(2) + "\n";
    }
  }
  ADD_FAILURE() << "no application.json";
  return {};
}

const qaward::Diagnostic* finding(const VerifyReport& r, const std::string& key) {
  for (const auto& f : r.findings) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string param(const qaward::Diagnostic* f, const std::string& name) {
  if (f == nullptr) return "(no finding)";
  const auto it = f->params.find(name);
  return it == f->params.end() ? "(no " + name + ")" : it->second;
}

// Verifies, never letting an exception through: one that escapes is a failure.
VerifyReport verify_safely(const fs::path& path, const qaward::VerifyContext& ctx = context()) {
  VerifyReport report;
  try {
    report = qaward::verify_package(path.string(), ctx);
  } catch (const std::exception& e) {
    ADD_FAILURE() << path << ": verify_package threw " << e.what();
  }
  return report;
}

// The readable application the caller renders (app/common) is payload: in
// the manifest and the Payload-Oxum, so the signature covers it.
TEST(PackageReadable, TheCallersDocumentIsSignedPayload) {
  const auto draft = example_draft();
  auto request = request_for(draft);
  std::string seen_package_id;
  request.readable = [&](const qaward::PackageRequest& r, const qaward::PackagePlan& plan) {
    seen_package_id = plan.package_id;
    return "<p>" + r.draft->profile.organization.name.value_or("") + "</p>";
  };
  const auto plan = qaward::plan_package(request);
  ASSERT_TRUE(plan.refusals.empty());
  EXPECT_EQ(seen_package_id, "QA-91330100716105852F-20260316T100000");
  EXPECT_EQ(plan.readable, "<p>乌鲁木齐天山精工质量技术有限公司</p>");
  const auto out = temp_dir() / "readable.zip";
  ASSERT_TRUE(qaward::write_package(request, plan, out.string()).ok());
  const auto report = qaward::verify_package(out.string(), context());
  EXPECT_TRUE(report.valid);
  EXPECT_EQ(report.payload_files, 6u);
  std::string manifest, readable;
  for (const auto& [name, content] : zip_entries(out)) {
    if (name.ends_with("/manifest-sha256.txt")) manifest = content;
    if (name.ends_with("/data/申报书.html")) readable = content;
  }
  EXPECT_EQ(readable, plan.readable);
  EXPECT_NE(manifest.find(sha256_hex(plan.readable) + "  data/申报书.html\n"), std::string::npos) << manifest;

  // Changed by someone else, the manifests made consistent again: the signature tells.
  const auto forged = modified(out, "readable-forged.zip", {{"data/申报书.html", "<p>另一家公司</p>"}});
  const auto forged_report = verify_safely(forged);
  EXPECT_FALSE(forged_report.valid);
  EXPECT_FALSE(forged_report.signature.valid);
  // Without a renderer there is no such file (the golden package has none).
  request.readable = nullptr;
  EXPECT_TRUE(qaward::plan_package(request).readable.empty());
}

TEST(PackageCrafted, TheModifyingHelperKeepsThePayloadConsistent) {
  const auto path = modified(make_example("helper-source.zip"), "helper.zip",
                             {{"data/application.json", application_with({{"product", {{"version", "x"}}}})}});
  const auto report = verify_safely(path);
  EXPECT_TRUE(has_finding(report, "sig.bad_signature"));
  for (const auto& f : report.findings) {
    if (f.severity == qaward::Severity::error && f.key != "sig.bad_signature") ADD_FAILURE() << f.key << " " << f.where;
  }
}

TEST(PackageCrafted, WrongTypesInTheApplicationAreFindingsNamingTheirPath) {
  struct Case {
    nlohmann::json patch;
    std::string path;
  };
  const std::vector<Case> cases = {
      {{{"created", 20260316}}, "/created"},
      {{{"eligibility", {{"edition", 1}}}}, "/eligibility/edition"},
      {{{"eligibility", {{"outcome", nlohmann::json::array()}}}}, "/eligibility/outcome"},
      {{{"eligibility", {{"forced", "yes"}}}}, "/eligibility/forced"},
      {{{"eligibility", {{"date", {{"y", 2026}}}}}}, "/eligibility/date"},
      {{{"eligibility", "eligible"}}, "/eligibility"},
      {{{"attachments", {{{"file", "data/附件/申报表.txt"}, {"trade_secret", "true"}}}}}, "/attachments/0/trade_secret"},
      {{{"attachments", {{{"file", 3}, {"trade_secret", true}}}}}, "/attachments/0/file"},
      {{{"attachments", {42}}}, "/attachments/0"},
      {{{"assessment_summary", "439"}}, "/assessment_summary"},
      {{{"assessment_summary", {{"total", "439"}}}}, "/assessment_summary/total"},
      {{{"publicity", 7}}, "/publicity"},
      {{{"profile", {{"organization", {{"uscc", 91330100}}}}}}, "/profile/organization/uscc"},
  };
  const auto source = make_example("types-source.zip");
  for (const auto& c : cases) {
    SCOPED_TRACE(c.patch.dump());
    const auto report = verify_safely(modified(source, "types.zip", {{"data/application.json", application_with(c.patch)}}));
    EXPECT_FALSE(report.valid);
    const auto* f = finding(report, "pkg.field_wrong_type");
    EXPECT_EQ(param(f, "path"), c.path);
    EXPECT_EQ(f != nullptr ? f->where : "(none)", "data/application.json");
    EXPECT_NE(param(f, "expected"), "(no expected)");
  }
}

// An application whose founding date is after its eligibility date cannot be
// evaluated again: a finding says why (before, the re-run showed as the
// outcome "error", a message in neither catalog), and no outcome is claimed.
TEST(PackageCrafted, AnApplicationThatCannotBeReRunSaysWhyInBothLanguages) {
  const auto patch = nlohmann::json{{"profile", {{"organization", {{"established_on", "2027-01-01"}}}}}};
  const auto path = modified(make_example("rerun-source.zip"), "rerun.zip", {{"data/application.json", application_with(patch)}});
  const auto report = verify_safely(path);
  EXPECT_FALSE(report.valid);
  EXPECT_EQ(report.rerun_eligibility, "");
  EXPECT_FALSE(has_finding(report, "pkg.eligibility_differs"));
  const auto* f = finding(report, "pkg.eligibility_not_rerun");
  EXPECT_EQ(param(f, "found"), "2027-01-01");
  EXPECT_EQ(param(f, "date"), "2026-03-16");
  const auto zh = qaward::Catalog::parse(qaward::test::read_asset("i18n/zh-CN.json"), "zh").value();
  const auto en = qaward::Catalog::parse(qaward::test::read_asset("i18n/en.json"), "en").value();
  EXPECT_EQ(qaward::to_json(report, zh, en).dump().find("⟦"), std::string::npos);  // no ⟦missing key⟧
}

TEST(PackageCrafted, WrongTypesInTheRecommendationAreFindingsNotACrash) {
  const auto path = make_example("rec-source.zip");
  const auto signed_path = temp_dir() / "rec-signed.zip";
  qaward::CountersignRequest request{"天山区市场监督管理局", "同意推荐。", &world().office,
                                     qaward::parse_datetime("2026-03-20T09:30").value()};
  ASSERT_TRUE(qaward::countersign_package(path.string(), signed_path.string(), request, context()).ok());
  std::string recommendation;
  for (const auto& [name, content] : zip_entries(signed_path)) {
    if (name == fs::path(name).parent_path().string() + "/recommendation.json") recommendation = content;
  }
  for (const char* member : {"unit", "opinion", "date", "applicant_tagmanifest_sha256"}) {
    SCOPED_TRACE(member);
    auto doc = nlohmann::json::parse(recommendation);
    doc[member] = {{"x", 1}};
    const auto report = verify_safely(modified(signed_path, "rec.zip", {{"recommendation.json", doc.dump(2)}}));
    EXPECT_FALSE(report.valid);
    const auto* f = finding(report, "pkg.field_wrong_type");
    EXPECT_EQ(param(f, "path"), std::string("/") + member);
    EXPECT_EQ(f != nullptr ? f->where : "(none)", "recommendation.json");
    ASSERT_EQ(report.countersignatures.size(), 1u);
    EXPECT_FALSE(report.countersignatures[0].signature.valid);
  }
}

TEST(PackageCrafted, NestingAHundredThousandDeepIsAFindingNotAStackOverflow) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto source = make_example("deep-source.zip");
  for (const auto& text : {"{\"profile\": " + deep + "}", deep, "{\"publicity\": {\"objections\": " + deep + "}}"}) {
    const auto report = verify_safely(modified(source, "deep.zip", {{"data/application.json", text}}));
    EXPECT_FALSE(report.valid);
    const auto* f = finding(report, "pkg.entry_too_deep");
    EXPECT_EQ(param(f, "max"), std::to_string(qaward::kMaxJsonDepth));
    EXPECT_EQ(param(f, "line"), "1");
  }
  const auto broken = verify_safely(modified(source, "broken.zip", {{"data/application.json", "{\n  \"created\": ,\n}"}}));
  const auto* f = finding(broken, "pkg.entry_bad_json");
  EXPECT_EQ(param(f, "line"), "2");
  EXPECT_EQ(param(f, "column"), "14");
}

TEST(PackageCrafted, EntriesNeitherTagFilesNorListedAreRefused) {
  const auto source = make_example("unlisted-source.zip");
  ASSERT_TRUE(verify_safely(source).valid);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"evil.exe", "pkg.unlisted_file"},
      {"data2/x.pdf", "pkg.unlisted_file"},
      {"office.pub", "pkg.unlisted_file"},  // a countersignature's file without a countersignature
      {"tagmanifest-sha256.txt.bak", "pkg.unlisted_file"},
      {"Data/附件/x.pdf", "pkg.case_collision"},  // unpacks into data/附件/ on Windows and macOS
  };
  for (const auto& [name, key] : cases) {
    SCOPED_TRACE(name);
    const auto report = verify_safely(modified(source, "unlisted.zip", {{name, "MZ"}}));
    EXPECT_FALSE(report.valid);
    const auto* f = finding(report, key);
    ASSERT_NE(f, nullptr);
    EXPECT_NE(f->where.find(name), std::string::npos) << f->where;
  }
}

TEST(PackageCrafted, NamesThatDifferOnlyInCaseAreRefused) {
  const auto source = make_example("case-source.zip");
  const auto report = verify_safely(modified(source, "case.zip", {{"data/附件/Report.pdf", "a"}, {"data/附件/report.PDF", "b"}}));
  EXPECT_FALSE(report.valid);
  const auto* f = finding(report, "pkg.case_collision");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->where.find("data/附件/report.PDF"), std::string::npos) << f->where;
  EXPECT_NE(param(f, "other").find("data/附件/Report.pdf"), std::string::npos);
  EXPECT_FALSE(has_finding(report, "pkg.unlisted_file"));  // both are listed: only their names collide
  // A folder differing only in case collides with data/ itself.
  const auto folder = verify_safely(modified(source, "case-folder.zip", {{"DATA/x.txt", "x"}}));
  EXPECT_EQ(param(finding(folder, "pkg.case_collision"), "other"), "QA-91330100716105852F-20260316T100000/data/");
}

// A package made by another tool with names the writer refuses: the
// reviewer is told they may not unpack, the package is not failed for it.
TEST(PackageCrafted, NamesThatDoNotUnpackEverywhereAreWarned) {
  const auto source = make_example("unportable-source.zip");
  const std::string long_name = std::string(81, 'a') + "汉.pdf";  // 81 + 3 + 4 = 88 bytes: fine
  const std::string too_long = std::string(230, 'a') + "汉字.pdf";  // 230 + 6 + 4 = 240 bytes: at the limit
  for (const auto& name : {std::string("CON.pdf"), std::string("lpt1.txt"), std::string("报告."), too_long + "x" /* 241 */}) {
    const auto report = verify_safely(modified(source, "unportable.zip", {{"data/附件/" + name, "x"}}));
    const auto* f = finding(report, "pkg.unportable_name");
    ASSERT_NE(f, nullptr) << name;
    EXPECT_EQ(f->severity, qaward::Severity::warning);
    EXPECT_EQ(f->where, "data/附件/" + name);
  }
  const auto fine = verify_safely(modified(source, "portable.zip", {{"data/附件/" + long_name, "x"}, {"data/附件/" + too_long, "y"}}));
  EXPECT_FALSE(has_finding(fine, "pkg.unportable_name"));
  // Over its limit, an entry's message names the limit.
  qaward::VerifyContext small = context();
  small.limits.max_entry_bytes = 100;
  EXPECT_EQ(param(finding(verify_safely(source, small), "pkg.entry_too_large"), "max"), "100");
}

TEST(PackageCrafted, ObjectionsOutOfOrderOrStillOpenWhenPackagedAreWarned) {
  const auto source = make_example("objections-source.zip");
  const nlohmann::json objections = {
      {{"received_on", "2026-03-10"}, {"resolved_on", "2026-03-09"}, {"summary", "a"}, {"resolution", "b"}},
      {{"received_on", "2026-03-11"}, {"summary", "c"}},
      {{"received_on", "2026-03-12"}, {"resolved_on", "2026-03-17"}, {"summary", "d"}, {"resolution", "e"}},
      {{"received_on", "2026-03-12"}, {"resolved_on", "2026-03-13"}, {"summary", "f"}, {"resolution", "g"}}};
  const auto report = verify_safely(
      modified(source, "objections.zip", {{"data/application.json", application_with({{"publicity", {{"objections", objections}}}})}}));
  std::vector<std::string> early, open;
  for (const auto& f : report.findings) {
    if (f.key == "pkg.objection_resolved_before_received") early.push_back(f.params.at("path"));
    if (f.key == "pkg.objection_unresolved") open.push_back(f.params.at("path"));
    if (f.key.rfind("pkg.objection", 0) == 0) {
      EXPECT_EQ(f.severity, qaward::Severity::warning);
    }
  }
  EXPECT_EQ(early, std::vector<std::string>{"/publicity/objections/0"});
  EXPECT_EQ(open, (std::vector<std::string>{"/publicity/objections/1", "/publicity/objections/2"}));
  EXPECT_EQ(param(finding(report, "pkg.objection_unresolved"), "created"), "2026年3月16日 10:00");
  EXPECT_EQ(param(finding(report, "pkg.objection_unresolved"), "created_en"), "10:00 on 16 March 2026");
  EXPECT_EQ(param(finding(report, "pkg.objection_unresolved"), "number"), "2") << "the objection as people count it";
}

TEST(PackageCrafted, APinnedOfficeKeyRefusesARecommendationSignedWithAnother) {
  const auto path = make_example("pin-source.zip");
  const auto impostor = qaward::keypair_from_seed({6, 6, 6}, {6, 6, 6, 6, 6, 6, 6, 6});
  auto countersigned = [&](const qaward::KeyPair& key, const std::string& file) {
    const auto out = temp_dir() / file;
    fs::remove(out);
    qaward::CountersignRequest request{"天山区市场监督管理局", "同意推荐。", &key, qaward::parse_datetime("2026-03-20T09:30").value()};
    EXPECT_TRUE(qaward::countersign_package(path.string(), out.string(), request, context()).ok());
    return out;
  };
  auto pinned = context();
  pinned.expected_office_key = &world().office.public_key;
  // Signed by someone calling themselves the office.
  const auto fake = verify_safely(countersigned(impostor, "pin-fake.zip"), pinned);
  EXPECT_FALSE(fake.valid);
  const auto* f = finding(fake, "pkg.office_key_not_pinned");
  EXPECT_EQ(param(f, "found"), impostor.public_key.key_id_hex());
  EXPECT_EQ(param(f, "expected"), world().office.public_key.key_id_hex());
  ASSERT_EQ(fake.countersignatures.size(), 1u);
  EXPECT_FALSE(fake.countersignatures[0].key_pinned);
  EXPECT_FALSE(fake.countersignatures[0].signature.valid);
  // Not pinned, the same package passes, and says the key was not pinned.
  const auto unpinned = verify_safely(countersigned(impostor, "pin-fake.zip"));
  EXPECT_TRUE(unpinned.valid);
  ASSERT_EQ(unpinned.countersignatures.size(), 1u);
  EXPECT_FALSE(unpinned.countersignatures[0].key_pinned);
  // Signed by the office whose key is pinned.
  const auto real = verify_safely(countersigned(world().office, "pin-real.zip"), pinned);
  EXPECT_TRUE(real.valid);
  ASSERT_EQ(real.countersignatures.size(), 1u);
  EXPECT_TRUE(real.countersignatures[0].key_pinned);
  const auto zh = qaward::Catalog::parse(qaward::test::read_asset("i18n/zh-CN.json"), "zh").value();
  const auto en = qaward::Catalog::parse(qaward::test::read_asset("i18n/en.json"), "en").value();
  const auto json = qaward::to_json(real, zh, en);
  EXPECT_EQ(json["countersignatures"][0]["key_pinned"], true);
  EXPECT_TRUE(qaward::verify_report_from_json(json).countersignatures.at(0).key_pinned);
}

// Whatever bytes a package holds, its report can be written as JSON (the
// CLI's --format json, the pre-check report, the browser's worker).
TEST(PackageCrafted, TextThatIsNotUtf8StillGivesAReportThatCanBeWritten) {
  const auto source = make_example("utf8-source.zip");
  std::string bag_info;
  for (const auto& [name, content] : zip_entries(source)) {
    if (name.size() > 12 && name.compare(name.size() - 12, 12, "bag-info.txt") == 0) bag_info = content;
  }
  bag_info.replace(bag_info.find("Source-Organization: ") + 21, 0, "\xFF\xFE");
  const auto zh = qaward::Catalog::parse(qaward::test::read_asset("i18n/zh-CN.json"), "zh").value();
  const auto en = qaward::Catalog::parse(qaward::test::read_asset("i18n/en.json"), "en").value();
  // A long value of the wrong type is quoted shortened: never cut inside a character.
  const nlohmann::json long_name = {{"profile", {{"organization", {{"name", {std::string(41, 'x') + "乌鲁木齐天山精工质量技术有限公司"}}}}}}};
  const std::vector<std::pair<fs::path, std::string>> cases = {
      {modified(source, "utf8-bag-info.zip", {{"bag-info.txt", bag_info}}), "pkg.tag_not_utf8"},
      {hostile("utf8-name.zip", {{"bag/data/\xC0\xAF.txt", "x"}}), "pkg.unsafe_name"},
      {modified(source, "utf8-cut.zip", {{"data/application.json", application_with(long_name)}}), "pkg.field_wrong_type"},
  };
  for (const auto& [path, key] : cases) {
    SCOPED_TRACE(path.string());
    const auto report = verify_safely(path);
    EXPECT_TRUE(has_finding(report, key));
    try {
      const auto text = qaward::to_json(report, zh, en).dump();
      EXPECT_FALSE(text.empty());
    } catch (const std::exception& e) {
      ADD_FAILURE() << "the report cannot be written: " << e.what();
    }
  }
}

// [SECTION] The payload hashed on several threads (issue 13): the report
// does not depend on how many.

// The CRC-32 of one entry set to `crc` in its local header and in the
// central directory, its content left as it is.
std::string with_crc(std::string zip, const std::string& entry, std::uint32_t crc) {
  auto u16 = [&](std::size_t o) { return static_cast<std::size_t>(static_cast<unsigned char>(zip[o]) | static_cast<unsigned char>(zip[o + 1]) << 8); };
  auto put = [&](std::size_t o) {
    for (std::size_t i = 0; i < 4; ++i) zip[o + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
  };
  int patched = 0;
  const auto locals = local_entries(zip);
  for (const auto& r : locals) {
    if (zip.compare(r.name, r.name_size, entry) == 0) put(r.name - 30 + 14), ++patched;
  }
  // The central directory follows the last entry's data.
  const std::size_t central = locals.empty() ? 0 : locals.back().data + locals.back().data_size;
  for (std::size_t at = zip.find("PK\x01\x02", central); at != std::string::npos; at = zip.find("PK\x01\x02", at + 4)) {
    if (zip.compare(at + 46, u16(at + 28), entry) == 0) put(at + 16), ++patched;
  }
  EXPECT_EQ(patched, 2) << entry;
  return zip;
}

// unzip -t rejects an entry whose recorded CRC-32 does not match its bytes,
// even when they are the signed bytes: verify must say so too, on one
// thread and on two.
TEST(PackageTampering, ACrcAlteredInBothHeadersWithTheContentIntactIsRejected) {
  const auto source = make_example("crc-source.zip");
  const auto original = read_file(source);
  EXPECT_TRUE(qaward::verify_package(source.string(), context()).valid);
  const std::string root = "QA-91330100716105852F-20260316T100000/";
  const std::string entry = "data/附件/营业执照副本.txt";
  const auto target = temp_dir() / "crc-altered.zip";
  write_file(target, with_crc(original, root + entry, 0x12345678));
  for (const std::size_t threads : {1u, 2u}) {
    auto ctx = context();
    ctx.threads = threads;
    const auto report = qaward::verify_package(target.string(), ctx);
    EXPECT_FALSE(report.valid) << threads;
    const auto* found = finding(report, "pkg.crc_mismatch");
    ASSERT_NE(found, nullptr) << threads;
    EXPECT_EQ(found->where, entry);
    EXPECT_EQ(found->severity, qaward::Severity::error);
    EXPECT_EQ(param(found, "recorded"), "12345678");
    EXPECT_FALSE(has_finding(report, "pkg.hash_mismatch")) << "the content is intact";
  }
}

TEST(PackageThreads, ManyEntriesGiveTheSameReportOnOneThreadAndOnTwo) {
  auto draft = example_draft();
  const std::size_t examples = draft.attachments.size();
  std::vector<fs::path> files;
  for (std::size_t i = 0; i < 40; ++i) {
    // Empty, one byte, one entry over two read windows (2 x 8 MiB), the rest small.
    const std::size_t size = i == 0 ? 0 : i == 1 ? 1 : i == 2 ? (17u << 20) + 5 : 997 * i;
    std::string content(size, '\0');
    for (std::size_t j = 0; j < size; ++j) content[j] = static_cast<char>((j * 131 + i) & 0xFF);
    files.push_back(temp_dir() / "many" / ("补充" + std::to_string(i) + ".bin"));
    write_file(files.back(), content);
    draft.attachments.push_back({"附件/补充" + std::to_string(i) + ".bin", "补充材料", "other", false, {}});
  }
  auto request = request_for(draft);
  for (std::size_t i = 0; i < files.size(); ++i) request.files[examples + i] = files[i].string();
  const auto plan = qaward::plan_package(request);
  ASSERT_TRUE(plan.refusals.empty());
  const auto path = temp_dir() / "many.zip";
  ASSERT_TRUE(qaward::write_package(request, plan, path.string()).ok());

  const auto zh = qaward::Catalog::parse(qaward::test::read_asset("i18n/zh-CN.json"), "zh").value();
  const auto en = qaward::Catalog::parse(qaward::test::read_asset("i18n/en.json"), "en").value();
  auto report = [&](const fs::path& p, std::size_t threads) {
    auto ctx = context();
    ctx.threads = threads;
    return qaward::to_json(qaward::verify_package(p.string(), ctx), zh, en);
  };
  const auto intact = report(path, 1);
  EXPECT_TRUE(intact["valid"].get<bool>());
  EXPECT_EQ(intact["payload"]["files"], 45);
  EXPECT_EQ(report(path, 2).dump(), intact.dump());

  // One byte flipped in the large entry and one in a small one: each is one
  // finding, in the same place whatever the threads.
  std::string bytes = read_file(path);
  std::vector<std::string> flipped;
  for (const auto& r : local_entries(bytes)) {
    const auto name = bytes.substr(r.name, r.name_size);
    for (const std::string leaf : {"补充2.bin", "补充30.bin"}) {
      if (name.size() > leaf.size() && name.ends_with("/" + leaf)) {
        bytes[r.data + r.data_size / 2] = static_cast<char>(bytes[r.data + r.data_size / 2] ^ 0x10);
        flipped.push_back("data/附件/" + leaf);
      }
    }
  }
  ASSERT_EQ(flipped.size(), 2u);
  const auto corrupt = temp_dir() / "many-corrupt.zip";
  write_file(corrupt, bytes);
  const auto one = report(corrupt, 1);
  EXPECT_FALSE(one["valid"].get<bool>());
  EXPECT_EQ(report(corrupt, 2).dump(), one.dump());
  for (const auto& entry : flipped) {
    const auto& findings = one["findings"];
    EXPECT_EQ(std::count_if(findings.begin(), findings.end(), [&](const nlohmann::json& f) { return f["where"] == entry; }), 1)
        << entry;
  }
}

// The packager reads each attachment in blocks, the next one read and hashed
// ahead while libzip copies the current one: a file that changed size since
// the plan is still caught, whichever block the change falls in.
TEST(PackageThreads, AnAttachmentThatGrewOrShrankSinceThePlanIsRefused) {
  auto draft = example_draft();
  auto request = request_for(draft);
  const auto big = temp_dir() / "read-ahead" / "big.bin";
  const std::string content((17u << 20) + 5, 'q');  // more than two blocks
  request.files[1] = big.string();
  for (const std::string& now : {content + "x", content.substr(0, content.size() - 1), content.substr(0, 100)}) {
    write_file(big, content);
    const auto plan = qaward::plan_package(request);
    ASSERT_TRUE(plan.refusals.empty());
    write_file(big, now);
    MemorySink sink;
    const auto result = qaward::write_package(request, plan, sink);
    ASSERT_FALSE(result.ok()) << now.size();
    EXPECT_EQ(result.diagnostics().at(0).key, "pkg.file_changed");
    EXPECT_EQ(result.diagnostics().at(0).where, "/attachments/1/path");
  }
  write_file(big, content);  // unchanged: written, and its hash is the file's
  MemorySink sink;
  ASSERT_TRUE(qaward::write_package(request, qaward::plan_package(request), sink).ok());
  EXPECT_NE(sink.bytes.find(qaward::to_hex(qaward::Sha256::of(content)) + "  data/附件/"), std::string::npos);
}
