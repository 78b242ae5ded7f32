#include "selfdirect/app/monitoring.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "selfdirect/app/statements.h"
#include "selfdirect/ras/test_model.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

// A council with an adult social care scheme paying four-weekly, and Ada, whose plan pays Sam,
// her personal assistant, £200.00 a week through a direct payment (£800.00 every four weeks from
// Sunday 22 November 2026). Staff: a finance officer, a social worker (no teams: everyone is on
// her caseload), a safeguarding lead.
class MonitoringTest : public ::testing::Test {
 protected:
  MonitoringTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        approver_(t_.AddUser(council_, "approver@hartlepool.example", {"approver"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})),
        lead_(t_.AddUser(council_, "lead@hartlepool.example", {"safeguarding-lead"})) {
    EXPECT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
    NewScheme scheme{.name = "Adult social care", .kind = "adult-social-care"};
    EXPECT_TRUE(t_.app().CreateScheme(Context::Operator("test"), council_.id, scheme));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver_.id, "100000"));
    ada_ = testing::SignOffAPlan(t_, worker_, approver_, "Ada", "943 476 5919", "10");
    EXPECT_TRUE(t_.payments().SetPaymentDetails(
        As(finance_), ada_, {"direct_payment", "Ada Okafor", "30-94-30", "00733445", ""}));
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }
  Date D(const char* text) { return ParseIsoDate(text).value(); }

  void Pay(const char* date) {
    auto run = t_.payments().RunDate(As(finance_), D(date));
    ASSERT_TRUE(run.has_value()) << run.error().message;
  }

  ledger::Account AccountOf(ledger::AccountType type) {
    std::optional<ledger::Account> out;
    EXPECT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
      auto accounts =
          tx.Ledger().FindAccountsByOwner(council_.id, {ledger::OwnerKind::kPerson, ada_.str()});
      if (!accounts) return tl::unexpected(accounts.error());
      for (const auto& a : *accounts) {
        if (a.type == type) out = a;
      }
      return {};
    }));
    return out.value_or(ledger::Account{});
  }

  Pence Holding() {
    return ledger::PostedCreditBalance(
               AccountOf(ledger::AccountType::kDirectPaymentHolding).balances)
        .value();
  }

  // Money out of Ada's holding account to a payee (opened on first use), on `at`, as a
  // statement import would record it.
  void Spend(const std::string& id, const std::string& payee, std::int64_t pence, const char* at,
             const std::string& reference) {
    const LedgerAccountId holding = AccountOf(ledger::AccountType::kDirectPaymentHolding).id;
    ASSERT_TRUE(t_.store().Write([&](store::Transaction& tx) -> Status {
      auto& payee_id = payees_[payee];
      if (payee_id.empty()) {
        ledger::Account a;
        a.council = council_.id;
        a.id = LedgerAccountId(t_.ids().Next());
        a.type = ledger::AccountType::kPayee;
        a.owner = {ledger::OwnerKind::kCouncil, council_.id.str()};
        a.name = payee;
        a.flags = ledger::DefaultFlags(a.type);
        a.created_at = t_.clock().Now();
        if (auto s = tx.Ledger().CreateAccount(a); !s) return s;
        payee_id = a.id.str();
      }
      ledger::Transfer t;
      t.id = TransferId(id);
      t.council = council_.id;
      t.debit_account = holding;
      t.credit_account = LedgerAccountId(payee_id);
      t.amount = Pence(pence);
      t.code = ledger::TransferCode::kSpend;
      t.reference = reference;
      t.created_at = ParseTimestamp(at).value();
      auto results = tx.Ledger().CreateTransfers(std::span<const ledger::Transfer>(&t, 1));
      if (!results) return tl::unexpected(results.error());
      if (!results->front()) return tl::unexpected(results->front().error());
      return {};
    }));
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

  std::vector<std::string> KindsFor(const User& u) {
    auto alerts = t_.monitoring().Alerts(As(u));
    EXPECT_TRUE(alerts.has_value()) << alerts.error().message;
    std::vector<std::string> out;
    for (const AlertView& v : alerts.value_or(std::vector<AlertView>{})) {
      out.push_back(ledger::AlertKindName(v.alert.kind));
    }
    return out;
  }

  testing::TestApp t_;
  Council council_;
  User admin_, worker_, approver_, finance_, lead_;
  PersonId ada_;
  std::map<std::string, std::string> payees_;
};

