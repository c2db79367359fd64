#include "editions.hpp"

#include <string>

#include "embedded_assets.hpp"

namespace qaward {

EditionSource embedded_editions() {
  return [](std::string_view edition) -> std::optional<std::string> {
    // Edition ids are plain names; nothing else may reach the asset lookup.
    for (const char c : edition) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return std::nullopt;
    }
    const auto data = find_asset("rules/" + std::string(edition) + ".json");
    return data ? std::optional<std::string>(std::string(*data)) : std::nullopt;
  };
}

Result<RuleSet> load_shipped_edition(std::string_view id) {
  const auto source = embedded_editions();
  std::string edition(id);
  if (edition.empty()) {
    auto index = load_edition_index(source);
    if (!index.ok()) return index.diagnostics();
    edition = index.value().default_edition;
  }
  return load_edition(edition, source);
}

}  // namespace qaward
