#include "selfdirect/app/plan_directory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "selfdirect/app/casework.h"
#include "selfdirect/app/market.h"
#include "tests/support/signed_off.h"

namespace selfdirect::app {
namespace {

using testing::ActingAs;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

// A person ready to plan (eligible and assessed), a provider in the directory with one approved
// and one unapproved service, and the plan use cases.
class PlanDirectoryTest : public ::testing::Test {
 protected:
  PlanDirectoryTest()
      : council_(t_.AddCouncil("E06000001", "Hartlepool")),
        admin_(t_.AddUser(council_, "admin@hartlepool.example", {"administrator"})),
        worker_(t_.AddUser(council_, "sw@hartlepool.example", {"assessor"})),
        commissioner_(t_.AddUser(council_, "market@hartlepool.example", {"commissioner"})) {
    EXPECT_TRUE(t_.ras().Publish(ActingAs(admin_), ras::testing::kSmallModel));
    market::ProviderRequest acorn;
    acorn.name = "Acorn Home Care";
    acorn.cqc_location_id = "1-101641578";
    acorn.cqc_rating = "good";
    acorn.cqc_rated_on = "2025-06-01";
    acorn.areas = {"north"};
    acorn.phone = "01632 960 001";
    auto provider = t_.market().CreateProvider(ActingAs(commissioner_), acorn);
    EXPECT_TRUE(provider.has_value())
        << provider.error().message << ": "
        << (provider.error().fields.empty() ? "" : provider.error().fields[0].field);
    if (provider) provider_ = provider->id;
    approved_ = AddService("Help at home", "home_care", true);
    unapproved_ = AddService("Sitting service", "respite", false);

    casework::NewPerson p;
    p.given_name = "Ada";
    p.family_name = "Okafor";
    p.date_of_birth = "1948-03-27";
    p.nhs_number = "943 476 5919";
    p.primary_support_reason = "physical_personal_care";
    auto created = t_.casework().CreatePerson(ActingAs(worker_), p,
                                              {"2026-11-20", "hospital_discharge", "Help", ""});
    EXPECT_TRUE(created.has_value());
    if (created) person_ = created->record.person.id;
    testing::RecordEligibleAndAssessed(t_, worker_, person_);
  }

  ServiceId AddService(const std::string& what, const std::string& type, bool approved) {
    market::ServiceRequest r;
    r.what = what;
    r.unit = "hour";
    r.price = "21.50";
    r.need_areas = {"hygiene"};
    r.service_type = type;
    r.approved = approved;
    auto s = t_.market().AddService(ActingAs(commissioner_), provider_, r);
    EXPECT_TRUE(s.has_value()) << s.error().message;
    return s ? s->id : ServiceId();
  }

  static casework::PlanItemRequest Item(const std::string& what, const std::string& supplier,
                                        const std::string& name) {
    casework::PlanItemRequest i;
    i.what = what;
    i.supplier = supplier;
    i.supplier_name = name;
    i.unit = "hour";
    i.unit_price = "21.50";
    i.quantity = "5";
    i.outcomes = {"o1"};
    return i;
  }

  static casework::PlanRequest Plan(std::vector<casework::PlanItemRequest> items) {
    casework::PlanRequest r;
    r.outcomes = {{"o1", "Get up and dressed in time for the day centre"}};
    r.items = std::move(items);
    return r;
  }

  std::int64_t PlanCount() {
    std::int64_t n = 0;
    EXPECT_TRUE(t_.db().Read([&](store::Connection& c) -> Status {
      auto st = c.Prepare("SELECT count(*) FROM plans");
      if (!st) return tl::unexpected(st.error());
      EXPECT_TRUE(st->Step());
      n = st->Int(0);
      return Ok();
    }));
    return n;
  }

