#include "selfdirect/app/people_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr const char* kHeader =
    "external_reference,given_name,family_name,date_of_birth,nhs_number,postcode,gender,"
    "primary_support_reason,contact_date,route_of_access,asked_for\n";

class PeopleImportTest : public ::testing::Test {
 protected:
  PeopleImportTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})) {}

  Context Operator() {
    Context ctx = Context::Operator("people import");
    ctx.actor.council_id = council_.id;
    return ctx;
  }

  Result<PeopleImportReport> Import(const std::string& text, bool dry_run = false) {
    std::istringstream in(text);
    CsvReader reader(in);
    return import_.Import(Operator(), reader, {.dry_run = dry_run, .source_name = "people.csv"});
  }

  std::vector<std::string> Lines(const PeopleImportReport& report) {
    std::vector<std::string> out;
    for (const ImportProblem& p : report.problems) out.push_back(p.ToString());
    return out;
  }

  std::vector<casework::PersonRecord> People() {
    std::vector<casework::PersonRecord> out;
    auto s = t_.store().Read([&](store::Transaction& tx) -> Status {
      auto people = tx.Casework().ListPeople({council_.id, std::nullopt, std::nullopt, "", 1000});
      if (!people) return tl::unexpected(people.error());
      out = std::move(*people);
      return Ok();
    });
    EXPECT_TRUE(s.has_value());
    return out;
  }

  std::vector<AuditEntry> Audit(const std::string& action) {
    std::vector<AuditEntry> out;
    auto s = t_.store().Read([&](store::Transaction& tx) -> Status {
      auto found = tx.Audit().Search({council_.id, std::nullopt, std::nullopt, action, 1000});
      if (!found) return tl::unexpected(found.error());
      out = std::move(*found);
      return Ok();
    });
    EXPECT_TRUE(s.has_value());
    return out;
  }

  testing::TestApp t_;
  Council council_;
  User worker_;
  UlidGenerator ids_{t_.clock()};
  PeopleImport import_{t_.store(), t_.clock(), ids_};
};

TEST_F(PeopleImportTest, GoodFile_ImportsEveryPersonWithTheirContactCaseEventAndAudit) {
  auto report = Import(std::string(kHeader) +
                       "A-1,Ada,Okafor,1948-03-27,943 476 5919,ts24 8ab,female,"
                       "physical_personal_care,2026-10-01,hospital_discharge,Help at home\n"
                       "A-2,Bert,Smith,1950-01-01,,,,,,,\n"
                       "A-3,Cy,Jones,1961-07-15,,,,,2026-11-01,community,\n");
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_THAT(Lines(*report), IsEmpty());
  EXPECT_EQ(report->rows, 3);
  ASSERT_THAT(report->people, SizeIs(3));
  EXPECT_TRUE(report->has_external_reference);
  EXPECT_EQ(report->people[0].external_reference, "A-1");
  EXPECT_EQ(report->people[0].line, 2);
  EXPECT_EQ(report->people[2].line, 4);

  auto people = People();
  ASSERT_THAT(people, SizeIs(3));
  Context ctx = Operator();
  auto file = t_.casework().GetPerson(ctx, report->people[0].id);
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->record.person.given_name, "Ada");
  EXPECT_EQ(file->record.person.nhs_number, "9434765919");
  EXPECT_EQ(file->record.person.postcode, "TS24 8AB");
  EXPECT_EQ(file->record.person.gender, "female");
  EXPECT_TRUE(file->record.person.created_by.empty());  // the operator, not a user
  EXPECT_EQ(file->record.state.stage, casework::Stage::kContact);
  ASSERT_THAT(file->contacts, SizeIs(1));
  EXPECT_EQ(FormatIsoDate(file->contacts[0].contact_date), "2026-10-01");
  EXPECT_EQ(file->contacts[0].route_of_access, "hospital_discharge");
  EXPECT_EQ(file->contacts[0].asked_for, "Help at home");
  EXPECT_EQ(file->contacts[0].outcome, "to_assessment");
  ASSERT_THAT(file->events, SizeIs(1));
  EXPECT_EQ(file->events[0].event, "contact");
  EXPECT_TRUE(file->events[0].by.empty());

  // No route given: the national return's catch-all; no date: today.
  auto bert = t_.casework().GetPerson(ctx, report->people[1].id);
  ASSERT_TRUE(bert.has_value());
  EXPECT_EQ(bert->contacts[0].route_of_access, "community");
  EXPECT_EQ(bert->contacts[0].contact_date, t_.clock().Today());
  EXPECT_EQ(bert->record.person.ethnicity, "Z");

  auto created = Audit("people.create");
  ASSERT_THAT(created, SizeIs(3));
  EXPECT_EQ(created[0].actor_roles, "operator");
  EXPECT_THAT(created[0].summary + created[1].summary + created[2].summary,
              HasSubstr("people.csv, line 2 (reference A-1 in the old system)"));
  auto imports = Audit("people.import");
  ASSERT_THAT(imports, SizeIs(1));
  EXPECT_EQ(imports[0].summary, "imported 3 people from people.csv");
  EXPECT_EQ(imports[0].actor_roles, "operator");
  EXPECT_EQ(imports[0].request_id, "cli:people import");
}

