#include "selfdirect/store/sqlite_statements.h"

#include <gtest/gtest.h>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using ledger::LineCategory;
using ledger::StatementImport;
using ledger::StoredStatementFormat;
using ledger::StoredStatementLine;
using selfdirect::testing::TempDir;

const Timestamp kNow = ParseTimestamp("2026-11-23T09:00:00.000Z").value();

class SqliteStatementsTest : public ::testing::Test {
 protected:
  SqliteStatementsTest() {
    db_ = std::move(*Database::Open({.path = dir_.File("statements.db"), .readers = 2}));
    EXPECT_TRUE(Migrate(*db_, clock_));
    store_ = std::make_unique<SqliteStore>(*db_);
    Write([&](Transaction& tx) -> Status {
      if (auto s = tx.Councils().CreateCouncil({council_, "E06000001", "Hartlepool", kNow}); !s) {
        return s;
      }
      for (const auto& [id, type] :
           {std::pair{holding_, ledger::AccountType::kDirectPaymentHolding},
            std::pair{payee_, ledger::AccountType::kPayee}}) {
        ledger::Account a;
        a.council = council_;
        a.id = id;
        a.type = type;
        a.owner = {ledger::OwnerKind::kCouncil, council_.str()};
        a.name = "Account";
        a.created_at = kNow;
        if (auto s = tx.Ledger().CreateAccount(a); !s) return s;
      }
      return tx.Statements().AddFormat(Format("Northern Bank"));
    });
  }

  void Write(const std::function<Status(Transaction&)>& fn) {
    auto s = store_->Write(fn);
    ASSERT_TRUE(s) << s.error().message;
  }

  StoredStatementFormat Format(const std::string& name) {
    return {council_, name, "name: x\n", {"HARTLEPOOL BC", "HBC DP"}, kNow, UserId("U")};
  }

  StatementImport Import(const std::string& id, const std::string& sha) {
    StatementImport i;
    i.council = council_;
    i.id = StatementImportId(id);
    i.account = holding_;
    i.person = PersonId("01JD00000000000000000PER51");
    i.format_name = "Northern Bank";
    i.file_sha256 = sha;
    i.imported_at = kNow;
    i.imported_by = UserId("U");
    i.lines = 2;
    i.money_in = Pence(0);
    i.money_out = Pence(2500);
    i.flagged = 1;
    return i;
  }

  std::vector<StoredStatementLine> Lines() {
    StoredStatementLine a;
    a.position = 0;
    a.line = {.row = 2,
              .line = 2,
              .date = *ParseIsoDate("2026-11-02"),
              .amount = Pence(-2500),
              .payee = "SMITHS CARE LTD",
              .reference = "INV 7",
              .description = "Card · Leeds",
              .balance = Pence(10000),
              .card = "1234"};
    a.match = {.line = 0,
               .category = LineCategory::kPlanItem,
               .plan_item = 1,
               .reason = "payee matches Smith's Care"};
    StoredStatementLine b;
    b.position = 1;
    b.line = {.row = 3,
              .line = 4,
              .date = *ParseIsoDate("2026-11-03"),
              .amount = Pence(0),
              .payee = "CARD CHECK"};
    b.match = {.line = 1, .category = LineCategory::kNoMoneyMoved, .reason = "£0.00"};
    return {a, b};
  }

  TempDir dir_;
  FixedClock clock_{kNow};
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteStore> store_;
  CouncilId council_{"01JD0000000000000000C0NC11"};
  LedgerAccountId holding_{"01JD0000000000000000ACCT01"};
  LedgerAccountId payee_{"01JD0000000000000000ACCT02"};
  const std::string sha_ = std::string(64, 'a');
};

