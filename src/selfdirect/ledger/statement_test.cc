#include "selfdirect/ledger/statement.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "selfdirect/core/csv.h"

namespace selfdirect::ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Kind = StatementProblemKind;

std::string ReadSample(const std::string& relative) {
  std::ifstream in(std::string(SELFDIRECT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in) << relative;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

StatementFormat FormatFrom(const std::string& yaml) {
  Result<StatementFormat> format = ParseStatementFormat(yaml);
  EXPECT_TRUE(format) << (format ? "" : format.error().message);
  return format ? *format : StatementFormat{};
}

StatementFormat NorthernBank() {
  return FormatFrom(ReadSample("docs/samples/statement-formats/northern-bank.yaml"));
}
StatementFormat CarefreeCard() {
  return FormatFrom(ReadSample("docs/samples/statement-formats/carefree-card.yaml"));
}

// A bank with one signed amount column and a balance.
StatementFormat SignedBank(const std::string& extra = "") {
  return FormatFrom(R"(format: selfdirect-statement/1
name: Test bank
columns: {date: Date, payee: Payee, reference: Ref, amount: Amount, balance: Balance}
date_formats: [dd/mm/yyyy]
)" + extra);
}

// A card with money in and money out columns, £ signs and commas allowed.
StatementFormat InOutCard() {
  return FormatFrom(R"(format: selfdirect-statement/1
name: Test card
columns: {date: Date, payee: Payee, money_in: In, money_out: Out}
date_formats: [dd/mm/yyyy]
amounts: {allow_pound_sign: true, allow_thousands_commas: true}
)");
}

std::vector<Kind> Kinds(const StatementReport& report) {
  std::vector<Kind> out;
  for (const StatementProblem& p : report.problems) out.push_back(p.kind);
  return out;
}

std::string Problems(const StatementReport& report) {
  std::string out;
  for (const StatementProblem& p : report.problems) out += p.ToString() + "\n";
  return out;
}

Date Ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

std::string_view Trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

constexpr const char* kSignedHeader = "Date,Payee,Ref,Amount,Balance\n";

// ----- The samples -----

TEST(ParseStatement, NorthernBankSample_ParsesClean) {
  const StatementReport report =
      ParseStatement(ReadSample("docs/samples/statement-northern-bank.csv"), NorthernBank());
  ASSERT_TRUE(report.ok()) << Problems(report);
  EXPECT_EQ(report.rows, 12);
  ASSERT_EQ(report.lines.size(), 12u);
  const StatementLine& council = report.lines[0];
  EXPECT_EQ(council.row, 2);
  EXPECT_EQ(council.date, Ymd(2026, 11, 2));
  EXPECT_EQ(council.amount, Pence(225000));
  EXPECT_EQ(council.payee, "HARTLEPOOL BC DIRECT PAYMENTS");
  EXPECT_EQ(council.reference, "DP 4WK 0042");
  EXPECT_EQ(council.description, "BGC");
  EXPECT_EQ(council.balance, Pence(248840));
  const StatementLine& wages = report.lines[1];
  EXPECT_EQ(wages.amount, Pence(-31250));
  EXPECT_TRUE(wages.money_out());
  EXPECT_EQ(report.lines[3].reference, "");  // the gym line has no reference
  EXPECT_EQ(report.lines.back().balance, Pence(18521));
}

TEST(ParseStatement, CarefreeCardSample_ParsesClean_NewestFirst) {
  const StatementReport report =
      ParseStatement(ReadSample("docs/samples/statement-carefree-card.csv"), CarefreeCard());
  ASSERT_TRUE(report.ok()) << Problems(report);
  ASSERT_EQ(report.lines.size(), 9u);
  EXPECT_EQ(report.lines[0].date, Ymd(2026, 11, 29));
  EXPECT_EQ(report.lines[0].amount, Pence(161200));
  EXPECT_EQ(report.lines[0].balance, Pence(213725));
  EXPECT_EQ(report.lines[0].card, "**** **** **** 4821");
  EXPECT_EQ(report.lines[1].amount, Pence(-44375));
  EXPECT_EQ(report.lines[1].payee, "BRIGHT HORIZONS HOME CARE");
  EXPECT_EQ(report.lines[1].description, "Card payment");
  EXPECT_EQ(report.lines[8].date, Ymd(2026, 11, 1));
}

TEST(ParseStatement, CarefreeCardSample_ReadAsOldestFirst_ReportsTheBalances) {
  StatementFormat format = CarefreeCard();
  format.order = StatementOrder::kOldestFirst;
  const StatementReport report =
      ParseStatement(ReadSample("docs/samples/statement-carefree-card.csv"), format);
  EXPECT_FALSE(report.ok());
  for (const StatementProblem& p : report.problems) {
    EXPECT_EQ(p.kind, Kind::kBalanceMismatch);
    EXPECT_THAT(p.message, HasSubstr("the format says oldest_first"));
  }
  EXPECT_EQ(report.lines.size(), 9u);
}

// ----- File-wide -----

TEST(ParseStatement, ByteOrderMarkAndCrLf_AreFine) {
  const StatementReport report = ParseStatement(
      "\xEF\xBB\xBF"
      "Date,Payee,Ref,Amount,Balance\r\n01/11/2026,SMITHS CARE,,-10.00,90.00\r\n"
      "02/11/2026,SMITHS CARE,,-5.00,85.00\r\n",
      SignedBank());
  ASSERT_TRUE(report.ok()) << Problems(report);
  ASSERT_EQ(report.lines.size(), 2u);
  EXPECT_EQ(report.lines[1].balance, Pence(8500));
}

TEST(ParseStatement, EmptyFile_IsRefused) {
  for (const std::string& text :
       {std::string(""), std::string("\xEF\xBB\xBF"), std::string("\n\n\r\n")}) {
    const StatementReport report = ParseStatement(text, SignedBank());
    EXPECT_THAT(Kinds(report), ElementsAre(Kind::kEmptyFile)) << Problems(report);
    EXPECT_EQ(report.problems[0].row, 0);
  }
  const StatementReport header_only = ParseStatement(kSignedHeader, SignedBank());
  EXPECT_THAT(Kinds(header_only), ElementsAre(Kind::kEmptyFile));
  EXPECT_EQ(header_only.problems[0].ToString(),
            "The file has no statement lines: there is nothing to import");
}

TEST(ParseStatement, MoreRowsThanTheLimit_IsRefusedWhole) {
  std::string text = kSignedHeader;
  for (int i = 0; i < 6; ++i) text += "01/11/2026,A,,-1.00,\n";
  const StatementReport at_limit = ParseStatement(text, SignedBank(), {.max_rows = 6});
  EXPECT_TRUE(at_limit.ok()) << Problems(at_limit);
  text += "01/11/2026,A,,-1.00,\n";
  const StatementReport over = ParseStatement(text, SignedBank(), {.max_rows = 6});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.problems[0].kind, Kind::kTooManyRows);
  // Rows the CSV reader cannot read count too.
  std::string unreadable = kSignedHeader;
  for (int i = 0; i < 7; ++i) unreadable += "01/11/2026," + std::string(40, 'x') + ",,-1.00,\n";
  const StatementReport long_rows =
      ParseStatement(unreadable, SignedBank(), {.max_rows = 6, .max_field_length = 20});
  EXPECT_EQ(long_rows.problems[0].kind, Kind::kTooManyRows);
  EXPECT_EQ(long_rows.problems.size(), 7u);  // the limit, then the six long rows
  EXPECT_EQ(over.problems[0].message,
            "The file has more than 6 rows; a statement may have at most 6. Split it into "
            "shorter periods and import each");
}

TEST(ParseStatement, MoreBytesThanTheLimit_IsRefusedWhole) {
  const std::string text = std::string(kSignedHeader) + "01/11/2026,A,,-1.00,\n";
  const StatementReport report = ParseStatement(text, SignedBank(), {.max_bytes = 20});
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kTooLarge));
  EXPECT_TRUE(report.lines.empty());
}

