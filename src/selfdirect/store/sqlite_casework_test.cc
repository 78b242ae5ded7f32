#include "selfdirect/store/sqlite_casework.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "selfdirect/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace selfdirect::store {
namespace {

using casework::PlanStatus;
using casework::PlanVersion;
using selfdirect::testing::TempDir;

// Every field of a plan version as text, so that two reads can be compared whole and a
// difference shows where it is.
std::string Describe(const PlanVersion& p) {
  std::string out =
      p.council.str() + " " + p.id.str() + " " + p.person.str() + " v" + std::to_string(p.version) +
      " " + casework::PlanStatusName(p.status) + " cost " + std::to_string(p.cost.weekly.value()) +
      "/" + std::to_string(p.cost.annual.value()) + "/" + std::to_string(p.cost.one_off.value()) +
      " against " + (p.assessment ? p.assessment->str() : "-") + " created " +
      FormatTimestamp(p.created_at) + " " + p.created_by.str() + " updated " +
      FormatTimestamp(p.updated_at) + " " + p.updated_by.str() + " submitted " +
      (p.submitted_at ? FormatTimestamp(*p.submitted_at) : "-") + " " + p.submitted_by.str() +
      " rev " + std::to_string(p.revision) + "\nemergency: " + p.content.emergency +
      "\nwritten with:";
  for (const auto& w : p.content.written_with) out += " " + w;
  for (const auto& o : p.content.outcomes) out += "\noutcome " + o.id + ": " + o.words;
  for (const auto& i : p.content.items) {
    out += "\nitem " + i.what + " | " + casework::SupplierName(i.supplier) + " " + i.supplier_name +
           " | " + std::to_string(i.hundredths) + " " + i.unit + " at " +
           std::to_string(i.unit_price.value()) + " " + casework::ItemFrequencyName(i.frequency) +
           " " + casework::PaymentRouteName(i.route) + " for";
    for (const auto& o : i.outcomes) out += " " + o;
  }
  for (const auto& r : p.content.risks) out += "\nrisk " + r.risk + ": " + r.how_managed;
  return out;
}

std::string Describe(const casework::PlanDecision& d) {
  return d.plan.str() + " round " + std::to_string(d.round) + " " + d.decision + " (" + d.comments +
         ") actual " + (d.actual_annual ? std::to_string(d.actual_annual->value()) : "-") +
         " indicative " +
         (d.indicative_annual ? std::to_string(d.indicative_annual->value()) : "-") + " " +
         d.variance_category + " " + d.variance_words + " " + FormatTimestamp(d.decided_at) + " " +
         d.decided_by.str();
}

class SqliteCaseworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*Database::Open({.path = dir_.File("c.db")}));
    ASSERT_TRUE(Migrate(*db_, clock_));
    store_ = std::make_unique<SqliteStore>(*db_);
    council_ = Council{CouncilId(ids_.Next()), "E09000033", "Westminster", clock_.Now()};
    InWrite([&](Transaction& tx) -> Status {
      if (auto c = tx.Councils().CreateCouncil(council_); !c) return c;
      return tx.RasModels().Publish({council_.id, "small", 1, "Small", "weekly", "2026-04-01",
                                     "model text", clock_.Now(), "operator", "Operator"});
    });
  }

  PersonId AddPerson(const std::string& given, const std::string& family) {
    casework::Person p;
    p.council = council_.id;
    p.id = PersonId(ids_.Next());
    p.given_name = given;
    p.family_name = family;
    p.date_of_birth = *ParseIsoDate("1948-03-27");
    p.gender = p.primary_support_reason = p.accommodation = p.employment = "not_known";
    p.ethnicity = "Z";
    p.has_unpaid_carer = "not_known";
    p.created_at = clock_.Now();
    InWrite([&](Transaction& tx) { return tx.Casework().CreatePerson(p, {}); });
    return p.id;
  }

  AssessmentId AddAssessment(const PersonId& person, const std::string& period,
                             std::int64_t pence) {
    clock_.Advance(std::chrono::minutes(1));
    casework::Assessment a;
    a.council = council_.id;
    a.id = AssessmentId(ids_.Next());
    a.person = person;
    a.completed_by = "self";
    a.model_id = "small";
    a.model_version = 1;
    a.period = period;
    a.amount_pence = pence;
    a.answers = {{"washing", "c"}};
    a.explanation = {{"score", "washing", "Washing: c", 1200, "12"}};
    a.recorded_at = clock_.Now();
    a.recorded_by = UserId(ids_.Next());
    InWrite([&](Transaction& tx) { return tx.Casework().AddAssessment(a); });
    return a.id;
  }

  // A plan with `parts` outcomes, items and (parts - 1) risks, each different.
  PlanVersion AddPlan(const PersonId& person, std::int64_t version, PlanStatus status, int parts,
                      int submitted_minutes_later) {
    clock_.Advance(std::chrono::minutes(1));
    PlanVersion p;
    p.council = council_.id;
    p.id = PlanId(ids_.Next());
    p.person = person;
    p.version = version;
    p.status = status;
    const std::string tag = p.id.str().substr(20);
    for (int i = 1; i <= parts; ++i) {
      const std::string n = std::to_string(i);
      p.content.outcomes.push_back({"o" + n, "Outcome " + n + " of " + tag});
      casework::PlanItem item;
      item.what = "Item " + n + " of " + tag;
      item.supplier =
          i % 2 == 0 ? casework::Supplier::kProvider : casework::Supplier::kPersonalAssistant;
      item.supplier_name = i % 2 == 0 ? "Acme Care" : "";
      item.unit = i == parts ? "item" : "hour";
      item.unit_price = Pence(1000 + i);
      item.hundredths = 100 * i + 50;
      item.frequency =
          i == parts ? casework::ItemFrequency::kOneOff : casework::ItemFrequency::kPerWeek;
      item.outcomes = {"o" + n};
      if (i > 1) item.outcomes.push_back("o1");
      item.route =
          i == 2 ? casework::PaymentRoute::kManagedBudget : casework::PaymentRoute::kDirectPayment;
      p.content.items.push_back(item);
      if (i < parts) p.content.risks.push_back({"Risk " + n + " of " + tag, "Managed " + n});
    }
    p.content.written_with = {"person", "family"};
    p.content.emergency = "Call " + tag;
    p.cost = {Pence(10000 + parts), Pence(520000 + parts), Pence(300)};
    p.created_at = p.updated_at = clock_.Now();
    p.created_by = p.updated_by = UserId(ids_.Next());
    if (status != PlanStatus::kDraft) {
      p.submitted_at = clock_.Now() + std::chrono::minutes(submitted_minutes_later);
      p.submitted_by = p.created_by;
    }
    InWrite([&](Transaction& tx) { return tx.Casework().CreatePlan(p); });
    return p;
  }

  void Decide(const PlanId& plan, const std::string& decision, std::optional<Pence> actual) {
    clock_.Advance(std::chrono::minutes(1));
    casework::PlanDecision d;
    d.council = council_.id;
    d.plan = plan;
    d.decision = decision;
    d.comments = decision + " because";
    d.actual_annual = actual;
    if (actual) {
      d.indicative_annual = Pence(500000);
      d.variance_category = "market_prices";
      d.variance_words = "Local rates";
    }
    d.decided_at = clock_.Now();
    d.decided_by = UserId(ids_.Next());
    InWrite([&](Transaction& tx) { return tx.Casework().AddPlanDecision(d); });
  }

  template <typename F>
  void InWrite(F f) {
    auto s = store_->Write([&](Transaction& tx) -> Status { return f(tx); });
    ASSERT_TRUE(s) << s.error().message;
  }

  template <typename F>
  void InRead(F f) {
    auto s = store_->Read([&](Transaction& tx) -> Status { return f(tx); });
    ASSERT_TRUE(s) << s.error().message;
  }

  TempDir dir_;
  FixedClock clock_{ParseTimestamp("2026-11-22T09:00:00.000Z").value()};
  UlidGenerator ids_{clock_};
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteStore> store_;
  Council council_;
};

