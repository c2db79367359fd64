#pragma once
// The working-day calendar: China's national public holidays and adjusted
// working weekends (调休), announced each year by the State Council General
// Office, plus Xinjiang's regional festival days (肉孜节, 古尔邦节) where the
// autonomous region's notice is known (assets/calendar/). Outside the data a
// day is judged by weekends alone and marked estimated: never a silent guess.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "qaward/date.hpp"
#include "qaward/diagnostic.hpp"

namespace qaward {

// xinjiang = national plus regional days: the default, the award being Urumqi's.
enum class Region { national, xinjiang };
[[nodiscard]] std::optional<Region> parse_region(std::string_view text);
[[nodiscard]] const char* to_string(Region region);

enum class DayKind {
  working_day,                    // Monday to Friday, nothing special
  weekend,                        // Saturday or Sunday, nothing special
  holiday,                        // a national public holiday (day off)
  adjusted_working_day,           // a weekend day the national notice makes a working day
  regional_holiday,               // a Xinjiang festival day off (or a cancelled make-up day)
  regional_adjusted_working_day,  // a weekend day Xinjiang's notice makes a working day
};
[[nodiscard]] const char* to_string(DayKind kind);

struct DayInfo {
  Date date;
  DayKind kind = DayKind::working_day;
  bool working = true;
  std::string name;     // the holiday's Chinese name, if any
  std::string name_en;
  bool estimated = false;  // outside the data for this region
};

struct YearSource {
  std::string notice_title;
  std::string notice_number;
  std::string notice_date;
  std::string confidence;  // H, M or U
  std::string note;
};

// A day the data marks: a holiday or an adjusted working day, with its name.
struct MarkedDay {
  DayKind kind = DayKind::holiday;
  std::string name;
  std::string name_en;
};

class Calendar {
 public:
  // Parses assets/calendar/national.json and xinjiang.json.
  [[nodiscard]] static Result<Calendar> parse(std::string_view national_json, std::string_view xinjiang_json);

  [[nodiscard]] DayInfo day(const Date& date, Region region) const;
  [[nodiscard]] bool is_working_day(const Date& date, Region region) const { return day(date, region).working; }
  [[nodiscard]] bool is_estimated(const Date& date, Region region) const;

  // The n-th working day after `from`, `from` itself not counted (民法典 201);
  // n = 0 gives `from`. n is at most kMaxWorkingDays.
  [[nodiscard]] Date add_working_days(const Date& from, int n, Region region) const;
  // Working days from `a` to `b`, both included; 0 when b is before a.
  [[nodiscard]] int count_working_days(const Date& a, const Date& b, Region region) const;
  // The first working day after `date`.
  [[nodiscard]] Date next_working_day(const Date& date, Region region) const;
  // True when any day from a to b (inclusive) is estimated.
  [[nodiscard]] bool any_estimated(const Date& a, const Date& b, Region region) const;

  // Coverage: the national data's years, and the years whose regional days are complete.
  [[nodiscard]] int first_year() const { return first_year_; }
  [[nodiscard]] int last_year() const { return last_year_; }
  [[nodiscard]] const std::set<int>& xinjiang_complete_years() const { return xinjiang_complete_; }
  [[nodiscard]] const YearSource* national_source(int year) const;
  [[nodiscard]] const YearSource* xinjiang_source(int year) const;

  static constexpr int kMaxWorkingDays = 3660;

 private:
  std::map<std::int64_t, MarkedDay> national_;  // by to_days()
  std::map<std::int64_t, MarkedDay> regional_;
  int first_year_ = 0;
  int last_year_ = -1;
  std::set<int> xinjiang_complete_;
  std::map<int, YearSource> national_sources_;
  std::map<int, YearSource> xinjiang_sources_;
};

// One region of a Calendar seen through the core's WorkingDayCalendar
// interface (民法典 203 deadlines).
class RegionCalendar final : public WorkingDayCalendar {
 public:
  RegionCalendar(const Calendar& calendar, Region region) : calendar_(calendar), region_(region) {}
  [[nodiscard]] bool is_working_day(const Date& date) const override { return calendar_.is_working_day(date, region_); }
  [[nodiscard]] bool is_estimated(const Date& date) const override { return calendar_.is_estimated(date, region_); }

 private:
  const Calendar& calendar_;
  Region region_;
};

}  // namespace qaward
