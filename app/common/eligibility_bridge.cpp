#include "eligibility_bridge.hpp"

#include "catalogs.hpp"
#include "editions.hpp"
#include "qaward/eligibility.hpp"
#include "qaward/json_text.hpp"

namespace qaward {

nlohmann::json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  auto out = nlohmann::json::array();
  for (const auto& d : diagnostics) {
    out.push_back({{"severity", d.severity == Severity::error ? "error" : "warning"},
                   {"key", d.key},
                   {"where", d.where},
                   {"message",
                    {{"zh", catalog(Language::zh).text(d.key, d.params)},
                     {"en", catalog(Language::en).text(d.key, d.params)}}}});
  }
  return out;
}

std::string eligibility_json(std::string_view request) {
  auto fail = [](const std::vector<Diagnostic>& diagnostics) {
    return nlohmann::json{{"error", true}, {"diagnostics", diagnostics_json(diagnostics)}}.dump();
  };
  const auto parsed = parse_json(request);
  if (!parsed.ok()) return fail(parsed.diagnostics());
  const auto& doc = parsed.value();
  if (!doc.is_object()) return fail({make_error("input.invalid_json")});
  const auto profile_it = doc.find("profile");
  auto profile = profile_from_json(profile_it != doc.end() ? *profile_it : nlohmann::json::object(), "/profile");
  if (!profile.ok()) return fail(profile.diagnostics());
  const auto date_it = doc.find("date");
  const auto date = date_it != doc.end() && date_it->is_string() ? parse_date(date_it->get<std::string>()) : std::nullopt;
  if (!date) {
    return fail({make_error("input.bad_date", "/date",
                            {{"found", date_it != doc.end() ? date_it->dump() : std::string("(none)")}})});
  }
  const auto edition_it = doc.find("edition");
  const std::string edition = edition_it != doc.end() && edition_it->is_string() ? edition_it->get<std::string>() : "";
  const auto rules = load_shipped_edition(edition);
  if (!rules.ok()) return fail(rules.diagnostics());
  const auto result = evaluate_eligibility(profile.value(), rules.value(), *date);
  if (!result.ok()) return fail(result.diagnostics());
  auto out = to_json(result.value(), rules.value(), catalog(Language::zh), catalog(Language::en));
  for (const auto& w : diagnostics_json(profile.diagnostics())) out["warnings"].push_back(w);
  return out.dump();
}

}  // namespace qaward
