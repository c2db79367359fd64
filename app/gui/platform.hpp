#pragma once
// What the interface needs from the platform it runs on. One implementation
// per platform: platform_web.cpp (browser, Emscripten).
#include "../common/catalogs.hpp"

namespace qaward::gui {

class Platform {
 public:
  virtual ~Platform() = default;
  // Ask for `frames` more frames to be drawn (the page draws only on demand).
  virtual void request_frames(int frames) = 0;
  // Tell the host document which language the interface speaks (lang attribute).
  virtual void set_document_language(Language language) = 0;
};

}  // namespace qaward::gui
