#include "selfdirect/store/sqlite_market.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/person_record.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using market::DirectoryQuery;
using market::Provider;
using market::Service;
using selfdirect::testing::TempDir;
using ::testing::ElementsAre;

const Timestamp kNow = ParseTimestamp("2026-11-23T09:00:00.000Z").value();
const ProviderId kAcorn("01JD0000000000000000PRV001");
const ProviderId kBirch("01JD0000000000000000PRV002");

class SqliteMarketTest : public ::testing::Test {
 protected:
  SqliteMarketTest() {
    db_ = std::move(*Database::Open({.path = dir_.File("market.db"), .readers = 2}));
    EXPECT_TRUE(Migrate(*db_, clock_));
    store_ = std::make_unique<SqliteStore>(*db_);
    Write([&](Transaction& tx) -> Status {
      if (auto s = tx.Councils().CreateCouncil({council_, "E06000001", "Hartlepool", kNow}); !s) {
        return s;
      }
      if (auto s = tx.Market().AddProvider(MakeProvider(kAcorn, "Acorn Home Care", "1-100",
                                                        market::CqcRating::kGood, {"north"}));
          !s) {
        return s;
      }
      if (auto s = tx.Market().AddProvider(MakeProvider(kBirch, "Birch Day Centre", "1-200",
                                                        market::CqcRating::kRequiresImprovement,
                                                        {"south", "central"}));
          !s) {
        return s;
      }
      for (const Service& s :
           {MakeService("01JD0000000000000000SRV001", kAcorn, "Help at home", 2150,
                        market::ServiceType::kHomeCare, {"hygiene", "nutrition"}, 0x1F),
            MakeService("01JD0000000000000000SRV002", kAcorn, "Night sitting", 1900,
                        market::ServiceType::kHomeCare, {"home_safety"}, 0x7F),
            MakeService("01JD0000000000000000SRV003", kBirch, "Art and music club", 4500,
                        market::ServiceType::kDayCentre, {"community", "recreation"}, 0x60)}) {
        if (auto r = tx.Market().AddService(s); !r) return r;
      }
      return Ok();
    });
  }

  Provider MakeProvider(const ProviderId& id, const std::string& name, const std::string& cqc,
                        market::CqcRating rating, std::vector<std::string> areas) {
    Provider p;
    p.council = council_;
    p.id = id;
    p.name = name;
    p.description = "Caring for people in Hartlepool since 1990";
    p.cqc_location_id = cqc;
    p.cqc_rating = rating;
    p.cqc_rated_on = *ParseIsoDate("2025-06-01");
    p.areas = std::move(areas);
    p.phone = "01632 960 001";
    p.documents = {{market::DocumentKind::kInsurance, "Insurance", *ParseIsoDate("2026-12-01")}};
    p.created_at = p.updated_at = kNow;
    return p;
  }

  Service MakeService(const char* id, const ProviderId& provider, const std::string& what,
                      std::int64_t pence, market::ServiceType type, std::vector<std::string> needs,
                      std::uint8_t days) {
    Service s;
    s.council = council_;
    s.id = ServiceId(id);
    s.provider = provider;
    s.what = what;
    s.unit = market::ServiceUnit::kHour;
    s.price = Pence(pence);
    s.need_areas = std::move(needs);
    s.type = type;
    s.days = days;
    s.created_at = s.updated_at = kNow;
    return s;
  }

  void Write(const std::function<Status(Transaction&)>& fn) {
    auto s = store_->Write(fn);
    ASSERT_TRUE(s) << s.error().message;
  }

  std::vector<std::string> Found(DirectoryQuery q) {
    std::vector<std::string> out;
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      auto r = tx.Market().Search(council_, q);
      if (!r) return tl::unexpected(r.error());
      for (const auto& h : r->hits) out.push_back(h.service.what);
      EXPECT_EQ(r->total, static_cast<std::int64_t>(out.size()));
      return Ok();
    }));
    return out;
  }

  TempDir dir_;
  FixedClock clock_{kNow};
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteStore> store_;
  CouncilId council_{"01JD000000000000000000C0U1"};
};

