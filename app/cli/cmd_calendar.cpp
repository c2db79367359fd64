// qaward workdays | publicity | timeline: the working-day calendar (national
// and Xinjiang), the publicity periods of Article 11 and the procedure's dates.
// Plain output puts the answer first (a date or a number); --format json.
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "../common/editions.hpp"
#include "../common/publicity_documents.hpp"
#include "../common/shipped_calendar.hpp"
#include "cli.hpp"
#include "files.hpp"
#include "qaward/publicity.hpp"
#include "qaward/timeline.hpp"

namespace qaward::cli {

// Every output outside the data says so (never a silent guess).
void print_estimate_note(const Context& ctx, const Calendar& calendar, Region region, bool estimated) {
  if (!estimated) return;
  std::printf("%s\n", ctx.text().text(region == Region::xinjiang ? "cal.estimated_xinjiang" : "cal.estimated",
                                      {{"from", std::to_string(calendar.first_year())},
                                       {"to", std::to_string(calendar.last_year())}}).c_str());
}

namespace {

using nlohmann::json;

std::optional<Region> region_option(const Context& ctx, const Options& options) {
  const auto text = options.get("--region").value_or("xinjiang");
  const auto region = parse_region(text);
  if (!region) usage_error(ctx, "cli.bad_region", {{"found", text}});
  return region;
}

std::optional<Date> date_option(const Context& ctx, const Options& options, const char* name) {
  const auto text = options.get(name);
  if (!text) {
    usage_error(ctx, "cli.missing_option", {{"option", name}});
    return std::nullopt;
  }
  const auto date = parse_date(*text);
  if (!date) usage_error(ctx, "input.bad_date", {{"found", *text}});
  return date;
}

std::string day_label(const Context& ctx, const DayInfo& day) {
  std::string label = ctx.text().text(std::string("cal.kind.") + to_string(day.kind));
  const auto& name = ctx.language == Language::en && !day.name_en.empty() ? day.name_en : day.name;
  if (!name.empty()) label += " (" + name + ")";
  return label;
}

json day_json(const DayInfo& day) {
  return {{"date", to_string(day.date)}, {"kind", to_string(day.kind)}, {"working", day.working},
          {"name", day.name}, {"name_en", day.name_en}, {"estimated", day.estimated}};
}

int workdays(const Context& ctx, const std::vector<std::string_view>& args) {
  if (args.empty() || args[0] == "--help") {
    std::printf("%s", ctx.text().text("cli.workdays.help").c_str());
    return args.empty() ? kExitUsage : kExitOk;
  }
  const auto action = args[0];
  const std::vector<std::string_view> rest(args.begin() + 1, args.end());
  const bool takes_date = action == "is" || action == "next";  // qaward workdays is 2025-10-11
  const auto options = Options::parse(ctx, rest, {"--from", "--to", "--days", "--region", "--format"}, {"--help"}, takes_date ? 1 : 0);
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli.workdays.help").c_str());
    return kExitOk;
  }
  const auto region = region_option(ctx, *options);
  const auto as_json = wants_json(ctx, *options);
  if (!region || !as_json) return kExitUsage;
  const Calendar* calendar = value_or_report(ctx, shipped_calendar());
  if (calendar == nullptr) return kExitUsage;

