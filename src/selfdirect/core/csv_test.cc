#include "selfdirect/core/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace selfdirect {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Fields = std::vector<std::string>;

// A source that hands out `text` at most `chunk` bytes at a time, as a slow pipe would.
CsvSource StringSource(std::string text, std::size_t chunk) {
  return [text = std::move(text), chunk, at = std::size_t{0}](
             char* buffer, std::size_t capacity) mutable -> Result<std::size_t> {
    const std::size_t n = std::min({chunk, capacity, text.size() - at});
    std::memcpy(buffer, text.data() + at, n);
    at += n;
    return n;
  };
}

// What one call to Next gave: a record (fields, number, line) or an error message.
struct Outcome {
  Fields fields;
  std::int64_t number = 0;
  std::int64_t line = 0;
  std::string error;  // empty for a record
  bool stopped = false;
};

// Reads `text` to the end (or until the reader stops), recording every outcome.
std::vector<Outcome> ReadAll(std::string text, CsvReaderOptions options = {},
                             std::size_t source_chunk = 1 << 20) {
  CsvReader reader(StringSource(std::move(text), source_chunk), options);
  std::vector<Outcome> out;
  CsvRecord record;
  while (true) {
    Result<bool> got = reader.Next(record);
    if (!got) {
      out.push_back({{},
                     reader.record_number(),
                     reader.record_line(),
                     got.error().message,
                     reader.stopped()});
      if (reader.stopped()) break;
      continue;
    }
    if (!*got) break;
    out.push_back({record.ToStrings(), record.number(), record.line(), "", false});
  }
  return out;
}

std::vector<Fields> RecordsOf(const std::vector<Outcome>& outcomes) {
  std::vector<Fields> out;
  for (const Outcome& o : outcomes) {
    EXPECT_EQ(o.error, "") << "unexpected error at record " << o.number;
    out.push_back(o.fields);
  }
  return out;
}

std::vector<Fields> Records(std::string text, CsvReaderOptions options = {}) {
  return RecordsOf(ReadAll(std::move(text), options));
}

TEST(CsvReader, PlainRecords_SplitAtCommasAndLineEnds) {
  EXPECT_THAT(Records("name,age\nAsha,34\nBen,71\n"),
              ElementsAre(Fields{"name", "age"}, Fields{"Asha", "34"}, Fields{"Ben", "71"}));
}

TEST(CsvReader, QuotedNewline_StaysInsideTheField_AndLineRunsAheadOfRecordNumber) {
  const auto got = ReadAll("id,notes\n1,\"first line\nsecond line\"\n2,plain\n");
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].fields, (Fields{"1", "first line\nsecond line"}));
  EXPECT_EQ(got[1].number, 2);
  EXPECT_EQ(got[1].line, 2);
  EXPECT_EQ(got[2].fields, (Fields{"2", "plain"}));
  EXPECT_EQ(got[2].number, 3);
  EXPECT_EQ(got[2].line, 4);
}

TEST(CsvReader, QuotedField_MayHoldCommas) {
  EXPECT_THAT(Records("\"Smith, Jo\",\"a,b,c\"\n"), ElementsAre(Fields{"Smith, Jo", "a,b,c"}));
}

TEST(CsvReader, EscapedQuote_InsideQuotes_BecomesOneQuote) {
  EXPECT_THAT(Records("\"5\"\" tall\",\"\"\"quoted\"\"\",\"\"\"\"\n"),
              ElementsAre(Fields{"5\" tall", "\"quoted\"", "\""}));
}

TEST(CsvReader, ByteOrderMark_AtTheVeryStart_IsSkipped) {
  EXPECT_THAT(Records("\xEF\xBB\xBFname,age\nAsha,34\n"),
              ElementsAre(Fields{"name", "age"}, Fields{"Asha", "34"}));
  EXPECT_THAT(Records("\xEF\xBB\xBF\"quoted\"\n"), ElementsAre(Fields{"quoted"}));
  EXPECT_TRUE(Records("\xEF\xBB\xBF").empty());
}

TEST(CsvReader, ByteOrderMark_AnywhereElse_IsKeptAsData) {
  EXPECT_THAT(Records("a\n\xEF\xBB\xBFz\n"), ElementsAre(Fields{"a"}, Fields{"\xEF\xBB\xBFz"}));
  // Only the first two bytes of a mark: ordinary data.
  EXPECT_THAT(Records("\xEF\xBBz\n"), ElementsAre(Fields{"\xEF\xBBz"}));
}

