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

}  // namespace
}  // namespace selfdirect::ledger
