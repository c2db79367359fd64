#include "qaward/uscc.hpp"

#include <gtest/gtest.h>

namespace {

using qaward::check_uscc;
using qaward::UsccStatus;

// Codes of well-known companies, published on their licences.
TEST(UsccCheck, AcceptsPublishedCodes) {
  for (const char* code : {"91330100716105852F", "9144030071526726XG", "914403001922038216", "91350100M000100Y43"}) {
    EXPECT_EQ(check_uscc(code).status, UsccStatus::valid) << code;
  }
}

TEST(UsccCheck, ABadCheckCharacterIsReportedWithTheExpectedOne) {
  const auto r = check_uscc("91330100716105852G");
  EXPECT_EQ(r.status, UsccStatus::bad_check_character);
  EXPECT_EQ(r.expected_check, 'F');
}

TEST(UsccCheck, RejectsWrongLengths) {
  EXPECT_EQ(check_uscc("").status, UsccStatus::bad_length);
  EXPECT_EQ(check_uscc("91330100716105852").status, UsccStatus::bad_length);
  EXPECT_EQ(check_uscc("91330100716105852FF").status, UsccStatus::bad_length);
}

TEST(UsccCheck, RejectsCharactersOutsideTheAlphabetWithTheirPosition) {
  const auto letter_o = check_uscc("91330100716105852O");
  EXPECT_EQ(letter_o.status, UsccStatus::bad_character);
  EXPECT_EQ(letter_o.position, 18u);
  EXPECT_EQ(check_uscc("9133010071610585zF").status, UsccStatus::bad_character);   // lower case
  EXPECT_EQ(check_uscc("91330100716I05852F").position, 12u);                        // I is excluded
  const auto chinese = check_uscc("9133010071610585中F");                            // one character, three bytes
  EXPECT_EQ(chinese.status, UsccStatus::bad_character);
  EXPECT_EQ(chinese.position, 17u);
  EXPECT_EQ(check_uscc("91330100 716105852F").status, UsccStatus::bad_character);  // a space
}

}  // namespace
