#include "qaward/rules.hpp"

#include <map>

#include "json_reader.hpp"

namespace qaward {

namespace {

using nlohmann::json;
using detail::bool_of;
using detail::int_of;
using detail::object_of;
using detail::text_of;

enum class ParamType { integer, string, string_list };

// Every rule the evaluator knows and the parameters it reads from the data
// (eligibility.cpp implements them; a test checks both lists agree).
const std::map<std::string, std::vector<std::pair<std::string, ParamType>>, std::less<>>& rule_schemas() {
  static const std::map<std::string, std::vector<std::pair<std::string, ParamType>>, std::less<>> schemas = {
      {"organization_kind", {{"kinds", ParamType::string_list}}},
      {"declaration", {{"field", ParamType::string}}},
      {"registered_in_area", {}},
      {"operating_years", {{"years", ParamType::integer}, {"years_four_new", ParamType::integer}}},
      {"no_major_incident", {{"lookback_years", ParamType::integer}, {"kinds", ParamType::string_list}}},
      {"no_violation_record", {{"lookback_years", ParamType::integer}, {"kinds", ParamType::string_list}}},
      {"list_flag", {{"field", ParamType::string}}},
      {"winner_reapplication_bar", {{"years", ParamType::integer}}},
      {"sanction_ban", {{"kind", ParamType::string}, {"years", ParamType::integer}}},
      {"sme_note", {}},
      {"revocation_note", {{"years", ParamType::integer}}},
  };
  return schemas;
}

bool param_has_type(const json& value, ParamType type) {
  switch (type) {
    case ParamType::integer:
      return value.is_number_integer() && value.get<long long>() > 0 && value.get<long long>() < 100;
    case ParamType::string:
      return value.is_string();
    case ParamType::string_list:
      if (!value.is_array() || value.empty()) return false;
      for (const auto& item : value) {
        if (!item.is_string()) return false;
      }
      return true;
  }
  return false;
}

std::optional<BilingualText> bilingual(const json& object, std::string_view key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_object()) return std::nullopt;
  BilingualText text{text_of(*it, "zh"), text_of(*it, "en")};
  if (text.zh.empty() && text.en.empty()) return std::nullopt;
  return text;
}

void read_procedure(const json& doc, const std::string& edition, Procedure& p, std::vector<Diagnostic>& errors) {
  p.publicity_working_days = int_of(doc, "publicity_working_days");
  p.objection_forward_working_days = int_of(doc, "objection_forward_working_days");
  p.objection_investigation_working_days = int_of(doc, "objection_investigation_working_days");
  p.publicity_citation = bilingual(doc, "publicity_citation").value_or(BilingualText{});
  p.publicity_excerpt = text_of(doc, "publicity_excerpt");
  p.publicity_interpretation = bilingual(doc, "publicity_interpretation");
  p.objection_citation = bilingual(doc, "objection_citation").value_or(BilingualText{});
  p.objection_excerpt = text_of(doc, "objection_excerpt");
  p.review_citation = bilingual(doc, "review_citation").value_or(BilingualText{});
  p.declaration_citation = bilingual(doc, "declaration_citation").value_or(BilingualText{});
  p.stages_note = bilingual(doc, "stages_note");
  p.stages.clear();
  if (const auto stages = doc.find("stages"); stages != doc.end() && stages->is_array()) {
    for (const auto& item : *stages) {
      ProcedureStage stage{text_of(item, "number"), text_of(item, "name"), text_of(item, "name_en"),
                           text_of(item, "citation"), bilingual(item, "party").value_or(BilingualText{}),
                           bool_of(item, "publicity"), int_of(item, "assumed_working_days")};
      p.stages.push_back(std::move(stage));
    }
  }
  if (p.publicity_working_days <= 0 || p.objection_forward_working_days <= 0 ||
      p.objection_investigation_working_days <= 0 || p.stages.empty()) {
    errors.push_back(make_error("rules.bad_param", "/procedure", {{"edition", edition}, {"id", "procedure"}}));
  }
}

Diagnostic rules_error(std::string key, const std::string& edition, std::string where, Params params = {}) {
  params["edition"] = edition;
  return make_error(std::move(key), std::move(where), std::move(params));
}

void read_check(const json& item, const std::string& edition, const std::string& where, RuleCheck& check,
                std::vector<Diagnostic>& errors) {
  check.id = text_of(item, "id");
  check.rule = text_of(item, "rule");
  check.citation = bilingual(item, "citation").value_or(BilingualText{});
  check.excerpt = text_of(item, "excerpt");
  check.params = object_of(item, "params");
  check.verified = bool_of(item, "verified");
  check.interpretation = bilingual(item, "interpretation");
  check.not_modelled = bilingual(item, "not_modelled");
  if (check.id.empty() || check.citation.zh.empty() || check.excerpt.empty()) {
    errors.push_back(rules_error("rules.incomplete_check", edition, where));
    return;
  }
  const auto schema = rule_schemas().find(check.rule);
  if (schema == rule_schemas().end()) {
    errors.push_back(rules_error("rules.unknown_rule", edition, where + "/rule", {{"found", check.rule}}));
    return;
  }
  for (const auto& [name, type] : schema->second) {
    if (!check.params.contains(name) || !param_has_type(check.params[name], type)) {
      errors.push_back(rules_error("rules.bad_param", edition, where + "/params/" + name, {{"id", check.id}}));
    }
  }
}

Result<json> load_json(std::string_view edition, const EditionSource& source) {
  const auto text = source(edition);
  if (!text) return std::vector{rules_error("rules.unknown_edition", std::string(edition), "")};
  auto doc = json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return std::vector{rules_error("rules.invalid_json", std::string(edition), "")};
  }
  return doc;
}

