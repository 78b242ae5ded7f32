#include <gtest/gtest.h>

#include <algorithm>

#include "selfdirect/casework/eligibility.h"
#include "selfdirect/market/providers.h"
#include "selfdirect/market/search.h"
#include "selfdirect/market/services.h"

namespace selfdirect::market {
namespace {

Date Day(const char* iso) { return *ParseIsoDate(iso); }

ProviderRequest GoodProvider() {
  ProviderRequest r;
  r.name = "Acorn Home Care";
  r.cqc_location_id = "1-101641578";
  r.cqc_rating = "good";
  r.cqc_rated_on = "2025-06-01";
  r.areas = {"north", "central"};
  r.phone = "01632 960 001";
  r.contract = "framework";
  r.documents = {{"insurance", "Public liability insurance", "2026-12-31"}};
  return r;
}

ServiceRequest GoodService() {
  ServiceRequest r;
  r.what = "Help at home";
  r.unit = "hour";
  r.price = "21.50";
  r.days = {"mon", "Tuesday"};
  r.need_areas = {"hygiene", "nutrition"};
  r.service_type = "home_care";
  return r;
}

bool Names(const Error& e, const std::string& field) {
  return std::any_of(e.fields.begin(), e.fields.end(),
                     [&](const FieldError& f) { return f.field == field; });
}

TEST(CqcLocationId, AcceptsOneDashDigits_RefusesAnythingElse) {
  EXPECT_TRUE(IsCqcLocationId("1-101641578"));
  EXPECT_TRUE(IsCqcLocationId("1-1"));
  EXPECT_FALSE(IsCqcLocationId("1-"));
  EXPECT_FALSE(IsCqcLocationId("2-101641578"));
  EXPECT_FALSE(IsCqcLocationId("1-10164a578"));
  EXPECT_FALSE(IsCqcLocationId("101641578"));
  EXPECT_FALSE(IsCqcLocationId("1-1234567890123456"));
  EXPECT_FALSE(IsCqcLocationId(" 1-123"));
}

TEST(ValidateProvider, AcceptsAGoodProvider_WithItsFields) {
  auto p = ValidateProvider(GoodProvider(), Day("2026-11-23"));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->name, "Acorn Home Care");
  EXPECT_EQ(p->cqc_rating, CqcRating::kGood);
  EXPECT_EQ(p->cqc_rated_on, Day("2025-06-01"));
  EXPECT_EQ(p->contract, ContractKind::kFramework);
  EXPECT_EQ(p->areas, (std::vector<std::string>{"north", "central"}));
  ASSERT_EQ(p->documents.size(), 1u);
  EXPECT_EQ(p->documents[0].kind, DocumentKind::kInsurance);
}

TEST(ValidateProvider, NamesEveryBadField) {
  ProviderRequest r = GoodProvider();
  r.name = " ";
  r.cqc_location_id = "12345";
  r.cqc_rating = "excellent";
  r.areas = {"north", "not an area!"};
  r.email = "nobody";
  r.contract = "block";
  r.documents = {{"passport", "", "2026-02-30"}};
  auto p = ValidateProvider(r, Day("2026-11-23"));
  ASSERT_FALSE(p);
  for (const char* field :
       {"name", "cqc_location_id", "cqc_rating", "areas[1]", "email", "contract",
        "documents[0].kind", "documents[0].title", "documents[0].expires_on"}) {
    EXPECT_TRUE(Names(p.error(), field)) << field;
  }
}

TEST(ValidateProvider, RatingNeedsItsDate_AndNoFutureDates) {
  ProviderRequest r = GoodProvider();
  r.cqc_rated_on = "";
  auto p = ValidateProvider(r, Day("2026-11-23"));
  ASSERT_FALSE(p);
  EXPECT_TRUE(Names(p.error(), "cqc_rated_on"));
  r.cqc_rated_on = "2026-11-24";
  p = ValidateProvider(r, Day("2026-11-23"));
  ASSERT_FALSE(p);
  EXPECT_TRUE(Names(p.error(), "cqc_rated_on"));
  r.cqc_rating = "not_yet_rated";
  r.cqc_rated_on = "";
  EXPECT_TRUE(ValidateProvider(r, Day("2026-11-23")));
}

TEST(ValidateProvider, NeedsAWayToContact) {
  ProviderRequest r = GoodProvider();
  r.phone = "";
  auto p = ValidateProvider(r, Day("2026-11-23"));
  ASSERT_FALSE(p);
  EXPECT_TRUE(Names(p.error(), "phone"));
  r.address = "1 High Street, Northtown";
  EXPECT_TRUE(ValidateProvider(r, Day("2026-11-23")));
}

TEST(ValidateProvider, ARatingWithoutACqcIdIsRefused) {
  ProviderRequest r = GoodProvider();
  r.cqc_location_id = "";
  auto p = ValidateProvider(r, Day("2026-11-23"));
  ASSERT_FALSE(p);
  EXPECT_TRUE(Names(p.error(), "cqc_rating"));
}

TEST(DocumentsExpiring, ListsExpiredAndDueWithinTheWindow_SoonestFirst) {
  Provider a;
  a.id = ProviderId("01JD0000000000000000PRV001");
  a.name = "Acorn";
  a.documents = {{DocumentKind::kInsurance, "Insurance", Day("2026-12-10")},
                 {DocumentKind::kContract, "Contract", Day("2027-06-01")}};
  Provider b;
  b.id = ProviderId("01JD0000000000000000PRV002");
  b.name = "Birch";
  b.documents = {{DocumentKind::kInsurance, "Insurance", Day("2026-11-20")},
                 {DocumentKind::kOther, "Food hygiene", Day("2026-12-23")},
                 {DocumentKind::kOther, "Fire check", Day("2026-12-24")}};
  const Provider both[] = {a, b};
  auto due = DocumentsExpiring(both, Day("2026-11-23"), 30);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].provider_name, "Birch");
  EXPECT_TRUE(due[0].expired());
  EXPECT_EQ(due[0].days_left, -3);
  EXPECT_EQ(ExpiryWords(due[0]), "Expired on 20 November 2026 (3 days ago)");
  EXPECT_EQ(due[1].provider_name, "Acorn");
  EXPECT_EQ(due[1].days_left, 17);
  EXPECT_EQ(due[2].document.title, "Food hygiene");  // day 30 is inside; day 31 is not
  EXPECT_EQ(DocumentsExpiring(both, Day("2026-11-23"), 0).size(), 1u);
  EXPECT_EQ(DocumentsExpiring(both, Day("2026-12-10"), 0).size(), 2u);  // expires today
}

