#include "selfdirect/app/casework.h"

#include <fmt/format.h>

#include <unordered_map>

#include "selfdirect/app/payments.h"
#include "selfdirect/app/plan_directory.h"
#include "selfdirect/casework/codes.h"
#include "selfdirect/ras/decimal.h"

namespace selfdirect::app {
namespace {

using casework::CaseEvent;

}  // namespace

Status Casework::Step(store::Transaction& tx, const Context& ctx,
                      const casework::PersonRecord& record, CaseEvent event,
                      const std::string& detail) {
  auto next = casework::Apply(record.state, event);
  if (!next) return tl::unexpected(next.error());
  if (auto saved = tx.Casework().SaveCaseState(ctx.actor.council_id, record.person.id, *next,
                                               record.person.revision);
      !saved) {
    return saved;
  }
  return tx.Casework().AddCaseEvent(
      {ctx.actor.council_id, record.person.id, casework::CaseEventName(event),
       casework::StageName(next->stage), clock_.Now(), ctx.actor.user_id, detail});
}

Result<PersonFile> Casework::CreatePerson(const Context& ctx, const casework::NewPerson& request,
                                          const NewContact& contact) {
  if (auto p = PermitInCouncil(ctx, Action::kPeopleCreate); !p) return tl::unexpected(p.error());
  auto person = casework::ValidateNewPerson(request, clock_.Today());
  std::vector<FieldError> errors;
  if (!person) errors = person.error().fields;
  casework::Contact c;
  c.contact_date = clock_.Today();
  if (!contact.contact_date.empty()) {
    auto day = ParseIsoDate(contact.contact_date);
    if (!day) {
      errors.push_back({"contact.contact_date",
                        "Enter the date of contact as a real date, like "
                        "2026-11-20"});
    } else if (*day > clock_.Today()) {
      errors.push_back({"contact.contact_date", "The date of contact must be today or earlier"});
    } else {
      c.contact_date = *day;
    }
  }
  if (casework::FindCode(casework::CodeList::kRouteOfAccess, contact.route_of_access) == nullptr) {
    errors.push_back({"contact.route_of_access", "Choose how the person came to the council"});
  }
  c.outcome = contact.outcome.empty() ? "to_assessment" : contact.outcome;
  if (casework::FindCode(casework::CodeList::kContactOutcome, c.outcome) == nullptr) {
    errors.push_back({"contact.outcome", "Choose what happens next"});
  }
  if (contact.asked_for.size() > 2000) {
    errors.push_back({"contact.asked_for",
                      "What they asked for must be 2,000 characters or "
                      "fewer"});
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  person->council = ctx.actor.council_id;
  person->id = PersonId(ids_.Next());
  person->created_at = clock_.Now();
  person->created_by = ctx.actor.user_id;
  person->revision = 1;
  c.council = person->council;
  c.id = ContactId(ids_.Next());
  c.person = person->id;
  c.route_of_access = contact.route_of_access;
  c.asked_for = contact.asked_for;
  c.recorded_at = clock_.Now();
  c.recorded_by = ctx.actor.user_id;
  const casework::CaseState state{};
  std::optional<TeamId> allocated;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    if (auto created = tx.Casework().CreatePerson(*person, state); !created) return created;
    // On the caseload of the social worker's (first) team.
    auto teams = tx.Casework().TeamsOf(person->council, ctx.actor.user_id);
    if (!teams) return tl::unexpected(teams.error());
    if (!teams->empty()) {
      allocated = teams->front();
      if (auto set = tx.Casework().SetPersonTeam(person->council, person->id, allocated); !set) {
        return set;
      }
    }
    if (auto added = tx.Casework().AddContact(c); !added) return added;
    if (auto e = tx.Casework().AddCaseEvent({person->council, person->id, "contact",
                                             casework::StageName(state.stage), clock_.Now(),
                                             ctx.actor.user_id, c.route_of_access});
        !e) {
      return e;
    }
    AuditEntry entry = MakeAuditEntry(ctx, person->council, clock_.Now(), "people.create", "person",
                                      person->id.str(), AuditOutcome::kAllowed,
                                      "recorded a new person and their first contact");
    entry.subject_person_id = person->id.str();
    return tx.Audit().Append(entry);
  });
  if (!s) return tl::unexpected(s.error());
  PersonFile file;
  file.record = {*person, state, std::nullopt, allocated};
  file.contacts.push_back(c);
  return file;
}

