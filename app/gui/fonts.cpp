#include "fonts.hpp"

#include <imgui_internal.h>  // ImFontLoader, the atlas packer

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>

#include <nlohmann/json.hpp>

namespace qaward::gui::fonts {

namespace {

enum class SliceState { absent, requested, loaded, failed };

struct SliceFile {
  std::string file;
  std::vector<std::array<char32_t, 2>> ranges;  // inclusive runs of code points
  SliceState state = SliceState::absent;
  [[nodiscard]] bool holds(char32_t c) const {
    return std::any_of(ranges.begin(), ranges.end(), [c](const auto& r) { return c >= r[0] && c <= r[1]; });
  }
};

struct Library {
  ImFontAtlas* atlas = nullptr;
  ImFont* font = nullptr;
  ImFontConfig* placeholder = nullptr;  // the font's last source
  std::vector<SliceFile> slices;
  std::vector<std::string> requests;
};

Library& library() {
  static Library lib;
  return lib;
}

// [SECTION] The placeholder: a box with the code point in hexadecimal, drawn
// in 3x5-pixel digits (as Firefox and GNU Unifont show characters they lack).
constexpr std::array<std::uint16_t, 16> kHexDigits{
    // Rows top to bottom, 3 bits each, the leftmost pixel in the highest bit.
    0b111'101'101'101'111, 0b010'110'010'010'111, 0b111'001'111'100'111, 0b111'001'111'001'111,
    0b101'101'111'001'001, 0b111'100'111'001'111, 0b111'100'111'101'111, 0b111'001'001'001'001,
    0b111'101'111'101'111, 0b111'101'111'001'111, 0b010'101'111'101'101, 0b110'101'110'101'110,
    0b011'100'100'100'011, 0b110'101'101'101'110, 0b111'100'111'100'111, 0b111'100'111'100'100};

bool placeholder_init(ImFontAtlas*, ImFontConfig*) { return true; }
bool placeholder_contains(ImFontAtlas*, ImFontConfig*, ImWchar) { return false; }  // draws, but holds nothing
bool placeholder_baked_init(ImFontAtlas*, ImFontConfig*, ImFontBaked*, void*) { return true; }

bool placeholder_glyph(ImFontAtlas* atlas, ImFontConfig* src, ImFontBaked* baked, void*, ImWchar codepoint,
                       ImFontGlyph* out_glyph, float* out_advance_x) {
  const auto c = static_cast<char32_t>(codepoint);
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return false;  // control characters are not drawn
  Library& lib = library();
  bool pending = false;
  bool loaded_elsewhere = false;
  for (auto& s : lib.slices) {
    if (!s.holds(c)) continue;
    if (s.state == SliceState::loaded) loaded_elsewhere = true;  // a later source draws it
    if (s.state == SliceState::absent) {
      s.state = SliceState::requested;
      lib.requests.push_back(s.file);
    }
    if (s.state == SliceState::requested) pending = true;
  }
  if (loaded_elsewhere && !pending) return false;

  const float size = baked->Size;
  const int scale = std::max(1, static_cast<int>(size / 23.0f + 0.5f));  // pixels per digit pixel
  const int digits = c > 0xFFFF ? 6 : 4;
  const int columns = digits / 2;
  const int w = pending ? 0 : scale * (4 * columns + 3);
  const int h = pending ? 0 : scale * 15;
  const float advance = pending ? std::round(size * 0.69f) : static_cast<float>(w + 2 * scale);
  if (out_advance_x != nullptr) {
    *out_advance_x = advance;
    return true;
  }
  out_glyph->AdvanceX = advance;  // ImGui sets the code point
  if (pending) return true;  // a blank until the slice arrives

  const ImFontAtlasRectId pack_id = ImFontAtlasPackAddRect(atlas, w, h);
  if (pack_id == ImFontAtlasRectId_Invalid) return false;
  ImTextureRect* r = ImFontAtlasPackGetRect(atlas, pack_id);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w * h), 0);
  const auto fill = [&](int x0, int y0, int x1, int y1) {
    for (int y = y0; y < y1; ++y) std::memset(&pixels[static_cast<std::size_t>(y * w + x0)], 0xFF, static_cast<std::size_t>(x1 - x0));
  };
  fill(0, 0, w, scale);          // the box
  fill(0, h - scale, w, h);
  fill(0, 0, scale, h);
  fill(w - scale, 0, w, h);
  char hex[16];
  std::snprintf(hex, sizeof hex, digits == 6 ? "%06X" : "%04X", static_cast<unsigned>(c));
  for (int i = 0; i < digits; ++i) {
    const int column = i % columns, row = i / columns;
    const int left = scale * (2 + 4 * column), top = scale * (2 + 6 * row);
    const int value = hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'A' + 10;
    for (int py = 0; py < 5; ++py) {
      for (int px = 0; px < 3; ++px) {
        if ((kHexDigits[static_cast<std::size_t>(value)] >> (14 - (py * 3 + px))) & 1) {
          fill(left + px * scale, top + py * scale, left + (px + 1) * scale, top + (py + 1) * scale);
        }
      }
    }
  }
  const float top = std::round((size - static_cast<float>(h)) * 0.5f);
  out_glyph->X0 = static_cast<float>(scale);
  out_glyph->Y0 = top;
  out_glyph->X1 = static_cast<float>(scale + w);
  out_glyph->Y1 = top + static_cast<float>(h);
  out_glyph->Visible = true;
  out_glyph->PackId = pack_id;
  ImFontAtlasBakedSetFontGlyphBitmap(atlas, baked, src, out_glyph, r, pixels.data(), ImTextureFormat_Alpha8, w);
  return true;
}

