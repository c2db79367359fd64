#include "qaward/date.hpp"
#include "qaward/datetime.hpp"

#include <gtest/gtest.h>

#include "qaward/i18n.hpp"
#include "test_support.hpp"

namespace {

using qaward::Date;

Date d(const char* text) { return qaward::parse_date(text).value(); }

TEST(DateParse, AcceptsRealDatesOnly) {
  EXPECT_EQ(d("2020-02-29"), (Date{2020, 2, 29}));
  EXPECT_FALSE(qaward::parse_date("2021-02-29"));  // not a leap year
  EXPECT_FALSE(qaward::parse_date("1900-02-29"));  // century, not leap
  EXPECT_TRUE(qaward::parse_date("2000-02-29"));   // divisible by 400, leap
  EXPECT_FALSE(qaward::parse_date("2023-04-31"));
  EXPECT_FALSE(qaward::parse_date("2023-13-01"));
  EXPECT_FALSE(qaward::parse_date("2023-00-10"));
  EXPECT_FALSE(qaward::parse_date("2023-1-5"));    // not zero-padded
  EXPECT_FALSE(qaward::parse_date("2023/01/05"));
  EXPECT_FALSE(qaward::parse_date("2023-01-05T00:00"));
  EXPECT_FALSE(qaward::parse_date(""));
  EXPECT_FALSE(qaward::parse_date("２０２３-01-05"));  // full-width digits
}

TEST(DateDays, RoundTripsAndKnowsTheWeekday) {
  EXPECT_EQ(qaward::to_days(d("1970-01-01")), 0);
  for (const char* text : {"1900-03-01", "2000-02-29", "2024-12-31", "2025-01-01", "2099-12-31"}) {
    EXPECT_EQ(qaward::from_days(qaward::to_days(d(text))), d(text)) << text;
  }
  EXPECT_EQ(qaward::iso_weekday(d("2025-11-18")), 1);  // a Tuesday
  EXPECT_EQ(qaward::iso_weekday(d("2026-11-28")), 5);  // a Saturday
  EXPECT_EQ(qaward::add_days(d("2024-12-31"), 1), d("2025-01-01"));
  EXPECT_EQ(qaward::add_days(d("2024-03-01"), -1), d("2024-02-29"));
}

// 民法典 202: the corresponding day, or the last day of the month.
TEST(DateAddMonths, ClampsToTheMonthsLastDay) {
  EXPECT_EQ(qaward::add_months(d("2025-01-31"), 1), d("2025-02-28"));
  EXPECT_EQ(qaward::add_months(d("2024-01-31"), 1), d("2024-02-29"));
  EXPECT_EQ(qaward::add_months(d("2025-03-31"), -1), d("2025-02-28"));
  EXPECT_EQ(qaward::add_months(d("2025-11-30"), 2), d("2026-01-30"));  // across a year end
  EXPECT_EQ(qaward::add_months(d("2025-01-15"), -13), d("2023-12-15"));
}

TEST(DateAddYears, LeapDayEndsOnFebruary28) {
  EXPECT_EQ(qaward::period_end_years(d("2020-02-29"), 5), d("2025-02-28"));
  EXPECT_EQ(qaward::period_end_years(d("2020-02-29"), 4), d("2024-02-29"));
  EXPECT_EQ(qaward::add_years(d("2024-02-29"), -3), d("2021-02-28"));
  EXPECT_EQ(qaward::add_years(d("2019-12-31"), 5), d("2024-12-31"));
}

TEST(DateCompletedYears, CountsOnlyCompletedPeriods) {
  EXPECT_EQ(qaward::completed_years(d("2020-02-29"), d("2025-02-27")), 4);
  EXPECT_EQ(qaward::completed_years(d("2020-02-29"), d("2025-02-28")), 5);
  EXPECT_EQ(qaward::completed_years(d("2020-03-01"), d("2025-02-28")), 4);
  EXPECT_EQ(qaward::completed_years(d("2020-03-01"), d("2025-03-01")), 5);
  EXPECT_EQ(qaward::completed_years(d("2020-03-01"), d("2020-03-01")), 0);
  EXPECT_EQ(qaward::completed_years(d("2020-03-01"), d("2019-01-01")), 0);
}

// All civil dates are Beijing dates (UTC+8), whatever the device's zone.
TEST(DateBeijing, TurnsTheDayAtSixteenHundredUtc) {
  EXPECT_EQ(qaward::beijing_date(1735747199), d("2025-01-01"));  // 2025-01-01T15:59:59Z = 23:59:59 +08:00
  EXPECT_EQ(qaward::beijing_date(1735747200), d("2025-01-02"));  // 2025-01-01T16:00:00Z = 00:00 +08:00
  EXPECT_EQ(qaward::beijing_date(-28800), d("1970-01-01"));      // 1969-12-31T16:00Z
  EXPECT_EQ(qaward::beijing_date(-28801), d("1969-12-31"));
}

// 民法典 203: a deadline on a day off moves to the next working day.
TEST(DateDeadline, MovesToTheNextWorkingDay) {
  const qaward::WeekendCalendar weekends;
  EXPECT_EQ(qaward::deadline_on_working_day(d("2026-11-28"), weekends), d("2026-11-30"));  // Sat -> Mon
  EXPECT_EQ(qaward::deadline_on_working_day(d("2026-11-27"), weekends), d("2026-11-27"));  // Fri stays
  EXPECT_TRUE(weekends.is_estimated(d("2026-11-27")));
}

// A date outside the accepted years is refused, and the message that refuses
// it states the range (it used to say only "invalid").
TEST(DateRange, OutOfRangeDatesAreRefusedAndTheMessagesStateTheRange) {
  EXPECT_TRUE(qaward::parse_date("1900-01-01"));
  EXPECT_TRUE(qaward::parse_date("2999-12-31"));
  EXPECT_FALSE(qaward::parse_date("1899-12-31"));
  EXPECT_FALSE(qaward::parse_date("3000-01-01"));
  EXPECT_TRUE(qaward::parse_datetime("2999-12-31T23:59"));
  EXPECT_TRUE(qaward::parse_datetime("1900-01-01T00:00+08:00"));
  // An offset or 24:00 must not carry the date out of the range.
  EXPECT_FALSE(qaward::parse_datetime("2999-12-31T24:00"));
  EXPECT_FALSE(qaward::parse_datetime("2999-12-31T20:00-05:00"));
  EXPECT_FALSE(qaward::parse_datetime("1900-01-01T00:00+14:00"));  // 1899-12-31T18:00 in Beijing
  for (const auto& [file, language] : {std::pair{"i18n/zh-CN.json", "zh"}, {"i18n/en.json", "en"}}) {
    const auto catalog = qaward::Catalog::parse(qaward::test::read_asset(file), language).value();
    for (const char* key : {"input.bad_date", "input.bad_datetime", "ui.bad_date"}) {
      SCOPED_TRACE(std::string(file) + " " + key);
      const auto text = catalog.text(key, {{"found", "3000-01-01"}});
      EXPECT_NE(text.find("1900-01-01"), std::string::npos) << text;
      EXPECT_NE(text.find("2999-12-31"), std::string::npos) << text;
    }
  }
}

}  // namespace