Result<PersonFile> Casework::GetPerson(const Context& ctx, const PersonId& id) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPersonView, id); !a) {
    return tl::unexpected(a.error());
  }
  PersonFile file;
  bool found = false;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto& cw = tx.Casework();
    auto record = cw.FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return Ok();
    found = true;
    file.record = std::move(**record);
    auto contacts = cw.ContactsOf(ctx.actor.council_id, id);
    if (!contacts) return tl::unexpected(contacts.error());
    file.contacts = std::move(*contacts);
    auto determination = cw.LatestDetermination(ctx.actor.council_id, id);
    if (!determination) return tl::unexpected(determination.error());
    file.determination = std::move(*determination);
    auto assessment = cw.LatestAssessment(ctx.actor.council_id, id);
    if (!assessment) return tl::unexpected(assessment.error());
    file.assessment = std::move(*assessment);
    auto events = cw.CaseEventsOf(ctx.actor.council_id, id);
    if (!events) return tl::unexpected(events.error());
    file.events = std::move(*events);
    auto plans = cw.PlansOf(ctx.actor.council_id, id);
    if (!plans) return tl::unexpected(plans.error());
    file.plans = std::move(*plans);
    if (file.record.state.stage == casework::Stage::kClosed) {
      auto closure = cw.LatestClosure(ctx.actor.council_id, id);
      if (!closure) return tl::unexpected(closure.error());
      file.closure = std::move(*closure);
    }
    auto carers = cw.CarersOf(ctx.actor.council_id, id);
    if (!carers) return tl::unexpected(carers.error());
    file.carers = std::move(*carers);
    auto caring = cw.CaredForBy(ctx.actor.council_id, id);
    if (!caring) return tl::unexpected(caring.error());
    for (casework::CarerLink& link : *caring) {
      auto cared_for = cw.FindPerson(ctx.actor.council_id, link.person);
      if (!cared_for) return tl::unexpected(cared_for.error());
      std::string name = *cared_for ? (*cared_for)->person.FullName() : std::string();
      file.cares_for.push_back({std::move(link), std::move(name)});
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (!found) return NoSuchPerson();
  auto recorded = store_.Write([&](store::Transaction& tx) {
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "person.view", "person", id.str(),
                       AuditOutcome::kAllowed, "looked at the person's record");
    e.subject_person_id = id.str();
    return tx.Audit().Append(e);
  });
  if (!recorded) return tl::unexpected(recorded.error());
  return file;
}

Result<casework::Determination> Casework::RecordEligibility(
    const Context& ctx, const PersonId& id, const casework::NewDetermination& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kCaseRecord, id); !a) {
    return tl::unexpected(a.error());
  }
  auto determination = casework::Determine(request);
  if (!determination) return tl::unexpected(determination.error());
  determination->council = ctx.actor.council_id;
  determination->id = DeterminationId(ids_.Next());
  determination->person = id;
  determination->decided_at = clock_.Now();
  determination->decided_by = ctx.actor.user_id;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    if (auto step = Step(tx, ctx, **record,
                         determination->eligible ? CaseEvent::kEligibleDetermination
                                                 : CaseEvent::kNotEligibleDetermination,
                         determination->eligible ? "eligible" : "not eligible");
        !step) {
      return step;
    }
    if (auto added = tx.Casework().AddDetermination(*determination); !added) return added;
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "eligibility.record",
                       "determination", determination->id.str(), AuditOutcome::kAllowed,
                       fmt::format("recorded an eligibility decision ({}, {})",
                                   casework::DeterminationKindName(determination->kind),
                                   determination->eligible ? "eligible" : "not eligible"));
    e.subject_person_id = id.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return determination;
}

