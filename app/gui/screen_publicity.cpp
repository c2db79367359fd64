// [SECTION] Internal publicity (Article 11(2)): the posting date and time, the
// computed period with its explicit dates, a month calendar of the period,
// and a live countdown in Beijing time, redrawn once a second while running.
#include <imgui.h>
#include <misc/cpp/imgui_stdlib.h>

#include "app.hpp"
#include "widgets.hpp"

namespace qaward::gui {

namespace {

ImVec4 day_color(DayKind kind) {
  switch (kind) {
    case DayKind::holiday: return {0.80f, 0.20f, 0.20f, 1.0f};
    case DayKind::regional_holiday: return {0.70f, 0.30f, 0.60f, 1.0f};
    case DayKind::weekend: return {0.55f, 0.55f, 0.55f, 1.0f};
    case DayKind::adjusted_working_day:
    case DayKind::regional_adjusted_working_day: return {0.85f, 0.50f, 0.05f, 1.0f};
    case DayKind::working_day: break;
  }
  return {0.1f, 0.1f, 0.1f, 1.0f};
}

}  // namespace

// A month grid (Monday first) from the posting day's month to the last day's.
void month_calendar(AppState& state, const PublicityPeriod& period) {
  const Catalog& t = state.text();
  const Calendar& calendar = *state.services.calendar;
  Date month{period.posted.date.year, period.posted.date.month, 1};
  const Date last{period.last_day.year, period.last_day.month, 1};
  while (month <= last) {
    widgets::text(t.text("pub.month", {{"year", std::to_string(month.year)}, {"month", std::to_string(month.month)}}));
    const ImVec2 size(std::min(ImGui::GetFontSize() * 28.0f, ImGui::GetContentRegionAvail().x), 0.0f);
    const std::string month_name = t.text("pub.month", {{"year", std::to_string(month.year)}, {"month", std::to_string(month.month)}});
    if (widgets::begin_table(("##m" + to_string(month)).c_str(), month_name, 7, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame, size)) {
      for (const char* key : {"pub.mon", "pub.tue", "pub.wed", "pub.thu", "pub.fri", "pub.sat", "pub.sun"}) {
        ImGui::TableSetupColumn(t.text(key).c_str());
      }
      widgets::table_headers();
      const int lead = iso_weekday(month);
      for (int i = 0; i < lead; ++i) ImGui::TableNextColumn();
      for (int d = 1; d <= days_in_month(month.year, month.month); ++d) {
        ImGui::TableNextColumn();
        const Date date{month.year, month.month, d};
        const auto info = calendar.day(date, period.options.region);
        int number = 0;
        for (const auto& pd : period.days) {
          if (pd.info.date == date) number = pd.number;
        }
        if (number > 0) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ImGui::GetColorU32(ImVec4(0.85f, 0.92f, 1.0f, 1.0f)));
        widgets::text_colored(day_color(info.kind), number > 0 ? std::to_string(d) + " [" + std::to_string(number) + "]" : std::to_string(d));
        // The day's kind and name: a tooltip, and on the page the cell's
        // description, reachable with the keyboard (issue 15).
        const bool en = state.language == Language::en;
        std::string tip = to_string(date) + "  " + t.text(std::string("cal.kind.") + to_string(info.kind));
        if (!info.name.empty()) tip += " (" + (en && !info.name_en.empty() ? info.name_en : info.name) + ")";
        if (info.estimated) tip += "\n" + t.text("pub.estimated_day");
        widgets::tooltip(tip);
      }
      ImGui::EndTable();
    }
    month = add_months(month, 1);
  }
  widgets::colored_wrapped(widgets::kMuted, t.text("pub.legend"));
}

