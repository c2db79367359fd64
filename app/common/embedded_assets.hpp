#pragma once
// Data files from assets/, compiled into the program (see
// scripts/cmake/embed_assets.cmake). Paths are relative to assets/.
#include <optional>
#include <string_view>
#include <vector>

namespace qaward {

struct EmbeddedAsset {
  std::string_view path;  // e.g. "i18n/zh-CN.json"
  std::string_view data;
};

[[nodiscard]] const std::vector<EmbeddedAsset>& embedded_assets();

// The asset at `path`, if it was embedded.
[[nodiscard]] inline std::optional<std::string_view> find_asset(std::string_view path) {
  for (const auto& asset : embedded_assets()) {
    if (asset.path == path) return asset.data;
  }
  return std::nullopt;
}

}  // namespace qaward
