#include "selfdirect/ledger/contributions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::ledger {
namespace {

using ::testing::HasSubstr;

Date D(const char* text) { return ParseIsoDate(text).value(); }

const LedgerAccountId kPaidIn("01JA0000000000000000PAIDIN");
const LedgerAccountId kOlder("01JA0000000000000000OLDER1");
const LedgerAccountId kNewer("01JA0000000000000000NEWER1");

Made Now() {
  return {CouncilId("01JC0000000000000000000001"),
          ParseTimestamp("2026-11-22T09:00:00.000Z").value(), UserId("01JU0000000000000000000001")};
}

ContributionPaymentRequest Paid(std::int64_t pence, const char* on = "2026-11-20") {
  return {"form-1", pence, on, "BACS 7731"};
}

std::string FieldOf(const Result<ContributionPaymentPlan>& r) {
  if (r || r.error().fields.empty()) return "";
  return r.error().fields.front().field + ": " + r.error().fields.front().message;
}

TEST(PlanContributionPayment, SettlesTheOldestReceivableFirstAndSaysWhatIsLeft) {
  const std::vector<Receivable> owed = {{kOlder, Pence(3000)}, {kNewer, Pence(5000)}};
  auto plan = PlanContributionPayment(Paid(4500), owed, kPaidIn, D("2026-11-22"), Now());
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->transfers.size(), 2u);
  EXPECT_EQ(plan->transfers[0].id.str(), "contribution-paid:form-1:1");
  EXPECT_EQ(plan->transfers[0].credit_account, kOlder);
  EXPECT_EQ(plan->transfers[0].amount, Pence(3000));
  EXPECT_EQ(plan->transfers[1].id.str(), "contribution-paid:form-1:2");
  EXPECT_EQ(plan->transfers[1].credit_account, kNewer);
  EXPECT_EQ(plan->transfers[1].amount, Pence(1500));
  for (const Transfer& t : plan->transfers) {
    EXPECT_EQ(t.debit_account, kPaidIn);
    EXPECT_EQ(t.code, TransferCode::kContribution);
    EXPECT_EQ(t.reference, "BACS 7731");
    EXPECT_EQ(t.value_date, D("2026-11-20"));
    EXPECT_EQ(ContributionPaymentIdOf(t.id), "form-1");
  }
  EXPECT_EQ(plan->owed_before, Pence(8000));
  EXPECT_EQ(plan->owed_after, Pence(3500));
  EXPECT_EQ(ContributionPaidSentence("Ada Okafor", plan->amount, plan->paid_on, plan->owed_after),
            "£45.00 paid on 20 November 2026 is recorded. Ada Okafor now owes £35.00.");
}

TEST(PlanContributionPayment, PayingEverythingOwedLeavesNothingAndSkipsSettledReceivables) {
  const std::vector<Receivable> owed = {{kOlder, Pence(0)}, {kNewer, Pence(5000)}};
  auto plan =
      PlanContributionPayment({"k", 5000, "2026-11-22", ""}, owed, kPaidIn, D("2026-11-22"), Now());
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->transfers.size(), 1u);
  EXPECT_EQ(plan->transfers[0].id.str(), "contribution-paid:k:1");
  EXPECT_EQ(plan->transfers[0].credit_account, kNewer);
  EXPECT_EQ(plan->transfers[0].reference, "");
  EXPECT_EQ(plan->owed_after, Pence(0));
  EXPECT_EQ(ContributionPaidSentence("Ada Okafor", plan->amount, plan->paid_on, plan->owed_after),
            "£50.00 paid on 22 November 2026 is recorded. Ada Okafor owes nothing now.");
}

