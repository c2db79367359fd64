// The browser platform: GLFW (Emscripten's built-in emulation) + WebGL2, or
// without WebGL (cloud desktops, blocklisted GPUs; `?renderer=cpu`) the
// software renderer (render_cpu.hpp) into a 2D canvas; on-demand drawing,
// and the bridges to web/platform.js for text input through an input method,
// the clipboard and the test hooks.
//
// [SECTION] Why frames are drawn on demand
// A naive emscripten main loop redraws ImGui 60 times a second and kept one
// core ~98 % busy while idle. Here a frame is drawn only after input, a resize
// or a timer; a few frames follow each event so that ImGui settles.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8, for pasted text
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "../common/assessment_bridge.hpp"
#include "qaward/json_text.hpp"
#include "qaward/signing.hpp"
#include "../common/editions.hpp"
#include "../common/shipped_calendar.hpp"
#include "../common/eligibility_bridge.hpp"
#include "app.hpp"
#include "fonts.hpp"
#include "team.hpp"
#include "district.hpp"
#include "keeping.hpp"
#include "packaging.hpp"
#include "page_events.hpp"
#include "platform.hpp"
#include "render_cpu.hpp"
#include "render_webgl1.hpp"
#include "semantics.hpp"

// [SECTION] JavaScript side (web/platform.js defines window.QA)
EM_JS(void, js_text_input, (int active, float css_x, float css_y, float css_line), {
  QA.textInput(active !== 0, css_x, css_y, css_line);
});
EM_JS(void, js_set_document_language, (const char* tag), {
  document.documentElement.lang = UTF8ToString(tag);
});
EM_JS(void, js_mark_ready, (), {
  document.documentElement.dataset.appReady = "true";
  QA.reportStorage();  // what the browser keeps for this page, for the home page
});
// Not glfwSetWindowSize: Emscripten's GLFW asks for fullscreen when the size
// equals the screen's, and calls exitFullscreen otherwise.
EM_JS(void, js_set_canvas_size, (int width, int height), { Module.setCanvasSize(width, height); });
EM_JS(void, js_clipboard_write, (const char* text), { QA.clipboardWrite(UTF8ToString(text)); });
EM_JS(double, js_now_ms, (), { return Date.now(); });
EM_JS(void, js_pick_files, (), { QA.pickFiles(); });
EM_JS(void, js_load_font, (const char* file), { QA.loadFont(UTF8ToString(file)); });
// The page's address (for the raters' link) and what follows "#rate" in it,
// or "-" when the address is not a rater's link.
EM_JS(char*, js_page_address, (), {
  var v = location.origin + location.pathname;
  var p = _malloc(lengthBytesUTF8(v) + 1);
  stringToUTF8(v, p, lengthBytesUTF8(v) + 1);
  return p;
});
EM_JS(char*, js_rate_link, (), {
  var m = /^#rate(?:=(.*))?$/.exec(location.hash);
  var v = m ? decodeURIComponent(m[1] || '') : '-';
  var p = _malloc(lengthBytesUTF8(v) + 1);
  stringToUTF8(v, p, lengthBytesUTF8(v) + 1);
  return p;
});
EM_JS(int, js_cpu_renderer_requested, (), { return new URLSearchParams(location.search).get('renderer') === 'cpu' ? 1 : 0; });
EM_JS(void, js_present, (const void* pixels, int width, int height, int x, int y, int w, int h), {
  QA.present(pixels, width, height, x, y, w, h);
});
EM_JS(void, js_sync_text_areas, (const char* list), { QA.syncTextAreas(JSON.parse(UTF8ToString(list))); });
EM_JS(void, js_sync_semantics, (const char* update), { QA.syncSemantics(JSON.parse(UTF8ToString(update))); });
EM_JS(void, js_pick_draft, (), { QA.pickDraft(); });
EM_JS(void, js_pick_key, (int district), { QA.pickKey(district !== 0); });
EM_JS(void, js_pick_packages, (), { QA.pickPackages(); });
EM_JS(void, js_pick_office_key, (), { QA.pickOfficeKey(); });
EM_JS(void, js_pin_office_key, (const char* key), { QA.pinOfficeKey(UTF8ToString(key)); });
EM_JS(void, js_package_in_worker, (const char* request, const char* names), {
  QA.packageInWorker(UTF8ToString(request), JSON.parse(UTF8ToString(names)));
});
EM_JS(void, js_forget_attachment, (const char* name), { QA.forgetAttachment(UTF8ToString(name)); });
EM_JS(void, js_check_attachments, (const char* list), { QA.checkAttachments(JSON.parse(UTF8ToString(list))); });
EM_JS(void, js_countersign_in_worker, (int token, const char* request), {
  QA.countersignInWorker(token, UTF8ToString(request));
});
EM_JS(void, js_district_bundle_in_worker, (const char* packages, const char* request), {
  QA.districtBundleInWorker(UTF8ToString(packages), UTF8ToString(request));
});
EM_JS(void, js_pick_district_workspace, (), { QA.pickDistrictWorkspace(); });
EM_JS(void, js_pick_bundles, (), { QA.pickBundles(); });
EM_JS(void, js_forget_bundle, (const char* name), { QA.forgetBundle(UTF8ToString(name)); });
EM_JS(void, js_pick_district_public_key, (), { QA.pickDistrictPublicKey(); });
EM_JS(void, js_intake_in_worker, (const char* request), { QA.intakeInWorker(UTF8ToString(request)); });
EM_JS(void, js_set_drop_target, (const char* target), { QA.dropTarget = UTF8ToString(target); });
EM_JS(void, js_pick_ratings, (), { QA.pickRatings(); });
EM_JS(void, js_download, (const char* path, const char* name), { QA.download(UTF8ToString(path), UTF8ToString(name)); });
EM_JS(void, js_open_document, (const char* html), { QA.openDocument(UTF8ToString(html)); });
// The draft lives in this browser's localStorage; a full quota is reported.
EM_JS(int, js_save, (const char* key, const char* value), { return QA.save(UTF8ToString(key), UTF8ToString(value)) ? 1 : 0; });
EM_JS(char*, js_load, (const char* key), {
  var v = QA.load(UTF8ToString(key));
  if (v === null) return 0;
  var n = lengthBytesUTF8(v) + 1;
  var p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

namespace qaward::gui {
namespace {

constexpr int kFramesAfterEvent = 3;   // ImGui settles within a few frames
constexpr double kCaretBlinkMs = 530;  // redraw while a text field is active

class WebPlatform final : public Platform {
 public:
  void request_frames(int frames) override;
  void set_document_language(Language language) override {
    js_set_document_language(language == Language::en ? "en" : "zh-CN");
  }
  bool save(const char* key, const std::string& value) override { return js_save(key, value.c_str()) != 0; }
  void pick_files() override { js_pick_files(); }
  void pick_draft() override { js_pick_draft(); }
  void pick_key(bool district) override { js_pick_key(district ? 1 : 0); }
  void pick_packages() override { js_pick_packages(); }
  void pick_office_key() override { js_pick_office_key(); }
  void pin_office_key(const std::string& office_key) override { js_pin_office_key(office_key.c_str()); }
  void district_bundle_in_worker(const std::string& packages, const std::string& request) override {
    js_district_bundle_in_worker(packages.c_str(), request.c_str());
  }
  void pick_district_workspace() override { js_pick_district_workspace(); }
  void pick_bundles() override { js_pick_bundles(); }
  void forget_bundle(const std::string& name) override { js_forget_bundle(name.c_str()); }
  void pick_district_public_key() override { js_pick_district_public_key(); }
  void intake_in_worker(const std::string& request) override { js_intake_in_worker(request.c_str()); }
  void package_in_worker(const std::string& request, const std::vector<std::string>& names) override {
    js_package_in_worker(request.c_str(), nlohmann::json(names).dump().c_str());
  }
  void set_drop_target(const char* target) override { js_set_drop_target(target); }
  void pick_ratings() override { js_pick_ratings(); }
  void download(const std::string& path, const std::string& name) override { js_download(path.c_str(), name.c_str()); }
  void open_document(const std::string& html) override { js_open_document(html.c_str()); }
  void forget_attachment(const std::string& name) override { js_forget_attachment(name.c_str()); }
  void check_attachments(const std::vector<std::pair<std::string, bool>>& names) override {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [name, hashed] : names) list.push_back({{"name", name}, {"hashed", hashed}});
    js_check_attachments(list.dump().c_str());
  }
  void countersign_in_worker(int token, const std::string& request) override {
    js_countersign_in_worker(token, request.c_str());
  }
};

std::optional<std::string> load(const char* key) {
  char* text = js_load(key);
  if (text == nullptr) return std::nullopt;
  std::string out(text);
  std::free(text);
  return out;
}

// Dear ImGui's OpenGL backend as the page has it: built for WebGL2, or the
// same source built for WebGL1 where only that exists (render_webgl1.cpp).
struct GlBackend {
  const char* glsl;
  Renderer renderer;
  bool (*init)(const char*);
  void (*shutdown)();
  void (*new_frame)();
  void (*render)(ImDrawData*);
};
constexpr GlBackend kWebGL2{"#version 300 es", Renderer::webgl2, ImGui_ImplOpenGL3_Init, ImGui_ImplOpenGL3_Shutdown,
                            ImGui_ImplOpenGL3_NewFrame, ImGui_ImplOpenGL3_RenderDrawData};
constexpr GlBackend kWebGL1{"#version 100", Renderer::webgl1, ImGui_ImplWebGL1_Init, ImGui_ImplWebGL1_Shutdown,
                            ImGui_ImplWebGL1_NewFrame, ImGui_ImplWebGL1_RenderDrawData};

struct Runtime {
  GLFWwindow* window = nullptr;
  WebPlatform platform;
  AppState state;
  double dpr = 1.0;
  int canvas_w = 1, canvas_h = 1;           // the backing store, in device pixels
  std::unique_ptr<CpuRenderer> cpu;         // set when drawing without WebGL
  const GlBackend* gl = &kWebGL2;           // otherwise
  float line_px = theme::kBodyEmCssPx;  // a body text line in CSS px (load_fonts)
  int frames_pending = 0;
  bool frame_scheduled = false;
  bool blink_timer = false;
  bool tick_timer = false;
  bool ready = false;
  bool text_input_active = false;
  ImGuiID text_input_field = 0;  // the field being edited
  ImGuiID active_item = 0;       // Dear ImGui's active item after the last frame
  float caret_css_x = 0, caret_css_y = 0, caret_css_line = 23;
  std::string clipboard;      // what the interface last copied
  std::string pending_paste;  // text from the page's paste event, for the next frame
  std::string debug_json;
  std::map<std::string, std::string> text_area_sent;  // what each page text area holds, as far as we know
  std::string text_areas_last;                        // the last list sent, to skip an unchanged one
  std::unordered_map<std::string, std::string> semantics_sent;  // each node as the page's mirror has it
  std::string semantics_order;                        // the keys and parents the mirror has, in order
  std::string semantics_active;                       // the field being edited, as last sent
  std::vector<double> semantics_ms;                   // what the mirror cost each frame (ms), for the benchmark
  std::vector<double> frame_ms;                       // what each frame cost the main thread (ms), for the benchmarks
};

Runtime& rt() {
  static Runtime runtime;
  return runtime;
}

// [SECTION] Fonts: one CJK font subset at build time (scripts/make_font.py).
// Dear ImGui 1.92 rasterises each glyph when it is first drawn, at the size
// it is drawn at (the OpenGL3 backend uploads the new glyphs: no atlas build,
// no glyph ranges), so every code point the font holds draws.
std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The font's line (hhea ascent + descent) in em: Dear ImGui sizes a font by
// its line, CSS by its em. 1 when the tables cannot be read.
float line_height_em(const std::string& otf) {
  const auto u16 = [&](std::size_t at) -> unsigned {
    if (at + 2 > otf.size()) return 0;
    return (unsigned{static_cast<unsigned char>(otf[at])} << 8) | unsigned{static_cast<unsigned char>(otf[at + 1])};
  };
  const auto u32 = [&](std::size_t at) -> std::size_t { return (std::size_t{u16(at)} << 16) | u16(at + 2); };
  const auto table = [&](const char* tag) -> std::size_t {  // offset of a table, 0 if absent
    for (unsigned i = 0, n = u16(4); i < n; ++i) {
      const std::size_t record = 12 + 16 * std::size_t{i};
      if (record + 16 <= otf.size() && otf.compare(record, 4, tag) == 0) return u32(record + 8);
    }
    return 0;
  };
  const std::size_t head = table("head"), hhea = table("hhea");
  const unsigned units_per_em = head ? u16(head + 18) : 0;
  if (units_per_em == 0 || hhea == 0) return 1.0f;
  const auto ascent = static_cast<std::int16_t>(u16(hhea + 4)), descent = static_cast<std::int16_t>(u16(hhea + 6));
  const float em = static_cast<float>(ascent - descent) / static_cast<float>(units_per_em);
  return em > 0.5f && em < 3.0f ? em : 1.0f;
}

// The base font and the index of the slices fetched on demand (fonts.hpp).
void load_fonts() {
  static const std::string font_data = read_file("/assets/font/base.otf");  // the atlas reads it, never owns it
  rt().line_px = std::round(theme::kBodyEmCssPx * line_height_em(font_data));
  ImGuiIO& io = ImGui::GetIO();
  if (fonts::install(*io.Fonts, font_data, rt().line_px) == nullptr) {
    std::fprintf(stderr, "qaward: the interface font is missing; Chinese text cannot be shown\n");
    io.Fonts->AddFontDefault();
  }
  if (!fonts::read_index(read_file("/assets/font/slices.json"))) {
    std::fprintf(stderr, "qaward: the font slices' index is missing; rare characters show as their code points\n");
  }
}

// The style at a devicePixelRatio (theme.cpp): sizes scaled, body text at
// 16 CSS px.
void apply_style(double dpr) {
  ImGuiStyle& style = ImGui::GetStyle();
  const float main_scale = style.FontScaleMain;  // the user's text size, kept
  theme::apply(style, rt().line_px, dpr);
  style.FontScaleMain = main_scale;
}

// [SECTION] Size: the canvas backing store is CSS size x devicePixelRatio, so
// text is crisp on HiDPI screens; the CSS size comes from web/app.css.
// The software renderer draws from now on (no WebGL at the start, or a lost
// context given up): Dear ImGui's renderer flags for it; the home page says so.
void use_software_renderer() {
  Runtime& r = rt();
  if (!r.cpu) r.cpu = std::make_unique<CpuRenderer>();
  ImGuiIO& io = ImGui::GetIO();
  io.BackendRendererName = "qaward_cpu";
  io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures | ImGuiBackendFlags_RendererHasVtxOffset;
  r.state.ui.renderer = Renderer::software;
}

void fit_canvas() {
  Runtime& r = rt();
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = emscripten_get_device_pixel_ratio();
  const int w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  const int h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  js_set_canvas_size(w, h);
  r.canvas_w = w;
  r.canvas_h = h;
  if (dpr != r.dpr) {
    r.dpr = dpr;
    apply_style(dpr);  // glyphs at the new size are rasterised as they are drawn
  }
}

// [SECTION] Long texts: the page lays a <textarea> over each long text the
// frame drew (app_state.hpp TextArea), clipped to what is in view; one that
// was not drawn is hidden. Texts go over only when they changed.
void sync_text_areas() {
  Runtime& r = rt();
  // Popups and tooltips are drawn on the canvas, under any text area: a text
  // area they overlap is hidden meanwhile (the canvas shows its text).
  std::vector<ImRect> overlays;
  for (const ImGuiWindow* window : GImGui->Windows) {
    if (window->Active && (window->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip)) != 0) {
      overlays.push_back(window->Rect());
    }
  }
  nlohmann::json list = nlohmann::json::array();
  const auto css = [&](float v) { return std::round(v / r.dpr * 100.0) / 100.0; };
  for (const auto& [id, area] : r.state.ui.text_areas) {
    const ImRect rect(area.rect[0], area.rect[1], area.rect[0] + area.rect[2], area.rect[1] + area.rect[3]);
    const bool covered = std::any_of(overlays.begin(), overlays.end(), [&](const ImRect& o) { return o.Overlaps(rect); });
    // Where it goes is the semantics mirror's business (its node's rectangle).
    nlohmann::json a = {{"id", id},
                        {"covered", covered},
                        {"line", css(area.line)},
                        {"padding", css(area.padding)},
                        {"label", area.label}};
    if (auto [it, added] = r.text_area_sent.try_emplace(id, area.text); added || it->second != area.text) {
      it->second = area.text;
      a["text"] = area.text;
    }
    list.push_back(std::move(a));
  }
  std::string text = list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text == r.text_areas_last) return;
  js_sync_text_areas(text.c_str());
  r.text_areas_last = std::move(text);
}

// [SECTION] The semantics mirror (semantics.hpp, platform.js syncSemantics):
// the nodes that changed since the last frame go to the page, with the
// order of all nodes when it changed; nothing at all when nothing changed
// (a caret's blink, a countdown that shows no node's text). Rectangles in
// CSS pixels.
void sync_semantics() {
  Runtime& r = rt();
  const double started = emscripten_get_now();
  struct Timed {  // the whole cost: the tree's diff here and the DOM's update in the page
    Runtime& r;
    double started;
    ~Timed() {
      if (r.semantics_ms.size() >= 512) r.semantics_ms.erase(r.semantics_ms.begin());
      r.semantics_ms.push_back(emscripten_get_now() - started);
    }
  } timed{r, started};
  const auto css = [&](float v) { return std::round(v / r.dpr * 10.0) / 10.0; };
  nlohmann::json changed = nlohmann::json::array();
  std::string order;
  std::unordered_map<std::string, std::string> now;
  std::string focus_key;
  for (const auto& n : semantics::nodes()) {
    nlohmann::json j = {{"k", n.key}, {"r", semantics::role_name(n.role)}};
    if (!n.parent.empty()) j["p"] = n.parent;
    if (!n.name.empty()) j["n"] = n.name;
    if (!n.value.empty()) j["v"] = n.value;
    if (!n.description.empty()) j["d"] = n.description;
    if (!n.labelled_by.empty()) j["lb"] = n.labelled_by;
    if (n.level != 0) j["l"] = n.level;
    if (!n.options.empty()) {
      j["o"] = n.options;
      j["sel"] = n.selected;
    }
    if (n.role == semantics::Role::slider || n.role == semantics::Role::progress) j["num"] = {n.number, n.min, n.max};
    std::string flags;
    if (n.checked) flags += 'c';
    if (n.disabled) flags += 'd';
    if (n.invalid) flags += 'i';
    if (n.expanded) flags += 'e';
    if (n.current) flags += 'a';
    if (n.password) flags += 'p';
    if (n.focus_target) flags += 'f';
    if (!flags.empty()) j["f"] = flags;
    if (n.role != semantics::Role::table && n.role != semantics::Role::row && n.role != semantics::Role::cell &&
        n.role != semantics::Role::header_cell && n.role != semantics::Role::radio_group) {
      j["b"] = {css(n.x), css(n.y), css(n.w), css(n.h)};
    }
    if (n.role == semantics::Role::scroll) {
      j["s"] = {css(n.scroll_x), css(n.scroll_y), css(n.content_w), css(n.content_h)};
      if (n.landmark != semantics::Landmark::none) j["m"] = n.landmark == semantics::Landmark::navigation ? "nav" : "main";
    }
    std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    order += n.key + '<' + n.parent + ';';
    if (const auto it = r.semantics_sent.find(n.key); it == r.semantics_sent.end() || it->second != text) {
      changed.push_back(std::move(j));
    }
    now.emplace(n.key, std::move(text));
  }
  const ImGuiIO& io = ImGui::GetIO();
  const std::string active = io.WantTextInput && ImGui::GetActiveID() != 0 ? semantics::key_of(ImGui::GetActiveID()) : std::string();
  // Not on the first frame: the page opens at its top (the skip link first).
  const bool focus_title = std::exchange(r.state.ui.screen_changed, false) && r.ready;
  if (changed.empty() && order == r.semantics_order && active == r.semantics_active && !focus_title) return;
  nlohmann::json update = {{"nodes", std::move(changed)}, {"active", active}, {"focusTitle", focus_title},
                           {"lang", r.state.language == Language::en ? "en" : "zh-CN"}};
  if (order != r.semantics_order) {
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& n : semantics::nodes()) keys.push_back(n.key);
    update["order"] = std::move(keys);
  }
  js_sync_semantics(update.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  r.semantics_sent = std::move(now);
  r.semantics_order = std::move(order);
  r.semantics_active = active;
}

// [SECTION] One frame
void draw_one_frame() {
  Runtime& r = rt();
  const double frame_started = emscripten_get_now();
  if (!r.cpu) r.gl->new_frame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  ImGui::NewFrame();
  // Pasted text arrives as typed text, this frame. Dear ImGui ignores typed
  // characters while Ctrl (or Cmd) is held, and Ctrl+V may still be held, so
  // the modifiers NewFrame derived are masked while the widgets are drawn
  // (EndFrame checks them against the keys held: they are restored before
  // Render). The characters go straight to this frame's queue: through
  // io.AddInputCharactersUTF8 they could trickle to a later frame, behind the
  // Ctrl key event, and miss the mask.
  const bool pasting = !r.pending_paste.empty();
  const bool held_ctrl = io.KeyCtrl, held_super = io.KeySuper, held_alt = io.KeyAlt;
  const ImGuiKeyChord held_mods = io.KeyMods;
  if (pasting) {
    const char* s = r.pending_paste.c_str();
    const char* const end = s + r.pending_paste.size();
    while (s < end) {
      unsigned int c = 0;
      s += ImTextCharFromUtf8(&c, s, end);
      if (c != 0) io.InputQueueCharacters.push_back(static_cast<ImWchar>(c));
    }
    r.pending_paste.clear();
    io.KeyCtrl = io.KeySuper = io.KeyAlt = false;
    io.KeyMods = io.KeyMods & ~(ImGuiMod_Ctrl | ImGuiMod_Super | ImGuiMod_Alt);
  }
  r.state.now = beijing_datetime(static_cast<std::int64_t>(js_now_ms() / 1000.0));
  // The page's events queued since the last frame, so that this frame shows
  // them (a progress bar then costs one frame, not four).
  (void)apply_actions(r.state, r.platform);
  draw_frame(r.state);
  if (pasting) {  // the modifiers as the keyboard holds them
    io.KeyCtrl = held_ctrl;
    io.KeySuper = held_super;
    io.KeyAlt = held_alt;
    io.KeyMods = held_mods;
  }
  ImGui::Render();
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  if (r.cpu) {  // only the pixels that changed go to the canvas
    r.cpu->render(ImGui::GetDrawData(), r.canvas_w, r.canvas_h, bg);
    if (const PixelRect c = r.cpu->changed(); !c.empty()) {
      js_present(r.cpu->pixels().data(), r.cpu->width(), r.cpu->height(), c.x0, c.y0, c.width(), c.height());
    }
  } else {
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(r.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    r.gl->render(ImGui::GetDrawData());  // also creates and updates glyph textures
  }

  // (A request the interface made of itself, such as a change link's field
  // starting to edit, waits for the next frame as the page's do.)
  // An item that became active or was let go: Dear ImGui's io flags
  // (WantTextInput) follow a frame later.
  const bool active_changed = std::exchange(r.active_item, ImGui::GetActiveID()) != r.active_item;
  if (apply_actions(r.state, r.platform) || semantics::requests_pending() || active_changed) r.platform.request_frames(kFramesAfterEvent);
  sync_text_areas();
  sync_semantics();
  // Characters this frame drew without a glyph: their slices are fetched.
  for (const auto& file : fonts::take_requests()) js_load_font(file.c_str());
  if (r.state.ui.draft_changed) {  // saved as the user works: nothing is lost on a reload
    r.state.ui.draft_changed = false;
    r.state.ui.draft_unsaved = !r.platform.save("qaward.draft", draft_to_json(r.state.draft));
  }
  // A running countdown redraws once a second, and nothing else does.
  if (r.state.ui.wants_tick && !r.tick_timer) {
    r.tick_timer = true;
    emscripten_set_timeout(
        [](void*) {
          rt().tick_timer = false;
          rt().platform.request_frames(1);
        },
        1000.0 - std::fmod(js_now_ms(), 1000.0), nullptr);
  }

  // The hidden text element follows ImGui's wish for text input.
  // Also when another field took over in the same frame (Tab left one field
  // and Shift+Tab came back: the page's focus moved meanwhile).
  // (io.WantTextInput lags a frame behind a field let go: the active id says it.)
  const ImGuiID field = io.WantTextInput ? ImGui::GetActiveID() : 0;
  const bool want_text = field != 0;
  if (want_text != r.text_input_active || field != r.text_input_field) {
    r.text_input_active = want_text;
    r.text_input_field = field;
    js_text_input(want_text, r.caret_css_x, r.caret_css_y, r.caret_css_line);
  }
  if (want_text && !r.blink_timer) {
    r.blink_timer = true;
    emscripten_set_timeout(
        [](void*) {
          rt().blink_timer = false;
          if (rt().text_input_active) rt().platform.request_frames(1);
        },
        kCaretBlinkMs, nullptr);
  }
  if (!r.ready) {
    r.ready = true;
    js_mark_ready();
  }
  if (r.frame_ms.size() >= 512) r.frame_ms.erase(r.frame_ms.begin());
  r.frame_ms.push_back(emscripten_get_now() - frame_started);
}

EM_BOOL on_animation_frame(double /*time*/, void* /*user*/) {
  Runtime& r = rt();
  draw_one_frame();
  if (--r.frames_pending > 0) return EM_TRUE;
  r.frame_scheduled = false;
  return EM_FALSE;
}

void WebPlatform::request_frames(int frames) {
  Runtime& r = rt();
  r.frames_pending = std::max(r.frames_pending, frames);
  if (!r.frame_scheduled) {
    r.frame_scheduled = true;
    emscripten_request_animation_frame_loop(on_animation_frame, nullptr);
  }
}

// [SECTION] Input: every event goes to ImGui's GLFW backend, then asks for frames.
// Dear ImGui (1.87+) queues input events, so a key pressed and released
// between two frames is still seen.
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  Runtime& r = rt();
  // Ctrl+V / Cmd+V: the page's paste event brings the text (qa_paste); ImGui's
  // own paste would read a clipboard that the browser does not let it read.
  if (key == GLFW_KEY_V && (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER)) != 0) return;
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
  r.platform.request_frames(kFramesAfterEvent);
}
void on_mouse_button(GLFWwindow* w, int button, int action, int mods) {
  ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
  rt().platform.request_frames(kFramesAfterEvent);
}
// The position goes into ImGui's input queue in order with the buttons: a
// move, press and release between two frames click where the pointer went
// (polled in NewFrame, as ImGui 1.86 read it, the move would be queued after
// the click and the click land where the pointer was before).
void on_cursor(GLFWwindow* w, double x, double y) {
  ImGui_ImplGlfw_CursorPosCallback(w, x, y);
  rt().platform.request_frames(kFramesAfterEvent);
}
void on_focus(GLFWwindow* w, int focused) {
  ImGui_ImplGlfw_WindowFocusCallback(w, focused);
  rt().platform.request_frames(kFramesAfterEvent);
}
void on_enter(GLFWwindow* w, int entered) {
  ImGui_ImplGlfw_CursorEnterCallback(w, entered);
  rt().platform.request_frames(kFramesAfterEvent);
}