Result<casework::Assessment> Casework::RecordAssessment(const Context& ctx, const PersonId& id,
                                                        const NewAssessment& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kCaseRecord, id); !a) {
    return tl::unexpected(a.error());
  }
  std::vector<FieldError> errors;
  if (request.completed_by != "self" && request.completed_by != "with_assessor") {
    errors.push_back({"completed_by",
                      "Say whether the person completed it themselves (self) or "
                      "with an assessor (with_assessor)"});
  }
  if (request.model_id.empty()) errors.push_back({"model", "Choose the council's RAS model"});
  if (!errors.empty()) return FailFields(std::move(errors));
  // Say first when the case is not ready for an assessment, before judging the answers.
  auto ready = store_.Read([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    auto next = casework::Apply((*record)->state, CaseEvent::kAssessment);
    if (!next) return tl::unexpected(next.error());
    return Ok();
  });
  if (!ready) return tl::unexpected(ready.error());
  LoadedModel used;
  auto explanation = ras_.Evaluate(ctx, "", request.model_id, 0, request.answers, &used);
  if (!explanation) {
    if (explanation.error().code == ErrorCode::kNotFound) {
      return FailFields({{"model", explanation.error().message}});
    }
    return tl::unexpected(explanation.error());
  }
  casework::Assessment a;
  a.council = ctx.actor.council_id;
  a.id = AssessmentId(ids_.Next());
  a.person = id;
  a.completed_by = request.completed_by;
  a.model_id = used.record.model_id;
  a.model_version = used.record.version;
  a.period = used.record.period;
  a.amount_pence = explanation->amount_pence;
  for (const auto& [input, raw] : request.answers) {
    a.answers.emplace_back(
        input, raw.kind == ras::RawAnswer::Kind::kYesNo ? (raw.yes ? "yes" : "no") : raw.text);
  }
  for (const ras::ExplanationLine& line : explanation->lines) {
    a.explanation.push_back({ras::ExplanationKindName(line.kind), line.id, line.text,
                             line.amount_pence,
                             line.value_micros ? ras::FormatMicros(*line.value_micros) : ""});
  }
  a.recorded_at = clock_.Now();
  a.recorded_by = ctx.actor.user_id;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    if (auto step = Step(tx, ctx, **record, CaseEvent::kAssessment,
                         fmt::format("{} version {}: {}", a.model_id, a.model_version,
                                     FormatPounds(Pence(a.amount_pence))));
        !step) {
      return step;
    }
    if (auto added = tx.Casework().AddAssessment(a); !added) return added;
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "assessment.record",
                                  "assessment", a.id.str(), AuditOutcome::kAllowed,
                                  fmt::format("recorded an assessment: indicative budget {} ({})",
                                              FormatPounds(Pence(a.amount_pence)), a.period));
    e.subject_person_id = id.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return a;
}

