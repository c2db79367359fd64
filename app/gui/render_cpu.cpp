// The CPU renderer (render_cpu.hpp): ImGui's draw lists rasterised into an
// RGBA8 frame. Most of what ImGui draws is axis-aligned rectangles (glyphs,
// fills), drawn here straight into rows of pixels; the rest (rounded corners,
// circles, anti-aliased fringes, lines) goes through a scanline rasteriser.
//
// Index:
// [SECTION] Pixel arithmetic
// [SECTION] Geometry in fixed point
// [SECTION] Textures as the sampler reads them
// [SECTION] Rectangles
// [SECTION] Triangles
// [SECTION] Draw commands
// [SECTION] Texture requests
// [SECTION] Frames and what changed
#include "render_cpu.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <utility>

namespace qaward::gui {
namespace {

static_assert(IM_COL32_R_SHIFT == 0 && IM_COL32_G_SHIFT == 8 && IM_COL32_B_SHIFT == 16 && IM_COL32_A_SHIFT == 24,
              "vertex colours must be in IM_COL32's RGBA layout, the frame's (no IMGUI_USE_BGRA_PACKED_COLOR)");
static_assert(std::endian::native == std::endian::little,
              "a packed RGBA pixel is R, G, B, A bytes in memory (ImageData's order) only on a little-endian machine");

// [SECTION] Pixel arithmetic
// Pixels are packed RGBA8, R in the low byte. Blending works on two channels
// at once: red and blue (or green and alpha), each in a 16-bit lane of a
// 32-bit integer, where a product of two bytes (at most 65025) fits.

constexpr std::uint32_t kLanes = 0x00FF00FFu;
constexpr std::uint32_t kLaneHalf = 0x00800080u;  // 128 in each lane: rounds to nearest
constexpr std::uint32_t kOpaque = 0xFF000000u;

// round(a x b / 255) for bytes a and b, exactly (Blinn's division by 255).
constexpr std::uint32_t mul8(std::uint32_t a, std::uint32_t b) {
  const std::uint32_t t = a * b + 128u;
  return (t + (t >> 8)) >> 8;
}

// The vertex colour times the texel, channel by channel, as the GL
// shader's Frag_Color * texture(). The font atlas is white with coverage in
// alpha, and solid fills sample its white texel: both take the short ways.
inline std::uint32_t modulate(std::uint32_t color, std::uint32_t texel) {
  if (texel == 0xFFFFFFFFu) return color;
  if ((texel | kOpaque) == 0xFFFFFFFFu) return (color & ~kOpaque) | (mul8(color >> 24, texel >> 24) << 24);
  std::uint32_t out = 0;
  for (unsigned shift = 0; shift < 32; shift += 8) out |= mul8((color >> shift) & 0xFFu, (texel >> shift) & 0xFFu) << shift;
  return out;
}

// A source colour blended over destination pixels, its half of the sum
// computed once: rgb = (s x a + d x (255 - a)) / 255, and alpha with the
// source factor ONE: (255 x a + d x (255 - a)) / 255, each rounded exactly.
class Over {
 public:
  explicit Over(std::uint32_t source) : inverse_(255u - (source >> 24)) {
    const std::uint32_t alpha = source >> 24;
    const std::uint32_t s = source | kOpaque;  // alpha's source factor is ONE: as if the source alpha channel held 255
    red_blue_ = (s & kLanes) * alpha + kLaneHalf;
    green_alpha_ = ((s >> 8) & kLanes) * alpha + kLaneHalf;
  }
  std::uint32_t operator()(std::uint32_t destination) const {
    std::uint32_t rb = red_blue_ + (destination & kLanes) * inverse_;
    std::uint32_t ga = green_alpha_ + ((destination >> 8) & kLanes) * inverse_;
    rb = ((rb + ((rb >> 8) & kLanes)) >> 8) & kLanes;
    ga = (ga + ((ga >> 8) & kLanes)) & ~kLanes;  // the quotient sits in each lane's high byte: G and A's places
    return rb | ga;
  }

