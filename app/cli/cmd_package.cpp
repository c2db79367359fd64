// qaward keygen | package | verify | precheck | countersign | bundle: the
// signed submission package (Article 11(2)-(3)) and the district's bundle
// for the municipal office (Article 11 (三)-(四)).
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "../common/application_document.hpp"
#include "../common/intake_documents.hpp"
#include "../common/editions.hpp"
#include "../common/package_support.hpp"
#include "../common/shipped_calendar.hpp"
#include "../common/assessment_bridge.hpp"
#include "cli.hpp"
#include "files.hpp"
#include "qaward/bundle.hpp"
#include "qaward/json_text.hpp"
#include "qaward/hash.hpp"
#include "qaward/text.hpp"
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

// The passphrase, which must be UTF-8 text (the core takes it in NFC).
std::optional<std::string> utf8_passphrase(const Context& ctx, bool twice) {
  auto pass = passphrase(ctx, twice);
  if (pass && !count_code_points(*pass)) {
    usage_error(ctx, "cli.key.not_utf8");
    return std::nullopt;
  }
  return pass;
}

}  // namespace

std::optional<KeyPair> load_key(const Context& ctx, const std::string& path) {
  const auto text = read_input(ctx, path);
  if (!text) return std::nullopt;
  const auto pass = utf8_passphrase(ctx, false);
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


namespace {

void print_report(const Context& ctx, const std::string& file, const VerifyReport& r) {
  const Catalog& t = ctx.text();
  // Everything from inside a package is untrusted: printable() keeps escape
  // sequences in a name from acting on the reviewer's terminal.
  std::printf("%s  %s\n", t.text(r.valid ? "cli.verify.valid" : "cli.verify.invalid").c_str(), printable(file).c_str());
  std::vector<ReportLine> payload;
  if (r.payload_files > 0) {
    payload.push_back({ReportLine::Tone::plain,
                       t.text("cli.verify.payload", {{"files", std::to_string(r.payload_files)}, {"bytes", std::to_string(r.payload_bytes)}}),
                       false});
  }
  for (const auto& line : report_lines(r, t, std::move(payload))) {
    if (!line.finding) {
      std::printf("  %s\n", printable(line.text).c_str());
      continue;
    }
    const char* label = line.tone == ReportLine::Tone::bad ? "cli.error" : "cli.warning";
    std::printf("  %s %s\n", t.text(label).c_str(), printable(line.text).c_str());
  }
}

int keygen(const Context& ctx, const Options& options) {
  const auto prefix = options.get("--out");
  if (!prefix) return usage_error(ctx, "cli.missing_option", {{"option", "--out"}});
  const std::string key_path = *prefix + ".key";
  const std::string pub_path = *prefix + ".pub";
  const Inputs none;
  const bool force = options.has("--force");
  // Both are written beside their names and appear only when both are whole;
  // the secret key is readable by its owner only from its first byte.
  const auto key_out = Output::open(ctx, key_path, none, {force, true});
  if (!key_out) return kExitUsage;
  const auto pub_out = Output::open(ctx, pub_path, none, {force, false});
  if (!pub_out) return kExitUsage;
  const auto pass = utf8_passphrase(ctx, true);
  if (!pass) return kExitUsage;
  if (count_code_points(*pass).value_or(0) < 8) return usage_error(ctx, "cli.key.short");
  const auto pair = generate_keypair();
  // Both written before either is put in place: a full disk leaves neither.
  for (const auto& [out, content] : {std::pair{key_out.get(), encrypt_secret_key(pair, *pass)},
                                     {pub_out.get(), public_key_file(pair.public_key)}}) {
    if (!out->append(content)) return usage_error(ctx, "cli.cannot_write", {{"file", out->path()}, {"detail", out->failure()}});
  }
  if (!key_out->commit(ctx) || !pub_out->commit(ctx)) return kExitUsage;
  std::printf("%s\n", pair.public_key.key_id_hex().c_str());
  std::printf("%s\n", ctx.text().text("cli.key.created", {{"key", key_path}, {"pub", pub_path},
                                                          {"fingerprint", pair.public_key.fingerprint()}}).c_str());
  return kExitOk;
}

}  // namespace

// Warns when "now" is ahead of the machine's clock: a package dated in the
// future misleads whoever checks the publicity period against it.
void warn_if_future(const Context& ctx, const DateTime& now) {
  const auto clock = beijing_datetime(static_cast<std::int64_t>(std::time(nullptr)));
  if (to_unix(now) > to_unix(clock) + 600) {
    print_diagnostics(ctx, {Diagnostic{Severity::warning, "cli.now_in_future", {{"now", to_iso(now)}, {"clock", to_iso(clock)}}, "--now"}});
  }
}

namespace {

int package(const Context& ctx, const Options& options) {
  const auto draft_path = options.get("--draft");
  const auto key_path = options.get("--key");
  const auto out_path = options.get("--out");
  for (const auto& [value, name] : {std::pair{draft_path, "--draft"}, {key_path, "--key"}, {out_path, "--out"}}) {
    if (!value) return usage_error(ctx, "cli.missing_option", {{"option", name}});
  }
  const auto now = now_option(ctx, options);
  if (!now) return kExitUsage;
  if (options.has("--now")) warn_if_future(ctx, *now);
  Inputs inputs;
  if (!inputs.add(ctx, *draft_path) || !inputs.add(ctx, *key_path)) return kExitUsage;
  const auto text = read_input(ctx, *draft_path);
  if (!text) return kExitUsage;
  const Criteria* criteria = value_or_report(ctx, shipped_criteria());
  const Calendar* calendar = value_or_report(ctx, shipped_calendar());
  if (criteria == nullptr || calendar == nullptr) return kExitUsage;
  auto draft = parse_draft(*text, *criteria);
  if (!draft.ok()) {
    print_diagnostics(ctx, draft.diagnostics());
    return kExitUsage;
  }
  print_diagnostics(ctx, draft.diagnostics());
  const auto rules = edition_or_report(ctx, options.get("--edition").value_or(draft.value().edition));
  if (!rules) return kExitUsage;
  // Attachment paths are relative to the draft file. Each is an input the
  // output may not replace, and must be a regular file (a pipe would hang,
  // a device never end).
  const auto base = std::filesystem::path(*draft_path).parent_path();
  PackageRequest request;
  request.draft = &draft.value();
  for (const auto& a : draft.value().attachments) {
    const std::filesystem::path p(a.path);
    request.files.push_back(p.is_absolute() ? p.string() : (base / p).string());
    if (!inputs.add(ctx, request.files.back())) return kExitUsage;
  }
  const auto out = Output::open(ctx, *out_path, inputs, {options.has("--force"), false});
  if (!out) return kExitUsage;
  const auto key = load_key(ctx, *key_path);
  if (!key) return kExitUsage;
  request.rules = &*rules;
  request.calendar = calendar;
  request.criteria = criteria;
  request.key = &*key;
  request.now = *now;
  request.force = options.has("--force-ineligible");
  request.product_version = std::string(version());
  request.readable = application_document_html;
  const auto plan = plan_package(request);
  if (!plan.refusals.empty()) {
    std::fprintf(stderr, "%s\n", ctx.text().text("cli.package.refused").c_str());
    print_diagnostics(ctx, plan.refusals);
    if (std::any_of(plan.refusals.begin(), plan.refusals.end(), [](const Diagnostic& d) { return d.key == "pkg.not_eligible"; })) {
      std::fprintf(stderr, "%s\n", ctx.text().text("cli.package.force_ineligible_hint").c_str());
    }
    return kExitNegative;
  }
  print_diagnostics(ctx, plan.warnings);
  const auto result = write_package(request, plan, *out);
  if (!result.ok()) {
    print_diagnostics(ctx, result.diagnostics());
    return kExitUsage;
  }
  // The hash of the bytes that will be renamed into place, not of whatever
  // the path holds afterwards.
  const auto sha256 = out->sha256();
  if (!out->commit(ctx)) return kExitUsage;
  std::printf("%s\n", out_path->c_str());
  std::printf("%s\n", ctx.text().text("cli.package.done", {{"id", result.value().package_id},
                                                           {"files", std::to_string(result.value().payload_files)},
                                                           {"bytes", std::to_string(result.value().payload_bytes)},
                                                           {"sha256", sha256},
                                                           {"key", key->public_key.key_id_hex()},
                                                           {"fingerprint", key->public_key.fingerprint()}}).c_str());
  return kExitOk;
}

std::optional<PublicKey> pubkey_option(const Context& ctx, const Options& options, const char* name, bool& failed) {
  const auto path = options.get(name);
  if (!path) return std::nullopt;
  const auto text = read_input(ctx, *path, kMaxKeyBytes);
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

// The keys a reviewer pinned: --pubkey (the applicant's) and
// --office-pubkey (the district office that countersigned).
struct PinnedKeys {
  std::optional<PublicKey> applicant;
  std::optional<PublicKey> office;
  [[nodiscard]] VerifyContext context() const {
    auto context = shipped_verify_context(applicant ? &*applicant : nullptr);
    context.expected_office_key = office ? &*office : nullptr;
    return context;
  }
};

std::optional<PinnedKeys> pinned_keys(const Context& ctx, const Options& options) {
  bool failed = false;
  PinnedKeys keys{pubkey_option(ctx, options, "--pubkey", failed), pubkey_option(ctx, options, "--office-pubkey", failed)};
  if (failed) return std::nullopt;
  return keys;
}

// The package at `file` verified, or a report saying why it cannot be read
// (missing, a folder, a device or pipe: libzip must not be handed those).
VerifyReport verify_file(const Context& ctx, const std::string& file, const VerifyContext& context) {
  if (const auto why = not_a_file(ctx, file); !why.empty()) {
    VerifyReport report;
    report.findings.push_back({Severity::error, "input.cannot_read", {{"file", file}, {"detail", why}}, ""});
    return report;
  }
  return verify_package(file, context);
}

// The district keys the office pinned (--district-pubkey, one or more), or
// nullopt after a message.
std::optional<std::vector<PublicKey>> district_keys(const Context& ctx, const Options& options) {
  std::vector<PublicKey> keys;
  for (const auto& path : options.get_all("--district-pubkey")) {
    const auto text = read_input(ctx, path, kMaxKeyBytes);
    if (!text) return std::nullopt;
    auto key = parse_public_key(*text);
    if (!key.ok()) {
      print_diagnostics(ctx, key.diagnostics());
      return std::nullopt;
    }
    keys.push_back(key.value());
  }
  return keys;
}

// A bundle's verdict, its chain and each package's, then what was found.
void print_bundle_report(const Context& ctx, const std::string& file, const BundleReport& r) {
  const Catalog& t = ctx.text();
  std::printf("%s  %s\n", t.text(r.valid ? "cli.verify.valid" : "cli.verify.invalid").c_str(), printable(file).c_str());
  // Times in the words notices use; the JSON keeps ISO 8601.
  const auto instant = [](const std::string& name, const std::string& iso) {
    const auto at = parse_datetime(iso);
    return at ? instant_params(name, *at) : Params{{name, iso}, {name + "_en", iso}};
  };
  if (r.readable) {  // an unreadable file has no unit or time to name
    Params from = instant("created", r.created);
    from["unit"] = r.unit;
    std::printf("  %s\n", printable(t.text("cli.bundle.from", from)).c_str());
  }
  if (r.signature.present) {
    std::printf("  %s\n", t.text(r.signature.valid ? "cli.bundle.signed" : "cli.bundle.not_signed",
                                  {{"key", r.signature.key_id}, {"fingerprint", r.signature.fingerprint}}).c_str());
  }
  if (!r.publicity_state.empty()) std::printf("  %s\n", t.text("cli.bundle.publicity." + r.publicity_state, instant("end", r.publicity_end)).c_str());
  for (const auto& p : r.packages) {
    const bool ok = p.present && p.sha256_matches && p.report.valid;
    std::printf("  %s %s  %s\n", t.text(ok ? "cli.verify.valid" : "cli.verify.invalid").c_str(), printable(p.package_id).c_str(),
                printable(p.report.organization).c_str());
  }
  for (const auto& f : r.findings) {
    std::printf("  %s %s\n", t.text(f.severity == Severity::error ? "cli.error" : "cli.warning").c_str(), printable(t.render(f)).c_str());
  }
}

int verify(const Context& ctx, const Options& options) {
  if (options.positional().size() != 1) return usage_error(ctx, "cli.verify.one_file");
  const auto keys = pinned_keys(ctx, options);
  const auto as_json = wants_json(ctx, options);
  const auto districts = district_keys(ctx, options);
  if (!keys || !as_json || !districts) return kExitUsage;
  const auto& file = options.positional()[0];
  // A district's bundle is recognised by its index and checked as a chain.
  if (not_a_file(ctx, file).empty() && looks_like_bundle(file)) {
    BundleVerifyContext context{keys->context(), *districts};
    const auto report = verify_bundle(file, context);
    if (*as_json) std::printf("%s\n", to_json(report, catalog(Language::zh), catalog(Language::en)).dump(2).c_str());
    else print_bundle_report(ctx, file, report);
    if (!report.readable) return kExitUsage;
    return report.valid ? kExitOk : kExitNegative;
  }
  const auto report = verify_file(ctx, file, keys->context());
  if (*as_json) {
    std::printf("%s\n", to_json(report, catalog(Language::zh), catalog(Language::en)).dump(2).c_str());
  } else {
    print_report(ctx, file, report);
  }
  if (!report.readable) return kExitUsage;
  return report.valid ? kExitOk : kExitNegative;
}

// A batch report (--report): .html, .csv or .json by its name, opened before
// the work so that a bad name is said first; nullptr after a message.
std::unique_ptr<Output> open_report(const Context& ctx, const std::string& path, const Inputs& inputs, bool force) {
  if (!path.ends_with(".html") && !path.ends_with(".csv") && !path.ends_with(".json")) {
    usage_error(ctx, "cli.precheck.report_kind", {{"found", path}});
    return nullptr;
  }
  return Output::open(ctx, path, inputs, {force, false});
}

int precheck(const Context& ctx, const Options& options) {
  if (options.positional().empty()) return usage_error(ctx, "cli.precheck.no_files");
  const auto keys = pinned_keys(ctx, options);
  if (!keys) return kExitUsage;
  // The report is opened first: a bad report name is said before the work.
  Inputs inputs;
  for (const auto& file : options.positional()) (void)inputs.add(ctx, file);  // non-regular ones are findings below
  const auto report_path = options.get("--report");
  std::unique_ptr<Output> out;
  if (report_path && !(out = open_report(ctx, *report_path, inputs, options.has("--force")))) return kExitUsage;
  // One bad package is a finding in the batch; every package is listed.
  std::vector<std::pair<std::string, VerifyReport>> reports;
  const auto context = keys->context();
  for (const auto& file : options.positional()) {
    reports.emplace_back(file, verify_file(ctx, file, context));
    print_report(ctx, file, reports.back().second);
  }
  if (out) {
    std::string content;
    if (report_path->ends_with(".html")) content = precheck_html(reports);
    else if (report_path->ends_with(".csv")) content = precheck_csv(reports);
    else content = precheck_json(reports).dump(2) + "\n";
    if (!out->finish(ctx, content)) return kExitUsage;
    std::printf("%s\n", ctx.text().text("cli.assess.written", {{"file", *report_path}}).c_str());
  }
  const auto all = [&](auto test) { return std::all_of(reports.begin(), reports.end(), [&](const auto& r) { return test(r.second); }); };
  if (!all([](const VerifyReport& r) { return r.readable; })) return kExitUsage;
  return all([](const VerifyReport& r) { return r.valid; }) ? kExitOk : kExitNegative;
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
  for (const auto& [value, name] : {std::pair{unit, "--unit"}, {opinion, "--opinion"}}) {
    if (first_control_character(*value)) return usage_error(ctx, "cli.control_characters", {{"option", name}});
  }
  const auto now = now_option(ctx, options);
  if (!now) return kExitUsage;
  if (options.has("--now")) warn_if_future(ctx, *now);
  const auto& package_path = options.positional()[0];
  Inputs inputs;
  if (!inputs.add(ctx, package_path) || !inputs.add(ctx, *key_path)) return kExitUsage;
  if (const auto why = not_a_file(ctx, package_path); !why.empty()) {
    return usage_error(ctx, "input.cannot_read", {{"file", package_path}, {"detail", why}});
  }
  const auto out = Output::open(ctx, *out_path, inputs, {options.has("--force"), false});
  if (!out) return kExitUsage;
  const auto key = load_key(ctx, *key_path);
  if (!key) return kExitUsage;
  CountersignRequest request{*unit, *opinion, &*key, *now};
  const auto result = countersign_package(package_path, *out, request, shipped_verify_context());
  if (!result.ok()) {
    print_diagnostics(ctx, result.diagnostics());
    // A package that does not qualify is a negative answer; failing to read
    // or write is an I/O error.
    const auto& key_name = result.diagnostics().at(0).key;
    return key_name == "pkg.countersign_invalid" || key_name == "pkg.already_countersigned" ? kExitNegative : kExitUsage;
  }
  const auto sha256 = out->sha256();
  if (!out->commit(ctx)) return kExitUsage;
  std::printf("%s\n", out_path->c_str());
  std::printf("%s\n", ctx.text().text("cli.countersign.done", {{"id", result.value()}, {"key", key->public_key.key_id_hex()},
                                                               {"sha256", sha256}}).c_str());
  return kExitOk;
}

// The district's bundle for the office: the recommended, countersigned
// packages, its publicity record and the signed index (qaward/bundle.hpp).
int bundle(const Context& ctx, const Options& options) {
  const auto packages = options.get_all("--packages");
  const auto key_path = options.get("--key");
  const auto out_path = options.get("--out");
  const auto workspace_path = options.get("--workspace");
  auto unit = options.get("--unit");
  const auto record_path = options.get("--publicity");
  if (packages.empty()) return usage_error(ctx, "cli.missing_option", {{"option", "--packages"}});
  // The unit and the publicity: from the district's workspace, or given apart.
  if (workspace_path && (unit || record_path)) return usage_error(ctx, "cli.bundle.workspace_or_record");
  for (const auto& [value, name] : {std::pair{key_path, "--key"}, {out_path, "--out"}}) {
    if (!value || value->empty()) return usage_error(ctx, "cli.missing_option", {{"option", name}});
  }
  if (!workspace_path) {
    for (const auto& [value, name] : {std::pair{unit, "--unit"}, {record_path, "--publicity"}}) {
      if (!value || value->empty()) return usage_error(ctx, "cli.missing_option", {{"option", name}});
    }
    if (first_control_character(*unit)) return usage_error(ctx, "cli.control_characters", {{"option", "--unit"}});
  }
  const auto now = now_option(ctx, options);
  if (!now) return kExitUsage;
  if (options.has("--now")) warn_if_future(ctx, *now);
  Inputs inputs;
  for (const auto& path : packages) {
    if (!add_file_input(ctx, inputs, path)) return kExitUsage;
  }
  if (!inputs.add(ctx, *key_path) || !inputs.add(ctx, workspace_path ? *workspace_path : *record_path)) return kExitUsage;
  std::optional<DistrictWorkspace> workspace;
  PublicityRecord record;
  if (workspace_path) {
    workspace = read_workspace(ctx, *workspace_path);
    if (!workspace) return kExitUsage;
    unit = workspace->unit;
    record = workspace->publicity;
  } else {
    // The record as a draft's publicity member holds it.
    const auto record_text = read_input(ctx, *record_path);
    if (!record_text) return kExitUsage;
    const auto record_json = parse_json(*record_text);
    if (!record_json.ok()) {
      print_diagnostics(ctx, record_json.diagnostics());
      return kExitUsage;
    }
    auto read = publicity_record_from_json(record_json.value(), "");
    if (!read.ok()) {
      print_diagnostics(ctx, read.diagnostics());
      return kExitUsage;
    }
    record = std::move(read).value();
  }
  const auto out = Output::open(ctx, *out_path, inputs, {options.has("--force"), false});
  if (!out) return kExitUsage;
  const auto key = load_key(ctx, *key_path);
  if (!key) return kExitUsage;
  BundleRequest request{packages, *unit, record, &*key, *now, workspace ? &*workspace : nullptr};
  const auto index = write_bundle(request, *out, shipped_verify_context());
  if (!index.ok()) {
    print_diagnostics(ctx, index.diagnostics());
    // A package or a publicity that does not qualify is a negative answer.
    const bool io = std::any_of(index.diagnostics().begin(), index.diagnostics().end(),
                                [](const Diagnostic& d) { return d.key.starts_with("pkg."); });
    return io ? kExitUsage : kExitNegative;
  }
  print_diagnostics(ctx, index.diagnostics());  // a recommended package left out
  const auto sha256 = out->sha256();
  if (!out->commit(ctx)) return kExitUsage;
  std::printf("%s\n", out_path->c_str());
  std::printf("%s\n", ctx.text().text("cli.bundle.done", {{"count", std::to_string(index.value()["packages"].size())},
                                                          {"key", key->public_key.key_id_hex()}, {"sha256", sha256}}).c_str());
  return kExitOk;
}

// The municipal office's intake (Article 11 (四)): every district's bundle
// verified, across them a package sent twice, and the acceptance list.
int intake(const Context& ctx, const Options& options) {
  if (options.positional().empty()) return usage_error(ctx, "cli.intake.no_files");
  const auto districts = district_keys(ctx, options);
  if (!districts) return kExitUsage;
  std::optional<DateTime> posted;
  if (const auto text = options.get("--posted-at")) {
    posted = parse_datetime(*text);
    if (!posted) return usage_error(ctx, "input.bad_datetime", {{"found", *text}});
  }
  Inputs inputs;
  for (const auto& file : options.positional()) {
    if (inputs.contains(file)) return usage_error(ctx, "cli.intake.same_file", {{"file", file}});  // one bundle counted twice
    if (!add_file_input(ctx, inputs, file)) return kExitUsage;
  }
  const auto report_path = options.get("--report");
  std::unique_ptr<Output> out;
  if (report_path && !(out = open_report(ctx, *report_path, inputs, options.has("--force")))) return kExitUsage;
  const BundleVerifyContext context{shipped_verify_context(), *districts};
  const auto intake = intake_bundles(options.positional(), context);
  for (const auto& [file, report] : intake.bundles) print_bundle_report(ctx, file, report);
  const Catalog& t = ctx.text();
  for (const auto& f : intake.findings) {
    std::printf("%s %s\n", t.text(f.severity == Severity::error ? "cli.error" : "cli.warning").c_str(), printable(t.sentence(f)).c_str());
  }
  std::printf("%s\n", t.text("cli.intake.summary", {{"bundles", std::to_string(intake.bundles.size())},
                                                   {"packages", std::to_string(intake.entries.size())},
                                                   {"accepted", std::to_string(intake.accepted())}}).c_str());
  if (out) {
    std::string content;
    if (report_path->ends_with(".html")) content = acceptance_list_html(intake, posted);
    else if (report_path->ends_with(".csv")) content = intake_csv(intake);
    else content = intake_json(intake).dump(2) + "\n";
    if (!out->finish(ctx, content)) return kExitUsage;
    std::printf("%s\n", t.text("cli.assess.written", {{"file", *report_path}}).c_str());
  }
  const bool unreadable = std::any_of(intake.bundles.begin(), intake.bundles.end(), [](const auto& b) { return !b.second.readable; });
  if (unreadable) return kExitUsage;
  return intake.accepted() == intake.entries.size() && !intake.entries.empty() ? kExitOk : kExitNegative;
}

}  // namespace

int package_command(const Context& ctx, std::string_view command, const std::vector<std::string_view>& args) {
  // Each command takes its own options only: a refusal never suggests one it does not have.
  struct Spec {
    std::string_view command;
    std::vector<std::string_view> with_value;
    std::vector<std::string_view> flags;
    std::size_t max_positional;
    int (*run)(const Context&, const Options&);
    std::vector<std::string_view> lists = {};  // options taking one or more values
  };
  constexpr auto kMany = static_cast<std::size_t>(-1);
  const Spec specs[] = {
      {"keygen", {"--out"}, {"--force"}, 0, keygen},
      {"package", {"--draft", "--key", "--out", "--now", "--edition"}, {"--force", "--force-ineligible"}, 0, package},
      {"verify", {"--pubkey", "--office-pubkey", "--format"}, {}, 1, verify, {"--district-pubkey"}},
      {"precheck", {"--report", "--pubkey", "--office-pubkey"}, {"--force"}, kMany, precheck},
      {"countersign", {"--key", "--out", "--unit", "--opinion", "--now"}, {"--force"}, 1, countersign},
      {"bundle", {"--key", "--out", "--unit", "--publicity", "--workspace", "--now"}, {"--force"}, 0, bundle, {"--packages"}},
      {"intake", {"--report", "--posted-at"}, {"--force"}, kMany, intake, {"--district-pubkey"}},
  };
  for (const auto& spec : specs) {
    if (spec.command != command) continue;
    auto flags = spec.flags;
    flags.push_back("--help");
    const auto options = Options::parse(ctx, args, spec.with_value, flags, spec.max_positional, spec.lists);
    if (!options) return kExitUsage;
    if (options->has("--help")) {
      std::printf("%s", ctx.text().text("cli." + std::string(command) + ".help").c_str());
      return kExitOk;
    }
    return spec.run(ctx, *options);
  }
  return usage_error(ctx, "cli.unknown_command", {{"command", std::string(command)}});
}

}  // namespace qaward::cli
