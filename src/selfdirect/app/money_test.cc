#include "selfdirect/app/money.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "selfdirect/ras/test_model.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// Ada's plan pays a personal assistant 10 hours a week at £20.00 by direct payment: £800.00
// every four weeks from the day it is signed off (Sunday 22 November 2026). A payment run that
// day pays the first four weeks into her account.
class MoneyTest : public ::testing::Test {
 protected:
  MoneyTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        approver_(t_.AddUser(council_, "approver@hartlepool.example", {"approver"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})),
        stranger_(t_.AddUser(council_, "rep@hartlepool.example", {"representative"})) {
    EXPECT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
    NewScheme scheme{.name = "Adult social care", .kind = "adult-social-care"};
    EXPECT_TRUE(t_.app().CreateScheme(Context::Operator("test"), council_.id, scheme));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver_.id, "100000"));
    ada_ = testing::SignOffAPlan(t_, worker_, approver_, "Ada", "943 476 5919", "10");
    auto holder = t_.accounts().AddUser(
        Context::Operator("t"),
        {council_.id, "ada@hartlepool.example", "Ada", {"budget-holder"}, ada_.str()});
    EXPECT_TRUE(holder.has_value()) << holder.error().message;
    holder_ = holder->user;
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  void PayTheFirstPeriod() {
    ASSERT_TRUE(t_.payments().SetPaymentDetails(
        As(finance_), ada_, {"direct_payment", "Ada Okafor", "30-94-30", "00733445", ""}));
    auto run = t_.payments().Start(As(finance_), *ParseIsoDate("2026-11-22"));
    ASSERT_TRUE(run.has_value()) << run.error().message;
    auto released = t_.payments().Release(As(finance_), run->run->id);
    ASSERT_TRUE(released.has_value()) << released.error().message;
  }

  ledger::Account Holding() {
    std::optional<ledger::Account> out;
    EXPECT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
      auto accounts =
          tx.Ledger().FindAccountsByOwner(council_.id, {ledger::OwnerKind::kPerson, ada_.str()});
      if (!accounts) return tl::unexpected(accounts.error());
      for (const auto& a : *accounts) {
        if (a.type == ledger::AccountType::kDirectPaymentHolding) out = a;
      }
      return {};
    }));
    return out.value_or(ledger::Account{});
  }

  // Money spent from Ada's account, as a statement import records it (by hand, so under an id
  // of its own: "stmt:" ids are kept for statement imports).
  void Spend(const std::string& id, std::int64_t pence, const std::string& payee) {
    auto payee_account = t_.ledger().OpenAccount(
        As(finance_), {.type = "payee", .owner_kind = "council", .name = payee});
    ASSERT_TRUE(payee_account.has_value()) << payee_account.error().message;
    ledger::TransferRequest r;
    r.id = id;
    r.debit_account = Holding().id.str();
    r.credit_account = payee_account->id.str();
    r.amount_pence = pence;
    r.code = "spend";
    r.reference = payee;
    auto made = t_.ledger().CreateTransfer(As(finance_), r);
    ASSERT_TRUE(made.has_value()) << made.error().message;
  }

  // Twelve weeks of Ada's card spending, every Monday from 23 November 2026 to 8 February 2027,
  // £150.00 a week, imported in one file on Sunday 14 February 2027 after the council has paid
  // four periods (£3,200.00). The week of 21 December has eight lines (rows 6 to 13, £18.75
  // each); every other week one line to Sam, her personal assistant.
  void ImportTwelveWeeksOnOneDay() {
    PayTheFirstPeriod();
    for (const char* day : {"2026-12-20", "2027-01-17", "2027-02-14"}) {
      t_.clock().Set(ParseTimestamp(std::string(day) + "T10:00:00.000Z").value());
      auto run = t_.payments().Start(As(finance_), *ParseIsoDate(day));
      ASSERT_TRUE(run.has_value()) << run.error().message;
      auto released = t_.payments().Release(As(finance_), run->run->id);
      ASSERT_TRUE(released.has_value()) << released.error().message;
    }
    ASSERT_EQ(*ledger::PostedCreditBalance(Holding().balances), Pence(320000));

    std::string yaml;
    {
      std::ifstream in(std::string(SELFDIRECT_SOURCE_DIR) +
                       "/docs/samples/statement-formats/northern-bank.yaml");
      std::stringstream text;
      text << in.rdbuf();
      yaml = text.str();
    }
    auto format = t_.statements().AddFormat(As(finance_), {"Northern Bank", yaml, {}});
    ASSERT_TRUE(format.has_value()) << format.error().message;
    std::string csv = "Date,Type,Description,Reference,Amount,Balance\n";
    std::int64_t balance = 320000;
    int row = 0;
    auto line = [&](Date on, const std::string& payee, std::int64_t pence) {
      balance -= pence;
      csv += fmt::format("{:02}/{:02}/{},DEB,{},R{},-{}.{:02},{}.{:02}\n",
                         static_cast<unsigned>(on.day()), static_cast<unsigned>(on.month()),
                         static_cast<int>(on.year()), payee, ++row, pence / 100, pence % 100,
                         balance / 100, balance % 100);
    };
    for (int week = 0; week < 12; ++week) {
      const Date monday = AddDays(*ParseIsoDate("2026-11-23"), 7 * week);
      if (week == 4) {
        for (int i = 5; i <= 12; ++i) line(monday, fmt::format("Corner shop {}", i), 1875);
      } else {
        line(monday, "Sam", 15000);
      }
    }
    auto imported = t_.statements().Import(As(finance_), Holding().id, "Northern Bank", csv);
    ASSERT_TRUE(imported.has_value()) << imported.error().message;
  }

  testing::TestApp t_;
  Council council_;
  User admin_, worker_, approver_, finance_, stranger_;
  PersonId ada_;
  User holder_;
};

