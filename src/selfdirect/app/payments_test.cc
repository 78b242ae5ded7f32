#include "selfdirect/app/payments.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/ras/test_model.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

// A council with an adult social care scheme paying four-weekly, and Ada, whose plan pays a
// personal assistant 10 hours a week at £20.00 through a direct payment: £800.00 every four
// weeks from the day it is signed off (Sunday 22 November 2026).
class PaymentsTest : public ::testing::Test {
 protected:
  PaymentsTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        approver_(t_.AddUser(council_, "approver@hartlepool.example", {"approver"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})),
        finance2_(t_.AddUser(council_, "money2@hartlepool.example", {"finance-officer"})) {
    EXPECT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
    NewScheme scheme{.name = "Adult social care", .kind = "adult-social-care"};
    EXPECT_TRUE(t_.app().CreateScheme(Context::Operator("test"), council_.id, scheme));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver_.id, "100000"));
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  // A person with a signed-off plan of `hours` a week at £20.00 an hour by direct payment, and
  // `weekly_contribution` pounds a week assessed first when not empty.
  PersonId SignedOff(const std::string& given, const std::string& nhs, const std::string& hours,
                     const std::string& weekly_contribution = "") {
    return testing::SignOffAPlan(t_, worker_, approver_, given, nhs, hours, &finance_,
                                 weekly_contribution);
  }

  ledger::PaymentDetailsRequest Bank(const std::string& name) {
    return {"direct_payment", name, "30-94-30", "00733445", ""};
  }

  // The person's account of a type, as the ledger holds it.
  ledger::Account AccountOf(const PersonId& person, ledger::AccountType type) {
    std::optional<ledger::Account> out;
    EXPECT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
      auto accounts =
          tx.Ledger().FindAccountsByOwner(council_.id, {ledger::OwnerKind::kPerson, person.str()});
      if (!accounts) return tl::unexpected(accounts.error());
      for (const auto& a : *accounts) {
        if (a.type == type) out = a;
      }
      return {};
    }));
    EXPECT_TRUE(out.has_value());
    return out.value_or(ledger::Account{});
  }

  void ExpectBooksBalance() {
    auto checks = t_.ledger().Verify(Context::Operator("ledger verify"));
    ASSERT_TRUE(checks.has_value()) << checks.error().message;
    for (const auto& c : *checks) {
      EXPECT_TRUE(c.mismatches.empty());
      EXPECT_TRUE(c.problems.empty());
      EXPECT_TRUE(c.balanced());
    }
  }

  Date D(const char* text) { return ParseIsoDate(text).value(); }

  testing::TestApp t_;
  Council council_;
  User admin_, worker_, approver_, finance_, finance2_;
};

TEST_F(PaymentsTest, SignOffOpensTheBudgetItsAccountsAndCommitsTheRestOfTheYear) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");
  const ledger::Account commitment = AccountOf(ada, ledger::AccountType::kBudgetCommitment);
  const ledger::Account holding = AccountOf(ada, ledger::AccountType::kDirectPaymentHolding);
  EXPECT_TRUE(holding.flags.debits_must_not_exceed_credits);
  // £200.00 a week for 22 November 2026 to 31 March 2027 (130 days of a 365-day year, £10,400
  // a year): £10,400 × 130 / 365 = £3,704.1095…, rounded up to £3,704.11.
  EXPECT_EQ(ledger::PostedCreditBalance(commitment.balances).value(), Pence(370411));
  EXPECT_EQ(ledger::PostedCreditBalance(holding.balances).value(), Pence(0));
  ExpectBooksBalance();
}

