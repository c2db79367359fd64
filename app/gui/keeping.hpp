#pragma once
// Work that survives the browser's housekeeping (issue 20, item 6): browser
// storage is best-effort unless the browser grants persistence, so the
// draft's file and the key's file are the user's own backups. Here: when
// they were last saved, what to advise, and saving them.
#include <optional>
#include <string>

#include "app_state.hpp"
#include "platform.hpp"

namespace qaward::gui {

// The whole draft as a qaward-draft/1 file (attachments are named, not
// included); remembered as the last backup (qaward.exported).
void export_draft(AppState& state, Platform& platform);
// The secret key's file (encrypted, as qaward keygen writes it): importable
// again on the package screen.
void export_key(AppState& state, Platform& platform);

// What qaward.exported holds: "<ISO 8601 time> <SHA-256 of the draft's canonical JSON>".
[[nodiscard]] std::string export_marker(const DateTime& at, const Draft& draft);
void read_export_marker(Keeping& keeping, const std::string& marker);

// The advice on backing the draft up: none (nothing typed yet, or a file
// saved since the last change or within the week), or why to save one now.
enum class BackupAdvice { none, never_saved, changed_since };
[[nodiscard]] BackupAdvice backup_advice(const AppState& state);

}  // namespace qaward::gui
