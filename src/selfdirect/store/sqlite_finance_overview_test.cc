#include "selfdirect/store/sqlite_finance_overview.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using ledger::AccountType;
using ledger::LineCategory;
using ledger::Mechanism;
using ledger::TransferCode;
using selfdirect::testing::TempDir;

const Timestamp kNow = ParseTimestamp("2026-11-30T09:00:00.000Z").value();
Date D(const char* iso) { return ParseIsoDate(iso).value(); }

class SqliteFinanceOverviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*Database::Open({.path = dir_.File("overview.db"), .readers = 2}));
    ASSERT_TRUE(Migrate(*db_, clock_));
    store_ = std::make_unique<SqliteStore>(*db_);
    Write([&](Transaction& tx) -> Status {
      if (auto s = tx.Councils().CreateCouncil({council_, "E06000001", "Hartlepool", kNow}); !s) {
        return s;
      }
      for (const auto& [person, given, family] :
           {std::tuple{ada_, "Ada", "Okafor"}, std::tuple{ben_, "Ben", "Shah"}}) {
        casework::Person p;
        p.council = council_;
        p.id = person;
        p.given_name = given;
        p.family_name = family;
        p.date_of_birth = D("1948-03-27");
        p.gender = p.primary_support_reason = p.accommodation = p.employment = "not_known";
        p.ethnicity = "Z";
        p.has_unpaid_carer = "not_known";
        p.created_at = kNow;
        if (auto s = tx.Casework().CreatePerson(p, {}); !s) return s;
      }
      for (const auto& [id, type, owner] :
           {std::tuple{"01JD0000000000000000ACCT01", AccountType::kBudgetCommitment, ada_},
            std::tuple{"01JD0000000000000000ACCT02", AccountType::kDirectPaymentHolding, ada_},
            std::tuple{"01JD0000000000000000ACCT03", AccountType::kManagedBudget, ben_},
            std::tuple{"01JD0000000000000000ACCT04", AccountType::kProviderPayable, PersonId()},
            std::tuple{"01JD0000000000000000ACCT05", AccountType::kContributionReceivable, ada_},
            std::tuple{"01JD0000000000000000ACCT06", AccountType::kContributionReceivable, ben_},
            std::tuple{"01JD0000000000000000ACCT07", AccountType::kPayee, PersonId()},
            std::tuple{"01JD0000000000000000ACCT08", AccountType::kCouncilFund, PersonId()}}) {
        ledger::Account a;
        a.council = council_;
        a.id = LedgerAccountId(id);
        a.type = type;
        a.owner = owner.empty() ? ledger::Owner{ledger::OwnerKind::kCouncil, council_.str()}
                                : ledger::Owner{ledger::OwnerKind::kPerson, owner.str()};
        a.name = "Account";
        a.created_at = kNow;
        if (auto s = tx.Ledger().CreateAccount(a); !s) return s;
      }
      return tx.Statements().AddFormat(
          {council_, "Northern Bank", "name: x\n", {}, kNow, UserId("U")});
    });
  }

  void Write(const std::function<Status(Transaction&)>& fn) {
    auto s = store_->Write(fn);
    ASSERT_TRUE(s) << s.error().message;
  }

  void Move(const char* id, int debit, int credit, std::int64_t pence, TransferCode code,
            const char* at, ledger::TransferFlag flag = ledger::TransferFlag::kNone) {
    ledger::Transfer t;
    t.id = TransferId(id);
    t.council = council_;
    t.debit_account = Account(debit);
    t.credit_account = Account(credit);
    t.amount = Pence(pence);
    t.code = code;
    t.reference = "test";
    t.flag = flag;
    t.created_at = ParseTimestamp(at).value();
    Write([&](Transaction& tx) -> Status {
      auto r = tx.Ledger().CreateTransfers(std::span<const ledger::Transfer>(&t, 1));
      if (!r) return tl::unexpected(r.error());
      if (!r->front()) return tl::unexpected(r->front().error());
      return Ok();
    });
  }

  static LedgerAccountId Account(int n) {
    return LedgerAccountId(fmt::format("01JD0000000000000000ACCT{:02}", n));
  }

  void ImportLines(
      const std::vector<std::tuple<const char*, const char*, std::int64_t, LineCategory>>& lines) {
    ledger::StatementImport i;
    i.council = council_;
    i.id = StatementImportId("01JD0000000000000000IMPRT1");
    i.account = Account(2);
    i.person = ada_;
    i.format_name = "Northern Bank";
    i.file_sha256 = std::string(64, 'a');
    i.imported_at = kNow;
    i.imported_by = UserId("U");
    i.lines = static_cast<std::int64_t>(lines.size());
    std::vector<ledger::StoredStatementLine> stored;
    for (const auto& [date, payee, pence, category] : lines) {
      ledger::StoredStatementLine l;
      l.position = static_cast<std::int64_t>(stored.size());
      l.line = {.row = l.position + 2,
                .line = l.position + 2,
                .date = D(date),
                .amount = Pence(pence),
                .payee = payee};
      l.match = {.line = static_cast<std::size_t>(l.position), .category = category};
      stored.push_back(l);
    }
    Write([&](Transaction& tx) { return tx.Statements().AddImport(i, stored); });
  }

  TempDir dir_;
  FixedClock clock_{kNow};
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteStore> store_;
  CouncilId council_{"01JD0000000000000000C0NC11"};
  PersonId ada_{"01JD00000000000000000PERS1"};
  PersonId ben_{"01JD00000000000000000PERS2"};
};

