#pragma once
// Helpers shared by the core tests (natively and under node with NODERAWFS).
#include <fstream>
#include <iterator>
#include <string>

namespace qaward::test {

// The text of assets/<relative>; empty if it cannot be read.
inline std::string read_asset(const std::string& relative) {
  std::ifstream in(std::string(QAWARD_TEST_ASSETS_DIR) + "/" + relative, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace qaward::test
