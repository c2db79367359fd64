#pragma once
// Helpers shared by the core tests (natively and under node with NODERAWFS).
#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace qaward::test {

// The {placeholders} a message pattern names.
inline std::set<std::string> placeholders(const std::string& pattern) {
  std::set<std::string> out;
  for (std::size_t i = pattern.find('{'); i != std::string::npos; i = pattern.find('{', i + 1)) {
    const auto close = pattern.find('}', i);
    if (close != std::string::npos) out.insert(pattern.substr(i, close - i + 1));
  }
  return out;
}

// The same for an English pattern, where a value's English form {x_en}
// stands for Chinese's {x}: the names to compare with the Chinese pattern's.
inline std::set<std::string> english_placeholders(const std::string& pattern) {
  std::set<std::string> out;
  for (auto name : placeholders(pattern)) {
    if (name.ends_with("_en}")) name.erase(name.size() - 4, 3);
    out.insert(name);
  }
  return out;
}

// The text of assets/<relative>; empty if it cannot be read.
inline std::string read_asset(const std::string& relative) {
  std::ifstream in(std::string(QAWARD_TEST_ASSETS_DIR) + "/" + relative, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace qaward::test

#include <optional>
#include <string_view>

#include <ostream>

#include "qaward/date.hpp"
#include "qaward/rules.hpp"

namespace qaward {
// Dates print as YYYY-MM-DD in test failures.
inline void PrintTo(const Date& date, std::ostream* out) { *out << to_string(date); }
}  // namespace qaward

namespace qaward::test {

// Rule files from assets/rules/, as the programs embed them.
inline EditionSource asset_editions() {
  return [](std::string_view edition) -> std::optional<std::string> {
    auto text = read_asset("rules/" + std::string(edition) + ".json");
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
  };
}

}  // namespace qaward::test

#include <filesystem>

#include <unistd.h>

#include "qaward/assessment.hpp"
#include "qaward/calendar.hpp"

namespace qaward::test {

// The shipped calendar, the 2025-11-18 edition and the criteria, read once:
// what the packaging and bundle tests work with.
struct Shipped {
  Calendar calendar;
  RuleSet rules;
  Criteria criteria;
};
inline const Shipped& shipped() {
  static const Shipped s = [] {
    Shipped x;
    x.calendar = Calendar::parse(read_asset("calendar/national.json"), read_asset("calendar/xinjiang.json")).value();
    x.rules = load_edition("urumqi-2025-11-18", asset_editions()).value();
    x.criteria = parse_criteria(read_asset("criteria/gbt19580-2012.json")).value();
    return x;
  }();
  return s;
}

// A fresh folder for one test program's files: <tmp>/<name>-<pid>.
inline std::filesystem::path fresh_dir(const std::string& name) {
  std::filesystem::path d = std::filesystem::path(QAWARD_TEST_TMP_DIR) / (name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

}  // namespace qaward::test
