#include "selfdirect/app/safeguarding.h"

#include <fmt/format.h>

#include <algorithm>

namespace selfdirect::app {
namespace {

tl::unexpected<Error> NoSuchConcern() {
  return Fail(ErrorCode::kNotFound, "There is no safeguarding concern with this id");
}

Status AuthorizeLead(store::Store& store, const Clock& clock, const Context& ctx, Action action,
                     const std::string& concern) {
  return Authorize(store, clock, ctx, action, Resource::Council(ctx.actor.council_id), "concern",
                   concern);
}

}  // namespace

Result<casework::Concern> Safeguarding::Raise(const Context& ctx, const PersonId& person,
                                              const casework::NewConcern& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kConcernRaise, person); !a) {
    return tl::unexpected(a.error());
  }
  auto concern = casework::ValidateNewConcern(request, person);
  if (!concern) return tl::unexpected(concern.error());
  concern->council = ctx.actor.council_id;
  concern->id = ConcernId(ids_.Next());
  concern->raised_by = ctx.actor.user_id;
  concern->raised_at = clock_.Now();
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, person);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    if (concern->plan) {
      auto plan = tx.Casework().FindPlan(ctx.actor.council_id, *concern->plan);
      if (!plan) return tl::unexpected(plan.error());
      if (!*plan || (*plan)->person != person) {
        return FailFields({{"plan", "That support plan is not one of this person's plans"}});
      }
    }
    auto relationship = RelationshipTo(tx, ctx.actor, person, clock_.Today());
    if (!relationship) return tl::unexpected(relationship.error());
    concern->raiser = relationship->self               ? casework::Raiser::kThePerson
                      : !relationship->granted.empty() ? casework::Raiser::kRepresentative
                                                       : casework::Raiser::kStaff;
    if (auto created = tx.Safeguarding().CreateConcern(*concern); !created) return created;
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "concern.raise",
                                  "concern", concern->id.str(), AuditOutcome::kAllowed,
                                  fmt::format("raised a safeguarding concern ({}{})",
                                              casework::ConcernCategoryCode(concern->category),
                                              concern->immediate_risk ? ", immediate risk" : ""));
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return concern;
}

Result<ConcernView> Safeguarding::ViewOf(store::Transaction& tx, casework::Concern concern) {
  ConcernView view{std::move(concern), ""};
  if (view.concern.person) {
    auto record = tx.Casework().FindPerson(view.concern.council, *view.concern.person);
    if (!record) return tl::unexpected(record.error());
    if (*record) view.person_name = (*record)->person.FullName();
  }
  return view;
}

Status Safeguarding::AuditRead(const Context& ctx, const casework::Concern& concern) {
  return store_.Write([&](store::Transaction& tx) {
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "concern.view",
                                  "concern", concern.id.str(), AuditOutcome::kAllowed,
                                  "looked at a safeguarding concern");
    if (concern.person) e.subject_person_id = concern.person->str();
    return tx.Audit().Append(e);
  });
}