TEST(ValidateService, AcceptsAGoodService) {
  auto s = ValidateService(GoodService());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->price, Pence(2150));
  EXPECT_EQ(s->unit, ServiceUnit::kHour);
  EXPECT_EQ(s->days, DayBit(Weekday::kMonday) | DayBit(Weekday::kTuesday));
  EXPECT_TRUE(s->traditional_menu());
}

TEST(ValidateService, RefusesZeroAndNegativePrices_NamingPrice) {
  for (const char* price : {"0", "0.00", "-5.00", "", "12.345", "lots", "100000.01"}) {
    ServiceRequest r = GoodService();
    r.price = price;
    auto s = ValidateService(r);
    ASSERT_FALSE(s) << price;
    ASSERT_EQ(s.error().fields.size(), 1u) << price;
    EXPECT_EQ(s.error().fields[0].field, "price") << price;
  }
}

TEST(ValidateService, NamesEveryBadField) {
  ServiceRequest r;
  r.unit = "fortnight";
  r.price = "10";
  r.days = {"mon", "monday", "someday"};
  r.need_areas = {"flying"};
  r.service_type = "block";
  auto s = ValidateService(r);
  ASSERT_FALSE(s);
  for (const char* field :
       {"what", "unit", "days[1]", "days[2]", "need_areas[0]", "service_type"}) {
    EXPECT_TRUE(Names(s.error(), field)) << field;
  }
  r = GoodService();
  r.need_areas = {};
  EXPECT_TRUE(Names(ValidateService(r).error(), "need_areas"));
}

TEST(NeedAreas, AreTheCareActOutcomesEligibilityUses) {
  for (const auto& o : casework::AdultOutcomes())
    EXPECT_NE(FindNeedArea(o.code), nullptr) << o.code;
  for (const auto& o : casework::CarerOutcomes())
    EXPECT_NE(FindNeedArea(o.code), nullptr) << o.code;
}

TEST(TraditionalMenu, IsHomeCareDayCentreRespiteAndResidential) {
  int on = 0;
  for (ServiceType t : AllServiceTypes()) on += OnTraditionalMenu(t) ? 1 : 0;
  EXPECT_EQ(on, 4);
  EXPECT_TRUE(OnTraditionalMenu(ServiceType::kDayCentre));
  EXPECT_FALSE(OnTraditionalMenu(ServiceType::kCommunityActivity));
}

casework::PlanItem ProviderItem(const char* name) {
  casework::PlanItem item;
  item.what = "Help at home";
  item.supplier = casework::Supplier::kProvider;
  item.supplier_name = name;
  return item;
}

