#include "selfdirect/app/personal_assistants.h"

#include <fmt/format.h>

namespace selfdirect::app {
namespace {

tl::unexpected<Error> NoSuchAssistant() {
  return Fail(ErrorCode::kNotFound, "There is no personal assistant with this id for this person");
}

tl::unexpected<Error> Stale() {
  return Fail(ErrorCode::kConflict,
              "Someone else changed this while you were working on it. Reload the page to see "
              "what they recorded, then try again");
}

}  // namespace

Result<EmployerView> PersonalAssistants::Load(store::Transaction& tx, const CouncilId& council,
                                              const PersonId& person) {
  auto record = tx.Casework().FindPerson(council, person);
  if (!record) return tl::unexpected(record.error());
  if (!*record) return NoSuchPerson();
  EmployerView view;
  view.person = person;
  view.person_name = (*record)->person.FullName();
  view.today = clock_.Today();
  auto assistants = tx.PersonalAssistants().AssistantsOf(council, person);
  if (!assistants) return tl::unexpected(assistants.error());
  view.assistants = std::move(*assistants);
  auto duties = tx.PersonalAssistants().FindDuties(council, person);
  if (!duties) return tl::unexpected(duties.error());
  if (*duties) {
    view.duties = std::move(**duties);
  } else {
    view.duties.council = council;
    view.duties.employer = person;
  }
  auto settings = AdultSchemeSettings(tx, council);
  if (!settings) return tl::unexpected(settings.error());
  view.rules = {settings->pa_dbs_required, settings->pa_insurance_reminder_days};
  view.minimum_wage = casework::MinimumWageOn(view.today);
  view.attention = casework::NeedsAttention(view.assistants, view.duties, view.rules, view.today);
  return view;
}

Result<EmployerView> PersonalAssistants::Of(const Context& ctx, const PersonId& person) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPersonalAssistantsRead, person);
      !a) {
    return tl::unexpected(a.error());
  }
  std::optional<EmployerView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto view = Load(tx, ctx.actor.council_id, person);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    AuditEntry e = MakeAuditEntry(
        ctx, ctx.actor.council_id, clock_.Now(), "personal-assistants.read", "person", person.str(),
        AuditOutcome::kAllowed, "looked at the person's personal assistants");
    e.subject_person_id = person.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<EmployerView> PersonalAssistants::Mutate(const Context& ctx, const PersonId& person,
                                                const char* action, const Change& change) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPersonalAssistantsManage, person);
      !a) {
    return tl::unexpected(a.error());
  }
  std::optional<EmployerView> out;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto record = tx.Casework().FindPerson(ctx.actor.council_id, person);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    std::string summary;
    if (auto changed = change(tx, summary); !changed) return changed;
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), action, "person",
                                  person.str(), AuditOutcome::kAllowed, summary);
    e.subject_person_id = person.str();
    if (auto appended = tx.Audit().Append(e); !appended) return appended;
    auto view = Load(tx, ctx.actor.council_id, person);
    if (!view) return tl::unexpected(view.error());
    out = std::move(*view);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

Result<casework::PersonalAssistant> PersonalAssistants::FindOwn(
    store::Transaction& tx, const CouncilId& council, const PersonId& person,
    const casework::PersonalAssistantId& id) {
  auto found = tx.PersonalAssistants().FindAssistant(council, id);
  if (!found) return tl::unexpected(found.error());
  if (!*found || (*found)->employer != person) return NoSuchAssistant();
  return std::move(**found);
}

Result<EmployerView> PersonalAssistants::Add(const Context& ctx, const PersonId& person,
                                             const casework::PersonalAssistantRequest& request) {
  auto pa = casework::ValidatePersonalAssistant(request, clock_.Today());
  if (!pa) {
    // A denial comes before a bad form.
    if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPersonalAssistantsManage, person);
        !a) {
      return tl::unexpected(a.error());
    }
    return tl::unexpected(pa.error());
  }
  pa->council = ctx.actor.council_id;
  pa->id = casework::PersonalAssistantId(ids_.Next());
  pa->employer = person;
  pa->created_at = pa->updated_at = clock_.Now();
  pa->updated_by = ctx.actor.user_id;
  return Mutate(ctx, person, "personal-assistant.add",
                [&](store::Transaction& tx, std::string& summary) -> Status {
                  summary =
                      fmt::format("recorded a personal assistant ({} an hour, from {})",
                                  FormatPounds(pa->hourly_rate), FormatIsoDate(pa->starts_on));
                  return tx.PersonalAssistants().CreateAssistant(*pa);
                });
}

