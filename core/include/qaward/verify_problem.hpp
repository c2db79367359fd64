#pragma once
// What verify_package can find wrong with a package, as codes. The verifier's
// stages (core/src/package_read.cpp, package_verify.cpp) report codes, never
// message keys; the one table below turns a code into its message key in
// assets/i18n/ and its severity (an error makes the package invalid, a
// warning is for the reviewer to weigh). A test walks the table and checks
// every key against both catalogs (tests/core/verify_problem_test.cpp).
#include <array>
#include <cstddef>
#include <string_view>

#include "qaward/diagnostic.hpp"

namespace qaward {

// One enum for every stage rather than one per stage: several problems arise
// in more than one stage (a missing or damaged entry, a hash that does not
// match, a malformed JSON document) and must read the same wherever they
// arise; one enum gives each one code and one message. The codes are grouped
// by the stage that reports them first.
enum class VerifyProblem : unsigned char {
  // Container safety, before anything is read: the ZIP opens, names cannot
  // escape a folder or collide, no links, no encryption, sizes and ratios in
  // the limits (README, "Limits"), one top-level folder.
  not_a_zip,
  entry_count,
  entry_unreadable,
  unsafe_name,
  name_not_nfc,
  duplicate_entry,
  case_collision,
  symlink,
  encrypted,
  entry_too_large,
  compression_ratio,
  not_one_folder,
  too_large,
  unportable_name,
  // Reading one entry (any stage).
  entry_corrupt,
  crc_mismatch,
  tag_file_too_large,
  // BagIt completeness and hashes (RFC 8493): the tag files, every payload
  // file listed and present, each SHA-256, the Payload-Oxum.
  missing_file,
  bad_bagit_txt,
  tag_not_utf8,
  id_mismatch,
  bad_manifest,
  unlisted_file,
  listed_file_missing,
  hash_mismatch,
  oxum_mismatch,
  // The applicant's signature (Article 11(3)): the tag manifest covers the
  // tag files, signer.pub, the minisign signature and its trusted comment.
  tag_not_covered,
  bad_signer_key,
  signer_not_expected,
  comment_mismatch,
  signature_malformed,
  signature_key_id_mismatch,
  signature_bad,
  signature_bad_trusted_comment,
  // A district office's countersignature (Article 11(3): 审核推荐意见).
  bad_recommendation,
  office_key_not_pinned,
  recommendation_unbound,
  // Business re-checks of data/application.json: its form, eligibility run
  // again (Article 9), identity, publicity (Article 11(2)), objections
  // (Article 13).
  bad_application,
  field_wrong_type,
  field_missing,
  field_bad_value,
  entry_bad_json,
  entry_too_deep,
  unknown_edition,
  eligibility_not_rerun,
  eligibility_differs,
  not_eligible_inside,
  identity_differs,
  publicity_not_complete,
  publicity_missing,
  objection_forwarded_before_received,
  objection_resolved_before_received,
  objection_unresolved,
  count  // not a problem: the number of codes
};

struct VerifyMessage {
  VerifyProblem code;
  std::string_view key;  // in assets/i18n/*.json
  Severity severity;
};

// The table, in the enum's order (checked below).
inline constexpr std::array kVerifyMessages = {
    VerifyMessage{VerifyProblem::not_a_zip, "pkg.not_a_zip", Severity::error},
    VerifyMessage{VerifyProblem::entry_count, "pkg.entry_count", Severity::error},
    VerifyMessage{VerifyProblem::entry_unreadable, "pkg.entry_unreadable", Severity::error},
    VerifyMessage{VerifyProblem::unsafe_name, "pkg.unsafe_name", Severity::error},
    VerifyMessage{VerifyProblem::name_not_nfc, "pkg.name_not_nfc", Severity::error},
    VerifyMessage{VerifyProblem::duplicate_entry, "pkg.duplicate_entry", Severity::error},
    VerifyMessage{VerifyProblem::case_collision, "pkg.case_collision", Severity::error},
    VerifyMessage{VerifyProblem::symlink, "pkg.symlink", Severity::error},
    VerifyMessage{VerifyProblem::encrypted, "pkg.encrypted", Severity::error},
    VerifyMessage{VerifyProblem::entry_too_large, "pkg.entry_too_large", Severity::error},
    VerifyMessage{VerifyProblem::compression_ratio, "pkg.compression_ratio", Severity::error},
    VerifyMessage{VerifyProblem::not_one_folder, "pkg.not_one_folder", Severity::error},
    VerifyMessage{VerifyProblem::too_large, "pkg.too_large", Severity::error},
    // Made by another tool, a name may not unpack everywhere: said, not refused.
    VerifyMessage{VerifyProblem::unportable_name, "pkg.unportable_name", Severity::warning},
    VerifyMessage{VerifyProblem::entry_corrupt, "pkg.entry_corrupt", Severity::error},
    VerifyMessage{VerifyProblem::crc_mismatch, "pkg.crc_mismatch", Severity::error},
    VerifyMessage{VerifyProblem::tag_file_too_large, "pkg.tag_file_too_large", Severity::error},
    VerifyMessage{VerifyProblem::missing_file, "pkg.missing_file", Severity::error},
    VerifyMessage{VerifyProblem::bad_bagit_txt, "pkg.bad_bagit_txt", Severity::error},
    VerifyMessage{VerifyProblem::tag_not_utf8, "pkg.tag_not_utf8", Severity::error},
    VerifyMessage{VerifyProblem::id_mismatch, "pkg.id_mismatch", Severity::error},
    VerifyMessage{VerifyProblem::bad_manifest, "pkg.bad_manifest", Severity::error},
    VerifyMessage{VerifyProblem::unlisted_file, "pkg.unlisted_file", Severity::error},
    VerifyMessage{VerifyProblem::listed_file_missing, "pkg.listed_file_missing", Severity::error},
    VerifyMessage{VerifyProblem::hash_mismatch, "pkg.hash_mismatch", Severity::error},
    VerifyMessage{VerifyProblem::oxum_mismatch, "pkg.oxum_mismatch", Severity::error},
    VerifyMessage{VerifyProblem::tag_not_covered, "pkg.tag_not_covered", Severity::error},
    VerifyMessage{VerifyProblem::bad_signer_key, "pkg.bad_signer_key", Severity::error},
    VerifyMessage{VerifyProblem::signer_not_expected, "pkg.signer_not_expected", Severity::error},
    VerifyMessage{VerifyProblem::comment_mismatch, "pkg.comment_mismatch", Severity::error},
    // The signing module's own messages (verify_minisign), shared with `qaward verify-signature`.
    VerifyMessage{VerifyProblem::signature_malformed, "sig.malformed", Severity::error},
    VerifyMessage{VerifyProblem::signature_key_id_mismatch, "sig.key_id_mismatch", Severity::error},
    VerifyMessage{VerifyProblem::signature_bad, "sig.bad_signature", Severity::error},
    VerifyMessage{VerifyProblem::signature_bad_trusted_comment, "sig.bad_trusted_comment", Severity::error},
    VerifyMessage{VerifyProblem::bad_recommendation, "pkg.bad_recommendation", Severity::error},
    VerifyMessage{VerifyProblem::office_key_not_pinned, "pkg.office_key_not_pinned", Severity::error},
    VerifyMessage{VerifyProblem::recommendation_unbound, "pkg.recommendation_unbound", Severity::error},
    VerifyMessage{VerifyProblem::bad_application, "pkg.bad_application", Severity::error},
    VerifyMessage{VerifyProblem::field_wrong_type, "pkg.field_wrong_type", Severity::error},
    VerifyMessage{VerifyProblem::field_missing, "pkg.field_missing", Severity::error},
    VerifyMessage{VerifyProblem::field_bad_value, "pkg.field_bad_value", Severity::error},
    VerifyMessage{VerifyProblem::entry_bad_json, "pkg.entry_bad_json", Severity::error},
    VerifyMessage{VerifyProblem::entry_too_deep, "pkg.entry_too_deep", Severity::error},
    // An edition this program does not know: the re-check is left out, said.
    VerifyMessage{VerifyProblem::unknown_edition, "pkg.unknown_edition", Severity::warning},
    VerifyMessage{VerifyProblem::eligibility_not_rerun, "pkg.eligibility_not_rerun", Severity::error},
    VerifyMessage{VerifyProblem::eligibility_differs, "pkg.eligibility_differs", Severity::error},
    // Packaged with --force: recorded in the package, for the reviewer.
    VerifyMessage{VerifyProblem::not_eligible_inside, "pkg.not_eligible_inside", Severity::warning},
    VerifyMessage{VerifyProblem::identity_differs, "pkg.identity_differs", Severity::error},
    // Article 11(2) asks for submission after the publicity; the office decides.
    VerifyMessage{VerifyProblem::publicity_not_complete, "pkg.publicity_not_complete", Severity::warning},
    VerifyMessage{VerifyProblem::publicity_missing, "pkg.publicity_missing", Severity::warning},
    // Article 13: an objection under review does not stop the application.
    VerifyMessage{VerifyProblem::objection_forwarded_before_received, "pkg.objection_forwarded_before_received", Severity::warning},
    VerifyMessage{VerifyProblem::objection_resolved_before_received, "pkg.objection_resolved_before_received", Severity::warning},
    VerifyMessage{VerifyProblem::objection_unresolved, "pkg.objection_unresolved", Severity::warning},
};

namespace detail {
[[nodiscard]] constexpr bool verify_messages_in_order() {
  for (std::size_t i = 0; i < kVerifyMessages.size(); ++i) {
    if (static_cast<std::size_t>(kVerifyMessages[i].code) != i || kVerifyMessages[i].key.empty()) return false;
  }
  return true;
}
}  // namespace detail

static_assert(kVerifyMessages.size() == static_cast<std::size_t>(VerifyProblem::count),
              "every VerifyProblem needs a row in kVerifyMessages");
static_assert(detail::verify_messages_in_order(), "kVerifyMessages lists the codes in the enum's order");

// The message key and severity of `code`.
[[nodiscard]] constexpr const VerifyMessage& verify_message(VerifyProblem code) {
  return kVerifyMessages[static_cast<std::size_t>(code)];
}

}  // namespace qaward