Result<std::vector<casework::PersonRecord>> Casework::Caseload(const Context& ctx,
                                                               std::optional<casework::Stage> stage,
                                                               const std::string& after,
                                                               int limit) {
  if (auto p = PermitInCouncil(ctx, Action::kCaseloadRead); !p) return tl::unexpected(p.error());
  std::vector<casework::PersonRecord> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto teams = tx.Casework().TeamsOf(ctx.actor.council_id, ctx.actor.user_id);
    if (!teams) return tl::unexpected(teams.error());
    casework::PeopleQuery q;
    q.council = ctx.actor.council_id;
    q.stage = stage;
    q.teams = std::move(*teams);
    q.after_person = after;
    q.limit = std::clamp(limit, 1, 200);
    auto list = tx.Casework().ListPeople(q);
    if (!list) return tl::unexpected(list.error());
    out = std::move(*list);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

namespace {

// The plan as asked for, with every problem named at once: the plan's own rules
// (casework::ValidatePlan) and the kinds of support, which are the market's.
Result<casework::PlanContent> ValidatePlanRequest(const casework::PlanRequest& request) {
  std::vector<FieldError> kinds = CheckServiceTypes(request);
  auto content = casework::ValidatePlan(request);
  if (kinds.empty()) return content;
  if (!content) {
    kinds.insert(kinds.begin(), content.error().fields.begin(), content.error().fields.end());
  }
  return FailFields(std::move(kinds));
}

// The same answer whether the plan does not exist or the actor may not know it does.
tl::unexpected<Error> NoSuchPlan() {
  return Fail(ErrorCode::kNotFound, "There is no record at this address");
}

// The plan beside the person's latest indicative budget (`amount_pence` a week or a year, as
// `period` says).
Status SetIndicative(PlanView& view, const casework::PlanVersion& plan, const std::string& period,
                     std::int64_t amount_pence) {
  const Pence amount(amount_pence);
  auto annual = period == "annual"
                    ? Result<Pence>(amount)
                    : ConvertPeriod(amount, Period::kWeekly, Period::kAnnual, view.weeks_per_year);
  if (!annual) return tl::unexpected(annual.error());
  view.indicative_annual = *annual;
  view.against_indicative =
      casework::AgainstIndicative(plan.cost.first_year(), *view.indicative_annual);
  return Ok();
}

}  // namespace

Result<PlanView> Casework::View(store::Transaction& tx, casework::PlanVersion plan,
                                std::optional<WeeksPerYear> weeks_per_year) {
  PlanView view;
  if (weeks_per_year) {
    view.weeks_per_year = *weeks_per_year;
  } else {
    auto settings = AdultSchemeSettings(tx, plan.council);
    if (!settings) return tl::unexpected(settings.error());
    view.weeks_per_year = settings->weeks_per_year;
  }
  auto assessment = tx.Casework().LatestAssessment(plan.council, plan.person);
  if (!assessment) return tl::unexpected(assessment.error());
  if (*assessment) {
    if (auto set = SetIndicative(view, plan, (*assessment)->period, (*assessment)->amount_pence);
        !set) {
      return tl::unexpected(set.error());
    }
  }
  auto person = tx.Casework().FindPerson(plan.council, plan.person);
  if (!person) return tl::unexpected(person.error());
  if (*person) view.person_name = (*person)->person.FullName();
  auto decisions = tx.Casework().DecisionsOf(plan.council, plan.id);
  if (!decisions) return tl::unexpected(decisions.error());
  view.decisions = std::move(*decisions);
  auto approvals = ApprovalsOf(tx, plan.council, plan.content);
  if (!approvals) return tl::unexpected(approvals.error());
  view.approvals = std::move(*approvals);
  view.plan = std::move(plan);
  return view;
}

Result<PersonId> Casework::PlanOwner(const Context& ctx, const PlanId& id) {
  std::optional<PersonId> owner;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto plan = tx.Casework().FindPlan(ctx.actor.council_id, id);
    if (!plan) return tl::unexpected(plan.error());
    if (*plan) owner = (*plan)->person;
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (!owner) return NoSuchPlan();
  return *owner;
}

Result<PersonId> Casework::AuthorizeOnPlan(const Context& ctx, Action action, const PlanId& plan) {
  auto owner = PlanOwner(ctx, plan);
  if (!owner) return tl::unexpected(owner.error());
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, action, *owner); !a) {
    return tl::unexpected(a.error());
  }
  return owner;
}

