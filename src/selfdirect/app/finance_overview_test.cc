#include "selfdirect/app/finance_overview.h"

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

std::vector<std::string> FieldsOf(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

// A council whose adult social care scheme collects contributions gross, and Ada, whose plan
// pays her personal assistant £200.00 a week by direct payment from Sunday 22 November 2026
// (£800.00 every four weeks) with a £10.00 weekly contribution; the first payment run has been
// made on that day. Staff: a finance officer, a commissioner, a social worker.
class FinanceOverviewTest : public ::testing::Test {
 protected:
  FinanceOverviewTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        approver_(t_.AddUser(council_, "approver@hartlepool.example", {"approver"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})),
        commissioner_(t_.AddUser(council_, "market@hartlepool.example", {"commissioner"})) {
    EXPECT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
    NewScheme scheme{.name = "Adult social care",
                     .kind = "adult-social-care",
                     .contribution_collection = std::string("gross")};
    EXPECT_TRUE(t_.app().CreateScheme(Context::Operator("test"), council_.id, scheme));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver_.id, "100000"));
    ada_ = testing::SignOffAPlan(t_, worker_, approver_, "Ada", "943 476 5919", "10", &finance_,
                                 "10.00");
    EXPECT_TRUE(t_.payments().SetPaymentDetails(
        As(finance_), ada_, {"direct_payment", "Ada Okafor", "30-94-30", "00733445", ""}));
    auto run = t_.payments().RunDate(As(finance_), *ParseIsoDate("2026-11-22"));
    EXPECT_TRUE(run.has_value()) << run.error().message;
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  testing::TestApp t_;
  Council council_;
  User admin_, worker_, approver_, finance_, commissioner_;
  PersonId ada_;
};

TEST_F(FinanceOverviewTest, AFinanceOfficerSeesCommittedPaidStillToPayAndTheForecast) {
  ASSERT_TRUE(t_.finance_overview().SetCouncilBudget(As(finance_), "2026", "£5,000.00"));
  auto view = t_.finance_overview().Of(As(finance_), "2026");
  ASSERT_TRUE(view.has_value()) << view.error().message;
  const ledger::FinanceOverview& o = view->overview;
  EXPECT_EQ(o.budgets, 1);
  const ledger::MechanismFigures& dp = o.by_mechanism[0];
  // £10,400 a year for the 130 days from 22 November to 31 March: £3,704.109… → up.
  EXPECT_EQ(dp.committed, Pence(370411));
  EXPECT_EQ(dp.paid, Pence(80000));  // the run of 22 November
  // Periods from 20 December, 17 January, 14 February and 14 March.
  EXPECT_EQ(dp.still_to_pay, Pence(4 * 80000));
  EXPECT_EQ(o.forecast, Pence(400000));
  EXPECT_EQ(o.sentences[0],
            "At this rate the council will spend £4,000 on personal budgets this year, £1,000 "
            "less than the £5,000 set aside.");
  ASSERT_EQ(o.contributions.size(), 1u);
  EXPECT_EQ(o.contributions[0].name, "Ada Okafor");
  EXPECT_EQ(o.contributions[0].owed, Pence(4000));  // four weeks at £10.00, collected gross
  EXPECT_TRUE(view->shows_people);
  EXPECT_TRUE(view->may_set_budget);
  ASSERT_TRUE(view->council_budget.has_value());
  EXPECT_EQ(view->council_budget_set_by, "Test money@hartlepool.example");

  auto audit = t_.store().Write([&](store::Transaction& tx) -> Status {
    auto entries = tx.Audit().Search({.council_id = council_.id});
    if (!entries) return tl::unexpected(entries.error());
    std::vector<std::string> actions;
    for (const auto& e : *entries) actions.push_back(e.action);
    EXPECT_THAT(actions, ::testing::Contains("finance-overview.read"));
    EXPECT_THAT(actions, ::testing::Contains("council-budgets.set"));
    return Ok();
  });
  EXPECT_TRUE(audit);
}

TEST_F(FinanceOverviewTest, TheCurrentYearIsTheDefault_AYearWithNoBudgetSaysSo) {
  auto view = t_.finance_overview().Of(As(finance_), "");
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->overview.year, FinancialYear(2026));
  EXPECT_FALSE(view->council_budget.has_value());
  EXPECT_THAT(view->overview.sentences[1], HasSubstr("No budget for personal budgets"));
}

