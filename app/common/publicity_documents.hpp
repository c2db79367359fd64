#pragma once
// The printable documents of the internal publicity (Article 11(2)): the
// notice (公示通知) and the closing statement (公示情况说明), A4 HTML in
// Chinese, filled from a draft's profile and publicity record.
#include <string>
#include <string_view>

#include "qaward/datetime.hpp"
#include "qaward/diagnostic.hpp"
#include "qaward/district.hpp"
#include "qaward/publicity.hpp"
#include "qaward/rules.hpp"

namespace qaward {

// The statement's account of the objections: that none came, or a table of
// them with how each was handled (Article 13).
[[nodiscard]] std::string objections_html(const PublicityRecord& record);

enum class PublicityDocument { notice, statement };

// `draft_json`: { "profile": {...}, "publicity": {...} } (the draft format).
// `today` dates the statement; a statement before the period's end is
// marked as a draft on the page.
[[nodiscard]] Result<std::string> render_publicity_document(PublicityDocument document, std::string_view draft_json,
                                                            const DateTime& now, std::string_view edition);

// The district's recommendation notice (Article 11 (三)): the organizations it
// means to recommend, its period on the calendar, whom to write to (Article
// 12). Refused, with the reasons, while the district is still deciding
// (`status`, from district_status) or before a posting time is set.
[[nodiscard]] Result<std::string> render_district_notice(const DistrictWorkspace& workspace, const DistrictStatus& status,
                                                         const RuleSet& rules);

}  // namespace qaward