TEST_F(PeopleImportTest, OneBadRowAmongGood_ImportsNothingAndNamesTheLineAndColumn) {
  auto report = Import(std::string(kHeader) +
                       "A-1,Ada,Okafor,1948-03-27,,,,,,,\n"
                       "A-2,Bert,,1950-02-30,943 476 5918,NOTAPOSTCODE,,,,,\n"
                       "A-3,Cy,Jones,1961-07-15,,,,,,,\n");
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(Lines(*report),
              ElementsAre("line 3, column family_name: Enter their last name",
                          "line 3, column date_of_birth: Enter the date of birth as a real date, "
                          "like 1948-03-27",
                          HasSubstr("line 3, column nhs_number: Enter a valid NHS number"),
                          "line 3, column postcode: Enter a real postcode, like SW1A 2AA"));
  EXPECT_THAT(report->people, IsEmpty());
  EXPECT_THAT(People(), IsEmpty());
  EXPECT_THAT(Audit("people.import"), IsEmpty());
}

TEST_F(PeopleImportTest, EveryBadRowIsReported_CodesDatesAndYesNo) {
  auto report = Import(
      "given_name,family_name,date_of_birth,gender,communication.easy_read,contact_date,"
      "route_of_access,contact_outcome\n"
      "Ada,Okafor,1948-03-27,F,perhaps,2026-11-01,,\n"
      "Bert,Smith,2030-01-01,,yes,2099-01-01,by_post,done\n");
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(Lines(*report),
              ElementsAre(HasSubstr("line 2, column gender: Choose one of the gender options ("),
                          "line 2, column communication.easy_read: Write yes or no, or leave it "
                          "empty for no",
                          "line 3, column date_of_birth: The date of birth must be today or in the "
                          "past",
                          "line 3, column contact_date: The date of contact must be today or "
                          "earlier",
                          HasSubstr("line 3, column route_of_access: Choose how the person came "
                                    "to the council (community, hospital_discharge"),
                          HasSubstr("line 3, column contact_outcome: Choose what happens next (")));
  EXPECT_THAT(People(), IsEmpty());
}

TEST_F(PeopleImportTest, DuplicateNhsNumbersInTheFile_NameBothLines) {
  auto report = Import(
      "given_name,family_name,date_of_birth,nhs_number\n"
      "Ada,Okafor,1948-03-27,943 476 5919\n"
      "Bert,Smith,1950-01-01,\n"
      "Ada,Okafor,1948-03-27,9434765919\n");
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(Lines(*report), ElementsAre("line 4, column nhs_number: The NHS number 943 476 5919 "
                                          "is also on line 2: each person must appear once"));
  EXPECT_THAT(People(), IsEmpty());
}

