#include "selfdirect/app/statements.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "selfdirect/ras/test_model.h"
#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ledger::LineCategory;
using ::testing::HasSubstr;

std::string ReadSample(const std::string& name) {
  std::ifstream in(std::string(SELFDIRECT_SOURCE_DIR) + "/docs/samples/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Ada's direct payment account, paid by the council, with an approved plan naming Jade Okafor
// (her personal assistant) and Smith's Care; statements in the Northern Bank sample format.
class StatementsTest : public ::testing::Test {
 protected:
  StatementsTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        approver_(t_.AddUser(council_, "approver@hartlepool.example", {"approver"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})),
        analyst_(t_.AddUser(council_, "numbers@hartlepool.example", {"analyst"})) {
    EXPECT_TRUE(t_.ras().Publish(As(admin_), ras::testing::kSmallModel));
    person_ = ApprovedPerson();
    auto holder = t_.accounts().AddUser(
        Context::Operator("t"),
        {council_.id, "ada@home.example", "Ada", {"budget-holder"}, person_.str()});
    EXPECT_TRUE(holder) << holder.error().message;
    holder_ = holder->user;
    fund_ = Open({.type = "council_fund", .owner_kind = "council", .name = "Adult social care"});
    card_ = Open({.type = "direct_payment_holding",
                  .owner_kind = "person",
                  .owner_id = person_.str(),
                  .name = "Ada Okafor's direct payment"});
    auto format =
        t_.statements().AddFormat(As(finance_), {"Northern Bank",
                                                 ReadSample("statement-formats/northern-bank.yaml"),
                                                 {"HARTLEPOOL BC DIRECT PAYMENTS"}});
    EXPECT_TRUE(format) << format.error().message;
  }

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  PersonId ApprovedPerson() {
    casework::NewPerson p;
    p.given_name = "Ada";
    p.family_name = "Okafor";
    p.date_of_birth = "1948-03-27";
    auto created = t_.casework().CreatePerson(As(worker_), p, {"", "community", "", ""});
    EXPECT_TRUE(created) << created.error().message;
    const PersonId id = created->record.person.id;
    casework::NewDetermination d;
    d.kind = "adult";
    d.needs_arise_from_condition = true;
    d.significant_impact_on_wellbeing = true;
    int n = 0;
    for (const auto& a : casework::AdultOutcomes()) {
      casework::OutcomeFinding f{a.code, n++ >= 3, std::nullopt, ""};
      if (!f.achieved) f.reason = casework::UnableReason::kWithoutAssistance;
      d.outcomes.push_back(f);
    }
    EXPECT_TRUE(t_.casework().RecordEligibility(As(worker_), id, d));
    using K = ras::RawAnswer::Kind;
    EXPECT_TRUE(
        t_.casework().RecordAssessment(As(worker_), id,
                                       {"small",
                                        "with_assessor",
                                        {{"washing", {K::kText, "c", false}},
                                         {"dressing", {K::kText, "b", false}},
                                         {"going_out", {K::kText, "b", false}},
                                         {"nights", {K::kNumber, "2", false}},
                                         {"age", {K::kNumber, "78", false}},
                                         {"living_setting", {K::kText, "supported_living", false}},
                                         {"has_unpaid_carer", {K::kYesNo, "", true}}}}));
    casework::PlanRequest r;
    r.outcomes = {{"o1", "Get up and dressed in time for the day centre"}};
    r.items = {{"Help to get up and dressed",
                "personal_assistant",
                "Jade Okafor",
                "hour",
                "31.25",
                "10",
                "per_week",
                "direct_payment",
                {"o1"}},
               {"Personal care visits",
                "provider",
                "Smith's Care",
                "visit",
                "243.00",
                "1",
                "per_week",
                "direct_payment",
                {"o1"}}};
    r.written_with = {"person", "social_worker"};
    auto plan = t_.casework().CreatePlan(As(worker_), id, r);
    EXPECT_TRUE(plan) << plan.error().message;
    EXPECT_TRUE(t_.casework().SubmitPlan(As(worker_), plan->plan.id, 1));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(As(admin_), approver_.id, "100000"));
    auto approved = t_.casework().DecidePlan(
        As(approver_), plan->plan.id,
        {"approve", "", "", "persons_choice", "She chose a personal assistant she knows", 2});
    EXPECT_TRUE(approved) << approved.error().message;
    return id;
  }

  ledger::Account Open(const ledger::NewAccount& request) {
    auto a = t_.ledger().OpenAccount(As(finance_), request);
    EXPECT_TRUE(a) << a.error().message;
    return *a;
  }

  // The council's payment into Ada's account, as a payment run would make it.
  void Pay(std::int64_t pence) {
    auto paid = t_.ledger().CreateTransfer(As(finance_), {.id = "run:2026-11-02:1",
                                                          .debit_account = fund_.id.str(),
                                                          .credit_account = card_.id.str(),
                                                          .amount_pence = pence,
                                                          .code = "payment",
                                                          .reference = "November"});
    ASSERT_TRUE(paid) << paid.error().message;
  }

  Pence Balance() {
    auto card = t_.ledger().GetAccount(As(finance_), card_.id);
    EXPECT_TRUE(card);
    return *ledger::PostedCreditBalance(card->balances);
  }

  ledger::LedgerCheck Verify() {
    auto checks = t_.ledger().Verify(Context::Operator("t"));
    EXPECT_TRUE(checks);
    return checks->at(0);
  }

  std::vector<std::string> Fields(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields) out.push_back(f.field);
    return out;
  }

  testing::TestApp t_;
  Council council_;
  User admin_, worker_, approver_, finance_, analyst_, holder_;
  PersonId person_;
  ledger::Account fund_, card_;
};

