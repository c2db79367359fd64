#include "qaward/uscc.hpp"

#include <array>

namespace qaward {

namespace {

// GB 32100-2015 Table: the 31 code characters in the order of their values.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

}  // namespace

UsccCheck check_uscc(std::string_view code) {
  UsccCheck result;
  // Count characters, not bytes: a full-width or Chinese character is one.
  std::size_t characters = 0;
  for (const char c : code) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;
  }
  for (std::size_t i = 0, position = 0; i < code.size(); ++i) {
    if ((static_cast<unsigned char>(code[i]) & 0xC0) == 0x80) continue;
    ++position;
    if (kAlphabet.find(code[i]) == std::string_view::npos) {
      result.status = UsccStatus::bad_character;
      result.position = position;
      return result;
    }
  }
  if (characters != 18) {
    result.status = UsccStatus::bad_length;
    return result;
  }
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += static_cast<int>(kAlphabet.find(code[i])) * kWeights[i];
  const int check = (31 - sum % 31) % 31;
  result.expected_check = kAlphabet[static_cast<std::size_t>(check)];
  if (code[17] != *result.expected_check) result.status = UsccStatus::bad_check_character;
  return result;
}

}  // namespace qaward
