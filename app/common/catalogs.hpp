#pragma once
// The translation catalogs shipped with the program (assets/i18n/).
#include <string_view>

#include "qaward/i18n.hpp"
#include "qaward/rules.hpp"

namespace qaward {

enum class Language { zh, en };

// The catalog for `language`. The embedded files are checked by the tests, so
// a failure to parse here is a build defect: it aborts with a message.
[[nodiscard]] const Catalog& catalog(Language language);

// Article references in messages ({cite.…}) from now on as `rules` cites
// them. The default edition's apply until a program names another (the CLI's
// --edition, the draft's edition in the browser).
void use_edition_references(const RuleSet& rules);

// "en", "en-US", "en_GB.UTF-8" -> en; anything else -> zh (the product's default).
[[nodiscard]] Language language_from_tag(std::string_view tag);

}  // namespace qaward
