// Casework use cases after sign-off: the budget in force and its statement, contributions,
// reviews and their schedule, closing a case.
#include <fmt/format.h>

#include "selfdirect/app/casework.h"
#include "selfdirect/app/payments.h"
#include "selfdirect/casework/codes.h"

namespace selfdirect::app {
namespace {

using casework::CaseEvent;

casework::ReviewRules RulesOf(const SchemeSettings& s) {
  casework::ReviewRules rules;
  rules.light_review_weeks = s.first_review_weeks;
  rules.interval_months = s.review_interval_months;
  return rules;
}

bool UsesDirectPayment(const casework::PlanContent& plan) {
  return std::any_of(plan.items.begin(), plan.items.end(), [](const casework::PlanItem& i) {
    return i.route == casework::PaymentRoute::kDirectPayment;
  });
}

}  // namespace

Result<std::optional<BudgetInForce>> Casework::InForce(store::Transaction& tx,
                                                       const CouncilId& council,
                                                       const PersonId& person) {
  auto approved = tx.Casework().ApprovedPlan(council, person);
  if (!approved) return tl::unexpected(approved.error());
  if (!*approved) return std::optional<BudgetInForce>();
  auto decisions = tx.Casework().DecisionsOf(council, (*approved)->id);
  if (!decisions) return tl::unexpected(decisions.error());
  for (auto it = decisions->rbegin(); it != decisions->rend(); ++it) {
    if (it->decision == "approve" && it->actual_annual) {
      const Date from = DayOf(it->decided_at);
      return std::optional<BudgetInForce>(BudgetInForce{std::move(**approved), *it, from});
    }
  }
  return Fail(ErrorCode::kInternal, "An approved plan has no approving decision");
}

Status Casework::ScheduleReview(store::Transaction& tx, const CouncilId& council,
                                const PersonId& person) {
  auto in_force = InForce(tx, council, person);
  if (!in_force) return tl::unexpected(in_force.error());
  if (!*in_force) return tx.Casework().SetReviewDue(council, person, std::nullopt);
  auto settings = AdultSchemeSettings(tx, council);
  if (!settings) return tl::unexpected(settings.error());
  auto reviews = tx.Casework().ReviewsOf(council, person);
  if (!reviews) return tl::unexpected(reviews.error());
  std::optional<Date> last;
  if (!reviews->empty()) last = reviews->front().content.held_on;
  const casework::ReviewDue due = casework::NextReview(
      RulesOf(*settings), (*in_force)->from, UsesDirectPayment((*in_force)->plan.content), last);
  return tx.Casework().SetReviewDue(council, person, due.due);
}

Result<casework::Review> Casework::RecordReview(const Context& ctx, const PersonId& id,
                                                const casework::ReviewRequest& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kCaseRecord, id); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<casework::Review> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    // Say first when there is nothing to review, before judging the answers.
    if (auto next = casework::Apply((*record)->state, CaseEvent::kReview); !next) {
      return tl::unexpected(next.error());
    }
    auto in_force = InForce(tx, ctx.actor.council_id, id);
    if (!in_force) return tl::unexpected(in_force.error());
    if (!*in_force) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "A review looks at a signed-off plan; there is none yet");
    }
    auto content = casework::ValidateReview(request, (*in_force)->plan.content, (*in_force)->from,
                                            clock_.Today());
    if (!content) return tl::unexpected(content.error());
    casework::Review review{ctx.actor.council_id, ReviewId(ids_.Next()), id,
                            (*in_force)->plan.id, std::move(*content),   clock_.Now(),
                            ctx.actor.user_id};
    int achieved = 0;
    for (const auto& o : review.content.outcomes) {
      if (o.rating == casework::OutcomeRating::kAchieved) ++achieved;
    }
    if (auto step = Step(
            tx, ctx, **record, CaseEvent::kReview,
            fmt::format("{} of {} outcomes achieved; {}", achieved, review.content.outcomes.size(),
                        casework::ReviewResultName(review.content.result)));
        !step) {
      return step;
    }
    if (auto added = tx.Casework().AddReview(review); !added) return added;
    if (auto scheduled = ScheduleReview(tx, ctx.actor.council_id, id); !scheduled) {
      return scheduled;
    }
    AuditEntry e = MakeAuditEntry(
        ctx, ctx.actor.council_id, clock_.Now(), "review.record", "review", review.id.str(),
        AuditOutcome::kAllowed,
        fmt::format("recorded a review held on {}: {}", FormatIsoDate(review.content.held_on),
                    casework::ReviewResultName(review.content.result)));
    e.subject_person_id = id.str();
    if (auto appended = tx.Audit().Append(e); !appended) return appended;
    out = std::move(review);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<BudgetView> Casework::Budget(const Context& ctx, const PersonId& id) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kBudgetRead, id); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<BudgetView> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    auto in_force = InForce(tx, ctx.actor.council_id, id);
    if (!in_force) return tl::unexpected(in_force.error());
    if (!*in_force) {
      return Fail(ErrorCode::kNotFound,
                  "There is no personal budget in place yet: it is set when the support plan "
                  "is signed off");
    }
    BudgetView view;
    view.person_name = (*record)->person.FullName();
    view.in_force = std::move(**in_force);
    auto contribution = tx.Casework().LatestContribution(ctx.actor.council_id, id);
    if (!contribution) return tl::unexpected(contribution.error());
    view.contribution = *contribution;
    auto settings = AdultSchemeSettings(tx, ctx.actor.council_id);
    if (!settings) return tl::unexpected(settings.error());
    auto statement = casework::MakeStatement(
        *view.in_force.decision.actual_annual, view.in_force.from, view.in_force.plan.content,
        view.contribution, view.in_force.decision.indicative_annual, settings->weeks_per_year);
    if (!statement) return tl::unexpected(statement.error());
    view.statement = std::move(*statement);
    auto reviews = tx.Casework().ReviewsOf(ctx.actor.council_id, id);
    if (!reviews) return tl::unexpected(reviews.error());
    view.reviews = std::move(*reviews);
    std::optional<Date> last;
    if (!view.reviews.empty()) last = view.reviews.front().content.held_on;
    view.next_review = casework::NextReview(RulesOf(*settings), view.in_force.from,
                                            UsesDirectPayment(view.in_force.plan.content), last);
    view.next_review_words = casework::DescribeDue(view.next_review->due, clock_.Today());
    out = std::move(view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  auto recorded = store_.Write([&](store::Transaction& tx) {
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "budget.read", "person", id.str(),
                       AuditOutcome::kAllowed, "looked at the personal budget statement");
    e.subject_person_id = id.str();
    return tx.Audit().Append(e);
  });
  if (!recorded) return tl::unexpected(recorded.error());
  return std::move(*out);
}