 private:
  std::uint32_t inverse_, red_blue_ = 0, green_alpha_ = 0;
};

inline std::uint32_t over(std::uint32_t destination, std::uint32_t source) {
  const std::uint32_t alpha = source >> 24;
  if (alpha == 255u) return source;
  if (alpha == 0u) return destination;
  return Over(source)(destination);
}

// Pixels [x0, x1) of a row under one colour.
void fill_span(std::uint32_t* row, int x0, int x1, std::uint32_t source) {
  const std::uint32_t alpha = source >> 24;
  if (alpha == 0u || x1 <= x0) return;
  if (alpha == 255u) {
    std::fill(row + x0, row + x1, source);
    return;
  }
  const Over blend(source);
  for (int x = x0; x < x1; ++x) row[x] = blend(row[x]);
}

// a + (b - a) x w / 256 in each channel, w in [0, 256]: bilinear filtering's step.
inline std::uint32_t lerp(std::uint32_t a, std::uint32_t b, std::uint32_t w) {
  const std::uint32_t iw = 256u - w;
  const std::uint32_t rb = (((a & kLanes) * iw + (b & kLanes) * w + kLaneHalf) >> 8) & kLanes;
  const std::uint32_t ga = (((a >> 8) & kLanes) * iw + ((b >> 8) & kLanes) * w + kLaneHalf) & ~kLanes;
  return rb | ga;
}

inline std::uint32_t to_byte(double v) {
  return v <= 0.0 ? 0u : v >= 255.0 ? 255u : static_cast<std::uint32_t>(v + 0.5);
}

// [SECTION] Geometry in fixed point
// Vertices snap to 1/256 pixel, as a GPU's rasteriser snaps them to its
// sub-pixel grid: coverage is then decided in exact integers, so that two
// triangles sharing an edge never both cover, nor both miss, a pixel.

constexpr int kSubpixelBits = 8;
constexpr std::int64_t kPixel = std::int64_t{1} << kSubpixelBits;
constexpr std::int64_t kHalfPixel = kPixel / 2;
// Coordinates beyond +-32768 pixels are clamped: edge products then stay far
// within 64 bits. ImGui puts nothing visible that far out.
constexpr float kCoordinateLimit = 32768.0f;

std::int64_t floor_div(std::int64_t n, std::int64_t d) {  // d > 0
  const std::int64_t q = n / d;
  return (n % d != 0 && n < 0) ? q - 1 : q;
}
std::int64_t ceil_div(std::int64_t n, std::int64_t d) { return -floor_div(-n, d); }  // d > 0

// The first pixel whose centre lies at or past `edge` (fixed point): a span
// [from, to) covers the pixels first_pixel(from) .. first_pixel(to) - 1.
int first_pixel(std::int64_t edge) { return static_cast<int>(ceil_div(edge - kHalfPixel, kPixel)); }

struct Point {
  std::int64_t x, y;
};

float clamp_coordinate(float v) { return v > -kCoordinateLimit ? (v < kCoordinateLimit ? v : kCoordinateLimit) : -kCoordinateLimit; }

// From ImGui's coordinates to the frame's pixels, as the GL backend's
// projection: less DisplayPos, times FramebufferScale.
struct Transform {
  ImVec2 offset, scale;
  [[nodiscard]] Point fixed(ImVec2 p) const {
    const float x = clamp_coordinate((p.x - offset.x) * scale.x);
    const float y = clamp_coordinate((p.y - offset.y) * scale.y);
    return {std::llround(static_cast<double>(x) * kPixel), std::llround(static_cast<double>(y) * kPixel)};
  }
};

double to_pixels(std::int64_t fixed) { return static_cast<double>(fixed) / static_cast<double>(kPixel); }

// [SECTION] Textures as the sampler reads them
// GL_LINEAR with CLAMP_TO_EDGE, as the OpenGL3 backend creates its textures.
struct Sampler {
  const std::uint32_t* texels = nullptr;
  int width = 0, height = 0;

