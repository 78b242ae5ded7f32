#include "selfdirect/ledger/statement_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace selfdirect::ledger {
namespace {

using ::testing::HasSubstr;

std::string ReadSample(const std::string& relative) {
  std::ifstream in(std::string(SELFDIRECT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in) << relative;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The field paths of every problem, in order.
std::vector<std::string> ProblemFields(const Result<StatementFormat>& format) {
  std::vector<std::string> out;
  if (format) return out;
  for (const FieldError& f : format.error().fields) out.push_back(f.field);
  return out;
}

std::string MessageFor(const Result<StatementFormat>& format, const std::string& field) {
  if (format) return "";
  for (const FieldError& f : format.error().fields) {
    if (f.field == field) return f.message;
  }
  return "";
}

constexpr const char* kMinimal = R"(format: selfdirect-statement/1
name: Test bank
columns:
  date: Date
  amount: Amount
  payee: Payee
date_formats: [dd/mm/yyyy]
)";

Date Ymd(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

// ----- The shipped samples -----

TEST(StatementFormat, NorthernBankSample_Parses_WithSignedAmountsAndABalance) {
  auto format =
      ParseStatementFormat(ReadSample("docs/samples/statement-formats/northern-bank.yaml"));
  ASSERT_TRUE(format) << format.error().message;
  EXPECT_EQ(format->name, "Northern Bank current account (CSV download)");
  EXPECT_EQ(format->delimiter, ',');
  EXPECT_TRUE(format->header);
  EXPECT_EQ(format->order, StatementOrder::kOldestFirst);
  EXPECT_EQ(format->date, (ColumnRef{"Date", 0}));
  const auto* amount = std::get_if<SignedAmount>(&format->amount);
  ASSERT_NE(amount, nullptr);
  EXPECT_EQ(amount->column, (ColumnRef{"Amount", 0}));
  EXPECT_TRUE(amount->money_out_negative);
  EXPECT_EQ(format->payee, (ColumnRef{"Description", 0}));
  ASSERT_TRUE(format->reference);
  EXPECT_EQ(format->reference->name, "Reference");
  ASSERT_EQ(format->description.size(), 1u);
  EXPECT_EQ(format->description[0].name, "Type");
  ASSERT_TRUE(format->balance);
  EXPECT_FALSE(format->card);
  EXPECT_FALSE(format->allow_pound_sign);
  EXPECT_FALSE(format->allow_thousands_commas);
  ASSERT_EQ(format->date_formats.size(), 1u);
  EXPECT_EQ(format->date_formats[0].text(), "dd/mm/yyyy");
}

TEST(StatementFormat, CarefreeCardSample_Parses_WithInAndOutColumns) {
  auto format =
      ParseStatementFormat(ReadSample("docs/samples/statement-formats/carefree-card.yaml"));
  ASSERT_TRUE(format) << format.error().message;
  const auto* amounts = std::get_if<InOutAmounts>(&format->amount);
  ASSERT_NE(amounts, nullptr);
  EXPECT_EQ(amounts->money_in.name, "Money In");
  EXPECT_EQ(amounts->money_out.name, "Money Out");
  EXPECT_EQ(format->order, StatementOrder::kNewestFirst);
  ASSERT_TRUE(format->card);
  EXPECT_EQ(format->card->name, "Card Number");
  EXPECT_TRUE(format->allow_pound_sign);
  EXPECT_TRUE(format->allow_thousands_commas);
  EXPECT_EQ(format->date_formats.size(), 2u);
}

TEST(StatementFormat, Minimal_TakesTheDefaults) {
  auto format = ParseStatementFormat(kMinimal);
  ASSERT_TRUE(format) << format.error().message;
  EXPECT_EQ(format->delimiter, ',');
  EXPECT_TRUE(format->header);
  EXPECT_EQ(format->skip_rows, 0u);
  EXPECT_EQ(format->order, StatementOrder::kOldestFirst);
  EXPECT_FALSE(format->reference);
  EXPECT_FALSE(format->balance);
  EXPECT_TRUE(format->description.empty());
  EXPECT_EQ(format->Columns().size(), 3u);
}

TEST(StatementFormat, NoHeader_ColumnsAreNumbers_AndOtherDelimitersAreNamed) {
  auto format = ParseStatementFormat(R"(format: selfdirect-statement/1
name: Semicolons
delimiter: semicolon
header: false
skip_rows: 3
columns:
  date: 1
  payee: 2
  description: [3, 4]
  money_in: 5
  money_out: 6
date_formats: yyyy-mm-dd
)");
  ASSERT_TRUE(format) << format.error().message;
  EXPECT_EQ(format->delimiter, ';');
  EXPECT_FALSE(format->header);
  EXPECT_EQ(format->skip_rows, 3u);
  EXPECT_EQ(format->date.number, 1u);
  ASSERT_EQ(format->description.size(), 2u);
  EXPECT_EQ(format->description[1].number, 4u);
  EXPECT_EQ(std::get<InOutAmounts>(format->amount).money_out.number, 6u);
  EXPECT_EQ(format->date.Describe(), "column 1");

  for (const auto& [written, expected] :
       std::vector<std::pair<std::string, char>>{{"tab", '\t'}, {"bar", '|'}, {"\",\"", ','}}) {
    std::string text = kMinimal;
    text += "delimiter: " + written + "\n";
    auto with = ParseStatementFormat(text);
    ASSERT_TRUE(with) << written << ": " << with.error().message;
    EXPECT_EQ(with->delimiter, expected) << written;
  }
}

// ----- Problems, each named by its setting -----

TEST(StatementFormat, EveryProblemIsNamedAtOnce) {
  auto format = ParseStatementFormat(R"(format: selfdirect-statement/2
delimiter: colon
header: maybe
skip_rows: -1
order: sideways
colour: blue
columns:
  date: Date
  amount: Amount
  money_in: In
  reference: Date
amounts:
  money_out: upwards
  allow_pound_sign: perhaps
date_formats: [dd/mm/yyyy, mm/yyyy, dmyyyy]
)");
  ASSERT_FALSE(format);
  EXPECT_EQ(format.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(ProblemFields(format), ::testing::UnorderedElementsAre(
                                         "colour", "format", "name", "delimiter", "header",
                                         "skip_rows", "order", "date_formats[1]", "date_formats[2]",
                                         "amounts.money_out", "amounts.allow_pound_sign",
                                         "columns.amount", "columns.payee", "columns.reference"));
  EXPECT_THAT(format.error().message, HasSubstr("14 problems"));
  EXPECT_THAT(MessageFor(format, "colour"), HasSubstr("no setting \"colour\""));
  EXPECT_THAT(MessageFor(format, "columns.amount"), HasSubstr("not both"));
  EXPECT_THAT(MessageFor(format, "columns.reference"), HasSubstr("already used for columns.date"));
  EXPECT_THAT(MessageFor(format, "date_formats[1]"), HasSubstr("day, the month and the year"));
  EXPECT_THAT(MessageFor(format, "date_formats[2]"), HasSubstr("use dd or mm"));
}

TEST(StatementFormat, MissingEverything_SaysWhatIsNeeded) {
  auto format = ParseStatementFormat("name: x\n");
  EXPECT_THAT(ProblemFields(format),
              ::testing::UnorderedElementsAre("format", "date_formats", "columns"));
  EXPECT_THAT(MessageFor(format, "format"), HasSubstr("format: selfdirect-statement/1"));
}

TEST(StatementFormat, OnlyOneOfMoneyInAndOut_IsRefused) {
  auto format = ParseStatementFormat(R"(format: selfdirect-statement/1
name: x
columns: {date: D, payee: P, money_in: In}
date_formats: [dd/mm/yyyy]
)");
  EXPECT_THAT(ProblemFields(format), ::testing::ElementsAre("columns.money_out"));
}

TEST(StatementFormat, NoAmountAtAll_IsRefused) {
  auto format = ParseStatementFormat(R"(format: selfdirect-statement/1
name: x
columns: {date: D, payee: P}
date_formats: [dd/mm/yyyy]
)");
  EXPECT_THAT(ProblemFields(format), ::testing::ElementsAre("columns.amount"));
}

TEST(StatementFormat, MoneyOutSign_WithInAndOutColumns_IsRefused) {
  auto format = ParseStatementFormat(R"(format: selfdirect-statement/1
name: x
columns: {date: D, payee: P, money_in: In, money_out: Out}
amounts: {money_out: negative}
date_formats: [dd/mm/yyyy]
)");
  EXPECT_THAT(ProblemFields(format), ::testing::ElementsAre("amounts.money_out"));
}

TEST(StatementFormat, MoneyOutPositive_IsRead) {
  std::string text = kMinimal;
  text += "amounts: {money_out: positive}\n";
  auto format = ParseStatementFormat(text);
  ASSERT_TRUE(format) << format.error().message;
  EXPECT_FALSE(std::get<SignedAmount>(format->amount).money_out_negative);
}

TEST(StatementFormat, ColumnNamesWithoutAHeader_AndNumbersOutOfRange_AreRefused) {
  auto format = ParseStatementFormat(R"(format: selfdirect-statement/1
name: x
header: false
columns: {date: Date, payee: 0, amount: 1001}
date_formats: [dd/mm/yyyy]
)");
  EXPECT_THAT(ProblemFields(format),
              ::testing::ElementsAre("columns.date", "columns.amount", "columns.payee"));
  EXPECT_THAT(MessageFor(format, "columns.date"), HasSubstr("no header row"));
}

TEST(StatementFormat, SameColumnTwice_IsFoundIgnoringCapitalsAndSpaces) {
  auto format = ParseStatementFormat(R"(format: selfdirect-statement/1
name: x
columns: {date: Date, payee: Payee, amount: Amount, description: [" payee "]}
date_formats: [dd/mm/yyyy]
)");
  EXPECT_THAT(ProblemFields(format), ::testing::ElementsAre("columns.description[0]"));
}

TEST(StatementFormat, NotYaml_NotAMap_TooLarge_AndNul_AreRefusedWhole) {
  for (const std::string& text :
       {std::string("columns: [unclosed"), std::string("- a\n- b\n"), std::string("just text"),
        std::string(kMaxStatementFormatBytes + 1, '#'), std::string("name: a\0b", 9)}) {
    auto format = ParseStatementFormat(text);
    ASSERT_FALSE(format) << text.substr(0, 40);
    EXPECT_THAT(ProblemFields(format), ::testing::ElementsAre("format")) << text.substr(0, 40);
  }
  EXPECT_THAT(ParseStatementFormat("columns: [unclosed").error().message,
              HasSubstr("not valid YAML (line 1"));
}

TEST(StatementFormat, ValuesOfTheWrongKind_AreNamed) {
  auto format = ParseStatementFormat(R"(format: selfdirect-statement/1
name: [a, b]
columns:
  date: {name: Date}
  amount: Amount
  payee: Payee
date_formats: {a: b}
amounts: true
)");
  EXPECT_THAT(ProblemFields(format),
              ::testing::UnorderedElementsAre("name", "columns.date", "date_formats", "amounts"));
}

// ----- Date patterns -----

TEST(DatePattern, DayMonthYear_ReadsExactlyThatShape) {
  auto p = DatePattern::Parse("dd/mm/yyyy");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->Read("23/11/2026"), Ymd(2026, 11, 23));
  EXPECT_EQ(p->Read("01/02/2024"), Ymd(2024, 2, 1));
  for (const char* bad :
       {"1/11/2026", "23/11/26", "23-11-2026", "31/02/2026", "29/02/2026", "00/01/2026",
        "23/13/2026", "23/11/2026 ", "", "23/11/1899", "ab/cd/efgh"}) {
    EXPECT_FALSE(p->Read(bad)) << bad;
  }
  EXPECT_EQ(p->Read("29/02/2028"), Ymd(2028, 2, 29));
  EXPECT_EQ(p->Example(), "23/11/2026");
}

TEST(DatePattern, OneOrTwoDigits_MonthNames_AndShortYears) {
  auto loose = DatePattern::Parse("d/m/yyyy");
  ASSERT_TRUE(loose);
  EXPECT_EQ(loose->Read("1/2/2026"), Ymd(2026, 2, 1));
  EXPECT_EQ(loose->Read("01/12/2026"), Ymd(2026, 12, 1));
  EXPECT_FALSE(loose->Read("001/2/2026"));

  auto named = DatePattern::Parse("d MMM yyyy");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->Read("4 Nov 2026"), Ymd(2026, 11, 4));
  EXPECT_EQ(named->Read("04 NOV 2026"), Ymd(2026, 11, 4));
  EXPECT_EQ(named->Read("30 Sept 2026"), Ymd(2026, 9, 30));
  EXPECT_FALSE(named->Read("4 November 2026"));
  EXPECT_FALSE(named->Read("4 Nox 2026"));
  EXPECT_EQ(named->Example(), "23 Nov 2026");

  auto long_named = DatePattern::Parse("d MMMM yyyy");
  ASSERT_TRUE(long_named);
  EXPECT_EQ(long_named->Read("4 november 2026"), Ymd(2026, 11, 4));

  auto iso = DatePattern::Parse("yyyy-mm-dd");
  ASSERT_TRUE(iso);
  EXPECT_EQ(iso->Read("2026-11-23"), Ymd(2026, 11, 23));

  auto short_year = DatePattern::Parse("dd-MMM-yy");
  ASSERT_TRUE(short_year);
  EXPECT_EQ(short_year->Read("23-Nov-26"), Ymd(2026, 11, 23));

  auto compact = DatePattern::Parse("yyyymmdd");
  ASSERT_TRUE(compact);
  EXPECT_EQ(compact->Read("20261123"), Ymd(2026, 11, 23));
}

TEST(DatePattern, PatternsThatAreNotOne_AreRefused) {
  for (const char* bad : {"", "dd/mm", "dd/dd/yyyy", "mm/yyyy", "dd/mm/yyyy hh:mm", "dmyyyy",
                          "d/myyyy", "dd/mm/yyyy\x01", "dd/mm/yyyy 2"}) {
    EXPECT_FALSE(DatePattern::Parse(bad)) << bad;
  }
}

}  // namespace
}  // namespace selfdirect::ledger