EM_BOOL on_resize(int /*type*/, const EmscriptenUiEvent* /*event*/, void* /*user*/) {
  fit_canvas();
  rt().platform.request_frames(kFramesAfterEvent);
  return EM_FALSE;
}

// ImGui tells where the caret is (at the end of a frame, when it moved); the
// page moves the hidden text element there so that the input method's
// candidate window appears beside it, and shows the text being composed
// there, at the line's size (Dear ImGui draws no composition).
void on_ime_data(ImGuiContext* /*ctx*/, ImGuiViewport* /*viewport*/, ImGuiPlatformImeData* data) {
  Runtime& r = rt();
  if (!data->WantVisible) return;
  r.caret_css_x = static_cast<float>(data->InputPos.x / r.dpr);
  r.caret_css_y = static_cast<float>(data->InputPos.y / r.dpr);
  r.caret_css_line = static_cast<float>(data->InputLineHeight / r.dpr);
  if (r.text_input_active) js_text_input(1, r.caret_css_x, r.caret_css_y, r.caret_css_line);
}

const char* get_clipboard(ImGuiContext* /*ctx*/) { return rt().clipboard.c_str(); }
void set_clipboard(ImGuiContext* /*ctx*/, const char* text) {
  rt().clipboard = text;
  js_clipboard_write(text);
}

}  // namespace
}  // namespace qaward::gui