TEST(CsvReader, CrLf_EndsRecordsLikeLf) {
  const auto got = ReadAll("name,age\r\nAsha,34\r\nBen,71\r\n");
  EXPECT_THAT(RecordsOf(got),
              ElementsAre(Fields{"name", "age"}, Fields{"Asha", "34"}, Fields{"Ben", "71"}));
  EXPECT_EQ(got[2].line, 3);
}

TEST(CsvReader, CrLfInsideQuotes_IsKeptAsWritten) {
  EXPECT_THAT(Records("\"one\r\ntwo\",x\r\ny,z\r\n"),
              ElementsAre(Fields{"one\r\ntwo", "x"}, Fields{"y", "z"}));
}

TEST(CsvReader, LoneCr_EndsARecord) {
  const auto got = ReadAll("a,b\rc,d\r");
  EXPECT_THAT(RecordsOf(got), ElementsAre(Fields{"a", "b"}, Fields{"c", "d"}));
  EXPECT_EQ(got[1].line, 2);
}

TEST(CsvReader, EmptyFields_AreKept) {
  EXPECT_THAT(Records(",\na,,b\na,\n,b\n\"\",\"\"\n"),
              ElementsAre(Fields{"", ""}, Fields{"a", "", "b"}, Fields{"a", ""}, Fields{"", "b"},
                          Fields{"", ""}));
}

TEST(CsvReader, EmptyLine_IsARecordOfOneEmptyField) {
  CsvReader reader(StringSource("a\n\nb\n", 100));
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record).value());
  EXPECT_FALSE(record.blank());
  ASSERT_TRUE(reader.Next(record).value());
  EXPECT_TRUE(record.blank());
  EXPECT_EQ(record.size(), 1u);
  EXPECT_EQ(record.number(), 2);
  ASSERT_TRUE(reader.Next(record).value());
  EXPECT_EQ(record[0], "b");
  EXPECT_FALSE(reader.Next(record).value());
}

TEST(CsvReader, TrailingNewlineAbsent_LastRecordIsStillRead) {
  EXPECT_THAT(Records("a,b\nc,d"), ElementsAre(Fields{"a", "b"}, Fields{"c", "d"}));
  EXPECT_THAT(Records("a,b\nc,"), ElementsAre(Fields{"a", "b"}, Fields{"c", ""}));
  EXPECT_THAT(Records("a,\"b\""), ElementsAre(Fields{"a", "b"}));
}

TEST(CsvReader, TrailingNewlinePresent_AddsNoEmptyRecord) {
  EXPECT_THAT(Records("a\n"), ElementsAre(Fields{"a"}));
  EXPECT_THAT(Records("a\r\n"), ElementsAre(Fields{"a"}));
}

TEST(CsvReader, EmptyInput_HasNoRecords_AndKeepsSayingSo) {
  CsvReader reader(StringSource("", 10));
  CsvRecord record;
  EXPECT_FALSE(reader.Next(record).value());
  EXPECT_FALSE(reader.Next(record).value());
}

TEST(CsvReader, ReadsFromAnIstream) {
  std::istringstream in("name,age\r\n\"Jo\",9\r\n");
  CsvReader reader(in, {.chunk_size = 4});
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record).value());
  EXPECT_THAT(record.ToStrings(), ElementsAre("name", "age"));
  ASSERT_TRUE(reader.Next(record).value());
  EXPECT_THAT(record.ToStrings(), ElementsAre("Jo", "9"));
  EXPECT_FALSE(reader.Next(record).value());
}

TEST(CsvReader, IstreamThatThrowsAtEndOfFile_IsStillReadToTheEnd) {
  std::istringstream in("a,b\nc,d");
  in.exceptions(std::ios::failbit | std::ios::eofbit);
  CsvReader reader(in, {.chunk_size = 3});
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record).value());
  ASSERT_TRUE(reader.Next(record).value());
  EXPECT_THAT(record.ToStrings(), ElementsAre("c", "d"));
  EXPECT_FALSE(reader.Next(record).value());
}

TEST(CsvReader, FailingSource_StopsTheReaderWithItsError) {
  int calls = 0;
  CsvReader reader(
      [&calls](char* buffer, std::size_t capacity) -> Result<std::size_t> {
        if (++calls > 1) return Fail(ErrorCode::kUnavailable, "The disk went away");
        const std::string_view first = "a,b\nc,";
        const std::size_t n = std::min(capacity, first.size());
        std::memcpy(buffer, first.data(), n);
        return n;
      },
      {.chunk_size = 64});
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record).value());
  Result<bool> got = reader.Next(record);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(reader.stopped());
  EXPECT_EQ(reader.Next(record).error().message, "The disk went away");
}