TEST_F(PaymentsTest, TheFirstRunOfANewFinancialYearCommitsThatYearOnce) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  for (const char* day : {"2026-11-22", "2026-12-20", "2027-01-17", "2027-02-14", "2027-03-14"}) {
    auto run = t_.payments().RunDate(As(finance_), D(day));
    ASSERT_TRUE(run.has_value()) << day << ": " << run.error().message;
    EXPECT_FALSE(run->year_commitment.has_value()) << day;
  }
  const auto still = [&] {
    return ledger::PostedCreditBalance(
               AccountOf(ada, ledger::AccountType::kBudgetCommitment).balances)
        .value();
  };
  // £3,704.11 committed for 2026-27 less five payments of £800.00: the payment of 14 March
  // paid ten days of April in advance, so less than nothing is left.
  EXPECT_EQ(still(), Pence(370411 - 5 * 80000));

  // 2027-28 has 366 days (29 February 2028): the whole year at £10,400.00 a year.
  auto preview = t_.payments().Preview(As(finance_), D("2027-04-11"));
  ASSERT_TRUE(preview.has_value()) << preview.error().message;
  ASSERT_TRUE(preview->year_commitment.has_value());
  EXPECT_EQ(preview->year_commitment->year, FinancialYear(2027));
  EXPECT_EQ(preview->year_commitment->budgets, 1);
  EXPECT_EQ(preview->year_commitment->committed, Pence(1'040'000));
  EXPECT_EQ(preview->year_commitment->sentence,
            "Starting this run commits the council's money for 2027-28 for 1 budget in payment: "
            "£10,400.00 in all.");
  EXPECT_EQ(still(), Pence(370411 - 5 * 80000));  // a preview changes nothing

  auto april = t_.payments().Start(As(finance_), D("2027-04-11"));
  ASSERT_TRUE(april.has_value()) << april.error().message;
  ASSERT_TRUE(april->year_commitment.has_value());
  EXPECT_EQ(april->year_commitment->committed, Pence(1'040'000));
  EXPECT_THAT(april->year_commitment->sentence, HasSubstr("This run committed"));
  EXPECT_EQ(still(), Pence(370411 - 5 * 80000 + 1'040'000));
  // Rejected and started again: the year is not committed twice.
  ASSERT_TRUE(t_.payments().Reject(As(finance_), april->run->id, "Wrong date typed"));
  auto again = t_.payments().RunDate(As(finance_), D("2027-04-11"));
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_FALSE(again->year_commitment.has_value());
  EXPECT_EQ(still(), Pence(370411 - 6 * 80000 + 1'040'000));
  auto may = t_.payments().RunDate(As(finance_), D("2027-05-09"));
  ASSERT_TRUE(may.has_value()) << may.error().message;
  EXPECT_FALSE(may->year_commitment.has_value());
  EXPECT_EQ(still(), Pence(370411 - 7 * 80000 + 1'040'000));
  ExpectBooksBalance();

  auto audit = t_.store().Read([&](store::Transaction& tx) -> Status {
    auto entries = tx.Audit().Search({.council_id = council_.id});
    if (!entries) return tl::unexpected(entries.error());
    int commits = 0;
    for (const auto& e : *entries) {
      if (e.action == "payments.year.commit") {
        ++commits;
        EXPECT_THAT(e.summary, HasSubstr("2027-28"));
      }
    }
    EXPECT_EQ(commits, 1);
    return Ok();
  });
  EXPECT_TRUE(audit);
}

