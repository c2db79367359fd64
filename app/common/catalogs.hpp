#pragma once
// The translation catalogs shipped with the program (assets/i18n/).
#include <string_view>

#include "qaward/i18n.hpp"

namespace qaward {

enum class Language { zh, en };

// The catalog for `language`. The embedded files are checked by the tests, so
// a failure to parse here is a build defect: it aborts with a message.
[[nodiscard]] const Catalog& catalog(Language language);

// "en", "en-US", "en_GB.UTF-8" -> en; anything else -> zh (the product's default).
[[nodiscard]] Language language_from_tag(std::string_view tag);

}  // namespace qaward
