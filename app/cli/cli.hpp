#pragma once
// Shared pieces of the command-line front end.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../common/catalogs.hpp"
#include "qaward/calendar.hpp"
#include "qaward/date.hpp"
#include "qaward/datetime.hpp"
#include "qaward/diagnostic.hpp"
#include "qaward/assessment.hpp"
#include "qaward/district.hpp"
#include "qaward/rules.hpp"
#include "qaward/signing.hpp"

namespace qaward::cli {

// Exit codes, as minisign: 0 success, 1 the answer is negative (not eligible,
// verification failed), 2 bad usage or unreadable input.
constexpr int kExitOk = 0;
constexpr int kExitNegative = 1;
constexpr int kExitUsage = 2;

struct Context {
  Language language = Language::zh;
  [[nodiscard]] const Catalog& text() const { return catalog(language); }
};

// Options of one subcommand: "--name value" pairs, "--flag" switches and
// "--list value value ..." lists.
class Options {
 public:
  // Parses `args`; `with_value` and `flags` name the options the command
  // knows, `max_positional` how many plain arguments it takes, `lists` the
  // options that take one or more values: every argument up to the next
  // option (--ratings a.json b.json), and may be given again to add more.
  // An unknown or repeated option, a missing value or a stray argument
  // prints a message.
  [[nodiscard]] static std::optional<Options> parse(const Context& ctx, const std::vector<std::string_view>& args,
                                                    std::vector<std::string_view> with_value,
                                                    std::vector<std::string_view> flags, std::size_t max_positional = 0,
                                                    std::vector<std::string_view> lists = {});
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  // Every value of a list option, in the order given (empty when absent).
  [[nodiscard]] std::vector<std::string> get_all(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const;
  [[nodiscard]] const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
  std::vector<std::string> positional_;
};

// Text from an input made safe for a terminal (escape_control_characters:
// ESC sequences could rewrite the reviewer's screen).
[[nodiscard]] std::string printable(std::string_view text);

// Prints "qaward: <message>" for a message key to stderr; returns kExitUsage.
int usage_error(const Context& ctx, const std::string& key, const Params& params = {});

// Prints each diagnostic as "qaward: error|warning: message (where)".
void print_diagnostics(const Context& ctx, const std::vector<Diagnostic>& diagnostics);

// The shipped rule edition `id` (empty: the default), or nullopt after saying
// why. Messages from then on cite its articles.
[[nodiscard]] std::optional<RuleSet> edition_or_report(const Context& ctx, std::string_view id);

// The value of `result`, or nullptr after printing why there is none (for
// the shipped data, which fails only in a broken build).
template <class T>
[[nodiscard]] const T* value_or_report(const Context& ctx, const Result<T>& result) {
  if (result.ok()) return &result.value();
  print_diagnostics(ctx, result.diagnostics());
  return nullptr;
}

// The reference date: --date if given (validated), else today in Beijing time.
[[nodiscard]] std::optional<Date> reference_date(const Context& ctx, const Options& options);

// --format text|json (text by default); nullopt after a message when invalid.
[[nodiscard]] std::optional<bool> wants_json(const Context& ctx, const Options& options);

// [SECTION] Shared by the package and district commands

// The secret key at `path`, decrypted with the passphrase (QAWARD_PASSPHRASE
// or asked on the terminal); nullopt after a message.
[[nodiscard]] std::optional<KeyPair> load_key(const Context& ctx, const std::string& path);
// --now if given (validated), else the clock in Beijing time.
[[nodiscard]] std::optional<DateTime> now_option(const Context& ctx, const Options& options);
// Warns when "now" is ahead of the machine's clock.
void warn_if_future(const Context& ctx, const DateTime& now);
// The district's workspace file (qaward-district/1); nullopt after saying
// what is wrong and where in the file.
[[nodiscard]] std::optional<DistrictWorkspace> read_workspace(const Context& ctx, const std::string& path);

// Says, when `estimated`, that the period runs over days the calendar data
// only estimates (never a silent guess).
void print_estimate_note(const Context& ctx, const Calendar& calendar, Region region, bool estimated);

// [SECTION] Subcommands
int eligibility(const Context& ctx, const std::vector<std::string_view>& args);
int assess(const Context& ctx, const std::vector<std::string_view>& args);
// keygen, package, verify, precheck, countersign
int package_command(const Context& ctx, std::string_view command, const std::vector<std::string_view>& args);
int district_command(const Context& ctx, const std::vector<std::string_view>& args);
// draft normalize
int draft_command(const Context& ctx, const std::vector<std::string_view>& args);
int data_command(const Context& ctx, const std::vector<std::string_view>& args);
// workdays, publicity, timeline, notice
int calendar_command(const Context& ctx, std::string_view command, const std::vector<std::string_view>& args);

}  // namespace qaward::cli