TEST_F(SqliteCaseworkTest, AQueueOfPlansReadsExactlyWhatEachPlanReadsAlone) {
  const PersonId ada = AddPerson("Ada", "Okafor");
  const PersonId ben = AddPerson("Ben", "Ito");
  const PersonId cy = AddPerson("Cy", "Marsh");
  const PersonId dee = AddPerson("Dee", "Vance");
  // Submitted in an order other than the ids': Cy first, then Ada, then Ben.
  const PlanVersion ada_plan = AddPlan(ada, 1, PlanStatus::kSubmitted, 3, 30);
  const PlanVersion ben_plan = AddPlan(ben, 1, PlanStatus::kSubmitted, 4, 40);
  AddPlan(cy, 1, PlanStatus::kSuperseded, 2, 0);
  const PlanVersion cy_plan = AddPlan(cy, 2, PlanStatus::kSubmitted, 2, -60);
  AddPlan(dee, 1, PlanStatus::kDraft, 3, 0);

  InRead([&](Transaction& tx) -> Status {
    auto queue = tx.Casework().PlansWithStatus(council_.id, PlanStatus::kSubmitted, 200);
    if (!queue) return tl::unexpected(queue.error());
    std::vector<std::string> got;
    std::vector<std::string> alone;
    for (const PlanVersion& p : *queue) {
      got.push_back(Describe(p));
      auto found = tx.Casework().FindPlan(council_.id, p.id);
      if (!found) return tl::unexpected(found.error());
      EXPECT_TRUE(*found);
      if (*found) alone.push_back(Describe(**found));
    }
    EXPECT_EQ(got, alone);
    // Oldest submission first, and each exactly as written.
    EXPECT_EQ(
        got, (std::vector<std::string>{Describe(cy_plan), Describe(ada_plan), Describe(ben_plan)}));
    EXPECT_EQ(ben_plan.content.items.size(), 4u);
    EXPECT_EQ(ben_plan.content.risks.size(), 3u);

    auto limited = tx.Casework().PlansWithStatus(council_.id, PlanStatus::kSubmitted, 2);
    if (!limited) return tl::unexpected(limited.error());
    EXPECT_EQ(limited->size(), 2u);
    auto none = tx.Casework().PlansWithStatus(council_.id, PlanStatus::kApproved, 200);
    if (!none) return tl::unexpected(none.error());
    EXPECT_TRUE(none->empty());

    // A person's versions, newest first, each as FindPlan reads it.
    auto versions = tx.Casework().PlansOf(council_.id, cy);
    if (!versions) return tl::unexpected(versions.error());
    EXPECT_EQ(versions->size(), 2u);
    for (const PlanVersion& p : *versions) {
      auto found = tx.Casework().FindPlan(council_.id, p.id);
      if (!found) return tl::unexpected(found.error());
      if (*found) {
        EXPECT_EQ(Describe(p), Describe(**found));
      }
    }
    if (versions->size() == 2) {
      EXPECT_EQ((*versions)[0].version, 2);
      EXPECT_EQ((*versions)[1].version, 1);
    }
    return Ok();
  });
}