// [SECTION] Entry points called from web/platform.js
namespace qaward::gui {

// A progress bar moved: redrawn at most four times a second, since a frame
// costs the main thread time that the workers' hashing also wants.
void progress_frame() {
  static double last = 0;
  const double now = js_now_ms();
  if (now - last < 250) return;
  last = now;
  rt().platform.request_frames(1);
}

// An event from the page, queued for apply_actions; a frame follows (at most
// four a second for progress).
void post(Action event, bool progress = false) {
  rt().state.queue(std::move(event));
  if (progress) progress_frame();
  else rt().platform.request_frames(kFramesAfterEvent);
}

}  // namespace qaward::gui

extern "C" {

// Committed text from the input method, or typed text (UTF-8).
EMSCRIPTEN_KEEPALIVE void qa_type_text(const char* utf8) {
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}

// Text from the page's paste event, inserted at the caret next frame.
EMSCRIPTEN_KEEPALIVE void qa_paste(const char* utf8) {
  qaward::gui::rt().pending_paste += utf8;
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}

// A font slice fetched (qa_font_slice takes the malloc'ed bytes) or not: the
// next frames draw with it, or draw its characters as code-point boxes.
EMSCRIPTEN_KEEPALIVE void qa_font_slice(const char* file, void* data, int size) {
  (void)qaward::gui::fonts::add_slice(file, data, size);
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}
EMSCRIPTEN_KEEPALIVE void qa_font_failed(const char* file) {
  qaward::gui::fonts::slice_failed(file);
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}
// Test hooks behind window.qaward.fontMissing (JSON arrays): the slices
// `text` needs, then the code points of `text` the font cannot draw.
EMSCRIPTEN_KEEPALIVE const char* qa_font_files_for(const char* text) {
  static std::string out;
  out = nlohmann::json(qaward::gui::fonts::files_for(text)).dump();
  return out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* qa_font_missing(const char* text) {
  static std::string out;
  nlohmann::json list = nlohmann::json::array();
  for (char32_t c : qaward::gui::fonts::undrawable(text)) list.push_back(static_cast<std::uint32_t>(c));
  out = list.dump();
  return out.c_str();
}

// A long text typed, pasted or undone in the page's text area: the widget
// applies it on the next frame.
EMSCRIPTEN_KEEPALIVE void qa_text_area_input(const char* id, const char* text) {
  auto& r = qaward::gui::rt();
  r.text_area_sent[id] = text;  // the page holds it: not sent back
  r.state.ui.text_area_input[id] = text;
  r.platform.request_frames(qaward::gui::kFramesAfterEvent);
}

// The WebGL context came back after it was lost (a virtual desktop
// reconnected, the driver reset): the renderer's shaders, buffers and glyph
// textures are made again (ImGui asks for its textures anew once the
// backend's shutdown marks them destroyed). The draft never lived there.
EMSCRIPTEN_KEEPALIVE void qa_gl_restored() {
  auto& r = qaward::gui::rt();
  if (r.cpu) return;
  r.gl->shutdown();
  r.gl->init(r.gl->glsl);
  r.platform.request_frames(qaward::gui::kFramesAfterEvent);
}

// The WebGL context was lost and has not come back (the page waited): the
// software renderer takes over, into a canvas the page lays over this one.
// Dear ImGui asks for its textures anew once the OpenGL backend's shutdown
// marks them destroyed; nothing of the draft lived on the GPU.
EMSCRIPTEN_KEEPALIVE void qa_gl_gave_up() {
  auto& r = qaward::gui::rt();
  if (r.cpu) return;
  std::fprintf(stderr, "qaward: the WebGL context did not come back; drawing in software\n");
  r.gl->shutdown();
  qaward::gui::use_software_renderer();
  r.platform.request_frames(qaward::gui::kFramesAfterEvent);
}

// A redraw asked for by the page (visibility change, tests).
EMSCRIPTEN_KEEPALIVE void qa_request_frames(int frames) { qaward::gui::rt().platform.request_frames(frames); }

// The eligibility core with JSON in and out (app/common/eligibility_bridge.hpp).
// The returned text stays valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* qa_eligibility(const char* request_json) {
  static std::string response;
  response = qaward::eligibility_json(request_json);
  return response.c_str();
}

// The self-assessment summary with JSON in and out (app/common/assessment_bridge.hpp).
EMSCRIPTEN_KEEPALIVE const char* qa_assess(const char* request_json) {
  static std::string response;
  response = qaward::assessment_json(request_json);
  return response.c_str();
}

// Mouse-wheel steps from the page (positive: up or left, as GLFW reports them).
// Straight into ImGui's queue: the 1.92 GLFW backend ignores GLFW's scroll
// callback under Emscripten (it expects its own wheel listener, which the page
// replaces with this one), so no GLFW scroll callback is set.
// The semantics mirror's elements were used (platform.js): a button pressed
// with Enter, a radio chosen with the arrows, a drop-down's option, a
// field reached with Tab, a panel scrolled by the browser's find.
EMSCRIPTEN_KEEPALIVE void qa_sem_activate(const char* key) {
  qaward::gui::semantics::request_activate(key);
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}
EMSCRIPTEN_KEEPALIVE void qa_sem_choose(const char* key, int index) {
  qaward::gui::semantics::request_choose(key, index);
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}
EMSCRIPTEN_KEEPALIVE void qa_sem_focus(const char* key) {
  qaward::gui::semantics::request_focus(key);
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}
EMSCRIPTEN_KEEPALIVE void qa_sem_scroll(const char* key, double css_x, double css_y) {
  const double dpr = qaward::gui::rt().dpr;
  qaward::gui::semantics::request_scroll(key, static_cast<float>(css_x * dpr), static_cast<float>(css_y * dpr));
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}
// Tab left a field being edited: the interface lets it go.
EMSCRIPTEN_KEEPALIVE void qa_sem_release() {
  qaward::gui::semantics::request_release();
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}

EMSCRIPTEN_KEEPALIVE void qa_scroll(double dx, double dy) {
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(dx), static_cast<float>(dy));
  qaward::gui::rt().platform.request_frames(qaward::gui::kFramesAfterEvent);
}