TEST_F(SqliteFinanceOverviewTest, PaidByMechanismCountsMoneyPaidOutInTheDates_NetOfRecoveries) {
  using enum TransferCode;
  Move("before", 1, 2, 1000, kPayment, "2026-03-31T23:59:59.000Z");  // the year before
  Move("dp1", 1, 2, 40000, kPayment, "2026-04-01T00:00:00.000Z");
  Move("mb1", 1, 3, 28000, kPayment, "2026-06-01T10:00:00.000Z");
  Move("oneoff1", 1, 2, 45000, kOneOff, "2026-07-01T10:00:00.000Z");
  Move("inv1", 1, 4, 12000, kInvoice, "2026-08-01T10:00:00.000Z");
  Move("dp1:recovery:1", 2, 1, 5000, kPayment, "2026-09-01T10:00:00.000Z");
  Move("spend1", 2, 7, 3000, kSpend, "2026-09-02T10:00:00.000Z");  // spent, not paid out
  Move("pending", 1, 3, 9999, kPayment, "2026-10-01T10:00:00.000Z", ledger::TransferFlag::kPending);
  Move("dp2", 1, 2, 40000, kPayment, "2026-11-30T23:00:00.000Z");  // the last day
  Move("dp3", 1, 2, 40000, kPayment, "2026-12-01T00:00:00.000Z");  // after it

  ledger::ByMechanism paid{};
  Write([&](Transaction& tx) -> Status {
    auto r = tx.FinanceOverview().PaidByMechanism(council_, D("2026-04-01"), D("2026-11-30"));
    if (!r) return tl::unexpected(r.error());
    paid = *r;
    return Ok();
  });
  EXPECT_EQ(paid[static_cast<std::size_t>(Mechanism::kDirectPayment)], Pence(40000 - 5000 + 40000));
  EXPECT_EQ(paid[static_cast<std::size_t>(Mechanism::kManagedBudget)], Pence(28000));
  EXPECT_EQ(paid[static_cast<std::size_t>(Mechanism::kCouncilArranged)], Pence(12000));
  EXPECT_EQ(paid[static_cast<std::size_t>(Mechanism::kOneOff)], Pence(45000));
}

