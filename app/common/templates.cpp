#include "templates.hpp"

#include "embedded_assets.hpp"
#include "qaward/documents.hpp"

namespace qaward {

std::string render_template(std::string_view name, const Params& values, const Params& markup) {
  const auto text = find_asset("templates/" + std::string(name));
  return text ? fill_template(*text, values, markup) : std::string();
}

}  // namespace qaward
