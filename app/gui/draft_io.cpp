// The draft as the browser keeps it, in the public draft format.
#include <nlohmann/json.hpp>

#include "app_state.hpp"
#include "qaward/package.hpp"

namespace qaward::gui {

std::string draft_to_json(const Draft& d) {
  nlohmann::json publicity = {{"posting_day_counts", d.publicity.posting_day_counts},
                              {"region", to_string(d.publicity.region)},
                              {"where", d.publicity.where},
                              {"contact", {{"department", d.publicity.department}, {"person", d.publicity.person},
                                           {"phone", d.publicity.phone}}}};
  if (d.publicity.posted_at) publicity["posted_at"] = to_iso(*d.publicity.posted_at);
  publicity["objections"] = nlohmann::json::array();
  for (const auto& o : d.publicity.objections) {
    nlohmann::json item = {{"received_on", to_string(o.received_on)}, {"from", o.from}, {"summary", o.summary},
                           {"resolution", o.resolution}};
    if (o.forwarded_on) item["forwarded_on"] = to_string(*o.forwarded_on);
    if (o.resolved_on) item["resolved_on"] = to_string(*o.resolved_on);
    publicity["objections"].push_back(item);
  }
  if (d.publicity.close_of_business) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", *d.publicity.close_of_business / 3600,
                  *d.publicity.close_of_business / 60 % 60);
    publicity["close_of_business"] = buffer;
  }
  nlohmann::json scores = nlohmann::json::array();
  for (const auto& [id, s] : d.scores) {
    scores.push_back({{"item", id}, {"band", s.band}, {"percent", s.percent}, {"evidence", s.evidence},
                      {"strengths", s.strengths}, {"improvements", s.improvements}});
  }
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : d.attachments) {
    nlohmann::json item = {{"path", "附件/" + a.name}, {"title", a.title}, {"category", a.category},
                           {"trade_secret", a.trade_secret}};
    if (a.checked) {
      item["checked"] = {{"size", a.checked->size}, {"sha256", a.checked->sha256}, {"crc32", a.checked->crc32},
                         {"state_secret_mark", a.checked->state_secret_mark}};
    }
    attachments.push_back(std::move(item));
  }
  const nlohmann::json doc = {
      {"attachments", attachments},
      {"format", "qaward-draft/1"},
      {"profile", to_json(d.profile)},
      {"assessment", {{"format", "qaward-assessment/1"}, {"scores", scores}, {"overview", d.overview}, {"report", d.report}}},
      {"publicity", publicity}};
  return doc.dump();
}

std::optional<Draft> draft_from_json(std::string_view text, const Criteria& criteria) {
  auto parsed = parse_draft(text, criteria);
  if (!parsed.ok()) return std::nullopt;
  const auto& p = parsed.value();
  Draft d;
  d.profile = p.profile;
  if (p.publicity) {
    d.publicity.posted_at = p.publicity->posted_at;
    d.publicity.posting_day_counts = p.publicity->posting_day_counts;
    d.publicity.close_of_business = p.publicity->close_of_business;
    d.publicity.region = p.publicity->region;
    d.publicity.where = p.publicity->where;
    d.publicity.department = p.publicity->department;
    d.publicity.person = p.publicity->person;
    d.publicity.phone = p.publicity->phone;
    d.publicity.objections = p.publicity->objections;
  }
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
      if (!s.rater) d.scores[s.item] = s;
    }
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
