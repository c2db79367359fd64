#include "qaward/edition_diff.hpp"

#include <map>

namespace qaward {

namespace {

bool same(const std::optional<BilingualText>& a, const std::optional<BilingualText>& b) {
  return a.has_value() == b.has_value() && (!a || (a->zh == b->zh && a->en == b->en));
}

// Whether two versions of a rule cite the same article. A rule carried over
// unverified cites its parent's article with the edition's marker appended
// ("第九条第（一）项（征求意见稿条号）"): the same article, not another one.
bool same_article(const RuleCheck& a, const RuleCheck& b) {
  const auto same_text = [&](const std::string& x, const std::string& y) {
    if (x == y) return true;
    const bool a_longer = x.size() > y.size();
    const std::string& longer = a_longer ? x : y;
    const std::string& shorter = a_longer ? y : x;
    const bool marked = !(a_longer ? a : b).verified;
    return marked && !shorter.empty() && longer.compare(0, shorter.size(), shorter) == 0;
  };
  return same_text(a.citation.zh, b.citation.zh) && same_text(a.citation.en, b.citation.en);
}

// Checks and notes alike, by id.
std::vector<const RuleCheck*> rules_of(const RuleSet& set) {
  std::vector<const RuleCheck*> out;
  for (const auto& c : set.checks) out.push_back(&c);
  for (const auto& n : set.notes) out.push_back(&n);
  return out;
}

}  // namespace

std::vector<RuleDifference> compare_editions(const RuleSet& chosen, const RuleSet& other) {
  std::map<std::string, const RuleCheck*> in_other;
  for (const auto* rule : rules_of(other)) in_other.emplace(rule->id, rule);
  std::vector<RuleDifference> out;
  for (const auto* rule : rules_of(chosen)) {
    RuleDifference d;
    d.id = rule->id;
    d.chosen = *rule;
    const auto it = in_other.find(rule->id);
    if (it != in_other.end()) {
      const RuleCheck& o = *it->second;
      d.other = o;
      // A rule applied by another evaluator reads its parameters differently.
      d.citation = !same_article(*rule, o);
      d.text = rule->excerpt != o.excerpt;
      d.reading = !same(rule->interpretation, o.interpretation) || !same(rule->not_modelled, o.not_modelled);
      d.parameters = rule->params != o.params || rule->rule != o.rule;
      in_other.erase(it);
      if (!(d.citation || d.text || d.reading || d.parameters)) continue;
    }
    out.push_back(std::move(d));
  }
  for (const auto* rule : rules_of(other)) {
    if (in_other.count(rule->id) == 0) continue;  // in both, compared above
    RuleDifference d;
    d.id = rule->id;
    d.other = *rule;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace qaward
