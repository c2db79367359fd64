#include "catalogs.hpp"

#include <cstdio>
#include <cstdlib>

#include "editions.hpp"
#include "embedded_assets.hpp"

namespace qaward {

namespace {

Catalog load(std::string_view path) {
  const auto data = find_asset(path);
  if (!data) {
    std::fprintf(stderr, "internal error: translation file %.*s was not built in\n",
                 static_cast<int>(path.size()), path.data());
    std::abort();
  }
  auto parsed = Catalog::parse(*data, path);
  if (!parsed.ok()) {
    std::fprintf(stderr, "internal error: translation file %.*s is malformed\n",
                 static_cast<int>(path.size()), path.data());
    std::abort();
  }
  return std::move(parsed).value();
}

Catalog& catalog_to_change(Language language) {
  static Catalog zh = load("i18n/zh-CN.json");
  static Catalog en = load("i18n/en.json");
  static const bool referenced = [] {
    if (const auto& shipped = shipped_editions(); shipped.ok()) {  // parsed once, shared with the page
      zh.set_references(edition_references(shipped.value().default_rules(), false));
      en.set_references(edition_references(shipped.value().default_rules(), true));
    }
    return true;
  }();
  (void)referenced;
  return language == Language::en ? en : zh;
}

}  // namespace

const Catalog& catalog(Language language) { return catalog_to_change(language); }

void use_edition_references(const RuleSet& rules) {
  catalog_to_change(Language::zh).set_references(edition_references(rules, false));
  catalog_to_change(Language::en).set_references(edition_references(rules, true));
}

Language language_from_tag(std::string_view tag) {
  return tag.substr(0, 2) == "en" ? Language::en : Language::zh;
}

}  // namespace qaward
