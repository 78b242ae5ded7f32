#include "selfdirect/documents/xlsx.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "tests/support/temp_dir.h"

namespace selfdirect::documents {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::uint32_t Le(const std::string& b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b.at(at + i));
  return v;
}

// The zip's files by name, inflated: enough of the format to read what libxlsxwriter writes.
std::map<std::string, std::string> Unzip(const std::string& zip) {
  std::map<std::string, std::string> files;
  const std::size_t end = zip.rfind(std::string("PK\x05\x06", 4));
  if (end == std::string::npos) return files;
  std::size_t at = Le(zip, end + 16, 4);
  for (std::uint32_t n = Le(zip, end + 10, 2); n > 0; --n) {
    if (Le(zip, at, 4) != 0x02014b50) break;
    const std::uint32_t method = Le(zip, at + 10, 2);
    const std::uint32_t packed = Le(zip, at + 20, 4);
    const std::uint32_t size = Le(zip, at + 24, 4);
    const std::uint32_t name_length = Le(zip, at + 28, 2);
    const std::uint32_t local = Le(zip, at + 42, 4);
    const std::string name = zip.substr(at + 46, name_length);
    at += 46 + name_length + Le(zip, at + 30, 2) + Le(zip, at + 32, 2);
    const std::size_t data = local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
    std::string out(size, '\0');
    if (method == 0) {
      out = zip.substr(data, size);
    } else {
      z_stream s{};
      inflateInit2(&s, -MAX_WBITS);
      s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      s.avail_in = packed;
      s.next_out = reinterpret_cast<Bytef*>(out.data());
      s.avail_out = size;
      inflate(&s, Z_FINISH);
      inflateEnd(&s);
    }
    files[name] = out;
  }
  return files;
}

Workbook Small() {
  Sheet about{"About", {{"", "", 30, false, true}, {"", "", 80, true, false}}, {}, false};
  about.rows.push_back({TextCell("Scenario"), TextCell("A 25% cut")});
  about.rows.push_back({TextCell("People"), WholeCell(5000)});
  Sheet years{"Years", {{"year", "Year"}, {"budgets", "Budgets"}, {"note", "Note"}}, {}};
  years.rows.push_back({WholeCell(0), PenceCell(2956123456), TextCell("today")});
  years.rows.push_back({WholeCell(1), PenceCell(-5), EmptyCell()});
  return {"A 25% cut", {about, years}};
}

TEST(RenderXlsx, WritesAZipWithASheetPerSheet) {
  auto xlsx = RenderXlsx(Small());
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  ASSERT_GT(xlsx->size(), 4u);
  EXPECT_EQ(xlsx->substr(0, 4), std::string("PK\x03\x04", 4));
  // Zip keeps the names of its parts uncompressed.
  EXPECT_THAT(*xlsx, HasSubstr("[Content_Types].xml"));
  EXPECT_THAT(*xlsx, HasSubstr("xl/worksheets/sheet1.xml"));
  EXPECT_THAT(*xlsx, HasSubstr("xl/worksheets/sheet2.xml"));
  EXPECT_THAT(*xlsx, Not(HasSubstr("xl/worksheets/sheet3.xml")));
}

TEST(RenderXlsx, TheSheetsHoldTheCellsWithMoneyInPoundsAndTheHeadingsFrozen) {
  auto xlsx = RenderXlsx(Small());
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  auto files = Unzip(*xlsx);
  ASSERT_EQ(files.count("xl/workbook.xml"), 1u);
  EXPECT_THAT(files["xl/workbook.xml"], HasSubstr(R"(<sheet name="About" sheetId="1")"));
  EXPECT_THAT(files["xl/workbook.xml"], HasSubstr(R"(<sheet name="Years" sheetId="2")"));
  EXPECT_THAT(files["xl/sharedStrings.xml"], HasSubstr("<t>A 25% cut</t>"));
  EXPECT_THAT(files["xl/sharedStrings.xml"], HasSubstr("<t>Budgets</t>"));
  EXPECT_THAT(files["docProps/core.xml"], HasSubstr("<dc:title>A 25% cut</dc:title>"));
  EXPECT_THAT(files["xl/styles.xml"], HasSubstr(R"(formatCode="&quot;£&quot;#,##0.00")"));
  const std::string& about = files["xl/worksheets/sheet1.xml"];
  EXPECT_THAT(about, HasSubstr("<v>5000</v>"));
  EXPECT_THAT(about, Not(HasSubstr("<pane")));  // no headings, so nothing frozen
  const std::string& years = files["xl/worksheets/sheet2.xml"];
  EXPECT_THAT(years, HasSubstr("<v>29561234.56</v>"));
  EXPECT_THAT(years, HasSubstr("<v>-0.05</v>"));
  EXPECT_THAT(years, HasSubstr(R"(<pane ySplit="1" topLeftCell="A2")"));
  EXPECT_THAT(years, HasSubstr(R"(<autoFilter ref="A1:C3"/>)"));
  // Row 3's empty note is not written at all.
  EXPECT_THAT(years, Not(HasSubstr(R"(r="C3")")));
}

TEST(RenderXlsx, CutsTextLongerThanExcelTakes) {
  Workbook w = Small();
  w.sheets[0].rows.push_back({TextCell("Description"), TextCell(std::string(40'000, 'x'))});
  auto xlsx = RenderXlsx(w);
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  EXPECT_THAT(Unzip(*xlsx)["xl/sharedStrings.xml"],
              HasSubstr(std::string(kMaxCellText - 3, 'x') + "…</t>"));
}

TEST(RenderXlsx, RefusesASheetNameExcelRefuses) {
  Workbook w = Small();
  w.sheets[1].name = "Years/Groups";
  auto bad = RenderXlsx(w);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  w.sheets[1].name = "About";
  auto twice = RenderXlsx(w);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kInvalidArgument);
}

// Sets TMPDIR for one test.
class WithTmpDir {
 public:
  explicit WithTmpDir(const std::string& dir) {
    if (const char* old = getenv("TMPDIR")) old_ = old;
    setenv("TMPDIR", dir.c_str(), 1);
  }
  ~WithTmpDir() {
    if (old_.empty()) {
      unsetenv("TMPDIR");
    } else {
      setenv("TMPDIR", old_.c_str(), 1);
    }
  }

 private:
  std::string old_;
};

TEST(RenderXlsx, LeavesNoFileBehind_AndSaysWhenItCannotWrite) {
  testing::TempDir dir;
  {
    WithTmpDir tmp(dir.path().string());
    ASSERT_TRUE(RenderXlsx(Small()));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  WithTmpDir missing(dir.File("not-there"));
  auto failed = RenderXlsx(Small());
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
}

TEST(SheetCsv, IsTheKeysThenTheRowsWithMoneyInPounds) {
  Sheet s{"Years", {{"year", "Year"}, {"budgets", "Budgets"}, {"note", "Note"}}, {}};
  s.rows.push_back({WholeCell(0), PenceCell(123456), TextCell("today, \"as is\"")});
  s.rows.push_back({WholeCell(1), PenceCell(-5), EmptyCell()});
  EXPECT_EQ(SheetCsv(s), "year,budgets,note\n0,1234.56,\"today, \"\"as is\"\"\"\n1,-0.05,\n");
}

}  // namespace
}  // namespace selfdirect::documents
