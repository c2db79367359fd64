#pragma once
// Date-times in Beijing time (UTC+8). Official time in Xinjiang is Beijing
// time; devices there may be set to Asia/Urumqi (UTC+6), so nothing here
// uses the device's zone: inputs carry an offset or are Beijing local time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qaward/date.hpp"

namespace qaward {

struct DateTime {
  Date date;
  int seconds = 0;  // since Beijing midnight, 0..86399

  friend auto operator<=>(const DateTime&, const DateTime&) = default;
};

inline constexpr int kBeijingOffsetSeconds = 8 * 3600;

// ISO 8601: "YYYY-MM-DD" (midnight), "YYYY-MM-DDTHH:MM[:SS]" (Beijing local;
// a space may stand for T), either followed by "Z" or "+HH:MM" / "-HH:MM",
// which is converted to Beijing time. "T24:00" is the end of that day. The
// Beijing date must lie in the years parse_date accepts.
[[nodiscard]] std::optional<DateTime> parse_datetime(std::string_view text);

// "2026-03-06T14:30:00+08:00".
[[nodiscard]] std::string to_iso(const DateTime& time);

[[nodiscard]] std::int64_t to_unix(const DateTime& time);
[[nodiscard]] DateTime beijing_datetime(std::int64_t unix_seconds);
// The civil date in Beijing of a Unix time, whatever the device's zone.
[[nodiscard]] Date beijing_date(std::int64_t unix_seconds);

// The start of the day after `date`: "24:00" of `date`.
[[nodiscard]] DateTime end_of_day(const Date& date);

}  // namespace qaward
