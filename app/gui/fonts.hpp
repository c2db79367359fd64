#pragma once
// The interface font, complete without a long first load (issue 14).
//
// The page ships a base font (the 3,500 common hanzi of 通用规范汉字表 level 1,
// punctuation and every interface character) and fetches the rest in slices
// when a character first appears: scripts/make_font.py writes the slices and
// their index (which code points each file holds). Dear ImGui 1.92 rasterises
// glyphs as they are drawn, so a slice merged into the font draws from the
// next frame.
//
// A code point that no slice holds (Extension B and beyond that the font
// lacks, other scripts) is kept in the text and drawn as a box showing its
// hexadecimal code point, never as a bare "?": the last source of the font is
// a loader that draws those boxes (and a blank while a slice is on its way).
#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace qaward::gui::fonts {

// Installs the interface font into the atlas: `base` (read, never owned: it
// must outlive the atlas), its line at `line_px`, then the placeholder.
// Returns the font, or nullptr when `base` does not read as a font.
ImFont* install(ImFontAtlas& atlas, const std::string& base, float line_px);

// Reads the slices' index (slices.json). False, with nothing changed, when it
// does not read; the font then draws the base and boxes.
bool read_index(std::string_view json);

// Files the drawing found missing since the last call (to fetch). Each file
// is asked for once.
std::vector<std::string> take_requests();
// Files that must be loaded before `text` can be drawn (not loaded yet).
std::vector<std::string> files_for(std::string_view utf8);

// A slice arrived: merged into the font, which draws it from the next frame.
// The atlas takes `data` (allocated with malloc) and frees it. False when it
// does not read as a font (then its code points are drawn as boxes).
bool add_slice(const std::string& file, void* data, int size);
// A slice could not be fetched (offline before it was cached): its code
// points are drawn as boxes.
void slice_failed(const std::string& file);

// How many slices are on their way, merged, failed (for the test hook).
struct Progress {
  int requested = 0, loaded = 0, failed = 0;
};
[[nodiscard]] Progress progress();

// The code points of `text` that no loaded font draws (drawn as boxes).
// Line breaks and other control characters are not drawn, so not listed.
std::vector<char32_t> undrawable(std::string_view utf8);

}  // namespace qaward::gui::fonts