TEST(ParseStatement, Utf16File_IsRefusedWithHowToSaveIt) {
  const StatementReport report = ParseStatement(std::string("\xFF\xFE"
                                                            "D\0a\0",
                                                            6),
                                                SignedBank());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kInvalidEncoding));
  EXPECT_THAT(report.problems[0].message, HasSubstr("save it with the encoding UTF-8"));
}

TEST(ParseStatement, HeaderWithoutTheFormatsColumns_NamesEachMissingOne) {
  const StatementReport report =
      ParseStatement("Date,Who,Amount\n01/11/2026,A,-1.00\n", SignedBank());
  EXPECT_THAT(Kinds(report),
              ElementsAre(Kind::kMissingColumn, Kind::kMissingColumn, Kind::kMissingColumn));
  EXPECT_THAT(report.problems[0].message, HasSubstr("no column \"Payee\""));
  EXPECT_THAT(report.problems[0].message, HasSubstr("Its columns are: \"Date\", \"Who\""));
  EXPECT_EQ(report.problems[0].row, 1);
  EXPECT_TRUE(report.lines.empty());
}

TEST(ParseStatement, HeaderNames_MatchIgnoringCapitalsAndSpaces_ButNotTwice) {
  const StatementReport loose =
      ParseStatement(" DATE , payee,REF,amount ,Balance\n01/11/2026,A,,-1.00,\n", SignedBank());
  EXPECT_TRUE(loose.ok()) << Problems(loose);
  const StatementReport twice = ParseStatement(
      "Date,Payee,Ref,Amount,Balance,amount\n01/11/2026,A,,-1.00,,2\n", SignedBank());
  EXPECT_THAT(Kinds(twice), ElementsAre(Kind::kMissingColumn));
  EXPECT_THAT(twice.problems[0].message, HasSubstr("more than one column called \"Amount\""));
}

TEST(ParseStatement, SkippedRowsAndNoHeader_ReadColumnsByNumber) {
  const StatementFormat format = FormatFrom(R"(format: selfdirect-statement/1
name: Semicolon bank
delimiter: semicolon
header: false
skip_rows: 2
columns: {date: 1, payee: 3, amount: 2}
date_formats: [yyyy-mm-dd]
amounts: {allow_thousands_commas: true}
)");
  const StatementReport report = ParseStatement(
      "Account 12345678;\"a \"\"preamble\"\"\"\nPeriod;November\n2026-11-01;-1,234.56;SMITHS\n"
      "2026-11-02;7;\"A;B\"\n",
      format);
  ASSERT_TRUE(report.ok()) << Problems(report);
  ASSERT_EQ(report.lines.size(), 2u);
  EXPECT_EQ(report.lines[0].row, 3);
  EXPECT_EQ(report.lines[0].amount, Pence(-123456));
  EXPECT_EQ(report.lines[1].payee, "A;B");
}

