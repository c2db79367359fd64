// The interface drawn headless: every screen, a few frames each, with every
// fixture draft, in Chinese and in English, at a desktop and a phone size,
// and reviewer mode holding real verification reports. Dear ImGui runs with
// no backend (a context, a display size, NewFrame, Render, the draw data
// looked at, glyph textures accepted); its IM_ASSERT fails the test
// (imconfig_headless.h). Under the native-asan preset this finds the
// screens' memory errors and undefined behaviour before the browser tests do.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "headless.hpp"
#include "keeping.hpp"
#include "page_events.hpp"
#include "assessment_bridge.hpp"
#include "editions.hpp"
#include "package_support.hpp"
#include "packaging.hpp"
#include "platform.hpp"
#include "semantics.hpp"
#include "team.hpp"
#include "district.hpp"
#include "intake_documents.hpp"
#include "qaward/bundle.hpp"
#include "shipped_calendar.hpp"

namespace {

namespace fs = std::filesystem;
using namespace qaward;
using namespace qaward::gui;

// What is being drawn, for every failure message.
std::string drawing = "(setting up)";

// Every control Dear ImGui drew in the frame (its id and label), outside
// popups and tooltips: each must have a node in the semantics tree.
std::vector<std::pair<ImGuiID, std::string>> controls_drawn;

}  // namespace

// [SECTION] Dear ImGui's hooks (imconfig_headless.h)

extern "C" void __sanitizer_print_stack_trace() __attribute__((weak));

// An ImGui assertion: the screen broke one of ImGui's rules (a Push without
// its Pop, an ID clash at a window's root, ...). Aborts this test's process.
void qaward_imgui_assert_failed(const char* expression, const char* file, int line) {
  std::fprintf(stderr, "\nImGui assertion failed: %s\n  at %s:%d\n  while drawing: %s\n", expression, file, line,
               drawing.c_str());
  if (__sanitizer_print_stack_trace != nullptr) __sanitizer_print_stack_trace();
  std::fflush(stderr);
  std::abort();
}

// The test-engine hooks: every tree node and collapsing header is opened the
// frame after it is first drawn, so that what they hold is drawn too (the
// self-assessment's items, with their bands, sliders and notes).
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* /*ctx*/, ImGuiID /*id*/, const ImRect& /*bb*/,
                                 const ImGuiLastItemData* /*item_data*/) {}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  bool in_page = true;
  for (const ImGuiWindow* w = ctx->CurrentWindow; w != nullptr; w = w->ParentWindow) {
    if ((w->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip)) != 0) in_page = false;
  }
  if (in_page) controls_drawn.emplace_back(id, label != nullptr ? label : "");
  if ((flags & ImGuiItemStatusFlags_Openable) != 0 && (flags & ImGuiItemStatusFlags_Opened) == 0 &&
      ctx->CurrentWindow != nullptr) {
    ctx->CurrentWindow->DC.StateStorage->SetInt(id, 1);
  }
}
void ImGuiTestEngineHook_Log(ImGuiContext* /*ctx*/, const char* /*fmt*/, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext* /*ctx*/, ImGuiID /*id*/) { return nullptr; }

namespace {

// [SECTION] The platform: records what the interface asked of it, does nothing.
class NullPlatform final : public Platform {
 public:
  std::vector<std::string> calls;
  std::string last_document;  // the HTML of the last document opened
  std::string last_request;   // the last request handed to the worker
  [[nodiscard]] bool called(const std::string& name) const {
    return std::find(calls.begin(), calls.end(), name) != calls.end();
  }

  void request_frames(int /*frames*/) override { calls.emplace_back("request_frames"); }
  void set_document_language(Language /*language*/) override { calls.emplace_back("set_document_language"); }
  bool save(const char* key, const std::string& /*value*/) override {
    calls.push_back(std::string("save ") + key);
    return true;
  }
  void pick_files() override { calls.emplace_back("pick_files"); }
  void download(const std::string& /*path*/, const std::string& name) override { calls.push_back("download " + name); }
  void pick_draft() override { calls.emplace_back("pick_draft"); }
  void pick_key(bool district) override { calls.emplace_back(district ? "pick_key district" : "pick_key"); }
  void package_in_worker(const std::string& /*request*/, const std::vector<std::string>& /*names*/) override {
    calls.emplace_back("package_in_worker");
  }
  void pick_packages() override { calls.emplace_back("pick_packages"); }
  void pick_office_key() override { calls.emplace_back("pick_office_key"); }
  void pin_office_key(const std::string& /*office_key*/) override { calls.emplace_back("pin_office_key"); }
  void set_drop_target(const char* target) override { calls.push_back(std::string("drop_target ") + target); }
  void pick_ratings() override { calls.push_back("pick_ratings"); }
  void forget_attachment(const std::string& name) override { calls.push_back("forget_attachment " + name); }
  void check_attachments(const std::vector<std::pair<std::string, bool>>& /*names*/) override {
    calls.emplace_back("check_attachments");
  }
  void countersign_in_worker(int /*token*/, const std::string& /*request*/) override {
    calls.emplace_back("countersign_in_worker");
  }
  void district_bundle_in_worker(const std::string& packages, const std::string& request) override {
    calls.push_back("district_bundle_in_worker " + packages);
    last_request = request;
  }
  void pick_district_workspace() override { calls.emplace_back("pick_district_workspace"); }
  void pick_bundles() override { calls.emplace_back("pick_bundles"); }
  void forget_bundle(const std::string& name) override { calls.push_back("forget_bundle " + name); }
  void pick_district_public_key() override { calls.emplace_back("pick_district_public_key"); }
  void intake_in_worker(const std::string& request) override {
    calls.emplace_back("intake_in_worker");
    last_request = request;
  }
  void open_document(const std::string& html) override {
    calls.emplace_back("open_document");
    last_document = html;
  }
};

// [SECTION] Dear ImGui with no backend

struct Display {
  const char* name;
  float width, height;
};
constexpr Display kDisplays[] = {{"1366x768", 1366.0f, 768.0f}, {"390x844", 390.0f, 844.0f}};
constexpr int kFramesPerScreen = 3;  // windows, tables and opened headers settle in two
constexpr int kPagesPerWindow = 16;  // then scrolled down to the end, a page a frame (longer pages in a long window)
constexpr int kMaxPages = 100;

constexpr Screen kScreens[] = {Screen::home,      Screen::profile,   Screen::eligibility, Screen::assessment,
                               Screen::publicity, Screen::materials, Screen::package,     Screen::review,
                               Screen::district,  Screen::office,    Screen::rate};
const char* screen_name(Screen screen) {
  switch (screen) {
    case Screen::home: return "home";
    case Screen::profile: return "profile";
    case Screen::eligibility: return "eligibility";
    case Screen::assessment: return "assessment";
    case Screen::publicity: return "publicity";
    case Screen::materials: return "materials";
    case Screen::package: return "package";
    case Screen::review: return "review";
    case Screen::district: return "district";
    case Screen::office: return "office";
    case Screen::rate: return "rate";
  }
  return "?";
}

// Issue 15: the screens draw through the widgets (widgets.hpp), which report
// every control to the semantics tree; a control drawn with Dear ImGui
// directly would be invisible to screen readers and the keyboard.
void expect_every_control_in_the_tree() {
  std::set<std::string> keys;
  for (const auto& n : semantics::nodes()) keys.insert(n.key);
  for (const auto& [id, label] : controls_drawn) {
    if (ImGui::FindWindowByID(id) != nullptr) continue;  // a panel: its node is made by what it holds
    EXPECT_TRUE(keys.contains(semantics::key_of(id))) << "\"" << label << "\" has no semantics node: " << drawing;
  }
}

class Headless {
 public:
  Headless() : context_(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as the page
    // ImGui's own font: what is checked here is that the screens draw, not
    // which glyphs the font holds (tests/font_coverage.py checks those).
    // Glyphs are rasterised on demand, as in the page: this "renderer" takes
    // the atlas textures ImGui asks for (accept_textures).
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
    io.Fonts->AddFontDefault();
    ImGui::StyleColorsLight();
    // No ImGuiBackendFlags_RendererHasVtxOffset: the page's WebGL2 renderer
    // lacks it too, so a window of more than 64K vertices asserts here as there.
    context_->TestEngineHookItems = true;
  }
  ~Headless() { ImGui::DestroyContext(context_); }
  Headless(const Headless&) = delete;
  Headless& operator=(const Headless&) = delete;

  // When set, the text of every frame drawn is appended here line by line,
  // as Dear ImGui logs it (ImGui::LogToBuffer: the items of one line joined
  // by a blank, each line indented by its tree depth; nothing clipped).
  std::vector<std::string>* drawn_lines = nullptr;

  // One frame as the page draws it: the widgets, then the queued actions applied.
  void frame(AppState& state, Platform& platform, const Display& display) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(display.width, display.height);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    if (drawn_lines != nullptr) ImGui::LogToBuffer();
    controls_drawn.clear();
    draw_frame(state);
    expect_every_control_in_the_tree();
    if (drawn_lines != nullptr) {  // before the implicit window ends, which ends the log
      std::string_view log(GImGui->LogBuffer.c_str(), static_cast<std::size_t>(GImGui->LogBuffer.size()));
      for (std::size_t start = 0; start < log.size();) {
        const std::size_t end = std::min(log.find('\n', start), log.size());
        drawn_lines->emplace_back(log.substr(start, end - start));
        start = end + 1;
      }
      ImGui::LogFinish();
    }
    ImGui::Render();
    const ImDrawData* data = ImGui::GetDrawData();
    ASSERT_NE(data, nullptr) << drawing;
    EXPECT_TRUE(data->Valid) << drawing;
    EXPECT_GT(data->TotalVtxCount, 0) << "nothing drawn: " << drawing;
    headless::accept_textures(*data);
    (void)apply_actions(state, platform);
  }

 private:
  ImGuiContext* context_;
};

// Scrolls windows a page further down (what lies below the fold is laid out
// but not drawn until it is scrolled into view): a window once the windows
// inside it are at their end, so that the outer window then brings each
// inner one into view scrolled to its end, the way it is drawn at its
// heaviest. False once every window is at its end.
bool scroll_a_page() {
  const auto scrolls = [](const ImGuiWindow* window) { return window->Active && window->Scroll.y < window->ScrollMax.y; };
  std::vector<ImGuiWindow*> next;
  for (ImGuiWindow* window : GImGui->Windows) {
    if (!scrolls(window)) continue;
    const bool inner_first = std::any_of(GImGui->Windows.begin(), GImGui->Windows.end(), [&](const ImGuiWindow* inner) {
      return inner->ParentWindow == window && scrolls(inner);
    });
    if (!inner_first) next.push_back(window);
  }
  for (ImGuiWindow* window : next) {
    const float page = std::max(window->InnerRect.GetHeight() * 0.9f, window->ScrollMax.y / kPagesPerWindow);
    ImGui::SetScrollY(window, window->Scroll.y + page);
  }
  return !next.empty();
}

void scroll_to_top() {
  for (ImGuiWindow* window : GImGui->Windows) ImGui::SetScrollY(window, 0.0f);
}

// [SECTION] Application states

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The state the page starts with: the shipped data, and a clock inside the
// example's publicity period (its countdown runs).
AppState fresh_state() {
  const auto& editions = shipped_editions();
  AppState state;
  if (editions.ok()) {
    state.services.editions = &editions.value();
    state.services.rules = &editions.value().default_rules();  // until refresh_derived reads the draft's
  }
  if (shipped_calendar().ok()) state.services.calendar = &shipped_calendar().value();
  if (shipped_criteria().ok()) state.services.criteria = &shipped_criteria().value();
  EXPECT_TRUE(state.services.rules && state.services.calendar && state.services.criteria) << "shipped data";
  state.now = parse_datetime("2026-03-11T10:00").value();
  return state;
}

// A draft loaded as the page loads one (parse_draft); one that does not
// read leaves the empty draft and the page's notice saying so.
AppState state_with(const std::string& text) {
  AppState state = fresh_state();
  if (auto draft = parse_draft(text, *state.services.criteria); draft.ok()) {
    state.draft = std::move(draft).value();
  } else {
    state.notice.say(state.text().text("draft.import_failed", {{"reason", "?"}}), true);
  }
  refresh_derived(state);
  return state;
}