// [SECTION] Events: each entry point decodes its arguments and queues an
// event (app_state.hpp); apply_actions applies it before the next frame.

// A newer version of the app was fetched in the background: it runs on the next visit.
EMSCRIPTEN_KEEPALIVE void qa_update_ready() { qaward::gui::post(qaward::gui::UpdateReady{}); }

// A file the page stored (picker or drop): listed at once; the worker hashes it.
EMSCRIPTEN_KEEPALIVE void qa_attached(const char* name, double size) {
  qaward::gui::post(qaward::gui::AttachmentStored{name, static_cast<std::uint64_t>(size)});
}

// Hashing progress of a stored attachment: bytes done.
EMSCRIPTEN_KEEPALIVE void qa_attachment_progress(const char* name, double done) {
  qaward::gui::post(qaward::gui::AttachmentProgress{name, static_cast<std::uint64_t>(done)}, /*progress=*/true);
}

// The worker's facts for an attachment (JSON: ok, size, sha256, crc32, state_secret_mark).
EMSCRIPTEN_KEEPALIVE void qa_attachment_checked(const char* name, const char* result_json) {
  const auto result = nlohmann::json::parse(result_json, nullptr, false);
  std::optional<qaward::AttachedFile> facts;
  if (result.is_object() && result.value("ok", false)) {
    facts = qaward::AttachedFile{result.value("size", std::uint64_t{0}), result.value("sha256", ""),
                                 result.value("crc32", std::uint32_t{0}), result.value("state_secret_mark", false)};
  }
  qaward::gui::post(qaward::gui::AttachmentChecked{name, std::move(facts)});
}

