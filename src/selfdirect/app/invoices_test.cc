#include "selfdirect/app/invoices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/ras/test_model.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ledger::InvoiceStatus;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// A council with an adult social care scheme, and Ada, whose plan (signed off on Sunday 22
// November 2026) has Acorn Home Care visit 10 hours a week at £20.00 an hour, arranged and paid
// by the council.
class InvoicesTest : public ::testing::Test {
 protected:
  InvoicesTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        approver_(t_.AddUser(council_, "approver@hartlepool.example", {"approver"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})) {
    EXPECT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
    NewScheme scheme{.name = "Adult social care", .kind = "adult-social-care"};
    EXPECT_TRUE(t_.app().CreateScheme(Context::Operator("test"), council_.id, scheme));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver_.id, "100000"));
    ada_ = testing::SignOffAPlanWith(t_, worker_, approver_, "Ada", "943 476 5919",
                                     {{"Help to get up and dressed",
                                       "provider",
                                       "Acorn Home Care",
                                       "hour",
                                       "20.00",
                                       "10",
                                       "per_week",
                                       "council_arranged",
                                       {"o1"}}});
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  // Ada's first full week: 23 to 29 November 2026.
  ledger::InvoiceRequest Invoice(const std::string& number, const std::string& units = "10",
                                 const std::string& price = "20.00",
                                 const std::string& total = "200.00") {
    return {"acorn home care", ada_.str(), number, "2026-11-23", "2026-11-29", units, price, total};
  }

  // An account's posted balance: credits less debits (what the provider is owed), or debits
  // less credits when `debit` is set.
  Pence ProviderOwed() {
    Pence out(0);
    EXPECT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
      auto accounts = tx.Ledger().FindAccountsByOwner(
          council_.id, {ledger::OwnerKind::kProvider, "acorn home care"});
      if (!accounts) return tl::unexpected(accounts.error());
      for (const auto& a : *accounts) out = ledger::PostedCreditBalance(a.balances).value();
      return {};
    }));
    return out;
  }

  std::size_t InvoiceCount() {
    std::size_t n = 0;
    EXPECT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
      auto all = tx.Invoices().RecentInvoices(council_.id, 1000);
      if (!all) return tl::unexpected(all.error());
      n = all->size();
      return {};
    }));
    return n;
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

  static std::vector<std::string> Fields(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields) out.push_back(f.field);
    return out;
  }

  testing::TestApp t_;
  Council council_;
  User admin_, worker_, approver_, finance_;
  PersonId ada_;
};

TEST_F(InvoicesTest, AMatchedInvoiceIsPostedAtOnceFromTheBudgetToTheProvider) {
  auto recorded = t_.invoices().Record(As(finance_), Invoice("INV-1"));
  ASSERT_TRUE(recorded.has_value()) << recorded.error().message;
  const ledger::Invoice& i = recorded->invoice;
  EXPECT_EQ(i.status, InvoiceStatus::kMatched);
  EXPECT_THAT(i.hold_reasons, IsEmpty());
  ASSERT_TRUE(i.transfer.has_value());
  EXPECT_EQ(i.transfer->str(), "invoice:" + i.id.str());
  EXPECT_EQ(recorded->person_name, "Ada Okafor");
  EXPECT_EQ(recorded->plan_item, "Help to get up and dressed");
  EXPECT_EQ(recorded->unit, "hour");
  EXPECT_EQ(i.expected, Pence(20000));
  EXPECT_EQ(ProviderOwed(), Pence(20000));
  ExpectBooksBalance();
}

