#pragma once
// Civil dates (proleptic Gregorian, Beijing time) and the legal period
// arithmetic of the Civil Code (民法典):
//   Art. 201  a period in years, months or days does not count its start day;
//   Art. 202  a period in years or months ends on the corresponding day of the
//             last month, or on that month's last day when there is none;
//   Art. 203  a last day that is a statutory holiday moves to the next working day;
//   Art. 1259 以上、以下、以内、届满 include the number itself.
// The core never reads the clock: "today" is always an argument.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qaward {

struct Date {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31

  friend auto operator<=>(const Date&, const Date&) = default;
};

[[nodiscard]] bool is_leap_year(int year);
[[nodiscard]] int days_in_month(int year, int month);
[[nodiscard]] bool is_valid(const Date& date);

// The years a date read from a user may have. The messages that refuse a
// date (input.bad_date, input.bad_datetime, ui.bad_date in assets/i18n/)
// state this range; date_test checks that they agree.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2999;

// "YYYY-MM-DD", strictly (four-digit year kFirstYear-kLastYear, zero-padded
// month and day, a day that exists); nullopt otherwise.
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);
[[nodiscard]] std::string to_string(const Date& date);

// Days since 1970-01-01 and back (H. Hinnant's civil-days algorithm).
[[nodiscard]] std::int64_t to_days(const Date& date);
[[nodiscard]] Date from_days(std::int64_t days);

[[nodiscard]] Date add_days(const Date& date, std::int64_t days);
// 0 = Monday ... 6 = Sunday (ISO 8601).
[[nodiscard]] int iso_weekday(const Date& date);

// The corresponding day `months` months later (or earlier, if negative), or
// the last day of that month when it has no such day (民法典 202).
[[nodiscard]] Date add_months(const Date& date, int months);
[[nodiscard]] Date add_years(const Date& date, int years);

// The last day of a period of `years` years that starts on `start`: the start
// day is not counted (201), so the period ends on the corresponding day
// (202): 2020-02-29 + 5 years ends 2025-02-28. The same date as add_years; the
// name says which legal reading a caller relies on.
[[nodiscard]] Date period_end_years(const Date& start, int years);

// Whole years from `start` to `on` as the law counts them: the largest n with
// period_end_years(start, n) <= on; 0 when `on` is before the first anniversary.
[[nodiscard]] int completed_years(const Date& start, const Date& on);

// Where a deadline may move (民法典 203) the working-day calendar decides;
// this is its interface. The calendar issue supplies the real national and
// Xinjiang calendars; until then WeekendCalendar knows only weekends.
class WorkingDayCalendar {
 public:
  virtual ~WorkingDayCalendar() = default;
  [[nodiscard]] virtual bool is_working_day(const Date& date) const = 0;
  // True when the answer for `date` is an estimate (outside the data).
  [[nodiscard]] virtual bool is_estimated(const Date& date) const = 0;
};

class WeekendCalendar final : public WorkingDayCalendar {
 public:
  [[nodiscard]] bool is_working_day(const Date& date) const override { return iso_weekday(date) < 5; }
  [[nodiscard]] bool is_estimated(const Date& /*date*/) const override { return true; }
};

// `date` itself if it is a working day, else the next working day (民法典 203).
[[nodiscard]] Date deadline_on_working_day(const Date& date, const WorkingDayCalendar& calendar);

}  // namespace qaward
