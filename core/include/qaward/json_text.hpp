#pragma once
// Untrusted JSON text in, a JSON value or a diagnostic out: never throws,
// never recurses with the input's nesting (a value nested deeper than
// `max_depth` is refused before it is built), and a syntax error names the
// line and column where it sits, so that whoever wrote the file can find it.
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "qaward/diagnostic.hpp"

namespace qaward {

// Deep enough for every format the project reads (drafts nest 5 levels),
// shallow enough that any recursive walk over the value is safe.
inline constexpr std::size_t kMaxJsonDepth = 64;

// Errors: "input.invalid_json_at" {line, column} for a syntax error (columns
// count characters, not bytes, from 1), "input.json_too_deep" {line, column,
// max} for nesting deeper than `max_depth`. `where` is copied into the
// diagnostic (the file or entry name).
[[nodiscard]] Result<nlohmann::json> parse_json(std::string_view text, std::string_view where = {},
                                                std::size_t max_depth = kMaxJsonDepth);

}  // namespace qaward