Result<RuleSet> load(std::string_view edition, const EditionSource& source, int depth) {
  if (depth > 4) return std::vector{rules_error("rules.inheritance_loop", std::string(edition), "/inherits")};
  auto loaded = load_json(edition, source);
  if (!loaded.ok()) return loaded.diagnostics();
  const json& doc = loaded.value();
  const std::string id(edition);
  std::vector<Diagnostic> errors;
  if (text_of(doc, "format") != "qaward-rules/1") errors.push_back(rules_error("rules.unknown_format", id, "/format"));
  if (text_of(doc, "edition") != id) errors.push_back(rules_error("rules.edition_mismatch", id, "/edition"));

  RuleSet set;
  if (const auto parent = doc.find("inherits"); parent != doc.end() && parent->is_string()) {
    auto base = load(parent->get<std::string>(), source, depth + 1);
    if (!base.ok()) return base.diagnostics();
    set = std::move(base).value();
    // Inherited checks are carried over, unverified unless overridden.
    const json carried = object_of(doc, "carried_over");
    const auto note = bilingual(carried, "note");
    const bool verified = bool_of(carried, "verified");
    for (auto* list : {&set.checks, &set.notes}) {
      for (auto& check : *list) {
        check.verified = check.verified && verified;
        if (!check.verified) check.unverified_note = note;
      }
    }
    set.procedure.verified = set.procedure.verified && verified;
    const json overrides = object_of(doc, "overrides");
    for (const auto& [check_id, change] : overrides.items()) {
      bool found = false;
      for (auto* list : {&set.checks, &set.notes}) {
        for (auto& check : *list) {
          if (check.id != check_id) continue;
          found = true;
          json merged = {{"id", check.id}, {"rule", check.rule}, {"excerpt", check.excerpt}, {"params", check.params},
                         {"citation", {{"zh", check.citation.zh}, {"en", check.citation.en}}}};
          if (check.interpretation) merged["interpretation"] = {{"zh", check.interpretation->zh}, {"en", check.interpretation->en}};
          if (check.not_modelled) merged["not_modelled"] = {{"zh", check.not_modelled->zh}, {"en", check.not_modelled->en}};
          if (change.is_object()) merged.update(change);
          RuleCheck replaced;
          read_check(merged, id, "/overrides/" + check_id, replaced, errors);
          if (!replaced.verified) replaced.unverified_note = check.unverified_note;
          check = std::move(replaced);
        }
      }
      if (!found) errors.push_back(rules_error("rules.override_unknown_check", id, "/overrides/" + check_id));
    }
    // A rule carried over cites its article as the parent numbers it; the
    // citation says so, so that no draft number passes for the issued one.
    if (const auto suffix = bilingual(carried, "citation_suffix"); suffix && !verified) {
      auto mark = [&](BilingualText& c) {
        if (!c.zh.empty()) c.zh += suffix->zh;
        if (!c.en.empty()) c.en += suffix->en;
      };
      for (auto* list : {&set.checks, &set.notes}) {
        for (auto& check : *list) {
          if (!check.verified) mark(check.citation);
        }
      }
      if (!doc.contains("procedure")) {
        auto& p = set.procedure;
        for (auto* c : {&p.publicity_citation, &p.objection_citation, &p.review_citation, &p.declaration_citation}) mark(*c);
        for (auto& stage : p.stages) {
          if (!stage.citation.empty()) stage.citation += suffix->zh;
        }
      }
    }
  }

  set.edition = id;
  set.status = text_of(doc, "status");
  if (auto title = bilingual(doc, "title")) set.title = *title;
  if (auto name = bilingual(doc, "name")) set.name = *name;
  if (auto short_name = bilingual(doc, "short_name")) set.short_name = *short_name;
  if (const auto from = doc.find("effective_from"); from != doc.end() && from->is_string()) {
    set.effective_from = parse_date(from->get<std::string>());
    if (!set.effective_from) errors.push_back(rules_error("rules.bad_date", id, "/effective_from"));
  }
  if (doc.contains("source")) set.source = doc["source"];
  if (const auto award = doc.find("award"); award != doc.end() && award->is_object()) {
    set.cycle_years = int_of(*award, "cycle_years");
    set.max_awards = int_of(*award, "max_awards");
    set.max_nominations = int_of(*award, "max_nominations");
  }
  if (const auto procedure = doc.find("procedure"); procedure != doc.end() && procedure->is_object()) {
    read_procedure(*procedure, id, set.procedure, errors);
    set.procedure.verified = true;
  }
  if (const auto materials = doc.find("materials"); materials != doc.end() && materials->is_object()) {
    set.materials.clear();
    set.materials_note = bilingual(*materials, "note");
    if (const auto items = materials->find("items"); items != materials->end() && items->is_array()) {
      for (const auto& m : *items) {
        set.materials.push_back({text_of(m, "category"), text_of(m, "name"), text_of(m, "name_en"), bool_of(m, "required")});
      }
    }
  }
  if (const auto districts = doc.find("districts"); districts != doc.end() && districts->is_array()) {
    set.districts.clear();
    for (const auto& d : *districts) {
      if (d.is_string()) set.districts.push_back(d.get<std::string>());
    }
  }
  for (const char* list_name : {"checks", "notes"}) {
    const auto list = doc.find(list_name);
    if (list == doc.end()) continue;
    if (!list->is_array()) {
      errors.push_back(rules_error("rules.invalid_json", id, std::string("/") + list_name));
      continue;
    }
    auto& target = std::string_view(list_name) == "checks" ? set.checks : set.notes;
    for (std::size_t i = 0; i < list->size(); ++i) {
      RuleCheck check;
      read_check((*list)[i], id, std::string("/") + list_name + "/" + std::to_string(i), check, errors);
      target.push_back(std::move(check));
    }
  }
  if (set.checks.empty()) errors.push_back(rules_error("rules.no_checks", id, "/checks"));
  if (set.districts.empty()) errors.push_back(rules_error("rules.no_districts", id, "/districts"));
  if (set.procedure.stages.empty()) errors.push_back(rules_error("rules.bad_param", id, "/procedure", {{"id", "procedure"}}));
  if (!errors.empty()) return errors;
  return set;
}

}  // namespace

