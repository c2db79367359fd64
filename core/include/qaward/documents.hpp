#pragma once
// Printable documents from templates (assets/templates/): placeholders
// {name} are filled with HTML-escaped values, so text typed by users can
// never become markup.
#include <string>
#include <string_view>
#include <vector>

#include "qaward/i18n.hpp"

namespace qaward {

[[nodiscard]] std::string html_escape(std::string_view text);

// One CSV field (RFC 4180: always quoted, quotes doubled). Text that a
// spreadsheet would run as a formula (starting with = + - @, a tab or a
// carriage return) gets a leading apostrophe, as OWASP's CSV injection rule
// says; plain numbers such as -3 or -2.5 are left as they are.
[[nodiscard]] std::string csv_field(std::string_view text);

// A CSV document as spreadsheets in China open it: UTF-8 with a byte-order
// mark (Excel otherwise reads it as GBK), every field through csv_field,
// CRLF line ends (RFC 4180). The first row is the header.
[[nodiscard]] std::string csv_document(const std::vector<std::vector<std::string>>& rows);

// `values` are escaped; `markup` values are inserted as they are (HTML the
// caller built from escaped parts).
[[nodiscard]] std::string fill_template(std::string_view tmpl, const Params& values, const Params& markup = {});

}  // namespace qaward
