#include "selfdirect/market/shaping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace selfdirect::market {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

Date D(const char* iso) { return *ParseIsoDate(iso); }

const ServiceId kDayCentre("01JD3Q7Z8M0000000000000001");
const ServiceId kHomeCare("01JD3Q7Z8M0000000000000002");

SpellItem Uses(const ServiceId& s, const char* type) { return {s.str(), type, "provider"}; }
SpellItem Chosen(const char* type) { return {"", type, "to_be_chosen"}; }
SpellItem Assistant() { return {"", "", "personal_assistant"}; }

std::vector<ServiceInfo> Services() {
  return {{kDayCentre, "Day at the centre", "Birch Day Centre", ServiceType::kDayCentre, {}},
          {kHomeCare, "Help at home", "Acorn Home Care", ServiceType::kHomeCare, {}}};
}

TEST(PostcodeDistrict, IsTheOutwardCodeOfAPostcode) {
  EXPECT_EQ(PostcodeDistrict("TS24 7QS"), "TS24");
  EXPECT_EQ(PostcodeDistrict("sw1a1aa"), "SW1A");
  EXPECT_EQ(PostcodeDistrict("M1 1AE"), "M1");
  EXPECT_EQ(PostcodeDistrict(""), "");
  EXPECT_EQ(PostcodeDistrict("not a postcode"), "");
}

TEST(BuildSpells, APlanRunsUntilTheNextApprovedPlanOrTheCaseIsClosed) {
  std::vector<ApprovedPlan> approvals = {
      {"bea", "TS24 7QS", D("2026-01-10"), {Assistant()}},
      {"ada", "TS24 7QS", D("2025-06-01"), {Uses(kDayCentre, "day_centre")}},
      {"ada", "TS24 7QS", D("2026-02-01"), {Assistant()}},
  };
  const std::pair<std::string, Date> closures[] = {{"bea", D("2026-05-31")},
                                                   {"ada", D("2024-01-01")}};  // before: ignored
  auto spells = BuildSpells(approvals, closures);
  ASSERT_THAT(spells, SizeIs(3));
  EXPECT_EQ(spells[0].person, "ada");
  EXPECT_EQ(spells[0].to, D("2026-02-01"));
  EXPECT_FALSE(spells[1].to.has_value());
  EXPECT_EQ(spells[2].to, D("2026-05-31"));
  EXPECT_TRUE(spells[0].InForceOn(D("2026-01-31")));
  EXPECT_FALSE(spells[0].InForceOn(D("2026-02-01")));
}

// Five people used the day centre a year ago; two still do; of the three who left, two chose a
// personal assistant and one has no plan now.
std::vector<PlanSpell> DayCentreLosingPeople() {
  std::vector<ApprovedPlan> a;
  for (const char* p : {"p1", "p2", "p3", "p4", "p5"}) {
    a.push_back({p, "TS24 7QS", D("2025-01-15"), {Uses(kDayCentre, "day_centre")}});
  }
  a.push_back({"p1", "TS24 7QS", D("2026-03-01"), {Assistant()}});
  a.push_back({"p2", "TS25 8AB", D("2026-06-01"), {Assistant(), Chosen("community_activity")}});
  // Someone new to home care, and one with home care still to be chosen for months.
  a.push_back({"p6", "TS25 8AB", D("2026-10-01"), {Uses(kHomeCare, "home_care")}});
  a.push_back({"p7", "", D("2026-08-01"), {Chosen("home_care"), Chosen("")}});
  a.push_back({"p8", "TS24 7QS", D("2026-11-10"), {Chosen("home_care")}});  // only 12 days ago
  const std::pair<std::string, Date> closures[] = {{"p3", D("2026-04-30")}};
  return BuildSpells(std::move(a), closures);
}

TEST(Shape, ListsAServiceLosingPeopleWithItsTrendAndWhereTheyWent) {
  const auto spells = DayCentreLosingPeople();
  const auto services = Services();
  const MarketShaping m = Shape(spells, services, D("2026-11-22"));
  ASSERT_THAT(m.declining, SizeIs(1));  // home care grew; it is not at risk
  const DecliningService& d = m.declining[0];
  EXPECT_EQ(d.service.what, "Day at the centre");
  EXPECT_EQ(d.people_year_ago, 5);
  EXPECT_EQ(d.people_now, 2);
  EXPECT_EQ(d.change_percent, -60);
  // A year, 9, 6 and 3 months ago, and today.
  EXPECT_THAT(d.trend, ElementsAre(5, 5, 3, 2, 2));
  ASSERT_THAT(d.moved_to, SizeIs(3));
  EXPECT_EQ(d.moved_to[0].label, "A personal assistant");
  EXPECT_EQ(d.moved_to[0].people, 2);
  EXPECT_EQ(d.moved_to[1].label, "Community activity");
  EXPECT_EQ(d.moved_to[1].people, 1);
  EXPECT_EQ(d.moved_to[2].label, "No plan in force now");
  EXPECT_EQ(d.moved_to[2].people, 1);
}