std::vector<std::string> RuleSet::unverified_checks() const {
  std::vector<std::string> out;
  for (const auto& check : checks) {
    if (!check.verified) out.push_back(check.id);
  }
  return out;
}

Params edition_references(const RuleSet& rules, bool english) {
  auto pick = [english](const BilingualText& t) { return english ? t.en : t.zh; };
  const auto& p = rules.procedure;
  Params refs = {{"cite.publicity", pick(p.publicity_citation)},
                 {"cite.objection", pick(p.objection_citation)},
                 {"cite.review", pick(p.review_citation)},
                 {"cite.declaration", pick(p.declaration_citation)},
                 {"award.short", pick(rules.short_name)}};
  for (const auto* list : {&rules.checks, &rules.notes}) {
    for (const auto& check : *list) refs["cite." + check.id] = pick(check.citation);
  }
  return refs;
}

std::string RuleSet::cite_zh(const BilingualText& article) const { return "《" + name.zh + "》" + article.zh; }

Result<RuleSet> load_edition(std::string_view edition, const EditionSource& source) { return load(edition, source, 0); }

Result<EditionIndex> load_edition_index(const EditionSource& source) {
  auto loaded = load_json("index", source);
  if (!loaded.ok()) return loaded.diagnostics();
  const json& doc = loaded.value();
  EditionIndex index;
  index.default_edition = text_of(doc, "default");
  if (const auto list = doc.find("editions"); list != doc.end() && list->is_array()) {
    for (const auto& e : *list) {
      if (e.is_string()) index.editions.push_back(e.get<std::string>());
    }
  }
  if (index.default_edition.empty() || index.editions.empty()) {
    return std::vector{rules_error("rules.bad_index", "index", "")};
  }
  return index;
}

}  // namespace qaward