  [[nodiscard]] std::uint32_t at(int x, int y) const {
    x = std::clamp(x, 0, width - 1);
    y = std::clamp(y, 0, height - 1);
    return texels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
  }
  // At texel coordinates (tx, ty) = uv x size - 0.5, where texel centres are whole numbers.
  [[nodiscard]] std::uint32_t bilinear(double tx, double ty) const {
    // Beyond the edges every texel is the edge's: keeps the integers small.
    tx = tx > -1.0 ? std::min(tx, static_cast<double>(width)) : -1.0;
    ty = ty > -1.0 ? std::min(ty, static_cast<double>(height)) : -1.0;
    const double fx = std::floor(tx), fy = std::floor(ty);
    const int x = static_cast<int>(fx), y = static_cast<int>(fy);
    const auto wx = static_cast<std::uint32_t>((tx - fx) * 256.0 + 0.5);
    const auto wy = static_cast<std::uint32_t>((ty - fy) * 256.0 + 0.5);
    const std::uint32_t top = lerp(at(x, y), at(x + 1, y), wx);
    const std::uint32_t bottom = lerp(at(x, y + 1), at(x + 1, y + 1), wx);
    return lerp(top, bottom, wy);
  }
  [[nodiscard]] std::uint32_t bilinear(ImVec2 uv) const {
    return bilinear(static_cast<double>(uv.x) * width - 0.5, static_cast<double>(uv.y) * height - 0.5);
  }
};

// Where one draw command lands: the frame, its clip rectangle, its texture.
struct Target {
  std::uint32_t* pixels = nullptr;
  int stride = 0;
  PixelRect clip;  // within the frame
  Sampler texture;
  Transform transform;
  [[nodiscard]] std::uint32_t* row(int y) const {
    return pixels + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride);
  }
};

// [SECTION] Rectangles
// ImGui's filled rectangles and glyphs (PrimRect, PrimRectUV, RenderText)
// are four vertices a, b, c, d (clockwise from the top left) and two
// triangles (a, b, c), (a, c, d). When the four make an axis-aligned
// rectangle of one colour, with u following x alone and v following y
// alone, the rectangle is drawn row by row; the pixels are those the two
// triangles would cover (centres in [left, right) x [top, bottom): the
// top-left rule's answer for a rectangle).

// Where each column (or row) of a textured rectangle samples: one texel,
// or two with a weight (bilinear).
struct Taps {
  int first, second;
  std::uint32_t weight;  // of the second, in 256ths
};

// The texel coordinate at each pixel centre from `begin` to `end`, for a
// mapping from `from` (pixel, texture coordinate) to `to`.
void find_taps(std::vector<Taps>& taps, int begin, int end, double from_px, double from_uv, double to_px, double to_uv,
               int size, bool nearest) {
  taps.resize(static_cast<std::size_t>(std::max(end - begin, 0)));
  const double uv_per_px = (to_uv - from_uv) / (to_px - from_px);
  for (int i = begin; i < end; ++i) {
    const double texel = (from_uv + (i + 0.5 - from_px) * uv_per_px) * size;
    Taps& tap = taps[static_cast<std::size_t>(i - begin)];
    if (nearest) {
      tap.first = tap.second = std::clamp(static_cast<int>(std::floor(texel)), 0, size - 1);
      tap.weight = 0;
    } else {
      const double t = std::clamp(texel - 0.5, -1.0, static_cast<double>(size));
      const double whole = std::floor(t);
      tap.first = std::clamp(static_cast<int>(whole), 0, size - 1);
      tap.second = std::clamp(static_cast<int>(whole) + 1, 0, size - 1);
      tap.weight = static_cast<std::uint32_t>((t - whole) * 256.0 + 0.5);
    }
  }
}

// One texel per pixel (within a thousandth) along both axes: glyphs drawn at
// the size they were baked, images at their size.
bool one_texel_per_pixel(double pixels, double uv_extent, int size) {
  return std::abs(std::abs(uv_extent * size) - std::abs(pixels)) < std::abs(pixels) * 1e-3;
}

class RectDrawer {
 public:
  RectDrawer(const Target& target, CpuRenderStats& stats) : target_(target), stats_(stats) {}

