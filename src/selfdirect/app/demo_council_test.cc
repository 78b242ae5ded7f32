#include "selfdirect/app/demo_council.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>

#include "selfdirect/ledger/transfer.h"
#include "selfdirect/ras/explain.h"
#include "selfdirect/ras/inputs.h"
#include "selfdirect/ras/model_loader.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::HasSubstr;

DemoCouncilOptions Options(std::int64_t people, std::uint64_t seed) {
  DemoCouncilOptions o;
  o.people = people;
  o.seed = seed;
  o.as_of = ParseIsoDate("2026-11-23").value();
  o.hash_strength = HashStrength::kMinimum;
  return o;
}

// Every table's rows as text, each table's rows sorted, with what is random by design (password
// hashes and one-time link tokens, whose salt and value come from the operating system) masked.
std::map<std::string, std::vector<std::string>> Tables(store::Database& db) {
  std::map<std::string, std::vector<std::string>> out;
  auto s = db.Read([&](store::Connection& c) -> Status {
    std::vector<std::string> names;
    sqlite3_stmt* list = nullptr;
    sqlite3_prepare_v2(c.raw(), "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &list,
                       nullptr);
    while (sqlite3_step(list) == SQLITE_ROW) {
      names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(list, 0)));
    }
    sqlite3_finalize(list);
    for (const std::string& name : names) {
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(c.raw(), ("SELECT * FROM " + name).c_str(), -1, &st, nullptr);
      std::vector<std::string>& rows = out[name];
      while (sqlite3_step(st) == SQLITE_ROW) {
        std::string row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
          const std::string column = sqlite3_column_name(st, i);
          const unsigned char* text = sqlite3_column_text(st, i);
          const bool masked = (name == "users" && column == "password_hash") ||
                              (name == "password_links" && column == "token_hash");
          row += masked ? "*" : text ? reinterpret_cast<const char*>(text) : "NULL";
          row += '|';
        }
        rows.push_back(std::move(row));
      }
      sqlite3_finalize(st);
      std::sort(rows.begin(), rows.end());
    }
    return Ok();
  });
  if (!s) throw std::runtime_error(s.error().message);
  return out;
}

TEST(DemoCouncil, TheSameSeedWritesTheSameDatabaseAndAnotherSeedAnother) {
  testing::TestApp a, b, c;
  auto first = LoadDemoCouncil(a.store(), Options(150, 11));
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_TRUE(LoadDemoCouncil(b.store(), Options(150, 11)));
  ASSERT_TRUE(LoadDemoCouncil(c.store(), Options(150, 12)));
  const auto ta = Tables(a.db()), tb = Tables(b.db()), tc = Tables(c.db());
  ASSERT_EQ(ta.size(), tb.size());
  for (const auto& [name, rows] : ta) {
    EXPECT_EQ(rows, tb.at(name)) << "table " << name;
  }
  EXPECT_EQ(ta.at("people").size(), 150u);
  EXPECT_GT(ta.at("plan_decisions").size(), 90u);
  EXPECT_GT(ta.at("budgets").size(), 90u);
  EXPECT_GT(ta.at("audit_log").size(), 700u);
  EXPECT_NE(ta.at("people"), tc.at("people"));
  EXPECT_EQ(first->people, 150);
  EXPECT_EQ(first->signed_off + first->awaiting_sign_off + first->planning + first->in_assessment +
                first->not_eligible + first->no_further_action + first->closed,
            150);
}

class LoadedDemo : public ::testing::Test {
 protected:
  LoadedDemo() {
    // Seed 11 gives this small council both pools (docs/synthetic.md#pools).
    auto r = LoadDemoCouncil(t_.store(), Options(300, 11));
    if (!r) throw std::runtime_error(r.error().message);
    report_ = std::move(*r);
  }
  Context Operator() {
    Context ctx = Context::Operator("test");
    ctx.actor.council_id = report_.council.id;
    return ctx;
  }
  // The demo user with this email.
  User Demo(const std::string& email) {
    auto u = t_.accounts().FindUserByEmail(Context::Operator("test"), std::string(kDemoCouncilCode),
                                           email);
    if (!u) throw std::runtime_error("no demo user " + email + ": " + u.error().message);
    return *u;
  }
  static Context As(const User& u) { return {Actor{u.council_id, u.id, u.roles}, "t", ""}; }
  testing::TestApp t_;
  DemoCouncilReport report_;
};