TEST_F(StatementsTest, AGoodStatementBecomesSpendLinesMatchedToThePlan) {
  Pay(2'488'40);
  const std::string csv = ReadSample("statement-northern-bank.csv");
  auto imported = t_.statements().Import(As(finance_), card_.id, "Northern Bank", csv);
  ASSERT_TRUE(imported) << imported.error().message;
  const auto& lines = imported->lines;
  ASSERT_EQ(lines.size(), 12u);
  EXPECT_EQ(imported->import.lines, 12);
  EXPECT_EQ(imported->import.money_in, Pence(2'300'00));
  EXPECT_EQ(imported->import.money_out, Pence(2'353'19));
  ASSERT_EQ(imported->plan_items.size(), 2u);
  EXPECT_EQ(imported->plan_items[1].supplier_name, "Smith's Care");
  // The council's payment: kept as a line, no transfer (it is in the books already).
  EXPECT_EQ(lines[0].match.category, LineCategory::kCouncilPayment);
  EXPECT_FALSE(lines[0].transfer);
  EXPECT_EQ(lines[1].match.category, LineCategory::kPlanItem);
  EXPECT_EQ(lines[1].match.plan_item, 0u);
  EXPECT_EQ(lines[2].match.plan_item, 1u);
  // HMRC is not in the plan: flagged.
  EXPECT_EQ(lines[6].line.payee, "HMRC PAYE");
  EXPECT_EQ(lines[6].match.category, LineCategory::kUnknownPayee);
  EXPECT_TRUE(lines[6].match.needs_review);
  EXPECT_EQ(lines[7].match.category, LineCategory::kTopUp);
  EXPECT_EQ(imported->import.transfers, 11);
  ASSERT_TRUE(lines[1].transfer);
  EXPECT_EQ(lines[1].transfer->str(), "stmt:" + imported->import.id.str() + ":3");
  // The books follow the bank: £2,488.40 − £2,353.19 + £50.00.
  EXPECT_EQ(Balance(), Pence(185'21));
  EXPECT_TRUE(Verify().clean());
  auto spend = t_.ledger().TransfersOf(As(finance_), card_.id, 50, "");
  ASSERT_TRUE(spend);
  EXPECT_EQ(spend->transfers.size(), 12u);  // the payment and eleven lines
  EXPECT_EQ(spend->transfers[1].code, ledger::TransferCode::kSpend);
  EXPECT_EQ(spend->transfers[1].amount, Pence(312'50));
  EXPECT_THAT(spend->transfers[1].reference, HasSubstr("JADE OKAFOR"));
  // Audited against Ada.
  auto audit = t_.accounts().SearchAudit(Context::Operator("t"),
                                         {.council_id = council_.id, .action = "statement.import"});
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->at(0).subject_person_id, person_.str());
  auto listed = t_.statements().ImportsOf(As(finance_), card_.id);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
}

TEST_F(StatementsTest, ABadFileNamesEveryBadRowAndChangesNothing) {
  Pay(2'488'40);
  std::string csv =
      "Date,Type,Description,Reference,Amount,Balance\n"
      "02/11/2026,BGC,HARTLEPOOL BC DIRECT PAYMENTS,DP,2250.00,2488.40\n"
      "31/11/2026,SO,JADE OKAFOR,PA,-312.50,2175.90\n"
      "05/11/2026,DD,SMITHS CARE LTD,INV,-48x.00,1689.90\n"
      "06/11/2026,DEB,\xff\xfe GYM,,-24.99,1664.91\n";
  auto refused = t_.statements().Import(As(finance_), card_.id, "Northern Bank", csv);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(refused.error().message, HasSubstr("nothing was imported"));
  const auto fields = Fields(refused.error());
  EXPECT_THAT(fields, ::testing::Contains("rows[3].date"));
  EXPECT_THAT(fields, ::testing::Contains("rows[4].amount"));
  EXPECT_THAT(fields, ::testing::Contains("rows[5]"));
  for (const auto& f : refused.error().fields) EXPECT_THAT(f.message, HasSubstr("row "));
  EXPECT_EQ(Balance(), Pence(2'488'40));
  EXPECT_TRUE(Verify().clean());
  EXPECT_EQ(Verify().transfers, 1);
  EXPECT_TRUE(t_.statements().ImportsOf(As(finance_), card_.id)->empty());
}

TEST_F(StatementsTest, ALineThatWouldOverdrawRefusesTheWholeFile) {
  Pay(2'000'00);  // less than the statement spends before Ada's top-up arrives
  auto refused = t_.statements().Import(As(finance_), card_.id, "Northern Bank",
                                        ReadSample("statement-northern-bank.csv"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  ASSERT_FALSE(refused.error().fields.empty());
  // Row 12 is the first the account cannot pay (£14.31 left); the fee after it could be.
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "rows[12]");
  EXPECT_THAT(refused.error().fields[0].message, HasSubstr("row 12 (JADE OKAFOR, -£312.50)"));
  EXPECT_EQ(Balance(), Pence(2'000'00));
  EXPECT_TRUE(Verify().clean());
  EXPECT_EQ(Verify().transfers, 1);
  EXPECT_TRUE(t_.statements().ImportsOf(As(finance_), card_.id)->empty());
}

TEST_F(StatementsTest, TheSameFileTwiceIsRefusedNamingWhen) {
  Pay(5'000'00);
  const std::string csv = ReadSample("statement-northern-bank.csv");
  ASSERT_TRUE(t_.statements().Import(As(finance_), card_.id, "Northern Bank", csv));
  const Pence after = Balance();
  auto again = t_.statements().Import(As(finance_), card_.id, "Northern Bank", csv);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_THAT(again.error().message,
              HasSubstr("already imported into this account on 22 November 2026"));
  EXPECT_EQ(Balance(), after);
  EXPECT_EQ(t_.statements().ImportsOf(As(finance_), card_.id)->size(), 1u);
}

TEST_F(StatementsTest, ZeroLinesAndCouncilPaymentsAreKeptButMoveNoMoney) {
  Pay(100'00);
  const std::string csv =
      "Date,Type,Description,Reference,Amount,Balance\n"
      "02/11/2026,BGC,HARTLEPOOL BC DIRECT PAYMENTS,DP,100.00,100.00\n"
      "03/11/2026,DEB,PUREGYM LTD*1234 CARD CHECK,,0.00,100.00\n"
      "04/11/2026,DEB,SMITHS CARE LTD,INV,-40.00,60.00\n";
  auto imported = t_.statements().Import(As(finance_), card_.id, "Northern Bank", csv);
  ASSERT_TRUE(imported) << imported.error().message;
  ASSERT_EQ(imported->lines.size(), 3u);
  EXPECT_EQ(imported->lines[0].match.category, LineCategory::kCouncilPayment);
  EXPECT_FALSE(imported->lines[0].transfer);
  EXPECT_EQ(imported->lines[1].match.category, LineCategory::kNoMoneyMoved);
  EXPECT_FALSE(imported->lines[1].transfer);
  EXPECT_TRUE(imported->lines[2].transfer);
  EXPECT_EQ(imported->import.transfers, 1);
  EXPECT_EQ(Balance(), Pence(60'00));
  EXPECT_TRUE(Verify().clean());
}

TEST_F(StatementsTest, ReconcilingMatchesTheCouncilsPaymentsWithWhatTheStatementsShowArriving) {
  // Paid on 2 November (shown arriving on the 3rd) and on 30 November (not shown at all); the
  // statement also shows £25.00 from the council that the books do not have.
  t_.clock().Set(ParseTimestamp("2026-11-02T09:00:00.000Z").value());
  Pay(100'00);
  t_.clock().Set(ParseTimestamp("2026-11-30T09:00:00.000Z").value());
  auto second = t_.ledger().CreateTransfer(As(finance_), {.id = "run:2026-11-30:1",
                                                          .debit_account = fund_.id.str(),
                                                          .credit_account = card_.id.str(),
                                                          .amount_pence = 100'00,
                                                          .code = "payment",
                                                          .reference = "December"});
  ASSERT_TRUE(second) << second.error().message;
  t_.clock().Set(ParseTimestamp("2026-12-11T09:00:00.000Z").value());
  const std::string csv =
      "Date,Type,Description,Reference,Amount,Balance\n"
      "03/11/2026,BGC,HARTLEPOOL BC DIRECT PAYMENTS,DP,100.00,100.00\n"
      "04/11/2026,DEB,SMITHS CARE LTD,INV,-40.00,60.00\n"
      "16/11/2026,BGC,HARTLEPOOL BC DIRECT PAYMENTS,DP,25.00,85.00\n"
      "10/12/2026,DEB,SMITHS CARE LTD,INV,-40.00,45.00\n";
  ASSERT_TRUE(t_.statements().Import(As(finance_), card_.id, "Northern Bank", csv));

  auto r = t_.statements().Reconcile(As(finance_), card_.id);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(FormatIsoDate(*r->covers_from), "2026-11-03");
  EXPECT_EQ(FormatIsoDate(*r->covers_to), "2026-12-10");
  ASSERT_EQ(r->matched.size(), 1u);
  EXPECT_EQ(r->matched[0].payment.transfer_id, "run:2026-11-02:1");
  EXPECT_EQ(r->matched[0].arrival.row, 2);
  EXPECT_EQ(r->matched[0].days, 1);
  ASSERT_EQ(r->not_arrived.size(), 1u);
  EXPECT_EQ(r->not_arrived[0].transfer_id, "run:2026-11-30:1");
  ASSERT_EQ(r->not_paid.size(), 1u);
  EXPECT_EQ(r->not_paid[0].amount, Pence(25'00));
  EXPECT_EQ(r->not_paid[0].row, 4);
  EXPECT_EQ(r->paid_total, Pence(200'00));
  EXPECT_EQ(r->arrived_total, Pence(125'00));

  // Finance officers only, and only for a person's holding account.
  EXPECT_EQ(t_.statements().Reconcile(As(holder_), card_.id).error().code,
            ErrorCode::kPermissionDenied);
  auto fund = t_.statements().Reconcile(As(finance_), fund_.id);
  ASSERT_FALSE(fund);
  EXPECT_EQ(Fields(fund.error()), std::vector<std::string>{"account"});
}

TEST_F(StatementsTest, AStatementWrittenNewestFirstIsBookedOldestFirst) {
  ASSERT_TRUE(t_.statements().AddFormat(
      As(finance_), {"Carefree", ReadSample("statement-formats/carefree-card.yaml"), {}}));
  // Nothing in the account yet: the top-up on the 4th pays for the shop on the 5th.
  const std::string csv =
      "Transaction Date,Card Number,Merchant,Details,Money In,Money Out,Balance\n"
      "5 Nov 2026,**** 4821,CORNER SHOP,Card payment,\"\",\"£30.00\",\"£20.00\"\n"
      "4 Nov 2026,**** 4821,M OKAFOR,Top up,\"£50.00\",\"\",\"£50.00\"\n";
  auto imported = t_.statements().Import(As(finance_), card_.id, "Carefree", csv);
  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_EQ(imported->lines[1].match.category, LineCategory::kTopUp);
  EXPECT_EQ(Balance(), Pence(20'00));
  EXPECT_TRUE(Verify().clean());
}

TEST_F(StatementsTest, OnlyPeoplesHoldingAccountsTakeStatementsAndOnlyFinanceImports) {
  const std::string csv = ReadSample("statement-northern-bank.csv");
  auto wrong = t_.statements().Import(As(finance_), fund_.id, "Nowhere Bank", csv);
  ASSERT_FALSE(wrong);
  EXPECT_THAT(Fields(wrong.error()), ::testing::UnorderedElementsAre("account", "format"));
  EXPECT_EQ(t_.statements().Import(As(worker_), card_.id, "Northern Bank", csv).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(t_.statements().Import(As(holder_), card_.id, "Northern Bank", csv).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(StatementsTest, AFormatsYamlIsCheckedAndEveryProblemNamed) {
  auto bad = t_.statements().AddFormat(
      As(finance_),
      {"Broken", "format: selfdirect-statement/1\nname: x\ncolumns: {date: D}\n", {}});
  ASSERT_FALSE(bad);
  for (const auto& f : Fields(bad.error())) EXPECT_THAT(f, ::testing::StartsWith("yaml"));
  auto twice = t_.statements().AddFormat(
      As(finance_), {"Northern Bank", ReadSample("statement-formats/northern-bank.yaml"), {}});
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(t_.statements().AddFormat(As(worker_), {"X", "y", {}}).error().code,
            ErrorCode::kPermissionDenied);
  auto all = t_.statements().Formats(As(finance_));
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->at(0).council_payers, std::vector<std::string>{"HARTLEPOOL BC DIRECT PAYMENTS"});
}

TEST_F(StatementsTest, TheBudgetHolderRecategorisesAndAnUnrelatedPersonCannot) {
  Pay(2'488'40);
  auto imported = t_.statements().Import(As(finance_), card_.id, "Northern Bank",
                                         ReadSample("statement-northern-bank.csv"));
  ASSERT_TRUE(imported);
  const StatementImportId id = imported->import.id;
  const Pence balance = Balance();

  // Ada reads her statement and says what the HMRC line (row 8) was.
  auto read = t_.statements().Get(As(holder_), id);
  ASSERT_TRUE(read) << read.error().message;
  auto changed = t_.statements().Recategorise(
      As(holder_), id, {{8, "plan_item", 0, "Jade's tax, paid for me by the payroll service"}});
  ASSERT_TRUE(changed) << changed.error().message;
  const auto& line = changed->lines[6];
  EXPECT_EQ(line.match.category, LineCategory::kPlanItem);
  EXPECT_EQ(line.match.plan_item, 0u);
  EXPECT_TRUE(line.match.recategorised);
  EXPECT_FALSE(line.match.needs_review);
  EXPECT_EQ(line.recategorised_by, holder_.id);
  EXPECT_EQ(Balance(), balance);  // the category changed, never the money

  // Someone with no standing to Ada is told there is nothing there; staff without the power,
  // that they may not.
  EXPECT_EQ(
      t_.statements().Recategorise(As(analyst_), id, {{8, "not_in_plan", {}, ""}}).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(
      t_.statements().Recategorise(As(worker_), id, {{8, "not_in_plan", {}, ""}}).error().code,
      ErrorCode::kPermissionDenied);
  EXPECT_EQ(t_.statements().Get(As(analyst_), id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(t_.statements().Get(As(holder_), id)->lines[6].match.category, LineCategory::kPlanItem);
}

TEST_F(StatementsTest, BadChangesAreNamedByRowAndNothingIsSaved) {
  Pay(2'488'40);
  auto imported = t_.statements().Import(As(finance_), card_.id, "Northern Bank",
                                         ReadSample("statement-northern-bank.csv"));
  ASSERT_TRUE(imported);
  const StatementImportId id = imported->import.id;
  auto bad = t_.statements().Recategorise(As(finance_), id,
                                          {{8, "not_in_plan", {}, "fine"},
                                           {99, "plan_item", 0, ""},
                                           {2, "top_up", {}, ""},
                                           {9, "refund", 7, ""},
                                           {3, "sandwiches", {}, ""}});
  ASSERT_FALSE(bad);
  EXPECT_THAT(Fields(bad.error()),
              ::testing::UnorderedElementsAre("changes[1].row", "changes[2].category",
                                              "changes[4].category"));
  auto ledger_refused =
      t_.statements().Recategorise(As(finance_), id, {{9, "refund", 7, ""}, {3, "top_up", {}, ""}});
  ASSERT_FALSE(ledger_refused);
  EXPECT_THAT(Fields(ledger_refused.error()),
              ::testing::UnorderedElementsAre("changes[0].plan_item", "changes[1].category"));
  auto lines = t_.statements().Get(As(finance_), id)->lines;
  EXPECT_EQ(lines[6].match.category, LineCategory::kUnknownPayee);
  EXPECT_FALSE(lines[6].match.recategorised);
}

TEST(StatementReferenceTest, ThePayeeIsReadBackFromTheReferenceALineMakes) {
  const std::string reference = StatementTransferReference(7, "SMITHS CARE LTD");
  EXPECT_EQ(reference, "statement row 7: SMITHS CARE LTD");
  EXPECT_EQ(StatementPayee(reference), "SMITHS CARE LTD");
  EXPECT_EQ(StatementPayee("statement row 12: "), "");
  EXPECT_EQ(StatementPayee("ATM cash withdrawal"), std::nullopt);
  EXPECT_EQ(StatementPayee("statement row : SMITHS"), std::nullopt);
  EXPECT_EQ(StatementPayee("statement row 7 SMITHS"), std::nullopt);
  // A long payee is cut to 200 bytes, never inside a character: here "é" would straddle the
  // cut (the prefix is 17 bytes), so it goes whole.
  const std::string long_payee(182, 'A');
  const std::string cut = StatementTransferReference(3, long_payee + "é and more");
  EXPECT_EQ(cut, "statement row 3: " + long_payee);
  EXPECT_EQ(StatementPayee(cut), long_payee);
}

}  // namespace
}  // namespace selfdirect::app