// Every screen, a few frames each, reached with Navigate through
// apply_actions; in both languages (SetLanguage) and at both sizes.
void draw_screens(Headless& ui, AppState& state, NullPlatform& platform, const std::string& what,
                  const std::vector<Screen>& screens = {std::begin(kScreens), std::end(kScreens)}) {
  for (const Language language : {Language::zh, Language::en}) {
    state.queue(SetLanguage{language});
    ASSERT_TRUE(apply_actions(state, platform));
    for (const auto& display : kDisplays) {
      for (const Screen screen : screens) {
        state.queue(Navigate{screen});
        (void)apply_actions(state, platform);
        ASSERT_EQ(state.screen, screen);
        scroll_to_top();
        const std::string where = what + ", screen " + screen_name(screen) + ", " +
                                  (language == Language::en ? "en" : "zh") + ", " + display.name;
        for (int f = 1; f <= kFramesPerScreen; ++f) {
          drawing = where + ", frame " + std::to_string(f);
          ui.frame(state, platform, display);
          if (testing::Test::HasFatalFailure()) return;
        }
        for (int page = 1; page <= kMaxPages && scroll_a_page(); ++page) {
          drawing = where + ", scrolled " + std::to_string(page) + " pages";
          ui.frame(state, platform, display);
          if (testing::Test::HasFatalFailure()) return;
        }
        // No input was given: drawing alone must not change the draft.
        EXPECT_FALSE(state.ui.draft_changed) << "the draft changed without input: " << drawing;
        EXPECT_EQ(state.screen, screen) << drawing;
      }
    }
  }
  EXPECT_TRUE(platform.called("set_document_language"));
  EXPECT_TRUE(platform.called("save qaward.language"));
  EXPECT_TRUE(std::any_of(platform.calls.begin(), platform.calls.end(), [](const std::string& c) { return c.starts_with("drop_target "); }));
  EXPECT_TRUE(platform.called("save qaward.screen")) << "a reload returns to the last screen";
  for (const Screen screen : kScreens) EXPECT_EQ(screen_from_tag(screen_tag(screen)), screen);
  EXPECT_FALSE(screen_from_tag("nowhere").has_value());
}

// [SECTION] The fixture drafts: the shipped example, an empty one, the fuzz
// corpus, and hostile drafts that still read.

nlohmann::json example_json() {
  return nlohmann::json::parse(read_file(fs::path(QAWARD_TEST_ASSETS_DIR) / "examples/draft.json"));
}

std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// Texts far over every limit: a 3,200-character overview on one line, a
// report over 30,000 characters, long names, notes, objections and records.
std::string long_texts() {
  auto d = example_json();
  d["profile"]["organization"]["name"] = repeat("乌鲁木齐天山精工𠮷", 60);  // 𠮷: outside the BMP
  d["profile"]["organization"]["district"] = repeat("经济技术开发区", 30);
  d["assessment"]["overview"] = repeat("质量", 1600);
  d["assessment"]["report"] = repeat(repeat("自评报告正文，含数据与案例。", 30) + "\n", 90);
  for (auto& score : d["assessment"]["scores"]) {
    score["evidence"] = repeat("证据", 2000);
    score["strengths"] = repeat("strength ", 500);
    score["improvements"] = repeat("改进", 1000);
  }
  d["publicity"]["where"] = repeat("公司一楼公告栏及内部办公网", 100);
  d["publicity"]["contact"]["person"] = repeat("古丽娜尔", 100);
  auto& objections = d["publicity"]["objections"];
  for (int i = 0; i < 40; ++i) {
    objections.push_back({{"received_on", "2026-03-10"},
                          {"from", repeat("生产部员工", 50)},
                          {"summary", repeat("对申报材料提出疑问", 100)},
                          {"resolution", ""}});
  }
  auto& incidents = d["profile"]["history"]["incidents"];
  for (int i = 0; i < 60; ++i) incidents.push_back({{"date", "2024-01-02"}, {"kind", "quality"}, {"major", i % 2 == 0}});
  return d.dump();
}

// Hundreds of attachments: long names, unknown categories, state-secret
// marks, some hashed and some not.
std::string many_attachments() {
  auto d = example_json();
  auto& list = d["attachments"];
  for (int i = 0; i < 300; ++i) {
    nlohmann::json a = {{"path", "附件/" + repeat("很长的附件名称", 8) + std::to_string(i) + ".pdf"},
                        {"title", i % 7 == 0 ? "机密★5年 内部资料" : repeat("附件标题", 20)},
                        {"category", i % 3 == 0 ? "other" : i % 3 == 1 ? "application_form" : "no_such_category"},
                        {"trade_secret", i % 2 == 0}};
    if (i % 4 == 0) {
      a["checked"] = {{"size", std::uint64_t{1} << (i % 40)}, {"sha256", std::string(64, 'a')},
                      {"crc32", 12345}, {"state_secret_mark", i % 8 == 0}};
    }
    list.push_back(std::move(a));
  }
  return d.dump();
}

// Only a few fields; a posting at the end of a year outside the calendar's
// data (an estimated period across two months and two years).
std::string missing_fields() {
  return nlohmann::json{{"format", "qaward-draft/1"},
                        {"profile", {{"format", "qaward-profile/1"}, {"organization", {{"name", "只有名称"}}}}},
                        {"publicity", {{"posted_at", "2029-12-28T09:00"}}}}
      .dump();
}

// A publicity period that is over, across the National Day holidays, counted
// nationally, the posting day counting, ending at a close of business.
std::string publicity_over() {
  auto d = example_json();
  auto& publicity = d["publicity"];
  publicity["posted_at"] = "2025-09-26T16:00";
  publicity["posting_day_counts"] = true;
  publicity["close_of_business"] = "19:30";
  publicity["region"] = "national";
  return d.dump();
}

// The example under another edition: the draft edition (the eligibility
// screen lists how it differs from the default), or one not shipped (kept,
// the default used, a warning on home and eligibility).
std::string with_edition(const std::string& edition) {
  auto d = example_json();
  d["edition"] = edition;
  return d.dump();
}

struct Fixture {
  std::string name;
  std::string text;
  bool must_read = true;  // false: the fuzz corpus holds inputs the page refuses
};

std::vector<Fixture> fixtures() {
  std::vector<Fixture> out = {
      {"example", example_json().dump()},
      {"empty", draft_to_json(AppState{}.draft)},  // as the page saves the draft of a first visit
      {"long_texts", long_texts()},
      {"many_attachments", many_attachments()},
      {"missing_fields", missing_fields()},
      {"publicity_over", publicity_over()},
      {"draft_edition", with_edition("urumqi-2025-draft")},
      {"unknown_edition", with_edition("urumqi-1999")},
  };
  std::vector<fs::path> corpus;
  for (const auto& entry : fs::directory_iterator(QAWARD_TEST_CORPUS_DIR)) corpus.push_back(entry.path());
  std::sort(corpus.begin(), corpus.end());
  for (const auto& path : corpus) {
    std::string name = "corpus_" + path.stem().string();
    for (auto& c : name) {
      if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
    }
    out.push_back({name, read_file(path), false});
  }
  return out;
}

void PrintTo(const Fixture& fixture, std::ostream* out) { *out << fixture.name; }

class UiSmoke : public testing::TestWithParam<Fixture> {};

TEST_P(UiSmoke, DrawsEveryScreen) {
  const Fixture& fixture = GetParam();
  AppState state = state_with(fixture.text);
  if (fixture.must_read) {
    ASSERT_FALSE(state.notice.is_error) << fixture.name << " does not read as a draft";
  }
  Headless ui;
  NullPlatform platform;
  draw_screens(ui, state, platform, "draft " + fixture.name);
}

INSTANTIATE_TEST_SUITE_P(Drafts, UiSmoke, testing::ValuesIn(fixtures()),
                         [](const testing::TestParamInfo<Fixture>& param) { return param.param.name; });

// [SECTION] The rule edition follows the draft: what it names when shipped,
// otherwise the default (the name kept); the differences from the default
// are derived with it.
TEST(UiSmokeStates, EditionFollowsTheDraft) {
  AppState state = state_with(with_edition("urumqi-2025-draft"));
  ASSERT_NE(state.services.rules, nullptr);
  EXPECT_EQ(state.services.rules->edition, "urumqi-2025-draft");
  EXPECT_FALSE(state.edition_unknown);
  ASSERT_FALSE(state.edition_differences.empty());
  EXPECT_EQ(state.edition_differences.front().id, "art2.organization-kind");

  NullPlatform platform;
  const auto default_id = state.services.editions->default_edition;
  state.edit([&](Draft& d) { d.edition = default_id; });  // as the home screen's choice does
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_EQ(state.services.rules->edition, default_id);
  EXPECT_TRUE(state.edition_differences.empty());
  EXPECT_TRUE(state.ui.draft_changed);

  AppState unknown = state_with(with_edition("urumqi-1999"));
  EXPECT_EQ(unknown.services.rules->edition, default_id);
  EXPECT_TRUE(unknown.edition_unknown);
  EXPECT_EQ(unknown.draft.edition, "urumqi-1999");
  EXPECT_NE(draft_to_json(unknown.draft).find("\"edition\": \"urumqi-1999\""), std::string::npos);
}

// [SECTION] Chinese line breaking as drawn (issue 14): every screen's text,
// line by line as Dear ImGui logs it, with a long notice full of Chinese
// punctuation (drawn wrapped on every screen) and a long report (wrapped
// below its editor): no line starts with closing punctuation or ends with
// opening punctuation, at both sizes and in both languages.
TEST(UiSmokeStates, DrawnLinesFollowChineseLineBreaking) {
  auto d = example_json();
  d["assessment"]["report"] = repeat(repeat("自评报告正文，含数据与案例（见附件）。", 12) + "\n", 3);
  AppState state = state_with(d.dump());
  state.notice.say(repeat("他说：“质量是企业的生命。”我们坚持诚信、创新——持续改进……", 12), false);
  Headless ui;
  NullPlatform platform;
  std::vector<std::string> lines;
  ui.drawn_lines = &lines;
  draw_screens(ui, state, platform, "Chinese line breaking");
  const auto starts_with_any = [](std::string_view line, std::initializer_list<std::string_view> marks) {
    return std::any_of(marks.begin(), marks.end(), [&](std::string_view m) { return line.starts_with(m); });
  };
  const auto ends_with_any = [](std::string_view line, std::initializer_list<std::string_view> marks) {
    return std::any_of(marks.begin(), marks.end(), [&](std::string_view m) { return line.ends_with(m); });
  };
  std::size_t checked = 0;
  for (const std::string& logged : lines) {
    std::string_view line(logged);
    line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
    line.remove_suffix(line.size() - (line.find_last_not_of(' ') + 1));
    if (line.empty()) continue;
    ++checked;
    // (Not "…": the package screen starts a line with it on purpose, as the mark of a wait.)
    EXPECT_FALSE(starts_with_any(line, {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "”", "’"})) << line;
    EXPECT_FALSE(ends_with_any(line, {"（", "《", "「", "『", "“", "‘"})) << line;
  }
  EXPECT_GT(checked, 1000u);
}

// [SECTION] Input as the page gives it: a click on a named item (at the
// middle of where it was last drawn, as the end-to-end tests click), keys,
// typed text; each followed by frames, as the page draws after an event.

constexpr Display kTall = {"1366x1500", 1366.0f, 1500.0f};

void settle(Headless& ui, AppState& state, NullPlatform& platform, int frames = 2) {
  for (int f = 0; f < frames; ++f) ui.frame(state, platform, kTall);
}