TEST_F(MonitoringTest, ASurplusMakesOneProposalAndApprovingItPostsOneClawback) {
  // Three payments and nothing spent: £2,400.00 held, £800.00 more than 8 weeks of £200.00.
  Pay("2026-11-22");
  Pay("2026-12-20");
  Pay("2027-01-17");
  ASSERT_EQ(Holding(), Pence(240000));

  auto run = t_.monitoring().Run(As(finance_), D("2027-01-17"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->budgets, 1);
  EXPECT_EQ(run->proposals, 1);
  EXPECT_EQ(run->raised["surplus"], 1);
  EXPECT_TRUE(run->problems.empty());

  // Again: nothing new.
  auto again = t_.monitoring().Run(As(finance_), D("2027-01-17"));
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->proposals, 0);
  EXPECT_TRUE(again->raised.empty());
  EXPECT_EQ(again->still_open, 1);

  auto proposals = t_.monitoring().SurplusProposals(As(finance_));
  ASSERT_TRUE(proposals.has_value()) << proposals.error().message;
  ASSERT_EQ(proposals->size(), 1u);
  const ProposalView& p = proposals->front();
  EXPECT_EQ(p.person_name, "Ada Okafor");
  EXPECT_EQ(p.account, AccountOf(ledger::AccountType::kDirectPaymentHolding).id);
  EXPECT_EQ(p.proposal.amount, Pence(80000));
  ASSERT_FALSE(p.proposal.letter.empty());
  EXPECT_THAT(p.proposal.letter.front(), HasSubstr("£2,400.00"));
  EXPECT_EQ(KindsFor(finance_), std::vector<std::string>{"surplus"});
  EXPECT_TRUE(KindsFor(lead_).empty());
  // Each list shows names beside money: one audit entry per look.
  const auto looked = [&](const char* action) {
    return t_.accounts()
        .SearchAudit(Context::Operator("t"), {.council_id = council_.id, .action = action})
        .value()
        .size();
  };
  EXPECT_EQ(looked("alerts.list"), 2u);
  EXPECT_EQ(looked("surplus-proposals.list"), 1u);

  // Only a finance officer decides, with a reason; nothing moves until then.
  EXPECT_EQ(
      t_.monitoring().DecideProposal(As(worker_), p.proposal.id, {"approve", "Yes"}).error().code,
      ErrorCode::kPermissionDenied);
  auto bad = t_.monitoring().DecideProposal(As(finance_), p.proposal.id, {"maybe", " "});
  ASSERT_FALSE(bad.has_value());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "decision");
  EXPECT_EQ(bad.error().fields[1].field, "reason");
  EXPECT_EQ(Holding(), Pence(240000));

  // The officer decides on the day of the checks: the money is checked again then.
  t_.clock().Set(ParseTimestamp("2027-01-17T10:00:00.000Z").value());
  auto approved = t_.monitoring().DecideProposal(
      As(finance_), p.proposal.id, {"approve", "Ada agreed the balance is not needed"});
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->proposal.status, ledger::ProposalStatus::kApproved);
  EXPECT_EQ(approved->proposal.transfer_id, "clawback:" + p.proposal.id.str());
  EXPECT_EQ(approved->decided_by_name, "Test money@hartlepool.example");
  EXPECT_EQ(Holding(), Pence(160000));
  auto twice = t_.monitoring().DecideProposal(As(finance_), p.proposal.id, {"approve", "Again"});
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Holding(), Pence(160000));
  ExpectBooksBalance();
}

