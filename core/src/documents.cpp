#include "qaward/documents.hpp"

namespace qaward {

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