TEST_F(SqliteFinanceOverviewTest, StatementSpendByCategoryAndByPayee_MoneyOutInTheYearOnly) {
  ImportLines({{"2026-03-31", "SMITHS CARE", -99999, LineCategory::kPlanItem},  // last year
               {"2026-04-01", "SMITHS CARE", -2500, LineCategory::kPlanItem},
               {"2026-05-01", " SMITHS CARE ", -2500, LineCategory::kPlanItem},
               {"2026-05-02", "ATM", -1000, LineCategory::kCashWithdrawal},
               {"2026-05-03", "HBC DP", 40000, LineCategory::kCouncilPayment},  // money in
               {"2026-05-04", "PUREGYM", -3000, LineCategory::kUnknownPayee},
               {"2027-03-31", "J OKAFOR", -6000, LineCategory::kNotInPlan}});
  Write([&](Transaction& tx) -> Status {
    auto categories =
        tx.FinanceOverview().StatementSpendByCategory(council_, D("2026-04-01"), D("2027-03-31"));
    EXPECT_TRUE(categories);
    EXPECT_EQ(categories->size(), 4u);
    for (const auto& c : *categories) {
      if (c.category == LineCategory::kPlanItem) {
        EXPECT_EQ(c.lines, 2);
        EXPECT_EQ(c.amount, Pence(5000));
      }
      EXPECT_NE(c.category, LineCategory::kCouncilPayment);
    }
    auto payees =
        tx.FinanceOverview().StatementSpendByPayee(council_, D("2026-04-01"), D("2027-03-31"), 2);
    EXPECT_TRUE(payees);
    EXPECT_EQ(payees->size(), 2u);
    EXPECT_EQ(payees->at(0).payee, "J OKAFOR");
    EXPECT_EQ(payees->at(1).payee, "SMITHS CARE");  // trimmed: one payee
    EXPECT_EQ(payees->at(1).amount, Pence(5000));
    EXPECT_EQ(payees->at(1).lines, 2);
    return Ok();
  });
}

TEST_F(SqliteFinanceOverviewTest, ContributionsOwedArePeopleWithSomethingOnTheirReceivable) {
  using enum TransferCode;
  Move("contribution:a:1", 5, 1, 2000, kContribution, "2026-05-01T10:00:00.000Z");
  Move("contribution:a:2", 5, 1, 2000, kContribution, "2026-05-29T10:00:00.000Z");
  Move("collected:a:1", 8, 5, 1500, kContribution, "2026-06-01T10:00:00.000Z");
  Move("contribution:b:1", 6, 1, 1000, kContribution, "2026-05-01T10:00:00.000Z");
  Move("collected:b:1", 8, 6, 1000, kContribution, "2026-06-01T10:00:00.000Z");
  Write([&](Transaction& tx) -> Status {
    auto owed = tx.FinanceOverview().ContributionsOwed(council_);
    EXPECT_TRUE(owed);
    EXPECT_EQ(owed->size(), 1u);
    EXPECT_EQ(owed->at(0).person, ada_);
    EXPECT_EQ(owed->at(0).name, "Ada Okafor");
    EXPECT_EQ(owed->at(0).owed, Pence(2500));
    return Ok();
  });
}

TEST_F(SqliteFinanceOverviewTest, ACouncilBudgetIsSetPerYearAndReplaced) {
  Write([&](Transaction& tx) -> Status {
    auto none = tx.FinanceOverview().FindCouncilBudget(council_, 2026);
    EXPECT_TRUE(none && !*none);
    if (auto s = tx.FinanceOverview().PutCouncilBudget(
            {council_, 2026, Pence(130'000'000), kNow, UserId("U1")});
        !s) {
      return s;
    }
    if (auto s = tx.FinanceOverview().PutCouncilBudget(
            {council_, 2026, Pence(125'000'000), kNow, UserId("U2")});
        !s) {
      return s;
    }
    auto found = tx.FinanceOverview().FindCouncilBudget(council_, 2026);
    EXPECT_TRUE(found && *found);
    EXPECT_EQ((*found)->amount, Pence(125'000'000));
    EXPECT_EQ((*found)->updated_by, UserId("U2"));
    auto other = tx.FinanceOverview().FindCouncilBudget(council_, 2027);
    EXPECT_TRUE(other && !*other);
    return Ok();
  });
  // The database refuses a negative budget whatever writes it.
  auto negative = store_->Write([&](Transaction& tx) {
    return tx.FinanceOverview().PutCouncilBudget({council_, 2027, Pence(-1), kNow, UserId("U")});
  });
  EXPECT_FALSE(negative);
}

}  // namespace
}  // namespace selfdirect::store
