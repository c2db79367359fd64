#include "qaward/timeline.hpp"

namespace qaward {

Timeline compute_timeline(const Calendar& calendar, const Procedure& procedure, const Date& start, Region region) {
  Timeline timeline;
  std::optional<Date> previous_end;
  for (const auto& stage : procedure.stages) {
    TimelineStage t;
    t.stage = &stage;
    t.start = previous_end ? calendar.next_working_day(*previous_end, region) : start;
    // The start day is the stage's first working day when it is one.
    const bool start_counts = calendar.is_working_day(t.start, region);
    const int work = stage.assumed_working_days;
    t.work_end = work <= 0 ? t.start : calendar.add_working_days(t.start, start_counts ? work - 1 : work, region);
    t.end = t.work_end;
    if (stage.publicity) {
      t.publicity_first = calendar.next_working_day(t.work_end, region);
      t.publicity_last = calendar.add_working_days(*t.publicity_first, procedure.publicity_working_days - 1, region);
      t.end = *t.publicity_last;
    }
    timeline.estimated = timeline.estimated || calendar.any_estimated(t.start, t.end, region);
    previous_end = t.end;
    timeline.stages.push_back(t);
  }
  return timeline;
}

std::vector<ObjectionProblem> objection_problems(const Objection& o, const Date& on) {
  std::vector<ObjectionProblem> out;
  if (o.forwarded_on && *o.forwarded_on < o.received_on) out.push_back(ObjectionProblem::forwarded_before_received);
  if (o.resolved_on && *o.resolved_on < o.received_on) out.push_back(ObjectionProblem::resolved_before_received);
  const bool open = o.resolved_on ? *o.resolved_on > on : o.resolution.empty();
  if (open) out.push_back(ObjectionProblem::open);
  return out;
}

ObjectionDeadlines objection_deadlines(const Calendar& calendar, const Procedure& procedure, const Objection& objection,
                                       Region region) {
  ObjectionDeadlines d;
  d.forward_by = calendar.add_working_days(objection.received_on, procedure.objection_forward_working_days, region);
  const Date forwarded = objection.forwarded_on.value_or(d.forward_by);
  d.report_by = calendar.add_working_days(forwarded, procedure.objection_investigation_working_days, region);
  d.estimated = calendar.any_estimated(objection.received_on, d.report_by, region);
  return d;
}

}  // namespace qaward
