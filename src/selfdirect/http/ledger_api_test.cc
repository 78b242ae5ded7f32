#include "selfdirect/http/ledger_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/core/calendar.h"
#include "selfdirect/http/service.h"
#include "tests/support/api_client.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class LedgerApiTest : public ::testing::Test {
 protected:
  LedgerApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterLedgerApi(service_->mutable_router(), t_.ledger());
    finance_ = SignIn("money@westminster.example");
    fund_ = OpenAccount(R"({"type":"council_fund","owner_kind":"council","name":"Care fund"})");
    payee_ = OpenAccount(
        R"({"type":"payee","owner_kind":"provider","owner_id":"acme-care","name":"Acme Care",)"
        R"("debits_must_not_exceed_credits":true})");
  }

  using Session = testing::ApiSession;

  Session SignIn(const std::string& email) {
    return testing::SignInTo(*service_, "E09000033", email);
  }

  // As the finance officer.
  Response Send(std::string method, std::string target, std::string body = "") {
    return testing::SendTo(*service_, &finance_, std::move(method), std::move(target),
                           std::move(body));
  }

  static json::object Body(const Response& r) { return testing::BodyOf(r); }

  std::string OpenAccount(const std::string& body) {
    auto r = Send("POST", "/api/ledger/accounts", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(Body(r).at("id").as_string());
  }

  std::string Transfer(const std::string& id, std::int64_t pence,
                       const std::string& reference = "Invoice 41") {
    return R"({"id":")" + id + R"(","debit_account_id":")" + fund_ + R"(","credit_account_id":")" +
           payee_ + R"(","amount_pence":)" + std::to_string(pence) +
           R"(,"code":"invoice","reference":")" + reference + R"("})";
  }

  std::int64_t Credits(const std::string& account) {
    auto r = Send("GET", "/api/ledger/accounts/" + account);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r).at("credits_posted_pence").as_int64();
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  Session finance_;
  std::string fund_, payee_;
};

TEST_F(LedgerApiTest, ANewTransferIs201AndAnIdenticalReplayIs200WithTheOriginal) {
  auto first = Send("POST", "/api/ledger/transfers", Transfer("inv-41", 12500));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(Body(first).at("amount").as_string(), "£125.00");
  t_.clock().Advance(std::chrono::minutes(1));
  auto replay = Send("POST", "/api/ledger/transfers", Transfer("inv-41", 12500));
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(Body(replay).at("created_at"), Body(first).at("created_at"));
  EXPECT_EQ(Credits(payee_), 12500);

  auto account = Body(Send("GET", "/api/ledger/accounts/" + payee_));
  EXPECT_EQ(account.at("balance_pence").as_int64(), 12500);
  EXPECT_EQ(account.at("type").as_string(), "payee");
  EXPECT_TRUE(account.at("debits_must_not_exceed_credits").as_bool());

  auto page = Send("GET", "/api/ledger/accounts/" + payee_ + "/transfers?limit=10");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(Body(page).at("items").as_array().size(), 1u);
  EXPECT_TRUE(Body(page).at("next_after").is_null());
}

TEST_F(LedgerApiTest, OtherContentUnderTheSameIdIs409AndChangesNothing) {
  ASSERT_EQ(Send("POST", "/api/ledger/transfers", Transfer("inv-41", 12500)).status, 201);
  auto other = Send("POST", "/api/ledger/transfers", Transfer("inv-41", 12500, "Invoice 42"));
  EXPECT_EQ(other.status, 409) << other.body;
  EXPECT_EQ(other.content_type, "application/problem+json");
  EXPECT_THAT(other.body,
              HasSubstr("A transfer with id inv-41 already exists with different content"));
  EXPECT_EQ(Credits(payee_), 12500);
}

TEST_F(LedgerApiTest, CheckingTheBooksSaysTheyBalanceOrNamesTheAccountThatDoesNot) {
  ASSERT_EQ(Send("POST", "/api/ledger/transfers", Transfer("inv-41", 12500)).status, 201);
  auto clean = Send("GET", "/api/ledger/check");
  ASSERT_EQ(clean.status, 200) << clean.body;
  EXPECT_TRUE(Body(clean).at("clean").as_bool());
  EXPECT_TRUE(Body(clean).at("balanced").as_bool());
  EXPECT_EQ(Body(clean).at("accounts").as_int64(), 2);
  EXPECT_EQ(Body(clean).at("transfers").as_int64(), 1);
  EXPECT_EQ(Body(clean).at("checked_at").as_string(), "2026-11-22T09:00:00.000Z");

  // A balance changed behind the ledger's back.
  ASSERT_TRUE(t_.db().Write([&](store::Connection& c) {
    return c.Execute("UPDATE ledger_accounts SET credits_posted = 12000 WHERE account_id = '" +
                     payee_ + "'");
  }));
  const json::object broken = Body(Send("GET", "/api/ledger/check"));
  EXPECT_FALSE(broken.at("clean").as_bool());
  EXPECT_FALSE(broken.at("balanced").as_bool());
  ASSERT_EQ(broken.at("mismatches").as_array().size(), 1u);
  const json::object& m = broken.at("mismatches").at(0).as_object();
  EXPECT_EQ(m.at("name").as_string(), "Acme Care");
  EXPECT_EQ(m.at("stored").at("credits_posted_pence").as_int64(), 12000);
  EXPECT_EQ(m.at("from_transfers").at("credits_posted_pence").as_int64(), 12500);
}