TEST_F(PaymentsTest, APaymentRunPaysEachPeriodOnceAndMakesTheFile) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");

  // No bank details yet: the payment is held, with a reason someone can act on.
  auto preview = t_.payments().Preview(As(finance_), D("2026-11-22"));
  ASSERT_TRUE(preview.has_value()) << preview.error().message;
  EXPECT_EQ(preview->totals.payments, 0);
  ASSERT_EQ(preview->held.size(), 1u);
  EXPECT_EQ(preview->held[0].person_name, "Ada Okafor");
  EXPECT_EQ(preview->held[0].amount, Pence(80000));
  EXPECT_THAT(preview->held[0].reason, HasSubstr("No bank account or prepaid card"));

  auto bad = t_.payments().SetPaymentDetails(As(finance_), ada,
                                             {"direct_payment", "", "30-94", "1234", ""});
  ASSERT_FALSE(bad.has_value());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("payee_name", "sort_code", "account_number"));
  EXPECT_EQ(t_.payments().SetPaymentDetails(As(worker_), ada, Bank("Ada Okafor")).error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));

  preview = t_.payments().Preview(As(finance_), D("2026-11-22"));
  EXPECT_EQ(preview->totals.payments, 1);
  EXPECT_EQ(preview->totals.total, Pence(80000));
  EXPECT_TRUE(preview->held.empty());
  EXPECT_FALSE(preview->needs_second_approval);
  EXPECT_EQ(preview->threshold, Pence(kDefaultApprovalThresholdPence));

  auto run = t_.payments().Start(As(finance_), D("2026-11-22"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->run->status, ledger::RunStatus::kReady);
  EXPECT_EQ(t_.payments().File(As(finance_), run->run->id).error().code, ErrorCode::kConflict);
  auto again = t_.payments().Start(As(finance_), D("2026-11-22"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto other = t_.payments().Start(As(finance_), D("2026-11-29"));
  EXPECT_THAT(other.error().message, HasSubstr("release or reject it before starting another"));

  std::vector<std::pair<std::int64_t, std::int64_t>> steps;
  auto released = t_.payments().Release(
      As(finance_), run->run->id,
      [&](std::int64_t done, std::int64_t total) { steps.emplace_back(done, total); });
  ASSERT_TRUE(released.has_value()) << released.error().message;
  EXPECT_EQ(released->run->status, ledger::RunStatus::kReleased);
  EXPECT_EQ(released->totals.posted, 1);
  ASSERT_FALSE(steps.empty());
  EXPECT_EQ(steps.back(), std::make_pair(std::int64_t{1}, std::int64_t{1}));
  EXPECT_EQ(ledger::PostedCreditBalance(
                AccountOf(ada, ledger::AccountType::kDirectPaymentHolding).balances)
                .value(),
            Pence(80000));

  auto file = t_.payments().File(As(finance_), run->run->id);
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->file_name, "payments-2026-11-22.csv");
  EXPECT_THAT(file->csv, HasSubstr("Ada Okafor,309430,00733445,,800.00,SD 221126,"));

  // The same date again: refused, and nothing new is paid.
  auto twice = t_.payments().Start(As(finance_), D("2026-11-22"));
  EXPECT_THAT(twice.error().message, HasSubstr("already run and released"));
  auto same = t_.payments().Release(As(finance_), run->run->id);
  EXPECT_EQ(same.error().code, ErrorCode::kConflict);
  // A later date in the same period: nothing is due.
  auto early = t_.payments().Start(As(finance_), D("2026-12-01"));
  EXPECT_THAT(early.error().message, HasSubstr("Nothing is due"));
  // The next period, from the command line.
  auto next = t_.payments().RunDate(Context{Actor::Operator(), "cli", ""}, D("2026-12-20"));
  EXPECT_EQ(next.error().fields.at(0).field, "council");  // the operator names the council
  Context op = Context::Operator("payments run");
  op.actor.council_id = council_.id;
  next = t_.payments().RunDate(op, D("2026-12-20"));
  ASSERT_TRUE(next.has_value()) << next.error().message;
  EXPECT_EQ(next->run->status, ledger::RunStatus::kReleased);
  EXPECT_EQ(next->started_by_name, "the command line");
  EXPECT_EQ(ledger::PostedCreditBalance(
                AccountOf(ada, ledger::AccountType::kDirectPaymentHolding).balances)
                .value(),
            Pence(160000));
  auto runs = t_.payments().Runs(As(finance_));
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].date, D("2026-12-20"));
  ExpectBooksBalance();
}