TEST(ParseStatement, MoneyOutPositive_FlipsTheSign) {
  const StatementReport report = ParseStatement(
      "Date,Payee,Ref,Amount,Balance\n01/11/2026,SHOP,,12.50,-12.50\n02/11/2026,COUNCIL,,-100,"
      "87.50\n",
      SignedBank("amounts: {money_out: positive}\n"));
  ASSERT_TRUE(report.ok()) << Problems(report);
  EXPECT_EQ(report.lines[0].amount, Pence(-1250));
  EXPECT_EQ(report.lines[1].amount, Pence(10000));
}

// ----- Each kind of bad row -----

TEST(ParseStatement, BadDate_NamesTheRowColumnAndTheExpectedShape) {
  const StatementReport report = ParseStatement(
      std::string(kSignedHeader) +
          "31/02/2026,A,,-1.00,\n2026-11-01,A,,-1.00,\n,A,,-1.00,\n01/11/2026,A,,-1.00,\n",
      SignedBank());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kBadDate, Kind::kBadDate, Kind::kBadDate));
  EXPECT_EQ(report.problems[0].ToString(),
            "row 2, column \"Date\": \"31/02/2026\" is not a date written like 23/11/2026, or is "
            "not a real day");
  EXPECT_EQ(report.problems[1].row, 3);
  EXPECT_EQ(report.problems[2].message, "The date is empty; every line needs one");
  ASSERT_EQ(report.lines.size(), 1u);  // the good line is still read
  EXPECT_EQ(report.lines[0].row, 5);
}

TEST(ParseStatement, BadAmounts_EachSayWhatIsWrong) {
  const StatementReport report = ParseStatement(std::string(kSignedHeader) +
                                                    "01/11/2026,A,,12.345,\n"     // 2: 3 places
                                                    "01/11/2026,A,,abc,\n"        // 3
                                                    "01/11/2026,A,,£12.00,\n"     // 4: no £
                                                    "01/11/2026,A,,\"1,234\",\n"  // 5: no commas
                                                    "01/11/2026,A,,,\n"           // 6: empty
                                                    "01/11/2026,A,,1e3,\n"        // 7
                                                    "01/11/2026,A,,99999999999999999999,\n"  // 8
                                                    "01/11/2026,A,,100000000.01,\n"  // 9: too big
                                                    "01/11/2026,A,,+12.5,\n",        // good
                                                SignedBank());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kTooManyDecimals, Kind::kBadAmount, Kind::kBadAmount,
                                         Kind::kBadAmount, Kind::kNoAmount, Kind::kBadAmount,
                                         Kind::kBadAmount, Kind::kBadAmount));
  EXPECT_EQ(report.problems[0].ToString(),
            "row 2, column \"Amount\": \"12.345\" has 3 decimal places; an amount is pounds and "
            "pence, with at most 2");
  EXPECT_THAT(report.problems[1].message, HasSubstr("not an amount in pounds and pence"));
  EXPECT_THAT(report.problems[2].message, HasSubstr("has a £ sign"));
  EXPECT_THAT(report.problems[3].message, HasSubstr("has a comma"));
  EXPECT_THAT(report.problems[6].message, HasSubstr("far too large"));
  EXPECT_THAT(report.problems[7].message, HasSubstr("more than £100,000,000"));
  ASSERT_EQ(report.lines.size(), 1u);
  EXPECT_EQ(report.lines[0].amount, Pence(1250));
}

TEST(ParseStatement, InAndOutColumns_ExactlyOneMustBeFilled) {
  const StatementReport report = ParseStatement(
      "Date,Payee,In,Out\n"
      "01/11/2026,A,£10.00,£2.00\n"        // 2: both
      "01/11/2026,A,,\n"                   // 3: neither
      "01/11/2026,A,,-2.00\n"              // 4: a minus sign in a one-way column
      "01/11/2026,A,0.00,\"£1,002.50\"\n"  // good: out, with 0.00 in the other column
      "01/11/2026,A,5,0.00\n"              // good: in
      "01/11/2026,A,0.00,\n"               // good: nothing moved
      "01/11/2026,A,1.005,x\n",            // 8: two problems on one row
      InOutCard());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kBothInAndOut, Kind::kNoAmount, Kind::kBadAmount,
                                         Kind::kTooManyDecimals, Kind::kBadAmount));
  EXPECT_EQ(report.problems[0].ToString(),
            "row 2: Both \"In\" (money in) and \"Out\" (money out) have an amount; a line is one "
            "or the other");
  EXPECT_THAT(report.problems[2].message, HasSubstr("has a minus sign"));
  EXPECT_EQ(report.problems[3].row, 8);
  EXPECT_EQ(report.problems[3].column, "\"In\"");
  EXPECT_EQ(report.problems[4].column, "\"Out\"");
  ASSERT_EQ(report.lines.size(), 3u);
  EXPECT_EQ(report.lines[0].amount, Pence(-100250));
  EXPECT_EQ(report.lines[1].amount, Pence(500));
  EXPECT_EQ(report.lines[2].amount, Pence(0));
}

TEST(ParseStatement, EmptyPayee_IsABadRow) {
  const StatementReport report =
      ParseStatement(std::string(kSignedHeader) + "01/11/2026,  ,,-1.00,\n", SignedBank());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kEmptyPayee));
  EXPECT_EQ(report.problems[0].column, "\"Payee\"");
}

