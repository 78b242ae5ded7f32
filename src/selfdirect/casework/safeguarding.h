// Safeguarding concerns (Care Act 2014 section 42 and the statutory guidance, chapter 14).
//
// Anyone with access to a person's record may raise a concern: the person themselves, their
// representative, staff, and later the money monitoring. The council's safeguarding lead triages
// it (a section 42 enquiry, other safeguarding action, or no further safeguarding action, with
// reasons), records who leads the enquiry, and closes it with the outcome for the risk, the
// actions taken and the person's own view of whether what they wanted was achieved ("Making
// Safeguarding Personal").
//
//   raised ──triage──► triaged ──start enquiry──► enquiry ──close──► closed
//      │                  │ (other action)                              ▲
//      │                  └──────────────close──────────────────────────┤
//      └──triage: no further safeguarding action────────────────────────┘
//
//   auto concern = ValidateNewConcern(request, person);  // field errors, or the concern
//   auto triage = ValidateTriage({"section_42_enquiry", "Bruising seen twice"});
//   triage->at = now; triage->by = lead;
//   auto triaged = Triage(*concern, *triage);  // or what must happen first
//
// No I/O: the app layer stores what these functions return.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "selfdirect/core/calendar.h"
#include "selfdirect/core/clock.h"
#include "selfdirect/core/id.h"
#include "selfdirect/core/result.h"