// An attachment of the draft that this browser does not hold.
EMSCRIPTEN_KEEPALIVE void qa_attachment_missing(const char* name) { qaward::gui::post(qaward::gui::AttachmentMissing{name}); }

// The page could not store a file (a full storage quota).
EMSCRIPTEN_KEEPALIVE void qa_attach_failed(const char* name) { qaward::gui::post(qaward::gui::AttachmentStoreFailed{name}); }

// A draft file chosen for import: replaces the draft when it reads.
// What navigator.storage says: persistence granted or asked for, bytes used and available.
EMSCRIPTEN_KEEPALIVE void qa_storage(int persisted, int asked, double usage, double quota) {
  qaward::gui::post(qaward::gui::StorageReported{persisted != 0, asked != 0, usage, quota});
}
// A rating file for the coordinator (text "" when it was too large to read).
EMSCRIPTEN_KEEPALIVE void qa_rating_chosen(const char* name, const char* text, double size) {
  qaward::gui::post(qaward::gui::RatingFileChosen{name, text, size});
}
// The address changed to a rater's link (#rate=...) while the page was open.
EMSCRIPTEN_KEEPALIVE void qa_rate_link(const char* asked) { qaward::gui::post(qaward::gui::RateLinkOpened{asked}); }
EMSCRIPTEN_KEEPALIVE void qa_import_draft(const char* text) { qaward::gui::post(qaward::gui::DraftFileChosen{text}); }

