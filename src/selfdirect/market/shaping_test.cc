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

}  // namespace
}  // namespace selfdirect::market
