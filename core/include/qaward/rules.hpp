#pragma once
// Rule-set editions: the measures' eligibility criteria as dated, cited data
// (assets/rules/<edition>.json). Legal numbers live in those files, never in
// C++. An edition may inherit another and override single checks; inherited
// checks then carry the edition's "carried over, unverified" note.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaward/date.hpp"
#include "qaward/diagnostic.hpp"

namespace qaward {

// Text given in the data in both languages.
struct BilingualText {
  std::string zh;
  std::string en;
};

struct RuleCheck {
  std::string id;    // derived from the citation, e.g. "art9.2.operating-years"
  std::string rule;  // which evaluator applies, e.g. "operating_years"
  BilingualText citation;
  std::string excerpt;  // the article's words
  nlohmann::json params;
  bool verified = true;
  std::optional<BilingualText> interpretation;  // where a reading was chosen
  std::optional<BilingualText> not_modelled;    // what is left to humans
  std::optional<BilingualText> unverified_note; // why it is not verified
};

// A stage of the procedure of Article 11, for the timeline.
struct ProcedureStage {
  std::string number;  // 一 .. 九
  std::string name;
  std::string name_en;
  std::string citation;
  BilingualText party;
  bool publicity = false;        // ends with a publicity period
  int assumed_working_days = 0;  // the tool's assumption, not the measures'
};

// The procedural numbers of Articles 11 and 13.
struct Procedure {
  int publicity_working_days = 0;               // 11: "不少于5个工作日"
  int objection_forward_working_days = 0;       // 13: the office forwards within 3
  int objection_investigation_working_days = 0; // 13: the report within 5
  BilingualText publicity_citation;
  std::string publicity_excerpt;
  std::optional<BilingualText> publicity_interpretation;
  BilingualText objection_citation;
  std::string objection_excerpt;
  BilingualText review_citation;       // 11(3): the district's review and recommendation
  BilingualText declaration_citation;  // 20: the applicant answers for its materials
  std::vector<ProcedureStage> stages;
  std::optional<BilingualText> stages_note;
  bool verified = true;
};

// A kind of material in the checklist (the call notice decides which are required).
struct Material {
  std::string category;
  std::string name;
  std::string name_en;
  bool required = false;
};

struct RuleSet {
  std::string edition;
  std::string status;  // draft | issued
  BilingualText title;
  BilingualText name;        // the measures as documents cite them, without the edition's note
  BilingualText short_name;  // the award as people say it: 市质量奖 (issued, Article 2), 乌市质量奖 (draft)
  std::optional<Date> effective_from;
  nlohmann::json source;
  int cycle_years = 0;
  int max_awards = 0;
  int max_nominations = 0;
  std::vector<std::string> districts;
  Procedure procedure;
  std::vector<Material> materials;
  std::optional<BilingualText> materials_note;
  std::vector<RuleCheck> checks;  // conditions of the verdict
  std::vector<RuleCheck> notes;   // shown, never deciding (Articles 10, 21)

  [[nodiscard]] std::vector<std::string> unverified_checks() const;
  // An article as a printed document cites it, from this edition's data (the
  // numbers differ between editions): "《乌鲁木齐市人民政府质量奖管理办法》第十一条第（三）项".
  [[nodiscard]] std::string cite_zh(const BilingualText& article) const;
};

// What messages take from the edition, in one language: the article
// references ({cite.publicity}, {cite.objection}, {cite.review},
// {cite.declaration}, {cite.<check id>}) as this edition cites them (a
// carried-over article marked as the draft's), and the award's short name
// ({award.short}: 市质量奖 in the issued measures, Article 2).
[[nodiscard]] Params edition_references(const RuleSet& rules, bool english);

// The text of a rule file by edition id ("index" gives the index file).
using EditionSource = std::function<std::optional<std::string>(std::string_view edition)>;

// Loads `edition` (resolving "inherits") and validates it: every check names a
// known rule with the parameters it needs.
[[nodiscard]] Result<RuleSet> load_edition(std::string_view edition, const EditionSource& source);

// The default edition and all editions, from the index file.
struct EditionIndex {
  std::string default_edition;
  std::vector<std::string> editions;
};
[[nodiscard]] Result<EditionIndex> load_edition_index(const EditionSource& source);

}  // namespace qaward