TEST_F(LoadedDemo, EveryStoredIndicativeBudgetIsTheModelWorkedOutOnItsAnswers) {
  auto model = ras::LoadModel(DemoRasModel(), "points-price.yaml");
  ASSERT_TRUE(model.has_value());
  int checked = 0;
  auto s = t_.store().Read([&](store::Transaction& tx) -> Status {
    casework::PeopleQuery q;
    q.council = report_.council.id;
    q.limit = 1000;
    auto people = tx.Casework().ListPeople(q);
    if (!people) return tl::unexpected(people.error());
    for (const auto& record : *people) {
      auto a = tx.Casework().LatestAssessment(report_.council.id, record.person.id);
      if (!a) return tl::unexpected(a.error());
      if (!*a) continue;
      ras::RawAnswers answers;
      for (const auto& [id, text] : (*a)->answers) {
        answers.emplace_back(id, ras::RawAnswer{ras::RawAnswer::Kind::kCell, text, false});
      }
      auto inputs = ras::ValidateAnswers(**model, answers);
      EXPECT_TRUE(inputs.has_value()) << inputs.error().message;
      if (!inputs) continue;
      auto explained = ras::Explain(**model, *inputs);
      EXPECT_EQ(explained->amount_pence, (*a)->amount_pence) << record.person.id.str();
      EXPECT_EQ((*a)->model_id, "points-price");
      ++checked;
    }
    return Ok();
  });
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_GT(checked, 230);
}

TEST_F(LoadedDemo, EveryRoleHasASignInThatWorks) {
  std::vector<std::string> roles;
  for (const DemoSignIn& s : report_.sign_ins) {
    roles.push_back(s.role);
    auto signed_in = t_.accounts().SignIn(Context::Operator("test"),
                                          {std::string(kDemoCouncilCode), s.email, s.password});
    EXPECT_TRUE(signed_in.has_value()) << s.email;
  }
  EXPECT_THAT(roles, ::testing::UnorderedElementsAre("Administrator", "Social worker", "Approver",
                                                     "Finance officer", "Commissioner",
                                                     "Safeguarding lead", "Analyst", "Auditor",
                                                     "Budget holder", "Representative"));
}

TEST_F(LoadedDemo, TheSocialWorkerHasACaseloadAndTheBudgetHolderABudget) {
  const User worker = Demo("social.worker@demoshire.example");
  const Context as_worker = As(worker);
  auto caseload = t_.casework().Caseload(as_worker, std::nullopt, "", 500);
  ASSERT_TRUE(caseload.has_value()) << caseload.error().message;
  EXPECT_GT(caseload->size(), 100u);
  EXPECT_LT(caseload->size(), 200u);  // the North team's half

  const User holder = Demo("budget.holder@demoshire.example");
  const Context as_holder = As(holder);
  auto budget = t_.casework().Budget(as_holder, PersonId(holder.person_id));
  ASSERT_TRUE(budget.has_value()) << budget.error().message;
  EXPECT_GT(budget->in_force.decision.actual_annual->value(), 0);
}

TEST_F(LoadedDemo, TheMarketReviewsAndClosuresAreWrittenThroughTheUseCases) {
  const auto tables = Tables(t_.db());
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("providers").size()), report_.providers);
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("services").size()), report_.services);
  EXPECT_GE(report_.providers, 10);
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("reviews").size()), report_.reviews);
  EXPECT_GT(report_.reviews, 150);
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("closures").size()), report_.closed);
  EXPECT_GT(report_.closed, 10);
  EXPECT_GT(tables.at("personal_assistants").size(), 5u);
  // Plan items name their directory service (the column is NULL when they do not).
  const auto& items = tables.at("plan_items");
  std::vector<std::string> service_ids;  // the second column: council_id|service_id|…
  for (const std::string& row : tables.at("services")) {
    const auto from = row.find('|') + 1;
    service_ids.push_back(row.substr(from, row.find('|', from) - from));
  }
  const auto named = std::count_if(items.begin(), items.end(), [&](const std::string& row) {
    return std::any_of(service_ids.begin(), service_ids.end(), [&](const std::string& id) {
      return row.find("|" + id + "|") != std::string::npos;
    });
  });
  EXPECT_GT(named, static_cast<std::int64_t>(items.size()) / 2);

  // The commissioner sees demand for every kind of support the plans buy.
  const User commissioner = Demo("commissioner@demoshire.example");
  const Context as_commissioner = As(commissioner);
  auto shaping = t_.market().Shaping(as_commissioner, 28);
  ASSERT_TRUE(shaping.has_value()) << shaping.error().message;
  EXPECT_GT(shaping->people_in_force, 100);
}