  // False when the four vertices are not such a rectangle (then drawn as two triangles).
  bool draw(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, const ImDrawVert& d) {
    if (a.col != b.col || a.col != c.col || a.col != d.col) return false;
    const Transform& t = target_.transform;
    const Point pa = t.fixed(a.pos), pb = t.fixed(b.pos), pc = t.fixed(c.pos), pd = t.fixed(d.pos);
    if (pa.x == pc.x || pa.y == pc.y) return false;  // a and c must be opposite corners
    // b and d are the other two corners, either way round.
    const ImDrawVert* beside_a_x = nullptr;  // the corner in a's column
    const ImDrawVert* beside_a_y = nullptr;  // the corner in a's row
    if (pb.x == pa.x && pb.y == pc.y && pd.x == pc.x && pd.y == pa.y) {
      beside_a_x = &b;
      beside_a_y = &d;
    } else if (pb.x == pc.x && pb.y == pa.y && pd.x == pa.x && pd.y == pc.y) {
      beside_a_x = &d;
      beside_a_y = &b;
    } else {
      return false;
    }
    // u follows x: a's column has a's u, c's column c's u; v follows y likewise.
    if (beside_a_x->uv.x != a.uv.x || beside_a_x->uv.y != c.uv.y || beside_a_y->uv.y != a.uv.y ||
        beside_a_y->uv.x != c.uv.x) {
      return false;
    }
    const PixelRect& clip = target_.clip;
    const int x0 = std::max(clip.x0, first_pixel(std::min(pa.x, pc.x)));
    const int x1 = std::min(clip.x1, first_pixel(std::max(pa.x, pc.x)));
    const int y0 = std::max(clip.y0, first_pixel(std::min(pa.y, pc.y)));
    const int y1 = std::min(clip.y1, first_pixel(std::max(pa.y, pc.y)));
    if (a.uv.x == c.uv.x && a.uv.y == c.uv.y) {
      ++stats_.solid_rects;
      const std::uint32_t color = modulate(a.col, target_.texture.bilinear(a.uv));
      for (int y = y0; y < y1; ++y) fill_span(target_.row(y), x0, x1, color);
      return true;
    }
    ++stats_.textured_rects;
    if (x0 >= x1 || y0 >= y1) return true;
    const Sampler& texture = target_.texture;
    const double ax = to_pixels(pa.x), ay = to_pixels(pa.y), cx = to_pixels(pc.x), cy = to_pixels(pc.y);
    const bool nearest = one_texel_per_pixel(cx - ax, static_cast<double>(c.uv.x) - a.uv.x, texture.width) &&
                         one_texel_per_pixel(cy - ay, static_cast<double>(c.uv.y) - a.uv.y, texture.height);
    find_taps(columns_, x0, x1, ax, a.uv.x, cx, c.uv.x, texture.width, nearest);
    find_taps(rows_, y0, y1, ay, a.uv.y, cy, c.uv.y, texture.height, nearest);
    for (int y = y0; y < y1; ++y) {
      const Taps& tv = rows_[static_cast<std::size_t>(y - y0)];
      const std::uint32_t* top = texture.texels + static_cast<std::size_t>(tv.first) * static_cast<std::size_t>(texture.width);
      const std::uint32_t* bottom = texture.texels + static_cast<std::size_t>(tv.second) * static_cast<std::size_t>(texture.width);
      std::uint32_t* out = target_.row(y) + x0;
      const std::size_t n = columns_.size();
      if (nearest) {
        for (std::size_t x = 0; x < n; ++x) {
          const std::uint32_t texel = top[columns_[x].first];
          if ((texel >> 24) != 0u) out[x] = over(out[x], modulate(a.col, texel));
        }
      } else {
        for (std::size_t x = 0; x < n; ++x) {
          const Taps& h = columns_[x];
          const std::uint32_t texel = lerp(lerp(top[h.first], top[h.second], h.weight),
                                           lerp(bottom[h.first], bottom[h.second], h.weight), tv.weight);
          if ((texel >> 24) != 0u) out[x] = over(out[x], modulate(a.col, texel));
        }
      }
    }
    return true;
  }

