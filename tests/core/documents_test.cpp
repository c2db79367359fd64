#include "qaward/documents.hpp"

#include <gtest/gtest.h>

namespace {

// Text typed by users never becomes markup in a printed document.
TEST(Documents, ValuesAreEscapedMarkupIsNot) {
  const auto html = qaward::fill_template("<h1>{name}</h1>{table}<p title=\"{name}\">",
                                          {{"name", "<script>alert('x')</script> & \"公司\""}},
                                          {{"table", "<table></table>"}});
  EXPECT_EQ(html,
            "<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;公司&quot;</h1><table></table>"
            "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;公司&quot;\">");
}

TEST(Documents, UnknownPlaceholdersStayVisible) {
  EXPECT_EQ(qaward::fill_template("{a}{b}", {{"a", "1"}}), "1{b}");
}

// Issue 12: a CSV cell a spreadsheet would run as a formula (OWASP CSV injection).
TEST(CsvField, FormulasAreNeutralisedNumbersAndTextAreNot) {
  EXPECT_EQ(qaward::csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(qaward::csv_field("+1"), "\"'+1\"");
  EXPECT_EQ(qaward::csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(qaward::csv_field("-1+cmd|' /C calc'!A0"), "\"'-1+cmd|' /C calc'!A0\"");
  EXPECT_EQ(qaward::csv_field("\tx"), "\"'\tx\"");
  EXPECT_EQ(qaward::csv_field("-3"), "\"-3\"");
  EXPECT_EQ(qaward::csv_field("-2.5"), "\"-2.5\"");
  EXPECT_EQ(qaward::csv_field("乌鲁木齐 = 首府"), "\"乌鲁木齐 = 首府\"");
}

// One writer for every CSV the product exports (scoring sheet, precheck).
TEST(CsvDocument, BomThenQuotedFieldsAndCrlfRows) {
  EXPECT_EQ(qaward::csv_document({{"组织", "得分"}, {"甲,乙", "=1+1"}, {}}),
            "\xEF\xBB\xBF\"组织\",\"得分\"\r\n\"甲,乙\",\"'=1+1\"\r\n\r\n");
}

}  // namespace
