#include "qaward/version.hpp"

namespace qaward {

std::string_view version() { return QAWARD_VERSION; }

}  // namespace qaward
