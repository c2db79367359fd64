#include "qaward/calendar.hpp"

#include <nlohmann/json.hpp>

#include "json_reader.hpp"

namespace qaward {

namespace {

using nlohmann::json;
using detail::text_of;


Diagnostic calendar_error(std::string file, std::string where, std::string found = {}) {
  return make_error("calendar.bad_data", std::move(where), {{"file", std::move(file)}, {"found", std::move(found)}});
}

bool is_weekend(const Date& date) { return iso_weekday(date) >= 5; }

// Reads one calendar file's "years" into `days`; returns the years it holds.
std::set<int> read_years(const json& doc, const std::string& file, std::map<std::int64_t, MarkedDay>& days,
                         DayKind holiday_kind, DayKind working_kind, std::map<int, YearSource>& sources,
                         std::set<int>& complete, std::vector<Diagnostic>& errors) {
  std::set<int> years;
  const auto list = doc.find("years");
  if (list == doc.end() || !list->is_object()) {
    errors.push_back(calendar_error(file, "/years"));
    return years;
  }
  for (const auto& [key, entry] : list->items()) {
    const std::string at = "/years/" + key;
    const auto year_date = parse_date(key + "-01-01");
    if (!year_date || !entry.is_object()) {
      errors.push_back(calendar_error(file, at, key));
      continue;
    }
    const int year = year_date->year;
    years.insert(year);
    YearSource source;
    if (const auto notice = entry.find("notice"); notice != entry.end() && notice->is_object()) {
      source.notice_title = text_of(*notice, "title");
      source.notice_number = text_of(*notice, "number");
      source.notice_date = text_of(*notice, "date");
    }
    source.confidence = text_of(entry, "notice_confidence");
    source.note = text_of(entry, "note");
    sources[year] = source;
    const auto complete_it = entry.find("complete");
    if (complete_it == entry.end() || (complete_it->is_boolean() && complete_it->get<bool>())) complete.insert(year);
    // Days off for celebrants only do not change an organization's working days.
    if (text_of(entry, "scope") == "celebrants") continue;

    auto mark = [&](const json& value, const std::string& where, DayKind kind, const std::string& name,
                    const std::string& name_en) {
      const auto date = value.is_string() ? parse_date(value.get<std::string>()) : std::nullopt;
      if (!date) {
        errors.push_back(calendar_error(file, where, value.dump()));
        return;
      }
      const bool weekend_needed = kind == working_kind;
      if (weekend_needed && !is_weekend(*date)) errors.push_back(calendar_error(file, where, to_string(*date) + " is not a weekend day"));
      const auto [it, inserted] = days.emplace(to_days(*date), MarkedDay{kind, name, name_en});
      if (!inserted && it->second.kind != kind) errors.push_back(calendar_error(file, where, to_string(*date) + " is listed twice"));
    };
    if (const auto holidays = entry.find("holidays"); holidays != entry.end() && holidays->is_array()) {
      for (std::size_t i = 0; i < holidays->size(); ++i) {
        const auto& h = (*holidays)[i];
        const std::string where = at + "/holidays/" + std::to_string(i);
        const auto from = parse_date(text_of(h, "from"));
        const auto to = parse_date(text_of(h, "to"));
        if (!from || !to || *to < *from || to_days(*to) - to_days(*from) > 30) {
          errors.push_back(calendar_error(file, where, h.dump()));
          continue;
        }
        for (Date d = *from; d <= *to; d = add_days(d, 1)) {
          mark(json(to_string(d)), where, holiday_kind, text_of(h, "name"), text_of(h, "name_en"));
        }
      }
    }
    if (const auto working = entry.find("adjusted_working_days"); working != entry.end() && working->is_array()) {
      for (std::size_t i = 0; i < working->size(); ++i) {
        mark((*working)[i], at + "/adjusted_working_days/" + std::to_string(i), working_kind, "", "");
      }
    }
    if (const auto cancelled = entry.find("cancelled_adjusted_working_days"); cancelled != entry.end() && cancelled->is_array()) {
      for (std::size_t i = 0; i < cancelled->size(); ++i) {
        mark((*cancelled)[i], at + "/cancelled_adjusted_working_days/" + std::to_string(i), holiday_kind,
             "调休上班日取消", "make-up working day cancelled");
      }
    }
  }
  return years;
}

}  // namespace

std::optional<Region> parse_region(std::string_view text) {
  if (text == "national") return Region::national;
  if (text == "xinjiang") return Region::xinjiang;
  return std::nullopt;
}

const char* to_string(Region region) { return region == Region::national ? "national" : "xinjiang"; }

const char* to_string(DayKind kind) {
  switch (kind) {
    case DayKind::working_day: return "working_day";
    case DayKind::weekend: return "weekend";
    case DayKind::holiday: return "holiday";
    case DayKind::adjusted_working_day: return "adjusted_working_day";
    case DayKind::regional_holiday: return "regional_holiday";
    case DayKind::regional_adjusted_working_day: return "regional_adjusted_working_day";
  }
  return "working_day";
}

Result<Calendar> Calendar::parse(std::string_view national_json, std::string_view xinjiang_json) {
  std::vector<Diagnostic> errors;
  const auto national = json::parse(national_json, nullptr, false);
  const auto xinjiang = json::parse(xinjiang_json, nullptr, false);
  if (national.is_discarded() || !national.is_object()) return std::vector{calendar_error("national.json", "")};
  if (xinjiang.is_discarded() || !xinjiang.is_object()) return std::vector{calendar_error("xinjiang.json", "")};
  if (text_of(national, "format") != "qaward-calendar/1") errors.push_back(calendar_error("national.json", "/format"));
  if (text_of(xinjiang, "format") != "qaward-calendar/1") errors.push_back(calendar_error("xinjiang.json", "/format"));

  Calendar calendar;
  std::set<int> unused;
  const auto years = read_years(national, "national.json", calendar.national_, DayKind::holiday,
                                DayKind::adjusted_working_day, calendar.national_sources_, unused, errors);
  read_years(xinjiang, "xinjiang.json", calendar.regional_, DayKind::regional_holiday,
             DayKind::regional_adjusted_working_day, calendar.xinjiang_sources_, calendar.xinjiang_complete_, errors);
  if (years.empty()) {
    errors.push_back(calendar_error("national.json", "/years"));
  } else {
    calendar.first_year_ = *years.begin();
    calendar.last_year_ = *years.rbegin();
    // Coverage must be contiguous: a missing year inside would be a silent guess.
    for (int y = calendar.first_year_; y <= calendar.last_year_; ++y) {
      if (!years.count(y)) errors.push_back(calendar_error("national.json", "/years/" + std::to_string(y), "missing year"));
    }
  }
  if (!errors.empty()) return errors;
  // Regional data counts only where the national data does.
  std::erase_if(calendar.xinjiang_complete_, [&](int y) { return y < calendar.first_year_ || y > calendar.last_year_; });
  return calendar;
}

bool Calendar::is_estimated(const Date& date, Region region) const {
  if (date.year < first_year_ || date.year > last_year_) return true;
  return region == Region::xinjiang && !xinjiang_complete_.count(date.year);
}

DayInfo Calendar::day(const Date& date, Region region) const {
  DayInfo info;
  info.date = date;
  info.estimated = is_estimated(date, region);
  const auto key = to_days(date);
  const MarkedDay* special = nullptr;
  if (region == Region::xinjiang) {
    if (const auto it = regional_.find(key); it != regional_.end()) special = &it->second;
  }
  if (special == nullptr) {
    if (const auto it = national_.find(key); it != national_.end()) special = &it->second;
  }
  if (special != nullptr) {
    info.kind = special->kind;
    info.working = special->kind == DayKind::adjusted_working_day || special->kind == DayKind::regional_adjusted_working_day;
    info.name = special->name;
    info.name_en = special->name_en;
    return info;
  }
  info.working = !is_weekend(date);
  info.kind = info.working ? DayKind::working_day : DayKind::weekend;
  return info;
}

Date Calendar::add_working_days(const Date& from, int n, Region region) const {
  Date day = from;
  for (int counted = 0; counted < std::min(n, kMaxWorkingDays);) {
    day = add_days(day, 1);
    if (is_working_day(day, region)) ++counted;
  }
  return day;
}

int Calendar::count_working_days(const Date& a, const Date& b, Region region) const {
  int count = 0;
  for (Date d = a; d <= b; d = add_days(d, 1)) {
    if (is_working_day(d, region)) ++count;
  }
  return count;
}

Date Calendar::next_working_day(const Date& date, Region region) const { return add_working_days(date, 1, region); }

bool Calendar::any_estimated(const Date& a, const Date& b, Region region) const {
  for (int year = a.year; year <= b.year; ++year) {
    if (is_estimated(Date{year, year == a.year ? a.month : 1, year == a.year ? a.day : 1}, region)) return true;
  }
  return false;
}

const YearSource* Calendar::national_source(int year) const {
  const auto it = national_sources_.find(year);
  return it == national_sources_.end() ? nullptr : &it->second;
}

const YearSource* Calendar::xinjiang_source(int year) const {
  const auto it = xinjiang_sources_.find(year);
  return it == xinjiang_sources_.end() ? nullptr : &it->second;
}

}  // namespace qaward
