#include "qaward/calendar.hpp"

#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace {

using qaward::Calendar;
using qaward::Date;
using qaward::DayKind;
using qaward::Region;

Date d(const char* text) { return qaward::parse_date(text).value(); }

const Calendar& shipped() {
  static const auto calendar = Calendar::parse(qaward::test::read_asset("calendar/national.json"),
                                               qaward::test::read_asset("calendar/xinjiang.json"));
  EXPECT_TRUE(calendar.ok());
  return calendar.value();
}

// An independent reading of the national data file: every listed day off and
// adjusted working day, straight from the JSON, against the calendar's
// answer for every date of every covered year.
TEST(CalendarNational, EveryDateMatchesAnIndependentReadingOfTheData) {
  const auto doc = nlohmann::json::parse(qaward::test::read_asset("calendar/national.json"));
  std::map<std::string, bool> listed;  // date -> working?
  for (const auto& [year, entry] : doc["years"].items()) {
    for (const auto& h : entry["holidays"]) {
      for (Date x = d(h["from"].get<std::string>().c_str()); x <= d(h["to"].get<std::string>().c_str()); x = qaward::add_days(x, 1)) {
        listed[qaward::to_string(x)] = false;
      }
    }
    for (const auto& w : entry["adjusted_working_days"]) listed[w.get<std::string>()] = true;
  }
  const Calendar& calendar = shipped();
  ASSERT_EQ(calendar.first_year(), 2004);
  ASSERT_GE(calendar.last_year(), 2026);
  int checked = 0;
  for (Date x{calendar.first_year(), 1, 1}; x.year <= calendar.last_year(); x = qaward::add_days(x, 1)) {
    const auto text = qaward::to_string(x);
    const auto it = listed.find(text);
    const bool weekend = qaward::iso_weekday(x) >= 5;
    const bool expected = it != listed.end() ? it->second : !weekend;
    const auto day = calendar.day(x, Region::national);
    ASSERT_EQ(day.working, expected) << text;
    ASSERT_FALSE(day.estimated) << text;
    if (it != listed.end()) {
      ASSERT_EQ(day.kind, it->second ? DayKind::adjusted_working_day : DayKind::holiday) << text;
    }
    ++checked;
  }
  EXPECT_GT(checked, 23 * 365);
}

TEST(CalendarNational, EveryYearCitesItsNotice) {
  const Calendar& calendar = shipped();
  for (int year = calendar.first_year(); year <= calendar.last_year(); ++year) {
    const auto* source = calendar.national_source(year);
    ASSERT_NE(source, nullptr) << year;
    EXPECT_NE(source->notice_number.find("国办发明电"), std::string::npos) << year;
    EXPECT_FALSE(source->notice_date.empty()) << year;
  }
}

// Boundaries around the long holidays (国办发明电〔2024〕12号 and 〔2025〕7号).
TEST(CalendarNational, SpringFestivalNationalDayAndAdjustedWeekends) {
  const Calendar& c = shipped();
  EXPECT_TRUE(c.is_working_day(d("2025-01-27"), Region::national));   // Monday before Spring Festival
  EXPECT_FALSE(c.is_working_day(d("2025-01-28"), Region::national));  // 除夕, first day off
  EXPECT_FALSE(c.is_working_day(d("2025-02-04"), Region::national));  // last day off
  EXPECT_TRUE(c.is_working_day(d("2025-02-05"), Region::national));
  EXPECT_EQ(c.day(d("2025-01-26"), Region::national).kind, DayKind::adjusted_working_day);  // a Sunday worked
  EXPECT_EQ(c.day(d("2025-02-08"), Region::national).kind, DayKind::adjusted_working_day);  // a Saturday worked
  EXPECT_EQ(c.day(d("2025-10-08"), Region::national).kind, DayKind::holiday);
  EXPECT_EQ(c.day(d("2025-10-11"), Region::national).kind, DayKind::adjusted_working_day);
  EXPECT_EQ(c.day(d("2025-10-01"), Region::national).name, "中秋节、国庆节");
  // Across the National Day week: 9/29, 9/30, 10/9 and 10/10 are the working days.
  EXPECT_EQ(c.count_working_days(d("2025-09-29"), d("2025-10-10"), Region::national), 4);
  EXPECT_EQ(c.add_working_days(d("2025-09-30"), 1, Region::national), d("2025-10-09"));
  EXPECT_EQ(c.next_working_day(d("2026-02-13"), Region::national), d("2026-02-14"));  // an adjusted Saturday
  EXPECT_EQ(c.next_working_day(d("2026-02-14"), Region::national), d("2026-02-24"));  // over Spring Festival 2026
}