TEST_F(LoadedDemo, MoneyMovesThroughPaymentRunsAndCardStatementsAndTheBooksBalance) {
  const auto tables = Tables(t_.db());
  // Three years of runs every four weeks, less the first weeks before any budget was signed off.
  EXPECT_GE(report_.payment_runs, 34);
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("payment_runs").size()), report_.payment_runs);
  EXPECT_GT(report_.statements, 20);
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("statement_imports").size()), report_.statements);
  EXPECT_GT(tables.at("ledger_transfers").size(), 1000u);
  // Every transfer here was made by a flow, and each took an id the ledger API will not let a
  // hand-made transfer take (ledger::ReservedPrefixOf).
  for (const std::string& row : tables.at("ledger_transfers")) {
    const auto id_from = row.find('|') + 1;
    const std::string id = row.substr(id_from, row.find('|', id_from) - id_from);
    EXPECT_TRUE(ledger::ReservedPrefixOf(id).has_value()) << id;
  }
  // Some holders underspend and some run short: the monitoring run finds both kinds.
  EXPECT_GT(report_.alerts, 0);
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("monitoring_alerts").size()), report_.alerts);

  auto checks = t_.ledger().Verify(Operator());
  ASSERT_TRUE(checks.has_value()) << checks.error().message;
  for (const auto& c : *checks) {
    EXPECT_TRUE(c.mismatches.empty());
    EXPECT_TRUE(c.problems.empty());
    EXPECT_EQ(c.debits_posted, c.credits_posted);
  }

  // The budget holder sees money in and out, and a chart of it.
  const User holder = Demo("budget.holder@demoshire.example");
  const Context as_holder = As(holder);
  auto money = t_.money().Of(as_holder, PersonId(holder.person_id));
  ASSERT_TRUE(money.has_value()) << money.error().message;
  EXPECT_GT(money->money_in_total.value(), 0);
  EXPECT_GT(money->money_out_total.value(), 0);
  EXPECT_FALSE(money->burn_down.empty());
}

TEST_F(LoadedDemo, AFinanceOfficerDecidesEachRunsOverpaymentsBeforeTheNextRun) {
  EXPECT_GT(report_.overpayments_decided, 0);
  // Each one decided is recovered (or credited back) through the use case: in the audit trail.
  const auto tables = Tables(t_.db());
  const auto& audit = tables.at("audit_log");
  EXPECT_EQ(std::count_if(audit.begin(), audit.end(),
                          [](const auto& row) {
                            return row.find("|payments.overpayment.recover|") != std::string::npos;
                          }),
            report_.overpayments_decided);
}

