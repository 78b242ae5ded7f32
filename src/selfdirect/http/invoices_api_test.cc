#include "selfdirect/http/invoices_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/payments_api.h"
#include "selfdirect/http/service.h"
#include "tests/support/api_client.h"
#include "tests/support/signed_off.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Ada's plan (signed off on 22 November 2026) has Acorn Home Care visit 10 hours a week at
// £20.00, arranged by the council; a finance officer records the provider's invoices.
class InvoicesApiTest : public ::testing::Test {
 protected:
  InvoicesApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    const User admin = t_.AddUser(c, "admin@westminster.example", {"administrator"});
    const User worker = t_.AddUser(c, "sw@westminster.example", {"assessor"});
    const User approver = t_.AddUser(c, "approver@westminster.example", {"approver"});
    t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    EXPECT_TRUE(t_.ras().Publish(testing::ActingAs(admin), ras::testing::kSmallModel));
    EXPECT_TRUE(t_.app().CreateScheme(app::Context::Operator("test"), c.id,
                                      {.name = "Adult social care", .kind = "adult-social-care"}));
    EXPECT_TRUE(t_.casework().SetApprovalLimit(testing::ActingAs(admin), approver.id, "100000"));
    ada_ = testing::SignOffAPlanWith(t_, worker, approver, "Ada", "943 476 5919",
                                     {{"Morning visits",
                                       "provider",
                                       "Acorn Home Care",
                                       "hour",
                                       "20.00",
                                       "10",
                                       "per_week",
                                       "council_arranged",
                                       {"o1"}}});
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterPaymentsApi(service_->mutable_router(), t_.payments());
    RegisterInvoicesApi(service_->mutable_router(), t_.invoices());
    finance_ = SignIn("money@westminster.example");
    worker_ = SignIn("sw@westminster.example");
    admin_ = SignIn("admin@westminster.example");
  }

  using Session = testing::ApiSession;

  Session SignIn(const std::string& email) {
    return testing::SignInTo(*service_, "E09000033", email);
  }

  Response Send(const Session* as, std::string method, std::string target, std::string body = "",
                std::string type = "application/json") {
    return testing::SendTo(*service_, as, std::move(method), std::move(target), std::move(body),
                           std::move(type));
  }

  std::string Invoice(const std::string& number, const std::string& units = "10",
                      const std::string& total = "200.00") {
    return R"({"provider":"Acorn Home Care","person_id":")" + ada_.str() +
           R"(","invoice_number":")" + number +
           R"(","period_from":"2026-11-23","period_to":"2026-11-29","units":")" + units +
           R"(","unit_price":"20.00","total":")" + total + R"("})";
  }

  static json::object Body(const Response& r) { return testing::BodyOf(r); }

  static std::vector<std::string> ProblemFields(const Response& r) {
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
  PersonId ada_;
  Session finance_, worker_, admin_;
};

