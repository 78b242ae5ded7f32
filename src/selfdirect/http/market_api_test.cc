#include "selfdirect/http/market_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "selfdirect/http/service.h"
#include "tests/support/api_client.h"
#include "tests/support/test_app.h"

namespace selfdirect::http {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

// A commissioner of Westminster keeps the provider register; anyone searches the directory.
class MarketApiTest : public ::testing::Test {
 protected:
  MarketApiTest() {
    const Council c = t_.AddCouncil("E09000033", "Westminster");
    t_.AddUser(c, "market@westminster.example", {"commissioner"});
    t_.AddUser(c, "money@westminster.example", {"finance-officer"});
    service_ = std::make_unique<HttpService>(t_.app(), t_.accounts(), t_.ras(), t_.casework(),
                                             metrics_, ServiceOptions{});
    RegisterMarketApi(service_->mutable_router(), t_.market());
    commissioner_ = SignIn("market@westminster.example");
    finance_ = SignIn("money@westminster.example");
  }

  using Session = testing::ApiSession;

  Session SignIn(const std::string& email) {
    return testing::SignInTo(*service_, "E09000033", email);
  }

  Response Send(const Session* as, std::string method, std::string target, std::string body = "") {
    return testing::SendTo(*service_, as, std::move(method), std::move(target), std::move(body));
  }

  static json::object Body(const Response& r) { return testing::BodyOf(r); }

  static std::string Provider(const std::string& cqc = "1-101641578") {
    return R"({"name":"Acorn Home Care","cqc_location_id":")" + cqc +
           R"(","cqc_rating":"good","cqc_rated_on":"2025-06-01","areas":["north","central"],)"
           R"("phone":"020 7946 0001","contract":"framework","documents":[)"
           R"({"kind":"insurance","title":"Public liability insurance","expires_on":"2026-12-01"}]})";
  }

  static constexpr const char* kService =
      R"({"what":"Help at home","unit":"hour","price":"21.50","days":["mon","sat"],)"
      R"("need_areas":["hygiene","nutrition"],"service_type":"home_care","approved":true})";

  std::string AddAcorn() {
    auto r = Send(&commissioner_, "POST", "/api/providers", Provider());
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string id(Body(r).at("id").as_string());
    auto s = Send(&commissioner_, "POST", "/api/providers/" + id + "/services", kService);
    EXPECT_EQ(s.status, 201) << s.body;
    return id;
  }

  testing::TestApp t_;
  Metrics metrics_;
  std::unique_ptr<HttpService> service_;
  Session commissioner_, finance_;
};

TEST_F(MarketApiTest, AnyoneSearchesTheDirectoryWithoutSigningIn) {
  const std::string id = AddAcorn();
  auto r = Send(nullptr, "GET", "/api/directory/search?council=E09000033&q=acorn&day=sat");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = Body(r);
  EXPECT_EQ(body.at("total").as_int64(), 1);
  const auto& hit = body.at("results").as_array()[0].as_object();
  EXPECT_EQ(hit.at("price").as_string(), "£21.50");
  EXPECT_EQ(hit.at("provider").at("cqc_rating_label").as_string(), "Good");
  EXPECT_FALSE(hit.at("provider").as_object().contains("documents"));
  auto page = Send(nullptr, "GET", "/api/directory/providers/" + id + "?council=E09000033");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_FALSE(Body(page).at("provider").as_object().contains("documents"));
  EXPECT_FALSE(Body(page).at("provider").as_object().contains("contract"));
  EXPECT_EQ(Body(page).at("services").as_array().size(), 1u);
}

TEST_F(MarketApiTest, AbsurdOrSyntaxLadenQueriesAreNever500) {
  AddAcorn();
  auto huge =
      Send(nullptr, "GET", "/api/directory/search?council=E09000033&q=" + std::string(10'000, 'a'));
  EXPECT_EQ(huge.status, 422) << huge.body;
  EXPECT_THAT(huge.body, HasSubstr("\"q\""));
  for (const char* q :
       {"%22", "help%22%20OR%20%22", "*", "NEAR(a%20b)", "a%3Ab", "%5E", "-x", "%28%29", "AND"}) {
    auto r = Send(nullptr, "GET", std::string("/api/directory/search?council=E09000033&q=") + q);
    EXPECT_EQ(r.status, 200) << q << ": " << r.body;
  }
  auto bad = Send(nullptr, "GET", "/api/directory/search?council=E09000033&max_price=0");
  EXPECT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("max_price"));
}

TEST_F(MarketApiTest, ADuplicateCqcIdIs409NamingTheField) {
  AddAcorn();
  auto r = Send(&commissioner_, "POST", "/api/providers", Provider());
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_THAT(r.body, HasSubstr("cqc_location_id"));
  auto list = Send(&commissioner_, "GET", "/api/providers");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(Body(list).at("providers").as_array().size(), 1u);
}

TEST_F(MarketApiTest, AZeroPriceIs422NamingPrice) {
  const std::string id = AddAcorn();
  auto r = Send(&commissioner_, "POST", "/api/providers/" + id + "/services",
                R"({"what":"Free","unit":"hour","price":"0.00","need_areas":["hygiene"],)"
                R"("service_type":"home_care"})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"price\""));
  auto page = Send(&commissioner_, "GET", "/api/providers/" + id);
  EXPECT_EQ(Body(page).at("services").as_array().size(), 1u);
}

TEST_F(MarketApiTest, OnlyCommissionersChangeTheRegister) {
  EXPECT_EQ(Send(&finance_, "POST", "/api/providers", Provider()).status, 403);
  EXPECT_EQ(Send(nullptr, "POST", "/api/providers", Provider()).status, 401);
  EXPECT_EQ(Send(nullptr, "GET", "/api/providers").status, 401);
}

TEST_F(MarketApiTest, ListsExpiringDocuments) {
  AddAcorn();
  auto r = Send(&commissioner_, "GET", "/api/provider-documents/expiring?within_days=30");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object body = Body(r);
  const auto& docs = body.at("documents").as_array();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].at("provider_name").as_string(), "Acorn Home Care");
  EXPECT_EQ(Send(&commissioner_, "GET", "/api/provider-documents/expiring?within_days=x").status,
            422);
}

TEST_F(MarketApiTest, UnknownFieldsAndBadTypesAreNamed) {
  auto r = Send(&commissioner_, "POST", "/api/providers",
                R"({"name":"X","phone":"1","areas":"north","colour":"red"})");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_THAT(r.body, HasSubstr("colour"));
  EXPECT_THAT(r.body, HasSubstr("areas"));
}

TEST_F(MarketApiTest, ShapingSaysHowConcentratedAndHowManyGroupsAreLeftOut) {
  auto r = Send(&commissioner_, "GET", "/api/market/shaping");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::object body = Body(r);
  EXPECT_TRUE(body.at("concentration").as_array().empty());  // no agreed plan yet
  EXPECT_EQ(body.at("concentration_suppressed").as_int64(), 0);
  EXPECT_EQ(body.at("concentration_from_people").as_int64(), 5);
  EXPECT_EQ(Send(&finance_, "GET", "/api/market/shaping").status, 403);
}

}  // namespace
}  // namespace selfdirect::http