// The text a screen draws, line by line (ImGui's log), once it has settled.
std::string drawn_text(Headless& ui, AppState& state, NullPlatform& platform, Screen screen) {
  state.queue(Navigate{screen});
  settle(ui, state, platform, 1 + kFramesPerScreen);
  std::vector<std::string> lines;
  ui.drawn_lines = &lines;
  settle(ui, state, platform, 1);
  ui.drawn_lines = nullptr;
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

// Scrolls the named item into view (false if it never shows).
bool bring_into_view(Headless& ui, AppState& state, NullPlatform& platform, const std::string& item) {
  settle(ui, state, platform, 1);  // a Navigate queued is applied after a frame
  scroll_to_top();
  settle(ui, state, platform, kFramesPerScreen);
  for (int page = 0; page < kMaxPages; ++page) {
    const auto it = state.ui.item_rects.find(item);
    if (it != state.ui.item_rects.end() && it->second[1] >= 0.0f && it->second[1] + it->second[3] <= kTall.height) return true;
    if (!scroll_a_page()) return false;
    settle(ui, state, platform);
  }
  return false;
}

void click(Headless& ui, AppState& state, NullPlatform& platform, const std::string& item) {
  const auto [x, y, w, h] = state.ui.item_rects.at(item);
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(x + w / 2.0f, y + h / 2.0f);
  settle(ui, state, platform, 1);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
  settle(ui, state, platform, 1);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
  settle(ui, state, platform);
}

void press(Headless& ui, AppState& state, NullPlatform& platform, ImGuiKey key) {
  ImGui::GetIO().AddKeyEvent(key, true);
  settle(ui, state, platform, 1);
  ImGui::GetIO().AddKeyEvent(key, false);
  settle(ui, state, platform);
}

void type(Headless& ui, AppState& state, NullPlatform& platform, const std::string& text) {
  ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
  settle(ui, state, platform, 4);
}

// [SECTION] Escape in a text field leaves the field with what was typed
// (issue 14, item 5): Dear ImGui's InputText reverts its edit on Escape, and
// since each keystroke is already in the draft, the revert wrote the old
// text back over the user's work. For each kind of field: a text field, a
// date, and a field a screen draws itself. (Long texts are edited in the
// page's own text areas, where Escape keeps the text: LongTextsTakeWhatThePageTyped.)
TEST(UiSmokeStates, EscapeKeepsWhatWasTyped) {
  struct Field {
    Screen screen;
    const char* item;
    const char* typed;
    std::function<std::string(const AppState&)> in_draft;
  };
  const std::vector<Field> fields = {
      {Screen::profile, "org_name", "天山精工", [](const AppState& s) { return s.draft.profile.organization.name.value_or(""); }},
      {Screen::profile, "established_on", "2020-01-02",
       [](const AppState& s) { return s.draft.profile.organization.established_on ? to_string(*s.draft.profile.organization.established_on) : ""; }},
      {Screen::publicity, "posted_at", "2026-03-06T15:00",
       [](const AppState& s) { const auto& at = publicity_of(s.draft).posted_at; return at ? to_iso(*at).substr(0, 16) : ""; }},
  };
  AppState state = state_with(draft_to_json(AppState{}.draft));
  Headless ui;
  NullPlatform platform;
  for (const Field& field : fields) {
    SCOPED_TRACE(field.item);
    drawing = std::string("typing into ") + field.item;
    state.queue(Navigate{field.screen});
    ASSERT_TRUE(bring_into_view(ui, state, platform, field.item));
    click(ui, state, platform, field.item);
    ASSERT_NE(GImGui->ActiveId, 0u) << "the click did not enter the field";
    type(ui, state, platform, field.typed);
    ASSERT_EQ(field.in_draft(state), field.typed);
    press(ui, state, platform, ImGuiKey_Escape);
    EXPECT_EQ(GImGui->ActiveId, 0u) << "Escape leaves the field";
    EXPECT_EQ(field.in_draft(state), field.typed) << "Escape kept what was typed";
    settle(ui, state, platform, 3);
    EXPECT_EQ(field.in_draft(state), field.typed);
  }
}

// [SECTION] Long texts (issue 14, item 3): each long text the screen draws
// asks the page for a text area over its frame, with what the draft holds;
// what the page's text area sends is applied to the draft on the next frame;
// one scrolled out of view asks for a text area shown nowhere.
TEST(UiSmokeStates, LongTextsTakeWhatThePageTyped) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  state.queue(Navigate{Screen::assessment});
  settle(ui, state, platform, 3);
  ASSERT_TRUE(bring_into_view(ui, state, platform, "overview"));
  const auto& areas = state.ui.text_areas;
  ASSERT_TRUE(areas.count("overview")) << "the overview asks for a text area";
  const TextArea& overview = areas.at("overview");
  EXPECT_EQ(overview.text, assessment_or_empty(state.draft).overview);
  EXPECT_EQ(overview.label, catalog(Language::zh).text("cli.assess.overview"));
  EXPECT_GT(overview.visible[2], 0.0f);
  EXPECT_GT(overview.visible[3], 0.0f);
  EXPECT_GE(overview.rect[3], overview.line * 8.0f) << "eight lines high";
  // Each scored item's evidence, strengths and improvements are long texts too.
  EXPECT_GE(std::count_if(areas.begin(), areas.end(), [](const auto& a) { return a.first.rfind("item.", 0) == 0; }), 3);

  const std::string typed = "公司坚持质量第一，持续改进。\n第二段：顾客满意度连续三年提升。";
  state.ui.text_area_input["overview"] = typed;
  settle(ui, state, platform, 2);
  EXPECT_EQ(assessment_or_empty(state.draft).overview, typed);
  EXPECT_TRUE(state.ui.text_area_input.empty()) << "applied once";
  EXPECT_EQ(state.ui.text_areas.at("overview").text, typed);

  // The report, further down, when scrolled to.
  ASSERT_TRUE(bring_into_view(ui, state, platform, "report"));
  EXPECT_GT(state.ui.text_areas.at("report").visible[3], 0.0f);
  state.queue(Navigate{Screen::home});
  settle(ui, state, platform, 2);
  EXPECT_TRUE(state.ui.text_areas.empty()) << "another screen draws no long text";
}

// [SECTION] A question starts with no answer chosen (issue 14, item 5; a
// radio is never preselected): 是 / 否 and 没有 / 有，如下 with neither
// chosen, no "not answered" radio chosen for the user; an answer is taken
// back with the clear button. Radios are read from ImGui's log: "(x)" chosen,
// "( )" not.
// [SECTION] Statuses that do not contradict each other (issue 16): a period
// that ended with an objection still open does not say "可以报送" and is not
// "done"; with the objection settled it is both.
TEST(UiSmokeStates, AnOpenObjectionIsNotCalledDone) {
  for (const bool settled : {true, false}) {
    SCOPED_TRACE(settled ? "objection settled" : "objection open");
    auto d = example_json();
    if (!settled) {
      d["publicity"]["objections"][0].erase("resolution");
      d["publicity"]["objections"][0].erase("resolved_on");
    }
    AppState state = state_with(d.dump());
    state.now = parse_datetime("2026-04-01T10:00").value();  // the period is long over
    refresh_derived(state);
    Headless ui;
    NullPlatform platform;
    std::string text = drawn_text(ui, state, platform, Screen::publicity);
    text.erase(std::remove(text.begin(), text.end(), '\n'), text.end());  // wrapped lines joined
    EXPECT_EQ(open_objection_count(state), settled ? 0u : 1u);
    EXPECT_EQ(screen_status(state, Screen::publicity).status, settled ? Status::done : Status::problem);
    EXPECT_EQ(text.find("可以报送") != std::string::npos, settled) << text;
    EXPECT_EQ(text.find("尚未处理完毕") != std::string::npos, !settled) << text;
  }
}

// A material whose file this browser no longer holds is not ticked (issue 16):
// it says the file was not found instead.
TEST(UiSmokeStates, AMaterialWhoseFileIsMissingIsNotTicked) {
  for (const bool missing : {false, true}) {
    SCOPED_TRACE(missing ? "files missing here" : "files here");
    AppState state = state_with(example_json().dump());
    for (const auto& a : state.draft.attachments) state.attachments[a.path].missing = missing;
    Headless ui;
    NullPlatform platform;
    const std::string text = drawn_text(ui, state, platform, Screen::materials);
    ASSERT_FALSE(state.draft.attachments.empty());
    EXPECT_EQ(text.find("√") != std::string::npos, !missing) << text;
    EXPECT_EQ(text.find("× ") != std::string::npos, missing) << text;
  }
}

// A valid signature over a package that failed its checks is not shown as
// good news under the red verdict (issue 16): it is a warning saying the
// signature does not vouch for the contents.
TEST(UiSmokeStates, AValidSignatureOverAFailedPackageIsAWarning) {
  for (const bool package_valid : {true, false}) {
    SCOPED_TRACE(package_valid ? "package valid" : "package failed");
    VerifyReport r;
    r.valid = package_valid;
    r.signature.present = true;
    r.signature.valid = true;
    r.signature.key_id = "0123456789ABCDEF";
    const auto lines = report_lines(r, catalog(Language::zh), {});
    ASSERT_FALSE(lines.empty());
    const ReportLine& line = lines.front();
    EXPECT_EQ(line.tone, package_valid ? ReportLine::Tone::good : ReportLine::Tone::warning);
    EXPECT_EQ(line.text.find("签名不能证明") != std::string::npos, !package_valid) << line.text;
    EXPECT_EQ(std::count_if(lines.begin(), lines.end(), [](const ReportLine& l) { return l.tone == ReportLine::Tone::good; }),
              package_valid ? 1 : 0);
  }
}

// Issue 15: what a screen reader hears of the eligibility screen comes from
// the widgets: the title as a heading, each question's answers as a radio
// group named by the question, the verdict as a status, the navigation and
// the content as landmarks, in reading order (the navigation first).
TEST(UiSmokeStates, TheSemanticsTreeNamesQuestionsAnswersAndTheVerdict) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  (void)drawn_text(ui, state, platform, Screen::eligibility);
  const auto& nodes = semantics::nodes();
  const auto find = [&](const std::string& key) -> const semantics::Node* {
    for (const auto& n : nodes) {
      if (n.key == key) return &n;
    }
    return nullptr;
  };
  const Catalog& t = state.text();
  int titles = 0, groups = 0, landmarks = 0;
  bool anomaly = false, verdict = false;
  std::size_t nav_at = nodes.size(), main_at = nodes.size();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    if (n.landmark == semantics::Landmark::navigation) nav_at = i;
    if (n.landmark == semantics::Landmark::main) main_at = i;
    if (n.landmark != semantics::Landmark::none) ++landmarks;
    if (n.role == semantics::Role::heading && n.level == 1 && n.name == t.text("nav.eligibility")) ++titles;
    if (n.role == semantics::Role::status && n.name.find(t.text("elig.outcome.eligible")) != std::string::npos) verdict = true;
    if (n.role != semantics::Role::radio_group) continue;
    ++groups;
    const semantics::Node* legend = find(n.labelled_by);
    ASSERT_NE(legend, nullptr) << "a radio group without its question";
    if (legend->name == t.text("elig.q.anomaly")) anomaly = true;
    std::vector<std::string> options;
    for (const auto& o : nodes) {
      if (o.parent == n.key && o.role == semantics::Role::radio) options.push_back(o.name);
    }
    EXPECT_GE(options.size(), 2U) << legend->name;
  }
  EXPECT_EQ(titles, 1);
  EXPECT_TRUE(anomaly) << "the business-anomaly question names its answers";
  EXPECT_GE(groups, 9) << "five yes/no questions, four record lists, the text size";
  EXPECT_TRUE(verdict) << "the verdict is a status";
  EXPECT_EQ(landmarks, 2);
  EXPECT_LT(nav_at, main_at) << "the navigation is read first";
}

TEST(UiSmokeStates, QuestionsStartWithNoAnswerChosen) {
  AppState state = state_with(draft_to_json(AppState{}.draft));
  Headless ui;
  NullPlatform platform;
  const auto drawn = [&](Screen screen) { return drawn_text(ui, state, platform, screen); };
  for (const Screen screen : {Screen::profile, Screen::eligibility}) {
    SCOPED_TRACE(screen_name(screen));
    std::string text = drawn(screen);
    // The text size is a setting, not a question: one always applies.
    if (const auto at = text.find("(x) 标准"); at != std::string::npos) text.erase(at, 3);
    EXPECT_NE(text.find("( ) 是 ( ) 否"), std::string::npos) << text;
    EXPECT_EQ(text.find("(x)"), std::string::npos) << text;
    EXPECT_EQ(text.find(") 未回答"), std::string::npos) << "a radio for not answering";
    EXPECT_EQ(text.find("清除"), std::string::npos) << "nothing to clear yet";
  }
  EXPECT_EQ(state.ui.item_rects.count("registered.clear"), 0u);

  drawing = "answering and clearing";
  state.queue(Navigate{Screen::profile});
  ASSERT_TRUE(bring_into_view(ui, state, platform, "registered.yes"));
  click(ui, state, platform, "registered.yes");
  EXPECT_EQ(state.draft.profile.organization.registered_in_urumqi, std::optional<bool>(true));
  const std::string answered = drawn(Screen::profile);
  EXPECT_NE(answered.find("(x) 是 ( ) 否 [ 清除 ]"), std::string::npos) << answered;
  ASSERT_TRUE(bring_into_view(ui, state, platform, "registered.clear"));
  click(ui, state, platform, "registered.clear");
  EXPECT_EQ(state.draft.profile.organization.registered_in_urumqi, std::nullopt);

  state.queue(Navigate{Screen::eligibility});
  ASSERT_TRUE(bring_into_view(ui, state, platform, "incidents.none"));
  click(ui, state, platform, "incidents.none");
  ASSERT_TRUE(state.draft.profile.history.incidents.has_value());
  EXPECT_TRUE(state.draft.profile.history.incidents->empty());
  ASSERT_TRUE(bring_into_view(ui, state, platform, "incidents.clear"));
  click(ui, state, platform, "incidents.clear");
  EXPECT_FALSE(state.draft.profile.history.incidents.has_value());
}

