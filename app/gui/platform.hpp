#pragma once
// What the interface needs from the platform it runs on. One implementation
// per platform: platform_web.cpp (browser, Emscripten).
#include <string>

#include "../common/catalogs.hpp"

namespace qaward::gui {

class Platform {
 public:
  virtual ~Platform() = default;
  // Ask for `frames` more frames to be drawn (the page draws only on demand).
  virtual void request_frames(int frames) = 0;
  // Tell the host document which language the interface speaks (lang attribute).
  virtual void set_document_language(Language language) = 0;
  // Keep a small text in the browser's storage (this device only).
  virtual void save(const char* key, const std::string& value) = 0;
};

}  // namespace qaward::gui