Result<PlanView> Casework::CreatePlan(const Context& ctx, const PersonId& id,
                                      const casework::PlanRequest& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPersonWritePlan, id); !a) {
    return tl::unexpected(a.error());
  }
  auto content = ValidatePlanRequest(request);
  if (!content) return tl::unexpected(content.error());
  std::optional<PlanView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    const casework::Stage stage = (*record)->state.stage;
    if (stage != casework::Stage::kPlanning && stage != casework::Stage::kActive) {
      return Fail(ErrorCode::kFailedPrecondition,
                  stage == casework::Stage::kAwaitingSignOff
                      ? "A plan is waiting for sign-off; the approver decides it first"
                      : "A plan is written once the indicative budget is worked out (the "
                        "assessment)");
    }
    auto latest = tx.Casework().LatestPlan(ctx.actor.council_id, id);
    if (!latest) return tl::unexpected(latest.error());
    if (*latest && ((*latest)->status == casework::PlanStatus::kDraft ||
                    (*latest)->status == casework::PlanStatus::kReturned)) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("Version {} of the plan is still being written; change that one",
                              (*latest)->version));
    }
    auto assessment = tx.Casework().LatestAssessment(ctx.actor.council_id, id);
    if (!assessment) return tl::unexpected(assessment.error());
    casework::PlanVersion plan;
    plan.council = ctx.actor.council_id;
    plan.id = PlanId(ids_.Next());
    plan.person = id;
    plan.version = *latest ? (*latest)->version + 1 : 1;
    plan.content = std::move(*content);
    if (auto completed = CompleteFromDirectory(tx, ctx.actor.council_id, plan.content);
        !completed) {
      return completed;
    }
    if (*assessment) plan.assessment = (*assessment)->id;
    plan.created_at = plan.updated_at = clock_.Now();
    plan.created_by = plan.updated_by = ctx.actor.user_id;
    auto view = View(tx, plan);
    if (!view) return tl::unexpected(view.error());
    auto cost = casework::CostOf(plan.content, view->weeks_per_year);
    if (!cost) return tl::unexpected(cost.error());
    plan.cost = *cost;
    if (auto created = tx.Casework().CreatePlan(plan); !created) return created;
    auto final_view = View(tx, plan);
    if (!final_view) return tl::unexpected(final_view.error());
    out = std::move(*final_view);
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "plans.create", "plan",
                       plan.id.str(), AuditOutcome::kAllowed,
                       fmt::format("started version {} of the support plan", plan.version));
    e.subject_person_id = id.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<PlanView> Casework::UpdatePlan(const Context& ctx, const PlanId& plan_id,
                                      const casework::PlanRequest& request,
                                      std::int64_t expected_revision) {
  auto owner = AuthorizeOnPlan(ctx, Action::kPersonWritePlan, plan_id);
  if (!owner) return tl::unexpected(owner.error());
  auto content = ValidatePlanRequest(request);
  if (!content) return tl::unexpected(content.error());
  std::optional<PlanView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Casework().FindPlan(ctx.actor.council_id, plan_id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchPlan();
    casework::PlanVersion plan = std::move(**found);
    if (plan.status != casework::PlanStatus::kDraft &&
        plan.status != casework::PlanStatus::kReturned) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("Version {} has been submitted ({}), so it cannot be changed. "
                              "Start a new version to change the plan",
                              plan.version, casework::PlanStatusName(plan.status)));
    }
    plan.content = std::move(*content);
    if (auto completed = CompleteFromDirectory(tx, ctx.actor.council_id, plan.content);
        !completed) {
      return completed;
    }
    plan.updated_at = clock_.Now();
    plan.updated_by = ctx.actor.user_id;
    auto view = View(tx, plan);
    if (!view) return tl::unexpected(view.error());
    auto cost = casework::CostOf(plan.content, view->weeks_per_year);
    if (!cost) return tl::unexpected(cost.error());
    plan.cost = *cost;
    if (auto saved = tx.Casework().SavePlan(plan, expected_revision); !saved) return saved;
    plan.revision = expected_revision + 1;
    auto final_view = View(tx, plan);
    if (!final_view) return tl::unexpected(final_view.error());
    out = std::move(*final_view);
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "plans.update", "plan",
                       plan.id.str(), AuditOutcome::kAllowed,
                       fmt::format("changed version {} of the support plan", plan.version));
    e.subject_person_id = plan.person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<PlanView> Casework::SubmitPlan(const Context& ctx, const PlanId& plan_id,
                                      std::int64_t expected_revision) {
  auto owner = AuthorizeOnPlan(ctx, Action::kPersonWritePlan, plan_id);
  if (!owner) return tl::unexpected(owner.error());
  std::optional<PlanView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Casework().FindPlan(ctx.actor.council_id, plan_id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchPlan();
    casework::PlanVersion plan = std::move(**found);
    if (plan.status != casework::PlanStatus::kDraft &&
        plan.status != casework::PlanStatus::kReturned) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("Version {} has already been submitted", plan.version));
    }
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, plan.person);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    if (auto step = Step(tx, ctx, **record, CaseEvent::kSubmitPlan,
                         fmt::format("version {}: {} a year", plan.version,
                                     FormatPounds(plan.cost.first_year())));
        !step) {
      return step;
    }
    plan.status = casework::PlanStatus::kSubmitted;
    plan.submitted_at = plan.updated_at = clock_.Now();
    plan.submitted_by = plan.updated_by = ctx.actor.user_id;
    if (auto saved = tx.Casework().SavePlan(plan, expected_revision); !saved) return saved;
    plan.revision = expected_revision + 1;
    auto view = View(tx, plan);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "plans.submit", "plan",
                                  plan.id.str(), AuditOutcome::kAllowed,
                                  fmt::format("submitted version {} of the support plan for "
                                              "sign-off",
                                              plan.version));
    e.subject_person_id = plan.person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<PlanView> Casework::GetPlan(const Context& ctx, const PlanId& plan_id) {
  auto owner = AuthorizeOnPlan(ctx, Action::kPersonView, plan_id);
  if (!owner) return tl::unexpected(owner.error());
  std::optional<PlanView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Casework().FindPlan(ctx.actor.council_id, plan_id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchPlan();
    auto view = View(tx, std::move(**found));
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  auto recorded = store_.Write([&](store::Transaction& tx) {
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "plans.read", "plan", plan_id.str(),
                       AuditOutcome::kAllowed, "looked at the support plan");
    e.subject_person_id = owner->str();
    return tx.Audit().Append(e);
  });
  if (!recorded) return tl::unexpected(recorded.error());
  return std::move(*out);
}

