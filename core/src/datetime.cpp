#include "qaward/datetime.hpp"

#include <cstdio>

namespace qaward {

namespace {

std::optional<int> digits(std::string_view text, std::size_t from, std::size_t count) {
  if (from + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<DateTime> parse_datetime(std::string_view text) {
  const auto date = parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  if (text.size() == 10) return DateTime{*date, 0};
  if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
  const auto hour = digits(text, 11, 2);
  const auto minute = digits(text, 14, 2);
  if (!hour || !minute || text.size() < 16 || text[13] != ':') return std::nullopt;
  std::size_t i = 16;
  int second = 0;
  if (i < text.size() && text[i] == ':') {
    const auto s = digits(text, i + 1, 2);
    if (!s) return std::nullopt;
    second = *s;
    i += 3;
    // Fractions of a second are accepted and dropped.
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
      ++i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    }
  }
  const bool end_of_day = *hour == 24 && *minute == 0 && second == 0;
  if ((*hour > 23 && !end_of_day) || *minute > 59 || second > 59) return std::nullopt;
  int offset = kBeijingOffsetSeconds;  // bare local time is Beijing time
  if (i < text.size()) {
    if (text[i] == 'Z' && i + 1 == text.size()) {
      offset = 0;
    } else if ((text[i] == '+' || text[i] == '-') && i + 6 == text.size() && text[i + 3] == ':') {
      const auto oh = digits(text, i + 1, 2);
      const auto om = digits(text, i + 4, 2);
      if (!oh || !om || *oh > 14 || *om > 59) return std::nullopt;
      offset = (text[i] == '-' ? -1 : 1) * (*oh * 3600 + *om * 60);
    } else {
      return std::nullopt;
    }
  }
  const std::int64_t local = to_days(*date) * 86400 + *hour * 3600 + *minute * 60 + second;
  const auto beijing = beijing_datetime(local - offset);
  // An offset or 24:00 must not carry the date out of the accepted years.
  if (beijing.date.year < kFirstYear || beijing.date.year > kLastYear) return std::nullopt;
  return beijing;
}

std::string to_iso(const DateTime& time) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d+08:00", to_string(time.date).c_str(), time.seconds / 3600,
                time.seconds / 60 % 60, time.seconds % 60);
  return buffer;
}

std::int64_t to_unix(const DateTime& time) {
  return to_days(time.date) * 86400 + time.seconds - kBeijingOffsetSeconds;
}

DateTime beijing_datetime(std::int64_t unix_seconds) {
  const std::int64_t local = unix_seconds + kBeijingOffsetSeconds;
  const std::int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  return DateTime{from_days(day), static_cast<int>(local - day * 86400)};
}

Date beijing_date(std::int64_t unix_seconds) { return beijing_datetime(unix_seconds).date; }

DateTime end_of_day(const Date& date) { return DateTime{add_days(date, 1), 0}; }

}  // namespace qaward