TEST(ParseStatement, InvalidUtf8_IsReportedForEachField) {
  const std::vector<std::string> bad = {
      "\x80",              // a continuation byte on its own
      "\xC3",              // a start byte with nothing after it
      "\xC0\x80",          // an overlong NUL
      "\xED\xA0\x80",      // a UTF-16 surrogate
      "\xF4\x90\x80\x80",  // beyond U+10FFFF
      "caf\xE9",           // Latin-1 é
      std::string("a\0b", 3),
  };
  std::string text = kSignedHeader;
  for (const std::string& bytes : bad) text += "01/11/2026,SHOP " + bytes + ",,-1.00,\n";
  text += "01/11/2026,CAF\xC3\x89 \xE2\x82\xAC \xF0\x9F\x98\x80,ref \x80,-1.00,\n";
  const StatementReport report = ParseStatement(text, SignedBank());
  ASSERT_EQ(report.problems.size(), bad.size() + 1) << Problems(report);
  for (std::size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(report.problems[i].kind, Kind::kInvalidEncoding);
    EXPECT_EQ(report.problems[i].row, static_cast<std::int64_t>(i) + 2);
    EXPECT_EQ(report.problems[i].column, "\"Payee\"");
  }
  // Good UTF-8 in the payee is fine; the bad byte is in the reference.
  EXPECT_EQ(report.problems.back().column, "\"Ref\"");
  EXPECT_EQ(report.problems.back().message,
            "The reference contains bytes that are not UTF-8 text (at byte 5): the file may have "
            "been saved in another encoding. Open the file in a text editor and save it with the "
            "encoding UTF-8, or download it from the bank again as UTF-8");
  EXPECT_TRUE(report.lines.empty());
}

TEST(ParseStatement, WrongNumberOfColumns_IsABadRow_AndSaysAboutQuotes) {
  const StatementReport report = ParseStatement(
      std::string(kSignedHeader) + "01/11/2026,SMITH, J,,-1.00,\n01/11/2026,A,,-1.00\n",
      SignedBank());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kWrongColumnCount, Kind::kWrongColumnCount));
  EXPECT_EQ(report.problems[0].ToString(),
            "row 2: This row has 6 fields but the header has 5. A field with a comma in it must "
            "be wrapped in double quotes");
}

TEST(ParseStatement, UnclosedQuote_StopsReadingAndSaysWhere) {
  const StatementReport report = ParseStatement(
      std::string(kSignedHeader) + "01/11/2026,\"A,,-1.00,\n01/11/2026,B,,-1.00,\n", SignedBank());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kUnreadableCsv));
  EXPECT_EQ(report.problems[0].row, 2);
  EXPECT_EQ(report.problems[0].column, "\"Payee\"");
  EXPECT_THAT(report.problems[0].message, HasSubstr("never closed"));
}

TEST(ParseStatement, VeryLongLines_ALongFieldIsOneBadRow_AndTheRestAreRead) {
  std::string text = kSignedHeader;
  text += "01/11/2026," + std::string(900, 'P') + ",,-1.00,\n";      // long but allowed
  text += "01/11/2026," + std::string(100'000, 'Q') + ",,-1.00,\n";  // far too long
  text += "01/11/2026,B,,-2.00,\n";
  const StatementReport report = ParseStatement(text, SignedBank());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kUnreadableCsv));
  EXPECT_EQ(report.problems[0].row, 3);
  EXPECT_EQ(report.problems[0].column, "\"Payee\"");
  EXPECT_THAT(report.problems[0].message, HasSubstr("100,000 characters long"));
  ASSERT_EQ(report.lines.size(), 2u);
  EXPECT_EQ(report.lines[0].payee.size(), 900u);
  EXPECT_EQ(report.lines[1].row, 4);
}

TEST(ParseStatement, BalanceThatDoesNotFollow_IsReportedOnTheLaterRow_Once) {
  const StatementReport report =
      ParseStatement(std::string(kSignedHeader) +
                         "01/11/2026,A,,-10.00,90.00\n"
                         "02/11/2026,A,,-10.00,80.00\n"
                         "03/11/2026,A,,-10.00,60.00\n"  // a line missing
                         "04/11/2026,A,,-10.00,50.00\n"
                         "05/11/2026,A,,-10.00,\n"  // no balance shown
                         "06/11/2026,A,,+5.00,45.00\n",
                     SignedBank());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kBalanceMismatch));
  EXPECT_EQ(report.problems[0].ToString(),
            "row 4, column \"Balance\": The balance is £60.00, but the line before it (row 3) "
            "left £80.00 and this line's -£10.00 makes £70.00. A line may be missing between "
            "them, the rows may be in the other order (the format says oldest_first), or the file "
            "may have been changed");
  EXPECT_EQ(report.lines.size(), 6u);
}

TEST(ParseStatement, BalanceCheck_SkipsOverABadRow_AndReadsNewestFirst) {
  const StatementReport across_bad = ParseStatement(std::string(kSignedHeader) +
                                                        "01/11/2026,A,,-10.00,90.00\n"
                                                        "02/11/2026,A,,oops,80.00\n"
                                                        "03/11/2026,A,,-10.00,70.00\n",
                                                    SignedBank());
  EXPECT_THAT(Kinds(across_bad), ElementsAre(Kind::kBadAmount));

  const StatementReport newest_first =
      ParseStatement(std::string(kSignedHeader) +
                         "03/11/2026,A,,-10.00,70.00\n02/11/2026,A,,-10.00,80.00\n"
                         "01/11/2026,A,,-10.00,90.00\n",
                     SignedBank("order: newest_first\n"));
  EXPECT_TRUE(newest_first.ok()) << Problems(newest_first);
}

