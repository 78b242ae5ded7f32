#include "selfdirect/casework/personal_assistants.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace selfdirect::casework {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const Date kToday = *ParseIsoDate("2026-11-23");

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

PersonalAssistantRequest GoodRequest() {
  return {"Sam Patel", "12.71", "20", "2026-05-01", "2026-04-20", "", false, "", ""};
}

PersonalAssistant Pa(const std::string& rate,
                     const std::string& id = "01JD000000000000000000PA01") {
  auto r = GoodRequest();
  r.hourly_rate = rate;
  auto pa = ValidatePersonalAssistant(r, kToday);
  EXPECT_TRUE(pa) << pa.error().message;
  pa->id = PersonalAssistantId(id);
  return *pa;
}

// A checklist with everything done, insurance ending in a year.
EmployerDuties AllDone() {
  auto d = ValidateEmployerDuties({"Payroll Partners", "2026-05-01", "2026-06-01", "",
                                   "Acme Insurance", "5000000", "2027-11-30", "2026-04-28",
                                   "Paid at the normal rate, 5.6 weeks a year", false});
  EXPECT_TRUE(d) << d.error().message;
  return *d;
}

std::vector<std::string> Codes(const std::vector<Attention>& list) {
  std::vector<std::string> out;
  for (const auto& a : list) out.push_back(a.code);
  return out;
}

TEST(MinimumWage, TheRateInForceChangesOnTheFirstOfApril) {
  EXPECT_FALSE(MinimumWageOn(*ParseIsoDate("2024-03-31")));
  EXPECT_EQ(MinimumWageOn(*ParseIsoDate("2024-04-01"))->hourly, Pence(1144));
  EXPECT_EQ(MinimumWageOn(*ParseIsoDate("2025-03-31"))->hourly, Pence(1144));
  EXPECT_EQ(MinimumWageOn(*ParseIsoDate("2025-04-01"))->hourly, Pence(1221));
  EXPECT_EQ(MinimumWageOn(*ParseIsoDate("2026-03-31"))->hourly, Pence(1221));
  EXPECT_EQ(MinimumWageOn(*ParseIsoDate("2026-04-01"))->hourly, Pence(1271));
  EXPECT_EQ(MinimumWageOn(*ParseIsoDate("2030-01-01"))->hourly, Pence(1271));
}

TEST(MinimumWage, TheTableIsInDateOrder) {
  auto rates = MinimumWageRates();
  ASSERT_EQ(rates.size(), 3u);
  EXPECT_TRUE(std::is_sorted(rates.begin(), rates.end(),
                             [](const auto& a, const auto& b) { return a.from < b.from; }));
}

TEST(ValidatePersonalAssistant, CleansAGoodRequest) {
  auto r = GoodRequest();
  r.name = "  Sam Patel ";
  r.hours_per_week = "12.5";
  auto pa = ValidatePersonalAssistant(r, kToday);
  ASSERT_TRUE(pa) << pa.error().message;
  EXPECT_EQ(pa->name, "Sam Patel");
  EXPECT_EQ(pa->hourly_rate, Pence(1271));
  EXPECT_EQ(pa->hours_hundredths, 1250);
  EXPECT_EQ(pa->starts_on, *ParseIsoDate("2026-05-01"));
  EXPECT_EQ(pa->right_to_work_checked_on, ParseIsoDate("2026-04-20").value());
  EXPECT_FALSE(pa->dbs_checked_on);
  EXPECT_FALSE(pa->close_relative_in_household);
}

