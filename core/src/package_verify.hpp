#pragma once
// The checks of verify_package that read the package's own JSON documents,
// declared apart from the archive so that a fuzzer
// (tests/fuzz/fuzz_application.cpp) reaches them without having to forge
// hashes and signatures first. Internal to the core. Neither throws: every
// problem is a finding in `report`.
#include <string_view>

#include "qaward/package.hpp"

namespace qaward::detail {

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