// Xinjiang adds its festivals: 2025 古尔邦节 6/6-6/10, where 6/9 and 6/10
// are national working days; 2014's cancelled make-up days.
TEST(CalendarXinjiang, RegionalDaysAndTheirSources) {
  const Calendar& c = shipped();
  EXPECT_TRUE(c.is_working_day(d("2025-06-09"), Region::national));
  EXPECT_FALSE(c.is_working_day(d("2025-06-09"), Region::xinjiang));
  EXPECT_EQ(c.day(d("2025-06-10"), Region::xinjiang).kind, DayKind::regional_holiday);
  EXPECT_EQ(c.day(d("2025-06-10"), Region::xinjiang).name, "古尔邦节");
  EXPECT_TRUE(c.is_working_day(d("2025-06-11"), Region::xinjiang));
  EXPECT_FALSE(c.is_working_day(d("2025-03-31"), Region::xinjiang));  // 肉孜节, a Monday
  EXPECT_TRUE(c.is_working_day(d("2025-03-31"), Region::national));
  EXPECT_EQ(c.count_working_days(d("2025-06-01"), d("2025-06-30"), Region::national), 20);
  EXPECT_EQ(c.count_working_days(d("2025-06-01"), d("2025-06-30"), Region::xinjiang), 17);
  EXPECT_FALSE(c.is_estimated(d("2025-06-09"), Region::xinjiang));
  // 2014: the national make-up Saturday 10/11 was a rest day in Xinjiang.
  EXPECT_TRUE(c.is_working_day(d("2014-10-11"), Region::national));
  EXPECT_FALSE(c.is_working_day(d("2014-10-11"), Region::xinjiang));
  // 2016: a regional make-up Saturday.
  EXPECT_EQ(c.day(d("2016-09-10"), Region::xinjiang).kind, DayKind::regional_adjusted_working_day);
  // 2005's days off applied to celebrants only: the organization worked.
  EXPECT_TRUE(c.is_working_day(d("2005-01-24"), Region::xinjiang));
}

// 2026 (issue 19): the regional notice's 肉孜节 3/20-3/22 and 古尔邦节
// 5/27-5/31; items 7 onward were not read, so the year stays an estimate.
TEST(CalendarXinjiang, The2026FestivalsFromTheRegionalNotice) {
  const Calendar& c = shipped();
  EXPECT_EQ(c.count_working_days(d("2026-05-25"), d("2026-05-29"), Region::xinjiang), 2);
  EXPECT_EQ(c.count_working_days(d("2026-05-25"), d("2026-05-29"), Region::national), 5);
  EXPECT_EQ(c.day(d("2026-03-20"), Region::xinjiang).kind, DayKind::regional_holiday);
  EXPECT_EQ(c.day(d("2026-03-20"), Region::xinjiang).name, "肉孜节");
  EXPECT_TRUE(c.is_working_day(d("2026-03-20"), Region::national));
  EXPECT_TRUE(c.is_working_day(d("2026-03-23"), Region::xinjiang));
  EXPECT_TRUE(c.is_estimated(d("2026-05-27"), Region::xinjiang));
}