TEST(ParseStatement, BadBalance_IsABadRow) {
  const StatementReport report = ParseStatement(std::string(kSignedHeader) +
                                                    "01/11/2026,A,,-10.00,ninety\n"
                                                    "01/11/2026,A,,-10.00,9.999\n",
                                                SignedBank());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kBadBalance, Kind::kTooManyDecimals));
  EXPECT_EQ(report.problems[0].column, "\"Balance\"");
}

TEST(ParseStatement, EveryBadRowIsReported_InRowOrder_AndNothingIsOk) {
  const StatementReport report = ParseStatement(std::string(kSignedHeader) +
                                                    "01/11/2026,A,,-1.00,\n"
                                                    "xx,,,zz,\n"
                                                    "01/11/2026,A,,-1.00,\n"
                                                    "\n"
                                                    "01/11/2026,A,,-1.001,\n"
                                                    ",, ,,\n",
                                                SignedBank());
  EXPECT_FALSE(report.ok());
  EXPECT_THAT(Kinds(report), ElementsAre(Kind::kBadDate, Kind::kBadAmount, Kind::kEmptyPayee,
                                         Kind::kTooManyDecimals));
  EXPECT_EQ(report.problems[0].row, 3);
  EXPECT_EQ(report.problems[3].row, 6);  // the blank row 5 is skipped but still counted
  EXPECT_EQ(report.rows, 4);
  EXPECT_EQ(report.lines.size(), 2u);
}

TEST(ParseStatement, QuotedLineBreak_RowAndLineDiffer) {
  const StatementReport report = ParseStatement(
      std::string(kSignedHeader) + "01/11/2026,\"A\nB\",,-1.00,\n01/11/2026,A,,x,\n", SignedBank());
  ASSERT_THAT(Kinds(report), ElementsAre(Kind::kBadAmount));
  EXPECT_EQ(report.problems[0].row, 3);
  EXPECT_EQ(report.problems[0].line, 4);
  EXPECT_THAT(report.problems[0].ToString(), HasSubstr("row 3 (line 4 of the file)"));
}

TEST(ParseStatement, SeveralDescriptionColumns_AreJoined) {
  const StatementFormat format = FormatFrom(R"(format: selfdirect-statement/1
name: x
columns: {date: D, payee: P, amount: A, description: [T, N]}
date_formats: [dd/mm/yyyy]
)");
  const StatementReport report =
      ParseStatement("D,P,A,T,N\n01/11/2026,X,-1,DD, monthly \n01/11/2026,X,-1,,only\n", format);
  ASSERT_TRUE(report.ok()) << Problems(report);
  EXPECT_EQ(report.lines[0].description, "DD \xC2\xB7 monthly");
  EXPECT_EQ(report.lines[1].description, "only");
}

// ----- Round trip: whatever a bank writes, in either sample format, reads back exactly -----

struct WrittenLine {
  Date date;
  Pence amount;
  std::string payee;
};

rc::Gen<WrittenLine> AnyLine() {
  return rc::gen::build<WrittenLine>(
      rc::gen::set(&WrittenLine::date,
                   rc::gen::map(rc::gen::inRange(0, 3650),
                                [](int days) { return AddDays(Ymd(2020, 1, 1), days); })),
      rc::gen::set(&WrittenLine::amount,
                   rc::gen::map(rc::gen::inRange<std::int64_t>(-10'000'000, 10'000'000),
                                [](std::int64_t p) { return Pence(p); })),
      rc::gen::set(&WrittenLine::payee,
                   rc::gen::map(rc::gen::container<std::string>(rc::gen::element<char>(
                                    'A', 'b', ' ', ',', '"', '\'', '&', '*', '7', ';')),
                                [](std::string text) {
                                  // Trimmed and never empty, as a bank writes a payee.
                                  return "P" + std::string(Trimmed(text)) + "Q";
                                })));
}

// The lines as the Northern Bank (oldest first, signed) or the card (newest first, in and out
// columns, £ and commas) would write them, with running balances from `opening`.
std::string Written(const std::vector<WrittenLine>& lines, bool card, Pence opening) {
  std::vector<std::string> rows;
  Pence balance = opening;
  for (const WrittenLine& l : lines) {
    balance = Pence(balance.value() + l.amount.value());
    std::string row;
    if (!card) {
      row = fmt::format("{:02}/{:02}/{},DD,", static_cast<unsigned>(l.date.day()),
                        static_cast<unsigned>(l.date.month()), static_cast<int>(l.date.year()));
      AppendCsvField(row, l.payee);
      row += ",REF," + FormatDecimal(l.amount) + "," + FormatDecimal(balance);
    } else {
      static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
      row = fmt::format("{} {} {},1234,", static_cast<unsigned>(l.date.day()),
                        kMonths[static_cast<unsigned>(l.date.month()) - 1],
                        static_cast<int>(l.date.year()));
      AppendCsvField(row, l.payee);
      const std::string magnitude = FormatPounds(Pence(std::abs(l.amount.value())));
      std::string in = l.amount.value() > 0 ? magnitude : "";
      std::string out = l.amount.value() < 0 ? magnitude : "";
      if (l.amount.value() == 0) in = "0.00";
      row += ",Details,";
      AppendCsvField(row, in);
      row += ",";
      AppendCsvField(row, out);
      row += ",";
      AppendCsvField(row, FormatPounds(balance));
    }
    rows.push_back(std::move(row));
  }
  if (card) std::reverse(rows.begin(), rows.end());
  std::string text = card ? "Transaction Date,Card Number,Merchant,Details,Money In,Money Out,"
                            "Balance\r\n"
                          : "Date,Type,Description,Reference,Amount,Balance\r\n";
  for (const std::string& row : rows) text += row + "\r\n";
  return text;
}

