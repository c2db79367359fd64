#pragma once
// The draft (format "qaward-draft/1"): everything an organization enters
// before it packages, one document read and written here only, for the CLI,
// the page (its export, import and browser storage) and the workers.
//
//   { "format": "qaward-draft/1", "edition": "urumqi-2025-11-18" (optional),
//     "profile": { ... qaward-profile/1 ... }, "assessment": { ... qaward-assessment/1 ... },
//     "publicity": { "posted_at", "posting_day_counts", "close_of_business", "region", "where",
//                    "contact": { "department", "person", "phone" }, "objections": [ ... ] },
//     "attachments": [ { "path", "title", "category", "trade_secret", "checked": { ... } } ] }
//
// A member the format does not define at the top level is kept as it is (a
// newer version's, or another tool's) and written back; the reader says so.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaward/assessment.hpp"
#include "qaward/diagnostic.hpp"
#include "qaward/profile.hpp"
#include "qaward/publicity.hpp"

namespace qaward {

// What is learned of an attachment when it is attached: the browser hashes
// each file once, as it arrives (with progress), and keeps these facts.
struct AttachedFile {
  std::uint64_t size = 0;
  std::string sha256;  // hex
  std::uint32_t crc32 = 0;
  bool state_secret_mark = false;  // in a plain-text file's content (Article 11(2))
};

struct DraftAttachment {
  std::string path;  // relative to the draft file, or absolute
  std::string title;
  std::string category;  // e.g. application_form, business_license (rule data: materials)
  bool trade_secret = false;  // 商业秘密, Article 11(2)
  std::optional<AttachedFile> checked;  // recorded by the browser when attached ("checked")
};

struct Draft {
  Profile profile;
  std::optional<Assessment> assessment;
  std::optional<PublicityRecord> publicity;
  std::vector<DraftAttachment> attachments;
  std::string edition;  // empty: the default edition
  nlohmann::json extra = nlohmann::json::object();  // top-level members the format does not define, kept
};

[[nodiscard]] Result<Draft> parse_draft(std::string_view json_text, const Criteria& criteria);

// The canonical text of a draft: every member the model holds, in a fixed
// order (members sorted by name), two-space indented, ending in a newline.
// parse_draft(draft_to_json(d)) gives d back; a draft in canonical form is
// written back byte for byte.
[[nodiscard]] std::string draft_to_json(const Draft& draft);

}  // namespace qaward
