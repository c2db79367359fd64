// [SECTION] Sign and download: the organization's key (created here with a
// passphrase, kept only encrypted), the pre-flight list of everything that
// blocks packaging with a way to where it is fixed, the package built in the
// page and downloaded, and the cover sheet for the organization's seal.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app.hpp"
#include "qaward/signing.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

// A rough strength hint: length and variety, not a guarantee.
const char* strength_key(const std::string& passphrase) {
  std::size_t characters = 0;
  bool digit = false, lower = false, upper = false, other = false;
  for (std::size_t i = 0; i < passphrase.size(); ++i) {
    const auto c = static_cast<unsigned char>(passphrase[i]);
    if ((c & 0xC0) != 0x80) ++characters;
    digit |= std::isdigit(c) != 0;
    lower |= std::islower(c) != 0;
    upper |= std::isupper(c) != 0;
    other |= c >= 0x80 || std::ispunct(c) != 0 || c == ' ';
  }
  const int variety = digit + lower + upper + other;
  if (characters < 8) return "key.strength.short";
  if (characters >= 16 || (characters >= 12 && variety >= 3)) return "key.strength.strong";
  return variety >= 2 ? "key.strength.fair" : "key.strength.weak";
}

}  // namespace

Screen screen_to_fix(const Diagnostic& d) {
  if (const auto screen = screen_of_field(d.where)) return *screen;
  if (d.key == "pkg.missing_material" || d.key.starts_with("mat.")) return Screen::materials;
  if (d.key.starts_with("input.")) return Screen::profile;
  if (d.key.starts_with("key.")) return Screen::package;  // the key is made above, on this screen
  return Screen::eligibility;
}

