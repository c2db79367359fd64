// The page's events applied to the state: files stored and hashed, files the
// user chose (a draft, a key, an office key), the packaging worker's progress.
#include "page_events.hpp"

#include "app.hpp"

#include "qaward/json_text.hpp"
#include "qaward/signing.hpp"

namespace qaward::gui {

namespace {

// The attachment the page stored under `name`, or nullptr.
DraftAttachment* stored_as(Draft& draft, std::string_view name) {
  for (auto& a : draft.attachments) {
    if (attachment_name(a) == name) return &a;
  }
  return nullptr;
}

}  // namespace

void attachment_stored(AppState& state, const AttachmentStored& event) {
  DraftAttachment entry;
  entry.path = attachment_path(event.name);
  entry.title = event.name;
  entry.category = "other";
  if (const auto* existing = stored_as(state.draft, event.name)) {  // the same name again: the new file replaces the old
    entry.title = existing->title;
    entry.category = existing->category;
    entry.trade_secret = existing->trade_secret;
    state.attachments.erase(existing->path);
  }
  std::erase_if(state.draft.attachments, [&](const DraftAttachment& a) { return attachment_name(a) == event.name; });
  state.attachments[entry.path] = AttachmentStatus{event.size, 0, false};
  state.draft.attachments.push_back(std::move(entry));
}

void attachment_progress(AppState& state, const AttachmentProgress& event) {
  if (const auto* a = stored_as(state.draft, event.name)) state.attachments[a->path].hashed = event.hashed;
}

void attachment_checked(AppState& state, const AttachmentChecked& event) {
  auto* a = stored_as(state.draft, event.name);
  if (a == nullptr) return;
  auto& status = state.attachments[a->path];
  status.missing = !event.facts;
  if (!event.facts) return;
  a->checked = event.facts;
  status.size = event.facts->size;
}

void attachment_missing(AppState& state, const AttachmentMissing& event) {
  if (const auto* a = stored_as(state.draft, event.name)) state.attachments[a->path].missing = true;
}

void check_stored(Platform& platform, const Draft& draft) {
  std::vector<std::pair<std::string, bool>> names;
  for (const auto& a : draft.attachments) names.emplace_back(attachment_name(a), a.checked.has_value());
  platform.check_attachments(names);
}

bool import_draft(AppState& state, Platform& platform, std::string_view text) {
  if (state.services.criteria == nullptr) return false;
  auto parsed = parse_draft(text, *state.services.criteria);
  if (!parsed.ok()) {
    // Say what is wrong: the first error the draft reader found.
    std::string reason;
    for (const auto& d : parsed.diagnostics()) {
      if (d.severity == Severity::error) {
        reason = in_words(state.text(), d);
        break;
      }
    }
    state.notice.say(state.text().text("draft.import_failed", {{"reason", reason}}), true);
    return false;
  }
  auto draft = std::move(parsed).value();
  std::string notice = state.text().text("draft.imported");
  // An edition this program lacks is kept; the notice says which is used.
  if (const auto* editions = state.services.editions; editions && !draft.edition.empty() && !editions->find(draft.edition)) {
    const auto& used = editions->default_rules();
    const bool en = state.language == Language::en;
    notice += " " + state.text().text("edition.unknown", {{"edition", draft.edition}, {"title", en ? used.title.en : used.title.zh}});
  }
  state.notice.say(std::move(notice));
  check_stored(platform, draft);  // the page reports each file missing, or hashes it
  state.draft = std::move(draft);
  state.attachments.clear();
  state.ui.buffers.clear();
  return true;
}

std::string public_key_of(std::string_view secret_key_file) {
  const auto key = secret_key_public_key(secret_key_file);
  return key.ok() ? public_key_file(key.value()) : std::string();
}

void import_key(AppState& state, Platform& platform, const std::string& text, bool district) {
  const std::string public_key = public_key_of(text);
  if (public_key.empty()) {
    state.notice.say(state.text().text("key.bad_secret_key"), true);
    return;
  }
  (district ? state.keys.district_secret_key : state.keys.secret_key) = text;
  (district ? state.keys.district_public_key : state.keys.public_key) = public_key;
  (void)platform.save(district ? "qaward.district_key" : "qaward.key", text);
  state.notice.say(state.text().text(district ? "review.key_imported" : "key.imported"));
}

void pin_office_key(AppState& state, Platform& platform, const std::string& text) {
  const auto key = parse_public_key(text);
  if (!key.ok()) {
    state.notice.say(state.text().text("review.bad_office_key", {{"reason", in_words(state.text(), key.diagnostics().at(0))}}), true);
    return;
  }
  state.keys.office_key = text;
  (void)platform.save("qaward.office_key", state.keys.office_key);
  platform.pin_office_key(state.keys.office_key);
  state.notice.say(state.text().text("review.office_key_pinned", {{"fingerprint", key.value().fingerprint()}}));
}

void package_progress(AppState& state, const PackageProgress& event) {
  const double total = state.packaging.hashing ? static_cast<double>(state.packaging.bytes) : event.total;
  state.packaging.progress = total > 0 ? static_cast<float>(event.done / total) : 1.0f;
}

}  // namespace qaward::gui