Result<casework::Contribution> Casework::RecordContribution(
    const Context& ctx, const PersonId& id, const casework::ContributionRequest& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kContributionRecord, id); !a) {
    return tl::unexpected(a.error());
  }
  auto contribution = casework::ValidateContribution(request, clock_.Today());
  if (!contribution) return tl::unexpected(contribution.error());
  contribution->council = ctx.actor.council_id;
  contribution->person = id;
  contribution->recorded_at = clock_.Now();
  contribution->recorded_by = ctx.actor.user_id;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    if (auto added = tx.Casework().AddContribution(*contribution); !added) return added;
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "contribution.record", "person",
                       id.str(), AuditOutcome::kAllowed,
                       fmt::format("recorded the person's contribution: {} a week ({})",
                                   FormatPounds(contribution->weekly), contribution->basis));
    e.subject_person_id = id.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*contribution);
}

Result<casework::Closure> Casework::CloseCase(const Context& ctx, const PersonId& id,
                                              const casework::ClosureRequest& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kCaseRecord, id); !a) {
    return tl::unexpected(a.error());
  }
  std::optional<casework::Closure> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    if (auto next = casework::Apply((*record)->state, CaseEvent::kClose); !next) {
      return tl::unexpected(next.error());
    }
    auto closure =
        casework::ValidateClosure(request, (*record)->person.date_of_birth, clock_.Today());
    if (!closure) return tl::unexpected(closure.error());
    closure->council = ctx.actor.council_id;
    closure->person = id;
    closure->recorded_at = clock_.Now();
    closure->recorded_by = ctx.actor.user_id;
    if (auto step =
            Step(tx, ctx, **record, CaseEvent::kClose,
                 fmt::format("{} from {}", closure->reason, FormatIsoDate(closure->effective_on)));
        !step) {
      return step;
    }
    if (auto added = tx.Casework().AddClosure(*closure); !added) return added;
    // The budget in payment ends with the case: later runs settle it (Payments::FinalAccount).
    if (auto ended = Payments::OnCaseClosed(tx, ctx.actor.council_id, id, closure->effective_on);
        !ended) {
      return ended;
    }
    if (auto due = tx.Casework().SetReviewDue(ctx.actor.council_id, id, std::nullopt); !due) {
      return due;
    }
    AuditEntry e =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "case.close", "person", id.str(),
                       AuditOutcome::kAllowed, fmt::format("closed the case: {}", closure->reason));
    e.subject_person_id = id.str();
    if (auto appended = tx.Audit().Append(e); !appended) return appended;
    out = std::move(*closure);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<std::vector<ReviewQueueEntry>> Casework::ReviewsQueue(const Context& ctx, ReviewQueue which,
                                                             const std::string& after, int limit,
                                                             int within_days) {
  if (auto d =
          Decide(ctx.actor, Action::kReviewsQueueRead, Resource::Council(ctx.actor.council_id));
      !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  const Date today = clock_.Today();
  casework::ReviewsDueQuery q;
  q.council = ctx.actor.council_id;
  q.due_by = which == ReviewQueue::kOverdue ? AddDays(today, -1)
                                            : AddDays(today, std::clamp(within_days, 0, 366));
  q.limit = std::clamp(limit, 1, 200);
  if (!after.empty()) {
    const auto slash = after.find('/');
    auto day = ParseIsoDate(after.substr(0, slash));
    if (slash == std::string::npos || !day) {
      return FailFields({{"after", "Use the `after` value the previous page gave"}});
    }
    q.after_due = *day;
    q.after_person = after.substr(slash + 1);
  }
  std::vector<ReviewQueueEntry> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto teams = tx.Casework().TeamsOf(ctx.actor.council_id, ctx.actor.user_id);
    if (!teams) return tl::unexpected(teams.error());
    q.teams = std::move(*teams);
    auto people = tx.Casework().ReviewsDue(q);
    if (!people) return tl::unexpected(people.error());
    for (auto& record : *people) {
      std::string words = casework::DescribeDue(*record.review_due, today);
      out.push_back({std::move(record), std::move(words)});
    }
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

}  // namespace selfdirect::app
