#pragma once
// A reader over untrusted JSON that collects diagnostics instead of throwing:
// each accessor names the JSON path, what it found and what it expected.
// Internal to the core.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "qaward/date.hpp"
#include "qaward/diagnostic.hpp"
#include "qaward/i18n.hpp"

namespace qaward::detail {

// Reads of the project's own data files (rules, calendar, criteria): a
// member of the wrong type reads as absent, never throws. (Untrusted input
// goes through JsonReader, which reports it.)
std::string text_of(const nlohmann::json& object, std::string_view key);
int int_of(const nlohmann::json& object, std::string_view key);
bool bool_of(const nlohmann::json& object, std::string_view key);
nlohmann::json object_of(const nlohmann::json& object, std::string_view key);

// A short description of a JSON value for messages: its type, and the value
// itself when it is short.
std::string describe(const nlohmann::json& value);

class JsonReader {
 public:
  std::vector<Diagnostic> diagnostics;

  [[nodiscard]] bool has_errors() const;

  // The member `key` of `object` (at `path`); nullptr when absent or null.
  const nlohmann::json* member(const nlohmann::json& object, std::string_view key);

  // Typed reads of `object[key]`; absent or null gives nullopt silently, a
  // wrong type gives nullopt and an error.
  std::optional<bool> boolean(const nlohmann::json& object, const std::string& path, std::string_view key);
  std::optional<std::string> string(const nlohmann::json& object, const std::string& path, std::string_view key);
  std::optional<Date> date(const nlohmann::json& object, const std::string& path, std::string_view key);
  std::optional<std::string> one_of(const nlohmann::json& object, const std::string& path, std::string_view key,
                                    std::initializer_list<std::string_view> allowed);
  // The same, but absence is an error too (a member every record needs).
  std::optional<std::string> required_one_of(const nlohmann::json& object, const std::string& path,
                                             std::string_view key, std::initializer_list<std::string_view> allowed);
  std::optional<Date> required_date(const nlohmann::json& object, const std::string& path, std::string_view key);
  // An object member that must be an object when present.
  const nlohmann::json* object(const nlohmann::json& object, const std::string& path, std::string_view key);
  const nlohmann::json* array(const nlohmann::json& object, const std::string& path, std::string_view key);

  // Warns about members not in `known` (catches misspelt field names).
  void unknown_members(const nlohmann::json& object, const std::string& path,
                       std::initializer_list<std::string_view> known);

  void error(std::string key, std::string where, Params params = {});
  void warning(std::string key, std::string where, Params params = {});
};

}  // namespace qaward::detail
