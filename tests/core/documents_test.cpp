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

}  // namespace
