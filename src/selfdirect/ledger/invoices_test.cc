#include "selfdirect/ledger/invoices.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace selfdirect::ledger {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr const char* kAda = "01JD00000000000000000PER51";

Date D(const char* text) { return ParseIsoDate(text).value(); }

// Acorn Home Care visits 10 hours a week at £20.00 an hour, arranged by the council; the
// person's personal assistant is paid by direct payment.
MatchBasis Basis() {
  MatchBasis b;
  b.has_budget = true;
  b.budget_start = D("2026-11-01");
  casework::PlanItem care;
  care.what = "Help to get up";
  care.supplier = casework::Supplier::kProvider;
  care.supplier_name = "Acorn Home Care";
  care.unit = "hour";
  care.unit_price = Pence(2000);
  care.hundredths = 1000;
  care.frequency = casework::ItemFrequency::kPerWeek;
  care.route = casework::PaymentRoute::kCouncilArranged;
  casework::PlanItem pa = care;
  pa.supplier_name = "Sam";
  pa.route = casework::PaymentRoute::kDirectPayment;
  b.plan_items = {pa, care};
  return b;
}

InvoiceRequest Request(const std::string& units = "10", const std::string& price = "20.00",
                       const std::string& total = "200.00") {
  return {"acorn  HOME care", kAda, "INV-1", "2026-11-02", "2026-11-08", units, price, total};
}

InvoiceFacts Facts(const std::string& units = "10", const std::string& price = "20.00",
                   const std::string& total = "200.00") {
  auto f = ValidateInvoice(Request(units, price, total));
  EXPECT_TRUE(f.has_value()) << f.error().message;
  return f.value_or(InvoiceFacts{});
}