// Four-weekly runs pay a week ahead: the money for a period not yet begun is set aside, not a
// surplus, and the money is forecast to last until the end of the last period paid for.
TEST_F(MonitoringTest, MoneyPaidInAdvanceIsNotASurplus) {
  ASSERT_TRUE(t_.payments().SetFinanceSettings(As(admin_), {.run_every_days = 28}));
  Pay("2026-11-22");
  Pay("2026-12-13");  // pays the period from 20 December
  Pay("2027-01-10");  // pays the period from 17 January
  ASSERT_EQ(Holding(), Pence(240000));
  // £2,400.00 held on 10 January, nothing spent: £800.00 of it is for the period from 17
  // January, which leaves 8 weeks of £200.00, no more.
  auto run = t_.monitoring().Run(As(finance_), D("2027-01-10"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->budgets, 1);
  EXPECT_EQ(run->proposals, 0);
  EXPECT_TRUE(run->raised.empty());
  // A week on, the period has begun: the same £2,400.00 is £800.00 more than 8 weeks.
  auto later = t_.monitoring().Run(As(finance_), D("2027-01-17"));
  ASSERT_TRUE(later.has_value()) << later.error().message;
  EXPECT_EQ(later->proposals, 1);
  ExpectBooksBalance();
}

TEST_F(MonitoringTest, ADeclinedProposalPostsNothing) {
  Pay("2026-11-22");
  Pay("2026-12-20");
  Pay("2027-01-17");
  ASSERT_TRUE(t_.monitoring().Run(As(finance_), D("2027-01-17")));
  auto proposals = t_.monitoring().SurplusProposals(As(finance_));
  ASSERT_EQ(proposals->size(), 1u);
  auto declined = t_.monitoring().DecideProposal(As(finance_), proposals->front().proposal.id,
                                                 {"decline", "Saving for a new wheelchair"});
  ASSERT_TRUE(declined.has_value()) << declined.error().message;
  EXPECT_EQ(declined->proposal.status, ledger::ProposalStatus::kDeclined);
  EXPECT_TRUE(declined->proposal.transfer_id.empty());
  EXPECT_EQ(Holding(), Pence(240000));

  // The officer agreed Ada may keep the £800.00: checking again proposes nothing...
  auto again = t_.monitoring().Run(As(finance_), D("2027-01-17"));
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->proposals, 0);
  // ...until more than that has built up (another £800.00 paid and not spent).
  Pay("2027-02-14");
  auto later = t_.monitoring().Run(As(finance_), D("2027-02-14"));
  ASSERT_TRUE(later.has_value()) << later.error().message;
  EXPECT_EQ(later->proposals, 1);
  ExpectBooksBalance();
}

TEST_F(MonitoringTest, ApprovingRecoversNoMoreThanIsSurplusToday) {
  Pay("2026-11-22");
  Pay("2026-12-20");
  Pay("2027-01-17");
  ASSERT_TRUE(t_.monitoring().Run(As(finance_), D("2027-01-17")));
  auto proposals = t_.monitoring().SurplusProposals(As(finance_));
  ASSERT_EQ(proposals->size(), 1u);
  ASSERT_EQ(proposals->front().proposal.amount, Pence(80000));
  // Ada pays her assistant £300.00 before the officer gets to the proposal.
  Spend("stmt-1", "Sam", 30000, "2026-11-22T12:00:00.000Z", "PA wages");
  t_.clock().Set(ParseTimestamp("2027-01-17T10:00:00.000Z").value());
  auto approved = t_.monitoring().DecideProposal(As(finance_), proposals->front().proposal.id,
                                                 {"approve", "Not needed"});
  ASSERT_FALSE(approved.has_value());
  EXPECT_EQ(approved.error().code, ErrorCode::kConflict);
  EXPECT_THAT(approved.error().message, HasSubstr("the surplus is now £500.00, not £800.00"));
  EXPECT_EQ(Holding(), Pence(210000));
  ExpectBooksBalance();
}