TEST(PlanContributionPayment, RefusesBadInputNamingTheField) {
  const std::vector<Receivable> owed = {{kOlder, Pence(3000)}};
  const Date today = D("2026-11-22");
  auto plan = [&](ContributionPaymentRequest r) {
    return FieldOf(PlanContributionPayment(r, owed, kPaidIn, today, Now()));
  };
  EXPECT_THAT(plan(Paid(0)), HasSubstr("amount_pence: Enter an amount of at least 1p"));
  EXPECT_THAT(plan(Paid(-5)), HasSubstr("amount_pence"));
  EXPECT_THAT(plan(Paid(3001)),
              HasSubstr("amount_pence: They owe £30.00: enter no more than that"));
  EXPECT_THAT(plan({"form-1", std::nullopt, "2026-11-20", ""}),
              HasSubstr("amount_pence: Enter the amount they paid"));
  EXPECT_THAT(plan(Paid(100, "2026-11-23")), HasSubstr("paid_on: The day they paid cannot be"));
  EXPECT_THAT(plan(Paid(100, "2026-02-30")), HasSubstr("paid_on: Enter the day they paid as"));
  EXPECT_THAT(plan(Paid(100, "")), HasSubstr("paid_on: Enter the day they paid"));
  EXPECT_THAT(plan({"", 100, "2026-11-20", ""}), HasSubstr("payment_id"));
  EXPECT_THAT(plan({"has space", 100, "2026-11-20", ""}), HasSubstr("payment_id"));
  EXPECT_THAT(plan({std::string(41, 'k'), 100, "2026-11-20", ""}), HasSubstr("payment_id"));
  EXPECT_THAT(plan({"k", 100, "2026-11-20", std::string(201, 'r')}),
              HasSubstr("reference: Keep the reference to 200"));
  EXPECT_THAT(plan({"k", 100, "2026-11-20", "two\nlines"}), HasSubstr("reference: Write"));
  auto nothing_owed = PlanContributionPayment(Paid(100), {}, kPaidIn, today, Now());
  EXPECT_THAT(FieldOf(nothing_owed), HasSubstr("amount_pence: They owe nothing"));
}

TEST(PlanContributionPayment, AnAccountInCreditCountsAgainstOneThatOwes) {
  // £30.00 owed on one, £10.00 credited back beyond what the other was charged: £20.00 in all,
  // as the finance overview adds it up.
  const std::vector<Receivable> owed = {{kOlder, Pence(3000)}, {kNewer, Pence(-1000)}};
  EXPECT_EQ(NetOwed(owed), Pence(2000));
  EXPECT_EQ(TotalOwed(owed), Pence(2000));
  EXPECT_THAT(FieldOf(PlanContributionPayment(Paid(3000), owed, kPaidIn, D("2026-11-22"), Now())),
              HasSubstr("amount_pence: They owe £20.00"));
  auto plan = PlanContributionPayment(Paid(2000), owed, kPaidIn, D("2026-11-22"), Now());
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->transfers.size(), 1u);
  EXPECT_EQ(plan->transfers[0].credit_account, kOlder);
  EXPECT_EQ(plan->owed_after, Pence(0));
  // In credit overall: nothing is owed.
  const std::vector<Receivable> credit = {{kOlder, Pence(500)}, {kNewer, Pence(-1000)}};
  EXPECT_EQ(NetOwed(credit), Pence(-500));
  EXPECT_EQ(TotalOwed(credit), Pence(0));
}

TEST(PlanContributionPayment, AClosedAccountTakesNoPayment) {
  const std::vector<Receivable> owed = {{kOlder, Pence(3000), false}, {kNewer, Pence(1000)}};
  auto plan = PlanContributionPayment(Paid(1000), owed, kPaidIn, D("2026-11-22"), Now());
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->transfers.size(), 1u);
  EXPECT_EQ(plan->transfers[0].credit_account, kNewer);
  EXPECT_THAT(FieldOf(PlanContributionPayment(Paid(2000), owed, kPaidIn, D("2026-11-22"), Now())),
              HasSubstr("amount_pence: Only £10.00 of what they owe can be recorded"));
}

