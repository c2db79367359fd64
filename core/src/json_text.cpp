// The one parser for untrusted JSON text: nlohmann's DOM builder behind a
// SAX handler that counts nesting, with errors placed at a line and column.
#include "qaward/json_text.hpp"

#include <string>

namespace qaward {

namespace {

using Json = nlohmann::json;

// Builds the value as nlohmann's own parser does, but refuses to open more
// than `max_depth` arrays or objects, and keeps where a syntax error lies.
class DepthLimitedBuilder {
 public:
  DepthLimitedBuilder(Json& root, std::size_t max_depth) : dom_(root, /*allow_exceptions=*/false), max_depth_(max_depth) {}

  bool null() { return dom_.null(); }
  bool boolean(bool value) { return dom_.boolean(value); }
  bool number_integer(Json::number_integer_t value) { return dom_.number_integer(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return dom_.number_unsigned(value); }
  bool number_float(Json::number_float_t value, const Json::string_t& text) { return dom_.number_float(value, text); }
  bool string(Json::string_t& value) { return dom_.string(value); }
  bool binary(Json::binary_t& value) { return dom_.binary(value); }
  bool key(Json::string_t& value) { return dom_.key(value); }
  bool start_object(std::size_t size) { return deeper() && dom_.start_object(size); }
  bool end_object() {
    --depth_;
    return dom_.end_object();
  }
  bool start_array(std::size_t size) { return deeper() && dom_.start_array(size); }
  bool end_array() {
    --depth_;
    return dom_.end_array();
  }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& error) {
    error_position_ = position;
    return dom_.parse_error(position, last_token, error);
  }

  [[nodiscard]] bool too_deep() const { return too_deep_; }
  [[nodiscard]] std::size_t error_position() const { return error_position_; }

 private:
  bool deeper() {
    if (++depth_ > max_depth_) too_deep_ = true;
    return !too_deep_;
  }

  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  std::size_t max_depth_;
  std::size_t depth_ = 0;
  bool too_deep_ = false;
  std::size_t error_position_ = 0;
};

// The offset of the bracket that opens level `max_depth + 1`. Only called
// when the parser stopped there, so the text before it is valid JSON and a
// scan that skips strings finds the same bracket.
std::size_t deepest_opening(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

// Line and column (both from 1; the column in characters, as editors show it)
// of the byte at `offset`.
Params place(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      column = 1;
    } else if ((byte & 0xC0u) != 0x80u) {  // not a UTF-8 continuation byte
      ++column;
    }
  }
  return {{"line", std::to_string(line)}, {"column", std::to_string(column)}};
}

}  // namespace

Result<nlohmann::json> parse_json(std::string_view text, std::string_view where, std::size_t max_depth) {
  Json value;
  DepthLimitedBuilder builder(value, max_depth);
  if (Json::sax_parse(text.begin(), text.end(), &builder)) return value;
  if (builder.too_deep()) {
    auto params = place(text, deepest_opening(text, max_depth));
    params["max"] = std::to_string(max_depth);
    return std::vector{make_error("input.json_too_deep", std::string(where), std::move(params))};
  }
  // nlohmann counts the bytes read, the offending one included.
  const auto position = builder.error_position();
  return std::vector{make_error("input.invalid_json_at", std::string(where), place(text, position > 0 ? position - 1 : 0))};
}

}  // namespace qaward