namespace {

// Check the application before signing (issue 16, item 3; GOV.UK's "check
// your answers"): what the package will hold, each row with a way to where it
// is changed and, from there, back here.
void summary(AppState& state) {
  const Catalog& t = state.text();
  const bool en = state.language == Language::en;
  widgets::heading(t.text("pkg.summary"));
  widgets::colored_wrapped(widgets::kMuted, t.text("pkg.summary_hint"));
  const std::string unanswered = t.text("ui.unanswered");
  const auto& o = state.draft.profile.organization;
  struct Row {
    std::string label, value;
    Screen screen;
    const char* id;
    const char* field;  // the draft member the change leads to; "" for the screen's top
  };
  std::vector<Row> rows;
  rows.push_back({t.text("profile.name"), o.name.value_or(unanswered), Screen::profile, "summary.profile", "/profile/organization/name"});
  rows.push_back({t.text("pkg.row.eligibility"),
                  state.eligibility ? t.text("elig.outcome." + std::string(to_string(state.eligibility->outcome))) : unanswered,
                  Screen::eligibility, "summary.eligibility", ""});
  if (state.assessment_summary && state.services.criteria != nullptr) {
    const auto& s = *state.assessment_summary;
    rows.push_back({t.text("pkg.row.assessment"),
                    t.text("pkg.row.score", {{"total", format_points(s.total_centi)}, {"points", std::to_string(state.services.criteria->total_points)},
                                             {"scored", std::to_string(s.scored_items)}, {"items", std::to_string(s.item_count)}}),
                    Screen::assessment, "summary.assessment", ""});
  }
  const auto date = [en](const Date& d) { return en ? english_date(d) : chinese_date(d); };
  rows.push_back({t.text("pkg.row.publicity"),
                  state.publicity ? t.text("pkg.row.period", {{"first", date(state.publicity->first_day)}, {"last", date(state.publicity->last_day)}})
                                  : unanswered,
                  Screen::publicity, "summary.publicity", "/publicity/posted_at"});
  rows.push_back({t.text("pkg.row.materials"), t.text("pkg.row.files", {{"count", std::to_string(state.draft.attachments.size())}}),
                  Screen::materials, "summary.materials", ""});
  if (!widgets::begin_table("##summary", t.text("pkg.summary"), 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3.0f);
  for (const auto& row : rows) {
    ImGui::PushID(row.id);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    widgets::wrapped_text(row.label);
    ImGui::TableNextColumn();
    widgets::wrapped_text(row.value);
    ImGui::TableNextColumn();
    if (widgets::button(t.text("elig.s.change"), true, row.label)) {
      state.queue(Navigate{row.screen, false, row.field});
      state.ui.return_to = Screen::package;
    }
    record_item(state, row.id);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void screen_package(AppState& state) {
  const Catalog& t = state.text();
  widgets::heading(t.text("nav.package"), 1);
  widgets::help_marker(t.text("key.legal_note"));
  ImGui::Separator();

  // 1. The key.
  widgets::heading(t.text("key.title"));
  if (state.keys.secret_key.empty()) {
    widgets::wrapped_text(t.text("key.none"));
    std::string& pass = state.ui.buffers["new_passphrase"];
    std::string& again = state.ui.buffers["new_passphrase_again"];
    widgets::item_width(ImGui::GetFontSize() * 16.0f);
    widgets::input_text("##pass", t.text("key.passphrase").c_str(), &pass, ImGuiInputTextFlags_Password);
    record_item(state, "new_passphrase");
    const std::string strength = t.text(strength_key(pass));
    widgets::same_line(ImGui::CalcTextSize(strength.c_str()).x);
    widgets::text(strength);
    widgets::item_width(ImGui::GetFontSize() * 16.0f);
    widgets::input_text("##again", t.text("key.passphrase_again").c_str(), &again, ImGuiInputTextFlags_Password);
    record_item(state, "new_passphrase_again");
    const bool match = !pass.empty() && pass == again;
    if (!again.empty() && !match) widgets::colored_wrapped(widgets::kBad, t.text("cli.key.mismatch"));
    if (widgets::button(t.text("key.create")) && match && std::string(strength_key(pass)) != "key.strength.short") {
      state.queue(CreateKey{pass});
    }
    record_item(state, "create_key");
    widgets::same_line(widgets::button_width(t.text("key.import")));
    if (widgets::button(t.text("key.import"))) state.queue(ImportKey{});
  } else {
    const auto key = parse_public_key(state.keys.public_key);
    widgets::text(t.text("key.present"));
    if (key.ok()) {
      widgets::text(t.text("key.fingerprint") + " " + key.value().fingerprint());
      record_item(state, "fingerprint");
    }
    // Kept only in this browser (issue 20): its file, offered once when made,
    // and always to be had.
    if (state.keys.backup_offered) widgets::colored_wrapped(widgets::kWarn, t.text("key.backup_offer"));
    if (widgets::button(t.text("key.backup_download"), true)) state.queue(ExportKey{});
    record_item(state, "export_key");
    if (state.keys.backup_offered) {
      widgets::same_line(widgets::button_width(t.text("key.backup_later")));
      if (widgets::button(t.text("key.backup_later"), true)) state.queue(DismissKeyBackup{});
      record_item(state, "key_backup_later");
    }
  }
  ImGui::Separator();

  // 2. What still blocks packaging (pre-flight), each with where to fix it.
  widgets::heading(t.text("pkg.preflight"));
  const auto& blockers = state.preflight;
  if (blockers.empty()) {
    widgets::colored_wrapped(widgets::kGood, t.text("pkg.preflight_clear"));
  }
  for (std::size_t i = 0; i < blockers.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    // A wait (a file still being hashed) is not drawn as a fault.
    const bool wait = blockers[i].severity == Severity::warning;
    widgets::colored_wrapped(wait ? widgets::kWarn : widgets::kBad, (wait ? "… " : "× ") + in_words(t, blockers[i]));
    // (A problem fixed on this screen, the key, has no link to where it is.)
    if (const Screen there = screen_to_fix(blockers[i]); there != Screen::package) {
      if (widgets::button(t.text("pkg.fix"), true, t.text(std::string("nav.") + screen_tag(there)))) state.queue(Navigate{there, false, blockers[i].where});
    }
    ImGui::PopID();
  }
  ImGui::Separator();
  summary(state);
  ImGui::Separator();

  // 3. Build, download, cover sheet.
  if (!state.keys.secret_key.empty()) {
    std::string& pass = state.ui.buffers["passphrase"];
    widgets::item_width(ImGui::GetFontSize() * 16.0f);
    widgets::input_text("##unlock", t.text("key.passphrase").c_str(), &pass, ImGuiInputTextFlags_Password);
    record_item(state, "passphrase");
    widgets::same_line(widgets::button_width(t.text("pkg.build")));
    ImGui::BeginDisabled(!blockers.empty() || pass.empty() || state.packaging.busy);
    if (widgets::button(t.text("pkg.build"))) state.queue(BuildPackage{pass});
    record_item(state, "build_package");
    ImGui::EndDisabled();
  }
  if (state.packaging.busy) {
    const int percent = static_cast<int>(state.packaging.progress * 100);
    widgets::progress(state.packaging.progress, ImVec2(-1.0f, 0.0f),
                      t.text(state.packaging.hashing ? "pkg.progress_hashing" : "pkg.progress_writing",
                             {{"percent", std::to_string(percent)}}));
    record_item(state, "package_progress");
  }
  if (!state.notice.text.empty()) widgets::notice_text(state.notice.is_error, state.notice.text);
  if (!state.packaging.last_id.empty() && !state.packaging.busy) {
    if (state.packaging.stale) {  // the cover sheet would not match the package
      widgets::colored_wrapped(widgets::kWarn, t.text("pkg.stale", {{"id", state.packaging.last_id}}));
      record_item(state, "package_stale");
    } else {
      if (widgets::button(t.text("pkg.cover"))) state.queue(OpenCoverSheet{});
      record_item(state, "cover_sheet");
    }
  }
}

}  // namespace qaward::gui