// Payments are made in advance: a run pays every period that begins before the next run, so
// with four-weekly runs a period beginning the day after one is paid by it, not 27 days late.
TEST_F(PaymentsTest, ARunPaysEveryPeriodThatBeginsBeforeTheNextRun) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");  // periods from 22 November
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  EXPECT_EQ(t_.payments().RunEveryDays(As(finance_)).value(), 7);  // weekly unless set

  auto week_before = t_.payments().Preview(As(finance_), D("2026-11-16"));
  ASSERT_TRUE(week_before.has_value()) << week_before.error().message;
  EXPECT_EQ(week_before->pays_through, D("2026-11-22"));
  EXPECT_EQ(week_before->totals.payments, 1);
  EXPECT_EQ(week_before->totals.total, Pence(80000));
  EXPECT_EQ(week_before->pays_through_sentence,
            "It pays every period that begins on or before 22 November 2026, the day before the "
            "next run (runs are every 7 days), so each is paid before it begins.");
  auto too_soon = t_.payments().Preview(As(finance_), D("2026-11-15"));
  ASSERT_TRUE(too_soon.has_value()) << too_soon.error().message;
  EXPECT_EQ(too_soon->totals.payments, 0);  // the next run, on the 22nd, pays it

  // A bad setting is refused, naming the field, and changes nothing; only an administrator
  // may change it.
  for (std::int64_t bad : {0, 29, -1}) {
    auto refused = t_.payments().SetFinanceSettings(
        As(admin_), {.approval_threshold = Pence(100), .run_every_days = bad});
    ASSERT_FALSE(refused) << bad;
    ASSERT_EQ(refused.error().fields.size(), 1u);
    EXPECT_EQ(refused.error().fields[0].field, "payment_run_every_days");
  }
  EXPECT_EQ(t_.payments().ApprovalThreshold(As(finance_)).value(),
            Pence(kDefaultApprovalThresholdPence));
  EXPECT_EQ(t_.payments().SetFinanceSettings(As(finance_), {.run_every_days = 28}).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(t_.payments().RunEveryDays(As(finance_)).value(), 7);
  ASSERT_TRUE(t_.payments().SetFinanceSettings(As(admin_), {.run_every_days = 28}));
  EXPECT_EQ(t_.payments().RunEveryDays(As(finance_)).value(), 28);

  // Four-weekly runs on the 15th of November and the 13th of December: each pays the period
  // that begins a week later.
  const auto holding = [&] {
    return ledger::PostedCreditBalance(
               AccountOf(ada, ledger::AccountType::kDirectPaymentHolding).balances)
        .value();
  };
  auto first = t_.payments().RunDate(As(finance_), D("2026-11-15"));
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->run->pays_through, D("2026-12-12"));
  EXPECT_EQ(first->totals.posted, 1);
  EXPECT_EQ(holding(), Pence(80000));
  auto second = t_.payments().RunDate(As(finance_), D("2026-12-13"));
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->run->pays_through, D("2027-01-09"));
  EXPECT_EQ(holding(), Pence(160000));
  // Read back, the run still says how far it paid, whatever the setting is now.
  ASSERT_TRUE(t_.payments().SetFinanceSettings(As(admin_), {.run_every_days = 1}));
  auto read = t_.payments().Get(As(finance_), second->run->id);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->pays_through, D("2027-01-09"));
  EXPECT_THAT(read->pays_through_sentence, HasSubstr("runs are every 28 days"));
  // Daily runs pay only what has begun.
  auto daily = t_.payments().Start(As(finance_), D("2027-01-10"));
  ASSERT_FALSE(daily.has_value());
  EXPECT_THAT(daily.error().message,
              HasSubstr("Nothing is due on or before 10 January 2027: every budget"));
  ExpectBooksBalance();
}

TEST_F(PaymentsTest, ARunAboveTheThresholdNeedsASecondFinanceOfficer) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  EXPECT_EQ(t_.payments().SetApprovalThreshold(As(finance_), Pence(10000)).error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(t_.payments().SetApprovalThreshold(As(admin_), Pence(50000)));

  auto run = t_.payments().Start(As(finance_), D("2026-11-22"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->run->status, ledger::RunStatus::kAwaitingApproval);
  EXPECT_TRUE(run->needs_second_approval);
  EXPECT_THAT(t_.payments().Release(As(finance_), run->run->id).error().message,
              HasSubstr("a second finance officer must approve it"));
  EXPECT_THAT(t_.payments().Approve(As(finance_), run->run->id).error().message,
              HasSubstr("A second finance officer must approve a run you started"));
  EXPECT_EQ(t_.payments().Reject(As(finance2_), run->run->id, "  ").error().fields.at(0).field,
            "reason");

  auto approved = t_.payments().Approve(As(finance2_), run->run->id);
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->run->status, ledger::RunStatus::kReady);
  EXPECT_EQ(approved->approved_by_name, "Test money2@hartlepool.example");
  auto released = t_.payments().Release(As(finance_), run->run->id);
  ASSERT_TRUE(released.has_value()) << released.error().message;
  EXPECT_EQ(released->run->status, ledger::RunStatus::kReleased);
  ExpectBooksBalance();
}

