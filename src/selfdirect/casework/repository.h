// What casework needs from the store. Implemented in store/ (SQL lives there only).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "selfdirect/casework/budget.h"
#include "selfdirect/casework/carer.h"
#include "selfdirect/casework/case_state.h"
#include "selfdirect/casework/closure.h"
#include "selfdirect/casework/eligibility.h"
#include "selfdirect/casework/person.h"
#include "selfdirect/casework/plan.h"
#include "selfdirect/casework/review.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

// The first contact: how the person came to the council and what happened.
struct Contact {
  CouncilId council;
  ContactId id;
  PersonId person;
  Date contact_date;
  std::string route_of_access;  // codes.h kRouteOfAccess
  std::string asked_for;        // in the words of whoever made contact
  std::string outcome;          // codes.h kContactOutcome
  Timestamp recorded_at;
  UserId recorded_by;
};

// An indicative budget worked out with a published RAS model, frozen as it was.
struct Assessment {
  CouncilId council;
  AssessmentId id;
  PersonId person;
  std::string completed_by;  // "self" (self-assessment) | "with_assessor"
  std::string model_id;
  std::int64_t model_version = 0;
  std::string period;  // "weekly" | "annual"
  std::int64_t amount_pence = 0;
  std::vector<std::pair<std::string, std::string>> answers;  // input id → answer as given
  struct Line {
    std::string kind;
    std::string item;  // the input or value it is about
    std::string text;
    std::optional<std::int64_t> amount_pence;
    std::string value;  // decimal text, "" when none
  };
  std::vector<Line> explanation;
  Timestamp recorded_at;
  UserId recorded_by;
};

// What an assessment gave, without its answers and explanation: enough to set a plan beside
// its indicative budget in a list.
struct IndicativeBudget {
  PersonId person;
  AssessmentId assessment;
  std::string period;  // as Assessment::period
  std::int64_t amount_pence = 0;
};

// A step in a case: what happened, the stage after it, who and when. The evidence reports
// measure days and hand-offs from these.
struct CaseEventRecord {
  CouncilId council;
  PersonId person;
  std::string event;  // CaseEventName, or "contact"
  std::string stage_after;
  Timestamp at;
  UserId by;
  std::string detail;
};

enum class PlanStatus { kDraft, kSubmitted, kApproved, kReturned, kDeclined, kSuperseded };
inline const char* PlanStatusName(PlanStatus status) {
  switch (status) {
    case PlanStatus::kDraft:
      return "draft";
    case PlanStatus::kSubmitted:
      return "submitted";
    case PlanStatus::kApproved:
      return "approved";
    case PlanStatus::kReturned:
      return "returned";
    case PlanStatus::kDeclined:
      return "declined";
    case PlanStatus::kSuperseded:
      return "superseded";
  }
  return "";
}

// One version of a person's support plan.
struct PlanVersion {
  CouncilId council;
  PlanId id;
  PersonId person;
  std::int64_t version = 1;
  PlanStatus status = PlanStatus::kDraft;
  PlanContent content;
  PlanCost cost;
  std::optional<AssessmentId> assessment;  // the indicative budget it was planned against
  Timestamp created_at;
  UserId created_by;
  Timestamp updated_at;
  UserId updated_by;
  std::optional<Timestamp> submitted_at;
  UserId submitted_by;
  std::int64_t revision = 1;  // optimistic concurrency: a save names the revision it read
};

// One round of a plan's sign-off.
struct PlanDecision {
  CouncilId council;
  PlanId plan;
  std::int64_t round = 0;  // filled by the store
  std::string decision;    // approve | return | decline | refer
  std::string comments;
  std::optional<Pence> actual_annual;      // the actual budget, when approved
  std::optional<Pence> indicative_annual;  // what the RAS gave, for the variance reports
  std::string variance_category;           // when actual ≠ indicative
  std::string variance_words;
  Timestamp decided_at;
  UserId decided_by;
};

