#pragma once
// Deadlines of the procedure: the stages (一) to (九) of Article 11 with their
// earliest dates, and the objection deadlines of Article 13.
#include <optional>
#include <string>
#include <vector>

#include "qaward/calendar.hpp"
#include "qaward/rules.hpp"

namespace qaward {

struct TimelineStage {
  const ProcedureStage* stage = nullptr;  // points into the RuleSet's procedure
  Date start;
  Date work_end;                  // after the stage's assumed working days
  std::optional<Date> publicity_first;  // the stage's publicity, if it has one
  std::optional<Date> publicity_last;
  Date end;
};

struct Timeline {
  std::vector<TimelineStage> stages;
  bool estimated = false;  // some date lies outside the calendar data
};

// Each stage starts on the first working day after the previous one ends (the
// first on `start`), takes its assumed working days, then its publicity of
// at least N working days where it has one.
[[nodiscard]] Timeline compute_timeline(const Calendar& calendar, const Procedure& procedure, const Date& start,
                                        Region region);

// Article 13: an objection received on a day is forwarded by the office
// within 3 working days of receipt, and the recommending office reports
// within 5 working days of receiving it (the day of receipt not counted).
struct Objection {
  Date received_on;
  std::string from;
  std::string summary;
  std::string resolution;          // empty while open
  std::optional<Date> forwarded_on;
  std::optional<Date> resolved_on;
};

struct ObjectionDeadlines {
  Date forward_by;
  Date report_by;  // from the forwarding day, or from forward_by while not forwarded
  bool estimated = false;
};

[[nodiscard]] ObjectionDeadlines objection_deadlines(const Calendar& calendar, const Procedure& procedure,
                                                     const Objection& objection, Region region);

// What is wrong with an objection as of `on` (the packaging date): dated
// before its receipt (Article 13 counts from receipt), or still open: no
// resolution written and no resolution date, or resolved only after `on`.
// The packager warns the applicant, the verifier the reviewer, from this one
// reading.
enum class ObjectionProblem { forwarded_before_received, resolved_before_received, open };
[[nodiscard]] std::vector<ObjectionProblem> objection_problems(const Objection& objection, const Date& on);

}  // namespace qaward
