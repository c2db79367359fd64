#include "editions.hpp"

#include <algorithm>
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

const RuleSet* ShippedEditions::find(std::string_view id) const {
  for (const auto& e : editions) {
    if (e.edition == id) return &e;
  }
  return nullptr;
}

const RuleSet& ShippedEditions::default_rules() const { return *find(default_edition); }

const RuleSet& ShippedEditions::in_force(std::string_view id) const {
  const RuleSet* chosen = find(id);
  return chosen != nullptr ? *chosen : default_rules();
}

std::vector<RuleDifference> ShippedEditions::differences_from_default(const RuleSet& chosen) const {
  if (chosen.edition == default_edition) return {};
  return compare_editions(chosen, default_rules());
}

const Result<ShippedEditions>& shipped_editions() {
  static const Result<ShippedEditions> loaded = []() -> Result<ShippedEditions> {
    const auto source = embedded_editions();
    auto index = load_edition_index(source);
    if (!index.ok()) return index.diagnostics();
    ShippedEditions shipped;
    shipped.default_edition = index.value().default_edition;
    auto ids = index.value().editions;
    // The default is always among them, even if the index forgot to list it.
    if (std::find(ids.begin(), ids.end(), shipped.default_edition) == ids.end()) ids.push_back(shipped.default_edition);
    for (const auto& id : ids) {
      auto rules = load_edition(id, source);
      if (!rules.ok()) return rules.diagnostics();
      shipped.editions.push_back(std::move(rules).value());
    }
    return shipped;
  }();
  return loaded;
}

}  // namespace qaward
