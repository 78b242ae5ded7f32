// A council with many budgets in payment, written straight through the repositories in one
// transaction: what a payment run's crash test and benchmark start from. Making 10,000 people
// through assessment and sign-off would take minutes; this writes what sign-off leaves behind
// (app::Payments::OnSignOff): the person, the budget's accounts, the budget with its terms and
// one-off items, where the money is paid, and the council's commitment of the rest of the
// financial year from its fund.
//
//   testing::PaymentCouncil built = testing::BuildPaymentCouncil(path, {.budgets = 10'000});
//   testing::PaymentApp app(path);                 // the store and use cases over the file
//   auto run = app.payments().RunDate(testing::PaymentApp::Operator(built.council.id),
//                                     built.options.start);
//
// Every budget starts on the same day and is paid four-weekly in advance. Some people have no
// payment details (their direct payments are held), some also have a managed budget, some pay
// a contribution (the scheme collects it gross, so it is a line of its own), some have a
// one-off item and some council-arranged care (committed, never a payment). Amounts are random
// but fixed by the seed.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "selfdirect/app/application.h"
#include "selfdirect/app/ledger.h"
#include "selfdirect/app/payments.h"
#include "selfdirect/store/migrations.h"
#include "selfdirect/store/sqlite_store.h"

namespace selfdirect::testing {

struct PaymentCouncilOptions {
  int budgets = 10'000;
  // Every budget's first day (a Sunday, the day payments_test.cc's budgets start).
  Date start = ParseIsoDate("2026-11-22").value();
  int held_every = 20;          // every 20th person has no payment details
  int managed_every = 40;       // every 40th also has a managed budget (with its details)
  int contribution_every = 25;  // every 25th pays a weekly contribution
  int one_off_every = 50;       // every 50th has a one-off item paid on the start
  std::uint32_t seed = 20261123;
};

// What was built, for checks.
struct PaymentCouncil {
  PaymentCouncilOptions options;
  Council council;
  Scheme scheme;
  LedgerAccountId fund;
  std::vector<ledger::BudgetRecord> budgets;  // in id order, as BudgetsInPayment reads them
  std::set<std::string> held_people;          // ids of people without direct-payment details
};

inline Timestamp PaymentCouncilTime() { return ParseTimestamp("2026-11-22T09:00:00.000Z").value(); }

// The store and the use cases a run needs, over a database file that exists and is migrated.
// A process that forks must not carry one of these into the child: SQLite's locks belong to
// the process that opened the file.
class PaymentApp {
 public:
  explicit PaymentApp(const std::string& path, Timestamp now = PaymentCouncilTime()) : clock_(now) {
    auto db = store::Database::Open({.path = path});
    if (!db) throw std::runtime_error(db.error().message);
    db_ = std::move(*db);
    store_ = std::make_unique<store::SqliteStore>(*db_);
    payments_ = std::make_unique<app::Payments>(*store_, clock_, ids_);
    ledger_ = std::make_unique<app::Ledger>(*store_, clock_, ids_);
  }

  // The command line's context for the council's payments (`selfdirect payments run`).
  static app::Context Operator(const CouncilId& council) {
    app::Context ctx = app::Context::Operator("payments run");
    ctx.actor.council_id = council;
    return ctx;
  }

  store::Store& store() { return *store_; }
  app::Payments& payments() { return *payments_; }
  app::Ledger& ledger() { return *ledger_; }
  FixedClock& clock() { return clock_; }
  UlidGenerator& ids() { return ids_; }

