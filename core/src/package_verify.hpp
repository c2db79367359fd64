#pragma once
// The verifier's shared pieces, internal to the core.
//
// verify_package (package_read.cpp) runs in stages, each a function named
// for what it checks, in this order:
//   1. check_container        container safety, before anything is read
//   2. check_bag              BagIt completeness and hashes (RFC 8493)
//   3. check_signature        the applicant's signature over the tag manifest
//   4. recheck_application    the business re-checks (below)
//   5. check_countersignature a district office's recommendation (below)
// Every stage reports codes (qaward/verify_problem.hpp) through Findings; the
// code's row in kVerifyMessages gives the message key and the severity.
//
// The two stages below read the package's own JSON documents; they are
// declared apart from the archive (defined in package_verify.cpp) so that a
// fuzzer (tests/fuzz/fuzz_application.cpp) reaches them without having to
// forge hashes and signatures first. Neither throws: every problem is a
// finding in `report`.
#include <string>
#include <string_view>
#include <vector>

#include <zip.h>

#include "qaward/package.hpp"
#include "qaward/verify_problem.hpp"

namespace qaward::detail {

// verify_package for a package inside another ZIP (a district's bundle,
// bundle.cpp): read through libzip's source of that entry, which seeks when
// the entry is stored. Takes `source` over (freed on every path).
[[nodiscard]] VerifyReport verify_package_source(zip_source_t* source, const VerifyContext& context);

// Bytes [at, at + n) of the stored entry `index`, through a window of
// libzip's. A window short of the whole entry is not CRC-checked by libzip:
// the callers hash what they read themselves.
[[nodiscard]] bool read_window(zip_t* za, zip_uint64_t index, std::uint64_t at, std::uint64_t n, char* out);

// Where the stages put what they find: report.findings, as diagnostics whose
// key and severity come from the code's row in kVerifyMessages.
class Findings {
 public:
  explicit Findings(VerifyReport& report) : report_(report) {}

  void add(VerifyProblem code, std::string where = {}, Params params = {});
  [[nodiscard]] bool has_errors() const;

  // A failed signature check, as verify_minisign's first diagnostic says.
  void signature_failed(const std::vector<Diagnostic>& diagnostics, std::string where);

  // The errors of a JSON reader over `entry`, each naming the entry and the
  // JSON path (its warnings, such as unknown members, concern the writer,
  // not the reviewer).
  void json_errors(const std::vector<Diagnostic>& diagnostics, const std::string& entry);

 private:
  VerifyReport& report_;
};

// data/application.json, as read from the package: the eligibility run again
// with the recorded edition, the identity against bag-info.txt
// (report.uscc), the publicity period and its objections against the
// packaging time, the trade-secret attachments, the assessment total.
void recheck_application(std::string_view application_json, const VerifyContext& context, VerifyReport& report);

// A district office's countersignature: recommendation.json, its signature
// and office.pub; bound to report.tagmanifest_sha256, made with
// context.expected_office_key when one is pinned. Appends to
// report.countersignatures.
void check_countersignature(std::string_view recommendation_json, std::string_view signature,
                            std::string_view office_key, const VerifyContext& context, VerifyReport& report);

}  // namespace qaward::detail