 private:
  const Target& target_;
  CpuRenderStats& stats_;
  std::vector<Taps> columns_, rows_;
};

// [SECTION] Triangles
// Row by row: for each row of pixel centres, each edge bounds the span from
// the left or the right, found by one exact integer division; the span is
// then filled, or shaded pixel by pixel when its colour or texel varies.
// The top-left rule decides centres exactly on an edge: a left edge (the
// inside to its right) or a top edge (horizontal, the inside below) covers
// them, a right or bottom edge does not.

// E(x, y) = a x + b y + c, positive inside; a centre on the edge counts when E >= bias.
struct Edge {
  std::int64_t a, b, c, bias;
};

Edge edge_from(Point p, Point q) {
  Edge e{p.y - q.y, q.x - p.x, 0, 0};
  e.c = -(e.a * p.x + e.b * p.y);
  const bool top_left = e.a > 0 || (e.a == 0 && e.b > 0);
  e.bias = top_left ? 0 : 1;
  return e;
}

// An attribute over the triangle: value(x, y) = at_origin + dx x + dy y, in pixels.
struct Plane {
  double at_origin = 0, dx = 0, dy = 0;
};

// The attributes a triangle interpolates: colour channels (bytes) and
// texel coordinates (uv x size - 0.5).
enum Attribute { kRed, kGreen, kBlue, kAlpha, kTexelX, kTexelY, kAttributes };

void draw_triangle(const Target& target, const ImDrawVert* v0, const ImDrawVert* v1, const ImDrawVert* v2,
                   CpuRenderStats& stats) {
  const Transform& t = target.transform;
  Point p0 = t.fixed(v0->pos), p1 = t.fixed(v1->pos), p2 = t.fixed(v2->pos);
  const std::int64_t area = (p1.x - p0.x) * (p2.y - p0.y) - (p2.x - p0.x) * (p1.y - p0.y);
  if (area == 0) return;  // covers no pixel centre
  if (area < 0) {         // make the edge functions positive inside, whichever way the vertices turn
    std::swap(v1, v2);
    std::swap(p1, p2);
  }
  ++stats.triangles;
  const PixelRect& clip = target.clip;
  const int row_begin = std::max(clip.y0, first_pixel(std::min({p0.y, p1.y, p2.y})));
  const int row_end = std::min(clip.y1, first_pixel(std::max({p0.y, p1.y, p2.y}) + 1));
  const int col_begin = std::max(clip.x0, first_pixel(std::min({p0.x, p1.x, p2.x})));
  const int col_end = std::min(clip.x1, first_pixel(std::max({p0.x, p1.x, p2.x}) + 1));
  if (row_begin >= row_end || col_begin >= col_end) return;
  const Edge edges[3] = {edge_from(p0, p1), edge_from(p1, p2), edge_from(p2, p0)};

  const bool one_color = v0->col == v1->col && v0->col == v2->col;
  const bool one_texel = v0->uv.x == v1->uv.x && v0->uv.x == v2->uv.x && v0->uv.y == v1->uv.y && v0->uv.y == v2->uv.y;
  const Sampler& texture = target.texture;
  const std::uint32_t constant_texel = one_texel ? texture.bilinear(v0->uv) : 0u;

  // The planes of what varies (solved in pixels from the snapped vertices).
  Plane planes[kAttributes];
  if (!one_color || !one_texel) {
    const double x0 = to_pixels(p0.x), y0 = to_pixels(p0.y);
    const double e1x = to_pixels(p1.x) - x0, e1y = to_pixels(p1.y) - y0;
    const double e2x = to_pixels(p2.x) - x0, e2y = to_pixels(p2.y) - y0;
    const double inverse = 1.0 / (e1x * e2y - e2x * e1y);
    const auto solve = [&](double f0, double f1, double f2) {
      Plane p;
      const double d1 = f1 - f0, d2 = f2 - f0;
      p.dx = (d1 * e2y - d2 * e1y) * inverse;
      p.dy = (d2 * e1x - d1 * e2x) * inverse;
      p.at_origin = f0 - p.dx * x0 - p.dy * y0;
      return p;
    };
    for (int channel = kRed; channel <= kAlpha; ++channel) {
      const auto byte = [channel](const ImDrawVert* v) { return static_cast<double>((v->col >> (8 * channel)) & 0xFFu); };
      planes[channel] = solve(byte(v0), byte(v1), byte(v2));
    }
    const auto texel_x = [&](const ImDrawVert* v) { return static_cast<double>(v->uv.x) * texture.width - 0.5; };
    const auto texel_y = [&](const ImDrawVert* v) { return static_cast<double>(v->uv.y) * texture.height - 0.5; };
    planes[kTexelX] = solve(texel_x(v0), texel_x(v1), texel_x(v2));
    planes[kTexelY] = solve(texel_y(v0), texel_y(v1), texel_y(v2));
  }
  const std::uint32_t flat = one_color && one_texel ? modulate(v0->col, constant_texel) : 0u;

  for (int y = row_begin; y < row_end; ++y) {
    const std::int64_t centre_y = y * kPixel + kHalfPixel;
    std::int64_t lo = col_begin, hi = col_end;
    bool outside = false;
    for (const Edge& e : edges) {
      const std::int64_t k = e.b * centre_y + e.c + e.a * kHalfPixel;  // E at column x = a x kPixel + k
      if (e.a > 0) {
        lo = std::max(lo, ceil_div(e.bias - k, e.a * kPixel));
      } else if (e.a < 0) {
        hi = std::min(hi, floor_div(k - e.bias, -e.a * kPixel) + 1);
      } else if (k < e.bias) {
        outside = true;
      }
    }
    if (outside || lo >= hi) continue;
    const int x0 = static_cast<int>(lo), x1 = static_cast<int>(hi);
    std::uint32_t* out = target.row(y);
    if (one_color && one_texel) {
      fill_span(out, x0, x1, flat);
      continue;
    }
    double value[kAttributes];
    for (int i = 0; i < kAttributes; ++i) {
      value[i] = planes[i].at_origin + planes[i].dx * (x0 + 0.5) + planes[i].dy * (y + 0.5);
    }
    for (int x = x0; x < x1; ++x) {
      const std::uint32_t color = one_color ? v0->col
                                            : to_byte(value[kRed]) | to_byte(value[kGreen]) << 8 |
                                                  to_byte(value[kBlue]) << 16 | to_byte(value[kAlpha]) << 24;
      const std::uint32_t texel = one_texel ? constant_texel : texture.bilinear(value[kTexelX], value[kTexelY]);
      out[x] = over(out[x], modulate(color, texel));
      for (int i = 0; i < kAttributes; ++i) value[i] += planes[i].dx;
    }
  }
}

// [SECTION] Draw commands

// The pixels glScissor lets through for a clip rectangle, as the GL
// backend computes them: integers truncated, rows counted from the bottom.
int truncate(float v) { return static_cast<int>(std::clamp(v, -1.0e8f, 1.0e8f)); }

PixelRect scissor(const ImVec4& clip, const Transform& t, int width, int height) {
  const float min_x = (clip.x - t.offset.x) * t.scale.x, min_y = (clip.y - t.offset.y) * t.scale.y;
  const float max_x = (clip.z - t.offset.x) * t.scale.x, max_y = (clip.w - t.offset.y) * t.scale.y;
  if (!(max_x > min_x) || !(max_y > min_y)) return {};
  const int x = truncate(min_x), w = truncate(max_x - min_x);
  const int bottom = truncate(static_cast<float>(height) - max_y), h = truncate(max_y - min_y);
  PixelRect r{x, height - bottom - h, x + w, height - bottom};
  r.x0 = std::max(r.x0, 0);
  r.y0 = std::max(r.y0, 0);
  r.x1 = std::min(r.x1, width);
  r.y1 = std::min(r.y1, height);
  return r;
}

// The triangles of one command, in order. Pairs in ImGui's quad pattern
// (a, b, c), (a, c, d) are tried as a rectangle first.
void draw_elements(const Target& target, const ImDrawList& list, const ImDrawCmd& cmd, RectDrawer& rects,
                   CpuRenderStats& stats) {
  IM_ASSERT(cmd.IdxOffset + cmd.ElemCount <= static_cast<unsigned>(list.IdxBuffer.Size));
  const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
  const ImDrawVert* vtx = list.VtxBuffer.Data + cmd.VtxOffset;
  const unsigned count = cmd.ElemCount;
  for (unsigned i = 0; i + 3 <= count;) {
    if (i + 6 <= count && idx[i + 3] == idx[i] && idx[i + 4] == idx[i + 2] &&
        rects.draw(vtx[idx[i]], vtx[idx[i + 1]], vtx[idx[i + 2]], vtx[idx[i + 5]])) {
      i += 6;
      continue;
    }
    draw_triangle(target, &vtx[idx[i]], &vtx[idx[i + 1]], &vtx[idx[i + 2]], stats);
    i += 3;
  }
}

}  // namespace