RC_GTEST_PROP(StatementProperty, WhatABankWrites_ReadsBackExactly, ()) {
  const auto lines = *rc::gen::nonEmpty(rc::gen::container<std::vector<WrittenLine>>(AnyLine()));
  const bool card = *rc::gen::arbitrary<bool>();
  const Pence opening(*rc::gen::inRange<std::int64_t>(-100'000, 100'000));
  static const StatementFormat bank = NorthernBank();
  static const StatementFormat card_format = CarefreeCard();
  const StatementReport report =
      ParseStatement(Written(lines, card, opening), card ? card_format : bank);
  RC_ASSERT(report.ok());
  RC_ASSERT(report.lines.size() == lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const StatementLine& got = report.lines[card ? lines.size() - 1 - i : i];
    RC_ASSERT(got.date == lines[i].date);
    RC_ASSERT(got.amount == lines[i].amount);
    RC_ASSERT(got.payee == lines[i].payee);
  }
}

RC_GTEST_PROP(StatementProperty, ChangingOneBalance_IsAlwaysReported, ()) {
  const auto lines = *rc::gen::container<std::vector<WrittenLine>>(
      *rc::gen::inRange<std::size_t>(2, 20), AnyLine());
  std::string text = Written(lines, false, Pence(0));
  // Change the last line's balance by a penny.
  const std::size_t comma = text.rfind(',', text.size() - 3);
  const std::string balance = text.substr(comma + 1, text.size() - 2 - comma - 1);
  Result<Pence> pence = ParsePounds(balance);
  RC_ASSERT(pence.has_value());
  text = text.substr(0, comma + 1) + FormatDecimal(Pence(pence->value() + 1)) + "\r\n";
  const StatementReport report = ParseStatement(text, NorthernBank());
  RC_ASSERT(report.problems.size() == 1u);
  RC_ASSERT(report.problems[0].kind == Kind::kBalanceMismatch);
  RC_ASSERT(report.problems[0].row == static_cast<std::int64_t>(lines.size()) + 1);
}

// ----- Matching -----

casework::PlanItem Item(std::string what, casework::Supplier supplier, std::string name) {
  casework::PlanItem item;
  item.what = std::move(what);
  item.supplier = supplier;
  item.supplier_name = std::move(name);
  return item;
}

std::vector<casework::PlanItem> NorthernPlan() {
  using casework::Supplier;
  return {Item("Help to get up and dressed", Supplier::kProvider, "Smith's Care"),
          Item("A personal assistant for days out", Supplier::kPersonalAssistant, "Jade Okafor"),
          Item("A gym pass", Supplier::kNotACareService, "PureGym"),
          Item("Respite", Supplier::kToBeChosen, "HMRC")};
}

std::vector<LineCategory> Categories(const std::vector<LineMatch>& matches) {
  std::vector<LineCategory> out;
  for (const LineMatch& m : matches) out.push_back(m.category);
  return out;
}

TEST(LooseName, IgnoresCapitalsPunctuationAndCompanyWords) {
  EXPECT_EQ(LooseName("The Smith's Care Ltd."), "smiths care");
  EXPECT_EQ(LooseName("SMITHS CARE LIMITED"), "smiths care");
  EXPECT_EQ(LooseName("Smith\xE2\x80\x99s  Care"), "smiths care");
  EXPECT_EQ(LooseName("PUREGYM LTD*1234 HARTLEPOOL"), "puregym 1234 hartlepool");
  EXPECT_EQ(LooseName("Marks & Spencer PLC"), "marks and spencer");
  EXPECT_EQ(LooseName("Zo\xC3\xAB Okafor"), "zo\xC3\xAB okafor");
  EXPECT_EQ(LooseName("  --  "), "");
}

TEST(MatchLines, NorthernBankSample_EachLineIsMatchedOrFlagged) {
  const StatementReport report =
      ParseStatement(ReadSample("docs/samples/statement-northern-bank.csv"), NorthernBank());
  ASSERT_TRUE(report.ok()) << Problems(report);
  const auto plan = NorthernPlan();
  const auto matches =
      MatchLines(report.lines, plan, {}, MatchRules{.council_payers = {"Hartlepool BC"}});
  using C = LineCategory;
  EXPECT_THAT(Categories(matches),
              ElementsAre(C::kCouncilPayment, C::kPlanItem, C::kPlanItem, C::kPlanItem,
                          C::kCashWithdrawal, C::kPlanItem, C::kUnknownPayee, C::kTopUp,
                          C::kPlanItem, C::kPlanItem, C::kPlanItem, C::kBankCharge));
  EXPECT_EQ(matches[1].plan_item, 1u);  // Jade Okafor
  EXPECT_EQ(matches[2].plan_item, 0u);  // SMITHS CARE LTD is Smith's Care
  EXPECT_EQ(matches[2].reason, "payee matches Smith's Care");
  EXPECT_EQ(matches[3].plan_item, 2u);  // PUREGYM LTD*1234 HARTLEPOOL is PureGym
  // HMRC is named by an item whose supplier is still to be chosen: no match, and flagged.
  EXPECT_FALSE(matches[6].plan_item);
  EXPECT_TRUE(matches[6].needs_review);
  EXPECT_FALSE(matches[1].needs_review);
  for (std::size_t i = 0; i < matches.size(); ++i) EXPECT_EQ(matches[i].line, i);
}

