#include "selfdirect/ledger/payments.h"

#include <gtest/gtest.h>

namespace selfdirect::ledger {
namespace {

Date D(const char* text) { return ParseIsoDate(text).value(); }

// A budget whose direct payment was £200.00 a week, then from 1 January £150.00 a week and £520.00
// a year; the managed budget £26.00 a year throughout.
BudgetRecord TwoTerms() {
  BudgetRecord b;
  b.start = D("2026-11-22");
  StoredTerms first;
  first.terms.from = D("2026-11-22");
  first.terms.direct_payment = {Pence(20000), Pence(0)};
  first.terms.managed_budget = {Pence(0), Pence(2600)};
  StoredTerms second = first;
  second.terms.from = D("2027-01-01");
  second.terms.direct_payment = {Pence(15000), Pence(52000)};
  b.terms = {first, second};
  return b;
}

TEST(TermsOn, IsTheLastTermsFromOnOrBeforeTheDate) {
  const BudgetRecord b = TwoTerms();
  EXPECT_EQ(TermsOn(b, D("2026-11-21")), nullptr);
  EXPECT_EQ(TermsOn(b, D("2026-11-22")), &b.terms[0]);
  EXPECT_EQ(TermsOn(b, D("2026-12-31")), &b.terms[0]);
  EXPECT_EQ(TermsOn(b, D("2027-01-01")), &b.terms[1]);
}

TEST(WeeklyCost, SpreadsYearlyLinesOverTheSchemesWeeksHalfUp) {
  BudgetRecord b = TwoTerms();
  EXPECT_EQ(WeeklyCost(b, b.terms[0], PayRoute::kDirectPayment).value(), Pence(20000));
  // £150.00 + £520.00 ÷ 52 = £160.00.
  EXPECT_EQ(WeeklyCost(b, b.terms[1], PayRoute::kDirectPayment).value(), Pence(16000));
  // £26.00 ÷ 52 = 50p.
  EXPECT_EQ(WeeklyCost(b, b.terms[1], PayRoute::kManagedBudget).value(), Pence(50));
  // 52 1/7 weeks a year (365 days): £520.00 × 7 ÷ 365 = £9.9726… → £9.97.
  b.weeks_per_year = {365, 7};
  EXPECT_EQ(WeeklyCost(b, b.terms[1], PayRoute::kDirectPayment).value(), Pence(15997));
}

TEST(PaysThrough, IsTheDayBeforeTheNextRun) {
  EXPECT_EQ(PaysThrough(D("2026-11-30"), 7), D("2026-12-06"));
  EXPECT_EQ(PaysThrough(D("2026-11-30"), 28), D("2026-12-27"));
  EXPECT_EQ(PaysThrough(D("2026-12-28"), 7), D("2027-01-03"));  // across the year's end
  EXPECT_EQ(PaysThrough(D("2026-11-30"), 1), D("2026-11-30"));
}

TEST(CheckRunEveryDays, TakesOneToTwentyEightDaysAndNamesTheField) {
  EXPECT_TRUE(CheckRunEveryDays(1));
  EXPECT_TRUE(CheckRunEveryDays(7));
  EXPECT_TRUE(CheckRunEveryDays(28));
  for (std::int64_t bad : {0, -7, 29, 365}) {
    auto s = CheckRunEveryDays(bad);
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(s.error().fields.size(), 1u);
    EXPECT_EQ(s.error().fields[0].field, "payment_run_every_days");
    EXPECT_NE(s.error().fields[0].message.find("1 to 28"), std::string::npos);
  }
}

TEST(PaysThroughSentence, SaysHowFarAheadTheRunPays) {
  EXPECT_EQ(PaysThroughSentence(D("2026-11-30"), D("2026-12-06")),
            "It pays every period that begins on or before 6 December 2026, the day "
            "before the next run (runs are every 7 days), so each is paid before it begins.");
  EXPECT_EQ(PaysThroughSentence(D("2026-11-30"), D("2026-11-30")),
            "It pays every period that begins on or before 30 November 2026.");
}

TEST(RunLineNames, EachKindPayeeAndOrderReadsBackFromItsName_AndNothingElseDoes) {
  for (PaymentKind k : {PaymentKind::kDirectPayment, PaymentKind::kManagedBudget,
                        PaymentKind::kOneOff, PaymentKind::kContribution}) {
    EXPECT_EQ(ParsePaymentKind(PaymentKindName(k)), k);
  }
  for (Payee p : {Payee::kHoldingAccount, Payee::kHoldingOrganisation, Payee::kPerson}) {
    EXPECT_EQ(ParsePayee(PayeeName(p)), p);
  }
  for (RunLineOrder o :
       {RunLineOrder::kLargestFirst, RunLineOrder::kByName, RunLineOrder::kRunOrder}) {
    EXPECT_EQ(ParseRunLineOrder(RunLineOrderName(o)), o);
  }
  EXPECT_EQ(RunLinesQuery{}.order, RunLineOrder::kLargestFirst);
  EXPECT_STREQ(PaymentKindLabel(PaymentKind::kOneOff), "One-off payment");
  EXPECT_STREQ(PaymentKindLabel(PaymentKind::kContribution), "Contribution charged");
  for (const char* bad : {"", "Direct_payment", "cash", "largest "}) {
    EXPECT_FALSE(ParsePaymentKind(bad)) << bad;
    EXPECT_FALSE(ParsePayee(bad)) << bad;
    EXPECT_FALSE(ParseRunLineOrder(bad)) << bad;
  }
}

}  // namespace
}  // namespace selfdirect::ledger
