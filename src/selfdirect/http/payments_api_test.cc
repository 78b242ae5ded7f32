#include "selfdirect/http/payments_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/service.h"
#include "tests/support/api_client.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

// Ada's plan is signed off (a direct payment of £200.00 a week); two finance officers run her
// payments through the API.
class PaymentsApiTest : public ::testing::Test {
 protected:
  PaymentsApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    const User admin = t_.AddUser(c, "admin@westminster.example", {"administrator"});
    worker_ = t_.AddUser(c, "sw@westminster.example", {"assessor"});
    approver_ = t_.AddUser(c, "approver@westminster.example", {"approver"});
    finance_user_ = t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    t_.AddUser(c, "money2@westminster.example", {"finance-officer"});
    EXPECT_TRUE(t_.ras().Publish(testing::ActingAs(admin), ras::testing::kSmallModel));
    // Contributions collected gross: what a person contributes is owed, not taken off.
    EXPECT_TRUE(t_.app().CreateScheme(app::Context::Operator("test"), c.id,
                                      {.name = "Adult social care",
                                       .kind = "adult-social-care",
                                       .contribution_collection = std::string("gross")}));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(testing::ActingAs(admin), approver_.id, "100000"));
    ada_ = testing::SignOffAPlan(t_, worker_, approver_, "Ada", "943 476 5919", "10");
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterPaymentsApi(service_->mutable_router(), t_.payments());
    finance_ = SignIn("money@westminster.example");
    finance2_ = SignIn("money2@westminster.example");
    admin_ = SignIn("admin@westminster.example");
  }

  using Session = testing::ApiSession;

  Session SignIn(const std::string& email) {
    return testing::SignInTo(*service_, "E09000033", email);
  }

  Response Send(const Session* as, std::string method, std::string target, std::string body = "") {
    return testing::SendTo(*service_, as, std::move(method), std::move(target), std::move(body));
  }

  static json::object Body(const Response& r) { return testing::BodyOf(r); }

  testing::TestApp t_;
  User worker_, approver_, finance_user_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  PersonId ada_;
  Session finance_, finance2_, admin_;
};

TEST_F(PaymentsApiTest, BadInputIsAProblemNamingTheFieldAndChangesNothing) {
  auto bad_date = Send(&finance_, "GET", "/api/payment-runs/preview?date=2026-02-30");
  EXPECT_EQ(bad_date.status, 422) << bad_date.body;
  EXPECT_EQ(Body(bad_date).at("errors").at(0).at("field").as_string(), "date");
  auto start = Send(&finance_, "POST", "/api/payment-runs", R"({"date":"tomorrow"})");
  EXPECT_EQ(start.status, 422);
  EXPECT_EQ(Send(&finance_, "GET", "/api/payment-runs").body, R"({"runs":[]})");

  auto details = Send(&finance_, "PUT", "/api/people/" + ada_.str() + "/payment-details",
                      R"({"route":"cash","payee_name":"","sort_code":"1"})");
  EXPECT_EQ(details.status, 422) << details.body;
  std::vector<std::string> fields;
  const json::object problem = Body(details);
  for (const auto& e : problem.at("errors").as_array()) {
    fields.emplace_back(e.at("field").as_string());
  }
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("route", "payee_name", "sort_code",
                                                      "account_number"));
  EXPECT_EQ(Send(&finance_, "GET", "/api/people/" + ada_.str() + "/payment-details").body,
            R"({"person_name":"Ada Okafor","details":[]})");
  auto threshold =
      Send(&admin_, "PUT", "/api/finance-settings", R"({"approval_threshold_pence":-5})");
  EXPECT_EQ(threshold.status, 422);
  EXPECT_EQ(Body(Send(&finance_, "GET", "/api/finance-settings"))
                .at("approval_threshold_pence")
                .as_int64(),
            app::kDefaultApprovalThresholdPence);
  for (const char* body : {R"({"payment_run_every_days":0})", R"({"payment_run_every_days":29})",
                           R"({"payment_run_every_days":"weekly"})",
                           R"({"payment_run_every_days":14,"approval_threshold_pence":-1})"}) {
    auto every = Send(&admin_, "PUT", "/api/finance-settings", body);
    EXPECT_EQ(every.status, 422) << body << ": " << every.body;
  }
  auto every = Send(&admin_, "PUT", "/api/finance-settings", R"({"payment_run_every_days":0})");
  EXPECT_EQ(Body(every).at("errors").at(0).at("field").as_string(), "payment_run_every_days");
  EXPECT_EQ(
      Body(Send(&finance_, "GET", "/api/finance-settings")).at("payment_run_every_days").as_int64(),
      7);
  auto set = Send(&admin_, "PUT", "/api/finance-settings", R"({"payment_run_every_days":28})");
  EXPECT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Body(set).at("payment_run_every_days").as_int64(), 28);
  auto preview = Body(Send(&finance_, "GET", "/api/payment-runs/preview?date=2026-11-22"));
  EXPECT_EQ(preview.at("pays_through").as_string(), "2026-12-19");
  EXPECT_THAT(std::string(preview.at("pays_through_sentence").as_string()),
              ::testing::HasSubstr("runs are every 28 days"));
}

