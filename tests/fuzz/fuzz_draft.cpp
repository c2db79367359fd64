// libFuzzer target: the draft, profile, assessment and publicity parsers.
#include <cstdint>
#include <string_view>

#include "qaward/package.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const qaward::Criteria criteria = [] {
    qaward::Criteria c;  // a minimal model: one category, one item
    c.total_points = 50;
    c.categories.push_back({"4.1", "领导", "Leadership", 50, {{"4.1.2", "x", "x", 50, false, {}, {}, "4.1"}}});
    for (int b = 0; b < 6; ++b) {
      c.process_bands.push_back({b == 0 ? 0 : b * 20 - 10, b == 0 ? 5 : (b == 5 ? 100 : b * 20 + 5), {}});
      c.results_bands.push_back(c.process_bands.back());
    }
    c.dimensions.push_back({"quality", {}});
    return c;
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto draft = qaward::parse_draft(text, criteria);
  (void)draft;
  auto profile = qaward::parse_profile(text);
  (void)profile;
  return 0;
}