// [SECTION] The package screen through its states: the key created through
// the action queue, a package being written, then hashed, then built; a
// failure.
TEST(UiSmokeStates, PackageScreen) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const std::vector<Screen> screens = {Screen::package, Screen::materials};
  draw_screens(ui, state, platform, "package, no key", screens);

  state.queue(CreateKey{"correct horse battery staple"});
  ASSERT_TRUE(apply_actions(state, platform));
  ASSERT_FALSE(state.keys.secret_key.empty());
  EXPECT_TRUE(platform.called("save qaward.key"));
  state.ui.draft_changed = false;  // the page saves the draft here
  draw_screens(ui, state, platform, "package, key created", screens);

  for (auto& a : state.draft.attachments) state.attachments[a.path] = {1000, 400, false};  // the worker's progress
  if (!state.draft.attachments.empty()) state.attachments[state.draft.attachments.front().path].missing = true;
  state.packaging.busy = true;
  state.packaging.progress = 0.4f;
  draw_screens(ui, state, platform, "package, writing", screens);

  package_written(state, R"({"package_id": "QA-91330100716105852F-20260316T100000", "size": 123456})");
  draw_screens(ui, state, platform, "package, hashing", screens);

  package_finished(state, R"({"ok": true, "package_id": "QA-91330100716105852F-20260316T100000", "sha256": ")" +
                              std::string(64, 'b') + R"(", "fingerprint": "AB12 CD34"})");
  draw_screens(ui, state, platform, "package, built", screens);

  state.packaging.busy = true;
  package_finished(state, R"({"ok": false, "message": {"zh": "存储空间不足", "en": "Storage is full"}})");
  EXPECT_TRUE(state.notice.is_error);
  draw_screens(ui, state, platform, "package, failed", screens);
}

// [SECTION] The materials step in the navigation follows where each
// pre-flight problem is fixed, not the wording of its message: a file still
// being hashed is a wait, a name that cannot be packaged a problem.
TEST(UiSmokeStates, MaterialsStatusFollowsWhereProblemsAreFixed) {
  AppState state = state_with(example_json().dump());
  ASSERT_FALSE(state.draft.attachments.empty());
  for (auto& a : state.draft.attachments) a.checked = AttachedFile{10, std::string(64, 'a'), 0, false};
  refresh_derived(state);
  EXPECT_EQ(screen_status(state, Screen::materials).status, Status::done);

  state.draft.attachments.front().checked.reset();  // the worker is hashing it
  refresh_derived(state);
  EXPECT_EQ(screen_status(state, Screen::materials).status, Status::in_progress);

  auto bad = state.draft.attachments.back();
  bad.path = "附件/CON.txt";  // Windows cannot unpack it: refused
  state.draft.attachments.push_back(bad);
  refresh_derived(state);
  EXPECT_EQ(screen_status(state, Screen::materials).status, Status::problem);
  const auto at = "/attachments/" + std::to_string(state.draft.attachments.size() - 1);
  const auto named = std::find_if(state.preflight.begin(), state.preflight.end(), [&](const Diagnostic& d) { return d.where.starts_with(at); });
  ASSERT_NE(named, state.preflight.end());
  EXPECT_EQ(named->severity, Severity::error);
  EXPECT_EQ(screen_to_fix(*named), Screen::materials);
  // The missing key is made on the package screen itself (it led to eligibility).
  EXPECT_EQ(screen_to_fix(Diagnostic{Severity::error, "key.missing", {}, ""}), Screen::package);

  state.draft.attachments.clear();
  refresh_derived(state);
  EXPECT_EQ(screen_status(state, Screen::materials).status, Status::not_started);
}

// An edit after packaging makes the package out of date (issue 16): the
// navigation no longer calls it done and the package screen says why (and
// offers no cover sheet, which would not match); undoing the edit makes it
// current again.
TEST(UiSmokeStates, AnEditAfterPackagingMakesThePackageOutOfDate) {
  AppState state = state_with(example_json().dump());
  NullPlatform platform;
  state.queue(CreateKey{"correct horse battery staple"});
  ASSERT_TRUE(apply_actions(state, platform));
  build_package(state, platform, "correct horse battery staple");
  package_finished(state, R"({"ok": true, "package_id": "QA-1", "sha256": ")" + std::string(64, 'b') + R"("})");
  ASSERT_EQ(state.packaging.last_id, "QA-1");
  EXPECT_EQ(screen_status(state, Screen::package).status, Status::done);
  const std::string name = *state.draft.profile.organization.name;
  Headless ui;
  EXPECT_EQ(drawn_text(ui, state, platform, Screen::package).find("不含这些修改"), std::string::npos);

  state.edit([](Draft& d) { d.profile.organization.name = "改过的名称"; });
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_TRUE(state.packaging.stale);
  EXPECT_EQ(screen_status(state, Screen::package).status, Status::problem);
  const std::string text = drawn_text(ui, state, platform, Screen::package);
  EXPECT_NE(text.find("不含这些修改"), std::string::npos) << text;
  EXPECT_EQ(text.find(catalog(Language::zh).text("pkg.cover")), std::string::npos) << "a cover sheet that would not match";

  state.edit([name](Draft& d) { d.profile.organization.name = name; });
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_FALSE(state.packaging.stale);
  EXPECT_EQ(screen_status(state, Screen::package).status, Status::done);
}

// The self-assessment is not "done" with the overview over its limit (issue 16).
TEST(UiSmokeStates, AnOverviewOverItsLimitIsNotDone) {
  AppState state = state_with(example_json().dump());
  ASSERT_EQ(screen_status(state, Screen::assessment).status, Status::done) << "the example scores every item";
  NullPlatform platform;
  state.edit([](Draft& d) { edit_assessment(d).overview = repeat("质", 3001); });
  ASSERT_TRUE(apply_actions(state, platform));
  ASSERT_TRUE(summarize(assessment_or_empty(state.draft), *state.services.criteria).overview.over());
  EXPECT_EQ(screen_status(state, Screen::assessment).status, Status::problem);
}

// A step that cannot start, or needs attention, says why (issue 16): a blank
// draft's publicity waits for the organization's name, its package for the
// problems to fix; a not-eligible organization's publicity is not merely
// "not started".
TEST(UiSmokeStates, StepsSayWhyTheyCannotStartOrNeedAttention) {
  const Catalog& zh = catalog(Language::zh);
  AppState blank = state_with(draft_to_json(AppState{}.draft));
  const auto publicity = screen_status(blank, Screen::publicity);
  EXPECT_EQ(publicity.status, Status::cannot_start);
  EXPECT_EQ(publicity.reason, zh.text("status.why.need_name"));
  const auto package = screen_status(blank, Screen::package);
  EXPECT_EQ(package.status, Status::cannot_start);
  EXPECT_EQ(package.reason, zh.text("status.why.problems", {{"n", std::to_string(blank.preflight.size())}}));
  EXPECT_EQ(screen_status(blank, Screen::profile).reason, "") << "a plain status needs no reason";

  auto d = example_json();
  d["profile"]["history"]["on_serious_violation_list"] = true;  // on the serious-violation list: cannot apply
  AppState refused = state_with(d.dump());
  ASSERT_TRUE(refused.eligibility.has_value());
  ASSERT_EQ(refused.eligibility->outcome, Eligibility::not_eligible);
  for (const Screen screen : {Screen::eligibility, Screen::publicity}) {
    const auto s = screen_status(refused, screen);
    EXPECT_EQ(s.status, Status::problem) << screen_name(screen);
    EXPECT_EQ(s.reason, zh.text("status.why.not_eligible")) << screen_name(screen);
  }
}

// Home names the rules it calls unverified, each with why (issue 16), not only their number.
TEST(UiSmokeStates, HomeNamesTheUnverifiedRules) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const std::string text = drawn_text(ui, state, platform, Screen::home);
  std::size_t named = 0;
  for (const auto& check : state.services.rules->checks) {
    if (check.verified) continue;
    EXPECT_NE(text.find(check.citation.zh), std::string::npos) << check.id << "\n" << text;
    ++named;
  }
  EXPECT_EQ(named, state.services.rules->unverified_checks().size());
  EXPECT_GT(named, 0u) << "the issued edition carries rules over from the draft";
}

// Issue 16, item 2: home guides a first-time applicant - the six steps in
// order, each with its status and a link to it, the materials to prepare
// (from the rule edition), and that the call notice decides.
TEST(UiSmokeStates, HomeGuidesTheApplicantThroughTheSteps) {
  AppState state = state_with(draft_to_json(AppState{}.draft));
  Headless ui;
  NullPlatform platform;
  const std::string text = drawn_text(ui, state, platform, Screen::home);
  const Catalog& t = state.text();
  std::size_t at = 0;
  for (const char* step : {"nav.profile", "nav.eligibility", "nav.assessment", "nav.publicity", "nav.materials", "nav.package"}) {
    const auto found = text.find(t.text(step), at);
    ASSERT_NE(found, std::string::npos) << step << " missing or out of order\n" << text;
    at = found;
  }
  EXPECT_NE(text.find(t.text("status.cannot_start")), std::string::npos) << "each step says where it stands";
  for (const auto& m : state.services.rules->materials) EXPECT_NE(text.find(m.name), std::string::npos) << m.category;
  EXPECT_NE(text.find("申报通知"), std::string::npos) << "the call notice decides";
  click(ui, state, platform, "step.publicity");
  EXPECT_EQ(state.screen, Screen::publicity) << "a step's name leads to it";
}

// Issue 16, item 7: a screen the user scrolled and stayed at is saved (for a
// reload); another screen starts at its top, not where the last one was.
TEST(UiSmokeStates, ScrollIsSavedAndANewScreenStartsAtItsTop) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const auto frames = [&](int n) {  // a low window, which both screens overflow
    for (int f = 0; f < n; ++f) ui.frame(state, platform, Display{"1366x300", 1366.0f, 300.0f});
  };
  state.queue(Navigate{Screen::assessment});
  frames(5);
  ImGuiWindow* content = nullptr;
  for (ImGuiWindow* w : GImGui->Windows) {
    const std::string_view name = w->Name;  // "##page/##content_<id>", not a panel inside it
    const auto at = name.find("##content");
    if (at != std::string_view::npos && name.find('/', at) == std::string_view::npos && w->Active) content = w;
  }
  ASSERT_NE(content, nullptr);
  platform.calls.clear();
  ImGui::SetScrollY(content, 300.0f);
  frames(4);
  EXPECT_TRUE(platform.called("save qaward.scroll")) << "the position the user stayed at";
  EXPECT_GT(content->Scroll.y, 250.0f);
  // Another long screen: kept where the last one was, it would open 300 px down.
  state.queue(Navigate{Screen::publicity});
  frames(3);
  ASSERT_GT(content->ScrollMax.y, 300.0f);
  EXPECT_EQ(content->Scroll.y, 0.0f) << "another screen starts at its top";
}

// Issue 16, item 2: a verdict that needs information lists what is missing,
// each with a way to its question (here) or field (the profile).
TEST(UiSmokeStates, WhatIsMissingLeadsToItsQuestion) {
  AppState state = state_with(draft_to_json(AppState{}.draft));
  Headless ui;
  NullPlatform platform;
  const std::string text = drawn_text(ui, state, platform, Screen::eligibility);
  const Catalog& t = state.text();
  std::size_t buttons = 0;
  for (std::size_t at = text.find(t.text("elig.go_answer")); at != std::string::npos; at = text.find(t.text("elig.go_answer"), at + 1)) ++buttons;
  EXPECT_GE(buttons, 10U) << "each unanswered condition\n" << text;
  ASSERT_TRUE(bring_into_view(ui, state, platform, "answer.art11.3.not-on-anomaly-list"));
  click(ui, state, platform, "answer.art11.3.not-on-anomaly-list");
  EXPECT_EQ(state.screen, Screen::eligibility);
  EXPECT_TRUE(state.ui.reveal.empty()) << "the question was brought into view";
  click(ui, state, platform, "answer.art2.organization-kind");
  EXPECT_EQ(state.screen, Screen::profile) << "the kind is a field of the profile";
}