// The objection log (Articles 12-13) with the office's deadlines.
void objection_log(AppState& state, const PublicityEditor& editor) {
  const Catalog& t = state.text();
  widgets::heading(t.text("obj.title"));
  if (state.services.rules != nullptr) widgets::help_marker(t.text("ui.law_words", {{"text", state.services.rules->procedure.objection_excerpt}}));
  const auto& list = editor.record.objections;
  const auto& edit = editor.edit;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& o = list[i];
    ImGui::PushID(static_cast<int>(i));
    const std::string field = editor.id + "objection." + std::to_string(i);
    widgets::text(t.text("obj.received"));
    widgets::same_line(ImGui::GetFontSize() * 8.0f);
    if (auto v = widgets::date_field(state, (field + ".received").c_str(), o.received_on); v && *v) {
      edit([i, date = **v](PublicityRecord& r) { r.objections[i].received_on = date; });
    }
    if (editor.in_draft) reveal_field(state, "/publicity/objections/" + std::to_string(i));
    widgets::same_line(widgets::button_width(t.text("ui.remove")));
    if (widgets::button(t.text("ui.remove"), true)) {
      edit([i](PublicityRecord& r) { r.objections.erase(r.objections.begin() + static_cast<std::ptrdiff_t>(i)); });
    }
    for (const auto& [key, member] : {std::pair{"obj.from", &Objection::from}, {"obj.summary", &Objection::summary},
                                      {"obj.resolution", &Objection::resolution}}) {
      std::string text = o.*member;
      widgets::item_width(-1.0f);
      if (widgets::input_text((std::string("##") + key).c_str(), t.text(key).c_str(), &text)) {
        edit([i, member = member, text](PublicityRecord& r) { r.objections[i].*member = text; });
      }
    }
    if (state.services.calendar != nullptr && state.services.rules != nullptr) {
      const auto deadlines = objection_deadlines(*state.services.calendar, state.services.rules->procedure, o, editor.record.region);
      widgets::colored_wrapped(widgets::kMuted, t.text("obj.deadlines", {{"forward", to_string(deadlines.forward_by)}, {"report", to_string(deadlines.report_by)}}));
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  if (widgets::button(t.text("obj.add"), true)) {
    edit([today = state.now.date](PublicityRecord& r) {
      Objection o;
      o.received_on = today;
      r.objections.push_back(o);
    });
  }
  record_item(state, (editor.id + "add_objection").c_str());
}

void publicity_form(AppState& state, const PublicityEditor& editor) {
  const Catalog& t = state.text();
  const auto& form = editor.record;
  const auto& edit = editor.edit;
  const std::string posted_id = editor.id + "posted_at";
  widgets::text(t.text("pub.posted_at"));
  widgets::help_marker(t.text("pub.posted_at_hint"));
  auto [it, inserted] = state.ui.buffers.try_emplace(posted_id, form.posted_at ? to_iso(*form.posted_at).substr(0, 16) : std::string());
  widgets::item_width(ImGui::GetFontSize() * 12.0f);
  if (widgets::input_text(("##" + posted_id).c_str(), "2026-03-06T15:00", &it->second, 0, false)) {
    const auto parsed = parse_datetime(it->second);
    if (parsed || it->second.empty()) edit([parsed](PublicityRecord& r) { r.posted_at = parsed; });
  }
  record_item(state, posted_id.c_str());
  if (editor.in_draft) reveal_field(state, "/publicity/posted_at", true);
  if (!it->second.empty() && !parse_datetime(it->second)) {
    widgets::same_line(ImGui::GetFontSize() * 8.0f);
    widgets::colored_wrapped(widgets::kBad, t.text("input.bad_datetime", {{"found", it->second}}));
  }
  widgets::same_line(widgets::button_width(t.text("pub.now")));
  if (widgets::button(t.text("pub.now"), true)) {
    DateTime now = state.now;
    now.seconds -= now.seconds % 60;
    it->second = to_iso(now).substr(0, 16);
    edit([now](PublicityRecord& r) { r.posted_at = now; });
  }
  record_item(state, (editor.id + "posted_now").c_str());
  bool counts = form.posting_day_counts;
  if (widgets::checkbox(t.text("pub.posting_day_counts"), &counts)) edit([counts](PublicityRecord& r) { r.posting_day_counts = counts; });
  widgets::help_marker(t.text("pub.posting_day_counts_hint"));
  bool close = form.close_of_business.has_value();
  if (widgets::checkbox(t.text("pub.close_of_business"), &close)) {
    edit([close](PublicityRecord& r) { r.close_of_business = close ? std::optional<int>(19 * 3600 + 30 * 60) : std::nullopt; });
  }
  widgets::help_marker(t.text("pub.close_of_business_hint"));
  bool national = form.region == Region::national;
  if (widgets::checkbox(t.text("pub.national_only"), &national)) {
    edit([national](PublicityRecord& r) { r.region = national ? Region::national : Region::xinjiang; });
  }
  ImGui::Spacing();
  for (const auto& [key, member] : {std::pair{"pub.where", &PublicityRecord::where}, {"pub.department", &PublicityRecord::department},
                                    {"pub.person", &PublicityRecord::person}, {"pub.phone", &PublicityRecord::phone}}) {
    // The label beside its field where both fit, above it on a phone.
    widgets::text(t.text(key));
    if (ImGui::GetContentRegionAvail().x >= ImGui::GetFontSize() * 16.0f) ImGui::SameLine(ImGui::GetFontSize() * 8.0f);
    if (auto v = widgets::text_field(state, (editor.id + key).c_str(), form.*member, ImGui::GetFontSize() * 20.0f)) {
      edit([member = member, v = *v](PublicityRecord& r) { r.*member = v; });
    }
    if (editor.in_draft) reveal_field(state, std::string("/publicity/") + (key + 4), true);  // "pub.where" is /publicity/where
  }
}

void publicity_countdown(AppState& state, const PublicityEditor& editor, const PublicityPeriod& period, const std::string& complete) {
  const Catalog& t = state.text();
  widgets::heading(t.text("cli.publicity.period", {{"first", chinese_date(period.first_day)}, {"end", chinese_end_time(period)},
                                                    {"first_iso", to_string(period.first_day)}, {"last_iso", to_string(period.last_day)},
                                                    {"days", std::to_string(period.options.working_days)}}));
  record_item(state, (editor.id + "period").c_str());
  const bool en = state.language == Language::en;
  widgets::colored_wrapped(widgets::kMuted, t.text("pub.exact_end", {{"end", en ? english_end_time(period) : chinese_end_time(period)}}));
  if (period.estimated) widgets::colored_wrapped(widgets::kWarn, t.text("cal.estimated_xinjiang", {{"from", "2004"}, {"to", std::to_string(state.services.calendar->last_year())}}));
  const auto status = publicity_status(*state.services.calendar, period, state.now);
  const std::int64_t s = status.remaining_seconds;
  const std::string countdown = status.state == PublicityState::complete
      ? complete
      : t.text(std::string("pub.state.") + to_string(status.state),
               {{"days", std::to_string(status.remaining_working_days)},
                {"hours", std::to_string(s / 3600)}, {"minutes", std::to_string(s / 60 % 60)},
                {"seconds", std::to_string(s % 60)}, {"now", en ? english_clock(state.now) : chinese_clock(state.now)}});
  // The go-ahead only when no objection is open: a period that ended with one
  // unsettled says so instead (Articles 12-13).
  const std::size_t open = open_objections(editor.record, state.now.date).size();
  if (status.state == PublicityState::complete && open > 0) {
    widgets::status_text(widgets::kWarn, t.text("pub.state.complete_objections_open", {{"n", std::to_string(open)}}));
  } else if (status.state == PublicityState::complete) {
    widgets::status_text(widgets::kGood, countdown);
  } else {  // a countdown: not read out every second
    widgets::colored_wrapped(widgets::kAccent, countdown);
  }
  record_item(state, (editor.id + "countdown").c_str());
  // The countdown ticks once a second while the period runs, and only then.
  state.ui.wants_tick = state.ui.wants_tick || status.state != PublicityState::complete;
}

void screen_publicity(AppState& state) {
  const Catalog& t = state.text();
  const PublicityEditor editor{publicity_of(state.draft),
                               [&state](std::function<void(PublicityRecord&)> change) {
                                 state.edit([change = std::move(change)](Draft& d) { change(edit_publicity(d)); });
                               },
                               "", true};
  widgets::heading(t.text("nav.publicity"), 1);
  if (state.services.rules != nullptr) widgets::help_marker(t.text("ui.law_words", {{"text", state.services.rules->procedure.publicity_excerpt}}));
  ImGui::Separator();
  publicity_form(state, editor);
  ImGui::Separator();
  if (!state.publicity) {
    widgets::wrapped_text(t.text("pub.no_date"));
    return;
  }
  publicity_countdown(state, editor, *state.publicity, t.text("pub.state.complete"));
  if (widgets::button(t.text("pub.print_notice"))) state.queue(OpenPublicityDocument{false});
  record_item(state, "print_notice");
  widgets::same_line(widgets::button_width(t.text("pub.print_statement")));
  if (widgets::button(t.text("pub.print_statement"))) state.queue(OpenPublicityDocument{true});
  if (!state.notice.text.empty() && state.notice.is_error) widgets::notice_text(true, state.notice.text);
  ImGui::Spacing();
  month_calendar(state, *state.publicity);
  ImGui::Spacing();
  objection_log(state, editor);
}

}  // namespace qaward::gui
