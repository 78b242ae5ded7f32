#include "selfdirect/casework/carer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::casework {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Date D(const char* text) { return ParseIsoDate(text).value(); }

CarerRequest Good() {
  CarerRequest r;
  r.name = "  Sam Okafor ";
  r.relationship = "son_or_daughter";
  r.lives_with = "yes";
  r.phone = "07700 900123";
  r.assessment_offer = "offered";
  r.offered_on = "2026-11-20";
  return r;
}

std::vector<std::string> Fields(const Result<CarerLink>& r) {
  std::vector<std::string> out;
  for (const FieldError& f : r.error().fields) out.push_back(f.field);
  return out;
}

TEST(ValidateCarer, AGoodCarerIsTrimmedAndKept) {
  auto c = ValidateCarer(Good(), D("2026-11-23"));
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->name, "Sam Okafor");
  EXPECT_TRUE(c->lives_with);
  EXPECT_EQ(FormatIsoDate(*c->offered_on), "2026-11-20");
  EXPECT_EQ(DescribeCarer(*c), "Sam Okafor (son or daughter), lives with them");
}

TEST(ValidateCarer, NotYetOfferedNeedsNoDate) {
  CarerRequest r = Good();
  r.assessment_offer = "not_yet_offered";
  r.offered_on = "";
  r.lives_with = "no";
  auto c = ValidateCarer(r, D("2026-11-23"));
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->offered_on);
  EXPECT_EQ(DescribeCarer(*c), "Sam Okafor (son or daughter)");
}

TEST(ValidateCarer, EveryProblemIsNamedAtOnce) {
  CarerRequest r;
  r.relationship = "cousin-ish";
  r.lives_with = "sometimes";
  r.assessment_offer = "maybe";
  auto c = ValidateCarer(r, D("2026-11-23"));
  ASSERT_FALSE(c);
  EXPECT_THAT(Fields(c), ElementsAre("name", "relationship", "lives_with", "assessment_offer"));
}

TEST(ValidateCarer, AnOfferNeedsARealPastDate) {
  CarerRequest r = Good();
  r.offered_on = "";
  EXPECT_THAT(Fields(ValidateCarer(r, D("2026-11-23"))), ElementsAre("offered_on"));
  r.offered_on = "2026-02-30";
  EXPECT_THAT(Fields(ValidateCarer(r, D("2026-11-23"))), ElementsAre("offered_on"));
  r.offered_on = "2026-11-24";
  auto future = ValidateCarer(r, D("2026-11-23"));
  ASSERT_FALSE(future);
  EXPECT_THAT(future.error().fields[0].message, HasSubstr("today or earlier"));
}

TEST(ValidateCarer, AnNhsNumberMustBeValidAndStandsInForTheName) {
  CarerRequest r = Good();
  r.name = "";
  r.nhs_number = "485 777 3456";  // wrong check digit (7 is right)
  ASSERT_FALSE(ValidateCarer(r, D("2026-11-23")));
  EXPECT_THAT(Fields(ValidateCarer(r, D("2026-11-23"))), ElementsAre("nhs_number"));
  r.nhs_number = "485 777 3457";
  EXPECT_TRUE(ValidateCarer(r, D("2026-11-23")));
}

TEST(ValidateCarer, OverlongTextIsRefused) {
  CarerRequest r = Good();
  r.name = std::string(201, 'a');
  r.phone = std::string(41, '1');
  EXPECT_THAT(Fields(ValidateCarer(r, D("2026-11-23"))), ElementsAre("name", "phone"));
}

}  // namespace
}  // namespace selfdirect::casework
