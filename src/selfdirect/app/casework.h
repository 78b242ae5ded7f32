// Casework use cases: recording a person and their first contact, eligibility decisions,
// assessments with their indicative budget, reading a record, and the caseload.
//
// Every step goes through the case's state machine (casework/case_state.h) and is stored with
// who and when (case_events) in the same transaction as the record it changes; every read of a
// person's record is audited.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "selfdirect/app/context.h"
#include "selfdirect/app/plan_directory.h"
#include "selfdirect/app/ras_models.h"
#include "selfdirect/casework/repository.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/store/store.h"

namespace selfdirect::app {

struct NewContact {
  std::string contact_date;  // YYYY-MM-DD; today when empty
  std::string route_of_access;
  std::string asked_for;
  std::string outcome;  // default "to_assessment"
};

// Someone the person is recorded as the unpaid carer of.
struct CaringFor {
  casework::CarerLink link;
  std::string person_name;
};

struct PersonFile {
  casework::PersonRecord record;
  std::vector<casework::Contact> contacts;
  std::optional<casework::Determination> determination;
  std::optional<casework::Assessment> assessment;
  std::vector<casework::CaseEventRecord> events;
  std::vector<casework::PlanVersion> plans;  // every version, the newest first
  std::optional<casework::Closure> closure;  // when the case is closed: why and from when
  std::vector<casework::CarerLink> carers;   // still caring first, then those who were
  std::vector<CaringFor> cares_for;          // the people this person is the carer of
};

struct NewAssessment {
  std::string model_id;      // the council's published model; its current version is used
  std::string completed_by;  // "self" | "with_assessor"
  ras::RawAnswers answers;
};

// A plan version with what the builder shows beside it.
struct PlanView {
  casework::PlanVersion plan;
  std::optional<Pence> indicative_annual;  // the latest indicative budget, a year
  std::string against_indicative;          // plain English; "" without an indicative budget
  WeeksPerYear weeks_per_year{52, 1};
  std::string person_name;
  std::vector<casework::PlanDecision> decisions;  // every round of sign-off, oldest first
  PlanApprovals approvals;  // whether the scheme's approved list allows each item
};

struct PlanDecisionRequest {
  std::string decision;  // approve | return | decline | refer
  std::string comments;
  std::string actual_annual;  // pounds a year; the plan's first-year cost when empty
  std::string variance_category;
  std::string variance_words;
  std::int64_t revision = 0;  // the plan's revision the approver read
};

// The budget in force: the approved plan version and the decision that set its amount.
struct BudgetInForce {
  casework::PlanVersion plan;
  casework::PlanDecision decision;  // the approving round
  Date from;                        // the day it was signed off
};

// What the person, their representative and staff see of the personal budget.
struct BudgetView {
  BudgetInForce in_force;
  casework::BudgetStatement statement;
  std::optional<casework::Contribution> contribution;
  std::optional<casework::ReviewDue> next_review;
  std::string next_review_words;  // "Due in 12 days, on 4 December 2026"
  std::vector<casework::Review> reviews;
  std::string person_name;
};

enum class ReviewQueue { kDue, kOverdue };

struct ReviewQueueEntry {
  casework::PersonRecord record;
  std::string due_words;  // "Overdue by 5 days (it was due on …)"
};

// The reasons an actual budget may differ from the indicative one.
std::span<const std::pair<const char*, const char*>> VarianceCategories();

class Casework {
 public:
  Casework(store::Store& store, const Clock& clock, UlidGenerator& ids, RasModels& ras)
      : store_(store), clock_(clock), ids_(ids), ras_(ras) {}

  // Records a new person and how they came to the council (social workers). Field errors name
  // the person's fields plainly and the contact's as "contact.<field>".
  Result<PersonFile> CreatePerson(const Context& ctx, const casework::NewPerson& person,
                                  const NewContact& contact);

  // The whole record; the read is audited and shows on the person's "who has seen my record".
  Result<PersonFile> GetPerson(const Context& ctx, const PersonId& person);

  // An eligibility determination, worked out from the findings and frozen.
  Result<casework::Determination> RecordEligibility(const Context& ctx, const PersonId& person,
                                                    const casework::NewDetermination& request);

  // An assessment: the answers to the council's published RAS and the indicative budget it
  // gives, stored with the model version, answers, amount and explanation.
  Result<casework::Assessment> RecordAssessment(const Context& ctx, const PersonId& person,
                                                const NewAssessment& request);

  // Starts a new plan version (the person, their social worker, or someone they have granted
  // "write plan"). Refused when a version is still being written or waits for sign-off, and
  // before the indicative budget.
  Result<PlanView> CreatePlan(const Context& ctx, const PersonId& person,
                              const casework::PlanRequest& request);

  // Saves a draft (or returned) version. kConflict when `expected_revision` is not the
  // version's current revision: someone else saved first; nothing is overwritten.
  Result<PlanView> UpdatePlan(const Context& ctx, const PlanId& plan,
                              const casework::PlanRequest& request, std::int64_t expected_revision);

