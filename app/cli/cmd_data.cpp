// qaward data status: what the shipped calendar and rules cover and how sure
// they are (issue 19), so that nobody mistakes an estimate for a notice.
#include <cstdio>

#include "../common/data_status.hpp"
#include "../common/shipped_calendar.hpp"
#include "cli.hpp"

namespace qaward::cli {

int data_command(const Context& ctx, const std::vector<std::string_view>& args) {
  if (args.empty() || args[0] == "--help") {
    std::printf("%s", ctx.text().text("cli.data.help").c_str());
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] != "status") return usage_error(ctx, "cli.data.unknown_action", {{"found", std::string(args[0])}});
  const std::vector<std::string_view> rest(args.begin() + 1, args.end());
  const auto options = Options::parse(ctx, rest, {"--edition", "--format"}, {"--help"}, 0);
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli.data.help").c_str());
    return kExitOk;
  }
  const auto json_output = wants_json(ctx, *options);
  if (!json_output) return kExitUsage;
  const Calendar* calendar = value_or_report(ctx, shipped_calendar());
  if (calendar == nullptr) return kExitUsage;
  const auto rules = edition_or_report(ctx, options->get("--edition").value_or(""));
  if (!rules) return kExitUsage;
  const auto s = data_status(*calendar, *rules);
  if (*json_output) {
    std::printf("%s\n", to_json(s).dump(2).c_str());
    return kExitOk;
  }
  const auto& t = ctx.text();
  auto line = [&](const std::string& key, const Params& params) { std::printf("%s\n", t.text(key, params).c_str()); };
  line("cli.data.national", {{"from", std::to_string(s.first_year)}, {"to", std::to_string(s.last_year)},
                             {"uncertain", year_list(s.national_uncertain)}});
  line("cli.data.xinjiang", {{"complete", year_list(s.xinjiang_complete)}, {"partial", year_list(s.xinjiang_partial)},
                             {"unknown", year_list(s.xinjiang_unknown)}});
  line("cli.data.beyond", {{"from", std::to_string(s.first_year)}, {"to", std::to_string(s.last_year)}});
  const bool en = ctx.language == Language::en;
  line("cli.data.edition", {{"edition", s.edition}, {"title", en ? rules->title.en : rules->title.zh},
                            {"status", t.text("cli.data.status." + std::string(s.edition_status == "issued" ? "issued" : "draft"))}});
  if (!s.unverified_checks.empty()) {
    std::string ids;
    for (const auto& id : s.unverified_checks) ids += (ids.empty() ? "" : ", ") + id;
    line("cli.data.unverified", {{"count", std::to_string(s.unverified_checks.size())}, {"checks", ids}});
  }
  if (!s.procedure_verified) line("cli.data.procedure_unverified", {});
  line("cli.data.how_to_add", {});
  return kExitOk;
}

}  // namespace qaward::cli
