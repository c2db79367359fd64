#pragma once
// Diagnostics: how the core reports what is wrong with its input. The core
// never throws across its API; it returns a value together with diagnostics
// that carry a message key (translated through assets/i18n/), parameters, and
// where in the input the problem sits (a JSON pointer or a file offset).
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qaward {

// Named values substituted into a message ({name} in assets/i18n/).
using Params = std::map<std::string, std::string>;

enum class Severity { warning, error };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string key;                           // message key, e.g. "i18n.not_an_object"
  std::map<std::string, std::string> params; // values substituted into the message
  std::string where;                         // JSON pointer, file name or offset; may be empty
};

// A value or the diagnostics explaining why there is none. Warnings may
// accompany a value.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(std::vector<Diagnostic> diagnostics) : diagnostics_(std::move(diagnostics)) {}
  Result(T value, std::vector<Diagnostic> warnings)
      : value_(std::move(value)), diagnostics_(std::move(warnings)) {}

  [[nodiscard]] bool ok() const { return value_.has_value(); }
  [[nodiscard]] const T& value() const& { return *value_; }
  [[nodiscard]] T& value() & { return *value_; }
  [[nodiscard]] T&& value() && { return std::move(*value_); }
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::optional<T> value_;
  std::vector<Diagnostic> diagnostics_;
};

[[nodiscard]] Diagnostic make_error(std::string key, std::string where = {},
                                    std::map<std::string, std::string> params = {});

}  // namespace qaward
