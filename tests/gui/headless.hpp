#pragma once
// What a renderer with ImGuiBackendFlags_RendererHasTextures does with the
// atlas textures after a frame: created, updated, destroyed (here in name
// only). Shared by the headless tests of the interface.
#include <imgui.h>

namespace qaward::gui::headless {

inline void accept_textures(const ImDrawData& data) {
  if (data.Textures == nullptr) return;
  for (ImTextureData* texture : *data.Textures) {
    switch (texture->Status) {
      case ImTextureStatus_WantCreate:
        texture->SetTexID(static_cast<ImTextureID>(1));
        texture->SetStatus(ImTextureStatus_OK);
        break;
      case ImTextureStatus_WantUpdates: texture->SetStatus(ImTextureStatus_OK); break;
      case ImTextureStatus_WantDestroy:
        texture->SetTexID(ImTextureID_Invalid);
        texture->SetStatus(ImTextureStatus_Destroyed);
        break;
      default: break;
    }
  }
}

}  // namespace qaward::gui::headless