TEST(MatchLines, CarefreeCardSample_RefundIsMatchedToTheProvider) {
  const StatementReport report =
      ParseStatement(ReadSample("docs/samples/statement-carefree-card.csv"), CarefreeCard());
  ASSERT_TRUE(report.ok()) << Problems(report);
  using casework::Supplier;
  const std::vector<casework::PlanItem> plan = {
      Item("Home care", Supplier::kProvider, "Bright Horizons Home Care"),
      Item("Swimming", Supplier::kNotACareService, "SwimFit Leisure"),
      Item("PA", Supplier::kPersonalAssistant, "Ravi Patel")};
  const std::vector<PayeeAlias> aliases = {{"R PATEL", "Ravi Patel"}};
  const auto matches =
      MatchLines(report.lines, plan, aliases, {.council_payers = {"Hartlepool Borough Council"}});
  using C = LineCategory;
  EXPECT_THAT(Categories(matches), ElementsAre(C::kCouncilPayment, C::kPlanItem, C::kCashWithdrawal,
                                               C::kPlanItem, C::kBankCharge, C::kRefund,
                                               C::kPlanItem, C::kPlanItem, C::kCouncilPayment));
  EXPECT_EQ(matches[3].plan_item, 2u);
  EXPECT_EQ(matches[3].reason, "recorded as Ravi Patel (\"R PATEL\")");
  EXPECT_EQ(matches[5].plan_item, 0u);
}

StatementLine Out(std::string payee, std::int64_t pence = -1000, std::string reference = "") {
  StatementLine line;
  line.payee = std::move(payee);
  line.reference = std::move(reference);
  line.amount = Pence(pence);
  return line;
}

TEST(MatchLines, Aliases_TakeAPayeeToItsSupplier_AndComeFirst) {
  using casework::Supplier;
  const std::vector<casework::PlanItem> plan = {
      Item("Care", Supplier::kProvider, "Smith's Care"),
      Item("Other care", Supplier::kProvider, "SC Homecare")};
  const std::vector<StatementLine> lines = {Out("SC HOMECARE*4411"), Out("sc homecare"),
                                            Out("SMITHSCARE")};
  const auto without = MatchLines(lines, plan, {});
  EXPECT_EQ(without[0].plan_item, 1u);
  EXPECT_EQ(without[1].plan_item, 1u);
  EXPECT_EQ(without[2].category, LineCategory::kUnknownPayee);

  const std::vector<PayeeAlias> aliases = {{"SC Homecare", "smiths care ltd"},
                                           {"SMITHSCARE", "Smith's Care"}};
  const auto with = MatchLines(lines, plan, aliases);
  EXPECT_EQ(with[0].plan_item, 0u);
  EXPECT_EQ(with[1].plan_item, 0u);
  EXPECT_EQ(with[2].plan_item, 0u);
  EXPECT_EQ(with[2].category, LineCategory::kPlanItem);
}

TEST(MatchLines, AnAliasToASupplierNotInThePlan_MatchesNothing) {
  const std::vector<casework::PlanItem> plan = {
      Item("Care", casework::Supplier::kProvider, "Smith's Care")};
  const std::vector<StatementLine> lines = {Out("ACME")};
  const std::vector<PayeeAlias> aliases = {{"ACME", "Acme Care"}};
  EXPECT_EQ(MatchLines(lines, plan, aliases)[0].category, LineCategory::kUnknownPayee);
}

TEST(MatchLines, ShortNames_MatchOnlyWhole_AndPlanItemsComeBeforeWords) {
  using casework::Supplier;
  const std::vector<casework::PlanItem> plan = {
      Item("PA", Supplier::kPersonalAssistant, "Jo"),
      Item("Classes", Supplier::kNotACareService, "Cash Converters Club")};
  const std::vector<StatementLine> lines = {Out("JO"), Out("JO MALONE LONDON"),
                                            Out("CASH CONVERTERS CLUB 22"), Out("Cashplus")};
  const auto matches = MatchLines(lines, plan, {});
  EXPECT_EQ(matches[0].plan_item, 0u);
  EXPECT_EQ(matches[1].category, LineCategory::kUnknownPayee);
  EXPECT_EQ(matches[2].plan_item, 1u);                          // not a cash withdrawal
  EXPECT_EQ(matches[3].category, LineCategory::kUnknownPayee);  // "cashplus" is not "cash"
}

TEST(MatchLines, MoneyIn_IsClassified) {
  const std::vector<casework::PlanItem> plan = {
      Item("Care", casework::Supplier::kProvider, "Smith's Care")};
  const std::vector<StatementLine> lines = {
      Out("HBC DP", 5000),           Out("SMITHS CARE LTD", 2000),
      Out("AMAZON", 1500, "REFUND"), Out("M OKAFOR", 1000, "Top-up"),
      Out("SOMEONE", 100),           Out("ANYONE", 0)};
  const auto matches = MatchLines(lines, plan, {}, {.council_payers = {"HBC DP"}});
  using C = LineCategory;
  EXPECT_THAT(Categories(matches), ElementsAre(C::kCouncilPayment, C::kRefund, C::kRefund,
                                               C::kTopUp, C::kOtherMoneyIn, C::kNoMoneyMoved));
  EXPECT_EQ(matches[1].plan_item, 0u);
  EXPECT_FALSE(matches[2].plan_item);
  EXPECT_TRUE(matches[4].needs_review);
}

