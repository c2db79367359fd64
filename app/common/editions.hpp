#pragma once
// The rule editions shipped with the program (assets/rules/), loaded once.
#include <string>
#include <string_view>
#include <vector>

#include "qaward/edition_diff.hpp"
#include "qaward/rules.hpp"

namespace qaward {

// Rule files from the embedded assets, by edition id ("index" for the index).
[[nodiscard]] EditionSource embedded_editions();

// The edition `id`, or the default edition when `id` is empty.
[[nodiscard]] Result<RuleSet> load_shipped_edition(std::string_view id);

// Every shipped edition, in the index's order, and which is the default.
struct ShippedEditions {
  std::string default_edition;
  std::vector<RuleSet> editions;

  // The edition `id`, or nullptr when it is not shipped.
  [[nodiscard]] const RuleSet* find(std::string_view id) const;
  [[nodiscard]] const RuleSet& default_rules() const;
  // What a draft naming `id` is evaluated under: that edition when shipped,
  // otherwise (an empty id, or one this program does not have) the default.
  // The CLI refuses an unknown edition instead; the page keeps the draft's
  // value and says which edition it uses.
  [[nodiscard]] const RuleSet& in_force(std::string_view id) const;
  // The rules of `chosen` that differ from the default's (empty for the default).
  [[nodiscard]] std::vector<RuleDifference> differences_from_default(const RuleSet& chosen) const;
};

// Loaded once from the embedded assets; an error here is a build defect.
[[nodiscard]] const Result<ShippedEditions>& shipped_editions();

}  // namespace qaward
