#pragma once
// UTF-8 text helpers shared by the core and both front ends.
#include <cstddef>
#include <optional>
#include <string_view>

namespace qaward {

// Number of Unicode code points in `utf8`, or nullopt if it is not valid
// UTF-8 (overlong forms, surrogates and truncated sequences are invalid).
[[nodiscard]] std::optional<std::size_t> count_code_points(std::string_view utf8);

}  // namespace qaward