TEST_F(MonitoringTest, ALargeCashWithdrawalReachesTheSafeguardingLeadNotTheFinanceOfficer) {
  Pay("2026-11-22");
  Spend("stmt-1", "Sam", 20000, "2026-11-23T10:00:00.000Z", "PA wages week 1");
  Spend("stmt-2", "Cash", 30000, "2026-11-24T10:00:00.000Z", "ATM cash withdrawal");

  auto run = t_.monitoring().Run(As(finance_), D("2026-11-25"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->raised["large_cash_withdrawal"], 1);

  const auto lead = KindsFor(lead_);
  EXPECT_THAT(lead, ::testing::Contains("large_cash_withdrawal"));
  EXPECT_THAT(KindsFor(finance_), ::testing::Not(::testing::Contains("large_cash_withdrawal")));
  EXPECT_THAT(KindsFor(worker_), ::testing::Contains("large_cash_withdrawal"));

  auto alerts = t_.monitoring().Alerts(As(lead_));
  const AlertView* cash = nullptr;
  for (const AlertView& v : *alerts) {
    if (v.alert.kind == ledger::AlertKind::kLargeCashWithdrawal) cash = &v;
  }
  ASSERT_NE(cash, nullptr);
  EXPECT_EQ(cash->person_name, "Ada Okafor");
  EXPECT_EQ(cash->alert.evidence, std::vector<std::string>{"stmt-2"});
  EXPECT_EQ(cash->alert.amount, Pence(30000));
  EXPECT_THAT(cash->alert.sentence, HasSubstr("£300.00"));

  // The finance officer cannot act on it; the lead acknowledges, then closes it with a note.
  EXPECT_EQ(
      t_.monitoring().UpdateAlert(As(finance_), cash->alert.id, {"acknowledge", ""}).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(t_.monitoring()
                .UpdateAlert(As(lead_), cash->alert.id, {"close", ""})
                .error()
                .fields.at(0)
                .field,
            "notes");
  const AlertId id = cash->alert.id;
  auto ack = t_.monitoring().UpdateAlert(As(lead_), id, {"acknowledge", "Calling Ada today"});
  ASSERT_TRUE(ack.has_value()) << ack.error().message;
  EXPECT_EQ(ack->alert.status, ledger::AlertStatus::kAcknowledged);
  auto closed =
      t_.monitoring().UpdateAlert(As(lead_), id, {"close", "A new fridge, paid in cash; fine"});
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  EXPECT_EQ(closed->alert.status, ledger::AlertStatus::kClosed);
  EXPECT_EQ(closed->alert.notes, "Calling Ada today\nA new fridge, paid in cash; fine");
  EXPECT_THAT(KindsFor(lead_), ::testing::Not(::testing::Contains("large_cash_withdrawal")));
}

TEST_F(MonitoringTest, AnAlertQuotesItsSpendLinesAndSaysWhatTheReaderMayOpen) {
  Pay("2026-11-22");
  Pay("2026-12-20");
  Pay("2027-01-17");
  Spend("stmt-9", "Cash", 30000, "2027-01-18T09:30:00.000Z", "ATM cash withdrawal");
  ASSERT_TRUE(t_.monitoring().Run(As(finance_), D("2027-01-18")));

  const auto find = [&](const User& u, ledger::AlertKind kind) {
    auto alerts = t_.monitoring().Alerts(As(u));
    EXPECT_TRUE(alerts.has_value()) << alerts.error().message;
    for (AlertView& v : alerts.value_or(std::vector<AlertView>{})) {
      if (v.alert.kind == kind) return std::optional<AlertView>(std::move(v));
    }
    return std::optional<AlertView>();
  };
  // The social worker: the withdrawal itself, and Ada's record (she is on the caseload).
  auto worker = find(worker_, ledger::AlertKind::kLargeCashWithdrawal);
  ASSERT_TRUE(worker.has_value());
  ASSERT_EQ(worker->evidence_lines.size(), 1u);
  const EvidenceLine& line = worker->evidence_lines.front();
  EXPECT_EQ(line.id, "stmt-9");
  EXPECT_EQ(line.on, D("2027-01-18"));
  EXPECT_EQ(line.payee, "Cash");
  EXPECT_EQ(line.reference, "ATM cash withdrawal");
  EXPECT_EQ(line.amount, Pence(30000));
  EXPECT_TRUE(worker->may_view_record);
  EXPECT_TRUE(worker->may_view_budget);
  // The safeguarding lead sees the same evidence, but no concern is on record: neither her case
  // record nor her budget is theirs to open.
  auto lead = find(lead_, ledger::AlertKind::kLargeCashWithdrawal);
  ASSERT_TRUE(lead.has_value());
  EXPECT_EQ(lead->evidence_lines.size(), 1u);
  EXPECT_FALSE(lead->may_view_record);
  EXPECT_FALSE(lead->may_view_budget);
  // The finance officer: the surplus, which quotes no lines; the money, not the case record.
  auto finance = find(finance_, ledger::AlertKind::kSurplus);
  ASSERT_TRUE(finance.has_value());
  EXPECT_TRUE(finance->evidence_lines.empty());
  EXPECT_FALSE(finance->may_view_record);
  EXPECT_TRUE(finance->may_view_budget);
  // Acting on an alert answers with the same description.
  auto ack = t_.monitoring().UpdateAlert(As(worker_), worker->alert.id, {"acknowledge", ""});
  ASSERT_TRUE(ack.has_value()) << ack.error().message;
  EXPECT_EQ(ack->evidence_lines.size(), 1u);
  EXPECT_TRUE(ack->may_view_record);
}

TEST_F(MonitoringTest, AnImportedStatementsLinesAreKnownByThePayeeTheStatementNamed) {
  // Every imported line is paid into one shared account: the payee is the statement's own.
  std::ifstream in(
      std::string(SELFDIRECT_SOURCE_DIR) + "/docs/samples/statement-formats/northern-bank.yaml",
      std::ios::binary);
  std::stringstream yaml;
  yaml << in.rdbuf();
  ASSERT_TRUE(t_.statements().AddFormat(As(finance_), {"Northern Bank", yaml.str(), {}}));
  Pay("2026-11-22");
  const LedgerAccountId holding = AccountOf(ledger::AccountType::kDirectPaymentHolding).id;
  auto imported = t_.statements().Import(As(finance_), holding, "Northern Bank",
                                         "Date,Type,Description,Reference,Amount,Balance\n"
                                         "22/11/2026,SO,SAM,PA WAGES,-200.00,600.00\n"
                                         "22/11/2026,ATM,CASH MACHINE HIGH ST,,-300.00,300.00\n");
  ASSERT_TRUE(imported.has_value()) << imported.error().message;

  auto run = t_.monitoring().Run(As(finance_), D("2026-11-22"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->raised["large_cash_withdrawal"], 1);
  // Sam is the plan's personal assistant: paying her is not spending outside the plan.
  EXPECT_EQ(run->raised.count("outside_plan"), 0u);
  auto alerts = t_.monitoring().Alerts(As(worker_));
  ASSERT_TRUE(alerts.has_value()) << alerts.error().message;
  const AlertView* cash = nullptr;
  for (const AlertView& v : *alerts) {
    if (v.alert.kind == ledger::AlertKind::kLargeCashWithdrawal) cash = &v;
  }
  ASSERT_NE(cash, nullptr);
  ASSERT_EQ(cash->evidence_lines.size(), 1u);
  EXPECT_EQ(cash->evidence_lines.front().payee, "CASH MACHINE HIGH ST");
  EXPECT_EQ(cash->evidence_lines.front().amount, Pence(30000));
}

// The alerts come a page at a time: new ones first, newest first, then those being looked into;
// every page says how many there are in all, and a page after the last is the last.
TEST_F(MonitoringTest, AlertsComeAPageAtATimeNewOnesFirst) {
  Pay("2026-11-22");
  Spend("stmt-1", "Cash", 30000, "2026-11-23T10:00:00.000Z", "ATM cash withdrawal");
  Spend("stmt-2", "Sam", 40000, "2026-11-23T12:00:00.000Z", "PA wages");
  ASSERT_TRUE(t_.monitoring().Run(As(finance_), D("2026-11-24")));
  auto all = t_.monitoring().Alerts(As(worker_));
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_GE(all->size(), 2u) << ::testing::PrintToString(KindsFor(worker_));
  const auto n = static_cast<int>(all->size());
  // The newest alert is acknowledged: it goes to the end, after every new one.
  const AlertId looked_at = all->front().alert.id;
  ASSERT_TRUE(t_.monitoring().UpdateAlert(As(worker_), looked_at, {"acknowledge", "Asking"}));

  std::vector<std::string> paged;
  for (int page = 1; page <= n; ++page) {
    auto one = t_.monitoring().AlertsPage(As(worker_), false, page, 1);
    ASSERT_TRUE(one.has_value()) << one.error().message;
    EXPECT_EQ(one->page, page);
    EXPECT_EQ(one->pages, n);
    EXPECT_EQ(one->open, n - 1);
    EXPECT_EQ(one->acknowledged, 1);
    EXPECT_EQ(one->total(), n);
    ASSERT_EQ(one->alerts.size(), 1u);
    EXPECT_EQ(one->alerts.front().alert.status,
              page < n ? ledger::AlertStatus::kOpen : ledger::AlertStatus::kAcknowledged);
    EXPECT_FALSE(one->alerts.front().person_name.empty());
    paged.push_back(one->alerts.front().alert.id.str());
  }
  EXPECT_EQ(paged.back(), looked_at.str());
  std::sort(paged.begin(), paged.end());
  EXPECT_EQ(std::unique(paged.begin(), paged.end()), paged.end()) << "an alert on two pages";
  auto beyond = t_.monitoring().AlertsPage(As(worker_), false, n + 5, 1);
  ASSERT_TRUE(beyond.has_value());
  EXPECT_EQ(beyond->page, n);
  auto whole = t_.monitoring().AlertsPage(As(worker_), false, 1);
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(whole->pages, 1);
  EXPECT_EQ(static_cast<int>(whole->alerts.size()), n);
}

TEST_F(MonitoringTest, AnExhaustionAlertWhenTheMoneyRunsOutBeforeThePeriodEnds) {
  Pay("2026-11-22");
  // £700.00 of the £800.00 for four weeks gone in two days.
  Spend("stmt-1", "Sam", 40000, "2026-11-22T12:00:00.000Z", "PA wages");
  Spend("stmt-2", "Sam", 30000, "2026-11-23T12:00:00.000Z", "PA wages");
  auto run = t_.monitoring().Run(As(finance_), D("2026-11-23"));
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->raised["exhaustion"], 1);
  auto alerts = t_.monitoring().Alerts(As(finance_));
  ASSERT_TRUE(alerts.has_value());
  ASSERT_THAT(KindsFor(finance_), ::testing::Contains("exhaustion"));
  for (const AlertView& v : *alerts) {
    if (v.alert.kind == ledger::AlertKind::kExhaustion) {
      EXPECT_EQ(v.alert.recipient, "finance_officer");
      EXPECT_EQ(v.alert.balance, Pence(10000));
      EXPECT_FALSE(v.alert.sentence.empty());
    }
  }
  // Nobody but finance officers and the operator runs the checks; a bad date is named.
  EXPECT_EQ(t_.monitoring().Run(As(worker_), D("2026-11-23")).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(t_.monitoring().Run(As(finance_), "23/11/2026").error().fields.at(0).field, "date");
  // The checks read today's balances: a later date is refused, naming the field.
  auto later = t_.monitoring().Run(As(finance_), "2099-01-01");
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error().fields.at(0).field, "date");
  ExpectBooksBalance();
}

}  // namespace
}  // namespace selfdirect::app