std::vector<std::string> Fields(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

TEST(InvoiceTest, APeriodMayStartUpToAMonthAheadButNotMore) {
  InvoiceFacts f = Facts();
  f.from = ParseIsoDate("2026-12-02").value();
  const Date today = ParseIsoDate("2026-11-01").value();
  EXPECT_EQ(PeriodTooFarAhead(f, today), std::nullopt);  // 31 days ahead
  f.from = ParseIsoDate("2026-10-01").value();
  EXPECT_EQ(PeriodTooFarAhead(f, today), std::nullopt);  // support already given
  f.from = ParseIsoDate("2026-12-03").value();
  EXPECT_EQ(PeriodTooFarAhead(f, today),
            "The invoice starts on 3 December 2026, more than a month from today: check the "
            "year, and record an invoice for support still to come no more than a month ahead");
}

TEST(InvoiceValidation, ReadsEveryField) {
  InvoiceFacts f = Facts("12.5", "£20", "250.00");
  EXPECT_EQ(f.provider_name, "acorn  HOME care");
  EXPECT_EQ(f.provider_key, "acorn home care");
  EXPECT_EQ(f.person.str(), kAda);
  EXPECT_EQ(f.number_key, "INV-1");
  EXPECT_EQ(f.units_hundredths, 1250);
  EXPECT_EQ(f.unit_price, Pence(2000));
  EXPECT_EQ(f.total, Pence(25000));
  EXPECT_EQ(f.from, D("2026-11-02"));
  EXPECT_EQ(f.to, D("2026-11-08"));
}

TEST(InvoiceValidation, NamesEveryBadField) {
  auto f = ValidateInvoice({"", "nobody", "", "2026-02-30", "", "1.234", "0", "-5"});
  ASSERT_FALSE(f.has_value());
  EXPECT_THAT(Fields(f.error()),
              ElementsAre("provider", "person_id", "invoice_number", "period_from", "period_to",
                          "units", "unit_price", "total"));
}

TEST(InvoiceValidation, RefusesAPeriodThatEndsBeforeItStarts) {
  InvoiceRequest r = Request();
  r.period_to = "2026-11-01";
  auto f = ValidateInvoice(r);
  ASSERT_FALSE(f.has_value());
  EXPECT_THAT(Fields(f.error()), ElementsAre("period_to"));
}

TEST(InvoiceValidation, RefusesUnitsOfZeroOrWithASign) {
  for (const char* units : {"0", "-1", "+1", "1,000", "£3", "abc"}) {
    auto f = ValidateInvoice(Request(units));
    ASSERT_FALSE(f.has_value()) << units;
    EXPECT_THAT(Fields(f.error()), ElementsAre("units")) << units;
  }
}

TEST(ProviderNames, CompareWithoutCapitalsOrSpacing) {
  EXPECT_EQ(ProviderKey("  Acorn \t Home  Care "), "acorn home care");
  EXPECT_EQ(ProviderKey("ACORN HOME CARE"), ProviderKey("acorn home care"));
  EXPECT_NE(ProviderKey("Acorn Homecare"), ProviderKey("Acorn Home Care"));
}

TEST(InvoiceUnits, AreWrittenAsAPersonWould) {
  EXPECT_EQ(FormatUnits(1000), "10");
  EXPECT_EQ(FormatUnits(1250), "12.5");
  EXPECT_EQ(FormatUnits(1225), "12.25");
  EXPECT_EQ(FormatUnits(5), "0.05");
}

TEST(InvoiceTolerances, AreAShareOfTheExpectedAmountRoundedDownAndAtLeastTheMinimum) {
  EXPECT_EQ(ToleranceFor(Pence(20000), {}), Pence(400));           // 2% of £200.00
  EXPECT_EQ(ToleranceFor(Pence(20049), {}), Pence(400));           // £4.0098 → £4.00
  EXPECT_EQ(ToleranceFor(Pence(20000), {0, Pence(0)}), Pence(0));  // no tolerance at all
  EXPECT_EQ(ToleranceFor(Pence(20000), {200, Pence(1000)}), Pence(1000));
  EXPECT_EQ(ToleranceFor(Pence(20000), {10'000, Pence(0)}), Pence(20000));
}

TEST(InvoiceTolerances, AreCheckedAndNamed) {
  EXPECT_TRUE(CheckTolerance({0, Pence(0)}));
  EXPECT_TRUE(CheckTolerance({10'000, Pence(kMaxToleranceMinimumPence)}));
  auto bad = CheckTolerance({10'001, Pence(-1)});
  ASSERT_FALSE(bad.has_value());
  EXPECT_THAT(Fields(bad.error()),
              ElementsAre("invoice_tolerance_basis_points", "invoice_tolerance_minimum_pence"));
}

TEST(InvoiceMatching, MatchesAnInvoiceForThePlannedUnitsAtThePlannedPrice) {
  InvoiceMatch m = MatchInvoice(Facts(), Basis(), {});
  EXPECT_THAT(m.reasons, IsEmpty());
  EXPECT_FALSE(m.held());
  EXPECT_EQ(m.plan_item, 1u);
  EXPECT_EQ(m.expected, Pence(20000));
  EXPECT_EQ(m.tolerance, Pence(400));
  EXPECT_EQ(m.planned_hundredths_floor, 1000);
}

TEST(InvoiceMatching, ExactlyAtTheToleranceIsMatchedAndOnePennyOverIsHeld) {
  // One hour, planned at £20.00: 2% is £0.40.
  MatchBasis b = Basis();
  b.plan_items[1].hundredths = 100;
  EXPECT_FALSE(MatchInvoice(Facts("1", "20.40", "20.40"), b, {}).held());
  EXPECT_FALSE(MatchInvoice(Facts("1", "19.60", "19.60"), b, {}).held());
  InvoiceMatch over = MatchInvoice(Facts("1", "20.41", "20.41"), b, {});
  ASSERT_THAT(over.reasons, SizeIs(1));
  EXPECT_EQ(over.reasons[0],
            "The price of £20.41 per hour is not the plan's £20.00: £0.41 more over the 1 hour "
            "invoiced, beyond the tolerance of £0.40");
  InvoiceMatch under = MatchInvoice(Facts("1", "19.59", "19.59"), b, {});
  ASSERT_THAT(under.reasons, SizeIs(1));
  EXPECT_THAT(under.reasons[0], HasSubstr("£0.41 less"));
}

TEST(InvoiceMatching, AZeroToleranceHoldsAnyDifference) {
  EXPECT_TRUE(MatchInvoice(Facts("10", "20.01", "200.10"), Basis(), {0, Pence(0)}).held());
  EXPECT_FALSE(MatchInvoice(Facts("10", "20.01", "200.10"), Basis(), {}).held());
}

TEST(InvoiceMatching, HoldsMoreUnitsThanThePlanAllowsForThePeriod) {
  // Seven days of a 10-hour-a-week service: 10 hours; 10.01 is too many.
  InvoiceMatch m = MatchInvoice(Facts("10.01", "20.00", "200.20"), Basis(), {});
  ASSERT_THAT(m.reasons, SizeIs(1));
  EXPECT_EQ(m.reasons[0],
            "The invoice is for 10.01 hours, more than the 10 hours the plan allows for those 7 "
            "days (10 hours a week)");
}

TEST(InvoiceMatching, AllowsUnitsProRataForAPeriodThatIsNotAWholeWeek) {
  // Ten days: 10 × 10 / 7 = 14.2857… hours; 14.28 is allowed and 14.29 is not.
  InvoiceFacts f = Facts("14.28", "20.00", "285.60");
  f.to = D("2026-11-11");
  EXPECT_FALSE(MatchInvoice(f, Basis(), {}).held());
  f.units_hundredths = 1429;
  f.total = Pence(28580);
  EXPECT_TRUE(MatchInvoice(f, Basis(), {}).held());
}

TEST(InvoiceMatching, AddsTogetherTheProvidersItemsAtTheSamePrice) {
  MatchBasis b = Basis();
  casework::PlanItem evening = b.plan_items[1];
  evening.what = "Help to bed";
  evening.hundredths = 500;
  b.plan_items.push_back(evening);
  EXPECT_FALSE(MatchInvoice(Facts("15", "20.00", "300.00"), b, {}).held());
  EXPECT_TRUE(MatchInvoice(Facts("15.01", "20.00", "300.20"), b, {}).held());
}

TEST(InvoiceMatching, HoldsAnInvoiceFromAProviderNotOnThePlan) {
  InvoiceFacts f = Facts();
  f.provider_name = "Sam";  // on the plan, but paid by direct payment
  f.provider_key = "sam";
  InvoiceMatch m = MatchInvoice(f, Basis(), {});
  EXPECT_FALSE(m.plan_item.has_value());
  ASSERT_THAT(m.reasons, SizeIs(1));
  EXPECT_EQ(m.reasons[0],
            "The person's signed-off plan has no council-arranged service from Sam: check the "
            "provider's name and the person against the plan");
}

TEST(InvoiceMatching, HoldsATotalThatIsNotUnitsTimesPrice) {
  InvoiceMatch m = MatchInvoice(Facts("10", "20.00", "200.01"), Basis(), {});
  ASSERT_THAT(m.reasons, SizeIs(1));
  EXPECT_EQ(m.reasons[0], "The total of £200.01 is not 10 × £20.00 = £200.00");
}

TEST(InvoiceMatching, HoldsDaysOutsideTheBudgetAndInsideAStopInPayments) {
  MatchBasis b = Basis();
  b.budget_start = D("2026-11-04");
  b.budget_end = D("2026-11-06");
  b.suspensions.push_back({D("2026-11-05"), D("2026-11-05"), "a hospital stay"});
  InvoiceMatch m = MatchInvoice(Facts(), b, {});
  EXPECT_THAT(m.reasons,
              ElementsAre("The invoice covers days before the budget started on 4 November 2026",
                          "The invoice covers days after the budget ended: its last funded day "
                          "was 6 November 2026",
                          "Payments were stopped on 5 November 2026 (a hospital stay), and the "
                          "invoice covers days in that time"));
}

TEST(InvoiceMatching, HoldsDaysAlreadyBilledOnAnotherInvoice) {
  MatchBasis b = Basis();
  b.earlier.push_back({"INV-0", D("2026-10-26"), D("2026-11-02")});
  b.earlier.push_back({"INV-9", D("2026-11-09"), D("2026-11-15")});  // does not overlap
  InvoiceMatch m = MatchInvoice(Facts(), b, {});
  EXPECT_THAT(m.reasons,
              ElementsAre("acorn  HOME care has already billed days in this period on invoice "
                          "INV-0 (26 October 2026 to 2 November 2026)"));
}

TEST(InvoiceMatching, GivesEveryReasonAtOnce) {
  MatchBasis b = Basis();
  b.budget_start = D("2026-11-05");
  InvoiceMatch m = MatchInvoice(Facts("11", "25.00", "1.00"), b, {});
  EXPECT_THAT(m.reasons, SizeIs(4));  // units, price, total, before the budget
}

TEST(InvoiceMatching, SaysWhenThereIsNoBudget) {
  MatchBasis b;
  InvoiceMatch m = MatchInvoice(Facts(), b, {});
  EXPECT_THAT(m.reasons, ElementsAre(HasSubstr("no budget in payment")));
}

TEST(InvoiceFiles, AreReadByTheirHeaderInAnyColumnOrder) {
  InvoiceFile f = ReadInvoiceFile(
      "total,provider,person_id,invoice_number,period_from,period_to,units,unit_price,note\r\n"
      "200.00,Acorn Home Care,01JD00000000000000000PER51,INV-1,2026-11-02,2026-11-08,10,20.00,x\r\n"
      "\r\n"
      "\"1,020.00\",Acorn Home Care,01JD00000000000000000PER51,INV-2,2026-11-09,2026-11-15,51,"
      "20.00,\r\n");
  EXPECT_THAT(f.problems, IsEmpty());
  ASSERT_THAT(f.rows, SizeIs(2));
  EXPECT_EQ(f.rows[0].row, 2);
  EXPECT_EQ(f.rows[0].request.provider, "Acorn Home Care");
  EXPECT_EQ(f.rows[0].request.total, "200.00");
  EXPECT_EQ(f.rows[1].row, 4);
  EXPECT_EQ(f.rows[1].request.total, "1,020.00");
  EXPECT_EQ(f.rows[1].request.units, "51");
}

TEST(InvoiceFiles, NameAMissingColumnAndABrokenRow) {
  InvoiceFile missing = ReadInvoiceFile("provider,person_id\nAcorn,x\n");
  ASSERT_THAT(missing.problems, SizeIs(1));
  EXPECT_EQ(missing.problems[0].field, "file");
  InvoiceFile broken = ReadInvoiceFile(
      "provider,person_id,invoice_number,period_from,period_to,units,unit_price,total\n"
      "Acorn,x,1,2026-11-02,2026-11-08,10,20.00\n");
  ASSERT_THAT(broken.problems, SizeIs(1));
  EXPECT_EQ(broken.problems[0].field, "rows[2]");
  EXPECT_THAT(broken.problems[0].message, HasSubstr("missing or extra comma"));
  EXPECT_EQ(ReadInvoiceFile("").problems.at(0).field, "file");
  EXPECT_EQ(ReadInvoiceFile("\xFF\xFEp").problems.at(0).field, "file");
}

TEST(InvoiceFiles, TheShippedSampleReadsAndEveryRowIsValid) {
  std::ifstream in(std::string(SELFDIRECT_SOURCE_DIR) + "/docs/samples/provider-invoices.csv",
                   std::ios::binary);
  ASSERT_TRUE(in.good());
  std::stringstream bytes;
  bytes << in.rdbuf();
  InvoiceFile f = ReadInvoiceFile(bytes.str());
  EXPECT_THAT(f.problems, IsEmpty());
  ASSERT_THAT(f.rows, SizeIs(4));
  for (const InvoiceRow& row : f.rows) {
    auto facts = ValidateInvoice(row.request);
    ASSERT_TRUE(facts.has_value()) << "row " << row.row << ": " << facts.error().fields[0].message;
    EXPECT_EQ(AmountFor(facts->units_hundredths, facts->unit_price).value(), facts->total)
        << "row " << row.row;
  }
  EXPECT_EQ(f.rows[3].request.provider, "Brightside Care, Hartlepool");
}

TEST(InvoicePosting, TakesTheTotalFromTheCommitmentToTheProvider) {
  Invoice i;
  i.council = CouncilId("01JD000000000000000000C0U1");
  i.id = InvoiceId("01JD0000000000000000NV0001");
  i.facts = Facts();
  const Transfer t = InvoiceTransfer(i, LedgerAccountId("01JD0000000000000000ACCT01"),
                                     LedgerAccountId("01JD0000000000000000ACCT02"), {}, UserId());
  EXPECT_EQ(t.id.str(), "invoice:01JD0000000000000000NV0001");
  EXPECT_EQ(t.code, TransferCode::kInvoice);
  EXPECT_EQ(t.amount, Pence(20000));
  EXPECT_EQ(t.debit_account.str(), "01JD0000000000000000ACCT01");
  EXPECT_EQ(t.credit_account.str(), "01JD0000000000000000ACCT02");
  EXPECT_EQ(t.reference, "invoice INV-1 from acorn  HOME care");
}

TEST(AccountsPayableFiles, HaveOneRowAnInvoiceAndDisarmFormulas) {
  Invoice i;
  i.id = InvoiceId("01JD0000000000000000NV0001");
  i.facts = Facts();
  i.facts.provider_name = "=HYPERLINK(\"x\")";
  const std::vector<Invoice> invoices = {i};
  EXPECT_EQ(AccountsPayableFile(invoices),
            "provider_name,provider_id,invoice_number,amount,person_id,period_from,period_to,"
            "invoice_id\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",,INV-1,200.00,01JD00000000000000000PER51,2026-11-02,"
            "2026-11-08,01JD0000000000000000NV0001\r\n");
}

}  // namespace
}  // namespace selfdirect::ledger