  testing::TestApp t_;
  Council council_;
  User admin_, worker_, commissioner_;
  ProviderId provider_;
  ServiceId approved_, unapproved_;
  PersonId person_;
};

TEST_F(PlanDirectoryTest, AnItemChosenFromTheDirectoryIsTheServicesProviderAndKind) {
  auto item = Item("Help at home", "to_be_chosen", "");
  item.service_id = approved_.str();
  item.service_type = "day_centre";  // the service's own kind wins
  auto plan = t_.casework().CreatePlan(ActingAs(worker_), person_, Plan({item}));
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  const casework::PlanItem& saved = plan->plan.content.items.at(0);
  EXPECT_EQ(saved.service_id, approved_.str());
  EXPECT_EQ(saved.supplier, casework::Supplier::kProvider);
  EXPECT_EQ(saved.supplier_name, "Acorn Home Care");
  EXPECT_EQ(saved.service_type, "home_care");
  // Read back from the store, not just the value built in memory.
  auto read = t_.casework().GetPlan(ActingAs(worker_), plan->plan.id);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->plan.content.items.at(0).service_id, approved_.str());
  EXPECT_EQ(read->plan.content.items.at(0).service_type, "home_care");
  EXPECT_FALSE(read->approvals.required);
  EXPECT_TRUE(read->approvals.items.at(0).allowed);
}

TEST_F(PlanDirectoryTest, AnItemStillToBeChosenKeepsItsKindOfSupport) {
  auto item = Item("A day out each week", "to_be_chosen", "");
  item.service_type = "community_activity";
  auto plan = t_.casework().CreatePlan(ActingAs(worker_), person_, Plan({item}));
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  EXPECT_EQ(plan->plan.content.items.at(0).service_type, "community_activity");
  EXPECT_TRUE(plan->plan.content.items.at(0).service_id.empty());
}

TEST_F(PlanDirectoryTest, AnUnknownKindAndABadOrMissingServiceAreNamed_NothingSaved) {
  auto bad_kind = Item("Help at home", "provider", "Acorn Home Care");
  bad_kind.service_type = "spa_break";
  auto bad_id = Item("Help at home", "provider", "Acorn Home Care");
  bad_id.service_id = "not-an-id";
  bad_id.unit_price = "0";
  auto r = t_.casework().CreatePlan(ActingAs(worker_), person_, Plan({bad_kind, bad_id}));
  ASSERT_FALSE(r.has_value());
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  // Every problem at once: the plan's own rules and the market's kinds.
  EXPECT_THAT(fields, UnorderedElementsAre("items[0].service_type", "items[1].service_id",
                                           "items[1].unit_price"));

  auto gone = Item("Help at home", "provider", "");
  gone.service_id = "01JD3Q7Z8M0000000000000000";
  auto missing = t_.casework().CreatePlan(ActingAs(worker_), person_, Plan({gone}));
  ASSERT_FALSE(missing.has_value());
  ASSERT_EQ(missing.error().fields.size(), 1u);
  EXPECT_EQ(missing.error().fields[0].field, "items[0].service_id");
  EXPECT_THAT(missing.error().fields[0].message, HasSubstr("no longer in the council's directory"));
  EXPECT_EQ(PlanCount(), 0);
}

TEST_F(PlanDirectoryTest, UnderAnApprovedListThePlanSaysWhichItemsAreNotAllowedAndWhy) {
  NewScheme scheme{.name = "Adult social care", .kind = "adult-social-care"};
  ASSERT_TRUE(t_.app().CreateScheme(Context::Operator("test"), council_.id, scheme));
  ASSERT_TRUE(t_.market().SetApprovedList(ActingAs(commissioner_), true));
  auto from_list = Item("Help at home", "provider", "");
  from_list.service_id = approved_.str();
  auto not_approved = Item("Sitting service", "provider", "");
  not_approved.service_id = unapproved_.str();
  auto elsewhere = Item("Cleaning", "provider", "Sparkle Cleaners");
  auto assistant = Item("Help to go swimming", "personal_assistant", "Sam");
  auto plan = t_.casework().CreatePlan(ActingAs(worker_), person_,
                                       Plan({from_list, not_approved, elsewhere, assistant}));
  ASSERT_TRUE(plan.has_value()) << plan.error().message;  // never hidden or refused
  const PlanApprovals& a = plan->approvals;
  EXPECT_TRUE(a.required);
  ASSERT_EQ(a.items.size(), 4u);
  EXPECT_TRUE(a.items[0].allowed);
  EXPECT_FALSE(a.items[1].allowed);
  EXPECT_THAT(a.items[1].reason, HasSubstr("\"Sitting service\" from Acorn Home Care is not"));
  EXPECT_FALSE(a.items[2].allowed);
  EXPECT_THAT(a.items[2].reason, HasSubstr("Sparkle Cleaners is not in the council's directory"));
  EXPECT_TRUE(a.items[3].allowed);  // the approved list is of providers' services
}

TEST_F(PlanDirectoryTest, CommissionersSeeDemandForADirectoryServiceOnceAPlanIsAgreed) {
  const User approver = t_.AddUser(council_, "ade@hartlepool.example", {"approver"});
  ASSERT_TRUE(t_.casework().SetApprovalLimit(ActingAs(admin_), approver.id, "100000"));
  auto item = Item("Help at home", "provider", "");
  item.service_id = approved_.str();
  auto waiting = Item("A day out", "to_be_chosen", "");
  waiting.service_type = "community_activity";
  auto plan = t_.casework().CreatePlan(ActingAs(worker_), person_, Plan({item, waiting}));
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  ASSERT_TRUE(t_.casework().SubmitPlan(ActingAs(worker_), plan->plan.id, 1));
  auto approved = t_.casework().DecidePlan(ActingAs(approver), plan->plan.id,
                                           {"approve", "", "", "persons_choice", "Her choice", 2});
  ASSERT_TRUE(approved.has_value()) << approved.error().message;

  auto view = t_.market().Shaping(ActingAs(commissioner_), 28);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->people_in_force, 1);
  const auto home_care = static_cast<std::size_t>(
      std::find(view->kinds.begin(), view->kinds.end(), "Home care") - view->kinds.begin());
  ASSERT_LT(home_care, view->kinds.size());
  EXPECT_EQ(view->demand.back().people[home_care], 1);
  EXPECT_EQ(view->demand.front().people[home_care], 0);  // two years ago
  EXPECT_TRUE(view->declining.empty());
  EXPECT_TRUE(view->unmet.empty());  // agreed today: not yet waiting long
  // One person's home care from Acorn: its area's and the council's concentration are held back.
  EXPECT_TRUE(view->concentration.empty());
  EXPECT_EQ(view->concentration_suppressed, 2);
  auto zero = t_.market().Shaping(ActingAs(commissioner_), 0);
  ASSERT_FALSE(zero.has_value());
  EXPECT_EQ(zero.error().fields.at(0).field, "unmet_after_days");
  EXPECT_EQ(t_.market().Shaping(ActingAs(worker_), 28).error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace selfdirect::app