// A secret key file chosen for import (qaward keygen's format).
EMSCRIPTEN_KEEPALIVE void qa_import_key(const char* text) { qaward::gui::post(qaward::gui::KeyFileChosen{text, false}); }
EMSCRIPTEN_KEEPALIVE void qa_import_district_key(const char* text) { qaward::gui::post(qaward::gui::KeyFileChosen{text, true}); }

// The district office's public key chosen to pin (a minisign .pub file).
EMSCRIPTEN_KEEPALIVE void qa_office_key_chosen(const char* text) { qaward::gui::post(qaward::gui::OfficeKeyChosen{text}); }

// Progress of the packaging worker: bytes of attachments written of all, then
// bytes of the package hashed.
EMSCRIPTEN_KEEPALIVE void qa_package_progress(double done, double total) {
  qaward::gui::post(qaward::gui::PackageProgress{done, total}, /*progress=*/true);
}

// The package is written and its download offered (JSON: package_id, size).
EMSCRIPTEN_KEEPALIVE void qa_package_written(const char* result) { qaward::gui::post(qaward::gui::PackageWritten{result}); }

// The packaging worker's result (JSON): the package was downloaded, or why not.
EMSCRIPTEN_KEEPALIVE void qa_package_done(const char* result) { qaward::gui::post(qaward::gui::PackageDone{result}); }

// A package handed to the worker for the pre-check: listed as being verified.
EMSCRIPTEN_KEEPALIVE void qa_review_started(const char* file, int token) {
  qaward::gui::post(qaward::gui::ReviewStarted{file, token});
}

// Verified again, with another office key pinned.
EMSCRIPTEN_KEEPALIVE void qa_review_restarted(int token) { qaward::gui::post(qaward::gui::ReviewRestarted{token}); }

// The worker's verification report (JSON: ok, report).
EMSCRIPTEN_KEEPALIVE void qa_review_done(int token, const char* result) {
  qaward::gui::post(qaward::gui::ReviewDone{token, result});
}

// The countersigned copy was downloaded, or why not.
EMSCRIPTEN_KEEPALIVE void qa_countersign_done(const char* result) { qaward::gui::post(qaward::gui::CountersignDone{result}); }

