#include "qaward/i18n.hpp"

#include <nlohmann/json.hpp>

namespace qaward {

namespace {

Diagnostic catalog_error(std::string key, std::string_view source, std::string where) {
  return make_error(std::move(key), std::move(where), {{"file", std::string(source)}});
}

}  // namespace

Result<Catalog> Catalog::parse(std::string_view json_text, std::string_view source) {
  const auto doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return std::vector{catalog_error("i18n.invalid_json", source, "")};
  }
  if (!doc.is_object()) {
    return std::vector{catalog_error("i18n.not_an_object", source, "")};
  }
  std::vector<Diagnostic> errors;
  Catalog catalog;
  for (const char* field : {"language", "language_name"}) {
    const auto it = doc.find(field);
    if (it == doc.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
      errors.push_back(catalog_error("i18n.missing_field", source, std::string("/") + field));
    }
  }
  const auto messages = doc.find("messages");
  if (messages == doc.end() || !messages->is_object()) {
    errors.push_back(catalog_error("i18n.missing_field", source, "/messages"));
  } else {
    for (const auto& [key, value] : messages->items()) {
      if (!value.is_string()) {
        errors.push_back(catalog_error("i18n.message_not_text", source, "/messages/" + key));
        continue;
      }
      catalog.messages_.emplace(key, value.get<std::string>());
    }
  }
  if (!errors.empty()) return errors;
  catalog.language_ = doc["language"].get<std::string>();
  catalog.language_name_ = doc["language_name"].get<std::string>();
  return catalog;
}

bool Catalog::has(std::string_view key) const { return messages_.find(key) != messages_.end(); }

std::vector<std::string> Catalog::keys() const {
  std::vector<std::string> out;
  out.reserve(messages_.size());
  for (const auto& [key, _] : messages_) out.push_back(key);
  return out;
}

std::string Catalog::text(std::string_view key, const Params& params) const {
  const auto it = messages_.find(key);
  if (it == messages_.end()) return "⟦" + std::string(key) + "⟧";
  Params shown = params;
  for (auto& [name, value] : shown) {
    if (const auto named = messages_.find(name + "." + value); named != messages_.end()) value = named->second;
  }
  return substitute(it->second, shown, &references_);
}

std::string Catalog::sentence(const Diagnostic& diagnostic) const {
  Params params = diagnostic.params;
  params["where"] = diagnostic.where;
  return text(diagnostic.key, params);
}

std::string Catalog::render(const Diagnostic& diagnostic) const {
  std::string out = sentence(diagnostic);
  if (!diagnostic.where.empty()) out += " (" + diagnostic.where + ")";
  return out;
}

std::string substitute(std::string_view pattern, const Params& params, const Params* fallback) {
  std::string out;
  out.reserve(pattern.size());
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const auto close = pattern.find('}', i + 1);
      if (close != std::string_view::npos) {
        const auto name = pattern.substr(i + 1, close - i - 1);
        auto it = params.find(std::string(name));
        if (it == params.end() && fallback != nullptr) {
          it = fallback->find(std::string(name));
          if (it == fallback->end()) it = params.end();
        }
        if (it != params.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

}  // namespace qaward
