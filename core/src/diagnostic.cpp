#include "qaward/diagnostic.hpp"

namespace qaward {

Diagnostic make_error(std::string key, std::string where, std::map<std::string, std::string> params) {
  return Diagnostic{Severity::error, std::move(key), std::move(params), std::move(where)};
}

}  // namespace qaward