// True when the named item lies inside the visible part of the window whose
// name contains `window` (the content panel by default).
bool in_view(const AppState& state, const std::string& item, std::string_view window = "##content") {
  const auto it = state.ui.item_rects.find(item);
  if (it == state.ui.item_rects.end()) return false;
  const auto [x, y, w, h] = it->second;
  for (ImGuiWindow* candidate : GImGui->Windows) {
    const std::string_view name = candidate->Name;
    const auto at = name.rfind(window);
    // The window itself, not one inside it.
    if (!candidate->Active || at == std::string_view::npos || name.find('/', at) != std::string_view::npos) continue;
    return y >= candidate->InnerClipRect.Min.y && y + h <= candidate->InnerClipRect.Max.y;
  }
  return false;
}

// Issue 16, item 3: a change link leads to the field itself, in view, a
// text field ready for typing; from the check page, from a problem that
// blocks packaging, and from the verdict's list of answers.
TEST(UiSmokeStates, ChangeLinksLeadToTheFieldItself) {
  {
    AppState state = state_with(example_json().dump());
    Headless ui;
    NullPlatform platform;
    drawn_text(ui, state, platform, Screen::package);
    ASSERT_TRUE(bring_into_view(ui, state, platform, "summary.publicity"));
    click(ui, state, platform, "summary.publicity");
    settle(ui, state, platform, kFramesPerScreen);  // brought into view, then editing
    ASSERT_EQ(state.screen, Screen::publicity);
    EXPECT_TRUE(state.ui.reveal.empty()) << state.ui.reveal;
    EXPECT_TRUE(in_view(state, "posted_at"));
    EXPECT_TRUE(ImGui::GetIO().WantTextInput) << "the posting time is being edited";
  }
  {
    // No organization name: the package screen's problem leads to the name field.
    auto draft = example_json();
    draft["profile"]["organization"].erase("name");
    AppState state = state_with(draft.dump());
    Headless ui;
    NullPlatform platform;
    drawn_text(ui, state, platform, Screen::package);
    const auto missing = std::find_if(state.preflight.begin(), state.preflight.end(), [](const Diagnostic& d) { return d.key == "pkg.missing_identity"; });
    ASSERT_NE(missing, state.preflight.end());
    state.queue(Navigate{screen_to_fix(*missing), false, missing->where});
    settle(ui, state, platform, 2 + kFramesPerScreen);
    ASSERT_EQ(state.screen, Screen::profile);
    EXPECT_TRUE(state.ui.reveal.empty());
    EXPECT_TRUE(ImGui::GetIO().WantTextInput) << "the name is being edited";
  }
  {
    // The verdict's answers, with the questions scrolled to their end (a
    // long record of incidents): the first declaration comes back into view.
    auto draft = nlohmann::json::parse(draft_to_json(AppState{}.draft));
    for (int i = 0; i < 60; ++i) draft["profile"]["history"]["incidents"].push_back({{"date", "2024-01-01"}, {"kind", "quality"}, {"summary", "x"}});
    AppState state = state_with(draft.dump());
    Headless ui;
    NullPlatform platform;
    drawn_text(ui, state, platform, Screen::eligibility);
    ASSERT_TRUE(bring_into_view(ui, state, platform, "change.6"));
    for (ImGuiWindow* window : GImGui->Windows) {
      if (std::string_view(window->Name).find("##questions") != std::string_view::npos) ImGui::SetScrollY(window, window->ScrollMax.y);
    }
    settle(ui, state, platform);
    ASSERT_FALSE(in_view(state, "supports_policies.yes", "##questions")) << "scrolled out of view";
    click(ui, state, platform, "change.6");  // 是否拥护党和国家的路线、方针、政策
    settle(ui, state, platform, kFramesPerScreen);
    EXPECT_EQ(state.screen, Screen::eligibility);
    EXPECT_TRUE(in_view(state, "supports_policies.yes", "##questions")) << "the question is back in view";
    click(ui, state, platform, "change.4");  // the founding date, on the profile
    settle(ui, state, platform, kFramesPerScreen);
    ASSERT_EQ(state.screen, Screen::profile);
    EXPECT_TRUE(in_view(state, "established_on"));
    EXPECT_TRUE(ImGui::GetIO().WantTextInput) << "the founding date is being edited";
  }
}

// Issue 16, item 3: before signing, the package screen sums up what the
// package will hold; "change" leads to where it is changed, and back.
TEST(UiSmokeStates, CheckTheApplicationBeforeSigning) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const std::string text = drawn_text(ui, state, platform, Screen::package);
  const Catalog& t = state.text();
  EXPECT_NE(text.find(t.text("pkg.summary")), std::string::npos) << text;
  EXPECT_NE(text.find(state.draft.profile.organization.name.value_or("?")), std::string::npos);
  EXPECT_NE(text.find(t.text("elig.outcome.eligible")), std::string::npos) << "the verdict";
  EXPECT_NE(text.find("2026年3月9日至2026年3月13日"), std::string::npos) << "the publicity period in words\n" << text;
  click(ui, state, platform, "summary.publicity");
  EXPECT_EQ(state.screen, Screen::publicity);
  settle(ui, state, platform);
  click(ui, state, platform, "back_to_summary");
  EXPECT_EQ(state.screen, Screen::package) << "back to the summary";
  EXPECT_FALSE(state.ui.return_to.has_value()) << "the way back is used up";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Issue 17, item 4: the China Quality Award's four dimensions on the
// self-assessment screen, rated on the criteria's scale, with their evidence
// and the note that they are unweighted.
TEST(UiSmokeStates, TheFourCqaDimensionsAreRatedWithTheirEvidence) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const Catalog& t = state.text();
  const Criteria& c = *state.services.criteria;
  const std::string text = drawn_text(ui, state, platform, Screen::assessment);
  for (const auto& d : c.dimensions) {
    EXPECT_TRUE(has(text, t.text("assess.cqa.rating", {{"dimension", d.name.zh}, {"min", "1"}, {"max", "5"}}))) << d.id << "\n" << text;
  }
  EXPECT_TRUE(has(text, c.dimensions_note.zh.substr(0, 30))) << "unweighted, said on screen";
  ASSERT_NE(dimension_rating(state.draft, "quality"), nullptr);
  EXPECT_EQ(dimension_rating(state.draft, "quality")->rating, 4);
  ASSERT_TRUE(bring_into_view(ui, state, platform, "cqa.quality.5"));
  click(ui, state, platform, "cqa.quality.5");
  EXPECT_EQ(dimension_rating(state.draft, "quality")->rating, 5);
  EXPECT_EQ(dimension_rating(state.draft, "quality")->evidence, "产品一次交检合格率99.2%") << "the evidence kept";
  ASSERT_TRUE(bring_into_view(ui, state, platform, "cqa.quality.clear"));
  click(ui, state, platform, "cqa.quality.clear");
  EXPECT_FALSE(dimension_rating(state.draft, "quality")->rating.has_value());
  // The draft keeps it: written and read back.
  state.edit([](Draft& d) { edit_dimension_rating(d, "brand").rating = 2; });
  apply_actions(state, platform);
  const auto back = parse_draft(draft_to_json(state.draft), c);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(dimension_rating(back.value(), "brand")->rating, 2);
}

// [SECTION] Keeping the work (issue 20, item 6): the home page says where it
// is kept, what the browser answered to the request for persistence, and
// when the draft was last saved as a file; the key's file is offered once.

TEST(UiSmokeStates, HomeSaysWhereTheWorkIsKeptAndWhenToSaveACopy) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const Catalog& t = state.text();
  state.queue(StorageReported{false, true, 12.5 * 1048576, 10.0 * 1073741824});
  std::string text = drawn_text(ui, state, platform, Screen::home);
  EXPECT_TRUE(has(text, "已用 12.5 MiB，约还可用 10.0 GiB")) << text;
  EXPECT_TRUE(has(text, t.text("home.keep.not_persisted").substr(0, 30))) << "the refusal said plainly";
  EXPECT_TRUE(has(text, t.text("home.keep.never_saved").substr(0, 30))) << "never exported: advised to";

  // Exported: the advice goes, the date shows; the browser's grant shows as such.
  ASSERT_TRUE(bring_into_view(ui, state, platform, "home_export_draft"));
  click(ui, state, platform, "home_export_draft");
  EXPECT_TRUE(platform.called("download 乌鲁木齐天山精工质量技术有限公司-申报草稿.json"));
  EXPECT_TRUE(platform.called("save qaward.exported")) << "remembered across visits";
  state.queue(StorageReported{true, true, 12.5 * 1048576, 10.0 * 1073741824});
  text = drawn_text(ui, state, platform, Screen::home);
  EXPECT_FALSE(has(text, t.text("home.keep.never_saved").substr(0, 30)));
  EXPECT_TRUE(has(text, t.text("home.keep.saved", {{"date", chinese_date(state.now.date)}}))) << text;
  EXPECT_TRUE(has(text, t.text("home.keep.persisted").substr(0, 30)));
  EXPECT_FALSE(has(text, t.text("home.keep.not_persisted").substr(0, 30)));

  // Changed afterwards: a copy a day old is fine, one a week old is worth renewing.
  state.edit([](Draft& d) { d.profile.organization.four_new = true; });
  state.now.date = add_days(state.now.date, 1);
  text = drawn_text(ui, state, platform, Screen::home);
  EXPECT_FALSE(has(text, t.text("home.keep.changed_since", {{"date", chinese_date(state.keeping.exported_at->date)}}))) << text;
  state.now.date = add_days(state.now.date, 6);
  text = drawn_text(ui, state, platform, Screen::home);
  EXPECT_TRUE(has(text, t.text("home.keep.changed_since", {{"date", chinese_date(state.keeping.exported_at->date)}}))) << text;

  // A reload reads back when the copy was made.
  Keeping restored;
  read_export_marker(restored, export_marker(*state.keeping.exported_at, state.draft));
  ASSERT_TRUE(restored.exported_at.has_value());
  EXPECT_EQ(*restored.exported_at, *state.keeping.exported_at);
}

TEST(UiSmokeStates, ANewKeysFileIsOfferedOnceAndAlwaysToBeHad) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const Catalog& t = state.text();
  state.queue(CreateKey{"correct horse battery staple"});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_TRUE(state.keys.backup_offered);
  std::string text = drawn_text(ui, state, platform, Screen::package);
  EXPECT_TRUE(has(text, t.text("key.backup_offer").substr(0, 30))) << text;
  ASSERT_TRUE(bring_into_view(ui, state, platform, "export_key"));
  click(ui, state, platform, "export_key");
  EXPECT_TRUE(platform.called("download 乌鲁木齐天山精工质量技术有限公司-签名密钥.key"));
  EXPECT_TRUE(platform.called("save qaward.key_backup"));
  text = drawn_text(ui, state, platform, Screen::package);
  EXPECT_FALSE(has(text, t.text("key.backup_offer").substr(0, 30))) << "offered once";
  EXPECT_TRUE(has(text, t.text("key.backup_download"))) << "and still to be had";
  // The file is the key as qaward keygen writes it: importable again.
  EXPECT_TRUE(parse_public_key(public_key_of(state.keys.secret_key)).ok());
}

