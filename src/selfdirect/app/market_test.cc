#include "selfdirect/app/market.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/test_app.h"

namespace selfdirect::app {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class MarketTest : public ::testing::Test {
 protected:
  MarketTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        commissioner_(t_.AddUser(council_, "market@hartlepool.example", {"commissioner"})),
        finance_(t_.AddUser(council_, "money@hartlepool.example", {"finance-officer"})) {}

  Context As(const User& u) { return Context{Actor{u.council_id, u.id, u.roles}, "req", ""}; }

  market::ProviderRequest Acorn(const std::string& cqc = "1-101641578") {
    market::ProviderRequest r;
    r.name = "Acorn Home Care";
    r.cqc_location_id = cqc;
    r.cqc_rating = "good";
    r.cqc_rated_on = "2025-06-01";
    r.areas = {"north"};
    r.phone = "01632 960 001";
    r.documents = {{"insurance", "Public liability insurance", "2026-12-01"},
                   {"contract", "Framework contract", "2028-03-31"}};
    return r;
  }

  market::ServiceRequest HelpAtHome(const std::string& price = "21.50") {
    market::ServiceRequest r;
    r.what = "Help at home";
    r.unit = "hour";
    r.price = price;
    r.days = {"mon", "tue"};
    r.need_areas = {"hygiene"};
    r.service_type = "home_care";
    return r;
  }

  std::int64_t AuditCount() {
    std::int64_t n = 0;
    EXPECT_TRUE(t_.db().Read([&](store::Connection& c) -> Status {
      auto st = c.Prepare("SELECT count(*) FROM audit_log");
      if (!st) return tl::unexpected(st.error());
      EXPECT_TRUE(st->Step());
      n = st->Int(0);
      return Ok();
    }));
    return n;
  }

  testing::TestApp t_;
  Council council_;
  User commissioner_;
  User finance_;
};

TEST_F(MarketTest, ACommissionerAddsAProviderAndAService_FoundInThePublicDirectory) {
  auto provider = t_.market().CreateProvider(As(commissioner_), Acorn());
  ASSERT_TRUE(provider) << provider.error().message;
  auto service = t_.market().AddService(As(commissioner_), provider->id, HelpAtHome());
  ASSERT_TRUE(service) << service.error().message;
  auto found = t_.market().Search(Context{}, "E06000001", {.q = "acorn help"});
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->council.name, "Hartlepool");
  ASSERT_EQ(found->results.total, 1);
  EXPECT_EQ(found->results.hits[0].service.price, Pence(2150));
  auto page = t_.market().PublicProvider(Context{}, "E06000001", provider->id);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_TRUE(page->provider.documents.empty());  // documents are not public
  EXPECT_THAT(page->services, SizeIs(1));
}

TEST_F(MarketTest, OnlyCommissionersKeepTheRegister_AndARefusalChangesNothing) {
  const auto before = AuditCount();
  auto refused = t_.market().CreateProvider(As(finance_), Acorn());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  auto anonymous = t_.market().CreateProvider(Context{}, Acorn());
  ASSERT_FALSE(anonymous);
  EXPECT_EQ(anonymous.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(AuditCount(), before);
  auto list = t_.market().ListProviders(As(commissioner_));
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
}

TEST_F(MarketTest, ADuplicateCqcIdIsAConflictNamingTheField_NothingAdded) {
  ASSERT_TRUE(t_.market().CreateProvider(As(commissioner_), Acorn()));
  market::ProviderRequest copy = Acorn();
  copy.name = "Another name";
  auto again = t_.market().CreateProvider(As(commissioner_), copy);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  ASSERT_THAT(again.error().fields, SizeIs(1));
  EXPECT_EQ(again.error().fields[0].field, "cqc_location_id");
  auto list = t_.market().ListProviders(As(commissioner_));
  ASSERT_TRUE(list);
  EXPECT_THAT(*list, SizeIs(1));
}

TEST_F(MarketTest, AZeroPriceIsRefusedNamingPrice_NothingAdded) {
  auto provider = t_.market().CreateProvider(As(commissioner_), Acorn());
  ASSERT_TRUE(provider);
  for (const char* price : {"0", "-1.00"}) {
    auto service = t_.market().AddService(As(commissioner_), provider->id, HelpAtHome(price));
    ASSERT_FALSE(service);
    EXPECT_EQ(service.error().code, ErrorCode::kInvalidArgument);
    ASSERT_THAT(service.error().fields, SizeIs(1));
    EXPECT_EQ(service.error().fields[0].field, "price");
  }
  auto page = t_.market().GetProvider(As(commissioner_), provider->id);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->services.empty());
}

