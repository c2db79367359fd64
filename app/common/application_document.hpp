#pragma once
// The readable application (申报书.html): what data/application.json holds,
// for an official who has only a browser and the ZIP (issue 16). The package
// writer puts it in the payload, so the applicant's signature covers it.
// Chinese and printable on A4, like the other documents; every value the
// applicant typed is escaped (templates.hpp).
#include <string>

#include "qaward/package.hpp"

namespace qaward {

// Fits PackageRequest::readable: the profile, the eligibility verdict with
// each check's article, the self-assessment with its scoring table and
// texts, the publicity record with its objections, the attachments with
// their trade-secret marks.
[[nodiscard]] std::string application_document_html(const PackageRequest& request, const PackagePlan& plan);

}  // namespace qaward