  if (action == "count") {
    const auto from = date_option(ctx, *options, "--from");
    const auto to = from ? date_option(ctx, *options, "--to") : std::nullopt;
    if (!from || !to) return kExitUsage;
    if (*to < *from) return usage_error(ctx, "cli.to_before_from", {{"from", to_string(*from)}, {"to", to_string(*to)}});
    const int count = calendar->count_working_days(*from, *to, *region);
    const bool estimated = calendar->any_estimated(*from, *to, *region);
    if (*as_json) {
      std::printf("%s\n", json{{"count", count}, {"from", to_string(*from)}, {"to", to_string(*to)},
                               {"region", to_string(*region)}, {"estimated", estimated}}.dump(2).c_str());
    } else {
      std::printf("%d\n", count);
      std::printf("%s\n", ctx.text().text("cli.workdays.count_detail", {{"from", to_string(*from)}, {"to", to_string(*to)},
                                                                       {"region", ctx.text().text(std::string("cal.region.") + to_string(*region))}}).c_str());
      print_estimate_note(ctx, *calendar, *region, estimated);
    }
    return kExitOk;
  }
  if (action == "add") {
    const auto from = date_option(ctx, *options, "--from");
    if (!from) return kExitUsage;
    const auto days_text = options->get("--days");
    if (!days_text) return usage_error(ctx, "cli.missing_option", {{"option", "--days"}});
    int days = -1;
    try {
      std::size_t used = 0;
      days = std::stoi(*days_text, &used);
      if (used != days_text->size()) days = -1;
    } catch (...) {
      days = -1;
    }
    if (days < 0 || days > Calendar::kMaxWorkingDays) {
      return usage_error(ctx, "cli.bad_day_count", {{"found", *days_text}, {"max", std::to_string(Calendar::kMaxWorkingDays)}});
    }
    const Date result = calendar->add_working_days(*from, days, *region);
    const bool estimated = calendar->any_estimated(*from, result, *region);
    if (*as_json) {
      std::printf("%s\n", json{{"date", to_string(result)}, {"from", to_string(*from)}, {"days", days},
                               {"region", to_string(*region)}, {"estimated", estimated}}.dump(2).c_str());
    } else {
      std::printf("%s\n", to_string(result).c_str());
      std::printf("%s\n", ctx.text().text("cli.workdays.add_detail", {{"from", to_string(*from)}, {"days", std::to_string(days)}}).c_str());
      print_estimate_note(ctx, *calendar, *region, estimated);
    }
    return kExitOk;
  }
  if (action == "is" || action == "next") {
    if (options->positional().size() != 1) return usage_error(ctx, "cli.workdays.needs_date", {{"action", std::string(action)}});
    const auto date = parse_date(options->positional()[0]);
    if (!date) return usage_error(ctx, "input.bad_date", {{"found", options->positional()[0]}});
    if (action == "next") {
      const Date next = calendar->next_working_day(*date, *region);
      const bool estimated = calendar->any_estimated(*date, next, *region);
      if (*as_json) {
        std::printf("%s\n", json{{"date", to_string(next)}, {"after", to_string(*date)}, {"region", to_string(*region)},
                                 {"estimated", estimated}}.dump(2).c_str());
      } else {
        std::printf("%s\n", to_string(next).c_str());
        print_estimate_note(ctx, *calendar, *region, estimated);
      }
      return kExitOk;
    }
    const DayInfo day = calendar->day(*date, *region);
    if (*as_json) {
      auto out = day_json(day);
      out["region"] = to_string(*region);
      std::printf("%s\n", out.dump(2).c_str());
    } else {
      std::printf("%s\n", ctx.text().text(day.working ? "cli.workdays.yes" : "cli.workdays.no").c_str());
      std::printf("%s %s\n", to_string(day.date).c_str(), day_label(ctx, day).c_str());
      print_estimate_note(ctx, *calendar, *region, day.estimated);
    }
    return day.working ? kExitOk : kExitNegative;  // like test(1): 1 = not a working day
  }
  return usage_error(ctx, "cli.unknown_command", {{"command", "workdays " + std::string(action)}});
}

std::optional<DateTime> datetime_option(const Context& ctx, const Options& options, const char* name) {
  const auto text = options.get(name);
  if (!text) return std::nullopt;
  const auto time = parse_datetime(*text);
  if (!time) usage_error(ctx, "input.bad_datetime", {{"found", *text}});
  return time;
}

int publicity(const Context& ctx, const std::vector<std::string_view>& args) {
  const auto options = Options::parse(ctx, args,
                                      {"--start", "--now", "--region", "--format", "--edition", "--close-of-business"},
                                      {"--help", "--posting-day-counts"});
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli.publicity.help").c_str());
    return kExitOk;
  }
  if (!options->has("--start")) return usage_error(ctx, "cli.missing_option", {{"option", "--start"}});
  const auto start = datetime_option(ctx, *options, "--start");
  if (!start) return kExitUsage;
  std::optional<DateTime> now = beijing_datetime(static_cast<std::int64_t>(std::time(nullptr)));
  if (options->has("--now")) now = datetime_option(ctx, *options, "--now");
  const auto region = region_option(ctx, *options);
  const auto as_json = wants_json(ctx, *options);
  if (!now || !region || !as_json) return kExitUsage;
  std::optional<int> close;
  if (const auto text = options->get("--close-of-business")) {
    const auto parsed = parse_close_of_business(*text, "--close-of-business");
    if (!parsed.ok()) return usage_error(ctx, parsed.diagnostics().at(0).key, parsed.diagnostics().at(0).params);
    close = parsed.value();
  }
  const auto rules = edition_or_report(ctx, options->get("--edition").value_or(""));
  if (!rules) return kExitUsage;
  const Calendar* calendar = value_or_report(ctx, shipped_calendar());
  if (calendar == nullptr) return kExitUsage;