TEST_F(PeopleImportTest, NhsNumberAlreadyOnTheCouncilsRecords_IsAProblemAndNothingIsImported) {
  casework::NewPerson ada;
  ada.given_name = "Ada";
  ada.family_name = "Okafor";
  ada.date_of_birth = "1948-03-27";
  ada.nhs_number = "9434765919";
  auto existing = t_.casework().CreatePerson(
      Context{Actor{worker_.council_id, worker_.id, worker_.roles}, "req", ""}, ada,
      {"", "community", "", ""});
  ASSERT_TRUE(existing.has_value()) << existing.error().message;
  const std::string file =
      "given_name,family_name,date_of_birth,nhs_number\n"
      "Bert,Smith,1950-01-01,\n"
      "Ada,Okafor,1948-03-27,943 476 5919\n";
  for (bool dry_run : {true, false}) {
    auto report = Import(file, dry_run);
    ASSERT_TRUE(report.has_value());
    EXPECT_THAT(Lines(*report),
                ElementsAre("line 3, column nhs_number: A person already on the council's records "
                            "(id " +
                            existing->record.person.id.str() +
                            ") has the NHS number 943 476 5919. Remove this row, or correct the "
                            "number"));
    EXPECT_THAT(People(), SizeIs(1));
  }
}

TEST_F(PeopleImportTest, DuplicateExternalReferences_AreAProblem) {
  auto report = Import(
      "external_reference,given_name,family_name,date_of_birth\n"
      "X1,Ada,Okafor,1948-03-27\n"
      "X1,Bert,Smith,1950-01-01\n");
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(Lines(*report), ElementsAre("line 3, column external_reference: The reference X1 is "
                                          "also on line 2: each person must appear once"));
}

TEST_F(PeopleImportTest, CrlfQuotedFieldsAndLineBreaksInsideQuotes) {
  auto report = Import(
      "\xEF\xBB\xBFgiven_name,family_name,date_of_birth,address,asked_for\r\n"
      "Ada,\"Okafor, MBE\",1948-03-27,\"1 High Street\r\nHartlepool\",\"Help \"\"at home\"\"\"\r\n"
      "Bert,Smith,1950-13-01,,\r\n"
      "\r\n"
      "Cy,Jones,1961-07-15,,\r\n");
  ASSERT_TRUE(report.has_value());
  // The quoted line break makes Bert's row start on line 4 of the file.
  EXPECT_THAT(Lines(*report),
              ElementsAre("line 4, column date_of_birth: Enter the date of birth as a real date, "
                          "like 1948-03-27"));
  EXPECT_EQ(report->rows, 3);  // the blank line is not a person

  auto fixed = Import(
      "given_name,family_name,date_of_birth,address,asked_for\r\n"
      "Ada,\"Okafor, MBE\",1948-03-27,\"1 High Street\r\nHartlepool\",\"Help \"\"at "
      "home\"\"\"\r\n");
  ASSERT_TRUE(fixed.has_value());
  ASSERT_THAT(Lines(*fixed), IsEmpty());
  auto file = t_.casework().GetPerson(Operator(), fixed->people[0].id);
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->record.person.family_name, "Okafor, MBE");
  EXPECT_EQ(file->record.person.address, "1 High Street\r\nHartlepool");
  EXPECT_EQ(file->contacts[0].asked_for, "Help \"at home\"");
}

TEST_F(PeopleImportTest, MalformedCsv_NamesTheLineAndColumnAndStops) {
  auto report = Import(
      "given_name,family_name,date_of_birth\n"
      "Ada,Okafor,1948-03-27\n"
      "Bert,Sm\"ith,1950-01-01\n"
      "Cy,Jones,1961-07-15\n");
  ASSERT_TRUE(report.has_value());
  ASSERT_THAT(report->problems, SizeIs(1));
  EXPECT_EQ(report->problems[0].line, 3);
  EXPECT_EQ(report->problems[0].column, "family_name");
  EXPECT_THAT(report->problems[0].message, HasSubstr("There is a quote mark (\")"));
  EXPECT_THAT(People(), IsEmpty());
}

