// qaward draft normalize: a draft in its canonical form, written by the same
// writer as the browser's export (qaward::draft_to_json).
#include <cstdio>

#include "../common/assessment_bridge.hpp"
#include "cli.hpp"
#include "files.hpp"
#include "qaward/draft.hpp"

namespace qaward::cli {

int draft_command(const Context& ctx, const std::vector<std::string_view>& args) {
  if (args.empty() || args[0] == "--help") {
    std::printf("%s", ctx.text().text("cli.draft.help").c_str());
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] != "normalize") return usage_error(ctx, "cli.draft.unknown_action", {{"found", std::string(args[0])}});
  const std::vector<std::string_view> rest(args.begin() + 1, args.end());
  const auto options = Options::parse(ctx, rest, {"--out"}, {"--help", "--force"}, 1);
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli.draft.help").c_str());
    return kExitOk;
  }
  if (options->positional().size() != 1) return usage_error(ctx, "cli.draft.needs_file");
  const auto& path = options->positional()[0];
  Inputs inputs;
  if (!inputs.add(ctx, path)) return kExitUsage;
  std::unique_ptr<Output> out;
  if (const auto out_path = options->get("--out")) {
    out = Output::open(ctx, *out_path, inputs, {options->has("--force"), false});
    if (!out) return kExitUsage;
  }
  const auto text = read_input(ctx, path);
  if (!text) return kExitUsage;
  const Criteria* criteria = value_or_report(ctx, shipped_criteria());
  if (criteria == nullptr) return kExitUsage;
  const auto draft = parse_draft(*text, *criteria);
  print_diagnostics(ctx, draft.diagnostics());
  if (!draft.ok()) return kExitUsage;
  const auto canonical = draft_to_json(draft.value());
  if (!out) {
    std::fwrite(canonical.data(), 1, canonical.size(), stdout);
    return kExitOk;
  }
  return out->finish(ctx, canonical) ? kExitOk : kExitUsage;
}

}  // namespace qaward::cli
