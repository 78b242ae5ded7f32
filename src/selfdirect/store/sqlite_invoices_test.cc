#include "selfdirect/store/sqlite_invoices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/person_record.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using ledger::Invoice;
using ledger::InvoiceStatus;
using selfdirect::testing::TempDir;
using ::testing::ElementsAre;

const Timestamp kNow = ParseTimestamp("2026-11-23T09:00:00.000Z").value();
const PersonId kAda("01JD00000000000000000PER51");

class SqliteInvoicesTest : public ::testing::Test {
 protected:
  SqliteInvoicesTest() {
    db_ = std::move(*Database::Open({.path = dir_.File("invoices.db"), .readers = 2}));
    EXPECT_TRUE(Migrate(*db_, clock_));
    store_ = std::make_unique<SqliteStore>(*db_);
    Write([&](Transaction& tx) -> Status {
      if (auto s = tx.Councils().CreateCouncil({council_, "E06000001", "Hartlepool", kNow}); !s) {
        return s;
      }
      casework::Person p = selfdirect::testing::AdaOkafor(council_, kAda, kNow);
      if (auto s = tx.Casework().CreatePerson(p, {casework::Stage::kPlanning, false}); !s) {
        return s;
      }
      for (const auto& [id, type] : {std::pair{commitment_, ledger::AccountType::kBudgetCommitment},
                                     std::pair{payable_, ledger::AccountType::kProviderPayable}}) {
        ledger::Account a;
        a.council = council_;
        a.id = id;
        a.type = type;
        a.owner = {ledger::OwnerKind::kCouncil, council_.str()};
        a.name = "Account";
        a.created_at = kNow;
        if (auto s = tx.Ledger().CreateAccount(a); !s) return s;
      }
      return Ok();
    });
  }

  void Write(const std::function<Status(Transaction&)>& fn) {
    auto s = store_->Write(fn);
    ASSERT_TRUE(s) << s.error().message;
  }

  Invoice Make(const std::string& id, const std::string& number, InvoiceStatus status) {
    Invoice i;
    i.council = council_;
    i.id = InvoiceId(id);
    i.facts.provider_name = "Acorn Home Care";
    i.facts.provider_key = "acorn home care";
    i.facts.person = kAda;
    i.facts.number = number;
    i.facts.number_key = number;
    i.facts.from = *ParseIsoDate("2026-11-02");
    i.facts.to = *ParseIsoDate("2026-11-08");
    i.facts.units_hundredths = 1000;
    i.facts.unit_price = Pence(2000);
    i.facts.total = Pence(20000);
    i.status = status;
    i.plan_item = 1;
    i.expected = Pence(20000);
    i.received_at = kNow;
    i.received_by = UserId("U");
    if (status == InvoiceStatus::kHeld) i.hold_reasons = {"First reason", "Second reason"};
    return i;
  }

  // Posts the invoice's transfer and stores it (a matched invoice).
  Invoice Posted(const std::string& id, const std::string& number) {
    Invoice i = Make(id, number, InvoiceStatus::kMatched);
    const ledger::Transfer t = ledger::InvoiceTransfer(i, commitment_, payable_, kNow, UserId());
    i.transfer = t.id;
    Write([&](Transaction& tx) -> Status {
      auto r = tx.Ledger().CreateTransfers(std::span(&t, 1));
      if (!r) return tl::unexpected(r.error());
      if (!r->front()) return tl::unexpected(r->front().error());
      return tx.Invoices().AddInvoice(i);
    });
    return i;
  }

  TempDir dir_;
  FixedClock clock_{kNow};
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteStore> store_;
  CouncilId council_{"01JD000000000000000000C0U1"};
  LedgerAccountId commitment_{"01JD0000000000000000ACCT01"};
  LedgerAccountId payable_{"01JD0000000000000000ACCT02"};
};

TEST_F(SqliteInvoicesTest, AnInvoiceIsStoredAndReadBackWithItsReasons) {
  const Invoice held = Make("01JD0000000000000000NV0001", "INV-1", InvoiceStatus::kHeld);
  Write([&](Transaction& tx) { return tx.Invoices().AddInvoice(held); });
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto found = tx.Invoices().FindInvoice(council_, held.id);
    EXPECT_TRUE(found && *found);
    const Invoice& i = **found;
    EXPECT_EQ(i.facts.provider_name, "Acorn Home Care");
    EXPECT_EQ(i.facts.person, kAda);
    EXPECT_EQ(i.facts.units_hundredths, 1000);
    EXPECT_EQ(i.facts.total, Pence(20000));
    EXPECT_EQ(i.status, InvoiceStatus::kHeld);
    EXPECT_THAT(i.hold_reasons, ElementsAre("First reason", "Second reason"));
    EXPECT_EQ(i.plan_item, 1);
    EXPECT_FALSE(i.provider_id.has_value());
    EXPECT_FALSE(i.transfer.has_value());
    auto by_number = tx.Invoices().FindByNumber(council_, "acorn home care", "INV-1");
    EXPECT_TRUE(by_number && *by_number && (*by_number)->id == held.id);
    return Ok();
  }));
}