// Ben contributes £10.00 a week, collected gross: after the run of 22 November he owes £40.00.
TEST_F(PaymentsApiTest, AContributionPaidIsRecordedOnce_AndBadInputChangesNothing) {
  const PersonId ben = testing::SignOffAPlan(t_, worker_, approver_, "Ben", "401 023 2137", "10",
                                             &finance_user_, "10.00");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(
      testing::ActingAs(finance_user_), ben,
      {"direct_payment", "Ben Okafor", "30-94-30", "00733445", ""}));
  ASSERT_TRUE(t_.payments().RunDate(testing::ActingAs(finance_user_), *ParseIsoDate("2026-11-22")));
  const std::string path = "/api/people/" + ben.str() + "/contribution-payments";
  const std::string before = Send(&finance_, "GET", path).body;
  EXPECT_EQ(Body(Send(&finance_, "GET", path)).at("owed_pence").as_int64(), 4000);

  auto more = Send(&finance_, "POST", path,
                   R"({"payment_id":"f-1","amount_pence":4001,"paid_on":"2026-11-20"})");
  EXPECT_EQ(more.status, 422) << more.body;
  EXPECT_EQ(Body(more).at("errors").at(0).at("field").as_string(), "amount_pence");
  EXPECT_THAT(more.body, HasSubstr("They owe £40.00"));
  auto typed = Send(&finance_, "POST", path,
                    R"({"payment_id":"f-1","amount_pence":"15.00","paid_on":20261120})");
  EXPECT_EQ(typed.status, 422) << typed.body;
  EXPECT_EQ(Send(&finance_, "GET", path).body, before);

  const std::string paid =
      R"({"payment_id":"f-1","amount_pence":1500,"paid_on":"2026-11-20","reference":"BACS 7731"})";
  auto made = Send(&finance_, "POST", path, paid);
  EXPECT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(Body(made).at("owed_pence").as_int64(), 2500);
  EXPECT_EQ(Body(made).at("sentence").as_string(),
            "£15.00 paid on 20 November 2026 is recorded. Ben Okafor now owes £25.00.");
  auto again = Send(&finance_, "POST", path, paid);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(Body(again).at("replayed").as_bool());
  // The same key with a field missing is a 422 naming it, not a replay or a conflict.
  auto missing = Send(&finance_, "POST", path, R"({"payment_id":"f-1","paid_on":"2026-11-20"})");
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(Body(missing).at("errors").at(0).at("field").as_string(), "amount_pence");
  // The same payment sent for someone else is refused, and tells nothing of Ben's.
  const std::string ada_path = "/api/people/" + ada_.str() + "/contribution-payments";
  auto elsewhere = Send(&finance_, "POST", ada_path, paid);
  EXPECT_EQ(elsewhere.status, 409) << elsewhere.body;
  EXPECT_THAT(elsewhere.body, HasSubstr("already used for a payment from someone else"));
  EXPECT_THAT(elsewhere.body, ::testing::Not(HasSubstr("15.00")));
  EXPECT_EQ(Body(Send(&finance_, "GET", ada_path)).at("payments").as_array().size(), 0u);
  const json::object after = Body(Send(&finance_, "GET", path));
  EXPECT_EQ(after.at("owed_pence").as_int64(), 2500);
  EXPECT_EQ(after.at("charged_pence").as_int64(), 4000);
  ASSERT_EQ(after.at("payments").as_array().size(), 1u);
  EXPECT_EQ(after.at("payments").at(0).at("paid_on").as_string(), "2026-11-20");
  EXPECT_EQ(after.at("payments").at(0).at("reference").as_string(), "BACS 7731");

  // The same bank payment entered again on a fresh form (a new key) is asked about, not
  // recorded; said to be paid twice, it is recorded.
  auto twice = Send(&finance_, "POST", path,
                    R"({"payment_id":"f-2","amount_pence":1500,"paid_on":"2026-11-20"})");
  EXPECT_EQ(twice.status, 422) << twice.body;
  EXPECT_EQ(Body(twice).at("errors").at(0).at("field").as_string(), "paid_twice");
  EXPECT_THAT(twice.body, HasSubstr("£15.00 paid on 20 November 2026 is already recorded "
                                    "(reference BACS 7731)"));
  EXPECT_EQ(Body(Send(&finance_, "GET", path)).at("owed_pence").as_int64(), 2500);
  auto confirmed =
      Send(&finance_, "POST", path,
           R"({"payment_id":"f-2","amount_pence":1500,"paid_on":"2026-11-20","paid_twice":true})");
  EXPECT_EQ(confirmed.status, 201) << confirmed.body;
  EXPECT_EQ(Body(confirmed).at("owed_pence").as_int64(), 1000);
  auto bank_key =
      Send(&finance_, "POST", path,
           R"({"payment_id":"bank-0123456789abcdef-2","amount_pence":100,"paid_on":"2026-11-20"})");
  EXPECT_EQ(bank_key.status, 422) << bank_key.body;
  EXPECT_EQ(Body(bank_key).at("errors").at(0).at("field").as_string(), "payment_id");
  auto ancient = Send(&finance_, "POST", path,
                      R"({"payment_id":"f-3","amount_pence":100,"paid_on":"2016-11-20"})");
  EXPECT_EQ(ancient.status, 422) << ancient.body;
  EXPECT_EQ(Body(ancient).at("errors").at(0).at("field").as_string(), "paid_on");
  EXPECT_THAT(ancient.body, HasSubstr("in the last 6 years: check the year"));
}

