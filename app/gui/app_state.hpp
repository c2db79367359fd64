#pragma once
// [SECTION] The application state handed to every screen.
// Screens read the state and queue actions; app.cpp applies the actions in one
// place after the frame, so no screen changes the model behind another's back.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "../common/catalogs.hpp"

namespace qaward::gui {

// What the organization has entered so far. Grows with the eligibility,
// assessment, publicity and package issues.
struct Draft {
  std::string org_name;
};

struct SetLanguage { Language language; };
struct SetOrgName { std::string value; };
using Action = std::variant<SetLanguage, SetOrgName>;

struct AppState {
  Language language = Language::zh;
  Draft draft;
  std::vector<Action> queued;  // filled by screens during a frame
  std::uint64_t frames_drawn = 0;
  // Where named widgets were last drawn (x, y, w, h in canvas pixels), so that
  // end-to-end tests can click them: a canvas has no DOM to query.
  std::map<std::string, std::array<float, 4>> item_rects;

  [[nodiscard]] const Catalog& text() const { return catalog(language); }
  void queue(Action action) { queued.push_back(std::move(action)); }
};

}  // namespace qaward::gui