const ImFontLoader* placeholder_loader() {
  static const ImFontLoader loader = [] {
    ImFontLoader l;
    l.Name = "qaward placeholder";
    l.FontSrcInit = placeholder_init;
    l.FontSrcContainsGlyph = placeholder_contains;
    l.FontBakedInit = placeholder_baked_init;
    l.FontBakedLoadGlyph = placeholder_glyph;
    return l;
  }();
  return &loader;
}

// Adds the placeholder as the font's last source (after every slice merged so far).
void add_placeholder(Library& lib) {
  ImFontConfig config;
  config.MergeMode = true;
  config.DstFont = lib.font;
  config.FontLoader = placeholder_loader();
  std::snprintf(config.Name, sizeof config.Name, "placeholder");
  lib.atlas->AddFont(&config);
  lib.placeholder = lib.font->Sources.back();
}

template <class F>
void each_code_point(std::string_view utf8, F&& f) {
  const char* s = utf8.data();
  const char* const end = s + utf8.size();
  while (s < end) {
    unsigned int c = 0;
    const int n = ImTextCharFromUtf8(&c, s, end);
    s += n > 0 ? n : 1;
    if (c >= 0x20 && !(c >= 0x7F && c < 0xA0)) f(static_cast<char32_t>(c));
  }
}

// An OpenType or TrueType file (or a collection) by its first four bytes:
// Dear ImGui asserts on anything else.
bool looks_like_font(const void* data, int size) {
  if (data == nullptr || size < 12) return false;
  const auto* b = static_cast<const unsigned char*>(data);
  return std::memcmp(b, "OTTO", 4) == 0 || std::memcmp(b, "\0\1\0\0", 4) == 0 || std::memcmp(b, "true", 4) == 0 ||
         std::memcmp(b, "ttcf", 4) == 0;
}

bool font_holds(const Library& lib, char32_t c) {
  for (ImFontConfig* src : lib.font->Sources) {
    if (src == lib.placeholder) continue;
    const ImFontLoader* loader = src->FontLoader ? src->FontLoader : lib.atlas->FontLoader;
    if (loader->FontSrcContainsGlyph != nullptr && loader->FontSrcContainsGlyph(lib.atlas, src, static_cast<ImWchar>(c))) {
      return true;
    }
  }
  return false;
}

}  // namespace