// [SECTION] The data lint (issue 19): what must hold of every year before it
// ships, read straight from the files so that a new year is checked the day
// it is entered (README, "Adding a year").
struct LintFile {
  const char* asset;
  bool regional;
};

Date lint_date(const nlohmann::json& value, const std::string& year, const std::string& where) {
  const auto text = value.is_string() ? value.get<std::string>() : std::string();
  const auto date = qaward::parse_date(text);
  EXPECT_TRUE(date.has_value()) << where << ": not a date: " << value.dump();
  if (!date) return Date{std::stoi(year), 1, 1};
  // A year's notice may reach back into December for the New Year holiday
  // (2019: 元旦 2018-12-30 to 2019-01-01, 2018-12-29 worked); nothing else.
  const bool in_year = std::to_string(date->year) == year;
  const bool new_year_eve = date->year + 1 == std::stoi(year) && date->month == 12 && date->day >= 20;
  EXPECT_TRUE(in_year || new_year_eve) << where << ": " << text << " lies outside its year";
  return *date;
}

TEST(CalendarDataLint, EveryYearIsConsistentCitedAndMarked) {
  const auto national = nlohmann::json::parse(qaward::test::read_asset("calendar/national.json"));
  std::set<std::string> national_adjusted;
  for (const auto& [year, entry] : national["years"].items()) {
    for (const auto& w : entry["adjusted_working_days"]) national_adjusted.insert(w.get<std::string>());
  }
  // The national coverage runs over whole years, with none missing.
  const auto& coverage = national["coverage"];
  const int first = std::stoi(coverage.value("from", std::string("0000")).substr(0, 4));
  const int last = std::stoi(coverage.value("to", std::string("0000")).substr(0, 4));
  EXPECT_EQ(coverage.value("from", std::string()), std::to_string(first) + "-01-01");
  EXPECT_EQ(coverage.value("to", std::string()), std::to_string(last) + "-12-31");
  for (int year = first; year <= last; ++year) EXPECT_TRUE(national["years"].contains(std::to_string(year))) << year << " is missing";
  EXPECT_EQ(national["years"].size(), static_cast<std::size_t>(last - first + 1)) << "a year outside coverage";
  for (const LintFile file : {LintFile{"calendar/national.json", false}, LintFile{"calendar/xinjiang.json", true}}) {
    const auto doc = nlohmann::json::parse(qaward::test::read_asset(file.asset));
    ASSERT_TRUE(doc.contains("years") && doc["years"].is_object()) << file.asset;
    for (const auto& [year, entry] : doc["years"].items()) {
      const std::string at = std::string(file.asset) + " " + year;
      ASSERT_EQ(year.size(), 4u) << at;
      // A confidence mark and a source on every year.
      const auto confidence = entry.value("notice_confidence", std::string());
      EXPECT_TRUE(confidence == "H" || confidence == "M" || confidence == "U") << at << ": notice_confidence H, M or U";
      if (file.regional) {
        EXPECT_FALSE(entry.value("source", std::string()).empty()) << at << ": no source";
        EXPECT_TRUE(entry.contains("complete") && entry["complete"].is_boolean()) << at << ": complete true or false";
        if (entry.value("complete", false)) EXPECT_EQ(confidence, "H") << at << ": a complete year rests on the notice itself";
      } else {
        const auto& notice = entry.value("notice", nlohmann::json::object());
        EXPECT_FALSE(notice.value("title", std::string()).empty() || notice.value("number", std::string()).empty()) << at << ": the notice";
      }
      // Holidays: valid ranges inside the year.
      std::set<std::string> off;
      for (const auto& h : entry.value("holidays", nlohmann::json::array())) {
        EXPECT_FALSE(h.value("name", std::string()).empty() || h.value("name_en", std::string()).empty()) << at << ": a holiday's names";
        const Date from = lint_date(h["from"], year, at), to = lint_date(h["to"], year, at);
        EXPECT_LE(from, to) << at << ": " << h.dump();
        for (Date x = from; x <= to; x = qaward::add_days(x, 1)) off.insert(qaward::to_string(x));
      }
      // Adjusted working days: weekends, never also a day off.
      for (const auto& w : entry.value("adjusted_working_days", nlohmann::json::array())) {
        const Date day = lint_date(w, year, at);
        EXPECT_GE(qaward::iso_weekday(day), 5) << at << ": adjusted working day " << qaward::to_string(day) << " is a weekday";
        EXPECT_FALSE(off.count(qaward::to_string(day))) << at << ": " << qaward::to_string(day) << " is both off and worked";
      }
      // A cancelled make-up day must be one the national notice made.
      for (const auto& w : entry.value("cancelled_adjusted_working_days", nlohmann::json::array())) {
        lint_date(w, year, at);
        EXPECT_TRUE(national_adjusted.count(w.get<std::string>())) << at << ": " << w << " was not a national working day";
      }
    }
  }
}

