// Unpaid carers linked to a person's record.
#include <fmt/format.h>

#include "selfdirect/app/casework.h"
#include "selfdirect/casework/nhs_number.h"

namespace selfdirect::app {

Result<casework::CarerLink> Casework::AddCarer(const Context& ctx, const PersonId& id,
                                               const casework::CarerRequest& request) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kCaseRecord, id); !a) {
    return tl::unexpected(a.error());
  }
  auto carer = casework::ValidateCarer(request, clock_.Today());
  if (!carer) return tl::unexpected(carer.error());
  carer->council = ctx.actor.council_id;
  carer->id = CarerLinkId(ids_.Next());
  carer->person = id;
  carer->created_at = clock_.Now();
  carer->created_by = ctx.actor.user_id;
  auto s = store_.Write([&](store::Transaction& tx) -> Status {
    auto& cw = tx.Casework();
    auto record = cw.FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    if (const auto nhs = casework::NormaliseNhsNumber(request.nhs_number)) {
      auto found = cw.FindPersonByNhsNumber(ctx.actor.council_id, *nhs);
      if (!found) return tl::unexpected(found.error());
      if (*found && **found == id) {
        return FailFields({{"nhs_number",
                            "This is the person's own NHS number; enter their carer's, or leave it "
                            "blank"}});
      }
      if (*found) {
        auto own = cw.FindPerson(ctx.actor.council_id, **found);
        if (!own) return tl::unexpected(own.error());
        if (*own) {
          carer->carer_person = **found;
          carer->name = (*own)->person.FullName();
        }
      } else if (carer->name.empty()) {
        return FailFields({{"name",
                            "No record has this NHS number: enter the carer's name, and they are "
                            "recorded as known to the person only"}});
      }
    }
    if (auto added = cw.AddCarer(*carer); !added) return added;
    if ((*record)->person.has_unpaid_carer != "yes") {
      if (auto set = cw.SetHasUnpaidCarer(ctx.actor.council_id, id, "yes"); !set) return set;
    }
    if (auto event = cw.AddCaseEvent({ctx.actor.council_id, id, "carer_linked",
                                      casework::StageName((*record)->state.stage), clock_.Now(),
                                      ctx.actor.user_id, casework::DescribeCarer(*carer)});
        !event) {
      return event;
    }
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "carer.link", "person",
                                  id.str(), AuditOutcome::kAllowed,
                                  carer->carer_person ? "linked a carer's own record"
                                                      : "recorded a carer known to the person");
    e.subject_person_id = id.str();
    return tx.Audit().Append(e);
  });
  if (!s) return tl::unexpected(s.error());
  return std::move(*carer);
}

Status Casework::EndCarer(const Context& ctx, const PersonId& id, const CarerLinkId& carer) {
  if (auto a = AuthorizeOnPerson(store_, clock_, ctx, Action::kCaseRecord, id); !a) return a;
  return store_.Write([&](store::Transaction& tx) -> Status {
    auto& cw = tx.Casework();
    auto record = cw.FindPerson(ctx.actor.council_id, id);
    if (!record) return tl::unexpected(record.error());
    if (!*record) return NoSuchPerson();
    if (auto ended = cw.EndCarer(ctx.actor.council_id, id, carer, clock_.Now(), ctx.actor.user_id);
        !ended) {
      return ended;
    }
    if (auto event = cw.AddCaseEvent({ctx.actor.council_id, id, "carer_ended",
                                      casework::StageName((*record)->state.stage), clock_.Now(),
                                      ctx.actor.user_id, carer.str()});
        !event) {
      return event;
    }
    AuditEntry e = MakeAuditEntry(ctx, ctx.actor.council_id, clock_.Now(), "carer.end", "person",
                                  id.str(), AuditOutcome::kAllowed,
                                  "recorded that a carer no longer cares for the person");
    e.subject_person_id = id.str();
    return tx.Audit().Append(e);
  });
}

}  // namespace selfdirect::app
