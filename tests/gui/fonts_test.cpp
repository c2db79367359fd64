// The interface font draws every character (app/gui/fonts.hpp): a character
// outside the base font is drawn once the slice holding it is merged, blank
// (not "?") while the slice is on its way, and a character no slice holds is
// drawn as a box with its code point. Real fonts, no browser: a Latin-only
// base (DejaVu Sans) and Noto Sans CJK as the "slice".
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "headless.hpp"

namespace qaward::gui {
namespace {

constexpr const char* kLatinFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kCjkFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr float kLine = 23.0f;

std::string read(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A slice as the page hands it over: malloc'ed bytes the atlas takes.
std::pair<void*, int> slice_bytes(const std::string& bytes) {
  void* p = std::malloc(bytes.size());
  std::memcpy(p, bytes.data(), bytes.size());
  return {p, static_cast<int>(bytes.size())};
}

class Fonts : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = read(kLatinFont);
    cjk_ = read(kCjkFont);
    ASSERT_FALSE(base_.empty()) << kLatinFont << " is missing: run scripts/setup.sh (fonts-dejavu-core)";
    ASSERT_FALSE(cjk_.empty()) << kCjkFont << " is missing: run scripts/setup.sh (fonts-noto-cjk)";
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    font_ = fonts::install(*io.Fonts, base_, kLine);
    ASSERT_NE(font_, nullptr);
    // Two slices: the URO in the CJK font, Extension A in a file that will not arrive.
    ASSERT_TRUE(fonts::read_index(R"({"files": [{"file": "font/cjk.otf", "ranges": [[19968, 40959]]},
                                                {"file": "font/ext-a.otf", "ranges": [[13312, 19903]]}]})"));
  }
  void TearDown() override { ImGui::DestroyContext(context_); }

  // Draws `text` in one frame, as the page does.
  void draw(const char* text) {
    ImGui::NewFrame();
    ImGui::Begin("t");
    ImGui::TextUnformatted(text);
    ImGui::End();
    ImGui::Render();
    headless::accept_textures(*ImGui::GetDrawData());
  }
  // The glyph the font draws for `c` at the body size (after a frame drew it).
  const ImFontGlyph* glyph(char32_t c) {
    ImFontBaked* baked = font_->GetFontBaked(kLine);
    return baked->FindGlyph(static_cast<ImWchar>(c));
  }

  std::string base_, cjk_;
  ImGuiContext* context_ = nullptr;
  ImFont* font_ = nullptr;
};

TEST_F(Fonts, ACharacterOutsideTheBaseIsFetchedOnceAndDrawnAfterItsSliceArrives) {
  EXPECT_EQ(fonts::undrawable("Abc 中"), std::vector<char32_t>{U'中'});
  EXPECT_EQ(fonts::files_for("Abc 中"), std::vector<std::string>{"font/cjk.otf"});
  draw("中文");
  EXPECT_EQ(fonts::take_requests(), std::vector<std::string>{"font/cjk.otf"});
  // While the slice is on its way: a blank of a character's width, not the fallback "?".
  const ImFontGlyph* waiting = glyph(U'中');
  ASSERT_NE(waiting, nullptr);
  EXPECT_EQ(waiting->Codepoint, static_cast<unsigned>(U'中'));
  EXPECT_FALSE(waiting->Visible);
  EXPECT_GT(waiting->AdvanceX, kLine * 0.5f);
  draw("中文");
  EXPECT_TRUE(fonts::take_requests().empty()) << "asked for again";

  const auto [data, size] = slice_bytes(cjk_);
  ASSERT_TRUE(fonts::add_slice("font/cjk.otf", data, size));
  EXPECT_TRUE(fonts::undrawable("Abc 中文").empty());
  EXPECT_TRUE(fonts::files_for("中文").empty());
  draw("中文");
  const ImFontGlyph* drawn = glyph(U'中');
  ASSERT_NE(drawn, nullptr);
  EXPECT_TRUE(drawn->Visible);
  EXPECT_EQ(drawn->SourceIdx, 2) << "drawn by the slice (sources: base, placeholder, slice)";
}

TEST_F(Fonts, ACharacterNoSliceHoldsIsDrawnAsABoxWithItsCodePoint) {
  // U+20000 (Extension B) is in no file of this index.
  EXPECT_EQ(fonts::undrawable("\xF0\xA0\x80\x80"), std::vector<char32_t>{0x20000});
  EXPECT_TRUE(fonts::files_for("\xF0\xA0\x80\x80").empty());
  draw("\xF0\xA0\x80\x80 \xE4\xB8\x80");  // U+20000, then U+4E00 from the URO
  const ImFontGlyph* box = glyph(0x20000);
  ASSERT_NE(box, nullptr);
  EXPECT_EQ(box->Codepoint, 0x20000u) << "the fallback glyph instead";
  EXPECT_TRUE(box->Visible);
  EXPECT_EQ(box->SourceIdx, 1) << "drawn by the placeholder";
  // Six hex digits in three columns: wider than a four-digit box.
  draw("\xE3\x90\x80");  // U+3400, Extension A: its slice is asked for
  fonts::slice_failed("font/ext-a.otf");
  draw("\xE3\x90\x80");
  const ImFontGlyph* four = glyph(0x3400);
  ASSERT_NE(four, nullptr);
  EXPECT_TRUE(four->Visible) << "a slice that failed draws its characters as boxes";
  const float four_width = four->X1 - four->X0;
  draw("\xF0\xA0\x80\x80");  // the glyphs were dropped when the slice failed: drawn again
  box = glyph(0x20000);
  ASSERT_NE(box, nullptr);
  EXPECT_GT(box->X1 - box->X0, four_width);
  EXPECT_EQ(fonts::undrawable("\xE3\x90\x80"), std::vector<char32_t>{0x3400});
}

TEST_F(Fonts, BytesThatAreNotAFontAreRefusedAndItsCharactersBoxed) {
  const auto [data, size] = slice_bytes(std::string(64, 'x'));
  EXPECT_FALSE(fonts::add_slice("font/cjk.otf", data, size));
  draw("\xE4\xB8\xAD");  // 中
  const ImFontGlyph* g = glyph(U'中');
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(g->Visible);
  EXPECT_EQ(g->SourceIdx, 1) << "a box from the placeholder";
  EXPECT_TRUE(fonts::take_requests().empty()) << "a refused slice is not fetched again";
}

TEST_F(Fonts, TheBaseFontsCharactersAndBlanksAreDrawableAndControlsIgnored) {
  EXPECT_TRUE(fonts::undrawable("Hello, world!\n\t").empty());
  EXPECT_FALSE(fonts::read_index("not json"));
  EXPECT_FALSE(fonts::read_index(R"({"files": [{"file": "x", "ranges": [[1]]}]})"));
  EXPECT_EQ(fonts::files_for("中"), std::vector<std::string>{"font/cjk.otf"}) << "a refused index changed nothing";
}

}  // namespace
}  // namespace qaward::gui
