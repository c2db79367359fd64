#pragma once
// [SECTION] The application state handed to every screen.
// Screens read the state and queue actions; app.cpp applies the actions in one
// place after the frame, so no screen changes the model behind another's back.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "../common/catalogs.hpp"
#include "qaward/assessment.hpp"
#include "qaward/calendar.hpp"
#include "qaward/eligibility.hpp"
#include "qaward/profile.hpp"
#include "qaward/publicity.hpp"
#include "qaward/rules.hpp"
#include "qaward/timeline.hpp"
#include "qaward/package.hpp"

namespace qaward::gui {

enum class Screen { home, profile, eligibility, assessment, publicity, materials, package, review };

// A package opened in reviewer mode (district pre-check, Article 11(3)),
// verified by the worker.
struct ReviewedPackage {
  std::string file;  // as the user named it
  int token = 0;     // the page's handle on the file
  bool verifying = true;
  std::string failure;  // the worker could not check it at all
  VerifyReport report;
};

// An attachment kept in this browser (stored in IndexedDB by the page) and
// hashed by the worker as it arrives.
struct AttachmentEntry {
  std::string name;  // NFC file name
  std::string title;
  std::string category = "other";
  bool trade_secret = false;  // 商业秘密, Article 11(2)
  std::uint64_t size = 0;
  std::optional<AttachedFile> checked;  // size, SHA-256, CRC-32, marks: once hashed
  std::uint64_t hashed = 0;  // bytes hashed so far, until checked
  bool missing = false;      // not in this browser's storage (a draft from elsewhere): attach it again
};

// Carries 绝密/机密/秘密★ in its name, title or text (Article 11(2)): blocks packaging.
[[nodiscard]] bool has_state_secret(const AttachmentEntry& entry);

// The internal publicity as the applicant fills it in (Article 11(2)): the
// core's record, objections (Articles 12-13) included.
using PublicityForm = PublicityRecord;

// What the organization has entered: saved in the browser as it changes, and
// the same document as a `qaward-draft/1` file.
struct Draft {
  Profile profile;
  PublicityForm publicity;
  std::map<std::string, ItemScore> scores;  // the agreed score per item
  std::string overview;
  std::string report;
  std::vector<AttachmentEntry> attachments;
  // What the screens do not show, kept so that an export loses nothing: the
  // rule edition the draft names, the raters' own scores, the dimension
  // ratings, members of a newer version of the format.
  std::string edition;
  std::vector<Rater> raters;
  std::vector<ItemScore> rater_scores;
  std::vector<DimensionRating> dimensions;
  nlohmann::json extra = nlohmann::json::object();
};

// The shipped data every screen reads.
struct Services {
  const RuleSet* rules = nullptr;
  const Calendar* calendar = nullptr;
  const Criteria* criteria = nullptr;
};

struct SetLanguage { Language language; };
struct Navigate { Screen screen; };
struct UpdateDraft { std::function<void(Draft&)> change; };
struct PickFiles {};
struct CreateKey { std::string passphrase; };
struct BuildPackage { std::string passphrase; };
struct OpenCoverSheet {};
struct OpenPublicityDocument { bool statement = false; };
struct ExportDraft {};
struct ExportScoringSheet { bool html = false; };
struct ImportKey {};
struct PickPackages {};
struct PickOfficeKey {};   // pin the district office's public key (reviewer mode)
struct ClearOfficeKey {};
struct ExportReview { std::string kind; };  // html | json | csv
struct Countersign { std::size_t index; std::string unit; std::string opinion; std::string passphrase; };
struct ImportDraft {};
struct RemoveAttachment { std::size_t index; };
using Action = std::variant<SetLanguage, Navigate, UpdateDraft, PickFiles, CreateKey, BuildPackage, OpenCoverSheet,
                            OpenPublicityDocument, ExportDraft, ImportDraft, ExportScoringSheet, ImportKey,
                            PickPackages, PickOfficeKey, ClearOfficeKey, ExportReview, Countersign, RemoveAttachment>;

struct AppState {
  Language language = Language::zh;
  Screen screen = Screen::home;
  Services services;
  Draft draft;
  DateTime now;  // Beijing time, refreshed every frame by the platform

  // Derived from the draft after every change (app.cpp).
  std::optional<EligibilityResult> eligibility;
  std::vector<Diagnostic> eligibility_errors;
  std::optional<PublicityPeriod> publicity;

  // Text being typed that is not yet valid (dates): kept per field so that
  // a half-typed date is not lost between frames.
  std::map<std::string, std::string> buffers;

  std::vector<Action> queued;  // filled by screens during a frame
  std::uint64_t frames_drawn = 0;
  std::string notice;          // a message for the user (a failed attachment, a built package)
  bool notice_is_error = false;
  bool update_ready = false;   // a newer version waits for the next visit
  bool packaging = false;      // the worker is building a package (or countersigning)
  bool package_hashing = false;  // written and offered; its SHA-256 is being computed
  std::uint64_t package_bytes = 0;
  float package_progress = 0;
  std::string secret_key;      // the encrypted key file kept in this browser (never in clear)
  std::string public_key;      // its minisign public key file
  std::vector<Diagnostic> preflight;  // what blocks packaging now (derived)
  std::string last_package;    // the last package built: id
  std::string last_package_sha256;
  std::vector<ReviewedPackage> reviews;  // reviewer mode
  // The office key the reviewer pinned (a minisign .pub file's text), or "":
  // a recommendation signed with another key is then reported invalid.
  std::string office_key;
  bool draft_changed = false;  // the platform saves, then clears it
  bool draft_unsaved = false;  // the browser refused to store it (full or disabled storage)
  bool wants_tick = false;     // a countdown is on screen: redraw every second
  // Where named widgets were last drawn (x, y, w, h in canvas pixels), so that
  // end-to-end tests can click them: a canvas has no DOM to query.
  std::map<std::string, std::array<float, 4>> item_rects;

  [[nodiscard]] const Catalog& text() const { return catalog(language); }
  void queue(Action action) { queued.push_back(std::move(action)); }
  void edit(std::function<void(Draft&)> change) { queue(UpdateDraft{std::move(change)}); }
};

// The self-assessment the draft holds (agreed scores, overview, report), as the core scores it.
[[nodiscard]] Assessment assessment_of(const Draft& draft);

// The draft as a `qaward-draft/1` document, and back.
[[nodiscard]] std::string draft_to_json(const Draft& draft);
// The same draft as the core's type (what the packager and the format take).
[[nodiscard]] qaward::Draft core_draft(const Draft& draft);
[[nodiscard]] std::optional<Draft> draft_from_json(std::string_view text, const Criteria& criteria);

}  // namespace qaward::gui