TEST_F(PeopleImportTest, RowWithTooFewOrTooManyFields_IsAProblem) {
  auto report = Import(
      "given_name,family_name,date_of_birth\n"
      "Ada,Okafor\n"
      "Bert,Smith,1950-01-01,extra\n");
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(Lines(*report),
              ElementsAre(HasSubstr("line 2, column date_of_birth: This row has 2 fields but the "
                                    "header has 3 columns"),
                          HasSubstr("line 3: This row has 4 fields but the header has 3 columns")));
}

TEST_F(PeopleImportTest, EmptyFile_AndHeaderWithoutPeople_AreRefused) {
  auto empty = Import("");
  ASSERT_TRUE(empty.has_value());
  EXPECT_THAT(Lines(*empty), ElementsAre(HasSubstr("The file is empty")));
  auto header_only = Import("given_name,family_name,date_of_birth\r\n");
  ASSERT_TRUE(header_only.has_value());
  EXPECT_THAT(Lines(*header_only), ElementsAre(HasSubstr("The file has a header but no people")));
  EXPECT_THAT(People(), IsEmpty());
}

TEST_F(PeopleImportTest, MissingOrUnknownHeaders_AreRefusedBeforeAnyRowIsRead) {
  auto report = Import(
      "Given Name,family_name,dob,nhs_number,nhs_number\n"
      "Ada,Okafor,1948-03-27,,\n");
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(Lines(*report),
              ElementsAre(HasSubstr("line 1, column Given Name: selfdirect does not know"),
                          HasSubstr("line 1, column dob: selfdirect does not know"),
                          HasSubstr("line 1: The header has no given_name column"),
                          HasSubstr("line 1: The header has no date_of_birth column"),
                          "line 1, column nhs_number: More than one column has this name; each "
                          "column must have a different name"));

  auto unknown = Import(
      "Given Name,family_name,dob,communication_easy_read\n"
      "Ada,Okafor,1948-03-27,\n");
  ASSERT_TRUE(unknown.has_value());
  EXPECT_THAT(
      Lines(*unknown),
      ElementsAre("line 1, column Given Name: selfdirect does not know this column. Did you mean "
                  "given_name? Column names must be written exactly so.",
                  HasSubstr("line 1, column dob: selfdirect does not know this column. Rename it"),
                  "line 1, column communication_easy_read: selfdirect does not know this column. "
                  "Did you mean communication.easy_read? Column names must be written exactly so.",
                  HasSubstr("line 1: The header has no given_name column"),
                  HasSubstr("line 1: The header has no date_of_birth column")));
  EXPECT_THAT(People(), IsEmpty());
}

TEST_F(PeopleImportTest, DryRun_ChecksEverythingAndWritesNothing) {
  auto report = Import(
      "given_name,family_name,date_of_birth\n"
      "Ada,Okafor,1948-03-27\n"
      "Bert,Smith,1950-01-01\n",
      /*dry_run=*/true);
  ASSERT_TRUE(report.has_value());
  EXPECT_THAT(Lines(*report), IsEmpty());
  EXPECT_TRUE(report->dry_run);
  EXPECT_THAT(report->people, SizeIs(2));
  EXPECT_TRUE(report->people[0].id.empty());
  EXPECT_THAT(People(), IsEmpty());
  EXPECT_THAT(Audit("people.import"), IsEmpty());
}

TEST_F(PeopleImportTest, OnlyTheOperatorOrSomeoneWhoRecordsPeopleMayImport) {
  const User finance = t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"});
  std::istringstream in("given_name,family_name,date_of_birth\nAda,Okafor,1948-03-27\n");
  CsvReader reader(in);
  auto refused = import_.Import(
      Context{Actor{finance.council_id, finance.id, finance.roles}, "req", ""}, reader, {});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(People(), IsEmpty());
}

}  // namespace
}  // namespace selfdirect::app