  PublicityOptions opts;
  opts.working_days = rules->procedure.publicity_working_days;
  opts.posting_day_counts = options->has("--posting-day-counts");
  opts.close_of_business = close;
  opts.region = *region;
  const auto period = compute_publicity(*calendar, *start, opts);
  const auto status = publicity_status(*calendar, period, *now);
  if (*as_json) {
    json days = json::array();
    for (const auto& d : period.days) {
      auto item = day_json(d.info);
      item["counted_as"] = d.number;
      days.push_back(item);
    }
    const json out = {{"posted", to_iso(period.posted)}, {"first_day", to_string(period.first_day)},
                      {"last_day", to_string(period.last_day)}, {"end", to_iso(period.end)},
                      {"end_text", chinese_end_time(period)}, {"working_days", opts.working_days},
                      {"posting_day_counts", opts.posting_day_counts}, {"region", to_string(*region)},
                      {"edition", rules->edition}, {"verified", rules->procedure.verified},
                      {"estimated", period.estimated},
                      {"status", {{"state", to_string(status.state)}, {"now", to_iso(*now)},
                                  {"remaining_working_days", status.remaining_working_days},
                                  {"remaining_seconds", status.remaining_seconds}}},
                      {"days", days}};
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }
  const Catalog& t = ctx.text();
  std::printf("%s\n", to_iso(period.end).c_str());
  std::printf("%s\n", t.text("cli.publicity.period", {{"first", chinese_date(period.first_day)}, {"end", chinese_end_time(period)},
                                                      {"first_iso", to_string(period.first_day)}, {"last_iso", to_string(period.last_day)},
                                                      {"days", std::to_string(opts.working_days)}}).c_str());
  std::printf("%s\n", t.text(opts.posting_day_counts ? "cli.publicity.posting_counts" : "cli.publicity.posting_not_counted",
                             {{"posted", to_iso(period.posted)}}).c_str());
  std::printf("%s\n", t.text(std::string("cli.publicity.state.") + to_string(status.state),
                             {{"now", to_iso(*now)}, {"days", std::to_string(status.remaining_working_days)},
                              {"hours", std::to_string(status.remaining_seconds / 3600)},
                              {"minutes", std::to_string(status.remaining_seconds / 60 % 60)}}).c_str());
  for (const auto& d : period.days) {
    const auto mark = d.number > 0 ? t.text("cli.publicity.day_number", {{"n", std::to_string(d.number)}}) : std::string("  ");
    std::printf("  %s  %s  %s\n", to_string(d.info.date).c_str(), mark.c_str(), day_label(ctx, d.info).c_str());
  }
  if (!rules->procedure.verified) std::printf("%s\n", t.text("cli.publicity.unverified").c_str());
  print_estimate_note(ctx, *calendar, *region, period.estimated);
  return kExitOk;
}