// The command line's run stops for approval and says what it holds: its lines described, as the
// payment runs page would show them (RunDate's start describes only a run that must wait).
TEST_F(PaymentsTest, RunDateAboveTheThresholdStopsForApprovalAndSaysWhatTheRunHolds) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  const PersonId bea = SignedOff("Bea", "943 476 5870", "10");  // no bank details: held
  ASSERT_TRUE(t_.payments().SetApprovalThreshold(As(admin_), Pence(50000)));

  auto run = t_.payments().RunDate(As(finance_), D("2026-11-22"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  ASSERT_TRUE(run->run.has_value());
  EXPECT_EQ(run->run->status, ledger::RunStatus::kAwaitingApproval);
  EXPECT_TRUE(run->needs_second_approval);
  EXPECT_EQ(run->totals.total, Pence(80000));
  ASSERT_EQ(run->totals.by_kind.size(), 1u);
  EXPECT_EQ(run->totals.by_kind[0].kind, ledger::PaymentKind::kDirectPayment);
  EXPECT_EQ(run->totals.by_kind[0].count, 1);
  ASSERT_EQ(run->held.size(), 1u);
  EXPECT_EQ(run->held[0].person, bea);
  EXPECT_THAT(run->held[0].reason, HasSubstr("No bank account or prepaid card"));
  EXPECT_EQ(run->started_by_name, "Test money@hartlepool.example");
  // Nothing is paid until a second officer approves it.
  EXPECT_EQ(ledger::PostedCreditBalance(
                AccountOf(ada, ledger::AccountType::kDirectPaymentHolding).balances)
                .value(),
            Pence(0));
  // Asked again, the command line does not start a second run: the run still waits.
  auto again = t_.payments().RunDate(As(finance_), D("2026-11-22"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_THAT(again.error().message, HasSubstr("Waiting for a second approval"));
  ExpectBooksBalance();
}

TEST_F(PaymentsTest, ARejectedRunPaysNothingAndTheDateCanBeRunAgain) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  auto run = t_.payments().Start(As(finance_), D("2026-11-22"));
  auto rejected = t_.payments().Reject(As(finance2_), run->run->id, "Wrong date");
  ASSERT_TRUE(rejected.has_value()) << rejected.error().message;
  EXPECT_EQ(rejected->run->status, ledger::RunStatus::kRejected);
  EXPECT_EQ(t_.payments().Release(As(finance_), run->run->id).error().code, ErrorCode::kConflict);
  EXPECT_EQ(ledger::PostedCreditBalance(
                AccountOf(ada, ledger::AccountType::kDirectPaymentHolding).balances)
                .value(),
            Pence(0));
  auto again = t_.payments().Start(As(finance_), D("2026-11-22"));
  ASSERT_TRUE(again.has_value()) << again.error().message;
}

TEST_F(PaymentsTest, ANetContributionIsTakenOffTheDirectPayment) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10", "30");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  auto preview = t_.payments().Preview(As(finance_), D("2026-11-22"));
  ASSERT_TRUE(preview.has_value()) << preview.error().message;
  // (£200.00 − £30.00) × 4 weeks.
  EXPECT_EQ(preview->totals.total, Pence(68000));
  ExpectBooksBalance();
}

TEST_F(PaymentsTest, ANewPlanMidPeriodPaysTheDifferenceProRataOnTheNextRun) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  ASSERT_TRUE(t_.payments().RunDate(As(finance_), D("2026-11-22")));
  // Two weeks in, the plan goes up to 15 hours a week (reassessed first, so it may go up).
  t_.clock().Advance(std::chrono::days(14));
  auto plan = t_.casework().CreatePlan(As(worker_), ada, [] {
    casework::PlanRequest r;
    r.outcomes = {{"o1", "Get up and dressed in time for the day centre"}};
    r.items = {{"Help to get up and dressed",
                "personal_assistant",
                "Sam",
                "hour",
                "20.00",
                "15",
                "per_week",
                "direct_payment",
                {"o1"}}};
    r.written_with = {"person"};
    return r;
  }());
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  ASSERT_TRUE(t_.casework().SubmitPlan(As(worker_), plan->plan.id, 1));
  PlanDecisionRequest approve{"approve", "", "", "persons_choice", "More help in the mornings", 2};
  auto approved = t_.casework().DecidePlan(As(approver_), plan->plan.id, approve);
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  auto preview = t_.payments().Preview(As(finance_), D("2026-12-06"));
  ASSERT_TRUE(preview.has_value()) << preview.error().message;
  // The last 14 days of the first period are now worth £100.00 a week more: £200.00.
  EXPECT_EQ(preview->totals.total, Pence(20000));
  ExpectBooksBalance();
}