TEST_F(InvoicesApiTest, AMatchedInvoiceIsPostedAndAHeldOneGivesItsReasons) {
  auto matched = Send(&finance_, "POST", "/api/invoices", Invoice("INV-1"));
  ASSERT_EQ(matched.status, 201) << matched.body;
  auto m = Body(matched);
  EXPECT_EQ(m.at("status").as_string(), "matched");
  EXPECT_EQ(m.at("total_pence").as_int64(), 20000);
  EXPECT_EQ(m.at("plan_item").as_string(), "Morning visits");
  EXPECT_FALSE(m.at("transfer_id").is_null());
  EXPECT_EQ(matched.Header("Location"), "/api/invoices/" + std::string(m.at("id").as_string()));

  auto held = Send(&finance_, "POST", "/api/invoices", Invoice("INV-2", "11", "220.00"));
  ASSERT_EQ(held.status, 201) << held.body;
  auto h = Body(held);
  EXPECT_EQ(h.at("status").as_string(), "held");
  EXPECT_TRUE(h.at("transfer_id").is_null());
  ASSERT_EQ(h.at("hold_reasons").as_array().size(), 2u);  // units, and days billed twice
  EXPECT_THAT(std::string(h.at("hold_reasons").at(0).as_string()), HasSubstr("11 hours"));

  auto list = Body(Send(&finance_, "GET", "/api/invoices"));
  EXPECT_EQ(list.at("held").as_array().size(), 1u);
  EXPECT_EQ(list.at("recent").as_array().size(), 1u);
  EXPECT_EQ(list.at("to_export").as_int64(), 1);
  EXPECT_EQ(list.at("tolerance_basis_points").as_int64(), 200);

  const std::string id(h.at("id").as_string());
  auto no_reason = Send(&finance_, "POST", "/api/invoices/" + id + "/approve", R"({"reason":""})");
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_THAT(ProblemFields(no_reason), ElementsAre("reason"));
  auto approved = Send(&finance_, "POST", "/api/invoices/" + id + "/approve",
                       R"({"reason":"An extra hour agreed after a fall"})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Body(approved).at("status").as_string(), "approved");
  EXPECT_EQ(Body(approved).at("decision_reason").as_string(), "An extra hour agreed after a fall");
  EXPECT_EQ(Send(&finance_, "POST", "/api/invoices/" + id + "/reject", R"({"reason":"x"})").status,
            409);
}

TEST_F(InvoicesApiTest, BadInputIsAProblemNamingEachFieldAndChangesNothing) {
  auto bad = Send(&finance_, "POST", "/api/invoices",
                  R"({"provider":"","person_id":"nobody","invoice_number":"1",)"
                  R"("period_from":"2026-11-30","period_to":"2026-11-23","units":"1.234",)"
                  R"("unit_price":"free","total":"200.00","colour":"red"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.content_type, "application/problem+json");
  EXPECT_THAT(ProblemFields(bad), ElementsAre("colour"));  // shape first
  bad = Send(&finance_, "POST", "/api/invoices",
             R"({"provider":"","person_id":"nobody","invoice_number":"1",)"
             R"("period_from":"2026-11-30","period_to":"2026-11-23","units":"1.234",)"
             R"("unit_price":"free","total":"200.00"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(ProblemFields(bad),
              ElementsAre("provider", "person_id", "period_to", "units", "unit_price"));
  EXPECT_EQ(Body(Send(&finance_, "GET", "/api/invoices")).at("recent").as_array().size(), 0u);
}

TEST_F(InvoicesApiTest, ADuplicateIsRefusedWith409NamingTheInvoiceNumber) {
  ASSERT_EQ(Send(&finance_, "POST", "/api/invoices", Invoice("INV-1")).status, 201);
  auto again = Send(&finance_, "POST", "/api/invoices", Invoice("INV-1"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.content_type, "application/problem+json");
  EXPECT_THAT(ProblemFields(again), ElementsAre("invoice_number"));
  EXPECT_THAT(again.body, HasSubstr("duplicate"));
  EXPECT_EQ(Body(Send(&finance_, "GET", "/api/invoices")).at("recent").as_array().size(), 1u);
}

TEST_F(InvoicesApiTest, ASocialWorkerIsRefused) {
  EXPECT_EQ(Send(&worker_, "POST", "/api/invoices", Invoice("INV-1")).status, 403);
  EXPECT_EQ(Send(&worker_, "GET", "/api/invoices").status, 403);
  EXPECT_EQ(Body(Send(&finance_, "GET", "/api/invoices")).at("recent").as_array().size(), 0u);
}

TEST_F(InvoicesApiTest, AFileWithABadRowIsRefusedWholeAndAGoodOneRecorded) {
  const std::string header =
      "provider,person_id,invoice_number,period_from,period_to,units,unit_price,total\r\n";
  const std::string good =
      "Acorn Home Care," + ada_.str() + ",F-1,2026-11-23,2026-11-29,10,20.00,200.00\r\n";
  const std::string bad =
      "Acorn Home Care," + ada_.str() + ",F-2,2026-11-30,2026-12-06,10,20.00,\r\n";
  auto refused = Send(&finance_, "POST", "/api/invoice-files", header + good + bad, "text/csv");
  EXPECT_EQ(refused.status, 422);
  EXPECT_THAT(ProblemFields(refused), ElementsAre("rows[3].total"));
  EXPECT_THAT(refused.body, HasSubstr("Row 3: Enter the invoice's total"));
  EXPECT_EQ(Send(&finance_, "POST", "/api/invoice-files", header + good, "application/json").status,
            415);
  EXPECT_EQ(Body(Send(&finance_, "GET", "/api/invoices")).at("recent").as_array().size(), 0u);

  auto imported = Send(&finance_, "POST", "/api/invoice-files", header + good, "text/csv");
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(Body(imported).at("matched").as_int64(), 1);
  EXPECT_EQ(Body(imported).at("posted").as_string(), "£200.00");
}

TEST_F(InvoicesApiTest, TheExportIsMadeOnceAndItsFileDownloaded) {
  ASSERT_EQ(Send(&finance_, "POST", "/api/invoices", Invoice("INV-1")).status, 201);
  auto made = Send(&finance_, "POST", "/api/invoice-exports");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string file(Body(made).at("file").as_string());
  EXPECT_EQ(Send(&finance_, "POST", "/api/invoice-exports").status, 409);
  auto download = Send(&finance_, "GET", file);
  ASSERT_EQ(download.status, 200) << download.body;
  EXPECT_EQ(download.content_type, "text/csv; charset=utf-8");
  EXPECT_THAT(download.Header("Content-Disposition"), HasSubstr("accounts-payable-2026-11-22-"));
  EXPECT_THAT(download.body, HasSubstr("Acorn Home Care,,INV-1,200.00,"));
}

TEST_F(InvoicesApiTest, TheToleranceIsReadAndSetWithTheOtherFinanceSettings) {
  auto settings = Body(Send(&finance_, "GET", "/api/finance-settings"));
  EXPECT_EQ(settings.at("invoice_tolerance_basis_points").as_int64(), 200);
  EXPECT_EQ(settings.at("invoice_tolerance_minimum_pence").as_int64(), 0);
  auto bad = Send(&admin_, "PUT", "/api/finance-settings",
                  R"({"approval_threshold_pence":100,"invoice_tolerance_minimum_pence":-1})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(ProblemFields(bad), ElementsAre("invoice_tolerance_minimum_pence"));
  // Nothing of a refused change is kept, not even the valid part.
  EXPECT_EQ(Body(Send(&finance_, "GET", "/api/finance-settings"))
                .at("approval_threshold_pence")
                .as_int64(),
            app::kDefaultApprovalThresholdPence);
  auto set =
      Send(&admin_, "PUT", "/api/finance-settings",
           R"({"invoice_tolerance_basis_points":150,"invoice_tolerance_minimum_pence":500})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(Body(set).at("invoice_tolerance_basis_points").as_int64(), 150);
  EXPECT_EQ(Body(set).at("invoice_tolerance_minimum_pence").as_int64(), 500);
  EXPECT_EQ(
      Send(&finance_, "PUT", "/api/finance-settings", R"({"invoice_tolerance_basis_points":0})")
          .status,
      403);
}

}  // namespace
}  // namespace selfdirect::http