TEST(CsvReader, FieldsAreViewsIntoTheRecord_UntilItIsReadAgain) {
  CsvReader reader(StringSource("alpha,beta\n", 100));
  CsvRecord record;
  ASSERT_TRUE(reader.Next(record).value());
  ASSERT_EQ(record.size(), 2u);
  const std::string_view beta = record[1];
  EXPECT_EQ(beta, "beta");
  CsvRecord copy = record;
  EXPECT_EQ(copy[0], "alpha");
}

// ----- Limits: an error for the one record, then reading goes on -----

TEST(CsvReader, HundredThousandCharacterField_IsAnErrorNamingRowAndColumn_AndReadingRecovers) {
  std::string text = "id,name,age\n";
  for (int row = 2; row <= 11; ++row) text += std::to_string(row) + ",x,40\n";
  text += "12,x," + std::string(100'000, '9') + "\n";
  text += "13,after,41\n";

  CsvReader reader(StringSource(text, 4096));
  ASSERT_TRUE(CsvHeader::Read(reader, {"age"}));
  CsvRecord record;
  for (int row = 2; row <= 11; ++row) ASSERT_TRUE(reader.Next(record).value());

  Result<bool> got = reader.Next(record);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(got.error().message,
            "row 12, column 3 (\"age\"): this field is 100,000 characters long; the most a field "
            "may be is 65,536. This row was skipped");
  EXPECT_FALSE(reader.stopped());
  EXPECT_EQ(reader.record_number(), 12);

  ASSERT_TRUE(reader.Next(record).value());
  EXPECT_THAT(record.ToStrings(), ElementsAre("13", "after", "41"));
  EXPECT_EQ(record.number(), 13);
  EXPECT_FALSE(reader.Next(record).value());
}

TEST(CsvReader, LongQuotedFieldOverManyLines_IsSkippedWhole_AndLaterLinesAreCountedRight) {
  std::string long_field;
  for (int i = 0; i < 20; ++i) long_field += std::string(10, 'x') + "\n";
  const auto got = ReadAll("a,b\n1,\"" + long_field + "\"\n3,c\n", {.max_field_length = 100}, 7);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].error,
            "row 2, column 2: this field is 220 characters long; the most a field may be is 100. "
            "This row was skipped");
  EXPECT_FALSE(got[1].stopped);
  EXPECT_EQ(got[2].fields, (Fields{"3", "c"}));
  EXPECT_EQ(got[2].number, 3);
  EXPECT_EQ(got[2].line, 23);
}

TEST(CsvReader, FieldSpanningChunks_CountsItsWholeLengthAgainstTheLimit) {
  for (std::size_t chunk = 1; chunk <= 8; ++chunk) {
    SCOPED_TRACE("chunk size " + std::to_string(chunk));
    const auto got = ReadAll("abcd,x\nab,c\n", {.max_field_length = 3, .chunk_size = chunk});
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].error,
              "row 1, column 1: this field is 4 characters long; the most a field may be is 3. "
              "This row was skipped");
    EXPECT_EQ(got[1].fields, (Fields{"ab", "c"}));
  }
}

TEST(CsvReader, FieldAtTheLimit_IsAccepted) {
  const std::string exactly(100, 'y');
  EXPECT_THAT(Records(exactly + "\n", {.max_field_length = 100}), ElementsAre(Fields{exactly}));
}

TEST(CsvReader, TooManyFields_IsAnErrorForThatRow_AndReadingRecovers) {
  const auto got = ReadAll("a,b,c\n1,2,3,4,5\nx,y,z\n", {.max_fields_per_record = 3});
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].error,
            "row 2, column 4: this row has 5 fields; the most a row may have is 3. This row was "
            "skipped");
  EXPECT_FALSE(got[1].stopped);
  EXPECT_EQ(got[2].fields, (Fields{"x", "y", "z"}));
}

TEST(CsvReader, ErrorOnALaterLine_SaysWhichLineOfTheFile) {
  const auto got = ReadAll("a,b\n\"mu\nli\",x\n1,123456\n", {.max_field_length = 5});
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2].error,
            "row 3 (line 4 of the file), column 2: this field is 6 characters long; the most a "
            "field may be is 5. This row was skipped");
}