// The district's workspace file chosen for import (issue 18).
EMSCRIPTEN_KEEPALIVE void qa_district_workspace_chosen(const char* text) {
  qaward::gui::post(qaward::gui::DistrictFileChosen{text});
}
// Packages countersigned of all, then the bundle (the last step).
EMSCRIPTEN_KEEPALIVE void qa_district_bundle_progress(double done, double total) {
  qaward::gui::post(qaward::gui::DistrictBundleProgress{done, total}, /*progress=*/true);
}
// The bundle was offered as a download, or why not (JSON: ok, count | message).
EMSCRIPTEN_KEEPALIVE void qa_district_bundle_done(const char* result) { qaward::gui::post(qaward::gui::DistrictBundleDone{result}); }
// The office opened bundles (JSON array of names; the page keeps the files).
EMSCRIPTEN_KEEPALIVE void qa_bundles_opened(const char* names) {
  const auto list = nlohmann::json::parse(names, nullptr, false);
  std::vector<std::string> opened;
  if (list.is_array()) {
    for (const auto& n : list) {
      if (n.is_string()) opened.push_back(n.get<std::string>());
    }
  }
  qaward::gui::post(qaward::gui::BundlesOpened{std::move(opened)});
}
// A district's public key file (.pub) the office chose to pin.
EMSCRIPTEN_KEEPALIVE void qa_district_pubkey_chosen(const char* text) { qaward::gui::post(qaward::gui::DistrictPublicKeyChosen{text}); }
// The worker's intake over the bundles (JSON: ok, report, acceptance_html, csv).
EMSCRIPTEN_KEEPALIVE void qa_intake_done(const char* result) { qaward::gui::post(qaward::gui::IntakeDone{result}); }

// Test hook: a JSON snapshot of what the interface holds. Rectangles are in
// CSS pixels, as a test clicks them.
EMSCRIPTEN_KEEPALIVE const char* qa_debug_state() {
  auto& r = qaward::gui::rt();
  nlohmann::json items = nlohmann::json::object();
  for (const auto& [item, rect] : r.state.ui.item_rects) {
    items[item] = {rect[0] / r.dpr, rect[1] / r.dpr, rect[2] / r.dpr, rect[3] / r.dpr};
  }
  const nlohmann::json state = {
      {"org_name", r.state.draft.profile.organization.name.value_or("")},
      {"semantics_ms", r.semantics_ms},
      {"frame_ms", r.frame_ms},
      {"semantics_nodes", qaward::gui::semantics::nodes().size()},
      {"screen", static_cast<int>(r.state.screen)},
      {"screen_tag", qaward::gui::screen_tag(r.state.screen)},
      {"eligibility", r.state.eligibility ? qaward::to_string(r.state.eligibility->outcome) : ""},
      {"preflight", [&] {
         nlohmann::json keys = nlohmann::json::array();
         for (const auto& d : r.state.preflight) keys.push_back(d.key);
         return keys;
       }()},
      {"edition", r.state.services.rules ? r.state.services.rules->edition : ""},
      {"edition_unknown", r.state.edition_unknown},
      {"edition_differences", [&] {
         nlohmann::json ids = nlohmann::json::array();
         for (const auto& d : r.state.edition_differences) ids.push_back(d.id);
         return ids;
       }()},
      {"last_package", r.state.packaging.last_id},
      {"notice", r.state.notice.text},
      {"notice_is_error", r.state.notice.is_error},
      {"has_key", !r.state.keys.secret_key.empty()},
      {"has_district_key", !r.state.keys.district_secret_key.empty()},
      {"public_key", r.state.keys.public_key},  // the .pub file's text, as the core's signing module writes it
      {"office_key_pinned", !r.state.keys.office_key.empty()},
      {"packaging", r.state.packaging.busy},
      {"draft_unsaved", r.state.ui.draft_unsaved},
      {"assessment_total_centi", [&] {
         return r.state.assessment_summary ? r.state.assessment_summary->total_centi : std::int64_t{0};
       }()},
      {"reviews", [&] {
         nlohmann::json list = nlohmann::json::array();
         for (const auto& review : r.state.review.packages) {
           nlohmann::json findings = nlohmann::json::array();
           for (const auto& f : review.report.findings) findings.push_back(f.key);
           list.push_back({{"file", review.file}, {"verifying", review.verifying}, {"failure", review.failure},
                           {"valid", review.report.valid}, {"findings", findings},
                           {"countersignatures", review.report.countersignatures.size()}});
         }
         return list;
       }()},
      {"district", [&] {
         const auto status = qaward::gui::district_status_now(r.state);
         nlohmann::json problems = nlohmann::json::array();
         for (const auto& d : status.problems) problems.push_back(d.key);
         return nlohmann::json{{"workspace", qaward::to_json(r.state.district.workspace)}, {"stage", qaward::to_string(status.stage)},
                               {"problems", problems}, {"busy", r.state.district.busy},
                               {"result", r.state.district.result.text}, {"result_is_error", r.state.district.result.is_error}};
       }()},
      {"office", [&] {
         nlohmann::json fingerprints = nlohmann::json::array();
         for (const auto& k : r.state.office.district_keys) fingerprints.push_back(qaward::parse_public_key(k).value().fingerprint());
         return nlohmann::json{{"keys", fingerprints}, {"bundles", r.state.office.bundles}, {"checking", r.state.office.checking},
                               {"report", r.state.office.report}};
       }()},
      {"draft", nlohmann::json::parse(qaward::draft_to_json(r.state.draft))},
      {"rating", qaward::rating_to_json(r.state.team.rating)},
      {"team_imported", [&] {
         nlohmann::json said = nlohmann::json::array();
         for (const auto& n : r.state.team.imported) said.push_back({{"text", n.text}, {"error", n.is_error}});
         return said;
       }()},
      {"language", r.state.language == qaward::Language::en ? "en" : "zh"},
      {"frames_drawn", r.state.ui.frames_drawn},
      {"text_input", r.text_input_active},
      {"dpr", r.dpr},
      {"renderer", r.cpu ? "cpu" : r.gl == &qaward::gui::kWebGL1 ? "webgl1" : "webgl2"},
      {"font_slices", [] {
         const auto p = qaward::gui::fonts::progress();
         return nlohmann::json{{"requested", p.requested}, {"loaded", p.loaded}, {"failed", p.failed}};
       }()},
      {"items", items},
  };
  r.debug_json = state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r.debug_json.c_str();
}

}  // extern "C"

