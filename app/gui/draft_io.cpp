// The core's draft (qaward/draft.hpp) as the screens read and edit it.

#include <algorithm>

#include "app_state.hpp"
#include "qaward/package.hpp"

namespace qaward::gui {

namespace {
constexpr std::string_view kAttachmentFolder = "附件/";
}  // namespace

std::string attachment_path(std::string_view name) { return std::string(kAttachmentFolder) + std::string(name); }

std::string attachment_name(const DraftAttachment& attachment) {
  const auto slash = attachment.path.find_last_of('/');
  return slash == std::string::npos ? attachment.path : attachment.path.substr(slash + 1);
}

bool has_state_secret(const DraftAttachment& attachment) {
  return has_state_secret_mark(attachment_name(attachment)) || has_state_secret_mark(attachment.title) ||
         (attachment.checked && attachment.checked->state_secret_mark);
}

const ItemScore* agreed_score(const Draft& draft, std::string_view item) {
  return draft.assessment ? find_agreed(*draft.assessment, item) : nullptr;
}

ItemScore& edit_agreed_score(Draft& draft, const std::string& item) {
  auto& scores = edit_assessment(draft).scores;
  for (auto& s : scores) {
    if (!s.rater && s.item == item) return s;
  }
  ItemScore& added = scores.emplace_back();
  added.item = item;
  return added;
}

const DimensionRating* dimension_rating(const Draft& draft, std::string_view dimension) {
  for (const auto& d : assessment_or_empty(draft).dimensions) {
    if (d.dimension == dimension) return &d;
  }
  return nullptr;
}

DimensionRating& edit_dimension_rating(Draft& draft, const std::string& dimension) {
  auto& ratings = edit_assessment(draft).dimensions;
  for (auto& d : ratings) {
    if (d.dimension == dimension) return d;
  }
  DimensionRating& added = ratings.emplace_back();
  added.dimension = dimension;
  return added;
}

std::size_t agreed_score_count(const Draft& draft) {
  const auto& scores = assessment_or_empty(draft).scores;
  return static_cast<std::size_t>(std::count_if(scores.begin(), scores.end(), [](const ItemScore& s) { return !s.rater; }));
}

const Assessment& assessment_or_empty(const Draft& draft) {
  static const Assessment empty;
  return draft.assessment ? *draft.assessment : empty;
}

Assessment& edit_assessment(Draft& draft) { return draft.assessment ? *draft.assessment : draft.assessment.emplace(); }

const PublicityRecord& publicity_of(const Draft& draft) {
  static const PublicityRecord empty;
  return draft.publicity ? *draft.publicity : empty;
}

PublicityRecord& edit_publicity(Draft& draft) { return draft.publicity ? *draft.publicity : draft.publicity.emplace(); }

}  // namespace qaward::gui