TEST(CheckPlanItem, AllowsAnythingWhenTheSchemeDoesNotRestrict) {
  EXPECT_TRUE(CheckPlanItem(ProviderItem("Anyone"), {}, {.required = false}).allowed);
}

TEST(CheckPlanItem, SaysWhyWhenTheProviderIsNotInTheDirectory) {
  auto a = CheckPlanItem(ProviderItem("Zed Care"), {}, {.required = true});
  EXPECT_FALSE(a.allowed);
  EXPECT_NE(a.reason.find("Zed Care is not in the council's directory"), std::string::npos)
      << a.reason;
}

TEST(CheckPlanItem, SaysWhyWhenTheServiceIsNotApproved) {
  DirectoryMatch m;
  m.provider = ProviderId("01JD0000000000000000PRV001");
  m.provider_name = "Acorn Home Care";
  m.service = ServiceId("01JD0000000000000000SRV001");
  m.service_what = "Night sitting";
  m.approved_services = 3;
  auto a = CheckPlanItem(ProviderItem("Acorn Home Care"), m, {.required = true});
  EXPECT_FALSE(a.allowed);
  EXPECT_NE(a.reason.find("\"Night sitting\" from Acorn Home Care is not approved"),
            std::string::npos)
      << a.reason;
  m.service_approved = true;
  EXPECT_TRUE(CheckPlanItem(ProviderItem("Acorn Home Care"), m, {.required = true}).allowed);
}

TEST(CheckPlanItem, AProviderWithNoApprovedServiceIsRefused_OthersAllowed) {
  DirectoryMatch m;
  m.provider = ProviderId("01JD0000000000000000PRV001");
  m.provider_name = "Acorn Home Care";
  EXPECT_FALSE(CheckPlanItem(ProviderItem("Acorn Home Care"), m, {.required = true}).allowed);
  m.approved_services = 1;
  EXPECT_TRUE(CheckPlanItem(ProviderItem("Acorn Home Care"), m, {.required = true}).allowed);
  casework::PlanItem pa = ProviderItem("Sam");
  pa.supplier = casework::Supplier::kPersonalAssistant;
  EXPECT_TRUE(CheckPlanItem(pa, {}, {.required = true}).allowed);
}

TEST(ValidateDirectoryQuery, SplitsWordsAndDropsFtsSyntax) {
  auto q = ValidateDirectoryQuery({.q = R"(  "Home" care* OR -night:(sitting) NEAR/3 ^café )"});
  ASSERT_TRUE(q) << q.error().message;
  EXPECT_EQ(q->words, (std::vector<std::string>{"home", "care", "or", "night", "sitting", "near",
                                                "3", "café"}));
}

TEST(ValidateDirectoryQuery, RefusesAnAbsurdlyLongQuery_NamingQ) {
  auto q = ValidateDirectoryQuery({.q = std::string(10'000, 'a')});
  ASSERT_FALSE(q);
  ASSERT_EQ(q.error().fields.size(), 1u);
  EXPECT_EQ(q.error().fields[0].field, "q");
  EXPECT_TRUE(ValidateDirectoryQuery({.q = std::string(200, 'a')}));
}

TEST(ValidateDirectoryQuery, KeepsTwelveWordsAtMost) {
  auto q = ValidateDirectoryQuery({.q = "a b c d e f g h i j k l m n o"});
  ASSERT_TRUE(q);
  EXPECT_EQ(q->words.size(), kMaxQueryWords);
  EXPECT_EQ(Searched(*q), "a b c d e f g h i j k l");
}

TEST(ValidateDirectoryQuery, NamesEveryBadFilter) {
  auto q = ValidateDirectoryQuery({.need_area = "flying",
                                   .area = "a b",
                                   .day = "someday",
                                   .max_price = "0",
                                   .min_rating = "not_yet_rated",
                                   .limit = "1000",
                                   .offset = "-1"});
  ASSERT_FALSE(q);
  for (const char* field :
       {"need_area", "area", "day", "max_price", "min_rating", "limit", "offset"}) {
    EXPECT_TRUE(Names(q.error(), field)) << field;
  }
  auto ok = ValidateDirectoryQuery({.need_area = "community",
                                    .area = "north",
                                    .day = "Sat",
                                    .max_price = "25",
                                    .min_rating = "good",
                                    .limit = "5"});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->max_price, Pence(2500));
  EXPECT_EQ(ok->day, Weekday::kSaturday);
  EXPECT_EQ(ok->min_rating, CqcRating::kGood);
  EXPECT_EQ(ok->limit, 5);
}

}  // namespace
}  // namespace selfdirect::market