int timeline(const Context& ctx, const std::vector<std::string_view>& args) {
  const auto options = Options::parse(ctx, args, {"--start", "--region", "--format", "--edition"}, {"--help"});
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli.timeline.help").c_str());
    return kExitOk;
  }
  const auto start = date_option(ctx, *options, "--start");
  const auto region = start ? region_option(ctx, *options) : std::nullopt;
  const auto as_json = region ? wants_json(ctx, *options) : std::nullopt;
  if (!start || !region || !as_json) return kExitUsage;
  const auto rules = edition_or_report(ctx, options->get("--edition").value_or(""));
  if (!rules) return kExitUsage;
  const Calendar* calendar = value_or_report(ctx, shipped_calendar());
  if (calendar == nullptr) return kExitUsage;
  const auto& procedure = rules->procedure;
  const auto result = compute_timeline(*calendar, procedure, *start, *region);
  const bool en = ctx.language == Language::en;
  if (*as_json) {
    json stages = json::array();
    for (const auto& s : result.stages) {
      json item = {{"number", s.stage->number}, {"name", s.stage->name}, {"name_en", s.stage->name_en},
                   {"citation", s.stage->citation}, {"start", to_string(s.start)}, {"work_end", to_string(s.work_end)},
                   {"assumed_working_days", s.stage->assumed_working_days}, {"end", to_string(s.end)}};
      if (s.publicity_first) {
        item["publicity"] = {{"first_day", to_string(*s.publicity_first)}, {"last_day", to_string(*s.publicity_last)},
                             {"working_days", procedure.publicity_working_days}};
      }
      stages.push_back(item);
    }
    std::printf("%s\n", json{{"start", to_string(*start)}, {"region", to_string(*region)}, {"edition", rules->edition},
                             {"estimated", result.estimated}, {"stages", stages},
                             {"assumptions", procedure.stages_note ? (en ? procedure.stages_note->en : procedure.stages_note->zh) : ""}}
                            .dump(2).c_str());
    return kExitOk;
  }
  std::printf("%s\n", to_string(result.stages.back().end).c_str());
  for (const auto& s : result.stages) {
    std::printf("（%s）%s  %s → %s", s.stage->number.c_str(), en ? s.stage->name_en.c_str() : s.stage->name.c_str(),
                to_string(s.start).c_str(), to_string(s.end).c_str());
    if (s.publicity_first) {
      std::printf("  %s", ctx.text().text("cli.timeline.publicity", {{"first", to_string(*s.publicity_first)},
                                                                     {"last", to_string(*s.publicity_last)},
                                                                     {"days", std::to_string(procedure.publicity_working_days)}}).c_str());
    }
    std::printf("\n");
  }
  if (procedure.stages_note) std::printf("%s\n", (en ? procedure.stages_note->en : procedure.stages_note->zh).c_str());
  print_estimate_note(ctx, *calendar, *region, result.estimated);
  return kExitOk;
}

// qaward notice: the printable notice or closing statement of the internal publicity.
int notice(const Context& ctx, const std::vector<std::string_view>& args) {
  const auto options = Options::parse(ctx, args, {"--draft", "--out", "--now", "--edition"}, {"--help", "--statement", "--force"});
  if (!options) return kExitUsage;
  if (options->has("--help")) {
    std::printf("%s", ctx.text().text("cli.notice.help").c_str());
    return kExitOk;
  }
  const auto draft_path = options->get("--draft");
  const auto out_path = options->get("--out");
  if (!draft_path) return usage_error(ctx, "cli.missing_option", {{"option", "--draft"}});
  if (!out_path) return usage_error(ctx, "cli.missing_option", {{"option", "--out"}});
  std::optional<DateTime> now = beijing_datetime(static_cast<std::int64_t>(std::time(nullptr)));
  if (options->has("--now")) now = datetime_option(ctx, *options, "--now");
  if (!now) return kExitUsage;
  Inputs inputs;
  if (!inputs.add(ctx, *draft_path)) return kExitUsage;
  const auto out = Output::open(ctx, *out_path, inputs, {options->has("--force"), false});
  if (!out) return kExitUsage;
  const auto text = read_input(ctx, *draft_path);
  if (!text) return kExitUsage;
  const auto kind = options->has("--statement") ? PublicityDocument::statement : PublicityDocument::notice;
  const auto html = render_publicity_document(kind, *text, *now, options->get("--edition").value_or(""));
  if (!html.ok()) {
    print_diagnostics(ctx, html.diagnostics());
    return kExitUsage;
  }
  if (!out->finish(ctx, html.value())) return kExitUsage;
  std::printf("%s\n", out_path->c_str());
  print_diagnostics(ctx, html.diagnostics());  // for the applicant, not printed on the notice
  return kExitOk;
}

}  // namespace

int calendar_command(const Context& ctx, std::string_view command, const std::vector<std::string_view>& args) {
  if (command == "workdays") return workdays(ctx, args);
  if (command == "publicity") return publicity(ctx, args);
  if (command == "notice") return notice(ctx, args);
  return timeline(ctx, args);
}

}  // namespace qaward::cli