int main() {
  using namespace qaward::gui;
  Runtime& r = rt();
  if (!glfwInit()) {
    std::fprintf(stderr, "qaward: GLFW could not start\n");
    return 1;
  }
  // WebGL2 unless the page asks for the software renderer; WebGL1 where
  // only that exists; without WebGL, the software renderer draws into a 2D
  // canvas (issue 20).
  // A small initial size: one equal to the screen's would ask for fullscreen.
  const bool cpu_requested = js_cpu_renderer_requested() != 0;
  if (!cpu_requested) {
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    r.window = glfwCreateWindow(320, 200, "质量奖申报助手", nullptr, nullptr);
  }
  if (r.window == nullptr && !cpu_requested) {
    // WebGL1: emscripten's GLFW asks for WebGL2 wherever the browser knows
    // its name (even where it then refuses it), so this context is made here
    // and GLFW gives only the window and its input.
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 1;
    attributes.alpha = false;  // as GLFW's
    attributes.antialias = false;
    const auto context = emscripten_webgl_create_context("#canvas", &attributes);
    if (context > 0 && emscripten_webgl_make_context_current(context) == EMSCRIPTEN_RESULT_SUCCESS) {
      glfwDefaultWindowHints();
      glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
      r.window = glfwCreateWindow(320, 200, "质量奖申报助手", nullptr, nullptr);
      r.gl = &kWebGL1;
      if (r.window != nullptr) std::fprintf(stderr, "qaward: WebGL2 is not available here; drawing with WebGL1\n");
    }
  }
  if (r.window == nullptr && !cpu_requested) std::fprintf(stderr, "qaward: WebGL is not available here; drawing in software\n");
  if (r.window == nullptr) {
    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    r.window = glfwCreateWindow(320, 200, "质量奖申报助手", nullptr, nullptr);
    if (r.window == nullptr) {
      std::fprintf(stderr, "qaward: GLFW could not create the page's window\n");
      return 1;
    }
    r.cpu = std::make_unique<CpuRenderer>();
  } else {
    glfwMakeContextCurrent(r.window);
  }
  r.state.ui.renderer = r.cpu ? Renderer::software : r.gl->renderer;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is fixed; nothing to persist
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows, Enter, Space
  // Callbacks are ours and forward to the backend. No char callback: typed
  // text arrives once, through the page's hidden text element (qa_type_text).
  if (r.cpu) ImGui_ImplGlfw_InitForOther(r.window, /*install_callbacks=*/false);
  else ImGui_ImplGlfw_InitForOpenGL(r.window, /*install_callbacks=*/false);
  // After the backend's init, which installs GLFW's clipboard functions (empty
  // stubs in Emscripten).
  ImGuiPlatformIO& platform_io = ImGui::GetPlatformIO();
  platform_io.Platform_GetClipboardTextFn = get_clipboard;
  platform_io.Platform_SetClipboardTextFn = set_clipboard;
  platform_io.Platform_SetImeDataFn = on_ime_data;
  if (r.cpu) use_software_renderer();
  else r.gl->init(r.gl->glsl);  // sets ImGuiBackendFlags_RendererHasTextures
  load_fonts();
  glfwSetKeyCallback(r.window, on_key);
  glfwSetMouseButtonCallback(r.window, on_mouse_button);
  glfwSetCursorPosCallback(r.window, on_cursor);
  glfwSetWindowFocusCallback(r.window, on_focus);
  glfwSetCursorEnterCallback(r.window, on_enter);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);

  // The shipped data, and what this browser kept from last time.
  const auto& editions = qaward::shipped_editions();
  const auto& calendar = qaward::shipped_calendar();
  const auto& criteria = qaward::shipped_criteria();
  if (editions.ok()) r.state.services.editions = &editions.value();
  if (calendar.ok()) r.state.services.calendar = &calendar.value();
  if (criteria.ok()) r.state.services.criteria = &criteria.value();
  if (const auto language = load("qaward.language")) r.state.language = qaward::language_from_tag(*language);
  if (const auto size = load("qaward.text_size")) r.state.ui.text_size = theme::text_size_from_tag(*size);
  if (const auto tag = load("qaward.screen")) {
    if (const auto screen = screen_from_tag(*tag)) {  // where the user was, scrolled as it was
      r.state.queue(Navigate{*screen, true});
      if (const auto scroll = load("qaward.scroll")) {
        const auto space = scroll->find(' ');
        if (space != std::string::npos && scroll->substr(0, space) == *tag) {
          r.state.ui.scroll_to = std::strtof(scroll->c_str() + space + 1, nullptr);
        }
      }
    }
  }
  // What this browser kept but cannot read now (written by a newer version
  // in another tab, or damaged) is set aside under "<key>.unreadable", never
  // written over by the empty one this page starts with; the user is told.
  const auto keep_aside = [&](const char* key, const std::string& text, const char* message,
                              const std::vector<qaward::Diagnostic>& why) {
    (void)r.platform.save((std::string(key) + ".unreadable").c_str(), text);
    const auto& t = r.state.text();
    r.state.notice.say(t.text(message, {{"key", std::string(key) + ".unreadable"},
                                        {"reason", why.empty() ? std::string() : in_words(t, why.front())}}), true);
  };
  if (const auto saved = load("qaward.draft"); saved && criteria.ok()) {
    if (auto draft = qaward::parse_draft(*saved, criteria.value()); draft.ok()) {
      r.state.draft = std::move(draft).value();
      check_stored(r.platform, r.state.draft);  // the files are in IndexedDB, unless cleared
    } else {
      keep_aside("qaward.draft", *saved, "draft.kept_aside", draft.diagnostics());
    }
  }
  if (criteria.ok()) {  // a rater's own scores (issue 17), kept apart from the draft
    const auto kept = load("qaward.rating");
    r.state.team.rating = restore_rating(kept ? &*kept : nullptr, criteria.value());
    if (kept) {
      if (const auto read = qaward::parse_rating(*kept, criteria.value(), qaward::RatingStage::in_progress); !read.ok()) {
        keep_aside("qaward.rating", *kept, "rate.kept_aside", read.diagnostics());
      }
    }
  }
  char* address = js_page_address();
  r.state.ui.page_address = address;
  std::free(address);
  if (char* rate = js_rate_link()) {  // opened from a rater's link: their screen
    if (std::string(rate) != "-") r.state.queue(RateLinkOpened{rate});
    std::free(rate);
  }
  {  // the district's workspace and the office's pinned district keys (issue 18)
    const auto kept = load("qaward.district");
    if (auto read = restore_district(kept ? &*kept : nullptr); read.ok()) {
      r.state.district.workspace = std::move(read).value();
    } else {
      keep_aside("qaward.district", *kept, "district.kept_aside", read.diagnostics());
    }
    const auto keys = load("qaward.district_keys");
    r.state.office.district_keys = restore_district_keys(keys ? &*keys : nullptr);
  }
  if (const auto office = load("qaward.office_key"); office && qaward::parse_public_key(*office).ok()) {
    r.state.keys.office_key = *office;
    r.platform.pin_office_key(*office);
  }
  if (const auto key = load("qaward.key")) {
    r.state.keys.secret_key = *key;
    r.state.keys.public_key = public_key_of(*key);
    r.state.keys.backup_offered = load("qaward.key_backup").value_or("") == "offered";
  }
  if (const auto marker = load("qaward.exported")) read_export_marker(r.state.keeping, *marker);
  if (const auto key = load("qaward.district_key")) {
    r.state.keys.district_secret_key = *key;
    r.state.keys.district_public_key = public_key_of(*key);
  }
  r.state.now = qaward::beijing_datetime(static_cast<std::int64_t>(js_now_ms() / 1000.0));
  refresh_derived(r.state);

  r.dpr = 0;  // forces style and fonts on the first fit
  fit_canvas();
  r.platform.set_document_language(r.state.language);
  r.platform.request_frames(kFramesAfterEvent);
  return 0;
}