// A finance officer recording a payment made by hand gives the day the money moved; the
// transfer keeps it, and a replay with another day is another transfer's content.
TEST_F(LedgerApiTest, ATransferMayGiveTheDayTheMoneyMovedButNotADayToCome) {
  const std::string today = FormatIsoDate(t_.clock().Today());
  const std::string earlier = FormatIsoDate(AddDays(t_.clock().Today(), -12));
  const std::string tomorrow = FormatIsoDate(AddDays(t_.clock().Today(), 1));
  auto with_day = [&](const std::string& id, const std::string& day) {
    std::string body = Transfer(id, 2500);
    body.insert(body.size() - 1, R"(,"value_date":")" + day + R"(")");
    return body;
  };
  auto made = Send("POST", "/api/ledger/transfers", with_day("cheque-7", earlier));
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(Body(made).at("value_date").as_string(), earlier);
  auto plain = Send("POST", "/api/ledger/transfers", Transfer("inv-8", 100));
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_EQ(Body(plain).at("value_date").as_string(), today);

  auto other_day = Send("POST", "/api/ledger/transfers", with_day("cheque-7", today));
  EXPECT_EQ(other_day.status, 409) << other_day.body;
  EXPECT_THAT(other_day.body, HasSubstr("already exists with different content"));

  for (const std::string& day : {tomorrow, std::string("19/11/2026"), std::string("2026-02-30")}) {
    auto r = Send("POST", "/api/ledger/transfers", with_day("later-1", day));
    EXPECT_EQ(r.status, 422) << day << " → " << r.body;
    EXPECT_EQ(Body(r).at("errors").as_array()[0].at("field").as_string(), "value_date") << day;
  }
  EXPECT_EQ(Credits(payee_), 2600);
}

TEST_F(LedgerApiTest, BadFieldsAre422NamingTheFieldAndChangeNothing) {
  for (const std::string& body :
       {Transfer("zero", 0), Transfer("neg", -5), Transfer("has space", 5),
        std::string(R"({"id":"x","amount_pence":"12.50","code":"payment"})"),
        std::string(R"({"id":"x","amount_pence":5,"code":"payment","colour":"red"})")}) {
    auto r = Send("POST", "/api/ledger/transfers", body);
    EXPECT_EQ(r.status, 422) << body << " → " << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_THAT(r.body, HasSubstr("\"field\""));
  }
  auto zero = Body(Send("POST", "/api/ledger/transfers", Transfer("zero", 0)));
  EXPECT_EQ(zero.at("errors").as_array()[0].at("field").as_string(), "amount_pence");
  auto overflow = Send("POST", "/api/ledger/transfers", Transfer("big-1", INT64_MAX));
  ASSERT_EQ(overflow.status, 201) << overflow.body;
  auto more = Send("POST", "/api/ledger/transfers", Transfer("big-2", 1));
  EXPECT_EQ(more.status, 422) << more.body;
  EXPECT_THAT(more.body, HasSubstr("overflow"));
  EXPECT_EQ(Credits(payee_), INT64_MAX);
  EXPECT_EQ(Body(Send("GET", "/api/ledger/accounts/" + payee_ + "/transfers"))
                .at("items")
                .as_array()
                .size(),
            1u);
}

TEST_F(LedgerApiTest, AnIdOfTheFormAPaymentRunWouldGiveIs422AndChangesNothing) {
  auto r = Send("POST", "/api/ledger/transfers",
                Transfer("dp:01JD0000000000000000000000:2026-11-30", 500));
  EXPECT_EQ(r.status, 422) << r.body;
  auto body = Body(r);
  EXPECT_EQ(body.at("errors").as_array()[0].at("field").as_string(), "id");
  EXPECT_THAT(r.body,
              HasSubstr("Ids beginning \\\"dp:\\\" are kept for the transfers selfdirect makes"));
  EXPECT_EQ(Credits(payee_), 0);
}

TEST_F(LedgerApiTest, AnAccountThatWouldGoBelowZeroIsRefusedWithHowMuch) {
  const std::string spend = R"({"id":"s1","debit_account_id":")" + payee_ +
                            R"(","credit_account_id":")" + fund_ +
                            R"(","amount_pence":1,"code":"refund"})";
  auto r = Send("POST", "/api/ledger/transfers", spend);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_THAT(r.body, HasSubstr("£0.01 below zero"));
}

TEST_F(LedgerApiTest, AMissingAccountIs404AndABadAccountBodyIs422) {
  auto missing = Send("GET", "/api/ledger/accounts/01JD0000000000000000N0NE01");
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(missing.body, HasSubstr("no ledger account"));
  auto bad = Send("POST", "/api/ledger/accounts",
                  R"({"type":"piggy_bank","owner_kind":"council","name":"X",)"
                  R"("debits_must_not_exceed_credits":"yes"})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_THAT(bad.body, HasSubstr("debits_must_not_exceed_credits"));
  auto limit = Send("GET", "/api/ledger/accounts/" + payee_ + "/transfers?limit=0");
  EXPECT_EQ(limit.status, 422);
}

}  // namespace
}  // namespace selfdirect::http