TEST_F(SqliteCaseworkTest, MoreThanOneStatementsWorthOfPlansAreAllRead) {
  // 205 plans: more keys than one statement binds, so the parts are read in two chunks.
  std::vector<PlanVersion> written;
  for (int i = 0; i < 205; ++i) {
    const PersonId person = AddPerson("P", std::to_string(i));
    written.push_back(AddPlan(person, 1, PlanStatus::kSubmitted, 1 + i % 3, 0));
  }
  InRead([&](Transaction& tx) -> Status {
    auto queue = tx.Casework().PlansWithStatus(council_.id, PlanStatus::kSubmitted, 500);
    if (!queue) return tl::unexpected(queue.error());
    EXPECT_EQ(queue->size(), written.size());
    for (std::size_t i = 0; i < std::min(queue->size(), written.size()); ++i) {
      EXPECT_EQ(Describe((*queue)[i]), Describe(written[i])) << i;
    }
    return Ok();
  });
}

TEST_F(SqliteCaseworkTest, PeopleBudgetsAndDecisionsForAListMatchTheOneAtATimeReads) {
  const PersonId ada = AddPerson("Ada", "Okafor");
  const PersonId ben = AddPerson("Ben", "Ito");
  const PersonId cy = AddPerson("Cy", "Marsh");  // no assessment
  AddAssessment(ada, "weekly", 25000);
  AddAssessment(ben, "annual", 1300000);
  AddAssessment(ada, "annual", 1400000);  // Ada's latest
  const PlanVersion ada_plan = AddPlan(ada, 1, PlanStatus::kSubmitted, 2, 0);
  const PlanVersion ben_plan = AddPlan(ben, 1, PlanStatus::kSubmitted, 2, 0);
  const PlanVersion cy_plan = AddPlan(cy, 1, PlanStatus::kSubmitted, 2, 0);
  Decide(ben_plan.id, "refer", std::nullopt);
  Decide(ada_plan.id, "return", std::nullopt);
  Decide(ben_plan.id, "approve", Pence(520000));

  InRead([&](Transaction& tx) -> Status {
    auto& repo = tx.Casework();
    // Duplicates and an unknown id are harmless.
    const std::vector<PersonId> people{cy, ada, ben, ada, PersonId(ids_.Next())};
    auto found = repo.FindPeople(council_.id, people);
    if (!found) return tl::unexpected(found.error());
    std::map<std::string, std::string> names;
    for (const auto& r : *found) names[r.person.id.str()] = r.person.FullName();
    EXPECT_EQ(names,
              (std::map<std::string, std::string>{
                  {ada.str(), "Ada Okafor"}, {ben.str(), "Ben Ito"}, {cy.str(), "Cy Marsh"}}));

    auto budgets = repo.LatestIndicativeBudgets(council_.id, people);
    if (!budgets) return tl::unexpected(budgets.error());
    EXPECT_EQ(budgets->size(), 2u);
    for (const auto& b : *budgets) {
      auto latest = repo.LatestAssessment(council_.id, b.person);
      if (!latest) return tl::unexpected(latest.error());
      EXPECT_TRUE(*latest);
      if (!*latest) continue;
      EXPECT_EQ(b.assessment.str(), (*latest)->id.str());
      EXPECT_EQ(b.period, (*latest)->period);
      EXPECT_EQ(b.amount_pence, (*latest)->amount_pence);
    }
    for (const auto& b : *budgets) {
      if (b.person == ada) {
        EXPECT_EQ(b.amount_pence, 1400000);
      }
    }

    auto decisions = repo.DecisionsOfPlans(council_.id, {ada_plan.id, ben_plan.id, cy_plan.id});
    if (!decisions) return tl::unexpected(decisions.error());
    std::map<std::string, std::vector<std::string>> by_plan;
    for (const auto& d : *decisions) by_plan[d.plan.str()].push_back(Describe(d));
    for (const PlanId& id : {ada_plan.id, ben_plan.id, cy_plan.id}) {
      auto alone = repo.DecisionsOf(council_.id, id);
      if (!alone) return tl::unexpected(alone.error());
      std::vector<std::string> expected;
      for (const auto& d : *alone) expected.push_back(Describe(d));
      EXPECT_EQ(by_plan[id.str()], expected);
    }
    EXPECT_EQ(by_plan[ben_plan.id.str()].size(), 2u);
    EXPECT_TRUE(by_plan[cy_plan.id.str()].empty());

    auto empty = repo.FindPeople(council_.id, {});
    if (!empty) return tl::unexpected(empty.error());
    EXPECT_TRUE(empty->empty());
    return Ok();
  });
}

}  // namespace
}  // namespace selfdirect::store