TEST_F(SqliteInvoicesTest, TheSameProvidersNumberIsRefusedAndNothingIsStored) {
  Write([&](Transaction& tx) {
    return tx.Invoices().AddInvoice(
        Make("01JD0000000000000000NV0001", "INV-1", InvoiceStatus::kHeld));
  });
  auto again = store_->Write([&](Transaction& tx) {
    return tx.Invoices().AddInvoice(
        Make("01JD0000000000000000NV0002", "INV-1", InvoiceStatus::kHeld));
  });
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto all = tx.Invoices().RecentInvoices(council_, 10);
    EXPECT_TRUE(all && all->size() == 1u);
    return Ok();
  }));
}

TEST_F(SqliteInvoicesTest, AHeldInvoiceCannotBeStoredAsPostedWithoutATransfer) {
  auto bad = store_->Write([&](Transaction& tx) {
    return tx.Invoices().AddInvoice(
        Make("01JD0000000000000000NV0001", "INV-1", InvoiceStatus::kMatched));
  });
  EXPECT_FALSE(bad.has_value());
}

TEST_F(SqliteInvoicesTest, ADecisionIsSavedWithWhoWhenAndWhy) {
  Invoice held = Make("01JD0000000000000000NV0001", "INV-1", InvoiceStatus::kHeld);
  Write([&](Transaction& tx) { return tx.Invoices().AddInvoice(held); });
  held.status = InvoiceStatus::kRejected;
  held.decided_at = kNow;
  held.decided_by = UserId("F");
  held.decision_reason = "Not delivered";
  Write([&](Transaction& tx) { return tx.Invoices().SaveDecision(held); });
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto found = tx.Invoices().FindInvoice(council_, held.id);
    EXPECT_EQ((*found)->status, InvoiceStatus::kRejected);
    EXPECT_EQ((*found)->decided_by, UserId("F"));
    EXPECT_EQ((*found)->decision_reason, "Not delivered");
    EXPECT_EQ((*found)->decided_at, kNow);
    auto open = tx.Invoices().OpenInvoicesOf(council_, kAda, "acorn home care");
    EXPECT_TRUE(open && open->empty());  // a rejected invoice bills nothing
    auto held_list = tx.Invoices().InvoicesWithStatus(council_, InvoiceStatus::kRejected, 10);
    EXPECT_TRUE(held_list && held_list->size() == 1u);
    return Ok();
  }));
}

TEST_F(SqliteInvoicesTest, AnExportTakesEachPostedInvoiceOnce) {
  const Invoice a = Posted("01JD0000000000000000NV0001", "INV-1");
  const Invoice b = Posted("01JD0000000000000000NV0002", "INV-2");
  Write([&](Transaction& tx) {
    return tx.Invoices().AddInvoice(
        Make("01JD0000000000000000NV0003", "INV-3", InvoiceStatus::kHeld));
  });
  ledger::InvoiceExport e{
      council_, InvoiceExportId("01JD0000000000000000EXP001"), kNow, UserId("F"), 2, Pence(40000),
      "file"};
  Write([&](Transaction& tx) -> Status {
    auto waiting = tx.Invoices().ToExport(council_);
    if (!waiting) return tl::unexpected(waiting.error());
    EXPECT_EQ(waiting->size(), 2u);  // the held one is not posted
    const std::vector<InvoiceId> ids = {a.id, b.id};
    return tx.Invoices().AddExport(e, ids);
  });
  // Exporting one of them again is refused, and nothing of that export is kept.
  ledger::InvoiceExport again = e;
  again.id = InvoiceExportId("01JD0000000000000000EXP002");
  auto twice = store_->Write([&](Transaction& tx) {
    const std::vector<InvoiceId> ids = {a.id};
    return tx.Invoices().AddExport(again, ids);
  });
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto waiting = tx.Invoices().ToExport(council_);
    EXPECT_TRUE(waiting && waiting->empty());
    auto exports = tx.Invoices().Exports(council_, 10);
    EXPECT_TRUE(exports && exports->size() == 1u);
    EXPECT_EQ(exports->front().file, "");  // lists leave the file out
    auto found = tx.Invoices().FindExport(council_, e.id);
    EXPECT_TRUE(found && *found && (*found)->file == "file" && (*found)->total == Pence(40000));
    auto invoice = tx.Invoices().FindInvoice(council_, a.id);
    EXPECT_EQ((*invoice)->export_id, e.id);
    return Ok();
  }));
}

TEST_F(SqliteInvoicesTest, TheToleranceIsTheDefaultUntilSetAndThenWhatWasSet) {
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto t = tx.Invoices().Tolerance(council_);
    EXPECT_TRUE(t && !*t);
    return Ok();
  }));
  Write([&](Transaction& tx) {
    return tx.Invoices().SetTolerance(council_, {150, Pence(50)}, kNow, UserId("A"));
  });
  Write([&](Transaction& tx) {
    return tx.Invoices().SetTolerance(council_, {250, Pence(0)}, kNow, UserId("A"));
  });
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto t = tx.Invoices().Tolerance(council_);
    EXPECT_TRUE(t && *t);
    EXPECT_EQ((*t)->basis_points, 250);
    EXPECT_EQ((*t)->minimum, Pence(0));
    return Ok();
  }));
}

}  // namespace
}  // namespace selfdirect::store