Result<EmployerView> PersonalAssistants::Update(const Context& ctx, const PersonId& person,
                                                const casework::PersonalAssistantId& id,
                                                const casework::PersonalAssistantRequest& request,
                                                std::int64_t revision) {
  auto next = casework::ValidatePersonalAssistant(request, clock_.Today());
  if (!next) {
    if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPersonalAssistantsManage, person);
        !a) {
      return tl::unexpected(a.error());
    }
    return tl::unexpected(next.error());
  }
  return Mutate(ctx, person, "personal-assistant.update",
                [&](store::Transaction& tx, std::string& summary) -> Status {
                  auto current = FindOwn(tx, ctx.actor.council_id, person, id);
                  if (!current) return tl::unexpected(current.error());
                  if (current->revision != revision) return Stale();
                  if (current->ends_on) {
                    return Fail(ErrorCode::kFailedPrecondition,
                                "This personal assistant has left; their record can no longer "
                                "be changed");
                  }
                  casework::PersonalAssistant pa = *next;
                  pa.council = current->council;
                  pa.id = current->id;
                  pa.employer = current->employer;
                  pa.created_at = current->created_at;
                  pa.updated_at = clock_.Now();
                  pa.updated_by = ctx.actor.user_id;
                  summary = fmt::format("changed a personal assistant's details ({} an hour)",
                                        FormatPounds(pa.hourly_rate));
                  return tx.PersonalAssistants().SaveAssistant(pa, revision);
                });
}

Result<EmployerView> PersonalAssistants::End(const Context& ctx, const PersonId& person,
                                             const casework::PersonalAssistantId& id,
                                             const std::string& ends_on, std::int64_t revision) {
  return Mutate(ctx, person, "personal-assistant.end",
                [&](store::Transaction& tx, std::string& summary) -> Status {
                  auto current = FindOwn(tx, ctx.actor.council_id, person, id);
                  if (!current) return tl::unexpected(current.error());
                  if (current->revision != revision) return Stale();
                  auto last = casework::ValidateEndDate(*current, ends_on, clock_.Today());
                  if (!last) return tl::unexpected(last.error());
                  casework::PersonalAssistant pa = *current;
                  pa.ends_on = *last;
                  pa.updated_at = clock_.Now();
                  pa.updated_by = ctx.actor.user_id;
                  summary = fmt::format("recorded a personal assistant's last day ({})",
                                        FormatIsoDate(*last));
                  return tx.PersonalAssistants().SaveAssistant(pa, revision);
                });
}

Result<EmployerView> PersonalAssistants::SaveDuties(const Context& ctx, const PersonId& person,
                                                    const casework::EmployerDutiesRequest& request,
                                                    std::int64_t revision) {
  auto duties = casework::ValidateEmployerDuties(request);
  if (!duties) {
    if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kPersonalAssistantsManage, person);
        !a) {
      return tl::unexpected(a.error());
    }
    return tl::unexpected(duties.error());
  }
  duties->council = ctx.actor.council_id;
  duties->employer = person;
  duties->updated_at = clock_.Now();
  duties->updated_by = ctx.actor.user_id;
  return Mutate(ctx, person, "employer-duties.update",
                [&](store::Transaction& tx, std::string& summary) -> Status {
                  summary = "updated the employer's checklist";
                  return tx.PersonalAssistants().SaveDuties(*duties, revision);
                });
}

Result<casework::Workforce> PersonalAssistants::Workforce(const Context& ctx) {
  if (auto a =
          Authorize(store_, clock_, ctx, Action::kPaWorkforceRead,
                    Resource::Council(ctx.actor.council_id), "council", ctx.actor.council_id.str());
      !a) {
    return tl::unexpected(a.error());
  }
  std::optional<casework::Workforce> out;
  auto s = store_.Read([&](store::Transaction& tx) -> Status {
    auto all = tx.PersonalAssistants().AllAssistants(ctx.actor.council_id);
    if (!all) return tl::unexpected(all.error());
    out = casework::SummariseWorkforce(*all, clock_.Today(), kWorkforceSmallestCount);
    return Ok();
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*out);
}

}  // namespace selfdirect::app
