// libFuzzer target: arbitrary bytes as a package's data/application.json (and
// recommendation.json), straight into the business re-checks of
// verify_package, which fuzz_package cannot reach past the hashes and the
// signature. The shipped rule editions and calendar are used, as `qaward
// verify` uses them, and the report is turned into JSON text as the CLI and
// the browser do. Must never crash, throw, leak or recurse without bound.
//
// Structure-aware: tests/fuzz/application.dict gives the member names and
// typical values, tests/fuzz/corpus/application/ real documents, and the
// custom mutator below parses the JSON and changes one value's type or value
// (half of the time; libFuzzer's own byte mutations the other half).
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "catalogs.hpp"
#include "editions.hpp"
#include "package_verify.hpp"
#include "qaward/json_text.hpp"
#include "qaward/package.hpp"
#include "shipped_calendar.hpp"

namespace {

const qaward::VerifyContext& context() {
  static const qaward::VerifyContext ctx = [] {
    qaward::VerifyContext c;
    c.calendar = &qaward::shipped_calendar().value();
    c.editions = qaward::embedded_editions();
    return c;
  }();
  return ctx;
}

const qaward::KeyPair& office() {
  static const qaward::KeyPair key = qaward::keypair_from_seed({9, 9, 9}, {0x0F, 0xF1, 0xCE, 0, 0, 0, 0, 2});
  return key;
}

// Values of every JSON type, and the edges the readers care about.
nlohmann::json replacement(std::mt19937& random) {
  static const std::vector<nlohmann::json> values = {
      nullptr, true, false, 0, -1, 1, 6, 100, 4294967300ull, 18446744073709551615ull, -9223372036854775807ll - 1,
      1e308, -0.5, 439.5, "", "x", "true", "2026-03-16", "2026-02-29", "2024-02-29", "0000-01-01", "9999-12-31",
      "2026-03-16T10:00:00+08:00", "2026-03-06T15:00", "9999-12-31T23:59:59+14:00", "00:00", "17:30", "24:00",
      "urumqi-2025-11-18", "urumqi-2025-draft", "index", "eligible", "not_eligible", "needs_information", "xinjiang",
      "national", "legal_person", "branch", "91330100716105852F", "data/附件/申报表.txt", "\u001b[2J",
      nlohmann::json::array(), nlohmann::json::object(), nlohmann::json::array({nlohmann::json::object()}),
      nlohmann::json::parse(R"({"received_on": "2026-03-10", "resolved_on": "2026-03-09"})"),
      nlohmann::json::parse(R"({"date": "2024-01-01", "kind": "quality", "major": true})"),
  };
  return values[random() % values.size()];
}

void collect(nlohmann::json& value, std::vector<nlohmann::json*>& nodes) {
  nodes.push_back(&value);
  if (value.is_structured()) {
    for (auto& child : value) collect(child, nodes);  // at most kMaxJsonDepth deep
  }
}

// One structural change: a value replaced, a member removed, an array
// element duplicated, or a value wrapped one level deeper.
bool mutate_json(nlohmann::json& doc, std::mt19937& random) {
  std::vector<nlohmann::json*> nodes;
  collect(doc, nodes);
  auto& node = *nodes[random() % nodes.size()];
  switch (random() % 5) {
    case 0:
    case 1:
      node = replacement(random);
      return true;
    case 2:
      if (node.is_object() && !node.empty()) {
        auto it = node.begin();
        std::advance(it, static_cast<long>(random() % node.size()));
        node.erase(it);
        return true;
      }
      return false;
    case 3:
      if (node.is_array() && !node.empty()) {
        node.push_back(node[random() % node.size()]);
        return true;
      }
      return false;
    default:
      node = random() % 2 ? nlohmann::json::array({node}) : nlohmann::json::object({{"x", node}});
      return true;
  }
}

}  // namespace

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  std::mt19937 random(seed);
  if (random() % 2 == 0) {
    auto parsed = qaward::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
    if (parsed.ok()) {
      auto doc = std::move(parsed).value();
      if (mutate_json(doc, random)) {
        const auto text = doc.dump(random() % 2 ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (text.size() <= max_size) {
          std::memcpy(data, text.data(), text.size());
          return text.size();
        }
      }
    }
  }
  return LLVMFuzzerMutate(data, size, max_size);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  qaward::VerifyReport report;
  report.uscc = "91330100716105852F";  // as bag-info.txt of the seed says
  report.tagmanifest_sha256 = std::string(64, 'a');
  qaward::detail::recheck_application(text, context(), report);
  // The same bytes as a recommendation, with a signature that cannot match.
  static const std::string office_key = qaward::public_key_file(office().public_key);
  static const std::string signature = qaward::sign_minisign("x", office(), "fuzz");
  qaward::detail::check_countersignature(text, signature, office_key, context(), report);
  const auto json = qaward::to_json(report, qaward::catalog(qaward::Language::zh), qaward::catalog(qaward::Language::en));
  const auto dumped = json.dump();  // throws on anything not UTF-8: a crash here is a finding
  (void)qaward::verify_report_from_json(nlohmann::json::parse(dumped));
  return 0;
}
