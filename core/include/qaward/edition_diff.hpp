#pragma once
// Which rules differ between two rule-set editions, by rule id: what a user
// who evaluates under another edition than the default needs to know.
#include <optional>
#include <string>
#include <vector>

#include "qaward/rules.hpp"

namespace qaward {

struct RuleDifference {
  std::string id;
  std::optional<RuleCheck> chosen;  // the rule in the chosen edition; nullopt: only in the other
  std::optional<RuleCheck> other;   // the rule in the edition compared with; nullopt: only in the chosen
  // When the rule is in both: which parts differ.
  bool citation = false;    // the article it cites (a carried-over rule's marker is not a change)
  bool text = false;        // the article's words (excerpt)
  bool reading = false;     // our interpretation or what is left to humans
  bool parameters = false;  // the legal numbers and lists (years, kinds, ...)

  [[nodiscard]] bool only_in_chosen() const { return chosen && !other; }
  [[nodiscard]] bool only_in_other() const { return other && !chosen; }
};

// The rules (checks and notes) of `chosen` that `other` lacks, has in another
// form, or has alone; in `chosen`'s order, then the ones only in `other`.
// Rules that are the same in both are not listed; whether a rule is marked
// verified (and the marker a carried-over rule's citation then bears) is not
// a difference of the rule itself and is not compared.
[[nodiscard]] std::vector<RuleDifference> compare_editions(const RuleSet& chosen, const RuleSet& other);

}  // namespace qaward