  // Submits a version for sign-off; it can no longer be changed.
  Result<PlanView> SubmitPlan(const Context& ctx, const PlanId& plan,
                              std::int64_t expected_revision);

  Result<PlanView> GetPlan(const Context& ctx, const PlanId& plan);

  // An approver's decision on a submitted plan. Approving sets the actual budget (a year); when
  // it differs from the indicative budget a variance reason and words are required; above the
  // approver's limit it is refused and must be referred. Every round is recorded.
  Result<PlanView> DecidePlan(const Context& ctx, const PlanId& plan,
                              const PlanDecisionRequest& request);

  Result<std::vector<casework::PlanDecision>> PlanDecisions(const Context& ctx, const PlanId& plan);

  // Plans waiting for sign-off, oldest first (approvers).
  Result<std::vector<PlanView>> SignOffQueue(const Context& ctx);

  // Sets an approver's limit in pounds a year (administrators).
  Status SetApprovalLimit(const Context& ctx, const UserId& user, const std::string& pounds);

  // A review of the plan in force: each outcome rated with the person's view, and what happens
  // next. Sets the date of the next review. Never changes the budget.
  Result<casework::Review> RecordReview(const Context& ctx, const PersonId& person,
                                        const casework::ReviewRequest& request);

  // The personal budget statement with the next review's date and past reviews. kNotFound
  // (with a plain message) when no budget is in place yet. Audited.
  Result<BudgetView> Budget(const Context& ctx, const PersonId& person);

  // The contribution the financial assessment decided (finance officers).
  Result<casework::Contribution> RecordContribution(const Context& ctx, const PersonId& person,
                                                    const casework::ContributionRequest& request);

  // Closes the case (social workers): why and from when; no reviews are due after it.
  Result<casework::Closure> CloseCase(const Context& ctx, const PersonId& person,
                                      const casework::ClosureRequest& request);

  // Links an unpaid carer to the person (social workers on the case). With an NHS number that
  // names a record in the council, the carer's own record is linked (and named from it). The
  // person's "has an unpaid carer" becomes yes. Audited; recorded as a case step.
  Result<casework::CarerLink> AddCarer(const Context& ctx, const PersonId& person,
                                       const casework::CarerRequest& request);
  // Records that a carer no longer cares for the person; the link stays on the record as past.
  Status EndCarer(const Context& ctx, const PersonId& person, const CarerLinkId& carer);

  // People whose review is due within `within_days` (kDue, overdue ones included) or already
  // overdue (kOverdue), soonest first. `after` is "YYYY-MM-DD/person-id" from the last page.
  Result<std::vector<ReviewQueueEntry>> ReviewsQueue(const Context& ctx, ReviewQueue which,
                                                     const std::string& after, int limit,
                                                     int within_days = 28);

  // Teams: administrators set them up and say who is in them; staff see them. A social worker's
  // caseload is their teams' people and the people not yet allocated to a team.
  Result<casework::Team> CreateTeam(const Context& ctx, const std::string& name);
  Result<std::vector<casework::Team>> Teams(const Context& ctx);
  Status SetTeamMember(const Context& ctx, const TeamId& team, const UserId& user, bool member);
  // Moves the person to a team's caseload (a social worker on the case, or an administrator).
  Status AllocatePerson(const Context& ctx, const PersonId& person, const TeamId& team);

  // People on the actor's caseload, optionally at one stage, a page at a time.
  Result<std::vector<casework::PersonRecord>> Caseload(const Context& ctx,
                                                       std::optional<casework::Stage> stage,
                                                       const std::string& after, int limit);

 private:
  // `weeks_per_year`: the scheme's, when the caller has read it already (a queue of plans).
  Result<PlanView> View(store::Transaction& tx, casework::PlanVersion plan,
                        std::optional<WeeksPerYear> weeks_per_year = std::nullopt);
  // The person a plan belongs to, for authorization (kNotFound when there is no such plan).
  Result<PersonId> PlanOwner(const Context& ctx, const PlanId& plan);
  // PlanOwner, then the policy on that person's record; the owner when allowed.
  Result<PersonId> AuthorizeOnPlan(const Context& ctx, Action action, const PlanId& plan);

  // The approved version and the decision that set its amount, if a budget is in place.
  Result<std::optional<BudgetInForce>> InForce(store::Transaction& tx, const CouncilId& council,
                                               const PersonId& person);
  // Works out and stores the next review's date after a sign-off or a review.
  Status ScheduleReview(store::Transaction& tx, const CouncilId& council, const PersonId& person);

  // Applies `event` to the stored case (refusing an illegal move) and records the step.
  Status Step(store::Transaction& tx, const Context& ctx, const casework::PersonRecord& record,
              casework::CaseEvent event, const std::string& detail);

  store::Store& store_;
  const Clock& clock_;
  UlidGenerator& ids_;
  RasModels& ras_;
};

}  // namespace selfdirect::app
