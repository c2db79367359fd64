#pragma once
// The organization profile: what an applicant states about itself, read from
// the public profile format (docs in README, format "qaward-profile/1").
// Every field may be missing: a missing answer makes a check "unknown", never
// "fail". Malformed values (a wrong type, an impossible date, an unknown kind)
// are errors naming the JSON path, what was found and what is expected.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "qaward/date.hpp"
#include "qaward/diagnostic.hpp"

namespace qaward {

struct Incident {
  Date date;
  std::string kind;  // quality | safety | environment
  std::optional<bool> major;
  std::string summary;  // what happened, as the organization puts it
};

struct Violation {
  Date date;
  std::string kind;  // illegal | irregular | disciplinary | dishonesty
  std::string summary;
};

struct AwardRecord {
  std::string award;  // quality_award | nomination
  Date date;
  std::string round;  // e.g. 第三届
};

struct Sanction {
  std::string kind;  // false_materials | improper_means
  Date date;
  std::string summary;
};

struct Profile {
  struct Organization {
    std::optional<std::string> name;
    std::optional<std::string> uscc;
    std::optional<std::string> kind;  // legal_person | unincorporated | branch | internal | dispatched
    std::optional<bool> registered_in_urumqi;
    std::optional<std::string> district;
    std::optional<Date> established_on;
    std::optional<bool> four_new;  // new technology, industry, business format or model
    std::optional<bool> sme;
  } organization;
  struct Declarations {
    std::optional<bool> supports_policies;          // 9(1)
    std::optional<bool> quality_strategy;           // 9(4)
    std::optional<bool> quality_management_system;  // 9(5)
  } declarations;
  struct History {
    std::optional<std::vector<Incident>> incidents;
    std::optional<std::vector<Violation>> violations;
    std::optional<bool> on_business_anomaly_list;
    std::optional<bool> on_serious_violation_list;
    std::optional<std::vector<AwardRecord>> awards;
    std::optional<std::vector<Sanction>> sanctions;
  } history;
};

inline constexpr std::string_view kProfileFormat = "qaward-profile/1";

// Parses a profile from JSON text. Warnings (e.g. a credit code whose check
// character does not match) accompany a successful result.
[[nodiscard]] Result<Profile> parse_profile(std::string_view json_text);
// The same from a parsed value; `path` is the JSON pointer of `value` in its
// document (e.g. "/profile" inside a draft), used in diagnostics.
[[nodiscard]] Result<Profile> profile_from_json(const nlohmann::json& value, const std::string& path = "");

[[nodiscard]] nlohmann::json to_json(const Profile& profile);

}  // namespace qaward