// The council's bank file: Ben's payment quoting his contribution reference is recorded after
// a check; money out and a payment with no reference are left, each saying why.
TEST_F(PaymentsApiTest, ABankFileOfContributionsIsCheckedThenRecordedOnce) {
  const PersonId ben = testing::SignOffAPlan(t_, worker_, approver_, "Ben", "401 023 2137", "10",
                                             &finance_user_, "10.00");
  ASSERT_TRUE(t_.payments().SetPaymentDetails(
      testing::ActingAs(finance_user_), ben,
      {"direct_payment", "Ben Okafor", "30-94-30", "00733445", ""}));
  ASSERT_TRUE(t_.payments().RunDate(testing::ActingAs(finance_user_), *ParseIsoDate("2026-11-22")));
  ASSERT_TRUE(t_.statements().AddFormat(
      testing::ActingAs(finance_user_),
      {.name = "Council bank",
       .yaml = "format: selfdirect-statement/1\nname: Council bank\ncolumns:\n  date: Date\n"
               "  payee: Payee\n  reference: Reference\n  amount: Amount\n"
               "date_formats: [dd/mm/yyyy]\n"}));
  const std::string ben_path = "/api/people/" + ben.str() + "/contribution-payments";
  const std::string reference(
      Body(Send(&finance_, "GET", ben_path)).at("contribution_reference").as_string());
  EXPECT_EQ(reference, ledger::ContributionReference(ben));
  const std::string csv =
      "Date,Payee,Reference,Amount\n"
      "20/11/2026,B OKAFOR," +
      reference +
      ",15.00\n"
      "20/11/2026,ELECTRIC CO,DD 4411,-30.00\n"
      "21/11/2026,A FRIEND,GIFT,5.00\n";
  auto file = [&](const std::string& query, const std::string& body) {
    return testing::SendTo(*service_, &finance_, "POST", "/api/contribution-payments/file" + query,
                           body, "text/csv");
  };

  auto checked = file("?format=Council%20bank", csv);
  ASSERT_EQ(checked.status, 200) << checked.body;
  auto c = Body(checked);
  EXPECT_FALSE(c.at("recorded").as_bool());
  EXPECT_EQ(c.at("payments").as_int64(), 1);
  EXPECT_EQ(c.at("for_you").as_int64(), 1);
  EXPECT_EQ(c.at("sentence").as_string(),
            "1 payment towards contributions, £15.00 in all, can be recorded. 1 line needs you: "
            "it says why.");
  const auto& lines = c.at("lines").as_array();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].at("outcome").as_string(), "record");
  EXPECT_EQ(lines[0].at("person_id").as_string(), ben.str());
  EXPECT_EQ(lines[0].at("sentence").as_string(),
            "£15.00 from Ben Okafor towards their contribution");
  EXPECT_EQ(lines[1].at("outcome").as_string(), "money_out");
  EXPECT_EQ(lines[2].at("outcome").as_string(), "no_reference");
  EXPECT_EQ(Body(Send(&finance_, "GET", ben_path)).at("owed_pence").as_int64(), 4000);

  auto recorded = file("?format=Council%20bank&record=true", csv);
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_THAT(recorded.body, HasSubstr("£15.00 in all, is recorded"));
  auto after = Body(Send(&finance_, "GET", ben_path));
  EXPECT_EQ(after.at("owed_pence").as_int64(), 2500);
  ASSERT_EQ(after.at("payments").as_array().size(), 1u);
  EXPECT_EQ(after.at("payments").at(0).at("reference").as_string(), reference);

  // The same file again records nothing.
  auto again = file("?format=Council%20bank&record=true", csv);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Body(again).at("payments").as_int64(), 0);
  EXPECT_EQ(Body(again).at("lines").at(0).at("outcome").as_string(), "already_recorded");
  EXPECT_EQ(Body(Send(&finance_, "GET", ben_path)).at("owed_pence").as_int64(), 2500);
  // A file that pays all he owes, read again once he owes nothing, is still "recorded before".
  const std::string rest =
      "Date,Payee,Reference,Amount\n21/11/2026,B OKAFOR," + reference + ",25.00\n";
  ASSERT_EQ(file("?format=Council%20bank&record=true", rest).status, 201);
  EXPECT_EQ(Body(Send(&finance_, "GET", ben_path)).at("owed_pence").as_int64(), 0);
  auto settled = file("?format=Council%20bank", rest);
  ASSERT_EQ(settled.status, 200) << settled.body;
  EXPECT_EQ(Body(settled).at("lines").at(0).at("outcome").as_string(), "already_recorded");
  EXPECT_EQ(Body(settled).at("for_you").as_int64(), 0);

  // A bad row refuses the whole file, naming it; a missing format and a bad record are named.
  auto bad = file("?format=Council%20bank&record=true",
                  "Date,Payee,Reference,Amount\n31/02/2026,B OKAFOR," + reference + ",5.00\n");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(Body(bad).at("errors").at(0).at("field").as_string(), "file");
  EXPECT_THAT(bad.body, HasSubstr("Row 2, column \\\"Date\\\""));
  auto no_format = file("?format=Nope", csv);
  EXPECT_EQ(no_format.status, 422) << no_format.body;
  EXPECT_EQ(Body(no_format).at("errors").at(0).at("field").as_string(), "format");
  auto maybe = file("?format=Council%20bank&record=maybe", csv);
  EXPECT_EQ(maybe.status, 422) << maybe.body;
  EXPECT_EQ(Body(maybe).at("errors").at(0).at("field").as_string(), "record");
  auto json_body = testing::SendTo(*service_, &finance_, "POST",
                                   "/api/contribution-payments/file?format=Council%20bank", csv);
  EXPECT_EQ(json_body.status, 415);
  EXPECT_EQ(Body(Send(&finance_, "GET", ben_path)).at("owed_pence").as_int64(), 0);
}