TEST_F(SqliteMarketTest, Fts5IsAvailable) {
  ASSERT_TRUE(store_->Read([&](Transaction&) -> Status { return Ok(); }));
  ASSERT_TRUE(db_->Read([](Connection& c) -> Status {
    auto st = c.Prepare("SELECT sqlite_compileoption_used('ENABLE_FTS5')");
    if (!st) return tl::unexpected(st.error());
    auto row = st->Step();
    EXPECT_TRUE(row && *row);
    EXPECT_EQ(st->Int(0), 1);
    return Ok();
  }));
}

TEST_F(SqliteMarketTest, ProvidersRoundTripWithDocumentsAndAreas) {
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto p = tx.Market().FindProvider(council_, kBirch);
    EXPECT_TRUE(p && *p);
    EXPECT_EQ((*p)->name, "Birch Day Centre");
    EXPECT_EQ((*p)->cqc_rating, market::CqcRating::kRequiresImprovement);
    EXPECT_THAT((*p)->areas, ElementsAre("south", "central"));
    EXPECT_EQ((*p)->documents.size(), 1u);
    auto by_name = tx.Market().FindProviderByName(council_, "acorn home care");
    EXPECT_TRUE(by_name && *by_name && (*by_name)->id == kAcorn);
    auto all = tx.Market().Providers(council_);
    EXPECT_TRUE(all && all->size() == 2u);
    return Ok();
  }));
}

TEST_F(SqliteMarketTest, ADuplicateCqcIdIsAConflictNamingTheField) {
  auto s = store_->Write([&](Transaction& tx) -> Status {
    return tx.Market().AddProvider(MakeProvider(ProviderId("01JD0000000000000000PRV003"),
                                                "Copy Care", "1-100", market::CqcRating::kGood,
                                                {}));
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  ASSERT_EQ(s.error().fields.size(), 1u);
  EXPECT_EQ(s.error().fields[0].field, "cqc_location_id");
}

TEST_F(SqliteMarketTest, SearchesWordsAsPrefixes_CheapestFirst) {
  EXPECT_THAT(Found({.words = {"home"}}), ElementsAre("Night sitting", "Help at home"));
  EXPECT_THAT(Found({.words = {"acorn", "sit"}}), ElementsAre("Night sitting"));
  EXPECT_THAT(Found({.words = {"music"}}), ElementsAre("Art and music club"));
  // The need area's words are searched too.
  EXPECT_THAT(Found({.words = {"recreational"}}), ElementsAre("Art and music club"));
  EXPECT_THAT(Found({.words = {"nothing"}}), ElementsAre());
}

TEST_F(SqliteMarketTest, FtsSyntaxInAWordNeverErrors) {
  for (const char* word : {"\"", "a\"b", "*", "OR", "NEAR", "-", "(", "^", ":", "AND NOT"}) {
    EXPECT_NO_FATAL_FAILURE(Found({.words = {word}})) << word;
  }
  EXPECT_EQ(SqliteMarketRepository::MatchExpression({"a\"b", "c"}), "\"a\"\"b\"* \"c\"*");
}

TEST_F(SqliteMarketTest, FiltersByNeedAreaDayPriceAndRating) {
  EXPECT_THAT(Found({.need_area = "community"}), ElementsAre("Art and music club"));
  EXPECT_THAT(Found({.area = "north"}), ElementsAre("Night sitting", "Help at home"));
  EXPECT_THAT(Found({.area = "central"}), ElementsAre("Art and music club"));
  EXPECT_THAT(Found({.day = market::Weekday::kSaturday}),
              ElementsAre("Night sitting", "Art and music club"));
  EXPECT_THAT(Found({.max_price = Pence(2150)}), ElementsAre("Night sitting", "Help at home"));
  EXPECT_THAT(Found({.max_price = Pence(2149)}), ElementsAre("Night sitting"));
  EXPECT_THAT(Found({.min_rating = market::CqcRating::kGood}),
              ElementsAre("Night sitting", "Help at home"));
  EXPECT_THAT(Found({}), ElementsAre("Night sitting", "Help at home", "Art and music club"));
}

TEST_F(SqliteMarketTest, CountsUpToTheCapAndPagesInTheSameOrderEitherSide) {
  // 1,010 lunch clubs at five prices: more than the count goes to.
  Write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 1010; ++i) {
      auto r = tx.Market().AddService(MakeService(
          fmt::format("01JD000000000000000SRV{:04}", i).c_str(), i % 2 == 0 ? kAcorn : kBirch,
          fmt::format("Lunch club {:04}", i), 500 + 100 * (i % 5),
          market::ServiceType::kCommunityActivity, {"nutrition"}, 0x1F));
      if (!r) return r;
    }
    return Ok();
  });
  auto page = [&](DirectoryQuery q) {
    market::DirectoryResults out;
    EXPECT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      auto r = tx.Market().Search(council_, q);
      if (!r) return tl::unexpected(r.error());
      out = std::move(*r);
      return Ok();
    }));
    return out;
  };
  const auto broad = page({.words = {"lunch"}, .limit = 20});
  EXPECT_EQ(broad.total, market::kDirectoryCountCap);
  EXPECT_TRUE(broad.more);
  // Narrowed by a price to 202 (the £5.00 ones): counted exactly, sorted here.
  const auto narrow = page({.words = {"lunch"}, .max_price = Pence(500), .limit = 20});
  EXPECT_EQ(narrow.total, 202);
  EXPECT_FALSE(narrow.more);
  // Both ways give the cheapest first, then by provider and name: the same first page.
  ASSERT_EQ(broad.hits.size(), 20u);
  ASSERT_EQ(narrow.hits.size(), 20u);
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(broad.hits[i].service.id, narrow.hits[i].service.id) << i;
  }
  EXPECT_EQ(broad.hits[0].provider.name, "Acorn Home Care");
  EXPECT_EQ(broad.hits[0].service.what, "Lunch club 0000");
  EXPECT_EQ(narrow.hits[19].service.what, "Lunch club 0190");
  // A page beyond the count still comes, in order.
  const auto far = page({.words = {"lunch"}, .limit = 20, .offset = 1000});
  ASSERT_EQ(far.hits.size(), 10u);
  EXPECT_TRUE(far.more);
}