// [SECTION] The cover sheet is for the official who receives the package
// (issue 16): what to check and where, in words, no command line; the time
// in Chinese, not ISO 8601; the declaration cites the edition's article.
TEST(UiSmokeStates, CoverSheetTellsTheOfficialWhatToCheck) {
  AppState state = state_with(example_json().dump());
  NullPlatform platform;
  state.queue(CreateKey{"correct horse battery staple"});
  ASSERT_TRUE(apply_actions(state, platform));
  state.packaging.last_id = "QA-91330100716105852F-20260316T100000";
  state.packaging.last_sha256 = std::string(64, 'b');
  state.now = qaward::parse_datetime("2026-03-16T10:05").value();
  state.queue(OpenCoverSheet{});
  apply_actions(state, platform);
  const auto& html = platform.last_document;
  ASSERT_FALSE(html.empty());
  EXPECT_NE(html.find("区县预审（审核人员）"), std::string::npos);
  EXPECT_NE(html.find(state.packaging.last_sha256), std::string::npos);
  EXPECT_NE(html.find("2026年3月16日 10:05"), std::string::npos);
  EXPECT_NE(html.find("《乌鲁木齐市人民政府质量奖管理办法》第二十条"), std::string::npos);
  for (const char* command_line : {"qaward verify", "minisign -V", "certutil", "2026-03-16T"}) {
    EXPECT_EQ(html.find(command_line), std::string::npos) << command_line;
  }
  EXPECT_EQ(html.find('{'), html.find("{ ")) << "a placeholder left unfilled";
}

// [SECTION] The page's events go through the action queue: applied by
// apply_actions as the page applies them before a frame.
TEST(UiSmokeStates, PageEventsAreAppliedFromTheQueue) {
  AppState state = fresh_state();
  refresh_derived(state);
  NullPlatform platform;
  Headless ui;
  const auto apply = [&](Action event) {
    state.queue(std::move(event));
    EXPECT_TRUE(apply_actions(state, platform));
  };

  apply(AttachmentStored{"申报表.pdf", 1000});
  ASSERT_EQ(state.draft.attachments.size(), 1u);
  const std::string path = state.draft.attachments[0].path;
  EXPECT_EQ(path, "附件/申报表.pdf");
  EXPECT_EQ(state.attachments[path].size, 1000u);
  EXPECT_TRUE(state.ui.draft_changed);
  state.ui.draft_changed = false;
  apply(AttachmentProgress{"申报表.pdf", 400});
  EXPECT_EQ(state.attachments[path].hashed, 400u);
  EXPECT_FALSE(state.ui.draft_changed) << "progress is not saved";
  apply(AttachmentChecked{"申报表.pdf", AttachedFile{1200, std::string(64, 'a'), 7, false}});
  EXPECT_EQ(state.attachments[path].size, 1200u);
  EXPECT_TRUE(state.draft.attachments[0].checked.has_value());
  apply(AttachmentMissing{"申报表.pdf"});
  EXPECT_TRUE(state.attachments[path].missing);
  apply(AttachmentStoreFailed{"大文件.zip"});
  EXPECT_TRUE(state.notice.is_error);
  EXPECT_NE(state.notice.text.find("大文件.zip"), std::string::npos);

  // A key file: its public key file comes from the core's signing module.
  const KeyPair pair = generate_keypair();
  apply(KeyFileChosen{"{}"});
  EXPECT_TRUE(state.notice.is_error);
  EXPECT_TRUE(state.keys.secret_key.empty());
  apply(KeyFileChosen{encrypt_secret_key(pair, "口令", KdfLimits{1, 8192})});
  EXPECT_FALSE(state.notice.is_error);
  EXPECT_EQ(state.keys.public_key, public_key_file(pair.public_key));
  EXPECT_TRUE(platform.called("save qaward.key"));
  apply(OfficeKeyChosen{"not a key"});
  EXPECT_TRUE(state.keys.office_key.empty());
  apply(OfficeKeyChosen{public_key_file(pair.public_key)});
  EXPECT_EQ(state.keys.office_key, public_key_file(pair.public_key));
  EXPECT_TRUE(platform.called("pin_office_key"));

  // A draft that does not read leaves the draft; one that does replaces it.
  apply(DraftFileChosen{R"({"format": "qaward-draft/1", "profile": {"organization": {"uscc": 12345}}})"});
  EXPECT_TRUE(state.notice.is_error);
  EXPECT_EQ(state.draft.attachments.size(), 1u);
  apply(DraftFileChosen{with_edition("urumqi-1999")});
  EXPECT_FALSE(state.notice.is_error);
  EXPECT_NE(state.notice.text.find("urumqi-1999"), std::string::npos) << "the notice names the unknown edition";
  EXPECT_EQ(state.draft.edition, "urumqi-1999");
  EXPECT_TRUE(platform.called("check_attachments"));

  apply(PackageProgress{50, 200});
  EXPECT_FLOAT_EQ(state.packaging.progress, 0.25f);
  apply(ReviewStarted{"a.zip", 1});
  apply(ReviewRestarted{1});
  apply(ReviewDone{1, R"({"ok": false, "message": {"zh": "无法读取", "en": "Unreadable"}})"});
  ASSERT_EQ(state.review.packages.size(), 1u);
  EXPECT_EQ(state.review.packages[0].failure, "无法读取");
  apply(UpdateReady{});
  EXPECT_TRUE(state.ui.update_ready);
  state.ui.draft_changed = false;  // the page saves the draft here
  draw_screens(ui, state, platform, "after the page's events");
}

// [SECTION] Reviewer mode with real reports: packages written, countersigned
// and verified by the core, handed to the page as the worker hands them.

// The worker's reply for a verified package (app/worker: qa_worker_verify).
void report_to_page(AppState& state, int token, const std::string& file, const VerifyReport& report) {
  review_started(state, file, token);
  const nlohmann::json reply = {{"ok", true}, {"report", to_json(report, catalog(Language::zh), catalog(Language::en))}};
  review_finished(state, token, reply.dump());
}

TEST(UiSmokeStates, ReviewerMode) {
  AppState state = fresh_state();
  const auto draft = parse_draft(example_json().dump(), *state.services.criteria);
  ASSERT_TRUE(draft.ok());
  const KeyPair applicant = generate_keypair();
  const KeyPair office = generate_keypair();
  const KeyPair stranger = generate_keypair();
  const DateTime packaged_at = parse_datetime("2026-03-16T10:00").value();

  PackageRequest request;
  request.draft = &draft.value();
  for (const auto& a : draft.value().attachments) {
    request.files.push_back((fs::path(QAWARD_TEST_ASSETS_DIR) / "examples" / a.path).string());
  }
  request.rules = state.services.rules;
  request.calendar = state.services.calendar;
  request.criteria = state.services.criteria;
  request.key = &applicant;
  request.now = packaged_at;
  request.product_version = "ui_smoke_test";
  const auto plan = plan_package(request);
  ASSERT_TRUE(plan.refusals.empty());
  const fs::path dir = fs::path(QAWARD_TEST_TMP_DIR) / ("ui_smoke_test-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path valid = dir / "valid.zip";
  ASSERT_TRUE(write_package(request, plan, valid.string()).ok());
  const fs::path countersigned = dir / "countersigned.zip";
  const CountersignRequest recommendation{"天山区市场监督管理局", repeat("同意推荐。", 40), &office, packaged_at};
  ASSERT_TRUE(countersign_package(valid.string(), countersigned.string(), recommendation, shipped_verify_context()).ok());
  const fs::path tampered = dir / "tampered.zip";
  std::string bytes = read_file(valid);
  for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
  std::ofstream(tampered, std::ios::binary) << bytes;
  const fs::path not_a_zip = dir / "not-a-zip.zip";
  std::ofstream(not_a_zip, std::ios::binary) << "not a package";

  auto verify = [](const fs::path& path, const PublicKey* applicant_key, const PublicKey* office_key) {
    auto context = shipped_verify_context(applicant_key);
    context.expected_office_key = office_key;
    return verify_package(path.string(), context);
  };
  const auto valid_report = verify(valid, nullptr, nullptr);
  EXPECT_TRUE(valid_report.valid);
  const auto countersigned_report = verify(countersigned, &applicant.public_key, &office.public_key);
  EXPECT_TRUE(countersigned_report.valid);
  EXPECT_EQ(countersigned_report.countersignatures.size(), 1u);
  const auto other_office = verify(countersigned, nullptr, &stranger.public_key);
  const auto other_applicant = verify(valid, &stranger.public_key, nullptr);
  const auto tampered_report = verify(tampered, nullptr, nullptr);
  const auto unreadable = verify(not_a_zip, nullptr, nullptr);
  for (const auto* invalid : {&other_office, &other_applicant, &tampered_report, &unreadable}) {
    EXPECT_FALSE(invalid->valid);
    EXPECT_FALSE(invalid->findings.empty());
  }

  report_to_page(state, 1, "valid.zip", valid_report);
  report_to_page(state, 2, "countersigned.zip", countersigned_report);
  report_to_page(state, 3, "countersigned-other-office.zip", other_office);
  report_to_page(state, 4, "valid-other-applicant.zip", other_applicant);
  report_to_page(state, 5, "tampered.zip", tampered_report);
  report_to_page(state, 6, "not-a-zip.zip", unreadable);
  review_started(state, "still-verifying.zip", 7);
  review_started(state, repeat("很长的文件名", 40) + ".zip", 8);
  review_finished(state, 8, R"({"ok": false, "message": {"zh": "无法读取该文件", "en": "The file cannot be read"}})");
  ASSERT_EQ(state.review.packages.size(), 8u);
  EXPECT_TRUE(state.review.packages[0].report.valid);
  EXPECT_FALSE(state.review.packages[4].report.valid);
  EXPECT_TRUE(state.review.packages[6].verifying);
  EXPECT_FALSE(state.review.packages[7].failure.empty());

  Headless ui;
  NullPlatform platform;
  draw_screens(ui, state, platform, "reviewer, no key");
  EXPECT_TRUE(platform.called("drop_target review"));

  // An applicant's key in this browser is never used to countersign (issue
  // 16): the office's key is kept apart, and asked for.
  state.keys.secret_key = encrypt_secret_key(office, "office passphrase", KdfLimits{1, 8192});
  state.keys.public_key = public_key_file(office.public_key);
  state.queue(Countersign{0, recommendation.unit, recommendation.opinion, "office passphrase"});
  (void)apply_actions(state, platform);
  EXPECT_FALSE(platform.called("countersign_in_worker")) << "countersigned with the applicant's key";
  state.queue(ImportKey{true});
  (void)apply_actions(state, platform);
  EXPECT_TRUE(platform.called("pick_key district"));
  state.keys.secret_key.clear();
  state.keys.public_key.clear();

  // With the office's key in this browser (the countersigning form shows) and
  // an office key pinned; then one package being countersigned.
  state.queue(KeyFileChosen{encrypt_secret_key(office, "office passphrase", KdfLimits{1, 8192}), true});
  (void)apply_actions(state, platform);
  ASSERT_FALSE(state.keys.district_secret_key.empty());
  EXPECT_TRUE(state.keys.secret_key.empty()) << "the office's key is not the applicant's";
  EXPECT_TRUE(platform.called("save qaward.district_key"));
  state.keys.office_key = public_key_file(office.public_key);
  state.notice.text = "预审报告已导出";
  draw_screens(ui, state, platform, "reviewer, key and office key pinned", {Screen::review, Screen::package});
  state.ui.buffers["review.unit"] = recommendation.unit;
  state.ui.buffers["review.opinion.0"] = recommendation.opinion;
  state.ui.buffers["review.passphrase"] = "office passphrase";
  state.queue(Countersign{0, recommendation.unit, recommendation.opinion, "office passphrase"});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_TRUE(platform.called("countersign_in_worker"));
  draw_screens(ui, state, platform, "reviewer, countersigning", {Screen::review});
  countersign_finished(state, R"({"ok": true, "package_id": "QA-91330100716105852F-20260316T100000"})");
  draw_screens(ui, state, platform, "reviewer, countersigned", {Screen::review});
  fs::remove_all(dir);
}

// [SECTION] The district's workspace and the office's intake (issue 18), with
// packages and a bundle the core wrote, handed to the page as the worker does.

struct ThreeApplicants {
  fs::path dir = fs::path(QAWARD_TEST_TMP_DIR) / ("ui_smoke_district-" + std::to_string(getpid()));
  KeyPair applicant = generate_keypair();
  KeyPair district = generate_keypair();
  std::vector<fs::path> packages;  // 甲, 乙, 丙
  explicit ThreeApplicants(const AppState& state) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* name : {"乌鲁木齐甲公司", "乌鲁木齐乙公司", "乌鲁木齐丙公司"}) {
      auto json = example_json();
      json["profile"]["organization"]["name"] = name;
      const auto draft = parse_draft(json.dump(), *state.services.criteria);
      EXPECT_TRUE(draft.ok());
      PackageRequest request;
      request.draft = &draft.value();
      for (const auto& a : draft.value().attachments) request.files.push_back((fs::path(QAWARD_TEST_ASSETS_DIR) / "examples" / a.path).string());
      request.rules = state.services.rules;
      request.calendar = state.services.calendar;
      request.criteria = state.services.criteria;
      request.key = &applicant;
      request.now = parse_datetime("2026-03-16T1" + std::to_string(packages.size()) + ":00").value();
      request.product_version = "ui_smoke_test";
      const auto plan = plan_package(request);
      EXPECT_TRUE(plan.refusals.empty());
      packages.push_back(dir / ("p" + std::to_string(packages.size() + 1) + ".zip"));
      EXPECT_TRUE(write_package(request, plan, packages.back().string()).ok());
    }
  }
  ~ThreeApplicants() { fs::remove_all(dir); }
};

