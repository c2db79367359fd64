#include "qaward/publicity.hpp"

#include <gtest/gtest.h>

#include "qaward/timeline.hpp"
#include "test_support.hpp"

namespace {

using qaward::Calendar;
using qaward::Date;
using qaward::DateTime;
using qaward::PublicityState;
using qaward::Region;

Date d(const char* text) { return qaward::parse_date(text).value(); }
DateTime t(const char* text) { return qaward::parse_datetime(text).value(); }

const Calendar& shipped() {
  static const auto calendar = Calendar::parse(qaward::test::read_asset("calendar/national.json"),
                                               qaward::test::read_asset("calendar/xinjiang.json"));
  EXPECT_TRUE(calendar.ok());
  return calendar.value();
}

qaward::PublicityOptions five(Region region = Region::xinjiang) {
  qaward::PublicityOptions o;
  o.working_days = 5;
  o.region = region;
  return o;
}

TEST(DateTimeParse, OffsetsAndBareBeijingTime) {
  EXPECT_EQ(qaward::to_iso(t("2026-03-06T14:30")), "2026-03-06T14:30:00+08:00");
  EXPECT_EQ(qaward::to_iso(t("2026-03-06 14:30:15")), "2026-03-06T14:30:15+08:00");
  EXPECT_EQ(qaward::to_iso(t("2026-03-06T14:30:00+08:00")), "2026-03-06T14:30:00+08:00");
  EXPECT_EQ(qaward::to_iso(t("2026-03-06T12:30:00+06:00")), "2026-03-06T14:30:00+08:00");  // Asia/Urumqi device
  EXPECT_EQ(qaward::to_iso(t("2026-03-06T20:00:00Z")), "2026-03-07T04:00:00+08:00");
  EXPECT_EQ(qaward::to_iso(t("2026-03-06T01:00:00-08:00")), "2026-03-06T17:00:00+08:00");
  EXPECT_EQ(qaward::to_iso(t("2026-03-06T24:00")), "2026-03-07T00:00:00+08:00");
  EXPECT_EQ(qaward::to_iso(t("2026-03-06T14:30:00.250+08:00")), "2026-03-06T14:30:00+08:00");
  EXPECT_EQ(qaward::to_iso(t("2026-03-06")), "2026-03-06T00:00:00+08:00");
  for (const char* bad : {"2026-03-06T25:00", "2026-03-06T14:60", "2026-02-30T10:00", "2026-03-06T14", "2026-03-06T14:30+8",
                          "2026-03-06T14:30+08:00x", "2026-03-06T24:01", "tomorrow"}) {
    EXPECT_FALSE(qaward::parse_datetime(bad)) << bad;
  }
  EXPECT_EQ(qaward::beijing_datetime(qaward::to_unix(t("2026-03-06T14:30:07"))), t("2026-03-06T14:30:07"));
}

// A notice posted on the Friday afternoon before National Day 2025: the
// adjusted Sunday 9/28 is day 1, the holiday week is skipped.
TEST(PublicityPeriod, FridayAfternoonBeforeTheNationalDayWeek) {
  const auto p = qaward::compute_publicity(shipped(), t("2025-09-26T16:00"), five());
  EXPECT_EQ(p.first_day, d("2025-09-28"));
  EXPECT_EQ(p.last_day, d("2025-10-10"));
  EXPECT_EQ(qaward::to_iso(p.end), "2025-10-11T00:00:00+08:00");
  EXPECT_EQ(qaward::chinese_end_time(p), "2025年10月10日24时");
  EXPECT_FALSE(p.estimated);
  int counted = 0;
  for (const auto& day : p.days) counted += day.number > 0 ? 1 : 0;
  EXPECT_EQ(counted, 5);
  EXPECT_EQ(p.days.front().info.date, d("2025-09-26"));
  EXPECT_EQ(p.days.front().number, 0);  // the posting day does not count
}

TEST(PublicityPeriod, ThePostingDayCountsOnlyWhenAskedAndAWorkingDay) {
  auto o = five();
  o.posting_day_counts = true;
  const auto weekday = qaward::compute_publicity(shipped(), t("2025-11-03T09:00"), o);  // a Monday
  EXPECT_EQ(weekday.first_day, d("2025-11-03"));
  EXPECT_EQ(weekday.last_day, d("2025-11-07"));
  const auto saturday = qaward::compute_publicity(shipped(), t("2025-11-08T09:00"), o);
  EXPECT_EQ(saturday.first_day, d("2025-11-10"));
  const auto not_counted = qaward::compute_publicity(shipped(), t("2025-11-03T09:00"), five());
  EXPECT_EQ(not_counted.first_day, d("2025-11-04"));
  EXPECT_EQ(not_counted.last_day, d("2025-11-10"));
}

TEST(PublicityPeriod, CloseOfBusinessEndsTheLastDayEarlier) {
  auto o = five();
  o.close_of_business = 19 * 3600 + 30 * 60;  // Xinjiang winter hours end 19:30
  const auto p = qaward::compute_publicity(shipped(), t("2025-11-03T09:00"), o);
  EXPECT_EQ(qaward::to_iso(p.end), "2025-11-10T19:30:00+08:00");
  EXPECT_EQ(qaward::chinese_end_time(p), "2025年11月10日19时30分");
  EXPECT_EQ(qaward::english_end_time(p), "19:30 on 10 November 2025");
}

// Times on screen are words, not ISO 8601 (issue 16): the end of a period
// without a close of business is 24:00 of its last day; a clock has seconds.
TEST(PublicityPeriod, EndsAndClocksReadAsWordsInBothLanguages) {
  const auto p = qaward::compute_publicity(shipped(), t("2025-11-03T09:00"), five());
  EXPECT_EQ(qaward::english_end_time(p), "24:00 on 10 November 2025");
  EXPECT_EQ(qaward::english_date(d("2026-03-04")), "4 March 2026");
  const qaward::DateTime at{d("2026-01-05"), 9 * 3600 + 5 * 60 + 7};
  EXPECT_EQ(qaward::english_clock(at), "09:05:07 on 5 January 2026");
  EXPECT_EQ(qaward::chinese_clock(at), "2026年1月5日 09:05:07");
}

// Xinjiang's Eid al-Adha 2025 (6/6-6/10) lengthens the period there.
TEST(PublicityPeriod, XinjiangEidDaysAreSkippedThereOnly) {
  const auto xj = qaward::compute_publicity(shipped(), t("2025-06-05T10:00"), five(Region::xinjiang));
  EXPECT_EQ(xj.first_day, d("2025-06-11"));
  EXPECT_EQ(xj.last_day, d("2025-06-17"));
  const auto cn = qaward::compute_publicity(shipped(), t("2025-06-05T10:00"), five(Region::national));
  EXPECT_EQ(cn.first_day, d("2025-06-06"));
  EXPECT_EQ(cn.last_day, d("2025-06-12"));
}

TEST(PublicityPeriod, BeyondTheDataIsMarkedEstimated) {
  const auto p = qaward::compute_publicity(shipped(), t("2026-12-28T10:00"), five(Region::national));
  EXPECT_TRUE(p.estimated);
  EXPECT_EQ(p.last_day, d("2027-01-04"));
  EXPECT_TRUE(qaward::compute_publicity(shipped(), t("2026-05-20T10:00"), five(Region::xinjiang)).estimated);
}

TEST(PublicityStatus, NotStartedRunningAndCompleteAroundTheExactEnd) {
  const auto p = qaward::compute_publicity(shipped(), t("2025-09-26T16:00"), five());
  const auto& c = shipped();
  const auto before = qaward::publicity_status(c, p, t("2025-09-26T15:59"));
  EXPECT_EQ(before.state, PublicityState::not_started);
  EXPECT_EQ(before.remaining_working_days, 5);
  const auto posted = qaward::publicity_status(c, p, t("2025-09-26T16:00"));
  EXPECT_EQ(posted.state, PublicityState::running);
  EXPECT_EQ(posted.remaining_working_days, 5);
  const auto midway = qaward::publicity_status(c, p, t("2025-09-30T10:00"));
  EXPECT_EQ(midway.remaining_working_days, 3);  // 9/30, 10/9, 10/10
  EXPECT_EQ(midway.remaining_seconds, (10 * 24 + 14) * 3600);
  const auto last_second = qaward::publicity_status(c, p, t("2025-10-10T23:59:59"));
  EXPECT_EQ(last_second.state, PublicityState::running);
  EXPECT_EQ(last_second.remaining_seconds, 1);
  EXPECT_EQ(last_second.remaining_working_days, 1);
  EXPECT_EQ(qaward::publicity_status(c, p, t("2025-10-11T00:00")).state, PublicityState::complete);
  // The same instant from a device set to Asia/Urumqi (UTC+6).
  EXPECT_EQ(qaward::publicity_status(c, p, t("2025-10-10T22:00:00+06:00")).state, PublicityState::complete);
  EXPECT_EQ(qaward::publicity_status(c, p, t("2025-10-10T21:59:59+06:00")).state, PublicityState::running);
}

TEST(ProcedureTimeline, NineStagesEachPublicityAtLeastFiveWorkingDays) {
  auto rules = qaward::load_edition("urumqi-2025-draft", qaward::test::asset_editions());
  ASSERT_TRUE(rules.ok());
  const auto& procedure = rules.value().procedure;
  const auto timeline = qaward::compute_timeline(shipped(), procedure, d("2026-03-02"), Region::xinjiang);
  ASSERT_EQ(timeline.stages.size(), 9u);
  EXPECT_EQ(timeline.stages.front().start, d("2026-03-02"));
  int publicity_stages = 0;
  for (std::size_t i = 0; i < timeline.stages.size(); ++i) {
    const auto& s = timeline.stages[i];
    EXPECT_LE(s.start, s.end);
    if (i > 0) {
      EXPECT_EQ(s.start, shipped().next_working_day(timeline.stages[i - 1].end, Region::xinjiang));
    }
    if (s.publicity_first) {
      ++publicity_stages;
      EXPECT_EQ(shipped().count_working_days(*s.publicity_first, *s.publicity_last, Region::xinjiang), 5) << s.stage->number;
      EXPECT_GT(*s.publicity_first, s.work_end);
    }
  }
  EXPECT_EQ(publicity_stages, 4);  // (二) (三) (四) (八)
}

// Article 13: the office forwards within 3 working days, the report follows within 5.
TEST(ObjectionDeadlines, CountWorkingDaysFromReceiptAndForwarding) {
  auto rules = qaward::load_edition("urumqi-2025-draft", qaward::test::asset_editions());
  ASSERT_TRUE(rules.ok());
  qaward::Objection o;
  o.received_on = d("2025-09-30");
  const auto open = qaward::objection_deadlines(shipped(), rules.value().procedure, o, Region::xinjiang);
  EXPECT_EQ(open.forward_by, d("2025-10-11"));  // 10/9, 10/10 and the adjusted Saturday 10/11
  EXPECT_EQ(open.report_by, d("2025-10-17"));
  o.forwarded_on = d("2025-10-09");
  const auto forwarded = qaward::objection_deadlines(shipped(), rules.value().procedure, o, Region::xinjiang);
  EXPECT_EQ(forwarded.report_by, d("2025-10-15"));  // 10/10, 10/11 (adjusted Saturday), 10/13, 10/14, 10/15
}

// "--close-of-business 00:00" made a period of 5 working days end as its 5th
// day began: 4 days. A close of business must be a plausible end of the day.
// One reading of an objection log for the packager and the verifier (issue 12).
TEST(ObjectionProblems, OutOfOrderDatesAndOpenObjectionsAsOfThePackagingDay) {
  using qaward::ObjectionProblem;
  const Date day{2026, 3, 16};
  qaward::Objection o;
  o.received_on = {2026, 3, 10};
  EXPECT_EQ(qaward::objection_problems(o, day), std::vector{ObjectionProblem::open});  // nothing written yet
  o.resolution = "已核实，不影响申报";
  EXPECT_TRUE(qaward::objection_problems(o, day).empty());  // resolved, date not given
  o.resolved_on = day;
  EXPECT_TRUE(qaward::objection_problems(o, day).empty());  // resolved on the packaging day: not open
  o.resolved_on = Date{2026, 3, 17};
  EXPECT_EQ(qaward::objection_problems(o, day), std::vector{ObjectionProblem::open});  // only after packaging
  o.resolved_on = Date{2026, 3, 9};
  o.forwarded_on = Date{2026, 3, 9};
  EXPECT_EQ(qaward::objection_problems(o, day),
            (std::vector{ObjectionProblem::forwarded_before_received, ObjectionProblem::resolved_before_received}));
}

TEST(PublicityCloseOfBusiness, MidnightAndMorningTimesAreRefusedNamingTheRange) {
  for (const char* text : {"00:00", "09:00", "11:59"}) {
    SCOPED_TRACE(text);
    const auto record = qaward::publicity_record_from_json({{"posted_at", "2025-11-03T09:00"}, {"close_of_business", text}}, "/publicity");
    ASSERT_FALSE(record.ok());
    EXPECT_EQ(record.diagnostics().at(0).key, "input.implausible_close_of_business");
    EXPECT_EQ(record.diagnostics().at(0).where, "/publicity/close_of_business");
    EXPECT_EQ(record.diagnostics().at(0).params.at("earliest"), "12:00");
    EXPECT_EQ(record.diagnostics().at(0).params.at("latest"), "23:59");
  }
  for (const auto& [text, seconds] : std::vector<std::pair<const char*, int>>{{"12:00", 12 * 3600}, {"19:30", 19 * 3600 + 1800}, {"23:59", 23 * 3600 + 59 * 60}}) {
    SCOPED_TRACE(text);
    const auto parsed = qaward::parse_close_of_business(text, "--close-of-business");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.value(), seconds);
  }
  for (const char* text : {"24:00", "7:30", "19:30:00", "noon"}) {
    SCOPED_TRACE(text);
    const auto parsed = qaward::parse_close_of_business(text, "--close-of-business");
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.diagnostics().at(0).key, "input.bad_time");
    EXPECT_EQ(parsed.diagnostics().at(0).where, "--close-of-business");
  }
}

}  // namespace
