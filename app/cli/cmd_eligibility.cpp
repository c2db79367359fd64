// qaward eligibility: the eligibility criteria (Articles 2, 9, 11(3), 16, 20)
// for one organization profile on a reference date.
#include <cstdio>

#include "../common/editions.hpp"
#include "../common/eligibility_bridge.hpp"
#include "cli.hpp"
#include "files.hpp"
#include "qaward/eligibility.hpp"

namespace qaward::cli {

namespace {

void print_text(const Context& ctx, const EligibilityResult& result, const RuleSet& rules,
                const std::vector<Diagnostic>& warnings) {
  const Catalog& t = ctx.text();
  const bool en = ctx.language == Language::en;
  auto line = [](const std::string& s) { std::printf("%s\n", s.c_str()); };
  line(t.text("cli.elig.verdict", {{"outcome", t.text("elig.outcome." + std::string(to_string(result.outcome)))}}));
  line(t.text("cli.elig.edition", {{"edition", rules.edition}, {"title", en ? rules.title.en : rules.title.zh}}));
  line(t.text("cli.elig.date", {{"date", to_string(result.date)}}));
  const auto unverified = rules.unverified_checks();
  if (!unverified.empty()) {
    line(t.text("cli.elig.unverified", {{"count", std::to_string(unverified.size())}}));
    for (const auto& check : rules.checks) {
      if (!check.verified && check.unverified_note) {  // the edition's one note, said once
        line("  " + (en ? check.unverified_note->en : check.unverified_note->zh));
        break;
      }
    }
  }
  std::printf("\n");
  auto print_check = [&](const CheckResult& c, bool is_note) {
    const auto& citation = en ? c.rule->citation.en : c.rule->citation.zh;
    const auto mark = is_note ? t.text("cli.elig.mark.note") : t.text(std::string("cli.elig.mark.") + to_string(c.outcome));
    const auto tag = c.rule->verified ? std::string() : " " + t.text("cli.elig.unverified_tag");
    std::printf("%s %s  %s%s\n", mark.c_str(), citation.c_str(), c.rule->id.c_str(), tag.c_str());
    std::printf("    %s\n", t.text(c.message_key, c.values).c_str());
    if (!c.next_key.empty()) std::printf("    %s\n", t.text("cli.elig.next", {{"next", t.text(c.next_key, c.values)}}).c_str());
    if (c.refer_to_office) std::printf("    %s\n", t.text("cli.elig.refer").c_str());
  };
  for (const auto& c : result.checks) print_check(c, false);
  if (!result.notes.empty()) std::printf("\n");
  for (const auto& n : result.notes) print_check(n, true);
  std::vector<Diagnostic> all = warnings;
  all.insert(all.end(), result.warnings.begin(), result.warnings.end());
  if (!all.empty()) std::printf("\n");
  for (const auto& w : all) std::printf("%s %s\n", t.text("cli.warning").c_str(), t.render(w).c_str());
}

}  // namespace

int eligibility(const Context& ctx, const std::vector<std::string_view>& args) {
  const auto options = Options::parse(ctx, args, {"--profile", "--date", "--edition", "--format"}, {"--help"});
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli.elig.help").c_str());
    return kExitOk;
  }
  if (!options->positional().empty()) return usage_error(ctx, "cli.unexpected_argument", {{"argument", options->positional()[0]}});
  const auto path = options->get("--profile");
  if (!path) return usage_error(ctx, "cli.missing_option", {{"option", "--profile"}});
  const auto json_output = wants_json(ctx, *options);
  if (!json_output) return kExitUsage;
  const auto date = reference_date(ctx, *options);
  if (!date) return kExitUsage;
  const auto text = read_input(ctx, *path);
  if (!text) return kExitUsage;

  auto profile = parse_profile(*text);
  if (!profile.ok()) {
    print_diagnostics(ctx, profile.diagnostics());
    return kExitUsage;
  }
  const auto rules = edition_or_report(ctx, options->get("--edition").value_or(""));
  if (!rules) return kExitUsage;
  const auto result = evaluate_eligibility(profile.value(), *rules, *date);
  if (!result.ok()) {
    print_diagnostics(ctx, result.diagnostics());
    return kExitUsage;
  }
  if (*json_output) {
    auto out = to_json(result.value(), *rules, catalog(Language::zh), catalog(Language::en));
    for (const auto& w : diagnostics_json(profile.diagnostics())) out["warnings"].push_back(w);
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    print_text(ctx, result.value(), *rules, profile.diagnostics());
  }
  return result.value().outcome == Eligibility::eligible ? kExitOk : kExitNegative;
}

}  // namespace qaward::cli