TEST_F(InvoicesTest, AnInvoiceForYearsAheadIsRefusedAndNothingIsRecorded) {
  ledger::InvoiceRequest typo = Invoice("FUT-1");
  typo.period_from = "2030-11-04";
  typo.period_to = "2030-11-10";
  auto refused = t_.invoices().Record(As(finance_), typo);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(Fields(refused.error()), ElementsAre("period_from"));
  EXPECT_THAT(refused.error().fields.at(0).message,
              HasSubstr("starts on 4 November 2030, more than a month from today"));
  const std::string file =
      "provider,person_id,invoice_number,period_from,period_to,units,unit_price,total\n"
      "Acorn Home Care," +
      ada_.str() + ",F-1,2026-11-23,2026-11-29,10,20.00,200.00\n" + "Acorn Home Care," +
      ada_.str() + ",F-2,2030-11-23,2030-11-29,10,20.00,200.00\n";
  auto whole = t_.invoices().Import(As(finance_), file);
  ASSERT_FALSE(whole.has_value());
  EXPECT_THAT(Fields(whole.error()), ElementsAre("rows[3].period_from"));
  EXPECT_EQ(InvoiceCount(), 0u);
  EXPECT_EQ(ProviderOwed(), Pence(0));
  // A week still to come is not refused: care homes invoice in advance.
  ASSERT_TRUE(t_.invoices().Record(As(finance_), Invoice("INV-1")));
}

TEST_F(InvoicesTest, PostingIsIdempotent) {
  auto recorded = t_.invoices().Record(As(finance_), Invoice("INV-1"));
  ASSERT_TRUE(recorded.has_value()) << recorded.error().message;
  // The same transfer sent again (a retry) is the one already posted: nothing moves twice.
  ASSERT_TRUE(t_.store().Write([&](store::Transaction& tx) -> Status {
    auto t = tx.Ledger().FindTransfer(council_.id, *recorded->invoice.transfer);
    if (!t) return tl::unexpected(t.error());
    EXPECT_TRUE(t->has_value());
    EXPECT_EQ((*t)->code, ledger::TransferCode::kInvoice);
    const ledger::Transfer again = **t;
    auto results = tx.Ledger().CreateTransfers(std::span(&again, 1));
    if (!results) return tl::unexpected(results.error());
    EXPECT_TRUE(results->front().has_value());
    return {};
  }));
  EXPECT_EQ(ProviderOwed(), Pence(20000));
  ExpectBooksBalance();
}

TEST_F(InvoicesTest, AHeldInvoiceWaitsWithItsReasonsAndIsPostedWhenApproved) {
  auto held = t_.invoices().Record(As(finance_), Invoice("INV-2", "12", "20.00", "240.00"));
  ASSERT_TRUE(held.has_value()) << held.error().message;
  EXPECT_EQ(held->invoice.status, InvoiceStatus::kHeld);
  EXPECT_THAT(held->invoice.hold_reasons,
              ElementsAre("The invoice is for 12 hours, more than the 10 hours the plan allows "
                          "for those 7 days (10 hours a week)"));
  EXPECT_FALSE(held->invoice.transfer.has_value());
  EXPECT_EQ(ProviderOwed(), Pence(0));

  auto list = t_.invoices().List(As(finance_));
  ASSERT_TRUE(list.has_value());
  ASSERT_THAT(list->held, SizeIs(1));
  EXPECT_EQ(list->held[0].invoice.id, held->invoice.id);
  EXPECT_THAT(list->recent, IsEmpty());

  auto no_reason = t_.invoices().Approve(As(finance_), held->invoice.id, "  ");
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_THAT(Fields(no_reason.error()), ElementsAre("reason"));

  auto approved = t_.invoices().Approve(As(finance_), held->invoice.id,
                                        "Two extra hours agreed by phone after a fall");
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->invoice.status, InvoiceStatus::kApproved);
  EXPECT_EQ(approved->invoice.decided_by, finance_.id);
  EXPECT_EQ(approved->decided_by_name, "Test money@hartlepool.example");
  EXPECT_EQ(approved->invoice.decision_reason, "Two extra hours agreed by phone after a fall");
  EXPECT_THAT(approved->invoice.hold_reasons, SizeIs(1));  // why it was held is kept
  EXPECT_TRUE(approved->invoice.transfer.has_value());
  EXPECT_EQ(ProviderOwed(), Pence(24000));

  // Approving again changes nothing.
  auto again = t_.invoices().Approve(As(finance_), held->invoice.id, "Again");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(ProviderOwed(), Pence(24000));
  ExpectBooksBalance();
}