TEST(ValidateContributionPayment, ChecksEachFieldWithoutWhatIsOwed) {
  auto ok = ValidateContributionPayment(Paid(999999), D("2026-11-22"));
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->amount, Pence(999999));
  EXPECT_EQ(ok->paid_on, D("2026-11-20"));
  EXPECT_EQ(ok->reference, "BACS 7731");
  auto bad = ValidateContributionPayment({"", std::nullopt, "x", ""}, D("2026-11-22"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.size(), 3u);
}

TEST(ValidateContributionPayment, ADayMoreThanSixYearsAgoIsAMistypedYear) {
  EXPECT_TRUE(ValidateContributionPayment(Paid(100, "2020-11-22"), D("2026-11-22")));
  auto old = ValidateContributionPayment(Paid(100, "2020-11-21"), D("2026-11-22"));
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().fields.front().field, "paid_on");
  EXPECT_EQ(old.error().fields.front().message,
            "The day they paid must be in the last 6 years: check the year");
  // From 29 February the six years go back to 28 February.
  EXPECT_TRUE(ValidateContributionPayment(Paid(100, "2022-02-28"), D("2028-02-29")));
  EXPECT_FALSE(ValidateContributionPayment(Paid(100, "2022-02-27"), D("2028-02-29")));
}

TEST(AlikePayment, TheSameAmountOnTheSameDayIsAskedAboutUnlessTheReferencesDiffer) {
  const Timestamp at = Now().at;
  const std::vector<RecordedPayment> recorded = {
      {"older", D("2026-11-18"), Pence(1500), "BACS 7731", at},
      {"form-0", D("2026-11-20"), Pence(1500), "", at},
  };
  auto checked = [](std::int64_t pence, const char* on, const char* reference) {
    return ValidateContributionPayment({"form-1", pence, on, reference}, D("2026-11-22")).value();
  };
  // Same amount and day; one of them has no reference: most likely the same payment.
  const RecordedPayment* alike = AlikePayment(checked(1500, "2026-11-20", "BACS 9"), recorded);
  ASSERT_NE(alike, nullptr);
  EXPECT_EQ(alike->payment_id, "form-0");
  // Same amount and reference on the same day.
  alike = AlikePayment(checked(1500, "2026-11-18", "BACS 7731"), recorded);
  ASSERT_NE(alike, nullptr);
  EXPECT_EQ(alike->payment_id, "older");
  const Error e = AlreadyRecordedError(*alike);
  ASSERT_EQ(e.fields.size(), 1u);
  EXPECT_EQ(e.fields[0].field, "paid_twice");
  EXPECT_EQ(e.fields[0].message,
            "£15.00 paid on 18 November 2026 is already recorded (reference BACS 7731). If they "
            "really paid it twice, say so and record it again; if not, there is nothing more to "
            "record");
  // Two references that differ are two payments; so are another amount or another day.
  EXPECT_EQ(AlikePayment(checked(1500, "2026-11-18", "BACS 7732"), recorded), nullptr);
  EXPECT_EQ(AlikePayment(checked(1501, "2026-11-20", ""), recorded), nullptr);
  EXPECT_EQ(AlikePayment(checked(1500, "2026-11-19", ""), recorded), nullptr);
  // The finance officer says they paid twice.
  auto twice =
      ValidateContributionPayment({"form-1", 1500, "2026-11-20", "", true}, D("2026-11-22"))
          .value();
  EXPECT_TRUE(twice.paid_twice);
  EXPECT_EQ(AlikePayment(twice, recorded), nullptr);
}

TEST(ContributionPaymentIdOf, ReadsBackOnlyItsOwnIds) {
  EXPECT_EQ(ContributionPaymentIdOf(ContributionPaymentTransferId("a:b", 3)), "a:b");
  EXPECT_EQ(ContributionPaymentIdOf(TransferId("contribution:01JB:2026-11-02")), std::nullopt);
  EXPECT_EQ(ContributionPaymentIdOf(TransferId("contribution-paid::1")), std::nullopt);
}

}  // namespace
}  // namespace selfdirect::ledger
