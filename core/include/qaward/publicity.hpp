#pragma once
// The publicity periods of Article 11: the applicant's internal publicity
// (11(2)) and every later stage run "不少于5个工作日" (at least N working days,
// N from the rule data). The counting choices are explicit, with safe
// defaults: the posting day does not count (民法典 201 reading; practice
// differs), and the period ends at 24:00 of its last day (民法典 203) unless a
// close-of-business time is given.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "qaward/calendar.hpp"
#include "qaward/datetime.hpp"
#include "qaward/diagnostic.hpp"
#include "qaward/timeline.hpp"

namespace qaward {

struct PublicityOptions {
  int working_days = 5;  // from the rule edition (procedure.publicity_working_days)
  bool posting_day_counts = false;
  std::optional<int> close_of_business;  // seconds after midnight; none = 24:00
  Region region = Region::xinjiang;
};

struct PublicityDay {
  DayInfo info;
  int number = 0;  // 1..N for the days that count, 0 otherwise
};

struct PublicityPeriod {
  DateTime posted;
  Date first_day;  // the first working day that counts
  Date last_day;   // the N-th
  DateTime end;    // the exact end, Beijing time
  bool estimated = false;  // some day lies outside the calendar data
  PublicityOptions options;
  std::vector<PublicityDay> days;  // from the posting day to the last day
};

[[nodiscard]] PublicityPeriod compute_publicity(const Calendar& calendar, const DateTime& posted,
                                                const PublicityOptions& options);

enum class PublicityState { not_started, running, complete };
[[nodiscard]] const char* to_string(PublicityState state);

struct PublicityStatus {
  PublicityState state = PublicityState::not_started;
  int remaining_working_days = 0;  // counting today while it is a working day of the period
  std::int64_t remaining_seconds = 0;
};

[[nodiscard]] PublicityStatus publicity_status(const Calendar& calendar, const PublicityPeriod& period,
                                               const DateTime& now);

// The applicant's record of its internal publicity (the "publicity" part of
// a draft): when and where it was posted, whom to contact, the objections.
struct PublicityRecord {
  std::optional<DateTime> posted_at;
  bool posting_day_counts = false;
  std::optional<int> close_of_business;  // seconds after midnight
  Region region = Region::xinjiang;
  std::string where;       // e.g. 公司公告栏及内网
  std::string department;  // who receives objections
  std::string person;
  std::string phone;
  std::vector<Objection> objections;
};

// A close-of-business time as the user writes it ("HH:MM"), in seconds after
// midnight. It must be a plausible end of an office day: from 12:00 to 23:59.
// 00:00 would end the period as its last day begins, a working day short
// (5 working days would become 4); a morning time would leave most of the
// last day out. Without one, the period ends at 24:00 (民法典 203).
// "input.bad_time" when it is not HH:MM, "input.implausible_close_of_business"
// when it lies outside that range; `where` names the input.
inline constexpr int kEarliestCloseOfBusiness = 12 * 3600;
inline constexpr int kLatestCloseOfBusiness = 23 * 3600 + 59 * 60;
[[nodiscard]] Result<int> parse_close_of_business(std::string_view text, const std::string& where);

// The counting a record states, for a period of `working_days` (the
// edition's procedure.publicity_working_days).
[[nodiscard]] PublicityOptions options_of(const PublicityRecord& record, int working_days);

// The objections of `record` still open on `day` (Article 13), by their
// number (1, 2, ...).
[[nodiscard]] std::vector<std::size_t> open_objections(const PublicityRecord& record, const Date& day);

// Reads a publicity record; `path` is its JSON pointer in the draft.
[[nodiscard]] Result<PublicityRecord> publicity_record_from_json(const nlohmann::json& value, const std::string& path);
// Writes one back: publicity_record_from_json(to_json(r)) gives r.
[[nodiscard]] nlohmann::json to_json(const PublicityRecord& record);

// "2026年3月6日" and "24时" / "17时30分": the wording of notices.
[[nodiscard]] std::string chinese_date(const Date& date);
// "2026年3月16日 10:00" (Beijing time), for printed documents.
[[nodiscard]] std::string chinese_date_time(const DateTime& time);
[[nodiscard]] std::string chinese_end_time(const PublicityPeriod& period);
// The same in English: "14 March 2026", "24:00 on 13 March 2026",
// "10:00:05 on 16 March 2026" (seconds for a clock on screen).
[[nodiscard]] std::string english_date(const Date& date);
[[nodiscard]] std::string english_end_time(const PublicityPeriod& period);
[[nodiscard]] std::string english_clock(const DateTime& time);
// "2026年3月16日 10:00:05": a clock on screen.
[[nodiscard]] std::string chinese_clock(const DateTime& time);
// An instant in a message's words: "2026年3月16日 10:00" / "10:00 on 16 March
// 2026"; a midnight is the end of the day before ("2026年3月13日24时" /
// "24:00 on 13 March 2026"), as a period ends (民法典 203).
[[nodiscard]] std::string chinese_instant(const DateTime& time);
[[nodiscard]] std::string english_instant(const DateTime& time);
// Both as a message's parameters: {name} (Chinese) and {name_en}.
[[nodiscard]] Params instant_params(const std::string& name, const DateTime& time);

}  // namespace qaward
