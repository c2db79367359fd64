#pragma once
// Message catalogs: the core and the app speak in message keys; the files in
// assets/i18n/ (one per language) turn them into sentences.
//
// File format (UTF-8 JSON):
//   { "language": "zh-CN", "language_name": "中文",
//     "messages": { "app.title": "质量奖申报助手", "x.y": "… {param} …" } }
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "qaward/diagnostic.hpp"

namespace qaward {

class Catalog {
 public:
  // Parses a catalog file. `source` names it in diagnostics.
  [[nodiscard]] static Result<Catalog> parse(std::string_view json_text, std::string_view source);

  [[nodiscard]] const std::string& language() const { return language_; }
  [[nodiscard]] const std::string& language_name() const { return language_name_; }
  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] std::vector<std::string> keys() const;

  // The message for `key` with each {name} replaced by params["name"]; a
  // value that is a code with its own message "<name>.<value>" (the core says
  // kind = "legal_person", the catalog has "kind.legal_person": "法人") is
  // shown by that message. A missing key comes back as "⟦key⟧" so that a gap
  // is visible, never fatal; a placeholder without a parameter is left as written.
  [[nodiscard]] std::string text(std::string_view key, const Params& params = {}) const;

  // A diagnostic's sentence, with {where} (its location) among the values its
  // message may name: a finding names the entry or file it is about.
  [[nodiscard]] std::string sentence(const Diagnostic& diagnostic) const;
  // The same with its location appended.
  [[nodiscard]] std::string render(const Diagnostic& diagnostic) const;

  // Values every message may use, such as {cite.publicity} or {award.short}:
  // what the rule edition in force says (edition_references in rules.hpp),
  // so that no message states an article number or a name the edition does
  // not give. A message's own parameters take precedence.
  void set_references(Params references) { references_ = std::move(references); }

 private:
  std::string language_;
  std::string language_name_;
  std::map<std::string, std::string, std::less<>> messages_;
  Params references_;
};

// Replaces each {name} in `pattern` with params["name"], or else with
// (*fallback)["name"].
[[nodiscard]] std::string substitute(std::string_view pattern, const Params& params, const Params* fallback = nullptr);

}  // namespace qaward
