// Casework records in SQLite.
#pragma once

#include "selfdirect/casework/repository.h"
#include "selfdirect/store/sqlite.h"

namespace selfdirect::store {

class SqliteCaseworkRepository final : public casework::CaseworkRepository {
 public:
  explicit SqliteCaseworkRepository(Connection& c) : c_(c) {}

  Status CreatePerson(const casework::Person& person, const casework::CaseState& state) override;
  Result<std::optional<casework::PersonRecord>> FindPerson(const CouncilId& council,
                                                           const PersonId& id) override;
  Result<std::optional<PersonId>> FindPersonByNhsNumber(const CouncilId& council,
                                                        const std::string& nhs_number) override;
  Status SaveCaseState(const CouncilId& council, const PersonId& id,
                       const casework::CaseState& state, std::int64_t expected_revision) override;
  Result<std::vector<casework::PersonRecord>> ListPeople(
      const casework::PeopleQuery& query) override;
  Status AddContact(const casework::Contact& contact) override;
  Result<std::vector<casework::Contact>> ContactsOf(const CouncilId& council,
                                                    const PersonId& person) override;
  Status AddDetermination(const casework::Determination& determination) override;
  Result<std::optional<casework::Determination>> LatestDetermination(
      const CouncilId& council, const PersonId& person) override;
  Status AddAssessment(const casework::Assessment& assessment) override;
  Result<std::optional<casework::Assessment>> LatestAssessment(const CouncilId& council,
                                                               const PersonId& person) override;
  Status CreatePlan(const casework::PlanVersion& plan) override;
  Result<std::optional<casework::PlanVersion>> FindPlan(const CouncilId& council,
                                                        const PlanId& id) override;
  Result<std::optional<casework::PlanVersion>> LatestPlan(const CouncilId& council,
                                                          const PersonId& person) override;
  Status SavePlan(const casework::PlanVersion& plan, std::int64_t expected_revision) override;
  Status AddPlanDecision(const casework::PlanDecision& decision) override;
  Result<std::vector<casework::PlanDecision>> DecisionsOf(const CouncilId& council,
                                                          const PlanId& plan) override;
  Result<std::optional<casework::PlanVersion>> ApprovedPlan(const CouncilId& council,
                                                            const PersonId& person) override;
  Result<std::vector<casework::PlanVersion>> PlansOf(const CouncilId& council,
                                                     const PersonId& person) override;
  Result<std::vector<casework::PlanVersion>> PlansWithStatus(const CouncilId& council,
                                                             casework::PlanStatus status,
                                                             int limit) override;
  Result<std::vector<casework::PersonRecord>> FindPeople(const CouncilId& council,
                                                         const std::vector<PersonId>& ids) override;
  Result<std::vector<casework::IndicativeBudget>> LatestIndicativeBudgets(
      const CouncilId& council, const std::vector<PersonId>& people) override;
  Result<std::vector<casework::PlanDecision>> DecisionsOfPlans(
      const CouncilId& council, const std::vector<PlanId>& plans) override;
  Status SetApprovalLimit(const CouncilId& council, const UserId& user, Pence limit, Timestamp at,
                          const UserId& by) override;
  Result<std::optional<Pence>> ApprovalLimitOf(const CouncilId& council,
                                               const UserId& user) override;
  // sqlite_reviews.cc
  Status SetReviewDue(const CouncilId& council, const PersonId& person,
                      std::optional<Date> due) override;
  Result<std::vector<casework::PersonRecord>> ReviewsDue(
      const casework::ReviewsDueQuery& query) override;
  Status AddReview(const casework::Review& review) override;
  Result<std::vector<casework::Review>> ReviewsOf(const CouncilId& council,
                                                  const PersonId& person) override;
  Status AddContribution(const casework::Contribution& contribution) override;
  Result<std::optional<casework::Contribution>> LatestContribution(const CouncilId& council,
                                                                   const PersonId& person) override;
  Status AddClosure(const casework::Closure& closure) override;
  Result<std::optional<casework::Closure>> LatestClosure(const CouncilId& council,
                                                         const PersonId& person) override;

  // sqlite_teams.cc
  Status CreateTeam(const casework::Team& team) override;
  Result<std::vector<casework::Team>> ListTeams(const CouncilId& council) override;
  Status SetTeamMember(const CouncilId& council, const TeamId& team, const UserId& user,
                       bool member) override;
  Result<std::vector<TeamId>> TeamsOf(const CouncilId& council, const UserId& user) override;
  Status SetPersonTeam(const CouncilId& council, const PersonId& person,
                       std::optional<TeamId> team) override;

  // sqlite_carers.cc
  Status AddCarer(const casework::CarerLink& carer) override;
  Status EndCarer(const CouncilId& council, const PersonId& person, const CarerLinkId& id,
                  Timestamp at, const UserId& by) override;
  Result<std::vector<casework::CarerLink>> CarersOf(const CouncilId& council,
                                                    const PersonId& person) override;
  Result<std::vector<casework::CarerLink>> CaredForBy(const CouncilId& council,
                                                      const PersonId& carer) override;
  Status SetHasUnpaidCarer(const CouncilId& council, const PersonId& person,
                           const std::string& value) override;

  Status AddCaseEvent(const casework::CaseEventRecord& event) override;
  Result<std::vector<casework::CaseEventRecord>> CaseEventsOf(const CouncilId& council,
                                                              const PersonId& person) override;

 private:
  Status WritePlanParts(const casework::PlanVersion& plan);
  Result<std::optional<casework::PlanVersion>> ReadPlan(std::string_view where,
                                                        const CouncilId& council,
                                                        const std::string& key);
  // Fills in the parts (outcomes, items, risks) of plans read with their rows only: three
  // statements for up to 200 plans.
  Status ReadPlanParts(const CouncilId& council, std::vector<casework::PlanVersion>& plans);
  Connection& c_;
};

}  // namespace selfdirect::store