TEST_F(SqliteStatementsTest, AFormatIsStoredOnceByNameWithItsPayers) {
  auto again = store_->Write(
      [&](Transaction& tx) { return tx.Statements().AddFormat(Format("Northern Bank")); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().fields.at(0).field, "name");
  Write([&](Transaction& tx) { return tx.Statements().AddFormat(Format("Acme Card")); });
  Write([&](Transaction& tx) -> Status {
    auto all = tx.Statements().Formats(council_);
    EXPECT_TRUE(all);
    EXPECT_EQ(all->size(), 2u);
    EXPECT_EQ(all->front().name, "Acme Card");
    auto found = tx.Statements().FindFormat(council_, "Northern Bank");
    EXPECT_TRUE(found && *found);
    EXPECT_EQ((*found)->council_payers, (std::vector<std::string>{"HARTLEPOOL BC", "HBC DP"}));
    EXPECT_EQ((*found)->yaml, "name: x\n");
    EXPECT_FALSE(*tx.Statements().FindFormat(council_, "northern bank"));
    return Ok();
  });
}

TEST_F(SqliteStatementsTest, AnImportAndItsLinesReadBackExactly) {
  auto lines = Lines();
  Write([&](Transaction& tx) -> Status {
    return tx.Statements().AddImport(Import("01JD000000000000000000IMP1", sha_), lines);
  });
  Write([&](Transaction& tx) -> Status {
    auto by_file = tx.Statements().FindImportByFile(council_, holding_, sha_);
    EXPECT_TRUE(by_file && *by_file);
    EXPECT_EQ((*by_file)->id.str(), "01JD000000000000000000IMP1");
    EXPECT_EQ((*by_file)->money_out, Pence(2500));
    EXPECT_FALSE(*tx.Statements().FindImportByFile(council_, payee_, sha_));
    auto read = tx.Statements().LinesOf(council_, StatementImportId("01JD000000000000000000IMP1"));
    EXPECT_TRUE(read);
    EXPECT_EQ(read->size(), 2u);
    const StoredStatementLine& a = read->at(0);
    EXPECT_EQ(a.line.row, 2);
    EXPECT_EQ(a.line.amount, Pence(-2500));
    EXPECT_EQ(a.line.description, "Card · Leeds");
    EXPECT_EQ(a.line.balance, Pence(10000));
    EXPECT_EQ(a.match, lines[0].match);
    EXPECT_EQ(read->at(1).line.line, 4);
    EXPECT_EQ(read->at(1).line.balance, std::nullopt);
    EXPECT_EQ(read->at(1).match.category, LineCategory::kNoMoneyMoved);
    return Ok();
  });
}

TEST_F(SqliteStatementsTest, TheSameFileIsRefusedIntoTheSameAccount) {
  Write([&](Transaction& tx) -> Status {
    return tx.Statements().AddImport(Import("01JD000000000000000000IMP1", sha_), Lines());
  });
  auto twice = store_->Write([&](Transaction& tx) -> Status {
    return tx.Statements().AddImport(Import("01JD000000000000000000IMP2", sha_), Lines());
  });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  Write([&](Transaction& tx) -> Status {
    auto all = tx.Statements().ImportsOf(council_, holding_);
    EXPECT_EQ(all->size(), 1u);
    return Ok();
  });
}

TEST_F(SqliteStatementsTest, SavingCategoriesChangesOnlyTheCategory) {
  Write([&](Transaction& tx) -> Status {
    return tx.Statements().AddImport(Import("01JD000000000000000000IMP1", sha_), Lines());
  });
  const StatementImportId id("01JD000000000000000000IMP1");
  StoredStatementLine changed = Lines()[0];
  changed.match = {.line = 0,
                   .category = LineCategory::kNotInPlan,
                   .reason = "re-categorised",
                   .recategorised = true,
                   .note = "a birthday present"};
  changed.line.amount = Pence(-1);  // not stored: the money never changes
  changed.recategorised_at = kNow;
  changed.recategorised_by = UserId("V");
  Write([&](Transaction& tx) {
    return tx.Statements().SaveCategories(council_, id, std::span(&changed, 1));
  });
  Write([&](Transaction& tx) -> Status {
    auto read = tx.Statements().LinesOf(council_, id);
    EXPECT_EQ(read->at(0).match, changed.match);
    EXPECT_EQ(read->at(0).line.amount, Pence(-2500));
    EXPECT_EQ(read->at(0).recategorised_by, UserId("V"));
    EXPECT_EQ(read->at(0).recategorised_at, kNow);
    EXPECT_EQ(read->at(1).match.category, LineCategory::kNoMoneyMoved);
    return Ok();
  });
  changed.position = 7;
  auto missing = store_->Write([&](Transaction& tx) {
    return tx.Statements().SaveCategories(council_, id, std::span(&changed, 1));
  });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace selfdirect::store