TEST_F(PaymentsApiTest, PreviewStartApproveReleaseAndTheFile) {
  auto details = Send(&finance_, "PUT", "/api/people/" + ada_.str() + "/payment-details",
                      R"({"route":"direct_payment","payee_name":"Ada Okafor",)"
                      R"("sort_code":"30-94-30","account_number":"00733445"})");
  ASSERT_EQ(details.status, 200) << details.body;
  EXPECT_EQ(Body(details).at("account_number").as_string(), "****3445");
  ASSERT_EQ(
      Send(&admin_, "PUT", "/api/finance-settings", R"({"approval_threshold_pence":50000})").status,
      200);

  auto preview = Send(&finance_, "GET", "/api/payment-runs/preview?date=2026-11-22");
  ASSERT_EQ(preview.status, 200) << preview.body;
  auto p = Body(preview);
  EXPECT_EQ(p.at("total_pence").as_int64(), 80000);
  EXPECT_TRUE(p.at("needs_second_approval").as_bool());
  EXPECT_EQ(p.at("by_kind").at(0).at("label").as_string(), "Direct payments");
  EXPECT_TRUE(p.at("open_run").is_null());

  auto started = Send(&finance_, "POST", "/api/payment-runs", R"({"date":"2026-11-22"})");
  ASSERT_EQ(started.status, 201) << started.body;
  const std::string id(Body(started).at("id").as_string());
  EXPECT_EQ(Body(started).at("status").as_string(), "awaiting_approval");
  EXPECT_EQ(started.Header("Location"), "/api/payment-runs/" + id);
  EXPECT_EQ(Send(&finance_, "GET", "/api/payment-runs/" + id + "/file").status, 409);
  auto self = Send(&finance_, "POST", "/api/payment-runs/" + id + "/approve");
  EXPECT_EQ(self.status, 409);
  EXPECT_THAT(self.body, HasSubstr("A second finance officer must approve"));
  auto no_reason = Send(&finance2_, "POST", "/api/payment-runs/" + id + "/reject", "{}");
  EXPECT_EQ(no_reason.status, 422);

  auto approved = Send(&finance2_, "POST", "/api/payment-runs/" + id + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved).at("status_label").as_string(), "Ready to release");
  auto released = Send(&finance2_, "POST", "/api/payment-runs/" + id + "/release");
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(Body(released).at("status").as_string(), "released");
  EXPECT_EQ(Body(released).at("posted").as_int64(), 1);
  EXPECT_EQ(Body(released).at("file_name").as_string(), "payments-2026-11-22.csv");

  auto file = Send(&finance_, "GET", "/api/payment-runs/" + id + "/file");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.content_type, "text/csv; charset=utf-8");
  EXPECT_THAT(file.body, HasSubstr("Ada Okafor,309430,00733445,,800.00,"));

  auto again = Send(&finance_, "POST", "/api/payment-runs", R"({"date":"2026-11-22"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_THAT(again.body, HasSubstr("already run and released"));
  auto list = Body(Send(&finance_, "GET", "/api/payment-runs"));
  ASSERT_EQ(list.at("runs").as_array().size(), 1u);
  EXPECT_EQ(list.at("runs").at(0).at("held_count").as_int64(), 0);
}

