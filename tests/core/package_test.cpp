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

#include "qaward/hash.hpp"
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
  static const fs::path dir = [] {
    fs::path d = fs::path(QAWARD_TEST_TMP_DIR) / ("package_test-" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

struct World {
  qaward::Calendar calendar;
  qaward::RuleSet rules;
  qaward::Criteria criteria;
  qaward::KeyPair key = qaward::keypair_from_seed({1, 2, 3}, {0x51, 0x41, 0x57, 0x41, 0x52, 0x44, 0x00, 0x01});
  qaward::KeyPair office = qaward::keypair_from_seed({9, 9, 9}, {0x0F, 0xF1, 0xCE, 0, 0, 0, 0, 2});
};

const World& world() {
  static const World w = [] {
    World x;
    x.calendar = qaward::Calendar::parse(qaward::test::read_asset("calendar/national.json"),
                                         qaward::test::read_asset("calendar/xinjiang.json")).value();
    x.rules = qaward::load_edition("urumqi-2025-11-18", qaward::test::asset_editions()).value();
    x.criteria = qaward::parse_criteria(qaward::test::read_asset("criteria/gbt19580-2012.json")).value();
    return x;
  }();
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
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const qaward::Finding& f) { return f.key == key; });
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
