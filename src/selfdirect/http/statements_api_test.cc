#include "selfdirect/http/statements_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/ledger_api.h"
#include "selfdirect/http/service.h"
#include "tests/support/api_client.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

constexpr const char* kFormat =
    "format: selfdirect-statement/1\\nname: Simple bank\\ncolumns:\\n  date: Date\\n  payee: "
    "Payee\\n  amount: Amount\\ndate_formats: [dd/mm/yyyy]\\n";

class StatementsApiTest : public ::testing::Test {
 protected:
  StatementsApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    const User worker = t_.AddUser(c, "sw@westminster.example", {"assessor"});
    casework::NewPerson p;
    p.given_name = "Ada";
    p.family_name = "Okafor";
    p.date_of_birth = "1948-03-27";
    auto person = t_.casework().CreatePerson(
        app::Context{Actor{c.id, worker.id, worker.roles}, "t", ""}, p, {"", "community", "", ""});
    EXPECT_TRUE(person) << person.error().message;
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterLedgerApi(service_->mutable_router(), t_.ledger());
    RegisterStatementsApi(service_->mutable_router(), t_.statements());
    finance_ = SignIn("money@westminster.example");
    fund_ = OpenAccount(R"({"type":"council_fund","owner_kind":"council","name":"Care fund"})");
    card_ = OpenAccount(R"({"type":"direct_payment_holding","owner_kind":"person","owner_id":")" +
                        person->record.person.id.str() + R"(","name":"Ada's card"})");
    auto paid =
        Send("POST", "/api/ledger/transfers",
             R"({"id":"run-1","debit_account_id":")" + fund_ + R"(","credit_account_id":")" +
                 card_ + R"(","amount_pence":10000,"code":"payment"})");
    EXPECT_EQ(paid.status, 201) << paid.body;
    auto format = Send("POST", "/api/statement-formats",
                       std::string(R"({"name":"Simple bank","yaml":")") + kFormat + R"("})");
    EXPECT_EQ(format.status, 201) << format.body;
  }

  using Session = testing::ApiSession;

  Session SignIn(const std::string& email) {
    return testing::SignInTo(*service_, "E09000033", email);
  }

  // As the finance officer.
  Response Send(std::string method, std::string target, std::string body = "",
                std::string type = "application/json") {
    return testing::SendTo(*service_, &finance_, std::move(method), std::move(target),
                           std::move(body), std::move(type));
  }

  Response Import(const std::string& csv) {
    return Send("POST", "/api/ledger/accounts/" + card_ + "/statements?format=Simple%20bank", csv,
                "text/csv");
  }

  static json::object Body(const Response& r) { return testing::BodyOf(r); }

  std::string OpenAccount(const std::string& body) {
    auto r = Send("POST", "/api/ledger/accounts", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(Body(r).at("id").as_string());
  }

  std::int64_t Balance() {
    auto r = Send("GET", "/api/ledger/accounts/" + card_);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r).at("balance_pence").as_int64();
  }

  static std::vector<std::string> ErrorFields(const Response& r) {
    std::vector<std::string> out;
    const json::object body = Body(r);
    for (const auto& e : body.at("errors").as_array()) {
      out.emplace_back(e.at("field").as_string());
    }
    return out;
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  Session finance_;
  std::string fund_, card_;
};

TEST_F(StatementsApiTest, FormatsAreListedAndABadOneIsRefusedNamingEachSetting) {
  auto list = Send("GET", "/api/statement-formats");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Body(list).at("items").as_array().size(), 1u);
  auto bad = Send("POST", "/api/statement-formats",
                  R"({"name":"Broken","yaml":"format: selfdirect-statement/1\ncolumns: 3\n"})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  for (const auto& f : ErrorFields(bad)) EXPECT_THAT(f, ::testing::StartsWith("yaml"));
  auto payers =
      Send("POST", "/api/statement-formats",
           std::string(R"({"name":"Other","council_payers":[7],"yaml":")") + kFormat + R"("})");
  ASSERT_EQ(payers.status, 422) << payers.body;
  EXPECT_THAT(ErrorFields(payers), ::testing::ElementsAre("council_payers[0]"));
}

TEST_F(StatementsApiTest, ABadStatementIsRefusedWithEveryBadRowAndTheBooksUnchanged) {
  auto r = Import(
      "Date,Payee,Amount\n"
      "02/13/2026,SHOP,-1.00\n"
      "03/11/2026,,-2.00\n"
      "04/11/2026,CAFE,two pounds\n");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Body(r).at("type").as_string(), "/problems/validation");
  EXPECT_THAT(std::string(Body(r).at("detail").as_string()), HasSubstr("nothing was imported"));
  EXPECT_THAT(ErrorFields(r),
              ::testing::ElementsAre("rows[2].date", "rows[3].payee", "rows[4].amount"));
  EXPECT_EQ(Balance(), 10000);
  auto list = Send("GET", "/api/ledger/accounts/" + card_ + "/statements");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Body(list).at("items").as_array().empty());
}