TEST_F(LoadedDemo, ContributionsConcernsAndTopUpsAreWrittenThroughTheUseCases) {
  const auto tables = Tables(t_.db());
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("contributions").size()), report_.contributions);
  EXPECT_GT(report_.contributions, 200);
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("safeguarding_concerns").size()), report_.concerns);
  EXPECT_GT(report_.concerns, 0);
  // Card statements carry money paid in: own contributions and family top-ups.
  const auto& transfers = tables.at("ledger_transfers");
  const auto top_ups = std::count_if(transfers.begin(), transfers.end(), [](const auto& row) {
    return row.find("|top_up|") != std::string::npos;
  });
  EXPECT_GT(top_ups, 0);
  // Most people pay their contribution into the council's bank, which its bank file records;
  // some lines are left for the finance officer.
  EXPECT_GT(report_.contribution_payments, 100);
  EXPECT_GT(report_.bank_lines_for_you, 0);
  EXPECT_EQ(std::count_if(transfers.begin(), transfers.end(),
                          [](const auto& row) {
                            return row.find("|contribution-paid:bank-") != std::string::npos;
                          }) > 0,
            true);

  // The safeguarding lead finds the concerns: each one the social worker raised, at its stage.
  const User lead = Demo("safeguarding@demoshire.example");
  const Context as_lead = As(lead);
  auto queue = t_.safeguarding().Queue(as_lead);
  ASSERT_TRUE(queue.has_value()) << queue.error().message;
  for (const ConcernView& v : *queue) {
    EXPECT_NE(v.concern.status, casework::ConcernStatus::kClosed);
    EXPECT_EQ(v.concern.raiser, casework::Raiser::kStaff);
    EXPECT_TRUE(v.concern.plan.has_value());
    EXPECT_FALSE(v.person_name.empty());
  }
  EXPECT_LE(static_cast<std::int64_t>(queue->size()), report_.concerns);
  // The monitoring has a signal for the lead: someone new taking most of a holder's money.
  const auto& alerts = tables.at("monitoring_alerts");
  EXPECT_TRUE(std::any_of(alerts.begin(), alerts.end(), [](const std::string& row) {
    return row.find("new_payee") != std::string::npos &&
           row.find("safeguarding_lead") != std::string::npos;
  }));
}

TEST_F(LoadedDemo, PoolsCollectTheirSharesEveryFourWeeksAndEachMemberHasAStatement) {
  const auto tables = Tables(t_.db());
  EXPECT_EQ(report_.pools, 2);
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("pools").size()), report_.pools);
  const User social_worker = Demo("social.worker@demoshire.example");
  const Context as_worker = As(social_worker);
  int left = 0;
  for (const std::string& row : tables.at("pools")) {
    const auto from = row.find('|') + 1;
    const market::PoolId id(row.substr(from, row.find('|', from) - from));
    auto view = t_.pools().Get(as_worker, id);
    ASSERT_TRUE(view.has_value()) << view.error().message;
    EXPECT_EQ(view->pool.status, market::PoolStatus::kActive);
    for (const PoolMemberView& m : view->members) {
      EXPECT_TRUE(m.consented_at.has_value());
      auto statement = t_.pools().Statement(as_worker, id, PersonId(m.reference));
      ASSERT_TRUE(statement.has_value()) << statement.error().message;
      // Months of shares in, and the service paid for out of them.
      EXPECT_GT(statement->periods.size(), 3u) << view->pool.name;
      EXPECT_GT(statement->put_in.value(), 0);
      EXPECT_FALSE(statement->money_out.empty());
      if (m.status == market::MemberStatus::kLeft) ++left;
    }
  }
  // One member left the art group and took their part of the balance.
  EXPECT_EQ(left, 1);
}

