#pragma once
// UTF-8 text helpers shared by the core and both front ends.
#include <cstddef>
#include <optional>
#include <string_view>

namespace qaward {

// Number of Unicode code points in `utf8`, or nullopt if it is not valid
// UTF-8 (overlong forms, surrogates and truncated sequences are invalid).
[[nodiscard]] std::optional<std::size_t> count_code_points(std::string_view utf8);

// Characters as the length limits of award documents count them: one per
// code point, except whitespace (spaces incl. U+3000 and U+00A0, tabs, line
// breaks), which is not counted. Invalid UTF-8 bytes count one each.
[[nodiscard]] std::size_t count_characters(std::string_view utf8);

}  // namespace qaward