TEST_F(SqliteMarketTest, RenamingAProviderRefreshesItsServicesWords) {
  Write([&](Transaction& tx) -> Status {
    auto p = tx.Market().FindProvider(council_, kAcorn);
    if (!p) return tl::unexpected(p.error());
    Provider renamed = **p;
    renamed.name = "Oakwood Care";
    return tx.Market().UpdateProvider(renamed);
  });
  EXPECT_THAT(Found({.words = {"acorn"}}), ElementsAre());
  EXPECT_THAT(Found({.words = {"oakwood"}}), ElementsAre("Night sitting", "Help at home"));
}

TEST_F(SqliteMarketTest, DeletingAProviderRemovesItsServicesFromSearch) {
  Write([&](Transaction& tx) -> Status { return tx.Market().DeleteProvider(council_, kAcorn); });
  EXPECT_THAT(Found({}), ElementsAre("Art and music club"));
  EXPECT_THAT(Found({.words = {"home"}}), ElementsAre());
}

TEST_F(SqliteMarketTest, PagesWithTheTotal) {
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto r = tx.Market().Search(council_, {.limit = 1, .offset = 1});
    EXPECT_TRUE(r);
    EXPECT_EQ(r->total, 3);
    EXPECT_EQ(r->hits.size(), 1u);
    EXPECT_EQ(r->hits[0].service.what, "Help at home");
    EXPECT_EQ(r->hits[0].provider.name, "Acorn Home Care");
    return Ok();
  }));
}

TEST_F(SqliteMarketTest, TagsAreCodesInHexAndOnlyTheServerWritesThem) {
  EXPECT_EQ(SqliteMarketRepository::TagsExpression(council_, {}),
            "\"c30314a4430303030303030303030303030303030303043305531\"");
  EXPECT_EQ(
      SqliteMarketRepository::TagsExpression(council_, {.words = {"home"},
                                                        .need_area = "home_safety",
                                                        .area = "North-1",
                                                        .day = market::Weekday::kSaturday,
                                                        .max_price = Pence(2000),
                                                        .min_rating = market::CqcRating::kGood}),
      "\"c30314a4430303030303030303030303030303030303043305531\" "
      "\"n686f6d655f736166657479\" \"a4e6f7274682d31\" \"d5\" \"r3\"");
}