TEST_F(MarketTest, UpdatesAndDeletesReachTheDirectory) {
  auto provider = t_.market().CreateProvider(As(commissioner_), Acorn());
  ASSERT_TRUE(provider);
  auto service = t_.market().AddService(As(commissioner_), provider->id, HelpAtHome());
  ASSERT_TRUE(service);
  market::ServiceRequest cheaper = HelpAtHome("19.00");
  cheaper.what = "Morning calls";
  ASSERT_TRUE(t_.market().UpdateService(As(commissioner_), service->id, cheaper));
  auto found = t_.market().Search(Context{}, "E06000001", {.q = "morning"});
  ASSERT_TRUE(found);
  ASSERT_EQ(found->results.total, 1);
  EXPECT_EQ(found->results.hits[0].service.price, Pence(1900));
  ASSERT_TRUE(t_.market().DeleteService(As(commissioner_), service->id));
  found = t_.market().Search(Context{}, "E06000001", {.q = "morning"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->results.total, 0);
  ASSERT_TRUE(t_.market().DeleteProvider(As(commissioner_), provider->id));
  auto gone = t_.market().GetProvider(As(commissioner_), provider->id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
}

TEST_F(MarketTest, ListsDocumentsExpiringWithinTheWindow) {
  ASSERT_TRUE(t_.market().CreateProvider(As(commissioner_), Acorn()));
  auto soon = t_.market().ExpiringDocuments(As(commissioner_), 30);  // today is 22 Nov 2026
  ASSERT_TRUE(soon);
  ASSERT_THAT(*soon, SizeIs(1));
  EXPECT_EQ((*soon)[0].document.title, "Public liability insurance");
  EXPECT_EQ((*soon)[0].days_left, 9);
  auto bad = t_.market().ExpiringDocuments(As(commissioner_), 1000);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields[0].field, "within_days");
}

TEST_F(MarketTest, SearchRefusesAnAbsurdQueryNamingQ_AndSurvivesFtsSyntax) {
  auto provider = t_.market().CreateProvider(As(commissioner_), Acorn());
  ASSERT_TRUE(provider);
  ASSERT_TRUE(t_.market().AddService(As(commissioner_), provider->id, HelpAtHome()));
  auto absurd = t_.market().Search(Context{}, "E06000001", {.q = std::string(10'000, 'x')});
  ASSERT_FALSE(absurd);
  EXPECT_EQ(absurd.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(absurd.error().fields[0].field, "q");
  for (const char* q : {"\"", "help\" OR \"", "*", "NEAR(help home)", "help -home", "^help",
                        "acorn:help", "()", "\"\"\"", "AND", "hel*"}) {
    auto found = t_.market().Search(Context{}, "E06000001", {.q = q});
    EXPECT_TRUE(found) << q << ": " << found.error().message;
  }
}

TEST_F(MarketTest, AnonymousSearchNeedsACouncil_SignedInUsesTheirOwn) {
  auto none = t_.market().Search(Context{}, "", {});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().fields[0].field, "council");
  auto unknown = t_.market().Search(Context{}, "E99999999", {});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto own = t_.market().Search(As(finance_), "", {});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->council.code, "E06000001");
}

TEST_F(MarketTest, TheApprovedListIsOffByDefault_AndSetByACommissioner) {
  NewScheme scheme{.name = "Adult social care", .kind = "adult-social-care"};
  ASSERT_TRUE(t_.app().CreateScheme(Context::Operator("test"), council_.id, scheme));
  auto setting = t_.market().ApprovedList(As(commissioner_));
  ASSERT_TRUE(setting);
  EXPECT_FALSE(setting->required);
  ASSERT_TRUE(t_.market().SetApprovedList(As(commissioner_), true));
  setting = t_.market().ApprovedList(As(commissioner_));
  ASSERT_TRUE(setting);
  EXPECT_TRUE(setting->required);
  EXPECT_FALSE(t_.market().SetApprovedList(As(finance_), false));
}

}  // namespace
}  // namespace selfdirect::app
