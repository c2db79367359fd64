#pragma once
// The rule editions shipped with the program (assets/rules/), loaded once.
#include <string_view>

#include "qaward/rules.hpp"

namespace qaward {

// Rule files from the embedded assets, by edition id ("index" for the index).
[[nodiscard]] EditionSource embedded_editions();

// The edition `id`, or the default edition when `id` is empty.
[[nodiscard]] Result<RuleSet> load_shipped_edition(std::string_view id);

}  // namespace qaward
