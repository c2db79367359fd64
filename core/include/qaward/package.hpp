#pragma once
// The submission package (Article 11(2)-(3)): a ZIP holding one folder that
// is a BagIt 1.0 bag (RFC 8493), signed in minisign's format.
//
//   <package-id>/bagit.txt
//   <package-id>/bag-info.txt                 organization, credit code, date, Payload-Oxum, id
//   <package-id>/data/application.json        profile, eligibility, assessment, publicity, attachments
//   <package-id>/data/申报书.html              the same for people (when the caller renders it)
//   <package-id>/data/附件/<file>              the attachments
//   <package-id>/manifest-sha256.txt
//   <package-id>/signer.pub                    the applicant's public key (minisign format)
//   <package-id>/tagmanifest-sha256.txt
//   <package-id>/tagmanifest-sha256.txt.minisig
// A district office's countersignature adds recommendation.json, its
// .minisig and office.pub beside them (outside the tag manifest, so the
// applicant's signature stays valid).
//
// Packages can be larger than memory, so the writer and the reader stream
// from and to files by path (stdio; in the browser, files that Emscripten's
// file systems mount). The rest of the core does no I/O.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaward/assessment.hpp"
#include "qaward/calendar.hpp"
#include "qaward/datetime.hpp"
#include "qaward/diagnostic.hpp"
#include "qaward/draft.hpp"
#include "qaward/eligibility.hpp"
#include "qaward/hash.hpp"
#include "qaward/profile.hpp"
#include "qaward/publicity.hpp"
#include "qaward/rules.hpp"
#include "qaward/signing.hpp"
#include "qaward/text.hpp"
#include "qaward/verify_problem.hpp"

namespace qaward {

// [SECTION] Attachments as they arrive (AttachedFile: qaward/draft.hpp)

// Reads the file once: size, SHA-256, CRC-32 and, for plain-text files named
// `name`, the state-secret mark scan. nullopt when it cannot be read.
[[nodiscard]] std::optional<AttachedFile> inspect_file(const std::string& path, std::string_view name,
                                                       const std::function<void(std::uint64_t done)>& progress = {});

// [SECTION] Where a package goes, when not to a file path

// A seekable byte store the writer fills in place of a file: the browser's
// origin-private file system (app/worker), memory in the tests.
class PackageSink {
 public:
  virtual ~PackageSink() = default;
  [[nodiscard]] virtual bool write_at(std::uint64_t offset, const void* data, std::size_t size) = 0;
  [[nodiscard]] virtual bool truncate(std::uint64_t size) = 0;  // also flushes
  // Bytes read at `offset` (0 at the end), for the package's SHA-256.
  [[nodiscard]] virtual std::size_t read_at(std::uint64_t offset, void* data, std::size_t size) = 0;
  // The bytes before `upto` are written and will not change any more (an
  // entry is complete: libzip has gone back to fill in its header and
  // returned). Another reader may hash them while the writer goes on.
  virtual void settled(std::uint64_t upto) { (void)upto; }
  // For messages: what the sink is, and why its last write failed ("" when
  // it does not know; libzip's own reason is given then).
  [[nodiscard]] virtual std::string name() const { return "(browser storage)"; }
  [[nodiscard]] virtual std::string failure() const { return {}; }
};

// The SHA-256 of what a sink holds, taken in order as its bytes settle.
class SinkDigest {
 public:
  // Hashes the sink's bytes from where it stopped up to `upto`.
  [[nodiscard]] bool advance(PackageSink& sink, std::uint64_t upto, const std::function<void(std::uint64_t done)>& progress = {});
  // The digest (hex) of everything hashed; the object starts afresh.
  [[nodiscard]] std::string finish();
  [[nodiscard]] std::uint64_t hashed() const { return offset_; }

