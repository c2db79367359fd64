#pragma once
// What the page's events do (app_state.hpp, "Events from the page"): applied
// by apply_actions in app.cpp, never called from the entry points directly.
#include <string>
#include <string_view>

#include "app_state.hpp"
#include "platform.hpp"

namespace qaward::gui {

// A file the page stored (picker or drop): listed at once; the worker hashes it.
// The others record what the page learns of a stored file (AppState::attachments)
// and the worker's facts (DraftAttachment::checked).
void attachment_stored(AppState& state, const AttachmentStored& event);
void attachment_progress(AppState& state, const AttachmentProgress& event);
void attachment_checked(AppState& state, const AttachmentChecked& event);
void attachment_missing(AppState& state, const AttachmentMissing& event);

// Asks the page to find (and, where needed, hash) every attachment of a draft.
void check_stored(Platform& platform, const Draft& draft);

// A draft file chosen for import: replaces the draft when it reads, else the
// notice says why. True when the draft was replaced.
bool import_draft(AppState& state, Platform& platform, std::string_view text);

// The minisign public key file of a secret key file, or "" when it names none.
[[nodiscard]] std::string public_key_of(std::string_view secret_key_file);
// A secret key file chosen for import (qaward keygen's format); the
// passphrase is asked when it is used.
// A secret key file: the applicant's, or the district office's (kept apart).
void import_key(AppState& state, Platform& platform, const std::string& text, bool district);
// The district office's public key chosen to pin (a minisign .pub file).
void pin_office_key(AppState& state, Platform& platform, const std::string& text);

// Progress of the packaging worker: bytes of attachments written of all, then
// bytes of the package hashed.
void package_progress(AppState& state, const PackageProgress& event);

}  // namespace qaward::gui