namespace selfdirect::casework {

// The types of abuse and neglect in the Care and Support Statutory Guidance, 14.17.
enum class ConcernCategory {
  kPhysical,
  kDomestic,
  kSexual,
  kPsychological,
  kFinancial,  // financial or material
  kModernSlavery,
  kDiscriminatory,
  kOrganisational,
  kNeglect,  // neglect and acts of omission
  kSelfNeglect,
};

// Who raised the concern, in relation to the person it is about.
enum class Raiser {
  kThePerson,       // the person themselves
  kRepresentative,  // someone the person has given access to their record
  kStaff,           // council staff
  kMonitoring,      // the budget monitoring (a money alert), not a person
};

enum class ConcernStatus {
  kRaised,   // waiting for the safeguarding lead to triage it
  kTriaged,  // a decision to act; the enquiry (or other action) has not started
  kEnquiry,  // an enquiry is under way
  kClosed,
};

enum class TriageDecision {
  kSection42Enquiry,  // the section 42 duty applies: the council must make enquiries
  kOtherAction,       // safeguarding action other than a section 42 enquiry
  kNoFurtherAction,   // no further safeguarding action; closes the concern
};

// What became of the risk when the concern closed.
enum class RiskOutcome { kRemoved, kReduced, kRemains };

// Making Safeguarding Personal: did the person feel the outcomes they wanted were met?
enum class OutcomesMet { kFully, kPartly, kNotMet, kNotExpressed };

enum class ConcernStep { kTriage, kStartEnquiry, kClose };

struct CodeLabel {
  const char* code;
  const char* label;
};

// The code lists, in the order forms show them. Codes are stable (stored and used in the API).
std::span<const CodeLabel> ConcernCategories();
std::span<const CodeLabel> TriageDecisions();
std::span<const CodeLabel> RiskOutcomes();
std::span<const CodeLabel> OutcomesMetOptions();
std::span<const CodeLabel> Raisers();

const char* ConcernCategoryCode(ConcernCategory c);   // "financial"
const char* ConcernCategoryLabel(ConcernCategory c);  // "Financial or material abuse"
std::optional<ConcernCategory> ParseConcernCategory(std::string_view code);
const char* RaiserCode(Raiser r);  // "the_person"
const char* RaiserLabel(Raiser r);
std::optional<Raiser> ParseRaiser(std::string_view code);
const char* ConcernStatusCode(ConcernStatus s);   // "raised"
const char* ConcernStatusLabel(ConcernStatus s);  // "Waiting for triage"
std::optional<ConcernStatus> ParseConcernStatus(std::string_view code);
const char* TriageDecisionCode(TriageDecision d);  // "section_42_enquiry"
const char* TriageDecisionLabel(TriageDecision d);
std::optional<TriageDecision> ParseTriageDecision(std::string_view code);
const char* RiskOutcomeCode(RiskOutcome r);  // "reduced"
const char* RiskOutcomeLabel(RiskOutcome r);
std::optional<RiskOutcome> ParseRiskOutcome(std::string_view code);
const char* OutcomesMetCode(OutcomesMet o);  // "partly"
const char* OutcomesMetLabel(OutcomesMet o);
std::optional<OutcomesMet> ParseOutcomesMet(std::string_view code);

struct ConcernTriage {
  TriageDecision decision = TriageDecision::kSection42Enquiry;
  std::string reasons;
  Timestamp at;
  UserId by;
};

struct ConcernEnquiry {
  std::string led_by;  // who leads it: a name and role or organisation, as typed
  Date started_on;
  Timestamp at;  // when it was recorded
  UserId by;
};

struct ConcernClosure {
  RiskOutcome risk = RiskOutcome::kReduced;
  std::string actions_taken;
  OutcomesMet outcomes_met = OutcomesMet::kNotExpressed;
  std::string persons_view;  // the person's view in their own words, or why it is not known
  Timestamp at;
  UserId by;
};

struct Concern {
  CouncilId council;
  ConcernId id;
  std::optional<PersonId> person;  // the adult it is about, when known to the council
  std::string provider;            // a provider it is about (free text until the market module)
  std::optional<PlanId> plan;      // the budget's support plan it relates to
  UserId raised_by;                // empty for the monitoring
  Raiser raiser = Raiser::kStaff;
  Timestamp raised_at;
  ConcernCategory category = ConcernCategory::kNeglect;
  std::string what_happened;  // in the raiser's words
  bool immediate_risk = false;
  std::string persons_wishes;  // what the person wants to happen, if known
  ConcernStatus status = ConcernStatus::kRaised;
  std::optional<ConcernTriage> triage;
  std::optional<ConcernEnquiry> enquiry;
  std::optional<ConcernClosure> closure;
  std::int64_t revision = 1;  // optimistic concurrency: a step names the revision it read
};

// What a caller sends to raise a concern; text as typed.
struct NewConcern {
  std::string category;
  std::string what_happened;
  std::optional<bool> immediate_risk;  // required
  std::string persons_wishes;
  std::string provider;
  std::string plan;  // a plan id, or ""
};

// Checks every field (all problems at once, each named) and returns the concern with its
// details cleaned, status raised; the caller fills council, id, raiser and when. A concern must
// be about someone or something: a person, a provider or a plan.
Result<Concern> ValidateNewConcern(const NewConcern& request, std::optional<PersonId> person);

struct TriageRequest {
  std::string decision;  // TriageDecisionCode
  std::string reasons;
};
struct EnquiryRequest {
  std::string led_by;
  std::string started_on;  // YYYY-MM-DD; today when empty
};
struct ConcernClosureRequest {
  std::string risk;  // RiskOutcomeCode
  std::string actions_taken;
  std::string outcomes_met;  // OutcomesMetCode
  std::string persons_view;
};

// Field checks for each step; `at` and `by` are left for the caller.
Result<ConcernTriage> ValidateTriage(const TriageRequest& request);
Result<ConcernEnquiry> ValidateEnquiry(const EnquiryRequest& request, Date today);
Result<ConcernClosure> ValidateConcernClosure(const ConcernClosureRequest& request);

// Whether `step` may be taken now; kFailedPrecondition says what must happen first.
Status CanTake(const Concern& concern, ConcernStep step);

// Each step: the concern after it (the revision is left for the store), or kFailedPrecondition.
// A triage of "no further safeguarding action" closes the concern.
Result<Concern> Triage(const Concern& concern, const ConcernTriage& triage);
Result<Concern> StartEnquiry(const Concern& concern, const ConcernEnquiry& enquiry);
Result<Concern> Close(const Concern& concern, const ConcernClosure& closure);

}  // namespace selfdirect::casework