TEST_F(InvoicesTest, ARejectedInvoiceIsNeverPaid) {
  auto held = t_.invoices().Record(As(finance_), Invoice("INV-3", "10", "25.00", "250.00"));
  ASSERT_TRUE(held.has_value()) << held.error().message;
  ASSERT_EQ(held->invoice.status, InvoiceStatus::kHeld);
  EXPECT_THAT(held->invoice.hold_reasons[0], HasSubstr("not the plan's £20.00"));
  auto rejected = t_.invoices().Reject(As(finance_), held->invoice.id,
                                       "The agreed rate is £20.00: asked for a new invoice");
  ASSERT_TRUE(rejected.has_value()) << rejected.error().message;
  EXPECT_EQ(rejected->invoice.status, InvoiceStatus::kRejected);
  EXPECT_FALSE(rejected->invoice.transfer.has_value());
  EXPECT_FALSE(t_.invoices().Approve(As(finance_), held->invoice.id, "Changed my mind"));
  EXPECT_EQ(ProviderOwed(), Pence(0));
  // The rejected invoice bills no days: a corrected one for the same week matches.
  auto corrected = t_.invoices().Record(As(finance_), Invoice("INV-3A"));
  ASSERT_TRUE(corrected.has_value()) << corrected.error().message;
  EXPECT_EQ(corrected->invoice.status, InvoiceStatus::kMatched);
}

TEST_F(InvoicesTest, DaysBilledTwiceUnderAnotherNumberAreHeld) {
  ASSERT_TRUE(t_.invoices().Record(As(finance_), Invoice("INV-1")));
  auto twice = t_.invoices().Record(As(finance_), Invoice("INV-1B"));
  ASSERT_TRUE(twice.has_value());
  EXPECT_EQ(twice->invoice.status, InvoiceStatus::kHeld);
  EXPECT_THAT(twice->invoice.hold_reasons,
              ElementsAre(HasSubstr("has already billed days in this period on invoice INV-1")));
}

TEST_F(InvoicesTest, ADuplicateIsRefusedAndChangesNothing) {
  ASSERT_TRUE(t_.invoices().Record(As(finance_), Invoice("INV-1")));
  ledger::InvoiceRequest same = Invoice("inv-1");
  same.provider = "ACORN  Home Care";
  auto duplicate = t_.invoices().Record(As(finance_), same);
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_THAT(Fields(duplicate.error()), ElementsAre("invoice_number"));
  EXPECT_THAT(duplicate.error().message, HasSubstr("already recorded on 22 November 2026"));
  EXPECT_EQ(InvoiceCount(), 1u);
  EXPECT_EQ(ProviderOwed(), Pence(20000));
}