TEST(MatchLines, RulesAreTheCallers_ToChange) {
  const std::vector<StatementLine> lines = {Out("CPT 0401"), Out("LOAD", 100)};
  MatchRules rules;
  rules.cash_withdrawal_words = {"cpt"};
  rules.top_up_words = {"load"};
  const auto matches = MatchLines(lines, {}, {}, rules);
  EXPECT_EQ(matches[0].category, LineCategory::kCashWithdrawal);
  EXPECT_EQ(matches[0].reason, "looks like a cash withdrawal (\"cpt\")");
  EXPECT_EQ(matches[1].category, LineCategory::kTopUp);
}

// ----- Re-categorising -----

TEST(Recategorise, AppliesEachChange_AndLeavesTheInputAlone) {
  const std::vector<casework::PlanItem> plan = NorthernPlan();
  const std::vector<StatementLine> lines = {Out("HMRC PAYE", -6120), Out("SMITHS CARE", -100),
                                            Out("M OKAFOR", 500)};
  const std::vector<LineMatch> before = MatchLines(lines, plan, {});
  ASSERT_EQ(before[0].category, LineCategory::kUnknownPayee);
  const std::vector<Recategorisation> changes = {
      {.line = 0, .category = LineCategory::kPlanItem, .plan_item = 1, .note = "Jade's tax"},
      {.line = 2, .category = LineCategory::kTopUp},
      {.line = 1, .category = LineCategory::kNotInPlan, .note = "paid twice; asked for it back"}};
  Result<std::vector<LineMatch>> after = Recategorise(before, lines, plan.size(), changes);
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ((*after)[0].category, LineCategory::kPlanItem);
  EXPECT_EQ((*after)[0].plan_item, 1u);
  EXPECT_TRUE((*after)[0].recategorised);
  EXPECT_FALSE((*after)[0].needs_review);
  EXPECT_EQ((*after)[0].note, "Jade's tax");
  EXPECT_EQ((*after)[0].reason, "re-categorised");
  EXPECT_EQ((*after)[1].category, LineCategory::kNotInPlan);
  EXPECT_FALSE((*after)[1].plan_item);
  EXPECT_EQ((*after)[2].category, LineCategory::kTopUp);
  EXPECT_EQ(before[0].category, LineCategory::kUnknownPayee);  // unchanged
  EXPECT_FALSE(before[0].recategorised);

  // Nothing asked, nothing changed.
  Result<std::vector<LineMatch>> same = Recategorise(before, lines, plan.size(), {});
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, before);
}

TEST(Recategorise, EveryBadChangeIsNamed_AndNothingChanges) {
  const std::vector<StatementLine> lines = {Out("A", -100), Out("B", 100), Out("C", 0)};
  const std::vector<LineMatch> before = MatchLines(lines, {}, {});
  const std::vector<Recategorisation> changes = {
      {.line = 7, .category = LineCategory::kBankCharge},                  // 0: no line
      {.line = 0, .category = LineCategory::kTopUp},                       // 1: in for out
      {.line = 1, .category = LineCategory::kCashWithdrawal},              // 2: out for in
      {.line = 0, .category = LineCategory::kPlanItem},                    // 3: which item
      {.line = 0, .category = LineCategory::kPlanItem, .plan_item = 0},    // 4: no items
      {.line = 0, .category = LineCategory::kBankCharge, .plan_item = 0},  // 5
      {.line = 0, .category = LineCategory::kUnknownPayee},                // 6
      {.line = 2, .category = LineCategory::kTopUp},                       // 7: £0.00
      {.line = 0, .category = LineCategory::kBankCharge, .note = std::string(501, 'n')},  // 8
      {.line = 0, .category = LineCategory::kBankCharge, .note = "ok"},                   // good
  };
  Result<std::vector<LineMatch>> after = Recategorise(before, lines, 0, changes);
  ASSERT_FALSE(after);
  std::vector<std::string> fields;
  for (const FieldError& f : after.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields,
              ElementsAre("changes[0].line", "changes[1].category", "changes[2].category",
                          "changes[3].plan_item", "changes[4].plan_item", "changes[5].plan_item",
                          "changes[6].category", "changes[7].category", "changes[8].note"));
  EXPECT_THAT(after.error().message, HasSubstr("9 of the changes have problems"));
}

TEST(Recategorise, ARefundMayNameAPlanItem) {
  const std::vector<StatementLine> lines = {Out("X", 100)};
  const auto before = MatchLines(lines, {}, {});
  Result<std::vector<LineMatch>> after = Recategorise(
      before, lines, 1, std::vector<Recategorisation>{{0, LineCategory::kRefund, 0, ""}});
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ((*after)[0].plan_item, 0u);
}

TEST(StatementProblemKindName, IsStable) {
  EXPECT_STREQ(StatementProblemKindName(Kind::kBalanceMismatch), "balance_mismatch");
  EXPECT_STREQ(StatementProblemKindName(Kind::kInvalidEncoding), "invalid_encoding");
  EXPECT_STREQ(LineCategoryName(LineCategory::kUnknownPayee), "unknown_payee");
  EXPECT_STREQ(LineCategoryName(LineCategory::kCouncilPayment), "council_payment");
}

TEST(ParseLineCategory, ReadsBackEveryNameAndNothingElse) {
  for (LineCategory c : {LineCategory::kPlanItem, LineCategory::kNotInPlan,
                         LineCategory::kNoMoneyMoved, LineCategory::kOtherMoneyIn}) {
    EXPECT_EQ(ParseLineCategory(LineCategoryName(c)), c);
  }
  EXPECT_EQ(ParseLineCategory("Plan_item"), std::nullopt);
  EXPECT_EQ(ParseLineCategory("unknown"), std::nullopt);
}

}  // namespace
}  // namespace selfdirect::ledger
