#include "selfdirect/ledger/arrivals.h"

#include <gtest/gtest.h>

namespace selfdirect::ledger {
namespace {

Date D(const char* text) { return *ParseIsoDate(text); }

PaidIn Paid(const char* id, const char* on, std::int64_t pence) {
  return {id, D(on), Pence(pence), "payment run"};
}

Arrival Arrived(std::int64_t row, const char* on, std::int64_t pence) {
  return {StatementImportId("01JI0000000000000000000001"), row, D(on), Pence(pence),
          "DEMOSHIRE CC DP"};
}

TEST(Arrivals, EachPaymentIsMatchedToTheNearestLineOfTheSameAmountOnce) {
  auto r = ReconcileArrivals({Paid("dp:1", "2026-10-05", 80000), Paid("dp:2", "2026-11-02", 80000)},
                             {Arrived(9, "2026-11-04", 80000), Arrived(2, "2026-10-06", 80000),
                              Arrived(5, "2026-10-20", 1500)},
                             D("2026-10-01"), D("2026-11-30"));
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->matched.size(), 2u);
  EXPECT_EQ(r->matched[0].payment.transfer_id, "dp:1");
  EXPECT_EQ(r->matched[0].arrival.row, 2);
  EXPECT_EQ(r->matched[0].days, 1);
  EXPECT_EQ(r->matched[1].payment.transfer_id, "dp:2");
  EXPECT_EQ(r->matched[1].arrival.row, 9);
  EXPECT_EQ(r->matched[1].days, 2);
  EXPECT_TRUE(r->not_arrived.empty());
  ASSERT_EQ(r->not_paid.size(), 1u);  // £15.00 arrived that the books do not have
  EXPECT_EQ(r->not_paid[0].row, 5);
  EXPECT_EQ(r->paid_total, Pence(160000));
  EXPECT_EQ(r->arrived_total, Pence(161500));
  EXPECT_EQ(r->matched_total, Pence(160000));
  EXPECT_FALSE(r->clean());
}

TEST(Arrivals, AnotherAmountOrALineTooFarAwayDoesNotMatch) {
  auto r = ReconcileArrivals({Paid("dp:1", "2026-10-05", 80000)},
                             {Arrived(2, "2026-10-05", 80001), Arrived(3, "2026-10-11", 80000)},
                             D("2026-10-01"), D("2026-11-30"));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->matched.empty());
  ASSERT_EQ(r->not_arrived.size(), 1u);
  EXPECT_EQ(r->not_paid.size(), 2u);
  // Five days is still within the tolerance.
  auto near =
      ReconcileArrivals({Paid("dp:1", "2026-10-05", 80000)}, {Arrived(3, "2026-10-10", 80000)},
                        D("2026-10-01"), D("2026-11-30"));
  ASSERT_TRUE(near);
  ASSERT_EQ(near->matched.size(), 1u);
  EXPECT_TRUE(near->clean());
}

TEST(Arrivals, PaymentsTheStatementsDoNotCoverAreNotCalledMissing) {
  auto r = ReconcileArrivals({Paid("dp:0", "2026-09-07", 80000), Paid("dp:1", "2026-10-05", 80000),
                              Paid("dp:2", "2026-11-27", 80000)},
                             {}, D("2026-10-01"), D("2026-11-30"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->not_arrived.size(), 1u);
  EXPECT_EQ(r->not_arrived[0].transfer_id, "dp:1");
  ASSERT_EQ(r->not_covered.size(), 2u);  // before the statements, and too near their end
  EXPECT_EQ(r->not_covered[0].transfer_id, "dp:0");
  EXPECT_EQ(r->not_covered[1].transfer_id, "dp:2");
  auto none =
      ReconcileArrivals({Paid("dp:1", "2026-10-05", 80000)}, {}, std::nullopt, std::nullopt);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->not_covered.size(), 1u);
  EXPECT_TRUE(none->clean());
}

TEST(Arrivals, TotalsTooLargeToHoldAreAnError) {
  auto r = ReconcileArrivals({Paid("a", "2026-10-05", INT64_MAX), Paid("b", "2026-10-06", 1)}, {},
                             std::nullopt, std::nullopt);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kOverflow);
}

}  // namespace
}  // namespace selfdirect::ledger