TEST_F(InvoicesTest, ASocialWorkerMayNotRecordOrDecideInvoicesAndNothingChanges) {
  auto refused = t_.invoices().Record(As(worker_), Invoice("INV-1"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(t_.invoices().List(As(worker_)).has_value());
  EXPECT_FALSE(t_.invoices().Export(As(worker_)).has_value());
  EXPECT_EQ(InvoiceCount(), 0u);
  EXPECT_EQ(ProviderOwed(), Pence(0));
}

TEST_F(InvoicesTest, BadFieldsAndAnUnknownPersonAreNamedAndNothingIsRecorded) {
  auto bad = t_.invoices().Record(As(finance_), Invoice("INV-1", "ten", "20.00", ""));
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(Fields(bad.error()), ElementsAre("units", "total"));
  ledger::InvoiceRequest stranger = Invoice("INV-1");
  stranger.person_id = "01JD00000000000000000NNNNE";
  auto unknown = t_.invoices().Record(As(finance_), stranger);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_THAT(Fields(unknown.error()), ElementsAre("person_id"));
  EXPECT_EQ(InvoiceCount(), 0u);
}

TEST_F(InvoicesTest, AFileIsRecordedWholeOrNotAtAllWithEveryBadRowNamed) {
  const std::string header =
      "provider,person_id,invoice_number,period_from,period_to,units,unit_price,total\n";
  const std::string good =
      "Acorn Home Care," + ada_.str() + ",F-1,2026-11-23,2026-11-29,10,20.00,200.00\n";
  const std::string bad_units =
      "Acorn Home Care," + ada_.str() + ",F-2,2026-11-30,2026-12-06,lots,20.00,200.00\n";
  const std::string repeat =
      "Acorn Home Care," + ada_.str() + ",f-1,2026-12-07,2026-12-13,10,20.00,200.00\n";
  auto refused = t_.invoices().Import(As(finance_), header + good + bad_units + repeat);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(Fields(refused.error()), ElementsAre("rows[3].units"));
  EXPECT_THAT(refused.error().message, HasSubstr("nothing was recorded"));
  EXPECT_EQ(InvoiceCount(), 0u);
  // With the units put right, the repeated number in the file is the one problem.
  const std::string fixed =
      "Acorn Home Care," + ada_.str() + ",F-2,2026-11-30,2026-12-06,12,20.00,240.00\n";
  auto duplicate = t_.invoices().Import(As(finance_), header + good + fixed + repeat);
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_THAT(Fields(duplicate.error()), ElementsAre("rows[4].invoice_number"));
  EXPECT_EQ(InvoiceCount(), 0u);
  EXPECT_EQ(ProviderOwed(), Pence(0));

  auto imported = t_.invoices().Import(As(finance_), header + good + fixed);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_EQ(imported->matched, 1);
  EXPECT_EQ(imported->held, 1);
  EXPECT_EQ(imported->posted, Pence(20000));
  ASSERT_THAT(imported->invoices, SizeIs(2));
  EXPECT_EQ(imported->invoices[0].invoice.source, ledger::InvoiceSource::kFile);
  EXPECT_EQ(ProviderOwed(), Pence(20000));
  ExpectBooksBalance();
}

TEST_F(InvoicesTest, AnExportTakesEveryPostedInvoiceOnceAndIsKept) {
  ASSERT_TRUE(t_.invoices().Record(As(finance_), Invoice("INV-1")));
  ASSERT_TRUE(t_.invoices().Record(As(finance_), Invoice("INV-9", "99", "20.00", "1980.00")));
  auto exported = t_.invoices().Export(As(finance_));
  ASSERT_TRUE(exported.has_value()) << exported.error().message;
  EXPECT_EQ(exported->invoices, 1);  // the held one is not paid yet
  EXPECT_EQ(exported->total, Pence(20000));
  EXPECT_THAT(exported->file,
              HasSubstr("acorn home care,,INV-1,200.00," + ada_.str() + ",2026-11-23,2026-11-29,"));

  auto nothing = t_.invoices().Export(As(finance_));
  ASSERT_FALSE(nothing.has_value());
  EXPECT_EQ(nothing.error().code, ErrorCode::kFailedPrecondition);

  auto file = t_.invoices().ExportFile(As(finance_), exported->id);
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->csv, exported->file);
  EXPECT_EQ(file->file_name, "accounts-payable-2026-11-22-" + exported->id.str() + ".csv");

  auto list = t_.invoices().List(As(finance_));
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->to_export, 0);
  ASSERT_THAT(list->exports, SizeIs(1));
  EXPECT_EQ(list->recent.at(0).invoice.export_id, exported->id);
}

TEST_F(InvoicesTest, TheToleranceIsAFinanceSettingAnAdministratorSets) {
  // £20.40 an hour for 10 hours is £4.00 more: within 2%.
  auto within = t_.invoices().Record(As(finance_), Invoice("INV-1", "10", "20.40", "204.00"));
  ASSERT_TRUE(within.has_value());
  EXPECT_EQ(within->invoice.status, InvoiceStatus::kMatched);

  EXPECT_FALSE(t_.payments().SetFinanceSettings(As(finance_), {.tolerance_basis_points = 0}));
  auto bad = t_.payments().SetFinanceSettings(As(admin_), {.tolerance_basis_points = -1});
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(Fields(bad.error()), ElementsAre("invoice_tolerance_basis_points"));
  ASSERT_TRUE(t_.payments().SetFinanceSettings(As(admin_), {.tolerance_basis_points = 0}));
  EXPECT_EQ(t_.payments().InvoiceTolerance(As(finance_))->basis_points, 0);

  ledger::InvoiceRequest next = Invoice("INV-2", "10", "20.01", "200.10");
  next.period_from = "2026-11-30";
  next.period_to = "2026-12-06";
  auto held = t_.invoices().Record(As(finance_), next);
  ASSERT_TRUE(held.has_value());
  EXPECT_EQ(held->invoice.status, InvoiceStatus::kHeld);
}

}  // namespace
}  // namespace selfdirect::app