TEST_F(StatementsApiTest, AnAccountIsReconciledAgainstWhatItsStatementsShowArriving) {
  // The council's £100.00 (paid today, 22 November) shows arriving the next day.
  auto transfers = Send("GET", "/api/ledger/accounts/" + card_ + "/transfers");
  ASSERT_EQ(transfers.status, 200) << transfers.body;
  EXPECT_EQ(Body(transfers).at("items").at(0).at("value_date").as_string(), "2026-11-22");
  ASSERT_EQ(Import("Date,Payee,Amount\n"
                   "23/11/2026,WESTMINSTER CITY COUNCIL,100.00\n"
                   "24/11/2026,SUNNY DAY CENTRE,-25.00\n")
                .status,
            201);
  auto r = Send("GET", "/api/ledger/accounts/" + card_ + "/reconciliation");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = Body(r);
  EXPECT_TRUE(body.at("clean").as_bool());
  EXPECT_EQ(body.at("covers_from").as_string(), "2026-11-23");
  EXPECT_EQ(body.at("tolerance_days").as_int64(), 5);
  const auto& matched = body.at("matched").as_array();
  ASSERT_EQ(matched.size(), 1u);
  EXPECT_EQ(matched[0].at("payment").at("transfer_id").as_string(), "run-1");
  EXPECT_EQ(matched[0].at("arrival").at("row").as_int64(), 2);
  EXPECT_EQ(matched[0].at("days").as_int64(), 1);
  EXPECT_TRUE(body.at("not_paid").as_array().empty());

  auto fund = Send("GET", "/api/ledger/accounts/" + fund_ + "/reconciliation");
  ASSERT_EQ(fund.status, 422) << fund.body;
  EXPECT_THAT(ErrorFields(fund), ::testing::ElementsAre("account"));
}

TEST_F(StatementsApiTest, AGoodStatementImportsOnceAndItsLinesAreRecategorised) {
  const std::string csv =
      "Date,Payee,Amount\n"
      "02/11/2026,SUNNY DAY CENTRE,-25.00\n"
      "03/11/2026,CARD CHECK,0.00\n";
  auto r = Import(csv);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto body = Body(r);
  const std::string id(body.at("import").at("id").as_string());
  EXPECT_EQ(r.Header("Location"), "/api/statements/" + id);
  const auto& lines = body.at("lines").as_array();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].at("category").as_string(), "unknown_payee");
  EXPECT_TRUE(lines[0].at("needs_review").as_bool());
  EXPECT_EQ(lines[0].at("transfer_id").as_string(), "stmt:" + id + ":2");
  EXPECT_EQ(lines[1].at("category").as_string(), "no_money_moved");
  EXPECT_TRUE(lines[1].at("transfer_id").is_null());
  EXPECT_EQ(Balance(), 7500);

  auto again = Import(csv);
  ASSERT_EQ(again.status, 409) << again.body;
  EXPECT_THAT(ErrorFields(again), ::testing::ElementsAre("file"));
  EXPECT_EQ(Balance(), 7500);

  auto changed = Send("POST", "/api/statements/" + id + "/categories",
                      R"({"changes":[{"row":2,"category":"not_in_plan","note":"a present"}]})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  const json::object changed_body = Body(changed);
  const auto& line = changed_body.at("lines").as_array()[0];
  EXPECT_EQ(line.at("category").as_string(), "not_in_plan");
  EXPECT_TRUE(line.at("recategorised").as_bool());
  EXPECT_EQ(line.at("note").as_string(), "a present");
  auto bad = Send("POST", "/api/statements/" + id + "/categories",
                  R"({"changes":[{"row":9,"category":"not_in_plan"},{"category":"x","extra":1}]})");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_THAT(ErrorFields(bad),
              ::testing::UnorderedElementsAre("changes[1].row", "changes[1].extra"));
  auto read = Send("GET", "/api/statements/" + id);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Body(read).at("lines").as_array()[0].at("category").as_string(), "not_in_plan");
  EXPECT_EQ(Balance(), 7500);
}

TEST_F(StatementsApiTest, AStatementIsSentAsCsv) {
  auto r = Send("POST", "/api/ledger/accounts/" + card_ + "/statements?format=Simple%20bank",
                "Date,Payee,Amount\n", "image/png");
  EXPECT_EQ(r.status, 415) << r.body;
  auto missing = Send("GET", "/api/statements/01JD0000000000000000000000");
  EXPECT_EQ(missing.status, 404) << missing.body;
}

}  // namespace
}  // namespace selfdirect::http
