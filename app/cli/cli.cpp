#include "cli.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "../common/editions.hpp"
#include "qaward/text.hpp"

namespace qaward::cli {

std::optional<Options> Options::parse(const Context& ctx, const std::vector<std::string_view>& args,
                                      std::vector<std::string_view> with_value, std::vector<std::string_view> flags,
                                      std::size_t max_positional, std::vector<std::string_view> lists) {
  Options options;
  auto known = [](const std::vector<std::string_view>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto arg = args[i];
    if (!arg.starts_with("--")) {
      if (options.positional_.size() == max_positional) {
        usage_error(ctx, "cli.unexpected_argument", {{"argument", std::string(arg)}});
        return std::nullopt;
      }
      options.positional_.emplace_back(arg);
      continue;
    }
    // --name=value is accepted as well as --name value.
    const auto eq = arg.find('=');
    const std::string name(arg.substr(0, eq));
    if (known(lists, name)) {  // a list takes what follows, up to the next option; given again, it adds
      const auto before = options.values_.size();
      if (eq != std::string_view::npos) options.values_.emplace_back(name, std::string(arg.substr(eq + 1)));
      while (eq == std::string_view::npos && i + 1 < args.size() && !args[i + 1].starts_with("--")) {
        options.values_.emplace_back(name, std::string(args[++i]));
      }
      if (options.values_.size() == before) {
        usage_error(ctx, "cli.missing_value", {{"option", name}});
        return std::nullopt;
      }
      continue;
    }
    if (options.has(name)) {  // which of the two was meant?
      usage_error(ctx, "cli.repeated_option", {{"option", name}});
      return std::nullopt;
    }
    if (known(flags, name) && eq == std::string_view::npos) {
      options.values_.emplace_back(name, "");
      continue;
    }
    if (!known(with_value, name)) {
      usage_error(ctx, "cli.unknown_option", {{"option", name}});
      return std::nullopt;
    }
    if (eq != std::string_view::npos) {
      options.values_.emplace_back(name, std::string(arg.substr(eq + 1)));
    } else if (i + 1 < args.size()) {
      options.values_.emplace_back(name, std::string(args[++i]));
    } else {
      usage_error(ctx, "cli.missing_value", {{"option", name}});
      return std::nullopt;
    }
  }
  return options;
}

std::optional<std::string> Options::get(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string> Options::get_all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [key, value] : values_) {
    if (key == name) out.push_back(value);
  }
  return out;
}

bool Options::has(std::string_view name) const { return get(name).has_value(); }

std::string printable(std::string_view text) { return escape_control_characters(text); }

namespace {
Params printable_params(const Params& params) {
  Params out;
  for (const auto& [key, value] : params) out[key] = printable(value);
  return out;
}
}  // namespace

int usage_error(const Context& ctx, const std::string& key, const Params& params) {
  std::fprintf(stderr, "qaward: %s\n", ctx.text().text(key, printable_params(params)).c_str());
  return kExitUsage;
}

void print_diagnostics(const Context& ctx, const std::vector<Diagnostic>& diagnostics) {
  for (auto d : diagnostics) {
    d.params = printable_params(d.params);
    d.where = printable(d.where);
    const auto label = ctx.text().text(d.severity == Severity::error ? "cli.error" : "cli.warning");
    std::fprintf(stderr, "qaward: %s: %s\n", label.c_str(), ctx.text().render(d).c_str());
  }
}

std::optional<RuleSet> edition_or_report(const Context& ctx, std::string_view id) {
  auto rules = load_shipped_edition(id);
  if (!rules.ok()) {
    print_diagnostics(ctx, rules.diagnostics());
    return std::nullopt;
  }
  use_edition_references(rules.value());  // messages cite this edition's articles
  return std::move(rules).value();
}

std::optional<Date> reference_date(const Context& ctx, const Options& options) {
  if (const auto text = options.get("--date")) {
    const auto date = parse_date(*text);
    if (!date) usage_error(ctx, "input.bad_date", {{"found", *text}});
    return date;
  }
  return beijing_date(static_cast<std::int64_t>(std::time(nullptr)));
}

std::optional<bool> wants_json(const Context& ctx, const Options& options) {
  const auto format = options.get("--format").value_or("text");
  if (format == "json") return true;
  if (format == "text") return false;
  usage_error(ctx, "cli.bad_format", {{"found", format}});
  return std::nullopt;
}

}  // namespace qaward::cli
