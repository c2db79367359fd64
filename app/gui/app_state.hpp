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

#include <nlohmann/json.hpp>

#include "../common/catalogs.hpp"
#include "../common/editions.hpp"
#include "theme.hpp"
#include "qaward/assessment.hpp"
#include "qaward/calendar.hpp"
#include "qaward/district.hpp"
#include "qaward/eligibility.hpp"
#include "qaward/profile.hpp"
#include "qaward/publicity.hpp"
#include "qaward/rules.hpp"
#include "qaward/timeline.hpp"
#include "qaward/draft.hpp"
#include "qaward/package.hpp"
#include "qaward/rating.hpp"

namespace qaward::gui {

enum class Screen { home, profile, eligibility, assessment, publicity, materials, package, review, district, office, rate };

// A package opened in reviewer mode (district pre-check, Article 11(3)),
// verified by the worker.
struct ReviewedPackage {
  std::string file;  // as the user named it
  int token = 0;     // the page's handle on the file
  bool verifying = true;
  std::string failure;  // the worker could not check it at all
  VerifyReport report;
};

// [SECTION] The draft: the screens hold the core's `qaward::Draft`
// (qaward/draft.hpp), which alone reads and writes the `qaward-draft/1`
// format: the browser's storage and export are qaward::draft_to_json, an
// import is one parse_draft. The accessors below read and edit its optional
// parts (draft_io.cpp).

// What only this browser knows of an attachment (stored in IndexedDB by the
// page, hashed by the worker as it arrives), kept beside the draft by the
// attachment's path (DraftAttachment::path).
struct AttachmentStatus {
  std::uint64_t size = 0;    // as stored here; the worker's facts (checked) follow
  std::uint64_t hashed = 0;  // bytes hashed so far, until checked
  bool missing = false;      // not in this browser's storage (a draft from elsewhere): attach it again
};

// Where the page's attachments sit, relative to the draft: "附件/<file name>".
[[nodiscard]] std::string attachment_path(std::string_view name);
// The file name of an attachment (its path's last part): how the page stores it.
[[nodiscard]] std::string attachment_name(const DraftAttachment& attachment);
// Carries 绝密/机密/秘密★ in its name, title or text (Article 11(2)): blocks packaging.
[[nodiscard]] bool has_state_secret(const DraftAttachment& attachment);

// The organization's agreed score of an item (not a rater's), or nullptr.
[[nodiscard]] const ItemScore* agreed_score(const Draft& draft, std::string_view item);
// The same, created when the draft has none yet (what a screen's edit changes).
ItemScore& edit_agreed_score(Draft& draft, const std::string& item);
// The organization's rating on a China Quality Award dimension (质量、技术、品牌、效益), or nullptr;
// the edit_ form creates it.
[[nodiscard]] const DimensionRating* dimension_rating(const Draft& draft, std::string_view dimension);
DimensionRating& edit_dimension_rating(Draft& draft, const std::string& dimension);
// How many items have an agreed score.
[[nodiscard]] std::size_t agreed_score_count(const Draft& draft);
// The draft's assessment and publicity, empty when it has none yet; the edit_
// forms create them.
[[nodiscard]] const Assessment& assessment_or_empty(const Draft& draft);
Assessment& edit_assessment(Draft& draft);
[[nodiscard]] const PublicityRecord& publicity_of(const Draft& draft);
PublicityRecord& edit_publicity(Draft& draft);

// The shipped data every screen reads.
struct Services {
  const ShippedEditions* editions = nullptr;  // every rule edition, and the default
  // The edition this draft is evaluated under (one of `editions`): derived
  // from Draft::edition by refresh_derived; the default when the draft names
  // none or one that is not shipped.
  const RuleSet* rules = nullptr;
  const Calendar* calendar = nullptr;
  const Criteria* criteria = nullptr;
};

struct SetLanguage { Language language; };
struct SetTextSize { theme::TextSize size; };
struct Navigate {
  Screen screen;
  bool keep_scroll = false;  // a reload's return: the saved position applies
  std::string field;         // a draft field (JSON pointer) to bring into view there (reveal_field)
};
struct UpdateDraft { std::function<void(Draft&)> change; };
struct PickFiles {};
struct CreateKey { std::string passphrase; };
struct BuildPackage { std::string passphrase; };
struct OpenCoverSheet {};
struct OpenPublicityDocument { bool statement = false; };
struct ExportDraft {};
struct ExportKey {};         // the secret key's file, as a backup (issue 20)
struct DismissKeyBackup {};  // "later": the offer made when the key was created goes
struct ExportScoringSheet { bool html = false; bool disagreement = false; };  // or the consensus meeting's page
struct ImportKey { bool district = false; };  // the applicant's key, or the district office's
struct PickPackages {};
struct PickOfficeKey {};   // pin the district office's public key (reviewer mode)
struct ClearOfficeKey {};
struct ExportReview { std::string kind; };  // html | json | csv
struct Countersign { std::size_t index; std::string unit; std::string opinion; std::string passphrase; };
struct ImportDraft {};
struct SaveScroll { Screen screen; float lines = 0; };  // the content's scroll position, for a reload
struct RemoveAttachment { std::size_t index; };
// The team self-assessment (issue 17): a rater's own rating, and the
// coordinator's import of the raters' files into the draft.
struct UpdateRating { std::function<void(Rating&)> change; };
struct ExportRating {};
struct PickRatings {};
struct RemoveRater { std::string id; };
struct ReplaceRating { bool replace = true; };  // the offer of a newer file from a rater already imported: take it, or keep the old
// The district's workspace (issue 18, Article 11 (三)) and the office's intake (11 (四)).
struct UpdateDistrict { std::function<void(DistrictWorkspace&)> change; };
struct OpenDistrictNotice {};
struct ExportDistrict {};
struct ImportDistrict {};
struct DistrictBundle { std::string passphrase; };  // countersign the recommended ones and bundle them
struct PickBundles {};
struct RemoveBundle { std::string name; };
struct PickDistrictPublicKey {};
struct RemoveDistrictPublicKey { std::size_t index = 0; };
struct SetAcceptancePosted { std::optional<DateTime> posted; };  // when the acceptance list goes up
struct ExportIntake { std::string kind; };  // html | csv | json

// [SECTION] Events from the page: what the browser and its workers report
// (a file stored, a worker's answer, a file the user chose). The entry points
// in platform_web.cpp only decode their arguments and queue one of these;
// apply_actions applies them with the screens' actions, in order.
struct UpdateReady {};  // a newer version was fetched: it runs on the next visit
struct AttachmentStored { std::string name; std::uint64_t size = 0; };  // listed at once; hashed next
struct AttachmentProgress { std::string name; std::uint64_t hashed = 0; };
// The worker's facts for a stored attachment; nullopt: it could not read it.
struct AttachmentChecked { std::string name; std::optional<AttachedFile> facts; };
struct AttachmentMissing { std::string name; };      // not in this browser's storage
struct AttachmentStoreFailed { std::string name; };  // the storage refused it (full)
struct DraftFileChosen { std::string text; };        // a draft file to import
struct KeyFileChosen { std::string text; bool district = false; };  // a secret key file (qaward keygen's)
struct OfficeKeyChosen { std::string text; };        // the district office's .pub file to pin
struct PackageProgress { double done = 0; double total = 0; };
struct PackageWritten { std::string result_json; };  // offered as a download; its SHA-256 follows
struct PackageDone { std::string result_json; };
struct ReviewStarted { std::string file; int token = 0; };
struct ReviewRestarted { int token = 0; };  // verified again (another office key pinned)
struct ReviewDone { int token = 0; std::string result_json; };
struct CountersignDone { std::string result_json; };
struct DistrictFileChosen { std::string text; };      // a workspace file to import
struct DistrictBundleProgress { double done = 0; double total = 0; };
struct DistrictBundleDone { std::string result_json; };  // the bundle was offered as a download, or why not
struct BundlesOpened { std::vector<std::string> names; };  // the office opened bundles (the page keeps the files)
struct DistrictPublicKeyChosen { std::string text; };  // a district's .pub file for the office to pin
struct IntakeDone { std::string result_json; };
// A rating file the coordinator chose or dropped (`text` empty when it was
// too large to be one: `size` says how large).
struct RatingFileChosen { std::string name; std::string text; double size = 0; };
// The page was opened, or its address changed, to a rater's link (#rate...).
struct RateLinkOpened { std::string asked; };
// What the browser keeps for this page (navigator.storage), as it reported.
struct StorageReported { bool persisted = false; bool asked = false; double usage = 0; double quota = 0; };

using Action = std::variant<SetLanguage, SetTextSize, Navigate, UpdateDraft, PickFiles, CreateKey, BuildPackage, OpenCoverSheet,
                            OpenPublicityDocument, ExportDraft, ImportDraft, ExportScoringSheet, ImportKey,
                            PickPackages, PickOfficeKey, ClearOfficeKey, ExportReview, Countersign, RemoveAttachment,
                            SaveScroll, ExportKey, DismissKeyBackup, UpdateRating, ExportRating, PickRatings, RemoveRater,
                            ReplaceRating, UpdateDistrict, OpenDistrictNotice, ExportDistrict, ImportDistrict, DistrictBundle,
                            PickBundles, RemoveBundle, PickDistrictPublicKey, RemoveDistrictPublicKey, SetAcceptancePosted,
                            ExportIntake,
                            // events from the page
                            UpdateReady, AttachmentStored, AttachmentProgress, AttachmentChecked, AttachmentMissing,
                            AttachmentStoreFailed, DraftFileChosen, KeyFileChosen, OfficeKeyChosen, PackageProgress,
                            PackageWritten, PackageDone, ReviewStarted, ReviewRestarted, ReviewDone, CountersignDone,
                            StorageReported, RatingFileChosen, RateLinkOpened, DistrictFileChosen, DistrictBundleProgress,
                            DistrictBundleDone, BundlesOpened, DistrictPublicKeyChosen, IntakeDone>;

// [SECTION] The parts of the application state

// A message for the user (a failed attachment, a built package).
struct Notice {
  std::string text;
  bool is_error = false;
  void say(std::string message, bool error = false) {
    text = std::move(message);
    is_error = error;
  }
};

// The package being built in the worker, and the last one built.
struct PackagingState {
  bool busy = false;     // the worker is building a package (or countersigning)
  bool hashing = false;  // written and offered; its SHA-256 is being computed
  std::uint64_t bytes = 0;
  float progress = 0;
  std::string last_id;  // the last package built
  std::string last_sha256;
  // The draft (as written) the package being built, and the last one built,
  // were made from: an edit since makes the package out of date.
  std::string requested_draft;
  std::string packaged_draft;
  bool stale = false;
};

// The keys kept in this browser, as file texts.
struct Keys {
  std::string secret_key;  // the encrypted key file (never in clear)
  std::string public_key;  // its minisign public key file (qaward::public_key_file)
  // The district office's own key, kept apart (issue 16): on a computer an
  // applicant also used, reviewer mode never countersigns with the
  // applicant's key.
  std::string district_secret_key;
  std::string district_public_key;
  // The office key the reviewer pinned (a minisign .pub file's text), or "":
  // a recommendation signed with another key is then reported invalid.
  std::string office_key;
  // The applicant's key was made here and its file not yet saved elsewhere:
  // the package screen offers it once (issue 20), until saved or declined.
  bool backup_offered = false;
};

// Work that must survive the browser's housekeeping (issue 20, item 6):
// what the browser keeps for this page and when the draft was last saved
// as a file. Browser storage is best-effort unless persistence is granted.
struct Keeping {
  bool reported = false;   // the page has said (navigator.storage exists)
  bool persisted = false;  // granted: not cleared under storage pressure
  bool asked = false;      // asked when the first attachment or key was stored
  double usage = 0, quota = 0;  // bytes, the browser's estimate
  std::optional<DateTime> exported_at;  // the draft file last downloaded
  std::string exported_draft;           // the draft as it was then (canonical JSON's SHA-256)
};

// The team self-assessment (issue 17). A rater's own rating, kept in this
// browser like a draft (qaward.rating) and handed in as a rating file; it
// never mixes with the organization's draft. The coordinator's side lives in
// the draft itself (its assessment's raters and their scores).
struct TeamState {
  Rating rating;                   // the rater's work in progress (rater mode)
  std::vector<std::string> asked;  // the items the link asks for (#rate=4.1,4.3.2: items or categories); empty: all
  // What the coordinator's last import said, file by file.
  std::vector<Notice> imported;
  // A file from a rater already imported, held until the coordinator says
  // whether it replaces their earlier one (never replaced unasked).
  std::optional<RatingFileChosen> replacement;
};

// Reviewer mode: the packages opened for the pre-check.
struct ReviewState {
  std::vector<ReviewedPackage> packages;
};

// The district's own procedure (issue 18, Article 11 (三)): its workspace,
// one case per package opened in reviewer mode, kept in this browser
// (qaward.district) and exchanged with the CLI as a qaward-district/1 file.
struct DistrictState {
  DistrictWorkspace workspace;
  bool busy = false;  // countersigning and bundling in the worker
  float progress = 0;
  Notice result;      // what the last bundle job said
};

// The municipal office's intake (Article 11 (四)): the districts' public keys
// it pinned (qaward.district_keys, .pub texts), the bundles opened (the page
// keeps the files, by name) and the worker's report over all of them.
struct OfficeState {
  std::vector<std::string> district_keys;
  std::vector<std::string> bundles;
  int checking = 0;       // intake runs asked for and not yet answered
  nlohmann::json report;  // intake_json's form; null before the first
  std::string acceptance_html, csv;
  std::optional<DateTime> posted;  // when the acceptance list is published (else left to fill in)
};

// What the interface keeps between frames, apart from the model.
// A long text edited in the page's own <textarea>, laid over the canvas where
// the widget drew its frame: the browser wraps it while it is written, shows
// the input method's composition and undoes by word (Dear ImGui 1.92.2b
// cannot wrap while editing). Rectangles in canvas pixels: x, y, w, h.
struct TextArea {
  std::array<float, 4> rect{};
  std::array<float, 4> visible{};  // the part not clipped by the scrolling panel
  float line = 0;                  // a line's height
  float padding = 0;               // the frame's inner padding
  std::string label;               // its accessible name
  std::string text;                // the draft's text
};

// How the page draws: WebGL2, WebGL1 where only that exists, or the software
// renderer where WebGL is missing (shown on the home page; the platform sets it).
enum class Renderer { none, webgl2, webgl1, software };

struct UiState {
  // Text being typed that is not yet valid (dates): kept per field so that
  // a half-typed date is not lost between frames.
  std::map<std::string, std::string> buffers;
  std::uint64_t frames_drawn = 0;
  bool update_ready = false;   // a newer version waits for the next visit
  bool draft_changed = false;  // the platform saves, then clears it
  bool draft_unsaved = false;  // the browser refused to store it (full or disabled storage)
  bool wants_tick = false;     // a countdown is on screen: redraw every second
  bool screen_changed = false; // the user moved to another screen: the page focuses its title
  // Where the content is scrolled, in lines (ImGui font sizes), so that a
  // reload returns there (issue 16): to scroll to once laid out, the last
  // position seen and the last one saved.
  std::optional<float> scroll_to;
  float scroll_seen = 0, scroll_saved = 0;
  std::optional<Screen> return_to;  // a summary's "change" came from there: a way back is shown
  // A field a change link leads to (issue 16): the JSON pointer of the draft
  // member, as diagnostics name it; its screen brings it into view once drawn.
  std::string reveal;
  std::string page_address;    // where this page is served (origin and path), for links to it
  bool narrow = false;         // below theme::kNarrowCssPx: the navigation is a menu
  bool menu_open = false;      // that menu, open over the content
  theme::TextSize text_size = theme::TextSize::standard;  // the user's choice, remembered
  Renderer renderer = Renderer::none;
  // Where named widgets were last drawn (x, y, w, h in canvas pixels), so that
  // end-to-end tests can click them: a canvas has no DOM to query.
  std::map<std::string, std::array<float, 4>> item_rects;
  // Long texts drawn this frame, and what the page's text areas sent since
  // (applied by the widget on the next frame, as if typed into it).
  std::map<std::string, TextArea> text_areas;
  std::map<std::string, std::string> text_area_input;
};

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
  std::vector<Diagnostic> preflight;  // what blocks packaging now
  std::optional<AssessmentSummary> assessment_summary;  // the self-assessment's totals and text counts
  std::string draft_digest;  // SHA-256 of the draft's canonical JSON (keeping.hpp: is the last export current?)
  // The draft names an edition this program does not have (kept as it is).
  bool edition_unknown = false;
  // How the edition in force differs from the default (empty for the default).
  std::vector<RuleDifference> edition_differences;

  // What this browser knows of each attachment, by DraftAttachment::path.
  std::map<std::string, AttachmentStatus> attachments;

  std::vector<Action> queued;  // filled by screens during a frame, and by the page's events
  Notice notice;
  PackagingState packaging;
  Keys keys;
  Keeping keeping;
  TeamState team;
  ReviewState review;
  DistrictState district;
  OfficeState office;
  UiState ui;

  [[nodiscard]] const Catalog& text() const { return catalog(language); }
  void queue(Action action) { queued.push_back(std::move(action)); }
  void edit(std::function<void(Draft&)> change) { queue(UpdateDraft{std::move(change)}); }
};

}  // namespace qaward::gui