TEST(ValidatePersonalAssistant, NamesEveryBadFieldAtOnce) {
  PersonalAssistantRequest r{"  ",         "-1", "169", "2026-02-30", "2027-01-01", "yesterday",
                             std::nullopt, "",   ""};
  auto pa = ValidatePersonalAssistant(r, kToday);
  ASSERT_FALSE(pa);
  EXPECT_EQ(pa.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(Fields(pa.error()),
              UnorderedElementsAre("name", "hourly_rate", "hours_per_week", "starts_on",
                                   "right_to_work_checked_on", "dbs_checked_on",
                                   "close_relative_in_household"));
}

TEST(ValidatePersonalAssistant, RefusesHoursWithMoreThanTwoDecimalPlacesOrAPoundSign) {
  auto r = GoodRequest();
  r.hours_per_week = "12.345";
  EXPECT_THAT(Fields(ValidatePersonalAssistant(r, kToday).error()), ElementsAre("hours_per_week"));
  r.hours_per_week = "£12";
  EXPECT_THAT(Fields(ValidatePersonalAssistant(r, kToday).error()), ElementsAre("hours_per_week"));
}

TEST(ValidatePersonalAssistant, ACloseRelativeInTheHouseholdNeedsTheCouncilsDecision) {
  auto r = GoodRequest();
  r.close_relative_in_household = true;
  auto refused = ValidatePersonalAssistant(r, kToday);
  ASSERT_FALSE(refused);
  EXPECT_THAT(Fields(refused.error()),
              UnorderedElementsAre("council_decision", "council_decision_on"));
  EXPECT_THAT(refused.error().fields[0].message, HasSubstr("council decides it is necessary"));

  r.council_decision = "Panel agreed: no other PA available in the village";
  r.council_decision_on = "2026-04-15";
  auto pa = ValidatePersonalAssistant(r, kToday);
  ASSERT_TRUE(pa) << pa.error().message;
  EXPECT_TRUE(pa->close_relative_in_household);
  EXPECT_EQ(pa->council_decision_on, ParseIsoDate("2026-04-15").value());
}

TEST(ValidatePersonalAssistant, ADecisionIsNotRecordedForSomeoneWhoIsNotACloseRelative) {
  auto r = GoodRequest();
  r.council_decision = "Agreed";
  EXPECT_THAT(Fields(ValidatePersonalAssistant(r, kToday).error()),
              ElementsAre("council_decision"));
}

TEST(ValidateEndDate, NotBeforeTheStartAndWithinAYear) {
  const PersonalAssistant pa = Pa("12.71");
  EXPECT_THAT(Fields(ValidateEndDate(pa, "2026-04-30", kToday).error()), ElementsAre("ends_on"));
  EXPECT_THAT(Fields(ValidateEndDate(pa, "2028-01-01", kToday).error()), ElementsAre("ends_on"));
  EXPECT_THAT(Fields(ValidateEndDate(pa, "", kToday).error()), ElementsAre("ends_on"));
  EXPECT_EQ(*ValidateEndDate(pa, "2026-12-31", kToday), *ParseIsoDate("2026-12-31"));
}

TEST(ValidateEmployerDuties, AnEmptyChecklistIsAllowed) {
  auto d = ValidateEmployerDuties({});
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_TRUE(d->insurer.empty());
  EXPECT_FALSE(d->insurance_expires_on);
}

TEST(ValidateEmployerDuties, InsuranceNeedsItsInsurerCoverAndEndDateTogether) {
  EmployerDutiesRequest r;
  r.insurer = "Acme Insurance";
  EXPECT_THAT(Fields(ValidateEmployerDuties(r).error()),
              UnorderedElementsAre("insurance_cover", "insurance_expires_on"));
  r.insurance_cover = "£10,000,000";
  r.insurance_expires_on = "2027-01-31";
  auto d = ValidateEmployerDuties(r);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->insurance_cover, Pence(1'000'000'000));
}

TEST(ValidateEmployerDuties, NamesEveryBadFieldAtOnce) {
  EmployerDutiesRequest r{"Payroll Partners",
                          "",
                          "2026-06-01",
                          "Nobody earns enough",
                          "Acme",
                          "0",
                          "2027-13-01",
                          "soon",
                          std::string(501, 'x'),
                          false};
  auto d = ValidateEmployerDuties(r);
  ASSERT_FALSE(d);
  EXPECT_THAT(Fields(d.error()),
              UnorderedElementsAre("payroll_from", "pension_exempt_reason", "insurance_cover",
                                   "insurance_expires_on", "contract_issued_on", "holiday_pay"));
}

TEST(NeedsAttention, NothingForAnEmployerWithEverythingDone) {
  const PersonalAssistant pa = Pa("12.71");
  EXPECT_THAT(NeedsAttention(std::span(&pa, 1), AllDone(), {}, kToday), IsEmpty());
}

TEST(NeedsAttention, NothingWhenThereIsNoPersonalAssistant) {
  EXPECT_THAT(NeedsAttention({}, EmployerDuties{}, {}, kToday), IsEmpty());
}

TEST(NeedsAttention, ARateBelowTheMinimumWageIsAWarningWithTheRateInForce) {
  const PersonalAssistant pa = Pa("12.00");
  auto list = NeedsAttention(std::span(&pa, 1), AllDone(), {}, kToday);
  ASSERT_THAT(Codes(list), ElementsAre("below_minimum_wage"));
  EXPECT_EQ(list[0].level, AttentionLevel::kWarning);
  EXPECT_EQ(list[0].assistant, pa.id);
  EXPECT_THAT(list[0].message, HasSubstr("£12.00 an hour"));
  EXPECT_THAT(list[0].message, HasSubstr("National Living Wage of £12.71"));
  // The same rate was above the National Living Wage in force before April 2025 (£11.44).
  EXPECT_FALSE(MinimumWageWarning(pa, *ParseIsoDate("2025-03-31")));
  EXPECT_TRUE(MinimumWageWarning(pa, *ParseIsoDate("2025-04-01")));
}

TEST(NeedsAttention, InsuranceEndingWithinTheReminderPeriodThenEnded) {
  const PersonalAssistant pa = Pa("12.71");
  EmployerDuties d = AllDone();
  d.insurance_expires_on = AddDays(kToday, 30);
  auto soon = NeedsAttention(std::span(&pa, 1), d, {.insurance_reminder_days = 30}, kToday);
  ASSERT_THAT(Codes(soon), ElementsAre("insurance_expiring"));
  EXPECT_THAT(soon[0].message, HasSubstr("in 30 days"));
  EXPECT_THAT(NeedsAttention(std::span(&pa, 1), d, {.insurance_reminder_days = 29}, kToday),
              IsEmpty());
  d.insurance_expires_on = AddDays(kToday, -1);
  auto ended = NeedsAttention(std::span(&pa, 1), d, {}, kToday);
  ASSERT_THAT(Codes(ended), ElementsAre("insurance_expired"));
  EXPECT_EQ(ended[0].level, AttentionLevel::kUrgent);
}

TEST(NeedsAttention, CoverBelowFiveMillionIsAWarning) {
  const PersonalAssistant pa = Pa("12.71");
  EmployerDuties d = AllDone();
  d.insurance_cover = Pence(200'000'000);
  auto list = NeedsAttention(std::span(&pa, 1), d, {}, kToday);
  ASSERT_THAT(Codes(list), ElementsAre("insurance_cover_low"));
  EXPECT_THAT(list[0].message, HasSubstr("£2,000,000.00"));
}

TEST(NeedsAttention, AnEmptyChecklistListsEveryDutyUrgentFirst) {
  PersonalAssistant pa = Pa("12.71");
  pa.right_to_work_checked_on.reset();
  auto list = NeedsAttention(std::span(&pa, 1), EmployerDuties{}, {}, kToday);
  EXPECT_THAT(Codes(list),
              ElementsAre("insurance_missing", "right_to_work_missing", "payroll_missing",
                          "pension_missing", "contract_missing", "holiday_pay_missing"));
}

TEST(NeedsAttention, DbsOnlyWhenTheSchemeAsksOrAnAuthorisedPersonActs) {
  const PersonalAssistant pa = Pa("12.71");
  EmployerDuties d = AllDone();
  EXPECT_THAT(NeedsAttention(std::span(&pa, 1), d, {}, kToday), IsEmpty());
  auto scheme = NeedsAttention(std::span(&pa, 1), d, {.dbs_required = true}, kToday);
  ASSERT_THAT(Codes(scheme), ElementsAre("dbs_missing"));
  EXPECT_THAT(scheme[0].message, HasSubstr("scheme"));
  d.authorised_person_without_capacity = true;
  auto authorised = NeedsAttention(std::span(&pa, 1), d, {}, kToday);
  ASSERT_THAT(Codes(authorised), ElementsAre("dbs_missing"));
  EXPECT_THAT(authorised[0].message, HasSubstr("authorised person"));
  PersonalAssistant checked = pa;
  checked.dbs_checked_on = *ParseIsoDate("2026-04-01");
  EXPECT_THAT(NeedsAttention(std::span(&checked, 1), d, {}, kToday), IsEmpty());
}

TEST(NeedsAttention, APersonalAssistantWhoHasLeftIsNotChecked) {
  PersonalAssistant pa = Pa("10.00");
  pa.ends_on = AddDays(kToday, -1);
  EXPECT_THAT(NeedsAttention(std::span(&pa, 1), AllDone(), {}, kToday), IsEmpty());
}

TEST(SummariseWorkforce, CountsHoursAndBandsWithoutNames) {
  std::vector<PersonalAssistant> pas;
  for (int i = 0; i < 6; ++i) pas.push_back(Pa("12.80"));
  for (int i = 0; i < 5; ++i) pas.push_back(Pa("12.00"));
  pas.push_back(Pa("20.00"));  // alone in the top band: suppressed
  PersonalAssistant left = Pa("15.00");
  left.ends_on = AddDays(kToday, -10);
  pas.push_back(left);
  Workforce w = SummariseWorkforce(pas, kToday, 5);
  EXPECT_FALSE(w.count_suppressed);
  EXPECT_EQ(w.count, 12);
  EXPECT_EQ(w.hours_hundredths, 12 * 2000);
  EXPECT_EQ(w.below_minimum_wage, 5);
  ASSERT_EQ(w.bands.size(), 8u);
  EXPECT_EQ(w.bands[0].to, Pence(1271));
  EXPECT_EQ(w.bands[0].count, 5);
  EXPECT_EQ(w.bands[1].from, Pence(1271));
  EXPECT_EQ(w.bands[1].count, 6);  // £12.71 to £13.21
  EXPECT_EQ(w.bands[7].from, Pence(1571));
  EXPECT_FALSE(w.bands[7].to);
  EXPECT_TRUE(w.bands[7].suppressed);
  EXPECT_EQ(w.bands[7].count, 0);
  EXPECT_FALSE(w.bands[2].suppressed);  // none: zero is shown
}

TEST(SummariseWorkforce, FewerThanTheSmallestCountShowsNothing) {
  std::vector<PersonalAssistant> pas = {Pa("12.80"), Pa("13.00")};
  Workforce w = SummariseWorkforce(pas, kToday, 5);
  EXPECT_TRUE(w.count_suppressed);
  EXPECT_EQ(w.count, 0);
  EXPECT_EQ(w.hours_hundredths, 0);
  for (const auto& b : w.bands) EXPECT_TRUE(b.suppressed);
}

}  // namespace
}  // namespace selfdirect::casework
