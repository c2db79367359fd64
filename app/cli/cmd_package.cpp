// qaward keygen | package | verify | precheck | countersign: the signed
// submission package (Article 11(2)-(3)).
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "../common/assessment_bridge.hpp"
#include "../common/editions.hpp"
#include "../common/package_support.hpp"
#include "../common/shipped_calendar.hpp"
#include "cli.hpp"
#include "qaward/hash.hpp"
#include "qaward/version.hpp"

namespace qaward::cli {

namespace {

// The passphrase from QAWARD_PASSPHRASE, or asked for on the terminal without echo.
std::optional<std::string> passphrase(const Context& ctx, bool twice) {
  if (const char* env = std::getenv("QAWARD_PASSPHRASE")) return std::string(env);
  if (!isatty(STDIN_FILENO)) {
    usage_error(ctx, "cli.key.no_passphrase");
    return std::nullopt;
  }
  auto ask = [&](const char* key) {
    std::fprintf(stderr, "%s", ctx.text().text(key).c_str());
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string line;
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
    return line;
  };
  const auto first = ask("cli.key.ask");
  if (twice && ask("cli.key.ask_again") != first) {
    usage_error(ctx, "cli.key.mismatch");
    return std::nullopt;
  }
  return first;
}

std::optional<KeyPair> load_key(const Context& ctx, const std::string& path) {
  const auto text = read_file(ctx, path);
  if (!text) return std::nullopt;
  const auto pass = passphrase(ctx, false);
  if (!pass) return std::nullopt;
  auto key = decrypt_secret_key(*text, *pass);
  if (!key.ok()) {
    print_diagnostics(ctx, key.diagnostics());
    return std::nullopt;
  }
  return key.value();
}

std::optional<DateTime> now_option(const Context& ctx, const Options& options) {
  if (const auto text = options.get("--now")) {
    const auto time = parse_datetime(*text);
    if (!time) usage_error(ctx, "input.bad_datetime", {{"found", *text}});
    return time;
  }
  return beijing_datetime(static_cast<std::int64_t>(std::time(nullptr)));
}


void print_report(const Context& ctx, const std::string& file, const VerifyReport& r) {
  const Catalog& t = ctx.text();
  std::printf("%s  %s\n", t.text(r.valid ? "cli.verify.valid" : "cli.verify.invalid").c_str(), file.c_str());
  std::vector<ReportLine> payload;
  if (r.payload_files > 0) {
    payload.push_back({ReportLine::Tone::plain,
                       t.text("cli.verify.payload", {{"files", std::to_string(r.payload_files)}, {"bytes", std::to_string(r.payload_bytes)}}),
                       false});
  }
  for (const auto& line : report_lines(r, t, std::move(payload))) {
    if (!line.finding) {
      std::printf("  %s\n", line.text.c_str());
      continue;
    }
    const char* label = line.tone == ReportLine::Tone::bad ? "cli.error" : "cli.warning";
    std::printf("  %s %s\n", t.text(label).c_str(), line.text.c_str());
  }
}

int keygen(const Context& ctx, const Options& options) {
  const auto prefix = options.get("--out");
  if (!prefix) return usage_error(ctx, "cli.missing_option", {{"option", "--out"}});
  const std::string key_path = *prefix + ".key";
  const std::string pub_path = *prefix + ".pub";
  if (!options.has("--force") && (std::filesystem::exists(key_path) || std::filesystem::exists(pub_path))) {
    return usage_error(ctx, "cli.key.exists", {{"file", key_path}});
  }
  const auto pass = passphrase(ctx, true);
  if (!pass) return kExitUsage;
  if (pass->size() < 8) return usage_error(ctx, "cli.key.short");
  const auto pair = generate_keypair();
  if (!write_file(ctx, key_path, encrypt_secret_key(pair, *pass)) || !write_file(ctx, pub_path, public_key_file(pair.public_key))) {
    return kExitUsage;
  }
  std::filesystem::permissions(key_path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace);
  std::printf("%s\n", pair.public_key.key_id_hex().c_str());
  std::printf("%s\n", ctx.text().text("cli.key.created", {{"key", key_path}, {"pub", pub_path},
                                                          {"fingerprint", pair.public_key.fingerprint()}}).c_str());
  return kExitOk;
}

int package(const Context& ctx, const Options& options) {
  const auto draft_path = options.get("--draft");
  const auto key_path = options.get("--key");
  const auto out_path = options.get("--out");
  for (const auto& [value, name] : {std::pair{draft_path, "--draft"}, {key_path, "--key"}, {out_path, "--out"}}) {
    if (!value) return usage_error(ctx, "cli.missing_option", {{"option", name}});
  }
  const auto now = now_option(ctx, options);
  if (!now) return kExitUsage;
  const auto text = read_file(ctx, *draft_path);
  if (!text) return kExitUsage;
  const auto& criteria = shipped_criteria();
  const auto& calendar = shipped_calendar();
  if (!criteria.ok() || !calendar.ok()) return usage_error(ctx, "calendar.missing", {{"file", "assets"}});
  auto draft = parse_draft(*text, criteria.value());
  if (!draft.ok()) {
    print_diagnostics(ctx, draft.diagnostics());
    return kExitUsage;
  }
  print_diagnostics(ctx, draft.diagnostics());
  const auto rules = edition_or_report(ctx, options.get("--edition").value_or(draft.value().edition));
  if (!rules) return kExitUsage;
  const auto key = load_key(ctx, *key_path);
  if (!key) return kExitUsage;
  // Attachment paths are relative to the draft file.
  const auto base = std::filesystem::path(*draft_path).parent_path();
  PackageRequest request;
  request.draft = &draft.value();
  for (const auto& a : draft.value().attachments) {
    const std::filesystem::path p(a.path);
    request.files.push_back(p.is_absolute() ? p.string() : (base / p).string());
  }
  request.rules = &*rules;
  request.calendar = &calendar.value();
  request.criteria = &criteria.value();
  request.key = &*key;
  request.now = *now;
  request.force = options.has("--force");
  request.product_version = std::string(version());
  const auto plan = plan_package(request);
  if (!plan.refusals.empty()) {
    std::fprintf(stderr, "%s\n", ctx.text().text("cli.package.refused").c_str());
    print_diagnostics(ctx, plan.refusals);
    return kExitNegative;
  }
  print_diagnostics(ctx, plan.warnings);
  const auto result = write_package(request, plan, *out_path);
  if (!result.ok()) {
    print_diagnostics(ctx, result.diagnostics());
    return kExitUsage;
  }
  std::printf("%s\n", out_path->c_str());
  std::printf("%s\n", ctx.text().text("cli.package.done", {{"id", result.value().package_id},
                                                           {"files", std::to_string(result.value().payload_files)},
                                                           {"bytes", std::to_string(result.value().payload_bytes)},
                                                           {"sha256", file_sha256(*out_path)},
                                                           {"key", key->public_key.key_id_hex()},
                                                           {"fingerprint", key->public_key.fingerprint()}}).c_str());
  return kExitOk;
}

std::optional<PublicKey> pubkey_option(const Context& ctx, const Options& options, bool& failed) {
  failed = false;
  const auto path = options.get("--pubkey");
  if (!path) return std::nullopt;
  const auto text = read_file(ctx, *path);
  if (!text) {
    failed = true;
    return std::nullopt;
  }
  auto key = parse_public_key(*text);
  if (!key.ok()) {
    print_diagnostics(ctx, key.diagnostics());
    failed = true;
    return std::nullopt;
  }
  return key.value();
}

int verify(const Context& ctx, const Options& options) {
  if (options.positional().size() != 1) return usage_error(ctx, "cli.verify.one_file");
  bool failed = false;
  const auto key = pubkey_option(ctx, options, failed);
  const auto as_json = wants_json(ctx, options);
  if (failed || !as_json) return kExitUsage;
  const auto& file = options.positional()[0];
  if (!std::filesystem::is_regular_file(file)) return usage_error(ctx, "input.cannot_read", {{"file", file}, {"detail", "not a file"}});
  const auto report = verify_package(file, shipped_verify_context(key ? &*key : nullptr));
  if (*as_json) {
    std::printf("%s\n", to_json(report, catalog(Language::zh), catalog(Language::en)).dump(2).c_str());
  } else {
    print_report(ctx, file, report);
  }
  if (!report.readable) return kExitUsage;
  return report.valid ? kExitOk : kExitNegative;
}

int precheck(const Context& ctx, const Options& options) {
  if (options.positional().empty()) return usage_error(ctx, "cli.verify.one_file");
  std::vector<std::pair<std::string, VerifyReport>> reports;
  for (const auto& file : options.positional()) {
    reports.emplace_back(file, verify_package(file, shipped_verify_context()));
    print_report(ctx, file, reports.back().second);
  }
  if (const auto out = options.get("--report")) {
    std::string content;
    if (out->ends_with(".html")) content = precheck_html(reports);
    else if (out->ends_with(".csv")) content = precheck_csv(reports);
    else if (out->ends_with(".json")) content = precheck_json(reports).dump(2) + "\n";
    else return usage_error(ctx, "cli.precheck.report_kind", {{"found", *out}});
    if (!write_file(ctx, *out, content)) return kExitUsage;
    std::printf("%s\n", ctx.text().text("cli.assess.written", {{"file", *out}}).c_str());
  }
  const bool all_valid = std::all_of(reports.begin(), reports.end(), [](const auto& r) { return r.second.valid; });
  return all_valid ? kExitOk : kExitNegative;
}

int countersign(const Context& ctx, const Options& options) {
  if (options.positional().size() != 1) return usage_error(ctx, "cli.verify.one_file");
  const auto key_path = options.get("--key");
  const auto out_path = options.get("--out");
  const auto opinion = options.get("--opinion");
  const auto unit = options.get("--unit");
  for (const auto& [value, name] : {std::pair{key_path, "--key"}, {out_path, "--out"}, {opinion, "--opinion"}, {unit, "--unit"}}) {
    if (!value || value->empty()) return usage_error(ctx, "cli.missing_option", {{"option", name}});
  }
  const auto now = now_option(ctx, options);
  if (!now) return kExitUsage;
  const auto key = load_key(ctx, *key_path);
  if (!key) return kExitUsage;
  CountersignRequest request{*unit, *opinion, &*key, *now};
  const auto result = countersign_package(options.positional()[0], *out_path, request, shipped_verify_context());
  if (!result.ok()) {
    print_diagnostics(ctx, result.diagnostics());
    return kExitNegative;
  }
  std::printf("%s\n", out_path->c_str());
  std::printf("%s\n", ctx.text().text("cli.countersign.done", {{"id", result.value()}, {"key", key->public_key.key_id_hex()},
                                                               {"sha256", file_sha256(*out_path)}}).c_str());
  return kExitOk;
}

}  // namespace

int package_command(const Context& ctx, std::string_view command, const std::vector<std::string_view>& args) {
  const auto options = Options::parse(ctx, args, {"--out", "--draft", "--key", "--now", "--edition", "--pubkey", "--format",
                                                  "--report", "--opinion", "--unit"},
                                      {"--help", "--force"});
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli." + std::string(command) + ".help").c_str());
    return kExitOk;
  }
  if (command == "keygen") return keygen(ctx, *options);
  if (command == "package") return package(ctx, *options);
  if (command == "verify") return verify(ctx, *options);
  if (command == "precheck") return precheck(ctx, *options);
  return countersign(ctx, *options);
}

}  // namespace qaward::cli