TEST(CalendarCoverage, OutsideTheDataIsEstimatedNeverACrash) {
  const Calendar& c = shipped();
  const auto after = qaward::Date{c.last_year() + 1, 1, 1};
  EXPECT_TRUE(c.is_estimated(after, Region::national));
  EXPECT_TRUE(c.day(after, Region::national).estimated);
  EXPECT_TRUE(c.is_working_day(after, Region::national) == (qaward::iso_weekday(after) < 5));
  EXPECT_TRUE(c.is_estimated(d("2003-12-31"), Region::national));
  // Xinjiang years without a complete regional notice are estimates too.
  EXPECT_TRUE(c.is_estimated(d("2026-05-27"), Region::xinjiang));
  EXPECT_FALSE(c.is_estimated(d("2026-05-27"), Region::national));
  EXPECT_TRUE(c.any_estimated(d("2026-12-20"), d("2027-01-10"), Region::national));
  EXPECT_FALSE(c.any_estimated(d("2026-01-01"), d("2026-12-31"), Region::national));
  // Counting far beyond the data ends, in January or any month.
  EXPECT_EQ(c.add_working_days(d("2035-01-01"), 5, Region::xinjiang), d("2035-01-08"));
}

TEST(CalendarArithmetic, CountAndAddAgree) {
  const Calendar& c = shipped();
  for (const char* from : {"2024-12-27", "2025-01-24", "2025-09-26", "2026-02-13", "2026-04-30"}) {
    for (int n = 1; n <= 12; ++n) {
      const Date end = c.add_working_days(d(from), n, Region::xinjiang);
      EXPECT_EQ(c.count_working_days(qaward::add_days(d(from), 1), end, Region::xinjiang), n) << from << " + " << n;
      EXPECT_TRUE(c.is_working_day(end, Region::xinjiang));
    }
  }
  EXPECT_EQ(c.add_working_days(d("2025-06-04"), 0, Region::xinjiang), d("2025-06-04"));
  EXPECT_EQ(c.count_working_days(d("2025-06-05"), d("2025-06-04"), Region::xinjiang), 0);
}

TEST(CalendarData, MalformedFilesAreRefusedWithTheirPlace) {
  const auto xinjiang = qaward::test::read_asset("calendar/xinjiang.json");
  auto not_json = Calendar::parse("{", xinjiang);
  ASSERT_FALSE(not_json.ok());
  auto weekday_worked = Calendar::parse(R"({"format":"qaward-calendar/1","years":{"2025":{"holidays":[],
      "adjusted_working_days":["2025-06-04"]}}})", xinjiang);
  ASSERT_FALSE(weekday_worked.ok());
  EXPECT_EQ(weekday_worked.diagnostics().at(0).where, "/years/2025/adjusted_working_days/0");
  auto gap = Calendar::parse(R"({"format":"qaward-calendar/1","years":{"2024":{},"2026":{}}})", xinjiang);
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.diagnostics().at(0).where, "/years/2025");
}

}  // namespace
