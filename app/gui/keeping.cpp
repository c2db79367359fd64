#include "keeping.hpp"

#include <fstream>

#include "qaward/hash.hpp"

namespace qaward::gui {

namespace {

std::string draft_digest(const Draft& draft) { return to_hex(Sha256::of(draft_to_json(draft))); }

// A week of work is what a weekly export risks; a backup older than that
// with changes after it is worth renewing.
constexpr std::int64_t kBackupDays = 7;

}  // namespace

std::string export_marker(const DateTime& at, const Draft& draft) { return to_iso(at) + " " + draft_digest(draft); }

void read_export_marker(Keeping& keeping, const std::string& marker) {
  const auto space = marker.find(' ');
  if (space == std::string::npos) return;
  const auto at = parse_datetime(marker.substr(0, space));
  if (!at) return;
  keeping.exported_at = *at;
  keeping.exported_draft = marker.substr(space + 1);
}

void export_draft(AppState& state, Platform& platform) {
  const std::string path = "/tmp/draft.json";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << draft_to_json(state.draft);
  const auto& name = state.draft.profile.organization.name;
  platform.download(path, (name ? *name : std::string("draft")) + "-申报草稿.json");
  state.keeping.exported_at = state.now;
  state.keeping.exported_draft = draft_digest(state.draft);  // (the draft as exported, whatever came before in this batch)
  (void)platform.save("qaward.exported", export_marker(state.now, state.draft));
}

void export_key(AppState& state, Platform& platform) {
  if (state.keys.secret_key.empty()) return;
  const std::string path = "/tmp/key.key";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << state.keys.secret_key;
  const auto& name = state.draft.profile.organization.name;
  platform.download(path, (name ? *name + "-" : std::string()) + "签名密钥.key");
  state.keys.backup_offered = false;
  (void)platform.save("qaward.key_backup", "saved");
}

BackupAdvice backup_advice(const AppState& state) {
  // (Called as the home page draws: the draft's digest is derived once per change.)
  static const std::string untouched = draft_digest(Draft{});
  const std::string& now = state.draft_digest;
  if (now == untouched) return BackupAdvice::none;  // nothing typed yet
  const auto& k = state.keeping;
  if (!k.exported_at) return BackupAdvice::never_saved;
  if (k.exported_draft == now) return BackupAdvice::none;
  const auto days = to_days(state.now.date) - to_days(k.exported_at->date);
  return days >= kBackupDays ? BackupAdvice::changed_since : BackupAdvice::none;
}

}  // namespace qaward::gui
