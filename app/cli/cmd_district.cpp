// qaward district init | status | notice | countersign: the district's own
// procedure (Article 11 (三)) over a workspace file (qaward/district.hpp):
// a case per package with its decision, reasons and list checks; the
// recommendation publicity and its objections; the countersignatures once it
// is over. `qaward bundle --workspace` then sends the recommended ones on.
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "../common/editions.hpp"
#include "../common/package_support.hpp"
#include "../common/publicity_documents.hpp"
#include "../common/shipped_calendar.hpp"
#include "cli.hpp"
#include "files.hpp"
#include "qaward/district.hpp"
#include "qaward/json_text.hpp"
#include "qaward/timeline.hpp"

namespace qaward::cli {

std::optional<DistrictWorkspace> read_workspace(const Context& ctx, const std::string& path) {
  const auto text = read_input(ctx, path);
  if (!text) return std::nullopt;
  auto workspace = parse_district_workspace(*text);
  // A diagnostic's place inside the file, said with the file.
  auto diagnostics = workspace.diagnostics();
  for (auto& d : diagnostics) d.where = path + (d.where.empty() ? "" : "#" + d.where);
  print_diagnostics(ctx, diagnostics);
  if (!workspace.ok()) return std::nullopt;
  return std::move(workspace).value();
}

namespace {

const RuleSet& default_rules() { return shipped_editions().value().default_rules(); }

DistrictStatus status_of(const DistrictWorkspace& workspace, const DateTime& now) {
  return district_status(workspace, shipped_calendar().value(), default_rules().procedure, now);
}

// A new workspace from the packages the district received: one pending case
// each, read from the package itself.
int init(const Context& ctx, const Options& options) {
  const auto packages = options.get_all("--packages");
  const auto out_path = options.get("--out");
  const auto unit = options.get("--unit");
  if (packages.empty()) return usage_error(ctx, "cli.missing_option", {{"option", "--packages"}});
  for (const auto& [value, name] : {std::pair{out_path, "--out"}, {unit, "--unit"}}) {
    if (!value || value->empty()) return usage_error(ctx, "cli.missing_option", {{"option", name}});
  }
  if (first_control_character(*unit)) return usage_error(ctx, "cli.control_characters", {{"option", "--unit"}});
  Inputs inputs;
  for (const auto& path : packages) {
    if (!add_file_input(ctx, inputs, path)) return kExitUsage;
  }
  const auto out = Output::open(ctx, *out_path, inputs, {options.has("--force"), false});
  if (!out) return kExitUsage;
  DistrictWorkspace workspace;
  workspace.unit = *unit;
  const Catalog& t = ctx.text();
  for (const auto& path : packages) {
    const auto report = verify_package(path, shipped_verify_context());
    if (!report.readable || report.package_id.empty()) {
      return usage_error(ctx, "cli.district.not_a_package", {{"file", path}});
    }
    if (workspace.find(report.package_id) != nullptr) {
      return usage_error(ctx, "district.duplicate_case", {{"id", report.package_id}});
    }
    DistrictCase c;
    c.package_id = report.package_id;
    c.file = std::filesystem::path(path).filename().string();
    c.organization = report.organization;
    c.uscc = report.uscc;
    workspace.cases.push_back(std::move(c));
    std::printf("%s  %s  %s\n", t.text(report.valid ? "cli.verify.valid" : "cli.verify.invalid").c_str(),
                printable(report.organization).c_str(), printable(path).c_str());
  }
  if (!out->finish(ctx, to_json(workspace).dump(2) + "\n")) return kExitUsage;
  std::printf("%s\n", t.text("cli.district.created", {{"file", *out_path}, {"count", std::to_string(workspace.cases.size())}}).c_str());
  return kExitOk;
}

std::string check_line(const Catalog& t, const CheckRecord& check) {
  if (!check.done()) return t.text("cli.district.check_not_done");
  auto params = instant_params("at", *check.at);
  params["by"] = check.by;
  params["result"] = check.result;
  return t.text("cli.district.check_done", params);
}

void print_status(const Context& ctx, const DistrictWorkspace& w, const DistrictStatus& s, const DateTime& now) {
  const Catalog& t = ctx.text();
  const bool en = ctx.language == Language::en;
  std::printf("%s\n", printable(w.unit).c_str());
  for (std::size_t i = 0; i < w.cases.size(); ++i) {
    const auto& c = w.cases[i];
    std::printf("%zu. %s  %s  %s\n", i + 1, printable(c.organization).c_str(), c.package_id.c_str(),
                t.text(std::string("district.decision.") + to_string(c.decision)).c_str());
    if (!c.reasons.empty()) std::printf("   %s\n", printable(c.reasons).c_str());
    for (const auto which : kListChecks) {
      std::printf("   %s: %s\n", t.text(std::string("district.check.") + to_string(which)).c_str(),
                  printable(check_line(t, c.check(which))).c_str());
    }
  }
  if (s.period) {
    const auto& p = *s.period;
    std::printf("%s\n", t.text("cli.publicity.period", {{"first", chinese_date(p.first_day)}, {"end", chinese_end_time(p)},
                                                       {"first_iso", to_string(p.first_day)}, {"last_iso", to_string(p.last_day)},
                                                       {"days", std::to_string(p.options.working_days)}}).c_str());
    print_estimate_note(ctx, shipped_calendar().value(), w.publicity.region, p.estimated);
    const auto& procedure = default_rules().procedure;
    for (std::size_t i = 0; i < w.publicity.objections.size(); ++i) {
      const auto& o = w.publicity.objections[i];
      const auto d = objection_deadlines(shipped_calendar().value(), procedure, o, w.publicity.region);
      std::printf("%s\n", t.text("cli.district.objection", {{"n", std::to_string(i + 1)}, {"received", to_string(o.received_on)},
                                                            {"forward", to_string(d.forward_by)}, {"report", to_string(d.report_by)},
                                                            {"state", t.text(o.resolution.empty() ? "cli.district.open" : "cli.district.settled")}}).c_str());
    }
  }
  Params stage{{"n", std::to_string(s.recommended.size())},
               {"days", std::to_string(s.publicity.remaining_working_days)},
               {"now", en ? english_clock(now) : chinese_clock(now)}};
  std::printf("%s\n", t.text(std::string("district.stage.") + to_string(s.stage), stage).c_str());
  print_diagnostics(ctx, s.problems);
}

nlohmann::json status_json(const DistrictWorkspace& w, const DistrictStatus& s) {
  nlohmann::json recommended = nlohmann::json::array();
  for (const auto i : s.recommended) recommended.push_back(w.cases[i].package_id);
  nlohmann::json out = {{"unit", w.unit},
                        {"stage", to_string(s.stage)},
                        {"recommended", recommended},
                        {"problems", findings_json(s.problems, catalog(Language::zh), catalog(Language::en))}};
  if (s.period) {
    out["publicity"] = {{"first_day", to_string(s.period->first_day)},
                        {"last_day", to_string(s.period->last_day)},
                        {"end", to_iso(s.period->end)},
                        {"state", to_string(s.publicity.state)},
                        {"remaining_working_days", s.publicity.remaining_working_days}};
    nlohmann::json objections = nlohmann::json::array();
    for (const auto& o : w.publicity.objections) {
      const auto d = objection_deadlines(shipped_calendar().value(), default_rules().procedure, o, w.publicity.region);
      objections.push_back({{"received_on", to_string(o.received_on)},
                            {"forward_by", to_string(d.forward_by)},
                            {"report_by", to_string(d.report_by)},
                            {"settled", !o.resolution.empty()}});
    }
    out["objections"] = objections;
  }
  return out;
}

int needs_one_workspace(const Context& ctx, const Options& options) {
  return options.positional().size() == 1 ? kExitOk : usage_error(ctx, "cli.district.needs_file");
}

// Where the district stands: exit 0 once it may countersign, 1 before.
int status(const Context& ctx, const Options& options) {
  if (needs_one_workspace(ctx, options) != kExitOk) return kExitUsage;
  const auto json = wants_json(ctx, options);
  if (!json) return kExitUsage;
  const auto now = now_option(ctx, options);
  if (!now) return kExitUsage;
  const auto workspace = read_workspace(ctx, options.positional()[0]);
  if (!workspace) return kExitUsage;
  const auto s = status_of(*workspace, *now);
  if (*json) std::printf("%s\n", status_json(*workspace, s).dump(2).c_str());
  else print_status(ctx, *workspace, s, *now);
  return s.stage == DistrictStage::ready_to_countersign ? kExitOk : kExitNegative;
}

// The recommendation notice to post (Article 11 (三)).
int notice(const Context& ctx, const Options& options) {
  if (needs_one_workspace(ctx, options) != kExitOk) return kExitUsage;
  const auto out_path = options.get("--out");
  if (!out_path) return usage_error(ctx, "cli.missing_option", {{"option", "--out"}});
  const auto& path = options.positional()[0];
  Inputs inputs;
  if (!inputs.add(ctx, path)) return kExitUsage;
  const auto out = Output::open(ctx, *out_path, inputs, {options.has("--force"), false});
  if (!out) return kExitUsage;
  const auto workspace = read_workspace(ctx, path);
  if (!workspace) return kExitUsage;
  const auto now = now_option(ctx, options);
  if (!now) return kExitUsage;
  const auto html = render_district_notice(*workspace, status_of(*workspace, *now), default_rules());
  print_diagnostics(ctx, html.diagnostics());
  if (!html.ok()) return html.diagnostics().front().key.starts_with("input.") ? kExitUsage : kExitNegative;
  if (!out->finish(ctx, html.value())) return kExitUsage;
  std::printf("%s\n", ctx.text().text("cli.assess.written", {{"file", *out_path}}).c_str());
  return kExitOk;
}

// The countersignatures of the recommended packages, each with its case's
// opinion, once the publicity is over and its objections settled.
int countersign_all(const Context& ctx, const Options& options) {
  if (needs_one_workspace(ctx, options) != kExitOk) return kExitUsage;
  const auto packages = options.get_all("--packages");
  const auto key_path = options.get("--key");
  const auto dir = options.get("--out-dir");
  if (packages.empty()) return usage_error(ctx, "cli.missing_option", {{"option", "--packages"}});
  for (const auto& [value, name] : {std::pair{key_path, "--key"}, {dir, "--out-dir"}}) {
    if (!value || value->empty()) return usage_error(ctx, "cli.missing_option", {{"option", name}});
  }
  const auto now = now_option(ctx, options);
  if (!now) return kExitUsage;
  if (options.has("--now")) warn_if_future(ctx, *now);
  const auto& ws_path = options.positional()[0];
  Inputs inputs;
  if (!inputs.add(ctx, ws_path) || !inputs.add(ctx, *key_path)) return kExitUsage;
  for (const auto& path : packages) {
    if (!add_file_input(ctx, inputs, path)) return kExitUsage;
  }
  const auto workspace = read_workspace(ctx, ws_path);
  if (!workspace) return kExitUsage;
  const auto s = status_of(*workspace, *now);
  if (s.stage != DistrictStage::ready_to_countersign) {
    print_diagnostics(ctx, s.problems);
    return kExitNegative;
  }
  // Every package named must be a recommended case; all are checked before any is written.
  std::vector<std::pair<std::string, const DistrictCase*>> work;
  for (const auto& path : packages) {
    const auto report = verify_package(path, shipped_verify_context());
    const auto* c = workspace->find(report.package_id);
    if (c == nullptr || c->decision != Decision::recommend) {
      return usage_error(ctx, "cli.district.not_recommended", {{"file", path}, {"id", report.package_id}});
    }
    work.emplace_back(path, c);
  }
  std::error_code error;
  std::filesystem::create_directories(*dir, error);
  const auto key = load_key(ctx, *key_path);
  if (!key) return kExitUsage;
  for (const auto& [path, c] : work) {
    const auto out_path = (std::filesystem::path(*dir) / (c->package_id + ".zip")).string();
    const auto out = Output::open(ctx, out_path, inputs, {options.has("--force"), false});
    if (!out) return kExitUsage;
    const CountersignRequest request{workspace->unit, c->reasons, &*key, *now};
    const auto result = countersign_package(path, *out, request, shipped_verify_context());
    if (!result.ok()) {
      print_diagnostics(ctx, result.diagnostics());
      return kExitNegative;
    }
    if (!out->commit(ctx)) return kExitUsage;
    std::printf("%s\n", out_path.c_str());
  }
  return kExitOk;
}

}  // namespace

int district_command(const Context& ctx, const std::vector<std::string_view>& args) {
  if (args.empty() || args[0] == "--help") {
    std::printf("%s", ctx.text().text("cli.district.help").c_str());
    return args.empty() ? kExitUsage : kExitOk;
  }
  struct Spec {
    std::string_view action;
    std::vector<std::string_view> with_value;
    std::vector<std::string_view> flags;
    int (*run)(const Context&, const Options&);
    std::vector<std::string_view> lists = {};
  };
  const Spec specs[] = {
      {"init", {"--out", "--unit"}, {"--force"}, init, {"--packages"}},
      {"status", {"--now", "--format"}, {}, status},
      {"notice", {"--out", "--now"}, {"--force"}, notice},
      {"countersign", {"--key", "--out-dir", "--now"}, {"--force"}, countersign_all, {"--packages"}},
  };
  for (const auto& spec : specs) {
    if (spec.action != args[0]) continue;
    auto flags = spec.flags;
    flags.push_back("--help");
    const std::vector<std::string_view> rest(args.begin() + 1, args.end());
    const auto options = Options::parse(ctx, rest, spec.with_value, flags, spec.action == "init" ? 0 : 1, spec.lists);
    if (!options) return kExitUsage;
    if (options->has("--help")) {
      std::printf("%s", ctx.text().text("cli.district.help").c_str());
      return kExitOk;
    }
    return spec.run(ctx, *options);
  }
  return usage_error(ctx, "cli.district.unknown_action", {{"found", std::string(args[0])}});
}

}  // namespace qaward::cli