TEST_F(MoneyTest, BeforeAnythingIsPaidTheBudgetHolderSeesWhatIsComing) {
  auto view = t_.money().Of(As(holder_), ada_);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->balance, Pence(0));
  EXPECT_EQ(view->contribution_owed, std::nullopt);  // no contribution collected separately
  EXPECT_TRUE(view->lines.empty());
  ASSERT_EQ(view->upcoming.size(), 3u);
  // The first period is due today and waits for today's payment run: it is shown as due.
  EXPECT_EQ(FormatIsoDate(view->upcoming[0].on), "2026-11-22");
  EXPECT_EQ(view->upcoming[0].description,
            "For 22 November to 19 December 2026 (due, not paid yet)");
  EXPECT_EQ(FormatIsoDate(view->upcoming[1].on), "2026-12-20");
  EXPECT_EQ(view->upcoming[1].amount, Pence(80000));
  EXPECT_EQ(view->upcoming[1].description, "For 20 December 2026 to 16 January 2027");
  EXPECT_EQ(FormatIsoDate(view->upcoming[2].on), "2027-01-17");
}

TEST_F(MoneyTest, TheBudgetHolderSeesThePaymentArriveAndTheMoneyGoOut) {
  PayTheFirstPeriod();
  auto view = t_.money().Of(As(holder_), ada_);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->person_name, "Ada Okafor");
  EXPECT_EQ(view->balance, Pence(80000));
  EXPECT_EQ(view->available, Pence(80000));
  ASSERT_EQ(view->lines.size(), 1u);
  EXPECT_EQ(view->lines[0].description,
            "Payment from the council for 22 November to 19 December 2026");
  EXPECT_EQ(view->lines[0].money_in, Pence(80000));
  EXPECT_EQ(view->lines[0].balance, Pence(80000));
  ASSERT_EQ(view->burn_down.size(), 1u);
  // One day of £800.00 over 28 days, rounded down: £28.57.
  EXPECT_EQ(view->burn_down[0].planned_spend, Pence(2857));
  EXPECT_EQ(view->burn_down[0].balance, Pence(80000));
  ASSERT_TRUE(view->forecast.has_value());
  EXPECT_THAT(*view->forecast, HasSubstr("No money has gone out of the account yet"));
  EXPECT_THAT(*view->forecast,
              HasSubstr("The next payment of £800.00 is due on 20 December 2026."));

  // Ten days on, £300.00 has gone to Sam's agency.
  t_.clock().Advance(std::chrono::hours(24 * 10));
  Spend("spend:ada:1", 30000, "Smith's Care");
  view = t_.money().Of(As(holder_), ada_);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->balance, Pence(50000));
  ASSERT_EQ(view->lines.size(), 2u);
  EXPECT_EQ(view->lines[0].description, "Spent: Smith's Care");  // newest first
  EXPECT_EQ(view->lines[0].money_out, Pence(30000));
  EXPECT_EQ(view->lines[0].balance, Pence(50000));
  ASSERT_EQ(view->burn_down.size(), 3u);  // 22 and 29 November, and today (2 December)
  EXPECT_EQ(FormatIsoDate(view->burn_down[1].on), "2026-11-29");
  EXPECT_EQ(view->burn_down[1].spent, Pence(0));
  EXPECT_EQ(FormatIsoDate(view->burn_down[2].on), "2026-12-02");
  EXPECT_EQ(view->burn_down[2].spent, Pence(30000));
  // 11 of 28 days: £800.00 × 11 ÷ 28 = £314.28.
  EXPECT_EQ(view->burn_down[2].planned_spend, Pence(31428));
  EXPECT_EQ(view->money_out_total, Pence(30000));
  ASSERT_TRUE(view->forecast.has_value());
  EXPECT_THAT(*view->forecast, HasSubstr("would run out around"));
  EXPECT_TRUE(view->runs_out_on.has_value());
  EXPECT_FALSE(view->runs_out_before_next_payment);
  EXPECT_THAT(*view->forecast, Not(HasSubstr("social worker")));

  auto csv = t_.money().Csv(As(holder_), ada_);
  ASSERT_TRUE(csv.has_value()) << csv.error().message;
  EXPECT_EQ(csv->file_name, "my-money-2026-12-02.csv");
  EXPECT_EQ(csv->csv,
            "Date,Description,Money in,Money out,Balance\r\n"
            "2026-11-22,Payment from the council for 22 November to 19 December 2026,800.00,,"
            "800.00\r\n"
            "2026-12-02,Spent: Smith's Care,,300.00,500.00\r\n");

  // £450.00 more the same day: at that rate the £50.00 left runs out before the next payment.
  // The budget holder is told whom to talk to, in words for them, not the prompt the staff's
  // alert carries.
  Spend("spend:ada:2", 45000, "Smith's Care");
  view = t_.money().Of(As(holder_), ada_);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_TRUE(view->runs_out_before_next_payment);
  ASSERT_TRUE(view->forecast.has_value());
  EXPECT_THAT(*view->forecast, HasSubstr("before this payment period ends on 19 December 2026. If "
                                         "the money might not last until then, talk to the "
                                         "social worker"));
  EXPECT_THAT(*view->forecast, Not(HasSubstr("This is not a judgement")));
}

