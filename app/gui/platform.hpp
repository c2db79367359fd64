#pragma once
// What the interface needs from the platform it runs on. One implementation
// per platform: platform_web.cpp (browser, Emscripten); the UI smoke test
// (tests/gui) has one that records the calls and does nothing.
#include <string>
#include <vector>

#include "../common/catalogs.hpp"

namespace qaward::gui {

class Platform {
 public:
  virtual ~Platform() = default;
  // Ask for `frames` more frames to be drawn (the page draws only on demand).
  virtual void request_frames(int frames) = 0;
  // Tell the host document which language the interface speaks (lang attribute).
  virtual void set_document_language(Language language) = 0;
  // Keep a small text in the browser's storage (this device only); false
  // when the browser refuses (storage full or disabled).
  virtual bool save(const char* key, const std::string& value) = 0;
  // Ask the user for files (they arrive later, through the platform).
  virtual void pick_files() = 0;
  // Offer a file of the app's file system as a download named `name`.
  virtual void download(const std::string& path, const std::string& name) = 0;
  // Ask the user for a draft file to import (it arrives through the platform).
  virtual void pick_draft() = 0;
  // Ask the user for a secret key file made by qaward keygen.
  virtual void pick_key(bool district) = 0;
  // Build a package in a worker from `request` (JSON) and the named
  // attachments; progress and the result come back through the platform.
  virtual void package_in_worker(const std::string& request, const std::vector<std::string>& names) = 0;
  // Ask the user for packages to pre-check.
  virtual void pick_packages() = 0;
  // Ask the user for the district office's public key (.pub) to pin.
  virtual void pick_office_key() = 0;
  // Check recommendations against `office_key` ("" none) from now on, and
  // verify the packages under review again with it.
  virtual void pin_office_key(const std::string& office_key) = 0;
  // Where files dropped on the page go: "attach" (attachments), "review"
  // (packages to pre-check) or "ratings" (raters' files for the coordinator).
  virtual void set_drop_target(const char* target) = 0;
  // Ask the user for raters' rating files (each arrives through the platform).
  virtual void pick_ratings() = 0;
  // An attachment was removed from the draft: delete the stored file.
  virtual void forget_attachment(const std::string& name) = 0;
  // Look for the named attachments in storage: each missing one is reported
  // back; each found but not yet hashed (`hashed` false) is hashed.
  virtual void check_attachments(const std::vector<std::pair<std::string, bool>>& names) = 0;
  // Countersign the reviewed package `token` in the worker (request: JSON).
  virtual void countersign_in_worker(int token, const std::string& request) = 0;
  // The district's job (issue 18): countersign the reviewed packages in
  // `packages` (JSON [{token, opinion}]) with the key in `request` (JSON:
  // secret_key, passphrase, unit, now, workspace) and bundle them; the bundle
  // is offered as a download, progress and the result come back.
  virtual void district_bundle_in_worker(const std::string& packages, const std::string& request) = 0;
  // Ask the user for a district workspace file (qaward-district/1).
  virtual void pick_district_workspace() = 0;
  // The office: ask for bundles (kept by the page, by name), forget one, ask
  // for a district's public key to pin, and run the intake over the bundles
  // (request: JSON names, district_keys, posted_at).
  virtual void pick_bundles() = 0;
  virtual void forget_bundle(const std::string& name) = 0;
  virtual void pick_district_public_key() = 0;
  virtual void intake_in_worker(const std::string& request) = 0;
  // Open printable HTML in a new tab.
  virtual void open_document(const std::string& html) = 0;
};

}  // namespace qaward::gui
