#pragma once
// A renderer for Dear ImGui's draw data that needs no GPU (issue 20, item 1):
// the draw lists rasterised on the CPU into an RGBA8 pixel buffer, for a page
// with no WebGL, which shows the buffer on a 2D canvas (putImageData).
// Independent of the platform: tested and measured natively
// (tests/gui/render_cpu_test.cpp), compiled to WebAssembly for the page.
//
// It draws what ImGui's OpenGL3 backend (imgui_impl_opengl3.cpp) draws:
// - colour = vertex colour x texel, interpolated across each triangle;
// - blending as glBlendFuncSeparate(SRC_ALPHA, ONE_MINUS_SRC_ALPHA, ONE,
//   ONE_MINUS_SRC_ALPHA): rgb = src * a + dst * (1 - a), alpha = a + dst * (1 - a);
// - each command clipped to its ClipRect, less DisplayPos, times
//   FramebufferScale, rounded as glScissor's integers round it;
// - textures sampled bilinearly with the edges clamped (GL_LINEAR,
//   CLAMP_TO_EDGE), except the one deliberate difference below;
// - pixels covered by the top-left rule (a pixel centre on a shared edge
//   belongs to exactly one of the triangles), at 1/256 pixel precision.
// The deliberate difference: an axis-aligned rectangle whose texture is
// mapped one texel per pixel (every glyph: ImGui 1.92 bakes glyphs at the
// size they are drawn) takes the texel under each pixel centre (nearest).
// On whole pixels, where the app's text sits (PixelSnapH), that is what
// bilinear sampling gives; at a fractional offset the glyph lands on the
// nearest whole pixel, sharp, where GL would blur it by the fraction.
//
// Use: io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures (glyphs are
// then baked as they are first drawn; ImGuiBackendFlags_RendererHasVtxOffset
// may be set too: VtxOffset is honoured). The atlas may stay RGBA32 (ImGui's
// default, what the GL backend wants) or be Alpha8
// (ImFontAtlas::TexDesiredFormat, a quarter of ImGui's own copy). Each
// frame: render(ImGui::GetDrawData(), ...), then, unless changed() is empty,
// put that rectangle of pixels() on the canvas.
#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qaward::gui {

// Pixels [x0, x1) x [y0, y1) of a frame, counted from its top left.
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  [[nodiscard]] bool empty() const { return x1 <= x0 || y1 <= y0; }
  [[nodiscard]] int width() const { return empty() ? 0 : x1 - x0; }
  [[nodiscard]] int height() const { return empty() ? 0 : y1 - y0; }
  bool operator==(const PixelRect&) const = default;
};

// How the last frame's geometry was drawn: whether the fast paths were taken.
struct CpuRenderStats {
  int solid_rects = 0;     // axis-aligned rectangles of one colour and one texel: filled row by row
  int textured_rects = 0;  // axis-aligned rectangles with an axis-aligned texture mapping (glyphs): texel by texel
  int triangles = 0;       // everything else, through the scanline rasteriser
  int callbacks = 0;       // user callbacks called
};

class CpuRenderer {
 public:
  CpuRenderer() = default;
  CpuRenderer(const CpuRenderer&) = delete;
  CpuRenderer& operator=(const CpuRenderer&) = delete;

  // One frame. First takes ImGui's texture requests (the
  // ImGuiBackendFlags_RendererHasTextures protocol, for every texture in
  // draw_data->Textures): WantCreate and WantUpdates copy the pixels in
  // (RGBA32 or Alpha8) and set TexID and Status OK; WantDestroy, once
  // UnusedFrames > 0, frees the copy and sets Status Destroyed, as the OpenGL3
  // backend does. Then clears a width x height frame to clear_color, draws
  // the draw lists in order (user callbacks are called; ImDrawCallback_ResetRenderState
  // has nothing to reset here) and finds what changed since the last frame.
  // Commands whose texture this renderer did not create are skipped.
  // draw_data may be null: a frame of the clear colour.
  void render(ImDrawData* draw_data, int width, int height, ImVec4 clear_color);

  // The frame: width() x height() pixels, row by row from the top, each one
  // R, G, B, A bytes in memory order (IM_COL32's layout on a little-endian
  // machine such as WebAssembly): ImageData's layout. Straight (not
  // premultiplied) alpha, as ImageData wants, when the clear colour is
  // opaque, as the page's is: every pixel then has alpha 255. (With a
  // translucent clear colour the channels are what the GL blend above gives.)
  [[nodiscard]] const std::vector<std::uint32_t>& pixels() const { return frame_; }
  [[nodiscard]] int width() const { return width_; }
  [[nodiscard]] int height() const { return height_; }

  // The smallest rectangle holding every pixel that differs from the frame
  // before (the whole frame after the first frame or a change of size);
  // empty when nothing changed: the page then has nothing to put.
  [[nodiscard]] PixelRect changed() const { return changed_; }

  [[nodiscard]] const CpuRenderStats& stats() const { return stats_; }

  // Textures held (copies of ImTextureData), and their bytes.
  [[nodiscard]] int texture_count() const;
  [[nodiscard]] std::size_t texture_bytes() const;

  // Forgets every texture, as a backend does at shutdown or when another
  // renderer takes over: those of `textures` that this renderer created
  // (ImGui::GetPlatformIO().Textures) are marked Destroyed with no TexID, so
  // that ImGui asks the next renderer to create them again.
  void destroy_textures(ImVector<ImTextureData*>& textures);

 private:
  struct Texture {
    bool used = false;
    int width = 0, height = 0;
    std::vector<std::uint32_t> texels;  // RGBA8 as the frame; Alpha8 textures as white with that alpha
  };
  void update_texture(ImTextureData& texture);
  [[nodiscard]] Texture* find(ImTextureID id);
  void draw(const ImDrawData& draw_data);
  void find_changes(bool resized);

  std::vector<Texture> textures_;  // TexID = index + 1 (0 is ImTextureID_Invalid); unused slots are reused
  std::vector<std::uint32_t> frame_, previous_;
  int width_ = 0, height_ = 0;
  PixelRect changed_;
  CpuRenderStats stats_;
};

}  // namespace qaward::gui