 private:
  FixedClock clock_;
  UlidGenerator ids_{clock_};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<app::Payments> payments_;
  std::unique_ptr<app::Ledger> ledger_;
};

namespace payment_council_detail {

inline void Check(const Status& s, const char* what) {
  if (!s) throw std::runtime_error(std::string(what) + ": " + s.error().message);
}

inline ledger::Account NewAccount(const CouncilId& council, UlidGenerator& ids,
                                  ledger::AccountType type, ledger::Owner owner,
                                  std::optional<SchemeId> scheme, std::string name, Timestamp now) {
  ledger::Account a;
  a.council = council;
  a.id = LedgerAccountId(ids.Next());
  a.type = type;
  a.owner = std::move(owner);
  a.scheme = std::move(scheme);
  a.name = std::move(name);
  a.flags = ledger::DefaultFlags(type);
  a.created_at = now;
  return a;
}

}  // namespace payment_council_detail

// Creates the database file at `path` (which must not exist), migrates it and writes the
// council. Throws std::runtime_error when anything fails: a test's setup, not a use case.
inline PaymentCouncil BuildPaymentCouncil(const std::string& path,
                                          const PaymentCouncilOptions& options = {}) {
  using payment_council_detail::Check;
  using payment_council_detail::NewAccount;
  PaymentCouncil out;
  out.options = options;
  const Timestamp now = PaymentCouncilTime();
  FixedClock clock(now);
  UlidGenerator ids(clock);
  auto db = store::Database::Open({.path = path});
  if (!db) throw std::runtime_error(db.error().message);
  if (auto m = store::Migrate(**db, clock); !m) throw std::runtime_error(m.error().message);
  store::SqliteStore store(**db);
  app::Application application(store, clock, ids);

  const app::Context op = app::Context::Operator("build payment council");
  auto council = application.CreateCouncil(op, {"E06000001", "Hartlepool"});
  if (!council) throw std::runtime_error(council.error().message);
  out.council = *council;
  auto scheme =
      application.CreateScheme(op, council->id,
                               NewScheme{.name = "Adult social care",
                                         .kind = "adult-social-care",
                                         .contribution_collection = std::string("gross")});
  if (!scheme) throw std::runtime_error(scheme.error().message);
  out.scheme = *scheme;
  const CouncilId& cid = council->id;

  std::mt19937 random(options.seed);
  const auto pounds = [&](int lo, int hi) {
    return Pence(100 * (lo + static_cast<int>(random() % static_cast<unsigned>(hi - lo + 1))) +
                 static_cast<int>(random() % 100));
  };
  const char* given[] = {"Ada", "Bilal", "Margaret", "Tomasz", "Grace", "Ravi", "Siobhan", "Wei"};
  const char* family[] = {"Okafor", "Hussain", "Lowe", "Nowak", "Adeyemi", "Patel", "Byrne"};

  Check(store.Write([&](store::Transaction& tx) -> Status {
    // No run of this size needs a second finance officer here: the crash test and the
    // benchmark run from the command line, which never approves.
    if (auto s = tx.Payments().SetApprovalThreshold(cid, Pence(100'000'000'000), now, UserId());
        !s) {
      return s;
    }
    const ledger::Account fund = NewAccount(cid, ids, ledger::AccountType::kCouncilFund,
                                            {ledger::OwnerKind::kCouncil, cid.str()}, std::nullopt,
                                            "Personal budgets fund", now);
    if (auto s = tx.Ledger().CreateAccount(fund); !s) return s;
    out.fund = fund.id;

    std::vector<ledger::Transfer> commitments;
    commitments.reserve(static_cast<std::size_t>(options.budgets));
    for (int i = 1; i <= options.budgets; ++i) {
      casework::Person p;
      p.council = cid;
      p.id = PersonId(ids.Next());
      p.given_name = given[random() % 8];
      p.family_name = family[random() % 7];
      p.date_of_birth = ParseIsoDate("1948-03-27").value();
      p.address = std::to_string(i) + " High Street, Hartlepool";
      p.postcode = "TS24 7AB";
      p.primary_support_reason = "physical_personal_care";
      p.has_unpaid_carer = "not_known";
      p.created_at = now;
      casework::CaseState state;
      state.stage = casework::Stage::kActive;
      state.has_active_plan = true;
      if (auto s = tx.Casework().CreatePerson(p, state); !s) return s;

      const ledger::Owner owner{ledger::OwnerKind::kPerson, p.id.str()};
      const bool managed = i % options.managed_every == 0;
      const bool contributes = i % options.contribution_every == 0;
      const bool one_off = i % options.one_off_every == 0;
      const bool held = i % options.held_every == 0;

      ledger::BudgetRecord b;
      b.council = cid;
      b.id = BudgetId(ids.Next());
      b.person = p.id;
      b.scheme = scheme->id;
      b.start = options.start;
      b.collection = ledger::ContributionCollection::kGross;
      b.interval = scheme->settings.payment_interval;
      b.weeks_per_year = scheme->settings.weeks_per_year;
      b.created_at = now;
      std::vector<ledger::Account> accounts;
      accounts.push_back(NewAccount(cid, ids, ledger::AccountType::kBudgetCommitment, owner,
                                    scheme->id, p.FullName() + "'s budget", now));
      b.commitment_account = accounts.back().id;
      accounts.push_back(NewAccount(cid, ids, ledger::AccountType::kDirectPaymentHolding, owner,
                                    scheme->id, p.FullName() + "'s direct payment", now));
      b.holding_account = accounts.back().id;
      if (managed) {
        accounts.push_back(NewAccount(cid, ids, ledger::AccountType::kManagedBudget, owner,
                                      scheme->id, p.FullName() + "'s managed budget", now));
        b.managed_account = accounts.back().id;
      }
      if (contributes) {
        accounts.push_back(NewAccount(cid, ids, ledger::AccountType::kContributionReceivable, owner,
                                      scheme->id, p.FullName() + "'s contribution", now));
        b.contribution_account = accounts.back().id;
      }
      for (const ledger::Account& a : accounts) {
        if (auto s = tx.Ledger().CreateAccount(a); !s) return s;
      }
      ledger::StoredTerms terms;
      terms.plan = PlanId(ids.Next());
      terms.terms.from = options.start;
      terms.terms.direct_payment.per_week = pounds(80, 600);
      if (managed) terms.terms.managed_budget.per_week = pounds(50, 300);
      if (i % 7 == 0) terms.terms.council_arranged.per_week = pounds(100, 400);
      if (contributes) terms.terms.weekly_contribution = pounds(5, 60);
      b.terms.push_back(terms);
      if (one_off) {
        b.one_offs.push_back({"item1", "A riser-recliner chair",
                              casework::PaymentRoute::kDirectPayment, pounds(200, 900),
                              options.start});
      }
      if (auto s = tx.Payments().CreateBudget(b); !s) return s;

      if (!held) {
        ledger::PaymentDetails d;
        d.council = cid;
        d.person = p.id;
        d.route = ledger::PayRoute::kDirectPayment;
        d.payee_name = p.FullName();
        d.sort_code = "309430";
        d.account_number = fmt::format("{:08d}", i);
        d.updated_at = now;
        if (auto s = tx.Payments().PutPaymentDetails(d); !s) return s;
      } else {
        out.held_people.insert(p.id.str());
      }
      if (managed) {
        ledger::PaymentDetails d;
        d.council = cid;
        d.person = p.id;
        d.route = ledger::PayRoute::kManagedBudget;
        d.payee_name = "Tees Valley Support Ltd";
        d.card_reference = fmt::format("TVS-{}", i);
        d.updated_at = now;
        if (auto s = tx.Payments().PutPaymentDetails(d); !s) return s;
      }

      // The commitment sign-off makes: the council's share of the rest of the financial year.
      auto schedule = ledger::MakeSchedule(ledger::ToBudgetInForce(b));
      if (!schedule) return tl::unexpected(schedule.error());
      auto commitment = ledger::YearCommitment(*schedule, ledger::CommitmentWindow::kFinancialYear);
      if (!commitment) return tl::unexpected(commitment.error());
      ledger::Transfer t;
      t.id = TransferId(fmt::format("commit:{}:{}", b.id.str(), terms.plan.str()));
      t.council = cid;
      t.debit_account = fund.id;
      t.credit_account = b.commitment_account;
      t.amount = commitment->council;
      t.code = ledger::TransferCode::kBudgetCommitment;
      t.reference = "plan " + terms.plan.str();
      t.created_at = now;
      commitments.push_back(std::move(t));
      out.budgets.push_back(std::move(b));
    }
    auto results = tx.Ledger().CreateTransfers(commitments);
    if (!results) return tl::unexpected(results.error());
    for (const ledger::TransferResult& r : *results) {
      if (!r) return tl::unexpected(r.error());
    }
    return {};
  }),
        "building the payment council");
  std::sort(
      out.budgets.begin(), out.budgets.end(),
      [](const ledger::BudgetRecord& a, const ledger::BudgetRecord& b) { return a.id < b.id; });
  return out;
}

}  // namespace selfdirect::testing
