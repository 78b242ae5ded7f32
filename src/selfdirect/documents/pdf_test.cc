#include "selfdirect/documents/pdf.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/support/temp_dir.h"

namespace selfdirect::documents {
namespace {

using ::testing::HasSubstr;

// The text of a PDF as poppler's pdftotext reads it (installed by scripts/install-deps).
std::string TextOf(const std::string& pdf) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "doc.pdf").string();
  std::ofstream(path, std::ios::binary) << pdf;
  std::string text;
  FILE* p = popen(("pdftotext -layout '" + path + "' - 2>&1").c_str(), "r");
  if (p == nullptr) return "";
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, p)) text.append(buffer, n);
  pclose(p);
  return text;
}

Document Statement() {
  Document doc{"Your personal budget", "Ada Okafor · 22 November 2026", {}, "selfdirect"};
  doc.blocks.push_back(Heading("What you get"));
  doc.blocks.push_back(Paragraph("Your personal budget is £10,400.00 a year (£200.00 a week)."));
  doc.blocks.push_back(
      Summary({{"Cost of meeting your needs", "£10,400.00 a year"}, {"You pay", "£20.00 a week"}}));
  doc.blocks.push_back(
      Table({"How it is paid", "A year"}, {{"Paid to you as a direct payment", "£10,400.00"}}));
  return doc;
}

TEST(RenderPdf, WritesAPdfWhoseTextReadsBack) {
  auto pdf = RenderPdf(Statement());
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  const std::string text = TextOf(*pdf);
  EXPECT_THAT(text, HasSubstr("Your personal budget"));
  EXPECT_THAT(text, HasSubstr("£10,400.00 a year (£200.00 a week)"));
  EXPECT_THAT(text, HasSubstr("Cost of meeting your"));
  EXPECT_THAT(text, HasSubstr("Paid to you as a direct"));
  EXPECT_THAT(text, HasSubstr("Page 1 of 1"));
}

TEST(RenderPdf, LongDocumentsRunOntoNumberedPages) {
  Document doc = Statement();
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 120; ++i) rows.push_back({fmt::format("Item {}", i), "£1.00"});
  doc.blocks.push_back(Table({"What", "Cost"}, rows));
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.has_value());
  const std::string text = TextOf(*pdf);
  EXPECT_THAT(text, HasSubstr("Item 120"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(text, m, std::regex("Page 1 of ([0-9]+)")));
  const int pages = std::stoi(m[1]);
  EXPECT_GE(pages, 3);
  for (int i = 1; i <= pages; ++i) {
    EXPECT_THAT(text, HasSubstr(fmt::format("Page {} of {}", i, pages)));
  }
  EXPECT_THAT(text, ::testing::Not(HasSubstr(fmt::format("Page {} of", pages + 1))));
}

}  // namespace
}  // namespace selfdirect::documents
