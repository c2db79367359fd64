// qaward: the command-line front end over the core (batch pre-checks, tests).
// Exit codes: 0 success, 1 the answer is negative, 2 bad usage or input.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "qaward/version.hpp"

int main(int argc, char** argv) {
  using namespace qaward::cli;
  std::vector<std::string_view> args(argv + 1, argv + argc);

  const char* env_lang = std::getenv("QAWARD_LANG");
  Context ctx{qaward::language_from_tag(env_lang ? env_lang : "zh")};
  // A region tag such as en-US or zh_CN.UTF-8 is understood; anything else is said, not guessed.
  const std::string_view env_tag = env_lang ? env_lang : "";
  const bool known_lang = env_tag.empty() || env_tag.starts_with("zh") || env_tag.starts_with("en");
  // --lang may stand anywhere; it is read first so that every later message
  // is in the chosen language.
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--lang" || args[i].starts_with("--lang=")) {
      const bool inline_value = args[i].starts_with("--lang=");
      if (!inline_value && i + 1 >= args.size()) return usage_error(ctx, "cli.missing_value", {{"option", "--lang"}});
      const auto value = inline_value ? args[i].substr(7) : args[i + 1];
      if (value != "zh" && value != "en") return usage_error(ctx, "cli.bad_lang", {{"found", std::string(value)}});
      ctx.language = qaward::language_from_tag(value);
      const auto count = static_cast<std::ptrdiff_t>(inline_value ? 1 : 2);
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + count);
      break;
    }
  }

  if (!known_lang) usage_error(ctx, "cli.bad_lang_env", {{"found", std::string(env_tag)}});
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::printf("%s", ctx.text().text("cli.help").c_str());
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    const auto v = qaward::version();
    std::printf("qaward %.*s\n", static_cast<int>(v.size()), v.data());
    return kExitOk;
  }
  const std::vector<std::string_view> rest(args.begin() + 1, args.end());
  if (args[0] == "eligibility") return eligibility(ctx, rest);
  if (args[0] == "assess") return assess(ctx, rest);
  if (args[0] == "draft") return draft_command(ctx, rest);
  if (args[0] == "data") return data_command(ctx, rest);
  if (args[0] == "district") return district_command(ctx, rest);
  for (const char* command : {"keygen", "package", "verify", "precheck", "countersign", "bundle", "intake"}) {
    if (args[0] == command) return package_command(ctx, args[0], rest);
  }
  if (args[0] == "workdays" || args[0] == "publicity" || args[0] == "timeline" || args[0] == "notice") return calendar_command(ctx, args[0], rest);
  if (args[0].starts_with("-")) return usage_error(ctx, "cli.unknown_option", {{"option", std::string(args[0])}});
  return usage_error(ctx, "cli.unknown_command", {{"command", std::string(args[0])}});
}