// A run's payments a page at a time: largest first, by name, of a kind, of a name; bad input
// named; no run, no page.
TEST_F(PaymentsApiTest, ARunsPaymentsAPageAtATime) {
  // Ben (£100.00 a week) and Cy (£300.00) have no payment details: their payments are held.
  testing::SignOffAPlan(t_, worker_, approver_, "Ben", "401 023 2137", "5");
  testing::SignOffAPlan(t_, worker_, approver_, "Cy", "485 777 3457", "15");
  ASSERT_EQ(Send(&finance_, "PUT", "/api/people/" + ada_.str() + "/payment-details",
                 R"({"route":"direct_payment","payee_name":"Ada Okafor",)"
                 R"("sort_code":"30-94-30","account_number":"00733445"})")
                .status,
            200);
  auto started = Send(&finance_, "POST", "/api/payment-runs", R"({"date":"2026-11-22"})");
  ASSERT_EQ(started.status, 201) << started.body;
  const std::string run = "/api/payment-runs/" + std::string(Body(started).at("id").as_string());

  const auto names = [&](const std::string& query) {
    auto r = Send(&finance_, "GET", run + "/payments" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<std::string> out;
    const json::object body = Body(r);
    for (const auto& p : body.at("payments").as_array()) {
      out.emplace_back(p.at("person_name").as_string());
    }
    return out;
  };
  EXPECT_THAT(names(""), ::testing::ElementsAre("Cy Okafor", "Ada Okafor", "Ben Okafor"));
  EXPECT_THAT(names("?order=name"),
              ::testing::ElementsAre("Ada Okafor", "Ben Okafor", "Cy Okafor"));
  EXPECT_THAT(names("?order=run"), ::testing::SizeIs(3));
  EXPECT_THAT(names("?name=ben"), ::testing::ElementsAre("Ben Okafor"));
  EXPECT_THAT(names("?name=%25"), ::testing::IsEmpty());  // % is not a wildcard
  EXPECT_THAT(names("?name=_"), ::testing::IsEmpty());    // nor is _
  EXPECT_THAT(names("?name=%5C"), ::testing::IsEmpty());  // a backslash is itself
  EXPECT_THAT(names("?name=A+OKAFOR"), ::testing::ElementsAre("Ada Okafor"));  // any case
  EXPECT_THAT(names("?kind=contribution"), ::testing::IsEmpty());

  auto page = Body(Send(&finance_, "GET", run + "/payments?per_page=1&page=9"));
  EXPECT_EQ(page.at("total").as_int64(), 3);
  EXPECT_EQ(page.at("pages").as_int64(), 3);
  EXPECT_EQ(page.at("page").as_int64(), 3);  // past the last: the last
  const auto& ben = page.at("payments").at(0);
  EXPECT_EQ(ben.at("person_name").as_string(), "Ben Okafor");
  EXPECT_EQ(ben.at("amount_pence").as_int64(), 40000);
  EXPECT_EQ(ben.at("status").as_string(), "held");
  EXPECT_THAT(std::string(ben.at("held_reason").as_string()), HasSubstr("No bank account"));
  EXPECT_EQ(ben.at("covers_from").as_string(), "2026-11-22");
  EXPECT_EQ(ben.at("covers_to").as_string(), "2026-12-19");

  auto bad = Send(&finance_, "GET", run + "/payments?kind=cash&order=size&page=0&per_page=500");
  ASSERT_EQ(bad.status, 422) << bad.body;
  for (const char* field : {"\"kind\"", "\"order\"", "\"page\"", "\"per_page\""}) {
    EXPECT_THAT(bad.body, HasSubstr(field));
  }
  auto long_name = Send(&finance_, "GET", run + "/payments?name=" + std::string(101, 'a'));
  EXPECT_EQ(long_name.status, 422);
  EXPECT_THAT(long_name.body, HasSubstr("\"name\""));
  EXPECT_EQ(Send(&finance_, "GET", "/api/payment-runs/01J0000000000000000000000Z/payments").status,
            404);
  auto worker = SignIn("sw@westminster.example");
  EXPECT_EQ(Send(&worker, "GET", run + "/payments").status, 403);

  // Every payment as a spreadsheet, held ones too; who took it is recorded.
  auto csv = Send(&finance_, "GET", run + "/payments.csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("Content-Disposition"),
            "attachment; filename=\"payment-run-2026-11-22-payments.csv\"");
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\n') + 1),
            "Person,Person id,Kind,Paid to,From,To,Amount,Status,Why it is held\r\n");
  EXPECT_THAT(csv.body, HasSubstr("Ada Okafor," + ada_.str() +
                                  ",Direct payment,Direct payment account,2026-11-22,2026-12-19,"
                                  "800.00,To be paid,\r\n"));
  EXPECT_THAT(csv.body, HasSubstr(",400.00,Held,\"No bank account or prepaid card"));
  EXPECT_EQ(Send(&worker, "GET", run + "/payments.csv").status, 403);
  int reports = 0;
  ASSERT_TRUE(t_.store().Read([&](store::Transaction& tx) -> Status {
    auto entries = tx.Audit().Search({.council_id = finance_user_.council_id});
    if (!entries) return tl::unexpected(entries.error());
    for (const auto& e : *entries) {
      if (e.action == "payments.run.report" && e.outcome == AuditOutcome::kAllowed) {
        ++reports;
        EXPECT_EQ(e.summary, "downloaded the list of the 3 payments of the run for 2026-11-22");
      }
    }
    return Ok();
  }));
  EXPECT_EQ(reports, 1);

  ASSERT_EQ(Send(&finance_, "POST", run + "/release").status, 200);
  auto paid = Body(Send(&finance_, "GET", run + "/payments?order=name"));
  EXPECT_EQ(paid.at("payments").at(0).at("person_name").as_string(), "Ada Okafor");
  EXPECT_EQ(paid.at("payments").at(0).at("status").as_string(), "paid");
  EXPECT_EQ(paid.at("payments").at(2).at("status").as_string(), "held");  // Cy
}

}  // namespace
}  // namespace selfdirect::http
