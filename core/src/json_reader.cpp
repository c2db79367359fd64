#include "json_reader.hpp"

namespace qaward::detail {

std::string text_of(const nlohmann::json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_of(const nlohmann::json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

bool bool_of(const nlohmann::json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

nlohmann::json object_of(const nlohmann::json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : nlohmann::json::object();
}

std::string describe(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 60) {
    // Cut between characters, never inside one: the message must stay UTF-8.
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

bool JsonReader::has_errors() const {
  for (const auto& d : diagnostics) {
    if (d.severity == Severity::error) return true;
  }
  return false;
}

void JsonReader::error(std::string key, std::string where, Params params) {
  diagnostics.push_back(Diagnostic{Severity::error, std::move(key), std::move(params), std::move(where)});
}

void JsonReader::warning(std::string key, std::string where, Params params) {
  diagnostics.push_back(Diagnostic{Severity::warning, std::move(key), std::move(params), std::move(where)});
}

const nlohmann::json* JsonReader::member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

namespace {
std::string join(std::initializer_list<std::string_view> items) {
  std::string out;
  for (const auto item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}
}  // namespace

std::optional<bool> JsonReader::boolean(const nlohmann::json& object, const std::string& path, std::string_view key) {
  const auto* value = member(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    error("input.wrong_type", path + "/" + std::string(key), {{"found", describe(*value)}, {"expected", "true / false"}});
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::string> JsonReader::string(const nlohmann::json& object, const std::string& path,
                                              std::string_view key) {
  const auto* value = member(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    error("input.wrong_type", path + "/" + std::string(key), {{"found", describe(*value)}, {"expected", "\"text\""}});
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<Date> JsonReader::date(const nlohmann::json& object, const std::string& path, std::string_view key) {
  const auto text = string(object, path, key);
  if (!text) return std::nullopt;
  const auto parsed = parse_date(*text);
  if (!parsed) {
    error("input.bad_date", path + "/" + std::string(key), {{"found", *text}});
  }
  return parsed;
}

std::optional<std::string> JsonReader::one_of(const nlohmann::json& object, const std::string& path,
                                              std::string_view key, std::initializer_list<std::string_view> allowed) {
  auto text = string(object, path, key);
  if (!text) return std::nullopt;
  for (const auto a : allowed) {
    if (*text == a) return text;
  }
  error("input.unknown_value", path + "/" + std::string(key), {{"found", *text}, {"expected", join(allowed)}});
  return std::nullopt;
}

std::optional<std::string> JsonReader::required_one_of(const nlohmann::json& object, const std::string& path,
                                                       std::string_view key,
                                                       std::initializer_list<std::string_view> allowed) {
  if (member(object, key) == nullptr) {
    error("input.missing_field", path + "/" + std::string(key), {{"expected", join(allowed)}});
    return std::nullopt;
  }
  return one_of(object, path, key, allowed);
}

std::optional<Date> JsonReader::required_date(const nlohmann::json& object, const std::string& path,
                                              std::string_view key) {
  if (member(object, key) == nullptr) {
    error("input.missing_field", path + "/" + std::string(key), {{"expected", "YYYY-MM-DD"}});
    return std::nullopt;
  }
  return date(object, path, key);
}

const nlohmann::json* JsonReader::object(const nlohmann::json& parent, const std::string& path, std::string_view key) {
  const auto* value = member(parent, key);
  if (value != nullptr && !value->is_object()) {
    error("input.wrong_type", path + "/" + std::string(key), {{"found", describe(*value)}, {"expected", "{ ... }"}});
    return nullptr;
  }
  return value;
}

const nlohmann::json* JsonReader::array(const nlohmann::json& parent, const std::string& path, std::string_view key) {
  const auto* value = member(parent, key);
  if (value != nullptr && !value->is_array()) {
    error("input.wrong_type", path + "/" + std::string(key), {{"found", describe(*value)}, {"expected", "[ ... ]"}});
    return nullptr;
  }
  return value;
}

void JsonReader::unknown_members(const nlohmann::json& object, const std::string& path,
                                 std::initializer_list<std::string_view> known) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items()) {
    bool found = false;
    for (const auto k : known) found = found || key == k;
    if (!found) warning("input.unknown_field", path + "/" + key, {{"expected", join(known)}});
  }
}

}  // namespace qaward::detail
