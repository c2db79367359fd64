#include "qaward/publicity.hpp"

#include <algorithm>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "json_reader.hpp"

namespace qaward {

PublicityPeriod compute_publicity(const Calendar& calendar, const DateTime& posted, const PublicityOptions& options) {
  PublicityPeriod period;
  period.posted = posted;
  period.options = options;
  const Region region = options.region;
  const int n = std::max(1, options.working_days);
  const bool posting_day_is_day_one = options.posting_day_counts && calendar.is_working_day(posted.date, region);
  period.first_day = posting_day_is_day_one ? posted.date : calendar.next_working_day(posted.date, region);
  period.last_day = calendar.add_working_days(period.first_day, n - 1, region);
  period.end = options.close_of_business ? DateTime{period.last_day, *options.close_of_business}
                                         : end_of_day(period.last_day);
  int number = 0;
  for (Date d = posted.date; d <= period.last_day; d = add_days(d, 1)) {
    PublicityDay day{calendar.day(d, region), 0};
    if (d >= period.first_day && day.info.working) day.number = ++number;
    period.estimated = period.estimated || day.info.estimated;
    period.days.push_back(std::move(day));
  }
  return period;
}

const char* to_string(PublicityState state) {
  switch (state) {
    case PublicityState::not_started: return "not_started";
    case PublicityState::running: return "running";
    case PublicityState::complete: return "complete";
  }
  return "not_started";
}

PublicityStatus publicity_status(const Calendar& calendar, const PublicityPeriod& period, const DateTime& now) {
  PublicityStatus status;
  const Region region = period.options.region;
  const int n = std::max(1, period.options.working_days);
  if (now >= period.end) {
    status.state = PublicityState::complete;
    return status;
  }
  status.remaining_seconds = to_unix(period.end) - to_unix(now);
  if (now < period.posted) {
    status.state = PublicityState::not_started;
    status.remaining_working_days = n;
    return status;
  }
  status.state = PublicityState::running;
  const Date from = now.date < period.first_day ? period.first_day : now.date;
  status.remaining_working_days = calendar.count_working_days(from, period.last_day, region);
  return status;
}

Result<int> parse_close_of_business(std::string_view text, const std::string& where) {
  const auto time = text.size() == 5 ? parse_datetime("2000-01-01T" + std::string(text)) : std::nullopt;
  if (!time || time->date != Date{2000, 1, 1}) return std::vector{make_error("input.bad_time", where, {{"found", std::string(text)}})};
  if (time->seconds < kEarliestCloseOfBusiness || time->seconds > kLatestCloseOfBusiness) {
    auto hh_mm = [](int seconds) { return to_iso(DateTime{Date{2000, 1, 1}, seconds}).substr(11, 5); };
    return std::vector{make_error("input.implausible_close_of_business", where,
                                  {{"found", std::string(text)}, {"earliest", hh_mm(kEarliestCloseOfBusiness)},
                                   {"latest", hh_mm(kLatestCloseOfBusiness)}})};
  }
  return time->seconds;
}

std::string chinese_date(const Date& date) {
  return std::to_string(date.year) + "年" + std::to_string(date.month) + "月" + std::to_string(date.day) + "日";
}

std::string chinese_date_time(const DateTime& time) {
  const auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  const int minutes = time.seconds / 60;
  return chinese_date(time.date) + " " + two(minutes / 60) + ":" + two(minutes % 60);
}

namespace {
std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }
std::string hh_mm_ss(int seconds) {
  return two_digits(seconds / 3600) + ":" + two_digits(seconds / 60 % 60) + ":" + two_digits(seconds % 60);
}
}  // namespace

std::string english_date(const Date& date) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  const int month = date.month >= 1 && date.month <= 12 ? date.month : 1;
  return std::to_string(date.day) + " " + kMonths[month - 1] + " " + std::to_string(date.year);
}

std::string english_end_time(const PublicityPeriod& period) {
  const int seconds = period.options.close_of_business.value_or(24 * 3600);
  return two_digits(seconds / 3600) + ":" + two_digits(seconds / 60 % 60) + " on " + english_date(period.last_day);
}

std::string english_clock(const DateTime& time) { return hh_mm_ss(time.seconds) + " on " + english_date(time.date); }

std::string chinese_clock(const DateTime& time) { return chinese_date(time.date) + " " + hh_mm_ss(time.seconds); }

std::string chinese_instant(const DateTime& time) {
  if (time.seconds == 0) return chinese_date(add_days(time.date, -1)) + "24时";
  return chinese_date_time(time);
}

std::string english_instant(const DateTime& time) {
  if (time.seconds == 0) return "24:00 on " + english_date(add_days(time.date, -1));
  return two_digits(time.seconds / 3600) + ":" + two_digits(time.seconds / 60 % 60) + " on " + english_date(time.date);
}

