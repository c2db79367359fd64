// The draft format (qaward-draft/1).
#include <cstdlib>
#include <set>

#include "json_reader.hpp"
#include "qaward/json_text.hpp"
#include "qaward/hash.hpp"
#include "qaward/package.hpp"

namespace qaward {

namespace {

// What the browser recorded when the file was attached (see AttachedFile).
std::optional<AttachedFile> checked_from_json(detail::JsonReader& r, const nlohmann::json& j, const std::string& at) {
  r.unknown_members(j, at, {"size", "sha256", "crc32", "state_secret_mark"});
  const auto* size = r.member(j, "size");
  const auto* crc = r.member(j, "crc32");
  const auto sha256 = r.string(j, at, "sha256");
  if (size == nullptr || !size->is_number_unsigned() || crc == nullptr || !crc->is_number_unsigned() ||
      crc->get<std::uint64_t>() > 0xFFFFFFFFu || !sha256 || !sha256_from_hex(*sha256)) {
    r.warning("input.wrong_type", at, {{"found", detail::describe(j)},
                                       {"expected", "{ \"size\": 1024, \"sha256\": \"<64 hex>\", \"crc32\": 123 }"}});
    return std::nullopt;
  }
  return AttachedFile{size->get<std::uint64_t>(), *sha256, static_cast<std::uint32_t>(crc->get<std::uint64_t>()),
                      r.boolean(j, at, "state_secret_mark").value_or(false)};
}

}  // namespace

Result<Draft> parse_draft(std::string_view json_text, const Criteria& criteria) {
  detail::JsonReader r;
  auto parsed = parse_json(json_text);
  if (!parsed.ok()) return parsed.diagnostics();
  const auto& doc = parsed.value();
  if (!doc.is_object()) {
    r.error("input.wrong_type", "/", {{"found", detail::describe(doc)}, {"expected", "{ ... }"}});
    return std::move(r.diagnostics);
  }
  Draft d;
  if (const auto format = r.string(doc, "", "format"); format && *format != "qaward-draft/1") {
    r.error("input.unknown_format", "/format", {{"found", *format}, {"expected", "qaward-draft/1"}});
  }
  // A member this version does not define is kept and written back, not lost.
  for (const auto& [key, value] : doc.items()) {
    static const std::set<std::string> kKnown = {"format", "profile", "assessment", "publicity", "attachments", "edition"};
    if (kKnown.count(key) == 0) {
      d.extra[key] = value;
      r.warning("input.unknown_field_kept", "/" + key);
    }
  }
  d.edition = r.string(doc, "", "edition").value_or("");
  std::vector<Diagnostic> all;
  auto take = [&](const std::vector<Diagnostic>& diagnostics) { all.insert(all.end(), diagnostics.begin(), diagnostics.end()); };
  if (const auto* profile = r.object(doc, "", "profile")) {
    auto p = profile_from_json(*profile, "/profile");
    take(p.diagnostics());
    if (p.ok()) d.profile = std::move(p).value();
  } else if (r.member(doc, "profile") == nullptr) {
    r.error("input.missing_field", "/profile", {{"expected", "{ \"organization\": ... }"}});
  }
  if (const auto* assessment = r.object(doc, "", "assessment")) {
    auto a = assessment_from_json(*assessment, criteria, "/assessment");
    take(a.diagnostics());
    if (a.ok()) d.assessment = std::move(a).value();
  }
  if (const auto* publicity = r.member(doc, "publicity")) {
    auto p = publicity_record_from_json(*publicity, "/publicity");
    take(p.diagnostics());
    if (p.ok()) d.publicity = std::move(p).value();
  }
  if (const auto* list = r.array(doc, "", "attachments")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto at = "/attachments/" + std::to_string(i);
      const auto& item = (*list)[i];
      if (!item.is_object()) {
        r.error("input.wrong_type", at, {{"found", detail::describe(item)}, {"expected", "{ \"path\": ... }"}});
        continue;
      }
      r.unknown_members(item, at, {"path", "title", "category", "trade_secret", "id", "checked"});
      const auto path = r.string(item, at, "path");
      if (!path || path->empty()) {
        r.error("input.missing_field", at + "/path", {{"expected", "\"附件/营业执照.pdf\""}});
        continue;
      }
      d.attachments.push_back({*path, r.string(item, at, "title").value_or(""), r.string(item, at, "category").value_or("other"),
                               r.boolean(item, at, "trade_secret").value_or(false), {}});
      if (const auto* checked = r.object(item, at, "checked")) d.attachments.back().checked = checked_from_json(r, *checked, at + "/checked");
    }
  }
  take(r.diagnostics);
  const bool errors = std::any_of(all.begin(), all.end(), [](const Diagnostic& x) { return x.severity == Severity::error; });
  if (errors) return all;
  return Result<Draft>(std::move(d), std::move(all));
}

std::string draft_to_json(const Draft& d) {
  nlohmann::json doc = d.extra.is_object() ? d.extra : nlohmann::json::object();
  doc["format"] = "qaward-draft/1";
  if (!d.edition.empty()) doc["edition"] = d.edition;
  doc["profile"] = to_json(d.profile);
  if (d.assessment) doc["assessment"] = to_json(*d.assessment);
  if (d.publicity) doc["publicity"] = to_json(*d.publicity);
  doc["attachments"] = nlohmann::json::array();
  for (const auto& a : d.attachments) {
    nlohmann::json item = {{"path", a.path}, {"title", a.title}, {"category", a.category}, {"trade_secret", a.trade_secret}};
    if (a.checked) {
      item["checked"] = {{"size", a.checked->size}, {"sha256", a.checked->sha256}, {"crc32", a.checked->crc32},
                         {"state_secret_mark", a.checked->state_secret_mark}};
    }
    doc["attachments"].push_back(std::move(item));
  }
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace qaward