// Ben contributes £50.00 a week, taken off his direct payment: the council pays £600.00 every
// four weeks and Ben pays in his £200.00, so the plan expects £800.00 to be spent, not £600.00.
TEST_F(MoneyTest, ThePlanExpectsTheWholeCostToBeSpentWhenTheContributionIsTakenOff) {
  const PersonId ben = testing::SignOffAPlan(t_, worker_, approver_, "Ben", "401 023 2137", "10",
                                             &finance_, "50.00");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(
      As(finance_), ben, {"direct_payment", "Ben Okafor", "30-94-30", "00733446", ""}));
  ASSERT_TRUE(t_.payments().RunDate(As(finance_), *ParseIsoDate("2026-11-22")));
  t_.clock().Advance(std::chrono::hours(24 * 10));
  auto view = t_.money().Of(As(finance_), ben);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  ASSERT_FALSE(view->lines.empty());
  EXPECT_EQ(view->lines.back().money_in, Pence(60000));  // what the council paid
  ASSERT_FALSE(view->burn_down.empty());
  // 11 of 28 days of the plan's £800.00: £314.28 (of the £600.00 paid, it would be £235.71).
  EXPECT_EQ(view->burn_down.back().planned_spend, Pence(31428));
  ASSERT_FALSE(view->upcoming.empty());
  EXPECT_EQ(view->upcoming.front().amount, Pence(60000));  // what the council will pay next
}

