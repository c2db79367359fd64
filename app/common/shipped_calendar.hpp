#pragma once
// The working-day calendar shipped with the program (assets/calendar/).
#include "qaward/calendar.hpp"

namespace qaward {

// Parsed once; the embedded files are checked by the tests, so a failure here
// is a build defect and is reported through the result.
[[nodiscard]] const Result<Calendar>& shipped_calendar();

}  // namespace qaward