TEST_F(SqliteMarketTest, UsersWordsNeverMatchTags) {
  // Each service has tags; typing one (or the column's name, or FTS syntax around it) matches
  // only the words, where no tag is.
  for (const std::vector<std::string>& words : std::vector<std::vector<std::string>>{
           {"c30314a4430303030303030303030303030303030303043305531"},
           {"n636f6d6d756e697479"},  // community
           {"a6e6f727468"},          // north
           {"d5"},
           {"r3"},
           {"tags"},
           {"area", "north"},
           {"tags : \"d5\""},
           {"home", ") OR tags : (\"d5"},
           {"\"d5\" OR tags : \"d5\""}}) {
    EXPECT_THAT(Found({.words = words}), ElementsAre()) << words[0];
  }
  // A word beside a filter still narrows it, and a tag typed beside a filter does not widen it.
  EXPECT_THAT(Found({.words = {"night"}, .need_area = "home_safety"}),
              ElementsAre("Night sitting"));
  EXPECT_THAT(Found({.words = {"d6"}, .need_area = "home_safety"}), ElementsAre());
}

TEST_F(SqliteMarketTest, AreaCodesMatchExactly) {
  Write([&](Transaction& tx) -> Status {
    auto p = tx.Market().FindProvider(council_, kBirch);
    if (!p) return tl::unexpected(p.error());
    Provider changed = **p;
    changed.areas = {"North_East", "home_safety"};
    return tx.Market().UpdateProvider(changed);
  });
  EXPECT_THAT(Found({.area = "North_East"}), ElementsAre("Art and music club"));
  EXPECT_THAT(Found({.area = "north_east"}), ElementsAre());
  EXPECT_THAT(Found({.area = "North"}), ElementsAre());
  // An area coded like a need area is still an area.
  EXPECT_THAT(Found({.need_area = "home_safety"}), ElementsAre("Night sitting"));
  EXPECT_THAT(Found({.area = "home_safety"}), ElementsAre("Art and music club"));
}

TEST_F(SqliteMarketTest, ChangingAProvidersAreasAndRatingRefreshesItsServicesTags) {
  Write([&](Transaction& tx) -> Status {
    auto p = tx.Market().FindProvider(council_, kAcorn);
    if (!p) return tl::unexpected(p.error());
    Provider changed = **p;
    changed.areas = {"east"};
    changed.cqc_rating = market::CqcRating::kOutstanding;
    return tx.Market().UpdateProvider(changed);
  });
  EXPECT_THAT(Found({.area = "north"}), ElementsAre());
  EXPECT_THAT(Found({.area = "east"}), ElementsAre("Night sitting", "Help at home"));
  EXPECT_THAT(Found({.min_rating = market::CqcRating::kOutstanding}),
              ElementsAre("Night sitting", "Help at home"));
  EXPECT_THAT(Found({.min_rating = market::CqcRating::kInadequate}),
              ElementsAre("Night sitting", "Help at home", "Art and music club"));
}