// ----- Malformed quoting: the reader stops -----

TEST(CsvReader, UnterminatedQuote_StopsTheReaderAndSaysWhereTheQuoteOpened) {
  const auto got = ReadAll("id,notes\n1,ok\n2,\"never closed\n3,more\n");
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[2].error,
            "row 3, column 2: this field starts with a quote mark (\") that is never closed, so "
            "the rest of the file was read as part of it. Add the missing closing quote; reading "
            "stopped here");
  EXPECT_TRUE(got[2].stopped);
}

TEST(CsvReader, UnterminatedQuote_WinsOverTheFieldLengthLimit) {
  const auto got = ReadAll("\"" + std::string(200, 'z'), {.max_field_length = 10});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_THAT(got[0].error, HasSubstr("never closed"));
  EXPECT_TRUE(got[0].stopped);
}

TEST(CsvReader, StrayQuoteInUnquotedField_StopsTheReader) {
  CsvReader reader(StringSource("name,height\nJo,5\" 2\nAl,6\n", 100));
  ASSERT_TRUE(CsvHeader::Read(reader));
  CsvRecord record;
  Result<bool> got = reader.Next(record);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().message,
            "row 2, column 2 (\"height\"): there is a quote mark (\") in the middle of this "
            "field. A field that contains quote marks must be wrapped in quotes, with each quote "
            "inside doubled: 5\" tall is written \"5\"\" tall\". Reading stopped here");
  EXPECT_TRUE(reader.stopped());
  EXPECT_EQ(reader.Next(record).error().message, got.error().message);
}

TEST(CsvReader, TextAfterClosingQuote_StopsTheReader) {
  const auto got = ReadAll("\"Jo\"hn,1\n");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_THAT(got[0].error, HasSubstr("row 1, column 1: the closing quote mark"));
  EXPECT_TRUE(got[0].stopped);
}

// ----- Chunk boundaries -----

TEST(CsvReader, RecordsSpanningChunkBoundaries_ReadTheSameAtEveryChunkSize) {
  const std::string text =
      "\xEF\xBB\xBF"
      "id,\"notes, long\",amount\r\n"
      "1,\"line one\r\nline \"\"two\"\"\",12.50\r\n"
      "2,,\r"
      "\n"
      "3,\"\",\"\"\"\"\n"
      "4,plain text here,0";
  const std::vector<Fields> expected = {
      {"id", "notes, long", "amount"},
      {"1", "line one\r\nline \"two\"", "12.50"},
      {"2", "", ""},
      {"3", "", "\""},
      {"4", "plain text here", "0"},
  };
  for (std::size_t chunk = 1; chunk <= text.size() + 1; ++chunk) {
    SCOPED_TRACE("chunk size " + std::to_string(chunk));
    const auto by_options = ReadAll(text, {.chunk_size = chunk});
    EXPECT_EQ(RecordsOf(by_options), expected);
    const auto by_source = ReadAll(text, {}, chunk);
    EXPECT_EQ(RecordsOf(by_source), expected);
    ASSERT_EQ(by_options.size(), expected.size());
    EXPECT_EQ(by_options[2].line, 4);
    EXPECT_EQ(by_options[4].line, 6);
  }
}

TEST(CsvReader, ChunkSizeZero_IsTreatedAsOne) {
  EXPECT_THAT(Records("a,b\n", {.chunk_size = 0}), ElementsAre(Fields{"a", "b"}));
}

TEST(CsvReader, OtherDelimiter_SplitsFieldsAtIt_AndCommasAreThenPlainText) {
  EXPECT_THAT(
      Records("date;amount;payee\n01/11/2026;1,234.56;\"A;B\"\n", {.delimiter = ';'}),
      ElementsAre(Fields{"date", "amount", "payee"}, Fields{"01/11/2026", "1,234.56", "A;B"}));
  EXPECT_THAT(Records("a\tb,c\t\"d\"\n", {.delimiter = '\t'}),
              ElementsAre(Fields{"a", "b,c", "d"}));
}