// The worker's reply for a package opened in reviewer mode, through the page's event.
void opened_in_review(AppState& state, NullPlatform& platform, int token, const fs::path& path) {
  state.queue(ReviewStarted{path.filename().string(), token});
  const auto report = verify_package(path.string(), shipped_verify_context());
  const nlohmann::json reply = {{"ok", true}, {"report", to_json(report, catalog(Language::zh), catalog(Language::en))}};
  state.queue(ReviewDone{token, reply.dump()});
  ASSERT_TRUE(apply_actions(state, platform));
}

TEST(UiSmokeStates, TheDistrictDecidesPublishesAndSendsTheRecommendedOnes) {
  AppState state = fresh_state();
  refresh_derived(state);
  NullPlatform platform;
  Headless ui;
  const ThreeApplicants world(state);
  for (int i = 0; i < 3; ++i) opened_in_review(state, platform, i + 1, world.packages[static_cast<std::size_t>(i)]);
  // Each package opened becomes a pending case, once (opened again: still one).
  opened_in_review(state, platform, 4, world.packages[0]);
  auto& w = state.district.workspace;
  ASSERT_EQ(w.cases.size(), 3u);
  EXPECT_EQ(w.cases[1].organization, "乌鲁木齐乙公司");
  EXPECT_EQ(w.cases[0].decision, Decision::pending);
  EXPECT_TRUE(platform.called("save qaward.district"));
  EXPECT_EQ(district_status_now(state).stage, DistrictStage::deciding);
  draw_screens(ui, state, platform, "district, three pending", {Screen::district});
  state.language = Language::zh;  // (drawn in both languages, English last)

  // The decisions, as the screen queues them: 甲 and 乙 recommended with their
  // checks and opinions (by the reviewer named), 丙 not.
  state.queue(UpdateDistrict{[](DistrictWorkspace& w) {
    w.unit = "天山区市场监督管理局";
    w.reviewer = "王芳";
    for (std::size_t i = 0; i < 3; ++i) {
      w.cases[i].decision = i < 2 ? Decision::recommend : Decision::not_recommend;
      w.cases[i].reasons = i < 2 ? "材料齐全，同意推荐" : "经营未满五年";
    }
    for (std::size_t i = 0; i < 2; ++i) {
      for (const auto which : kListChecks) w.cases[i].check(which) = {"王芳", parse_datetime("2026-03-16T16:00"), "未列入"};
    }
  }});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_EQ(district_status_now(state).stage, DistrictStage::ready_to_post);
  draw_screens(ui, state, platform, "district, ready to post", {Screen::district});
  state.language = Language::zh;  // (drawn in both languages, English last)
  // The notice lists the two recommended, not the third.
  state.queue(UpdateDistrict{[](DistrictWorkspace& w) {
    w.publicity.posted_at = parse_datetime("2026-03-17T09:00");
    w.publicity.where = "天山区人民政府网站";
  }});
  state.queue(OpenDistrictNotice{});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_NE(platform.last_document.find("乌鲁木齐乙公司"), std::string::npos);
  EXPECT_EQ(platform.last_document.find("乌鲁木齐丙公司"), std::string::npos);
  EXPECT_NE(platform.last_document.find("第十一条第（三）项"), std::string::npos);

  // During the period: the countdown, and nothing is sent.
  state.now = parse_datetime("2026-03-19T10:00").value();
  EXPECT_EQ(district_status_now(state).stage, DistrictStage::publicity);
  state.keys.district_secret_key = encrypt_secret_key(world.district, "区县口令", KdfLimits{1, 8192});
  state.keys.district_public_key = public_key_file(world.district.public_key);
  state.queue(DistrictBundle{"区县口令"});
  ASSERT_TRUE(apply_actions(state, platform));
  const auto asked_worker = [&] {
    return std::any_of(platform.calls.begin(), platform.calls.end(), [](const std::string& c) { return c.starts_with("district_bundle_in_worker "); });
  };
  EXPECT_FALSE(asked_worker()) << "sent before the publicity ended";
  EXPECT_TRUE(state.district.result.is_error);
  EXPECT_NE(state.district.result.text.find("推荐公示进行中"), std::string::npos) << state.district.result.text;
  draw_screens(ui, state, platform, "district, publicity running", {Screen::district});
  state.language = Language::zh;  // (drawn in both languages, English last)

  // After it: the two recommended packages go to the worker with their opinions.
  state.now = parse_datetime("2026-03-26T10:00").value();
  state.queue(DistrictBundle{"区县口令"});
  ASSERT_TRUE(apply_actions(state, platform));
  const auto sent = std::find_if(platform.calls.begin(), platform.calls.end(),
                                 [](const std::string& c) { return c.starts_with("district_bundle_in_worker "); });
  ASSERT_NE(sent, platform.calls.end());
  const auto packages = nlohmann::json::parse(sent->substr(std::string("district_bundle_in_worker ").size()));
  EXPECT_EQ(packages, nlohmann::json::parse(R"([{"token": 1, "opinion": "材料齐全，同意推荐"}, {"token": 2, "opinion": "材料齐全，同意推荐"}])"));
  const auto request = nlohmann::json::parse(platform.last_request);
  EXPECT_EQ(request["unit"], "天山区市场监督管理局");
  EXPECT_EQ(request["workspace"]["cases"].size(), 3u);
  EXPECT_TRUE(state.district.busy);
  draw_screens(ui, state, platform, "district, bundling", {Screen::district});
  state.language = Language::zh;  // (drawn in both languages, English last)
  state.queue(DistrictBundleDone{R"({"ok": true, "count": 2})"});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_FALSE(state.district.busy);
  EXPECT_FALSE(state.district.result.is_error);
  draw_screens(ui, state, platform, "district, bundled", {Screen::district});
  state.language = Language::zh;  // (drawn in both languages, English last)

  // A recommended package not open in this session (after a reload) is asked for again.
  state.review.packages.erase(state.review.packages.begin() + 1);
  state.queue(DistrictBundle{"区县口令"});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_TRUE(state.district.result.is_error);
  EXPECT_NE(state.district.result.text.find("乌鲁木齐乙公司"), std::string::npos) << state.district.result.text;

  // The workspace file: exported, and a bad one refused with the workspace unchanged.
  state.queue(ExportDistrict{});
  state.queue(DistrictFileChosen{R"({"format": "qaward-district/1", "cases": [{"package_id": "A", "decision": "maybe"}]})"});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_TRUE(platform.called("download 审核推荐工作台-天山区市场监督管理局.json"));
  EXPECT_TRUE(state.district.result.is_error);
  EXPECT_NE(state.district.result.text.find("maybe"), std::string::npos) << state.district.result.text;
  EXPECT_EQ(w.cases.size(), 3u);
}

TEST(UiSmokeStates, TheOfficePinsDistrictKeysAndReadsTheIntake) {
  AppState state = fresh_state();
  refresh_derived(state);
  NullPlatform platform;
  Headless ui;
  const ThreeApplicants world(state);
  // A bundle of two countersigned packages, written by the core.
  DistrictWorkspace w;
  w.unit = "天山区市场监督管理局";
  w.publicity.posted_at = parse_datetime("2026-03-17T09:00");
  std::vector<std::string> countersigned;
  for (std::size_t i = 0; i < 2; ++i) {
    countersigned.push_back((world.dir / ("c" + std::to_string(i) + ".zip")).string());
    const CountersignRequest cs{w.unit, "同意推荐", &world.district, parse_datetime("2026-03-26T10:00").value()};
    ASSERT_TRUE(countersign_package(world.packages[i].string(), countersigned.back(), cs, shipped_verify_context()).ok());
  }
  const BundleRequest bundle{countersigned, w.unit, w.publicity, &world.district, parse_datetime("2026-03-26T11:00").value()};
  const auto bundle_path = (world.dir / "b.zip").string();
  ASSERT_TRUE(write_bundle(bundle, bundle_path, shipped_verify_context()).ok());
  const auto worker_reply = [&](const std::vector<PublicKey>& keys) {
    const auto intake = intake_bundles({bundle_path}, {shipped_verify_context(), keys});
    return nlohmann::json{{"ok", true}, {"report", intake_json(intake)}, {"acceptance_html", acceptance_list_html(intake, std::nullopt)},
                          {"csv", intake_csv(intake)}}.dump();
  };

  // A file that is not a public key is refused, said; the district's is pinned and kept.
  state.queue(DistrictPublicKeyChosen{"not a key"});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_TRUE(state.notice.is_error);
  EXPECT_TRUE(state.office.district_keys.empty());
  state.queue(DistrictPublicKeyChosen{public_key_file(world.district.public_key)});
  ASSERT_TRUE(apply_actions(state, platform));
  ASSERT_EQ(state.office.district_keys.size(), 1u);
  EXPECT_TRUE(platform.called("save qaward.district_keys"));
  EXPECT_NE(state.notice.text.find(world.district.public_key.fingerprint()), std::string::npos);
  state.queue(DistrictPublicKeyChosen{public_key_file(world.district.public_key)});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_EQ(state.office.district_keys.size(), 1u) << "the same key twice";
  const auto kept = nlohmann::json(state.office.district_keys).dump();
  EXPECT_EQ(restore_district_keys(&kept).size(), 1u);
  draw_screens(ui, state, platform, "office, a key pinned", {Screen::office});
  state.language = Language::zh;  // (drawn in both languages, English last)

  // Bundles opened: the intake runs over them with the pinned keys.
  state.queue(BundlesOpened{{"b.zip"}});
  ASSERT_TRUE(apply_actions(state, platform));
  ASSERT_TRUE(platform.called("intake_in_worker"));
  const auto request = nlohmann::json::parse(platform.last_request);
  EXPECT_EQ(request["names"], nlohmann::json::array({"b.zip"}));
  EXPECT_EQ(request["district_keys"].size(), 1u);
  EXPECT_EQ(state.office.checking, 1);
  draw_screens(ui, state, platform, "office, checking", {Screen::office});
  state.language = Language::zh;  // (drawn in both languages, English last)
  state.queue(IntakeDone{worker_reply({world.district.public_key})});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_EQ(state.office.checking, 0);
  EXPECT_EQ(state.office.report["accepted"], 2);
  draw_screens(ui, state, platform, "office, a valid bundle", {Screen::office});
  state.language = Language::zh;  // (drawn in both languages, English last)
  state.queue(ExportIntake{"html"});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_NE(platform.last_document.find("乌鲁木齐甲公司"), std::string::npos);

  // The key removed: the intake runs again; a bundle from a key not pinned is reported.
  state.queue(RemoveDistrictPublicKey{0});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_TRUE(state.office.district_keys.empty());
  EXPECT_EQ(state.office.checking, 1);
  state.queue(IntakeDone{worker_reply({generate_keypair().public_key})});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_EQ(state.office.report["accepted"], 0);
  EXPECT_NE(state.office.report.dump().find("bundle.unknown_district_key"), std::string::npos);
  draw_screens(ui, state, platform, "office, an unknown key", {Screen::office});
  state.language = Language::zh;  // (drawn in both languages, English last)
  state.queue(RemoveBundle{"b.zip"});
  ASSERT_TRUE(apply_actions(state, platform));
  EXPECT_TRUE(platform.called("forget_bundle b.zip"));
  EXPECT_TRUE(state.office.report.is_null());
}

// The harness itself: an ImGui assertion fails the test, saying what was drawn.
TEST(UiSmokeHarness, AnImGuiAssertionFailsTheTest) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Headless ui;
        drawing = "a frame that pops a colour it never pushed";
        ImGui::GetIO().DisplaySize = ImVec2(100, 100);
        ImGui::NewFrame();
        ImGui::PopStyleColor();
      },
      "ImGui assertion failed.*while drawing: a frame that pops a colour");
}

// [SECTION] The team self-assessment (issue 17, items 2-3)