void CpuRenderer::draw(const ImDrawData& data) {
  if (width_ == 0 || height_ == 0) return;
  Target target;
  target.pixels = frame_.data();
  target.stride = width_;
  target.transform = {data.DisplayPos, data.FramebufferScale};
  RectDrawer rects(target, stats_);
  for (ImDrawList* list : data.CmdLists) {
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr) {
        // ResetRenderState asks a GPU backend to set its state again; this
        // renderer keeps none between commands.
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) {
          cmd.UserCallback(list, &cmd);
          ++stats_.callbacks;
        }
        continue;
      }
      target.clip = scissor(cmd.ClipRect, target.transform, width_, height_);
      if (target.clip.empty()) continue;
      const Texture* texture = find(cmd.GetTexID());
      if (texture == nullptr) continue;  // not ours: nothing to sample
      target.texture = {texture->texels.data(), texture->width, texture->height};
      draw_elements(target, *list, cmd, rects, stats_);
    }
  }
}

// [SECTION] Texture requests

namespace {

// Copies a block of ImGui's pixels into the renderer's RGBA copy; Alpha8
// becomes white with that alpha, as ImGui converts its own glyphs to RGBA32.
void copy_block(std::vector<std::uint32_t>& texels, const ImTextureData& source, int x, int y, int w, int h) {
  x = std::clamp(x, 0, source.Width);
  y = std::clamp(y, 0, source.Height);
  w = std::min(w, source.Width - x);
  h = std::min(h, source.Height - y);
  if (w <= 0 || h <= 0 || source.Pixels == nullptr) return;
  const auto width = static_cast<std::size_t>(source.Width);
  for (int row = y; row < y + h; ++row) {
    const std::size_t first = static_cast<std::size_t>(row) * width + static_cast<std::size_t>(x);
    std::uint32_t* out = texels.data() + first;
    if (source.Format == ImTextureFormat_RGBA32) {
      std::memcpy(out, source.Pixels + first * 4, static_cast<std::size_t>(w) * 4);
    } else {
      const unsigned char* alpha = source.Pixels + first;
      for (int i = 0; i < w; ++i) out[i] = 0x00FFFFFFu | static_cast<std::uint32_t>(alpha[i]) << 24;
    }
  }
}

}  // namespace

