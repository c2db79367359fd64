#include "qaward/date.hpp"

#include <cstdio>

namespace qaward {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid(const Date& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= days_in_month(date.year, date.month);
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t length) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const auto year = number(0, 4);
  const auto month = number(5, 2);
  const auto day = number(8, 2);
  if (!year || !month || !day || *year < kFirstYear || *year > kLastYear) return std::nullopt;
  const Date date{*year, *month, *day};
  if (!is_valid(date)) return std::nullopt;
  return date;
}

std::string to_string(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

std::int64_t to_days(const Date& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (date.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const auto year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

Date add_days(const Date& date, std::int64_t days) { return from_days(to_days(date) + days); }

int iso_weekday(const Date& date) {
  // 1970-01-01 was a Thursday (3).
  const std::int64_t d = to_days(date);
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

Date add_months(const Date& date, int months) {
  const int index = date.year * 12 + (date.month - 1) + months;
  const int year = index >= 0 ? index / 12 : (index - 11) / 12;
  const int month = index - year * 12 + 1;
  const int last = days_in_month(year, month);
  return Date{year, month, date.day <= last ? date.day : last};
}

Date add_years(const Date& date, int years) { return add_months(date, years * 12); }

Date period_end_years(const Date& start, int years) { return add_years(start, years); }

int completed_years(const Date& start, const Date& on) {
  if (on < start) return 0;
  int years = on.year - start.year;
  while (years > 0 && period_end_years(start, years) > on) --years;
  return years;
}

Date deadline_on_working_day(const Date& date, const WorkingDayCalendar& calendar) {
  Date day = date;
  // Chinese holiday runs are at most about ten days; a bound keeps bad data
  // from looping forever.
  for (int i = 0; i < 60 && !calendar.is_working_day(day); ++i) day = add_days(day, 1);
  return day;
}

}  // namespace qaward
