#include "shipped_calendar.hpp"

#include <string>

#include "embedded_assets.hpp"

namespace qaward {

const Result<Calendar>& shipped_calendar() {
  static const Result<Calendar> calendar = [] {
    const auto national = find_asset("calendar/national.json");
    const auto xinjiang = find_asset("calendar/xinjiang.json");
    if (!national || !xinjiang) {
      return Result<Calendar>(std::vector{make_error("calendar.missing", "", {{"file", "assets/calendar"}})});
    }
    return Calendar::parse(*national, *xinjiang);
  }();
  return calendar;
}

}  // namespace qaward