namespace {

constexpr std::pair<const char*, const char*> kVarianceCategories[] = {
    {"needs_changed", "Needs changed since the assessment"},
    {"unpaid_support_changed", "Unpaid support from family or friends changed"},
    {"market_prices", "What support costs locally"},
    {"model_too_low", "The allocation model gave too little"},
    {"model_too_high", "The allocation model gave too much"},
    {"persons_choice", "The person's choice"},
    {"other", "Something else"},
};

}  // namespace

std::span<const std::pair<const char*, const char*>> VarianceCategories() {
  return kVarianceCategories;
}

Result<PlanView> Casework::DecidePlan(const Context& ctx, const PlanId& plan_id,
                                      const PlanDecisionRequest& request) {
  auto owner = AuthorizeOnPlan(ctx, Action::kPlanDecide, plan_id);
  if (!owner) return tl::unexpected(owner.error());
  std::vector<FieldError> errors;
  const std::string& d = request.decision;
  if (d != "approve" && d != "return" && d != "decline" && d != "refer") {
    errors.push_back({"decision",
                      "Choose approve, return with comments, decline, or refer to "
                      "another approver or the panel"});
  }
  if ((d == "return" || d == "decline" || d == "refer") && request.comments.empty()) {
    errors.push_back({"comments", d == "return"    ? "Say what needs to change"
                                  : d == "decline" ? "Give the reason for declining"
                                                   : "Say who it is referred to and why"});
  }
  std::optional<Pence> actual;
  if (!request.actual_annual.empty()) {
    auto parsed = ParsePounds(request.actual_annual);
    if (!parsed || parsed->value() < 0) {
      errors.push_back({"actual_annual", "Enter the budget in pounds a year, like 12000.00"});
    } else {
      actual = *parsed;
    }
  }
  if (!errors.empty()) return FailFields(std::move(errors));
  std::optional<PlanView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Casework().FindPlan(ctx.actor.council_id, plan_id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchPlan();
    casework::PlanVersion plan = std::move(**found);
    if (plan.status != casework::PlanStatus::kSubmitted) {
      return Fail(ErrorCode::kFailedPrecondition,
                  fmt::format("Version {} is not waiting for sign-off (it is {})", plan.version,
                              casework::PlanStatusName(plan.status)));
    }
    auto view = View(tx, plan);
    if (!view) return tl::unexpected(view.error());
    casework::PlanDecision decision{ctx.actor.council_id, plan.id, 0, d, request.comments};
    decision.indicative_annual = view->indicative_annual;
    decision.decided_at = clock_.Now();
    decision.decided_by = ctx.actor.user_id;
    std::optional<CaseEvent> event;
    if (d == "approve") {
      const Pence budget = actual.value_or(plan.cost.first_year());
      decision.actual_annual = budget;
      std::vector<FieldError> missing;
      if (view->indicative_annual && budget != *view->indicative_annual) {
        const auto& categories = kVarianceCategories;
        if (std::none_of(std::begin(categories), std::end(categories),
                         [&](const auto& c) { return request.variance_category == c.first; })) {
          missing.push_back(
              {"variance_category",
               fmt::format("The budget ({}) differs from the indicative budget "
                           "({}): choose the main reason",
                           FormatPounds(budget), FormatPounds(*view->indicative_annual))});
        }
        if (request.variance_words.empty()) {
          missing.push_back({"variance_words", "Explain the difference in a sentence or two"});
        }
      }
      if (!missing.empty()) return FailFields(std::move(missing));
      // A budget in force only goes down after a reassessment, never through a review alone.
      auto in_force = InForce(tx, ctx.actor.council_id, plan.person);
      if (!in_force) return tl::unexpected(in_force.error());
      if (*in_force) {
        auto latest = tx.Casework().LatestAssessment(ctx.actor.council_id, plan.person);
        if (!latest) return tl::unexpected(latest.error());
        const bool reassessed =
            *latest && (*latest)->recorded_at > (*in_force)->decision.decided_at;
        if (auto change = casework::CheckBudgetChange(*(*in_force)->decision.actual_annual, budget,
                                                      reassessed);
            !change) {
          return change;
        }
      }
      decision.variance_category = request.variance_category;
      decision.variance_words = request.variance_words;
      auto limit = tx.Casework().ApprovalLimitOf(ctx.actor.council_id, ctx.actor.user_id);
      if (!limit) return tl::unexpected(limit.error());
      if (!*limit) {
        return Fail(ErrorCode::kFailedPrecondition,
                    "You have no approval limit yet; an administrator sets it. Refer the plan to "
                    "another approver meanwhile");
      }
      if (budget > **limit) {
        return Fail(ErrorCode::kFailedPrecondition,
                    fmt::format("This budget ({} a year) is above your approval limit ({}). "
                                "Refer it to an approver with a higher limit, or to the panel",
                                FormatPounds(budget), FormatPounds(**limit)));
      }
      event = CaseEvent::kApprovePlan;
      plan.status = casework::PlanStatus::kApproved;
    } else if (d == "return") {
      event = CaseEvent::kReturnPlan;
      plan.status = casework::PlanStatus::kReturned;
    } else if (d == "decline") {
      event = CaseEvent::kDeclinePlan;
      plan.status = casework::PlanStatus::kDeclined;
    }
    if (event) {
      auto record = tx.Casework().FindPerson(ctx.actor.council_id, plan.person);
      if (!record) return tl::unexpected(record.error());
      if (!*record) return NoSuchPerson();
      if (auto step =
              Step(tx, ctx, **record, *event, fmt::format("version {}: {}", plan.version, d));
          !step) {
        return step;
      }
      if (d == "approve") {
        // The version approved before this one is replaced by it.
        auto approved = tx.Casework().ApprovedPlan(ctx.actor.council_id, plan.person);
        if (!approved) return tl::unexpected(approved.error());
        if (*approved) {
          casework::PlanVersion old = std::move(**approved);
          const std::int64_t revision = old.revision;
          old.status = casework::PlanStatus::kSuperseded;
          if (auto saved = tx.Casework().SavePlan(old, revision); !saved) return saved;
        }
      }
      plan.updated_at = clock_.Now();
      plan.updated_by = ctx.actor.user_id;
      if (auto saved = tx.Casework().SavePlan(plan, request.revision); !saved) return saved;
      plan.revision = request.revision + 1;
    }
    if (auto added = tx.Casework().AddPlanDecision(decision); !added) return added;
    if (d == "approve") {
      if (auto scheduled = ScheduleReview(tx, ctx.actor.council_id, plan.person); !scheduled) {
        return scheduled;
      }
      // The money: the budget in payment, its accounts and the year's commitment.
      if (auto paying = Payments::OnSignOff(tx, ctx.actor.council_id, plan, ctx.actor.user_id,
                                            clock_.Today(), clock_.Now(), ids_);
          !paying) {
        return paying;
      }
    }
    auto final_view = View(tx, plan);
    if (!final_view) return tl::unexpected(final_view.error());
    out = std::move(*final_view);
    AuditEntry e = MakeAuditEntry(
        ctx, ctx.actor.council_id, clock_.Now(), "plans.decide", "plan", plan.id.str(),
        AuditOutcome::kAllowed,
        decision.actual_annual
            ? fmt::format("approved version {} of the support plan: {} a year", plan.version,
                          FormatPounds(*decision.actual_annual))
            : fmt::format("decided version {} of the support plan: {}", plan.version, d));
    e.subject_person_id = plan.person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<std::vector<casework::PlanDecision>> Casework::PlanDecisions(const Context& ctx,
                                                                    const PlanId& plan_id) {
  auto owner = AuthorizeOnPlan(ctx, Action::kPersonView, plan_id);
  if (!owner) return tl::unexpected(owner.error());
  std::vector<casework::PlanDecision> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto list = tx.Casework().DecisionsOf(ctx.actor.council_id, plan_id);
    if (!list) return tl::unexpected(list.error());
    out = std::move(*list);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<std::vector<PlanView>> Casework::SignOffQueue(const Context& ctx) {
  if (auto p = PermitInCouncil(ctx, Action::kSignOffQueueRead); !p)
    return tl::unexpected(p.error());
  std::vector<PlanView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto plans =
        tx.Casework().PlansWithStatus(ctx.actor.council_id, casework::PlanStatus::kSubmitted, 200);
    if (!plans) return tl::unexpected(plans.error());
    if (plans->empty()) return Ok();
    // What View reads for one plan, read for the whole queue at once: a few statements in all
    // however long the queue is.
    const CouncilId& council = ctx.actor.council_id;
    auto settings = AdultSchemeSettings(tx, council);
    if (!settings) return tl::unexpected(settings.error());
    std::vector<PersonId> people;
    std::vector<PlanId> ids;
    for (const auto& plan : *plans) {
      people.push_back(plan.person);
      ids.push_back(plan.id);
    }
    auto records = tx.Casework().FindPeople(council, people);
    if (!records) return tl::unexpected(records.error());
    std::unordered_map<std::string, std::string> names;
    for (const auto& r : *records) names[r.person.id.str()] = r.person.FullName();
    auto budgets = tx.Casework().LatestIndicativeBudgets(council, people);
    if (!budgets) return tl::unexpected(budgets.error());
    std::unordered_map<std::string, const casework::IndicativeBudget*> budget_of;
    for (const auto& b : *budgets) budget_of[b.person.str()] = &b;
    auto decisions = tx.Casework().DecisionsOfPlans(council, ids);
    if (!decisions) return tl::unexpected(decisions.error());
    std::unordered_map<std::string, std::vector<casework::PlanDecision>> decisions_of;
    for (auto& d : *decisions) decisions_of[d.plan.str()].push_back(std::move(d));
    for (auto& plan : *plans) {
      PlanView view;
      view.weeks_per_year = settings->weeks_per_year;
      if (auto b = budget_of.find(plan.person.str()); b != budget_of.end()) {
        if (auto set = SetIndicative(view, plan, b->second->period, b->second->amount_pence);
            !set) {
          return set;
        }
      }
      if (auto n = names.find(plan.person.str()); n != names.end()) view.person_name = n->second;
      if (auto d = decisions_of.find(plan.id.str()); d != decisions_of.end()) {
        view.decisions = std::move(d->second);
      }
      view.plan = std::move(plan);
      out.push_back(std::move(view));
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Status Casework::SetApprovalLimit(const Context& ctx, const UserId& user,
                                  const std::string& pounds) {
  if (auto p = PermitInCouncil(ctx, Action::kApprovalLimitsManage); !p) return p;
  auto limit = ParsePounds(pounds);
  if (!limit || limit->value() < 0) {
    return FailFields({{"limit", "Enter the limit in pounds a year, like 25000"}});
  }
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Access().FindUser(ctx.actor.council_id, user);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return Fail(ErrorCode::kNotFound, "There is no such user in this council");
    if (std::find((*found)->roles.begin(), (*found)->roles.end(), Role::kApprover) ==
        (*found)->roles.end()) {
      return FailFields({{"limit", (*found)->display_name + " is not an approver; give them the "
                                                            "approver role first"}});
    }
    if (auto set = tx.Casework().SetApprovalLimit(ctx.actor.council_id, user, *limit, clock_.Now(),
                                                  ctx.actor.user_id);
        !set) {
      return set;
    }
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "approval-limits.set",
                                  "user", user.str(), AuditOutcome::kAllowed,
                                  fmt::format("set {}'s approval limit to {} a year",
                                              (*found)->display_name, FormatPounds(*limit)));
    return tx.Audit().Append(e);
  });
}

}  // namespace selfdirect::app