struct PersonRecord {
  Person person;
  CaseState state;
  std::optional<Date> review_due;  // when a budget is in place: the next review's date
  std::optional<TeamId> team;      // the team whose caseload it is on; none until allocated
};

// A team of social workers and the caseload allocated to it.
struct Team {
  CouncilId council;
  TeamId id;
  std::string name;
  Timestamp created_at;
  std::vector<UserId> members;
};

struct PeopleQuery {
  CouncilId council;
  std::optional<Stage> stage;
  // When set, only people allocated to one of these teams or to no team (a social worker's
  // caseload); an empty list means only the unallocated. Unset: everyone.
  std::optional<std::vector<TeamId>> teams;
  std::string after_person;  // page after this id ("" for the first page)
  int limit = 50;
};

// People whose next review is due on or before `due_by`, soonest first, a page at a time.
struct ReviewsDueQuery {
  CouncilId council;
  Date due_by;
  std::optional<std::vector<TeamId>> teams;  // as PeopleQuery::teams
  std::optional<Date> after_due;             // the page after (after_due, after_person)
  std::string after_person;
  int limit = 50;
};

class CaseworkRepository {
 public:
  virtual ~CaseworkRepository() = default;
  // kConflict when the NHS number is already on another person's record.
  virtual Status CreatePerson(const Person& person, const CaseState& state) = 0;
  virtual Result<std::optional<PersonRecord>> FindPerson(const CouncilId& council,
                                                         const PersonId& id) = 0;
  // The person whose record has this NHS number (ten digits, as stored), if any; nobody for "".
  virtual Result<std::optional<PersonId>> FindPersonByNhsNumber(const CouncilId& council,
                                                                const std::string& nhs_number) = 0;
  // Moves the case on; kConflict when the record changed since `expected_revision` was read.
  virtual Status SaveCaseState(const CouncilId& council, const PersonId& id, const CaseState& state,
                               std::int64_t expected_revision) = 0;
  virtual Result<std::vector<PersonRecord>> ListPeople(const PeopleQuery& query) = 0;

