#include "qaward/documents.hpp"

namespace qaward {

std::string csv_field(std::string_view text) {
  auto is_number = [](std::string_view t) {
    if (t.starts_with('-')) t.remove_prefix(1);
    const auto dot = t.find('.');
    auto digits = [](std::string_view d) { return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos; };
    return dot == std::string_view::npos ? digits(t) : digits(t.substr(0, dot)) && digits(t.substr(dot + 1));
  };
  std::string out = "\"";
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos && !is_number(text)) out += '\'';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_document(const std::vector<std::vector<std::string>>& rows) {
  std::string csv = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (std::size_t k = 0; k < row.size(); ++k) csv += (k ? "," : "") + csv_field(row[k]);
    csv += "\r\n";
  }
  return csv;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fill_template(std::string_view tmpl, const Params& values, const Params& markup) {
  Params all = markup;
  for (const auto& [key, value] : values) all[key] = html_escape(value);
  return substitute(tmpl, all);
}

}  // namespace qaward