TEST_F(FinanceOverviewTest, ACommissionerSeesTheFiguresButNotWhoOwes_AndCannotSetTheBudget) {
  auto view = t_.finance_overview().Of(As(commissioner_), "2026");
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_FALSE(view->shows_people);
  EXPECT_TRUE(view->overview.contributions.empty());
  EXPECT_TRUE(view->overview.top_payees.empty());
  EXPECT_EQ(view->people_owing, 1);
  EXPECT_EQ(view->overview.contributions_owed, Pence(4000));
  EXPECT_FALSE(view->may_set_budget);
  auto set = t_.finance_overview().SetCouncilBudget(As(commissioner_), "2026", "1000.00");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, ErrorCode::kPermissionDenied);
  auto csv = t_.finance_overview().Csv(As(commissioner_), "2026");
  ASSERT_TRUE(csv.has_value());
  EXPECT_THAT(csv->csv, Not(HasSubstr("Ada")));
  EXPECT_THAT(csv->csv, HasSubstr("Contributions owed,Total (1 people),,40.00"));
}

TEST_F(FinanceOverviewTest, PayeesAreNamedForFinanceOfficersOnly) {
  // A payee is whoever the statement names: here Ada's personal assistant, a private person.
  std::ifstream in(
      std::string(SELFDIRECT_SOURCE_DIR) + "/docs/samples/statement-formats/northern-bank.yaml",
      std::ios::binary);
  std::stringstream yaml;
  yaml << in.rdbuf();
  ASSERT_TRUE(t_.statements().AddFormat(As(finance_), {"Northern Bank", yaml.str(), {}}));
  std::optional<LedgerAccountId> holding;
  ASSERT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
    auto accounts =
        tx.Ledger().FindAccountsByOwner(council_.id, {ledger::OwnerKind::kPerson, ada_.str()});
    if (!accounts) return tl::unexpected(accounts.error());
    for (const auto& a : *accounts) {
      if (a.type == ledger::AccountType::kDirectPaymentHolding) holding = a.id;
    }
    return {};
  }));
  ASSERT_TRUE(holding.has_value());
  auto imported = t_.statements().Import(As(finance_), *holding, "Northern Bank",
                                         "Date,Type,Description,Reference,Amount,Balance\n"
                                         "23/11/2026,SO,JADE OKAFOR,PA WAGES,-200.00,600.00\n");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;

  auto finance = t_.finance_overview().Of(As(finance_), "2026");
  ASSERT_TRUE(finance.has_value()) << finance.error().message;
  ASSERT_EQ(finance->overview.top_payees.size(), 1u);
  EXPECT_EQ(finance->overview.top_payees[0].payee, "JADE OKAFOR");
  EXPECT_EQ(finance->overview.top_payees[0].amount, Pence(20000));

  auto commissioner = t_.finance_overview().Of(As(commissioner_), "2026");
  ASSERT_TRUE(commissioner.has_value()) << commissioner.error().message;
  EXPECT_TRUE(commissioner->overview.top_payees.empty());
  EXPECT_EQ(commissioner->overview.statement_spend, Pence(20000));  // the total is not personal
  auto csv = t_.finance_overview().Csv(As(commissioner_), "2026");
  ASSERT_TRUE(csv.has_value());
  EXPECT_THAT(csv->csv, Not(HasSubstr("JADE")));
}

