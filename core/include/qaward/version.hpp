#pragma once
#include <string_view>

namespace qaward {

// The product version, as set in the top-level CMakeLists.txt.
[[nodiscard]] std::string_view version();

}  // namespace qaward
