#pragma once
// The Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18
// characters from 0-9 and the capitals without I, O, Z, S, V; the last is a
// check character (weighted sum modulo 31). Real codes that fail the check
// exist, so a wrong check character is a warning; a wrong length or character
// is an error.
#include <optional>
#include <string>
#include <string_view>

namespace qaward {

enum class UsccStatus { valid, bad_check_character, bad_length, bad_character };

struct UsccCheck {
  UsccStatus status = UsccStatus::valid;
  std::optional<char> expected_check;  // when the first 17 characters are well formed
  std::size_t position = 0;            // 1-based position of a bad character
};

[[nodiscard]] UsccCheck check_uscc(std::string_view code);

}  // namespace qaward