TEST(Shape, WhereTheyWentIsOnlyWhatIsNewBesideTheSupportTheyKept) {
  // Both had home care beside the day centre; one swapped the day centre for a community
  // activity, the other for more home care.
  std::vector<ApprovedPlan> a;
  for (const char* p : {"k1", "k2", "k3"}) {
    a.push_back({p, "TS24 7QS", D("2025-01-15"),
                 {Uses(kHomeCare, "home_care"), Uses(kDayCentre, "day_centre")}});
  }
  a.push_back({"k1", "TS24 7QS", D("2026-03-01"),
               {Uses(kHomeCare, "home_care"), Chosen("community_activity")}});
  a.push_back({"k2", "TS24 7QS", D("2026-03-01"), {Uses(kHomeCare, "home_care")}});
  const auto spells = BuildSpells(std::move(a), {});
  const auto services = Services();
  const MarketShaping m = Shape(spells, services, D("2026-11-22"));
  ASSERT_THAT(m.declining, SizeIs(1));
  const DecliningService& d = m.declining[0];
  ASSERT_THAT(d.moved_to, SizeIs(2));
  EXPECT_EQ(d.moved_to[0].label, "Community activity");
  EXPECT_EQ(d.moved_to[0].people, 1);
  EXPECT_EQ(d.moved_to[1].label, "More of the support they already had");
  EXPECT_EQ(d.moved_to[1].people, 1);
}

TEST(Shape, ASmallOrGentleFallIsNotARisk) {
  const auto spells = DayCentreLosingPeople();
  const auto services = Services();
  ShapingOptions strict;
  strict.decline_percent = 70;
  EXPECT_THAT(Shape(spells, services, D("2026-11-22"), strict).declining, SizeIs(0));
  ShapingOptions big;
  big.decline_from_at_least = 6;
  EXPECT_THAT(Shape(spells, services, D("2026-11-22"), big).declining, SizeIs(0));
}

TEST(Shape, CountsPeoplePerKindOfSupportEveryThreeMonths) {
  const auto spells = DayCentreLosingPeople();
  const auto services = Services();
  const MarketShaping m = Shape(spells, services, D("2026-11-22"));
  ASSERT_THAT(m.demand, SizeIs(9));
  EXPECT_EQ(m.demand.front().on, D("2024-11-22"));
  EXPECT_EQ(m.demand.back().on, D("2026-11-22"));
  auto at = [&](const DemandPoint& p, const char* label) {
    const auto k = std::find(m.kinds.begin(), m.kinds.end(), label) - m.kinds.begin();
    return p.people[static_cast<std::size_t>(k)];
  };
  EXPECT_EQ(at(m.demand.front(), "Day centre"), 0);  // before anyone's plan
  EXPECT_EQ(at(m.demand[3], "Day centre"), 5);       // 2025-08-22
  EXPECT_EQ(at(m.demand.back(), "Day centre"), 2);
  // Today: p6's home care, p7's and p8's home care to be chosen: three people, counted once each.
  EXPECT_EQ(at(m.demand.back(), "Home care"), 3);
  EXPECT_EQ(at(m.demand.back(), "Kind not said"), 3);  // p1's and p2's assistants; p7's item
  EXPECT_EQ(m.people_in_force, 7);                     // everyone but p3, whose case was closed
}

TEST(Shape, UnmetDemandIsWhatIsStillToBeChosenLongAfterSignOff) {
  const auto spells = DayCentreLosingPeople();
  const auto services = Services();
  const MarketShaping m = Shape(spells, services, D("2026-11-22"));
  // p2's community activity (since June), p7's home care and unsaid kind (since August); p8's
  // is too recent.
  ASSERT_THAT(m.unmet, SizeIs(3));
  std::vector<std::string> rows;
  for (const UnmetDemand& u : m.unmet) {
    rows.push_back(u.kind_label + " / " + u.area + " / " + std::to_string(u.items) + " / " +
                   std::to_string(u.longest_days));
  }
  EXPECT_THAT(rows, ::testing::UnorderedElementsAre("Community activity / TS25 / 1 / 174",
                                                    "Home care / Area not known / 1 / 113",
                                                    "Kind not said / Area not known / 1 / 113"));
}

