#include "qaward/assessment.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "json_reader.hpp"
#include "score_reader.hpp"
#include "qaward/documents.hpp"
#include "qaward/json_text.hpp"
#include "qaward/text.hpp"

namespace qaward {

namespace {

using nlohmann::json;
using detail::int_of;
using detail::text_of;

BilingualText bilingual(const json& object) {
  return object.is_object() ? BilingualText{text_of(object, "zh"), text_of(object, "en")} : BilingualText{};
}
std::vector<std::string> strings(const json& list) {
  std::vector<std::string> out;
  if (list.is_array()) {
    for (const auto& s : list) {
      if (s.is_string()) out.push_back(s.get<std::string>());
    }
  }
  return out;
}

// A whole number from `min` to `max`, or nullopt: read as a 64-bit value
// first, so that 4294967300 is not taken for 4 nor -1 for 4294967295.
std::optional<int> int_within(const json* value, int min, int max) {
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  if (value->is_number_unsigned() && (max < 0 || value->get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
    return std::nullopt;
  }
  const auto n = value->get<std::int64_t>();
  return n >= min && n <= max ? std::optional<int>(static_cast<int>(n)) : std::nullopt;
}

Diagnostic model_error(std::string where, std::string found = {}) {
  return make_error("criteria.bad_model", std::move(where), {{"found", std::move(found)}});
}

std::vector<ScoringBand> read_bands(const json& list, const std::string& where, std::vector<Diagnostic>& errors) {
  std::vector<ScoringBand> bands;
  if (list.is_array()) {
    for (const auto& b : list) bands.push_back({int_of(b, "min"), int_of(b, "max"), {text_of(b, "zh"), text_of(b, "en")}});
  }
  // Six bands, in order, covering 0-100 in 5 % steps without gaps.
  bool ok = bands.size() == 6 && bands.front().min == 0 && bands.back().max == 100;
  for (std::size_t i = 0; ok && i < bands.size(); ++i) {
    ok = bands[i].min <= bands[i].max && bands[i].min % 5 == 0 && bands[i].max % 5 == 0 &&
         (i == 0 || bands[i].min == bands[i - 1].max + 5);
  }
  if (!ok) errors.push_back(model_error(where));
  return bands;
}

// sum / count in hundredths, rounded half up (percents are never negative).
std::int64_t mean_centi(std::int64_t sum, int count) {
  return (sum * 200 + count) / (2 * static_cast<std::int64_t>(count));
}

// Per item in model order, the raters' scores (in the order the raters are
// listed) and their statistics. Scores of raters not listed are not counted
// (the reader refuses them).
std::vector<ItemAgreement> compare_raters(const Assessment& assessment, const Criteria& criteria) {
  std::map<std::string_view, std::size_t> position;
  for (std::size_t i = 0; i < assessment.raters.size(); ++i) position.emplace(assessment.raters[i].id, i);
  std::map<std::string_view, std::vector<std::pair<std::size_t, int>>> by_item;  // item -> (rater position, percent)
  for (const auto& score : assessment.scores) {
    if (!score.rater) continue;
    if (const auto it = position.find(*score.rater); it != position.end()) by_item[score.item].emplace_back(it->second, score.percent);
  }
  std::vector<ItemAgreement> out;
  for (const auto& category : criteria.categories) {
    for (const auto& item : category.items) {
      auto& scores = by_item[item.id];
      std::sort(scores.begin(), scores.end());
      std::vector<std::pair<const Rater*, int>> values;
      for (const auto& [rater, percent] : scores) values.emplace_back(&assessment.raters[rater], percent);
      ItemAgreement g;
      static_cast<Agreement&>(g) = agreement_of(values);
      g.item = &item;
      out.push_back(std::move(g));
    }
  }
  return out;
}

}  // namespace

// [SECTION] The model

const CriteriaItem* Criteria::find_item(std::string_view id) const {
  for (const auto& c : categories) {
    for (const auto& i : c.items) {
      if (i.id == id) return &i;
    }
  }
  return nullptr;
}

Result<Criteria> parse_criteria(std::string_view json_text) {
  const auto parsed = parse_json(json_text);
  if (!parsed.ok()) return parsed.diagnostics();
  const auto& doc = parsed.value();
  if (!doc.is_object()) return std::vector{model_error("")};
  std::vector<Diagnostic> errors;
  if (text_of(doc, "format") != "qaward-criteria/1") errors.push_back(model_error("/format"));
  Criteria c;
  c.model = text_of(doc, "model");
  c.title = bilingual(doc.value("title", json::object()));
  c.total_points = int_of(doc, "total_points");
  c.provenance = doc.value("provenance", json::object());
  const json bands = doc.value("bands", json::object());
  c.process_bands = read_bands(bands.value("process", json::array()), "/bands/process", errors);
  c.results_bands = read_bands(bands.value("results", json::array()), "/bands/results", errors);
  const json categories = doc.value("categories", json::array());
  int sum = 0;
  std::set<std::string> ids;
  for (std::size_t ci = 0; categories.is_array() && ci < categories.size(); ++ci) {
    const auto& cj = categories[ci];
    CriteriaCategory category{text_of(cj, "id"), text_of(cj, "name"), text_of(cj, "name_en"), int_of(cj, "points"), {}};
    int item_sum = 0;
    const json items = cj.value("items", json::array());
    for (std::size_t ii = 0; items.is_array() && ii < items.size(); ++ii) {
      const auto& ij = items[ii];
      const auto type = text_of(ij, "type");
      const json prompts = ij.value("prompts", json::object());
      CriteriaItem item{text_of(ij, "id"), text_of(ij, "name"), text_of(ij, "name_en"), int_of(ij, "points"),
                        type == "results", strings(prompts.value("zh", json::array())),
                        strings(prompts.value("en", json::array())), category.id};
      const std::string where = "/categories/" + std::to_string(ci) + "/items/" + std::to_string(ii);
      if (item.id.empty() || item.points <= 0 || (type != "process" && type != "results") || !ids.insert(item.id).second) {
        errors.push_back(model_error(where, item.id));
      }
      item_sum += item.points;
      category.items.push_back(std::move(item));
    }
    if (item_sum != category.points || category.items.empty()) {
      errors.push_back(model_error("/categories/" + std::to_string(ci) + "/points",
                                   category.id + ": " + std::to_string(item_sum) + " != " + std::to_string(category.points)));
    }
    sum += category.points;
    c.categories.push_back(std::move(category));
  }
  if (sum != c.total_points || c.total_points <= 0) {
    errors.push_back(model_error("/total_points", std::to_string(sum) + " != " + std::to_string(c.total_points)));
  }
  const json dims = doc.value("cqa_dimensions", json::object());
  c.dimensions_note = bilingual(dims.value("note", json::object()));
  c.rating_min = int_of(dims.value("scale", json::object()), "min");
  c.rating_max = int_of(dims.value("scale", json::object()), "max");
  for (const auto& d : dims.value("dimensions", json::array())) {
    c.dimensions.push_back({text_of(d, "id"), {text_of(d, "zh"), text_of(d, "en")}});
  }
  const json counters = doc.value("counters", json::object());
  c.overview_max = static_cast<std::size_t>(int_of(counters.value("overview", json::object()), "max"));
  c.report_max = static_cast<std::size_t>(int_of(counters.value("report", json::object()), "max"));
  c.counter_definition = bilingual(counters.value("definition", json::object()));
  if (c.dimensions.empty() || c.rating_min >= c.rating_max || c.overview_max == 0 || c.report_max == 0) {
    errors.push_back(model_error("/cqa_dimensions"));
  }
  if (!errors.empty()) return errors;
  return c;
}

// [SECTION] Scores and dimension ratings, as every format reads them

namespace detail {

std::optional<ItemScore> read_item_score(JsonReader& r, const json& score, const std::string& at, const Criteria& criteria) {
  if (!score.is_object()) {
    r.error("input.wrong_type", at, {{"found", describe(score)}, {"expected", "{ ... }"}});
    return std::nullopt;
  }
  const auto id = r.string(score, at, "item");
  if (!id) {
    r.error("input.missing_field", at + "/item", {{"expected", "4.1.2"}});
    return std::nullopt;
  }
  const CriteriaItem* model_item = criteria.find_item(*id);
  if (model_item == nullptr) {
    r.error("assess.unknown_item", at + "/item", {{"found", *id}});
    return std::nullopt;
  }
  const auto* band = r.member(score, "band");
  const auto* percent = r.member(score, "percent");
  const auto band_value = int_within(band, 1, 6);
  const auto percent_value = int_within(percent, 0, 100);
  if (!band_value) {
    r.error("assess.bad_band", at + "/band", {{"item", *id}, {"found", band ? describe(*band) : "(none)"}});
    return std::nullopt;
  }
  if (!percent_value) {
    r.error("assess.bad_percent", at + "/percent", {{"item", *id}, {"found", percent ? describe(*percent) : "(none)"}});
    return std::nullopt;
  }
  ItemScore s;
  s.item = *id;
  s.band = *band_value;
  s.percent = *percent_value;
  const auto& range = criteria.bands(*model_item)[static_cast<std::size_t>(s.band - 1)];
  if (s.percent % 5 != 0) {
    r.error("assess.percent_not_step", at + "/percent",
            {{"item", *id}, {"found", std::to_string(s.percent)}, {"below", std::to_string(s.percent / 5 * 5)},
             {"above", std::to_string(s.percent / 5 * 5 + 5)}});
  } else if (s.percent < range.min || s.percent > range.max) {
    r.error("assess.percent_outside_band", at + "/percent",
            {{"item", *id}, {"found", std::to_string(s.percent)}, {"band", std::to_string(s.band)},
             {"min", std::to_string(range.min)}, {"max", std::to_string(range.max)}});
  }
  return s;
}

std::vector<DimensionRating> read_dimension_ratings(JsonReader& r, const json& dimensions, const std::string& path,
                                                    const Criteria& criteria, std::string_view text_key) {
  std::vector<DimensionRating> out;
  for (const auto& [name, value] : dimensions.items()) {
    const std::string key = name;  // clang 14 cannot capture structured bindings
    const auto at = path + "/" + key;
    const bool known = std::any_of(criteria.dimensions.begin(), criteria.dimensions.end(),
                                   [&](const CqaDimension& d) { return d.id == key; });
    if (!known) {
      r.error("assess.unknown_dimension", at, {{"found", key}});
      continue;
    }
    DimensionRating d{key, std::nullopt, r.string(value, at, text_key).value_or("")};
    if (const auto* rating = r.member(value, "rating")) {
      const auto whole = int_within(rating, criteria.rating_min, criteria.rating_max);
      if (!whole) {
        r.error("assess.bad_rating", at + "/rating", {{"found", describe(*rating)},
                                                     {"min", std::to_string(criteria.rating_min)},
                                                     {"max", std::to_string(criteria.rating_max)}});
      } else {
        d.rating = *whole;
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

json dimension_ratings_json(const std::vector<DimensionRating>& ratings, std::string_view text_key) {
  json out = json::object();
  for (const auto& d : ratings) {
    json item = {{text_key, d.evidence}};
    if (d.rating) item["rating"] = *d.rating;
    out[d.dimension] = std::move(item);
  }
  return out;
}

}  // namespace detail

// [SECTION] Reading an assessment

Result<Assessment> assessment_from_json(const json& doc, const Criteria& criteria, const std::string& path) {
  detail::JsonReader r;
  Assessment a;
  if (!doc.is_object()) {
    r.error("input.wrong_type", path.empty() ? "/" : path, {{"found", detail::describe(doc)}, {"expected", "{ ... }"}});
    return std::move(r.diagnostics);
  }
  if (const auto format = r.string(doc, path, "format"); format && *format != "qaward-assessment/1") {
    r.error("input.unknown_format", path + "/format", {{"found", *format}, {"expected", "qaward-assessment/1"}});
  }
  r.unknown_members(doc, path, {"format", "raters", "scores", "dimensions", "rater_dimensions", "overview", "report"});
  std::set<std::string> rater_ids;
  if (const auto* raters = r.array(doc, path, "raters")) {
    for (std::size_t i = 0; i < raters->size(); ++i) {
      const auto at = path + "/raters/" + std::to_string(i);
      const auto& item = (*raters)[i];
      r.unknown_members(item, at, {"id", "name", "group", "department"});
      const auto id = r.string(item, at, "id");
      const auto group = r.required_one_of(item, at, "group", {"leader", "staff"});
      if (!id || id->empty()) {
        r.error("input.missing_field", at + "/id", {{"expected", "\"text\""}});
        continue;
      }
      if (!rater_ids.insert(*id).second) r.error("assess.duplicate_rater", at + "/id", {{"found", *id}});
      if (group) {
        a.raters.push_back({*id, r.string(item, at, "name").value_or(""), *group, r.string(item, at, "department").value_or("")});
      }
    }
  }
  std::set<std::pair<std::string, std::string>> seen;  // (item, rater)
  if (const auto* scores = r.array(doc, path, "scores")) {
    for (std::size_t i = 0; i < scores->size(); ++i) {
      const auto at = path + "/scores/" + std::to_string(i);
      const auto& item = (*scores)[i];
      r.unknown_members(item, at, {"item", "rater", "band", "percent", "evidence", "strengths", "improvements", "attachments",
                                   "consensus", "provisional"});
      auto read = detail::read_item_score(r, item, at, criteria);
      if (!read) continue;
      ItemScore s = std::move(*read);
      s.rater = r.string(item, at, "rater");
      if (s.rater && !rater_ids.count(*s.rater)) {
        r.error("assess.unknown_rater", at + "/rater", {{"found", *s.rater}, {"item", s.item}});
      }
      if (!seen.insert({s.item, s.rater.value_or("")}).second) {
        r.error("assess.duplicate_score", at, {{"item", s.item}, {"rater", s.rater.value_or("")}});
      }
      s.evidence = r.string(item, at, "evidence").value_or("");
      s.strengths = r.string(item, at, "strengths").value_or("");
      s.improvements = r.string(item, at, "improvements").value_or("");
      s.consensus = r.string(item, at, "consensus").value_or("");
      s.provisional = r.boolean(item, at, "provisional").value_or(false);
      if (const auto* list = r.array(item, at, "attachments")) {
        for (const auto& x : *list) {
          if (x.is_string()) s.attachments.push_back(x.get<std::string>());
        }
      }
      a.scores.push_back(std::move(s));
    }
  }
  if (const auto* dims = r.object(doc, path, "dimensions")) {
    a.dimensions = detail::read_dimension_ratings(r, *dims, path + "/dimensions", criteria, "evidence");
  }
  if (const auto* by_rater = r.object(doc, path, "rater_dimensions")) {
    for (const auto& [id, ratings] : by_rater->items()) {
      const std::string at = path + "/rater_dimensions/" + id;
      if (!rater_ids.count(id)) {
        r.error("assess.unknown_rater", at, {{"found", id}, {"item", "CQA"}});
        continue;
      }
      if (!ratings.is_object()) {
        r.error("input.wrong_type", at, {{"found", detail::describe(ratings)}, {"expected", "{ ... }"}});
        continue;
      }
      a.rater_dimensions[id] = detail::read_dimension_ratings(r, ratings, at, criteria, "note");
    }
  }
  a.overview = r.string(doc, path, "overview").value_or("");
  a.report = r.string(doc, path, "report").value_or("");
  if (r.has_errors()) return std::move(r.diagnostics);
  return Result<Assessment>(std::move(a), std::move(r.diagnostics));
}

const ItemScore* find_agreed(const Assessment& assessment, std::string_view item) {
  for (const auto& s : assessment.scores) {
    if (!s.rater && s.item == item) return &s;
  }
  return nullptr;
}

Result<Assessment> parse_assessment(std::string_view json_text, const Criteria& criteria) {
  const auto doc = parse_json(json_text);
  if (!doc.ok()) return doc.diagnostics();
  return assessment_from_json(doc.value(), criteria);
}

// [SECTION] The summary

AssessmentSummary summarize(const Assessment& assessment, const Criteria& criteria) {
  AssessmentSummary s;
  std::map<std::string, const ItemScore*> agreed;
  for (const auto& score : assessment.scores) {
    if (!score.rater) agreed[score.item] = &score;
  }
  for (const auto& category : criteria.categories) {
    CategoryResult cr{&category, 0, 0};
    for (const auto& item : category.items) {
      ItemResult ir{&item, std::nullopt, 0, static_cast<std::int64_t>(item.points) * 100};
      if (const auto it = agreed.find(item.id); it != agreed.end()) {
        ir.percent = it->second->percent;
        ir.score_centi = static_cast<std::int64_t>(item.points) * *ir.percent;
        ir.at_stake_centi = static_cast<std::int64_t>(item.points) * (100 - *ir.percent);
        ++cr.scored_items;
        ++s.scored_items;
      }
      cr.score_centi += ir.score_centi;
      (item.results ? s.results_centi : s.process_centi) += ir.score_centi;
      (item.results ? s.results_points : s.process_points) += item.points;
      ++s.item_count;
      s.items.push_back(ir);
    }
    s.total_centi += cr.score_centi;
    s.categories.push_back(cr);
  }
  s.gaps = s.items;
  std::stable_sort(s.gaps.begin(), s.gaps.end(),
                   [](const ItemResult& a, const ItemResult& b) { return a.at_stake_centi > b.at_stake_centi; });

  s.agreement = compare_raters(assessment, criteria);
  // The raters' dimension ratings, compared as the items are (in the raters' order).
  for (const auto& dimension : criteria.dimensions) {
    std::vector<std::pair<const Rater*, int>> values;
    for (const auto& rater : assessment.raters) {
      const auto held = assessment.rater_dimensions.find(rater.id);
      if (held == assessment.rater_dimensions.end()) continue;
      for (const auto& d : held->second) {
        if (d.dimension == dimension.id && d.rating) values.emplace_back(&rater, *d.rating);
      }
    }
    DimensionAgreement g;
    static_cast<Agreement&>(g) = agreement_of(values);
    g.dimension = &dimension;
    s.dimension_agreement.push_back(std::move(g));
  }
  // Leaders versus staff ("Are We Making Progress?"): items both groups scored.
  for (const auto& g : s.agreement) {
    const auto difference = g.leader_minus_staff_centi();
    if (!difference) continue;
    s.comparisons.push_back({g.item, static_cast<double>(*g.leader_mean_centi) / 100.0,
                             static_cast<double>(*g.staff_mean_centi) / 100.0,
                             static_cast<double>(*difference < 0 ? -*difference : *difference) / 100.0, g.leader_count,
                             g.staff_count});
  }
  std::stable_sort(s.comparisons.begin(), s.comparisons.end(),
                   [](const GroupComparison& a, const GroupComparison& b) { return a.difference > b.difference; });
  s.overview = {count_characters(assessment.overview), criteria.overview_max};
  s.report = {count_characters(assessment.report), criteria.report_max};
  return s;
}

std::string format_points(std::int64_t centi) {
  const bool negative = centi < 0;
  const std::int64_t v = negative ? -centi : centi;
  std::string out = std::to_string(v / 100);
  const auto frac = v % 100;
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return negative ? "-" + out : out;
}

nlohmann::json to_json(const Agreement& g) {
  // Null where nobody, or no one of that group, rated; means to two decimals.
  auto mean = [](std::optional<std::int64_t> centi) { return centi ? json(static_cast<double>(*centi) / 100.0) : json(nullptr); };
  json j = {{"scores", json::object()}};
  for (const auto& [rater, value] : g.scores) j["scores"][rater] = value;
  j["mean"] = mean(g.rated() ? std::optional(g.mean_centi) : std::nullopt);
  j["min"] = g.rated() ? json(g.min) : json(nullptr);
  j["max"] = g.rated() ? json(g.max) : json(nullptr);
  j["spread"] = g.rated() ? json(g.spread) : json(nullptr);
  j["leader_mean"] = mean(g.leader_mean_centi);
  j["staff_mean"] = mean(g.staff_mean_centi);
  j["leader_minus_staff"] = mean(g.leader_minus_staff_centi());
  return j;
}

Agreement agreement_of(const std::vector<std::pair<const Rater*, int>>& values) {
  Agreement g;
  std::int64_t sum = 0;
  std::int64_t leader_sum = 0;
  std::int64_t staff_sum = 0;
  for (const auto& [who, value] : values) {
    g.scores.emplace_back(who->id, value);
    g.min = g.scores.size() == 1 ? value : std::min(g.min, value);
    g.max = g.scores.size() == 1 ? value : std::max(g.max, value);
    sum += value;
    if (who->group == "leader") {
      leader_sum += value;
      ++g.leader_count;
    } else if (who->group == "staff") {
      staff_sum += value;
      ++g.staff_count;
    }
  }
  if (g.rated()) {
    g.mean_centi = mean_centi(sum, static_cast<int>(g.scores.size()));
    g.spread = g.max - g.min;
  }
  if (g.leader_count > 0) g.leader_mean_centi = mean_centi(leader_sum, g.leader_count);
  if (g.staff_count > 0) g.staff_mean_centi = mean_centi(staff_sum, g.staff_count);
  return g;
}

std::optional<std::int64_t> Agreement::leader_minus_staff_centi() const {
  if (!leader_mean_centi || !staff_mean_centi) return std::nullopt;
  return *leader_mean_centi - *staff_mean_centi;
}

std::vector<const ItemAgreement*> by_disagreement(const AssessmentSummary& summary) {
  std::vector<const ItemAgreement*> out;
  for (const auto& g : summary.agreement) {
    if (g.rated()) out.push_back(&g);
  }
  auto gap = [](const ItemAgreement* g) {
    const auto d = g->leader_minus_staff_centi().value_or(0);
    return d < 0 ? -d : d;
  };
  std::stable_sort(out.begin(), out.end(), [&](const ItemAgreement* a, const ItemAgreement* b) {
    return a->spread != b->spread ? a->spread > b->spread : gap(a) > gap(b);
  });
  return out;
}

json to_json(const AssessmentSummary& s, const Assessment& assessment, const Criteria& criteria) {
  auto points = [](std::int64_t centi) { return static_cast<double>(centi) / 100.0; };
  json out = {{"model", criteria.model},
              {"total", points(s.total_centi)},
              {"total_points", criteria.total_points},
              {"process", {{"score", points(s.process_centi)}, {"points", s.process_points}}},
              {"results", {{"score", points(s.results_centi)}, {"points", s.results_points}}},
              {"scored_items", s.scored_items},
              {"item_count", s.item_count},
              {"categories", json::array()},
              {"items", json::array()},
              {"gaps", json::array()},
              {"comparisons", json::array()},
              {"dimensions", json::array()},
              {"counters",
               {{"overview", {{"characters", s.overview.characters}, {"max", s.overview.max}, {"over", s.overview.over()}}},
                {"report", {{"characters", s.report.characters}, {"max", s.report.max}, {"over", s.report.over()}}},
                {"definition", {{"zh", criteria.counter_definition.zh}, {"en", criteria.counter_definition.en}}}}},
              {"provenance", criteria.provenance}};
  for (const auto& c : s.categories) {
    out["categories"].push_back({{"id", c.category->id}, {"name", c.category->name}, {"name_en", c.category->name_en},
                                 {"score", points(c.score_centi)}, {"points", c.category->points},
                                 {"scored_items", c.scored_items}, {"items", c.category->items.size()}});
  }
  auto item_json = [&](const ItemResult& i) {
    json j = {{"id", i.item->id}, {"name", i.item->name}, {"name_en", i.item->name_en}, {"points", i.item->points},
              {"type", i.item->results ? "results" : "process"}, {"score", points(i.score_centi)},
              {"at_stake", points(i.at_stake_centi)}};
    j["percent"] = i.percent ? json(*i.percent) : json(nullptr);
    return j;
  };
  // The raters' scores side by side (issue 17).
  out["raters"] = json::array();
  for (const auto& r : assessment.raters) {
    out["raters"].push_back({{"id", r.id}, {"group", r.group}, {"name", r.name}, {"department", r.department}});
  }
  for (std::size_t k = 0; k < s.items.size(); ++k) {
    json j = item_json(s.items[k]);
    const auto& g = s.agreement.at(k);
    j["item"] = g.item->id;
    j.update(to_json(static_cast<const Agreement&>(g)));
    out["items"].push_back(std::move(j));
  }
  for (const auto& i : s.gaps) out["gaps"].push_back(item_json(i));
  for (const auto& g : s.comparisons) {
    out["comparisons"].push_back({{"id", g.item->id}, {"name", g.item->name}, {"leader_average", g.leader_average},
                                  {"staff_average", g.staff_average}, {"difference", g.difference},
                                  {"leaders", g.leader_count}, {"staff", g.staff_count}});
  }
  for (const auto& d : criteria.dimensions) {
    json j = {{"id", d.id}, {"name", {{"zh", d.name.zh}, {"en", d.name.en}}}, {"rating", nullptr}, {"evidence", ""}};
    for (const auto& r : assessment.dimensions) {
      if (r.dimension == d.id) {
        if (r.rating) j["rating"] = *r.rating;
        j["evidence"] = r.evidence;
      }
    }
    out["dimensions"].push_back(j);
  }
  out["dimensions_note"] = {{"zh", criteria.dimensions_note.zh}, {"en", criteria.dimensions_note.en}};
  return out;
}

nlohmann::json to_json(const Assessment& a) {
  nlohmann::json out = {{"format", "qaward-assessment/1"}, {"scores", nlohmann::json::array()}, {"overview", a.overview},
                        {"report", a.report}};
  if (!a.raters.empty()) {
    out["raters"] = nlohmann::json::array();
    for (const auto& r : a.raters) {
      nlohmann::json rater = {{"id", r.id}, {"name", r.name}, {"group", r.group}};
      if (!r.department.empty()) rater["department"] = r.department;  // left out when empty: older files stay as they were
      out["raters"].push_back(std::move(rater));
    }
  }
  for (const auto& s : a.scores) {
    // Texts left empty are left out: 23 items, most of them brief.
    nlohmann::json item = {{"item", s.item}, {"band", s.band}, {"percent", s.percent}};
    for (const auto& [key, text] : {std::pair{"evidence", &s.evidence}, {"strengths", &s.strengths}, {"improvements", &s.improvements},
                                    {"consensus", &s.consensus}}) {
      if (!text->empty()) item[key] = *text;
    }
    if (s.rater) item["rater"] = *s.rater;
    if (!s.attachments.empty()) item["attachments"] = s.attachments;
    if (s.provisional) item["provisional"] = true;
    out["scores"].push_back(std::move(item));
  }
  if (!a.dimensions.empty()) out["dimensions"] = detail::dimension_ratings_json(a.dimensions, "evidence");
  for (const auto& [id, ratings] : a.rater_dimensions) {
    if (!ratings.empty()) out["rater_dimensions"][id] = detail::dimension_ratings_json(ratings, "note");
  }
  return out;
}

std::string consensus_words(const ItemScore* agreed) {
  if (agreed == nullptr) return {};
  if (!agreed->provisional) return agreed->consensus;
  // Not decided yet: the sheet must not pass the raters' mean off as agreed.
  return "未讨论：暂取评分人平均" + std::string(agreed->consensus.empty() ? "" : "；") + agreed->consensus;
}

std::string scoring_sheet_csv(const AssessmentSummary& s, const Assessment& assessment) {
  std::map<std::string, const ItemScore*> agreed;
  for (const auto& score : assessment.scores) {
    if (!score.rater) agreed[score.item] = &score;
  }
  std::vector<std::vector<std::string>> rows = {
      {"类目", "条目编号", "条目名称", "类型", "分值", "评分段", "百分比", "得分", "差距分", "证据", "优势", "改进机会"}};
  // The raters' columns: one per rater, then their statistics.
  const std::vector<std::string> statistics = {"平均", "最低", "最高", "极差", "领导平均", "员工平均", "共识说明"};
  const bool with_raters = !assessment.raters.empty();
  if (with_raters) {
    for (const auto& r : assessment.raters) {
      rows[0].push_back(r.id + (r.name.empty() ? "" : " " + r.name) + (r.group == "leader" ? "（领导）" : "（员工）"));
    }
    rows[0].insert(rows[0].end(), statistics.begin(), statistics.end());
  }
  auto percent = [](std::optional<std::int64_t> centi) { return centi ? format_points(*centi) + "%" : std::string(); };
  for (std::size_t k = 0; k < s.items.size(); ++k) {
    const auto& i = s.items[k];
    const auto it = agreed.find(i.item->id);
    const ItemScore* score = it == agreed.end() ? nullptr : it->second;
    rows.push_back({i.item->category, i.item->id, i.item->name, i.item->results ? "结果" : "过程", std::to_string(i.item->points),
                    score ? std::to_string(score->band) : "", i.percent ? std::to_string(*i.percent) + "%" : "",
                    format_points(i.score_centi), format_points(i.at_stake_centi), score ? score->evidence : "",
                    score ? score->strengths : "", score ? score->improvements : ""});
    if (!with_raters) continue;
    const auto& g = s.agreement.at(k);
    auto& row = rows.back();
    for (const auto& r : assessment.raters) {
      const auto own = std::find_if(g.scores.begin(), g.scores.end(), [&](const auto& p) { return p.first == r.id; });
      row.push_back(own == g.scores.end() ? "" : std::to_string(own->second) + "%");
    }
    const auto whole = [&](int v) { return g.rated() ? std::to_string(v) + "%" : std::string(); };
    row.insert(row.end(), {percent(g.rated() ? std::optional(g.mean_centi) : std::nullopt), whole(g.min), whole(g.max),
                           g.rated() ? std::to_string(g.spread) : "", percent(g.leader_mean_centi), percent(g.staff_mean_centi),
                           consensus_words(score)});
  }
  const auto points = static_cast<std::int64_t>(s.process_points + s.results_points);
  rows.push_back({"合计", "", "", "", std::to_string(points), "", "", format_points(s.total_centi),
                  format_points(points * 100 - s.total_centi), "", "", ""});
  rows.back().resize(rows.front().size());
  return csv_document(rows);
}

}  // namespace qaward
