#include "selfdirect/app/context.h"

namespace selfdirect::app {

std::string RoleList(const Actor& actor) {
  if (actor.is_operator) return "operator";
  std::string out;
  for (Role r : actor.roles) {
    if (!out.empty()) out += ',';
    out += RoleName(r);
  }
  return out;
}

AuditEntry MakeAuditEntry(const Context& ctx, const CouncilId& council, Timestamp at,
                          std::string action, std::string resource_type, std::string resource_id,
                          AuditOutcome outcome, std::string summary) {
  AuditEntry e;
  e.council_id = council;
  e.at = at;
  e.actor_user_id = ctx.actor.user_id.str();
  e.actor_roles = RoleList(ctx.actor);
  e.action = std::move(action);
  e.resource_type = std::move(resource_type);
  e.resource_id = std::move(resource_id);
  e.request_id = ctx.request_id;
  e.outcome = outcome;
  e.summary = std::move(summary);
  return e;
}

Status Authorize(store::Store& store, const Clock& clock, const Context& ctx, Action action,
                 const Resource& resource, const std::string& resource_type,
                 const std::string& resource_id) {
  const Decision decision = Decide(ctx.actor, action, resource);
  if (decision.allowed()) return Ok();
  if (ctx.actor.signed_in()) {
    // Recorded against the actor's own council: a probe of another council's records shows
    // up where the actor's council can see it.
    AuditEntry entry =
        MakeAuditEntry(ctx, ctx.actor.council_id, clock.Now(), ActionName(action), resource_type,
                       resource_id, AuditOutcome::kDenied, decision.reason);
    entry.subject_person_id = resource.person_id.str();  // the person sees the attempt too
    (void)store.Write([&](store::Transaction& tx) { return tx.Audit().Append(entry); });
  }
  return tl::unexpected(decision.AsError());
}

Result<Relationship> RelationshipTo(store::Transaction& tx, const Actor& actor,
                                    const PersonId& person, Date today) {
  Relationship r;
  if (!actor.signed_in() || actor.council_id.empty()) return r;
  auto user = tx.Access().FindUser(actor.council_id, actor.user_id);
  if (!user) return tl::unexpected(user.error());
  if (*user && (*user)->person_id == person.str()) r.self = true;
  auto grants = tx.Access().GrantsForPerson(actor.council_id, person);
  if (!grants) return tl::unexpected(grants.error());
  for (const auto& g : *grants) {
    if (g.grantee != actor.user_id || !g.ActiveOn(today)) continue;
    for (GrantScope s : g.scopes) {
      if (std::find(r.granted.begin(), r.granted.end(), s) == r.granted.end()) {
        r.granted.push_back(s);
      }
    }
  }
  r.in_council = true;  // the policy has already hidden other councils' records
  // A social worker's caseload: the people allocated to their teams, and those not allocated to
  // any team (so a council without teams works as one team).
  if (actor.Has(Role::kAssessor)) {
    auto record = tx.Casework().FindPerson(actor.council_id, person);
    if (!record) return tl::unexpected(record.error());
    if (*record && (*record)->team) {
      auto teams = tx.Casework().TeamsOf(actor.council_id, actor.user_id);
      if (!teams) return tl::unexpected(teams.error());
      r.in_caseload = std::find(teams->begin(), teams->end(), *(*record)->team) != teams->end();
    } else {
      r.in_caseload = true;
    }
  }
  // The safeguarding lead stands to the people their council's concerns are about.
  if (actor.Has(Role::kSafeguardingLead)) {
    auto concerns = tx.Safeguarding().ConcernsAbout(actor.council_id, person);
    if (!concerns) return tl::unexpected(concerns.error());
    r.concern_on_record = !concerns->empty();
  }
  return r;
}

Status AuthorizeOnPerson(store::Store& store, const Clock& clock, const Context& ctx, Action action,
                         const PersonId& person) {
  Relationship relationship;
  auto read = store.Read([&](store::Transaction& tx) -> Status {
    auto r = RelationshipTo(tx, ctx.actor, person, clock.Today());
    if (!r) return tl::unexpected(r.error());
    relationship = std::move(*r);
    return Ok();
  });
  if (!read) return read;
  return Authorize(store, clock, ctx, action,
                   Resource::Person(ctx.actor.council_id, person, relationship), "person",
                   person.str());
}

Status PermitInCouncil(const Context& ctx, Action action) {
  if (auto d = Decide(ctx.actor, action, Resource::Council(ctx.actor.council_id)); !d.allowed()) {
    return tl::unexpected(d.AsError());
  }
  return Ok();
}

tl::unexpected<Error> NoSuchPerson() {
  return Fail(ErrorCode::kNotFound, "There is no person with this id in the council's records");
}

Result<std::optional<Scheme>> AdultScheme(store::Transaction& tx, const CouncilId& council) {
  auto schemes = tx.Councils().ListSchemes(council);
  if (!schemes) return tl::unexpected(schemes.error());
  for (Scheme& s : *schemes) {
    if (s.kind == SchemeKind::kAdultSocialCare) return std::optional<Scheme>(std::move(s));
  }
  return std::optional<Scheme>();
}

Result<SchemeSettings> AdultSchemeSettings(store::Transaction& tx, const CouncilId& council) {
  auto scheme = AdultScheme(tx, council);
  if (!scheme) return tl::unexpected(scheme.error());
  return *scheme ? (*scheme)->settings : SchemeSettings{};
}

Result<std::string> UserName(store::Transaction& tx, const CouncilId& council, const UserId& id,
                             const std::string& when_none) {
  if (id.empty()) return when_none;
  auto user = tx.Access().FindUser(council, id);
  if (!user) return tl::unexpected(user.error());
  return *user ? (*user)->display_name : std::string("a former user");
}

}  // namespace selfdirect::app