ImFont* install(ImFontAtlas& atlas, const std::string& base, float line_px) {
  Library& lib = library();
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  if (!looks_like_font(base.data(), static_cast<int>(base.size()))) return nullptr;
  ImFont* font = atlas.AddFontFromMemoryTTF(const_cast<char*>(base.data()), static_cast<int>(base.size()), line_px, &config);
  if (font == nullptr) return nullptr;
  lib.atlas = &atlas;
  lib.font = font;
  lib.requests.clear();
  for (auto& s : lib.slices) s.state = SliceState::absent;  // a new atlas holds none of them
  add_placeholder(lib);
  return font;
}

bool read_index(std::string_view json) {
  const auto doc = nlohmann::json::parse(json, nullptr, false);
  if (!doc.is_object() || !doc.contains("files") || !doc["files"].is_array()) return false;
  std::vector<SliceFile> slices;
  for (const auto& entry : doc["files"]) {
    if (!entry.is_object() || !entry.contains("file") || !entry["file"].is_string() || !entry.contains("ranges")) return false;
    SliceFile s;
    s.file = entry["file"].get<std::string>();
    for (const auto& r : entry["ranges"]) {
      if (!r.is_array() || r.size() != 2 || !r[0].is_number_unsigned() || !r[1].is_number_unsigned()) return false;
      s.ranges.push_back({r[0].get<char32_t>(), r[1].get<char32_t>()});
    }
    slices.push_back(std::move(s));
  }
  library().slices = std::move(slices);
  return true;
}

std::vector<std::string> take_requests() { return std::exchange(library().requests, {}); }

std::vector<std::string> files_for(std::string_view utf8) {
  std::vector<std::string> files;
  const Library& lib = library();
  if (lib.font == nullptr) return files;
  each_code_point(utf8, [&](char32_t c) {
    if (font_holds(lib, c)) return;
    for (const auto& s : lib.slices) {
      if (s.state != SliceState::loaded && s.state != SliceState::failed && s.holds(c) &&
          std::find(files.begin(), files.end(), s.file) == files.end()) {
        files.push_back(s.file);
      }
    }
  });
  return files;
}

bool add_slice(const std::string& file, void* data, int size) {
  Library& lib = library();
  auto it = std::find_if(lib.slices.begin(), lib.slices.end(), [&](const SliceFile& s) { return s.file == file; });
  if (lib.font == nullptr || it == lib.slices.end() || it->state == SliceState::loaded) {
    std::free(data);
    return false;
  }
  ImFontConfig config;
  config.MergeMode = true;
  config.DstFont = lib.font;
  config.FontDataOwnedByAtlas = true;  // freed by the atlas (ImGui's default allocator is malloc)
  config.OversampleH = 1;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  std::snprintf(config.Name, sizeof config.Name, "%s", file.c_str());
  if (!looks_like_font(data, size)) {
    std::free(data);
    it->state = SliceState::failed;
    lib.font->ClearOutputData();  // the blanks become boxes
    return false;
  }
  if (lib.atlas->AddFontFromMemoryTTF(data, size, 0.0f, &config) == nullptr) {
    it->state = SliceState::failed;
    lib.font->ClearOutputData();  // the blanks become boxes
    return false;
  }
  it->state = SliceState::loaded;
  // Glyphs looked up before are cached as blanks or boxes: looked up again.
  lib.font->ClearOutputData();
  return true;
}

void slice_failed(const std::string& file) {
  Library& lib = library();
  for (auto& s : lib.slices) {
    if (s.file == file && s.state != SliceState::loaded) s.state = SliceState::failed;
  }
  if (lib.font != nullptr) lib.font->ClearOutputData();
}

Progress progress() {
  Progress p;
  for (const auto& s : library().slices) {
    p.requested += s.state == SliceState::requested ? 1 : 0;
    p.loaded += s.state == SliceState::loaded ? 1 : 0;
    p.failed += s.state == SliceState::failed ? 1 : 0;
  }
  return p;
}

std::vector<char32_t> undrawable(std::string_view utf8) {
  std::vector<char32_t> out;
  const Library& lib = library();
  each_code_point(utf8, [&](char32_t c) {
    if (c == ' ' || c == 0x3000) return;  // blanks draw as space
    if ((lib.font == nullptr || !font_holds(lib, c)) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  });
  return out;
}

}  // namespace qaward::gui::fonts
