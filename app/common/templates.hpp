#pragma once
// The printable documents' templates (assets/templates/, compiled in): whole
// pages, and under parts/ the pieces a page repeats or shows only sometimes
// (a table row, the note on estimated working days). The wording and markup
// of every document live there; C++ only chooses and fills them.
#include <string>
#include <string_view>

#include "qaward/i18n.hpp"

namespace qaward {

// assets/templates/NAME filled as fill_template does (values escaped, markup
// inserted as it is). Empty if the build lacks it; tests render every one.
[[nodiscard]] std::string render_template(std::string_view name, const Params& values, const Params& markup = {});

}  // namespace qaward