TEST(CsvReader, OtherDelimiter_ReadsTheSameAtEveryChunkSize) {
  const std::string text = "id|\"notes| long\"|amount\r\n1|\"x\"\"y\"|12.50\n2||\n";
  const std::vector<Fields> expected = {
      {"id", "notes| long", "amount"}, {"1", "x\"y", "12.50"}, {"2", "", ""}};
  for (std::size_t chunk = 1; chunk <= text.size() + 1; ++chunk) {
    SCOPED_TRACE("chunk size " + std::to_string(chunk));
    EXPECT_EQ(RecordsOf(ReadAll(text, {.chunk_size = chunk, .delimiter = '|'})), expected);
  }
}

TEST(CsvReader, QuoteOrLineEndAsDelimiter_IsTreatedAsComma) {
  EXPECT_THAT(Records("a,b\n", {.delimiter = '"'}), ElementsAre(Fields{"a", "b"}));
  EXPECT_THAT(Records("a,b\n", {.delimiter = '\n'}), ElementsAre(Fields{"a", "b"}));
}

// ----- Header -----

TEST(CsvHeader, IndexOf_FindsEachColumnByName) {
  CsvReader reader(StringSource("person_id,age,postcode\n", 100));
  Result<CsvHeader> header = CsvHeader::Read(reader, {"age", "person_id"});
  ASSERT_TRUE(header) << header.error().message;
  EXPECT_EQ(header->size(), 3u);
  EXPECT_EQ(header->IndexOf("person_id"), 0u);
  EXPECT_EQ(header->IndexOf("age"), 1u);
  EXPECT_EQ(header->IndexOf("postcode"), 2u);
  EXPECT_EQ(header->IndexOf("Age"), std::nullopt);
  EXPECT_THAT(header->names(), ElementsAre("person_id", "age", "postcode"));
}

TEST(CsvHeader, MissingColumns_AreAllNamedAtOnce) {
  CsvReader reader(StringSource("person_id,Age \n", 100));
  Result<CsvHeader> header = CsvHeader::Read(reader, {"person_id", "age", "postcode"});
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(header.error().message,
            "The header (row 1) is missing the required columns \"age\" and \"postcode\". Column "
            "names must match exactly, including capitals and spaces: the file has \"Age \", not "
            "\"age\".");
  ASSERT_EQ(header.error().fields.size(), 2u);
  EXPECT_EQ(header.error().fields[0].field, "age");
  EXPECT_EQ(header.error().fields[1].field, "postcode");
}

TEST(CsvHeader, DuplicateColumn_IsRejected) {
  CsvReader reader(StringSource("age,name,age,,\n", 100));
  Result<CsvHeader> header = CsvHeader::Read(reader);
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().message,
            "The header (row 1) gives more than one column the same name: no name (columns 4 "
            "and 5) and \"age\" (columns 1 and 3). Each column must have a different name.");
}

TEST(CsvHeader, EmptyFile_SaysAHeaderWasExpected) {
  CsvReader reader(StringSource("", 100));
  Result<CsvHeader> header = CsvHeader::Read(reader, {"age"});
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().message,
            "The file is empty: it should start with a header row naming the columns (\"age\")");
}

TEST(CsvHeader, AfterRead_ReaderErrorsNameTheColumn) {
  CsvReader reader(StringSource("id,notes\n1,toolong\n", 100), {.max_field_length = 5});
  ASSERT_TRUE(CsvHeader::Read(reader));
  CsvRecord record;
  EXPECT_THAT(reader.Next(record).error().message,
              HasSubstr("row 2, column 2 (\"notes\"): this field is 7 characters long"));
}

TEST(CsvHeader, FromNames_AppliesTheSameChecks) {
  EXPECT_TRUE(CsvHeader::FromNames({"a", "b"}));
  EXPECT_THAT(CsvHeader::FromNames({"a", "a"}).error().message,
              HasSubstr("\"a\" (columns 1 and 2)"));
  const std::vector<std::string_view> required = {"c"};
  EXPECT_EQ(CsvHeader::FromNames({"a"}, required).error().message,
            "The header is missing the required column \"c\".");
}

// ----- Writing -----