Result<ConcernView> Safeguarding::Get(const Context& ctx, const ConcernId& id) {
  if (auto a = AuthorizeLead(store_, clock_, ctx, Action::kConcernsRead, id.str()); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<ConcernView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto found = tx.Safeguarding().FindConcern(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchConcern();
    auto view = ViewOf(tx, std::move(**found));
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  if (auto recorded = AuditRead(ctx, out->concern); !recorded) {
    return tl::unexpected(recorded.error());
  }
  return std::move(*out);
}

Result<std::vector<ConcernView>> Safeguarding::Queue(const Context& ctx, int limit) {
  if (auto a = AuthorizeLead(store_, clock_, ctx, Action::kConcernsRead, "queue"); !a) {
    return tl::unexpected(a.error());
  }
  std::vector<ConcernView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto open = tx.Safeguarding().OpenConcerns(ctx.actor.council_id, std::clamp(limit, 1, 500));
    if (!open) return tl::unexpected(open.error());
    for (auto& c : *open) {
      auto view = ViewOf(tx, std::move(c));
      if (!view) return tl::unexpected(view.error());
      out.push_back(std::move(*view));
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  // The queue shows names beside each concern: one audit entry for the list.
  auto recorded = store_.Write([&](store::Transaction& tx) {
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "concerns.queue", "concern",
                       "queue", AuditOutcome::kAllowed,
                       fmt::format("looked at the safeguarding queue ({} open)", out.size()));
    return tx.Audit().Append(e);
  });
  if (!recorded) return tl::unexpected(recorded.error());
  return out;
}

Result<ConcernView> Safeguarding::Step(const Context& ctx, const ConcernId& id,
                                       std::int64_t revision, const char* action,
                                       const std::string& summary, const StepFn& step) {
  if (auto a = AuthorizeLead(store_, clock_, ctx, Action::kConcernsManage, id.str()); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<ConcernView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto found = tx.Safeguarding().FindConcern(ctx.actor.council_id, id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return NoSuchConcern();
    const casework::Concern& current = **found;
    if (current.revision != revision) {
      return Fail(ErrorCode::kConflict,
                  "Someone else updated this concern while you were working on it. Reload the "
                  "page to see what they recorded, then try again");
    }
    auto next = step(current);
    if (!next) return tl::unexpected(next.error());
    if (auto saved = tx.Safeguarding().SaveConcern(*next, revision); !saved) return saved;
    next->revision = revision + 1;
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), action, "concern",
                                  id.str(), AuditOutcome::kAllowed, summary);
    if (next->person) e.subject_person_id = next->person->str();
    if (auto appended = tx.Audit().Append(e); !appended) return appended;
    auto view = ViewOf(tx, std::move(*next));
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<ConcernView> Safeguarding::Triage(const Context& ctx, const ConcernId& id,
                                         const casework::TriageRequest& request,
                                         std::int64_t revision) {
  auto triage = casework::ValidateTriage(request);
  if (!triage) {
    // A denial comes before a bad form: nobody but the lead learns the form's rules.
    if (auto a = AuthorizeLead(store_, clock_, ctx, Action::kConcernsManage, id.str()); !a) {
      return tl::unexpected(a.error());
    }
    return tl::unexpected(triage.error());
  }
  triage->at = clock_.Now();
  triage->by = ctx.actor.user_id;
  return Step(ctx, id, revision, "concern.triage",
              fmt::format("triaged a safeguarding concern: {}",
                          casework::TriageDecisionLabel(triage->decision)),
              [&](const casework::Concern& c) { return casework::Triage(c, *triage); });
}

Result<ConcernView> Safeguarding::StartEnquiry(const Context& ctx, const ConcernId& id,
                                               const casework::EnquiryRequest& request,
                                               std::int64_t revision) {
  auto enquiry = casework::ValidateEnquiry(request, clock_.Today());
  if (!enquiry) {
    if (auto a = AuthorizeLead(store_, clock_, ctx, Action::kConcernsManage, id.str()); !a) {
      return tl::unexpected(a.error());
    }
    return tl::unexpected(enquiry.error());
  }
  enquiry->at = clock_.Now();
  enquiry->by = ctx.actor.user_id;
  return Step(ctx, id, revision, "concern.enquiry", "recorded the start of a safeguarding enquiry",
              [&](const casework::Concern& c) { return casework::StartEnquiry(c, *enquiry); });
}

Result<ConcernView> Safeguarding::Close(const Context& ctx, const ConcernId& id,
                                        const casework::ConcernClosureRequest& request,
                                        std::int64_t revision) {
  auto closure = casework::ValidateConcernClosure(request);
  if (!closure) {
    if (auto a = AuthorizeLead(store_, clock_, ctx, Action::kConcernsManage, id.str()); !a) {
      return tl::unexpected(a.error());
    }
    return tl::unexpected(closure.error());
  }
  closure->at = clock_.Now();
  closure->by = ctx.actor.user_id;
  return Step(ctx, id, revision, "concern.close",
              fmt::format("closed a safeguarding concern: {}; outcomes {}",
                          casework::RiskOutcomeLabel(closure->risk),
                          casework::OutcomesMetCode(closure->outcomes_met)),
              [&](const casework::Concern& c) { return casework::Close(c, *closure); });
}

Result<std::vector<casework::Concern>> Safeguarding::ConcernsOf(const Context& ctx,
                                                                const PersonId& person) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPersonConcernsRead, person); !a) {
    return tl::unexpected(a.error());
  }
  std::vector<casework::Concern> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto concerns = tx.Safeguarding().ConcernsAbout(ctx.actor.council_id, person);
    if (!concerns) return tl::unexpected(concerns.error());
    out = std::move(*concerns);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  auto recorded = store_.Write([&](store::Transaction& tx) {
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "person.concerns-view",
                                  "person", person.str(), AuditOutcome::kAllowed,
                                  "looked at the safeguarding concerns about the person");
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!recorded) return tl::unexpected(recorded.error());
  return out;
}

}  // namespace selfdirect::app