TEST_F(PaymentsTest, AHospitalStayStopsPaymentsAndWhatWasPaidInAdvanceIsProposedForRecovery) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  ASSERT_TRUE(t_.payments().RunDate(As(finance_), D("2026-11-22")));

  auto bad = t_.payments().Suspend(As(worker_), ada, {"2026-12-10", "2026-12-01", ""});
  ASSERT_FALSE(bad.has_value());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("to", "reason"));
  EXPECT_EQ(t_.payments()
                .Suspend(As(finance_), ada, {"2026-12-01", "2026-12-07", "Hospital"})
                .error()
                .code,
            ErrorCode::kPermissionDenied);

  // A week in hospital inside the first period (paid in advance) and the first days of the next.
  auto stay =
      t_.payments().Suspend(As(worker_), ada, {"2026-12-14", "2026-12-27", "a hospital stay"});
  ASSERT_TRUE(stay.has_value()) << stay.error().message;
  auto overlap = t_.payments().Suspend(As(worker_), ada, {"2026-12-20", "2026-12-21", "again"});
  EXPECT_THAT(overlap.error().fields.at(0).message, HasSubstr("already stopped"));

  auto preview = t_.payments().Preview(As(finance_), D("2026-12-20"));
  ASSERT_TRUE(preview.has_value()) << preview.error().message;
  // The second period (20 December – 16 January) loses its first 8 days: 20 of 28 days of £800.
  EXPECT_EQ(preview->totals.total, Pence(57142));
  // The first period was paid in full, 6 suspended days included: it is now worth 22 of 28 days
  // (£628.57, rounded down), so £171.43 is proposed for recovery, not taken.
  ASSERT_EQ(preview->overpaid.size(), 1u);
  EXPECT_EQ(preview->overpaid[0].to_recover, Pence(17143));
  EXPECT_EQ(preview->overpaid[0].person_name, "Ada Okafor");

  // Home sooner: payments restart after 21 December.
  auto restarted = t_.payments().Restart(As(worker_), ada, stay->seq, "2026-12-21");
  ASSERT_TRUE(restarted.has_value()) << restarted.error().message;
  preview = t_.payments().Preview(As(finance_), D("2026-12-20"));
  EXPECT_EQ(preview->totals.total, Pence(74285));  // 26 of 28 days
  EXPECT_EQ(t_.payments().Restart(As(worker_), ada, 9, "2026-12-21").error().code,
            ErrorCode::kNotFound);
  ExpectBooksBalance();
}