TEST_F(SqliteMarketTest, ChangingAServicesPriceNeedsAndDaysRefreshesItsPlaceAndTags) {
  Write([&](Transaction& tx) -> Status {
    auto s = tx.Market().FindService(council_, ServiceId("01JD0000000000000000SRV001"));
    if (!s) return tl::unexpected(s.error());
    Service changed = **s;
    changed.price = Pence(1000);
    changed.need_areas = {"community"};
    changed.days = market::DayBit(market::Weekday::kSunday);
    return tx.Market().UpdateService(changed);
  });
  EXPECT_THAT(Found({}), ElementsAre("Help at home", "Night sitting", "Art and music club"));
  EXPECT_THAT(Found({.max_price = Pence(1000)}), ElementsAre("Help at home"));
  EXPECT_THAT(Found({.max_price = Pence(999)}), ElementsAre());
  EXPECT_THAT(Found({.words = {"help"}}), ElementsAre("Help at home"));  // once
  EXPECT_THAT(Found({.need_area = "hygiene"}), ElementsAre());
  EXPECT_THAT(Found({.need_area = "community"}), ElementsAre("Help at home", "Art and music club"));
  EXPECT_THAT(Found({.day = market::Weekday::kMonday}), ElementsAre("Night sitting"));
  // Changed back, it is where it was.
  Write([&](Transaction& tx) -> Status {
    auto s = tx.Market().FindService(council_, ServiceId("01JD0000000000000000SRV001"));
    if (!s) return tl::unexpected(s.error());
    Service changed = **s;
    changed.price = Pence(2150);
    return tx.Market().UpdateService(changed);
  });
  EXPECT_THAT(Found({}), ElementsAre("Night sitting", "Help at home", "Art and music club"));
}

TEST_F(SqliteMarketTest, PagesThroughServicesAtTheSamePriceInOrder) {
  // 150 services at two prices, from both providers: every page, wherever it starts in a run of
  // one price, continues the order (cheapest, then provider, then name).
  std::vector<std::tuple<std::int64_t, std::string, std::string>> expected;
  Write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 150; ++i) {
      const bool acorn = i % 3 != 0;
      const std::int64_t price = i % 2 == 0 ? 700 : 800;
      const std::string what = fmt::format("Swim {:03}", i);
      expected.emplace_back(price, acorn ? "acorn home care" : "birch day centre", what);
      auto r = tx.Market().AddService(MakeService(
          fmt::format("01JD000000000000000SWM{:04}", i).c_str(), acorn ? kAcorn : kBirch, what,
          price, market::ServiceType::kCommunityActivity, {"recreation"}, 0x1F));
      if (!r) return r;
    }
    return Ok();
  });
  std::sort(expected.begin(), expected.end());
  for (int limit : {7, 20, 100}) {
    std::vector<std::string> paged;
    for (int offset = 0; offset < 160; offset += limit) {
      ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
        auto r =
            tx.Market().Search(council_, {.words = {"swim"}, .limit = limit, .offset = offset});
        if (!r) return tl::unexpected(r.error());
        EXPECT_EQ(r->total, 150);
        EXPECT_FALSE(r->more);
        for (const auto& h : r->hits) paged.push_back(h.service.what);
        return Ok();
      }));
    }
    ASSERT_EQ(paged.size(), expected.size()) << limit;
    for (std::size_t i = 0; i < paged.size(); ++i) {
      EXPECT_EQ(paged[i], std::get<2>(expected[i])) << limit << " " << i;
    }
  }
}

TEST_F(SqliteMarketTest, PagesThroughALongRunAtOnePrice) {
  // 620 services at one price: more than the store reads by rowid, so the page is read by the
  // full-text query again; the order is still provider, then name.
  std::vector<std::pair<std::string, std::string>> expected;
  Write([&](Transaction& tx) -> Status {
    for (int i = 0; i < 620; ++i) {
      const bool acorn = i % 4 != 0;
      const std::string what = fmt::format("Walk {:03}", 619 - i);
      expected.emplace_back(acorn ? "acorn home care" : "birch day centre", what);
      auto r = tx.Market().AddService(MakeService(
          fmt::format("01JD000000000000000WLK{:04}", i).c_str(), acorn ? kAcorn : kBirch, what,
          1200, market::ServiceType::kCommunityActivity, {"recreation"}, 0x1F));
      if (!r) return r;
    }
    return Ok();
  });
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> paged;
  for (int offset = 0; offset < 620; offset += 100) {
    ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
      auto r = tx.Market().Search(council_, {.words = {"walk"}, .limit = 100, .offset = offset});
      if (!r) return tl::unexpected(r.error());
      EXPECT_EQ(r->total, 620);
      for (const auto& h : r->hits) paged.push_back(h.service.what);
      return Ok();
    }));
  }
  ASSERT_EQ(paged.size(), expected.size());
  for (std::size_t i = 0; i < paged.size(); ++i) EXPECT_EQ(paged[i], expected[i].second) << i;
}

