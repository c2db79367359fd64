#pragma once
// The district's bundle for the municipal office (Article 11 (三)): once the
// district (or industry authority) has published the organizations it means
// to recommend for at least 5 working days and handled the objections
// (Articles 12-13), it sends its recommendation with the materials to the
// office (办公室). One ZIP, every entry stored:
//
//   index.json             format "qaward-bundle/1": the unit, when, the
//                          district's publicity record and period, and per
//                          package its entry, id, organization, credit code,
//                          SHA-256, size, the decision and the countersignature's date
//   index.json.minisig     the index signed with the district's key (minisign's
//                          format: `minisign -Vm index.json -p district.pub` checks it)
//   district.pub           that key's public half (minisign format)
//   packages/<id>.zip      each recommended, countersigned package as it is
//
// The office verifies the chain (Article 11 (四)): the applicant's signature,
// the district's countersignature made with the key that signed the bundle,
// the bundle's signature by a district key the office pinned, the district's
// publicity over before the countersignatures.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaward/diagnostic.hpp"
#include "qaward/district.hpp"
#include "qaward/package.hpp"
#include "qaward/publicity.hpp"
#include "qaward/signing.hpp"

namespace qaward {

inline constexpr std::string_view kBundleFormat = "qaward-bundle/1";

struct BundleRequest {
  std::vector<std::string> packages;  // paths of the recommended, countersigned packages
  std::string unit;                   // the district unit, e.g. 天山区市场监督管理局
  PublicityRecord publicity;          // the district's recommendation publicity (Article 11 (三))
  const KeyPair* key = nullptr;       // the district's key: the one that countersigned
  DateTime now;
  // The district's workspace, when it kept one (district.hpp): then each
  // package must be a case it decided to recommend, and the index carries
  // the case's opinion and list checks (by whom, when) for the office.
  const DistrictWorkspace* workspace = nullptr;
};

// Checks everything first and writes nothing when a package does not verify,
// was not countersigned with `key` or was countersigned before the district's
// publicity ended, a package is given twice, or the publicity has not ended
// by `now` or has an objection still open, or (with a workspace) a package
// was not decided "recommend" there (each named, with the file). The
// calendar and the rule edition (its publicity length) come from `context`.
// Writes the bundle to `out` (replacing it) and gives the index as written.
[[nodiscard]] Result<nlohmann::json> write_bundle(const BundleRequest& request, PackageSink& out,
                                                  const VerifyContext& context);
[[nodiscard]] Result<nlohmann::json> write_bundle(const BundleRequest& request, const std::string& out_path,
                                                  const VerifyContext& context);

// [SECTION] Reading a bundle (untrusted input)

// A package the index lists (one in the ZIP that it does not list is a finding).
struct BundledPackage {
  std::string entry;        // packages/<id>.zip
  std::string package_id;   // as the index lists it
  bool present = false;     // in the ZIP
  bool sha256_matches = false;
  VerifyReport report;      // the package itself, verified inside the bundle
};

struct BundleReport {
  bool readable = false;  // false: not a ZIP, or not a bundle at all
  bool valid = false;     // every check passed
  std::string unit;
  std::string created;
  SignatureReport signature;   // the index's, by district.pub
  bool key_pinned = false;     // district.pub is a key the office pinned
  std::string publicity_state; // complete | not_complete | missing
  std::string publicity_end;   // ISO 8601, Beijing time
  std::vector<BundledPackage> packages;
  std::vector<Diagnostic> findings;  // keys "bundle.*" (and the packages' own, in their reports)
};

// The two long parts of reading a bundle, which touch every byte: each
// stored package entry's SHA-256 (what the index is checked against) and
// each package verified in place. verify_bundle does both itself, unless
// they were done elsewhere: the browser has one worker do each at the same
// time, then hands both in (BundleVerifyContext::done).
struct BundleEntryWork {
  std::map<std::string, std::string> sha256;    // entry name -> hex ("" when unreadable)
  std::map<std::string, VerifyReport> reports;  // entry name -> the package's own report
};
// Either part alone, for the stored package entries of the bundle at `path`
// (empty when it cannot be opened: verify_bundle then says why).
[[nodiscard]] std::map<std::string, std::string> bundle_entry_digests(const std::string& path);
[[nodiscard]] std::map<std::string, VerifyReport> verify_bundled_packages(const std::string& path, const VerifyContext& context);

struct BundleVerifyContext {
  VerifyContext packages;  // how each package is verified (calendar, editions, limits)
  // The district keys the office pinned: the bundle's key must be one of
  // them (none given: any, said as a warning).
  std::vector<PublicKey> district_keys;
  // The long parts done elsewhere, by bundle path; a bundle not in it (or
  // nullptr) has them done here.
  const std::map<std::string, BundleEntryWork>* done = nullptr;
};

// Whether the ZIP at `path` is a bundle (it holds index.json at its root),
// so that `qaward verify` can tell a bundle from a package.
[[nodiscard]] bool looks_like_bundle(const std::string& path);

[[nodiscard]] BundleReport verify_bundle(const std::string& path, const BundleVerifyContext& context);
[[nodiscard]] nlohmann::json to_json(const BundleReport& report, const Catalog& zh, const Catalog& en);

// [SECTION] The office's intake (Article 11 (四)): the bundles of every
// district verified, and across them: a package sent in two bundles is
// accepted from neither (an error), an organization recommended in two
// bundles is said (a warning). What passes forms the acceptance list
// (受理名单) the office publishes for at least 5 working days.

struct IntakeEntry {
  std::string bundle;      // the file, as named
  std::string unit;        // the recommending district
  std::string package_id;
  std::string organization;
  std::string uscc;
  bool accepted = false;   // its bundle and itself valid, and sent once
};

struct IntakeReport {
  std::vector<std::pair<std::string, BundleReport>> bundles;  // file, report
  std::vector<IntakeEntry> entries;                            // every listed package, bundle by bundle
  std::vector<Diagnostic> findings;                            // across the bundles ("intake.*")
  [[nodiscard]] std::size_t accepted() const;
};

[[nodiscard]] IntakeReport intake_bundles(const std::vector<std::string>& paths, const BundleVerifyContext& context);

}  // namespace qaward