TEST_F(MoneyTest, MoneyTheCouncilRecoversIsMoneyOutButNotSpending) {
  PayTheFirstPeriod();
  t_.clock().Advance(std::chrono::hours(24 * 10));
  Spend("spend:ada:1", 30000, "Smith's Care");
  // The council recovers £200.00 it paid for days in hospital.
  auto fund = t_.ledger().OpenAccount(
      As(finance_), {.type = "clawback", .owner_kind = "council", .name = "Recovered"});
  ASSERT_TRUE(fund.has_value()) << fund.error().message;
  ledger::TransferRequest r;
  r.id = "recovery:ada:1";
  r.debit_account = Holding().id.str();
  r.credit_account = fund->id.str();
  r.amount_pence = 20000;
  r.code = "clawback";
  r.reference = "Days in hospital";
  ASSERT_TRUE(t_.ledger().CreateTransfer(As(finance_), r).has_value());

  auto view = t_.money().Of(As(holder_), ada_);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->balance, Pence(30000));
  EXPECT_EQ(view->money_out_total, Pence(50000));
  EXPECT_EQ(view->burn_down.back().spent, Pence(30000));
  // The rate is the £300.00 spent in 11 days, not £500.00.
  auto spent_only = view->runs_out_on;
  ASSERT_TRUE(spent_only.has_value());
  EXPECT_EQ(FormatIsoDate(*spent_only), "2026-12-14");
}

TEST_F(MoneyTest, ASpreadsheetNeverRunsAPayeeAsAFormula) {
  PayTheFirstPeriod();
  Spend("spend:ada:2", 1000, "=HYPERLINK(\"http://x\")");
  auto csv = t_.money().Csv(As(holder_), ada_);
  ASSERT_TRUE(csv.has_value()) << csv.error().message;
  EXPECT_THAT(csv->csv, HasSubstr("\"Spent: =HYPERLINK(\"\"http://x\"\")\""));
  EXPECT_THAT(csv->csv, ::testing::Not(HasSubstr(",=")));
}