TEST_F(FinanceOverviewTest, OthersMayNotReadIt) {
  auto view = t_.finance_overview().Of(As(worker_), "2026");
  ASSERT_FALSE(view);
  EXPECT_EQ(view.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(FinanceOverviewTest, BadInputNamesTheFieldAndChangesNothing) {
  auto year = t_.finance_overview().Of(As(finance_), "26");
  ASSERT_FALSE(year);
  EXPECT_THAT(FieldsOf(year.error()), ::testing::ElementsAre("year"));
  for (const char* amount : {"-1.00", "1.005", "", "lots", "200000000000.00"}) {
    auto set = t_.finance_overview().SetCouncilBudget(As(finance_), "2026", amount);
    ASSERT_FALSE(set) << amount;
    EXPECT_THAT(FieldsOf(set.error()), ::testing::ElementsAre("amount")) << amount;
  }
  auto both = t_.finance_overview().SetCouncilBudget(As(finance_), "twenty", "-5");
  ASSERT_FALSE(both);
  EXPECT_THAT(FieldsOf(both.error()), ::testing::ElementsAre("year", "amount"));
  EXPECT_FALSE(t_.finance_overview().Of(As(finance_), "2026")->council_budget.has_value());
}

TEST_F(FinanceOverviewTest, TheCsvHasTheSameFigures) {
  ASSERT_TRUE(t_.finance_overview().SetCouncilBudget(As(finance_), "2026", "5000"));
  auto csv = t_.finance_overview().Csv(As(finance_), "2026");
  ASSERT_TRUE(csv.has_value()) << csv.error().message;
  EXPECT_EQ(csv->file_name, "finance-overview-2026-27.csv");
  EXPECT_THAT(csv->csv,
              HasSubstr("Section,Item,Committed,Paid so far,Still to pay,Forecast\r\n"
                        "By mechanism,Direct payments,3704.11,800.00,3200.00,4000.00\r\n"));
  EXPECT_THAT(csv->csv, HasSubstr("By mechanism,Total,3704.11,800.00,3200.00,4000.00\r\n"));
  EXPECT_THAT(csv->csv, HasSubstr("Council budget,Forecast over (+) or under (-) the budget,,,,"
                                  "-1000.00\r\n"));
  EXPECT_THAT(csv->csv, HasSubstr("Contributions owed,Ada Okafor," + ada_.str() + ",40.00\r\n"));
}

// Contributions paid in (Payments::RecordContributionPaid): Ada owes £40.00 after the first run.
TEST_F(FinanceOverviewTest, AFinanceOfficerRecordsAContributionPaidAndWhatSheOwesGoesDown) {
  // Her own money page says what she owes the council.
  auto money = t_.money().Of(As(finance_), ada_);
  ASSERT_TRUE(money.has_value()) << money.error().message;
  EXPECT_EQ(money->contribution_owed, Pence(4000));
  const ledger::ContributionPaymentRequest paid{"form-1", 1500, "2026-11-20", "BACS 7731"};
  auto done = t_.payments().RecordContributionPaid(As(finance_), ada_, paid);
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_FALSE(done->replayed);
  EXPECT_EQ(done->owed_now, Pence(2500));
  EXPECT_EQ(done->sentence,
            "£15.00 paid on 20 November 2026 is recorded. Ada Okafor now owes £25.00.");

  auto view = t_.finance_overview().Of(As(finance_), "2026");
  ASSERT_TRUE(view.has_value()) << view.error().message;
  ASSERT_EQ(view->overview.contributions.size(), 1u);
  EXPECT_EQ(view->overview.contributions[0].owed, Pence(2500));

  // Sent again (a double click, a retry): recorded once.
  auto again = t_.payments().RecordContributionPaid(As(finance_), ada_, paid);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->amount, Pence(1500));
  EXPECT_EQ(again->owed_now, Pence(2500));
  // The same form with another amount: refused, nothing changed.
  auto other = t_.payments().RecordContributionPaid(As(finance_), ada_,
                                                    {"form-1", 2000, "2026-11-20", "BACS 7731"});
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_THAT(other.error().message,
              HasSubstr("already used to record £15.00 paid on 20 November"));

  // The rest, with no reference: she owes nothing.
  auto rest =
      t_.payments().RecordContributionPaid(As(finance_), ada_, {"form-2", 2500, "2026-11-22", ""});
  ASSERT_TRUE(rest.has_value()) << rest.error().message;
  EXPECT_EQ(rest->sentence,
            "£25.00 paid on 22 November 2026 is recorded. Ada Okafor owes nothing now.");

  auto account = t_.payments().ContributionAccountOf(As(finance_), ada_);
  ASSERT_TRUE(account.has_value()) << account.error().message;
  // Recording and reading are both audited against Ada.
  const auto audited = [&](const char* action) {
    auto found = t_.accounts().SearchAudit(Context::Operator("t"),
                                           {.council_id = council_.id, .action = action});
    EXPECT_TRUE(found.has_value());
    std::vector<std::string> subjects;
    for (const AuditEntry& e : found.value_or(std::vector<AuditEntry>{})) {
      subjects.push_back(e.subject_person_id);
    }
    return subjects;
  };
  EXPECT_EQ(audited("payments.contribution.paid"),
            (std::vector<std::string>{ada_.str(), ada_.str()}));
  EXPECT_EQ(audited("payments.contribution.read"), (std::vector<std::string>{ada_.str()}));
  EXPECT_EQ(account->owed, Pence(0));
  EXPECT_EQ(account->charged, Pence(4000));
  EXPECT_EQ(t_.money().Of(As(finance_), ada_)->contribution_owed, Pence(0));
  ASSERT_EQ(account->payments.size(), 2u);
  EXPECT_EQ(account->payments[0].payment_id, "form-2");  // newest first
  EXPECT_EQ(account->payments[0].reference, "");
  EXPECT_EQ(account->payments[1].amount, Pence(1500));
  EXPECT_EQ(account->payments[1].paid_on, *ParseIsoDate("2026-11-20"));
  EXPECT_EQ(account->payments[1].reference, "BACS 7731");

  auto after = t_.finance_overview().Of(As(finance_), "2026");
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(after->overview.contributions.empty());
  auto checks = t_.ledger().Verify(Context::Operator("ledger verify"));
  ASSERT_TRUE(checks.has_value()) << checks.error().message;
  for (const auto& c : *checks) {
    EXPECT_TRUE(c.mismatches.empty());
    EXPECT_TRUE(c.balanced());
  }
}

TEST_F(FinanceOverviewTest, AContributionPaymentThatCannotBeRightChangesNothing) {
  auto more =
      t_.payments().RecordContributionPaid(As(finance_), ada_, {"form-1", 4001, "2026-11-20", ""});
  ASSERT_FALSE(more.has_value());
  EXPECT_EQ(more.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(more.error()), ::testing::ElementsAre("amount_pence"));
  EXPECT_THAT(more.error().fields[0].message, HasSubstr("They owe £40.00"));
  auto bad =
      t_.payments().RecordContributionPaid(As(finance_), ada_, {"form 1", 0, "2026-11-23", "a\tb"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(FieldsOf(bad.error()),
              ::testing::ElementsAre("payment_id", "amount_pence", "paid_on", "reference"));
  EXPECT_EQ(t_.payments()
                .RecordContributionPaid(As(worker_), ada_, {"form-1", 100, "2026-11-20", ""})
                .error()
                .code,
            ErrorCode::kPermissionDenied);
  // Without standing on Ada, as on every person's record: there is no such person.
  EXPECT_EQ(t_.payments().ContributionAccountOf(As(commissioner_), ada_).error().code,
            ErrorCode::kNotFound);
  auto account = t_.payments().ContributionAccountOf(As(finance_), ada_);
  ASSERT_TRUE(account.has_value());
  EXPECT_EQ(account->owed, Pence(4000));
  EXPECT_TRUE(account->payments.empty());
}

}  // namespace
}  // namespace selfdirect::app

namespace selfdirect::app {
namespace {

// A contribution charged for days no longer funded is credited back, and is worded as a credit:
// nothing leaves the person's account.
TEST_F(FinanceOverviewTest, AContributionChargedForDaysInHospitalIsCreditedBackNotRecovered) {
  ASSERT_TRUE(
      t_.payments().Suspend(As(worker_), ada_, {"2026-12-14", "2026-12-19", "a hospital stay"}));
  auto preview = t_.payments().Preview(As(finance_), *ParseIsoDate("2026-12-20"));
  ASSERT_TRUE(preview.has_value()) << preview.error().message;
  const OverpaidPeriod* contribution = nullptr;
  const OverpaidPeriod* payment = nullptr;
  for (const OverpaidPeriod& o : preview->overpaid) (o.credit ? contribution : payment) = &o;
  ASSERT_NE(contribution, nullptr);
  ASSERT_NE(payment, nullptr);
  EXPECT_THAT(contribution->recovery_id, ::testing::StartsWith("contribution:"));
  EXPECT_THAT(payment->recovery_id, ::testing::StartsWith("dp:"));

  auto credited = t_.payments().RecoverOverpayment(As(finance_), ada_, contribution->recovery_id,
                                                   "Six days in hospital");
  ASSERT_TRUE(credited.has_value()) << credited.error().message;
  EXPECT_THAT(credited->sentence,
              ::testing::StartsWith(FormatPounds(contribution->to_recover) +
                                    " credited back to Ada Okafor: it comes off what they owe in "
                                    "contributions."));
}

}  // namespace
}  // namespace selfdirect::app