TEST(AppendCsvField, QuotesOnlyWhenNeeded) {
  const auto written = [](std::string_view field) {
    std::string out;
    AppendCsvField(out, field);
    return out;
  };
  EXPECT_EQ(written("plain"), "plain");
  EXPECT_EQ(written(""), "");
  EXPECT_EQ(written(" spaced "), " spaced ");
  EXPECT_EQ(written("a,b"), "\"a,b\"");
  EXPECT_EQ(written("5\" tall"), "\"5\"\" tall\"");
  EXPECT_EQ(written("\""), "\"\"\"\"");
  EXPECT_EQ(written("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(written("cr\r"), "\"cr\r\"");
  EXPECT_EQ(written("\xEF\xBB\xBFx"), "\"\xEF\xBB\xBFx\"");
}

TEST(AppendCsvField, Appends_LeavingWhatIsAlreadyThere) {
  std::string line = "a,";
  AppendCsvField(line, "b,c");
  EXPECT_EQ(line, "a,\"b,c\"");
}

TEST(SpreadsheetText, TextThatASpreadsheetWouldTakeForAFormulaIsQuotedWithAnApostrophe) {
  for (const char* formula : {"=SUM(A1:A9)", "+44 20", "-£5", "@cmd", "\tx", "\rx"}) {
    EXPECT_EQ(SpreadsheetText(formula), std::string("'") + formula) << formula;
  }
  for (const char* plain : {"", "Ada Okafor", "5 = five", "O'Neil"}) {
    EXPECT_EQ(SpreadsheetText(plain), plain) << plain;
  }
}

// Fields drawn mostly from the bytes that matter to CSV, so that quoting is exercised hard.
rc::Gen<std::string> TrickyField() {
  return rc::gen::container<std::string>(rc::gen::weightedOneOf<char>({
      {4, rc::gen::element<char>(',', '"', '\r', '\n', ' ', 'a', '\xEF', '\xBB', '\xBF')},
      {1, rc::gen::arbitrary<char>()},
  }));
}

RC_GTEST_PROP(CsvProperty, WrittenWithAppendCsvField_ReadsBackTheSameFields, ()) {
  // Fewer, shorter records than RapidCheck's default sizes: the reading is done a byte or a few
  // at a time, and variety matters more here than volume.
  const auto records =
      *rc::gen::scale(0.3, rc::gen::container<std::vector<Fields>>(
                               rc::gen::nonEmpty(rc::gen::container<Fields>(TrickyField()))));
  const bool crlf = *rc::gen::arbitrary<bool>();
  const bool final_line_end = *rc::gen::arbitrary<bool>();
  const std::size_t chunk = *rc::gen::inRange<std::size_t>(1, 20);

  std::string text;
  for (std::size_t r = 0; r < records.size(); ++r) {
    for (std::size_t f = 0; f < records[r].size(); ++f) {
      if (f != 0) text += ',';
      AppendCsvField(text, records[r][f]);
    }
    const bool last = r + 1 == records.size();
    // A record of one empty field is an empty line, which needs its line end.
    const bool blank = records[r] == Fields{""};
    if (!last || final_line_end || blank) text += crlf ? "\r\n" : "\n";
  }

  const auto got = ReadAll(text, {.chunk_size = chunk});
  std::vector<Fields> read;
  for (const Outcome& o : got) {
    RC_ASSERT(o.error.empty());
    read.push_back(o.fields);
  }
  RC_ASSERT(read == records);
}

RC_GTEST_PROP(CsvProperty, AnyInput_ReadsTheSameWhateverTheChunkSize, ()) {
  // Arbitrary text, mostly CSV punctuation, with small limits so that every kind of error and
  // recovery happens; the outcomes (records, errors, stops) must not depend on where the chunks
  // split the input.
  const std::string text = *rc::gen::container<std::string>(rc::gen::weightedOneOf<char>({
      {5, rc::gen::element<char>('a', 'b')},
      {4, rc::gen::element<char>(',', '"', '\r', '\n')},
      {1, rc::gen::arbitrary<char>()},
  }));
  const CsvReaderOptions limits{.max_field_length = *rc::gen::inRange<std::size_t>(0, 6),
                                .max_fields_per_record = *rc::gen::inRange<std::size_t>(0, 6)};
  const std::size_t chunk = *rc::gen::inRange<std::size_t>(1, 10);

  CsvReaderOptions whole = limits;
  whole.chunk_size = text.size() + 1;
  CsvReaderOptions chunked = limits;
  chunked.chunk_size = chunk;
  const auto expected = ReadAll(text, whole);
  const auto got = ReadAll(text, chunked);
  RC_ASSERT(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    RC_ASSERT(got[i].fields == expected[i].fields);
    RC_ASSERT(got[i].error == expected[i].error);
    RC_ASSERT(got[i].number == expected[i].number);
    RC_ASSERT(got[i].line == expected[i].line);
    RC_ASSERT(got[i].stopped == expected[i].stopped);
  }
}

}  // namespace
}  // namespace selfdirect