  virtual Status AddContact(const Contact& contact) = 0;
  virtual Result<std::vector<Contact>> ContactsOf(const CouncilId& council,
                                                  const PersonId& person) = 0;
  virtual Status AddDetermination(const Determination& determination) = 0;
  virtual Result<std::optional<Determination>> LatestDetermination(const CouncilId& council,
                                                                   const PersonId& person) = 0;
  virtual Status AddAssessment(const Assessment& assessment) = 0;
  virtual Result<std::optional<Assessment>> LatestAssessment(const CouncilId& council,
                                                             const PersonId& person) = 0;
  virtual Status CreatePlan(const PlanVersion& plan) = 0;
  virtual Result<std::optional<PlanVersion>> FindPlan(const CouncilId& council,
                                                      const PlanId& id) = 0;
  // The newest version of the person's plan, whatever its status.
  virtual Result<std::optional<PlanVersion>> LatestPlan(const CouncilId& council,
                                                        const PersonId& person) = 0;
  // Replaces a version's content, cost and status; kConflict when its revision is no longer
  // `expected_revision` (someone else saved first).
  virtual Status SavePlan(const PlanVersion& plan, std::int64_t expected_revision) = 0;
  virtual Status AddPlanDecision(const PlanDecision& decision) = 0;
  virtual Result<std::vector<PlanDecision>> DecisionsOf(const CouncilId& council,
                                                        const PlanId& plan) = 0;
  // The person's approved version in force, if any.
  virtual Result<std::optional<PlanVersion>> ApprovedPlan(const CouncilId& council,
                                                          const PersonId& person) = 0;
  // Every version of the person's plan, the newest first.
  virtual Result<std::vector<PlanVersion>> PlansOf(const CouncilId& council,
                                                   const PersonId& person) = 0;
  // Plans with this status, oldest submission first (the sign-off queue).
  virtual Result<std::vector<PlanVersion>> PlansWithStatus(const CouncilId& council,
                                                           PlanStatus status, int limit) = 0;
  // Reads for a list (the sign-off queue), in a few statements however long it is rather than
  // a round of reads an entry. Ids not found are left out; a repeated id is read once.
  // The people with these ids, in id order.
  virtual Result<std::vector<PersonRecord>> FindPeople(const CouncilId& council,
                                                       const std::vector<PersonId>& ids) = 0;
  // Each person's latest indicative budget (as LatestAssessment, without its answers and
  // explanation); people with no assessment are left out.
  virtual Result<std::vector<IndicativeBudget>> LatestIndicativeBudgets(
      const CouncilId& council, const std::vector<PersonId>& people) = 0;
  // Every round of sign-off of these plans, by plan and then oldest round first.
  virtual Result<std::vector<PlanDecision>> DecisionsOfPlans(const CouncilId& council,
                                                             const std::vector<PlanId>& plans) = 0;
  virtual Status SetApprovalLimit(const CouncilId& council, const UserId& user, Pence limit,
                                  Timestamp at, const UserId& by) = 0;
  virtual Result<std::optional<Pence>> ApprovalLimitOf(const CouncilId& council,
                                                       const UserId& user) = 0;
  // The next review's date on the person's row (none when no budget is in place). Not a change
  // of the record: it does not move its revision.
  virtual Status SetReviewDue(const CouncilId& council, const PersonId& person,
                              std::optional<Date> due) = 0;
  virtual Result<std::vector<PersonRecord>> ReviewsDue(const ReviewsDueQuery& query) = 0;
  virtual Status AddReview(const Review& review) = 0;
  // The person's reviews, the latest held first.
  virtual Result<std::vector<Review>> ReviewsOf(const CouncilId& council,
                                                const PersonId& person) = 0;
  virtual Status AddContribution(const Contribution& contribution) = 0;
  virtual Result<std::optional<Contribution>> LatestContribution(const CouncilId& council,
                                                                 const PersonId& person) = 0;
  virtual Status AddClosure(const Closure& closure) = 0;
  virtual Result<std::optional<Closure>> LatestClosure(const CouncilId& council,
                                                       const PersonId& person) = 0;
  // Teams (0012). kConflict when the council already has a team of that name.
  virtual Status CreateTeam(const Team& team) = 0;
  virtual Result<std::vector<Team>> ListTeams(const CouncilId& council) = 0;
  virtual Status SetTeamMember(const CouncilId& council, const TeamId& team, const UserId& user,
                               bool member) = 0;
  virtual Result<std::vector<TeamId>> TeamsOf(const CouncilId& council, const UserId& user) = 0;
  // Allocates the person to a team's caseload (none: unallocated). Not a change of the record's
  // content: it does not move its revision.
  virtual Status SetPersonTeam(const CouncilId& council, const PersonId& person,
                               std::optional<TeamId> team) = 0;

  // Carers (0013). AddCarer: kConflict when the carer's record is already linked to the person.
  virtual Status AddCarer(const CarerLink& carer) = 0;
  // Ends a link; kNotFound when the person has no such link still in place.
  virtual Status EndCarer(const CouncilId& council, const PersonId& person, const CarerLinkId& id,
                          Timestamp at, const UserId& by) = 0;
  // The person's carers, those still caring first, then the newest first.
  virtual Result<std::vector<CarerLink>> CarersOf(const CouncilId& council,
                                                  const PersonId& person) = 0;
  // The links in place that name this person as the carer: the people they care for.
  virtual Result<std::vector<CarerLink>> CaredForBy(const CouncilId& council,
                                                    const PersonId& carer) = 0;
  // Records that the person has an unpaid carer (the national return's field), without moving
  // the record's revision.
  virtual Status SetHasUnpaidCarer(const CouncilId& council, const PersonId& person,
                                   const std::string& value) = 0;

  virtual Status AddCaseEvent(const CaseEventRecord& event) = 0;
  virtual Result<std::vector<CaseEventRecord>> CaseEventsOf(const CouncilId& council,
                                                            const PersonId& person) = 0;
};

}  // namespace selfdirect::casework