CpuRenderer::Texture* CpuRenderer::find(ImTextureID id) {
  if (id == ImTextureID_Invalid || id > textures_.size()) return nullptr;
  Texture& texture = textures_[static_cast<std::size_t>(id - 1)];
  return texture.used ? &texture : nullptr;
}

void CpuRenderer::update_texture(ImTextureData& data) {
  Texture* texture = find(data.TexID);
  const bool fresh = data.Status == ImTextureStatus_WantCreate ||
                     (data.Status == ImTextureStatus_WantUpdates &&
                      (texture == nullptr || texture->width != data.Width || texture->height != data.Height));
  if (fresh) {
    if (texture == nullptr) {
      const auto slot = std::find_if(textures_.begin(), textures_.end(), [](const Texture& t) { return !t.used; });
      texture = slot != textures_.end() ? &*slot : &textures_.emplace_back();
    }
    texture->used = true;
    texture->width = data.Width;
    texture->height = data.Height;
    texture->texels.assign(static_cast<std::size_t>(data.Width) * static_cast<std::size_t>(data.Height), 0u);
    copy_block(texture->texels, data, 0, 0, data.Width, data.Height);
    data.SetTexID(static_cast<ImTextureID>(texture - textures_.data()) + 1);
    data.SetStatus(ImTextureStatus_OK);
  } else if (data.Status == ImTextureStatus_WantUpdates) {
    // Only blocks never used before are written (imgui.h), so copying the
    // listed blocks is the whole update.
    for (const ImTextureRect& r : data.Updates) copy_block(texture->texels, data, r.x, r.y, r.w, r.h);
    if (data.Updates.empty()) {
      const ImTextureRect& r = data.UpdateRect;
      copy_block(texture->texels, data, r.x, r.y, r.w, r.h);
    }
    data.SetStatus(ImTextureStatus_OK);
  } else if (data.Status == ImTextureStatus_WantDestroy && data.UnusedFrames > 0) {
    // Destroyed once a frame has gone by without it, as the GL backend does.
    if (texture != nullptr) *texture = Texture{};
    data.SetTexID(ImTextureID_Invalid);
    data.SetStatus(ImTextureStatus_Destroyed);
  }
}

