#include "catalogs.hpp"

#include <cstdio>
#include <cstdlib>

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

}  // namespace

const Catalog& catalog(Language language) {
  static const Catalog zh = load("i18n/zh-CN.json");
  static const Catalog en = load("i18n/en.json");
  return language == Language::en ? en : zh;
}

Language language_from_tag(std::string_view tag) {
  return tag.substr(0, 2) == "en" ? Language::en : Language::zh;
}

}  // namespace qaward