TEST_F(MoneyTest, OthersMayLookOnlyAsAtTheBudgetStatement) {
  PayTheFirstPeriod();
  // A representative with no grant is refused as at the budget statement: the person is not
  // found, so nothing is learnt about them.
  EXPECT_EQ(t_.casework().Budget(As(stranger_), ada_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(t_.money().Of(As(stranger_), ada_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(t_.money().Csv(As(stranger_), ada_).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(t_.accounts().GrantAccess(As(holder_), ada_,
                                        {"rep@hartlepool.example", {"view"}, "2026-12-31", ""}));
  auto seen = t_.money().Of(As(stranger_), ada_);
  ASSERT_TRUE(seen.has_value()) << seen.error().message;
  EXPECT_EQ(seen->balance, Pence(80000));
  // Her social worker and the finance officer may look, as at her budget statement.
  EXPECT_TRUE(t_.money().Of(As(worker_), ada_).has_value());
  EXPECT_TRUE(t_.money().Of(As(finance_), ada_).has_value());

  // Another budget holder's person: not theirs.
  const PersonId ben = testing::SignOffAPlan(t_, worker_, approver_, "Ben", "401 023 2137", "5");
  EXPECT_EQ(t_.money().Of(As(holder_), ben).error().code, ErrorCode::kNotFound);
}

TEST_F(MoneyTest, NoBudgetInPaymentIsNotFound) {
  casework::NewPerson p;
  p.given_name = "Cy";
  p.family_name = "Okafor";
  p.date_of_birth = "1950-01-01";
  p.nhs_number = "450 557 7104";
  p.primary_support_reason = "physical_personal_care";
  auto created =
      t_.casework().CreatePerson(As(worker_), p, {"2026-11-20", "hospital_discharge", "Help", ""});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  auto view = t_.money().Of(As(worker_), created->record.person.id);
  ASSERT_FALSE(view.has_value());
  EXPECT_EQ(view.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(view.error().message, StartsWith("No money is being paid yet"));
}

TEST_F(MoneyTest, PagesOfTwentyNewestFirst) {
  PayTheFirstPeriod();
  for (int i = 1; i <= 21; ++i) Spend("spend:ada:p" + std::to_string(i), 100, "Shop");
  auto first = t_.money().Of(As(holder_), ada_, 1);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->line_count, 22);
  EXPECT_EQ(first->pages, 2);
  EXPECT_EQ(first->lines.size(), 20u);
  EXPECT_EQ(first->lines[0].balance, Pence(80000 - 2100));
  auto second = t_.money().Of(As(holder_), ada_, 7);
  EXPECT_EQ(second->page, 2);
  ASSERT_EQ(second->lines.size(), 2u);
  EXPECT_EQ(second->lines[1].money_in, Pence(80000));
}

}  // namespace
}  // namespace selfdirect::app

namespace selfdirect::app {
namespace {

// Issue #6: money is dated when it moved, not when the statement was imported.
TEST_F(MoneyTest, AStatementOfTwelveWeeksImportedInOneDayShowsEachLineOnItsOwnDate) {
  ImportTwelveWeeksOnOneDay();
  auto all = t_.money().Csv(As(holder_), ada_);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  auto view = t_.money().Of(As(holder_), ada_, 1);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  ASSERT_EQ(view->line_count, 4 + 19);  // four payments, nineteen lines spent
  EXPECT_EQ(view->balance, Pence(140000));

  // Oldest first, as the spreadsheet has them: every line on the day on the statement, and the
  // eight lines of 21 December in row order (row 9 before row 10), the balance falling by each.
  // (The header is row 1.)
  std::vector<std::string> rows;
  std::string text = all->csv;
  for (std::size_t at = 0; (at = text.find("\r\n")) != std::string::npos;) {
    rows.push_back(text.substr(0, at));
    text.erase(0, at + 2);
  }
  ASSERT_EQ(rows.size(), 1u + 23u);
  EXPECT_THAT(rows[1], StartsWith("2026-11-22,Payment from the council"));
  EXPECT_THAT(rows[2], StartsWith("2026-11-23,Spent: Sam,,150.00,650.00"));
  EXPECT_THAT(rows[5], StartsWith("2026-12-14,Spent: Sam,"));
  EXPECT_THAT(rows[6], StartsWith("2026-12-20,Payment from the council"));
  for (int i = 5; i <= 12; ++i) {
    EXPECT_THAT(rows[7 + i - 5],
                StartsWith(fmt::format("2026-12-21,Spent: Corner shop {},,18.75,", i)))
        << i;
  }
  EXPECT_THAT(rows[23], StartsWith("2027-02-14,Payment from the council"));
  EXPECT_EQ(rows[22], "2027-02-08,Spent: Sam,,150.00,600.00");

  // The burn-down climbs week by week instead of jumping on the day of the import.
  ASSERT_FALSE(view->burn_down.empty());
  Pence before;
  int rises = 0;
  for (const BurnDownPoint& p : view->burn_down) {
    if (p.spent > before) ++rises;
    before = p.spent;
  }
  EXPECT_GE(rises, 11);
  EXPECT_EQ(view->burn_down.back().spent, Pence(180000));

  // The forecast goes by the real rate, £150.00 a week, and the money lasts past the period.
  ASSERT_TRUE(view->forecast.has_value());
  EXPECT_THAT(*view->forecast, HasSubstr("about £150.00 a week"));
  EXPECT_FALSE(view->runs_out_before_next_payment);
  ASSERT_TRUE(view->runs_out_on.has_value());
  EXPECT_GT(*view->runs_out_on, *ParseIsoDate("2027-03-13"));
}

TEST_F(MoneyTest, MonitoringRaisesNoMoneyRunningOutForSpendingWellWithinTheBudget) {
  ImportTwelveWeeksOnOneDay();
  auto run = t_.monitoring().Run(As(finance_), *ParseIsoDate("2027-02-14"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->budgets, 1);
  EXPECT_FALSE(run->raised.contains("exhaustion"));
  EXPECT_FALSE(run->raised.contains("rapid_depletion"));
  EXPECT_TRUE(run->problems.empty());
}

TEST_F(MoneyTest, APaymentReleasedDaysAfterItsRunIsDatedByTheRunsPaymentDate) {
  ASSERT_TRUE(t_.payments().SetPaymentDetails(
      As(finance_), ada_, {"direct_payment", "Ada Okafor", "30-94-30", "00733445", ""}));
  auto run = t_.payments().Start(As(finance_), *ParseIsoDate("2026-11-22"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  t_.clock().Set(ParseTimestamp("2026-11-25T10:00:00.000Z").value());
  ASSERT_TRUE(t_.payments().Release(As(finance_), run->run->id));
  auto view = t_.money().Of(As(holder_), ada_);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  ASSERT_EQ(view->lines.size(), 1u);
  EXPECT_EQ(FormatIsoDate(view->lines[0].on), "2026-11-22");
}

TEST_F(MoneyTest, AStatementWrittenNewestFirstListsADaysLinesInTheOrderTheMoneyMoved) {
  PayTheFirstPeriod();
  t_.clock().Set(ParseTimestamp("2026-11-25T10:00:00.000Z").value());
  std::ifstream in(std::string(SELFDIRECT_SOURCE_DIR) +
                   "/docs/samples/statement-formats/carefree-card.yaml");
  std::stringstream yaml;
  yaml << in.rdbuf();
  ASSERT_TRUE(t_.statements().AddFormat(As(finance_), {"Carefree", yaml.str(), {}}));
  // Latest first: on the 24th Sam was paid, then the corner shop.
  const std::string csv =
      "Transaction Date,Card Number,Merchant,Details,Money In,Money Out,Balance\n"
      "24 Nov 2026,**** 4821,CORNER SHOP,Card payment,\"\",\"£30.00\",\"£745.00\"\n"
      "24 Nov 2026,**** 4821,SAM,Wages,\"\",\"£20.00\",\"£775.00\"\n"
      "23 Nov 2026,**** 4821,CAFE,Card payment,\"\",\"£5.00\",\"£795.00\"\n";
  auto imported = t_.statements().Import(As(finance_), Holding().id, "Carefree", csv);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  auto all = t_.money().Csv(As(holder_), ada_);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  // The running balance is the statement's own.
  EXPECT_THAT(all->csv, HasSubstr("2026-11-23,Spent: CAFE,,5.00,795.00\r\n"
                                  "2026-11-24,Spent: SAM,,20.00,775.00\r\n"
                                  "2026-11-24,Spent: CORNER SHOP,,30.00,745.00\r\n"));
}

}  // namespace
}  // namespace selfdirect::app