int CpuRenderer::texture_count() const {
  return static_cast<int>(std::count_if(textures_.begin(), textures_.end(), [](const Texture& t) { return t.used; }));
}

std::size_t CpuRenderer::texture_bytes() const {
  std::size_t bytes = 0;
  for (const Texture& t : textures_) bytes += t.texels.size() * sizeof(std::uint32_t);
  return bytes;
}

void CpuRenderer::destroy_textures(ImVector<ImTextureData*>& textures) {
  for (ImTextureData* texture : textures) {
    if (find(texture->TexID) != nullptr) {
      texture->SetTexID(ImTextureID_Invalid);
      texture->SetStatus(ImTextureStatus_Destroyed);
    }
  }
  textures_.clear();
}

// [SECTION] Frames and what changed

void CpuRenderer::render(ImDrawData* draw_data, int width, int height, ImVec4 clear_color) {
  stats_ = {};
  if (draw_data != nullptr && draw_data->Textures != nullptr) {
    for (ImTextureData* texture : *draw_data->Textures) {
      if (texture->Status != ImTextureStatus_OK) update_texture(*texture);
    }
  }
  width = std::max(width, 0);
  height = std::max(height, 0);
  const bool resized = width != width_ || height != height_;
  // The frame before is kept to find what changed; its buffer is drawn into next time.
  std::swap(frame_, previous_);
  width_ = width;
  height_ = height;
  frame_.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height),
                ImGui::ColorConvertFloat4ToU32(clear_color));
  if (draw_data != nullptr) draw(*draw_data);
  find_changes(resized);
}

// The bounding box of the pixels that differ from the frame before: rows
// compared whole first, and within a row that differs only the columns
// outside the box found so far.
void CpuRenderer::find_changes(bool resized) {
  if (resized) {
    changed_ = {0, 0, width_, height_};
    return;
  }
  PixelRect box{width_, height_, 0, 0};
  const auto w = static_cast<std::size_t>(width_);
  for (int y = 0; y < height_; ++y) {
    const std::uint32_t* now = frame_.data() + static_cast<std::size_t>(y) * w;
    const std::uint32_t* before = previous_.data() + static_cast<std::size_t>(y) * w;
    if (std::memcmp(now, before, w * sizeof(std::uint32_t)) == 0) continue;
    int left = 0;
    while (left < box.x0 && now[left] == before[left]) ++left;
    box.x0 = std::min(box.x0, left);
    int right = width_;
    while (right > box.x1 && now[right - 1] == before[right - 1]) --right;
    box.x1 = std::max(box.x1, right);
    box.y0 = std::min(box.y0, y);
    box.y1 = y + 1;
  }
  changed_ = box.empty() ? PixelRect{} : box;
}

}  // namespace qaward::gui