TEST_F(PaymentsTest, AFinanceOfficerRecoversAnOverpaymentOnce_WithAReason) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  ASSERT_TRUE(t_.payments().RunDate(As(finance_), D("2026-11-22")));
  ASSERT_TRUE(
      t_.payments().Suspend(As(worker_), ada, {"2026-12-14", "2026-12-27", "a hospital stay"}));
  auto preview = t_.payments().Preview(As(finance_), D("2026-12-20"));
  ASSERT_TRUE(preview.has_value()) << preview.error().message;
  ASSERT_EQ(preview->overpaid.size(), 1u);
  const std::string id = preview->overpaid[0].recovery_id;
  EXPECT_THAT(id, HasSubstr(":recovery:"));
  const ledger::Account holding = AccountOf(ada, ledger::AccountType::kDirectPaymentHolding);
  const ledger::Account commitment = AccountOf(ada, ledger::AccountType::kBudgetCommitment);
  const auto balance = [&](const ledger::Account& a) {
    return ledger::PostedCreditBalance(AccountOf(ada, a.type).balances).value();
  };
  const Pence commitment_before = balance(commitment);

  auto empty = t_.payments().RecoverOverpayment(As(finance_), ada, " ", "");
  ASSERT_FALSE(empty.has_value());
  std::vector<std::string> fields;
  for (const auto& f : empty.error().fields) fields.push_back(f.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("recovery_id", "reason"));
  EXPECT_EQ(t_.payments().RecoverOverpayment(As(worker_), ada, id, "Hospital").error().code,
            ErrorCode::kPermissionDenied);
  auto unknown = t_.payments().RecoverOverpayment(As(finance_), ada, "dp:nothing", "Hospital");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kConflict);
  EXPECT_THAT(unknown.error().message, HasSubstr("no longer owed"));

  // Ada has spent all but £100.00: the £171.43 cannot come out of her account.
  ASSERT_TRUE(t_.ledger().CreateTransfer(As(finance_), {.id = "spend-1",
                                                        .debit_account = holding.id.str(),
                                                        .credit_account = commitment.id.str(),
                                                        .amount_pence = 70000,
                                                        .code = "spend"}));
  auto short_of = t_.payments().RecoverOverpayment(As(finance_), ada, id, "Hospital");
  ASSERT_FALSE(short_of.has_value());
  EXPECT_EQ(short_of.error().code, ErrorCode::kConflict);
  EXPECT_EQ(short_of.error().message,
            "Ada Okafor's account holds £100.00, less than the £171.43 to recover: agree with "
            "them how it will be repaid instead");
  ASSERT_TRUE(t_.ledger().CreateTransfer(As(finance_), {.id = "refund-1",
                                                        .debit_account = commitment.id.str(),
                                                        .credit_account = holding.id.str(),
                                                        .amount_pence = 70000,
                                                        .code = "refund"}));

  auto done =
      t_.payments().RecoverOverpayment(As(finance_), ada, id, "  Paid for days in hospital ");
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_EQ(done->recovered, Pence(17143));
  EXPECT_THAT(done->sentence,
              HasSubstr("£171.43 recovered from Ada Okafor's direct payment account"));
  EXPECT_EQ(balance(holding), Pence(80000 - 17143));
  EXPECT_EQ(balance(commitment), Pence(commitment_before.value() + 17143));
  auto twice = t_.payments().RecoverOverpayment(As(finance_), ada, id, "Hospital");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_THAT(twice.error().message, HasSubstr("already been recovered"));
  preview = t_.payments().Preview(As(finance_), D("2026-12-20"));
  ASSERT_TRUE(preview.has_value());
  EXPECT_TRUE(preview->overpaid.empty());
  EXPECT_EQ(preview->totals.total, Pence(57142));  // the next period is unchanged
  ExpectBooksBalance();

  auto audit = t_.store().Read([&](store::Transaction& tx) -> Status {
    auto entries = tx.Audit().Search({.council_id = council_.id});
    if (!entries) return tl::unexpected(entries.error());
    int recovered = 0;
    for (const auto& e : *entries) {
      if (e.action != "payments.overpayment.recover") continue;
      ++recovered;
      EXPECT_EQ(e.subject_person_id, ada.str());
      EXPECT_THAT(e.summary, HasSubstr("Paid for days in hospital"));
    }
    EXPECT_EQ(recovered, 1);
    return Ok();
  });
  EXPECT_TRUE(audit);
}

TEST_F(PaymentsTest, ClosingTheCaseEndsTheBudgetAndTheFinalAccountSaysWhatIsOwed) {
  const PersonId ada = SignedOff("Ada", "943 476 5919", "10");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(As(finance_), ada, Bank("Ada Okafor")));
  ASSERT_TRUE(t_.payments().RunDate(As(finance_), D("2026-11-22")));
  EXPECT_THAT(t_.payments().FinalAccount(As(finance_), ada).error().message,
              HasSubstr("still in payment"));
  t_.clock().Advance(std::chrono::days(14));
  auto closed = t_.casework().CloseCase(As(worker_), ada, {"moved_away", "2026-12-05", "Moved"});
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  auto account = t_.payments().FinalAccount(As(finance_), ada);
  ASSERT_TRUE(account.has_value()) << account.error().message;
  EXPECT_EQ(account->ended_on, D("2026-12-05"));
  EXPECT_EQ(account->paid_out, Pence(80000));
  // 14 of 28 days were funded: £400.00 paid for days after the end.
  EXPECT_EQ(account->to_recover, Pence(40000));
  EXPECT_FALSE(account->sentences.empty());
  // A later run pays nothing more for her.
  auto preview = t_.payments().Preview(As(finance_), D("2026-12-20"));
  EXPECT_EQ(preview->totals.total, Pence(0));
  ExpectBooksBalance();
}

}  // namespace
}  // namespace selfdirect::app
