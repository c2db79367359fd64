#include "app.hpp"

#include <imgui.h>

namespace qaward::gui {

namespace {

template <class... F>
struct Overloaded : F... { using F::operator()...; };
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

void draw_frame(AppState& state) {
  // One full-page window: the canvas is the page.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  constexpr ImGuiWindowFlags kPage = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("##page", nullptr, kPage)) {
    screen_home(state);
  }
  ImGui::End();
  ++state.frames_drawn;
}

void record_item(AppState& state, const char* name) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  state.item_rects[name] = {min.x, min.y, max.x - min.x, max.y - min.y};
}

bool apply_actions(AppState& state, Platform& platform) {
  if (state.queued.empty()) return false;
  auto actions = std::move(state.queued);
  state.queued.clear();
  for (auto& action : actions) {
    std::visit(Overloaded{
                   [&](SetLanguage& a) {
                     state.language = a.language;
                     platform.set_document_language(a.language);
                   },
                   [&](SetOrgName& a) { state.draft.org_name = std::move(a.value); },
               },
               action);
  }
  return true;
}

}  // namespace qaward::gui