TEST_F(SqliteMarketTest, ApprovedListIsOffUntilSet) {
  const SchemeId scheme("01JD000000000000000000SCH1");
  Write([&](Transaction& tx) -> Status {
    Scheme s;
    s.council_id = council_;
    s.id = scheme;
    s.name = "Adult social care";
    s.created_at = kNow;
    return tx.Councils().CreateScheme(s);
  });
  Write([&](Transaction& tx) -> Status {
    auto setting = tx.Market().ApprovedList(council_, scheme);
    EXPECT_TRUE(setting && !setting->required);
    return tx.Market().SetApprovedList(council_, scheme, {.required = true}, kNow, UserId());
  });
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto setting = tx.Market().ApprovedList(council_, scheme);
    EXPECT_TRUE(setting && setting->required);
    return Ok();
  }));
}

TEST_F(SqliteMarketTest, ApprovedPlansGiveEachItemsProviderAndPrice) {
  const PersonId person("01JD0000000000000000PER001");
  const PlanId plan("01JD0000000000000000PLN001");
  Write([&](Transaction& tx) -> Status {
    casework::Person p = selfdirect::testing::AdaOkafor(council_, person, kNow);
    p.postcode = "TS24 7QS";
    if (auto s = tx.Casework().CreatePerson(p, {}); !s) return s;
    casework::PlanVersion v;
    v.council = council_;
    v.id = plan;
    v.person = person;
    v.version = 1;
    v.status = casework::PlanStatus::kApproved;
    v.content.outcomes = {{"o1", "Stay at home"}};
    casework::PlanItem from_directory;
    from_directory.what = "Help at home";
    from_directory.supplier = casework::Supplier::kProvider;
    from_directory.unit = "hour";
    from_directory.unit_price = Pence(21'50);
    from_directory.hundredths = 1'050;
    from_directory.service_id = "01JD0000000000000000SRV001";
    from_directory.service_type = "home_care";
    from_directory.outcomes = {"o1"};
    casework::PlanItem assistant = from_directory;
    assistant.what = "Swimming";
    assistant.supplier = casework::Supplier::kPersonalAssistant;
    assistant.service_id.clear();
    assistant.service_type.clear();
    assistant.frequency = casework::ItemFrequency::kPerYear;
    v.content.items = {from_directory, assistant};
    v.content.written_with = {"person"};
    v.created_at = v.updated_at = kNow;
    if (auto s = tx.Casework().CreatePlan(v); !s) return s;
    casework::PlanDecision d;
    d.council = council_;
    d.plan = plan;
    d.decision = "approve";
    d.decided_at = kNow;
    return tx.Casework().AddPlanDecision(d);
  });
  ASSERT_TRUE(store_->Read([&](Transaction& tx) -> Status {
    auto plans = tx.Market().ApprovedPlans(council_);
    if (!plans) return tl::unexpected(plans.error());
    EXPECT_EQ(plans->size(), 1u);
    if (plans->empty()) return Ok();
    const market::ApprovedPlan& a = plans->front();
    EXPECT_EQ(a.postcode, "TS24 7QS");
    EXPECT_EQ(a.from, *ParseIsoDate("2026-11-23"));
    EXPECT_EQ(a.items.size(), 2u);
    if (a.items.size() != 2) return Ok();
    EXPECT_EQ(a.items[0].provider_id, kAcorn.str());
    EXPECT_EQ(a.items[0].provider_name, "Acorn Home Care");
    EXPECT_EQ(a.items[0].unit_price_pence, 21'50);
    EXPECT_EQ(a.items[0].hundredths, 1'050);
    EXPECT_EQ(a.items[0].frequency, casework::ItemFrequency::kPerWeek);
    EXPECT_EQ(a.items[1].provider_id, "");  // no service: no provider
    EXPECT_EQ(a.items[1].supplier, "personal_assistant");
    EXPECT_EQ(a.items[1].frequency, casework::ItemFrequency::kPerYear);
    return Ok();
  }));
}

}  // namespace
}  // namespace selfdirect::store
