// The draft as the browser keeps it, in the public draft format.

#include "app_state.hpp"
#include "qaward/package.hpp"

namespace qaward::gui {

// The screens' draft as the core's (qaward/draft.hpp), which alone reads and
// writes the format: the browser's storage and export are the CLI's
// `qaward draft normalize` output.
qaward::Draft core_draft(const Draft& d) {
  qaward::Draft c;
  c.edition = d.edition;
  c.extra = d.extra;
  c.profile = d.profile;
  c.publicity = d.publicity;
  c.assessment = assessment_of(d);
  c.assessment->raters = d.raters;
  c.assessment->scores.insert(c.assessment->scores.end(), d.rater_scores.begin(), d.rater_scores.end());
  c.assessment->dimensions = d.dimensions;
  for (const auto& a : d.attachments) {
    c.attachments.push_back({"附件/" + a.name, a.title, a.category, a.trade_secret, a.checked});
  }
  return c;
}

std::string draft_to_json(const Draft& d) { return qaward::draft_to_json(core_draft(d)); }

std::optional<Draft> draft_from_json(std::string_view text, const Criteria& criteria) {
  auto parsed = parse_draft(text, criteria);
  if (!parsed.ok()) return std::nullopt;
  auto& p = parsed.value();
  Draft d;
  d.edition = p.edition;
  d.extra = p.extra;
  d.profile = p.profile;
  if (p.publicity) d.publicity = *p.publicity;
  for (const auto& a : p.attachments) {
    AttachmentEntry e;
    const auto slash = a.path.find_last_of('/');
    e.name = slash == std::string::npos ? a.path : a.path.substr(slash + 1);
    e.title = a.title;
    e.category = a.category;
    e.trade_secret = a.trade_secret;
    e.checked = a.checked;
    if (a.checked) e.size = a.checked->size;
    d.attachments.push_back(std::move(e));
  }
  if (p.assessment) {
    for (const auto& s : p.assessment->scores) {
      if (s.rater) d.rater_scores.push_back(s);
      else d.scores[s.item] = s;
    }
    d.raters = p.assessment->raters;
    d.dimensions = p.assessment->dimensions;
    d.overview = p.assessment->overview;
    d.report = p.assessment->report;
  }
  return d;
}

Assessment assessment_of(const Draft& d) {
  Assessment a;
  for (const auto& [id, score] : d.scores) a.scores.push_back(score);
  a.overview = d.overview;
  a.report = d.report;
  return a;
}

bool has_state_secret(const AttachmentEntry& entry) {
  return has_state_secret_mark(entry.name) || has_state_secret_mark(entry.title) ||
         (entry.checked && entry.checked->state_secret_mark);
}

}  // namespace qaward::gui