TEST(HerfindahlHirschman, OneProviderIs10000AndEqualProvidersShareIt) {
  const std::int64_t one[] = {123'45};
  EXPECT_EQ(HerfindahlHirschman(one), 10'000);
  const std::int64_t two[] = {500'00, 500'00};
  EXPECT_EQ(HerfindahlHirschman(two), 5'000);
  const std::int64_t four[] = {7, 7, 7, 7};
  EXPECT_EQ(HerfindahlHirschman(four), 2'500);
  EXPECT_EQ(HerfindahlHirschman(std::span<const std::int64_t>()), 0);
  const std::int64_t nothing[] = {0, 0};
  EXPECT_EQ(HerfindahlHirschman(nothing), 0);
}

TEST(HerfindahlHirschman, IsExactThenRoundedHalfUpOnce) {
  const std::int64_t thirds[] = {1, 1, 1};  // 3,333.33…
  EXPECT_EQ(HerfindahlHirschman(thirds), 3'333);
  const std::int64_t one_and_two[] = {1, 2};  // 10,000 × 5 ÷ 9 = 5,555.55…
  EXPECT_EQ(HerfindahlHirschman(one_and_two), 5'556);
  const std::int64_t half[] = {1, 199};  // 10,000 × 39,602 ÷ 40,000 = 9,900.5 exactly
  EXPECT_EQ(HerfindahlHirschman(half), 9'901);
  // Rounding shares to whole per cent first would give 1² + 99² = 9,802: not done.
  // Large sums do not overflow: £10 million a year each, three providers.
  const std::int64_t big[] = {1'000'000'000, 1'000'000'000, 2'000'000'000};
  EXPECT_EQ(HerfindahlHirschman(big), 3'750);
}

TEST(ShareBasisPoints, IsHundredthsOfAPerCentRoundedHalfUp) {
  EXPECT_EQ(ShareBasisPoints(199, 200), 9'950);
  EXPECT_EQ(ShareBasisPoints(1, 3), 3'333);
  EXPECT_EQ(ShareBasisPoints(2, 3), 6'667);
  EXPECT_EQ(ShareBasisPoints(1, 20'000), 1);  // 0.5 basis points, half up
  EXPECT_EQ(ShareBasisPoints(5, 0), 0);
}

TEST(BandOfHhi, UsesTheMergerGuidelinesThresholds) {
  EXPECT_EQ(BandOfHhi(0), ConcentrationBand::kUnconcentrated);
  EXPECT_EQ(BandOfHhi(1'000), ConcentrationBand::kUnconcentrated);  // "exceeding 1,000"
  EXPECT_EQ(BandOfHhi(1'001), ConcentrationBand::kConcentrated);
  EXPECT_EQ(BandOfHhi(2'000), ConcentrationBand::kConcentrated);
  EXPECT_EQ(BandOfHhi(2'001), ConcentrationBand::kHighlyConcentrated);
  EXPECT_STREQ(ConcentrationBandName(ConcentrationBand::kHighlyConcentrated),
               "highly_concentrated");
  EXPECT_STREQ(ConcentrationBandLabel(ConcentrationBand::kConcentrated), "Concentrated");
}

TEST(PriceItems, GivesEachItemItsRecurringCostAYear) {
  SpellItem weekly{"", "home_care", "provider"};
  weekly.unit_price_pence = 20'00;
  weekly.hundredths = 1'000;  // 10 hours a week
  SpellItem once{"", "", "not_a_care_service"};
  once.unit_price_pence = 300'00;
  once.hundredths = 100;
  once.frequency = casework::ItemFrequency::kOneOff;
  std::vector<ApprovedPlan> plans = {{"p1", "", D("2026-01-01"), {weekly, once}}};
  ASSERT_TRUE(PriceItems(plans, WeeksPerYear{52, 1}));
  EXPECT_EQ(plans[0].items[0].annual_pence, 10'400'00);
  EXPECT_EQ(plans[0].items[1].annual_pence, 0);
}

// Bought from a directory provider, at `pounds` a year.
SpellItem Bought(const char* provider, const char* type, std::int64_t pounds) {
  SpellItem i{"", type, "provider"};
  i.service_id = std::string("svc-") + provider;
  i.provider_id = std::string("id-") + provider;
  i.provider_name = provider;
  i.annual_pence = pounds * 100;
  return i;
}

// People in force today, each with the given items, in `postcode`.
void Add(std::vector<PlanSpell>& spells, const char* postcode, int people,
         const std::vector<SpellItem>& items) {
  const auto n = spells.size();
  for (int i = 0; i < people; ++i) {
    spells.push_back({"q" + std::to_string(n + static_cast<std::size_t>(i)),
                      PostcodeDistrict(postcode), D("2026-01-01"), std::nullopt, items});
  }
}

const Concentration* Find(const MarketShaping& m, const char* kind, const char* area) {
  for (const Concentration& c : m.concentration) {
    if (c.kind_label == kind && c.area == area) return &c;
  }
  return nullptr;
}

TEST(Shape, ConcentrationIsPerKindAndAreaAndForTheWholeCouncil) {
  std::vector<PlanSpell> spells;
  // TS24: home care from Acorn only (5 people, £10,000 a year each).
  Add(spells, "TS24 7QS", 5, {Bought("Acorn", "home_care", 10'000)});
  // TS25: home care from Acorn and Birch equally (3 people each).
  Add(spells, "TS25 8AB", 3, {Bought("Acorn", "home_care", 10'000)});
  Add(spells, "TS25 8AB", 3, {Bought("Birch", "home_care", 10'000)});
  // Items not from a directory provider do not count.
  Add(spells, "TS25 8AB", 2, {Chosen("home_care"), Assistant()});
  const MarketShaping m = Shape(spells, {}, D("2026-11-22"));
  ASSERT_THAT(m.concentration, SizeIs(3));
  const Concentration* ts24 = Find(m, "Home care", "TS24");
  ASSERT_NE(ts24, nullptr);
  EXPECT_EQ(ts24->providers, 1);
  EXPECT_EQ(ts24->people, 5);
  EXPECT_EQ(ts24->hhi, 10'000);
  EXPECT_EQ(ts24->band, ConcentrationBand::kHighlyConcentrated);
  EXPECT_EQ(ts24->largest_provider_name, "Acorn");
  EXPECT_EQ(ts24->largest_share_basis_points, 10'000);
  EXPECT_EQ(ts24->annual_pence, 50'000'00);
  const Concentration* ts25 = Find(m, "Home care", "TS25");
  ASSERT_NE(ts25, nullptr);
  EXPECT_EQ(ts25->providers, 2);
  EXPECT_EQ(ts25->hhi, 5'000);
  EXPECT_EQ(ts25->largest_provider_name, "Acorn");  // a tie: the name first in order
  EXPECT_EQ(ts25->largest_share_basis_points, 5'000);
  // The whole council: Acorn £80,000, Birch £30,000 → (8/11)² + (3/11)² = 73/121 → 6,033.
  const Concentration* all = Find(m, "Home care", "");
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(all->people, 11);
  EXPECT_EQ(all->annual_pence, 110'000'00);
  EXPECT_EQ(all->hhi, 6'033);
  EXPECT_EQ(all->largest_share_basis_points, 7'273);
  // The highest HHI first.
  EXPECT_EQ(m.concentration[0].area, "TS24");
  EXPECT_EQ(m.concentration[2].area, "TS25");
  EXPECT_EQ(m.concentration_suppressed, 0);
}

TEST(Shape, ConcentrationFromFewerThanFivePeopleIsNotShown) {
  std::vector<PlanSpell> spells;
  Add(spells, "TS24 7QS", 4, {Bought("Acorn", "day_centre", 5'000)});
  Add(spells, "TS25 8AB", 1, {Bought("Birch", "day_centre", 5'000)});
  Add(spells, "", 1, {Bought("Birch", "home_care", 5'000)});
  const MarketShaping m = Shape(spells, {}, D("2026-11-22"));
  // Day centres: TS24 (4 people) and TS25 (1) are held back; the council (5 people) is shown.
  ASSERT_THAT(m.concentration, SizeIs(1));
  EXPECT_EQ(m.concentration[0].kind_label, "Day centre");
  EXPECT_EQ(m.concentration[0].area, "");
  EXPECT_EQ(m.concentration[0].hhi, 6'800);  // 80% and 20%: 6,400 + 400
  // Held back: TS24, TS25, and home care both in "Area not known" and for the council.
  EXPECT_EQ(m.concentration_suppressed, 4);
  ShapingOptions anyone;
  anyone.concentration_from_people = 1;
  const MarketShaping all = Shape(spells, {}, D("2026-11-22"), anyone);
  EXPECT_THAT(all.concentration, SizeIs(5));
  EXPECT_NE(Find(all, "Home care", "Area not known"), nullptr);
}

TEST(Shape, ConcentrationCountsOnlyPlansInForceToday) {
  std::vector<PlanSpell> spells;
  Add(spells, "TS24 7QS", 5, {Bought("Acorn", "home_care", 1'000)});
  Add(spells, "TS24 7QS", 5, {Bought("Birch", "home_care", 1'000)});
  for (std::size_t i = 5; i < 10; ++i) spells[i].to = D("2026-06-01");  // Birch's ended
  const MarketShaping m = Shape(spells, {}, D("2026-11-22"));
  ASSERT_NE(Find(m, "Home care", "TS24"), nullptr);
  EXPECT_EQ(Find(m, "Home care", "TS24")->providers, 1);
  EXPECT_EQ(Find(m, "Home care", "TS24")->hhi, 10'000);
}

}  // namespace
}  // namespace selfdirect::market