 private:
  Sha256 hash_;
  std::uint64_t offset_ = 0;
  std::vector<char> buffer_;  // allocated once, on the first read
};

// The SHA-256 (hex) of what a sink holds, read in large chunks.
[[nodiscard]] std::string sink_sha256(PackageSink& sink, const std::function<void(std::uint64_t done)>& progress = {});

// [SECTION] Limits

// What a package may hold. The writer refuses, before writing anything, what
// the reader would refuse: plan_package and verify_package take the same
// struct (README, "Limits").
struct PackageLimits {
  std::uint64_t max_entries = 10000;            // ZIP entries, every tag file included
  std::uint64_t max_entry_bytes = 8ull << 30;   // one entry (an attachment), unpacked
  std::uint64_t max_total_bytes = 16ull << 30;  // all entries, unpacked
  std::uint64_t max_ratio = 200;                // uncompressed / compressed, for entries over 1 MiB
  std::uint64_t max_tag_file_bytes = 4u << 20;  // bag-info.txt, manifests, keys, signatures, recommendation.json
  std::uint64_t max_application_bytes = 16u << 20;  // data/application.json (it carries the assessment's texts)
  std::uint64_t max_name_bytes = 240;           // an attachment's file name, UTF-8 (filesystems allow 255)
};

// [SECTION] Writing

struct PackagePlan;

struct PackageRequest {
  const Draft* draft = nullptr;
  std::vector<std::string> files;  // the attachments' files, resolved, in the draft's order
  const RuleSet* rules = nullptr;
  const Calendar* calendar = nullptr;
  const Criteria* criteria = nullptr;
  const KeyPair* key = nullptr;
  DateTime now;
  bool force = false;  // package although not eligible; recorded in the package
  std::string product_version;
  // Called now and then while attachments are copied: bytes done of all.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
  // Empty, or one per attachment: facts gathered when it was attached. The
  // planner then reads no file, and the writer checks each file's size and
  // CRC-32 against them instead of hashing it a second time.
  std::vector<AttachedFile> attached;
  PackageLimits limits;
  // Renders data/申报书.html, the application as an official reads it, from
  // the plan (app/common/application_document.hpp: the core holds no
  // templates). It is payload, so the signature covers it. Unset: no such file.
  std::function<std::string(const PackageRequest&, const PackagePlan&)> readable;
};

struct PackagePlan {
  std::string package_id;
  EligibilityResult eligibility;
  std::vector<std::string> entry_names;   // data/附件/<name> per attachment (NFC)
  std::vector<std::uint64_t> sizes;
  std::string application;  // data/application.json as it will be written (its size checked)
  std::string readable;     // data/申报书.html as it will be written; empty: none
  std::vector<Diagnostic> refusals;  // each blocks packaging
  std::vector<Diagnostic> warnings;
};

// Checks everything that blocks packaging, before any byte is written:
// eligibility (Article 9; --force overrides, recorded), state-secret marks in
// names or text content (Article 11(2)), missing required materials, names
// that collide (also case-insensitively) or cannot be carried on Windows and
// macOS, control characters in names, titles and the identity, the limits,
// unreadable files. Warns of a publicity period not over by `now` and of
// objections still open or dated out of order (Articles 11(2), 13).
[[nodiscard]] PackagePlan plan_package(const PackageRequest& request);

struct PackageResult {
  std::string package_id;
  std::uint64_t payload_bytes = 0;
  std::size_t payload_files = 0;
  std::string tagmanifest_sha256;
};

// Writes the package to `out_path` (replacing it). Same inputs and `now`
// give a byte-identical file.
[[nodiscard]] Result<PackageResult> write_package(const PackageRequest& request, const PackagePlan& plan,
                                                  const std::string& out_path);
[[nodiscard]] Result<PackageResult> write_package(const PackageRequest& request, const PackagePlan& plan,
                                                  PackageSink& out);

// [SECTION] Reading and verifying (untrusted input)

struct SignatureReport {
  bool present = false;
  bool valid = false;
  std::string key_id;       // as minisign prints it
  std::string fingerprint;  // to compare with the sealed cover sheet
  std::string trusted_comment;
};

struct Countersignature {
  SignatureReport signature;
  std::string unit;
  std::string opinion;
  std::string date;
  bool binds_applicant = false;  // names the applicant's tag manifest hash
  bool key_pinned = false;       // made with the office key the reviewer pinned (VerifyContext::expected_office_key)
};

struct VerifyReport {
  bool readable = false;  // false: not a ZIP at all, or unsafe to open further
  bool valid = false;     // every check passed
  std::string package_id;
  std::string organization;
  std::string uscc;
  std::string bagging_date;
  std::uint64_t payload_bytes = 0;
  std::size_t payload_files = 0;
  std::size_t entries = 0;
  SignatureReport signature;
  std::vector<Countersignature> countersignatures;
  std::string recorded_eligibility;  // as the package says
  // The same core and edition, run again: an outcome's name (elig.outcome.*),
  // or empty when it was not run (unknown edition, unreadable application,
  // or the run failed: a finding says why).
  std::string rerun_eligibility;
  std::string edition;
  std::string publicity_state;  // complete | not_complete | missing
  std::string publicity_end;
  bool forced = false;
  std::vector<std::string> trade_secret_files;
  std::optional<double> assessment_total;
  std::string tagmanifest_sha256;
  // What the checks found; verify_package gives each the key and severity
  // of its code's row in kVerifyMessages (qaward/verify_problem.hpp), and
  // `where`: the entry inside the package, or empty. Errors make the
  // package invalid.
  std::vector<Diagnostic> findings;
};

struct VerifyContext {
  const Calendar* calendar = nullptr;
  EditionSource editions;
  const PublicKey* expected_key = nullptr;  // --pubkey: the applicant's key must be this one
  const PublicKey* expected_office_key = nullptr;  // the district office's key a countersignature must be made with
  PackageLimits limits;
  // Threads hashing the payload: 0 is one per core (at most 4). The report
  // is the same whatever the number; WebAssembly always uses one.
  std::size_t threads = 0;
};

[[nodiscard]] VerifyReport verify_package(const std::string& path, const VerifyContext& context);

[[nodiscard]] nlohmann::json to_json(const VerifyReport& report, const Catalog& zh, const Catalog& en);
// A report's findings as to_json writes them: severity, key, where, params
// and the message in both languages (a district bundle's report too).
[[nodiscard]] nlohmann::json findings_json(const std::vector<Diagnostic>& findings, const Catalog& zh, const Catalog& en);
// The report back from to_json's output (the browser's worker sends it to the
// page this way). Missing members stay at their defaults.
[[nodiscard]] VerifyReport verify_report_from_json(const nlohmann::json& json);

// [SECTION] Countersigning (the district office's recommendation)

struct CountersignRequest {
  std::string unit;     // e.g. 天山区市场监督管理局
  std::string opinion;  // 审核推荐意见
  const KeyPair* key = nullptr;
  DateTime now;
};

// Copies the package at `in_path` to `out_path` adding the signed
// recommendation. Refuses a package that does not verify.
[[nodiscard]] Result<std::string> countersign_package(const std::string& in_path, const std::string& out_path,
                                                      const CountersignRequest& request, const VerifyContext& context);
[[nodiscard]] Result<std::string> countersign_package(const std::string& in_path, PackageSink& out,
                                                      const CountersignRequest& request, const VerifyContext& context);

// True when `text` carries a state-secret classification mark (绝密, 机密 or
// 秘密 followed by ★): such material may not be submitted (Article 11(2)).
[[nodiscard]] bool has_state_secret_mark(std::string_view text);

// Whether a file's content is searched for such marks: plain-text formats
// (.txt .csv .md .json .html .htm .xml .tsv), whose bytes are their text.
[[nodiscard]] bool content_is_checked_for_marks(std::string_view file_name);

// The SHA-256 (hex) of a file, streamed; empty when it cannot be read. For
// the cover sheet and the reviewers' `certutil -hashfile` / `sha256sum`.
[[nodiscard]] std::string file_sha256(const std::string& path);

}  // namespace qaward