Params instant_params(const std::string& name, const DateTime& time) {
  return {{name, chinese_instant(time)}, {name + "_en", english_instant(time)}};
}

std::string chinese_end_time(const PublicityPeriod& period) {
  if (!period.options.close_of_business) return chinese_date(period.last_day) + "24时";
  const int seconds = *period.options.close_of_business;
  const int hour = seconds / 3600;
  const int minute = seconds / 60 % 60;
  return chinese_date(period.last_day) + std::to_string(hour) + "时" + (minute ? std::to_string(minute) + "分" : "");
}

}  // namespace qaward

namespace qaward {

std::vector<std::size_t> open_objections(const PublicityRecord& record, const Date& day) {
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < record.objections.size(); ++i) {
    const auto problems = objection_problems(record.objections[i], day);
    if (std::find(problems.begin(), problems.end(), ObjectionProblem::open) != problems.end()) open.push_back(i + 1);
  }
  return open;
}

nlohmann::json to_json(const PublicityRecord& record) {
  nlohmann::json out = {{"posting_day_counts", record.posting_day_counts},
                        {"region", to_string(record.region)},
                        {"where", record.where},
                        {"contact", {{"department", record.department}, {"person", record.person}, {"phone", record.phone}}},
                        {"objections", nlohmann::json::array()}};
  if (record.posted_at) out["posted_at"] = to_iso(*record.posted_at);
  if (record.close_of_business) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", *record.close_of_business / 3600, *record.close_of_business / 60 % 60);
    out["close_of_business"] = text;
  }
  for (const auto& o : record.objections) {
    nlohmann::json item = {{"received_on", to_string(o.received_on)}, {"from", o.from}, {"summary", o.summary},
                           {"resolution", o.resolution}};
    if (o.forwarded_on) item["forwarded_on"] = to_string(*o.forwarded_on);
    if (o.resolved_on) item["resolved_on"] = to_string(*o.resolved_on);
    out["objections"].push_back(std::move(item));
  }
  return out;
}

Result<PublicityRecord> publicity_record_from_json(const nlohmann::json& value, const std::string& path) {
  detail::JsonReader r;
  PublicityRecord record;
  if (!value.is_object()) {
    r.error("input.wrong_type", path, {{"found", detail::describe(value)}, {"expected", "{ ... }"}});
    return std::move(r.diagnostics);
  }
  r.unknown_members(value, path, {"posted_at", "posting_day_counts", "close_of_business", "region", "where",
                                  "contact", "objections"});
  if (const auto text = r.string(value, path, "posted_at")) {
    record.posted_at = parse_datetime(*text);
    if (!record.posted_at) r.error("input.bad_datetime", path + "/posted_at", {{"found", *text}});
  }
  record.posting_day_counts = r.boolean(value, path, "posting_day_counts").value_or(false);
  if (const auto text = r.string(value, path, "close_of_business")) {
    auto close = parse_close_of_business(*text, path + "/close_of_business");
    if (close.ok()) record.close_of_business = close.value();
    else r.diagnostics.push_back(close.diagnostics().at(0));
  }
  if (const auto region = r.one_of(value, path, "region", {"xinjiang", "national"})) {
    record.region = *parse_region(*region);
  }
  record.where = r.string(value, path, "where").value_or("");
  if (const auto* contact = r.object(value, path, "contact")) {
    const auto at = path + "/contact";
    r.unknown_members(*contact, at, {"department", "person", "phone"});
    record.department = r.string(*contact, at, "department").value_or("");
    record.person = r.string(*contact, at, "person").value_or("");
    record.phone = r.string(*contact, at, "phone").value_or("");
  }
  if (const auto* list = r.array(value, path, "objections")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto at = path + "/objections/" + std::to_string(i);
      const auto& item = (*list)[i];
      r.unknown_members(item, at, {"received_on", "from", "summary", "resolution", "forwarded_on", "resolved_on"});
      const auto received = r.required_date(item, at, "received_on");
      Objection o;
      o.from = r.string(item, at, "from").value_or("");
      o.summary = r.string(item, at, "summary").value_or("");
      o.resolution = r.string(item, at, "resolution").value_or("");
      o.forwarded_on = r.date(item, at, "forwarded_on");
      o.resolved_on = r.date(item, at, "resolved_on");
      if (received) {
        o.received_on = *received;
        record.objections.push_back(std::move(o));
      }
    }
  }
  if (r.has_errors()) return std::move(r.diagnostics);
  return Result<PublicityRecord>(std::move(record), std::move(r.diagnostics));
}

PublicityOptions options_of(const PublicityRecord& record, int working_days) {
  PublicityOptions options;
  options.working_days = working_days;
  options.posting_day_counts = record.posting_day_counts;
  options.close_of_business = record.close_of_business;
  options.region = record.region;
  return options;
}

}  // namespace qaward