TEST(UiSmokeStates, ARaterScoresTheItemsTheLinkAsksForAndHandsInACompleteFile) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const Catalog& t = state.text();
  const Criteria& c = *state.services.criteria;
  state.team.rating = restore_rating(nullptr, c);
  EXPECT_EQ(state.team.rating.model, c.model);
  state.queue(RateLinkOpened{"4.1,4.7.2,9.9"});  // a category, an item, an id the model does not have
  settle(ui, state, platform);
  EXPECT_EQ(state.screen, Screen::rate);
  EXPECT_EQ(state.team.asked, (std::vector<std::string>{"4.1.2", "4.1.3", "4.1.4", "4.7.2"}));
  std::string text = drawn_text(ui, state, platform, Screen::rate);
  EXPECT_TRUE(has(text, t.text("rate.asked_some", {{"n", "4"}}))) << text;
  EXPECT_TRUE(has(text, t.text("rate.progress", {{"scored", "0"}, {"asked", "4"}}))) << text;
  EXPECT_EQ(state.ui.item_rects.count("rate.category.4.2"), 0u) << "a category not asked is not offered";
  // A band chosen beside its descriptor: the band's lowest percent, kept in the browser.
  ASSERT_TRUE(bring_into_view(ui, state, platform, "rate.category.4.1"));
  click(ui, state, platform, "rate.category.4.1");
  ASSERT_TRUE(bring_into_view(ui, state, platform, "rate.4.1.2.band4"));
  click(ui, state, platform, "rate.4.1.2.band4");
  ASSERT_NE(rater_score(state.team.rating, "4.1.2"), nullptr);
  EXPECT_EQ(rater_score(state.team.rating, "4.1.2")->band, 4);
  EXPECT_EQ(rater_score(state.team.rating, "4.1.2")->percent, c.process_bands[3].min);
  EXPECT_TRUE(platform.called("save qaward.rating"));
  EXPECT_TRUE(state.draft.assessment->raters.size() == 5u) << "the organization's draft is not touched";
  // Handed in too early: what is missing, in words; nothing downloaded.
  state.queue(ExportRating{});
  settle(ui, state, platform);
  EXPECT_TRUE(state.notice.is_error);
  EXPECT_TRUE(has(state.notice.text, t.text("rate.missing.name"))) << state.notice.text;
  EXPECT_TRUE(has(state.notice.text, t.text("rate.missing.group"))) << state.notice.text;
  EXPECT_FALSE(has(state.notice.text, t.text("rate.missing.scores"))) << "one item is scored";
  EXPECT_FALSE(std::any_of(platform.calls.begin(), platform.calls.end(), [](const std::string& call) { return call.starts_with("download"); }));
  state.queue(UpdateRating{[](Rating& r) {
    r.rater.name = "王喆";
    r.rater.group = "leader";
  }});
  state.queue(ExportRating{});
  settle(ui, state, platform);
  EXPECT_FALSE(state.notice.is_error) << state.notice.text;
  EXPECT_TRUE(platform.called("download 评分-王喆-" + state.team.rating.rater.id + ".json"));
  // The file is a rating file the coordinator (and the CLI) reads.
  const auto handed_in = parse_rating(read_file("/tmp/rating.json"), c);
  ASSERT_TRUE(handed_in.ok());
  EXPECT_EQ(handed_in.value().rater.name, "王喆");
  EXPECT_EQ(handed_in.value().scores.size(), 1u);
  // Kept as it was: what the browser stored reads back, id and all.
  const std::string stored = rating_to_json(state.team.rating).dump();
  const auto kept = restore_rating(&stored, c);
  EXPECT_EQ(kept.rater.id, state.team.rating.rater.id);
  EXPECT_EQ(kept.scores.size(), 1u);
}

TEST(UiSmokeStates, TheCoordinatorImportsRatingFilesAndIsToldWhyOneIsRefused) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const Catalog& t = state.text();
  const std::string leader = read_file(fs::path(QAWARD_TEST_ASSETS_DIR) / "examples/ratings/leader-1.json");
  const auto raters = [&] { return state.draft.assessment->raters.size(); };
  ASSERT_EQ(raters(), 5u);
  state.queue(Navigate{Screen::assessment});
  settle(ui, state, platform);
  EXPECT_TRUE(platform.called("drop_target ratings")) << "files dropped here are rating files";
  state.queue(RatingFileChosen{"leader-1.json", leader, static_cast<double>(leader.size())});
  settle(ui, state, platform);
  ASSERT_EQ(raters(), 6u);
  ASSERT_EQ(state.team.imported.size(), 1u);
  EXPECT_FALSE(state.team.imported[0].is_error) << state.team.imported[0].text;
  const std::string before = draft_to_json(state.draft);
  // Refused, each for its reason and named, the draft unchanged: the same rater again,
  struct Case { RatingFileChosen file; std::string says; };
  const std::vector<Case> cases = {
      {{"again.json", leader, 1000}, "已经导入过"},
      {{"broken.json", "{ \"format\": ", 13}, "broken.json"},
      {{"assessment.json", read_file(fs::path(QAWARD_TEST_ASSETS_DIR) / "examples/assessment.json"), 1000}, "qaward-assessment/1"},
      {{"big.json", "", 5.0 * 1048576}, "5.0 MiB"},
      {{"empty.json", "", 0}, t.text("team.empty_file")},
  };
  for (const auto& c : cases) {
    state.team.imported.clear();
    state.queue(c.file);
    settle(ui, state, platform);
    ASSERT_EQ(state.team.imported.size(), 1u) << c.file.name;
    EXPECT_TRUE(state.team.imported[0].is_error) << c.file.name;
    EXPECT_TRUE(has(state.team.imported[0].text, c.file.name)) << state.team.imported[0].text;
    EXPECT_TRUE(has(state.team.imported[0].text, c.says)) << state.team.imported[0].text;
    EXPECT_EQ(draft_to_json(state.draft), before) << c.file.name;
  }
  // The comparison is on the screen (the example file's CQA dimension ratings
  // too, kept in the draft), and a rater can be taken out again.
  ASSERT_EQ(state.draft.assessment->rater_dimensions.count("L3"), 1u);
  const std::string text = drawn_text(ui, state, platform, Screen::assessment);
  EXPECT_TRUE(has(text, t.text("team.title"))) << text;
  EXPECT_TRUE(has(text, t.text("team.col.dimension"))) << "the raters' dimension ratings are compared";
  EXPECT_TRUE(has(text, "示例")) << "the raters by name";
  state.queue(RemoveRater{"L3"});
  settle(ui, state, platform);
  EXPECT_EQ(raters(), 5u);
}

}  // namespace

namespace {

// The coordinator's comparison for a screen reader (issue 17): the items by
// disagreement as a data table whose cells hold their text themselves (one
// node each, updated in place when the table re-sorts: a table of a cell
// and a text beneath it made the page's mirror a long task per rating file),
// and the heat map read row by row as sentences, not as a grid of cells.
TEST(UiSmokeStates, TheTeamComparisonReadsAsATableAndTheHeatMapAsSentences) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const Catalog& t = state.text();
  (void)drawn_text(ui, state, platform, Screen::assessment);
  ASSERT_TRUE(bring_into_view(ui, state, platform, "heat_map"));
  click(ui, state, platform, "heat_map");
  settle(ui, state, platform, kFramesPerScreen);
  const auto& nodes = semantics::nodes();
  const semantics::Node* table = nullptr;
  for (const auto& n : nodes) {
    if (n.role == semantics::Role::table && n.name == t.text("team.by_spread")) table = &n;
  }
  ASSERT_NE(table, nullptr) << "the items by disagreement are a named data table";
  std::size_t cells = 0, named = 0, beneath = 0;
  std::set<std::string> cell_keys;
  for (const auto& row : nodes) {
    if (row.parent != table->key) continue;
    for (const auto& cell : nodes) {
      if (cell.parent != row.key) continue;
      ++cells;
      named += cell.name.empty() ? 0 : 1;
      cell_keys.insert(cell.key);
      for (const auto& inner : nodes) beneath += inner.parent == cell.key ? 1 : 0;
    }
  }
  EXPECT_EQ(cells, 5u * 9u) << "a header row and the four items the example's raters scored, 9 columns";
  EXPECT_EQ(named, cells) << "every cell holds its text";
  EXPECT_EQ(beneath, 0u) << "no text node beneath a cell";
  // The heat map: a sentence per rated item, no cell of its own.
  std::size_t sentences = 0;
  for (const auto& n : nodes) {
    if (n.role == semantics::Role::paragraph && n.name.starts_with("4.1.2：总经理 ")) ++sentences;
  }
  EXPECT_EQ(sentences, 1u);
  // A rating file re-sorts the table: the same cells, their texts changed.
  const std::string leader = read_file(fs::path(QAWARD_TEST_ASSETS_DIR) / "examples/ratings/leader-1.json");
  state.queue(RatingFileChosen{"leader-1.json", leader, 1000});
  settle(ui, state, platform, kFramesPerScreen);
  std::size_t kept = 0;
  for (const auto& n : semantics::nodes()) kept += cell_keys.count(n.key);
  EXPECT_EQ(kept, cell_keys.size());
}

}  // namespace

namespace {

// A newer file from a rater already imported replaces their scores only when
// the coordinator says so (issue 17): offered with the refusal, never done unasked.
TEST(UiSmokeStates, ANewerFileFromARaterAlreadyImportedReplacesOnlyWhenAsked) {
  AppState state = state_with(example_json().dump());
  Headless ui;
  NullPlatform platform;
  const std::string leader = read_file(fs::path(QAWARD_TEST_ASSETS_DIR) / "examples/ratings/leader-1.json");
  auto newer = nlohmann::json::parse(leader);
  newer["scores"][0]["band"] = 6;
  newer["scores"][0]["percent"] = 95;
  const std::string item = newer["scores"][0]["item"];
  const auto score_of_l3 = [&] {
    for (const auto& s : state.draft.assessment->scores) {
      if (s.rater && *s.rater == "L3" && s.item == item) return s.percent;
    }
    return -1;
  };
  state.queue(RatingFileChosen{"leader-1.json", leader, 1000});
  settle(ui, state, platform);
  const int before = score_of_l3();
  ASSERT_NE(before, -1);
  // Kept as it was when the coordinator keeps the earlier file...
  state.queue(RatingFileChosen{"leader-1-v2.json", newer.dump(), 1000});
  settle(ui, state, platform);
  ASSERT_TRUE(state.team.replacement.has_value());
  EXPECT_TRUE(state.team.imported.back().is_error);
  EXPECT_EQ(score_of_l3(), before) << "not replaced unasked";
  state.queue(ReplaceRating{false});
  settle(ui, state, platform);
  EXPECT_FALSE(state.team.replacement.has_value());
  EXPECT_EQ(score_of_l3(), before);
  // ...and replaced, once, when asked (its button beside the refusal).
  state.queue(RatingFileChosen{"leader-1-v2.json", newer.dump(), 1000});
  state.queue(Navigate{Screen::assessment});
  settle(ui, state, platform);
  ASSERT_TRUE(bring_into_view(ui, state, platform, "replace_rating"));
  click(ui, state, platform, "replace_rating");
  EXPECT_EQ(score_of_l3(), 95);
  EXPECT_EQ(std::count_if(state.draft.assessment->raters.begin(), state.draft.assessment->raters.end(),
                          [](const Rater& r) { return r.id == "L3"; }), 1);
  ASSERT_FALSE(state.team.imported.empty());
  EXPECT_FALSE(state.team.imported.back().is_error) << state.team.imported.back().text;
}

}  // namespace

namespace {

// A self-assessment whose agreed scores include the raters' undiscussed mean
// is not done (issue 17): the step says how many items the team has yet to settle.
TEST(UiSmokeStates, AnUndiscussedAgreedScoreKeepsTheSelfAssessmentInProgress) {
  AppState state = state_with(example_json().dump());
  NullPlatform platform;
  ASSERT_EQ(screen_status(state, Screen::assessment).status, Status::done);
  state.edit([](Draft& d) { edit_agreed_score(d, "4.1.2").provisional = true; });
  apply_actions(state, platform);
  const auto status = screen_status(state, Screen::assessment);
  EXPECT_EQ(status.status, Status::in_progress);
  EXPECT_EQ(status.reason, state.text().text("status.why.not_discussed", {{"n", "1"}}));
}

}  // namespace