TEST_F(LoadedDemo, ProviderInvoicesMatchThePlansAndAHandfulAreHeldForTheFinanceOfficer) {
  const auto tables = Tables(t_.db());
  EXPECT_EQ(static_cast<std::int64_t>(tables.at("provider_invoices").size()), report_.invoices);
  EXPECT_GT(report_.invoices, 100);
  std::map<ledger::InvoiceStatus, std::vector<ledger::Invoice>> by_status;
  auto s = t_.store().Read([&](store::Transaction& tx) -> Status {
    for (const auto status : {ledger::InvoiceStatus::kMatched, ledger::InvoiceStatus::kHeld,
                              ledger::InvoiceStatus::kApproved, ledger::InvoiceStatus::kRejected}) {
      auto found = tx.Invoices().InvoicesWithStatus(report_.council.id, status, 100'000);
      if (!found) return tl::unexpected(found.error());
      by_status[status] = std::move(*found);
    }
    return Ok();
  });
  ASSERT_TRUE(s.has_value()) << s.error().message;
  const auto& matched = by_status[ledger::InvoiceStatus::kMatched];
  const auto& held = by_status[ledger::InvoiceStatus::kHeld];
  // Most match the plan (units × the plan's price) and are posted to the books.
  EXPECT_GT(static_cast<std::int64_t>(matched.size()), report_.invoices * 9 / 10);
  for (const ledger::Invoice& i : matched) {
    EXPECT_TRUE(i.posted()) << i.facts.number;
    EXPECT_TRUE(i.plan_item.has_value()) << i.facts.number;
    EXPECT_EQ(i.expected, i.facts.total) << i.facts.number;
  }
  // A handful are held, each with its reasons; earlier ones were decided with a reason.
  EXPECT_EQ(static_cast<std::int64_t>(held.size()), report_.invoices_held);
  EXPECT_GE(held.size(), 3u);
  EXPECT_LE(held.size(), 8u);
  std::vector<ledger::Invoice> not_matched = held;
  for (const auto status : {ledger::InvoiceStatus::kApproved, ledger::InvoiceStatus::kRejected}) {
    EXPECT_FALSE(by_status[status].empty()) << ledger::InvoiceStatusName(status);
    for (const ledger::Invoice& i : by_status[status]) {
      EXPECT_FALSE(i.decision_reason.empty()) << i.facts.number;
      EXPECT_EQ(i.posted(), status == ledger::InvoiceStatus::kApproved) << i.facts.number;
      not_matched.push_back(i);
    }
  }
  for (const ledger::Invoice& i : held) EXPECT_FALSE(i.posted()) << i.facts.number;
  // Every kind of mismatch: more units than planned, a price above the plan's, a provider the
  // plan does not name, days billed twice.
  std::map<std::string, int> kinds;
  for (const ledger::Invoice& i : not_matched) {
    ASSERT_FALSE(i.hold_reasons.empty()) << i.facts.number;
    for (const char* kind : {"more than the", "is not the plan's",
                             "has no council-arranged service", "has already billed days"}) {
      if (i.hold_reasons.front().find(kind) != std::string::npos) ++kinds[kind];
    }
  }
  EXPECT_EQ(kinds.size(), 4u) << ::testing::PrintToString(kinds);

  // The finance officer's page shows the held ones first, the others and the exports made.
  const User finance = Demo("finance@demoshire.example");
  const Context as_finance = As(finance);
  auto list = t_.invoices().List(as_finance);
  ASSERT_TRUE(list.has_value()) << list.error().message;
  EXPECT_EQ(list->held.size(), held.size());
  for (const InvoiceView& v : list->held) EXPECT_FALSE(v.person_name.empty());
  EXPECT_FALSE(list->recent.empty());
  EXPECT_FALSE(list->exports.empty());
  EXPECT_GT(list->to_export, 0);

  // Each posted invoice is one transfer in the books, and they still balance.
  const auto& transfers = tables.at("ledger_transfers");
  const auto posted = std::count_if(transfers.begin(), transfers.end(), [](const auto& row) {
    return row.find("|invoice|") != std::string::npos;
  });
  EXPECT_EQ(static_cast<std::size_t>(posted),
            matched.size() + by_status[ledger::InvoiceStatus::kApproved].size());
  auto checks = t_.ledger().Verify(Operator());
  ASSERT_TRUE(checks.has_value()) << checks.error().message;
  for (const auto& c : *checks) {
    EXPECT_TRUE(c.mismatches.empty());
    EXPECT_TRUE(c.problems.empty());
  }
}

TEST_F(LoadedDemo, ASecondLoadIsRefusedAndChangesNothing) {
  const auto before = Tables(t_.db());
  auto again = LoadDemoCouncil(t_.store(), Options(10, 1));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(again.error().message, HasSubstr("already has a council"));
  EXPECT_THAT(again.error().message, HasSubstr("with people on its records"));
  EXPECT_EQ(Tables(t_.db()), before);
}

TEST(DemoCouncil, AbsurdNumbersOfPeopleAreRefusedBeforeAnythingIsWritten) {
  testing::TestApp t;
  for (std::int64_t people : {std::int64_t{0}, std::int64_t{-5}, std::int64_t{2'000'000}}) {
    auto r = LoadDemoCouncil(t.store(), Options(people, 1));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().fields.at(0).field, "people");
  }
  EXPECT_EQ(WhyNotEmpty(t.store()).value(), "");
}

}  // namespace
}  // namespace selfdirect::app
