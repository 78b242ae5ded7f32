#include "selfdirect/casework/safeguarding.h"

#include <fmt/format.h>

#include <array>
#include <vector>

#include "selfdirect/core/text.h"

namespace selfdirect::casework {
namespace {

constexpr std::array<CodeLabel, 10> kCategories = {{
    {"physical", "Physical abuse"},
    {"domestic", "Domestic abuse"},
    {"sexual", "Sexual abuse"},
    {"psychological", "Psychological or emotional abuse"},
    {"financial", "Financial or material abuse"},
    {"modern_slavery", "Modern slavery"},
    {"discriminatory", "Discriminatory abuse"},
    {"organisational", "Organisational abuse"},
    {"neglect", "Neglect and acts of omission"},
    {"self_neglect", "Self-neglect"},
}};

constexpr std::array<CodeLabel, 4> kRaisers = {{
    {"the_person", "The person themselves"},
    {"representative", "Their representative"},
    {"staff", "Council staff"},
    {"monitoring", "Budget monitoring"},
}};

constexpr std::array<CodeLabel, 4> kStatuses = {{
    {"raised", "Waiting for triage"},
    {"triaged", "Triaged: action not started"},
    {"enquiry", "Enquiry under way"},
    {"closed", "Closed"},
}};

constexpr std::array<CodeLabel, 3> kDecisions = {{
    {"section_42_enquiry", "Section 42 enquiry"},
    {"other_action", "Other safeguarding action"},
    {"no_further_action", "No further safeguarding action"},
}};

constexpr std::array<CodeLabel, 3> kRisks = {{
    {"removed", "Risk removed"},
    {"reduced", "Risk reduced"},
    {"remains", "Risk remains"},
}};

constexpr std::array<CodeLabel, 4> kOutcomesMet = {{
    {"fully", "Fully met"},
    {"partly", "Partly met"},
    {"not_met", "Not met"},
    {"not_expressed", "The person did not express what they wanted"},
}};

template <typename Enum, std::size_t N>
std::optional<Enum> ParseCode(const std::array<CodeLabel, N>& list, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (code == list[i].code) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
const CodeLabel& Entry(const std::array<CodeLabel, N>& list, Enum value) {
  return list[static_cast<std::size_t>(value)];
}

// Trimmed text, with an error when it is required and empty or longer than `most`.
std::string Text(std::vector<FieldError>& errors, const char* field, const std::string& value,
                 std::size_t most, const char* if_empty, const char* what) {
  std::string t = Trim(value);
  if (t.empty() && if_empty != nullptr) {
    errors.push_back({field, if_empty});
  } else if (t.size() > most) {
    errors.push_back({field, fmt::format("{} must be {} characters or fewer", what, most)});
  }
  return t;
}

tl::unexpected<Error> Refuse(const char* message) {
  return Fail(ErrorCode::kFailedPrecondition, message);
}

}  // namespace

std::span<const CodeLabel> ConcernCategories() { return kCategories; }
std::span<const CodeLabel> TriageDecisions() { return kDecisions; }
std::span<const CodeLabel> RiskOutcomes() { return kRisks; }
std::span<const CodeLabel> OutcomesMetOptions() { return kOutcomesMet; }
std::span<const CodeLabel> Raisers() { return kRaisers; }

const char* ConcernCategoryCode(ConcernCategory c) { return Entry(kCategories, c).code; }
const char* ConcernCategoryLabel(ConcernCategory c) { return Entry(kCategories, c).label; }
std::optional<ConcernCategory> ParseConcernCategory(std::string_view code) {
  return ParseCode<ConcernCategory>(kCategories, code);
}
const char* RaiserCode(Raiser r) { return Entry(kRaisers, r).code; }
const char* RaiserLabel(Raiser r) { return Entry(kRaisers, r).label; }
std::optional<Raiser> ParseRaiser(std::string_view code) {
  return ParseCode<Raiser>(kRaisers, code);
}
const char* ConcernStatusCode(ConcernStatus s) { return Entry(kStatuses, s).code; }
const char* ConcernStatusLabel(ConcernStatus s) { return Entry(kStatuses, s).label; }
std::optional<ConcernStatus> ParseConcernStatus(std::string_view code) {
  return ParseCode<ConcernStatus>(kStatuses, code);
}
const char* TriageDecisionCode(TriageDecision d) { return Entry(kDecisions, d).code; }
const char* TriageDecisionLabel(TriageDecision d) { return Entry(kDecisions, d).label; }
std::optional<TriageDecision> ParseTriageDecision(std::string_view code) {
  return ParseCode<TriageDecision>(kDecisions, code);
}
const char* RiskOutcomeCode(RiskOutcome r) { return Entry(kRisks, r).code; }
const char* RiskOutcomeLabel(RiskOutcome r) { return Entry(kRisks, r).label; }
std::optional<RiskOutcome> ParseRiskOutcome(std::string_view code) {
  return ParseCode<RiskOutcome>(kRisks, code);
}
const char* OutcomesMetCode(OutcomesMet o) { return Entry(kOutcomesMet, o).code; }
const char* OutcomesMetLabel(OutcomesMet o) { return Entry(kOutcomesMet, o).label; }
std::optional<OutcomesMet> ParseOutcomesMet(std::string_view code) {
  return ParseCode<OutcomesMet>(kOutcomesMet, code);
}

Result<Concern> ValidateNewConcern(const NewConcern& r, std::optional<PersonId> person) {
  std::vector<FieldError> errors;
  Concern c;
  c.person = std::move(person);
  // In the order the form asks: whether they are in danger now comes first.
  if (!r.immediate_risk) {
    errors.push_back({"immediate_risk", "Say whether the person is in danger right now"});
  } else {
    c.immediate_risk = *r.immediate_risk;
  }
  if (Trim(r.category).empty()) {
    errors.push_back({"category", "Choose the kind of abuse or neglect"});
  } else if (auto category = ParseConcernCategory(Trim(r.category)); !category) {
    errors.push_back({"category",
                      "Choose one of the kinds of abuse or neglect in the list (physical, "
                      "domestic, sexual, psychological, financial, modern_slavery, "
                      "discriminatory, organisational, neglect, self_neglect)"});
  } else {
    c.category = *category;
  }
  c.what_happened = Text(errors, "what_happened", r.what_happened, 5000,
                         "Describe what happened or what you are worried about", "What happened");
  c.persons_wishes =
      Text(errors, "persons_wishes", r.persons_wishes, 2000, nullptr, "What the person wants");
  c.provider = Text(errors, "provider", r.provider, 200, nullptr, "The provider's name");
  if (!Trim(r.plan).empty()) {
    auto plan = PlanId::Parse(Trim(r.plan));
    if (!plan) {
      errors.push_back({"plan", "Enter the support plan's reference (26 letters and digits)"});
    } else {
      c.plan = *plan;
    }
  }
  if (!c.person && c.provider.empty() && !c.plan && Trim(r.plan).empty()) {
    errors.push_back(
        {"provider", "Say who the concern is about: a person, a provider or a support plan"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  c.status = ConcernStatus::kRaised;
  return c;
}

Result<ConcernTriage> ValidateTriage(const TriageRequest& r) {
  std::vector<FieldError> errors;
  ConcernTriage t;
  if (auto d = ParseTriageDecision(Trim(r.decision)); !d) {
    errors.push_back({"decision",
                      "Choose a decision: a section 42 enquiry, other safeguarding action, or no "
                      "further safeguarding action"});
  } else {
    t.decision = *d;
  }
  t.reasons =
      Text(errors, "reasons", r.reasons, 5000, "Give the reasons for the decision", "The reasons");
  if (!errors.empty()) return FailFields(std::move(errors));
  return t;
}

Result<ConcernEnquiry> ValidateEnquiry(const EnquiryRequest& r, Date today) {
  std::vector<FieldError> errors;
  ConcernEnquiry e;
  e.led_by = Text(errors, "led_by", r.led_by, 200,
                  "Enter who is leading the enquiry: their name and role or organisation",
                  "Who is leading the enquiry");
  e.started_on = today;
  if (!Trim(r.started_on).empty()) {
    auto day = ParseIsoDate(Trim(r.started_on));
    if (!day) {
      errors.push_back({"started_on", "Enter the start date as a real date, like 2026-11-20"});
    } else if (*day > today) {
      errors.push_back({"started_on", "The start date must be today or earlier"});
    } else {
      e.started_on = *day;
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return e;
}

Result<ConcernClosure> ValidateConcernClosure(const ConcernClosureRequest& r) {
  std::vector<FieldError> errors;
  ConcernClosure c;
  if (auto risk = ParseRiskOutcome(Trim(r.risk)); !risk) {
    errors.push_back({"risk", "Say whether the risk was removed, reduced, or remains"});
  } else {
    c.risk = *risk;
  }
  c.actions_taken = Text(errors, "actions_taken", r.actions_taken, 5000,
                         "Describe the actions taken", "The actions taken");
  if (auto met = ParseOutcomesMet(Trim(r.outcomes_met)); !met) {
    errors.push_back({"outcomes_met",
                      "Say whether the person felt the outcomes they wanted were met: fully, "
                      "partly, not met, or they did not say"});
  } else {
    c.outcomes_met = *met;
  }
  c.persons_view = Text(errors, "persons_view", r.persons_view, 2000, nullptr, "The person's view");
  if (c.outcomes_met != OutcomesMet::kNotExpressed && c.persons_view.empty()) {
    errors.push_back({"persons_view", "Write down the person's view, in their own words"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  return c;
}

Status CanTake(const Concern& c, ConcernStep step) {
  if (c.status == ConcernStatus::kClosed) {
    return Refuse("This concern is closed. Raise a new concern if something else has happened");
  }
  switch (step) {
    case ConcernStep::kTriage:
      if (c.status != ConcernStatus::kRaised)
        return Refuse("This concern has already been triaged");
      return Ok();
    case ConcernStep::kStartEnquiry:
      if (c.status == ConcernStatus::kRaised) {
        return Refuse("Triage the concern first: decide whether it needs a section 42 enquiry");
      }
      if (c.status == ConcernStatus::kEnquiry) return Refuse("An enquiry is already under way");
      return Ok();
    case ConcernStep::kClose:
      if (c.status == ConcernStatus::kRaised) {
        return Refuse(
            "Triage the concern first. To close it straight away, triage it as no further "
            "safeguarding action, with your reasons");
      }
      if (c.status == ConcernStatus::kTriaged && c.triage &&
          c.triage->decision == TriageDecision::kSection42Enquiry) {
        return Refuse("Record who is leading the section 42 enquiry before closing it");
      }
      return Ok();
  }
  return Refuse("Unknown step");
}

Result<Concern> Triage(const Concern& c, const ConcernTriage& triage) {
  if (auto can = CanTake(c, ConcernStep::kTriage); !can) return tl::unexpected(can.error());
  Concern next = c;
  next.triage = triage;
  next.status = triage.decision == TriageDecision::kNoFurtherAction ? ConcernStatus::kClosed
                                                                    : ConcernStatus::kTriaged;
  return next;
}

Result<Concern> StartEnquiry(const Concern& c, const ConcernEnquiry& enquiry) {
  if (auto can = CanTake(c, ConcernStep::kStartEnquiry); !can) return tl::unexpected(can.error());
  Concern next = c;
  next.enquiry = enquiry;
  next.status = ConcernStatus::kEnquiry;
  return next;
}

Result<Concern> Close(const Concern& c, const ConcernClosure& closure) {
  if (auto can = CanTake(c, ConcernStep::kClose); !can) return tl::unexpected(can.error());
  Concern next = c;
  next.closure = closure;
  next.status = ConcernStatus::kClosed;
  return next;
}

}  // namespace selfdirect::casework
