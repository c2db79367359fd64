// qaward: the command-line front end over the core (batch pre-checks, tests).
// Exit codes, as minisign: 0 success, 1 the answer is negative (not eligible,
// verification failed), 2 bad usage or unreadable input.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "../common/catalogs.hpp"
#include "qaward/version.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;

// Usage text, per language. Subcommands join this list as their issues land.
constexpr std::string_view kUsageZh =
    "qaward — 乌鲁木齐市人民政府质量奖申报助手（命令行）\n"
    "\n"
    "用法：qaward [--lang zh|en] <命令> [选项]\n"
    "\n"
    "通用选项：\n"
    "  --help       显示本帮助\n"
    "  --version    显示版本号\n"
    "  --lang L     输出语言：zh（默认）或 en；也可用环境变量 QAWARD_LANG\n"
    "\n"
    "退出码：0 成功；1 结论为否定（如不符合条件、校验失败）；2 用法或输入有误。\n";

constexpr std::string_view kUsageEn =
    "qaward — Urumqi Government Quality Award applicant kit (command line)\n"
    "\n"
    "Usage: qaward [--lang zh|en] <command> [options]\n"
    "\n"
    "Common options:\n"
    "  --help       show this help\n"
    "  --version    show the version\n"
    "  --lang L     output language: zh (default) or en; or set QAWARD_LANG\n"
    "\n"
    "Exit codes: 0 success; 1 negative answer (not eligible, verification failed);\n"
    "2 bad usage or unreadable input.\n";

int usage_error(const qaward::Catalog& text, const std::string& key, const qaward::Params& params) {
  std::fprintf(stderr, "qaward: %s\n", text.text(key, params).c_str());
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);

  const char* env_lang = std::getenv("QAWARD_LANG");
  auto language = qaward::language_from_tag(env_lang ? env_lang : "zh");
  // --lang is read first so that every later message is in the chosen language.
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--lang") {
      if (i + 1 >= args.size()) {
        return usage_error(qaward::catalog(language), "cli.usage_error",
                           {{"detail", "--lang needs zh or en / --lang 需要 zh 或 en"}});
      }
      language = qaward::language_from_tag(args[i + 1]);
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
      break;
    }
  }
  const auto& text = qaward::catalog(language);
  const auto usage = language == qaward::Language::en ? kUsageEn : kUsageZh;

  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fwrite(usage.data(), 1, usage.size(), stdout);
    return args.empty() ? kExitUsage : kExitOk;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    const auto v = qaward::version();
    std::printf("qaward %.*s\n", static_cast<int>(v.size()), v.data());
    return kExitOk;
  }
  if (args[0].starts_with("-")) {
    return usage_error(text, "cli.unknown_option", {{"option", std::string(args[0])}});
  }
  return usage_error(text, "cli.unknown_command", {{"command", std::string(args[0])}});
}
